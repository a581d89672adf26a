"""deploy/init.sh, run natively as the containers run it, against a blank database."""

import asyncio
import json
import os
import sys
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import pytest
from alembic.script import ScriptDirectory
from sqlalchemy.engine import URL, make_url

from carechart.models import metadata
from tests.conftest import TEST_DATABASE_URL, TEST_REDIS_URL, alembic_config
from tests.deploy.files import ROOT

SCRIPT = ROOT / "deploy" / "init.sh"
ADMIN_EMAIL = "init-script@carechart.local"
# What the image's PATH gives: this environment's python and console scripts first.
VENV_BIN = str(Path(sys.executable).parent)


@dataclass(frozen=True)
class Run:
    code: int
    output: str


async def run_script(database_url: str, **extra: str) -> Run:
    # Everything the script reads is set here, so a developer's .env cannot change the outcome.
    env = {
        **os.environ,
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "DATABASE_URL": database_url,
        "REDIS_URL": TEST_REDIS_URL,
        "ENVIRONMENT": "development",
        "LOG_LEVEL": "INFO",
        "ADMIN_EMAIL": ADMIN_EMAIL,
        "ADMIN_PASSWORD": "init-script-passphrase",
        "OCR_ENABLED": "false",
        "SEED_SAMPLE_DATA": "true",
        "DB_WAIT_S": "30",
        **extra,
    }
    process = await asyncio.create_subprocess_exec(
        "bash",
        str(SCRIPT),
        env=env,
        cwd="/",  # the script finds the project from its own path
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=180)
    assert process.returncode is not None
    return Run(process.returncode, output.decode(errors="replace"))


async def _admin_connection(url: URL) -> asyncpg.Connection:
    return await asyncpg.connect(
        host=url.host, port=url.port, user=url.username, password=url.password, database="postgres"
    )


@asynccontextmanager
async def _blank_database() -> AsyncIterator[str]:
    """The URL of a database that does not exist yet; dropped afterwards."""
    url = make_url(TEST_DATABASE_URL).set(database=f"carechart_init_{uuid.uuid4().hex[:12]}")
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        admin = await _admin_connection(url)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')
        finally:
            await admin.close()


@pytest.fixture
async def blank_database() -> AsyncIterator[str]:
    async with _blank_database() as url:
        yield url


@dataclass(frozen=True)
class TwoRuns:
    database_url: str
    first: Run
    second: Run
    after_first: dict[str, int]
    after_second: dict[str, int]


@pytest.fixture(scope="module")
async def ran_twice() -> AsyncIterator[TwoRuns]:
    """The script run twice on one blank database (each run takes seconds: shared)."""
    async with _blank_database() as url:
        first = await run_script(url)
        after_first = await _row_counts(url) if first.code == 0 else {}
        second = await run_script(url)
        after_second = await _row_counts(url) if second.code == 0 else {}
        yield TwoRuns(url, first, second, after_first, after_second)


async def _row_counts(database_url: str) -> dict[str, int]:
    url = make_url(database_url)
    conn = await asyncpg.connect(
        host=url.host,
        port=url.port,
        user=url.username,
        password=url.password,
        database=url.database,
    )
    try:
        tables = await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return {
            row["tablename"]: await conn.fetchval(f'SELECT count(*) FROM "{row["tablename"]}"')
            for row in tables
        }
    finally:
        await conn.close()


async def _fetch(database_url: str, sql: str) -> list[asyncpg.Record]:
    url = make_url(database_url)
    conn = await asyncpg.connect(
        host=url.host,
        port=url.port,
        user=url.username,
        password=url.password,
        database=url.database,
    )
    try:
        return list(await conn.fetch(sql))
    finally:
        await conn.close()


def _sample_patient_count() -> int:
    return len(json.loads((ROOT / "seed" / "patients.json").read_text(encoding="utf-8")))


async def test_a_blank_database_is_created_migrated_and_seeded(ran_twice: TwoRuns) -> None:
    url, run, counts = ran_twice.database_url, ran_twice.first, ran_twice.after_first

    assert run.code == 0, run.output
    assert "creating the database" in run.output
    assert set(metadata.tables) <= set(counts)
    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    versions = await _fetch(url, "SELECT version_num FROM alembic_version")
    assert [v["version_num"] for v in versions] == [head]
    admins = await _fetch(url, "SELECT email, role FROM app_user")
    assert [(a["email"], a["role"]) for a in admins] == [(ADMIN_EMAIL, "admin")]
    assert counts["patient"] == _sample_patient_count() > 0


async def test_running_it_again_succeeds_and_duplicates_nothing(ran_twice: TwoRuns) -> None:
    before, after = ran_twice.after_first, ran_twice.after_second

    assert ran_twice.second.code == 0, ran_twice.second.output
    assert "creating the database" not in ran_twice.second.output
    # The audit trail may record the second run's look-ups; nothing else may grow.
    assert {t: n for t, n in after.items() if not t.startswith("audit")} == {
        t: n for t, n in before.items() if not t.startswith("audit")
    }


async def test_the_schema_it_leaves_passes_the_pods_migration_gate(ran_twice: TwoRuns) -> None:
    # The Kubernetes API and worker pods wait on `alembic check` in an init container.
    process = await asyncio.create_subprocess_exec(
        f"{VENV_BIN}/python",
        "-m",
        "alembic",
        "check",
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": ran_twice.database_url},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=120)

    assert process.returncode == 0, output.decode(errors="replace")


async def test_without_sample_data_only_the_admin_is_seeded(blank_database: str) -> None:
    run = await run_script(blank_database, SEED_SAMPLE_DATA="false")

    assert run.code == 0, run.output
    counts = await _row_counts(blank_database)
    assert counts["app_user"] == 1
    assert counts["patient"] == 0


async def test_a_misspelt_sample_data_flag_fails_before_touching_the_database(
    blank_database: str,
) -> None:
    run = await run_script(blank_database, SEED_SAMPLE_DATA="flase")

    assert run.code != 0
    assert "SEED_SAMPLE_DATA must be true or false" in run.output
    url = make_url(blank_database)
    admin = await _admin_connection(url)
    try:
        exists = await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", url.database)
    finally:
        await admin.close()
    assert exists is None


async def test_an_unreachable_database_fails_after_the_wait_without_showing_the_password() -> None:
    # Port 1 on the loopback: nothing listens there, so every connection is refused.
    url = "postgresql+asyncpg://postgres:not-shown-anywhere@127.0.0.1:1/carechart"
    started = time.monotonic()
    run = await run_script(url, DB_WAIT_S="2")

    assert run.code != 0
    assert "PostgreSQL at 127.0.0.1:1 did not answer" in run.output
    assert "not-shown-anywhere" not in run.output
    assert time.monotonic() - started < 30
