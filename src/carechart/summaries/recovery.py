"""Jobs whose worker or queue entry was lost: found, queued again (or failed), never left stuck.

The job row in PostgreSQL is the truth; Redis may lose a queued job, and a worker may die (a
kill, Redis or PostgreSQL gone) while it holds one. Two kinds of job are recovered, by any API
request that finds them and by the worker's sweep every half minute:

- `running` past its lease: nobody is working on it any more (arq cancels a job at the same
  time limit). Queued again while attempts remain, else `failed` with the reason.
- `queued` and untouched for longer than a job may run: its queue entry may be gone. Handed to
  arq again (a no-op while arq still holds it).
"""

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from redis.exceptions import RedisError
from sqlalchemy import and_, case, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from carechart.core.config import Settings
from carechart.summaries.models import JobState, SummaryJob

logger = logging.getLogger("carechart.summaries.recovery")

# The name arq knows the summary task by: enqueued here, registered by summaries.tasks.
TASK_NAME = "generate_summary"
# How long past a job's time limit a queued job must sit untouched before it counts as lost.
LOST_AFTER_EXTRA_S = 60
SWEEP_BATCH = 100


class JobQueue(Protocol):
    """The part of arq's ArqRedis used here (job arguments are opaque ids only)."""

    async def enqueue_job(self, function: str, *args: Any, _job_id: str | None = None) -> Any: ...


def arq_job_id(job: SummaryJob) -> str:
    """One arq job per attempt count: arq refuses an id it still holds a job or a result for,
    so a job queued again after a lost attempt needs an id of its own."""
    return f"{job.id}.{job.attempts}"


async def enqueue(queue: JobQueue, job: SummaryJob) -> None:
    """Hand the job's id (and nothing else: arq logs arguments) to arq."""
    await queue.enqueue_job(TASK_NAME, str(job.id), _job_id=arq_job_id(job))


def lease_expired(job: SummaryJob, now: datetime) -> bool:
    return job.status == JobState.RUNNING and job.lease_until is not None and job.lease_until < now


def looks_lost(job: SummaryJob, settings: Settings, now: datetime) -> bool:
    """A queued job untouched for longer than a job may run: Redis may have lost it."""
    limit = timedelta(seconds=settings.summary_job_timeout_s + LOST_AFTER_EXTRA_S)
    return job.status == JobState.QUEUED and now - job.updated_at > limit


def _lost_reason(attempts: int) -> str:
    return f"The worker running it stopped (attempt {attempts} of the job never finished)"


async def revive(session: AsyncSession, job: SummaryJob, settings: Settings) -> SummaryJob | None:
    """Queue again (or fail, when attempts are used up) a running job whose lease has expired.

    One conditional UPDATE, not committed here: None when the job is not dead any more (a
    worker claimed it, or a concurrent request revived it first).
    """
    now = datetime.now(UTC)
    exhausted = col(SummaryJob.attempts) >= settings.summary_max_attempts
    statement = (
        update(SummaryJob)
        .where(
            col(SummaryJob.id) == job.id,
            col(SummaryJob.status) == JobState.RUNNING,
            col(SummaryJob.lease_until) < now,
        )
        .values(
            status=case((exhausted, JobState.FAILED), else_=JobState.QUEUED),
            error=case(
                (exhausted, _lost_reason(job.attempts) + "; gave up"),
                else_=_lost_reason(job.attempts) + "; queued again",
            ),
            finished_at=case((exhausted, now), else_=None),
            lease_until=None,
            updated_at=now,
        )
        .returning(SummaryJob)
        .execution_options(populate_existing=True)
    )
    revived = (await session.execute(statement)).scalar_one_or_none()
    if revived is not None:
        logger.warning(
            "summary job recovered",
            extra={"job_id": str(job.id), "status": revived.status, "attempts": revived.attempts},
        )
    return revived


@dataclass(frozen=True)
class SweepResult:
    queued_again: int
    failed: int
    handed_to_queue: int


async def _stalled(session: AsyncSession, settings: Settings, now: datetime) -> list[SummaryJob]:
    lost_before = now - timedelta(seconds=settings.summary_job_timeout_s + LOST_AFTER_EXTRA_S)
    statement = (
        select(SummaryJob)
        .where(
            or_(
                and_(col(SummaryJob.status) == JobState.RUNNING, col(SummaryJob.lease_until) < now),
                and_(
                    col(SummaryJob.status) == JobState.QUEUED,
                    col(SummaryJob.updated_at) < lost_before,
                ),
            )
        )
        .order_by(col(SummaryJob.updated_at))
        .limit(SWEEP_BATCH)
        .with_for_update(skip_locked=True)  # several workers sweep at once without meeting
    )
    return list((await session.execute(statement)).scalars())


async def sweep(*, session: AsyncSession, queue: JobQueue, settings: Settings) -> SweepResult:
    """Recover every stalled job (a batch at a time), then hand the queued ones to arq."""
    now = datetime.now(UTC)
    to_queue: list[SummaryJob] = []
    failed = queued_again = 0
    for job in await _stalled(session, settings, now):
        if job.status == JobState.QUEUED:
            job.updated_at = now  # not handed over again until it has waited as long once more
            to_queue.append(job)
            continue
        revived = await revive(session, job, settings)
        if revived is not None and revived.status == JobState.QUEUED:
            queued_again += 1
            to_queue.append(revived)
        elif revived is not None:
            failed += 1
    await session.commit()
    handed = 0
    for job in to_queue:
        try:
            await enqueue(queue, job)
            handed += 1
        except (RedisError, OSError):
            logger.warning("summary queue unreachable", extra={"job_id": str(job.id)})
    return SweepResult(queued_again=queued_again, failed=failed, handed_to_queue=handed)
