"""Request dependencies of the summaries slice: options from the query and the job queue."""

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Query, Request

from carechart.auth.public import bearer_claims
from carechart.core.deps import SettingsDep
from carechart.core.ratelimit import RateLimit
from carechart.core.security import AccessClaims
from carechart.summaries.providers.base import Audience, Length
from carechart.summaries.schemas import Focus, SummaryOptions
from carechart.summaries.service import JobQueue


async def summary_options(
    audience: Audience = Audience.CLINICIAN,
    length: Length = Length.STANDARD,
    focus: Annotated[Focus | None, Query()] = None,
) -> SummaryOptions:
    return SummaryOptions(audience=audience, length=length, focus=focus)


async def job_queue(request: Request) -> JobQueue:
    queue: JobQueue = request.app.state.redis
    return queue


OptionsDep = Annotated[SummaryOptions, Depends(summary_options)]
QueueDep = Annotated[JobQueue, Depends(job_queue)]
WaitParam = Annotated[
    float,
    Query(ge=0, le=30, description="Hold the request up to this many seconds for the job."),
]
AllowStaleParam = Annotated[
    bool,
    Query(description="Return the last summary at once (marked stale) while a new one is made."),
]


async def job_admission(
    request: Request,
    claims: Annotated[AccessClaims, Depends(bearer_claims)],
    settings: SettingsDep,
) -> Callable[[], Awaitable[None]]:
    """The per-user limit on starting new summary jobs (each one costs a model call)."""
    limit = RateLimit("summary-jobs", settings.summary_rate_limit_per_minute)

    async def admit() -> None:
        await limit.check(request.app.state.redis, str(claims.subject), "new summary requests")

    return admit


AdmitDep = Annotated[Callable[[], Awaitable[None]], Depends(job_admission)]
