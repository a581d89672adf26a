"""A statement run on its generic plan (the fuzzy search): planned once, and nothing of the
plan mode or of a failed statement's transaction left on the pooled connection."""

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from carechart.core.config import Settings
from carechart.core.db import _fetch_generic, create_engine, fetch_statement

# Any statement with a parameter; the table makes it one the planner could plan either way.
ADDED = "SELECT $1::int + count(*)::int AS n FROM alembic_version"
PLANS = (
    "SELECT sum(generic_plans)::int AS generic, sum(custom_plans)::int AS custom "
    "FROM pg_prepared_statements WHERE statement = $1"
)
MODE = "SELECT current_setting('plan_cache_mode') AS mode"


@pytest.fixture
async def one_connection(settings: Settings) -> AsyncIterator[AsyncEngine]:
    """A pool of one connection: each statement finds the state the one before left."""
    engine = create_engine(settings.model_copy(update={"database_pool_size": 1}))
    try:
        yield engine
    finally:
        await engine.dispose()


async def _in_transaction(engine: AsyncEngine) -> bool:
    connection = await engine.raw_connection()
    try:
        return bool(connection.driver_connection.is_in_transaction())
    finally:
        connection.close()


async def test_a_generic_plan_statement_answers_as_usual_and_is_never_planned_per_call(
    one_connection: AsyncEngine,
) -> None:
    for n in range(8):
        rows = await fetch_statement(one_connection, ADDED, [n], idempotent=True, generic_plan=True)
        assert rows[0].n == n + 1

    (plans,) = await fetch_statement(one_connection, PLANS, [ADDED], idempotent=True)
    assert plans.custom == 0
    assert plans.generic == 8


async def test_the_plan_mode_is_the_statements_alone_not_the_connections(
    one_connection: AsyncEngine,
) -> None:
    await fetch_statement(one_connection, ADDED, [1], idempotent=True, generic_plan=True)

    assert not await _in_transaction(one_connection)  # autocommit again
    (session,) = await fetch_statement(one_connection, MODE, [], idempotent=True)
    assert session.mode == "auto"


async def test_a_failed_generic_plan_statement_leaves_its_connection_usable(
    one_connection: AsyncEngine,
) -> None:
    with pytest.raises(DBAPIError, match="division by zero"):
        await fetch_statement(
            one_connection, "SELECT 1 / $1::int AS n", [0], idempotent=True, generic_plan=True
        )

    assert not await _in_transaction(one_connection)  # rolled back, not left aborted
    (session,) = await fetch_statement(one_connection, MODE, [], idempotent=True)
    assert session.mode == "auto"


async def test_a_connection_lost_in_a_generic_plan_statement_is_not_given_back_to_the_pool(
    one_connection: AsyncEngine,
) -> None:
    # The server ends the session mid-transaction: nothing can roll it back, and the pooled
    # connection must be dropped, not handed to the next request.
    with pytest.raises(DBAPIError):
        await fetch_statement(
            one_connection,
            "SELECT pg_terminate_backend(pg_backend_pid())::int + $1::int AS n",
            [0],
            idempotent=False,
            generic_plan=True,
        )

    rows = await fetch_statement(one_connection, ADDED, [1], idempotent=False, generic_plan=True)
    assert rows[0].n == 2


class _RollbackFails:
    """A driver whose statement fails and whose ROLLBACK fails too (a cancelled rollback): the
    one case a real server will not produce on demand."""

    def __init__(self) -> None:
        self.terminated = False

    async def execute(self, sql: str) -> None:
        if sql == "ROLLBACK":
            raise RuntimeError("rollback interrupted")

    async def fetch(self, *_args: object, **_kwargs: object) -> list[object]:
        raise ValueError("the statement's own error")

    def is_closed(self) -> bool:
        return self.terminated

    def terminate(self) -> None:
        self.terminated = True


async def test_a_transaction_that_cannot_be_rolled_back_closes_its_connection() -> None:
    driver = _RollbackFails()
    with pytest.raises(ValueError, match="the statement's own error"):
        await _fetch_generic(driver, "SELECT 1", ())
    assert driver.is_closed()  # fetch_statement then invalidates it instead of pooling it
