"""Who gets in, over every operation the OpenAPI document lists (so a new route is covered).

Single cases live with their slices: tests/auth/test_token.py (expired, wrong signature,
alg=none, wrong audience or issuer, deleted or disabled user, role changed after issuance),
tests/auth/test_roles.py (the role matrix on patients), tests/audit/test_audit_trail.py (only
admins read the trail), tests/notes/api/test_read_list_delete.py (a note through another
patient's URL). This module sweeps the same rules across all operations at once.
"""

import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from carechart.auth.models import Role
from carechart.core.config import Settings
from tests.auth.test_token import FORGED, _forged
from tests.conftest import TestUser, assert_problem, insert_user
from tests.hardening.conftest import stored_state
from tests.summaries.conftest import patient_with_note, run_worker

PUBLIC = {
    ("get", "/health"),
    ("get", "/health/ready"),
    ("post", "/auth/token"),
    ("get", "/fhir/metadata"),
}
WRITES = {"post", "put", "patch", "delete"}
# `{user_id}` is another user (the admin who made the world): a user may read only themselves.
ADMIN_ONLY = {
    ("get", "/users"),
    ("post", "/users"),
    ("get", "/audit-events"),
    ("get", "/users/{user_id}"),
    ("patch", "/users/{user_id}"),
    ("delete", "/users/{user_id}"),
    ("post", "/users/{user_id}/password"),
}


async def _operations(client: httpx.AsyncClient) -> list[tuple[str, str]]:
    document = (await client.get("/openapi.json")).json()
    return sorted(
        (method, path)
        for path, item in document["paths"].items()
        for method in item
        if method in {"get", *WRITES}
    )


async def _world(client: httpx.AsyncClient, app: FastAPI, user: TestUser) -> dict[str, str]:
    """Two patients; the first with a note, a job and a summary."""
    patient, note = await patient_with_note(client, user)
    other, _ = await patient_with_note(client, user, mrn="OTHER-2", given_name="Other")
    job = (await client.get(f"/patients/{patient['id']}/summary", headers=user.headers)).json()
    await run_worker(app)
    summary = (await client.get(f"/patients/{patient['id']}/summary", headers=user.headers)).json()
    return {
        "patient_id": patient["id"],
        "other_id": other["id"],
        "note_id": note["id"],
        "job_id": job["job_id"],
        "summary_id": summary["id"],
        "user_id": str(user.id),
        "note_content": note["content"],
    }


BODIES: dict[str, Any] = {
    "/patients": {"given_name": "Eve", "family_name": "Intruder", "date_of_birth": "1990-01-01"},
    "/patients/{patient_id}": {
        "mrn": "INTRUDER-1",
        "given_name": "Eve",
        "family_name": "Intruder",
        "date_of_birth": "1990-01-01",
    },
    "/patients/{patient_id}/notes": {"taken_at": "2024-01-01", "content": "A: planted"},
    "/patients/{patient_id}/summary": {"force": True},
    "/users": {
        "email": "eve@example.org",
        "full_name": "Eve",
        "role": "admin",
        "password": "a-long-passphrase-please",
    },
    "/users/{user_id}/password": {"new_password": "a-long-passphrase-please"},
    "/fhir": {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {
                "resource": {
                    "resourceType": "Patient",
                    "identifier": [{"system": "urn:carechart:mrn", "value": "INTRUDER-2"}],
                    "name": [{"family": "Intruder", "given": ["Eve"]}],
                    "birthDate": "1990-01-01",
                },
                "request": {"method": "POST", "url": "Patient"},
            }
        ],
    },
}
# FHIR routes answer FHIR clients: their refusals are OperationOutcome, with the issue code.
FHIR_CODES = {401: "login", 403: "forbidden"}


def assert_refused(response: httpx.Response, path: str, status: int, slug: str) -> None:
    """A problem document with this slug, or under /fhir an OperationOutcome saying the same."""
    if not path.startswith("/fhir"):
        body = assert_problem(response, status)
        assert body["type"].endswith(slug), (path, body["type"])
        return
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/fhir+json")
    outcome = response.json()
    assert outcome["resourceType"] == "OperationOutcome"
    assert outcome["issue"][0]["code"] == FHIR_CODES[status], (path, outcome)


def _request(method: str, path: str, ids: dict[str, str]) -> dict[str, Any]:
    url = path.format(**ids)
    if path.startswith("/fhir/DocumentReference"):
        url += f"?patient={ids['patient_id']}"
    body = BODIES.get(path) if method in {"post", "put", "patch"} else None
    if method == "patch":
        body = {"role": "admin"} if path.startswith("/users") else {"family_name": "Intruder"}
    return {"method": method.upper(), "url": url, "json": body}


async def test_every_protected_operation_refuses_every_forged_token(
    client: httpx.AsyncClient, app: FastAPI, admin: TestUser, settings: Settings
) -> None:
    ids = await _world(client, app, admin)
    before = await stored_state(app)
    forged = _forged(settings, admin.id)
    refused = 0
    for method, path in await _operations(client):
        if (method, path) in PUBLIC:
            continue
        for kind in [*FORGED, None]:
            headers = {"Authorization": f"Bearer {forged[kind]}"} if kind else {}
            response = await client.request(**_request(method, path, ids), headers=headers)
            assert_refused(response, path, 401, "not-authenticated")
            assert response.headers["www-authenticate"] == "Bearer", (method, path, kind)
            assert ids["note_content"] not in response.text
            refused += 1
    assert refused >= 20 * len(FORGED)
    assert await stored_state(app) == before


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CLINICIAN])
async def test_a_role_never_does_what_it_may_not_on_any_operation(
    client: httpx.AsyncClient, app: FastAPI, admin: TestUser, role: Role
) -> None:
    ids = await _world(client, app, admin)
    user = await insert_user(app, role)
    before = await stored_state(app)
    forbidden = 0
    for method, path in await _operations(client):
        may = (method, path) not in ADMIN_ONLY and (role is Role.CLINICIAN or method not in WRITES)
        if (method, path) in PUBLIC or may:
            continue
        response = await client.request(**_request(method, path, ids), headers=user.headers)
        assert_refused(response, path, 403, "role-not-allowed")
        forbidden += 1
    assert forbidden >= (3 if role is Role.CLINICIAN else 9)
    assert await stored_state(app) == before


async def test_the_audit_trail_is_read_by_admins_only_and_by_no_other_route(
    client: httpx.AsyncClient, app: FastAPI, admin: TestUser, clinician: TestUser, viewer: TestUser
) -> None:
    ids = await _world(client, app, clinician)
    for user in (clinician, viewer):
        assert_problem(await client.get("/audit-events", headers=user.headers), 403)
    assert_problem(await client.get("/audit-events"), 401)
    assert (await client.get("/audit-events", headers=admin.headers)).status_code == 200
    async with app.state.engine.connect() as conn:
        some_event = (await conn.execute(text("SELECT id FROM audit_event LIMIT 1"))).scalar_one()
    for path in (f"/audit-events/{some_event}", f"/patients/{ids['patient_id']}/audit-events"):
        assert (await client.get(path, headers=admin.headers)).status_code in {404, 405}


SCOPED = [
    ("GET", "/patients/{other_id}/notes/{note_id}"),
    ("GET", "/patients/{other_id}/notes/{note_id}/file"),
    ("DELETE", "/patients/{other_id}/notes/{note_id}"),
    ("GET", "/patients/{other_id}/summaries/{summary_id}"),
]


@pytest.mark.parametrize(("method", "template"), SCOPED, ids=[f"{m} {t}" for m, t in SCOPED])
async def test_a_patients_records_are_never_reached_through_another_patients_url(
    client: httpx.AsyncClient,
    app: FastAPI,
    admin: TestUser,
    method: str,
    template: str,
) -> None:
    ids = await _world(client, app, admin)
    before = await stored_state(app)

    response = await client.request(method, template.format(**ids), headers=admin.headers)

    body = assert_problem(response, 404)
    assert body["type"].endswith(("note-not-found", "summary-not-found"))
    assert ids["note_content"][:20] not in response.text
    assert ids["patient_id"] not in response.text
    assert await stored_state(app) == before
    unknown = template.format(**{**ids, "other_id": str(uuid.uuid4())})
    assert_problem(await client.request(method, unknown, headers=admin.headers), 404)
