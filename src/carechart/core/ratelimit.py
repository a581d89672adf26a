"""Fixed-window rate limits kept in Redis, shared by every API process."""

import hashlib
import logging
from dataclasses import dataclass

from redis.asyncio import Redis
from redis.exceptions import RedisError

from carechart.core.errors import AppError

logger = logging.getLogger("carechart.ratelimit")


class RateLimited(AppError):
    status = 429
    slug = "rate-limited"
    title = "Too many requests"

    def __init__(self, what: str, retry_after_s: int) -> None:
        super().__init__(
            f"Too many {what}: try again in {retry_after_s} seconds",
            headers={"Retry-After": str(retry_after_s)},
        )


def opaque(value: str) -> str:
    """Keys never hold what they count (an email is PHI-adjacent): a short digest instead."""
    return hashlib.sha256(value.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class RateLimit:
    """At most `limit` hits per `window_s` for each key, counted in Redis."""

    name: str
    limit: int
    window_s: int = 60

    async def hit(self, redis: Redis, key: str) -> int | None:
        """Count one hit; the seconds to wait when over the limit, else None.

        If Redis cannot be reached the hit is allowed (fail open): signing in and reading
        patients must keep working while Redis is down; the outage is logged.
        """
        name = f"ratelimit:{self.name}:{opaque(key)}"
        try:
            async with redis.pipeline(transaction=True) as pipe:
                pipe.incr(name)
                pipe.expire(name, self.window_s, nx=True)
                pipe.ttl(name)
                count, _, ttl = await pipe.execute()
        except (RedisError, OSError):
            logger.warning("rate limit store unreachable; allowing", extra={"limit": self.name})
            return None
        if int(count) <= self.limit:
            return None
        return max(int(ttl), 1)

    async def check(self, redis: Redis, key: str, what: str) -> None:
        retry_after = await self.hit(redis, key)
        if retry_after is not None:
            raise RateLimited(what, retry_after)


@dataclass(frozen=True)
class RateLimiter:
    """Rate limits counted in one Redis: what routes and services are handed (core.deps)."""

    redis: Redis

    async def hit(self, limit: RateLimit, key: str) -> int | None:
        """Count one hit of `limit` for `key`; the seconds to wait when over it, else None."""
        return await limit.hit(self.redis, key)

    async def check(self, limit: RateLimit, key: str, what: str) -> None:
        """Count one hit; RateLimited (429) when over the limit."""
        await limit.check(self.redis, key, what)
