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
# Bidirectional embeddings, overrides and isolates reorder how the text around them is shown
# ("evil\u202etxt.exe" displays as "evilexe.txt"): refused in names, titles and file names.
_BIDI_CONTROL = r"\u202a-\u202e\u2066-\u2069"
# Characters that show nothing: format characters (zero-width space, joiners, soft hyphen ...)
# and the Hangul and braille fillers. A name made only of them (and blanks) looks empty.
_INVISIBLE_CLASS = (
    r"\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u180e\u200b-\u200f"
    r"\u2060-\u2064\u206a-\u206f\u2800\u3164\ufff9-\ufffb\uffa0"
)
_REFUSED = re.compile(f"[{_CONTROL}{_BIDI_CONTROL}]")
_VISIBLE = re.compile(f"[^{_BLANK_CLASS}{_CONTROL}{_BIDI_CONTROL}{_INVISIBLE_CLASS}]")
# The published form of `_clean_text`: blanks around, no control character within, something
# visible. (Lengths after normalisation cannot be said in a pattern: see `_fits`.)
TEXT_PATTERN = (
    rf"^[{_BLANK_CLASS}]*[^{_CONTROL}{_BIDI_CONTROL}]*"
    rf"[^{_BLANK_CLASS}{_CONTROL}{_BIDI_CONTROL}{_INVISIBLE_CLASS}]"
    rf"[^{_CONTROL}{_BIDI_CONTROL}]*[{_BLANK_CLASS}]*$"
)


def _clean_text(value: str) -> str:
    value = unicodedata.normalize("NFC", value.strip(_BLANK))
    if not value:
        raise ValueError("must not be blank")
    # NUL and other control characters have no place in a name or a title, and PostgreSQL
    # refuses NUL.
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise ValueError("must not contain control characters")
    if _REFUSED.search(value):
        raise ValueError("must not contain bidirectional control characters")
    if not _VISIBLE.search(value) or all(unicodedata.category(ch) == "Cf" for ch in value):
        raise ValueError("must contain a visible character")
    return value


def _fits(max_length: int) -> AfterValidator:
    """The column's limit, counted after NFC: normalising can lengthen text (U+0958 becomes
    two characters), so a length checked only as sent could still overflow the column."""

    def check(value: str) -> str:
        if len(value) > max_length:
            raise ValueError(f"must be at most {max_length} characters once normalised (NFC)")
        return value

    return AfterValidator(check)


def clean_file_name(value: str, max_length: int) -> str:
    """A file name as sent, refused (ValueError) when it cannot be stored or shown safely."""
    if _REFUSED.search(value):
        raise ValueError("must not contain control or bidirectional control characters")
    if len(value) > max_length:
        raise ValueError(f"must be at most {max_length} characters")
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


_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date_only(value: Any) -> Any:
    """A date is `YYYY-MM-DD`: pydantic would take `1980-01-01T00:00:00Z` as a date too."""
    value = _iso_text(value)
    if isinstance(value, str) and not _DATE_ONLY.fullmatch(value.strip()):
        raise ValueError("must be a date (YYYY-MM-DD), without a time")
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
    _fits(100),
    Field(json_schema_extra={"pattern": TEXT_PATTERN}),
]
Label = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200),
    AfterValidator(_clean_text),
    _fits(200),
    Field(json_schema_extra={"pattern": TEXT_PATTERN}),
]
IsoDate = Annotated[date, BeforeValidator(_date_only)]
IsoDateTime = Annotated[datetime, BeforeValidator(_iso_text), AfterValidator(_in_utc)]
DateOfBirth = Annotated[IsoDate, AfterValidator(_not_future_date_of_birth)]
