"""Liveness and readiness."""

import httpx

from carechart.core.config import Settings
from tests.conftest import client_for, running_app


async def test_liveness_answers_ok_without_touching_anything(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readiness_reports_both_backends_ok(client: httpx.AsyncClient) -> None:
    response = await client.get("/health/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"postgres": "ok", "redis": "ok"}}


async def test_readiness_is_503_and_names_redis_when_redis_is_unreachable(
    settings: Settings,
) -> None:
    async with (
        running_app(settings, redis_url="redis://127.0.0.1:1/0") as app,
        client_for(app) as client,
    ):
        response = await client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"] == {"postgres": "ok", "redis": "unavailable"}


async def test_readiness_is_503_and_names_postgres_when_postgres_is_unreachable(
    settings: Settings,
) -> None:
    unreachable = "postgresql+asyncpg://postgres@127.0.0.1:1/nothing"
    async with running_app(settings, database_url=unreachable) as app, client_for(app) as client:
        response = await client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"] == {"postgres": "unavailable", "redis": "ok"}
