"""Readiness checks of the backing services, each bounded by a short timeout."""

import asyncio

from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

CHECK_TIMEOUT_S = 2.0


async def _postgres(session: AsyncSession) -> None:
    await session.execute(text("SELECT 1"))


async def _redis(redis: Redis) -> None:
    await redis.ping()


async def check_dependencies(*, session: AsyncSession, redis: Redis) -> dict[str, str]:
    """ "ok" or "unavailable" for each of postgres and redis (errors are not echoed)."""
    results: dict[str, str] = {}
    for name, probe in (("postgres", _postgres(session)), ("redis", _redis(redis))):
        try:
            await asyncio.wait_for(probe, CHECK_TIMEOUT_S)
            results[name] = "ok"
        except Exception:  # noqa: BLE001 - any failure means "not ready"
            results[name] = "unavailable"
    return results
