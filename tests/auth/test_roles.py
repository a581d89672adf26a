"""What each role may do: admin everything, clinician reads and writes patients, viewer reads."""

from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from carechart.auth.models import Role
from tests.conftest import TestUser, assert_problem, create_patient, insert_user

REPLACEMENT = {
    "mrn": "MRN-ROLE-2",
    "given_name": "Grace",
    "family_name": "Hopper",
    "date_of_birth": "1906-12-09",
}

# (method, path, json body, status for admin, clinician, viewer); {id} is a stored patient.
MATRIX: list[tuple[str, str, dict[str, Any] | None, int, int, int]] = [
    ("GET", "/patients", None, 200, 200, 200),
    ("GET", "/patients/{id}", None, 200, 200, 200),
    ("POST", "/patients", {**REPLACEMENT, "mrn": "MRN-ROLE-3"}, 201, 201, 403),
    ("PUT", "/patients/{id}", REPLACEMENT, 200, 200, 403),
    ("PATCH", "/patients/{id}", {"family_name": "Byron"}, 200, 200, 403),
    ("DELETE", "/patients/{id}", None, 204, 204, 403),
    ("GET", "/users", None, 200, 403, 403),
    ("GET", "/audit-events", None, 200, 403, 403),
    ("GET", "/auth/me", None, 200, 200, 200),
]


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(
    ("method", "path", "body", "by_admin", "by_clinician", "by_viewer"),
    MATRIX,
    ids=[f"{m} {p}" for m, p, *_ in MATRIX],
)
async def test_each_role_gets_exactly_its_rights(
    client: httpx.AsyncClient,
    app: FastAPI,
    admin: TestUser,
    role: Role,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    by_admin: int,
    by_clinician: int,
    by_viewer: int,
) -> None:
    patient = await create_patient(client, admin, mrn="MRN-ROLE-1")
    user = admin if role is Role.ADMIN else await insert_user(app, role)
    expected = {Role.ADMIN: by_admin, Role.CLINICIAN: by_clinician, Role.VIEWER: by_viewer}[role]

    response = await client.request(
        method, path.format(id=patient["id"]), json=body, headers=user.headers
    )

    if expected == 403:
        assert_problem(response, 403, "role-not-allowed")
        after = await client.get(f"/patients/{patient['id']}", headers=admin.headers)
        assert after.json() == patient
        listed = await client.get("/patients?include_total=true", headers=admin.headers)
        assert listed.json()["total"] == 1
    else:
        assert response.status_code == expected, response.text


async def test_creating_users_is_for_admins_only(
    client: httpx.AsyncClient, clinician: TestUser, viewer: TestUser
) -> None:
    body = {
        "email": "new@example.org",
        "full_name": "New Person",
        "role": "admin",
        "password": "a-long-passphrase-please",
    }
    for user in (clinician, viewer):
        response = await client.post("/users", json=body, headers=user.headers)
        assert_problem(response, 403, "role-not-allowed")
    assert_problem(await client.post("/users", json=body), 401, "not-authenticated")
