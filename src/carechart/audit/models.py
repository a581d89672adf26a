"""The append-only audit trail: who did what to which patient data, when, and how it ended."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Index, String, Uuid
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlmodel import Field, SQLModel

from carechart.core.db import timestamp_column, uuid_pk


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_occurred_at_id", "occurred_at", "id"),
        Index("ix_audit_event_actor_id_occurred_at", "actor_id", "occurred_at"),
        Index("ix_audit_event_patient_ids", "patient_ids", postgresql_using="gin"),
    )

    id: uuid.UUID = uuid_pk()
    occurred_at: datetime = timestamp_column()
    # No foreign keys on purpose: the trail outlives the users and patients it mentions.
    actor_id: uuid.UUID | None = Field(default=None)
    action: str = Field(sa_type=String(32))
    resource_type: str = Field(sa_type=String(32))
    resource_id: uuid.UUID | None = Field(default=None)
    # PostgreSQL's ARRAY: its `contains` (@>) is what the patient filter and GIN index use.
    patient_ids: list[uuid.UUID] = Field(
        default_factory=list,
        sa_type=ARRAY(Uuid()),
        sa_column_kwargs={"nullable": False, "server_default": "{}"},
    )
    outcome: str = Field(sa_type=String(32))
    request_id: str | None = Field(default=None, sa_type=String(128))
    details: dict[str, Any] = Field(
        default_factory=dict,
        sa_type=JSONB,
        sa_column_kwargs={"nullable": False, "server_default": "{}"},
    )
