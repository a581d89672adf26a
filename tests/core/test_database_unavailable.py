"""PostgreSQL out of reach: a 503 problem with Retry-After, never a hang or a traceback."""

from carechart.core.config import Settings
from tests.conftest import TestUser, assert_problem, client_for, running_app


async def test_database_out_of_reach_answers_503_with_retry_after(
    settings: Settings, clinician: TestUser
) -> None:
    unreachable = "postgresql+asyncpg://postgres@127.0.0.1:1/nothing"
    async with running_app(settings, database_url=unreachable) as app, client_for(app) as client:
        response = await client.get("/patients", headers=clinician.headers)
        body = assert_problem(response, 503, "database-unavailable")
        assert response.headers["retry-after"].isdigit()
        assert "127.0.0.1" not in body["detail"]
        assert (await client.get("/health")).status_code == 200
