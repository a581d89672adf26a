"""Migrations: up from nothing, down to nothing, up again, and in agreement with the models."""

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from alembic import command
from carechart.models import metadata
from tests import isolation
from tests.conftest import alembic_config, drop_database, recreate_database

URL = isolation.database_url("migrations")


@pytest.fixture(scope="module")
def empty_database() -> Iterator[str]:
    recreate_database(URL)
    yield URL
    drop_database(URL)


def _inspect(sync: Connection) -> dict[str, Any]:
    def names(sql: str) -> set[str]:
        return set(sync.execute(text(sql)).scalars())

    return {
        "tables": names("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"),
        # Functions of our own, not those that come with an extension.
        "functions": names(
            "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_depend d "
            "WHERE d.objid = p.oid AND d.deptype = 'e')"
        ),
        "sequences": names("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'"),
        "extensions": names("SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'"),
        "triggers": names("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"),
        "diff": compare_metadata(MigrationContext.configure(sync), metadata),
    }


def inspect(url: str) -> dict[str, Any]:
    async def run() -> dict[str, Any]:
        engine = create_async_engine(url)
        try:
            async with engine.connect() as conn:
                return await conn.run_sync(_inspect)
        finally:
            await engine.dispose()

    return asyncio.run(run())


def test_upgrade_head_on_an_empty_database_creates_the_schema(empty_database: str) -> None:
    command.upgrade(alembic_config(empty_database), "head")

    state = inspect(empty_database)
    assert {"app_user", "patient", "audit_event", "alembic_version"} <= state["tables"]
    assert {"pg_trgm", "unaccent"} <= state["extensions"]
    assert "patient_mrn_seq" in state["sequences"]
    assert "audit_event_append_only" in state["triggers"]
    assert {"f_unaccent", "audit_event_is_append_only"} <= state["functions"]


def test_the_migrated_schema_matches_the_models(empty_database: str) -> None:
    command.upgrade(alembic_config(empty_database), "head")

    assert inspect(empty_database)["diff"] == []


def test_downgrade_base_removes_everything_and_upgrade_works_again(empty_database: str) -> None:
    config = alembic_config(empty_database)
    command.upgrade(config, "head")

    command.downgrade(config, "base")

    state = inspect(empty_database)
    assert state["tables"] <= {"alembic_version"}
    assert state["functions"] == set()
    assert state["sequences"] == set()
    assert state["extensions"] == set()
    assert state["triggers"] == set()

    command.upgrade(config, "head")

    again = inspect(empty_database)
    assert {"app_user", "patient", "audit_event"} <= again["tables"]
    assert again["diff"] == []


MRN_ANY_CASE = "7239744e8020"


def _execute(url: str, sql: str) -> None:
    async def run() -> None:
        engine = create_async_engine(url)
        try:
            async with engine.begin() as conn:
                await conn.execute(text(sql))
        finally:
            await engine.dispose()

    asyncio.run(run())


def test_mrns_differing_only_by_case_stop_the_migration_with_a_report(empty_database: str) -> None:
    config = alembic_config(empty_database)
    command.downgrade(config, "base")
    command.upgrade(config, f"{MRN_ANY_CASE}-1")
    _execute(
        empty_database,
        "INSERT INTO patient (id, mrn, given_name, family_name, date_of_birth) VALUES "
        "('00000000-0000-4000-8000-000000000001', 'abc-777', 'A', 'B', '1970-01-01'), "
        "('00000000-0000-4000-8000-000000000002', 'ABC-777', 'C', 'D', '1970-01-01'), "
        "('00000000-0000-4000-8000-000000000003', 'XYZ-1', 'E', 'F', '1970-01-01')",
    )

    with pytest.raises(RuntimeError) as refused:
        command.upgrade(config, "head")

    report = str(refused.value)
    assert "1 group(s)" in report
    assert "00000000-0000-4000-8000-000000000001, 00000000-0000-4000-8000-000000000002" in report
    assert "abc-777" not in report.lower()  # ids only: an MRN identifies a person
    _execute(empty_database, "DELETE FROM patient WHERE mrn = 'ABC-777'")
    command.upgrade(config, "head")
    assert inspect(empty_database)["diff"] == []


NOTE_INGEST = "d4e6f8a0b2c3"


def _fetch(url: str, sql: str) -> list[tuple[Any, ...]]:
    async def run() -> list[tuple[Any, ...]]:
        engine = create_async_engine(url)
        try:
            async with engine.connect() as conn:
                return [tuple(row) for row in (await conn.execute(text(sql))).all()]
        finally:
            await engine.dispose()

    return asyncio.run(run())


def test_notes_stored_before_ingest_results_were_kept_read_as_not_recorded(
    empty_database: str,
) -> None:
    config = alembic_config(empty_database)
    command.downgrade(config, "base")
    command.upgrade(config, f"{NOTE_INGEST}-1")
    _execute(
        empty_database,
        "INSERT INTO patient (id, mrn, given_name, family_name, date_of_birth) VALUES "
        "('00000000-0000-4000-8000-000000000001', 'MRN-1', 'A', 'B', '1970-01-01')",
    )
    columns = (
        "id, patient_id, taken_at, note_type, note_type_source, content, has_text, source, "
        "media_type, extraction_method, content_sha256, size_bytes, derived, extractor_version"
    )
    _execute(
        empty_database,
        f"INSERT INTO note ({columns}) VALUES "
        "('00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-000000000001', "
        "'2024-03-15', 'other', 'none', 'A: HTN', true, 'json', 'text/plain', 'text', 'a', 6, "
        "'{}', '1.3.0'), "
        "('00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-000000000001', "
        "'2024-03-15', 'other', 'none', '', false, 'file', 'image/png', 'none', 'b', 99, "
        "'{}', '1.3.0')",
    )

    command.upgrade(config, "head")

    rows = _fetch(
        empty_database,
        "SELECT source, text_encoding, encoding_repaired, page_count, no_text_reason, "
        "ingest_warnings FROM note ORDER BY id",
    )
    assert rows == [
        ("json", "utf-8", None, None, None, None),  # a JSON body is UTF-8
        ("file", None, None, None, None, None),  # not recorded then
    ]
    assert inspect(empty_database)["diff"] == []
