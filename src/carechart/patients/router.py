"""Routes of the patients slice: CRUD and the paged, sorted, searchable list."""

import uuid

from fastapi import APIRouter, Request, Response, status

from carechart.auth.public import ReaderCaller, Writer, WriterCaller
from carechart.core.deps import SessionDep
from carechart.core.etag import etag
from carechart.core.pagination import next_link
from carechart.core.problems import problem_responses
from carechart.idempotency.public import Answer, IdempotencyDep
from carechart.patients import service
from carechart.patients.dependencies import IfMatchDep, PatientQueryDep
from carechart.patients.models import Patient
from carechart.patients.schemas import (
    PatientCreate,
    PatientPage,
    PatientPatch,
    PatientRead,
    PatientReplace,
)

router = APIRouter(prefix="/patients", tags=["patients"])

_ETAG_HEADER = {
    "ETag": {"description": "The patient's version, for If-Match.", "schema": {"type": "string"}}
}


def _with_etag(response: Response, patient: PatientRead) -> PatientRead:
    response.headers["ETag"] = etag(patient.version)
    return patient


@router.post(
    "",
    summary="Create a patient",
    status_code=status.HTTP_201_CREATED,
    response_model=PatientRead,
    responses={
        201: {"headers": {**_ETAG_HEADER, "Location": {"schema": {"type": "string"}}}},
        **problem_responses(400, 401, 403, 409, 413, 422),
    },
)
async def create_patient(
    body: PatientCreate,
    caller: WriterCaller,
    idempotency: IdempotencyDep,
    session: SessionDep,
    response: Response,
) -> PatientRead:
    patient = None
    if idempotency.use is None:
        patient = await service.create_patient_at_once(caller=caller, data=body)
    if patient is None:  # the answer kept for a key, or an automatic MRN to find
        patient = await service.create_patient(
            session=session,
            actor_id=caller.user_id,
            data=body,
            before_commit=idempotency.before_commit(_created),
        )
    response.headers["Location"] = f"/patients/{patient.id}"
    return _with_etag(response, PatientRead.model_validate(patient))


def _created(patient: Patient) -> Answer:
    """The answer to a create, as kept for a retry with the same Idempotency-Key."""
    headers = {
        "Location": f"/patients/{patient.id}",
        "ETag": etag(patient.version),
        "Content-Type": "application/json",
    }
    return Answer(201, PatientRead.model_validate(patient), headers, patient.id)


@router.get(
    "",
    summary="List, sort and search patients",
    response_model=PatientPage,
    response_model_exclude_none=False,
    responses={
        200: {
            "headers": {
                "Link": {
                    "description": 'The next page: <url>; rel="next"',
                    "schema": {"type": "string"},
                }
            }
        },
        **problem_responses(400, 401, 403, 422),
    },
)
async def list_patients(
    query: PatientQueryDep,
    caller: ReaderCaller,
    session: SessionDep,
    request: Request,
    response: Response,
) -> PatientPage:
    codec = request.app.state.cursor_codec
    if query.in_default_order:
        listing = await service.list_patients_at_once(caller=caller, codec=codec, query=query)
    else:
        await caller.check()
        listing = await service.list_patients(
            session=session, actor_id=caller.user_id, codec=codec, query=query
        )
    if link := next_link(request.url, listing.next_cursor):
        response.headers["Link"] = link
    return PatientPage(
        items=[PatientRead.model_validate(p) for p in listing.items],
        next_cursor=listing.next_cursor,
        has_more=listing.next_cursor is not None,
        total=listing.total,
    )


@router.get(
    "/{patient_id}",
    summary="Read a patient",
    response_model=PatientRead,
    responses={200: {"headers": _ETAG_HEADER}, **problem_responses(401, 403, 404, 422)},
)
async def read_patient(
    patient_id: uuid.UUID, caller: ReaderCaller, response: Response
) -> PatientRead:
    patient = await service.read_patient_at_once(caller=caller, patient_id=patient_id)
    return _with_etag(response, PatientRead.model_validate(patient))


@router.put(
    "/{patient_id}",
    summary="Replace a patient (full update)",
    response_model=PatientRead,
    responses={
        200: {"headers": _ETAG_HEADER},
        **problem_responses(400, 401, 403, 404, 409, 412, 413, 422),
    },
)
async def replace_patient(
    patient_id: uuid.UUID,
    body: PatientReplace,
    precondition: IfMatchDep,
    principal: Writer,
    session: SessionDep,
    response: Response,
) -> PatientRead:
    patient = await service.update_patient(
        session=session,
        actor_id=principal.user_id,
        patient_id=patient_id,
        data=body,
        if_match=precondition,
    )
    return _with_etag(response, PatientRead.model_validate(patient))


@router.patch(
    "/{patient_id}",
    summary="Change some of a patient's fields",
    response_model=PatientRead,
    responses={
        200: {"headers": _ETAG_HEADER},
        **problem_responses(400, 401, 403, 404, 409, 412, 413, 422),
    },
)
async def patch_patient(
    patient_id: uuid.UUID,
    body: PatientPatch,
    precondition: IfMatchDep,
    principal: Writer,
    session: SessionDep,
    response: Response,
) -> PatientRead:
    patient = await service.update_patient(
        session=session,
        actor_id=principal.user_id,
        patient_id=patient_id,
        data=body,
        if_match=precondition,
    )
    return _with_etag(response, PatientRead.model_validate(patient))


@router.delete(
    "/{patient_id}",
    summary="Delete a patient and everything attached to it",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,  # no body, so no Content-Type (FastAPI would say JSON)
    responses=problem_responses(401, 403, 404, 412, 422),
)
async def delete_patient(
    patient_id: uuid.UUID, precondition: IfMatchDep, principal: Writer, session: SessionDep
) -> None:
    await service.delete_patient(
        session=session, actor_id=principal.user_id, patient_id=patient_id, if_match=precondition
    )
