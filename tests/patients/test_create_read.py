"""Creating and reading patients: fields, validation, server-assigned MRNs, age, unknown ids."""

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from tests.conftest import TestUser, assert_problem, create_patient

VALID: dict[str, Any] = {
    "mrn": "MRN-10001",
    "given_name": "Jonathan",
    "family_name": "Collins",
    "date_of_birth": "1987-05-23",
    "sex": "male",
}


def today() -> date:
    return datetime.now(UTC).date()


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


async def count_patients(app: FastAPI) -> int:
    async with app.state.engine.connect() as conn:
        return int((await conn.execute(text("SELECT count(*) FROM patient"))).scalar_one())


async def test_creating_a_patient_returns_it_with_location_and_etag(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    response = await client.post("/patients", json=VALID, headers=clinician.headers)

    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["location"] == f"/patients/{body['id']}"
    assert response.headers["etag"] == '"1"'
    assert {k: body[k] for k in VALID} == VALID
    assert body["name"] == "Jonathan Collins"
    assert body["version"] == 1
    assert set(body) == {
        "id",
        "mrn",
        "given_name",
        "family_name",
        "name",
        "date_of_birth",
        "age",
        "sex",
        "version",
        "created_at",
        "updated_at",
    }


async def test_a_created_patient_reads_back_the_same_with_its_etag(
    client: httpx.AsyncClient, clinician: TestUser, viewer: TestUser
) -> None:
    created = await create_patient(client, clinician, **VALID)

    response = await client.get(f"/patients/{created['id']}", headers=viewer.headers)

    assert response.status_code == 200
    assert response.json() == created
    assert response.headers["etag"] == '"1"'


async def test_the_server_assigns_distinct_mrns_when_none_is_given(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    first = await create_patient(client, clinician)
    second = await create_patient(client, clinician)

    assert re.fullmatch(r"[A-Za-z0-9-]{1,32}", first["mrn"])
    assert first["mrn"] != second["mrn"]


async def test_a_server_assigned_mrn_skips_one_a_client_already_took(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    async with app.state.engine.connect() as conn:
        upcoming = int((await conn.execute(text("SELECT nextval('patient_mrn_seq')"))).scalar_one())
    taken = f"CC-{upcoming + 1:08d}"
    await create_patient(client, clinician, mrn=taken)

    assigned = await create_patient(client, clinician)

    assert assigned["mrn"] == f"CC-{upcoming + 2:08d}"
    assert await count_patients(app) == 2


async def test_a_duplicate_mrn_is_a_conflict_and_changes_nothing(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    original = await create_patient(client, clinician, **VALID)

    response = await client.post(
        "/patients",
        json={**VALID, "given_name": "Other", "family_name": "Person"},
        headers=clinician.headers,
    )

    assert_problem(response, 409, "duplicate-mrn")
    assert await count_patients(app) == 1
    again = await client.get(f"/patients/{original['id']}", headers=clinician.headers)
    assert again.json() == original


@pytest.mark.parametrize("name", ["Zoë", "Nguyễn", "محمد", "José", "O'Brien-Smith", "李", "Łukasz"])
async def test_names_in_any_script_are_stored_as_given(
    client: httpx.AsyncClient, clinician: TestUser, name: str
) -> None:
    created = await create_patient(client, clinician, given_name=name, family_name=name)

    response = await client.get(f"/patients/{created['id']}", headers=clinician.headers)

    assert response.json()["given_name"] == name
    assert response.json()["family_name"] == name
    assert response.json()["name"] == f"{name} {name}"


async def test_names_are_trimmed_and_unicode_normalised(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    created = await create_patient(
        client, clinician, given_name="  Jose\u0301 ", family_name="\tCollins  "
    )

    assert created["given_name"] == "Jos\u00e9"
    assert created["family_name"] == "Collins"


async def test_a_name_of_exactly_100_characters_is_accepted(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    created = await create_patient(client, clinician, family_name="A" * 100)

    assert created["family_name"] == "A" * 100


@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("given_name", "", id="empty-name"),
        pytest.param("given_name", "   ", id="blank-name"),
        pytest.param("family_name", "A" * 101, id="name-too-long"),
        pytest.param("given_name", "Ada\x00", id="nul-in-name"),
        pytest.param("family_name", "Love\x07lace", id="bell-in-name"),
        pytest.param("family_name", "Love\nlace", id="newline-inside-name"),
        pytest.param("given_name", "A\u009bda", id="c1-control-in-name"),
        pytest.param("given_name", None, id="null-name"),
        pytest.param("given_name", 42, id="number-as-name"),
        pytest.param("mrn", "", id="empty-mrn"),
        pytest.param("mrn", "MRN 1", id="mrn-with-space"),
        pytest.param("mrn", "MRN_1", id="mrn-with-underscore"),
        pytest.param("mrn", "MRN/1", id="mrn-with-slash"),
        pytest.param("mrn", "Ä-1", id="mrn-non-ascii"),
        pytest.param("mrn", "M" * 33, id="mrn-too-long"),
        pytest.param("date_of_birth", "1899-12-31", id="born-before-1900"),
        pytest.param("date_of_birth", "not-a-date", id="malformed-date"),
        pytest.param("date_of_birth", "1990-02-30", id="impossible-date"),
        pytest.param("sex", "f", id="unknown-sex"),
        pytest.param("sex", "FEMALE", id="sex-wrong-case"),
    ],
)
async def test_an_invalid_field_is_refused_with_422_and_nothing_is_stored(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser, field: str, value: Any
) -> None:
    response = await client.post(
        "/patients", json={**VALID, field: value}, headers=clinician.headers
    )

    body = assert_problem(response, 422, "validation-error")
    assert ["body", field] in [e["loc"][:2] for e in body["errors"]]
    assert await count_patients(app) == 0


@pytest.mark.parametrize("days_ahead", [1, 400])
async def test_a_date_of_birth_in_the_future_is_refused(
    client: httpx.AsyncClient, clinician: TestUser, days_ahead: int
) -> None:
    future = (today() + timedelta(days=days_ahead)).isoformat()

    response = await client.post(
        "/patients", json={**VALID, "date_of_birth": future}, headers=clinician.headers
    )

    body = assert_problem(response, 422, "validation-error")
    assert body["errors"][0]["loc"] == ["body", "date_of_birth"]


@pytest.mark.parametrize("born", ["1900-01-01", "today"])
async def test_the_oldest_and_newest_dates_of_birth_are_accepted(
    client: httpx.AsyncClient, clinician: TestUser, born: str
) -> None:
    day = today().isoformat() if born == "today" else born

    created = await create_patient(client, clinician, date_of_birth=day)

    assert created["date_of_birth"] == day


@pytest.mark.parametrize("sex", ["female", "male", "other", "unknown", None])
async def test_every_allowed_sex_is_stored(
    client: httpx.AsyncClient, clinician: TestUser, sex: str | None
) -> None:
    created = await create_patient(client, clinician, sex=sex)

    assert created["sex"] == sex


async def test_sex_is_optional(client: httpx.AsyncClient, clinician: TestUser) -> None:
    body = {k: v for k, v in VALID.items() if k != "sex"}

    response = await client.post("/patients", json=body, headers=clinician.headers)

    assert response.status_code == 201
    assert response.json()["sex"] is None


# A server-owned field is a name of the API's own schemas, named back; an unknown key may be
# patient data, counted but not named.
@pytest.mark.parametrize(
    ("field", "where"),
    [
        ("id", ["body", "id"]),
        ("version", ["body", "version"]),
        ("created_at", ["body", "created_at"]),
        ("name", ["body", "name"]),
        ("age", ["body", "age"]),
        ("nickname", ["body"]),
    ],
)
async def test_unknown_or_server_owned_fields_are_refused(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser, field: str, where: list[str]
) -> None:
    response = await client.post("/patients", json={**VALID, field: "x"}, headers=clinician.headers)

    body = assert_problem(response, 422, "validation-error")
    assert where in [e["loc"] for e in body["errors"] if e["type"] == "extra_forbidden"]
    assert await count_patients(app) == 0


@pytest.mark.parametrize(("years", "birthday_passed"), [(30, True), (30, False), (0, True)])
async def test_age_is_whole_years_today(
    client: httpx.AsyncClient, clinician: TestUser, years: int, birthday_passed: bool
) -> None:
    born = years_before(today(), years)
    if not birthday_passed:
        born += timedelta(days=1)
    expected = years if birthday_passed else years - 1

    created = await create_patient(client, clinician, date_of_birth=born.isoformat())

    assert created["age"] == expected
    read = await client.get(f"/patients/{created['id']}", headers=clinician.headers)
    assert read.json()["age"] == expected


async def test_reading_an_unknown_patient_is_404(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    response = await client.get(
        "/patients/2f1c9a2e-0000-4000-8000-000000000000", headers=clinician.headers
    )

    body = assert_problem(response, 404, "patient-not-found")
    assert body["instance"] == "/patients/2f1c9a2e-0000-4000-8000-000000000000"


@pytest.mark.parametrize("patient_id", ["not-a-uuid", "123", "2f1c9a2e-0000-4000-8000-00000000000"])
async def test_reading_with_a_malformed_id_is_422(
    client: httpx.AsyncClient, clinician: TestUser, patient_id: str
) -> None:
    response = await client.get(f"/patients/{patient_id}", headers=clinician.headers)

    body = assert_problem(response, 422, "validation-error")
    assert body["errors"][0]["loc"] == ["path", "patient_id"]
