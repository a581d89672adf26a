"""Reusable input types: clean human text (trimmed, NFC, no control characters) and past dates."""

import unicodedata
from datetime import UTC, date, datetime
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

MIN_DATE_OF_BIRTH = date(1900, 1, 1)


def _clean_text(value: str) -> str:
    value = unicodedata.normalize("NFC", value).strip()
    # NUL and other control characters have no place in a name, and PostgreSQL refuses NUL.
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise ValueError("must not contain control characters")
    return value


def _not_future_date_of_birth(value: date) -> date:
    if value > datetime.now(UTC).date():
        raise ValueError("must not be in the future")
    if value < MIN_DATE_OF_BIRTH:
        raise ValueError("must not be before 1900-01-01")
    return value


PersonName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
    AfterValidator(_clean_text),
]
DateOfBirth = Annotated[date, AfterValidator(_not_future_date_of_birth)]
