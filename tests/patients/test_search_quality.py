"""Search quality: the benchmark's fifty misspelt names find their patient in the first ten.

A register drawn like the benchmark's (bench/generate.py: names from several cultures, a few
common and many rare, accents and apostrophes kept) and the benchmark's own typing mistakes
(a letter dropped, two swapped, one doubled, a vowel changed, in both words). A quality
check, not a timed one: the benchmark measures the same queries for speed at a million.
"""

import random
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from bench.generate import patient_rows
from bench.scenarios import misspelt_name
from tests.conftest import TestUser

REGISTER = 20_000
QUERIES = 50
SEED = 20261129
# The target (47 of the 50 at a million patients, recall@10).
LEAST_FOUND = 47

_INSERT = text(
    "INSERT INTO patient (id, mrn, given_name, family_name, date_of_birth, sex) "
    "SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:mrns AS text[]), "
    "CAST(:givens AS text[]), CAST(:families AS text[]), CAST(:born AS date[]), "
    "CAST(:sexes AS text[]))"
)


@pytest.fixture
async def register(app: FastAPI) -> list[tuple[str, str]]:
    """The register's (given, family) names, stored in one statement."""
    rows = list(patient_rows(REGISTER, SEED))
    async with app.state.engine.begin() as conn:
        # One statement for the whole register, on a machine that may be busy.
        await conn.execute(text("SET LOCAL statement_timeout = '120s'"))
        await conn.execute(
            _INSERT,
            {
                "ids": [r[0] for r in rows],
                "mrns": [r[1] for r in rows],
                "givens": [r[2] for r in rows],
                "families": [r[3] for r in rows],
                "born": [r[4] for r in rows],
                "sexes": [r[5] for r in rows],
            },
        )
    return [(r[2], r[3]) for r in rows]


def _queries(names: list[tuple[str, str]]) -> list[tuple[str, tuple[str, str]]]:
    """Fifty misspelt names with the name each one means, drawn as the benchmark draws them."""
    rng = random.Random(SEED)
    wanted = rng.sample(names, QUERIES)
    return [(misspelt_name(given, family, rng), (given, family)) for given, family in wanted]


async def _top_ten(client: httpx.AsyncClient, user: TestUser, q: str) -> list[dict[str, Any]]:
    response = await client.get("/patients", params={"q": q, "limit": 10}, headers=user.headers)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def test_fifty_misspelt_names_find_their_patient_in_the_first_ten(
    client: httpx.AsyncClient, clinician: TestUser, register: list[tuple[str, str]]
) -> None:
    queries = _queries(register)
    assert len({q for q, _ in queries}) >= QUERIES - 2  # fifty queries, not five repeated
    missed = []
    for q, (given, family) in queries:
        found = await _top_ten(client, clinician, q)
        # Namesakes are indistinguishable by name: any patient of that name is the answer.
        if (given, family) not in {(p["given_name"], p["family_name"]) for p in found}:
            missed.append(q)

    assert len(queries) - len(missed) >= LEAST_FOUND, missed
