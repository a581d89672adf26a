"""Courses with a stated duration ("x 7 days", "for 10 days", "5-day course", "taper over 12
days"): how long the order that states one runs."""

import re
from datetime import timedelta

from carechart.notes.nlp.scanning import quick

_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "fourteen": 14,
    "twenty-one": 21,
    "thirty": 30,
}
_NUMBER = r"(?P<n>\d{1,3}|" + "|".join(_NUMBERS) + r")"
_UNIT = r"(?P<unit>days?|d|weeks?|wks?)\b"
# "x 7 days", "for 10 days", "for another 5 days", "over 12 days", "to complete 10 days",
# "for a total of 14 days"; and "5-day course", "7 day supply", "10-day taper".
_DURATION = quick(
    r"(?:\b(?:x|for|over|complete|total of)|\u00d7)\s*"
    r"(?:a\s+total\s+of\s+|another\s+|(?:\d+\s+)?more\s+)?"
    + _NUMBER
    + r"\s*(?:more\s+)?"
    + _UNIT
    + r"|\b"
    + _NUMBER.replace("?P<n>", "?P<n2>")
    + r"[- ](?P<unit2>day|week)s?\s+(?:course|supply|taper|regimen)\b",
    re.IGNORECASE,
)
# A time the patient has already been taking it ("has been on it for 3 weeks", "for the past 10
# days", "2 weeks ago"): history, not the length of an order.
_HISTORY = re.compile(
    r"\b(?:been|past|last|ago|since|prior|previous(?:ly)?|took|was on|were on|had)\b", re.IGNORECASE
)
# A duration inside the condition of an as-needed order ("PRN no BM x 2 days", "if no relief
# for 3 days") is how long a symptom lasts, not how long the drug is taken.
_CONDITION = re.compile(r"\b(?:if|when|unless|until|no|not)\b[^,;()]{0,30}$", re.IGNORECASE)
# A duration that belongs to a pause of the drug, not to its course: "hold for 5 days", "skip
# tomorrow's dose and for 2 days", "off it for a week", "stop aspirin for 7 days", "withhold x 3
# days"; or one that counts down to an event: "for 5 days before the colonoscopy", "x 7 days
# prior to surgery".
_PAUSE = re.compile(
    r"\b(?:hold\w*|held|skip\w*|withh[eo]ld\w*|paus\w*|(?<!taper )(?<!wean )off|stop\w*"
    r"|interrupt\w*|suspend\w*)\b"
    r"[^,;()]{0,40}$",
    re.IGNORECASE,
)
_UNTIL_EVENT = re.compile(r"^\W*(?:before|prior to|ahead of|preceding)\b", re.IGNORECASE)
_THEN = re.compile(r"\bthen\b", re.IGNORECASE)
# What may follow "then" and still end the course: "then stop", "then off", "then done".
_ENDS = re.compile(r"^\W*(?:stop|off|discontinue|d/c|done|finish|complete|end)", re.IGNORECASE)


# "a 5-day course of azithromycin": the length written before the drug's name.
_COURSE_OF = quick(
    r"\b" + _NUMBER + r"[- ](?P<unit>day|week)s?\s+(?:course|supply|taper)\s+of\s*$", re.IGNORECASE
)


def _days(match: re.Match[str]) -> int:
    groups = match.groupdict()
    number = groups.get("n") or groups["n2"]
    unit = (groups.get("unit") or groups["unit2"]).lower()
    count = int(number) if number.isdigit() else _NUMBERS[number.lower()]
    return count * 7 if unit.startswith("w") else count


def course_length(text: str) -> timedelta | None:
    """How long the order written in `text` runs, or None when it states no end.

    Steps joined by "then" add up ("40 mg x 5 days, then 20 mg x 5 days"); a step without a
    duration after one ("x 7 days, then 50 mg daily", "then reassess") keeps the drug going, so
    the order states no end. A duration of past use ("has been on it for 3 weeks"), of a pause
    ("hold for 5 days") or before an event ("for 7 days before surgery") is none."""
    # What follows a semicolon is another instruction ("then stop; continue the patch").
    steps = [step.split(";")[0] for step in _THEN.split(text)]
    total, seen = 0, False
    for step in steps:
        found = _DURATION.search(step)
        if found is None:
            if seen and not _ENDS.search(step):
                return None
            continue
        before = step[: found.start()]
        if _HISTORY.search(before) or _CONDITION.search(before):
            return None
        if _PAUSE.search(before) or _UNTIL_EVENT.search(step[found.end() :]):
            return None
        total, seen = total + _days(found), True
    return timedelta(days=total) if seen and total > 0 else None


def course_before(text: str) -> timedelta | None:
    """The length a course names just before the drug ("a 10-day course of amoxicillin")."""
    found = _COURSE_OF.search(text)
    return timedelta(days=_days(found)) if found else None
