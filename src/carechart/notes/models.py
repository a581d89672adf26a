"""Note tables: the note with its text and derived data, and the original upload's bytes."""

import uuid
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Column,
    Computed,
    DateTime,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    Uuid,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, TSVECTOR
from sqlmodel import Field, SQLModel

from carechart.core.db import timestamp_column, utcnow, uuid_pk

# English stemming over the title and the text; the two-argument to_tsvector is IMMUTABLE.
# Only the first 100,000 characters: a tsvector holds at most 1 MiB, which a long note of
# distinct words would overflow (an error on insert).
SEARCH_EXPRESSION = (
    "to_tsvector('english'::regconfig, left(coalesce(title, '') || ' ' || content, 100000))"
)


class Note(SQLModel, table=True):
    __tablename__ = "note"
    __table_args__ = (
        Index("ix_note_patient_id_taken_at_id", "patient_id", "taken_at", "id"),
        Index("ix_note_patient_id_created_at_id", "patient_id", "created_at", "id"),
        Index("ix_note_search", "search", postgresql_using="gin"),
        CheckConstraint(
            "analysis_status IN ('complete', 'timed_out', 'too_large', 'failed')",
            name="analysis_status_allowed",
        ),
        # The same bytes twice for one patient is refused unless the client insists, in which
        # case the copy records what it duplicates and stays out of this index.
        Index(
            "uq_note_patient_id_content_sha256",
            "patient_id",
            "content_sha256",
            unique=True,
            postgresql_where=text("duplicate_of IS NULL"),
        ),
    )

    id: uuid.UUID = uuid_pk()
    patient_id: uuid.UUID = Field(
        sa_column=Column(Uuid(), ForeignKey("patient.id", ondelete="CASCADE"), nullable=False)
    )
    taken_at: datetime = Field(sa_type=DateTime(timezone=True))
    title: str | None = Field(default=None, sa_type=String(200))
    author: str | None = Field(default=None, sa_type=String(200))
    note_type: str = Field(sa_type=String(32))
    note_type_source: str = Field(sa_type=String(16))
    content: str = Field(sa_type=Text)
    has_text: bool
    source: str = Field(sa_type=String(8))
    media_type: str = Field(sa_type=String(100))
    extraction_method: str = Field(sa_type=String(32))
    ocr_confidence: float | None = None
    # How the text was read (null on notes stored before these were kept, 2026-11-30).
    text_encoding: str | None = Field(default=None, sa_type=String(32))
    encoding_repaired: bool | None = None
    page_count: int | None = None
    no_text_reason: str | None = Field(default=None, sa_type=String(32))
    ingest_warnings: list[str] | None = Field(default=None, sa_type=JSONB)
    content_sha256: str = Field(sa_type=String(64))
    filename: str | None = Field(default=None, sa_type=String(255))
    declared_media_type: str | None = Field(default=None, sa_type=String(255))
    size_bytes: int
    duplicate_of: uuid.UUID | None = Field(
        default=None,
        sa_column=Column(Uuid(), ForeignKey("note.id", ondelete="SET NULL"), nullable=True),
    )
    derived: dict[str, Any] = Field(default_factory=dict, sa_type=JSONB)
    extractor_version: str = Field(sa_type=String(32))
    # `complete`, or why there is no derived data (a time limit, its size, a failure).
    analysis_status: str = Field(
        default="complete", sa_type=String(16), sa_column_kwargs={"server_default": "complete"}
    )
    analysis_error: str | None = Field(default=None, sa_type=String(200))
    created_by: uuid.UUID | None = None
    created_at: datetime = timestamp_column()
    updated_at: datetime = timestamp_column(on_update=True)
    search: str | None = Field(
        default=None, sa_column=Column(TSVECTOR, Computed(SEARCH_EXPRESSION, persisted=True))
    )


class NoteFile(SQLModel, table=True):
    """The upload's bytes exactly as received; apart from the note so listings never load them."""

    __tablename__ = "note_file"

    note_id: uuid.UUID = Field(
        sa_column=Column(Uuid(), ForeignKey("note.id", ondelete="CASCADE"), primary_key=True)
    )
    data: bytes = Field(sa_type=LargeBinary)


@dataclass(slots=True)
class NewNote:
    """A note made from an upload, before it is stored: a `Note`'s columns as a plain object.

    The one-statement create (service.add_note_at_once) writes these and answers from them;
    an ORM `Note` would cost an instrumented attribute set per column to build, and is made
    from this one only on the ORM path (`as_row`). Defaults as the `Note`'s.
    """

    patient_id: uuid.UUID
    taken_at: datetime
    title: str | None
    author: str | None
    note_type: str
    note_type_source: str
    source: str
    content: str
    has_text: bool
    media_type: str
    extraction_method: str
    ocr_confidence: float | None
    text_encoding: str | None
    encoding_repaired: bool | None
    page_count: int | None
    no_text_reason: str | None
    ingest_warnings: list[str] | None
    content_sha256: str
    filename: str | None
    declared_media_type: str | None
    size_bytes: int
    derived: dict[str, Any]
    extractor_version: str
    analysis_status: str
    analysis_error: str | None
    created_by: uuid.UUID | None
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    duplicate_of: uuid.UUID | None = None
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)

    def as_row(self) -> Note:
        return Note(**{f.name: getattr(self, f.name) for f in fields(self)})
