"""The kind of visit a note documents, from weighted cue phrases, or as the client said."""

import re
from collections import defaultdict
from dataclasses import dataclass

from carechart.notes.nlp.document import Document
from carechart.notes.nlp.note_title import find_title
from carechart.notes.nlp.schemas import NoteType, NoteTypeResult, SectionName
from carechart.notes.nlp.text import fold

_T = NoteType
_I = re.IGNORECASE
_VACCINE = r"(?:flu|influenza|covid(?:-19)?|tdap|td|pneumococcal|shingles|zoster|hpv|mmr|varicella)"
_VACCINE += r"|hep(?:atitis)? [ab]|rsv|meningococcal|polio"


@dataclass(frozen=True, slots=True)
class _CueRule:
    note_type: NoteType
    weight: float
    # The pattern runs only when one of these lower-case words is in the note: most notes hold
    # few of them, and a substring test is far cheaper than a regular expression.
    keys: tuple[str, ...]
    pattern: re.Pattern[str]


def _rule(note_type: NoteType, weight: float, keys: str, pattern: str, flags: int = _I) -> _CueRule:
    return _CueRule(note_type, weight, tuple(keys.split()), re.compile(pattern, flags))


# "PT" stays case-sensitive: "Pt" is the patient, "PT" the therapy.
_CUES: list[_CueRule] = [
    _rule(_T.ADMISSION, 3, "admission", r"\badmission (?:h\s*&\s*p|history and physical|note)\b"),
    _rule(_T.ADMISSION, 2, "physical &", r"\bhistory (?:and|&) physical\b|\bh\s*&\s*p\b"),
    _rule(_T.ADMISSION, 2, "admi", r"\breason for admission\b|\badmitting diagnosis\b"),
    _rule(_T.ADMISSION, 1, "admi", r"\badmi(?:tted|t|ssion date|ssion)\b|\bdate of admission\b"),
    _rule(_T.PROGRESS, 3, "progress", r"\b(?:daily )?progress note\b"),
    _rule(
        _T.PROGRESS,
        2,
        "day hd interval",
        r"\bhospital day\b|\bHD\s*#?\s*\d+|\binterval (?:history|events)\b",
    ),
    _rule(_T.PROGRESS, 1.5, "overnight events", r"\bovernight\b|\b24[- ]?(?:hour|hr|h) events\b"),
    _rule(_T.FOLLOW_UP, 2, "follow", r"\bfollow[- ]?up (?:visit|appointment)\b"),
    _rule(
        _T.FOLLOW_UP,
        2,
        "return",
        r"\breturns? (?:for|today for) (?:[\w-]+ ){0,3}(?:follow[- ]?up|f/u)\b",
    ),
    _rule(_T.FOLLOW_UP, 0.5, "follow f/u", r"\bfollow[- ]?up\b|\bf/u\b"),
    _rule(
        _T.ANNUAL_PHYSICAL,
        3,
        "annual",
        r"\bannual (?:physical|exam|health exam|wellness|check-?up)",
    ),
    _rule(
        _T.ANNUAL_PHYSICAL,
        3,
        "well routine",
        r"\bwell(?:ness)? (?:visit|exam|check)|\broutine physical",
    ),
    _rule(
        _T.ANNUAL_PHYSICAL,
        2,
        "preventive maintenance",
        r"\bpreventive (?:visit|exam|care)|\bhealth maintenance",
    ),
    _rule(
        _T.IMMUNIZATION,
        3,
        "vacc shot immuni booster",
        rf"\b(?:{_VACCINE})[ -](?:vaccin\w*|shots?|immuni[sz]ation|booster)",
    ),
    _rule(_T.IMMUNIZATION, 2, "immuni vaccination", r"\bimmuni[sz]ations?\b|\bvaccinations?\b"),
    _rule(
        _T.IMMUNIZATION,
        2,
        "vaccine vis lot",
        r"\bvaccines? (?:administered|given)\b|\bVIS\b|\blot\s*#",
    ),
    _rule(
        _T.PROCEDURE, 3, "procedure operative", r"\bprocedure note\b|\boperative (?:note|report)\b"
    ),
    _rule(
        _T.PROCEDURE,
        2,
        "procedure operation",
        r"^\s*(?:procedure(?: performed)?|operation):",
        _I | re.M,
    ),
    _rule(
        _T.PROCEDURE,
        1.5,
        "consent time ebl",
        r"\bconsent (?:was )?obtained\b|\btime[- ]?out\b|\bEBL\b",
    ),
    _rule(
        _T.PROCEDURE,
        1.5,
        "blood sterile",
        r"\bestimated blood loss\b|\bsterile (?:fashion|technique)\b",
    ),
    _rule(
        _T.PROCEDURE,
        1,
        "specimen complication indication",
        r"\bspecimens?:|\bcomplications?:|\bindications?:",
    ),
    _rule(_T.POST_OPERATIVE, 2, "post", r"\bpost[- ]?(?:op(?:erative)?|surgical)\b(?! diagnos)"),
    _rule(_T.POST_OPERATIVE, 2, "pod post", r"\bPOD\s*#?\s*\d+|\bpost[- ]?op(?:erative)? day\b"),
    _rule(
        _T.POST_OPERATIVE,
        1,
        "suture staple surgical portal",
        r"\bsutures?\b|\bstaples\b|\bsurgical site\b|\bportals?\b",
    ),
    _rule(_T.PHYSICAL_THERAPY, 3, "therap", r"\bphysical therap(?:y|ist)\b"),
    _rule(
        _T.PHYSICAL_THERAPY,
        2,
        "pt",
        r"\bPT (?:appt|appointment|sessions?|eval\w*|visit|program|regimen)",
        0,
    ),
    _rule(
        _T.PHYSICAL_THERAPY,
        2,
        "dpt exercise gait",
        r"\bDPT\b|\bhome exercise program\b|\bgait training\b",
        0,
    ),
    _rule(
        _T.PHYSICAL_THERAPY,
        1,
        "exercise strengthening",
        r"\btherapeutic exercises?\b|\bstrengthening\b",
    ),
    _rule(_T.CONSULT, 3, "reason", r"\breason for (?:consult(?:ation)?|referral)\b"),
    _rule(
        _T.CONSULT,
        2,
        "requesting referring referred",
        r"\b(?:requesting|referring) (?:physician|provider|service|doctor|clinician)\b"
        r"|\breferred by\s*:",
    ),
    _rule(
        _T.CONSULT, 2, "asked thank", r"\basked to (?:see|evaluate)\b|\bthank you for (?:this|the) "
    ),
    _rule(_T.CONSULT, 1.5, "consult", r"\bconsult(?:ation)?\b"),
    # A specialist's first visit says who sent the patient, and why: "referred by Dr. Osei for
    # evaluation of", "is referred to allergy clinic for", "presents for evaluation of".
    _rule(
        _T.CONSULT,
        2,
        "referred",
        r"\breferred (?:by (?:dr\.\s*)?[^.,;:\n]{1,40}? )?(?:for (?:evaluation|consultation|"
        r"assessment|an? (?:opinion|evaluation))|here\b|to (?:this|our|the|\w+) (?:\w+ )?"
        r"(?:clinic|office|service)\b)",
    ),
    _rule(
        _T.CONSULT,
        1,
        "presents evaluation",
        r"\bpresents? (?:today )?for (?:an? )?(?:initial |new |further )?evaluation of\b",
    ),
    _rule(_T.CONSULT, 2, "new patient", r"\bnew patient (?:visit|evaluation|consultation)\b"),
    _rule(_T.DISCHARGE, 4, "discharge", r"\bdischarge summary\b"),
    _rule(
        _T.DISCHARGE,
        2,
        "discharge course",
        r"\bdischarge (?:diagnos[ie]s|date)\b|\bdate of discharge\b|\bhospital course\b",
    ),
    # ED and clinic notes list discharge medications and instructions too.
    _rule(_T.DISCHARGE, 1, "discharge", r"\bdischarge (?:medications?|condition)\b"),
    _rule(_T.DISCHARGE, 0.5, "discharge", r"\bdischarged (?:home|to)\b"),
    _rule(
        _T.EMERGENCY,
        3,
        "emergency ed er course",
        r"\b(?:emergency department|emergency room|ED|ER) course\b"
        r"|\bcourse in the (?:emergency department|ED|ER)\b",
    ),
    _rule(
        _T.EMERGENCY,
        2,
        "triage esi",
        r"\btriage (?:vital signs|vitals|note|nurse|acuity|assessment)\b|\bESI(?: level)? ?[1-5]\b",
    ),
    _rule(
        _T.EMERGENCY,
        1,
        "emergency ed er",
        r"\b(?:presents?|presented|brought|arrive[sd]?|comes|came)(?: in)?(?: by ems)? to the"
        r" (?:emergency department|emergency room|ED|ER)\b",
    ),
    _rule(
        _T.CONSULT,
        3,
        "thank referring",
        r"\bthank you for (?:referring|asking me to see|the kind referral|your referral)\b",
    ),
    _rule(
        _T.FOLLOW_UP,
        2,
        "reviewed",
        r"\b(?:reviewed|saw) (?:\w+ ){1,3}(?:again )?in (?:the )?clinic\b",
    ),
]
# Where a cue sits matters: the title and the reason for the visit say what the visit is; the
# plan mostly talks about later visits.
# A visit of another kind named in the story ("completed physical therapy in 2020", "at her
# annual wellness visit") says nothing of this one: these count at the head of the note only.
_OPENING_ONLY = frozenset({_T.IMMUNIZATION, _T.PHYSICAL_THERAPY, _T.ANNUAL_PHYSICAL})
_PAST_VISIT = re.compile(
    r"\b(?:at|during|since|after|from|last|previous|prior|recent|completed|had)\b[^.;:]{0,25}$", _I
)
# Where a note says why the patient came.
_OPENING = (SectionName.SUBJECTIVE, SectionName.CHIEF_COMPLAINT, SectionName.PRESENT_ILLNESS)
_REGION_WEIGHT = {SectionName.HEADER: 3.0, SectionName.ASSESSMENT: 1.5, SectionName.PLAN: 0.5}
_REGION_WEIGHT |= {SectionName.DIAGNOSES: 1.5, SectionName.PRESCRIPTIONS: 0.5}
_OPENING_WEIGHT = 2.0
_HEAD_CHARS = 400
_MIN_SCORE = 1.0
_TITLE_CONFIDENCE = 0.9
_FORMAT_CONFIDENCE = 0.5

_TYPE_VALUES = frozenset(t.value for t in NoteType)
_CLIENT_ALIASES = {
    "followup": _T.FOLLOW_UP,
    "f/u": _T.FOLLOW_UP,
    "h&p": _T.ADMISSION,
    "hp": _T.ADMISSION,
    "history_and_physical": _T.ADMISSION,
    "admission_note": _T.ADMISSION,
    "progress_note": _T.PROGRESS,
    "daily_progress": _T.PROGRESS,
    "discharge_summary": _T.DISCHARGE,
    "consultation": _T.CONSULT,
    "consult_note": _T.CONSULT,
    "procedure_note": _T.PROCEDURE,
    "operative_note": _T.PROCEDURE,
    "op_note": _T.PROCEDURE,
    "postop": _T.POST_OPERATIVE,
    "post_op": _T.POST_OPERATIVE,
    "postoperative": _T.POST_OPERATIVE,
    "pt": _T.PHYSICAL_THERAPY,
    "physical_therapy_note": _T.PHYSICAL_THERAPY,
    "vaccine": _T.IMMUNIZATION,
    "vaccination": _T.IMMUNIZATION,
    "immunisation": _T.IMMUNIZATION,
    "physical": _T.ANNUAL_PHYSICAL,
    "annual": _T.ANNUAL_PHYSICAL,
    "wellness": _T.ANNUAL_PHYSICAL,
}


@dataclass(frozen=True, slots=True)
class _Cue:
    note_type: NoteType
    score: float
    start: int
    text: str


def _cues(doc: Document) -> list[_Cue]:
    opening = _opening_end(doc)
    lowered = fold(doc.text)
    found: list[_Cue] = []
    for rule in _CUES:
        if not any(key in lowered for key in rule.keys):
            continue
        for match in rule.pattern.finditer(doc.text):
            region = doc.section_name_at(match.start())
            if rule.note_type in _OPENING_ONLY and not _at_head(doc, match, region, opening):
                continue
            factor = _REGION_WEIGHT.get(region, 1.0)
            if match.start() < opening:
                factor = max(factor, _OPENING_WEIGHT)
            found.append(
                _Cue(rule.note_type, rule.weight * factor, match.start(), match.group().strip())
            )
    return found


def _at_head(doc: Document, match: re.Match[str], region: SectionName, opening: int) -> bool:
    """True when a cue states the reason for this visit: the header or the opening sentence."""
    if _PAST_VISIT.search(doc.text, max(0, match.start() - 40), match.start()):
        return False
    if region is SectionName.HEADER:
        return match.start() < _HEAD_CHARS
    return region in _OPENING and match.start() < opening


def _opening_end(doc: Document) -> int:
    """End of the first sentence of the subjective: the reason for the visit."""
    first = next(doc.in_sections(*_OPENING), None)
    return first.seg.end if first else 0


def classify(doc: Document) -> tuple[NoteType, float, list[str]]:
    """The type, a confidence in 0..1 and the cues that voted for it.

    A document that states its kind in its title ("Discharge Summary", "ED Provider Note") is
    that kind; the words of the narrative (a vaccine in the review of systems, "sutures" in an
    operative report) only decide for documents without one.
    """
    title = find_title(doc)
    cues = _cues(doc)
    if title is not None and title.specific:
        return title.note_type, _TITLE_CONFIDENCE, _with_title(title.text, cues, title.note_type)
    scores: dict[NoteType, float] = defaultdict(float)
    for cue in cues:
        scores[cue.note_type] += cue.score
    if title is not None:
        # A clinic's own title ("Progress Note - Office Visit") says it is no inpatient day.
        scores.pop(NoteType.PROGRESS, None)
    if not scores or max(scores.values()) < _MIN_SCORE:
        if title is not None:
            return title.note_type, _FORMAT_CONFIDENCE, [title.text]
        return NoteType.OTHER, 0.0, []
    # Ties go to the type listed first in NoteType, so the answer is deterministic.
    order = list(NoteType)
    best = max(scores, key=lambda t: (scores[t], -order.index(t)))
    confidence = round(scores[best] / (sum(scores.values()) + 1.0), 2)
    return best, confidence, _cue_texts([c for c in cues if c.note_type is best])


def _with_title(title: str, cues: list[_Cue], kind: NoteType) -> list[str]:
    texts = _cue_texts([c for c in cues if c.note_type is kind])
    return [title, *(t for t in texts if t.lower() != title.lower())]


def _cue_texts(cues: list[_Cue]) -> list[str]:
    """Distinct cue strings in text order; a cue inside a longer one is not repeated."""
    kept: list[_Cue] = []
    for cue in sorted(cues, key=lambda c: (c.start, -len(c.text))):
        if kept and cue.start < kept[-1].start + len(kept[-1].text):
            continue
        kept.append(cue)
    texts = {c.text.lower(): c.text for c in reversed(kept)}
    return [texts[key] for key in dict.fromkeys(c.text.lower() for c in kept)]


def client_type(value: str | None) -> NoteType | None:
    """The client's note type in any common spelling, or None when it names no known type."""
    if value is None:
        return None
    key = "_".join(value.strip().lower().replace("-", " ").split())
    if key in _TYPE_VALUES:
        return NoteType(key)
    return _CLIENT_ALIASES.get(key) or _CLIENT_ALIASES.get(key.replace("_", ""))


def note_type(doc: Document, client_note_type: str | None) -> tuple[NoteTypeResult, list[str]]:
    """The result stored with the note, plus any warning about the client's value."""
    value, confidence, cues = classify(doc)
    warnings: list[str] = []
    chosen = client_type(client_note_type)
    if client_note_type is not None and chosen is None:
        warnings.append("client note type not recognised; the classifier's type is used")
    result = NoteTypeResult(
        value=chosen or value,
        confidence=1.0 if chosen else confidence,
        cues=cues,
        source="client" if chosen else "classifier",
        classifier_value=value,
        classifier_confidence=confidence,
    )
    return result, warnings
