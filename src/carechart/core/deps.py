"""Shared request dependencies: settings, the session, Redis, rate limits, cursors, hashing.

Dependencies are `async def` even when they do no I/O: FastAPI runs a plain `def` one in a
worker thread, a hop that cost more than the rest of the dependency on every request.

Each reads the app's state in one place, so a test can replace it through
`app.dependency_overrides[get_...]` without touching the app.
"""

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from arq.connections import ArqRedis
from fastapi import Depends, Request, Response
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.datastructures import URL

from carechart.core.config import Settings
from carechart.core.db import session_scope
from carechart.core.offload import PoolBusy
from carechart.core.pagination import CursorCodec, Page, next_link
from carechart.core.problems import raises
from carechart.core.ratelimit import RateLimiter
from carechart.core.security import Passwords


async def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    # Services commit before returning; nothing is committed on the way out (FastAPI >= 0.121
    # runs this exit after the response has been sent).
    async for session in session_scope(request.app.state.sessionmaker):
        yield session


async def get_sessionmaker(request: Request) -> async_sessionmaker[AsyncSession]:
    """For a route whose usual answer needs no session (one statement, core/db.fetch_statement):
    it opens one only on its other path (`async with sessions() as session`), and FastAPI has
    no generator dependency to run and close on every request."""
    maker: async_sessionmaker[AsyncSession] = request.app.state.sessionmaker
    return maker


P = TypeVar("P", bound=Page[Any])


@raises(PoolBusy)  # argon2 runs in a bounded pool of threads
async def get_passwords(request: Request) -> Passwords:
    passwords: Passwords = request.app.state.passwords
    return passwords


async def get_redis(request: Request) -> ArqRedis:
    # arq's client is a redis.asyncio client that can also enqueue jobs (main.lifespan).
    redis: ArqRedis = request.app.state.redis
    return redis


async def get_rate_limiter(redis: Annotated[ArqRedis, Depends(get_redis)]) -> RateLimiter:
    return RateLimiter(redis)


async def get_cursor_codec(request: Request) -> CursorCodec:
    codec: CursorCodec = request.app.state.cursor_codec
    return codec


@dataclass(frozen=True)
class Pager:
    """The tail every paged list route shares: the `Link` to the next page and the envelope."""

    url: URL
    response: Response

    def page(
        self,
        page_type: type[P],
        items: Sequence[Any],
        next_cursor: str | None,
        total: int | None = None,
    ) -> P:
        if link := next_link(self.url, next_cursor):
            self.response.headers["Link"] = link
        has_more = next_cursor is not None
        return page_type(items=items, next_cursor=next_cursor, has_more=has_more, total=total)


async def get_pager(request: Request, response: Response) -> Pager:
    return Pager(request.url, response)


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
SessionDep = Annotated[AsyncSession, Depends(get_session)]
SessionMakerDep = Annotated[async_sessionmaker[AsyncSession], Depends(get_sessionmaker)]
RedisDep = Annotated[ArqRedis, Depends(get_redis)]
PasswordsDep = Annotated[Passwords, Depends(get_passwords)]
RateLimiterDep = Annotated[RateLimiter, Depends(get_rate_limiter)]
CursorCodecDep = Annotated[CursorCodec, Depends(get_cursor_codec)]
PagerDep = Annotated[Pager, Depends(get_pager)]
