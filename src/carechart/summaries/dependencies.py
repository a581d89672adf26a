"""Request dependencies of the summaries slice: options from the query and the job queue."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from carechart.core.deps import RedisDep
from carechart.core.ratelimit import RateLimiter
from carechart.summaries.providers.base import Audience, Length
from carechart.summaries.schemas import Focus, SummaryOptions
from carechart.summaries.service import JobQueue


async def summary_options(
    audience: Audience = Audience.CLINICIAN,
    length: Length = Length.STANDARD,
    focus: Annotated[Focus | None, Query()] = None,
) -> SummaryOptions:
    return SummaryOptions(audience=audience, length=length, focus=focus)


async def job_queue(redis: RedisDep) -> JobQueue:
    return redis


@dataclass(frozen=True)
class JobRequesting:
    """What a summary GET needs when no fresh summary is cached and a job must be asked for:
    a session (opened only then), the queue and the rate limiter. One dependency rather than
    four (session, queue, Redis, limiter): the cached answer, the usual one, uses none of them,
    and each dependency is one more for FastAPI to solve on every request."""

    sessions: async_sessionmaker[AsyncSession]
    queue: JobQueue
    limiter: RateLimiter


async def job_requesting(request: Request) -> JobRequesting:
    state = request.app.state
    return JobRequesting(state.sessionmaker, state.redis, RateLimiter(state.redis))


OptionsDep = Annotated[SummaryOptions, Depends(summary_options)]
JobRequestingDep = Annotated[JobRequesting, Depends(job_requesting)]
QueueDep = Annotated[JobQueue, Depends(job_queue)]
WaitParam = Annotated[
    float,
    Query(ge=0, le=30, description="Hold the request up to this many seconds for the job."),
]
AllowStaleParam = Annotated[
    bool,
    Query(description="Return the last summary at once (marked stale) while a new one is made."),
]
