"""How far along a pregnancy is on the day of the note, from its due date or a stated age."""

import re
from datetime import date

from carechart.notes.nlp.dates import find_dates

_TERM_DAYS = 280
_LONGEST_DAYS = 44 * 7
# "EDD 05/09/2026", "EDC: 9/14/25", "Estimated due date 01/02/2026".
_DUE_DATE = re.compile(r"\b(?:EDD|EDC|estimated (?:date of delivery|due date))\b\W{0,4}", re.I)
_DUE_REACH = 24
# "GA today 28w3d", "IUP at 24w3d", "30 weeks 2 days", "28+3 weeks", "GA: 31 wks".
_AGE = re.compile(
    r"\b(?P<w>[1-4]?\d)\s*(?:w|wks?|weeks?)\s*,?\s*(?:and\s+)?(?P<d>[0-6])\s*(?:d|days?)\b"
    r"|\b(?P<w2>[1-4]?\d)\+(?P<d2>[0-6])\b"
    r"|\b(?:GA|EGA|gestational age)\b(?:\s+today)?\W{0,4}(?:of\s+)?"
    r"(?P<w3>[1-4]?\d)\s*(?:w|wks?|weeks?)\b",
    re.I,
)
# A past pregnancy's weeks are not this one's: "OB history: G1 (2021) SVD at 38w6d".
_PAST = re.compile(
    r"\b(?:history|hx|SVD|NSVD|c-?section|cesarean|delivered|prior|previous)\b|\((?:19|20)\d\d\)",
    re.I,
)


def gestation_days(text: str, encounter: date | None, *, day_first: bool = False) -> int | None:
    """Days of gestation on `encounter`: from the due date when the note gives one (term is 280
    days), else from the first age the note states of the current pregnancy."""
    if encounter is None:
        return None
    for match in _DUE_DATE.finditer(text):
        dates = find_dates(
            text, match.end(), min(len(text), match.end() + _DUE_REACH), day_first=day_first
        )
        if dates:
            days = _TERM_DAYS - (dates[0].value - encounter).days
            return days if 0 < days < _LONGEST_DAYS else None
    for match in _AGE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if _PAST.search(text, line_start, match.start()):
            continue
        weeks = int(match["w"] or match["w2"] or match["w3"])
        days = weeks * 7 + int(match["d"] or match["d2"] or 0)
        if 0 < days < _LONGEST_DAYS:
            return days
    return None
