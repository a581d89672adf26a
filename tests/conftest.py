"""Shared fixtures: a migrated PostgreSQL test database, Redis, the app, clients per role."""

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from alembic.config import Config
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.engine import make_url

from alembic import command
from carechart.auth.models import Role
from carechart.core.config import Settings
from carechart.core.security import create_access_token, hash_password
from carechart.main import create_app
from carechart.notes.analysis import NoteProcessing
from tests import isolation, shared_samples

ROOT = Path(__file__).resolve().parent.parent

# Unique to this run and this xdist worker (see tests/isolation.py): runs never share state.
TEST_DATABASE_URL = isolation.database_url()
TEST_REDIS_URL = isolation.REDIS_URL
TEST_PASSWORD = "correct-horse-battery-staple"


def pytest_configure(config: pytest.Config) -> None:
    """In CI the shared sample notes must be there: without them their tests would skip and
    the run would pass having tested less (outside CI they skip, saying why)."""
    if shared_samples.in_ci() and shared_samples.missing():
        raise pytest.UsageError(f"CI=true and the {shared_samples.reason()}")


def pytest_report_header(config: pytest.Config) -> str | None:
    if shared_samples.missing():
        return f"{shared_samples.reason()}: the tests that read them will skip"
    return None


def alembic_config(database_url: str) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    config.attributes["database_url"] = database_url
    config.attributes["configure_logger"] = False
    return config


async def _recreate_database(url: str, *, create: bool = True) -> None:
    parsed = make_url(url)
    admin = await asyncpg.connect(
        host=parsed.host,
        port=parsed.port,
        user=parsed.username,
        password=parsed.password,
        database="postgres",
    )
    try:
        name = parsed.database
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            # Databases of earlier runs that were killed before they could drop their own.
            existing = [r["datname"] for r in await admin.fetch("SELECT datname FROM pg_database")]
            for stale in isolation.stale_databases(existing):
                await admin.execute(f'DROP DATABASE IF EXISTS "{stale}" WITH (FORCE)')
            await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()


def recreate_database(url: str) -> None:
    asyncio.run(_recreate_database(url))


def drop_database(url: str) -> None:
    asyncio.run(_recreate_database(url, create=False))


@pytest.fixture(scope="session")
def migrated_database() -> Iterator[str]:
    """A fresh test database with every migration applied, once per run; dropped at the end."""
    recreate_database(TEST_DATABASE_URL)
    command.upgrade(alembic_config(TEST_DATABASE_URL), "head")
    yield TEST_DATABASE_URL
    drop_database(TEST_DATABASE_URL)


@pytest.fixture(scope="session")
def settings(migrated_database: str) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=migrated_database,
        redis_url=TEST_REDIS_URL,
        log_level="INFO",
    )


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


TABLES_TO_KEEP = {"alembic_version"}


@pytest.fixture(autouse=True)
async def _clean_state(request: pytest.FixtureRequest) -> AsyncIterator[None]:
    """Each test starts from empty tables and an empty Redis database."""
    if "app" not in request.fixturenames:
        yield
        return
    application: FastAPI = request.getfixturevalue("app")
    async with application.state.engine.begin() as conn:
        names = (
            await conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
        ).scalars()
        tables = [n for n in names if n not in TABLES_TO_KEEP]
        if tables:
            await conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    await application.state.redis.flushdb()
    yield


def workers(app: FastAPI, settings: Settings) -> dict[str, Any]:
    """The app's worker pools, as the seed loader and the re-extraction take them."""
    return {
        "processing": NoteProcessing.configured(settings, app.state.cpu_pool),
        "passwords": app.state.passwords,
    }


@contextlib.asynccontextmanager
async def running_app(settings: Settings, **changes: Any) -> AsyncIterator[FastAPI]:
    """Another instance of the app, with some settings changed, its lifespan running."""
    application = create_app(settings.model_copy(update=changes))
    async with application.router.lifespan_context(application):
        yield application


@contextlib.asynccontextmanager
async def client_for(application: Any, **transport: Any) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client calling the app in process; `transport` as httpx.ASGITransport takes."""
    asgi = httpx.ASGITransport(app=application, **transport)
    async with httpx.AsyncClient(transport=asgi, base_url="http://testserver") as client:
        yield client


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(app) as c:
        yield c


_PASSWORD_HASH: str | None = None


def _password_hash() -> str:
    # Argon2 is slow by design: hash the shared test password once per run.
    global _PASSWORD_HASH
    if _PASSWORD_HASH is None:
        _PASSWORD_HASH = hash_password(TEST_PASSWORD)
    return _PASSWORD_HASH


@dataclass(frozen=True)
class TestUser:
    __test__ = False  # a fixture value, not a test class

    id: uuid.UUID
    email: str
    role: Role
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


async def insert_user(app: FastAPI, role: Role, *, email: str | None = None) -> TestUser:
    settings: Settings = app.state.settings
    user_id = uuid.uuid4()
    email = email or f"{role.value}-{user_id.hex[:8]}@example.org"
    async with app.state.engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO app_user (id, email, full_name, role, hashed_password, is_active) "
                "VALUES (:id, :email, :name, :role, :hash, true)"
            ),
            {
                "id": user_id,
                "email": email,
                "name": f"Test {role.value}",
                "role": role.value,
                "hash": _password_hash(),
            },
        )
    token = create_access_token(settings=settings, subject=user_id, role=role.value).token
    return TestUser(id=user_id, email=email, role=role, token=token)


@pytest.fixture
async def admin(app: FastAPI) -> TestUser:
    return await insert_user(app, Role.ADMIN)


@pytest.fixture
async def clinician(app: FastAPI) -> TestUser:
    return await insert_user(app, Role.CLINICIAN)


@pytest.fixture
async def viewer(app: FastAPI) -> TestUser:
    return await insert_user(app, Role.VIEWER)


async def create_patient(
    client: httpx.AsyncClient, user: TestUser, **overrides: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "given_name": "Ada",
        "family_name": "Lovelace",
        "date_of_birth": "1980-12-10",
        "sex": "female",
    }
    body.update(overrides)
    response = await client.post("/patients", json=body, headers=user.headers)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


def assert_problem(
    response: httpx.Response, status: int, slug: str | None = None
) -> dict[str, Any]:
    """The response is an RFC 9457 problem with this status (and problem type slug)."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert {"type", "title", "status", "detail", "instance"} <= body.keys()
    assert body["status"] == status
    if slug is not None:
        assert body["type"] == f"urn:carechart:problem:{slug}"
    return body


@pytest.fixture
def captured_logs(caplog: pytest.LogCaptureFixture) -> Callable[[], str]:
    """Returns everything logged so far in the test, rendered by the app's own JSON formatter."""
    caplog.set_level(logging.DEBUG)
    formatter = logging.getLogger().handlers[0].formatter
    assert formatter is not None

    def rendered() -> str:
        return "\n".join(formatter.format(record) for record in caplog.records)

    return rendered


async def walk_pages(
    client: httpx.AsyncClient, user: TestUser, path: str, params: dict[str, Any]
) -> list[dict[str, Any]]:
    """Every item of a cursor-paged listing, following `next_cursor` to the end."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    for _ in range(1000):
        page_params = {**params, "cursor": cursor} if cursor else params
        response = await client.get(path, params=page_params, headers=user.headers)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["has_more"] is (body["next_cursor"] is not None)
        items.extend(body["items"])
        if not body["has_more"]:
            return items
        cursor = body["next_cursor"]
    raise AssertionError("the listing never ended")
