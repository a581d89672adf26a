"""Allergies with their reactions, and "no known allergies" (NKDA)."""

import re
from dataclasses import dataclass

from carechart.notes.nlp.context import Context
from carechart.notes.nlp.document import Document
from carechart.notes.nlp.schemas import Allergy, SectionName
from carechart.notes.nlp.text import Seg, lines, split_items, strip_bullet, trim

_NONE_KNOWN = re.compile(
    r"\bNKDA\b|\bNKA\b|\bno known (?:drug |medication )?allergies\b|\bno allergies\b"
    r"|\ballergies:\s*(?:none|nil|denied)\b",
    re.IGNORECASE,
)
_NOTHING = re.compile(r"^(?:none|nil|n/a|denied|nkda|nka|no known\b.*|no allergies\b.*)$", re.I)
_ITEM_SEPARATOR = re.compile(r"[,;]")
# "penicillin (hives)", "sulfa - rash", "codeine: nausea", "latex causes itching"
_REACTION = re.compile(
    r"\s*(?:\((?P<paren>[^)]*)\)|(?:\s[-\u2013]\s|:|→|->|\bcauses\b)\s*(?P<after>.+))"
)
_INLINE = re.compile(
    r"\ballerg(?:ic|y|ies) to (?P<what>[A-Za-z][\w -]{1,40}?)\s*(?:\((?P<reaction>[^)]{1,40})\))?"
    r"(?=[.,;\n]|$|\s(?:and|with|which)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class AllergyResult:
    allergies: list[Allergy]
    no_known_allergies: bool
    spans: list[Seg]


def _allergy(doc: Document, item: Seg) -> Allergy | None:
    if _NOTHING.match(doc.slice(item)):
        return None
    match = _REACTION.search(doc.text, item.start, item.end)
    substance_end = match.start() if match else item.end
    substance = trim(doc.text, item.start, substance_end, " \t.,;:-")
    reaction = None
    if match:
        reaction = (match["paren"] or match["after"] or "").strip(" .") or None
    if substance.end <= substance.start:
        return None
    return Allergy(
        substance=doc.slice(substance),
        reaction=reaction,
        text=doc.slice(item),
        start=item.start,
        end=item.end,
    )


def _listed(doc: Document, content: Seg) -> list[Allergy]:
    found: list[Allergy] = []
    for line in lines(doc.text, content.start, content.end):
        body = strip_bullet(doc.text, line)
        for item in split_items(doc.text, body.start, body.end, _ITEM_SEPARATOR):
            allergy = _allergy(doc, trim(doc.text, item.start, item.end, " \t."))
            if allergy is not None:
                found.append(allergy)
    return found


def _inline(doc: Document) -> list[Allergy]:
    found: list[Allergy] = []
    for match in _INLINE.finditer(doc.text):
        if Context.NEGATED in doc.contexts(match.start("what"), match.end("what")):
            continue
        found.append(
            Allergy(
                substance=match["what"].strip(),
                reaction=match["reaction"],
                text=match.group(),
                start=match.start(),
                end=match.end(),
            )
        )
    return found


def extract_allergies(doc: Document) -> AllergyResult:
    """Listed and inline allergies; `spans` are where they are written, for the drug finder."""
    sections = [s for s in doc.sections if s.name is SectionName.ALLERGIES]
    listed = [a for s in sections for a in _listed(doc, s.content)]
    inline = [
        a for a in _inline(doc) if not any(a.start < b.end and b.start < a.end for b in listed)
    ]
    unique: dict[str, Allergy] = {}
    for allergy in sorted(listed + inline, key=lambda a: a.start):
        unique.setdefault(allergy.substance.lower(), allergy)
    nka = _NONE_KNOWN.search(doc.text) is not None and not unique
    spans = [s.content for s in sections] + [Seg(a.start, a.end) for a in inline]
    return AllergyResult(list(unique.values()), nka, spans)
