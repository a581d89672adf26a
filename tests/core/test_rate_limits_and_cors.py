"""Rate limits on sign-in (brute force) and on new summary jobs (cost); CORS closed by default."""

import httpx
import pytest
from arq.connections import ArqRedis
from fastapi import FastAPI

from carechart.core.config import Settings
from carechart.core.deps import get_rate_limiter
from carechart.core.ratelimit import RateLimiter
from tests.conftest import (
    TEST_PASSWORD,
    TestUser,
    assert_problem,
    client_for,
    create_patient,
    running_app,
)


async def _sign_in(client: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    return await client.post("/auth/token", data={"username": email, "password": password})


async def test_repeated_wrong_passwords_are_throttled_with_retry_after(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    limit = app.state.settings.token_rate_limit_per_minute
    for _ in range(limit):
        assert (await _sign_in(client, clinician.email, "wrong-password")).status_code == 401
    blocked = await _sign_in(client, clinician.email, TEST_PASSWORD)
    body = assert_problem(blocked, 429, "rate-limited")
    assert 0 < int(blocked.headers["retry-after"]) <= 60
    assert clinician.email not in body["detail"]


async def test_throttling_one_account_does_not_lock_out_another_from_elsewhere(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser, viewer: TestUser
) -> None:
    limit = app.state.settings.token_rate_limit_per_minute
    for _ in range(limit + 1):
        await _sign_in(client, clinician.email, "wrong-password")
    # Same client address: its budget is spent too, so this is refused...
    assert (await _sign_in(client, viewer.email, TEST_PASSWORD)).status_code == 429
    # ...but from another address both accounts still sign in: the attacked account is slowed
    # down, never locked (anyone could lock its owner out by failing on purpose).
    async with client_for(app, client=("198.51.100.7", 40000)) as other:
        assert (await _sign_in(other, viewer.email, TEST_PASSWORD)).status_code == 200
        assert (await _sign_in(other, clinician.email, TEST_PASSWORD)).status_code == 200


async def test_redis_keys_of_the_limits_never_hold_the_email(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    await _sign_in(client, clinician.email, "wrong-password")
    keys = [k.decode() for k in await app.state.redis.keys("ratelimit:*")]
    assert keys
    assert not any(clinician.email in k or "example.org" in k for k in keys)


async def test_sign_in_keeps_working_while_the_limit_store_is_unreachable(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    # Limits fail open: a Redis outage must not lock everyone out. The limiter the routes are
    # given is replaced by one counting in a Redis that refuses connections.
    unreachable = ArqRedis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=1)
    app.dependency_overrides[get_rate_limiter] = lambda: RateLimiter(unreachable)
    try:
        limit = app.state.settings.token_rate_limit_per_minute
        for _ in range(limit + 1):
            assert (await _sign_in(client, clinician.email, "wrong-password")).status_code == 401
        assert (await _sign_in(client, clinician.email, TEST_PASSWORD)).status_code == 200
    finally:
        del app.dependency_overrides[get_rate_limiter]
        await unreachable.aclose()
    assert not await app.state.redis.keys("ratelimit:*")


async def test_new_summary_jobs_are_limited_per_user_but_cached_answers_are_not(
    client: httpx.AsyncClient, settings: Settings, clinician: TestUser
) -> None:
    async with (
        running_app(settings, summary_rate_limit_per_minute=2) as limited,
        client_for(limited) as api,
    ):
        patient = await create_patient(api, clinician)
        base = f"/patients/{patient['id']}/summary"
        assert (await api.get(f"{base}?length=brief", headers=clinician.headers)).status_code == 202
        assert (
            await api.get(f"{base}?length=detailed", headers=clinician.headers)
        ).status_code == 202
        # Asking again for a job already queued costs nothing.
        assert (await api.get(f"{base}?length=brief", headers=clinician.headers)).status_code == 202
        third = await api.get(f"{base}?audience=family", headers=clinician.headers)
        assert_problem(third, 429, "rate-limited")
        assert third.headers["retry-after"].isdigit()


async def test_cors_is_closed_by_default(client: httpx.AsyncClient) -> None:
    preflight = await client.options(
        "/patients",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
    )
    assert "access-control-allow-origin" not in preflight.headers
    simple = await client.get("/health", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in simple.headers


async def test_cors_allows_only_the_configured_origins(settings: Settings) -> None:
    async with (
        running_app(settings, cors_allow_origins=["https://ward.example"]) as opened,
        client_for(opened) as api,
    ):
        ok = await api.options(
            "/patients",
            headers={
                "Origin": "https://ward.example",
                "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "authorization",
            },
        )
        assert ok.headers["access-control-allow-origin"] == "https://ward.example"
        other = await api.get("/health", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_cors_origins_are_read_comma_separated_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CORS_ALLOW_ORIGINS", "https://a.example, https://b.example")
    assert Settings(_env_file=None).cors_allow_origins == ["https://a.example", "https://b.example"]
