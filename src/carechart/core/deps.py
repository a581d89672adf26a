"""Shared request dependencies: settings, the database session, Redis, password hashing.

Dependencies are `async def` even when they do no I/O: FastAPI runs a plain `def` one in a
worker thread, a hop that cost more than the rest of the dependency on every request."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from carechart.core.config import Settings
from carechart.core.db import session_scope
from carechart.core.security import Passwords


async def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    # Services commit before returning; nothing is committed on the way out (FastAPI >= 0.121
    # runs this exit after the response has been sent).
    async for session in session_scope(request.app.state.sessionmaker):
        yield session


async def get_passwords(request: Request) -> Passwords:
    passwords: Passwords = request.app.state.passwords
    return passwords


async def get_redis(request: Request) -> Redis:
    redis: Redis = request.app.state.redis
    return redis


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
SessionDep = Annotated[AsyncSession, Depends(get_session)]
RedisDep = Annotated[Redis, Depends(get_redis)]
PasswordsDep = Annotated[Passwords, Depends(get_passwords)]
