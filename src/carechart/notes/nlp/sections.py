"""Section markers (`S:`, `Subjective:`, `HISTORY OF PRESENT ILLNESS`, `Rx:`) and their spans."""

import re
from dataclasses import dataclass

from carechart.notes.nlp.schemas import SectionName
from carechart.notes.nlp.text import Seg, lines, trim

_N = SectionName
# Normalised heading -> section. Sub-headings that map to the section already open (`Vitals:`
# inside `O:`) merge into it, so they may be listed freely.
_ALIASES: dict[str, SectionName] = {
    **dict.fromkeys(
        ["s", "subjective", "chief complaint", "cc", "reason for visit"], _N.SUBJECTIVE
    ),
    **dict.fromkeys(
        ["history of present illness", "hpi", "history", "interval history", "review of systems"],
        _N.SUBJECTIVE,
    ),
    **dict.fromkeys(["ros", "reason for consultation", "reason for consult"], _N.SUBJECTIVE),
    **dict.fromkeys(["reason for admission", "reason for referral", "indication"], _N.SUBJECTIVE),
    **dict.fromkeys(["indications", "overnight events", "events", "24 hour events"], _N.SUBJECTIVE),
    **dict.fromkeys(["past medical history", "pmh", "pmhx", "past history"], _N.HISTORY),
    **dict.fromkeys(["past surgical history", "psh", "pshx", "surgical history"], _N.HISTORY),
    **dict.fromkeys(["past medical and surgical history", "medical history"], _N.HISTORY),
    **dict.fromkeys(["family history", "fhx", "fh", "family hx"], _N.FAMILY_HISTORY),
    **dict.fromkeys(["social history", "shx", "sh", "social hx"], _N.SOCIAL_HISTORY),
    **dict.fromkeys(
        ["medications", "meds", "current medications", "home medications"], _N.MEDICATIONS
    ),
    **dict.fromkeys(["outpatient medications", "medications on admission"], _N.MEDICATIONS),
    **dict.fromkeys(["admission medications", "current meds", "home meds"], _N.MEDICATIONS),
    **dict.fromkeys(["discharge medications", "medications at discharge"], _N.MEDICATIONS),
    **dict.fromkeys(
        ["allergies", "allergy", "all", "drug allergies", "allergies and reactions"], _N.ALLERGIES
    ),
    **dict.fromkeys(
        ["o", "objective", "physical exam", "physical examination", "exam"], _N.OBJECTIVE
    ),
    **dict.fromkeys(["pe", "vitals", "vital signs", "vitals today", "examination"], _N.OBJECTIVE),
    **dict.fromkeys(
        ["labs", "laboratory", "laboratory data", "lab results", "results"], _N.RESULTS
    ),
    **dict.fromkeys(["data", "diagnostics", "imaging", "studies", "pertinent results"], _N.RESULTS),
    **dict.fromkeys(
        ["discharge labs", "labs at discharge", "discharge laboratory data"], _N.RESULTS
    ),
    **dict.fromkeys(["discharge exam", "discharge examination", "exam at discharge"], _N.OBJECTIVE),
    **dict.fromkeys(["discharge vitals", "vital signs at discharge"], _N.OBJECTIVE),
    **dict.fromkeys(
        ["hospital course", "brief hospital course", "clinical course"], _N.HOSPITAL_COURSE
    ),
    **dict.fromkeys(["procedure", "procedures", "procedure performed", "operation"], _N.PROCEDURE),
    **dict.fromkeys(["description of procedure", "procedure details", "technique"], _N.PROCEDURE),
    **dict.fromkeys(["findings", "anesthesia", "estimated blood loss", "ebl"], _N.PROCEDURE),
    **dict.fromkeys(["specimens", "complications", "vaccine administration"], _N.PROCEDURE),
    **dict.fromkeys(
        ["vaccines administered", "vaccines given", "immunizations given"], _N.PROCEDURE
    ),
    **dict.fromkeys(["immunizations administered", "vaccine administered"], _N.PROCEDURE),
    **dict.fromkeys(["a", "assessment", "impression", "clinical impression"], _N.ASSESSMENT),
    **dict.fromkeys(["problem list", "problems", "active problems"], _N.ASSESSMENT),
    **dict.fromkeys(
        ["a/p", "ap", "assessment and plan", "assessment/plan"], _N.ASSESSMENT_AND_PLAN
    ),
    **dict.fromkeys(["impression and plan", "impression/plan"], _N.ASSESSMENT_AND_PLAN),
    **dict.fromkeys(
        ["impression and recommendations", "assessment and recommendations"], _N.ASSESSMENT_AND_PLAN
    ),
    **dict.fromkeys(
        ["diagnosis", "diagnoses", "discharge diagnosis", "discharge diagnoses"], _N.DIAGNOSES
    ),
    **dict.fromkeys(
        ["principal diagnosis", "secondary diagnoses", "final diagnosis"], _N.DIAGNOSES
    ),
    **dict.fromkeys(["preoperative diagnosis", "postoperative diagnosis"], _N.DIAGNOSES),
    **dict.fromkeys(["pre-operative diagnosis", "post-operative diagnosis"], _N.DIAGNOSES),
    **dict.fromkeys(["pre-procedure diagnosis", "post-procedure diagnosis"], _N.DIAGNOSES),
    **dict.fromkeys(
        ["p", "plan", "treatment plan", "disposition", "follow-up", "follow up"], _N.PLAN
    ),
    **dict.fromkeys(["discharge instructions", "instructions", "patient instructions"], _N.PLAN),
    **dict.fromkeys(["recommendations", "recommendation", "orders"], _N.PLAN),
    **dict.fromkeys(["discharge condition", "condition at discharge"], _N.OTHER),
    **dict.fromkeys(["rx", "prescription", "prescriptions", "prescription note"], _N.PRESCRIPTIONS),
    **dict.fromkeys(["signed", "signature", "electronically signed", "attestation"], _N.SIGNATURE),
}
# Short or common words are markers only with their colon ("All:" is allergies, "All" is not).
_NEEDS_COLON = frozenset(
    key for key in _ALIASES if len(key) <= 2 or key in {"all", "history", "data"}
)

_HEADING = re.compile(
    r"[ \t]*(?:[#*>]+[ \t]*)?(?P<label>[A-Za-z][A-Za-z /&'()-]{0,58}?)[ \t]*(?P<colon>:|$)"
)
# "Electronically signed by Dr X" opens the signature without a colon; "Signed consent" does not.
_SIGNATURE_LINE = re.compile(
    r"[ \t]*(?:(?:electronically |e-)signed(?: by)?|(?:signed|dictated|attested) by)\b",
    re.IGNORECASE,
)
# A closing line that is only a name and a credential signs the note: "Jane Doe, MD".
SIGNER_LINE = re.compile(
    r"[ \t]*(?:Dr\.?[ \t]+)?[A-Z][A-Za-z'.-]+(?:[ \t]+[A-Z][A-Za-z'.-]*){1,3},[ \t]*"
    r"(?:MD|DO|NP|FNP|APRN|PA|PA-C|RN|PT|DPT|MBBS|PharmD)\b[A-Za-z ,.-]{0,20}$",
    re.MULTILINE,
)
_DIGIT_NEXT = re.compile(r"[ \t]*\d")


@dataclass(frozen=True, slots=True)
class Heading:
    name: SectionName
    label: Seg
    content_start: int


@dataclass(frozen=True, slots=True)
class FoundSection:
    name: SectionName
    heading: str
    span: Seg
    content: Seg
    # The text under each marker: a repeated marker (`Vitals:` inside `O:`) joins the section,
    # but its label is not content.
    parts: tuple[Seg, ...]


def _normalise(label: str) -> str:
    label = label.lower().replace("&", " and ").replace("(s)", "s")
    return " ".join(label.replace("_", " ").split()).strip(" .")


def _heading_at(text: str, line: Seg) -> Heading | None:
    match = _HEADING.match(text, line.start, line.end)
    name = _ALIASES.get(_normalise(match["label"])) if match else None
    if match is not None and name is not None and _is_marker(text, match, line):
        label = trim(text, match.start("label"), match.end("label"))
        return Heading(name, label, match.end())
    signature = _SIGNATURE_LINE.match(text, line.start, line.end)
    if signature or SIGNER_LINE.match(text, line.start, line.end):
        # The whole line is the signature's content: "Electronically signed by Dr X".
        start = trim(text, line.start, line.end).start
        return Heading(SectionName.SIGNATURE, Seg(start, start), start)
    return None


def _is_marker(text: str, match: re.Match[str], line: Seg) -> bool:
    key = _normalise(match["label"])
    if key in _NEEDS_COLON:
        # "P: 72" in a vitals list is a pulse, not the plan.
        return bool(match["colon"]) and not _DIGIT_NEXT.match(text, match.end(), line.end)
    return True


def find_headings(text: str) -> list[Heading]:
    """Every section marker at the start of a line, in order."""
    return [
        heading
        for line in lines(text, 0, len(text))
        if (heading := _heading_at(text, line)) is not None
    ]


def find_sections(text: str) -> list[FoundSection]:
    """The note cut into sections; text before the first marker is the header."""
    headings = find_headings(text)
    first = headings[0].label.start if headings else len(text)
    found: list[FoundSection] = []
    header = trim(text, 0, first)
    if header.end > header.start:
        found.append(FoundSection(SectionName.HEADER, "", header, header, (header,)))
    groups: list[list[Heading]] = []
    for heading in headings:
        if groups and groups[-1][0].name == heading.name:
            groups[-1].append(heading)
        else:
            groups.append([heading])
    ends = [group[0].label.start for group in groups[1:]] + [len(text)] if groups else []
    found.extend(_section(text, group, end) for group, end in zip(groups, ends, strict=True))
    return found


def _section(text: str, group: list[Heading], end: int) -> FoundSection:
    first = group[0]
    part_ends = [h.label.start for h in group[1:]] + [end]
    parts = tuple(trim(text, h.content_start, e) for h, e in zip(group, part_ends, strict=True))
    content = trim(text, first.content_start, end)
    span = Seg(
        first.label.start if first.label.end > first.label.start else content.start, content.end
    )
    return FoundSection(first.name, text[first.label.start : first.label.end], span, content, parts)
