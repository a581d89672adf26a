"""Plan items (follow-ups, orders, referrals, instructions) with a due date when one is known."""

import re
from bisect import bisect_left
from datetime import date

from carechart.notes.nlp.dates import add_interval, find_dates, find_interval
from carechart.notes.nlp.document import Document
from carechart.notes.nlp.schemas import Medication, Plan, PlanKind, SectionName
from carechart.notes.nlp.text import Seg, strip_bullet

_I = re.IGNORECASE
# Sections that say only what is to happen; an assessment and plan also assesses.
_PLAN_ONLY = {SectionName.PLAN, SectionName.INSTRUCTIONS, SectionName.DISPOSITION}
_SOURCES = _PLAN_ONLY | {SectionName.ASSESSMENT_AND_PLAN}
_REFERRAL = re.compile(r"\brefer(?:red|ral)?\b|\bconsult(?:ation)? (?:to|with)\b", _I)
_FOLLOW_UP = re.compile(
    r"\bRTC\b|\breturn(?:s|ing)? (?:to (?:clinic|the office)|for|in|visit|if)\b|\bf/u\b"
    r"|\bfollow[- ]?up (?:visit|appointment|in|within|after|with)\b"
    r"|\bscheduled? (?:a )?follow[- ]?up\b"
    r"|\b(?:see|recheck) (?:back |again )?in\b|\bnext (?:visit|appointment)\b"
    # "Heart failure clinic with Dr. Ortiz in 1 week": a visit booked at a clinic.
    r"|\b(?:clinic|office|appointment)\b"
    r"(?=(?:Dr\.|[^.;])*?\b(?:in|within) (?:\d|one|two|three|four|six)\b)",
    _I,
)
_ORDER = re.compile(
    r"\border(?:ed|s)?\b|\brepeat\b|\b(?:re-?)?check\b|\bobtain\b|\bdraw\b|\blabs?\b|\bpanel\b"
    r"|\bLFTs?\b"
    r"|\bCBC\b|\bCMP\b|\bBMP\b|\bx-?ray\b|\bCT\b|\bMRI\b|\bultrasound\b|\bECG\b|\bEKG\b|\becho\b"
    r"|\bimaging\b|\bbiopsy\b|\bcultures?\b|\bremov(?:e|al)\b|\badmin(?:ister(?:ed)?)?\b"
    r"|\bvaccin\w*\b|\bsessions?\b|\btransfus\w*\b",
    _I,
)
_INSTRUCTION_FIRST = re.compile(
    r"(?:pt |patient )?(?:advis|avoid|educat|instruct|counsel|discuss|recommend|encourag|remind)",
    _I,
)
# Sentences that plan nothing: "No Rx prescribed today.", "Thank you for this consult."
_NOTHING_PLANNED = re.compile(r"(?:no|none|not|thank|we will follow|will follow)\b", _I)


def _kind(text: str, has_drug: bool) -> PlanKind | None:
    """The kind of a plan sentence, or None when nothing in it says what to do."""
    if _REFERRAL.search(text):
        return PlanKind.REFERRAL
    if _FOLLOW_UP.search(text):
        return PlanKind.FOLLOW_UP
    if _INSTRUCTION_FIRST.match(text):
        return PlanKind.INSTRUCTION
    if has_drug or _ORDER.search(text):
        return PlanKind.ORDER
    return None


def _due(doc: Document, seg: Seg, encounter: date | None) -> tuple[date | None, str | None]:
    dates = [
        d for d in find_dates(doc.text, seg.start, seg.end) if not encounter or d.value >= encounter
    ]
    if dates:
        return dates[0].value, doc.slice(dates[0].seg)
    interval = find_interval(doc.text, seg.start, seg.end)
    if interval is None:
        return None, None
    due = add_interval(encounter, interval.amount, interval.unit) if encounter else None
    return due, doc.slice(interval.seg)


def _plan(
    doc: Document, seg: Seg, drug_starts: list[int], encounter: date | None, plan_only: bool
) -> Plan | None:
    item = strip_bullet(doc.text, seg)
    text = doc.slice(item)
    if item.end <= item.start or _NOTHING_PLANNED.match(text):
        return None
    # Drug mentions are looked up by bisection: a long plan stays linear.
    first = bisect_left(drug_starts, item.start)
    has_drug = first < len(drug_starts) and drug_starts[first] < item.end
    kind = _kind(text, has_drug)
    if kind is None and not plan_only:
        return None  # a bare problem line of an assessment-and-plan
    kind = kind or PlanKind.INSTRUCTION
    due, due_text = (None, None) if kind is PlanKind.INSTRUCTION else _due(doc, item, encounter)
    return Plan(kind=kind, due=due, due_text=due_text, text=text, start=item.start, end=item.end)


def extract_plans(doc: Document, drugs: list[Medication], encounter: date | None) -> list[Plan]:
    """One plan item per sentence of the plan; due dates count from the encounter date."""
    plans: list[Plan] = []
    drug_starts = sorted(m.start for d in drugs for m in d.mentions)
    for sentence in doc.in_sections(*_SOURCES):
        plan_only = sentence.section.name in _PLAN_ONLY
        plan = _plan(doc, sentence.seg, drug_starts, encounter, plan_only)
        if plan is not None:
            plans.append(plan)
    return plans
