"""Every slice's tables in one metadata, for Alembic and the tests."""

from sqlmodel import SQLModel

from carechart.audit.models import AuditEvent
from carechart.auth.models import User
from carechart.patients.models import Patient

metadata = SQLModel.metadata

__all__ = ["AuditEvent", "Patient", "User", "metadata"]
