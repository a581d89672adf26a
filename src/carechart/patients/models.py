"""The patient table (demographics, a unique MRN, a version) and its name-search tables."""

import uuid
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Computed,
    Index,
    PrimaryKeyConstraint,
    String,
    Text,
    text,
)
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
    # XOR of a hash of each note's fingerprint, kept by triggers on `note` (migration
    # *_patient_notes_fingerprint): a summary's freshness is read here, not from the notes.
    notes_fingerprint: int = Field(
        default=0, sa_type=BigInteger, sa_column_kwargs={"server_default": "0"}
    )
    created_at: datetime = timestamp_column()
    updated_at: datetime = timestamp_column(on_update=True)


# Fuzzy search (alembic/versions/*_patient_name_tokens_for_search.py): the distinct name tokens
# (lower-case, unaccented words) with GiST trigram indexes for nearest-neighbour lookups, and
# each patient's (given token, family token) pairs. Kept by a trigger on `patient`, never
# written by the application.
def _token_index(table: str) -> Index:
    return Index(
        f"ix_{table}_token_trgm",
        "token",
        postgresql_using="gist",
        postgresql_ops={"token": "gist_trgm_ops"},
    )


class GivenNameToken(SQLModel, table=True):
    __tablename__ = "given_name_token"
    __table_args__ = (_token_index("given_name_token"),)

    token: str = Field(sa_type=Text, primary_key=True)


class FamilyNameToken(SQLModel, table=True):
    __tablename__ = "family_name_token"
    __table_args__ = (_token_index("family_name_token"),)

    token: str = Field(sa_type=Text, primary_key=True)


class PatientNameKey(SQLModel, table=True):
    __tablename__ = "patient_name_key"
    __table_args__ = (
        # `sole` in the indexes: a search reads them alone (patients/queries.py SEARCH).
        PrimaryKeyConstraint(
            "given_token", "family_token", "patient_id", postgresql_include=["sole"]
        ),
        Index(
            "ix_patient_name_key_family_token_patient_id",
            "family_token",
            "patient_id",
            postgresql_include=["given_token", "sole"],
        ),
        Index(
            "ix_patient_name_key_given_token_patient_id",
            "given_token",
            "patient_id",
            postgresql_include=["family_token", "sole"],
        ),
    )

    given_token: str = Field(sa_type=Text)
    family_token: str = Field(sa_type=Text)
    patient_id: uuid.UUID
    # The patient's only key (one given and one family token): no other can rank it higher.
    sole: bool = Field(default=False, sa_column_kwargs={"server_default": "false"})
