"""Loads the admin, the sample patients and their notes through the services; safe to rerun."""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from carechart.auth import service as auth_service
from carechart.core.config import Settings
from carechart.core.security import Passwords
from carechart.notes import service as note_service
from carechart.notes.analysis import NoteProcessing
from carechart.notes.exceptions import DuplicateNote
from carechart.patients import service as patient_service
from carechart.patients.exceptions import DuplicateMrn
from carechart.patients.models import Patient
from carechart.patients.schemas import PatientCreate

DATA_DIR = Path(__file__).parent
NOTES_DIR = DATA_DIR / "notes"


class SampleNote(BaseModel):
    """One note file of a sample patient, as listed in `patients.json`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    file: Annotated[str, Field(pattern=r"^\d{2}-[a-z0-9-]+\.txt$")]
    title: str
    # Only where the note's own date is not enough (the time of day of an inpatient note).
    taken_at: datetime | None = None


class SamplePatient(BaseModel):
    """A sample patient and their notes, oldest first; the notes live in `notes/<slug>/`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: Annotated[str, Field(pattern=r"^[a-z0-9-]+$")]
    patient: PatientCreate
    notes: list[SampleNote]

    def note_path(self, note: SampleNote) -> Path:
        return NOTES_DIR / self.slug / note.file


@dataclass
class SeedReport:
    """Counts only: the sample data is shaped like patient data and never goes into a log."""

    admin_created: bool = False
    patients_created: int = 0
    patients_present: int = 0
    notes_created: int = 0
    notes_present: int = 0


def sample_patients() -> list[SamplePatient]:
    raw = (DATA_DIR / "patients.json").read_bytes()
    return TypeAdapter(list[SamplePatient]).validate_json(raw)


@dataclass(frozen=True)
class _Run:
    """What every step of one load needs."""

    session: AsyncSession
    actor_id: uuid.UUID
    processing: NoteProcessing
    report: SeedReport


async def _patient_by_mrn(session: AsyncSession, mrn: str | None) -> uuid.UUID | None:
    return await session.scalar(select(col(Patient.id)).where(col(Patient.mrn) == mrn))


async def _ensure_patient(run: _Run, data: PatientCreate) -> uuid.UUID:
    existing = await _patient_by_mrn(run.session, data.mrn)
    if existing is not None:
        run.report.patients_present += 1
        return existing
    try:
        patient = await patient_service.create_patient(
            session=run.session, actor_id=run.actor_id, data=data
        )
    except DuplicateMrn:
        return await _ensure_patient(run, data)  # another loader created it since the check
    run.report.patients_created += 1
    return patient.id


def note_upload(sample: SamplePatient, note: SampleNote) -> note_service.NoteUpload:
    """The note as a text file upload: the same path, checks and extraction as the API's."""
    path = sample.note_path(note)
    return note_service.NoteUpload(
        data=path.read_bytes(),
        source="file",
        filename=path.name,
        declared_media_type="text/plain",
        taken_at=note.taken_at,
        title=note.title,
    )


async def stored_hashes(session: AsyncSession, patient_id: uuid.UUID) -> set[str]:
    """The SHA-256 of every note the patient has, so a rerun uploads nothing twice."""
    stored = await note_service.note_fingerprints(session=session, patient_id=patient_id)
    return {note.content_sha256 for note in stored}


async def _ensure_notes(run: _Run, patient_id: uuid.UUID, sample: SamplePatient) -> None:
    stored = await stored_hashes(run.session, patient_id)
    for note in sample.notes:
        upload = note_upload(sample, note)
        if hashlib.sha256(upload.data).hexdigest() in stored:
            run.report.notes_present += 1
            continue
        try:
            await note_service.add_note(
                session=run.session,
                actor_id=run.actor_id,
                patient_id=patient_id,
                upload=upload,
                processing=run.processing,
            )
        except DuplicateNote:
            run.report.notes_present += 1  # stored by another loader since the check
        else:
            run.report.notes_created += 1


async def load(
    *,
    session: AsyncSession,
    settings: Settings,
    with_samples: bool,
    processing: NoteProcessing,
    passwords: Passwords,
) -> SeedReport:
    """Notes are read and analysed in `processing`'s workers, passwords hashed by `passwords`."""
    report = SeedReport()
    admin_id, report.admin_created = await auth_service.ensure_admin(
        session=session, settings=settings, passwords=passwords
    )
    if not with_samples:
        return report
    run = _Run(session, admin_id, processing, report)
    for sample in sample_patients():
        patient_id = await _ensure_patient(run, sample.patient)
        await _ensure_notes(run, patient_id, sample)
    return report
