"""Sign-in limits that cannot be escaped by a forged X-Forwarded-For nor turned into a lockout."""

import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from carechart.core.config import Settings
from tests.conftest import TEST_PASSWORD, TestUser, assert_problem, client_for, running_app
from tests.deploy.files import dockerfile, final_stage
from tests.hardening.conftest import (
    VENV_BIN,
    free_port,
    spawn,
    stop,
    wait_for_port,
    worker_env,
)

SLOWDOWN_S = 0.5


async def _sign_in(
    client: httpx.AsyncClient, email: str, password: str, forwarded_for: str | None = None
) -> httpx.Response:
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return await client.post(
        "/auth/token", data={"username": email, "password": password}, headers=headers
    )


@pytest.fixture
async def behind_proxy(settings: Settings, app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """The API behind a reverse proxy on 127.0.0.1 (the test client's address), as configured."""
    changes = {"forwarded_allow_ips": ["127.0.0.1"], "sign_in_slowdown_s": SLOWDOWN_S}
    async with running_app(settings, **changes) as api, client_for(api) as client:
        yield client


async def test_by_default_a_rotated_forwarded_for_does_not_escape_the_address_limit(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    limit = app.state.settings.token_rate_limit_per_minute
    answers = [
        await _sign_in(client, f"nobody{i}@example.org", "wrong-password", f"203.0.113.{i}")
        for i in range(limit + 1)
    ]

    assert [a.status_code for a in answers[:limit]] == [401] * limit
    assert_problem(answers[limit], 429, "rate-limited")


async def test_behind_a_listed_proxy_each_forwarded_client_has_its_own_limit(
    behind_proxy: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    limit = app.state.settings.token_rate_limit_per_minute
    for _ in range(limit + 1):
        await _sign_in(behind_proxy, "nobody@example.org", "wrong-password", "203.0.113.7")

    elsewhere = await _sign_in(behind_proxy, clinician.email, TEST_PASSWORD, "198.51.100.20")

    assert elsewhere.status_code == 200
    assert_problem(await _sign_in(behind_proxy, clinician.email, TEST_PASSWORD, "203.0.113.7"), 429)


async def test_wrong_passwords_from_many_addresses_cannot_lock_the_owner_out(
    behind_proxy: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    limit = app.state.settings.token_rate_limit_per_minute
    for i in range(3 * limit):  # each attacker address stays under its own limit
        wrong = await _sign_in(behind_proxy, clinician.email, "guess", f"203.0.113.{i}")
        assert wrong.status_code == 401

    started = time.monotonic()
    owner = await _sign_in(behind_proxy, clinician.email, TEST_PASSWORD, "198.51.100.20")
    waited = time.monotonic() - started

    assert owner.status_code == 200, owner.text
    assert waited >= SLOWDOWN_S  # slowed down, as every attempt on the account now is


# --- The API as the image serves it -----------------------------------------------------------


def _image_command(port: int) -> list[str]:
    """The Dockerfile's CMD, listening on a free loopback port instead of 0.0.0.0:8000."""
    command = next(i for i in final_stage(dockerfile()) if i.keyword == "CMD").exec_form()
    host, bound = command.index("--host"), command.index("--port")
    command[host + 1], command[bound + 1] = "127.0.0.1", str(port)
    return [str(VENV_BIN / command[0]), *command[1:]]


async def test_the_served_api_ignores_a_forwarded_for_sent_over_loopback(
    settings: Settings, app: FastAPI, tmp_path: Path
) -> None:
    port = free_port()
    server = spawn(_image_command(port), worker_env(settings), tmp_path / "uvicorn.log")
    try:
        # Generous: a busy two-core machine may take a while to import the app.
        wait_for_port(port, process=server, timeout_s=90)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            limit = app.state.settings.token_rate_limit_per_minute
            statuses = [
                (await _sign_in(client, "x@example.org", "wrong", f"192.0.2.{i}")).status_code
                for i in range(limit + 1)
            ]
    finally:
        stop(server)

    assert statuses == [401] * limit + [429]
