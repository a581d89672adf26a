"""Request and response bodies of the auth slice: tokens and users."""

import re
import uuid
from datetime import datetime
from typing import Annotated, Any

from email_validator import SPECIAL_USE_DOMAIN_NAMES
from pydantic import BaseModel, ConfigDict, EmailStr, Field, StrictBool, model_validator

from carechart.auth.models import Role
from carechart.auth.passwords import MAX_LENGTH, MIN_LENGTH
from carechart.core.validation import NOT_BLANK_PATTERN, Label


def _any_case(name: str) -> str:
    return "".join(f"[{ch.lower()}{ch.upper()}]" if ch.isalpha() else re.escape(ch) for ch in name)


# email-validator refuses addresses at reserved names (RFC 6761: `.test`, `.local` ...), which
# the `email` format alone allows: the published schema says so.
_RESERVED = "|".join(_any_case(name) for name in SPECIAL_USE_DOMAIN_NAMES)
EMAIL_PATTERN = rf"^(?!.*@(?:[^@]*\.)?(?:{_RESERVED})$)"


# Length only here (what a schema can say); blank, the account's own words and common passwords
# are refused by the service, which knows the account (auth/passwords.py).
Password = Annotated[
    str,
    Field(
        min_length=MIN_LENGTH,
        max_length=MAX_LENGTH,
        pattern=NOT_BLANK_PATTERN,
        # OpenAPI's hint to hide the value; also where a client (or a fuzzer) learns that a
        # valid one is more than a string of the right length.
        json_schema_extra={"format": "password"},
        description=f"{MIN_LENGTH}-{MAX_LENGTH} characters, not only blanks; not a common "
        "password, and not made of the email address.",
    ),
]


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
    password: Password


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


def _patch_schema(schema: dict[str, Any]) -> None:
    """Absent leaves a field as it is; null is refused: the schema shows no null."""
    for field in schema["properties"].values():
        field.pop("default", None)
    schema["example"] = {"role": "viewer"}


class UserPatch(BaseModel):
    """PATCH /users/{id}: only the fields sent change. `is_active: false` disables the account."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_patch_schema)

    full_name: Label = None  # type: ignore[assignment]
    role: Role = None  # type: ignore[assignment]
    is_active: StrictBool = None  # type: ignore[assignment]

    @model_validator(mode="before")
    @classmethod
    def _not_null(cls, data: Any) -> Any:
        if isinstance(data, dict):
            # Known fields only: an unknown key is the client's text (refused as such, unnamed).
            nulled = [k for k, v in data.items() if v is None and k in cls.model_fields]
            if nulled:
                raise ValueError(f"cannot be null: {', '.join(sorted(nulled))}")
        return data


class PasswordChange(BaseModel):
    """A new password: an admin resets another user's; anyone changes their own with the old."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "example": {
                "current_password": "the-one-you-sign-in-with",
                "new_password": "a-new-long-passphrase",
            }
        },
    )

    new_password: Password
    current_password: Annotated[
        str | None,
        Field(
            default=None,
            max_length=MAX_LENGTH,
            description="Required to change your own password (admins included).",
        ),
    ] = None
