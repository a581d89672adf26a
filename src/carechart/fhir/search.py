"""FHIR search parameters of Patient, read into our patient query (strict: unknown ones refused)."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from carechart.core.validation import words_pattern
from carechart.fhir.exceptions import UnsupportedSearch

PATIENT_PARAMETERS = {"identifier", "name", "birthdate", "gender", "_count", "_cursor"}
DOCUMENT_PARAMETERS = {"patient", "_count", "_cursor"}
GENDERS = ("male", "female", "other", "unknown")

BIRTHDATE_PATTERN = r"^(eq|ge|gt|le|lt)?(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$"
_BIRTHDATE = re.compile(BIRTHDATE_PATTERN)
NAME_MAX_LENGTH = 64
NAME_PATTERN = words_pattern(8)
_NAME = re.compile(NAME_PATTERN)


def refuse_unknown(names: list[str], allowed: set[str]) -> None:
    """A filter the server ignored would widen the result: it is refused instead."""
    unknown = sorted(set(names) - allowed)
    if unknown:
        raise UnsupportedSearch(
            f"Unsupported search parameter(s): {', '.join(unknown)[:200]}; "
            f"supported: {', '.join(sorted(allowed))}"
        )


def _period(year: int, month: int | None, day: int | None) -> tuple[date, date]:
    """[start, end) of a FHIR date of year, month or day precision."""
    if day is not None and month is not None:
        start = date(year, month, day)
        return start, start + timedelta(days=1)
    if month is not None:
        start = date(year, month, 1)
        return start, date(year + month // 12, month % 12 + 1, 1)
    return date(year, 1, 1), date(year + 1, 1, 1)


@dataclass(frozen=True)
class BirthRange:
    after: date | None = None  # born on or after
    before: date | None = None  # born before


def birth_range(values: list[str]) -> BirthRange:
    """Each `birthdate` narrows the range: `ge1980-01-01&birthdate=lt1990` is the 1980s."""
    after: date | None = None
    before: date | None = None
    for value in values:
        match = _BIRTHDATE.fullmatch(value.strip())
        try:
            if match is None:
                raise ValueError
            prefix, year, month, day = match.groups()
            start, end = _period(
                int(year), int(month) if month else None, int(day) if day else None
            )
        except ValueError:
            raise UnsupportedSearch(
                "birthdate must be YYYY, YYYY-MM or YYYY-MM-DD, with prefix eq, ge, gt, le or lt"
            ) from None
        lower = {"eq": start, "ge": start, "gt": end}.get(prefix or "eq")
        upper = {"eq": end, "le": end, "lt": start}.get(prefix or "eq")
        if lower is not None:
            after = max(after, lower) if after else lower
        if upper is not None:
            before = min(before, upper) if before else upper
    return BirthRange(after, before)


def name_search(value: str | None) -> str | None:
    if value is None:
        return None
    if "\x00" in value or len(value) > NAME_MAX_LENGTH or not _NAME.fullmatch(value):
        raise UnsupportedSearch(f"name must be 1 to 8 words, at most {NAME_MAX_LENGTH} characters")
    return value.strip()


@dataclass(frozen=True)
class IdentifierToken:
    system: str | None
    value: str


def identifier_token(value: str | None) -> IdentifierToken | None:
    """`value`, `system|value` or `|value` (no system)."""
    if value is None:
        return None
    system, bar, code = value.partition("|")
    if not bar:
        return IdentifierToken(None, value.strip())
    return IdentifierToken(system.strip() or None, code.strip())


def gender(value: str | None) -> str | None:
    if value is not None and value not in GENDERS:
        raise UnsupportedSearch("gender must be male, female, other or unknown")
    return value
