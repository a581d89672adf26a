"""The note's author, from `Signed:`, `Electronically signed by`, `Author:` or a closing line."""

import re

from carechart.notes.nlp.document import Document
from carechart.notes.nlp.schemas import Author, SectionName
from carechart.notes.nlp.sections import SIGNER_LINE
from carechart.notes.nlp.text import Seg, lines, trim

_I = re.IGNORECASE
# Most to least authoritative: an electronic signature, a "Signed:" line, then a named author.
_LABELS = [
    re.compile(r"\b(?:electronically |e-)signed(?: by)?\s*:?[ \t]*", _I),
    # "Signed:" or "Signed by", never "Signed consent obtained".
    re.compile(r"^[ \t]*signed(?:[ \t]*:|[ \t]+by\b[ \t]*:?|[ \t]*$)[ \t]*", _I | re.M),
    re.compile(
        r"^[ \t]*(?:author|attending(?: physician)?|provider|clinician|dictated by)\s*:[ \t]*",
        _I | re.M,
    ),
]
# "Dr X, MD on 03/14/2025 at 10:22" -> "Dr X, MD"
_TRAILER = re.compile(
    r"\s*(?:,\s*|\bon\s+|\bat\s+|\(|\s)(?:\d{1,4}[/-]|\d{1,2}:\d\d|[A-Z][a-z]{2} \d).*$"
)
_SPECIALTY = re.compile(r"^[A-Za-z][A-Za-z &/,-]{2,60}$")


def _name_after(doc: Document, position: int) -> Seg | None:
    """The rest of the line after a label, or the next non-blank line when it is empty."""
    for line in lines(doc.text, position, min(len(doc.text), position + 300)):
        body = trim(doc.text, line.start, line.end)
        if body.end > body.start:
            cut = _TRAILER.search(doc.text, body.start, body.end)
            return trim(doc.text, body.start, cut.start() if cut else body.end, " \t,;")
    return None


def _specialty(doc: Document, name: Seg) -> str | None:
    following = list(lines(doc.text, name.end, min(len(doc.text), name.end + 120)))[1:2]
    for line in following:
        body = doc.slice(trim(doc.text, line.start, line.end))
        section = doc.section_at(line.start)
        in_signature = section is not None and section.name is SectionName.SIGNATURE
        if in_signature and _SPECIALTY.match(body) and not _LABELS[2].match(body):
            return body
    return None


def extract_author(doc: Document) -> Author | None:
    """Who signed the note; None when nobody did."""
    for pattern in _LABELS:
        for match in pattern.finditer(doc.text):
            name = _name_after(doc, match.end())
            if name is not None and name.end > name.start:
                return _author(doc, name)
    # Last, a bare "Jane Doe, MD" line that closes the note.
    for section in reversed(doc.sections):
        signer = SIGNER_LINE.match(doc.text, section.content.start, section.content.end)
        if section.name is SectionName.SIGNATURE and signer:
            name = _name_after(doc, signer.start())
            return _author(doc, name) if name else None
    return None


def _author(doc: Document, name: Seg) -> Author:
    return Author(
        name=doc.slice(name),
        specialty=_specialty(doc, name),
        text=doc.slice(name),
        start=name.start,
        end=name.end,
    )
