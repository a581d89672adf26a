"""Security headers on every response: successes, problems, and unexpected failures."""

import httpx
import pytest

from tests.conftest import TestUser

EXPECTED = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
    "cross-origin-opener-policy": "same-origin",
}


@pytest.mark.parametrize(
    ("method", "path", "authenticated", "status"),
    [
        ("GET", "/health", False, 200),
        ("GET", "/patients", True, 200),
        ("GET", "/patients", False, 401),
        ("GET", "/no/such/route", False, 404),
        ("DELETE", "/patients", True, 405),
        ("GET", "/patients?limit=0", True, 422),
        ("GET", "/metrics", False, 200),
        ("GET", "/docs", False, 200),
    ],
)
async def test_every_response_carries_the_security_headers(
    client: httpx.AsyncClient,
    viewer: TestUser,
    method: str,
    path: str,
    authenticated: bool,
    status: int,
) -> None:
    headers = viewer.headers if authenticated else {}

    response = await client.request(method, path, headers=headers)

    assert response.status_code == status
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, name
    assert "x-request-id" in response.headers


async def test_a_patient_read_is_never_cached(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    created = await client.post(
        "/patients",
        json={"given_name": "Ada", "family_name": "Lovelace", "date_of_birth": "1980-12-10"},
        headers=clinician.headers,
    )

    response = await client.get(created.headers["location"], headers=clinician.headers)

    assert response.headers["cache-control"] == "no-store"
    assert response.headers.get_list("cache-control") == ["no-store"]
