"""MRNs: one record whatever the letter case; automatic MRNs never collide with a client's."""

import httpx
from fastapi import FastAPI
from sqlalchemy import text

from tests.conftest import TestUser, assert_problem, create_patient


async def _upcoming_number(app: FastAPI) -> int:
    async with app.state.engine.connect() as conn:
        return int((await conn.execute(text("SELECT nextval('patient_mrn_seq')"))).scalar_one())


async def _count(app: FastAPI) -> int:
    async with app.state.engine.connect() as conn:
        return int((await conn.execute(text("SELECT count(*) FROM patient"))).scalar_one())


async def test_an_automatic_mrn_skips_a_long_run_of_numbers_clients_took_in_any_case(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    upcoming = await _upcoming_number(app)
    # More than the insert's retries: each taken number used to cost one failed attempt.
    for n in range(upcoming + 1, upcoming + 13):
        prefix = "cc" if n % 2 else "CC"
        await create_patient(client, clinician, mrn=f"{prefix}-{n:08d}")

    assigned = await create_patient(client, clinician)
    following = await create_patient(client, clinician)

    assert assigned["mrn"] == f"CC-{upcoming + 13:08d}"
    assert following["mrn"] == f"CC-{upcoming + 14:08d}"
    assert await _count(app) == 14


async def test_an_mrn_differing_only_by_case_is_a_duplicate(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    await create_patient(client, clinician, mrn="abc-777")

    response = await client.post(
        "/patients",
        json={
            "mrn": "ABC-777",
            "given_name": "B",
            "family_name": "C",
            "date_of_birth": "1970-02-01",
        },
        headers=clinician.headers,
    )

    assert_problem(response, 409, "duplicate-mrn")
    assert await _count(app) == 1


async def test_renaming_an_mrn_to_another_patients_in_another_case_is_a_duplicate(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    await create_patient(client, clinician, mrn="abc-777")
    other = await create_patient(client, clinician, mrn="XYZ-1")

    response = await client.patch(
        f"/patients/{other['id']}", json={"mrn": "Abc-777"}, headers=clinician.headers
    )

    assert_problem(response, 409, "duplicate-mrn")
    again = await client.get(f"/patients/{other['id']}", headers=clinician.headers)
    assert again.json()["mrn"] == "XYZ-1"


async def test_an_mrn_keeps_the_case_it_was_written_in_and_is_found_in_any_case(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    created = await create_patient(client, clinician, mrn="abc-777")
    await create_patient(client, clinician, mrn="abc-7770")

    by_filter = await client.get("/patients", params={"mrn": "ABC-777"}, headers=clinician.headers)
    by_search = await client.get("/patients", params={"q": "ABC-777"}, headers=clinician.headers)

    assert created["mrn"] == "abc-777"
    assert [p["id"] for p in by_filter.json()["items"]] == [created["id"]]
    assert by_search.json()["items"][0]["id"] == created["id"]
