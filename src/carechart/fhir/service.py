"""FHIR use-cases: read and search through the patients and notes services, each audited there."""

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from carechart.audit.public import Action, AuditRecord, audited
from carechart.core.pagination import CursorCodec
from carechart.fhir.everything import Sources, chart_resources, composition, encounter_id
from carechart.fhir.mappers import document_reference, instant, patient_resource
from carechart.fhir.search import IdentifierToken
from carechart.notes import public as notes
from carechart.patients import public as patients
from carechart.patients.public import PatientNotFound
from carechart.summaries import public as summaries


@dataclass(frozen=True)
class Urls:
    """Where the API and its FHIR base are, as the client reached them."""

    api: str  # http://host
    request: str  # the URL of this request, for Bundle.link self

    @property
    def fhir(self) -> str:
        return f"{self.api}/fhir"


@dataclass(frozen=True)
class Page:
    """A searchset page: the resources and the cursor of the next page."""

    resources: list[dict[str, Any]]
    next_cursor: str | None


def searchset(page: Page, urls: Urls, next_url: str | None) -> dict[str, Any]:
    links = [{"relation": "self", "url": urls.request}]
    if next_url is not None:
        links.append({"relation": "next", "url": next_url})
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "timestamp": instant(datetime.now(UTC)),
        "link": links,
        "entry": [
            {
                "fullUrl": f"{urls.fhir}/{r['resourceType']}/{r['id']}",
                "resource": r,
                "search": {"mode": "match"},
            }
            for r in page.resources
        ],
    }


async def read_patient(
    *, session: AsyncSession, actor_id: uuid.UUID, patient_id: uuid.UUID, mrn_system: str
) -> dict[str, Any]:
    patient = await patients.read_patient(session=session, actor_id=actor_id, patient_id=patient_id)
    return patient_resource(patient, mrn_system=mrn_system)


@dataclass(frozen=True)
class PatientSearch:
    limit: int
    cursor: str | None
    identifier: IdentifierToken | None
    name: str | None
    born_after: date | None
    born_before: date | None
    gender: str | None


async def search_patients(
    *,
    session: AsyncSession,
    actor_id: uuid.UUID,
    codec: CursorCodec,
    search: PatientSearch,
    mrn_system: str,
) -> Page:
    """Patients matching every parameter; an identifier of another system matches nobody."""
    token = search.identifier
    if token is not None and token.system not in (None, mrn_system):
        return Page([], None)
    listing = await patients.find_patients(
        session=session,
        actor_id=actor_id,
        codec=codec,
        query=patients.PatientQuery(
            limit=search.limit,
            cursor=search.cursor,
            q=search.name,
            mrn=token.value if token else None,
            born_after=search.born_after,
            born_before=search.born_before,
            sex=search.gender,
        ),
    )
    resources = [patient_resource(p, mrn_system=mrn_system) for p in listing.items]
    return Page(resources, listing.next_cursor)


async def search_documents(
    *,
    session: AsyncSession,
    actor_id: uuid.UUID,
    codec: CursorCodec,
    patient_id: uuid.UUID | None,
    limit: int,
    cursor: str | None,
    urls: Urls,
) -> Page:
    """The patient's notes, newest first; an unknown patient has none (an empty searchset)."""
    if patient_id is None:
        return Page([], None)
    try:
        listing = await notes.find_notes(
            session=session,
            actor_id=actor_id,
            patient_id=patient_id,
            codec=codec,
            query=notes.NoteQuery(limit=limit, cursor=cursor),
        )
    except PatientNotFound:
        return Page([], None)
    resources = [document_reference(n, api_base=urls.api) for n in listing.items]
    return Page(resources, listing.next_cursor)


async def everything(
    *,
    session: AsyncSession,
    actor_id: uuid.UUID,
    patient_id: uuid.UUID,
    mrn_system: str,
    urls: Urls,
) -> dict[str, Any]:
    """Patient/$everything: the patient, its notes, its chart and its latest summary, in one
    searchset Bundle whose references all resolve inside it. One audit event says so."""
    record = AuditRecord(actor_id, Action.READ, "fhir_everything", patient_id, [patient_id])
    async with audited(session, record):
        patient = await patients.get_patient(session=session, patient_id=patient_id)
        stored = await notes.patient_notes(session=session, patient_id=patient_id)
        summary = await summaries.latest_summary(session=session, patient_id=patient_id)
        sources = Sources(api=urls.api, patient_id=patient_id)
        found = chart_resources(sources, stored.chart)
        resources = [
            patient_resource(patient, mrn_system=mrn_system),
            *(
                document_reference(
                    n, api_base=urls.api, encounter_id=encounter_id(patient_id, n.id)
                )
                for n in stored.notes
            ),
            *found.resources,
        ]
        if summary is not None:
            resources.append(composition(sources, summary, found))
        record.details = {"resources": len(resources), "notes": len(stored.notes)}
    bundle = searchset(Page(resources, None), urls, None)
    bundle["total"] = 1
    for entry in bundle["entry"][1:]:
        entry["search"] = {"mode": "include"}
    return bundle
