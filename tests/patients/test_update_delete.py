"""Replacing, patching and deleting patients, with If-Match against lost updates."""

import asyncio
from datetime import datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from tests.conftest import TestUser, assert_problem, create_patient

REPLACEMENT: dict[str, Any] = {
    "mrn": "MRN-20002",
    "given_name": "Grace",
    "family_name": "Hopper",
    "date_of_birth": "1906-12-09",
    "sex": "female",
}


async def read(client: httpx.AsyncClient, user: TestUser, patient_id: str) -> httpx.Response:
    return await client.get(f"/patients/{patient_id}", headers=user.headers)


async def test_put_replaces_every_field_and_bumps_version_and_etag(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician, mrn="MRN-10001")

    response = await client.put(
        f"/patients/{patient['id']}",
        json=REPLACEMENT,
        headers={**clinician.headers, "If-Match": '"1"'},
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert {k: body[k] for k in REPLACEMENT} == REPLACEMENT
    assert body["name"] == "Grace Hopper"
    assert body["version"] == 2
    assert response.headers["etag"] == '"2"'
    assert body["created_at"] == patient["created_at"]
    assert datetime.fromisoformat(body["updated_at"]) > datetime.fromisoformat(
        patient["updated_at"]
    )
    stored = await read(client, clinician, patient["id"])
    assert stored.json() == body
    assert stored.headers["etag"] == '"2"'


async def test_put_without_sex_clears_it(client: httpx.AsyncClient, clinician: TestUser) -> None:
    patient = await create_patient(client, clinician, sex="female")
    body = {k: v for k, v in REPLACEMENT.items() if k != "sex"}

    response = await client.put(f"/patients/{patient['id']}", json=body, headers=clinician.headers)

    assert response.status_code == 200
    assert (await read(client, clinician, patient["id"])).json()["sex"] is None


@pytest.mark.parametrize("missing", ["mrn", "given_name", "family_name", "date_of_birth"])
async def test_put_needs_the_full_representation(
    client: httpx.AsyncClient, clinician: TestUser, missing: str
) -> None:
    patient = await create_patient(client, clinician)
    body = {k: v for k, v in REPLACEMENT.items() if k != missing}

    response = await client.put(f"/patients/{patient['id']}", json=body, headers=clinician.headers)

    problem = assert_problem(response, 422, "validation-error")
    assert ["body", missing] in [e["loc"] for e in problem["errors"]]
    assert (await read(client, clinician, patient["id"])).json() == patient


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("if_match", ['"2"', 'W/"1"', '"0", "3"'])
async def test_a_stale_if_match_is_412_and_changes_nothing(
    client: httpx.AsyncClient, clinician: TestUser, method: str, if_match: str
) -> None:
    patient = await create_patient(client, clinician)
    body = {"PUT": REPLACEMENT, "PATCH": {"family_name": "Byron"}, "DELETE": None}[method]

    response = await client.request(
        method,
        f"/patients/{patient['id']}",
        json=body,
        headers={**clinician.headers, "If-Match": if_match},
    )

    assert_problem(response, 412, "stale-etag")
    after = await read(client, clinician, patient["id"])
    assert after.status_code == 200
    assert after.json() == patient


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("if_match", ["1", "null", '"1"x', '"1",'])
async def test_a_malformed_if_match_is_a_validation_error_and_changes_nothing(
    client: httpx.AsyncClient, clinician: TestUser, method: str, if_match: str
) -> None:
    """Not an entity-tag at all (RFC 9110): the schema says so, and the request is refused
    as invalid rather than judged stale."""
    patient = await create_patient(client, clinician)
    body = {"PUT": REPLACEMENT, "PATCH": {"family_name": "Byron"}, "DELETE": None}[method]

    response = await client.request(
        method,
        f"/patients/{patient['id']}",
        json=body,
        headers={**clinician.headers, "If-Match": if_match},
    )

    problem = assert_problem(response, 422, "validation-error")
    assert ["header", "If-Match"] in [e["loc"] for e in problem["errors"]]
    assert (await read(client, clinician, patient["id"])).json() == patient


def test_if_match_is_published_as_an_entity_tag_list_never_null(app: FastAPI) -> None:
    operations = app.openapi()["paths"]["/patients/{patient_id}"]
    for method in ("put", "patch", "delete"):
        [header] = [p for p in operations[method]["parameters"] if p["name"] == "If-Match"]
        assert header["schema"]["type"] == "string"
        assert "anyOf" not in header["schema"]
        assert header["schema"]["pattern"].startswith("^")


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
@pytest.mark.parametrize("if_match", ['"1"', "*", '"7", "1"'])
async def test_a_matching_if_match_lets_the_update_through(
    client: httpx.AsyncClient, clinician: TestUser, method: str, if_match: str
) -> None:
    patient = await create_patient(client, clinician)
    body = REPLACEMENT if method == "PUT" else {"family_name": "Hopper"}

    response = await client.request(
        method,
        f"/patients/{patient['id']}",
        json=body,
        headers={**clinician.headers, "If-Match": if_match},
    )

    assert response.status_code == 200, response.text
    assert response.json()["family_name"] == "Hopper"
    assert response.headers["etag"] == '"2"'


async def test_an_etag_from_a_read_guards_the_next_write(
    client: httpx.AsyncClient, clinician: TestUser, admin: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    etag = (await read(client, clinician, patient["id"])).headers["etag"]
    first = await client.patch(
        f"/patients/{patient['id']}",
        json={"given_name": "Augusta"},
        headers={**admin.headers, "If-Match": etag},
    )
    assert first.status_code == 200

    second = await client.patch(
        f"/patients/{patient['id']}",
        json={"given_name": "Adelaide"},
        headers={**clinician.headers, "If-Match": etag},
    )

    assert_problem(second, 412, "stale-etag")
    assert (await read(client, clinician, patient["id"])).json()["given_name"] == "Augusta"


async def test_concurrent_writers_with_the_same_etag_cannot_both_win(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)

    responses = await asyncio.gather(
        *(
            client.patch(
                f"/patients/{patient['id']}",
                json={"given_name": f"Writer{i}"},
                headers={**clinician.headers, "If-Match": '"1"'},
            )
            for i in range(4)
        )
    )

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200, 412, 412, 412]
    winner = next(r for r in responses if r.status_code == 200).json()
    stored = (await read(client, clinician, patient["id"])).json()
    assert stored["given_name"] == winner["given_name"]
    assert stored["version"] == 2


async def test_patch_changes_only_the_fields_sent(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician, mrn="MRN-10001", sex="female")

    response = await client.patch(
        f"/patients/{patient['id']}", json={"family_name": "King"}, headers=clinician.headers
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["family_name"] == "King"
    assert body["name"] == "Ada King"
    unchanged = ("mrn", "given_name", "date_of_birth", "sex", "created_at", "id")
    assert {k: body[k] for k in unchanged} == {k: patient[k] for k in unchanged}
    assert body["version"] == 2
    assert response.headers["etag"] == '"2"'
    assert (await read(client, clinician, patient["id"])).json() == body


async def test_patch_with_sex_null_clears_it(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician, sex="female")

    response = await client.patch(
        f"/patients/{patient['id']}", json={"sex": None}, headers=clinician.headers
    )

    assert response.status_code == 200
    assert (await read(client, clinician, patient["id"])).json()["sex"] is None


@pytest.mark.parametrize("field", ["mrn", "given_name", "family_name", "date_of_birth"])
async def test_patch_cannot_null_a_required_field(
    client: httpx.AsyncClient, clinician: TestUser, field: str
) -> None:
    patient = await create_patient(client, clinician)

    response = await client.patch(
        f"/patients/{patient['id']}", json={field: None}, headers=clinician.headers
    )

    assert_problem(response, 422, "validation-error")
    assert (await read(client, clinician, patient["id"])).json() == patient


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"given_name": "  "}, id="blank-name"),
        pytest.param({"given_name": "A\x00"}, id="nul-in-name"),
        pytest.param({"date_of_birth": "2999-01-01"}, id="future-birth"),
        pytest.param({"mrn": "bad mrn"}, id="bad-mrn"),
        pytest.param({"version": 9}, id="server-owned-field"),
        pytest.param({"nickname": "Ada"}, id="unknown-field"),
    ],
)
async def test_patch_validates_like_create(
    client: httpx.AsyncClient, clinician: TestUser, body: dict[str, Any]
) -> None:
    patient = await create_patient(client, clinician)

    response = await client.patch(
        f"/patients/{patient['id']}", json=body, headers=clinician.headers
    )

    assert_problem(response, 422, "validation-error")
    assert (await read(client, clinician, patient["id"])).json() == patient


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
async def test_taking_another_patients_mrn_is_a_conflict_and_changes_nothing(
    client: httpx.AsyncClient, clinician: TestUser, method: str
) -> None:
    first = await create_patient(client, clinician, mrn="MRN-1")
    second = await create_patient(client, clinician, mrn="MRN-2", given_name="Grace")
    body = {**REPLACEMENT, "mrn": "MRN-1"} if method == "PUT" else {"mrn": "MRN-1"}

    response = await client.request(
        method, f"/patients/{second['id']}", json=body, headers=clinician.headers
    )

    assert_problem(response, 409, "duplicate-mrn")
    assert (await read(client, clinician, second["id"])).json() == second
    assert (await read(client, clinician, first["id"])).json() == first


async def test_an_update_keeping_the_own_mrn_is_no_conflict(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician, mrn="MRN-1")

    response = await client.put(
        f"/patients/{patient['id']}",
        json={**REPLACEMENT, "mrn": "MRN-1"},
        headers=clinician.headers,
    )

    assert response.status_code == 200


async def test_an_update_is_found_by_search_under_the_new_name(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician, given_name="Ada", family_name="Lovelace")
    await client.patch(
        f"/patients/{patient['id']}", json={"family_name": "Quimby"}, headers=clinician.headers
    )

    found = await client.get("/patients", params={"q": "quimby"}, headers=clinician.headers)
    gone = await client.get("/patients", params={"q": "lovelace"}, headers=clinician.headers)

    assert [p["id"] for p in found.json()["items"]] == [patient["id"]]
    assert gone.json()["items"] == []


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
async def test_writing_an_unknown_patient_is_404(
    client: httpx.AsyncClient, clinician: TestUser, method: str
) -> None:
    body = {"PUT": REPLACEMENT, "PATCH": {"family_name": "X"}, "DELETE": None}[method]

    response = await client.request(
        method,
        "/patients/2f1c9a2e-0000-4000-8000-000000000000",
        json=body,
        headers=clinician.headers,
    )

    assert_problem(response, 404, "patient-not-found")


async def test_deleting_a_patient_removes_it_from_reads_and_lists(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    kept = await create_patient(client, clinician, given_name="Kept")
    patient = await create_patient(client, clinician)

    response = await client.delete(
        f"/patients/{patient['id']}", headers={**clinician.headers, "If-Match": '"1"'}
    )

    assert response.status_code == 204
    assert response.content == b""
    assert_problem(await read(client, clinician, patient["id"]), 404, "patient-not-found")
    listed = await client.get("/patients", headers=clinician.headers)
    assert [p["id"] for p in listed.json()["items"]] == [kept["id"]]
    async with app.state.engine.connect() as conn:
        actions = (
            await conn.execute(
                text(
                    "SELECT action, outcome FROM audit_event WHERE resource_id = :id "
                    "AND action = 'delete'"
                ),
                {"id": patient["id"]},
            )
        ).all()
    assert [tuple(a) for a in actions] == [("delete", "success")]


async def test_deleting_twice_is_404_the_second_time(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    assert (
        await client.delete(f"/patients/{patient['id']}", headers=clinician.headers)
    ).status_code == 204

    again = await client.delete(f"/patients/{patient['id']}", headers=clinician.headers)

    assert_problem(again, 404, "patient-not-found")


async def test_a_deleted_patients_mrn_can_be_used_again(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician, mrn="MRN-REUSE")
    await client.delete(f"/patients/{patient['id']}", headers=clinician.headers)

    again = await client.post(
        "/patients", json={**REPLACEMENT, "mrn": "MRN-REUSE"}, headers=clinician.headers
    )

    assert again.status_code == 201
