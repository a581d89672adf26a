"""Summary generation in the worker: claim the job, ask the provider, check, store, finish."""

import asyncio
import logging
import random
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from carechart.core.config import Settings
from carechart.core.db import is_disconnect
from carechart.core.errors import stack_frames
from carechart.notes.public import NoteText, patient_notes
from carechart.summaries import metrics
from carechart.summaries.inputs import Inputs, gather_inputs, provider_identity
from carechart.summaries.models import JobState, Summary, SummaryJob
from carechart.summaries.picture import build_picture
from carechart.summaries.privacy import mask_identifiers
from carechart.summaries.prompt import PROMPT_VERSION, picture_hints
from carechart.summaries.providers.base import (
    Audience,
    PermanentProviderError,
    PromptNote,
    ProviderResult,
    SummaryProvider,
    SummaryRequest,
    TransientProviderError,
)
from carechart.summaries.providers.local import compose_narrative
from carechart.summaries.schemas import (
    SourceNote,
    SummaryBody,
    SummaryOptions,
    SummarySections,
    VerificationReport,
)
from carechart.summaries.verify import Evidence, Identity, SourceText, verify

logger = logging.getLogger("carechart.summaries.worker")


class RetryLater(Exception):
    """The job should run again after `delay_s` (the worker turns this into arq's Retry)."""

    def __init__(self, delay_s: float) -> None:
        self.delay_s = delay_s
        super().__init__(f"retry in {delay_s:.1f}s")


@dataclass(frozen=True)
class Generation:
    sessionmaker: async_sessionmaker[AsyncSession]
    settings: Settings
    provider: SummaryProvider


async def _claim(session: AsyncSession, job_id: uuid.UUID, lease_s: float) -> SummaryJob | None:
    """Take the job unless it is finished or another run holds a live lease (arq may run twice)."""
    now = datetime.now(UTC)
    result = await session.execute(
        update(SummaryJob)
        .where(
            col(SummaryJob.id) == job_id,
            or_(
                col(SummaryJob.status) == JobState.QUEUED,
                (col(SummaryJob.status) == JobState.RUNNING) & (col(SummaryJob.lease_until) < now),
            ),
        )
        .values(
            status=JobState.RUNNING,
            attempts=SummaryJob.attempts + 1,
            started_at=now,
            lease_until=now + timedelta(seconds=lease_s),
            updated_at=now,
        )
        .returning(SummaryJob)
    )
    job = result.scalar_one_or_none()
    await session.commit()
    return job


async def _finish(session: AsyncSession, job: SummaryJob, **values: Any) -> bool:
    """Record how this run ended, only if the job is still this run's (status and attempt).

    A run that outlived its lease may have been replaced by another (recovery, or a second
    worker): its late write must not overwrite what the newer run records.
    """
    now = datetime.now(UTC)
    result = await session.execute(
        update(SummaryJob)
        .where(
            col(SummaryJob.id) == job.id,
            col(SummaryJob.status) == JobState.RUNNING,
            col(SummaryJob.attempts) == job.attempts,
        )
        .values(lease_until=None, updated_at=now, **values)
        .returning(col(SummaryJob.id))
    )
    kept = result.scalar_one_or_none() is not None
    await session.commit()
    if not kept:
        logger.warning(
            "summary job taken over before this run ended", extra={"job_id": str(job.id)}
        )
    return kept


# The final write is retried while PostgreSQL is away, up to this long before the lease ends.
SAVE_MARGIN_S = 1.0
SAVE_RETRY_FIRST_S = 0.2
SAVE_RETRY_MAX_S = 5.0
# When PostgreSQL is away before or during a run, arq runs the job again after this long.
DATABASE_RETRY_S = 5.0


async def _save(
    gen: Generation, job: SummaryJob, write: Callable[[AsyncSession], Awaitable[str]]
) -> str:
    """Run the job's final write in a session of its own, retried on a lost connection.

    The model's answer is not thrown away because PostgreSQL blinked: the write (an upsert of
    the summary and a fenced update of the job) is safe to repeat, and is tried again with
    backoff until the lease is nearly over. After that the job is left to recovery.
    """
    lease_end = job.lease_until or datetime.now(UTC)
    delay = SAVE_RETRY_FIRST_S
    while True:
        try:
            async with gen.sessionmaker() as session:
                return await write(session)
        except Exception as exc:
            left = (lease_end - datetime.now(UTC)).total_seconds() - SAVE_MARGIN_S
            if not is_disconnect(exc) or left < delay:
                raise
            logger.warning(
                "database unreachable while saving a summary job; retrying",
                extra={"job_id": str(job.id), "error_type": type(exc).__name__},
            )
        await asyncio.sleep(delay)
        delay = min(delay * 2, SAVE_RETRY_MAX_S)


def backoff_s(attempt: int, base_s: float, retry_after_s: float | None) -> float:
    """Full-jitter exponential backoff, never sooner than the server asked."""
    ceiling = base_s * (2 ** (attempt - 1))
    delay = random.uniform(ceiling / 2, ceiling)  # noqa: S311 - jitter, not security
    return max(delay, retry_after_s or 0.0)


@dataclass(frozen=True)
class Prepared:
    """What a run sends to the provider and what its answer is checked against."""

    request: SummaryRequest
    notes: Sequence[NoteText]
    evidence: Evidence


async def _request(session: AsyncSession, inputs: Inputs, settings: Settings) -> Prepared:
    patient = inputs.patient
    found = await patient_notes(session=session, patient_id=patient.id)
    notes, chart = found.notes, found.chart
    today = datetime.now(UTC).date()
    masking = settings.summary_mask_identifiers

    def shown(text: str) -> str:
        return mask_identifiers(text, patient) if masking else text

    texts = {n.id: n.content for n in notes if n.has_text}
    picture = build_picture(chart, texts, today)
    prompt_notes = [
        PromptNote(n.id, n.taken_at, n.note_type, shown(n.content)) for n in notes if n.has_text
    ]
    request = SummaryRequest(
        audience=inputs.options.audience,
        length=inputs.options.length,
        focus=inputs.options.focus,
        notes=prompt_notes,
        age=patient.age_on(today),
        sex=patient.sex,
        chart_json=shown(picture_hints(picture)),
        chart=chart,
        picture=picture,
        source_numbers={n.id: i for i, n in enumerate(notes, start=1)},
    )
    masked = {p.id: p.text for p in prompt_notes}
    sources = [
        SourceText(n.id, n.taken_at, (n.content, masked.get(n.id, n.content)))
        for n in notes
        if n.has_text
    ]
    identity = Identity(
        names=(*patient.given_name.split(), *patient.family_name.split()),
        mrn=patient.mrn,
        date_of_birth=patient.date_of_birth,
    )
    return Prepared(request, notes, Evidence(sources, chart, picture, identity))


def _body(result: ProviderResult, prepared: Prepared, provider: str) -> SummaryBody:
    request = prepared.request
    picture = prepared.evidence.picture
    verified = verify(
        result.draft,
        prepared.evidence,
        age=request.age,
        lay=request.audience is not Audience.CLINICIAN,
        compose=lambda: compose_narrative(request, picture),
        composed_locally=provider == "local",
    )
    return SummaryBody(
        narrative=verified.narrative,
        sections=SummarySections.model_validate(verified.sections),
        sources=[
            SourceNote(note_id=n.id, taken_at=n.taken_at, note_type=n.note_type)
            for n in prepared.notes
        ],
        verification=VerificationReport.model_validate(verified.report),
    )


async def _store(
    session: AsyncSession,
    inputs: Inputs,
    result: ProviderResult,
    prepared: Prepared,
    provider: str,
) -> uuid.UUID:
    """Insert, or replace the summary of the same inputs: never two for one input."""
    values = {
        "id": uuid.uuid4(),
        "patient_id": inputs.patient.id,
        "options_key": inputs.options.key(),
        "options": inputs.options.model_dump(mode="json"),
        "input_hash": inputs.input_hash,
        "body": _body(result, prepared, provider).model_dump(mode="json"),
        "provider": provider,
        "model": result.model,
        "prompt_version": PROMPT_VERSION,
        "prompt_tokens": result.usage.prompt_tokens,
        "completion_tokens": result.usage.completion_tokens,
        "model_calls": result.calls,
        "generated_at": datetime.now(UTC),
    }
    insertion = insert(Summary).values(**values)
    kept = {"id", "patient_id", "input_hash"}
    upsert = insertion.on_conflict_do_update(
        index_elements=["patient_id", "input_hash"],
        set_={k: insertion.excluded[k] for k in values if k not in kept},
    ).returning(col(Summary.id))
    summary_id: uuid.UUID = (await session.execute(upsert)).scalar_one()
    return summary_id


async def _fresh_summary_id(session: AsyncSession, inputs: Inputs) -> uuid.UUID | None:
    return await session.scalar(
        select(col(Summary.id)).where(
            col(Summary.patient_id) == inputs.patient.id,
            col(Summary.input_hash) == inputs.input_hash,
        )
    )


async def _call(gen: Generation, request: SummaryRequest) -> ProviderResult:
    started = time.perf_counter()
    result = await gen.provider.summarise(request)
    metrics.MODEL_LATENCY.labels(gen.provider.name).observe(time.perf_counter() - started)
    metrics.TOKENS.labels(gen.provider.name, "prompt").inc(result.usage.prompt_tokens)
    metrics.TOKENS.labels(gen.provider.name, "completion").inc(result.usage.completion_tokens)
    return result


async def _transient(gen: Generation, job: SummaryJob, exc: TransientProviderError) -> str:
    if job.attempts >= gen.settings.summary_max_attempts:
        error = f"{exc.reason}; gave up after {job.attempts} attempts"
        return await _save(gen, job, _ended(job, JobState.FAILED, error=error))
    # Back to queued: concurrent requests keep sharing this job while it waits.
    await _save(gen, job, _ended(job, JobState.QUEUED, error=exc.reason, finished=False))
    retry_after = getattr(exc, "retry_after", None)
    raise RetryLater(backoff_s(job.attempts, gen.settings.summary_retry_base_s, retry_after))


def _ended(
    job: SummaryJob, status: JobState, *, finished: bool = True, **values: Any
) -> Callable[[AsyncSession], Awaitable[str]]:
    """The write that records the end of this run (for `_save`)."""

    async def write(session: AsyncSession) -> str:
        when = {"finished_at": datetime.now(UTC)} if finished else {}
        await _finish(session, job, status=status, **when, **values)
        return status

    return write


def _stored(
    job: SummaryJob, inputs: Inputs, result: ProviderResult, prepared: Prepared, provider: str
) -> Callable[[AsyncSession], Awaitable[str]]:
    """The write that stores the summary and marks the job succeeded, in one transaction."""

    async def write(session: AsyncSession) -> str:
        summary_id = await _store(session, inputs, result, prepared, provider)
        done = _ended(job, JobState.SUCCEEDED, summary_id=summary_id, input_hash=inputs.input_hash)
        return await done(session)

    return write


async def _generate(session: AsyncSession, gen: Generation, job: SummaryJob) -> str:
    options = SummaryOptions.model_validate(job.options)
    inputs = await gather_inputs(
        session=session, patient_id=job.patient_id, options=options, settings=gen.settings
    )
    existing = await _fresh_summary_id(session, inputs)
    if existing is not None and not job.force:
        # Made already (arq ran this job twice, or another job won): never a second one.
        await session.commit()
        done = _ended(job, JobState.SUCCEEDED, summary_id=existing, input_hash=inputs.input_hash)
        return await _save(gen, job, done)
    prepared = await _request(session, inputs, gen.settings)
    # End the read transaction (commit keeps the loaded objects; rollback would expire them):
    # no connection is held while the model writes.
    await session.commit()
    try:
        result = await _call(gen, prepared.request)
    except TransientProviderError as exc:
        return await _transient(gen, job, exc)
    except PermanentProviderError as exc:
        return await _save(gen, job, _ended(job, JobState.FAILED, error=exc.reason))
    provider, _ = provider_identity(gen.settings)
    return await _save(gen, job, _stored(job, inputs, result, prepared, provider))


async def _release(gen: Generation, job: SummaryJob) -> None:
    """Give the job up at once (its lease ends now) so that recovery or arq can run it again.

    Best effort: when PostgreSQL is what failed, the lease simply runs out.
    """
    try:
        async with gen.sessionmaker() as session:
            await session.execute(
                update(SummaryJob)
                .where(
                    col(SummaryJob.id) == job.id,
                    col(SummaryJob.status) == JobState.RUNNING,
                    col(SummaryJob.attempts) == job.attempts,
                )
                .values(lease_until=datetime.now(UTC), updated_at=datetime.now(UTC))
            )
            await session.commit()
    except Exception as exc:  # noqa: BLE001 - the lease expiring is the fallback
        logger.warning(
            "could not release a summary job",
            extra={"job_id": str(job.id), "error_type": type(exc).__name__},
        )


async def _fail_unexpectedly(gen: Generation, job: SummaryJob, exc: Exception) -> None:
    _log_crash(job.id, exc)
    error = f"Internal error while generating ({type(exc).__name__})"
    await _save(gen, job, _ended(job, JobState.FAILED, error=error))


async def _claim_job(gen: Generation, job_id: uuid.UUID) -> SummaryJob | None:
    try:
        async with gen.sessionmaker() as session:
            return await _claim(session, job_id, gen.settings.summary_job_timeout_s)
    except Exception as exc:
        if is_disconnect(exc):  # nothing claimed: arq runs the job again later
            raise RetryLater(DATABASE_RETRY_S) from exc
        raise


async def _run_claimed(gen: Generation, job: SummaryJob) -> str:
    try:
        async with gen.sessionmaker() as session:
            return await _generate(session, gen, job)
    except RetryLater:
        raise
    except asyncio.CancelledError:
        # A worker shutting down, or arq's time limit: let another run take the job now.
        await asyncio.shield(_release(gen, job))
        raise
    except Exception as exc:
        if is_disconnect(exc):
            await _release(gen, job)
            raise RetryLater(DATABASE_RETRY_S) from exc
        await _fail_unexpectedly(gen, job, exc)
        return JobState.FAILED


def _log_crash(job_id: uuid.UUID, exc: Exception) -> None:
    # Type and frames only: the message may carry patient data (arq would log it whole).
    logger.error(
        "summary job crashed",
        extra={"job_id": str(job_id), "error_type": type(exc).__name__, "stack": stack_frames(exc)},
    )


async def run_job(gen: Generation, job_id: uuid.UUID) -> str:
    """Run one summary job; returns its outcome or raises RetryLater."""
    started = time.perf_counter()
    outcome = "skipped"
    try:
        job = await _claim_job(gen, job_id)
        if job is not None:
            outcome = await _run_claimed(gen, job)
    except RetryLater:
        outcome = "retried"
        raise
    except Exception as exc:  # noqa: BLE001 - a crash is recorded; recovery ends a job left behind
        outcome = "failed"
        _log_crash(job_id, exc)
    finally:
        metrics.JOBS.labels(outcome).inc()
        metrics.JOB_DURATION.observe(time.perf_counter() - started)
        logger.info("summary job run", extra={"job_id": str(job_id), "outcome": outcome})
    return outcome
