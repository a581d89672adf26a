"""The patients slice's public API: patient records (frozen, not ORM rows) and their use-cases.

Other slices import this module only (import-linter, `make lint`): a change to the patient
table or to the patients service shows here, not in the prompt or the FHIR export.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from pydantic import ConfigDict
from sqlalchemy.ext.asyncio import AsyncSession

from carechart.core.pagination import CursorCodec
from carechart.patients import service
from carechart.patients.exceptions import PatientNotFound
from carechart.patients.models import Patient
from carechart.patients.schemas import PatientCreate, PatientPatch, Person
from carechart.patients.service import PatientQuery, lock_patient

__all__ = [
    "PatientCreate",
    "PatientIdentity",
    "PatientNotFound",
    "PatientPage",
    "PatientPatch",
    "PatientQuery",
    "PatientRecord",
    "create_patient",
    "find_patients",
    "get_patient",
    "lock_patient",
    "read_patient",
    "update_patient",
]


class PatientIdentity(Person):
    """Who a patient is: the identifiers a heading shows and masking removes, with `name`,
    `age` and `age_on()` from `Person`."""

    model_config = ConfigDict(frozen=True, from_attributes=True)

    id: uuid.UUID
    mrn: str
    given_name: str
    family_name: str
    date_of_birth: date
    sex: str | None


class PatientRecord(PatientIdentity):
    """A stored patient as other slices see it."""

    version: int
    # Changes whenever a note is added, removed or re-read (kept by the database): with
    # `version`, what a summary's freshness depends on.
    notes_fingerprint: int
    created_at: datetime
    updated_at: datetime


def _record(patient: Patient) -> PatientRecord:
    return PatientRecord.model_validate(patient)


@dataclass(frozen=True)
class PatientPage:
    items: Sequence[PatientRecord]
    next_cursor: str | None


async def get_patient(*, session: AsyncSession, patient_id: uuid.UUID) -> PatientRecord:
    """The patient, or PatientNotFound. Not audited: for slices that audit their own use-case."""
    return _record(await service.get_patient(session=session, patient_id=patient_id))


async def read_patient(
    *, session: AsyncSession, actor_id: uuid.UUID, patient_id: uuid.UUID
) -> PatientRecord:
    """The patient, or PatientNotFound; the read is audited."""
    patient = await service.read_patient(session=session, actor_id=actor_id, patient_id=patient_id)
    return _record(patient)


async def find_patients(
    *, session: AsyncSession, actor_id: uuid.UUID, codec: CursorCodec, query: PatientQuery
) -> PatientPage:
    """One page of the patients matching `query` (the listing is audited)."""
    listing = await service.list_patients(
        session=session, actor_id=actor_id, codec=codec, query=query
    )
    return PatientPage([_record(p) for p in listing.items], listing.next_cursor)


async def create_patient(
    *, session: AsyncSession, actor_id: uuid.UUID, data: PatientCreate
) -> PatientRecord:
    patient = await service.create_patient(session=session, actor_id=actor_id, data=data)
    return _record(patient)


async def update_patient(
    *, session: AsyncSession, actor_id: uuid.UUID, patient_id: uuid.UUID, data: PatientPatch
) -> PatientRecord:
    """PATCH semantics (only the fields in `data` change), without a version precondition."""
    patient = await service.update_patient(
        session=session, actor_id=actor_id, patient_id=patient_id, data=data, if_match=None
    )
    return _record(patient)
