"""Request dependencies of the summaries slice: options from the query and the job queue."""

from typing import Annotated

from fastapi import Depends, Query

from carechart.core.deps import RedisDep
from carechart.summaries.providers.base import Audience, Length
from carechart.summaries.schemas import Focus, SummaryOptions
from carechart.summaries.service import JobQueue


def summary_options(
    audience: Audience = Audience.CLINICIAN,
    length: Length = Length.STANDARD,
    focus: Annotated[Focus | None, Query()] = None,
) -> SummaryOptions:
    return SummaryOptions(audience=audience, length=length, focus=focus)


def job_queue(redis: RedisDep) -> JobQueue:
    return redis


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
