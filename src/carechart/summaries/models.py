"""Summary tables: generated summaries (the cache) and the jobs that make them."""

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    String,
    Text,
    Uuid,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from carechart.core.db import timestamp_column, uuid_pk


class Summary(SQLModel, table=True):
    """One generated summary for one set of inputs (patient, notes, options, prompt, model)."""

    __tablename__ = "summary"
    __table_args__ = (
        # One summary per input: a job that runs twice replaces, never duplicates.
        Index("uq_summary_patient_id_input_hash", "patient_id", "input_hash", unique=True),
        Index(
            "ix_summary_patient_id_options_key_generated_at",
            "patient_id",
            "options_key",
            "generated_at",
        ),
    )

    id: uuid.UUID = uuid_pk()
    patient_id: uuid.UUID = Field(
        sa_column=Column(Uuid(), ForeignKey("patient.id", ondelete="CASCADE"), nullable=False)
    )
    options_key: str = Field(sa_type=String(200))
    options: dict[str, Any] = Field(default_factory=dict, sa_type=JSONB)
    input_hash: str = Field(sa_type=String(64))
    body: dict[str, Any] = Field(default_factory=dict, sa_type=JSONB)
    provider: str = Field(sa_type=String(32))
    model: str = Field(sa_type=String(100))
    prompt_version: str = Field(sa_type=String(32))
    prompt_tokens: int = 0
    completion_tokens: int = 0
    model_calls: int = 0
    generated_at: datetime = Field(sa_type=DateTime(timezone=True))
    created_at: datetime = timestamp_column()


class JobState(StrEnum):
    """Where a summary job is; stored and returned as these exact strings."""

    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class SummaryJob(SQLModel, table=True):
    """A request to generate a summary; the source of truth for its status (arq's is advisory)."""

    __tablename__ = "summary_job"
    __table_args__ = (
        CheckConstraint(
            "status IN ('queued', 'running', 'succeeded', 'failed')", name="status_allowed"
        ),
        # At most one live job per input: concurrent requests share it (one model call).
        Index(
            "uq_summary_job_patient_id_input_hash_active",
            "patient_id",
            "input_hash",
            unique=True,
            postgresql_where=text("status IN ('queued', 'running')"),
        ),
        Index("ix_summary_job_patient_id_created_at", "patient_id", "created_at"),
    )

    id: uuid.UUID = uuid_pk()
    patient_id: uuid.UUID = Field(
        sa_column=Column(Uuid(), ForeignKey("patient.id", ondelete="CASCADE"), nullable=False)
    )
    options_key: str = Field(sa_type=String(200))
    options: dict[str, Any] = Field(default_factory=dict, sa_type=JSONB)
    input_hash: str = Field(sa_type=String(64))
    force: bool = False
    # A plain string column (the check constraint holds the values): rows read back carry `str`,
    # which compares equal to the JobState members.
    status: str = Field(default=JobState.QUEUED, sa_type=String(16))
    attempts: int = 0
    error: str | None = Field(default=None, sa_type=Text)
    summary_id: uuid.UUID | None = Field(
        default=None,
        sa_column=Column(Uuid(), ForeignKey("summary.id", ondelete="SET NULL"), nullable=True),
    )
    requested_by: uuid.UUID | None = None
    lease_until: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    created_at: datetime = timestamp_column()
    updated_at: datetime = timestamp_column(on_update=True)
    started_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    finished_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
