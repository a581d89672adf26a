"""PostgreSQL out of reach: a 503 problem with Retry-After, never a hang or a traceback."""

import httpx

from carechart.core.config import Settings
from carechart.main import create_app
from tests.conftest import TestUser, assert_problem


async def test_database_out_of_reach_answers_503_with_retry_after(
    settings: Settings, clinician: TestUser
) -> None:
    broken = settings.model_copy(
        update={"database_url": "postgresql+asyncpg://postgres@127.0.0.1:1/nothing"}
    )
    app = create_app(broken)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            response = await client.get("/patients", headers=clinician.headers)
            body = assert_problem(response, 503, "database-unavailable")
            assert response.headers["retry-after"].isdigit()
            assert "127.0.0.1" not in body["detail"]
            assert (await client.get("/health")).status_code == 200
