"""The notes slice's public API: note records and the chart (frozen, not ORM rows), note
uploads, and the clinical vocabulary the summaries check against.

Other slices import this module only (import-linter, `make lint`). The chart's merge logic
stays in `notes.chart`, its response models in `notes.chart_schemas`; this module re-exports
the models.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy.ext.asyncio import AsyncSession

from carechart.core.pagination import CursorCodec
from carechart.notes import service
from carechart.notes.analysis import NoteProcessing
from carechart.notes.chart_schemas import (
    Chart,
    ChartAllergy,
    ChartEncounter,
    ChartFollowUp,
    ChartMedication,
    ChartProblem,
    ChartSeries,
    Citation,
    Measurement,
)
from carechart.notes.dependencies import NoteProcessingDep
from carechart.notes.exceptions import DuplicateNote
from carechart.notes.models import Note
from carechart.notes.nlp import MedicationStatus, ProblemStatus
from carechart.notes.nlp.vocabulary import find_drug_names
from carechart.notes.service import NoteQuery, NoteUpload

__all__ = [
    "Chart",
    "ChartAllergy",
    "ChartEncounter",
    "ChartFollowUp",
    "ChartMedication",
    "ChartProblem",
    "ChartSeries",
    "Citation",
    "DuplicateNote",
    "Measurement",
    "MedicationStatus",
    "NotePage",
    "NoteProcessing",
    "NoteProcessingDep",
    "NoteQuery",
    "NoteRecord",
    "NoteText",
    "NoteUpload",
    "PatientNotes",
    "ProblemStatus",
    "add_note",
    "find_drug_names",
    "find_notes",
    "patient_notes",
]


class NoteRecord(BaseModel):
    """A stored note as other slices see it: what it is and where it came from, not its text."""

    model_config = ConfigDict(frozen=True, from_attributes=True)

    id: uuid.UUID
    patient_id: uuid.UUID
    taken_at: datetime
    title: str | None
    author: str | None
    note_type: str
    has_text: bool
    media_type: str
    filename: str | None
    size_bytes: int
    content_sha256: str
    created_at: datetime
    updated_at: datetime


class NoteText(NoteRecord):
    """A note with its text (empty when none could be read: see `has_text`)."""

    content: str


@dataclass(frozen=True)
class PatientNotes:
    """Every note of a patient, oldest first, and the chart built from them (one read)."""

    notes: Sequence[NoteText]
    chart: Chart


@dataclass(frozen=True)
class NotePage:
    items: Sequence[NoteRecord]
    next_cursor: str | None


async def patient_notes(*, session: AsyncSession, patient_id: uuid.UUID) -> PatientNotes:
    """The notes and chart of a patient known to exist (not audited: the caller audits)."""
    notes = await service.patient_notes(session=session, patient_id=patient_id)
    return PatientNotes(
        notes=[NoteText.model_validate(n) for n in notes],
        chart=await service.chart_of(patient_id, notes),
    )


async def find_notes(
    *,
    session: AsyncSession,
    actor_id: uuid.UUID,
    patient_id: uuid.UUID,
    codec: CursorCodec,
    query: NoteQuery,
) -> NotePage:
    """One page of the patient's notes (audited), or PatientNotFound."""
    listing = await service.list_notes(
        session=session, actor_id=actor_id, patient_id=patient_id, codec=codec, query=query
    )
    return NotePage([_record(n) for n in listing.items], listing.next_cursor)


async def add_note(
    *,
    session: AsyncSession,
    actor_id: uuid.UUID,
    patient_id: uuid.UUID,
    upload: NoteUpload,
    processing: NoteProcessing,
) -> NoteRecord:
    """Store, read and analyse one upload (audited); DuplicateNote for the same bytes twice."""
    note = await service.add_note(
        session=session,
        actor_id=actor_id,
        patient_id=patient_id,
        upload=upload,
        processing=processing,
    )
    return _record(note)


def _record(note: Note) -> NoteRecord:
    return NoteRecord.model_validate(note)
