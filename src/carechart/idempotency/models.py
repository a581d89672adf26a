"""The stored answers to requests sent with an Idempotency-Key, kept for 24 hours."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from carechart.core.db import timestamp_column, uuid_pk


class IdempotencyRecord(SQLModel, table=True):
    """One key of one user on one route, with a digest of the request and the answer given.

    The key and the request are kept as SHA-256 digests only; the answer is what the client
    was sent. A record about a patient goes with the patient (ON DELETE CASCADE).
    """

    __tablename__ = "idempotency_record"
    __table_args__ = (
        UniqueConstraint("user_id", "scope", "key_hash"),
        Index("ix_idempotency_record_expires_at", "expires_at"),
    )

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID
    scope: str = Field(sa_type=String(200))
    key_hash: str = Field(sa_type=String(64))
    request_hash: str = Field(sa_type=String(64))
    patient_id: uuid.UUID | None = Field(
        default=None,
        sa_column=Column(Uuid(), ForeignKey("patient.id", ondelete="CASCADE"), nullable=True),
    )
    status_code: int
    headers: dict[str, Any] = Field(default_factory=dict, sa_type=JSONB)
    body: bytes = Field(sa_type=LargeBinary)
    created_at: datetime = timestamp_column()
    expires_at: datetime = Field(sa_type=DateTime(timezone=True))
