"""The note's own service (the clinic or specialty that wrote it) and the bare return visits
that go back to it: "Return in 12 weeks" in a dermatology note is a dermatology return visit.

The service is read only where the note states it: a letterhead or clinic name, the title, a
`Service:` / `Department:` line, the signer's specialty or credential. Never from drugs or
problems, and never from a field that names someone else (`Referring physician:`, `PCP:`, a
letter's addressee): a referral to a service is not the note's own.
"""

import re

from carechart.notes.nlp.document import Document
from carechart.notes.nlp.note_title import title_region
from carechart.notes.nlp.scanning import quick
from carechart.notes.nlp.schemas import Author, NoteService, Plan, PlanKind
from carechart.notes.nlp.text import Seg, lines, trim

_I = re.IGNORECASE
# Each service by the words a note's head uses for it; the one a part names first wins
# ("Hospitalist Admission H&P (Orthopaedic co-management)" is hospital medicine's).
_SERVICES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, _I))
    for name, pattern in (
        ("Dermatology", r"\bdermatolog\w*|\bderm\b|\bskin (?:clinic|cent(?:er|re)|institute)\b"),
        ("Psychiatry", r"\bpsychiatr\w*|\bbehaviou?ral health\b|\bmental health\b|\bPMHNP\b"),
        (
            "Cardiology",
            r"\bcardiolog\w*|\bcardiovascular\b|\bheart (?:&|and) vascular\b"
            r"|\bheart (?:cent(?:er|re)|institute|clinic|associates)\b",
        ),
        ("Orthopaedics", r"\borthop(?:a)?edic\w*|\bortho\b"),
        (
            "Obstetrics",
            r"\bobstetric\w*|\bOB[ /-]?GYN\b|\b(?:return|new|prenatal) OB\b|\bprenatal\b",
        ),
        ("Gynaecology", r"\bgyn(?:a)?ecolog\w*"),
        ("Endocrinology", r"\bendocrin\w*"),
        ("Rheumatology", r"\brheumatolog\w*"),
        ("Neurology", r"\bneurolog\w*"),
        (
            "Pulmonology",
            r"\bpulmon(?:ary|ology)\b|\bpulmonolog\w*|\blung (?:clinic|cent(?:er|re))\b",
        ),
        ("Nephrology", r"\bnephrolog\w*|\bkidney care\b|\brenal clinic\b"),
        ("Gastroenterology", r"\bgastroenterolog\w*|\bdigestive (?:health|disease)"),
        ("Urology", r"\burolog\w*"),
        ("Oncology", r"\boncolog\w*|\bcancer (?:cent(?:er|re)|institute|clinic)\b"),
        ("Haematology", r"\bh(?:a)?ematolog\w*"),
        ("Allergy and immunology", r"\ballergy\b"),
        ("Ophthalmology", r"\bophthalmolog\w*|\beye (?:clinic|cent(?:er|re)|institute)\b"),
        ("Otolaryngology", r"\botolaryngolog\w*|\bENT\b|\bear,? nose"),
        ("Podiatry", r"\bpodiatr\w*"),
        ("Paediatrics", r"\bp(?:a)?ediatric\w*"),
        (
            "Primary care",
            r"\bprimary care\b|\bfamily (?:medicine|practice|physicians|health)\b"
            r"|\binternal medicine (?:group|associates|clinic|practice|office|partners)\b"
            # "Greenfield Internal Medicine" (a practice), not "Department of Internal Medicine".
            r"|^\W*(?!(?:department|dept|division|service)\b)\w[\w.'-]*(?: \w[\w.'-]*)?"
            r" internal medicine\W*$",
        ),
        ("Hospital medicine", r"\bhospitalists?\b|\bhospital medicine\b"),
        ("Surgery", r"\bsurgical (?:associates|group|clinic|practice)\b|\bgeneral surgery\b"),
    )
)
# Labelled header fields whose value is the note's own service; any other label's value
# (`Referring physician:`, `PCP:`, `Provider:`, `Reason for visit:`) is not read.
_SERVICE_LABEL = re.compile(
    r"^(?:service|department|dept|division|clinic|specialty|speciality|practice|location)$", _I
)
_LABEL = re.compile(
    r"(?:^|(?<=[,|])|(?<=\s\s))[ \t]*([A-Za-z][A-Za-z /&'-]{0,40}?)[ \t]*:", _I | re.M
)
# A letter's addressee or a copy line starts the part of the head that names others.
_OTHERS_START = re.compile(r"^\W*(?:dr\.?\s|dear\b|to\b|re\b|cc\b|attn\b)", _I)
# A label on a line of its own ("Primary Care" above "Ingrid Castellanos, MD - Lakeshore Primary
# Care") names someone else's role: it and the next line are skipped.
_OTHERS_LABEL = re.compile(
    r"^\W*(?:pcp|primary care(?: physician| provider| doctor)?|referr\w*(?: \w+)?|requesting"
    r"(?: \w+)?|consult(?:ing|ed)? (?:to|service)|copy to)\W*$",
    _I,
)
# "referral to Cardiology", "for orthopaedic evaluation": the service is someone else's.
_TOWARDS = re.compile(r"\b(?:to|for|from|by|refer\w*|consult(?:ation)? (?:to|with))\W+\w*\W*$", _I)
_GAP = re.compile(r"\s{2,}|\t")
_TITLE_WORDS = 10
_SENTENCE = re.compile(r"[.!?]\s+[A-Za-z]")


def service_of(text: str) -> str | None:
    """The service a phrase names first ("Lakeside Dermatology" -> "Dermatology"), if one."""
    named = []
    for name, pattern in _SERVICES:
        found = pattern.search(text)
        if found and not _TOWARDS.search(text, 0, found.start()):
            named.append((found.start(), name))
    return min(named)[1] if named else None


def _head_fields(doc: Document, line: Seg) -> list[Seg]:
    """The parts of a head line that can state the note's service: its unlabelled start (a
    letterhead or a title) and the values of service fields."""
    found: list[Seg] = []
    labels = list(_LABEL.finditer(doc.text, line.start, line.end))
    first = labels[0].start() if labels else line.end
    if len(doc.text[line.start : first].split()) <= _TITLE_WORDS:
        found.append(Seg(line.start, first))
    ends = [label.start() for label in labels[1:]] + [line.end][: len(labels)]
    for label, end in zip(labels, ends, strict=True):
        if _SERVICE_LABEL.match(label.group(1).strip()):
            found.append(Seg(label.end(), end))
    return found


def _from_head(doc: Document) -> NoteService | None:
    region = title_region(doc)
    skip = False
    for line in lines(doc.text, region.start, region.end):
        body = trim(doc.text, line.start, line.end)
        if _OTHERS_START.match(doc.slice(body)):
            return None  # the rest of a letter's head is its addressee's
        if skip or _OTHERS_LABEL.match(doc.slice(body)):
            skip = not skip and body.end > body.start
            continue
        for field in _head_fields(doc, body):
            part = trim(doc.text, field.start, field.end, " \t,;|-")
            text = doc.slice(part)
            if _SENTENCE.search(text):
                continue
            if name := service_of(text):
                return NoteService(name=name, text=text, start=part.start, end=part.end)
    return None


def note_service(doc: Document, author: Author | None) -> NoteService | None:
    """The service the note states as its own: its head first, then its signer."""
    found = _from_head(doc)
    if found is not None or author is None:
        return found
    # The signer's name line, without what follows a wide gap ("Attending: Dr. A    PCP: Dr. B").
    signer = _GAP.split(author.name, maxsplit=1)[0]
    for said in (author.specialty, signer):
        if said and (name := service_of(said)):
            return NoteService(name=name, text=author.text, start=author.start, end=author.end)
    return None


# A return visit said with nothing of whom or what: "Return in 12 weeks", "RTC 3 months, sooner
# prn", "f/u 6 wks", "See you in 2 months", "I will see her again in one year".
_COMES_BACK = re.compile(
    r"\b(?:return|rtc|follow[- ]?up|f/u|fu|see|seen|review|visit|appointment)\b", _I
)
# When it is: an interval or a date, never only "if needed" ("return if the bulge recurs").
_WHEN = re.compile(r"\d|\b(?:one|two|three|four|five|six|eight|nine|ten|twelve|next)\b", _I)
_HEAD_END = quick(r"[,;(]|\bsooner\b|\bor\b|\bif\b|\bthen\b|\bprn\b|\bas needed\b", _I)
_FILLER = re.compile(
    r"\b(?:return(?:ing)?|rtc|follow(?:ing)?|up|f/u|fu|see|seen|review|visit"
    r"|appointment|appt|again|clinic|office|here|back|to|with|in|within|after|about|around"
    r"|approximately|approx|for|a|an|the|next|me|us|you|him|her|them|i|we|he|she|they|will"
    r"|and|happy|glad|pleased"
    r"|would|like|plan|planned|to|should|patient|pt|schedule|scheduled|routine|regular|our"
    r"|this|be|please|return|rtc|my|\d+|one|two|three|four|five|six|eight|nine|ten|twelve"
    r"|days?|wks?|weeks?|mos?|months?|yrs?|years?|d|w|m|y)\b|[~:./-]",
    _I,
)


def is_bare_return(text: str) -> bool:
    """True when a follow-up says only that the patient comes back and when, not to whom."""
    cut = _HEAD_END.search(text)
    head = text[: cut.start()] if cut else text
    if not (_COMES_BACK.search(head) and _WHEN.search(head)):
        return False
    return not re.sub(r"[\s,.]+", "", _FILLER.sub(" ", head))


# The note's own team going on seeing the patient, with no one named: "Will follow daily", "We
# will continue to follow along" (never "Pharmacy will follow daily").
_TEAM_FOLLOWS = re.compile(
    r"\s*(?:(?:we|I)\s+)?will\s+(?:continue\s+to\s+)?follow\s+(?:along|daily)\b", _I
)


def with_service(plans: list[Plan], service: NoteService | None) -> list[Plan]:
    """Each bare return visit of the note's plans, and its team's own following, given the
    note's service."""
    if service is None:
        return plans
    return [
        plan.model_copy(update={"service": service.name})
        if plan.kind is PlanKind.FOLLOW_UP
        and (is_bare_return(plan.text) or _TEAM_FOLLOWS.match(plan.text))
        else plan
        for plan in plans
    ]
