"""Request and response bodies of the auth slice: tokens and users."""

import re
import uuid
from datetime import datetime
from typing import Annotated

from email_validator import SPECIAL_USE_DOMAIN_NAMES
from pydantic import BaseModel, ConfigDict, EmailStr, Field

from carechart.auth.models import Role
from carechart.core.validation import Label


def _any_case(name: str) -> str:
    return "".join(f"[{ch.lower()}{ch.upper()}]" if ch.isalpha() else re.escape(ch) for ch in name)


# email-validator refuses addresses at reserved names (RFC 6761: `.test`, `.local` ...), which
# the `email` format alone allows: the published schema says so.
_RESERVED = "|".join(_any_case(name) for name in SPECIAL_USE_DOMAIN_NAMES)
EMAIL_PATTERN = rf"^(?!.*@(?:[^@]*\.)?(?:{_RESERVED})$)"


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth2 token type, not a secret
    expires_in: int = Field(description="Seconds until the token expires.")


class UserCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "example": {
                "email": "dr.rivera@example.org",
                "full_name": "Dr. Ana Rivera",
                "role": "clinician",
                "password": "a-long-passphrase-please",
            }
        },
    )

    email: Annotated[EmailStr, Field(json_schema_extra={"pattern": EMAIL_PATTERN})]
    full_name: Label
    role: Role
    password: Annotated[str, Field(min_length=12, max_length=256)]


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    full_name: str
    role: Role
    is_active: bool
    created_at: datetime


class UserList(BaseModel):
    items: list[UserRead]
