"""Summary use-cases on the API side: serve the cache, queue one job per input, report jobs."""

import asyncio
import logging
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from redis.exceptions import RedisError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from carechart.audit.public import Action, AuditRecord, audited, commit_with_event
from carechart.core.config import Settings
from carechart.core.db import violated_constraint
from carechart.core.ratelimit import RateLimit, RateLimiter
from carechart.patients.public import PatientRecord, get_patient, lock_patient
from carechart.summaries.exceptions import QueueUnavailable, SummaryJobNotFound, SummaryNotFound
from carechart.summaries.inputs import Inputs, gather_inputs
from carechart.summaries.models import JobState, Summary, SummaryJob
from carechart.summaries.recovery import (
    TASK_NAME,
    JobQueue,
    enqueue,
    lease_expired,
    looks_lost,
    revive,
)
from carechart.summaries.schemas import SummaryOptions

logger = logging.getLogger("carechart.summaries")

__all__ = ["TASK_NAME", "JobQueue"]

ACTIVE_JOB_INDEX = "uq_summary_job_patient_id_input_hash_active"
QUEUE_RETRY_AFTER_S = 5
POLL_INTERVAL_S = 0.2


@dataclass(frozen=True)
class SummaryAnswer:
    """Either a summary (fresh, or stale on request) or the job that will make one."""

    summary: Summary | None
    patient: PatientRecord
    stale: bool
    job: SummaryJob | None


async def _fresh(session: AsyncSession, inputs: Inputs) -> Summary | None:
    return await session.scalar(
        select(Summary).where(
            col(Summary.patient_id) == inputs.patient.id,
            col(Summary.input_hash) == inputs.input_hash,
        )
    )


async def _latest(session: AsyncSession, inputs: Inputs) -> Summary | None:
    return await session.scalar(
        select(Summary)
        .where(
            col(Summary.patient_id) == inputs.patient.id,
            col(Summary.options_key) == inputs.options.key(),
        )
        .order_by(col(Summary.generated_at).desc())
        .limit(1)
    )


async def _active_job(session: AsyncSession, inputs: Inputs) -> SummaryJob | None:
    return await session.scalar(
        select(SummaryJob).where(
            col(SummaryJob.patient_id) == inputs.patient.id,
            col(SummaryJob.input_hash) == inputs.input_hash,
            col(SummaryJob.status).in_((JobState.QUEUED, JobState.RUNNING)),
        )
    )


async def _live_job(
    session: AsyncSession, inputs: Inputs, settings: Settings
) -> tuple[SummaryJob | None, bool]:
    """The job working on these inputs, if any: (job, whether it must be handed to arq).

    A job whose worker died (running past its lease) is queued again here, or failed once its
    attempts are used up, so that no request keeps waiting on it and a new job can start.
    """
    job = await _active_job(session, inputs)
    if job is None or not lease_expired(job, datetime.now(UTC)):
        return job, False
    revived = await revive(session, job, settings)
    if revived is None:  # a worker or a concurrent request got there first
        return await _active_job(session, inputs), False
    return (revived, True) if revived.status == JobState.QUEUED else (None, False)


async def _ensure_job(
    session: AsyncSession,
    inputs: Inputs,
    query: "SummaryQuery",
    actor_id: uuid.UUID,
    settings: Settings,
    limiter: RateLimiter | None,
) -> tuple[SummaryJob, bool]:
    """The live job for these inputs, creating it if none: (job, whether to hand it to arq)."""
    existing, revived = await _live_job(session, inputs, settings)
    if existing is not None:
        return existing, revived
    if limiter is not None:
        # A new job costs a model call: each user may start so many a minute. Sharing a job
        # or reading a cached summary costs nothing and is not counted.
        limit = RateLimit("summary-jobs", settings.summary_rate_limit_per_minute)
        await limiter.check(limit, str(actor_id), "new summary requests")
    # Until commit: a concurrent delete of the patient waits for the job (and removes it with
    # the patient), or went first and this is a 404, never a foreign-key violation.
    await lock_patient(session=session, patient_id=inputs.patient.id)
    force = query.force
    job = SummaryJob(
        patient_id=inputs.patient.id,
        options_key=inputs.options.key(),
        options=inputs.options.model_dump(mode="json"),
        input_hash=inputs.input_hash,
        force=force,
        requested_by=actor_id,
    )
    try:
        async with session.begin_nested():
            session.add(job)
            await session.flush()
    except IntegrityError as exc:
        if violated_constraint(exc) != ACTIVE_JOB_INDEX:
            raise
        # A concurrent request created it first: share that job.
        winner = await _active_job(session, inputs)
        if winner is None:
            raise
        return winner, False
    return job, True


async def _enqueue(session: AsyncSession, queue: JobQueue, job: SummaryJob) -> None:
    """After the job row is committed: hand its id (and nothing else) to arq."""
    try:
        await enqueue(queue, job)
    except (RedisError, OSError) as exc:
        logger.warning("summary queue unreachable", extra={"job_id": str(job.id)})
        job.status = JobState.FAILED
        job.error = "The job queue was unreachable when the job was requested"
        job.finished_at = datetime.now(UTC)
        await session.commit()
        raise QueueUnavailable(QUEUE_RETRY_AFTER_S) from exc


@dataclass(frozen=True)
class SummaryQuery:
    options: SummaryOptions
    force: bool = False
    allow_stale: bool = False
    wait_s: float = 0


async def request_summary(
    *,
    session: AsyncSession,
    queue: JobQueue,
    settings: Settings,
    actor_id: uuid.UUID,
    patient_id: uuid.UUID,
    query: SummaryQuery,
    limiter: RateLimiter | None = None,
) -> SummaryAnswer:
    """The fresh summary, or the queued job (one per inputs, shared by concurrent requests).

    With a `limiter`, creating a new job counts against the user's summary-jobs rate limit.
    """
    record = AuditRecord(actor_id, Action.READ, "summary", patient_ids=[patient_id])
    job, hand_over = None, False
    async with audited(session, record):
        inputs = await gather_inputs(
            session=session, patient_id=patient_id, options=query.options, settings=settings
        )
        fresh = None if query.force else await _fresh(session, inputs)
        if fresh is not None:
            record.resource_id = fresh.id
        else:
            job, hand_over = await _ensure_job(session, inputs, query, actor_id, settings, limiter)
            record.details = {"job_id": str(job.id)}
    if fresh is not None:
        return SummaryAnswer(fresh, inputs.patient, stale=False, job=None)
    assert job is not None
    return await _after_queueing(session, queue, settings, inputs, job, hand_over, query)


async def _after_queueing(
    session: AsyncSession,
    queue: JobQueue,
    settings: Settings,
    inputs: Inputs,
    job: SummaryJob,
    hand_over: bool,
    query: SummaryQuery,
) -> SummaryAnswer:
    stale = await _latest(session, inputs) if query.allow_stale else None
    if hand_over or looks_lost(job, settings, datetime.now(UTC)):
        try:
            await _enqueue(session, queue, job)
        except QueueUnavailable:
            if stale is None:
                raise
    if stale is not None:
        return SummaryAnswer(stale, inputs.patient, stale=True, job=job)
    if query.wait_s > 0:
        done = await _wait(session, job.id, query.wait_s)
        if done is not None:
            return SummaryAnswer(done, inputs.patient, stale=False, job=None)
        await session.refresh(job)
    return SummaryAnswer(None, inputs.patient, stale=False, job=job)


async def _wait(session: AsyncSession, job_id: uuid.UUID, wait_s: float) -> Summary | None:
    """Poll the job row until it finishes or time runs out; the summary if it succeeded."""
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        await asyncio.sleep(POLL_INTERVAL_S)
        row = (
            await session.execute(
                select(col(SummaryJob.status), col(SummaryJob.summary_id)).where(
                    col(SummaryJob.id) == job_id
                )
            )
        ).one_or_none()
        await session.commit()  # end the read: no connection held between polls
        if row is None or row[0] == JobState.FAILED:
            return None
        if row[0] == JobState.SUCCEEDED and row[1] is not None:
            return await session.get(Summary, row[1])
    return None


async def read_job(*, session: AsyncSession, actor_id: uuid.UUID, job_id: uuid.UUID) -> SummaryJob:
    job = await session.get(SummaryJob, job_id)
    if job is None:
        raise SummaryJobNotFound()
    record = AuditRecord(actor_id, Action.READ, "summary_job", job_id, [job.patient_id])
    await commit_with_event(session, record)
    return job


async def read_summary(
    *,
    session: AsyncSession,
    settings: Settings,
    actor_id: uuid.UUID,
    patient_id: uuid.UUID,
    summary_id: uuid.UUID,
) -> SummaryAnswer:
    """One stored summary by id, marked stale when its inputs no longer match."""
    record = AuditRecord(actor_id, Action.READ, "summary", summary_id, [patient_id])
    async with audited(session, record):
        summary = await session.scalar(
            select(Summary).where(
                col(Summary.id) == summary_id, col(Summary.patient_id) == patient_id
            )
        )
        if summary is None:
            await get_patient(session=session, patient_id=patient_id)
            raise SummaryNotFound()
        options = SummaryOptions.model_validate(summary.options)
        inputs = await gather_inputs(
            session=session, patient_id=patient_id, options=options, settings=settings
        )
    return SummaryAnswer(
        summary, inputs.patient, stale=inputs.input_hash != summary.input_hash, job=None
    )


async def latest_summary(*, session: AsyncSession, patient_id: uuid.UUID) -> Summary | None:
    """The patient's most recently generated summary, any options (for exports; not audited)."""
    return await session.scalar(
        select(Summary)
        .where(col(Summary.patient_id) == patient_id)
        .order_by(col(Summary.generated_at).desc())
        .limit(1)
    )
