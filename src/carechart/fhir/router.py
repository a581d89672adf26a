"""Routes of /fhir: capability, import, read, search and $everything, in application/fhir+json."""

import asyncio
import uuid
from typing import Any

from fastapi import APIRouter, Request

from carechart.auth.public import Reader, Writer
from carechart.core.deps import CursorCodecDep, SessionDep
from carechart.core.pagination import DEFAULT_PAGE_SIZE
from carechart.fhir import importing, service
from carechart.fhir.bundle import parse_bundle
from carechart.fhir.capability import capability_statement
from carechart.fhir.dependencies import (
    CountParam,
    CursorParam,
    DocumentPatientDep,
    MrnSystemDep,
    PatientSearchDep,
    UrlsDep,
)
from carechart.fhir.exceptions import UnsupportedBody
from carechart.fhir.mappers import reference_id
from carechart.fhir.outcome import FhirResponse
from carechart.fhir.routing import FhirRoute
from carechart.fhir.schemas import outcome_responses, resource_response
from carechart.notes.public import NoteProcessingDep
from carechart.patients.public import PatientNotFound

router = APIRouter(
    prefix="/fhir", tags=["fhir"], route_class=FhirRoute, default_response_class=FhirResponse
)


def _patient_id(value: str) -> uuid.UUID:
    """Our ids are UUIDs: any other id names no resource here (404, as FHIR reads expect)."""
    try:
        return uuid.UUID(value)
    except ValueError:
        raise PatientNotFound() from None


def _next_url(request: Request, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    return str(request.url.include_query_params(_cursor=cursor))


@router.get(
    "/metadata",
    summary="CapabilityStatement: what this FHIR server supports (no token needed)",
    response_model=None,
    responses={200: resource_response("The CapabilityStatement"), **outcome_responses(422)},
)
async def metadata(urls: UrlsDep, mrn_system: MrnSystemDep) -> FhirResponse:
    return FhirResponse(capability_statement(base_url=urls.fhir, mrn_system=mrn_system))


@router.get(
    "/Patient/{patient_id}",
    summary="Read a Patient",
    response_model=None,
    responses={200: resource_response("The Patient"), **outcome_responses(401, 403, 404, 422)},
)
async def read_patient(
    patient_id: str, principal: Reader, session: SessionDep, mrn_system: MrnSystemDep
) -> FhirResponse:
    resource = await service.read_patient(
        session=session,
        actor_id=principal.user_id,
        patient_id=_patient_id(patient_id),
        mrn_system=mrn_system,
    )
    headers = {"ETag": f'W/"{resource["meta"]["versionId"]}"'}
    return FhirResponse(resource, headers=headers)


@router.get(
    "/Patient",
    summary="Search Patients by identifier, name, birthdate and gender (a searchset Bundle)",
    response_model=None,
    responses={
        200: resource_response("A searchset Bundle, with a `next` link while more follow"),
        **outcome_responses(400, 401, 403, 422),
    },
)
async def search_patients(
    principal: Reader,  # first: a caller without a token learns nothing of the parameters
    query: PatientSearchDep,
    session: SessionDep,
    codec: CursorCodecDep,
    request: Request,
    urls: UrlsDep,
    mrn_system: MrnSystemDep,
) -> FhirResponse:
    page = await service.search_patients(
        session=session,
        actor_id=principal.user_id,
        codec=codec,
        search=query,
        mrn_system=mrn_system,
    )
    return FhirResponse(service.searchset(page, urls, _next_url(request, page.next_cursor)))


@router.get(
    "/Patient/{patient_id}/$everything",
    summary="Patient/$everything: the patient, notes, chart and latest summary as one Bundle",
    response_model=None,
    responses={
        200: resource_response(
            "A searchset Bundle: Patient, DocumentReference, Encounter, Condition, "
            "MedicationStatement, AllergyIntolerance, Observation and Composition resources"
        ),
        **outcome_responses(401, 403, 404, 422),
    },
)
async def patient_everything(
    patient_id: str,
    principal: Reader,
    session: SessionDep,
    urls: UrlsDep,
    mrn_system: MrnSystemDep,
) -> FhirResponse:
    bundle = await service.everything(
        session=session,
        actor_id=principal.user_id,
        patient_id=_patient_id(patient_id),
        mrn_system=mrn_system,
        urls=urls,
    )
    return FhirResponse(bundle)


@router.get(
    "/DocumentReference",
    summary="Search a patient's notes as DocumentReferences (a searchset Bundle)",
    response_model=None,
    responses={
        200: resource_response("A searchset Bundle, newest note first"),
        **outcome_responses(400, 401, 403, 422),
    },
)
async def search_documents(
    principal: Reader,
    patient: DocumentPatientDep,
    session: SessionDep,
    codec: CursorCodecDep,
    request: Request,
    urls: UrlsDep,
    count: CountParam = DEFAULT_PAGE_SIZE,
    cursor: CursorParam = None,
) -> FhirResponse:
    patient_id = reference_id(patient if "/" in patient else f"Patient/{patient}", "Patient")
    page = await service.search_documents(
        session=session,
        actor_id=principal.user_id,
        codec=codec,
        patient_id=patient_id,
        limit=count,
        cursor=cursor,
        urls=urls,
    )
    return FhirResponse(service.searchset(page, urls, _next_url(request, page.next_cursor)))


_BUNDLE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["resourceType", "type"],
    "properties": {
        "resourceType": {"type": "string", "enum": ["Bundle"]},
        "type": {"type": "string", "enum": ["transaction", "batch"]},
        "entry": {
            "type": "array",
            "maxItems": 1000,
            "items": {
                "type": "object",
                "description": "`resource` (Patient or DocumentReference), `fullUrl` "
                "(urn:uuid:...) and `request` (POST or PUT).",
            },
        },
    },
}
_BUNDLE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            media_type: {"schema": _BUNDLE_SCHEMA}
            for media_type in ("application/fhir+json", "application/json")
        },
    }
}
_BODY_TYPES = {"application/fhir+json", "application/json"}


@router.post(
    "",
    summary="Import a transaction or batch Bundle of Patients and DocumentReferences",
    response_model=None,
    openapi_extra=_BUNDLE_BODY,
    responses={
        200: resource_response("A transaction-response or batch-response Bundle"),
        **outcome_responses(400, 401, 403, 404, 409, 413, 415, 422, 503),
    },
)
async def import_bundle(
    principal: Writer,  # first: a refused caller's body is never read
    request: Request,
    session: SessionDep,
    codec: CursorCodecDep,
    processing: NoteProcessingDep,
    mrn_system: MrnSystemDep,
) -> FhirResponse:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in _BODY_TYPES:
        raise UnsupportedBody("Send the Bundle as application/fhir+json")
    # Validating up to 1000 resources is CPU work: off the event loop.
    raw = await request.body()
    bundle = await asyncio.to_thread(parse_bundle, raw, mrn_system=mrn_system)
    answer = await importing.import_bundle(
        session=session,
        engine=request.app.state.engine,
        importer=importing.Importer(
            actor_id=principal.user_id,
            codec=codec,
            processing=processing,
        ),
        bundle=bundle,
    )
    return FhirResponse(answer)
