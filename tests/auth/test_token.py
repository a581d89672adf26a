"""Signing in, and which bearer tokens the API accepts."""

import asyncio
import uuid
import warnings
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import jwt
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from carechart.auth.models import Role
from carechart.core.config import Settings
from carechart.core.security import AccessClaims, VerifiedTokens
from tests.conftest import TEST_PASSWORD, TestUser, assert_problem, insert_user


async def sign_in(client: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    return await client.post("/auth/token", data={"username": email, "password": password})


def claims(settings: Settings, user_id: uuid.UUID, **overrides: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    base: dict[str, Any] = {
        "sub": str(user_id),
        "role": "admin",
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "nbf": now,
        "exp": now + timedelta(minutes=5),
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def signed(settings: Settings, payload: dict[str, Any], key: str | None = None) -> str:
    return jwt.encode(payload, key or settings.secret_key.get_secret_value(), algorithm="HS256")


async def test_sign_in_returns_a_signed_bearer_token_for_the_user(
    client: httpx.AsyncClient, app: FastAPI, settings: Settings
) -> None:
    user = await insert_user(app, Role.CLINICIAN)

    response = await sign_in(client, user.email, TEST_PASSWORD)

    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == settings.access_token_expire_minutes * 60
    decoded = jwt.decode(
        body["access_token"],
        settings.secret_key.get_secret_value(),
        algorithms=["HS256"],
        audience=settings.jwt_audience,
        issuer=settings.jwt_issuer,
    )
    assert decoded["sub"] == str(user.id)
    assert decoded["exp"] - decoded["iat"] == body["expires_in"]
    me = await client.get("/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert me.json()["id"] == str(user.id)


async def test_sign_in_ignores_the_case_of_the_email(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    user = await insert_user(app, Role.VIEWER, email="mixed.case@example.org")

    response = await sign_in(client, " Mixed.Case@Example.org ", TEST_PASSWORD)

    assert response.status_code == 200, response.text
    me = await client.get(
        "/auth/me", headers={"Authorization": f"Bearer {response.json()['access_token']}"}
    )
    assert me.json()["id"] == str(user.id)


@pytest.mark.parametrize(
    ("email", "password", "disable"),
    [
        pytest.param("known", "wrong-password-123", False, id="wrong-password"),
        pytest.param("nobody@example.org", TEST_PASSWORD, False, id="unknown-user"),
        pytest.param("known", TEST_PASSWORD, True, id="disabled-user"),
    ],
)
async def test_sign_in_is_refused_with_401_and_a_bearer_challenge(
    client: httpx.AsyncClient, app: FastAPI, email: str, password: str, disable: bool
) -> None:
    user = await insert_user(app, Role.CLINICIAN)
    if disable:
        async with app.state.engine.begin() as conn:
            await conn.execute(
                text("UPDATE app_user SET is_active = false WHERE id = :id"), {"id": user.id}
            )

    response = await sign_in(client, user.email if email == "known" else email, password)

    body = assert_problem(response, 401, "invalid-credentials")
    assert response.headers["www-authenticate"] == "Bearer"
    assert "access_token" not in body


async def test_sign_in_without_a_password_is_a_validation_error(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/auth/token", data={"username": "a@example.org"})

    body = assert_problem(response, 422, "validation-error")
    assert ["body", "password"] in [e["loc"] for e in body["errors"]]


def _forged(settings: Settings, user_id: uuid.UUID) -> dict[str, str]:
    """Tokens that must all be refused, by name."""
    secret = settings.secret_key.get_secret_value()
    past = datetime.now(UTC) - timedelta(hours=2)
    return {
        "garbage": "not-a-jwt",
        "expired": signed(
            settings, claims(settings, user_id, iat=past, nbf=past, exp=past + timedelta(hours=1))
        ),
        "wrong-signature": signed(settings, claims(settings, user_id), key="x" * 40),
        "alg-none": jwt.encode(claims(settings, user_id), None, algorithm="none"),
        "alg-hs512": _hs512(claims(settings, user_id), secret),
        "wrong-audience": signed(settings, claims(settings, user_id, aud="someone-else")),
        "wrong-issuer": signed(settings, claims(settings, user_id, iss="evil")),
        "no-expiry": signed(settings, claims(settings, user_id, exp=None)),
        "not-yet-valid": signed(
            settings, claims(settings, user_id, nbf=datetime.now(UTC) + timedelta(hours=1))
        ),
        "subject-not-a-uuid": signed(settings, claims(settings, user_id, sub="admin")),
        "truncated": signed(settings, claims(settings, user_id))[:-4],
    }


def _hs512(payload: dict[str, Any], secret: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jwt.warnings.InsecureKeyLengthWarning)
        return jwt.encode(payload, secret, algorithm="HS512")


FORGED = [
    "garbage",
    "expired",
    "wrong-signature",
    "alg-none",
    "alg-hs512",
    "wrong-audience",
    "wrong-issuer",
    "no-expiry",
    "not-yet-valid",
    "subject-not-a-uuid",
    "truncated",
]


@pytest.mark.parametrize("kind", FORGED)
async def test_a_bad_token_is_refused_with_401_and_a_bearer_challenge(
    client: httpx.AsyncClient, admin: TestUser, settings: Settings, kind: str
) -> None:
    token = _forged(settings, admin.id)[kind]

    response = await client.get("/patients", headers={"Authorization": f"Bearer {token}"})

    assert_problem(response, 401, "not-authenticated")
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="no-header"),
        pytest.param({"Authorization": "Bearer "}, id="empty-token"),
        pytest.param({"Authorization": "Basic YWRtaW46YWRtaW4="}, id="basic-scheme"),
    ],
)
async def test_a_request_without_a_bearer_token_is_refused_with_401(
    client: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    response = await client.get("/patients", headers=headers)

    assert_problem(response, 401, "not-authenticated")
    assert response.headers["www-authenticate"] == "Bearer"


async def test_a_well_signed_token_is_accepted(
    client: httpx.AsyncClient, admin: TestUser, settings: Settings
) -> None:
    """The forged-token cases above only differ from this one in what they break."""
    token = signed(settings, claims(settings, admin.id))

    response = await client.get("/auth/me", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200


async def test_a_token_accepted_before_is_refused_once_it_expires(
    client: httpx.AsyncClient, admin: TestUser, settings: Settings
) -> None:
    # Verified once and kept (core/security.py): the expiry must still apply to the kept one.
    expires = datetime.now(UTC) + timedelta(seconds=2)
    token = signed(settings, claims(settings, admin.id, exp=expires))
    headers = {"Authorization": f"Bearer {token}"}
    assert (await client.get("/auth/me", headers=headers)).status_code == 200

    # JWT times are whole seconds: past the expiry by more than one.
    await asyncio.sleep((expires - datetime.now(UTC)).total_seconds() + 1.1)
    response = await client.get("/auth/me", headers=headers)

    assert_problem(response, 401, "not-authenticated")


def test_verified_tokens_are_kept_by_hash_within_a_bound_and_until_they_expire() -> None:
    kept = VerifiedTokens(size=2)
    user = uuid.uuid4()
    for token in ("a.b.c", "d.e.f", "g.h.i"):
        kept.put(token, AccessClaims(user, issued_at=100, expires_at=200))

    assert kept.get("a.b.c", now=150) is None  # the oldest went when a third came
    assert kept.get("g.h.i", now=150) == AccessClaims(user, issued_at=100, expires_at=200)
    assert kept.get("g.h.i", now=200) is None  # expired: forgotten, verified again if sent


async def test_the_token_of_a_deleted_user_is_refused(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    async with app.state.engine.begin() as conn:
        await conn.execute(text("DELETE FROM app_user WHERE id = :id"), {"id": clinician.id})

    response = await client.get("/patients", headers=clinician.headers)

    assert_problem(response, 401, "not-authenticated")
    assert response.headers["www-authenticate"] == "Bearer"


async def test_the_token_of_a_disabled_user_is_refused(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    async with app.state.engine.begin() as conn:
        await conn.execute(
            text("UPDATE app_user SET is_active = false WHERE id = :id"), {"id": clinician.id}
        )

    response = await client.get("/auth/me", headers=clinician.headers)

    assert_problem(response, 401, "not-authenticated")


async def _set_role(app: FastAPI, user: TestUser, role: Role) -> None:
    async with app.state.engine.begin() as conn:
        await conn.execute(
            text("UPDATE app_user SET role = :role WHERE id = :id"),
            {"role": role.value, "id": user.id},
        )


NEW_PATIENT = {"given_name": "Ada", "family_name": "Lovelace", "date_of_birth": "1980-12-10"}


async def test_a_promoted_user_gets_the_new_rights_with_the_old_token(
    client: httpx.AsyncClient, app: FastAPI, viewer: TestUser
) -> None:
    before = await client.post("/patients", json=NEW_PATIENT, headers=viewer.headers)
    assert_problem(before, 403, "role-not-allowed")

    await _set_role(app, viewer, Role.CLINICIAN)
    after = await client.post("/patients", json=NEW_PATIENT, headers=viewer.headers)

    assert after.status_code == 201, after.text


async def test_a_demoted_user_loses_rights_with_the_old_token(
    client: httpx.AsyncClient, app: FastAPI, admin: TestUser
) -> None:
    assert (await client.get("/users", headers=admin.headers)).status_code == 200

    await _set_role(app, admin, Role.VIEWER)

    assert_problem(await client.get("/users", headers=admin.headers), 403, "role-not-allowed")
    assert_problem(
        await client.post("/patients", json=NEW_PATIENT, headers=admin.headers),
        403,
        "role-not-allowed",
    )
    me = await client.get("/auth/me", headers=admin.headers)
    assert me.json()["role"] == "viewer"


async def test_me_describes_the_signed_in_user_without_secrets(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    response = await client.get("/auth/me", headers=clinician.headers)

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == str(clinician.id)
    assert body["email"] == clinician.email
    assert body["role"] == "clinician"
    assert body["is_active"] is True
    assert not any("password" in key for key in body)


async def test_me_needs_a_token(client: httpx.AsyncClient) -> None:
    assert_problem(await client.get("/auth/me"), 401, "not-authenticated")
