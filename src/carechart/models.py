"""Every slice's tables in one metadata, for Alembic and the tests."""

from sqlmodel import SQLModel

from carechart.audit.models import AuditEvent
from carechart.auth.models import User
from carechart.notes.models import Note, NoteFile
from carechart.patients.models import Patient
from carechart.summaries.models import Summary, SummaryJob

metadata = SQLModel.metadata

__all__ = ["AuditEvent", "Note", "NoteFile", "Patient", "Summary", "SummaryJob", "User", "metadata"]
