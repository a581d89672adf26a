"""The clinical picture a summary starts from: the chart read as of its latest note, once.

Both providers start from it (the local composer writes from it, the OpenAI prompt carries it as
hints the notes override) and the verifier checks against it. It answers what the next
clinician asks first: how old is this, what happened at the last encounter, what is the patient
allergic to and taking now, what changed, what is wrong, which values moved, and what is still
to be done, including what is overdue.
"""

import re
import uuid
from collections.abc import Sequence
from datetime import date, timedelta
from itertools import pairwise
from typing import Literal

from pydantic import BaseModel, ConfigDict

from carechart.notes.public import (
    Chart,
    ChartAllergy,
    ChartFollowUp,
    ChartMedication,
    ChartProblem,
    ChartSeries,
    Citation,
    Measurement,
    MedicationStatus,
    ProblemStatus,
    find_drug_names,
)

# A follow-up due within this many days of today is `due`; later ones are `upcoming`.
DUE_WINDOW_DAYS = 7
KEY_VITALS = ("blood_pressure", "heart_rate", "spo2", "temperature", "respiratory_rate", "weight")
_CURRENT = {
    MedicationStatus.STARTED,
    MedicationStatus.CONTINUED,
    MedicationStatus.CHANGED,
    MedicationStatus.RESUMED,
}
_CHANGES = {"started", "changed", "resumed", "held", "stopped"}

FollowUpState = Literal["upcoming", "due", "overdue", "open"]
AllergyState = Literal["documented", "no_known", "not_documented"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Cited(_Frozen):
    """The note a fact comes from and its words as written there."""

    note_id: uuid.UUID
    taken_at: date
    quote: str


class PictureMedication(_Frozen):
    name: str
    as_written: str
    ingredient: str | None
    dose: str | None
    frequency: str | None
    route: str | None
    prn: bool
    status: str
    changed_at_last_encounter: bool
    cited: Cited


ProblemPictureState = Literal["active", "uncertain", "chronic", "resolved"]


class PictureProblem(_Frozen):
    text: str
    state: ProblemPictureState
    uncertain: bool
    cited: Cited


class PictureAllergy(_Frozen):
    substance: str
    reaction: str | None
    cited: Cited


class Reading(_Frozen):
    value: str
    flag: str | None
    cited: Cited


class Trend(_Frozen):
    """A key vital or a flagged lab: its first and latest values (the same when only one)."""

    name: str
    kind: Literal["vital", "lab"]
    first: Reading
    latest: Reading
    count: int


class FollowUp(_Frozen):
    text: str
    kind: str
    due: date | None
    state: FollowUpState
    cited: Cited


class Encounter(_Frozen):
    first_note: date | None
    notes: int
    last_note_type: str | None
    admitted: date | None
    admitted_for: str | None
    discharged: date | None
    discharged_to: str | None


class ClinicalPicture(_Frozen):
    today: date
    as_of: date | None
    age_days: int | None
    encounter: Encounter
    allergy_state: AllergyState
    allergies: list[PictureAllergy]
    current_medications: list[PictureMedication]
    held_medications: list[PictureMedication]
    stopped_at_last_encounter: list[PictureMedication]
    problems: list[PictureProblem]
    trends: list[Trend]
    follow_ups: list[FollowUp]
    warning_signs: list[FollowUp]

    @property
    def active_problems(self) -> list[PictureProblem]:
        return [p for p in self.problems if p.state == "active"]

    def age_text(self) -> str:
        """How old the latest note is, in words: "today", "12 days", "2 years 3 months"."""
        days = self.age_days
        if days is None:
            return "no notes"
        if days <= 0:
            return "today"
        if days < 60:
            return f"{days} day{'s' * (days != 1)} ago"
        months = days * 12 // 365
        if months < 24:
            return f"{months} months ago"
        years, rest = divmod(months, 12)
        tail = f" {rest} month{'s' * (rest != 1)}" if rest else ""
        return f"{years} years{tail} ago"


def _cited(citation: Citation) -> Cited:
    quote = " ".join(citation.text.split())
    return Cited(note_id=citation.note_id, taken_at=citation.taken_at.date(), quote=quote)


# A plan line that records what was done with a drug is a medication change, not a follow-up.
_MEDICATION_ACTION = re.compile(
    r"(?i)^\W*(start|started|initiate|initiated|begin|stop|stopped|discontinue|d/c|dc|continue|"
    r"continued|increase|increased|decrease|decreased|reduce|hold|held|resume|resumed|change|"
    r"switch|taper|wean|give|given|administer|administered|observed|refill|prescribe)\b"
)
_TESTS_AND_VISITS = re.compile(
    r"(?i)\b(f/u|follow[- ]?up|return|rtc|recheck|re-?check|repeat|visit|clinic|appointment|"
    r"referr\w*|consult\w*|see\b|lab|labs|panel|bmp|cmp|cbc|a1c|lipid|x-?ray|cxr|ct\b|mri|"
    r"ultrasound|echo\w*|monitor\w*|holter|biopsy|culture|cx\b|results?|pathology|scan|test\w*|"
    r"rehab\w*|mychart|message|call|phone|telephone|class|education|therapy|session)\b"
)
_SELF_MONITORING = re.compile(r"(?i)\b(monitor\w*|log|diary|readings?)\b")
_WARNING = re.compile(r"(?i)\b(return to|call|seek|go to|come back|report)\b.*\b(if|for|with)\b")
# What makes a "return to ... for/with" line advice rather than a booking: a condition.
# An emergency department, or an alarm symptom, makes a dated line advice too ("Return to the
# ED within 48 hours for fever or bleeding"): no one books an ED visit.
_ADVICE_CONDITION = re.compile(
    r"(?i)\b(if|should|worse\w*|persist\w*|develops?|any|ed|er|emergency|911|urgent care|seek"
    r"|fever\w*|bleed\w*|chest pain|shortness of breath|vomit\w*|numbness|weakness)\b"
)
# A drug's next step on a date ("finish enoxaparin 03/20, then restart celecoxib") is still to
# happen: a follow-up, where an undated "start lisinopril" is what was done today.
_LATER_STEP = re.compile(r"(?i)\b(then|after|once|until|through|when|next|remove|removal)\b")
# A return visit: the next visit fulfils it. Anything else (a test, a referral, a class, home
# monitoring) stays open until a later note names it again.
_RETURN_VISIT = re.compile(
    r"(?i)\b(f/u|follow[- ]?up|return|rtc|revisit|visit|appointment|appt|see (?:me|us|you|pcp|dr)"
    r"|clinic with|well[- ]child)\b"
)
# A test or an imaging study a return visit may bring ("Follow-up CT chest in 3 months"): the
# next visit does not fulfil it; only a later note that names it does.
_STUDY = re.compile(
    r"(?i)\b(labs?|panel|bmp|cmp|cbc|a1c|lipid|tsh|inr|levels?|x-?rays?|cxr|ct|cta|mri|mra"
    r"|ultrasound|us|echo\w*|holter|biopsy|culture|scan|imaging|test\w*|study|studies"
    r"|colonoscopy|egd|endoscopy|mammogram|dexa|pfts?|eeg|emg|ekg|ecg|angiogram|psa|pth|ferritin"
    r"|zio|event monitor)\b"
)
# The services a follow-up may send the patient to: they say which follow-up it is.
_SERVICE = re.compile(
    r"(?i)\b(\w+ology|\w+ologist|\w+iatry|\w+iatrist|surgery|orthop\w+|podiatry|"
    r"physiotherapy|rehab\w*|dietitian|nutrition|hospice|palliative|home health|dialysis|"
    r"physical therapy|occupational therapy|speech therapy|social work\w*|wound care|"
    r"counsel\w*|psychotherapy|hepatology|transplant|sleep medicine|pain clinic|"
    r"case management|vaccin\w*|immuni[sz]ation|mammogra\w*|colonoscopy|cbt|dbt|dentist|"
    r"dental)\b"
)


def named_tests(text: str) -> set[str]:
    """The tests, studies and services a follow-up names, lower case ("ct", "lipid",
    "cardiology", "hospice"): what a reworded follow-up must keep of its note."""
    found = {m.group(0).lower() for m in _STUDY.finditer(text)}
    found |= {m.group(0).lower() for m in _SERVICE.finditer(text)}
    generic = {"test", "tests", "testing", "study", "studies", "labs", "lab", "levels", "level"}
    return found - generic


_RECURRING = re.compile(
    r"(?i)\b(every|each|monthly|weekly|yearly|annually|quarterly|ongoing|q\s?\d+\s?(?:w|wk|m|mo))\b"
)
_WORD = re.compile(r"[a-z][a-z0-9-]+")
# Two-letter words that name a study ("CT chest", "US abdomen"): kept among a follow-up's words.
_SHORT_NAMES = frozenset({"ct", "us", "pt", "ot", "xr", "ap"})
# Words that say what to do with a test or a referral, never which one.
GENERIC_PLAN_WORDS = frozenset({
    "follow", "up", "repeat", "recheck", "check", "order", "ordered", "orders", "placed",
    "place", "referral", "refer", "referred", "with", "after", "before", "outpatient", "visit",
    "appointment", "clinic", "week", "weeks", "month", "months", "day", "days", "year", "years",
    "then", "will", "needs", "need", "schedule", "scheduled", "due", "next", "about", "the",
    "and", "for", "from", "this", "that", "her", "his", "their", "patient", "pt", "obtain",
    "get", "have", "has", "been", "once", "again", "also", "plan", "arrange", "arranged",
    "request", "requested", "send", "sent"
})  # fmt: skip


# What is still to be done by someone, whatever the note called the line: a visit, a test, a
# referral, a therapy course, a vaccine or a screening ("Postpartum visit at 6 weeks",
# "Outpatient pulmonary rehabilitation", "Next due: Tdap 2028", "Lithium level and BMP in 1 week").
_TO_BE_DONE = re.compile(
    r"(?i)\b(visit|clinic|appointment|appt|consult\w*|referr\w*|rtc|follow[- ]?up|f/u|"
    r"rehab\w*|physio\w*|therapy|vaccin\w*|immuni[sz]\w*|booster|tdap|screening|surgery|"
    r"check(?:ed)?|monitor(?:ing)?|nst|review(?:ed)?)\b"
)
# A line that also says when or that it is yet to happen ("in 1 week", "due", "to be checked").
_AHEAD = re.compile(
    r"(?i)\b(in \d+|in (?:one|two|three|four|six|a few) \w+|at \d+\s*(?:weeks?|months?|years?|h)|"
    r"due|next|repeat|recheck|to be|will|prior to|before|after|within|ordered|order)\b"
)

# A line that reports what was found or done, not what is to be done.
_RESULT = re.compile(
    r"(?i)\b(was|were|is|are|showed|shows|revealed|normal|negative|positive|unremarkable|"
    r"today|done|completed|performed)\b"
)


_CLAUSE = re.compile(r"[.;(]\s+|\s*\(|\)")
_DOSE = re.compile(r"(?i)\b\d+(\.\d+)?\s*(mg|mcg|g|units?|ml)\b")
# A drug level is a test ("lithium level", "vancomycin trough"), not the drug.
_DRUG_LEVEL = re.compile(r"(?i)\b[a-z]+\s+(levels?|troughs?|peaks?)\b")


def tests_booked(text: str) -> str | None:
    """The clauses of a drug line that book a test or a visit, without the drug ("Continue
    Fosamax. Repeat DEXA in 2025" -> "Repeat DEXA in 2025"; "Continue warfarin (next INR
    11/20)" -> "next INR 11/20"), or None when it books none."""
    booked = []
    for clause in _CLAUSE.split(text):
        clause = clause.strip(" .;,")
        bare = _DRUG_LEVEL.sub("level", clause)
        if not clause or _DOSE.search(clause):
            continue
        # A drug named with no dose and no action is a test of it ("Calcium and PTH in 1
        # month"); "Continue Fosamax" is the medication list's.
        if find_drug_names(bare, 0, len(bare)) and _MEDICATION_ACTION.match(clause):
            continue
        if (_STUDY.search(clause) or _RETURN_VISIT.search(clause)) and _AHEAD.search(clause):
            booked.append(clause)
    return "; ".join(booked) or None


def _dated(item: ChartFollowUp) -> bool:
    return item.due is not None and item.due > item.source.taken_at.date()


def _is_warning(item: ChartFollowUp) -> bool:
    """Advice on when to seek care ("Return to the ED if fever"); a dated return with no
    condition ("Return to clinic in 6 weeks with x-rays") is a booking, not a warning."""
    if not _WARNING.search(item.text):
        return False
    return not _dated(item) or bool(_ADVICE_CONDITION.search(item.text))


def _is_follow_up(item: ChartFollowUp) -> bool:
    text = item.text
    dated = _dated(item)
    if item.kind == "instruction":
        # Advice is not a follow-up; a dated one is booked ("education class 01/28"), home
        # readings are to be brought back ("monitor blood pressure at home"), and a visit, test,
        # therapy or vaccine the patient is sent to is one ("Outpatient pulmonary rehabilitation").
        if _is_warning(item):
            return dated
        # A service or a therapy the patient is sent to ("Establish with a dentist", "Continue
        # weekly CBT", "Podiatry for diabetic shoes") is still to happen, dated or not.
        named = _STUDY.search(text) or _TO_BE_DONE.search(text) or _SERVICE.search(text)
        done = _RESULT.search(text) and not _AHEAD.search(text)  # "INR was 3.1 today"
        return dated or bool(_SELF_MONITORING.search(text) or (named and not done))
    drugs = find_drug_names(text, 0, len(text))
    if drugs and dated and _LATER_STEP.search(text):
        return True
    if drugs and tests_booked(text):
        # A drug line that also books a test or a visit ("Continue Fosamax. Repeat DEXA in
        # 2025"; "Lithium level and BMP in 1 week"): the test is still to happen (and is
        # what the summary shows: the drug's part is the medication list's).
        return True
    if drugs and _MEDICATION_ACTION.match(text):
        return False
    if drugs and drugs[0].start <= 2:  # a prescription line: "fluconazole 150 MG tablet; ..."
        return False
    if item.kind in ("follow_up", "referral") or _TESTS_AND_VISITS.search(text):
        return True
    return item.kind == "order" and not drugs  # a test or a procedure ordered


def _terms(text: str) -> list[str]:
    """The first two words that say which test, referral or class it is ("stone analysis",
    "pulmonary rehab", "ct chest"), whole."""
    words = (
        w
        for w in _WORD.findall(text.lower())
        if (len(w) > 2 or w in _SHORT_NAMES) and w not in GENERIC_PLAN_WORDS
    )
    return list(words)[:2]


class _Mentions:
    """Which notes name a word (by its first 5 letters), read once per picture: a follow-up's
    words are then looked up, never the later notes' texts read again for each follow-up."""

    def __init__(self, chart: Chart, texts: dict[uuid.UUID, str]) -> None:
        self._taken = [e.taken_at for e in chart.encounters]
        self._notes: dict[str, set[int]] = {}
        self._pairs: dict[tuple[str, str], set[int]] = {}
        for index, encounter in enumerate(chart.encounters):
            words = _WORD.findall(texts.get(encounter.note_id, "").lower())
            for word in set(words):
                self._notes.setdefault(word, set()).add(index)
            stems = [w[:5] for w in words]
            for pair in set(pairwise(stems)):
                self._pairs.setdefault(pair, set()).add(index)

    def named_after(self, item: ChartFollowUp) -> bool:
        """True when a note taken after the follow-up's own names it: its two words side by
        side ("stone analysis: calcium oxalate", "CT chest: no nodule"), or its one word when it
        has only one ("cardiology"). "Denies chest pain" does not name "CT chest"."""
        terms = _terms(item.text)
        if not terms:
            return False
        if len(terms) == 2:  # by their first 5 letters: "pulmonary rehab" ~ "rehabilitation"
            first, second = (t[:5] for t in terms)
            naming = self._pairs.get((first, second), set()) | self._pairs.get(
                (second, first), set()
            )
        else:
            naming = self._notes.get(terms[0], set())
        written = item.source.taken_at
        return any(self._taken[i] > written for i in naming)


def _closed(item: ChartFollowUp, visits: Sequence[date], mentions: _Mentions) -> bool:
    """Whether a later note ended the follow-up. A return visit is fulfilled by a later visit once
    at least half its interval has passed (an undated one by any later visit). A test, referral,
    class or home monitoring is still open until a later note names it (with its result, or
    asking for it again, which is the later follow-up then); a recurring one never closes."""
    written = item.source.taken_at.date()
    later = [v for v in visits if v > written]
    if not later:
        return False
    if not _RETURN_VISIT.search(item.text) or _STUDY.search(item.text):
        return not _RECURRING.search(item.text) and mentions.named_after(item)
    if item.due is None:
        return True
    halfway = written + (item.due - written) / 2
    return any(v >= halfway for v in later)


def follow_up_state(due: date | None, today: date) -> FollowUpState:
    if due is None:
        return "open"
    if due < today:
        return "overdue"
    return "due" if due <= today + timedelta(days=DUE_WINDOW_DAYS) else "upcoming"


def _with_service(text: str, service: str | None) -> str:
    """A bare return visit with whom it returns to: "Dermatology: return in 12 weeks"."""
    if service is None:
        return text
    lowered = text[:1].lower() + text[1:] if text[1:2].islower() else text
    return f"{service}: {lowered}"


def _follow_ups(
    chart: Chart, texts: dict[uuid.UUID, str], today: date
) -> tuple[list[FollowUp], list[FollowUp]]:
    visits = sorted({e.taken_at.date() for e in chart.encounters})
    latest = visits[-1] if visits else None
    mentions = _Mentions(chart, texts)
    pending: list[FollowUp] = []
    warnings: list[FollowUp] = []
    seen: set[str] = set()
    for item in chart.follow_ups:
        key = " ".join(item.text.lower().split())
        if key in seen:
            continue
        seen.add(key)
        written = " ".join(item.text.split()).rstrip(".")
        drugs = find_drug_names(written, 0, len(written))
        shown = (tests_booked(written) if drugs else None) or written
        made = FollowUp(
            text=_with_service(shown, item.service),
            kind=item.kind,
            due=item.due,
            state=follow_up_state(item.due, today),
            cited=_cited(item.source),
        )
        if item.source.taken_at.date() == latest and _is_warning(item):
            warnings.append(made)
        elif _is_follow_up(item) and not _closed(item, visits, mentions):
            pending.append(made)
    order = {"overdue": 0, "due": 1, "upcoming": 2, "open": 3}
    pending.sort(key=lambda f: (order[f.state], f.due or today))
    return pending, warnings


def _medication(med: ChartMedication, last_note: uuid.UUID | None) -> PictureMedication:
    # A drug the discharge list (or a later visit's list) leaves out changed with that list, but
    # the list does not name it: the drug's own latest mention is the quote that shows it.
    changed_in = med.ended_at_discharge or med.superseded_by or med.latest
    status = med.status.value
    return PictureMedication(
        name=med.name,
        as_written=med.as_written,
        ingredient=med.ingredient,
        dose=med.dose,
        frequency=med.frequency,
        route=med.route,
        prn=med.prn,
        status=status,
        changed_at_last_encounter=status in _CHANGES and changed_in.note_id == last_note,
        cited=_cited(med.latest),
    )


# Lines an extractor may take for problems that are not: orders, drugs, values, headers.
_NOT_A_PROBLEM = re.compile(
    r"(?i)(^\W*(start|stop|continue|increase|decrease|hold|resume|change|repeat|wean|goal|"
    r"d/c|referral|counsel\w*|health maintenance|medications?|if)\b)|"
    r"\b\d+(\.\d+)?\s*(%|(mg|mcg|units?|ml|l/min)\b)|#\d|\b(tablet|capsule|pen|cream)\b"
)


# A condition named after a drug or a nutrient is a problem, not a prescription line: "Iron
# deficiency anemia", "Vitamin D deficiency", "Warfarin-associated coagulopathy", "Insulin pump
# failure", "Aspirin-exacerbated respiratory disease", "Opioid use disorder".
_CONDITION = re.compile(
    r"(?i)\b(deficien\w*|anemi\w*|anaemi\w*|induced|associated|related|exacerbated|toxicity|"
    r"overdose|poisoning|failure|malfunction|withdrawal|dependence|use disorder|abuse|intolerance|"
    r"allerg\w*|reaction|resistan\w*|injury|neuropathy|coagulopathy|disease|syndrome|"
    r"nephropathy|hepatitis|colitis|rash|level|excess|insufficiency)\b"
)


def _is_problem(problem: ChartProblem) -> bool:
    text = problem.text
    if len(text) > 90 or _NOT_A_PROBLEM.search(text):
        return False
    drugs = find_drug_names(text, 0, len(text))
    if drugs and drugs[0].start <= 2:
        return bool(_CONDITION.search(text[drugs[0].end :]))
    return True


def _state(problem: ChartProblem) -> ProblemPictureState:
    if problem.status is ProblemStatus.RESOLVED:
        return "resolved"
    if problem.status is ProblemStatus.HISTORICAL:
        return "chronic"
    # A hedged diagnosis ("rule out PE") is not one the patient is treated for.
    return "uncertain" if problem.uncertain else "active"


def _problems(chart: Chart) -> list[PictureProblem]:
    result: list[PictureProblem] = []
    seen: set[str] = set()
    for problem in chart.every_problem():
        key = re.sub(r"[^a-z0-9]+", " ", problem.text.lower()).strip()
        if key in seen or not _is_problem(problem):
            continue
        seen.add(key)
        state = _state(problem)
        result.append(
            PictureProblem(
                text=" ".join(problem.text.split()),
                state=state,
                uncertain=problem.uncertain,
                cited=_cited(problem.sources[-1]),
            )
        )
    return result


def _reading(measure: Measurement) -> Reading:
    if measure.systolic is not None and measure.diastolic is not None:
        value = f"{measure.systolic}/{measure.diastolic}"
    elif measure.value is not None:
        value = f"{measure.value:g}"
    else:
        value = "not recorded"
    unit = f" {measure.unit}" if measure.unit and measure.value is not None else ""
    if measure.systolic is not None:
        unit = " mmHg"
    flag = measure.flag if measure.flag in ("high", "low") else None
    return Reading(value=value + unit, flag=flag, cited=_cited(measure.source))


def _trend(series: ChartSeries, kind: Literal["vital", "lab"]) -> Trend:
    return Trend(
        name=series.name,
        kind=kind,
        first=_reading(series.history[0]),
        latest=_reading(series.latest),
        count=len(series.history),
    )


def _trends(chart: Chart) -> list[Trend]:
    vitals = {s.name: s for s in chart.vitals}
    chosen = [_trend(vitals[name], "vital") for name in KEY_VITALS if name in vitals]
    flagged = [s for s in chart.labs if any(m.flag in ("high", "low") for m in s.history)]
    return chosen + [_trend(s, "lab") for s in flagged]


_DISPOSITION = re.compile(
    r"(?i)\b(?:discharged?|disposition)\b[^.\n]{0,20}?\b(?:to|:)\s*"
    r"(home(?: with [a-z ]{3,30})?|a skilled nursing facility|skilled nursing facility|snf|"
    r"rehab\w*|nursing home|hospice|assisted living)"
)


def _encounter(
    chart: Chart, texts: dict[uuid.UUID, str], problems: list[PictureProblem]
) -> Encounter:
    encounters = chart.encounters
    admission = next((e for e in encounters if e.note_type == "admission"), None)
    discharge = next((e for e in reversed(encounters) if e.note_type == "discharge"), None)
    admitted_for = None
    if admission is not None:
        admitted_for = next(
            (p.text for p in problems if p.cited.note_id == admission.note_id), None
        ) or next((p.text for p in problems if p.state == "active"), None)
    where = None
    if discharge is not None:
        found = _DISPOSITION.search(texts.get(discharge.note_id, ""))
        where = found.group(1).lower() if found else None
    return Encounter(
        first_note=encounters[0].taken_at.date() if encounters else None,
        notes=len(encounters),
        last_note_type=encounters[-1].note_type if encounters else None,
        admitted=admission.taken_at.date() if admission else None,
        admitted_for=admitted_for,
        discharged=discharge.taken_at.date() if discharge else None,
        discharged_to=where,
    )


# A form's "no known allergies" box read as a substance ("[ ] NKDA   [X] See list: ..."): the
# box says nothing of an allergen, ticked or not, when the chart holds the allergens themselves.
_NO_ALLERGY_BOX = re.compile(r"(?i)^\W*(?:\[\s*x?\s*\]\W*)?(?:nkda|nka|no known\b)")


def _allergies(chart: Chart) -> list[PictureAllergy]:
    result: list[PictureAllergy] = []
    seen: set[str] = set()
    for allergy in chart.allergies:
        text = allergy.substance
        if _NO_ALLERGY_BOX.match(text) and len(chart.allergies) > 1:
            continue  # alone, it still carries the list written beside it: kept
        drugs = find_drug_names(text, 0, len(text))
        key = drugs[0].drug.key if drugs else text.lower().strip()
        if key in seen:
            continue
        seen.add(key)
        result.append(
            PictureAllergy(
                substance=text, reaction=allergy.reaction, cited=_cited(_allergy_source(allergy))
            )
        )
    return result


def _allergy_source(allergy: ChartAllergy) -> Citation:
    """The latest mention that states the reaction shown, else the latest mention: a later
    "cipro allergy" must not be cited for "tendon rupture" an earlier note wrote."""
    if allergy.reaction:
        reaction = allergy.reaction.lower()
        for source in reversed(allergy.sources):
            if reaction in source.text.lower():
                return source
    return allergy.sources[-1]


def build_picture(chart: Chart, texts: dict[uuid.UUID, str], today: date) -> ClinicalPicture:
    """The chart read as of its latest note, on `today`; `texts` are the notes' texts by id."""
    last = chart.encounters[-1] if chart.encounters else None
    last_id = last.note_id if last else None
    as_of = last.taken_at.date() if last else None
    problems = _problems(chart)
    meds = [
        *chart.current_medications,
        *chart.held_medications,
        *chart.stopped_medications,
    ]
    pictured = [_medication(m, last_id) for m in meds]
    allergies = _allergies(chart)
    follow_ups, warnings = _follow_ups(chart, texts, today)
    state: AllergyState = (
        "documented" if allergies else "no_known" if chart.no_known_allergies else "not_documented"
    )
    return ClinicalPicture(
        today=today,
        as_of=as_of,
        age_days=(today - as_of).days if as_of else None,
        encounter=_encounter(chart, texts, problems),
        allergy_state=state,
        allergies=allergies,
        current_medications=[m for m in pictured if MedicationStatus(m.status) in _CURRENT],
        held_medications=[m for m in pictured if m.status == MedicationStatus.HELD.value],
        stopped_at_last_encounter=[
            m for m in pictured if m.status == "stopped" and m.changed_at_last_encounter
        ],
        problems=problems,
        trends=_trends(chart),
        follow_ups=follow_ups,
        warning_signs=warnings,
    )
