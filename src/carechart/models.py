"""Every slice's tables in one metadata, for Alembic and the tests."""

from sqlmodel import SQLModel

from carechart.audit.models import AuditEvent
from carechart.auth.models import User
from carechart.idempotency.models import IdempotencyRecord
from carechart.notes.models import Note, NoteFile
from carechart.patients.models import FamilyNameToken, GivenNameToken, Patient, PatientNameKey
from carechart.summaries.models import Summary, SummaryJob

metadata = SQLModel.metadata

__all__ = [
    "AuditEvent",
    "FamilyNameToken",
    "GivenNameToken",
    "IdempotencyRecord",
    "Note",
    "NoteFile",
    "Patient",
    "PatientNameKey",
    "Summary",
    "SummaryJob",
    "User",
    "metadata",
]
