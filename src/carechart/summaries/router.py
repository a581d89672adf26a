"""Routes of the summaries slice: get or request a summary, read one, follow a job."""

import uuid
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from carechart.auth.public import Reader, ReaderCaller, Writer
from carechart.core.deps import RateLimiterDep, SessionDep, SettingsDep
from carechart.core.problems import raises
from carechart.core.ratelimit import RateLimited
from carechart.idempotency.public import Answer, IdempotencyDep
from carechart.patients.public import PatientNotFound
from carechart.summaries import service
from carechart.summaries.dependencies import (
    AllowStaleParam,
    JobRequestingDep,
    OptionsDep,
    QueueDep,
    WaitParam,
)
from carechart.summaries.exceptions import QueueUnavailable, SummaryJobNotFound, SummaryNotFound
from carechart.summaries.schemas import (
    JobStatus,
    SummaryCreate,
    SummaryRead,
    job_status,
    summary_read,
)

router = APIRouter(tags=["summaries"])

RETRY_AFTER_S = 2
_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {"model": SummaryRead, "description": "The summary (fresh, or stale on request)."},
    202: {
        "model": JobStatus,
        "description": "Being generated: poll `Location` (the job) after `Retry-After` seconds.",
        "headers": {
            "Location": {"schema": {"type": "string"}},
            "Retry-After": {"schema": {"type": "integer"}},
        },
    },
}


def _answer(answer: service.SummaryAnswer) -> Response:
    # Pydantic writes the JSON itself: a summary is large, and model_dump then json.dumps
    # took a tenth of the time of a cached read (docs/benchmarks.md).
    if answer.summary is not None:
        body = summary_read(answer.summary, answer.patient, stale=answer.stale)
        return Response(body.model_dump_json(), status_code=200, media_type="application/json")
    assert answer.job is not None
    status = job_status(answer.job)
    return Response(
        status.model_dump_json(),
        status_code=202,
        media_type="application/json",
        headers={"Location": status.status_url, "Retry-After": str(RETRY_AFTER_S)},
    )


@router.get(
    "/patients/{patient_id}/summary",
    summary="The patient's summary: 200 when fresh, else 202 while a job makes it",
    response_class=JSONResponse,
    responses=_ANSWERS,
)
@raises(PatientNotFound, RateLimited, QueueUnavailable)
async def get_summary(
    patient_id: uuid.UUID,
    options: OptionsDep,
    caller: ReaderCaller,
    settings: SettingsDep,
    jobs: JobRequestingDep,
    allow_stale: AllowStaleParam = False,
    wait: WaitParam = 0,
) -> Response:
    answer = await service.cached_summary(
        caller=caller, settings=settings, patient_id=patient_id, options=options
    )
    if answer is None:  # the user was checked by that statement
        async with jobs.sessions() as session:
            answer = await service.request_summary(
                session=session,
                queue=jobs.queue,
                settings=settings,
                actor_id=caller.user_id,
                patient_id=patient_id,
                query=service.SummaryQuery(options=options, allow_stale=allow_stale, wait_s=wait),
                limiter=jobs.limiter,
            )
    return _answer(answer)


@router.post(
    "/patients/{patient_id}/summary",
    summary="Request a summary with options (force=true regenerates)",
    response_class=JSONResponse,
    responses=_ANSWERS,
)
@raises(PatientNotFound, RateLimited, QueueUnavailable)
async def request_summary(
    patient_id: uuid.UUID,
    body: SummaryCreate,
    principal: Writer,
    idempotency: IdempotencyDep,
    session: SessionDep,
    settings: SettingsDep,
    queue: QueueDep,
    limiter: RateLimiterDep,
    wait: WaitParam = 0,
) -> Response:
    """With an Idempotency-Key the answer is kept once given (after the job is queued: the job
    itself is shared by identical requests, so a retry never makes a second one)."""
    options = body.options()
    answer = await service.request_summary(
        session=session,
        queue=queue,
        settings=settings,
        actor_id=principal.user_id,
        patient_id=patient_id,
        query=service.SummaryQuery(options=options, force=body.force, wait_s=wait),
        limiter=limiter,
    )
    response = _answer(answer)
    headers = {k: v for k, v in response.headers.items() if k != "content-length"}
    await idempotency.keep(Answer(response.status_code, bytes(response.body), headers, patient_id))
    return response


@router.get(
    "/patients/{patient_id}/summaries/{summary_id}",
    summary="Read one generated summary (marked stale if its inputs changed)",
    response_model=SummaryRead,
)
@raises(SummaryNotFound)
async def read_summary(
    patient_id: uuid.UUID,
    summary_id: uuid.UUID,
    principal: Reader,
    session: SessionDep,
    settings: SettingsDep,
) -> SummaryRead:
    answer = await service.read_summary(
        session=session,
        settings=settings,
        actor_id=principal.user_id,
        patient_id=patient_id,
        summary_id=summary_id,
    )
    assert answer.summary is not None
    return summary_read(answer.summary, answer.patient, stale=answer.stale)


@router.get(
    "/summary-jobs/{job_id}",
    summary="Follow a summary job: queued, running, succeeded or failed",
    response_model=JobStatus,
)
@raises(SummaryJobNotFound)
async def read_job(job_id: uuid.UUID, principal: Reader, session: SessionDep) -> JobStatus:
    job = await service.read_job(session=session, actor_id=principal.user_id, job_id=job_id)
    return job_status(job)
