"""The parts of a section that say how its drugs are read: a discharge medication list, a plan,
the procedure, the course of a stay, as the nearest heading opens them.

Real documents run many headings into what the sectionizer sees as one section: capitals on a
line of their own (`POSTOPERATIVE PLAN:`), or an export that joins them with commas
(`...stable.,DISCHARGE MEDICATIONS:,1.  Prednisone ...`). A drug's status depends on which of
them it is under, so each section is cut again at such headings, in one pass over its text.
"""

import re

from carechart.notes.nlp.medication_status import LABEL_CUE
from carechart.notes.nlp.scanning import quick
from carechart.notes.nlp.schemas import SectionName
from carechart.notes.nlp.sections import FoundSection
from carechart.notes.nlp.text import Seg, trim

_N = SectionName
# A heading: a label at the start of a line, or in capitals after an export's ".," or ":,";
# then its colon. A line-start label in mixed case is a heading only when its kind is known.
_LABEL = re.compile(
    r"(?:^[ \t]*|(?<=[.:;,)]),[ \t]*)(?P<label>[A-Za-z][A-Za-z /&'()-]{1,58}?)[ \t]*:"
    r"(?=[ \t,]|$)"
    # A heading with a remark too long for a label: "HOME MEDICATIONS (verified with patient
    # and pharmacy fill history):".
    r"|^[ \t]*(?P<remarked>[A-Za-z][A-Za-z /&'-]{1,58}?[ \t]*\([^()\n]{20,100}\))[ \t]*:[ \t]*$"
    # An export's heading in capitals after any comma: "...03/05/2024,HOSPITAL COURSE:,".
    r"|,[ \t]*(?P<caps>[A-Z][A-Z/&'()-]+(?:[ \t]+[A-Z/&'()-]+)*):(?=,)"
    # A line of capitals alone: "DISCHARGE MEDICATION INSTRUCTIONS (as printed for patient)".
    # "YOUR MEDICATION LIST - What to take after you leave the hospital".
    r"|^[ \t]*(?P<line>[A-Z][A-Z/&'-]+(?:[ \t]+[A-Z/&'-]+)+"
    r"(?:[ \t]*\([^)\n]{0,40}\)|[ \t]+[-\u2013][ \t]+[^\n]{1,60})?)[ \t]*$"
    # One word of a medication list in capitals with its aside and no colon: "PREMEDICATIONS
    # (given 0915-0945)", "MEDICATIONS (per patient)". Other single words may be drugs.
    r"|^[ \t]*(?P<single>(?:PRE-?)?(?:MEDICATIONS?|MEDS)[ \t]*\([^)\n]{1,40}\))[ \t]*$",
    re.M,
)
_MEDICATION_LIST = r"(?:medications?|meds|medicines)"
# Label -> the section kind it opens, first match wins. Status labels of a list ("NEW
# medications:", "STOP taking:") are not headings: the list reads them itself.
_KINDS: list[tuple[re.Pattern[str], SectionName]] = [
    (
        re.compile(
            rf"\bdischarge\b.*\b(?:{_MEDICATION_LIST}|prescriptions|rx)\b"
            rf"|\b(?:{_MEDICATION_LIST}|medication list)\b.*\b(?:discharge|(?:you )?leave"
            r"|going home|go home)\b"
            rf"|^take[- ]home {_MEDICATION_LIST}$",
            re.I,
        ),
        _N.DISCHARGE_MEDICATIONS,
    ),
    (
        re.compile(
            # "PRE-PROCEDURE MEDICATIONS (home)" of a cath report: the patient's list, as the
            # inline "Pre-procedure meds:" is.
            rf"^(?:(?:current|home|admission|admitting|outpatient|active|chronic|pre-?op(?:erative)?"
            r"|pre-?procedur(?:e|al)|prior to admission|usual) )?"
            rf"(?:outpatient )?{_MEDICATION_LIST}"
            r"(?: (?:on|at|prior to) admission| at home| prior to admission| on arrival"
            # "MEDICATIONS AT START OF VISIT (brown-bag review):", "Medications on arrival:".
            r"| at (?:the )?start of (?:the )?(?:visit|appointment|encounter))?$",
            re.I,
        ),
        _N.MEDICATIONS,
    ),
    (re.compile(r"^(?:drug |medication )?allerg(?:y|ies)\b", re.I), _N.ALLERGIES),
    (
        re.compile(
            r"\bplan$|^plan\b|recommendations?$|^disposition$|^follow[- ]?ups?\b|instructions$"
            # "Post-op:", "POSTOPERATIVE ORDERS:" in a procedure's text: what comes after it.
            r"|^post-?(?:op|operative(?:ly)?|procedure|procedural)(?: (?:care|orders|plan))?$"
            r"|^orders$|^treatment$",
            re.I,
        ),
        _N.PLAN,
    ),
    (
        re.compile(
            r"^(?:procedure|operation) in detail$|^(?:description|details?) of (?:the )?"
            r"(?:procedure|operation)$|^(?:operative|surgical) (?:procedure|technique|description"
            r"|narrative)$|^technique$|^procedure note$|^an(?:a)?esthesia$|^procedures? performed$"
            r"|^operations? performed$",
            re.I,
        ),
        _N.PROCEDURE,
    ),
    (
        re.compile(
            r"^(?:brief )?hospital course$|^(?:ed|er|emergency department|emergency room"
            r"|urgent care|clinical|hospital) course\b|^medical decision[- ]making\b|^mdm$",
            re.I,
        ),
        _N.HOSPITAL_COURSE,
    ),
    (
        re.compile(
            r"^history of (?:the )?present illness$|^hpi$|^indications?(?: for (?:the )?"
            r"(?:procedure|operation|surgery))?$|^chief complaint$|^reason for \w+$"
            r"|^interval history$",
            re.I,
        ),
        _N.PRESENT_ILLNESS,
    ),
    (re.compile(r"^past (?:medical |surgical )?history$|^pmh$", re.I), _N.HISTORY),
    (
        re.compile(
            rf"^(?:(?:past|prior|previous|failed|tried) (?:psychiatric )?{_MEDICATION_LIST}"
            rf"(?: trials)?|(?:past |prior |previous )?(?:psychiatric )?(?:medication|drug)"
            r" trials|(?:medications? )?tried (?:before|previously))$",
            re.I,
        ),
        _N.HISTORY,
    ),
    (re.compile(r"^family history$", re.I), _N.FAMILY_HISTORY),
    (re.compile(r"^social history$", re.I), _N.SOCIAL_HISTORY),
    (re.compile(r"diagnos[ie]s$|^impression$|^assessment$", re.I), _N.DIAGNOSES),
    (
        re.compile(r"exam(?:ination)?$|^vital signs$|^vitals$|labs?$|^results$|^laboratory", re.I),
        _N.OBJECTIVE,
    ),
]


_PARENTHESIS = re.compile(r"\([^)]*\)")
# Lists of what was given in the room or the ED: `medications._inline_lists` reads them.
# "PREOPERATIVE MEDICATIONS: tropicamide 1% ... x3" lists drops given before the operation;
# "Preoperative medications (home)" is the patient's list.
GIVEN_LIST = quick(
    r"intra|given|administered|received|\bed\b|emergency|sedation|an(?:a)?esthesia|pre-?med"
    r"|pre-?op(?:erative)?\b(?!.*\bhome\b)"
    # "Treatment in clinic:", "Meds in office", "In-clinic treatment": given at this visit.
    r"|\bin[ -](?:the )?(?:clinic|office|urgent care)\b",
    re.I,
)
_ANY_LIST = re.compile(rf"\b{_MEDICATION_LIST}\b", re.I)
_GIVEN_LIST_WORD = re.compile(rf"\b(?:{_MEDICATION_LIST}|drugs|agents|treatments?)\b", re.I)


def names_given_list(heading: str) -> bool:
    """ "Medications (intra-procedure)", "SEDATION/MEDICATIONS ADMINISTERED", "Meds given in the
    ED": a heading of a list of what was given at this encounter, not what the patient takes."""
    return bool(GIVEN_LIST.search(heading) and _GIVEN_LIST_WORD.search(heading))


def _kind(label: str) -> SectionName | None:
    if names_given_list(label):
        return None  # "Medications (intra-procedure):": `medications` reads it as a list
    key = " ".join(_PARENTHESIS.sub(" ", label).split()).strip(" .")
    for pattern, name in _KINDS:
        if pattern.search(key):
            return name
    if LABEL_CUE.search(key):
        return None  # "NEW:", "STOP taking:": the list reads its own status labels
    # Any other heading in capitals, or another list ("Inpatient meds:"), closes the part
    # before it ("IMPLANTS:", "CONDITION AT DISCHARGE:").
    if (key.isupper() and len(key) > 2) or _ANY_LIST.search(key):
        return _N.OTHER
    return None


def regions(text: str, section: FoundSection) -> list[FoundSection]:
    """The section cut at the headings inside it: the part before the first keeps the section's
    own kind; each later part takes its heading's kind."""
    content = section.content
    cuts: list[tuple[int, int, SectionName, str]] = []
    for match in _LABEL.finditer(text, content.start, content.end):
        group = next(g for g in ("label", "caps", "line", "remarked", "single") if match[g])
        if match.start(group) == content.start:
            continue  # the section's own heading, when the sectionizer left it in
        name = _kind(match[group])
        if name is None and group == "single":
            # No colon for an inline list to open at: the part is cut here, its heading read
            # by `medications` ("PREMEDICATIONS (given ...)" is a list of doses given).
            name = _N.OTHER
        if name is not None:
            cuts.append((match.start(group), match.end(), name, match[group]))
    if not cuts:
        return [section]
    parts: list[FoundSection] = []
    first = trim(text, content.start, cuts[0][0])
    if first.end > first.start:
        parts.append(FoundSection(section.name, section.heading, first, first, (first,)))
    ends = [cut[0] for cut in cuts[1:]] + [content.end]
    for (label_start, body_start, name, label), end in zip(cuts, ends, strict=True):
        body = trim(text, body_start, end, " \t\r\n,")
        if body.end > body.start:
            parts.append(FoundSection(name, label, Seg(label_start, body.end), body, (body,)))
    return parts
