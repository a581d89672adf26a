"""Findings the note denies, and findings that belong to the past or to a relative."""

import re
from typing import Literal

from carechart.notes.nlp.context import Context, Scope
from carechart.notes.nlp.document import Document
from carechart.notes.nlp.schemas import HistoricalFinding, NegatedFinding, SectionName
from carechart.notes.nlp.text import Seg, clip_at, split_items, strip_bullet, trim

# "chest pain, SOB, or PND" -> three findings.
_LIST_SEPARATOR = re.compile(r",\s*(?:or|and|nor)\s+|,|\s+(?:or|and|nor)\s+|;", re.I)
# Words after which an item says nothing more about the finding: "rash noted today".
_FILLER = re.compile(
    r"\s(?:noted|seen|observed|reported|appreciated|identified|elicited|indicated|necessary|"
    r"needed|prescribed|given|today|at this (?:visit|time)|on (?:exam|examination))\b.*$",
    re.I,
)
_LEADING = re.compile(r"^(?:(?:on|any|a|an|the|of|for|to|with|w/|or|and|had|has)\s+)+", re.I)
_MAX_WORDS = 8
_SILENT_SECTIONS = {SectionName.SIGNATURE, SectionName.HEADER, SectionName.PRESCRIPTIONS}
# What a plan or instructions say is not to be ("no NSAIDs", "no contact sports") is advice.
_SILENT_SECTIONS |= {SectionName.INSTRUCTIONS, SectionName.PLAN, SectionName.DISPOSITION}
_HISTORY_SECTIONS = {
    SectionName.HISTORY: "past",
    SectionName.SURGICAL_HISTORY: "past",
    SectionName.FAMILY_HISTORY: "family",
}
_NOT_A_FINDING = re.compile(
    r"^(?:none|nil|n/a|noncontributory|non-contributory|unremarkable|difficulty|resistance|"
    r"complications?|apparent)$"
    # A clause or an act, not a finding: "was", "placed", "fixation was required".
    r"|^(?:was|were|is|are|be|been|so|yet|done|used|placed|created|taken|performed|required|"
    r"needed|given|sent|obtained|made|interrupt)\b"
    r"|\b(?:was|were|will|would|should|could|can)\b",
    re.I,
)


def _items(doc: Document, scope: Seg) -> list[Seg]:
    found: list[Seg] = []
    for item in split_items(doc.text, scope.start, scope.end, _LIST_SEPARATOR):
        item = clip_at(doc.text, item, _FILLER)
        item = trim(doc.text, item.start, item.end, " \t.")
        leading = _LEADING.match(doc.slice(item))
        if leading:
            item = Seg(item.start + leading.end(), item.end)
        if _is_finding(doc.slice(item)):
            found.append(item)
    return found


# "No (other) known drug allergies": the note's `no_known_allergies`, not a finding denied. An
# allergen denied by name ("no latex allergy") is left to the finding.
_NO_ALLERGIES = re.compile(
    r"^(?:(?:known|other|further|additional|drug|medication|medicine|med|kind of|any)\s+)*"
    r"allerg(?:y|ies)$",
    re.I,
)


def _is_finding(text: str) -> bool:
    words = text.split()
    short = 0 < len(words) <= _MAX_WORDS
    if _NO_ALLERGIES.match(text):
        return False
    return short and any(c.isalpha() for c in text) and not _NOT_A_FINDING.match(text)


def _section_of(doc: Document, scope: Scope) -> SectionName:
    return doc.section_name_at(scope.trigger.start)


def negated_findings(doc: Document) -> list[NegatedFinding]:
    """Every item inside a negation scope: "denies chest pain, SOB" -> chest pain, SOB."""
    found: list[NegatedFinding] = []
    seen: set[str] = set()
    for scope in doc.scopes:
        section = _section_of(doc, scope)
        if scope.context is not Context.NEGATED or section in _SILENT_SECTIONS:
            continue
        trigger = doc.slice(scope.trigger)
        for item in _items(doc, scope.span):
            text = doc.slice(item)
            if text.lower() in seen:
                continue  # denied in the history and again in the review of systems: once
            seen.add(text.lower())
            found.append(
                NegatedFinding(
                    text=text, trigger=trigger, section=section, start=item.start, end=item.end
                )
            )
    return found


def historical_findings(doc: Document) -> list[HistoricalFinding]:
    """Past and family history, from cue words ("s/p", "FHx:") and from history sections."""
    found: list[HistoricalFinding] = []
    for scope in doc.scopes:
        if scope.context not in (Context.HISTORICAL, Context.FAMILY):
            continue
        kind: Literal["past", "family"] = "family" if scope.context is Context.FAMILY else "past"
        section = _section_of(doc, scope)
        found.extend(
            HistoricalFinding(
                text=doc.slice(i),
                kind=kind,
                trigger=doc.slice(scope.trigger),
                section=section,
                start=i.start,
                end=i.end,
            )
            for i in _items(doc, scope.span)
        )
    found.extend(_from_sections(doc, found))
    return sorted(found, key=lambda f: f.start)


def _from_sections(doc: Document, already: list[HistoricalFinding]) -> list[HistoricalFinding]:
    found: list[HistoricalFinding] = []
    for section in doc.sections:
        kind = _HISTORY_SECTIONS.get(section.name)
        if kind is None:
            continue
        for sentence in doc.sentences_within(section.content.start, section.content.end):
            body = strip_bullet(doc.text, sentence.seg)
            for item in _items(doc, body):
                covered = any(f.start < item.end and item.start < f.end for f in already)
                if covered or Context.NEGATED in doc.contexts(item.start, item.end):
                    continue
                found.append(
                    HistoricalFinding(
                        text=doc.slice(item),
                        kind="family" if kind == "family" else "past",
                        trigger=section.heading,
                        section=section.name,
                        start=item.start,
                        end=item.end,
                    )
                )
    return found
