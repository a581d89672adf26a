"""The note type the sections of a document imply: a hospital course, an operation's details."""

import re
from dataclasses import dataclass

from carechart.notes.nlp.document import Document
from carechart.notes.nlp.note_title import HOSPITAL_DAY_NUMBER
from carechart.notes.nlp.scanning import quick
from carechart.notes.nlp.schemas import NoteType, SectionName

_T = NoteType
# A heading or a labelled field at the start of a line ("HOSPITAL COURSE:", "EBL: 10 mL",
# "[ED COURSE]" as some EHR exports bracket them). Each run of blanks is taken whole: nothing
# after one opens with a blank, and a line indented by thousands had as many squared splits.
_LABEL = r"^[ \t]*+(?:[#*>\-•]+[ \t]*+)?(?:\d+[.)][ \t]*+)?\[?[ \t]*+(?:{})[ \t]*(?::|\]|$)"


def _labels(*names: str) -> re.Pattern[str]:
    return re.compile(_LABEL.format("|".join(names)), re.IGNORECASE | re.MULTILINE)


# Each kind of document is built of sections no other kind has all of. The markers of one kind
# are alternatives; the kind is present when enough distinct markers are.
_HOSPITAL_COURSE = _labels(
    r"(?:brief |summary of (?:the )?)?hospital course",
    r"course (?:in|of) (?:the )?(?:hospital|hospitali[sz]ation|stay)",
    r"observation course",
)
# A discharge is told by its diagnoses or its date, beside its list or its condition: an ED
# note has discharge instructions and medications too.
_DISCHARGE_CORE = _labels(
    r"(?:discharge|final) diagnos[ie]s",
    r"diagnos[ie]s (?:at|on) discharge",
    r"(?:discharge|d/c) date|date of discharge",
)
_DISCHARGE = _labels(
    r"(?:discharge|final) diagnos[ie]s",
    r"diagnos[ie]s (?:at|on) discharge",
    r"(?:discharge|d/c) date|date of discharge",
    r"discharge (?:medications?|meds|medication list|condition|disposition|instructions)",
    r"(?:medications|condition) (?:at|on) discharge",
)
_EMERGENCY = _labels(
    r"(?:ed|er|emergency department|emergency room|urgent care) course",
    r"course in the (?:ed|er|emergency department|emergency room)",
    # A nurse's telephone "Triage:" is no ED triage: the ED's names its vitals or its level.
    r"triage (?:vital signs|vitals|note|assessment|acuity|level|time|category)",
    r"esi(?: level)?|acuity|mode of arrival|arrival (?:time|mode)|arrived by",
)
# An ED note's own sections, beside its course.
_ED_OWN = _labels(
    r"triage (?:vital signs|vitals|note|assessment|acuity|level|time|category)",
    r"esi(?: level)?|acuity|mode of arrival|arrival (?:time|mode)|arrived by",
)
# What only a ward's admission orders hold.
_WARD_ORDERS = re.compile(
    r"\b(?:dvt|vte) (?:prophylaxis|ppx)\b|\bcode status\b|\bfull code\b|\bdnr\b", re.IGNORECASE
)
_PROCEDURE_MARKERS: tuple[re.Pattern[str], ...] = (
    _labels(
        r"(?:pre|post)[- ]?(?:op(?:erative)?|procedure|procedural)\.? (?:diagnos[ie]s|dx)",
    ),
    _labels(
        r"procedures? performed|name of (?:the )?(?:procedure|operation)|title of operation",
        r"operations? performed|operative procedure",
    ),
    _labels(
        r"description of (?:the )?(?:procedure|operation)|procedure in detail",
        r"details of (?:the )?procedure|procedure (?:details|description|technique)",
        r"operative (?:technique|description|note)",
    ),
    _labels(r"(?:operative |intraoperative |procedur(?:e|al) )?findings"),
    _labels(r"(?:type of )?an(?:a)?esthesia|anesthetic|sedation"),
    _labels(r"estimated blood loss|ebl|blood loss"),
    _labels(r"specimens?(?: removed)?|drains?|implants?|wound class(?:ification)?"),
    _labels(r"complications?"),
    _labels(r"surgeons?|assistants?|operators?|proceduralist|endoscopist"),
)
_PROCEDURE_MIN = 2
_CONSULT = _labels(
    r"reason for (?:the )?(?:consult(?:ation)?|referral)|referral (?:reason|question)",
    r"(?:requesting|consult(?:ation)? requested by|requested by)(?: (?:physician|provider"
    r"|service|doctor|clinician|team))?",
)
_ADMISSION = _labels(
    r"reason for (?:admission|hospitali[sz]ation)",
    r"admitting diagnos[ie]s|admission diagnos[ie]s",
    r"(?:date of admission|admission date|admit date|admitting (?:physician|service|team))",
)
_ADMIT_PLAN = re.compile(
    r"\badmit(?:ted)? (?:to|him|her|the patient|for)\b|\b(?:will|plan to) admit\b", re.IGNORECASE
)
_INTERVAL = _labels(
    r"interval (?:history|events|hx)",
    r"overnight events|events overnight",
    r"24[- ]?h(?:ou)?r events",
)
# A ward named as where someone works ("works nights as an ICU nurse", "telemetry tech") is no
# stay of the patient's.
_INPATIENT = quick(
    rf"\bhospital day\b|\b{HOSPITAL_DAY_NUMBER}|\bovernight\b|\b24[- ]?h(?:ou)?r events\b|"
    r"(?:\binpatient|\btelemetry|\b[mscnp]?icu|\bhospitalist)\b(?!\s+(?:nurse|rn|tech|technician|"
    r"aide|clerk|pharmacist|physician|doctor|worker|staff|secretary|unit clerk)s?\b)",
    re.IGNORECASE,
)
# An emergency physician's note without its title: a decision-making section beside a
# disposition (home, admitted, transferred) is how ED notes close.
_DECISION = _labels(r"mdm|medical decision[- ]making|ed decision[- ]making")
_DISPOSITION = _labels(r"disposition|dispo")
# A stay told of to the patient ("You were admitted for pneumonia") in discharge instructions.
_STAY = quick(
    r"\b(?:you were|were|was) (?:admitted|hospitali[sz]ed)\b|\b(?:your|the) hospital stay\b"
    r"|\bduring your stay\b|\bwhile (?:you were )?in (?:the )?hospital\b",
    re.IGNORECASE,
)
# A walk-in or urgent-care visit for a new complaint is no visit of a known patient.
_WALK_IN = re.compile(r"\bwalk[- ]?in\b|\burgent care\b|\bimmediate care\b", re.IGNORECASE)
# The return visit a clinic books ("Return in 3 months", "RTC 6 wk", "follow-up in 2 weeks");
# not one offered only if the complaint persists.
_RETURN = quick(
    # British clinics book a "review in 6 months".
    r"\b(?:return|rtc|follow[- ]?up|f/u|recheck|re-?check|review|see (?:you|him|her|them)"
    r"(?: again)?)"
    r"(?: to (?:the )?(?:clinic|office))?(?: visit)?(?: in)? (?:\d+|one|two|three|four|six|twelve)"
    r"(?:[-\u2013]\d+)? (?:days?|weeks?|wks?|months?|mos?|years?)\b",
    re.IGNORECASE,
)
# Calls and messages are no visit, whatever their sections.
_REMOTE = re.compile(
    r"\b(?:telephone|phone|called|calls|portal|mychart|message|e-?mail|voicemail)\b", re.IGNORECASE
)
_CLOSING = _labels(r"a/p|a\s*&\s*p|assessment(?: and | ?& ?|/)plan|assessment|impression|plan")
_VITALS = re.compile(r"\b(?:bp|blood pressure)\s*:?\s*\d{2,3}/\d{2,3}\b", re.IGNORECASE)
_IF_NEEDED = re.compile(
    r"[ \t,;-]*(?:only )?(?:if|unless|as needed|when needed|prn|p\.r\.n)\b", re.IGNORECASE
)
_HEAD_CHARS = 400
_PLAN_SECTIONS = (
    SectionName.ASSESSMENT,
    SectionName.ASSESSMENT_AND_PLAN,
    SectionName.PLAN,
    SectionName.DISPOSITION,
)
_SOAP_END = frozenset({SectionName.ASSESSMENT, SectionName.ASSESSMENT_AND_PLAN, SectionName.PLAN})
_WORKUP = frozenset(
    {SectionName.PRESENT_ILLNESS, SectionName.REVIEW_OF_SYSTEMS, SectionName.OBJECTIVE}
)


@dataclass(frozen=True, slots=True)
class Structure:
    note_type: NoteType
    cues: list[str]


def _found(pattern: re.Pattern[str], text: str) -> list[str]:
    return [" ".join(m.group().strip(" \t:#*>-•[]").split()) for m in pattern.finditer(text)]


def find_structure(doc: Document) -> Structure | None:
    """The kind of document the sections present make, in order of how telling they are."""
    text = doc.text
    if course := _found(_HOSPITAL_COURSE, text):
        return Structure(_T.DISCHARGE, course[:1] + _found(_DISCHARGE, text)[:2])
    if emergency := _found(_EMERGENCY, text):
        if admitted := _admitted_from_ed(doc):
            return Structure(_T.ADMISSION, [admitted])
        return Structure(_T.EMERGENCY, emergency[:3])
    discharge = _found(_DISCHARGE, text)
    if len({d.lower() for d in discharge}) >= 2 and (
        _DISCHARGE_CORE.search(text) or _STAY.search(text)
    ):
        return Structure(_T.DISCHARGE, discharge[:3])
    if procedure := _procedure(text):
        return Structure(_T.PROCEDURE, procedure)
    if consult := _found(_CONSULT, text):
        return Structure(_T.CONSULT, consult[:2])
    return _visit(doc)


def _admitted_from_ed(doc: Document) -> str | None:
    """The admitting physician's workup that recaps the ED course: a plan that admits the patient
    and writes the ward's orders (DVT prophylaxis, code status), with none of an ED note's own
    sections (triage, decision-making, disposition)."""
    text = doc.text
    if _ED_OWN.search(text) or _found(_DECISION, text) or _found(_DISPOSITION, text):
        return None
    plan = _admit_plan(doc)
    orders = any(
        _WARD_ORDERS.search(text, s.seg.start, s.seg.end) for s in doc.in_sections(*_PLAN_SECTIONS)
    )
    return plan if plan and orders else None


def _procedure(text: str) -> list[str]:
    found = [hits[0] for marker in _PROCEDURE_MARKERS if (hits := _found(marker, text))]
    return found if len(found) >= _PROCEDURE_MIN else []


def _visit(doc: Document) -> Structure | None:
    """An admission workup or a day of an inpatient stay, from their sections."""
    text = doc.text
    admission = _found(_ADMISSION, text)
    names = {section.name for section in doc.sections}
    if admission and SectionName.PRESENT_ILLNESS in names:
        return Structure(_T.ADMISSION, admission[:2])
    if names >= _WORKUP and (plan := _admit_plan(doc)):
        return Structure(_T.ADMISSION, [plan])
    if (decision := _found(_DECISION, text)) and (disposition := _found(_DISPOSITION, text)):
        return Structure(_T.EMERGENCY, decision[:1] + disposition[:1])
    inpatient = _INPATIENT.search(text)
    if interval := _found(_INTERVAL, text):
        kind = _T.PROGRESS if inpatient else _T.FOLLOW_UP
        return Structure(kind, interval[:1] + ([inpatient.group()] if inpatient else []))
    if inpatient and is_soap(doc):
        return Structure(_T.PROGRESS, [inpatient.group()])
    return None


def is_soap(doc: Document) -> bool:
    """True for a note written as subjective, objective, assessment and plan."""
    names = {section.name for section in doc.sections}
    return {SectionName.SUBJECTIVE, SectionName.OBJECTIVE} <= names and bool(names & _SOAP_END)


def _admit_plan(doc: Document) -> str | None:
    for sentence in doc.in_sections(*_PLAN_SECTIONS):
        if found := _ADMIT_PLAN.search(doc.text, sentence.seg.start, sentence.seg.end):
            return found.group()
    return None


def clinic_visit(doc: Document) -> Structure | None:
    """An untitled office visit of a known patient: an examination and an assessment with its
    plan, and a return visit booked, with nothing of a hospital stay, an emergency, a walk-in
    or a call. A clinician reads it as a follow-up visit; a first visit for a new complaint
    that books no return stays unclear."""
    text = doc.text
    names = {section.name for section in doc.sections}
    closing = bool(names & _SOAP_END) or bool(_CLOSING.search(text))
    examined = SectionName.OBJECTIVE in names or bool(_VITALS.search(text))
    if not (closing and examined):
        return None
    head = text[:_HEAD_CHARS]
    if _REMOTE.search(head) or _WALK_IN.search(head) or _INPATIENT.search(text):
        return None
    if _admit_plan(doc):
        return None
    booked = next((m for m in _RETURN.finditer(text) if not _conditional(text, m.end())), None)
    if booked is None:
        return None
    return Structure(_T.FOLLOW_UP, [" ".join(booked.group().split())])


def _conditional(text: str, position: int) -> bool:
    """True for a return offered only if needed ("in 10 days if symptoms persist"); "Return in
    6 months, sooner if ..." books the visit."""
    return bool(_IF_NEEDED.match(text, position))
