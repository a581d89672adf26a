"""Pathological searches, slow statements and a full pool (issue 10, item 2).

Before: a 200-letter `q` took 5-11 s at 100,000 patients, PostgreSQL had no statement timeout,
and with every pooled connection taken a plain read waited 30 s and failed with a 500. Now `q`
is bounded, every statement has a time limit, and both a cancelled statement and a full pool
answer 503 problem+json with `Retry-After`; nothing is changed.
"""

import contextlib
import time

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from tests.conftest import TestUser, assert_problem, client_for, create_patient, running_app


@pytest.mark.parametrize(
    ("q", "why"),
    [
        ("a" * 65, "longer than 64 characters"),
        ("ana maria jose " * 3, "more than 8 words"),
        ("   ", "blank"),
    ],
)
async def test_an_unbounded_name_search_is_refused_before_it_reaches_the_database(
    client: httpx.AsyncClient, clinician: TestUser, q: str, why: str
) -> None:
    response = await client.get("/patients", params={"q": q}, headers=clinician.headers)

    body = assert_problem(response, 422, "validation-error")
    assert body["errors"][0]["loc"] == ["query", "q"], why


async def test_a_search_of_punctuation_alone_finds_only_an_equal_mrn(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    await create_patient(client, clinician, given_name="Ana", family_name="Pérez")
    dashes = await create_patient(client, clinician, mrn="---")

    for q, expected in (("%", []), ("_", []), ("---", [dashes["id"]])):
        response = await client.get("/patients", params={"q": q}, headers=clinician.headers)
        assert response.status_code == 200
        assert [p["id"] for p in response.json()["items"]] == expected, q


async def test_a_statement_past_the_time_limit_is_cancelled_and_answered_503(
    app: FastAPI, clinician: TestUser
) -> None:
    settings = app.state.settings.model_copy(update={"database_statement_timeout_s": 0.5})
    async with running_app(settings) as limited, client_for(limited) as client:
        patient = await create_patient(client, clinician)
        url = f"/patients/{patient['id']}"
        async with app.state.engine.connect() as holder:
            # Another session holds the row: the update waits, past the statement time limit.
            await holder.execute(
                text("SELECT 1 FROM patient WHERE id = :id FOR UPDATE"), {"id": patient["id"]}
            )
            started = time.monotonic()
            response = await client.patch(
                url, json={"family_name": "Changed"}, headers=clinician.headers
            )
            waited = time.monotonic() - started

        body = assert_problem(response, 503, "database-busy")
        assert int(response.headers["Retry-After"]) > 0
        assert "retry" in body["detail"].lower()
        assert waited < 10
        read = await client.get(url, headers=clinician.headers)
        assert (read.json()["family_name"], read.json()["version"]) == ("Lovelace", 1)


async def test_a_full_connection_pool_is_answered_503_soon_not_a_500_after_30_s(
    app: FastAPI, clinician: TestUser
) -> None:
    settings = app.state.settings.model_copy(
        update={"database_pool_size": 1, "database_pool_timeout_s": 0.5}
    )
    async with running_app(settings) as tiny, client_for(tiny) as client:
        patient = await create_patient(client, clinician)
        url = f"/patients/{patient['id']}"
        async with contextlib.AsyncExitStack() as held:
            for _ in range(1):  # the pool (1), all taken: there is no overflow
                await held.enter_async_context(tiny.state.engine.connect())
            started = time.monotonic()
            response = await client.get(url, headers=clinician.headers)
            waited = time.monotonic() - started

        assert_problem(response, 503, "database-busy")
        assert int(response.headers["Retry-After"]) > 0
        assert waited < 10
        assert (await client.get(url, headers=clinician.headers)).status_code == 200
