"""Dates written in notes (ISO, US, day-first, `March 3, 2025`, `3 March 2025`) and the encounter
date, read only from a labelled date line or a date heading the document."""

import calendar
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from carechart.notes.nlp.scanning import quick
from carechart.notes.nlp.schemas import EncounterDate
from carechart.notes.nlp.text import Seg, lines, trim

_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# A month's name, written out or cut short ("March", "Mar", "Sept"), for readers of dates and of
# times told in words ("since March", "scheduled for June 10").
MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_ISO_DATE = re.compile(r"\b(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})\b")
# Year last: month first in American notes, day first in British ones (see `day_first`).
_YEAR_LAST = [
    re.compile(r"\b(?P<m>\d{1,2})[/-](?P<d>\d{1,2})[/-](?P<y>(?:19|20)\d\d|\d\d)\b(?![/-]\d)"),
    re.compile(r"\b(?P<m>\d{1,2})\.(?P<d>\d{1,2})\.(?P<y>(?:19|20)\d\d)\b(?!\.\d)"),
]
_WORD_DATES = [
    quick(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[\s-]+{_MONTH}[\s,-]+(?P<y>\d{{4}})\b", re.I),
]
# Numeric dates whose order (month first, or day first as in British letters) the note shows.
_NUMERIC = quick(
    r"(?<![\d.])(\d{1,2})(?:([/-])(\d{1,2})\2(?:19|20)?\d\d|\.(\d{1,2})\.(?:19|20)\d\d)\b(?![./-]\d)"
)
_DIGIT = re.compile(r"\d")
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}

# Label -> rank; the lowest rank wins, then the earliest. A discharge summary documents the day
# of discharge, so its discharge date outranks the admission date.
_VISIT_WORDS = (
    "service encounter visit clinic consult consultation exam examination evaluation"
    " vaccination immunization transfer arrival appointment call assessment shift"
    # A British emergency department dates its record by the attendance; a course of therapy
    # by the session.
    " attendance session"
)
# The day of an operation dates its report, but a later visit may name it beside its own date;
# a birth dates its delivery note, never a later visit ("Date of delivery:" at a postnatal check).
SURGERY_WORDS = ("procedure", "surgery", "operation", "delivery")
# A scan or a study dates its own report ("Date of scan:"); in a later visit it is a past test's.
_TEST_WORDS = ("scan", "study")
_RANKED_WORDS = {
    **dict.fromkeys(_VISIT_WORDS.split(), 0),
    # "Treatment date:" heads an infusion, dialysis or therapy record of that day's session.
    # A form or a transfer centre's request is dated by the request it records.
    **dict.fromkeys([*SURGERY_WORDS, *_TEST_WORDS, "note", "report", "treatment", "request"], 1),
    # Australian hospitals call a stay's end its "separation"; a death ends it as a discharge does.
    **dict.fromkeys(["discharge", "separation", "death"], 2),
    **dict.fromkeys(["admission", "admit"], 3),
    # Triage dates an ED record of its own, and only the start of any later stay.
    **dict.fromkeys(["triage"], 4),
}
_DISCHARGE_RANK = 2
_ADMISSION_RANK = 3
_LABELS: dict[str, int] = {
    **{f"date of {word}": rank for word, rank in _RANKED_WORDS.items()},
    **{f"{word} date": rank for word, rank in _RANKED_WORDS.items()},
    **{f"date/time of {word}": rank for word, rank in _RANKED_WORDS.items()},
    **{f"{word} date/time": rank for word, rank in _RANKED_WORDS.items()},
    **dict.fromkeys(["dos", "date seen", "seen", "arrival", "arrived"], 0),
    # "Date/Time seen: 14/03/2026 02:15" (a British clerking); "Date of review:" (a British
    # team's review of its patient; never "Review date:", which is often the next one's).
    **dict.fromkeys(["date/time seen", "date and time seen", "date & time seen"], 0),
    **dict.fromkeys(["date of review"], 0),
    # An ED arrival is the day of the ED visit, never the admission's beside its own date.
    **dict.fromkeys(["ed arrival"], 4),
    **dict.fromkeys(["encounter", "visit"], 0),
    # An ambulance crew's record is dated by its call: "Incident Date:", "Date of Incident:".
    **dict.fromkeys(["incident date", "date of incident"], 0),
    **dict.fromkeys(["discharge", "separation"], 2),
    **dict.fromkeys(["date", "date/time", "date and time"], 1),
    **dict.fromkeys(["discharged", "disch"], 2),
    **dict.fromkeys(["admitted", "adm"], 3),
}
# Words that are labels only with their colon: "admitted 10/03" is narrative.
_NEEDS_COLON = frozenset(
    {"admitted", "adm", "discharged", "disch", "date", "seen", "arrival", "arrived"}
    | {"encounter", "discharge", "ed arrival", "visit", "separation"}
)
# An incident dates only an emergency record: elsewhere it is an injury's day, not the visit's.
_INCIDENT = frozenset({"incident date", "date of incident"})
# "Discharge: 04/14/2026" dates a discharge summary; in a later visit it is the stay's.
_DISCHARGE_ONLY = frozenset({"discharge", "separation"})
_LABEL = quick(
    r"\b(?P<label>"
    # Scanned and padded records space their labels out: "DATE  OF  SERVICE :".
    + "|".join(
        sorted((re.escape(k).replace(r"\ ", r"[ \t]+") for k in _LABELS), key=len, reverse=True)
    )
    # "Arrived...: 02/14/2026", "[Date of Service] 06/02/2026": leaders and brackets set the
    # field's value apart as a colon does.
    + r")\b[ \t]*(?P<sep>[:#=]|-|\u2013|\.{2,}:?|\])?[\s,]*"
    + _WEEKDAY,
    re.IGNORECASE,
    pairs=True,
)
# A date heading the document shares its line with a short title at most ("Progress Note
# 03/14/2025"); these words make it a sentence or another field.
_NOT_A_TITLE = re.compile(
    r"\b(?:dob|d\.o\.b|birth|born|on|since|in|at|until|from|was|were|due|edd|lmp|last|expected"
    r"|age|typed|dictated|transcribed|printed|signed|generated|created|exported|downloaded"
    # Stamps of the copy, not the visit: "Faxed 12/02/2026", "Received 12/02/2026".
    r"|faxed?|received|sent|updated|modified|revised|reviewed|collected|reported|resulted)\b"
    # An operation the head tells of: "s/p right TKA by Dr. Brown (Ortho) 01/15/2026".
    r"|\bs/p\b|\bstatus post\b"
    r"|[:\d]",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"\b(?:at\s+)?\d{1,2}:\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?|\b\d{4}\s*h(?:rs)?\b", re.I
)
# A day of a stay or after an operation beside the date heading a ward note ("Hospital Day 2 --
# 12/02/2026", "POD #3  04/24/2025") counts the stay: no sentence, no other field.
# Words after an opening date that make it a range or a stamp, not the record's own date.
_NOT_AN_OPENING = re.compile(
    r"[ \t]*(?:-|\u2013|to\b|through\b|thru\b|dob\b|printed\b|faxed\b|received\b|sent\b)",
    re.IGNORECASE,
)
# Who wrote an entry, beside its title and date ("Post-Take Ward Round - Dr M O'Neill
# (Consultant)  14/03/2026 09:40", "15/03/2026  Dr A Lee (ST4) for Dr O'Neill"): a signature,
# not a sentence's words.
_CLINICIAN = re.compile(
    r"\b(?:for )?(?-i:Dr|Mr|Mrs|Ms|Miss|Prof)\.?(?: [A-Z]\.?){0,2} [A-Z][A-Za-z'-]+"
    r"(?:[ \t]*\([A-Za-z0-9 ]{1,20}\))?"
)
_DAY_COUNT = re.compile(r"\b(?:hospital day|HD|POD|PPD|DOL)\s*#?\s*\d{1,3}\b", re.I)
_TITLE_WORDS = 6
_HEADING_LINES = 6
_HEADING_CHARS = 600
_INTERVAL = quick(
    r"\b(?:(?P<lead>in|within|after|x|for)\s+)?(?:approx(?:\.|imately)?\s+|about\s+|~\s*)?"
    r"(?P<a>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen"
    r"|a couple of|an?)"
    r"(?:\s*(?:-|\u2013|to|or)\s*(?P<b>\d{1,3}|two|three|four|six|eight|twelve))?\s*"
    r"(?:more\s+|additional\s+|further\s+)?"
    r"(?P<unit>days?|d|weeks?|wks?|w|fortnights?|months?|mos?|mo|years?|yrs?|y)\b"
    # "2 days per week", "3 times a day" are how often, not when.
    r"(?!\s*(?:per|a|an|/|each|every)\s*(?:day|week|wk|month|year)s?\b)",
    re.IGNORECASE,
)
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_WORD_NUMBERS |= {"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18}
# "In a week", "within a couple of months": an article counts one, and only after "in" or
# "within" ("once a week" is how often). A fortnight is two weeks.
_WORD_NUMBERS |= {"a": 1, "an": 1, "a couple of": 2}
_ARTICLES = ("a", "an", "a couple of")
_FORTNIGHT = "fortnight"
_RATE = re.compile(r"\d\s*(?:kg|kgs|lbs?|pounds?|g|ml|oz)\)?\s*$", re.IGNORECASE)
# A bare "Date:" beside these is the date the copy was faxed or printed, not of the visit.
_COPY_STAMP = re.compile(
    # A letterhead's "Fax: (555) 201-3300" is a number, not a faxed copy. Blanks taken whole: a
    # long run after "fax" split three ways.
    r"\b(?:fax(?!\s*+(?:#|no\.?|number)?\s*+[:.]?\s*+[\d(+])|faxed|facsimile|transmittal"
    r"|page\s+\d+\s+of|printed|print)\b|\bpages?\s*[:#]",
    re.I,
)
# "Discharge  Date:" spaced out: the date of the stay's discharge, never a bare "Date:".
_QUALIFIED = re.compile(rf"\b(?:{'|'.join(_RANKED_WORDS)})[ \t]*\Z", re.I)
_FIELD_GAP_IN_LABEL = re.compile(r"[ \t]{2,}(?=\S+$)")
_GENERIC = frozenset({"date", "date/time", "date and time"})
# Records written in Britain and the Commonwealth give numeric dates day first even when no day
# is past the 12th: an NHS number says so on its own, two of these words of British usage do.
_NHS = re.compile(r"\bNHS\b")
_BRITISH = quick(
    # Not "micrograms" (American labels write it out too) nor a vitamin's "A & E" cream.
    r"\b(?:GP|(?<!vitamin )(?<!vitamins )(?-i:A\s*&\s*E)\b|TTO|paracetamol|centiles?|programme"
    r"|apyrexial|haem\w+|anaesth\w+|oedema|oesophag\w+|paediatric\w*|immunis\w+|mmol/mol"
    r"|behaviour\w*|tumour"
    r"|yours (?:sincerely|faithfully)|ward \d\w*|NEWS2? ?\d+|(?-i:Mr [A-Z]\b)"
    # Spellings, services and grades of British, Irish and Australian records, never Canadian
    # ones (a Canadian "centre" or "behaviour" writes its dates month first); a clinician named
    # with a bare initial ("Dr P Hughes"), as their letters print it; doses "QDS", "TDS".
    r"|antenatal|postnatal|caesarean|diarrhoea|anaemi\w*|orthopaed\w*|gynaecolog\w*"
    r"|booking (?:visit|appointment|bloods)|speech and language therap\w*"
    r"|community psychiatric nurse|day case|post[- ]take|clerking"
    # Not an American patch's "fentanyl 25 mcg/hr TDS" (transdermal system).
    r"|(?-i:(?:CPN|QDS|(?<!/hr )(?<!/h )TDS|FY[12]|SHO|SpR|MUST score)\b)"
    # Twice daily as British and Australian charts write it, after a dose or a dose form ("40 mg
    # BD", "supplements BD"); never a bare "BD" (a syringe maker, bipolar disorder).
    r"|(?:\d++ ?(?:mg|g|mcg|micrograms|ml|units?)|tab(?:let)?s?|cap(?:sule)?s?|puffs?|drops?"
    r"|supplements?|sachets?)[ \t]+(?-i:BD)\b"
    r"|(?-i:Dr [A-Z] [A-Z][a-z]))",
    re.IGNORECASE,
)
_BRITISH_WORDS = 2
_BIRTH_WORDS = r"\b(?:dob|d\.o\.b\.?|date of birth|birth ?date|born)\b"
_BIRTH_LABEL = re.compile(rf"{_BIRTH_WORDS}\W{{0,4}}", re.I)
_BIRTH = re.compile(rf"{_BIRTH_WORDS}[^\n]{{0,12}}$", re.I)


# A line that names the patient ("SMITH, JOHN   03/04/1955   M", "Pt: Ann Lee  F  MRN 4401")
# holds a date of birth, whatever its label: never the date of the visit.
_IDENTITY = re.compile(
    # A sex letter set apart as a field ("1955   M", "Lee  F  MRN"), never an initial ("Dr. M.
    # Lee") or a word's letter ("Part F").
    r"(?-i:(?:^|(?<=[ \t]{2})|(?<=[\t|,]))[MF](?=[ \t]{2}|\t|[ \t]*(?:$|[|,]))"
    r"|\bPt\b|^[ \t]*[A-Z][A-Z'-]+,[ \t]*[A-Z][A-Z'-]+\b)|\b(?:male|female|sex"
    r"|gender|mrn|patient|name|acct|account)\b",
    re.I | re.M,
)


@dataclass(frozen=True, slots=True)
class FoundDate:
    value: date
    seg: Seg


def day_first(text: str, taken: date | None = None) -> bool:
    """True when the note writes numeric dates day first (18/05/2021) and never month first, or
    writes only dates that read either way in a record of British usage, or (`taken`, the day the
    client says the document was taken) one of which is that day only when read day first."""
    day_first_seen = either_way = False
    ambiguous: list[tuple[int, int, str]] = []
    for match in _NUMERIC.finditer(text):
        first, second = int(match[1]), int(match[3] or match[4])
        if second > 12 >= first:
            return False
        day_first_seen = day_first_seen or first > 12 >= second
        if first != second:
            either_way = True
            ambiguous.append((first, second, match[0]))
    if day_first_seen or (either_way and _british(text)):
        return True
    return taken is not None and _taken_day_first(ambiguous, taken)


def _taken_day_first(ambiguous: list[tuple[int, int, str]], taken: date) -> bool:
    """True when some date that reads either way is `taken` read day first and none is `taken`
    read month first."""
    found = False
    for first, second, written in ambiguous:
        year = int(re.split(r"[/.-]", written)[-1])
        year = year + 2000 if year < 100 else year
        if year != taken.year:
            continue
        if (first, second) == (taken.month, taken.day):
            return False
        found = found or (second, first) == (taken.month, taken.day)
    return found


def _british(text: str) -> bool:
    """True for a record of British usage (see `_BRITISH`), read only when its dates are
    ambiguous."""
    if _NHS.search(text):
        return True
    found: set[str] = set()
    for match in _BRITISH.finditer(text):
        # Clinicians named with bare initials are one sign however many there are: an American
        # note's "Dr J Smith" and "cc: Dr K Lee" are not two.
        word = match.group().lower()
        # Doses written twice daily ("BD") are one sign however many there are.
        key = "bd" if word.endswith(" bd") or word.endswith("\tbd") else word[:5]
        found.add("dr" if word.startswith("dr ") else key)
        if len(found) >= _BRITISH_WORDS:
            return True
    return False


def _to_date(match: re.Match[str], swap: bool) -> date | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if year < 100:
        year += 2000 if year < 70 else 1900
    if groups.get("mon"):
        month, day = _MONTHS[groups["mon"][:3].lower()], int(groups["d"])
    else:
        month, day = int(groups["m"]), int(groups["d"])
        if swap:
            month, day = day, month
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(
    text: str, start: int = 0, end: int | None = None, *, day_first: bool = False
) -> list[FoundDate]:
    """Every valid date in the range, left to right, without overlaps."""
    stop = len(text) if end is None else end
    found: list[FoundDate] = []
    if _DIGIT.search(text, start, stop) is None:
        return found  # every pattern below asks for a figure: most sentences have none
    # The spans taken, in order: they never overlap, so a new one overlaps one only if it
    # overlaps the last that starts before its end (a bisection, not a look at every date).
    starts: list[int] = []
    ends: list[int] = []
    patterns = [(_ISO_DATE, False)] + [(p, day_first) for p in _YEAR_LAST]
    patterns += [(p, False) for p in _WORD_DATES]
    for pattern, swap in patterns:
        for match in pattern.finditer(text, start, stop):
            value = _to_date(match, swap)
            if not value:
                continue
            before = bisect_left(starts, match.end())
            if before and ends[before - 1] > match.start():
                continue
            starts.insert(before, match.start())
            ends.insert(before, match.end())
            found.append(FoundDate(value, Seg(match.start(), match.end())))
    return sorted(found, key=lambda f: f.seg.start)


def _birth_dates_in_order(text: str, day_first: bool) -> Iterator[date]:
    """The dates the note gives as the patient's birth ("DOB: 03/04/1955"), in order."""
    for match in _BIRTH_LABEL.finditer(text):
        dates = find_dates(text, match.end(), min(len(text), match.end() + 16), day_first=day_first)
        if dates:
            yield dates[0].value


@lru_cache(maxsize=4)
def _birth_dates(text: str, swap: bool) -> frozenset[date]:
    """Read once per note, though each heading line with a date asks."""
    return frozenset(_birth_dates_in_order(text, swap))


def birth_date(text: str, *, day_first: bool = False) -> date | None:
    """The patient's date of birth when the note gives it ("DOB: 04/30/2025")."""
    return next(_birth_dates_in_order(text, day_first), None)


def _is_birth_date(text: str, found: FoundDate) -> bool:
    line_start = text.rfind("\n", 0, found.seg.start) + 1
    return _BIRTH.search(text, line_start, found.seg.start) is not None


def _starts_field(text: str, position: int) -> bool:
    """True when a label at `position` opens a line or a field: never inside a sentence.

    Fields are set apart by a line break, two spaces or a tab, or the commas and bars of
    exported records ("...text.,DISCHARGE DATE:,  01/11/2020").
    """
    before = position
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    if before == 0 or text[before - 1] in "\r\n,;:|([*#>\u2022\u2013\u2014-":
        return True
    return position - before >= 2 or "\t" in text[before:position]


def _copy_stamp(text: str, position: int) -> bool:
    """True when the line of a bare "Date:" (or the two above it) is a fax or print stamp."""
    start = position
    for _ in range(3):
        start = text.rfind("\n", 0, max(0, start - 1)) + 1
        if start == 0:
            break
    end = text.find("\n", position)
    return _COPY_STAMP.search(text, start, len(text) if end < 0 else end) is not None


def _labelled(
    text: str,
    swap: bool,
    skip_surgery: bool,
    discharge: bool,
    emergency: bool = False,
    stay: bool = True,
) -> tuple[int, int, EncounterDate] | None:
    best: tuple[int, int, EncounterDate] | None = None
    for match in _label_matches(text):
        key = " ".join(match["label"].lower().split())
        if key in _NEEDS_COLON and not match["sep"]:
            continue
        if key in _INCIDENT and not emergency:
            continue
        if key in _DISCHARGE_ONLY and not discharge:
            continue
        if skip_surgery and any(word in key for word in SURGERY_WORDS + _TEST_WORDS):
            continue
        rank = _LABELS[key]
        if not stay and rank >= _DISCHARGE_RANK:
            continue  # a later visit's "Admission date:", "Discharge date:" are of a past stay
        if discharge and rank >= _ADMISSION_RANK:
            continue  # a discharge summary is dated by its discharge, never its admission
        if not _starts_field(text, match.start()):
            continue
        if key in _GENERIC and (
            _copy_stamp(text, match.start())
            or _QUALIFIED.search(text, max(0, match.start() - 24), match.start())
        ):
            continue
        dates = find_dates(text, match.end(), min(len(text), match.end() + 40), day_first=swap)
        if not dates or dates[0].seg.start != match.end():
            continue
        found = dates[0]
        if discharge and rank == _DISCHARGE_RANK:
            rank = -1  # over a "Note date:" or a "Date:" of the same summary
        if best is None or (rank, found.seg.start) < best[:2]:
            best = (rank, found.seg.start, _evidence(text, found, match["label"]))
    return best


def _label_matches(text: str) -> Iterator[re.Match[str]]:
    """Each label in the text. A label read across a field gap ("Office Visit    Date of
    Service:") may hide the field's own label, so the search goes on from its last word."""
    position = 0
    while (match := _LABEL.search(text, position)) is not None:
        yield match
        gap = _FIELD_GAP_IN_LABEL.search(match["label"])
        position = match.start("label") + gap.end() if gap else match.end()


def _evidence(text: str, found: FoundDate, label: str) -> EncounterDate:
    return EncounterDate(
        value=found.value,
        label=label,
        text=text[found.seg.start : found.seg.end],
        start=found.seg.start,
        end=found.seg.end,
    )


def encounter_date(
    text: str,
    *,
    header_end: int | None = None,
    later_visit: bool = False,
    discharge: bool = False,
    emergency: bool = False,
    stay: bool = True,
    taken: date | None = None,
) -> tuple[EncounterDate | None, bool]:
    """The labelled date of the visit, else a date heading the document, else None.

    Dates in the narrative ("hospitalized on 02/04/08", a due date) are never taken. The flag
    says the date heads the document without a label. `header_end` is where the first section
    starts; `later_visit` (any note but an operative or procedure report) leaves out the date of
    an operation, past or planned; `discharge` (a discharge summary) reads only its discharge
    date among the stay's dates, never the admission or an operation during the stay;
    `emergency` (an ED or ambulance record) reads an incident's date as the visit's; without
    `stay` (a note that is not itself of a stay's arrival, admission or discharge: a progress
    note, a consultation, a clinic visit) the dates of a stay (admission, discharge, triage) are
    never its own. `taken` (the client's day) settles the order of dates that read either way
    (see `day_first`).
    """
    swap = day_first(text, taken)
    best = _labelled(text, swap, later_visit or discharge, discharge, emergency, stay)
    if best is not None:
        return best[2], False
    return _heading_date(text, swap, header_end), True


def _heading_date(text: str, swap: bool, header_end: int | None) -> EncounterDate | None:
    """A date on one of the first lines, alone or beside a short title ("Progress Note 3/4/25").

    A date alone under a label of its own ("DOB:" then "08/12/1996", as exports are laid out) is
    that field's value: a label naming the visit is read by `_labelled`, any other is not the
    date of the document.
    """
    limit = min(len(text), _HEADING_CHARS if header_end is None else header_end)
    seen = 0
    previous: Seg | None = None
    for line in lines(text, 0, limit):
        body = trim(text, line.start, line.end)
        if body.start == body.end:
            continue
        seen += 1
        if seen > _HEADING_LINES:
            return None
        found = _title_date(text, body, swap)
        if found is None and seen == 1:
            found = _opening_date(text, body, swap)
        under_label = previous is not None and text[previous.end - 1] == ":"
        if found is not None and not under_label:
            return _evidence(text, found, "")
        previous = body
    return None


def _title_date(text: str, body: Seg, swap: bool) -> FoundDate | None:
    dates = find_dates(text, body.start, body.end, day_first=swap)
    if len(dates) != 1 or _is_birth_date(text, dates[0]):
        return None
    found = dates[0]
    if _IDENTITY.search(text, body.start, body.end) or found.value in _birth_dates(text, swap):
        return None
    rest = (text[body.start : found.seg.start] + " " + text[found.seg.end : body.end]).strip(
        " \t,-\u2013|"
    )
    rest = _CLINICIAN.sub("", _DAY_COUNT.sub("", _TIME.sub("", rest)))
    # "Clinic | SOAP NOTE | 04/14/2026 | Provider": the bars between fields are no words.
    words = [w for w in rest.split() if any(c.isalnum() for c in w)]
    if _NOT_A_TITLE.search(rest) or len(words) > _TITLE_WORDS:
        return None
    return found


def _opening_date(text: str, body: Seg, swap: bool) -> FoundDate | None:
    """A date the document opens with, before the words of a one-line record ("05/05/2025 ED
    visit: 33F twisted R ankle ..."): the record's date, unless the line is a stamp of the copy
    ("03/20/2025 10:41 AM  Page 1 of 3") or names the patient."""
    dates = find_dates(text, body.start, min(body.end, body.start + 12), day_first=swap)
    if not dates or dates[0].seg.start != body.start:
        return None
    found = dates[0]
    line_end = min(body.end, found.seg.end + 80)
    if (
        _copy_stamp(text, found.seg.end)
        or _IDENTITY.search(text, body.start, line_end)
        or found.value in _birth_dates(text, swap)
        or _NOT_AN_OPENING.match(text, found.seg.end)
    ):
        return None
    return found


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
    """The first "in 3 months" / "4-6 weeks" of a range; a span counts from its near end, as
    "in 1-2 weeks" may be due in one (a late follow-up is the one that harms)."""
    found: Interval | None = None
    fraction = _fraction(text, start, end)
    for match in _INTERVAL.finditer(text, start, end):
        lead = (match["lead"] or "").lower()
        if lead in ("for", "x"):
            continue  # "for 6 weeks", "2x/week x 6 weeks" are durations, not when it is due
        if _RATE.search(text, max(start, match.start() - 16), match.start()):
            continue  # "call if weight up 1 kg in a day or 2 kg in a week": a rate of gain
        first = " ".join(match["a"].lower().split())
        if first in _ARTICLES and lead not in ("in", "within"):
            continue
        amount = int(_WORD_NUMBERS.get(first) or first)
        unit = match["unit"]
        if unit.lower().startswith(_FORTNIGHT):
            amount, unit = 2 * amount, "weeks"
        interval = Interval(amount, unit, Seg(match.start(), match.end()))
        if lead in ("in", "within"):
            if fraction is not None and fraction.seg.start < interval.seg.start:
                return fraction
            return interval  # "(holiday after ~10 years; DEXA in 2 years)": "in" says when
        found = found or interval
    return fraction or found


# A British clinician's weeks, months and days as fractions of a year or a week: "review in
# 2/52", "repeat scan in 6/12", "bloods in 3/7" (only after "in" or "within": "on 6/12" is a day).
_FRACTION = quick(
    r"\b(?:in|within)\s+(?:approx(?:\.|imately)?\s+|about\s+|~\s*)?(?P<a>\d{1,2})"
    r"(?:\s*(?:-|\u2013|to)\s*\d{1,2})?/(?P<of>52|12|7)(?![/\d])"
    # "carcinoma in 1/12 lymph nodes", "in 2/12 cores", "growth in 2/7 bottles": a count.
    r"(?!\s*(?:positive\s+|involved\s+|lymph\s+)?(?:cores?|nodes?|LNs?|bottles?|sets?|samples?"
    r"|specimens?|biops(?:y|ies)|cultures?|slides?|fragments?|segments?|fields?|vessels?"
    r"|patients?|criteria|views?|items?|domains?)\b)",
    re.IGNORECASE,
)
_FRACTION_UNITS = {"52": "weeks", "12": "months", "7": "days"}


def _fraction(text: str, start: int, end: int) -> Interval | None:
    found = _FRACTION.search(text, start, end)
    if found is None or int(found["a"]) == 0:
        return None
    unit = _FRACTION_UNITS[found["of"]]
    return Interval(int(found["a"]), unit, Seg(found.start(), found.end()))
