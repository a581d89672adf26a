"""Diagnoses and problems named in the assessment and the diagnosis lists."""

import re

from carechart.notes.nlp.context import Context
from carechart.notes.nlp.document import Document
from carechart.notes.nlp.schemas import Problem, ProblemStatus, SectionName
from carechart.notes.nlp.text import Seg, lines, strip_bullet, trim

_SOURCES = {SectionName.ASSESSMENT, SectionName.ASSESSMENT_AND_PLAN, SectionName.DIAGNOSES}
# The problem is the head of an item: "Allergic rhinitis, seasonal exacerbation" -> the first
# clause; "CAP - continue ceftriaxone" -> before the dash; "#HTN: hold lisinopril" -> before ":".
_HEAD_END = re.compile(
    r",|;|:|\s[-\u2013\u2014]\s|\.(?:\s|$)|\s(?:likely|due to|secondary to)\s", re.I
)
_NOT_PROBLEM = re.compile(
    r"(?:pt|patient|he|she|they|we|will|plan|discussed|recommend\w*|advised?|continue|start|"
    r"f/u|follow|rtc|return|stable vitals|vitals stable|well pt|routine visit|see (?:above|below)|"
    r"as above|same|none|n/a|nad|no acute distress|overall|thank|dispo(?:sition)?|code status|"
    r"(?:dvt )?prophylaxis|ppx|diet|activity|access|fen|\d+[\s-]*(?:y/?o|yo|year)|"
    # "Encounter for immunization": the reason for the visit, not a problem of the patient.
    r"encounter for)\b",
    re.IGNORECASE,
)
# "Principal: pneumonia" -> the problem is after the label.
_SUB_LABEL = re.compile(
    r"(?:principal|primary|secondary|other|chronic|active|final|working|admitting)"
    r"(?: diagnos[ie]s| problems?)?\s*:\s*",
    re.IGNORECASE,
)
_RESOLVED = re.compile(r"\b(?:resolved|resolution|in remission|healed|no longer)\b", re.I)
_MAX_WORDS = 12


def _head(doc: Document, line: Seg) -> Seg | None:
    item = strip_bullet(doc.text, line)
    item = trim(doc.text, item.start, item.end, " \t#*")
    label = _SUB_LABEL.match(doc.text, item.start, item.end)
    item = Seg(label.end(), item.end) if label else item
    match = _HEAD_END.search(doc.text, item.start, item.end)
    head = trim(doc.text, item.start, match.start() if match else item.end, " \t.,;:")
    words = doc.slice(head).split()
    if not words or len(words) > _MAX_WORDS or _NOT_PROBLEM.match(doc.text, head.start, head.end):
        return None
    return head


def _status(doc: Document, line: Seg, contexts: set[Context]) -> ProblemStatus:
    if _RESOLVED.search(doc.text, line.start, line.end):
        return ProblemStatus.RESOLVED
    if Context.HISTORICAL in contexts:
        return ProblemStatus.HISTORICAL
    return ProblemStatus.ACTIVE


def _denied(doc: Document, head: Seg) -> bool:
    """A denial that covers the first word ("No acute distress", "fever denied"); one inside the
    name is part of the diagnosis ("Migraine without aura", "COPD without exacerbation")."""
    return any(
        scope.context is Context.NEGATED
        and min(scope.trigger.start, scope.span.start) <= head.start
        for scope in doc.scopes_over(head.start, head.end)
    )


def _problem(doc: Document, line: Seg, section: SectionName) -> Problem | None:
    head = _head(doc, line)
    if head is None:
        return None
    contexts = doc.contexts(head.start, head.end)
    if Context.FAMILY in contexts or _denied(doc, head):
        return None  # "no acute distress", "family hx of hyperlipidemia": not the patient's
    return Problem(
        text=doc.slice(head),
        start=head.start,
        end=head.end,
        section=section,
        status=_status(doc, line, contexts),
        uncertain=Context.UNCERTAIN in contexts,
    )


def extract_problems(doc: Document) -> list[Problem]:
    """One problem per line of the assessment (or per sentence, where it is prose)."""
    found: list[Problem] = []
    seen: set[str] = set()
    for section in doc.sections:
        if section.name not in _SOURCES:
            continue
        for item in _items(doc, section.content):
            problem = _problem(doc, item, section.name)
            if problem is not None and problem.text.lower() not in seen:
                seen.add(problem.text.lower())
                found.append(problem)
    return found


def _items(doc: Document, content: Seg) -> list[Seg]:
    """The first sentence of each line: later ones say what to do about the problem."""
    items: list[Seg] = []
    for line in lines(doc.text, content.start, content.end):
        body = trim(doc.text, line.start, line.end)
        inside = doc.sentences_within(body.start, body.end)
        if inside:
            items.append(inside[0].seg)
    return items
