"""What a drug's place says of it when its words say nothing: the kind of section it stands in
and the kind of document (issue 11).

A careful reader of "Treated at urgent care with prednisone" in a history, of "BPH -
tamsulosin." in an assessment, or of "- Bacitracin ointment to the nostril twice daily" in a
plan knows what happens to the drug without a verb saying so: the history tells of the past
(or, in the note of a stay, of the doses given on arrival), a problem entry names what manages
the problem, and a plan entry that writes a sig out orders it. `unknown` stays only where the
place says nothing either.
"""

import re
from dataclasses import dataclass

from carechart.notes.nlp.problems import names_condition
from carechart.notes.nlp.schemas import MedicationStatus, NoteType, SectionName

_S = MedicationStatus
_N = SectionName
_T = NoteType

# Where a note tells the story that led to this encounter.
_NARRATIVE = {
    _N.PRESENT_ILLNESS,
    _N.SUBJECTIVE,
    _N.CHIEF_COMPLAINT,
    _N.HISTORY,
    _N.SURGICAL_HISTORY,
}
_PLANS = {_N.PLAN, _N.ASSESSMENT_AND_PLAN, _N.INSTRUCTIONS, _N.DISPOSITION}
# Documents of an encounter that began in the ED, the admission or the room: their history
# tells the doses of this encounter ("In the ED she received ..."). A clinic note's history
# tells of an earlier visit instead ("Seen in the ED 11/2, got DuoNebs there").
_ENCOUNTER_DOCUMENTS = {_T.EMERGENCY, _T.ADMISSION, _T.PROCEDURE, _T.DISCHARGE, _T.PROGRESS}
_ARRIVAL = re.compile(
    r"\b(?:in|at|to) (?:the |our )?(?:ED|ER|emergency (?:department|room)|triage|trauma bay)\b"
    r"|\b(?:by|per) EMS\b|\bEMS (?:gave|administered)\b|\ben route\b|\bpre-?hospital\b"
    r"|\bin (?:the )?ambulance\b|\bin ED\b"
    r"|\bon (?:arrival|presentation)\b|\b(?:morning|day) of (?:the )?(?:surgery|procedure"
    r"|operation)\b|\bpre-?op(?:erative)? (?:holding|area|bay)\b|\bin (?:pre-?op|holding)\b",
    re.I,
)
# The night just gone of a stay: "Overnight she required hydromorphone 0.5 mg IV x2".
_OVERNIGHT = re.compile(r"\bovernight\b", re.I)
# A dose by a route only a hospital or a clinic gives: "1 mg IM", "2 g IV x1", "IV push".
_PARENTERAL = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:mg|mcg|g|units?|meq|mmol|ml)\s+(?:IV|IM|IVP|IV push|IO)\b", re.I
)
# Placed well before a stay whose own days the story may date: "2 years ago", "in 2023".
_LONG_AGO = re.compile(
    r"\bago\b|\blast (?:week|month|year)\b|\b(?:19|20)\d\d\b|\bin the past\b|\bpreviously\b"
    r"|\bprior (?:admission|hospitali[sz]ation|visit|stay)\b",
    re.I,
)
# Said of this visit: "given in clinic today", "received here this morning".
_THIS_VISIT = re.compile(
    r"\b(?:today|tonight|this (?:morning|afternoon|evening|visit)|in (?:the )?(?:clinic|office)"
    r"|at this visit|here)\b",
    re.I,
)
# A date or a time ago that places a visit before this one.
_DATED = re.compile(
    r"\b\d{1,2}/\d{1,2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d"
    r"|\bago\b|\blast (?:week|month|year)\b|\b(?:19|20)\d\d\b",
    re.I,
)
# The history told in the present of its use: "now uses", "takes", "BP well controlled with
# amlodipine". A bare copula is not use: "rash is thought to be due to amoxicillin", "she is
# worried about metformin".
_PRESENT = re.compile(
    r"\b(?:currently|now|still|presently|controlled (?:on|with)"
    r"|continues|takes|uses|needs|requires|gets|applies|inhales|injects|rarely|occasionally"
    r"|sometimes|usually)\b",
    re.I,
)
_PAST = re.compile(
    r"\b(?:was|were|had|ago|previously|prior|last (?:week|month|year|spring|summer|fall|winter)"
    r"|(?:19|20)\d\d|course|treated|tried|failed|completed|finished|made (?:him|her|them))\b",
    re.I,
)
# A problem entry of an assessment that names what manages it: "7. BPH - tamsulosin.",
# "OA: Tylenol PRN only", "# Hypothyroidism -- levothyroxine 50 mcg daily".
# The head must name a condition: "Declined: X", "Options: X", "Pending insurance: X" are no
# problems, and their drugs are not managing one. The blanks before the head are taken whole: a
# line indented by thousands had as many squared ways to split them.
_PROBLEM_ENTRY = re.compile(
    r"[ \t]*+(?:#|\d{1,2}[.)]|[-*\u2022])?[ \t]*+(?P<head>[A-Za-z][^:\n.;,]{1,60}?)"
    r"(?:[ \t]+[-\u2013]{1,2}[ \t]+|:[ \t]*)$"
)
# The head of a plan entry that is no problem but says what became of its drugs: "Declined:
# atorvastatin", "Options - sertraline", "Pending insurance: Ozempic" (not begun); "Ineffective -
# gabapentin", "Failed: amitriptyline" (tried before). "Awaiting prior auth" is not begun.
_HEAD_STATUS: list[tuple[MedicationStatus, re.Pattern[str]]] = [
    (
        _S.PROPOSED,
        re.compile(
            r"\b(?:declined|declines|refused|refuses|deferred|not started|options?|alternatives?"
            r"|consider(?:ed)?|discussed|offered|recommended|suggested|pending|awaiting"
            r"|future|if needed)\b",
            re.I,
        ),
    ),
    (
        _S.HISTORICAL,
        re.compile(
            r"\b(?:ineffective|failed|tried|not tolerated|intoleran\w*|previous(?:ly)?|prior"
            r"|past)\b",
            re.I,
        ),
    ),
]
# A plan entry opened by the drug: "- Bacitracin ointment ...", "2) Oxaliplatin 85 mg/m2 ...".
_ENTRY_OPENING = re.compile(r"[ \t]*(?:[-*\u2022>]|\d{1,2}[.)])?[ \t]*$")


@dataclass(frozen=True, slots=True)
class Place:
    """Where the deciding mention of a drug stands."""

    section: SectionName
    document: NoteType | None
    sentence: str  # the sentence that names the drug
    before: str  # the sentence before it: "In the ED: K 6.4. Received calcium gluconate ..."
    line_before: str  # the name's line up to the name
    alone: bool  # the name is its entry's only words ("P: Aspirin")
    dosed: bool  # a dose or a route written after the name
    how_often: bool  # how often written after the name
    # The note names a hospital stay ("inpatient", "MAR", "ICU"): a consult written during one.
    of_a_stay: bool = False
    # The note writes out the drugs the patient takes, and this one is not among them.
    off_the_list: bool = False


def placed_status(place: Place) -> MedicationStatus:
    """The status a drug's place gives it when nothing said of it does; `unknown` when the place
    says nothing either."""
    if place.section in _NARRATIVE:
        return _told(place)
    if place.section in _PLANS:
        return _planned(place)
    if place.how_often and _ENTRY_OPENING.fullmatch(place.line_before):
        return _S.CONTINUED  # "- MULTIVITAMIN DAILY" on a list of any other heading
    if place.section in _UNTITLED and place.document in _ROOM_DOCUMENTS and place.dosed:
        # "Radial cocktail: verapamil 2.5 mg + nitroglycerin 200 mcg intra-arterial",
        # "Glycopyrrolate 0.2 mg IV to reduce secretions" in the account of a procedure or of
        # an ED visit: a single dose, no frequency, given there.
        return _S.UNKNOWN if place.how_often else _S.GIVEN
    if place.section in _UNTITLED and _in_use_now(place.sentence):
        # A message, a call or a visit written without headings: "Donepezil now taken in the
        # morning", "used albuterol twice this month".
        return _S.CONTINUED
    return _S.UNKNOWN


def told_dose(place: Place) -> MedicationStatus:
    """A dose the history of a clinic's document tells of ("treated with Augmentin", "got
    DuoNebs there") was given at an earlier episode; the history of a stay's or a procedure's
    document, or one said of this visit, tells a dose of this encounter."""
    if place.section not in _NARRATIVE or place.document is None:
        return _S.GIVEN
    if place.document in _ENCOUNTER_DOCUMENTS:
        return _S.GIVEN
    if _of_this_encounter(place) and not _LONG_AGO.search(place.sentence):
        return _S.GIVEN  # a consult's story of the stay it was asked during
    if _THIS_VISIT.search(place.sentence):
        return _S.GIVEN
    # "In ED: K 6.4. Received calcium gluconate": the arrival of the stay a consult is part
    # of; "Seen in the ED 11/2. Got DuoNebs there": an earlier visit, dated.
    if _arrival(place) and not _DATED.search(place.sentence + " " + place.before):
        return _S.GIVEN
    return _S.HISTORICAL


# Documents that tell what was given where they were written: the procedure, the ED.
_ROOM_DOCUMENTS = {_T.PROCEDURE, _T.EMERGENCY}
# The text before any heading, or under one the note does not name.
_UNTITLED = {_N.HEADER, _N.OTHER}
# Use in the present time, besides the present tense: "twice this month", "being taken".
_USE_NOW = re.compile(
    r"\b(?:(?:used|needed|took|taken)\b[^.;\n]{0,30}\bthis (?:week|month)|being taken"
    r"|(?:now|still) (?:taken|used|taking|using|on))\b",
    re.I,
)


def _in_use_now(sentence: str) -> bool:
    present = _PRESENT.search(sentence) or _USE_NOW.search(sentence)
    return present is not None and not _PAST.search(sentence)


def _told(place: Place) -> MedicationStatus:
    """A drug of the history: a dose of the arrival in the note of a stay or a procedure, one
    still taken when the history speaks in the present, else a drug of the past."""
    sentence = place.sentence
    if _of_this_encounter(place) and (
        _arrival(place) or _OVERNIGHT.search(sentence) or _parenteral_dose(sentence)
    ):
        return _S.GIVEN
    if _PRESENT.search(sentence) and not _PAST.search(sentence):
        return _S.CONTINUED
    return _S.HISTORICAL


def _of_this_encounter(place: Place) -> bool:
    """The history tells of the encounter the note is part of: an ED visit, an admission, a
    procedure, or a consult asked for during a stay ("Overnight she required hydromorphone
    0.5 mg IV x2", "Treated in ED with calcium gluconate" in an inpatient consult)."""
    if place.document in _ENCOUNTER_DOCUMENTS:
        return True
    return place.document is _T.CONSULT and place.of_a_stay


def _parenteral_dose(sentence: str) -> bool:
    """A dose by a hospital's route told undated: "resolved within 20 minutes of benztropine
    1 mg IM": in the story of a stay, a dose of that stay."""
    return _PARENTERAL.search(sentence) is not None and not _LONG_AGO.search(sentence)


def _arrival(place: Place) -> bool:
    """The sentence, or the one that opens its paragraph of the story, is of the arrival."""
    return bool(_ARRIVAL.search(place.sentence) or _ARRIVAL.search(place.before))


def _planned(place: Place) -> MedicationStatus:
    """A drug of the plan: the treatment of a problem entry goes on; a written-out order is a
    start; a drug the plan names without ordering it is one it puts forward."""
    entry = _PROBLEM_ENTRY.fullmatch(place.line_before)
    if entry is not None:
        if names_condition(entry["head"]):
            # "Tinea pedis - clotrimazole 1% cream BID" in a note whose medication list lacks
            # clotrimazole: an order written out for a drug not taken before is a start. Without
            # a list ("HTN - lisinopril 10 mg daily"), the entry names the problem's treatment.
            if place.off_the_list and place.how_often:
                return _S.STARTED
            return _S.CONTINUED
        told = next((st for st, words in _HEAD_STATUS if words.search(entry["head"])), None)
        if told is not None:
            return told
    if place.alone:
        return _S.UNKNOWN  # "P: Aspirin": a name and nothing else
    opens_entry = _ENTRY_OPENING.fullmatch(place.line_before) is not None
    if place.how_often or (opens_entry and place.dosed):
        return _S.STARTED
    return _S.PROPOSED
