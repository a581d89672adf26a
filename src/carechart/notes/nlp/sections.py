"""Section markers (`S:`, `Subjective:`, `HISTORY OF PRESENT ILLNESS`, `Rx:`) and their spans."""

import re
from dataclasses import dataclass
from functools import lru_cache

from carechart.notes.nlp.scanning import quick
from carechart.notes.nlp.schemas import SectionName
from carechart.notes.nlp.text import Seg, lines, trim

_N = SectionName
# Heading names of the document types hospitals and clinics write (H&Ps, progress and SOAP
# notes, consults, operative and procedure reports, discharge summaries, ED notes), after the
# section names of HL7 C-CDA / LOINC documents and of common sectionizers, each mapped to the
# kind of section it opens. Spelling is normalised first (case, "&", "(s)", spaces, a final dot).
_VOCABULARY: dict[SectionName, str] = {
    _N.SUBJECTIVE: """s; subjective; interval history; interval events; overnight events; events;
        24 hour events; 24-hour events; subjective and interval history; since discharge;
        since last visit; since the last visit; since last seen; since surgery""",
    _N.CHIEF_COMPLAINT: """cc; chief complaint; chief complaints; presenting complaint;
        presenting complaints; reason for visit; reason for the visit; reason for consultation;
        reason for consult; reason for referral; reason for admission; reason for evaluation;
        reason for exam; reason for examination""",
    # SBAR's situation and background tell the story a nurse calls about.
    _N.PRESENT_ILLNESS: """hpi; history of present illness; situation; background;
        history of the present illness;
        present illness; history of presenting illness; history of present complaint;
        clinical history; brief history; history; clinical indication; clinical indications;
        indication; indications; indication for procedure; indications for procedure;
        indication for operation; indications for operation; indications for surgery;
        indication for surgery; postoperative course; post-op course; post-operative course;
        cc/hpi; narrative; clinical narrative; visit narrative; patient narrative""",
    _N.HISTORY: """pmh; pmhx; past medical history; past history; medical history;
        past medical hx; past med history; history of chronic illness; underlying medical
        condition; past medical and surgical history; past medical/surgical history;
        pmh/psh; medical and surgical history; obstetric history; ob history;
        gynecologic history; ob/gyn history; past psychiatric history; psychiatric history;
        pertinent history; pertinent medical history; pertinent past medical history; relevant
        history; relevant medical history; relevant past medical history; significant past
        medical history; comorbidities; co-morbidities; medical conditions; chronic
        conditions; unrelated/comorbid; unrelated conditions; unrelated diagnoses; comorbid
        conditions; medical hx; med hx; pmh/pmhx; chronic problems; chronic medical problems;
        chronic medical conditions; chronic illnesses; chronic diseases; resolved problems;
        inactive problems; past problems;
        historical problems; resolved problem list; inactive problem list; past problem list;
        resolved diagnoses; inactive diagnoses""",
    _N.SURGICAL_HISTORY: """psh; pshx; past surgical history; surgical history; past surgeries;
        previous surgeries; prior surgeries; past procedures; operative history""",
    _N.FAMILY_HISTORY: """fh; fhx; family history; family hx; family medical history;
        social and family history; family and social history""",
    _N.SOCIAL_HISTORY: """sh; shx; social history; social hx; social; habits; substance use;
        substance use history; sexual history; occupational history; psychosocial history""",
    _N.REVIEW_OF_SYSTEMS: """ros; review of systems; review of system; systems review""",
    _N.MEDICATIONS: """medications; medication; meds; current medications; current meds;
        home medications; home meds; outpatient medications; active medications; medication
        list; medications list; active medications list; current outpatient medications;
        outpatient prescriptions; medications on admission; admission medications; admission
        meds; medications at home; medications prior to admission; prior to admission
        medications; preadmission medications; medications on transfer; medication
        reconciliation""",
    # The list a hospital stay ends with: the current list from that date on.
    # A patient-facing list of an after-visit summary ("YOUR MEDICATION LIST", "Your
    # medicines"): what to take from now on, the discharge list of a stay.
    _N.DISCHARGE_MEDICATIONS: """discharge medications; medications at discharge; medications
        on discharge; discharge meds; discharge medication list; your medication list; your
        medications; your medicines; your medicine list; your meds; your new medication list""",
    _N.ALLERGIES: """allergies; allergy; all; drug allergies; allergies and reactions;
        allergic reactions; adverse reactions; allergies/adverse reactions; medication
        allergies; known allergies; allergies and intolerances; allergy/intolerance;
        allergies/intolerances; allergy/intolerance review;
        allergies/intolerances review""",
    _N.IMMUNIZATIONS: """immunizations; immunization; immunization history; vaccines;
        vaccinations; vaccination history; immunization status""",
    _N.OBJECTIVE: """o; objective; physical exam; physical examination; exam; examination; pe;
        vitals; vital signs; vitals today; general exam; on examination; on exam; discharge exam;
        discharge examination; exam at discharge; physical exam at discharge; discharge physical
        exam; discharge vitals; vital signs at discharge; mental status exam; mental status
        examination; mse; neurologic exam; neurological exam; neurologic examination""",
    _N.RESULTS: """labs; lab; laboratory; laboratory data; laboratory results; laboratory
        studies; lab results; lab data; results; data; diagnostics; diagnostic data; diagnostic
        studies; diagnostic tests; test results; imaging; imaging studies; radiology; studies;
        pertinent results; admission labs; discharge labs; labs at discharge; discharge
        laboratory data; microbiology; micro; ekg; ecg; echo; echocardiogram; pathology;
        labs and imaging; laboratory and imaging; investigations; objective data""",
    _N.HOSPITAL_COURSE: """hospital course; brief hospital course; clinical course; summary of
        hospital course; hospital course by problem; hospital course by system; course by
        problem; hospital course by diagnosis; course; ed course; emergency department course;
        er course; course in the ed; course in the emergency department; medical decision
        making; mdm; ed course and medical decision making; ed course and procedure; ed course
        and procedures; ed course/procedures; emergency department course and procedures""",
    _N.PROCEDURE: """procedure; procedures; procedure performed; procedures performed;
        operation; operations; operation performed; operations performed; name of procedure;
        name of operation; title of operation; title of procedure; operative procedure;
        operative procedures; description of procedure; description of operation; procedure in
        detail; details of procedure; details of the procedure; procedure details; procedure
        description; procedure note; operative note; operative technique; technique;
        description; estimated blood loss; ebl; blood loss; specimens; specimen; specimens
        removed; drains; implants; complications; fluids; iv fluids; urine output; wound class;
        wound classification; surgeon; surgeons; assistant; assistants; first assistant;
        anesthesiologist; vaccine administration; vaccines administered; vaccines given;
        immunizations given; immunizations administered; vaccine administered""",
    _N.ANESTHESIA: """anesthesia; anaesthesia; type of anesthesia; anesthetic; sedation""",
    _N.FINDINGS: """findings; operative findings; intraoperative findings; procedure findings;
        procedural findings""",
    _N.ASSESSMENT: """a; assessment; impression; impressions; clinical impression; diagnostic
        impression; final assessment; problem list; problems; active problems; active problem
        list; current problems; medical problems; problem""",
    _N.ASSESSMENT_AND_PLAN: """a/p; ap; assessment and plan; assessment/plan; impression and
        plan; impression/plan; impression and recommendations; impression and recommendation;
        assessment and recommendations; assessment and recommendation; assessment/recommendations;
        impression/recommendations; plan and assessment; imp/plan; imp and plan; imp/p; a and p;
        assessment/plan of care; assessment and changes; impression and changes; assessment and
        management; impression and management; assessment and advice; impression and advice;
        assessment and suggestions; impression and suggestions""",
    _N.DIAGNOSES: """diagnosis; diagnoses; discharge diagnosis; discharge diagnoses; principal
        diagnosis; primary diagnosis; secondary diagnosis; secondary diagnoses; final
        diagnosis; final diagnoses; admitting diagnosis; admitting diagnoses; admission
        diagnosis; admission diagnoses; preoperative diagnosis; preoperative diagnoses;
        postoperative diagnosis; postoperative diagnoses; pre-operative diagnosis;
        post-operative diagnosis; pre-operative diagnoses; post-operative diagnoses; pre-op
        diagnosis; post-op diagnosis; preprocedure diagnosis; postprocedure diagnosis;
        pre-procedure diagnosis; post-procedure diagnosis; pre-procedure diagnoses;
        post-procedure diagnoses; ed diagnosis; ed diagnoses; emergency department diagnosis;
        clinical diagnosis; diagnosis at discharge; working diagnosis; dx; dxs; final dx;
        discharge dx; admitting dx; visit diagnosis; visit diagnoses; encounter diagnoses;
        encounter diagnosis; terminal diagnosis; hospice diagnosis; principal hospice diagnosis;
        related conditions; related diagnoses; referral diagnosis; referral diagnoses; referral
        dx""",
    # "Discussion:" of a result call or a visit: what was decided, item by item.
    _N.PLAN: """p; plan; plans; treatment plan; discussion; discussion and plan; plan of care;
        recommendations; recommendation;
        suggestions; orders; follow-up; follow up; followup; health maintenance; preventive
        care; anticipatory guidance; counseling; patient education; education; goals""",
    _N.INSTRUCTIONS: """discharge instructions; instructions; patient instructions; follow-up
        instructions; followup instructions; discharge instructions/followup; discharge
        activity; discharge diet; return precautions""",
    _N.DISPOSITION: """disposition; dispo; discharge disposition""",
    _N.PRESCRIPTIONS: """rx; prescription; prescriptions; prescription note; new prescriptions;
        prescriptions written; discharge prescriptions; discharge rx""",
    _N.SIGNATURE: """signed; signature; electronically signed; attestation; electronic
        signature""",
    # Known headings that open a section of no clinical kind: they end the one before.
    # The patient's state at the end ("Discharge condition: stable") is no plan.
    _N.OTHER: """discharge condition; condition at discharge; condition on discharge; condition;
        code status; advance directives; advance directive; consent; informed consent;
        time spent; total time; prognosis; goals of care; referring physician; primary care
        physician; pcp; cc list; copies to; dictated by; transcribed by""",
}
_ALIASES: dict[str, SectionName] = {
    " ".join(name.split()): kind
    for kind, names in _VOCABULARY.items()
    for name in names.split(";")
    if name.strip()
}
# Short or common words are markers only with their colon ("All:" is allergies, "All" is not).
_NEEDS_COLON = frozenset(
    key
    for key in _ALIASES
    if len(key) <= 3
    or key in {"all", "history", "data", "course", "description", "condition", "problem"}
    or key in {"technique", "education", "goals", "counseling", "lab", "labs", "results"}
    or key in {"medication", "operation", "operations", "fluids", "imaging", "procedure"}
    or key in {"situation", "background", "discussion", "social"}
)
# Words that make a label a statement, not a qualified heading ("No known allergies").
_NOT_QUALIFIERS = frozenset({"no", "not", "denies", "without", "nkda", "none"})
_COMPOUND = re.compile(r"\s+(?:/|-|\u2013)\s+")
_SPACED_SLASH = re.compile(r"\s+/\s+")
_NOT_QUALIFIED = frozenset({_N.ASSESSMENT, _N.ASSESSMENT_AND_PLAN, _N.DIAGNOSES, _N.MEDICATIONS})
# An unknown label in capitals alone on its line ("PROCEDURE DETAILS:") heads a section of its
# own; in these sections it is a sub-heading (an exam's "HEENT:", an assessment's "HTN:").
_SUBHEADING_SECTIONS = frozenset(
    {_N.OBJECTIVE, _N.REVIEW_OF_SYSTEMS, _N.ASSESSMENT, _N.ASSESSMENT_AND_PLAN, _N.DIAGNOSES}
    | {_N.PLAN, _N.RESULTS, _N.HEADER, _N.SIGNATURE, _N.MEDICATIONS, _N.PRESCRIPTIONS}
    | {_N.DISCHARGE_MEDICATIONS}
)
# Two words at least: one word in capitals ("NEW:", "STOP:") labels a list's items.
_CAPITAL_LABEL = re.compile(
    r"[ \t]*(?P<label>[A-Z][A-Z0-9/&'(),-]+[ \t]+[A-Z][A-Z0-9 /&'(),-]{1,45}):[ \t]*$"
)
# Transcription exports run a note onto one line, joined by commas: "...swelling.,PAST MEDICAL
# HISTORY:,1.  Gout.,2.  ...". Such a comma is the line break it replaced.
# Some exports put a space after the joining comma: "...abdominal pain., HISTORY OF PRESENT
# ILLNESS: ...": a sentence's end, a comma and a heading in capitals with its colon.
_JOIN = quick(
    r"(?<=[.:;!?)\]])[ \t]*,(?=\S)|(?<=:),(?=[ \t])|,(?=[A-Z][A-Z /&'()-]{2,48}:)"
    r"|(?<=[.;!?)\]]),(?=[ \t]+[A-Z][A-Z /&'()-]{2,48}:)"
)


# A field of the export's header ran into a heading: "ATTENDING: JANE ROE MD, DISCHARGE
# DIAGNOSES: 1. ...". Such a comma is a line break only where a known heading's name follows.
_FIELD_JOIN = re.compile(
    r",(?=[ \t]+(?P<label>[A-Z][A-Z /&'()-]{2,48}):)"
    # An export that joins its fields with a bare comma writes their names as titles too:
    # "DOB 01/02/1950,Problems: Hypertension, ...,Medications: warfarin".
    r"|,(?=(?P<title>[A-Z][A-Za-z /&'()-]{2,48}):)"
)


def unjoin(text: str) -> str:
    """The text with each joining comma of an export turned back into a line break; every
    other character, and so every offset, is kept."""
    if "," not in text:
        return text
    text = _JOIN.sub(lambda m: m[0][:-1] + "\n", text)
    text = _SIGNER_JOIN.sub("\n", text)
    return _FIELD_JOIN.sub(
        lambda m: "\n" if is_heading_name(m["label"] or m["title"]) else m[0], text
    )


# A heading as documents decorate it: "[ASSESSMENT]", "== PLAN ==", "**Plan:**", "HPI.....".
# Dot leaders end a label as a colon does.
# A closing bracket ends a label as a colon does: "[HPI] 79M with ...".
# A diagnostic classification's name before a heading names the coding, not the section:
# "DSM-5 DIAGNOSES:", "ICD-10 Diagnoses:", "DSM-IV-TR diagnosis:" are the diagnoses.
_CLASSIFICATION = r"(?:(?:DSM|ICD)[- ]?(?:\d{1,2}|[IVX]{1,4})(?:-(?:CM|TR))?[ \t]+)?"
_HEADING = re.compile(
    r"[ \t]*(?:[#*>\[=_]+[ \t]*)?"
    + _CLASSIFICATION
    + r"(?P<label>[A-Za-z][A-Za-z /&'()-]{0,58}?)[ \t]*"
    r"(?P<colon>\][ \t]*:?|:|\.{2,}[ \t]*:?|[=*_]+[ \t]*:?(?=[ \t]*$)|$)"
)
# A heading with a qualifier that holds figures or punctuation, alone on its line with its
# colon: "TREATMENT ORDERS - C1D1 (doses on BSA 2.09 m2, 100%):", "Vitals (last 24 h):".
_QUALIFIED_HEADING = re.compile(
    r"[ \t]*(?:[#*>\[=_]+[ \t]*)?(?P<label>[A-Za-z][A-Za-z /&'-]{1,45}?)"
    r"(?:[ \t]+[-\u2013\u2014][ \t]+|[ \t]*\(|[ \t]+(?:per|by|from|as of)[ \t]+)"
    r"[^\n:]{1,70}?(?P<colon>:)[ \t]*$"
)
# Words after a heading's name that say how its text is arranged, not what it holds:
# "HOSPITAL COURSE BY PROBLEM", "Review of systems (as per HPI)".
_ARRANGEMENT = re.compile(
    r"\s+(?:by|per) (?:problems?|systems?|organ systems?|issues?|diagnos[ie]s|days?|date)$"
    r"|\s*\([^()]*\)$"
)
# Words before a heading's name that say how its text is arranged: "Problem-based assessment",
# "Problem-oriented assessment and plan", "System-based plan".
_ORIENTED = re.compile(r"^(?:problem|system|issue)s?[- ](?:based|oriented|focused)\s+")
# When a list of diagnoses was made says when, not what: "Diagnoses this admission", "Problems
# addressed today", "Diagnoses for this encounter", "Problems managed during the stay"; the moment
# of a stay an assessment is written at: "Assessment & plan at transfer", "Impression on admission".
_WHEN = quick(
    r"(?:\s+(?:addressed|treated|managed|assessed|reviewed|updated))?"
    r"(?:\s+(?:(?:for|during|on|at|of|in)\s+)?"
    r"(?:this|the)\s+(?:admission|visit|encounter|hospitali[sz]ation|stay|episode|appointment)"
    r"|\s+today)$"
    r"|\s+(?:addressed|treated|managed|assessed|reviewed|updated)$"
    r"|\s+(?:at|on|upon)\s+(?:transfer|discharge|admission|presentation|hand-?off|sign-?out)$"
)
# A history "reviewed today" ("Medical history reviewed:", "Chronic conditions reviewed today:")
# is the history: the words say the writer looked at it, not what it holds.
_WHEN_KINDS = frozenset({_N.ASSESSMENT, _N.ASSESSMENT_AND_PLAN, _N.DIAGNOSES, _N.HISTORY})
# A heading with an aside before its colon or alone on its line: "Assessment (RN, discussed
# with Dr. Hart):", "Orders per Dr. Hart (verbal/read-back):", "Hospital course (brief)".
_ASIDE_HEADING = re.compile(
    r"[ \t]*(?P<label>[A-Za-z][A-Za-z /&'-]{0,40}?)[ \t]+(?:\([^)\n]{1,80}\)|per\b[^:\n]{1,60}?)"
    r"[ \t]*(?:\([^)\n]{1,80}\))?[ \t]*(?P<colon>:|$)"
)
# The kinds such a heading opens. A medication list with an aside ("CURRENT MEDICATIONS (per
# MAR):") stays with the medication reader, which kinds the lists itself.
_ASIDE_KINDS = frozenset(
    {_N.ASSESSMENT, _N.ASSESSMENT_AND_PLAN, _N.DIAGNOSES, _N.PLAN, _N.HISTORY, _N.HOSPITAL_COURSE}
    | {_N.PRESENT_ILLNESS, _N.SURGICAL_HISTORY, _N.INSTRUCTIONS, _N.RESULTS}
)
# Some EHR exports put headings in brackets, their text on the same line: "[PMH] Type 2 DM.",
# "[PLAN / ORDERS]". The closing bracket is the colon.
_BRACKETED = re.compile(
    r"[ \t]*\[[ \t]*(?P<label>[A-Za-z][A-Za-z /&'()-]{0,58}?)[ \t]*(?P<colon>\])"
)
# "Electronically signed by Dr X" opens the signature without a colon; "Signed consent" does not.
# A resident signs with the training year first: "PGY-3 B. Lindqvist for Dr. Okonkwo".
_SIGNATURE_LINE = re.compile(
    r"[ \t]*(?:(?:electronically |e-)signed(?: by)?|(?:signed|dictated|attested) by|"
    r"PGY-?\d[ \t]+(?=[A-Z]))\b",
    re.IGNORECASE,
)
# The credentials a signer writes after their name.
CREDENTIAL = r"(?:MD|DO|NP|FNP|APRN|PA|PA-C|RN|PT|DPT|MBBS|PharmD)\b"
# An export's closing run onto its last sentence: "...in 3 months., JANE ROE MD, D: 09/15/2026",
# "...if LFTs do not improve., cc: Carmen Ibarra, PA-C": the signer's line starts there.
_SIGNER_JOIN = re.compile(
    r"(?<=[.;!?)\]]),(?=[ \t]+(?:cc:|[A-Z][A-Za-z'.-]+(?:[ \t]+[A-Z][A-Za-z'.-]*){1,3},?[ \t]+"
    + CREDENTIAL
    + r"))"
)
# A closing line that is only a name and a credential signs the note: "Jane Doe, MD".
SIGNER_LINE = re.compile(
    r"[ \t]*(?:Dr\.?[ \t]+)?[A-Z][A-Za-z'.-]+(?:[ \t]+[A-Z][A-Za-z'.-]*){1,3},[ \t]*"
    + CREDENTIAL
    + r"[A-Za-z ,.-]{0,20}$",
    re.MULTILINE,
)
# A letter's salutation on a line of its own: "Dear Dr. Achebe,", "To whom it may concern:".
# Starts only where a run of spaces starts, and takes the run whole: a long run is read once.
SALUTATION = quick(
    r"(?<![ \t])[ \t]*+(?:dear|to whom it may concern)\b[^\n]{0,80}?[,:][ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_DIGIT_NEXT = re.compile(r"[ \t]*\d")
# Markers a story follows, often opening with the age: "HPI: 71 y/o F", "CC: 3 days of cough",
# "History: 71M with persistent AF"; an assessment's summary line too: "A/P: 53M with T2DM".
_STORY_MARKERS = frozenset(
    {"hpi", "cc", "pmh", "pmhx", "psh", "pshx", "history", "background", "a/p"}
)


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


_DX = re.compile(r"(?<=\w )dx$")


# Pure, and asked of the same few labels many times a note (each heading test of a line).
@lru_cache(maxsize=1024)
def _normalise(label: str) -> str:
    label = label.lower().replace("&", " and ").replace("(s)", "s")
    label = " ".join(label.replace("_", " ").split()).strip(" .[]=*#")
    label = _DX.sub("diagnosis", label)  # "Terminal dx", "Hospice dx": the diagnosis
    label = _ARRANGEMENT.sub("", label).strip(" .")
    label = _ORIENTED.sub("", label)  # "Problem-based assessment": the assessment
    when = _WHEN.sub("", label)
    return when if when != label and _ALIASES.get(when) in _WHEN_KINDS else label


def _kind(match: re.Match[str]) -> SectionName | None:
    """The kind a label names; with its colon, a qualified heading is its last words' kind
    ("TRIAGE VITAL SIGNS:", "Pertinent physical examination:"), and a compound one its first
    part's ("ED COURSE / MEDICATIONS ADMINISTERED:", "PROCEDURE - INCISION AND DRAINAGE:")."""
    label = _normalise(match["label"])
    joined = _SPACED_SLASH.sub("/", label)
    if joined != label and joined in _ALIASES:
        return _ALIASES[joined]  # "ASSESSMENT / PLAN" alone on its line: "assessment/plan"
    parts = _COMPOUND.split(label)
    bare = label.split("/")
    if len(parts) == 1 and label not in _ALIASES and all(part in _ALIASES for part in bare):
        parts = bare  # "MDM/Impression:", "Disposition/Plan:": two names joined by a bare slash
    assessed = _assessed(parts)
    if assessed is not None and (match["colon"] or match["label"].isupper()):
        return assessed  # "MDM / ASSESSMENT:": the reasoning ends in the assessment
    if len(parts) > 1 and match["colon"]:
        # "SUPPORTIVE MEDICATIONS - NEW PRESCRIPTIONS:": a part that names a section, the first
        # such part by its name or, failing that, by its last words.
        for part in parts:
            if part in _ALIASES:
                return _ALIASES[part]
        return _qualified(parts[0].split(), colon=True)
    if len(parts) > 1 and match["label"].isupper() and parts[0] in _ALIASES:
        # A heading in capitals alone on its line, its first part a section's own name:
        # "ACTIVE PROBLEMS / PLAN FOR FLOOR TEAM".
        return _ALIASES[parts[0]]
    kind = _qualified(label.split(), colon=bool(match["colon"]))
    first, *rest = _JOINED_BY_AND.split(label, maxsplit=1)
    # "MEDICATIONS and ALLERGIES" joins two lists of their own: no one section's heading.
    joined_list = _ALIASES.get(first) in _LISTS_OF_DRUGS and not (
        rest and _qualified(rest[0].split(), colon=True) is _N.ALLERGIES
    )
    if kind is None and joined_list and _CONNECTOR.sub("", match["label"]).isupper():
        # "CURRENT MEDICATIONS and PERI-OPERATIVE INSTRUCTIONS": a heading in capitals that
        # joins a medication list's name to another with a lower-case "and" is that list.
        return _ALIASES[first]
    return kind


# "and" between two parts of a heading; the connectors a heading in capitals writes in lower case.
_JOINED_BY_AND = re.compile(r"\s+and\s+")
_CONNECTOR = re.compile(r"\b(?:and|or|of|the|for|with)\b")
_LISTS_OF_DRUGS = frozenset({_N.MEDICATIONS, _N.DISCHARGE_MEDICATIONS})


# The reasoning of a visit, written before its conclusion under one heading.
_REASONING_KINDS = frozenset({_N.HOSPITAL_COURSE})
_CONCLUDING_KINDS = frozenset({_N.ASSESSMENT, _N.ASSESSMENT_AND_PLAN, _N.DIAGNOSES})


def _assessed(parts: list[str]) -> SectionName | None:
    """The assessment a compound heading joins to the reasoning before it ("MDM / ASSESSMENT",
    "ED course - impression"): what the section holds is the assessment's list."""
    kinds = [_ALIASES.get(part) for part in parts]
    if len(parts) < 2 or not all(kinds):
        return None
    concluding = [kind for kind in kinds if kind in _CONCLUDING_KINDS]
    others = [kind for kind in kinds if kind not in _CONCLUDING_KINDS]
    if concluding and others and all(kind in _REASONING_KINDS for kind in others):
        return concluding[0]
    return None


def _qualified_kind(match: re.Match[str]) -> SectionName | None:
    """A heading before its qualifier names its section; written in capitals, as document
    headings are, by its last words too ("TREATMENT ORDERS - C1D1 (...):"), but "Review of
    labs (drawn 10/26):" inside an exam is no section of its own."""
    if match["label"].isupper():
        return _kind(match)
    return _ALIASES.get(_normalise(match["label"]))


def _qualified(words: list[str], *, colon: bool) -> SectionName | None:
    """The kind a label's words name; with its colon, its last words may ("Pertinent labs:")."""
    tries = range(min(3, len(words)) if colon else 1)
    for dropped in tries if words else ():
        name = _ALIASES.get(" ".join(words[dropped:]))
        if name is not None and dropped == 0:
            return name
        # "Pain assessment:", "Fall risk assessment:" are parts of an exam, not the assessment;
        # "Inpatient meds:", "ED medications:" are lists the medication reader kinds itself.
        if name is not None and words[0] not in _NOT_QUALIFIERS and name not in _NOT_QUALIFIED:
            return name
        if name in _LISTED_KINDS and set(words[:dropped]) <= _LIST_QUALIFIERS:
            return name  # "Active medical problems:", "Current diagnoses:": the list itself
        if name is _N.DIAGNOSES and set(words[:dropped]) <= _WHERE_DIAGNOSED:
            return name  # "ICU DIAGNOSES:", "Hospital diagnoses:": where they were made
        if name in _CONCLUDING_KINDS and set(words[:dropped]) <= _WRITERS:
            return name  # a letter's "My assessment and changes:", "Our impression:"
    return None


# Words that say which problems a list holds, not that it is part of something else (a "Fall
# risk assessment" is an exam's): "Active medical problems", "Current diagnoses".
_LIST_QUALIFIERS = frozenset({"active", "current", "ongoing", "medical", "acute", "today's"})
_LISTED_KINDS = frozenset({_N.ASSESSMENT, _N.DIAGNOSES})
# Whose assessment a letter gives: "My impression and recommendations:", "Our assessment:".
_WRITERS = frozenset({"my", "our"})
# Where or when a diagnosis list was made, or which of them it holds: "ICU diagnoses", "Hospital
# diagnoses", "Other diagnoses". A diagnosis list's own words only: "Differential diagnosis" is
# not among them.
_WHERE_DIAGNOSED = frozenset(
    {"icu", "micu", "sicu", "ccu", "cicu", "nicu", "picu", "hospital", "inpatient", "transfer"}
    | {"other", "additional", "chronic", "new", "active", "current"}
)


# An exported document's section title in capitals, alone on its line, its parts joined by
# commas: "ALLERGIES, ADVERSE REACTIONS, ALERTS", "PROBLEMS, ACTIVE". Its first part names it.
_COMMA_TITLE = re.compile(
    r"[ \t]*(?P<label>[A-Z][A-Z /&'-]{1,40}?)(?:,[ \t]*[A-Z][A-Z /&'-]{1,40}){1,4}[ \t]*$"
)


def _comma_title(text: str, line: Seg) -> tuple[re.Match[str] | None, SectionName | None]:
    match = _COMMA_TITLE.match(text, line.start, line.end)
    return (match, _ALIASES.get(_normalise(match["label"]))) if match else (None, None)


# A problem-oriented note's item: "Problem #2: Type 2 diabetes mellitus", its own assessment
# and plan following under "Assessment:" and "Plan:".
_NUMBERED_PROBLEM = re.compile(
    r"[ \t]*(?P<label>problem[ \t]*#?[ \t]*\d{1,2})[ \t]*[:.)-][ \t]*", re.I
)


def _heading_at(text: str, line: Seg, current: SectionName) -> Heading | None:
    numbered = _NUMBERED_PROBLEM.match(text, line.start, line.end)
    if numbered is not None:
        return Heading(
            _N.ASSESSMENT, Seg(numbered.start("label"), numbered.end("label")), numbered.end()
        )
    match = _HEADING.match(text, line.start, line.end) or _BRACKETED.match(
        text, line.start, line.end
    )
    name = _kind(match) if match else None
    if name is None:
        comma_match, name = _comma_title(text, line)
        match = comma_match if name is not None else match
    if name is None and (match := _QUALIFIED_HEADING.match(text, line.start, line.end)):
        name = _qualified_kind(match)
    if name is None:
        # A heading's own name with an aside and its text on the line, or no colon: only a
        # heading's own name ("Pleural fluid studies (sent):" is a line of the story).
        match = _ASIDE_HEADING.match(text, line.start, line.end)
        name = _ALIASES.get(_normalise(match["label"])) if match else None
        # "Review of labs (drawn 10/26):" inside the objective is a part of the exam's data.
        inside_exam = current is _N.OBJECTIVE and name is _N.RESULTS
        name = name if name in _ASIDE_KINDS and not inside_exam else None
    if match is not None and name is not None and _is_marker(text, match, line):
        if _names_whom_to_see(text, match, line, current):
            return None
        label = trim(text, match.start("label"), match.end("label"))
        return Heading(name, label, match.end())
    if SALUTATION.match(text, line.start, line.end):
        # "Dear Dr. Achebe,": a letter's body starts here, whatever its address block held (the
        # addressee's "Rosalind Achebe, MD" reads like a signer's line and opened a signature,
        # which is never read). The body is read like any section: findings, drugs, problems.
        start = trim(text, line.start, line.end).start
        return Heading(SectionName.OTHER, Seg(start, start), start)
    signature = _SIGNATURE_LINE.match(text, line.start, line.end)
    if signature or SIGNER_LINE.match(text, line.start, line.end):
        # The whole line is the signature's content: "Electronically signed by Dr X".
        start = trim(text, line.start, line.end).start
        return Heading(SectionName.SIGNATURE, Seg(start, start), start)
    bracketed = _BRACKETED.match(text, line.start, line.end)
    if bracketed is not None and current is not SectionName.HEADER:
        # "[ECG] Sinus 94": an unknown bracketed heading still ends the section before.
        label = trim(text, bracketed.start("label"), bracketed.end("label"))
        return Heading(SectionName.OTHER, label, bracketed.end())
    capital = _CAPITAL_LABEL.match(text, line.start, line.end)
    if capital is not None and current not in _SUBHEADING_SECTIONS:
        label = trim(text, capital.start("label"), capital.end("label"))
        return Heading(SectionName.OTHER, label, capital.end())
    return None


# Labels that name a doctor: in a header they are a field of their own; in a follow-up list the
# line is a visit ("Follow up:" / "PCP: Dr. Ames - 1 week").
_WHOM_TO_SEE = frozenset({"pcp", "primary care physician", "referring physician"})
_VISIT_LISTS = frozenset({_N.PLAN, _N.INSTRUCTIONS, _N.DISPOSITION})
# The visit's time or its booking: "- 1 week", "on 03/14", "call to schedule", "Tuesday".
_WHEN_SEEN = quick(
    r"\d|\b(?:days?|weeks?|wks?|months?|mos?|tomorrow|schedul\w*|appointment|appt|call"
    r"|follow\w*|f/u|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    re.I,
)


def _names_whom_to_see(text: str, match: re.Match[str], line: Seg, current: SectionName) -> bool:
    """A doctor's label with the visit written after it, inside a plan or its instructions."""
    if current not in _VISIT_LISTS or _normalise(match["label"]) not in _WHOM_TO_SEE:
        return False
    return _WHEN_SEEN.search(text, match.end(), line.end) is not None


# Short headings that name nothing else, so that in capitals alone on their line, colon or not,
# they open their section ("A/P" of a chairside note); "PE", "ALL" or "MS" alone may be an item.
# (A bare "HPI" would do too, but the medication reader then takes an ED's doses told in the
# story for past ones: left until it tells them apart.)
_ALONE_IN_CAPITALS = frozenset({"a/p"})


def _is_marker(text: str, match: re.Match[str], line: Seg) -> bool:
    key = _normalise(match["label"])
    alone = not text[match.end() : line.end].strip()
    if key in _ALONE_IN_CAPITALS and match["label"].strip().isupper() and alone:
        return True  # "A/P" alone on its line: no word of a list or a story is written so
    if key in _NEEDS_COLON:
        # "P: 72" in a vitals list is a pulse, not the plan.
        digit = key not in _STORY_MARKERS and _DIGIT_NEXT.match(text, match.end(), line.end)
        return bool(match["colon"]) and not digit
    return True


def find_headings(text: str) -> list[Heading]:
    """Every section marker at the start of a line, in order."""
    found: list[Heading] = []
    current = SectionName.HEADER
    for line in lines(text, 0, len(text)):
        heading = _heading_at(text, line, current)
        if heading is not None:
            found.append(heading)
            current = heading.name
    return found


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


def is_heading_name(label: str) -> bool:
    """True when `label` is the name of a section heading ("Review of systems", "PLAN"), as
    documents decorate and qualify it: "[ASSESSMENT]", "HOSPITAL COURSE BY PROBLEM",
    "SUPPORTIVE MEDICATIONS - NEW PRESCRIPTIONS", "Impression/Plan"."""
    key = _normalise(label.rstrip(" :"))
    parts = _COMPOUND.split(key)
    return key in _ALIASES or (len(parts) > 1 and any(p in _ALIASES for p in parts))


# The labels of a form or an exported table, which name fields, never what they hold ("Name",
# "Date noted", "Planned item", "Appointment"), a note's own title ("Progress note") and the
# section titles of exported summaries (C-CDA's "Plan of Treatment", "Functional Status"); the
# section vocabulary has the headings proper.
_FORM_LABELS_TEXT = """name; patient name; patient; date; date noted; date of service; dos; date
    of birth; dob; mrn; time; status; details; detail; description; planned item; planned items;
    appointment; appointments; onset; provider; location; facility; source; comments; comment;
    notes; note; type; visit type; encounter type; reason; title; summary; item; items;
    treatment; treatment today; today; findings today; visit; encounter; priority; review;
    results today; referring provider; attending; service; unit; room; bed; age; sex; gender;
    bloods; blood tests; blood work; bloodwork; progress note; clinic note; consult note;
    consultation; discharge summary; operative report; history and physical; h and p;
    plan of treatment; functional status; mental status; care team; encounters; social
    determinants of health; advance care planning; care coordination; patient goals"""
_FORM_LABELS = frozenset(" ".join(n.split()) for n in _FORM_LABELS_TEXT.split(";"))
# What may decorate a heading written as a label: a list number or letter before it ("1.",
# "II.", "A)", "#"), a date, a time or a colon after it ("Assessment 03/14/2025:").
_LABEL_NUMBER = re.compile(r"^(?:#\s*\d*|\(?(?:\d{1,2}|[ivx]{1,4}|[a-h])[.)])\s*", re.IGNORECASE)
_LABEL_DATE = re.compile(
    # Tried from the start of a run of separators only (from each one it was quadratic).
    r"(?<![\s,(-])[\s,(-]*(?:(?:on|of|dated|from)\s+)?(?:\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{2,4})?|\d{1,2}:\d{2}"
    r"|\d{4})\)?\s*$"
)


def names_problem_list(label: str) -> bool:
    """True when `label` names a list of problems or diagnoses ("Problems addressed today:",
    "Secondary diagnoses", "IMPRESSION"): a list's own heading, not a group inside it."""
    key = _normalise(label.strip().rstrip(" :"))
    return _ALIASES.get(key) in _WHEN_KINDS | {_N.ASSESSMENT_AND_PLAN}


def is_heading_label(label: str) -> bool:
    """True when `label` is a heading or a form's field label, however written: a known
    heading's name ("HPI", "A&P", "Pre-operative diagnosis"), one qualified by its first words
    ("Pertinent labs", "Interval history"), numbered or dated ("2. Plan", "Assessment
    03/14/2025"), with its colon, or a form's field ("Name", "Date noted", "Appointment")."""
    text = _LABEL_NUMBER.sub("", label.strip().rstrip(" :.-")).strip()
    text = _LABEL_DATE.sub("", text).strip(" :.-")
    if not text or is_heading_name(text):
        return bool(text)
    key = _normalise(text)
    words = key.split()
    qualified = _qualified(words, colon=True) if len(words) > 1 else None
    return key in _FORM_LABELS or (qualified is not None and qualified not in _NAMING_KINDS)


# Kinds whose heading names are also words of a condition ("Acute blood loss", "Skin
# condition", "Lung findings"): qualified, they are no heading.
_NAMING_KINDS = frozenset({_N.PROCEDURE, _N.OTHER, _N.ANESTHESIA, _N.FINDINGS})
