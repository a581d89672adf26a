"""User management by admins: create, list, duplicates, password rules."""

from typing import Any

import httpx
import pytest

from tests.conftest import TestUser, assert_problem

NEW_USER: dict[str, Any] = {
    "email": "dr.rivera@example.org",
    "full_name": "Dr. Ana Rivera",
    "role": "clinician",
    "password": "a-long-passphrase-please",
}


async def test_an_admin_creates_a_user_who_can_then_sign_in_with_that_role(
    client: httpx.AsyncClient, admin: TestUser
) -> None:
    created = await client.post("/users", json=NEW_USER, headers=admin.headers)

    assert created.status_code == 201, created.text
    body = created.json()
    assert body["email"] == NEW_USER["email"]
    assert body["role"] == "clinician"
    assert body["is_active"] is True
    assert not any("password" in key for key in body)
    token = await client.post(
        "/auth/token", data={"username": NEW_USER["email"], "password": NEW_USER["password"]}
    )
    assert token.status_code == 200, token.text
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    me = await client.get("/auth/me", headers=headers)
    assert me.json()["id"] == body["id"]
    assert me.json()["role"] == "clinician"
    assert_problem(await client.get("/users", headers=headers), 403, "role-not-allowed")


async def test_an_admin_lists_every_user(
    client: httpx.AsyncClient, admin: TestUser, clinician: TestUser, viewer: TestUser
) -> None:
    response = await client.get("/users", headers=admin.headers)

    assert response.status_code == 200
    listed = {(u["id"], u["role"]) for u in response.json()["items"]}
    assert listed == {
        (str(admin.id), "admin"),
        (str(clinician.id), "clinician"),
        (str(viewer.id), "viewer"),
    }


@pytest.mark.parametrize("email", ["dr.rivera@example.org", "Dr.Rivera@Example.ORG"])
async def test_a_second_user_with_the_same_email_is_a_conflict(
    client: httpx.AsyncClient, admin: TestUser, email: str
) -> None:
    first = await client.post("/users", json=NEW_USER, headers=admin.headers)
    assert first.status_code == 201

    again = await client.post(
        "/users", json={**NEW_USER, "email": email, "role": "admin"}, headers=admin.headers
    )

    assert_problem(again, 409, "duplicate-email")
    users = (await client.get("/users", headers=admin.headers)).json()["items"]
    assert sorted(u["role"] for u in users) == ["admin", "clinician"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("password", "short-pw"),
        ("password", ""),
        ("email", "not-an-email"),
        ("role", "superuser"),
        ("full_name", "   "),
    ],
)
async def test_an_invalid_new_user_is_refused_with_422(
    client: httpx.AsyncClient, admin: TestUser, field: str, value: str
) -> None:
    response = await client.post("/users", json={**NEW_USER, field: value}, headers=admin.headers)

    body = assert_problem(response, 422, "validation-error")
    assert ["body", field] in [e["loc"] for e in body["errors"]]
    users = (await client.get("/users", headers=admin.headers)).json()["items"]
    assert [u["id"] for u in users] == [str(admin.id)]


async def test_a_new_user_body_with_unknown_fields_is_refused(
    client: httpx.AsyncClient, admin: TestUser
) -> None:
    response = await client.post(
        "/users", json={**NEW_USER, "is_active": False}, headers=admin.headers
    )

    body = assert_problem(response, 422, "validation-error")
    assert ["body", "is_active"] in [e["loc"] for e in body["errors"]]


@pytest.mark.parametrize("role", ["clinician", "viewer"])
async def test_listing_users_is_for_admins_only(
    client: httpx.AsyncClient, clinician: TestUser, viewer: TestUser, role: str
) -> None:
    user = clinician if role == "clinician" else viewer

    assert_problem(await client.get("/users", headers=user.headers), 403, "role-not-allowed")
