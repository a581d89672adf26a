"""The patient table: demographics, a unique MRN, a version for optimistic concurrency."""

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, Computed, Index, String, Text, text
from sqlmodel import Field, SQLModel

from carechart.core.db import timestamp_column, uuid_pk

# lower(f_unaccent(...)): accent- and case-insensitive trigram search ("jose" finds "José").
# f_unaccent is an IMMUTABLE wrapper over unaccent(), created by the first migration.
NAME_SEARCH_EXPRESSION = "lower(f_unaccent(given_name || ' ' || family_name))"
# `abc-777` and `ABC-777` are one record: MRNs are unique whatever their case (they are ASCII,
# so lower() does not depend on the database's locale). The MRN is kept as the client wrote it.
MRN_UNIQUE_ANY_CASE = "uq_patient_lower_mrn"


class Patient(SQLModel, table=True):
    __tablename__ = "patient"
    __table_args__ = (
        CheckConstraint("sex IN ('female', 'male', 'other', 'unknown')", name="sex_allowed"),
        CheckConstraint("mrn ~ '^[A-Za-z0-9-]{1,32}$'", name="mrn_format"),
        CheckConstraint("date_of_birth >= DATE '1900-01-01'", name="date_of_birth_range"),
        Index("ix_patient_family_name_given_name_id", "family_name", "given_name", "id"),
        Index("ix_patient_given_name_id", "given_name", "id"),
        Index("ix_patient_date_of_birth_id", "date_of_birth", "id"),
        Index("ix_patient_created_at_id", "created_at", "id"),
        Index(MRN_UNIQUE_ANY_CASE, text("lower(mrn)"), unique=True),
        Index(
            "ix_patient_name_search_trgm",
            "name_search",
            postgresql_using="gin",
            postgresql_ops={"name_search": "gin_trgm_ops"},
        ),
    )

    id: uuid.UUID = uuid_pk()
    mrn: str = Field(sa_type=String(32), unique=True)
    given_name: str = Field(sa_type=String(100))
    family_name: str = Field(sa_type=String(100))
    date_of_birth: date
    sex: str | None = Field(default=None, sa_type=String(16))
    name_search: str | None = Field(
        default=None,
        sa_column=Column(Text, Computed(NAME_SEARCH_EXPRESSION, persisted=True)),
    )
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    created_at: datetime = timestamp_column()
    updated_at: datetime = timestamp_column(on_update=True)
