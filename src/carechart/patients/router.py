"""Routes of the patients slice: CRUD and the paged, sorted, searchable list."""

import uuid
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from carechart.auth.public import Principal, ReaderCaller, Writer, WriterCaller
from carechart.core.deps import CursorCodecDep, PagerDep, SessionDep, SessionMakerDep
from carechart.core.etag import IfMatch, etag
from carechart.core.problems import raises
from carechart.idempotency.public import Answer, IdempotencyDep
from carechart.patients import service
from carechart.patients.dependencies import IfMatchDep, PatientQueryDep
from carechart.patients.exceptions import DuplicateMrn, PatientNotFound, StalePatient
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
    responses={201: {"headers": {**_ETAG_HEADER, "Location": {"schema": {"type": "string"}}}}},
)
@raises(DuplicateMrn)
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
    },
)
async def list_patients(
    query: PatientQueryDep,
    caller: ReaderCaller,
    sessions: SessionMakerDep,
    codec: CursorCodecDep,
    pager: PagerDep,
) -> PatientPage:
    if query.in_default_order:
        listing = await service.list_patients_at_once(caller=caller, codec=codec, query=query)
    elif query.by_relevance:
        listing = await service.search_patients_at_once(caller=caller, codec=codec, query=query)
    else:
        await caller.check()
        async with sessions() as session:
            listing = await service.list_patients(
                session=session, actor_id=caller.user_id, codec=codec, query=query
            )
    items = [PatientRead.model_validate(p) for p in listing.items]
    return pager.page(PatientPage, items, listing.next_cursor, listing.total)


@router.get(
    "/{patient_id}",
    summary="Read a patient",
    response_model=PatientRead,
    responses={200: {"headers": _ETAG_HEADER}},
)
@raises(PatientNotFound)
async def read_patient(
    patient_id: uuid.UUID, caller: ReaderCaller, response: Response
) -> PatientRead:
    patient = await service.read_patient_at_once(caller=caller, patient_id=patient_id)
    return _with_etag(response, PatientRead.model_validate(patient))


@dataclass(frozen=True)
class _PatientUpdate:
    """What PUT and PATCH share: the patient, its If-Match, the writer, the session, the answer."""

    patient_id: uuid.UUID
    precondition: IfMatch | None
    principal: Principal
    session: AsyncSession
    response: Response

    async def apply(self, body: PatientReplace | PatientPatch) -> PatientRead:
        """PUT and PATCH differ only by their body: the service applies the fields sent."""
        patient = await service.update_patient(
            session=self.session,
            actor_id=self.principal.user_id,
            patient_id=self.patient_id,
            data=body,
            if_match=self.precondition,
        )
        return _with_etag(self.response, PatientRead.model_validate(patient))


async def _patient_update(
    patient_id: uuid.UUID,
    precondition: IfMatchDep,
    principal: Writer,
    session: SessionDep,
    response: Response,
) -> _PatientUpdate:
    return _PatientUpdate(patient_id, precondition, principal, session, response)


PatientUpdateDep = Annotated[_PatientUpdate, Depends(_patient_update)]


@router.put(
    "/{patient_id}",
    summary="Replace a patient (full update)",
    response_model=PatientRead,
    responses={200: {"headers": _ETAG_HEADER}},
)
@raises(PatientNotFound, DuplicateMrn, StalePatient)
async def replace_patient(body: PatientReplace, update: PatientUpdateDep) -> PatientRead:
    return await update.apply(body)


@router.patch(
    "/{patient_id}",
    summary="Change some of a patient's fields",
    response_model=PatientRead,
    responses={200: {"headers": _ETAG_HEADER}},
)
@raises(PatientNotFound, DuplicateMrn, StalePatient)
async def patch_patient(body: PatientPatch, update: PatientUpdateDep) -> PatientRead:
    return await update.apply(body)


@router.delete(
    "/{patient_id}",
    summary="Delete a patient and everything attached to it",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,  # no body, so no Content-Type (FastAPI would say JSON)
    responses={},
)
@raises(PatientNotFound, StalePatient)
async def delete_patient(
    patient_id: uuid.UUID, precondition: IfMatchDep, principal: Writer, session: SessionDep
) -> None:
    await service.delete_patient(
        session=session, actor_id=principal.user_id, patient_id=patient_id, if_match=precondition
    )
