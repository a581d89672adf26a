"""Dates written in notes (ISO, US, `March 3, 2025`, `3 March 2025`) and the encounter date."""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from carechart.notes.nlp.schemas import EncounterDate
from carechart.notes.nlp.text import Seg

_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_PATTERNS = [
    re.compile(r"\b(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})\b"),
    re.compile(r"\b(?P<m>\d{1,2})[/-](?P<d>\d{1,2})[/-](?P<y>(?:19|20)\d\d|\d\d)\b(?![/-]\d)"),
    re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[\s-]+{_MONTH}[\s,-]+(?P<y>\d{{4}})\b", re.I),
]
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}

# Label -> rank; the lowest rank wins, then the earliest. A discharge summary documents the day
# of discharge, so its discharge date outranks the admission date.
_LABELS: dict[str, int] = {
    **dict.fromkeys(["encounter date", "date of encounter", "date of service", "dos"], 0),
    **dict.fromkeys(["service date", "visit date", "date of visit", "procedure date"], 0),
    **dict.fromkeys(["date of procedure", "date of vaccination", "vaccination date"], 0),
    **dict.fromkeys(["note date", "date of note", "date"], 1),
    **dict.fromkeys(["discharge date", "date of discharge"], 2),
    **dict.fromkeys(["admission date", "date of admission", "admit date", "admitted"], 3),
}
_LABEL = re.compile(
    r"\b(?P<label>"
    + "|".join(sorted((re.escape(k) for k in _LABELS), key=len, reverse=True))
    + r")\b\s*(?:[:#=]|-|\u2013|on)?\s*",
    re.IGNORECASE,
)
_BIRTH = re.compile(r"\b(?:dob|d\.o\.b\.?|date of birth|birth ?date|born)\b[^\n]{0,12}$", re.I)
_INTERVAL = re.compile(
    r"\b(?:(?P<lead>in|within|after|x|for)\s+)?(?:approx(?:\.|imately)?\s+|about\s+|~\s*)?"
    r"(?P<a>\d{1,3}|one|two|three|four|five|six|eight|ten|twelve)"
    r"(?:\s*(?:-|\u2013|to)\s*(?P<b>\d{1,3}))?\s*"
    r"(?P<unit>days?|d|weeks?|wks?|w|months?|mos?|mo|years?|yrs?|y)\b"
    # "2 days per week", "3 times a day" are how often, not when.
    r"(?!\s*(?:per|a|an|/|each|every)\s*(?:day|week|wk|month|year)s?\b)",
    re.IGNORECASE,
)
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_WORD_NUMBERS |= {"eight": 8, "ten": 10, "twelve": 12}


@dataclass(frozen=True, slots=True)
class FoundDate:
    value: date
    seg: Seg


def _to_date(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if year < 100:
        year += 2000 if year < 70 else 1900
    month = _MONTHS[groups["mon"][:3].lower()] if groups.get("mon") else int(groups["m"])
    try:
        return date(year, month, int(groups["d"]))
    except ValueError:
        return None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[FoundDate]:
    """Every valid date in the range, left to right, without overlaps."""
    stop = len(text) if end is None else end
    found: list[FoundDate] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text, start, stop):
            value = _to_date(match)
            seg = Seg(match.start(), match.end())
            if value and not any(f.seg.overlaps(seg.start, seg.end) for f in found):
                found.append(FoundDate(value, seg))
    return sorted(found, key=lambda f: f.seg.start)


def _is_birth_date(text: str, found: FoundDate) -> bool:
    line_start = text.rfind("\n", 0, found.seg.start) + 1
    return _BIRTH.search(text, line_start, found.seg.start) is not None


def encounter_date(text: str) -> tuple[EncounterDate | None, bool]:
    """The labelled date of the visit; else the first date that is not a birth date.

    The flag says whether the date was inferred from an unlabelled date.
    """
    best: tuple[int, int, EncounterDate] | None = None
    for match in _LABEL.finditer(text):
        dates = find_dates(text, match.end(), min(len(text), match.end() + 40))
        if not dates or dates[0].seg.start != match.end():
            continue
        rank = _LABELS[" ".join(match["label"].lower().split())]
        found = dates[0]
        candidate = EncounterDate(
            value=found.value,
            label=match["label"],
            text=text[found.seg.start : found.seg.end],
            start=found.seg.start,
            end=found.seg.end,
        )
        if best is None or (rank, found.seg.start) < best[:2]:
            best = (rank, found.seg.start, candidate)
    if best is not None:
        return best[2], False
    return _first_plain_date(text), True


def _first_plain_date(text: str) -> EncounterDate | None:
    # Only the top of the note: a date further down is a lab draw or a past event.
    for found in find_dates(text, 0, min(len(text), 400)):
        if not _is_birth_date(text, found):
            return EncounterDate(
                value=found.value,
                label="",
                text=text[found.seg.start : found.seg.end],
                start=found.seg.start,
                end=found.seg.end,
            )
    return None


def add_interval(start: date, amount: int, unit: str) -> date:
    """`start` moved forward by a calendar interval; month ends are clamped (Jan 31 + 1 month)."""
    unit = unit.lower()
    if unit.startswith("d"):
        return start + timedelta(days=amount)
    if unit.startswith("w"):
        return start + timedelta(weeks=amount)
    months = amount * 12 if unit.startswith("y") else amount
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


@dataclass(frozen=True, slots=True)
class Interval:
    amount: int
    unit: str
    seg: Seg


def find_interval(text: str, start: int, end: int) -> Interval | None:
    """The first "in 3 months" / "4-6 weeks" of a range; a span counts to its far end."""
    for match in _INTERVAL.finditer(text, start, end):
        if match["lead"] and match["lead"].lower() == "for":
            continue  # "for 6 weeks" is a duration, not when something is due
        first = match["a"].lower()
        amount = int(match["b"] or _WORD_NUMBERS.get(first) or first)
        return Interval(amount, match["unit"], Seg(match.start(), match.end()))
    return None
