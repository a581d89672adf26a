"""Database engine, sessions, the shared metadata naming convention and column helpers."""

import uuid
from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import asyncpg
from sqlalchemy import DateTime, Engine, event, func
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session
from sqlalchemy.pool import PoolProxiedConnection
from sqlmodel import Field, SQLModel

from carechart.core.config import Settings

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def uuid_pk() -> Any:
    """A server-assigned UUID primary key column."""
    return Field(default_factory=uuid.uuid4, primary_key=True)


def timestamp_column(*, on_update: bool = False) -> Any:
    """A non-null timestamptz column set by the database (and on update when asked)."""
    return Field(
        default_factory=utcnow,
        sa_type=DateTime(timezone=True),
        sa_column_kwargs={
            "server_default": func.now(),
            "nullable": False,
            **({"onupdate": utcnow} if on_update else {}),
        },
    )


def create_engine(settings: Settings) -> AsyncEngine:
    """The pool of one process. Every statement is bounded by DATABASE_STATEMENT_TIMEOUT_S
    (PostgreSQL cancels it), and waiting for a free connection by DATABASE_POOL_TIMEOUT_S:
    a pathological query or a full pool gives a 503 soon, never a request hung for minutes.
    """
    timeout_ms = round(settings.database_statement_timeout_s * 1000)
    # No pre-ping (a round trip per checkout): a dead connection is found on use, and the
    # statement that opened the transaction is run again (RetryOnceSession). No reset on
    # return: every session ends its transaction itself (commit, or rollback on close). No
    # overflow: a connection opened under load stays open instead of being closed and opened
    # again by the next burst.
    engine = create_async_engine(
        settings.database_url,
        pool_size=settings.database_pool_size,
        max_overflow=0,
        pool_timeout=settings.database_pool_timeout_s,
        pool_pre_ping=False,
        pool_reset_on_return=None,
        pool_recycle=1800,
        connect_args={"server_settings": {"statement_timeout": str(timeout_ms)}},
    )
    event.listen(engine.sync_engine.pool, "checkout", _refuse_closed)
    return engine


def _refuse_closed(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    """A pooled connection whose socket the server already closed (a restart, a terminated
    backend) is replaced at checkout: the pool retries on DisconnectionError. No round trip
    (asyncpg knows it from the socket), so a one-statement write, which is not run twice, does
    not fail on a connection known dead; one that dies during the statement still gives 503."""
    if dbapi_connection.driver_connection.is_closed():
        raise DisconnectionError()


class RetryOnceSession(Session):
    """A session that runs once more the statement which opened its transaction, when that
    statement found its pooled connection dead (PostgreSQL restarted, a backend terminated).

    Nothing had run in that transaction, so running it again on a fresh connection is safe
    whatever it is; SQLAlchemy has invalidated the pool's older connections by then. Later
    statements are not repeated: their transaction is gone with the connection.
    """

    def _execute_internal(self, *args: Any, **kwargs: Any) -> Any:
        if self.in_transaction():
            return super()._execute_internal(*args, **kwargs)
        try:
            return super()._execute_internal(*args, **kwargs)
        except DBAPIError as exc:
            if not exc.connection_invalidated:
                raise
            self.rollback()
            return super()._execute_internal(*args, **kwargs)


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # expire_on_commit=False: objects stay readable after the service commits (no lazy IO).
    return async_sessionmaker(
        engine, expire_on_commit=False, autoflush=False, sync_session_class=RetryOnceSession
    )


async def session_scope(maker: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """One session per request; services commit, anything left open is rolled back."""
    async with maker() as session:
        yield session


def violated_constraint(exc: Exception) -> str | None:
    """The name of the constraint an IntegrityError broke (asyncpg reports it), if known."""
    cause = getattr(getattr(exc, "orig", None), "__cause__", None)
    name = getattr(cause, "constraint_name", None)
    return name if isinstance(name, str) else None


def is_disconnect(exc: BaseException) -> bool:
    """PostgreSQL unreachable or the connection lost (worth retrying), not a bad statement."""
    if isinstance(exc, (OperationalError, InterfaceError)):
        return True
    if isinstance(exc, DBAPIError):
        return bool(exc.connection_invalidated)
    return isinstance(exc, (ConnectionError, TimeoutError, OSError))


class StatementRow(asyncpg.Record):  # type: ignore[misc]  # asyncpg is untyped
    """A row of `fetch_statement`, read by column name as an attribute (`row.id`), as
    SQLAlchemy's rows are, and by `from_attributes` models."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


# Models validate a row as the mapping of its columns (keys(), items(), [name]), in pydantic's
# own code, rather than by attribute: each attribute is a failed lookup on the record before
# `__getattr__` above answers, a third of a patient's validation time (~20 us of ~30).
# Column names equal the attribute names, so a model reads the same values either way.
Mapping.register(StatementRow)


async def fetch_statement(
    engine: AsyncEngine,
    statement: str,
    args: Sequence[Any],
    *,
    idempotent: bool,
    generic_plan: bool = False,
) -> Sequence[Any]:
    """Run one SQL statement (`$n` parameters) in autocommit on a pooled connection's asyncpg
    driver itself: no SQLAlchemy execution layer (its connection, execution context, cursor
    and result cost more CPU than the statement's own round trip), no BEGIN or COMMIT; one
    round trip, the statement prepared once per connection (asyncpg's statement cache). A
    single statement is atomic alone.

    What SQLAlchemy's execution would do is kept: the `before_cursor_execute` hook sees the
    statement, errors are raised as SQLAlchemy's (IntegrityError, a DBAPIError with
    `connection_invalidated`), and a dead connection is dropped with those opened before it.
    A statement marked idempotent (a read) is then run once more on another connection, a
    write is not (503: it may have been applied).

    `generic_plan`: run it on PostgreSQL's generic plan for it, planned once per connection
    (`_fetch_generic`), not on a custom plan made again for each call.
    """
    sync_engine = engine.sync_engine
    parameters = tuple(args)
    for attempt in (1, 2):
        connection = await _checkout(engine)
        try:
            if sync_engine.dispatch.before_cursor_execute:
                sync_engine.dispatch.before_cursor_execute(
                    None, None, statement, parameters, None, False
                )
            driver: Any = connection.driver_connection
            if generic_plan:
                return await _fetch_generic(driver, statement, parameters)
            rows: list[StatementRow] = await driver.fetch(
                statement, *parameters, record_class=StatementRow
            )
            return rows
        except Exception as exc:
            error = _as_dbapi_error(sync_engine, connection, statement, parameters, exc)
            if not error.connection_invalidated and _driver_closed(connection):
                connection.invalidate()  # closed after a failed rollback (`_fetch_generic`)
            if not (idempotent and attempt == 1 and error.connection_invalidated):
                raise error from exc
        except BaseException:
            # Cancelled mid-statement: the connection's state is unknown, so it is not reused.
            connection.invalidate()
            raise
        finally:
            connection.close()  # back to the pool (or gone, when invalidated)
    raise AssertionError("unreachable")


# `plan_cache_mode` is a session setting, read when a prepared statement is run: set for this
# transaction only, it leaves every other statement of the connection to PostgreSQL's choice.
_GENERIC_PLAN = "BEGIN; SET LOCAL plan_cache_mode = force_generic_plan"


async def _fetch_generic(
    driver: Any, statement: str, parameters: tuple[Any, ...]
) -> list[StatementRow]:
    """`statement` on its generic plan, in a transaction of its own (two round trips more).

    For a large statement whose plan does not depend on its parameters' values (the fuzzy
    search), where planning it afresh costs more than running it and PostgreSQL's automatic
    choice keeps custom plans (the generic plan's estimates, made without the values, look
    dearer than they are). A failed statement's transaction is rolled back before the
    connection goes back to the pool (nothing resets it there).
    """
    await driver.execute(_GENERIC_PLAN)
    try:
        rows: list[StatementRow] = await driver.fetch(
            statement, *parameters, record_class=StatementRow
        )
        await driver.execute("COMMIT")
    except Exception:
        if not driver.is_closed():
            try:
                await driver.execute("ROLLBACK")
            except Exception:  # noqa: BLE001 - the statement's own error is the one to raise
                # A transaction that cannot be rolled back must not go back to the pool: the
                # caller sees the closed driver and invalidates the connection.
                driver.terminate()
        raise
    return rows


def _driver_closed(connection: PoolProxiedConnection) -> bool:
    driver: Any = connection.driver_connection
    return driver is not None and bool(driver.is_closed())


async def _checkout(engine: AsyncEngine) -> PoolProxiedConnection:
    """A pooled connection; a refused or failed connect raised as SQLAlchemy's DBAPIError (the
    problem handlers answer 503 to it), as `engine.connect()` raises it."""
    dialect = engine.dialect
    try:
        return await engine.raw_connection()
    except dialect.loaded_dbapi.Error as exc:
        invalidated = bool(dialect.is_disconnect(exc, None, None))
        raise DBAPIError.instance(
            None,
            None,
            exc,
            dialect.loaded_dbapi.Error,
            connection_invalidated=invalidated,
            dialect=dialect,
        ) from exc


def _as_dbapi_error(
    engine: Engine,
    connection: PoolProxiedConnection,
    statement: str,
    parameters: tuple[Any, ...],
    exc: Exception,
) -> DBAPIError:
    """The asyncpg error as SQLAlchemy raises it (the dialect's translation, then its
    DBAPIError subclass); a disconnect invalidates the connection and its generation."""
    adapted: Any = connection.dbapi_connection
    try:
        adapted._handle_exception(exc)  # always raises: the DBAPI-level error
    except Exception as translated:  # noqa: BLE001 - whatever the dialect made of it
        dbapi_error: Any = translated
    dialect = engine.dialect
    invalidated = bool(dialect.is_disconnect(dbapi_error, adapted, None))
    if invalidated:
        engine.pool._invalidate(connection, dbapi_error)  # as Connection does on a disconnect
    wrapped = DBAPIError.instance(
        statement,
        parameters,
        dbapi_error,
        dialect.loaded_dbapi.Error,
        connection_invalidated=invalidated,
        dialect=dialect,
    )
    if not isinstance(wrapped, DBAPIError):  # not a DBAPI error at all: as it was raised
        raise exc
    return wrapped
