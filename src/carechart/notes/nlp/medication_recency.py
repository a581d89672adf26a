"""How long ago a note's dates put a drug's stop, and whether a resumption waits for a later day,
read against the date of the note.

"Stopped 11/2025 after IV iron" in a note of December 2025 is a recent stop (`stopped`); the
same words in a note of 2027 tell of the past (`historical`). "Finished the Augmentin course in
March" is recent in April and past in September; "stopped 07/2025" is past by then. "Resume
aspirin on 08/14" in a note of 08/12 is a resumption still to come: the drug is held until then.
"""

import calendar
import re
from datetime import date

from carechart.notes.nlp.medication_status import PAST

# A stop dated in the note's month or the one before is recent; one further back is past (a
# stop "07/2025" is past in a note of September).
RECENT_MONTHS = 2
# A month named without its year ("stopped in October") places the stop as loosely as "N
# months ago" does, and is read as PAST reads that: six months or more is past.
LOOSE_MONTHS = 6

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTH_WORD = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# A month of a year inside a PAST match: "stopped 11/2025", "(spring 2023)" has none.
_MONTH_OF_YEAR = re.compile(
    rf"\b(?:(?P<m>\d{{1,2}})/(?P<y>(?:19|20)\d\d)|(?P<word>{_MONTH_WORD})\.?\s+(?P<wy>(?:19|20)\d\d))\b",
    re.I,
)
# The words that tell a course or a drug ended.
_ENDED = r"completed|finished|stopped|discontinued|quit|came off|ended"
# A stop told with a month only: "finished the course in March", "stopped in Oct 2024".
_STOP_IN_MONTH = re.compile(
    rf"\b(?:{_ENDED})\b[^.;\n]{{0,40}}?"
    rf"\bin (?:(?:early|late|mid)[- ])?(?P<word>{_MONTH_WORD})\b(?:\.?,?\s+(?P<y>(?:19|20)\d\d))?",
    re.I,
)


# A stop told with a year of its own, on either side of the name: "completed tamoxifen 2010",
# "Strattera 25 mg 2023 x 2 months - made him irritable, stopped", "d/c 10/2024 - esophagitis".
_STOP_VERB = re.compile(
    rf"\b(?:{_ENDED}|d/c(?:'?d)?|dc'?d)(?!\w)",
    re.I,
)
# A year standing alone ("2010", "~2024") or a month of one ("10/2024"), not a day's date
# ("06/19/2025") nor a dose ("heparin 2000 units").
_STOP_YEAR = re.compile(
    r"(?<![\d/.,-])~?[ \t]*(?:(?P<m>\d{1,2})/)?(?P<y>(?:19|20)\d\d)\b"
    r"(?![ \t]*(?:mg|mcg|g|units?|u|iu|ml|meq|mmol|%)\b|[/.,]\d|-\d)",
    re.I,
)
# The year a drug began, not the one it ended: "(started 2019) - stopped today for cough".
_BEGUN_IN = re.compile(
    r"\b(?:start(?:ed)?|began|begun|initiated|dx|diagnosed)(?:[ \t]+date)?\W{0,3}(?:in\W+)?$",
    re.I,
)
# An order to stop now: the year beside it is when the drug began ("Glipizide 5 mg daily 2015
# Discontinued STOP - hypoglycemia" on a discharge reconciliation).
_STOP_NOW = re.compile(
    r"(?-i:\bSTOP\b)|\b(?:stop|discontinue|d/c)\s+(?:taking|it|today|now)\b"
    r"|\b(?:stopped|discontinued|d/c'?d)\s+(?:today|now|at this visit)\b"
    r"|\bdo not (?:take|resume|restart)\b",
    re.I,
)


def _stopped_in_a_year(text: str, start: int, end: int, reference: date) -> bool:
    """Whether the words tell a stop and date it, by a year or a month of a year, six months or
    more before the note (a bare year read as its December). "d/c 06/2026" in a note of
    November is a recent stop, "d/c 10/2024" is the past."""
    if _STOP_VERB.search(text, start, end) is None or _STOP_NOW.search(text, start, end):
        return False
    for found in _STOP_YEAR.finditer(text, start, end):
        if _BEGUN_IN.search(text, max(start, found.start() - 20), found.start()):
            continue
        year = int(found["y"])
        if found["m"]:
            month = int(found["m"])
            if 1 <= month <= 12 and _months_before(reference, year, month) >= LOOSE_MONTHS:
                return True
        elif year <= reference.year and _months_before(reference, year, 12) >= LOOSE_MONTHS:
            return True
    return False


def _months_before(reference: date, year: int, month: int) -> int:
    return (reference.year - year) * 12 + reference.month - month


def _latest(reference: date, month: int) -> tuple[int, int]:
    """The year of the last `month` not after the reference: March seen in October is this
    year's, December seen in February last year's."""
    year = reference.year if month <= reference.month else reference.year - 1
    return year, month


def _recent_month(found: str, reference: date) -> bool:
    dated = _MONTH_OF_YEAR.search(found)
    if dated is None:
        return False
    if dated["m"]:
        year, month = int(dated["y"]), int(dated["m"])
    else:
        year, month = int(dated["wy"]), _MONTHS[dated["word"][:3].lower()]
    return 0 <= _months_before(reference, year, month) < RECENT_MONTHS


def long_ago(
    text: str, start: int, end: int, reference: date | None, verb: int | None = None
) -> bool:
    """Whether the words from `start` to `end` put the drug's use in the past: a year, a
    distant time ("years ago"), or a month two or more months before the note. The note's month
    or the one before ("stopped 7/2025" in August 2025) is a recent stop. `verb`,
    where the stop's verb stands before the name: "Finished the Augmentin course in March"."""
    for found in PAST.finditer(text, start, end):
        if reference is None or not _recent_month(found.group(), reference):
            return True
    if reference is None:
        return False
    begin = start if verb is None else min(start, verb)
    if _stopped_in_a_year(text, begin, end, reference):
        return True
    for found in _STOP_IN_MONTH.finditer(text, begin, end):
        month = _MONTHS[found["word"][:3].lower()]
        year = int(found["y"]) if found["y"] else _latest(reference, month)[0]
        if _months_before(reference, year, month) >= LOOSE_MONTHS:
            return True
    return False


# A day named for the resumption: "resume aspirin on 08/14", "restart from 3/2/2026", "restart
# warfarin the evening of 03/05", "Furosemide 20 mg daily - resume 02/19/2026".
_ON_A_DAY = re.compile(
    r"\b(?:on|from|starting|beginning|target|(?:morning|evening|night|afternoon)[ \t]+of"
    r"|resume|restart)[ \t]+(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/(?P<y>(?:19|20)?\d\d))?\b",
    re.I,
)
# A weekday named for it: "Resume furosemide 20 mg daily on Monday" is a day still to come.
_ON_A_WEEKDAY = re.compile(
    r"\b(?:on|from|starting)[ \t]+(?:next[ \t]+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
    re.I,
)

# A weekday that dates the hold or the last dose, not the resumption: "(held on Saturday for
# biopsy)", "last dose on Friday", "held since Friday".
_HOLD_TOLD = re.compile(
    r"\b(?:held|holding|stopped|paused|off|missed|last[ \t]+(?:dose|taken|took))\b[^.;,()\n]*$",
    re.I,
)
_HOLD_REACH = 30


def _day(found: re.Match[str], reference: date) -> date | None:
    month, day = int(found["m"]), int(found["d"])
    year = int(found["y"]) if found["y"] else reference.year
    year = year + 2000 if year < 100 else year
    try:
        return date(year, month, day)
    except ValueError:
        return None


def later_day(text: str, start: int, end: int, reference: date | None) -> bool:
    """Whether the words from `start` to `end` set the resumption for a day after the note's:
    "Resume aspirin 81 mg on 08/14" written on 08/12 leaves it held until then."""
    for found in _ON_A_WEEKDAY.finditer(text, start, end):
        if not _HOLD_TOLD.search(text, max(start, found.start() - _HOLD_REACH), found.start()):
            return True
    if reference is None:
        return False
    for found in _ON_A_DAY.finditer(text, start, end):
        day = _day(found, reference)
        if day is not None and day > reference:
            return True
    return False


# The last dose of a course that ended: "(last cycle 11/12, stopped for progression)", "last
# infusion 3/4/2026".
_LAST_DOSE = re.compile(
    r"\blast[ \t]+(?:cycle|dose|infusion|treatment|injection|administration)s?[ \t]+"
    r"(?:(?:was|given|on)[ \t]+)?(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/(?P<y>(?:19|20)?\d\d))?\b",
    re.I,
)
# The stop itself, told beside that date: without it, "progressed through X (last dose 07/22)"
# tells the line of treatment's story.
_STOP_TOLD = re.compile(r"\b(?:stopped|discontinued|ceased|d/c'?d|dc'?d)\b", re.I)
# How many days back a last dose is still a stop of now.
RECENT_DAYS = 62


def last_dose_lately(text: str, start: int, end: int, reference: date | None) -> bool:
    """Whether the words from `start` to `end` tell a stop and date the course's last dose
    within about two months of the note: "progressed after gemcitabine (last cycle 11/12,
    stopped for fatigue)" in a note of December is a stop of now, not an old line of treatment."""
    if reference is None or _STOP_TOLD.search(text, start, end) is None:
        return False
    for found in _LAST_DOSE.finditer(text, start, end):
        day = _day(found, reference)
        if day is not None and day > reference and not found["y"]:
            day = _day_of_year(day, reference.year - 1)  # "11/12" read in January
        if day is not None and 0 <= (reference - day).days <= RECENT_DAYS:
            return True
    return False


def _day_of_year(day: date, year: int) -> date | None:
    try:
        return day.replace(year=year)
    except ValueError:
        return None
