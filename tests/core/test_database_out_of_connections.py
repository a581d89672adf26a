"""PostgreSQL refusing another connection (too many connections): a 503 to retry, not a 500."""

import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from carechart.core.config import Settings
from tests.conftest import TestUser, assert_problem, client_for, running_app


@pytest.fixture
async def role_without_connections(settings: Settings) -> AsyncIterator[str]:
    """A login role PostgreSQL lets open no connection at all (CONNECTION LIMIT 0)."""
    name = f"carechart_full_{uuid.uuid4().hex[:12]}"
    url = make_url(settings.database_url)
    admin = await asyncpg.connect(
        host=url.host, port=url.port, user=url.username, database=url.database
    )
    try:
        await admin.execute(f'CREATE ROLE "{name}" LOGIN CONNECTION LIMIT 0')
        yield url.set(username=name).render_as_string(hide_password=False)
    finally:
        await admin.execute(f'DROP ROLE IF EXISTS "{name}"')
        await admin.close()


async def test_a_database_with_no_connection_to_spare_answers_503_with_retry_after(
    settings: Settings, clinician: TestUser, role_without_connections: str
) -> None:
    async with (
        running_app(settings, database_url=role_without_connections) as app,
        client_for(app) as client,
    ):
        response = await client.get("/patients", headers=clinician.headers)
        body = assert_problem(response, 503, "database-busy")
        assert response.headers["retry-after"].isdigit()
        assert "carechart_full" not in body["detail"]
        assert (await client.get("/health")).status_code == 200
