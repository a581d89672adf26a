"""The user table: people who sign in to Carechart and their role."""

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, DateTime, String, true
from sqlmodel import Field, SQLModel

from carechart.core.db import timestamp_column, uuid_pk


class Role(StrEnum):
    ADMIN = "admin"
    CLINICIAN = "clinician"
    VIEWER = "viewer"


class User(SQLModel, table=True):
    __tablename__ = "app_user"  # "user" is reserved in PostgreSQL
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'clinician', 'viewer')", name="role_allowed"),
    )

    id: uuid.UUID = uuid_pk()
    email: str = Field(sa_type=String(320), unique=True)
    full_name: str = Field(sa_type=String(200))
    role: str = Field(sa_type=String(16))
    hashed_password: str = Field(sa_type=String(255))
    is_active: bool = Field(default=True, sa_column_kwargs={"server_default": true()})
    # Tokens issued before this (to the second) are refused: set when the password changes.
    tokens_valid_after: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    created_at: datetime = timestamp_column()
    updated_at: datetime = timestamp_column(on_update=True)
