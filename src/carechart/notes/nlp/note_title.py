"""The note type a document's own title states ("Discharge Summary", "Operative Report")."""

import re
from dataclasses import dataclass

from carechart.notes.nlp.document import Document
from carechart.notes.nlp.schemas import NoteType, SectionName
from carechart.notes.nlp.text import Seg, lines, trim

_T = NoteType
_I = re.IGNORECASE
_PROCEDURES = (
    r"colonoscopy|endoscopy|esophagogastroduodenoscopy|egd|bronchoscopy|cystoscopy|biopsy"
    r"|catheteri[sz]ation|angiogra(?:m|phy)|paracentesis|thoracentesis|lumbar puncture"
    r"|arthrocentesis|injection|aspiration|intubation|central line|coronary intervention|pci"
)
# In order: the first kind whose title is found wins. A title names the document itself, so
# the more specific names come first ("Post-operative visit" before "operative", "Emergency
# department consultation" is a consultation).
_TITLES: list[tuple[NoteType, re.Pattern[str]]] = [
    (
        _T.POST_OPERATIVE,
        re.compile(
            r"\bpost[- ]?op(?:erative)?\.? (?:visit|check|follow[- ]?up|appointment|clinic"
            r"|office)|\bpostop(?:erative)? (?:wound )?check\b",
            _I,
        ),
    ),
    (
        _T.DISCHARGE,
        re.compile(r"\bdischarge (?:summary|note|report|record)\b|\bd/c summary\b", _I),
    ),
    (
        _T.PROCEDURE,
        re.compile(
            r"\b(?:brief )?op(?:erative)?\.? (?:note|report|record)\b"
            r"|\b(?:operation|surgical) (?:note|report)\b"
            r"|\bprocedure (?:note|report|record)\b|\bprocedures? only\b"
            rf"|\b(?:{_PROCEDURES})\b[^\n]{{0,60}}\b(?:report|note|record)\b",
            _I,
        ),
    ),
    (
        _T.ADMISSION,
        re.compile(
            r"\bhistory (?:and|&) physical\b|\bh\s*&\s*p\b"
            r"|\badmission (?:note|history|h&p|record)\b|\badmit(?:ting)? note\b",
            _I,
        ),
    ),
    (_T.CONSULT, re.compile(r"\bconsult(?:ation)?s?\b|\bconsultative\b", _I)),
    (
        _T.EMERGENCY,
        re.compile(
            r"\bemergency (?:department|room|medicine|services?|physician|provider|record|note)\b"
            r"|\b(?:ed|er)(?: provider| physician)? (?:note|record|report|visit|encounter)\b"
            r"|\burgent care\b",
            _I,
        ),
    ),
    (
        _T.ANNUAL_PHYSICAL,
        re.compile(
            r"\bwell[- ]?(?:child|baby|woman|women'?s|man|adult|visit|check|exam)\b|\bannual\b"
            r"|\bpreventive\b|\bwellness\b|\broutine (?:physical|exam)"
            r"|\bphysical exam(?:ination)?\b|\bhealth (?:maintenance|check)\b",
            _I,
        ),
    ),
    (_T.IMMUNIZATION, re.compile(r"\bimmuni[sz]ations?\b|\bvaccin(?:e|es|ation|ations)\b", _I)),
    (
        _T.PHYSICAL_THERAPY,
        re.compile(r"\bphysical therapy\b|\bphysiotherapy\b|\bPT (?:eval|evaluation|note)\b", _I),
    ),
    (_T.PROGRESS, re.compile(r"\bprogress notes?\b|\binterval note\b", _I)),
    (
        _T.FOLLOW_UP,
        re.compile(
            r"\bfollow[- ]?up\b|\boffice (?:visit|note)\b|\bclinic (?:visit|note)\b|\bsoap note\b"
            r"|\breturn visit\b|\b(?:sick|prenatal|established patient) visit\b"
            r"|\bmedication management\b",
            _I,
        ),
    ),
    (
        _T.OTHER,
        re.compile(
            r"\btelephone\b|\bphone (?:note|call|encounter)\b|\btransfer (?:form|note)\b|\bsbar\b",
            _I,
        ),
    ),
]
# A progress note titled so is an inpatient one only where the hospital shows; "Progress Notes"
# is also what clinic records call an office visit.
_INPATIENT = re.compile(
    r"\b(?:hospitalist|inpatient|hospital day|HD\s*#?\s*\d|icu|ward|rm|room|bed|team"
    r"|overnight|24[- ]?h(?:ou)?r events)\b",
    _I,
)
# Words of a hospital day anywhere in a note titled only "Progress Note".
_HOSPITAL_DAY = re.compile(
    r"\bhospital day\b|\bHD\s*#?\s*\d|\bovernight events\b|\b24[- ]?h(?:ou)?r events\b"
    r"|\binpatient\b|\btelemetry\b",
    _I,
)


def _inpatient(doc: Document, header: Seg) -> bool:
    return bool(
        _INPATIENT.search(doc.text, header.start, header.end) or _HOSPITAL_DAY.search(doc.text)
    )


# Fields whose value is not a title ("Transferring to: Emergency Department").
_TITLE_FIELDS = re.compile(
    r"(?:visit|note|encounter|document|appointment) type\b|^\s*(?:type of |reason for )?visit\s*$",
    _I,
)
# A title is a few words: a longer part of a line is a sentence that names other visits.
_TITLE_CHARS = 90
_DOCUMENT_WORD = re.compile(r"\b(?:note|report|record|summary|consultation)\b", _I)
_FORMAT_ONLY = re.compile(r"soap note|progress notes?|office (?:visit|note)|clinic (?:visit|note)")
_FIELD_GAP = re.compile(r"[ \t]{2,}|\t|\|")
_MAX_LINES = 10
_MAX_CHARS = 1200


@dataclass(frozen=True, slots=True)
class Title:
    note_type: NoteType
    text: str
    # "SOAP note", "Progress Notes" of a clinic, "Office visit" name a format, not the visit:
    # the note's own words may say what the visit was for (a flu shot, an annual physical).
    specific: bool


def _header(doc: Document) -> Seg | None:
    first = doc.sections[0] if doc.sections else None
    if first is None or first.name is not SectionName.HEADER:
        return None
    return Seg(first.span.start, min(first.span.end, first.span.start + _MAX_CHARS))


def _fields(text: str, line: Seg) -> list[str]:
    """The parts of a header line that could be its title: never a labelled field's value."""
    found: list[str] = []
    for part in _FIELD_GAP.split(text[line.start : line.end]):
        label, colon, value = part.partition(":")
        if not colon:
            found.append(part)
        elif _TITLE_FIELDS.search(label):
            found.append(value)
        elif not value.strip() or _DOCUMENT_WORD.search(label):
            # "PROCEDURE NOTE: Ultrasound-guided paracentesis": the label is the title.
            found.append(label)
    return [f.strip() for f in found if f.strip() and len(f.strip()) <= _TITLE_CHARS]


def _matches(text: str) -> list[tuple[NoteType, str]]:
    """Each kind the text names, with the words that name it."""
    return [(kind, found.group()) for kind, pattern in _TITLES if (found := pattern.search(text))]


def find_title(doc: Document) -> Title | None:
    """The type the title lines at the head of the document state, if they state one."""
    header = _header(doc)
    if header is None:
        return None
    candidates: list[tuple[int, str]] = []
    order = [kind for kind, _ in _TITLES]
    seen = 0
    for line in lines(doc.text, header.start, header.end):
        if trim(doc.text, line.start, line.end).start == line.end:
            continue
        seen += 1
        if seen > _MAX_LINES:
            break
        for part in _fields(doc.text, line):
            candidates.extend((order.index(kind), words) for kind, words in _matches(part))
    if not candidates:
        return None
    rank, text = min(candidates, key=lambda c: c[0])
    kind = order[rank]
    if kind is NoteType.PROGRESS and not _inpatient(doc, header):
        kind = NoteType.FOLLOW_UP
    generic = kind is NoteType.FOLLOW_UP and _FORMAT_ONLY.fullmatch(" ".join(text.lower().split()))
    return Title(kind, text, specific=not generic)
