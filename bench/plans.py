"""Query plans of the list, search, deep-page and notes queries, exactly as the API sends them.

The app runs in this process; a SQLAlchemy event listener records the statement (and its
parameters) that a request makes, which is then run again under EXPLAIN (ANALYZE, BUFFERS).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection

from carechart.core.config import Settings
from carechart.main import create_app

PLANNED = ("list_first_page", "list_deep_page", "search_misspelt", "list_notes")
# The index each plan must use (tests/bench/test_query_plans.py checks the same on small data).
EXPECTED_INDEX = {
    "list_first_page": "ix_patient_family_name_given_name_id",
    "list_deep_page": "ix_patient_family_name_given_name_id",
    "search_misspelt": "pk_patient_name_key",
    "list_notes": "ix_note_patient_id_taken_at_id",
}


# Statements the API runs on their generic plan (core/db.fetch_statement's generic_plan).
GENERIC_PLAN = {"search_misspelt"}


@dataclass(frozen=True)
class Plan:
    name: str
    path: str
    statement: str
    plan: str

    @property
    def uses_expected_index(self) -> bool:
        return EXPECTED_INDEX[self.name] in self.plan

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "statement": self.statement,
            "plan": self.plan,
            "expected_index": EXPECTED_INDEX[self.name],
            "uses_expected_index": self.uses_expected_index,
        }


def _listing_statement(table: str) -> Callable[[str], bool]:
    def matches(statement: str) -> bool:
        return f"FROM {table}" in statement and "ORDER BY" in statement and "LIMIT" in statement

    return matches


async def capture(
    client: httpx.AsyncClient, engine: Any, path: str, headers: dict[str, str], table: str
) -> tuple[str, Any]:
    """The one listing statement a GET of `path` sends, with its parameters."""
    seen: list[tuple[str, Any]] = []
    matches = _listing_statement(table)

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if matches(statement):
            seen.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        response = await client.get(path, headers=headers)
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)
    if response.status_code != 200 or len(seen) != 1:
        raise RuntimeError(f"{path}: status {response.status_code}, {len(seen)} statements")
    return seen[0]


def _literal(value: Any) -> str | None:
    """A parameter as the text PostgreSQL reads it back as its type (None: NULL)."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return "{" + ",".join(str(v) for v in value) + "}"
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


async def explain(
    conn: AsyncConnection,
    statement: str,
    parameters: Sequence[Any],
    *,
    generic_plan: bool,
    options: str = "",
) -> str:
    """The plan PostgreSQL runs `statement` (`$n` parameters) on, as the API sends it; with
    `generic_plan`, the generic plan: prepared, explained through EXECUTE with the parameters
    as literals (EXPLAIN cannot bind them to a prepared statement), then rolled back."""
    explain = f"EXPLAIN ({options}) " if options else "EXPLAIN "
    if not generic_plan:
        rows = await conn.exec_driver_sql(explain + statement, tuple(parameters))
        return "\n".join(row[0] for row in rows)
    raw = await conn.get_raw_connection()
    driver: Any = raw.driver_connection
    await driver.execute("PREPARE explained AS " + statement)
    await driver.execute("BEGIN; SET LOCAL plan_cache_mode = force_generic_plan")
    try:
        executed = "EXECUTE explained"
        if parameters:
            quoted = ", ".join(f"quote_nullable(${i}::text)" for i in range(1, len(parameters) + 1))
            literals = await driver.fetchrow(f"SELECT {quoted}", *map(_literal, parameters))
            executed += f"({', '.join(literals)})"
        lines = await driver.fetch(explain + executed)
    finally:
        await driver.execute("ROLLBACK; DEALLOCATE explained")
    return "\n".join(row[0] for row in lines)


async def explain_all(settings: Settings, token: str, paths: dict[str, str]) -> list[Plan]:
    """EXPLAIN (ANALYZE, BUFFERS) of the statement behind each named request path."""
    app = create_app(settings)
    headers = {"Authorization": f"Bearer {token}"}
    plans = []
    async with app.router.lifespan_context(app):
        engine = app.state.engine
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            for name in PLANNED:
                table = "note" if name == "list_notes" else "patient"
                statement, parameters = await capture(client, engine, paths[name], headers, table)
                async with engine.connect() as conn:
                    text = await explain(
                        conn,
                        statement,
                        parameters,
                        generic_plan=name in GENERIC_PLAN,
                        options="ANALYZE, BUFFERS",
                    )
                plans.append(Plan(name, paths[name], statement, text))
    return plans
