"""Reusable input types: clean human text (trimmed, NFC, no control characters) and ISO dates."""

import re
import unicodedata
from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

MIN_DATE = date(1900, 1, 1)
MIN_DATE_OF_BIRTH = MIN_DATE

# Blanks trimmed from both ends: ECMA 262's `\s`. The published pattern spells the classes out,
# since regular expression dialects disagree on `\s` (Python's counts control characters).
_BLANK_CLASS = r"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_BLANK = "".join(ch for ch in map(chr, range(0x10000)) if re.fullmatch(f"[{_BLANK_CLASS}]", ch))
_CONTROL = r"\x00-\x1f\x7f-\x9f"
# The published form of `_clean_text`: blanks around, no control character within, not blank.
TEXT_PATTERN = (
    rf"^[{_BLANK_CLASS}]*[^{_CONTROL}]*[^{_BLANK_CLASS}{_CONTROL}][^{_CONTROL}]*[{_BLANK_CLASS}]*$"
)


def _clean_text(value: str) -> str:
    value = unicodedata.normalize("NFC", value.strip(_BLANK))
    if not value:
        raise ValueError("must not be blank")
    # NUL and other control characters have no place in a name or a title, and PostgreSQL
    # refuses NUL.
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise ValueError("must not contain control characters")
    return value


# PostgreSQL text cannot hold NUL: searches refuse it (422), and say so.
NO_NUL_PATTERN = r"^[^\x00]*$"


def words_pattern(max_words: int) -> str:
    """1 to `max_words` words separated by blanks, no NUL: published and checked alike."""
    blank, word = f"[{_BLANK_CLASS}]", rf"[^{_BLANK_CLASS}\x00]+"
    return rf"^{blank}*{word}(?:{blank}+{word}){{0,{max_words - 1}}}{blank}*$"


_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def _iso_text(value: Any) -> Any:
    """Dates are ISO 8601 text: pydantic would read a number, or a string of digits, as Unix time.

    `"date_of_birth": 0` or `?born_before=0` would otherwise mean 1970-01-01.
    """
    number = isinstance(value, int | float) or (
        isinstance(value, str) and _NUMBER.fullmatch(value.strip()) is not None
    )
    if number:
        raise ValueError("must be an ISO 8601 date, not a number")
    return value


def _in_utc(value: datetime) -> datetime:
    """Aware, in UTC (no zone means UTC). An offset that moves it past year 1 or 9999 is refused."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("is out of range once converted to UTC") from None


def _not_future_date_of_birth(value: date) -> date:
    if value > datetime.now(UTC).date():
        raise ValueError("must not be in the future")
    if value < MIN_DATE_OF_BIRTH:
        raise ValueError("must not be before 1900-01-01")
    return value


# Lengths count what was sent, as the published maxLength does; `_clean_text` trims after.
PersonName = Annotated[
    str,
    StringConstraints(min_length=1, max_length=100),
    AfterValidator(_clean_text),
    Field(json_schema_extra={"pattern": TEXT_PATTERN}),
]
Label = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200),
    AfterValidator(_clean_text),
    Field(json_schema_extra={"pattern": TEXT_PATTERN}),
]
IsoDate = Annotated[date, BeforeValidator(_iso_text)]
IsoDateTime = Annotated[datetime, BeforeValidator(_iso_text), AfterValidator(_in_utc)]
DateOfBirth = Annotated[IsoDate, AfterValidator(_not_future_date_of_birth)]
