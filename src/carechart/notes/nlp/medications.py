"""Medications: which drug (as written, its ingredient and code), its dosing, and what the note
does with it by the end of the encounter.

Linear in the note's length: every name is found in one pass over the words, each status cue
is read from the text between a name and the one before it, and positions are looked up by
bisection, never by scanning back.
"""

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum
from functools import lru_cache

from carechart.notes.nlp import lexicon, medication_modality, medication_recency, medication_tense
from carechart.notes.nlp.context import Context, Scope
from carechart.notes.nlp.courses import course_before, course_length
from carechart.notes.nlp.document import Document
from carechart.notes.nlp.dosing import Dosing, parse_dosing, regimen_differs
from carechart.notes.nlp.drug_classes import class_statements, class_status
from carechart.notes.nlp.immunizations import vaccine_spans
from carechart.notes.nlp.medication_place import Place, placed_status, told_dose
from carechart.notes.nlp.medication_regions import GIVEN_LIST, names_given_list, regions
from carechart.notes.nlp.medication_setting import (
    Setting,
    mention_setting,
    suggestion_at,
    told_only_as,
)
from carechart.notes.nlp.medication_status import (
    AFTER_CUE,
    ANESTHESIA,
    BEFORE_CUE,
    CUE_RANK,
    DAY_OF_PROCEDURE,
    DEFAULT_RANK,
    DISPENSE,
    DOUBLE_NEGATION,
    FACILITY,
    FACILITY_HEAD,
    FUTURE,
    INPATIENT,
    INPATIENT_ONLY,
    KEEP,
    KEPT_OFF,
    LABEL_CUE,
    LABEL_RANK,
    NO_RANK,
    NOT_YET,
    PAST,
    RESUME_LATER,
    SWITCH_CUE,
    SWITCH_TO,
    WHILE_ADMITTED,
    StatusCue,
    cue_status,
    next_order,
    reach,
)
from carechart.notes.nlp.medication_tables import (
    action_column,
    legend_mark,
    opens_row,
    status_column,
)
from carechart.notes.nlp.scanning import quick
from carechart.notes.nlp.schemas import (
    Medication,
    MedicationStatus,
    NoteType,
    SectionName,
    Span,
)
from carechart.notes.nlp.sections import FoundSection
from carechart.notes.nlp.text import Seg, trim
from carechart.notes.nlp.vocabulary import Drug, find_drug_names, name_key

_S = MedicationStatus
_N = SectionName


class ListKind(Enum):
    """What a medication list is, from its section and heading."""

    NONE = "none"
    CURRENT = "current"  # current or home medications
    ADMISSION = "admission"  # home medications on admission
    DISCHARGE = "discharge"
    PRESCRIPTION = "prescription"
    GIVEN = "given"  # drugs given in the ED, the procedure or the room


_LIST_SECTIONS = {
    _N.MEDICATIONS: ListKind.CURRENT,
    _N.ADMISSION_MEDICATIONS: ListKind.ADMISSION,
    _N.DISCHARGE_MEDICATIONS: ListKind.DISCHARGE,
    _N.PRESCRIPTIONS: ListKind.PRESCRIPTION,
}
_DISCHARGE_HEADING = re.compile(r"discharge|going home|take home|after you leave", re.I)
_ADMISSION_HEADING = re.compile(r"admission|admit|home|prior to|pta|outpatient|pre-?op", re.I)
_SKIPPED = {_N.SIGNATURE, _N.FAMILY_HISTORY, _N.SOCIAL_HISTORY, _N.IMMUNIZATIONS}
# Results name drugs as tests ("vancomycin trough"): there a drug needs a dose or a verb.
_RESULT_SECTIONS = {_N.RESULTS, _N.FINDINGS}
# Where a drug with nothing said about it was given during the encounter.
_GIVEN_SECTIONS = {_N.PROCEDURE, _N.ANESTHESIA, _N.HOSPITAL_COURSE}
_LIST_DEFAULT = {
    ListKind.CURRENT: _S.CONTINUED,
    ListKind.ADMISSION: _S.CONTINUED,
    ListKind.DISCHARGE: _S.CONTINUED,
    ListKind.PRESCRIPTION: _S.STARTED,
    ListKind.GIVEN: _S.GIVEN,
}
# A list that opens inside a section: "Pre-procedure Medications (home): ...",
# "Medications (intra-procedure): Propofol ...", "ED meds:".
_INLINE_LIST = re.compile(
    r"^[ \t]*(?:[-*\u2022][ \t]*)?(?P<label>(?:[A-Za-z][\w-]*(?:[ \t]+|[ \t]*/[ \t]*)){0,3}?"
    # "Treatment in clinic:", "Treatments given:": what the visit gave, not a plan of treatment.
    r"(?:medications?|meds|prescriptions?|rx|treatments?(?=[ \t]+(?:in|given|administered)\b)"
    # A list of one class: "Home antiemetics:", "Current inhalers:", "Discharge antibiotics:".
    r"|anti[a-z]{4,}s|inhalers|binders|analgesics|opioids|insulins|diuretics|supplements"
    r"|vitamins|eye[ \t]?drops|steroids)"
    # "Meds per pt list dated 06/2026:", "Medications as of 3/1/26:": a date among the words.
    r"\b(?:[ \t]*\([^)\n]{0,30}\))?(?:[ \t]+[a-z]+){0,3}"
    r"(?:[ \t]+[a-z]+[ \t]+\d{1,2}/\d{1,4}(?:/\d{2,4})?)?)"
    r"[ \t]*:",
    re.I | re.M,
)
_INLINE_KINDS = [
    (
        GIVEN_LIST,
        ListKind.GIVEN,
    ),
    (
        re.compile(r"discharge|going home|new prescriptions?|\brx\b|prescri", re.I),
        ListKind.DISCHARGE,
    ),
    (
        re.compile(
            r"home|current|outpatient|pre-?procedure|prior|admission|chronic"
            r"|in-?patient|in-?house|scheduled"
            # The patient's own list as it stood on a day: "Meds per pt list dated 06/2026:".
            r"|\b(?:pt|patient'?s?|own) list\b|\bas of\b|\bdated\b",
            re.I,
        ),
        ListKind.CURRENT,
    ),
]
# A sentence of an allergy section that gives doses or says what was done is not an allergy.
_DOSE_OR_ACT = re.compile(
    r"\d+(?:\.\d+)?\s*(?:mg|mcg|g|units?|ml|meq)\b|premedicat|given|administered|taking|takes"
    r"|continue|held|hold|medications?\s*(?:\([^)]*\))?\s*:",
    re.I,
)
# An unlisted name is still a drug when a dose follows it on a medication list ("Zembrace
# 3 mg"); it must open the line or be capitalised, and not be a word of the sig.
_DOSED_WORD = re.compile(
    r"\b(?P<base>[A-Za-z][a-z]{3,}(?:-[A-Za-z]+)?)(?=\s+\d+(?:\.\d+)?\s*(?:mg|mcg|g|units|mEq)\b"
    r"(?!\s*/\s*d?l))"
)
_NOT_NAMES_TEXT = """
    take takes taking give given dose doses total each with then about over than from plus after
    before every dispense refills tablet tablets tabs capsule capsules sig disp weight load
    loading bolus received receive additional extra another home oral drip infusion start started
    continue continued increase increased decrease decreased reduce reduced change changed stop
    stopped hold held daily twice once also only maximum max night morning evening bedtime were
    was were have with week weeks days hours maybe target goal range limit less more inject
    injects apply instill inhale place insert chew dissolve restart resume"""
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
# A percentage that a volume, a vehicle or a dose follows is a drug's strength: "bupivacaine
# 0.25% 30 mL", "lidocaine 1% with epinephrine", "hydrocortisone 2.5% cream", and the drops,
# sprays and rinses of eye, ear, nose and mouth ("timolol 0.5% 1 gtt OU BID", "azelastine 0.1%
# 1 spray", "chlorhexidine 0.12% oral rinse", "cyclopentolate 1% for dilation"), and one of
# two local anaesthetics or an epidural mix ("lidocaine 1% and bupivacaine 0.5%").
_STRENGTH = (
    r"[ \t]*(?:\d+(?:\.\d+)?[ \t]*(?:ml|cc|gtts?|drops?|sprays?|puffs?|applications?)\b"
    r"|solution|with\b|w/|plain|epinephrine|cream"
    r"|ointment|gel|lotion|topical|infiltrat|local|injection|drops?|patch|spray|jelly|foam"
    r"|shampoo|wash|suspension|enema|suppositor|eye|ophthalmic|nasal|vaginal|[,;)]|$"
    r"|gtts?\b|otic\b|ear\b|oral rinse|rinse|mouthwash|swish|apply\b|for\b"
    r"|(?:and|or|in|plus)\b|[/+]|infusion|epidural"
    r"|(?:bid|tid|qid|qhs|qam|qpm|qd|qod|daily|nightly|prn|ou|od|os|au|ad)\b|q\d+h)"
)
# A concentration that an infusion follows is the bag's, not a level: "fentanyl 2 mcg/mL epidural".
_INFUSED = r"[ \t]*(?:infusion|epidural|pcea|pca\b|drip|gtt|at[ \t]+\d|@|in[ \t])"
# A name followed by these is a laboratory test or a score, not a drug.
_LAB_AFTER = re.compile(
    # "METFORMIN 48 H AFTER CONTRAST": hours, not a result flagged high.
    # Possessive blanks: a long run of them never backtracks.
    r"[ \t]*+[:=]?[ \t]*+\d+(?:\.\d+)?[ \t]*+(?:\(?[HL]\)?|\((?:nl|normal|high|low)\))(?![\w/])"
    r"(?![ \t]+(?:after|before|post|prior|then|of|from|until|later)\b)"
    r"|[ \t]++[RSI](?![\w/])"
    r"|[- ](?:requiring|dependent|treated|resistant|naive|induced|related|associated|sensitive"
    # Foods and products described by what they hold: "iron-fortified formula", "potassium-rich
    # foods", "acetaminophen-containing products".
    r"|exacerbated|fortified|enriched|rich|containing)\b"
    rf"|[ \t]++(?:allergy(?!{lexicon.ALLERGY_PRODUCT_TAIL})|resistance|intermediate|resistant"
    r"|susceptible|sensitive|score|allergies"
    r"|reaction|toothpaste|use disorder|abuse|overdose|withdrawal"
    r"|intolerance|receptor|stimulation|challenge|sensitivity|deficiency|toxicity)\b"
    r"|[ \t]*+(?:(?:level|levels|trough|peak|concentration|assay|screen|panel|test)\b"
    r"|(?:was|is|of|at|:|=)?[ \t]*+[<>]?[ \t]*+\d+(?:\.\d+)?[ \t]*+"
    r"(?:mg/dl|mmol/l|meq/l|ng/ml|mcg/ml(?!" + _INFUSED + r")|pg/ml|g/dl|iu/l|u/l"
    r"|%(?!" + _STRENGTH + r"))(?![a-z]))",
    re.I,
)
# The second drug of an epidural or PCA mix, its concentration after the first's: "bupivacaine
# 0.1% with fentanyl 2 mcg/mL", "ropivacaine 0.2% + fentanyl 2 mcg/mL". A level has no partner.
_MIXED_BEFORE = re.compile(
    r"\d[ \t]*(?:%|mg/ml|mcg/ml)[ \t]*(?:with|and|plus|w/|\+|/)[ \t]*$", re.I
)
_LAB_BEFORE = quick(
    r"(?:serum|plasma|urine|urinary|blood|ionized|free|check|recheck|repeat|monitor|trend"
    r"|follow|low|high|elevated|normal|abnormal)[ \t-]+$",
    re.I,
)
_SCORE_AFTER = re.compile(
    r"[ \t]*(?:class|physical status|ps|score|grade|[IV]{1,3}\b|[1-6]\b(?![ \t]*(?:mg|\d)))", re.I
)
_ALLERGY_NEAR = quick(
    r"allerg|intoleran|anaphyla|hypersensitiv|(?:reaction|sensitivity) to|adverse (?:reaction|"
    r"effect)s? to",
    re.I,
)
_CLAUSE_END = re.compile(r"[.;]")
_REACTION_AFTER = re.compile(
    r"[ \t]*(?:[-\u2013:=(]|->|\u2192|causes?|caused|gives? (?:him|her|them))[ \t]*(?:severe |mild "
    r"|bad |a )?(?:rash|hives|urticaria|itch\w*|pruritus|anaphyla\w*|angioedema|swelling"
    r"|nausea|vomiting|gi upset|upset stomach|myalgias?|muscle aches|cough|diarrh\w*"
    r"|hallucinations|confusion|wheez\w*|throat|lip|tongue|reaction|intoleran\w*|dizz\w*"
    r"|headaches?|syncope|bradycardia|hypotension|rhabdo\w*|stevens|sjs|blisters|hyperkalemia"
    r"|dystonia|akathisia|tendon\w*|palpitations|insomnia|nightmares|edema|candidiasis"
    r"|yeast|jaw|unknown|intolerance)",
    re.I,
)
# Each run of spaces and commas is taken whole (what follows it never opens with one): free to
# split a run among its five places, a long one had millions of readings to try.
_COORDINATION = re.compile(
    # "start vitamin B6 (pyridoxine) 25 mg TID plus doxylamine": from a name in parentheses.
    r"\)?[\s,]*+(?:\d[\w./% -]{0,30}?)?[\s,]*+(?:\([^()\n]{0,40}\))?[\s,]*+"
    # "STOP tretinoin cream and BPO wash": the form of the drug before.
    r"(?:(?:cream|ointment|gel|lotion|wash|foam|drops|patch|inhaler|tablets?|capsules?)\b)?[\s,]*+"
    # "continue ondansetron PRN and dexamethasone": a word of the sig between the names.
    r"(?:(?:prn|p\.r\.n\.|as needed|daily|bid|tid|qid|qhs|at bedtime|nightly)\b)?[\s,]*+"
    r"(?:and|or|&|/|\+|plus|as well as|,)?[\s,]*+"
    # "stop taking your ibuprofen and your glipizide": the possessive said again.
    r"(?:(?:your|his|her|their|the)\s+)?"
    # "Metformin, losartan, oral B12 unchanged": the way the next drug is taken.
    r"(?:(?:oral|inhaled|topical|nasal|transdermal|sublingual|vaginal)\s+)?"
    # The formulation written onto the next name: "gemcitabine/nab-paclitaxel".
    r"(?:nab-|liposomal |pegylated |peg-)?",
    re.I,
)
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")
_NEXT_ENTRY = re.compile(r"\n[ \t]*(?:[-*\u2022]|\d{1,2}[.)])[ \t]")
# From the start of a run of blanks, the run taken whole: tried inside the run too and split
# between its two places, a long run before a word had a cube of readings.
_DANGLING = re.compile(r"(?<![\s,;])[\s,;]++(?:and|or|then|with|w/)?[\s,;]*$", re.I)


@dataclass(slots=True)
class _Layout:
    """Line starts and parenthesised ranges of the note, found once, looked up by bisection."""

    text: str
    line_starts: list[int]
    parens: list[tuple[int, int]]
    paren_starts: list[int]
    # Each mention asks for its line several times (cue, dosing, evidence, setting).
    _lines: dict[int, Seg] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> "_Layout":
        starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        parens: list[tuple[int, int]] = []
        opened: list[int] = []
        for match in re.finditer(r"[()\n]", text):
            if match.group() == "(":
                opened.append(match.start())
            elif match.group() == ")" and opened:
                parens.append((opened.pop(), match.end()))
            elif match.group() == "\n":
                opened.clear()  # a parenthesis never runs over a line
        parens.sort()
        return cls(text, starts, parens, [p[0] for p in parens])

    def line(self, position: int) -> Seg:
        index = bisect_right(self.line_starts, position) - 1
        found = self._lines.get(index)
        if found is None:
            found = self._lines[index] = self._line(index)
        return found

    def _line(self, index: int) -> Seg:
        start = self.line_starts[index]
        end = (
            self.line_starts[index + 1] - 1 if index + 1 < len(self.line_starts) else len(self.text)
        )
        return Seg(start, end)

    def in_parentheses(self, position: int) -> bool:
        index = bisect_right(self.paren_starts, position) - 1
        # Parentheses nest rarely; the innermost that opens before `position` decides.
        return index >= 0 and self.parens[index][0] < position < self.parens[index][1]


@dataclass(frozen=True, slots=True)
class _Name:
    seg: Seg
    drug: Drug | None


@dataclass(frozen=True, slots=True)
class _Mention:
    name: Seg
    drug: Drug | None
    key: str
    section: SectionName
    kind: ListKind
    cue: StatusCue
    evidence: Seg
    dosing: Dosing
    dated: bool = False  # its sentence dates it before this encounter ("3 weeks ago")
    course_days: int | None = None  # the length its order states ("x 7 days")
    verdict: bool = False  # a table row's action column decides it ("| STOP at discharge")
    heads_entry: bool = False  # it opens its line: the entry is this drug's own
    line: int = 0  # where its line starts
    setting: Setting = Setting.KEPT  # the account of what the encounter gave or put forward
    stay: bool = False  # an entry of the stay's own order list ("Current inpatient meds:")
    clocked: bool = False  # its line tells a clock time ("14:10 aspirin 324 mg PO")


def list_kind(section: FoundSection) -> ListKind:
    kind = _LIST_SECTIONS.get(section.name, ListKind.NONE)
    if kind is ListKind.CURRENT and _DISCHARGE_HEADING.search(section.heading):
        return ListKind.DISCHARGE
    if kind is ListKind.CURRENT and _ADMISSION_HEADING.search(section.heading):
        return ListKind.ADMISSION
    return kind


_RECONCILIATION = re.compile(r"\breconcil", re.I)


def _closing_reconciliation(parts: list[FoundSection]) -> list[FoundSection]:
    """A note of a stay whose only list after its hospital course is a "Medication
    reconciliation": that list is the one the stay ends with, its discharge list."""
    course = next((p.span.start for p in parts if p.name is _N.HOSPITAL_COURSE), None)
    if course is None or any(list_kind(p) is ListKind.DISCHARGE for p in parts):
        return parts
    return [
        replace(part, name=_N.DISCHARGE_MEDICATIONS)
        if part.name is _N.MEDICATIONS
        and part.span.start > course
        and _RECONCILIATION.search(part.heading)
        else part
        for part in parts
    ]


def medication_key(name: str) -> str:
    """What identifies a drug across mentions and notes: its ingredient(s) when the vocabulary
    knows the name, else the name in lower case without its salt or release form."""
    found = find_drug_names(name, 0, len(name))
    if len(found) == 1:
        return found[0].drug.key
    return name_key(name)


def _names(doc: Document, content: Seg, kind: ListKind, layout: _Layout) -> list[_Name]:
    found = [
        _Name(Seg(n.start, n.end), n.drug)
        for n in find_drug_names(doc.text, content.start, content.end)
    ]
    if kind is ListKind.NONE:
        return found
    starts = {n.seg.start for n in found}
    ends = [n.seg.end for n in found]
    for match in _DOSED_WORD.finditer(doc.text, content.start, content.end):
        word = Seg(match.start(), match.end())
        if word.start in starts or _NAME_TAIL.fullmatch(
            doc.text, max((e for e in ends if e <= word.start), default=word.start), word.start
        ):
            continue  # "Flonase Allergy Relief 50 mcg", "Tylenol Extra Strength 500 mg"
        if _is_unlisted_name(doc, word, layout):
            found.append(_Name(word, None))
    found.sort(key=lambda n: n.seg.start)
    return [n for i, n in enumerate(found) if i == 0 or n.seg.start >= found[i - 1].seg.end]


# The capitalised words of a product's name after the drug's own: "Flonase| Allergy Relief",
# "Tylenol| Extra Strength": no second drug before the dose.
_NAME_TAIL = re.compile(r"[ \t]+(?:[A-Z0-9][\w'&-]*[ \t]+){0,3}")


def _is_unlisted_name(doc: Document, word: Seg, layout: _Layout) -> bool:
    if doc.slice(word).lower() in _NOT_NAMES or layout.in_parentheses(word.start):
        return False
    line = layout.line(word.start)
    opens_line = re.fullmatch(
        r"[ \t]*(?:[-*•]|\d{1,2}[.)])?[ \t]*", doc.text[line.start : word.start]
    )
    return opens_line is not None or doc.text[word.start].isupper()


@dataclass(frozen=True, slots=True)
class _InlineList:
    start: int
    end: int
    kind: ListKind
    stay: bool = False  # labelled as the stay's orders: "Current inpatient medications:"


def _inline_lists(doc: Document, content: Seg, earlier: bool = False) -> list[_InlineList]:
    """Medication lists that open on a line of their own label inside another section;
    `earlier`: the note is written after a stay that has ended, whose discharge list it quotes."""
    found: list[_InlineList] = []
    for match in _INLINE_LIST.finditer(doc.text, content.start, content.end):
        label = match["label"]
        kind = next((k for pattern, k in _INLINE_KINDS if pattern.search(label)), None)
        if kind is None:
            continue
        if earlier and kind is ListKind.DISCHARGE and _DISCHARGED_WORD.search(label):
            # "Discharge Rx: oxycodone ..." in a call the day after the stay: what the patient
            # came home with and takes now, not this encounter's new prescriptions.
            kind = ListKind.CURRENT
        blank = _BLANK_LINE.search(doc.text, match.end(), content.end)
        end = blank.start() if blank else content.end
        if found and found[-1].end > match.start():
            found[-1] = replace(found[-1], end=match.start())
        stay = kind is ListKind.CURRENT and _STAY_LIST.search(label) is not None
        found.append(_InlineList(match.start(), end, kind, stay))
    return found


def _kind_at(lists: list[_InlineList], position: int, default: ListKind) -> ListKind:
    for inline in lists:
        if inline.start <= position < inline.end:
            return inline.kind
    return default


def _stay_at(lists: list[_InlineList], position: int, default: bool) -> bool:
    """Whether the list a name stands in is the stay's orders."""
    for inline in lists:
        if inline.start <= position < inline.end:
            return inline.stay
    return default


def _near(doc: Document, name: Seg, layout: _Layout) -> Seg:
    """The name's sentence on its line, at most `_REACH` characters either side: an export run
    into one line of one sentence must not make every name read the whole note."""
    sentence = doc.sentence_at(name.start)
    line = layout.line(name.start)
    seg = sentence.seg if sentence else line
    start = max(seg.start, line.start, name.start - _REACH)
    return Seg(start, min(seg.end, line.end, name.end + _REACH))


_REACH = 200


def _allergy_statement(doc: Document, name: Seg, layout: _Layout) -> bool:
    """In an allergy section: a drug named without a dose or an act is an allergen, unless its
    line is a medication list's ("Meds per patient: cetirizine prn" after "Allergies: NKDA")."""
    line = doc.text.rfind("\n", 0, name.start) + 1
    if _MEDICATION_LINE.match(doc.text, line, name.start):
        return False
    if _TOLERATED.search(doc.text, max(line, name.start - 60), name.start):
        return False  # "Tolerates oxycodone and hydromorphone": what the allergy leaves open
    near = _near(doc, name, layout)
    return _DOSE_OR_ACT.search(doc.text, near.start, near.end) is None


# A drug the allergy line says is taken without harm.
_TOLERATED = re.compile(
    r"\b(?:tolerates?|tolerated|tolerating|has taken|can take"
    # What replaced the allergen: "Atorvastatin: leg aches, not allergy; now on rosuvastatin".
    r"|(?:now|currently)[ \t]+(?:on|taking|takes|using)|(?:switched|changed)[ \t]+to)"
    r"\b[^.;:\n]{0,40}$",
    re.I,
)
# A line that opens with a medication list's label: "Meds per patient:", "Current meds:".
_MEDICATION_LINE = re.compile(
    r"[ \t]*(?:[-*\u2022][ \t]*)?(?:(?:current|home|outpatient|active)[ \t]+)?"
    r"(?:meds?|medications?)\b[^:\n]{0,30}:",
    re.I,
)


# A line of its own that labels a medication list: "Pre-procedure meds review:", "Home
# medications (per patient):".
_MEDICATION_LABEL = re.compile(
    r"^[ \t]*[A-Za-z][\w /()-]{0,30}?\b(?:meds?|medications?)\b[^:\n]{0,30}:[ \t]*$",
    re.I | re.M,
)


# Skin preparation, irrigation and packing: antiseptics of the procedure, not the patient's drugs.
_PREP_BEFORE = quick(
    r"\b(?:prepped|prepared|prepped and draped|cleansed|cleaned|scrubbed|packed|irrigated|washed"
    r"|swabbed|painted)\s+(?:\w+\s+){0,4}?(?:with|using|in)\s+(?:[\w%.-]+\s+){0,3}$",
    re.I,
)
_PREP_AFTER = re.compile(r"[- ](?:alcohol|gauze|packing|strips?|swabs?|prep)\b", re.I)
# A wash or a scrub of an antiseptic is a skin preparation ("chlorhexidine wash night before and
# morning of surgery", "CHG scrub"); of a treatment it is the patient's drug ("BPO wash AM").
_WASH_AFTER = re.compile(r"[- ](?:scrub|wash)\b", re.I)
_ANTISEPTICS = frozenset(
    {
        "chlorhexidine",
        "povidone-iodine",
        "iodine",
        "2-propanol",
        "hexachlorophene",
        "hydrogen peroxide",
    }
)


# "ferrous sulfate 325 mg (65 mg iron)": the element a salt holds, not another drug.
_ELEMENT_OF = re.compile(r"\(\s*\d+(?:[.,]\d+)?\s*(?:mg|mcg)\s+(?:of\s+)?(?:elemental\s+)?$", re.I)


def _prep_agent(doc: Document, seg: Seg, drug: Drug | None = None) -> bool:
    if _ELEMENT_OF.search(doc.text, max(0, seg.start - 30), seg.start):
        return True
    if _PREP_AFTER.match(doc.text, seg.end):
        return True
    if _WASH_AFTER.match(doc.text, seg.end) and (drug is None or drug.key in _ANTISEPTICS):
        return True
    return _PREP_BEFORE.search(doc.text, max(0, seg.start - 80), seg.start) is not None


@dataclass(frozen=True, slots=True)
class _Excluded:
    """Spans that name a drug without it being taken, merged and sorted: one bisection each."""

    spans: list[Seg]
    starts: list[int]

    @classmethod
    def of(cls, spans: list[Seg]) -> "_Excluded":
        merged: list[Seg] = []
        for span in sorted(spans, key=lambda s: s.start):
            if merged and span.start <= merged[-1].end:
                merged[-1] = Seg(merged[-1].start, max(merged[-1].end, span.end))
            else:
                merged.append(span)
        return cls(merged, [s.start for s in merged])

    def overlaps(self, seg: Seg) -> bool:
        index = bisect_right(self.starts, seg.end - 1) - 1
        return index >= 0 and self.spans[index].overlaps(seg.start, seg.end)


def _not_a_drug(doc: Document, name: _Name, excluded: _Excluded, layout: _Layout) -> bool:
    """A lab test ("potassium 3.1", "vancomycin trough"), a score ("ASA class II"), an allergen
    or vaccine, or a name inside an allergy statement."""
    seg = name.seg
    if excluded.overlaps(seg):
        return True
    after = doc.text[seg.end : seg.end + 40]
    if _LAB_AFTER.match(after) and not _MIXED_BEFORE.search(
        doc.text, max(0, seg.start - 30), seg.start
    ):
        return True
    if _LAB_BEFORE.search(doc.text, max(0, seg.start - 12), seg.start):
        return True
    if name.drug is not None and name.drug.ingredient == "aspirin" and _SCORE_AFTER.match(after):
        return doc.slice(seg).lower() == "asa"
    if _prep_agent(doc, seg, name.drug) or _antibiogram(doc, seg, layout) or _device(doc, seg):
        return True
    if _person(doc, seg) or _OPERATING_TABLE.match(doc.text, seg.end):
        return True
    if _FLUID_AFTER.match(doc.text, seg.end) or _FLUID_BEFORE.search(
        doc.text, max(0, seg.start - 12), seg.start
    ):
        return True  # an IV fluid (LABELLING: not a medication)
    return _allergy_test(doc, seg) or is_allergen(doc, seg, layout)


# A brand that is also a given name or a surname ("Camila", "Hana", "Lamb") names a person when
# credentials follow it on its line ("Hana Lindqvist, MD", "S. Vasquez-Lamb MD") or a title
# goes before it ("Dr. Camila Esterhazy").
_NAME_WORD = re.compile(r"[A-Z][^\W\d_A-Z]+")
_CREDENTIALS_AFTER = re.compile(
    r"(?:[ \t-]+[A-Z][\w'-]*\.?){0,3},?[ \t]+"
    r"(?:MD|DO|NP|PA-C|PA|RN|CRNA|DDS|DMD|PhD|APRN|FNP|FNP-C|MBBS|PharmD|RPh|PT|DPT)\b"
)
_TITLE_BEFORE = re.compile(r"\b(?:Dr|Doctor|Nurse)\.?[ \t]+(?:[A-Z][\w'-]*\.?[ \t]+)?$")
# An IV fluid named by its solute: "isotonic sodium bicarbonate (150 mEq/L) at 100 mL/h".
_FLUID_AFTER = re.compile(r"[ \t]*\(?[ \t]*\d+(?:\.\d+)?[ \t]*mEq/L\b", re.I)
_FLUID_BEFORE = re.compile(r"\b(?:isotonic|hypertonic)[ \t]+$", re.I)
# An operating table of a brand that is also a drug's: "supine on the Hana table".
_OPERATING_TABLE = re.compile(r"[ \t]+(?:table|frame)\b", re.I)


def _person(doc: Document, seg: Seg) -> bool:
    if not _NAME_WORD.fullmatch(doc.slice(seg)):
        return False
    return bool(
        _CREDENTIALS_AFTER.match(doc.text, seg.end)
        or _TITLE_BEFORE.search(doc.text, max(0, seg.start - 30), seg.start)
    )


# A skin test's results name the allergens tested and their wheals, never a dose: "TESTING
# (skin prick): peanut 11 mm, pistachio 6 mm, D. farinae 8 mm".
_WHEAL_AFTER = re.compile(r"[ \t]*+[:=]?[ \t]*+\d+(?:\.\d+)?[ \t]*+mm\b", re.I)
_ALLERGY_TESTING = re.compile(
    r"\b(?:skin[ \t-]+(?:prick|puncture|test)|prick[ \t-]+test|intradermal|SPT|wheals?)\b", re.I
)
_ALLERGY_TESTING_REACH = 300


def _allergy_test(doc: Document, seg: Seg) -> bool:
    if not _WHEAL_AFTER.match(doc.text, seg.end):
        return False
    start = max(0, seg.start - _ALLERGY_TESTING_REACH)
    return _ALLERGY_TESTING.search(doc.text, start, seg.start) is not None


# Abbreviations that also name a device or a procedure: "PCN placement" is a percutaneous
# nephrostomy, "PEG tube" a gastrostomy, "decompression by PCN" no penicillin.
_DEVICE_AFTER = re.compile(
    r"[ \t]*(?:tubes?|catheters?|drains?)?[ \t]*(?:placement|placed|insertion|inserted|exchange"
    r"|removal|removed|site|output|care|check|tube|catheter|drain|dressing)\b",
    re.I,
)
_DEVICE_BEFORE = re.compile(r"\b(?:by|via|through|bilateral|right|left|[RL])[ \t]+$", re.I)
_ABBREVIATION = re.compile(r"[A-Z]{2,4}s?")


def _device(doc: Document, seg: Seg) -> bool:
    if not _ABBREVIATION.fullmatch(doc.slice(seg)):
        return False
    return bool(
        _DEVICE_AFTER.match(doc.text, seg.end)
        or _DEVICE_BEFORE.search(doc.text, max(0, seg.start - 12), seg.start)
    )


# A culture's susceptibilities name drugs tested, not taken: "resistant to ampicillin and
# cefazolin, susceptible to nitrofurantoin".
_SUSCEPTIBILITY = re.compile(
    r"\b(?:resistant|susceptible|sensitive|intermediate|resistance|susceptibility)\s+(?:to|for)\b",
    re.I,
)
_SUSCEPTIBILITY_REACH = 150


def _antibiogram(doc: Document, seg: Seg, layout: _Layout) -> bool:
    sentence = doc.sentence_at(seg.start)
    opening = sentence.seg.start if sentence else layout.line(seg.start).start
    start = max(opening, seg.start - _SUSCEPTIBILITY_REACH)
    last = next(reversed(list(_SUSCEPTIBILITY.finditer(doc.text, start, seg.start))), None)
    if last is None:
        return False
    # "sensitive to nitrofurantoin, so started nitrofurantoin": a verb ends the list.
    between = Seg(last.end(), seg.start)
    if re.search(r"[.;:]", doc.slice(between)):
        return False
    return BEFORE_CUE.search(doc.text, between.start, between.end) is None


def is_allergen(doc: Document, seg: Seg, layout: _Layout) -> bool:
    """ "allergic to penicillin", "PCN allergy", "simvastatin - severe myalgias"."""
    if _reason_with_reaction(doc, seg):
        return True
    if _REACTION_AFTER.match(doc.text, seg.end) and not _ordered_for_its_effect(doc, seg, layout):
        return True
    sentence = doc.sentence_at(seg.start)
    line = layout.line(seg.start)
    start = max(seg.start - 60, line.start, sentence.seg.start if sentence else 0)
    end = min(seg.end + 30, line.end, sentence.seg.end if sentence else line.end)
    # Exports run sentences together (".,ALLERGIES:,"): a period still ends the clause, and a
    # semicolon opens another ("penicillin skin testing; meanwhile azithromycin 500 mg").
    start = max(start, doc.text.rfind(".", start, seg.start) + 1)
    if not _ALLERGY_LABEL_BEFORE.search(doc.text, start, seg.start):
        start = max(start, doc.text.rfind(";", start, seg.start) + 1)
    stop = _CLAUSE_END.search(doc.text, seg.end, end)
    end = stop.start() if stop else end
    before = _allergy_words(doc, start, seg.start)
    if before and (
        _AND_TAKES.search(doc.text, before[-1].end(), seg.start)
        or (
            _AND_BEFORE.search(doc.text, before[-1].end(), seg.start)
            and _SUBJECT_VERB.match(doc.text, seg.end)
        )
    ):
        # "She is allergic to shellfish and takes lisinopril", "allergic to sulfa and metformin
        # is continued": a new clause names what she takes.
        return bool(_allergy_words(doc, seg.end, end))
    if before and _GIVEN_FOR_IT.search(doc.text, before[-1].end(), seg.start):
        # "Allergy to IV contrast - premedicated with prednisone 50 mg": given for the allergy.
        return bool(_allergy_words(doc, seg.end, end))
    return bool(_allergy_words(doc, start, end))


# An order right before the name: "Hold propranolol (hypotension)", "stop lisinopril (cough)".
_ORDER_BEFORE = re.compile(
    r"\b(?:hold|stop|discontinue|d/c|wean(?: off)?|taper(?: off)?|decrease|reduce)[ \t]+"
    r"(?:(?:the|his|her|their|home)[ \t]+)?$",
    re.I,
)


def _ordered_for_its_effect(doc: Document, seg: Seg, layout: _Layout) -> bool:
    """A hold or stop ordered with the effect that calls for it after the name: the drug taken
    and now held or stopped, not an allergy, unless an allergy label heads the line."""
    line = layout.line(seg.start)
    if not _ORDER_BEFORE.search(doc.text, max(line.start, seg.start - 20), seg.start):
        return False
    return not _ALLERGY_NEAR.search(doc.text, line.start, seg.start)


# An allergy list's label: its items run on after semicolons ("Allergies: PCN; sulfa; codeine").
_ALLERGY_LABEL_BEFORE = re.compile(r"\b(?:allerg\w*|intolerances?|ADRs?)\b[^:\n]{0,30}:", re.I)


def _allergy_words(doc: Document, start: int, end: int) -> list[re.Match[str]]:
    """The words of an allergy between `start` and `end`, never the "Allergy" of a product's
    name ("Flonase Allergy Relief 50 mcg", "Zyrtec Allergy 10 mg daily")."""
    found = _ALLERGY_NEAR.finditer(doc.text, start, end)
    return [m for m in found if not lexicon.ALLERGY_PRODUCT.match(doc.text, m.start())]


def _reason_with_reaction(doc: Document, seg: Seg) -> bool:
    """A drug named with its reaction as the reason for a choice: "avoiding cephalexin given
    cefaclor hives", "aztreonam because of her PCN anaphylaxis", "due to the Bactrim rash".
    A history item ("previous sulfasalazine rash (2023)") still tells of the drug taken."""
    return bool(
        _REACTION_NEXT.match(doc.text, seg.end)
        and _AS_A_REASON.search(doc.text, max(0, seg.start - 40), seg.start)
    )


_AS_A_REASON = re.compile(
    r"\b(?:given|because of|due to|d/t|secondary to|in view of|owing to|per)[ \t]+"
    r"(?:(?:her|his|their|the|a|an|known|documented|reported|prior|previous)[ \t]+)*$",
    re.I,
)
# An allergic reaction written straight after the drug: what it did ("cefaclor hives"), not a
# treatment for it ("hydrocortisone rash cream", "cetirizine hives regimen").
_REACTION_NEXT = re.compile(
    r"[ \t]++(?:hives|urticaria|anaphyla\w*|angioedema|rash)\b"
    r"(?![ \t]*+(?:cream|ointment|lotion|relief|protocol|treatment|regimen|resolved|improv\w*"
    r"|better|cleared|controlled|flare))",
    re.I,
)


# The drug opens a clause of its own: "and metformin is continued", "and cefazolin was given".
_AND_BEFORE = re.compile(r"\b(?:and|but)\s+(?:(?:the|her|his|their)\s+)?$", re.I)
_SUBJECT_VERB = re.compile(
    r"[ \t]++(?:is|was|were|are|has been|had been|will be|remains|continues|continued|to be)\b",
    re.I,
)
_GIVEN_FOR_IT = re.compile(r"\b(?:pre-?medicated|pre-?treated|treated)\s+with\b", re.I)
_AND_TAKES = re.compile(
    r"(?:[,;]|\band|\bbut)\s+(?:(?:he|she|they|also|still|currently)\s+)*(?:takes|is taking|uses"
    r"|is on|remains on|continues(?: on)?|was started on|is prescribed)\b"
    r"|;\s+(?:currently\s+)?on\b|;\s+(?:continue|resume|restart|start|give)\b",
    re.I,
)


# ".,DISCHARGE MEDICATIONS:", "new.,2.  Lisinopril", but not "b.i.d., continue".
_EXPORT_JOIN = re.compile(r"\.,(?=[ \t]*[A-Z0-9])")


def _window_start(doc: Document, name: Seg, previous: Seg | None, layout: _Layout) -> int:
    sentence = doc.sentence_at(name.start)
    start = sentence.seg.start if sentence else layout.line(name.start).start
    # An export run into one sentence must not make each name read the whole note.
    start = max(start, name.start - _REACH)
    if previous is not None:
        start = max(start, previous.end)
        if _entries_of_a_list(doc, previous, name, layout):
            start = max(start, layout.line(name.start).start)
    semicolon = doc.text.rfind(";", start, name.start)
    start = semicolon + 1 if semicolon >= 0 else start
    # An export joins sentences and list entries with ".,": each is a clause of its own.
    for joined in _EXPORT_JOIN.finditer(doc.text, start, name.start):
        start = joined.end()
    return start


# What may open a list entry before its drug: indent, a bullet or a number.
_ENTRY_OPENING = re.compile(r"[ \t]*(?:[-*\u2022>]|\d{1,2}[.)])?[ \t]*")


# A timeline's entry: "23:30  levetiracetam 1,000 mg IV load, then ... started".
_TIMED_OPENING = re.compile(
    r"[ \t]*(?:[-*\u2022][ \t]*)?(?:[01]\d|2[0-3]):?[0-5]\d[ \t]*[-:]?[ \t]*"
)


# An entry that opens with a generic name before the brand the finder read last:
# "atorvastatin (LIPITOR) 40 mg tablet - ...", "insulin glargine (LANTUS) ...".
_ENTRY_BEFORE_BRAND = re.compile(
    r"[ \t]*(?:[-*\u2022>]|\d{1,2}[.)])?[ \t]*[A-Za-z][\w-]*(?:[ \t]+[A-Za-z][\w-]*){0,2}[ \t]*\(",
)


def _entries_of_a_list(doc: Document, previous: Seg, name: Seg, layout: _Layout) -> bool:
    """ "famotidine 20 mg PRN - continue / omeprazole 40 mg - DISCONTINUED": each drug opens its
    own line and the words after the first close its entry, so they are not cues of the next."""
    line, before = layout.line(name.start), layout.line(previous.start)
    if before.end > line.start or doc.text[before.end : line.start].strip():
        return False  # the same line, or a label line between ("STOP taking these:")
    opens = _ENTRY_OPENING.fullmatch(doc.text, line.start, name.start)
    opened = (
        _ENTRY_OPENING.fullmatch(doc.text, before.start, previous.start)
        or _ENTRY_BEFORE_BRAND.fullmatch(doc.text, before.start, previous.start)
        or _TIMED_OPENING.fullmatch(doc.text, before.start, previous.start)
    )
    return bool(opens and opened and AFTER_CUE.search(doc.text, previous.end, before.end))


def _before_cue(
    doc: Document, window: Seg, name: Seg, layout: _Layout, before: Seg | None = None
) -> StatusCue | None:
    chosen: re.Match[str] | None = None
    for match in BEFORE_CUE.finditer(doc.text, window.start, window.end):
        if not layout.in_parentheses(match.start()) or layout.in_parentheses(name.start):
            chosen = match
    if chosen is None:
        return None
    if name.start - chosen.end() > reach(chosen):
        return None
    if _closes_the_entry_before(doc, before, chosen, name):
        return None
    status = cue_status(chosen)
    if KEEP.match(chosen.group()) and (
        KEPT_OFF.match(doc.text, name.end)
        or not _KEPT_OBJECT.fullmatch(doc.text, chosen.end(), name.start)
    ):
        # "Keep lisinopril on hold": the words after the name say it; "keep K > 4 with
        # potassium chloride": a target is kept, the drug that reaches it is another order.
        return None
    if status in (_S.STOPPED, _S.HELD) and _ANSWERED_NO.match(doc.text, name.end):
        # "Hold allopurinol? No - he may continue it": the stop asked and declined.
        return StatusCue(_S.CONTINUED, CUE_RANK, chosen.start())
    if status in (_S.STOPPED, _S.HELD) and _WAITS_ON.search(doc.text, chosen.end(), name.start):
        # "Wean diltiazem off over 4-6 h once two doses of metoprolol in": the stop is the
        # earlier drug's; the one named in what it waits on is not stopped.
        return None
    return StatusCue(status, CUE_RANK, chosen.start())


# The words a "keep" of the drug itself has before its name: "keep taking the amlodipine",
# "keep her on apixaban", "keep using the Fostair inhaler".
_KEPT_OBJECT = re.compile(
    r"[ \t]*(?:(?:taking|using|giving|on|her|him|them|the|his|your|patient|pt)[ \t]+){0,3}",
    re.I,
)
# A question the note answers no: "Hold allopurinol? No - ...", "stop donepezil? No, continue".
_ANSWERED_NO = re.compile(r"[ \t]*\?[ \t]*(?:[-\u2013:][ \t]*)?no\b", re.I)
# What a stop waits on, between the verb and a later name: "once", "when", "after", "until".
_WAITS_ON = re.compile(
    r"\b(?:once(?! (?:daily|weekly|monthly|a |per |more|again|only)\b)|when|until|till)\b", re.I
)


# What ends one drug's entry in a run-on list: a comma, ";" or a new line.
_ENTRY_BREAK = re.compile(r"[,;\n]")


def _closes_the_entry_before(
    doc: Document, before: Seg | None, cue: re.Match[str], name: Seg
) -> bool:
    """ "lisinopril 10 mg daily - discontinued, metoprolol 25 mg BID", "Lisinopril held for AKI,
    metoprolol": a cue that follows the drug before, with only its own sig between, and a break
    after it, closes that drug's entry; it is not the next drug's leading cue."""
    if before is None or cue.start() < before.end:
        return False
    attached = _ENTRY_BREAK.search(doc.text, before.end, cue.start()) is None
    return attached and _ENTRY_BREAK.search(doc.text, cue.end(), name.start) is not None


def _after_cue(doc: Document, name: Seg, end: int) -> StatusCue | None:
    """The first status word after the name; but "held on admission, resumed on day 3" tells
    of a pause that ended: the resumption decides."""
    found = (
        match
        for match in AFTER_CUE.finditer(doc.text, name.end, end)
        # "| Not prescribed | Continue |": a start denied is none; a later column decides.
        if cue_status(match) is not _S.STARTED
        or not _DENIED_START.search(doc.text, max(name.end, match.start() - 24), match.start())
    )
    first = next(found, None)
    if first is None:
        return None
    status = cue_status(first)
    if status in _ENDED_LATER and _ended_later(doc.text, first, end):
        # "Norepinephrine started 01/09, peak 0.18 mcg/kg/min, weaned off 01/11": the start
        # and then the stop, told in one clause; the stop is where the drug stands.
        return StatusCue(_S.STOPPED, CUE_RANK)
    if status is _S.STARTED:
        kept = _kept_after_the_aside(doc.text, name, first, end)
        if kept is not None:
            return kept
    if status is _S.PROPOSED and _ACCEPTED.search(doc.text, first.end(), end):
        return StatusCue(_S.STARTED, CUE_RANK)  # "nicotine patch offered - pt agreeable"
    if (
        status in (_S.HELD, _S.STOPPED)
        and _LATER_STOP.search(doc.text, name.end, first.start())
        and _STOP_CONDITION.match(doc.text, first.end())
    ):
        # "it should be stopped if his eGFR falls below 30": a rule for later, not a stop.
        return StatusCue(_S.UNKNOWN, NO_RANK)
    if status in (_S.HELD, _S.STOPPED):
        resumed = next((m for m in found if cue_status(m) is _S.RESUMED), None)
        # "lisinopril on hold, resume when Cr < 1.2": the resumption is still to come.
        if resumed is not None and not _resumes_later(doc.text, resumed, end):
            status = _S.RESUMED
    if (
        status is _S.RESUMED
        and _TO_RESUME.match(first.group())
        and RESUME_LATER.search(doc.text, first.end(), end)
        and not medication_tense.resumes_today(doc.text, first.end(), end)
    ):
        return StatusCue(_S.HELD, CUE_RANK)  # "losartan resume POD1 if BP allows"
    if (
        status is _S.RESUMED
        and _LATER.search(doc.text, max(name.end, first.start() - 24), first.start())
        and not _NOW.match(doc.text, first.end())
    ):
        status = _S.HELD  # "apixaban may be restarted on 06/10": held until then
    return StatusCue(status, CUE_RANK)


# A start, a change or a resumption that a stop told after it in the same clause may end.
_ENDED_LATER = {_S.STARTED, _S.CHANGED, _S.RESUMED}
_BEGUN_AGAIN = {_S.STARTED, _S.CHANGED, _S.RESUMED, _S.CONTINUED}
# The stop told as done: "stopped 01/11", "weaned off", "discontinued at transfer". Not an order
# or a rule still to come ("stop if rash", "x 5 days, then stop"): those leave the start.
_STOP_DONE = re.compile(
    r"(?:stopped|discontinued|d/c'?d|dc'?d|completed|finished|(?:turned|weaned|switched|shut"
    r"|titrated) off|(?:is|are|was|were|been)(?: (?:now|all|both))? off|off)\b",
    re.I,
)


def _ended_later(text: str, first: re.Match[str], end: int) -> bool:
    """Whether a stop told as done follows the first cue in its clause, and nothing after that
    stop begins the drug again."""
    later = [
        m for m in AFTER_CUE.finditer(text, first.end(), end) if cue_status(m) is not _S.PROPOSED
    ]
    stop = next(
        (
            i
            for i, m in enumerate(later)
            if cue_status(m) is _S.STOPPED and _STOP_DONE.match(m.group()) is not None
        ),
        None,
    )
    if stop is None:
        return False
    return not any(cue_status(m) in _BEGUN_AGAIN for m in later[stop + 1 :])


def _kept_after_the_aside(text: str, name: Seg, first: re.Match[str], end: int) -> StatusCue | None:
    """ "aspirin 81 mg daily (started at 12 weeks) - continue to 36 weeks": a start told in an
    aside of the entry, then the entry's own verdict to go on: the drug is continued."""
    opened = text.rfind("(", name.end, first.start())
    if opened < 0 or text.find(")", opened, first.start()) >= 0:
        return None
    closed = text.find(")", first.end(), end)
    if closed < 0:
        return None
    after = AFTER_CUE.search(text, closed + 1, end)
    if after is None or cue_status(after) is not _S.CONTINUED:
        return None
    return StatusCue(_S.CONTINUED, CUE_RANK)


def _resumes_later(text: str, resumed: re.Match[str], end: int) -> bool:
    """ "Resume when eating", "restart POD 1 if BP allows": an order to resume later."""
    return (
        _TO_RESUME.match(resumed.group()) is not None
        and RESUME_LATER.search(text, resumed.end(), end) is not None
        and not medication_tense.resumes_today(text, resumed.end(), end)
    )


# A stop said to be owed, on a condition after it: "should be stopped if", "would need to be
# held when", "can be discontinued once apixaban is started".
_LATER_STOP = re.compile(
    r"\b(?:should|would|will|may|might|can|could|must)(?: (?:need|have) to)? be\s+$", re.I
)
_STOP_CONDITION = re.compile(
    r"[ \t]*(?:\w+[ \t]+)?(?:if|when|whenever|once|unless|should|at that point|in the event)\b",
    re.I,
)
_DENIED_START = re.compile(r"\bnot[ \t]+(?:(?:yet|been|being)[ \t]+)?\Z", re.I)
_DO_NOT_TAKE = re.compile(r"\b(?:do not|don't|not to|no)\s+(?:take|give|use)\s+(?:your\s+)?$", re.I)
# "do not restart until the potassium is checked": the name is the condition's, not the drug's.
_UNTIL = re.compile(r"\b(?:until|unless|before|till)\b", re.I)
# "you may restart it today": a resumption allowed from now on is made now.
_NOW = re.compile(r"(?:\s+(?:it|them|this|taking))?\s+(?:today|now|tonight|this evening)\b", re.I)
# Said before a resumption still to come: "may be restarted", "plan to restart". Not a bare
# "may": "May resume fish oil" allows it from now; "may resume after surgery" waits on the
# event after it (RESUME_LATER), "then may restart" on the step before it.
_LATER = re.compile(
    r"(?:\b(?:may|might|can|could|will|would|should|to) be|\bplan(?:s|ned)? to|\bwill"
    # "Finish enoxaparin 03/20, then may restart celecoxib": after another step.
    r"|\bthen (?:may|can)"
    r"|\b(?:reasonable|safe|okay|ok|due|able) to)\s+$",
    re.I,
)


# What lies between the verb of a switch and the drug switched to: the old drug and its dose.
_SWITCHED_TO = re.compile(r"[^.;:\n]{1,80}?\s(?:to|by)\s+", re.I)
# "Changed her Symbicort and Spiriva to Trelegy": drugs joined by "and" are switched together.
_SWITCHED_WITH = re.compile(r"[^.;:\n]{0,80}?(?:,|\band|&)\s*", re.I)
_SWITCHED_FROM = re.compile(
    r"\s+(?:over\s+)?(?:to|with)\s+[^.;:\n]{1,60}?\s(?:from|off)\s+(?:(?:the|her|his)\s+)?"
    r"(?:(?:IV|intravenous|oral|PO|IM|SC|subcutaneous|inhaled)\s+)?",
    re.I,
)
_JOINED_DRUGS = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)", re.I)
_THEN_TO = re.compile(r"[^.;:\n]{0,40}?\bto\s+(?:the\s+)?", re.I)


def _switched_together(doc: Document, name: Seg, following: Seg) -> bool:
    """ "Changed Symbicort and Spiriva to Trelegy": the drug joined to the next one, and that one
    switched to a third drug (not "increased metoprolol and lisinopril to max doses")."""
    if not _JOINED_DRUGS.fullmatch(doc.text, name.end, following.start):
        return False
    to = _THEN_TO.match(doc.text, following.end)
    if to is None:
        return False
    new = find_drug_names(doc.text, to.end(), to.end() + 40)
    if not new or new[0].start != to.end():
        return False
    return not _same_drug(doc, Seg(new[0].start, new[0].end), name)


def _switch(
    doc: Document, window: Seg, name: Seg, following: Seg | None, clause: Seg | None = None
) -> StatusCue | None:
    """ "Change A to B": A stops, B starts; "change A to 20 mg" changes A."""
    cue = SWITCH_CUE.search(doc.text, window.start, window.end)
    if cue is None and clause is not None:
        # "Switch ondansetron to haloperidol": the verb stands before the drug switched from.
        cue = SWITCH_CUE.search(doc.text, clause.start, clause.end)
        if cue is not None and _SWITCHED_FROM.fullmatch(doc.text, cue.end(), name.start):
            # "Switched to atorvastatin from simvastatin": the drug switched from, last.
            old = _same_drug(doc, Seg(cue.end(), name.start), name)
            return StatusCue(_S.CHANGED if old else _S.STOPPED, CUE_RANK, cue.start())
        if cue is None or not (
            _SWITCHED_TO.fullmatch(doc.text, cue.end(), name.start)
            or _SWITCHED_WITH.fullmatch(doc.text, cue.end(), name.start)
        ):
            return None
    if cue is None:
        return None
    if re.search(r"\b(?:to|by)\s*$", doc.text[cue.end() : name.start]):
        # "switched to B", "replaced by B"; "change metoprolol tartrate to metoprolol
        # succinate" names one drug twice: a new form of it.
        old = _same_drug(doc, Seg(cue.end(), name.start), name)
        old = old or _heads_its_change(doc, cue.start(), name)
        return StatusCue(_S.CHANGED if old else _S.STARTED, CUE_RANK, cue.start())
    if following is not None and SWITCH_TO.match(doc.text[name.end : following.start]):
        same = _same_drug(doc, following, name)
        return StatusCue(_S.CHANGED if same else _S.STOPPED, CUE_RANK, cue.start())
    if following is not None and _switched_together(doc, name, following):
        return StatusCue(_S.STOPPED, CUE_RANK, cue.start())
    return StatusCue(_S.CHANGED, CUE_RANK, cue.start())


# Between an entry's drug and its verb: "Metoprolol: change to", "Metoprolol - switch to".
_ENTRY_JOIN = re.compile(r"[ \t]*[:\-\u2013]?[ \t]*")


def _heads_its_change(doc: Document, cue: int, name: Seg) -> bool:
    """ "Metoprolol: change to metoprolol succinate 50 mg daily": the entry opens on the drug
    the change is of, so the drug switched to is a new form of it."""
    start = max(doc.text.rfind("\n", 0, cue) + 1, cue - 40)
    key = medication_key(doc.slice(name))
    return any(
        found.drug.key == key and _ENTRY_JOIN.fullmatch(doc.text, found.end, cue) is not None
        for found in find_drug_names(doc.text, start, cue)
    )


def _same_drug(doc: Document, where: Seg, name: Seg) -> bool:
    """Whether `where` names the drug `name` names (another salt or release form of it)."""
    key = medication_key(doc.slice(name))
    return any(found.drug.key == key for found in find_drug_names(doc.text, where.start, where.end))


def _historical(doc: Document, scopes: list[Scope], name: Seg, window: Seg) -> StatusCue | None:
    """ "History of warfarin use", "h/o amiodarone": the drug right after a cue of the past."""
    for scope in scopes:
        close = window.start <= scope.trigger.start and name.start - scope.trigger.end <= 3
        if scope.context is Context.HISTORICAL and close:
            if _AFTER_A_DOSE.fullmatch(doc.slice(scope.trigger)):
                # "s/p magnesium 2 g IV", "status post a 2 L bolus": a dose given, not a past drug.
                return StatusCue(_S.GIVEN, CUE_RANK, scope.trigger.start)
            return StatusCue(_S.HISTORICAL, CUE_RANK, scope.trigger.start)
    return None


_AFTER_A_DOSE = re.compile(r"s/p|status[- ]post", re.I)


def _cue_end(text: str, cue: StatusCue, window: Seg) -> int:
    """Where a cue's words end: an aside inside a condition the cue opens with ("If still
    vomiting despite max Diclegis, may add ondansetron") is of the condition, not the drug."""
    if cue.start is None:
        return window.start
    found = BEFORE_CUE.match(text, cue.start)
    return found.end() if found is not None else cue.start


def _denied_by_label(scopes: list[Scope], label_end: int) -> bool:
    """The name is denied, and every denial over it starts in the line's label."""
    denials = [s for s in scopes if s.context is Context.NEGATED]
    return bool(denials) and all(s.trigger.start < label_end for s in denials)


def _cue_overrides_denial(doc: Document, window: Seg, scopes: list[Scope]) -> bool:
    """ "no indication for both.,2. Start Toprol XL": a denial whose trigger lies before the
    clause of the name does not outweigh the verb right before it."""
    last = None
    for found in BEFORE_CUE.finditer(doc.text, window.start, window.end):
        last = found
    if last is None or cue_status(last) is _S.CONTINUED:
        return False
    if cue_status(last) in (_S.PROPOSED, _S.HISTORICAL) or _TIME_OF.search(
        doc.text, max(0, last.start() - 12), last.start()
    ):
        # "- no, may use ibuprofen", "6 months after starting ocrelizumab": no act of its own.
        return all(s.trigger.start < window.start for s in scopes if s.context is Context.NEGATED)
    # "no fractures - moderate risk: STOP alendronate": a verb after the denial's trigger
    # begins a statement of its own.
    return all(
        scope.trigger.start < window.start
        or (
            scope.trigger.end <= last.start()
            and _BREAK.search(doc.text, scope.trigger.end, last.start()) is not None
        )
        for scope in scopes
        if scope.context is Context.NEGATED
    )


_SWITCHED = re.compile(
    # "simvastatin 20 mg tablet - replaced by atorvastatin": the dosing may come between.
    r"(?:[ \t]*[\w./%]+(?:[ \t]+[\w./%]+){0,4}?)??"
    r"[ \t]*(?:\([^)\n]{0,40}\)[ \t]*)?,?[ \t]*(?:[-\u2013][ \t]*)?"
    r"(?:was |were |has been |is being |then )?"
    r"(?:changed|switched|transitioned|converted|narrowed|de-?escalated|stepped down|replaced)"
    r"[ \t]+(?:over[ \t]+)?(?:to|with|by)\b",
    re.I,
)


# An entry's own words that deny taking it: "- do not use", "do not take while on X".
_DENIED_ENTRY = re.compile(
    r"\b(?:do not|don't|never|no longer)\s+(?:take|use|restart|resume)\b"
    r"|\bnot to be (?:taken|used)\b",
    re.I,
)
_AVOID = re.compile(
    r"\b(?:avoid(?:ance of|ing)?|do not (?:take|use|give|restart|resume)|don't (?:take|use)"
    r"|should not (?:take|use|be given)|abstain from|contraindicated|not (?:a )?candidate for)\b",
    re.I,
)
# Said after the name: "Loperamide: not ordered - avoid", "sitagliptin should not be combined
# with a GLP-1 agonist", "metformin is contraindicated", "Cinacalcet not added."
_NOT_BEGUN = r"not (?:(?:yet|been|being) )?(?:ordered|prescribed|added|started|initiated|begun)\b"
_AVOIDED = re.compile(
    r"[ \t]*(?:[:,\u2013-][ \t]*)?(?:(?:is|are|was|were|has|have)[ \t]+)?(?:should not be (?:used"
    r"|combined|taken|given|restarted|resumed)|not to be (?:used|taken|given)|contraindicated"
    rf"|{_NOT_BEGUN}|not recommended|to be avoided|avoid(?:ed)?\b)",
    re.I,
)
# A reconciliation table's verdict column: "Potassium chloride ER 10 mEq   --   --   Not
# prescribed - recheck K": the row's drug was never begun, whatever its dose columns say.
_NOT_BEGUN_COLUMN = re.compile(
    rf"[^.;\n]{{0,80}}?(?:[ \t]{{2,}}|\t|[ \t][-\u2013|][ \t]|\|[ \t]*)(?:{_NOT_BEGUN})", re.I
)
# A later column of the same row that takes the drug up again: "| Not ordered - procedure |
# Resume |". The row's last verdict (discharge, plan) decides, not its inpatient cell.
_LATER_CELL = re.compile(
    r"(?:[ \t]{2,}|\t|\|)[ \t]*(?P<cell>[^|\t\n]*?\w[^|\t\n]*?)(?=[ \t]{2,}|\t|\||$)"
)
_TAKEN_UP = re.compile(
    r"\b(?:continu\w*|resum\w*|restart\w*|start\w*|re-?start\w*|yes|same|new|chang\w*"
    r"|increas\w*|decreas\w*|reduc\w*|titrat\w*|home dose)\b",
    re.I,
)


def _not_begun_in_row(text: str, start: int, line_end: int) -> bool:
    """A reconciliation row whose final verdict is "not ordered/not prescribed": no later column
    restarts the drug ("Atorvastatin 40 mg   Not ordered   Continue" goes on at discharge)."""
    found = _NOT_BEGUN_COLUMN.match(text, start, line_end)
    if found is None:
        return False
    return not any(
        _TAKEN_UP.search(cell.group("cell"))
        for cell in _LATER_CELL.finditer(text, found.end(), line_end)
    )


# "discuss whether to resume or change to X": the acts after a proposal are its content.
# Words that make a drug the circumstance of a proposal, not its object.
_ASIDE = re.compile(
    r"\b(?:than|unlike|despite|because|due to|with (?:his|her|their|the patient's)|once|until"
    r"|while)\b",
    re.I,
)
# "hold metformin if creatinine rises": an instruction for later, not a hold now.
_CONDITION = re.compile(
    r"[ \t]*(?:\d[\w./ -]{0,20}?[ \t]*)?(?:if|when|whenever|on (?:sick|procedure) days)\b", re.I
)
# "if not eating, hold ...", "on sick days: stop ...": a condition, then its comma or colon.
_CONDITION_FIRST = re.compile(
    r"\b(?:if|when|whenever|on (?:sick|procedure) days?|sick[- ]day (?:plan|rules?))\b"
    r"[^.;\n]{0,60}?[,:]",
    re.I,
)
# A condition that opens a sentence, closed by its comma: "If still active at the next visit, ".
# Not "when" ("When seen, started lisinopril" tells what was done).
_IF_FIRST = re.compile(
    r"(?:^|(?<=[\s(]))(?:if|unless|should)\b(?:[^.;\n]|(?<=\d)\.(?=\d)){0,80}?,", re.I
)
# What may stand before a condition that opens a sentence: a bullet, a number, a label ("Plan:",
# "2. Hyperkalemia -"). Blanks taken whole: a long run split three ways.
_LEAD_IN = re.compile(
    r"[ \t]*+(?:[-*\u2022]|\d{1,2}[.)])?[ \t]*+"
    r"(?:[A-Za-z][\w /&'-]{0,40}(?::|[ \t][-\u2013]))?[ \t]*"
)
_PRN_WORD = re.compile(r"\bp\.?r\.?n\.?(?!\w)|\bas needed\b|\bif needed\b", re.I)
# A condition opened and not yet closed before the cue: "If fever persists beyond 72 h ".
# "Should the rash recur, ..." opens a condition; "she should keep using ..." is advice.
_ADVISED = r"(?<!she )(?<!he )(?<!they )(?<!you )(?<!we )(?<!patient )(?<!pt )"
_OPEN_CONDITION = re.compile(rf"\b(?:if|unless|{_ADVISED}should|in case)\b[^,;:.\n]*\Z", re.I)
_CONDITION_CLOSED = re.compile(r"[,;:.\n]")


@lru_cache(maxsize=4)
def _condition_closers(text: str) -> tuple[int, ...]:
    return tuple(m.start() for m in _CONDITION_CLOSED.finditer(text))


def _after_last_comma(text: str, end: int) -> int:
    """Just past the last character before `end` that closes a condition (a comma, a stop): an
    open condition begins after it, so a one-line export is not searched from its start."""
    closers = _condition_closers(text)
    index = bisect_left(closers, end)
    return closers[index - 1] + 1 if index else 0


_HEDGED_ACT = re.compile(
    r"(?:\bto|\bor|\band/or|\bwhether|\bconsider(?:ing|ed)?|\brecommend(?:ed|s|ing)?"
    r"|\bsuggest(?:ed|s)?|\bdiscuss(?:ed)?|\bwould|\bcould|\bmay|\bmight|\bcan|\bthen"
    r"|\binclude[sd]?|\bincluding|\boptions? (?:are|is|would be))\s+$",
    re.I,
)


def _proposal(doc: Document, window: Seg, name: Seg) -> StatusCue | None:
    """A proposal in the clause that no firm act follows: the drug is an option, unless a
    preposition puts it aside ("discussed side effects, fewer than with sertraline")."""
    matches = list(BEFORE_CUE.finditer(doc.text, window.start, window.end))
    for index, match in enumerate(matches):
        if cue_status(match) is not _S.PROPOSED:
            continue
        if name.start - match.end() > reach(match):
            continue  # "CAP vs aspiration pneumonia - ceftriaxone": "vs" of two diagnoses
        if _ASIDE.search(doc.text, match.end(), name.start):
            continue
        later = matches[index + 1 :]
        hedged = all(
            _HEDGED_ACT.search(doc.text, max(window.start, m.start() - 12), m.start())
            for m in later
        )
        if hedged:
            return StatusCue(_S.PROPOSED, CUE_RANK, match.start())
    return None


def _same_drug_switch(
    names: list[_Name], index: int, following: Seg | None, cue: StatusCue
) -> StatusCue:
    """ "Switch metoprolol tartrate 25 mg BID to metoprolol succinate 50 mg daily": a new salt or
    form of the same ingredient changes the drug, it does not stop it."""
    drug = names[index].drug
    new = next((n.drug for n in names[index + 1 :] if n.seg == following), None)
    if drug is not None and new is not None and drug.key == new.key:
        return StatusCue(_S.CHANGED, cue.rank, cue.start)
    return cue


_SWITCH_REACH = 200


# A drug told as the cause of what follows: "cough on lisinopril", "intolerant of metformin".
_CAUSE_BEFORE = re.compile(r"\b(?:on|to|from|of|with)\s+(?:(?:the|her|his|their)\s+)?$", re.I)
# "cough on lisinopril; switched to losartan", "rash on it, so we changed to": the switch said in
# a clause of its own, after a comma or semicolon and a word that joins it.
_SWITCHED_NEXT = re.compile(
    r"[ \t]*(?:\d[\w./%]*(?:[ \t]+[\w./%]+){0,3}?[ \t]*)?"
    r"(?:;|,[ \t]*(?:so|and|therefore|hence|thus)\b|;[ \t]*(?:so|therefore|hence|thus)\b)"
    r"[ \t]*(?:(?:we|I|he|she|they|patient|pt)[ \t]+)?"
    r"(?:was[ \t]+|were[ \t]+|has been[ \t]+|have[ \t]+|had[ \t]+)?"
    r"(?:changed|switched|transitioned|converted|replaced)[ \t]+(?:over[ \t]+)?(?:to|with|by)\b",
    re.I,
)

_OWN_FROM = re.compile(r"[^.;,\n]{0,40}?\bfrom\b", re.I)
# A drug told as going well is no cause of a switch: "rate controlled on metoprolol; switched to
# apixaban" switches the anticoagulant, not the beta-blocker.
_GOING_WELL = re.compile(
    r"(?<!not )(?<!poorly )(?<!inadequately )(?<!not well )"
    r"\b(?:controlled|stable|well|tolerat\w*|at goal|therapeutic|responding|improved)\b"
    r"[^.;:\n]{0,24}$",
    re.I,
)
_CLAUSE_REACH = 60


def _switched_away(doc: Document, name: Seg, following: Seg | None) -> StatusCue | None:
    """ "Ceftriaxone changed to cefpodoxime": the first drug stopped for the second."""
    # A window, not the rest of the note: the blank runs of the pattern split a long run of
    # spaces every way they can (20,000 padding spaces took a minute).
    match = _SWITCHED.match(doc.text, name.end, name.end + _SWITCH_REACH)
    if (
        match is None
        and _CAUSE_BEFORE.search(doc.text, max(0, name.start - 16), name.start)
        and not _GOING_WELL.search(doc.text, max(0, name.start - _CLAUSE_REACH), name.start)
    ):
        match = _SWITCHED_NEXT.match(doc.text, name.end, name.end + _SWITCH_REACH)
        if match and following and _OWN_FROM.match(doc.text, following.end, following.end + 60):
            return None  # "stable on aspirin; switched to atorvastatin from simvastatin"
    if match is None or following is None or following.start - match.end() > 40:
        return None
    return StatusCue(_S.STOPPED, CUE_RANK, None)


def _negation(doc: Document, name: Seg, window: Seg) -> StatusCue | None:
    """None when the drug is denied ("denies NSAIDs"); `continued` for "cannot come off X"."""
    if DOUBLE_NEGATION.search(doc.text, window.start, name.start):
        if medication_modality.limits_a_pause(doc.text, name.end):
            return StatusCue(_S.UNKNOWN, NO_RANK)  # "do not stop warfarin for longer": a limit
        return StatusCue(_S.CONTINUED, CUE_RANK)
    if _DO_NOT_TAKE.search(doc.text, window.start, name.start) and DAY_OF_PROCEDURE.match(
        doc.text, name.end
    ):
        return StatusCue(_S.HELD, CUE_RANK)  # "do not take losartan the morning of surgery"
    held = NOT_YET.search(doc.text, window.start, name.start)
    if held is not None and not _UNTIL.search(doc.text, held.start(), name.start):
        return StatusCue(_S.HELD, CUE_RANK, held.start())  # "do not restart X until ..."
    return None


# "has not taken her apixaban since the bleed", "hasn't been using the patch for 3 weeks": a
# drug the patient had and let go, not one denied. Without a time since, "has not taken any
# ibuprofen" denies it and "has not used the SL nitro" tells of a drug at hand not needed.
_NOT_TAKEN = re.compile(
    r"\b(?:(?:has|have|had)\s+not|hasn't|haven't|hadn't|has\s+n't)\s+(?P<been>been\s+)?"
    r"(?:tak(?:en|ing)|us(?:ed|ing)|on|filled|refilled)\s+(?:(?:any\s+)?(?:of\s+)?"
    r"(?:his|her|their|the|its|your|my)\s+)?$",
    re.I,
)
_SINCE = re.compile(
    r"[^.;\n]{0,40}?\b(?:since|in(?:\s+(?:over|about|nearly|almost))?\s+(?:a|an|\d+|\w+)\s+"
    r"(?P<in_unit>days?|weeks?|months?|years?)|for(?:\s+(?:about|over|nearly|almost|roughly"
    r"|approximately|the\s+(?:past|last)|at\s+least))?\s+(?:a|an|\d+|\w+)(?:\s+(?:or|to|-)\s+"
    r"\w+)?\s+(?P<for_unit>days?|weeks?|months?|years?)|x\s*\d+\s*(?P<x_unit>d|days?|wks?|weeks?"
    r"|mo|months?|y|yrs?|years?))\b",
    re.I,
)


def _gone_without(doc: Document, name: Seg, window: Seg) -> StatusCue | None:
    """`stopped` (years ago: `historical`) for a drug the patient has not taken for a while."""
    said = _NOT_TAKEN.search(doc.text, window.start, name.start)
    if said is None:
        return None
    since = _SINCE.match(doc.text, name.end)
    if since is None and said.group("been") is None:
        return None
    unit = since and (since.group("in_unit") or since.group("for_unit") or since.group("x_unit"))
    if unit and unit.lower().startswith("y"):
        return StatusCue(_S.HISTORICAL, CUE_RANK, said.start())
    return StatusCue(_S.STOPPED, CUE_RANK, said.start())


def _labels(doc: Document, content: Seg, names: list[_Name], listed: bool) -> list[tuple[int, _S]]:
    """Lines such as "NEW medications:" or "STOP taking:" that set the status of those below."""
    labels: list[tuple[int, MedicationStatus]] = []
    name_index = 0
    for match in re.finditer(r"[^\n]+", doc.text[content.start : content.end]):
        line = trim(doc.text, content.start + match.start(), content.start + match.end())
        while name_index < len(names) and names[name_index].seg.end <= line.start:
            name_index += 1
        has_drug = name_index < len(names) and names[name_index].seg.start < line.end
        body = doc.slice(line)
        if has_drug or line.end - line.start > _LABEL_LONGEST:
            continue
        if line.end - line.start > 70 and not _LONG_LABEL.match(body):
            continue
        looks_like_label = (
            listed or body.endswith(":") or body.upper() == body or _AVS_HEADING.match(body)
        )
        if not looks_like_label:
            continue  # a line of a story: its cue words are not searched for
        found = [cue_status(cue) for cue in LABEL_CUE.finditer(body)]
        if found:
            # "ASK your doctor before taking / ON HOLD:": the firmest word names the list.
            labels.append((line.start, min(found, key=_LABEL_ORDER.index)))
    return labels


_SENTENCE_BREAK = re.compile(r"[.;][ \t]+[A-Z]")

# A label line may run on when its cue comes first and it ends with a colon: "Comfort kit
# ordered today, delivered by the pharmacy at 16:00 - keep in the refrigerator:".
_LABEL_LONGEST = 120
_LONG_LABEL = re.compile(r"[^\n:]{0,20}\bordered (?:today|now)\b[^\n]*:$", re.I)

# A patient's medication list heading: "START taking these medications", "ASK your doctor
# about these medicines", "CHANGE how you take these".
_AVS_HEADING = re.compile(
    r"[A-Z]{3,}\b[^\d\n]{0,50}\b(?:medications?|medicines?|meds|these|drugs?)\b[^\d\n]{0,20}$"
)
_LABEL_ORDER = [_S.STOPPED, _S.HELD, _S.RESUMED, _S.CHANGED, _S.STARTED, _S.CONTINUED, _S.GIVEN]
_LABEL_ORDER += [s for s in _S if s not in _LABEL_ORDER]


def _label_at(labels: list[tuple[int, MedicationStatus]], position: int) -> StatusCue | None:
    index = bisect_right(labels, (position, "~")) - 1  # statuses sort below "~"
    return StatusCue(labels[index][1], LABEL_RANK) if index >= 0 else None


def _dosing_end(doc: Document, name: Seg, limit: int, kind: ListKind, layout: _Layout) -> int:
    """Where a drug's dosing ends: its line, or in a list its entry with the "Sig:" lines."""
    if kind is ListKind.NONE:
        sentence = doc.sentence_at(name.start)
        end = min(limit, sentence.seg.end if sentence else layout.line(name.start).end)
        end = min(end, layout.line(name.start).end)
        joined = _EXPORT_JOIN.search(doc.text, name.end, end)
        return joined.start() if joined else end
    ends = [
        m.start()
        for m in (p.search(doc.text, name.end, limit) for p in (_BLANK_LINE, _NEXT_ENTRY))
        if m
    ]
    return min(ends, default=limit)


def _evidence(doc: Document, name: Seg, cue: StatusCue, end: int, layout: _Layout) -> Seg:
    """From the status word (when it is on the name's line) to the end of the dosing."""
    line = layout.line(name.start)
    start = cue.start if cue.start is not None and cue.start >= line.start else name.start
    end = min(end, line.end)
    if cue.start is not None:
        # "hold metformin, start insulin": the next status word begins another statement.
        following = BEFORE_CUE.search(doc.text, name.end, end)
        end = following.start() if following else end
    opened = doc.text.rfind("(", name.end, end)
    if opened > doc.text.rfind(")", name.end, end):
        end = opened  # do not end the evidence inside a parenthesis it never closes
    end = start + len(_DANGLING.sub("", doc.text[start:end]))
    return trim(doc.text, start, end, " \t\r\n,;.")


@dataclass(slots=True)
class _SectionReader:
    """Reads the mentions of one section, each from the text since the previous name."""

    doc: Document
    section: FoundSection
    kind: ListKind
    layout: _Layout
    labels: list[tuple[int, MedicationStatus]]
    inpatient: bool
    # after_end is asked again of the same name by the cue, the shared words and the clause.
    _after_ends: dict[tuple[Seg, Seg | None], int] = field(default_factory=dict)

    def default(self, position: int) -> StatusCue | None:
        label = _label_at(self.labels, position)
        if label is not None:
            return label
        if self.kind is ListKind.DISCHARGE and not self.inpatient:
            # Leaving the ED or the clinic: its discharge list is the new prescriptions.
            return StatusCue(_S.STARTED, DEFAULT_RANK)
        if self.kind is not ListKind.NONE:
            return StatusCue(_LIST_DEFAULT[self.kind], DEFAULT_RANK)
        if self.section.name in _GIVEN_SECTIONS:
            return StatusCue(_S.GIVEN, DEFAULT_RANK)
        return None

    def after_end(self, name: Seg, following: Seg | None) -> int:
        """The status words after a name belong to it up to the next name or clause."""
        key = (name, following)
        if key not in self._after_ends:
            self._after_ends[key] = self._after_end(name, following)
        return self._after_ends[key]

    def _after_end(self, name: Seg, following: Seg | None) -> int:
        end = following.start if following else self.section.content.end
        end = min(end, self._wrapped_line_end(name))
        sentence = self.doc.sentence_at(name.start)
        if sentence is not None:
            end = min(end, sentence.seg.end)
        semicolon = self.doc.text.find(";", name.end, end)
        end = semicolon if semicolon >= 0 else end
        joined = _EXPORT_JOIN.search(self.doc.text, name.end, end)
        end = joined.start() if joined else end
        if following is not None:
            # "Lisinopril 10 mg daily, hold HCTZ": the verb before the next name is its own.
            order = next_order(self.doc.text, name.end, following.start)
            end = min(end, order) if order is not None else end
        return end

    def _wrapped_line_end(self, name: Seg) -> int:
        """The name's line; in narrative, a sentence wrapped onto the next line ("Cefepime was
        / stopped on day 2") goes on there."""
        line = self.layout.line(name.end)
        if self.kind is not ListKind.NONE or line.end >= len(self.doc.text):
            return line.end
        following = self.layout.line(line.end + 1)
        wrapped = _WRAPPED.match(self.doc.text, following.start, following.end)
        ended = self.doc.text[line.start : line.end].rstrip().endswith((".", ":", ";"))
        return following.end if wrapped and not ended else line.end

    def _own_statement(self, names: list[_Name], index: int) -> bool:
        """ "Atorvastatin 80 mg (simvastatin discontinued)": another drug, with its own verb
        after it inside the parenthesis."""
        if _may_name_again(names[index - 1], names[index]):
            return False
        name = names[index].seg
        closed = self.doc.text.find(")", name.end, name.end + 60)
        return closed >= 0 and AFTER_CUE.search(self.doc.text, name.end, closed) is not None

    def shared_after(self, names: list[_Name], index: int) -> StatusCue | None:
        """ "Metformin and Januvia were held": a word after the last of names joined by "and"
        or commas is said of each of them."""
        last = index
        # A few names at most: a list run onto one line must not make each name read it all.
        limit = min(len(names) - 1, index + _SHARED_REACH)
        entries = False  # names that each carry their own sig
        while last < limit and _joined(self.doc, names[last].seg, names[last + 1].seg):
            entries = entries or _own_entries(self.doc, names[last].seg, names[last + 1].seg)
            last += 1
        if last == index:
            return None
        following = _next(names, last, self.layout)
        end = self.after_end(names[last].seg, following)
        cue = _after_cue(self.doc, names[last].seg, end)
        if entries and cue is not None and not _said_of_all(self.doc, names[last].seg, end, cue):
            return None  # "Lisinopril daily, albuterol PRN - has not needed it": albuterol's
        past = PAST.search(self.doc.text, names[last].seg.end, end) is not None
        if cue is not None and cue.status in (_S.STOPPED, _S.GIVEN) and past:
            # "Gemcitabine/nab-paclitaxel x2 cycles, stopped 02/2026": the date is of both.
            return replace(cue, status=_S.HISTORICAL)
        return cue

    def cue(self, names: list[_Name], index: int, previous: _Mention | None) -> StatusCue | None:
        """What the text says of names[index]; None when it denies the drug."""
        name = names[index].seg
        before = names[index - 1].seg if index else None
        following = _next(names, index, self.layout)
        window = Seg(_window_start(self.doc, name, before, self.layout), name.start)
        label, label_end = self.line_label(name)
        # The label's own words are not said of the drug: "completed during stay (do NOT
        # continue): cefazolin".
        spoken = window  # with the label: "Defer to PCP re: metformin"
        window = Seg(max(window.start, label_end), window.end)
        # The scopes are looked up once: every test below reads them.
        scopes = self.doc.scopes_over(name.start, name.end)
        contexts = {scope.context for scope in scopes}
        if Context.FAMILY in contexts:
            return None
        column = action_column(self.doc.text, self.layout.line(name.start), name)
        column = column or status_column(self.doc.text, self.layout.line(name.start), name)
        column = column or legend_mark(self.doc.text, self.layout.line(name.start), name)
        if column is not None:
            return column
        listed = _label_at(self.labels, name.start)
        if (
            listed is not None
            and listed.status is _S.STOPPED
            and _DENIED_ENTRY.search(self.doc.text, name.end, self.layout.line(name.start).end)
        ):
            # "STOP taking these medications / ibuprofen (MOTRIN IB) - do not use": the entry's
            # own denial agrees with its list's label; the drug was taken and is stopped.
            return listed
        if _WHILE_ON.search(self.doc.text, window.start, name.start):
            # "Senna 2 tabs BID while on oxycodone", "Meloxicam: do NOT resume while on
            # Xarelto": the other drug's sig names this one, denied or not.
            return StatusCue(_S.UNKNOWN, NO_RANK)
        gone = _gone_without(self.doc, name, window)
        if gone is not None:
            return gone  # "hasn't taken apixaban since the bleed": neither denied nor current
        if label is not None and label.status is _S.GIVEN and _denied_by_label(scopes, label_end):
            # "Medications given in hospital that you will NOT continue: senna": the label's
            # denial is of going on with the stay's doses, not of the doses. What the note says
            # of the drug elsewhere ("ceftriaxone was changed to cefpodoxime") outweighs it.
            return replace(label, rank=DEFAULT_RANK)
        if Context.NEGATED in contexts and not _cue_overrides_denial(self.doc, window, scopes):
            return _negation(self.doc, name, window)
        if (
            before is not None
            and _names_before_in_parentheses(self.doc, before, name, self.layout)
            and not self._own_statement(names, index)
        ):
            # "Furosemide 40 mg (replaced by torsemide)": a reference, not a statement. "Start
            # vitamin B6 (pyridoxine) 25 mg": the same drug named again takes what was said of it.
            if (
                previous is not None
                and previous.name == before
                and previous.cue.rank == CUE_RANK
                # A verb before the first name reaches the second ("start vitamin B6
                # (pyridoxine)"), and so does an act after the entry ("atovaquone-proguanil
                # (Malarone) 1 tab daily, start 2 days before travel"), not a bare "same" or
                # "continue"; a table's column after the row does not need to.
                and (
                    previous.cue.start < before.start
                    if previous.cue.start is not None
                    else previous.cue.status is not _S.CONTINUED
                )
                # A dose given is read again from the entry: "given samples of Nurtec ODT
                # (rimegepant 75 mg, #8 tabs)" are a prescription's.
                and previous.cue.status is not _S.GIVEN
                and _named_again(names[index - 1], names[index])
            ):
                return previous.cue
            return StatusCue(_S.UNKNOWN, NO_RANK)
        line_end = self.after_end(name, following)
        if DOUBLE_NEGATION.search(
            self.doc.text, window.start, window.end
        ) and not medication_modality.limits_a_pause(self.doc.text, name.end):
            return StatusCue(_S.CONTINUED, CUE_RANK)  # "cannot be taken off warfarin"
        if (
            _AVOID.search(self.doc.text, window.start, window.end)
            or _AVOIDED.match(self.doc.text, name.end)
            or _not_begun_in_row(self.doc.text, name.end, self.layout.line(name.start).end)
        ):
            return None  # "avoid NSAIDs", "do not take aspirin": named, never taken
        modal = medication_modality.stated(
            self.doc.text, spoken, name, line_end, self.layout.line(name.start).end
        )
        if modal is not None:
            return modal  # "linagliptin would be a reasonable alternative", "declined X"
        # A proposal reaches every drug of its clause: "options include A, B, or biologics such
        # as C"; a firm act after it ("discussed, will start B") ends it.
        clause = Seg(max(_window_start(self.doc, name, None, self.layout), label_end), name.start)
        stated = _proposal(self.doc, clause, name) or _before_cue(
            self.doc, window, name, self.layout, before
        )
        if (
            stated is not None
            and stated.status is _S.PROPOSED
            and _ASIDE.search(self.doc.text, _cue_end(self.doc.text, stated, window), name.start)
        ):
            stated = None
        if stated is not None and stated.status is _S.PROPOSED and self._accepted(name):
            # "recommend discontinuing apixaban; patient agrees": the act is decided.
            stated = _before_cue(self.doc, window, name, self.layout, before)
        if stated is not None and stated.status is _S.PROPOSED and self._prescribed_next(name):
            stated = StatusCue(_S.STARTED, CUE_RANK, stated.start)  # the advice taken up
        if (
            stated is not None
            and stated.status in (_S.HELD, _S.STOPPED)
            and (_CONDITION.match(self.doc.text, name.end) or self._conditioned(name, stated.start))
        ):
            # "hold Jardiance if vomiting", "stop the statin if muscle aches": rules for later.
            return StatusCue(_S.UNKNOWN, NO_RANK)
        if (
            stated is not None
            and stated.status in (_S.STARTED, _S.CHANGED)
            and self._conditioned(name, stated.start, _IF_FIRST)
        ):
            # "If still active at the next visit, switch to SC methotrexate or add
            # sulfasalazine": a start the condition waits on, however far its verb stands. A
            # change so set ("if not eating, halve Lantus") is a rule for later: what else the
            # note says of the drug decides.
            if stated.status is _S.CHANGED:
                return StatusCue(_S.UNKNOWN, NO_RANK)
            return StatusCue(_S.PROPOSED, stated.rank, stated.start)
        if (
            stated is not None
            and stated.status is _S.CONTINUED
            and stated.start is not None
            and self._in_a_condition(stated.start)
        ):
            # "If fever persists beyond 72 h on ceftriaxone, obtain an MRI": a course the
            # condition supposes, not one it tells is taken. What else is said of it decides.
            return StatusCue(_S.UNKNOWN, NO_RANK)
        if stated is not None and stated.status in (_S.PROPOSED, _S.HISTORICAL):
            return stated  # "consider change to zoledronic acid": still an option
        stated = self._ordered_after_use(name, stated, line_end)
        if (
            stated is not None
            and stated.status is _S.HELD
            and _THEN_CHANGED.search(self.doc.text, name.end, line_end)
        ):
            # "Hold tonight's warfarin dose, then decrease to 5 mg daily": one dose left out on
            # the way to a new dose.
            stated = StatusCue(_S.CHANGED, CUE_RANK, stated.start)
        switched = _switch(self.doc, window, name, following, clause) or _switched_away(
            self.doc, name, following
        )
        if switched is not None and switched.status is _S.STOPPED:
            switched = _same_drug_switch(names, index, following, switched)
        if stated is None and switched is None and self._named_on_a_condition(name):
            # "If LDL still above 190 at recheck, rosuvastatin 10 mg daily.": an order that
            # waits on the condition opening its sentence. Weakly: "Continue colchicine 0.6 mg
            # daily" elsewhere outweighs a flare plan's "if flare, colchicine 1.2 mg".
            return StatusCue(_S.PROPOSED, DEFAULT_RANK)
        found = (
            _historical(self.doc, scopes, name, window)
            or switched
            or stated
            or _inherited(self.doc, window, previous)
            or _after_cue(self.doc, name, line_end)
            or self.shared_after(names, index)
            or label
            or self.colon_list(name)
            or self.administered_run(names, index)
            or self.current_run(name)
            or self.kept_at_home(name)
            or self.timed_entry(name)
            or self.default(name.start)
        )
        return found or StatusCue(_S.UNKNOWN, NO_RANK)

    def _ordered_after_use(self, name: Seg, stated: StatusCue | None, end: int) -> StatusCue | None:
        """ "Takes ibuprofen OTC - stop while on prednisone", "is on aspirin, hold for the
        biopsy": the verb before tells what the patient does, the order after it what this visit
        does with the drug."""
        if (
            stated is None
            or stated.status is not _S.CONTINUED
            or stated.start is None
            or _PRESENT_USE.match(self.doc.text, stated.start) is None
        ):
            return stated
        # The order must open the words after the entry's sig: "Takes Eliquis - bleeding risk
        # reviewed, pressure held 2 min" holds no drug.
        separator = _ENTRY_SEPARATOR.match(self.doc.text, name.end, end)
        if separator is None:
            return stated
        order = AFTER_CUE.match(self.doc.text, separator.end(), end)
        if order is None or cue_status(order) not in (_S.STOPPED, _S.HELD):
            return stated
        return _after_cue(self.doc, name, end) or stated

    def _conditioned(
        self, name: Seg, verb: int | None, condition: re.Pattern[str] = _CONDITION_FIRST
    ) -> bool:
        """A condition opens the verb's sentence: "if not eating, halve Lantus and hold
        Jardiance", "On sick days, hold metformin"."""
        if verb is None or verb > name.start:
            return False
        line = self.layout.line(name.start)
        sentence = self.doc.sentence_at(name.start)
        start = max(line.start, sentence.seg.start) if sentence is not None else line.start
        return condition.search(self.doc.text, start, verb) is not None

    def _named_on_a_condition(self, name: Seg) -> bool:
        """The drug follows right after a condition that opens its sentence ("If still above
        goal, semaglutide 0.25 mg weekly"), and its sentence gives no as-needed sig ("if pain,
        acetaminophen 650 mg PRN" is how it is taken)."""
        line = self.layout.line(name.start)
        sentence = self.doc.sentence_at(name.start)
        seg = sentence.seg if sentence is not None else line
        start, end = max(line.start, seg.start), min(line.end, seg.end)
        opening = _IF_FIRST.search(self.doc.text, start, name.start)
        return (
            opening is not None
            and _LEAD_IN.fullmatch(self.doc.text, start, opening.start()) is not None
            and not self.doc.text[opening.end() : name.start].strip()
            and _PRN_WORD.search(self.doc.text, start, end) is None
        )

    def _in_a_condition(self, cue: int) -> bool:
        """The cue stands inside a condition not yet closed by its comma: "if fever persists
        on ...", "should the BP stay high on ..."."""
        line = self.layout.line(cue)
        sentence = self.doc.sentence_at(cue)
        start = max(line.start, sentence.seg.start) if sentence is not None else line.start
        start = max(start, _after_last_comma(self.doc.text, cue))
        return _OPEN_CONDITION.search(self.doc.text, start, cue) is not None

    def _accepted(self, name: Seg) -> bool:
        sentence = self.doc.sentence_at(name.start)
        end = sentence.seg.end if sentence else self.layout.line(name.start).end
        return _ACCEPTED.search(self.doc.text, name.end, end) is not None

    def _prescribed_next(self, name: Seg) -> bool:
        sentence = self.doc.sentence_at(name.start)
        end = sentence.seg.end if sentence else self.layout.line(name.start).end
        # "I would suggest primidone 25 mg at bedtime. I have given him a prescription today
        # for the starting dose.": the next sentence writes the prescription, naming no drug.
        following = self.doc.sentences_within(end, min(len(self.doc.text), end + 300))
        if sentence is None or not following:
            return False
        start, stop = following[0].seg.start, following[0].seg.end
        return _PRESCRIBED_NOW.search(
            self.doc.text, start, stop
        ) is not None and not find_drug_names(self.doc.text, start, stop)

    def line_label(self, name: Seg) -> tuple[StatusCue | None, int]:
        """ "DISCONTINUED home medications: A; B", "One-time / completed during stay (do NOT
        continue): A; B": a label opening the line says the status of every drug after it.
        Returns the label's status (None when it says none) and where it ends (0: no label)."""
        line = self.layout.line(name.start)
        found = _LINE_LABEL.match(self.doc.text, line.start, name.start)
        if found is None or find_drug_names(self.doc.text, found.start("label"), found.end()):
            return None, 0
        label = found.group("label")
        if _STAY_LABEL.search(label):
            return StatusCue(_S.GIVEN, LABEL_RANK), found.end()
        if _IF_IT_COMES_BACK.match(label):
            # "If AF recurs: flecainide 50 mg pill-in-pocket": a drug for a course to come.
            return StatusCue(_S.PROPOSED, CUE_RANK), found.end()
        statuses = [cue_status(cue) for cue in LABEL_CUE.finditer(label)]
        if _HOSPITAL_ONLY.search(label) and _S.STOPPED not in statuses:
            return StatusCue(_S.GIVEN, LABEL_RANK), found.end()
        if not statuses:
            return None, found.end()
        status = min(statuses, key=_LABEL_ORDER.index)
        if status is _S.HISTORICAL and _SENTENCE_BREAK.search(
            self.doc.text, found.end(), name.start
        ):
            # "Prior trials: sumatriptan, topiramate. Now rimegepant prn": the past ends there.
            return None, 0
        return StatusCue(status, LABEL_RANK), found.end()

    def administered_run(self, names: list[_Name], index: int) -> StatusCue | None:
        """ "She received DuoNebs x3, methylprednisolone 125 mg IV, magnesium sulfate 2 g IV and
        azithromycin": a verb of giving reaches every drug its sentence runs on to name."""
        if index == 0:
            return None
        name, before = names[index].seg, names[index - 1].seg
        sentence = self.doc.sentence_at(name.start)
        if sentence is None:
            return None
        start = max(sentence.seg.start, name.start - _RUN_REACH)
        verbs = list(_ADMINISTERED.finditer(self.doc.text, start, before.start))
        if not verbs or _CLAUSE_BREAK.search(self.doc.text, verbs[-1].end(), name.start):
            return None
        if BEFORE_CUE.search(self.doc.text, verbs[-1].end(), name.start):
            return None  # "received X, then was started on Y": another verb takes over
        return StatusCue(_S.GIVEN, CUE_RANK, verbs[-1].start())

    def current_run(self, name: Seg) -> StatusCue | None:
        """ "Current medications are levothyroxine 88 mcg, omeprazole 40 mg and amlodipine":
        words that name the drugs in use reach every drug their sentence runs on to name."""
        sentence = self.doc.sentence_at(name.start)
        if sentence is None:
            return None
        start = max(sentence.seg.start, name.start - _RUN_REACH)
        opened = list(_IN_USE_RUN.finditer(self.doc.text, start, name.start))
        if not opened or _CLAUSE_BREAK.search(self.doc.text, opened[-1].end(), name.start):
            return None
        if BEFORE_CUE.search(self.doc.text, opened[-1].end(), name.start):
            return None  # "her medications include X; we will stop Y": another verb takes over
        return StatusCue(_S.CONTINUED, CUE_RANK, opened[-1].start())

    def kept_at_home(self, name: Seg) -> StatusCue | None:
        """ "Has ondansetron, prochlorperazine and loperamide at home": the drugs the patient
        keeps to take, every drug the run names."""
        sentence = self.doc.sentence_at(name.start)
        if sentence is None:
            return None
        start = max(sentence.seg.start, name.start - _RUN_REACH)
        opened = list(_HAS_RUN.finditer(self.doc.text, start, name.start))
        if not opened or _CLAUSE_BREAK.search(self.doc.text, opened[-1].end(), name.start):
            return None
        if BEFORE_CUE.search(self.doc.text, opened[-1].end(), name.start):
            return None
        if _AT_HOME_AFTER.match(self.doc.text, name.end, sentence.seg.end) is None:
            return None
        return StatusCue(_S.CONTINUED, DEFAULT_RANK, opened[-1].start())

    def timed_entry(self, name: Seg) -> StatusCue | None:
        """ "07:15 Ondansetron 4 mg IV.", "0240 - morphine 4 mg IV": a line of an ED course or
        a nursing timeline opened by the clock time of a dose."""
        line = self.layout.line(name.start)
        opened = _CLOCK_LINE.match(self.doc.text, line.start, name.start)
        return StatusCue(_S.GIVEN, DEFAULT_RANK) if opened else None

    def colon_list(self, name: Seg) -> StatusCue | None:
        """ "While you were here you received: aspirin 324 mg, a GI cocktail (Maalox ...), and
        famotidine 20 mg IV": a status word that opens a list on its line says it of each."""
        line = self.layout.line(name.start)
        start = line.start
        if _WRAPPED.match(self.doc.text, line.start) and line.start > 0:
            start = self.layout.line(line.start - 1).start  # the list wrapped onto this line
        if _no_open_colon(self.doc.text, start, name.start):
            return None
        last = None
        for found in BEFORE_CUE.finditer(self.doc.text, start, name.start):
            last = found
        if last is None or not _OPENS_LIST.match(self.doc.text, last.end()):
            return None
        if _SENTENCE_END.search(self.doc.text, last.end(), name.start):
            return None
        return StatusCue(cue_status(last), CUE_RANK, last.start())


def _no_open_colon(text: str, start: int, end: int) -> bool:
    """No colon in `text[start:end]` is left open up to `end` by a sentence's end: no status
    word there can open a list that reaches `end`, and a one-line export need not be searched
    for status words from its start for each drug it names. (A colon that only blanks part
    from `end` would count too: then the answer is left to the search.)"""
    if end >= len(text) or text[end] in " \t:":
        return False
    colon = text.rfind(":", start, end)
    return colon < 0 or _SENTENCE_END.search(text, colon, end) is not None


def _names_before_in_parentheses(doc: Document, before: Seg, name: Seg, layout: _Layout) -> bool:
    """ "Lasix (furosemide)", "nadolol 20 mg daily (propranolol ...)": a parenthesis that opens
    right after the previous drug's entry names it again or tells its story."""
    if not layout.in_parentheses(name.start):
        return False
    opened = doc.text.rfind("(", before.end, name.start)
    between = doc.text[before.end : max(before.end, opened)]
    # "sertraline and an oral contraceptive (Sprintec)": the parenthesis names a new item.
    return 0 <= opened - before.end <= 40 and "\n" not in between and not _NEW_ITEM.search(between)


# What opens a new item between a drug and a parenthesis: "and an oral contraceptive (".
_NEW_ITEM = quick(r"\b(?:and|or|plus|also|as well as)\b|[,;]", re.I)


def _inherited(doc: Document, window: Seg, previous: _Mention | None) -> StatusCue | None:
    """ "Start lisinopril and metformin": a name joined to the one before shares its cue."""
    if previous is None or previous.cue.rank != CUE_RANK or previous.name.end != window.start:
        return None
    if "\n" in doc.text[window.start : window.end]:
        return None
    if AFTER_CUE.search(doc.text, window.start, window.end):
        # "tamsulosin 0.4 mg (held since surgery), enoxaparin ...": the words are tamsulosin's.
        return None
    joined = _COORDINATION.fullmatch(doc.text, window.start, window.end) is not None
    # "Entresto (sacubitril/valsartan) 24/26 mg BID - LAST lisinopril dose tonight": a dash
    # opens another clause, not a list of the same verb.
    dashed = _DASH.search(doc.text, window.start, window.end) is not None
    return replace(previous.cue, start=None) if joined and not dashed else None


_DASH = re.compile(r"\s[-\u2013\u2014]\s")
_SHARED_REACH = 4
# Verbs that tell doses given, and how far a run of drugs after one may go.
_ADMINISTERED = re.compile(
    r"\b(?:received|was given|were given|got|administered|gave|(?:was|were) treated with)\b", re.I
)
_RUN_REACH = 240
# Words that open a run of the drugs in use: "current medications are", "her meds include".
_IN_USE_RUN = re.compile(
    r"\b(?:(?:current|home|usual|regular|daily|other|present) (?:medications?|meds|regimen)"
    r"|(?:her|his|their) (?:medications?|meds|regimen))"
    r" (?:are|include[sd]?|consists? of|remains?|is)\b",
    re.I,
)
# "Has ... at home", "keeps ... at home": the patient's own supply.
_HAS_RUN = re.compile(r"\b(?:has|have|keeps?)\b", re.I)
_AT_HOME_AFTER = re.compile(r"[^.;:\n]{0,80}?\bat home\b", re.I)
# A clock time opening the line, then the drug (a few words may come between). A list's mark
# may come first: "- 18:55 DuoNeb neb #1".
_CLOCK_LINE = re.compile(
    r"[ \t]*(?:[-*\u2022][ \t]*)?(?:[01]\d|2[0-3]):?[0-5]\d(?:[ \t]*h)?[ \t]*[-:\u2013]?[ \t]+"
    r"[^\d\n]{0,40}$"
)
# A label opening its line, words and no figures, then a colon: "Stopped at this visit:".
# Its aside may hold figures: "ED treatment (04/09 19:30-21:00):".
_IF_IT_COMES_BACK = re.compile(
    r"\s*(?:if|should|when)\s[^:\n]{1,40}?\s(?:recurs?|returns?|comes? back|persists?|worsens?"
    r"|flares?(?: up)?)\s*:?\s*$",
    re.I,
)
_LINE_LABEL = re.compile(
    r"[ \t]*(?:[-*\u2022][ \t]*)?(?P<label>[A-Za-z][^:\n\d;.]{2,90}?"
    r"(?:[ \t]*\([^()\n]{0,40}\))?)[ \t]*:(?!\d)"
)
# Drugs the patient had only during the stay or the visit: "Medicines you got in the hospital",
# "One-time doses", "completed during stay".
_STAY_LABEL = re.compile(
    r"\bone[- ]time\b|\b(?:got|received|given|completed|had|administered)\b[^:]{0,20}?"
    r"\b(?:during|in|while in|at)\b (?:the |your |this )?(?:stay|hospital|admission"
    r"|hospitali[sz]ation|ED|emergency (?:room|department)|clinic|office|visit)\b"
    # The doses of the ED or of an intubation: "ED treatment:", "Induction (RSI):".
    r"|\b(?:ED|ER|emergency (?:room|department)) (?:treatment|therapy|meds|medications)\b"
    r"|\b(?:treated|treatment) in (?:the )?(?:ED|ER|emergency (?:room|department))\b"
    r"|^\W*(?:rapid sequence )?induction\b|\bRSI\b",
    re.I,
)
# "Inpatient only (not continued):", "Hospital use only:", "Only while admitted:": drugs of the
# stay, given there; "STOPPED (hospital only):" says its own verdict.
_HOSPITAL_ONLY = re.compile(
    r"\b(?:in-?patient|in-?hospital|in-?house|hospital|inpt)(?:[ -]use)?[ -]only\b"
    r"|\bonly (?:while |when )?(?:in-?patient|in (?:the )?hospital|admitted|during (?:the |this )?"
    r"(?:stay|admission|hospitali[sz]ation))\b",
    re.I,
)
_BARE_LIST = re.compile(r"[ \t]*(?:medications?|meds)[ \t]*:?[ \t]*$", re.I)
# A procedure's agent, not a list of the patient's drugs: "Medication:", "Medication used:".
_AGENT_HEADING = re.compile(r"[ \t]*medication(?:[ \t]+(?:used|injected))?[ \t]*:?[ \t]*$", re.I)
# Said after a recommendation: the patient took it up.
_ACCEPTED = quick(
    r"\b(?:(?:the )?(?:patient|pt|she|he|they|family|parents?|mother|father|daughter|son)"
    r" (?:agrees|agreed|is agreeable|was agreeable|accepts|accepted|consents|consented)"
    r"|(?:patient|pt) in agreement"
    r"|(?:the )?(?:patient|pt|she|he|they|family|parents?) (?:is |was )?(?:agreeable|amenable))\b",
    re.I,
)
# A prescription written at the visit, said without the drug's name.
_PRESCRIBED_NOW = re.compile(
    r"\b(?:(?:have|has|I've|we've)\s+)?(?:given|sent|written|provided|printed|e-?prescribed)"
    r"(?:\s+(?:him|her|them|the patient|pt))?\s+(?:a|the|his|her)\s+(?:new\s+)?"
    r"(?:prescription|rx|script)\b",
    re.I,
)
_OPENS_LIST = re.compile(r"[ \t]*:")
_SENTENCE_END = re.compile(r"[.;](?:\s|$)")
# A line that carries on the sentence of the line before: it opens in lower case.
_WRAPPED = re.compile(r"[ \t]*[a-z]")
_CLAUSE_BREAK = re.compile(r"\n|[.;:](?:\s|$)")


def _joined(doc: Document, before: Seg, name: Seg) -> bool:
    """ "Aleve and aspirin", "NSAIDs, aspirin": names joined only by a coordination."""
    if _CLAUSE_BREAK.search(doc.text, before.end, name.start):
        return False
    return _COORDINATION.fullmatch(doc.text, before.end, name.start) is not None


# A sig of its own between two names ("Lisinopril 10 mg daily, albuterol PRN"), and what would
# join the two into one subject of a verb ("A and B were held", "gemcitabine/nab-paclitaxel").
_OWN_SIG = re.compile(
    r"\d|\b(?:prn|p\.r\.n\.|as needed|daily|bid|tid|qid|qhs|at bedtime|nightly)\b", re.I
)
_CONJUNCTION = re.compile(r"\b(?:and|or|plus|as well as)\b|[&/+]", re.I)


# Words after a list that say it of every entry: "both held", "all given in the ED".
_EVERY_ENTRY = re.compile(r"\b(?:both|all|each|these|them|they)\b", re.I)
# A remark on how an as-needed drug is used: "has not needed it", "uses rarely". It is the last
# entry's own; a stop or hold after the list is not (see _said_of_all).
_PRN_USE = re.compile(
    r"\b(?:(?:has|have|had|does|did)(?: not|n't)|not|never|rarely|seldom|hardly)"
    r"(?: (?:ever|really|been))? (?:needed|need|needing|required"
    r"|(?:used|use|using)(?= (?:it|them|much|any)\b))"
    r"|\b(?:uses?|using|takes?|needs?)(?: it| them)? (?:rarely|seldom|infrequently|occasionally"
    r"|sparingly|only (?:rarely|occasionally))\b",
    re.I,
)


_ONE_ENTRY = re.compile(r"\b(?:it|the latter|this one|that one)\b", re.I)


def _said_of_all(doc: Document, last: Seg, end: int, cue: StatusCue) -> bool:
    """Whether words after entries that each carry a sig are said of them all: doses given in one
    setting ("Propofol 310 mg IV, lidocaine 40 mg IV - administered by anesthesia"), or words
    that name them all ("- both held")."""
    if cue.status is _S.GIVEN or _EVERY_ENTRY.search(doc.text, last.end, end) is not None:
        return True
    # "Apixaban 5 mg BID, aspirin 81 mg daily - stopped 3/1": whose stop is unclear, so it is
    # shown for each (a wrongly current anticoagulant is the harm); a remark on as-needed use
    # ("albuterol PRN - has not needed it") stays the last entry's.
    # A parenthesis or a singular "it" is the last entry's own: "insulin 10 units (metformin on
    # hold)", "Fosamax 70 mg weekly - stopped it in the spring".
    after = doc.text[last.end : end]
    if "(" in after or _ONE_ENTRY.search(after):
        return False
    return cue.status in (_S.STOPPED, _S.HELD) and not _PRN_USE.search(doc.text, last.end, end)


def _own_entries(doc: Document, before: Seg, name: Seg) -> bool:
    """ "Lisinopril daily, albuterol PRN - has not needed it": entries of a list, each with its
    sig, run on by commas; the words after the last are its own, not the list's."""
    return bool(
        _OWN_SIG.search(doc.text, before.end, name.start)
        and not _CONJUNCTION.search(doc.text, before.end, name.start)
    )


def _only_a_lab_name(
    name: _Name, cue: StatusCue, kind: ListKind, dosing: Dosing, section: SectionName
) -> bool:
    """ "Potassium" or "vitamin D" with no dose, no list and no verb is a test, not a drug."""
    lab_named = name.drug is not None and name.drug.ingredient in lexicon.LAB_NAMED
    if not lab_named and section not in _RESULT_SECTIONS:
        return False
    return kind is ListKind.NONE and dosing.dose is None and cue.rank < CUE_RANK


def _next(names: list[_Name], index: int, layout: _Layout) -> Seg | None:
    """The next name that makes a statement of its own: "Depo-Medrone (methylprednisolone) 120 mg
    IM given" names one drug twice, and the words after the parenthesis are about both."""
    later_names = names[index + 1 : index + 3]
    for later in later_names:
        if (
            not layout.in_parentheses(later.seg.start)
            or _aside_of_its_own(layout, later.seg)
            or not _may_name_again(names[index], later)
        ):
            # "Atorvastatin 80 mg (simvastatin discontinued)": another drug's own statement.
            return later.seg
    if len(later_names) < 2:
        return None  # the last entry of a list: "PLAVIX 75 MG (clopidogrel) | completed"
    return later_names[0].seg


def _aside_of_its_own(layout: _Layout, name: Seg) -> bool:
    """A name inside an aside that other words open: "(day 1 = today, IV solumedrol given in
    ED)" tells of another drug, not "(methylprednisolone)" naming the same one again."""
    line = layout.line(name.start)
    opened = layout.text.rfind("(", line.start, name.start)
    return opened >= 0 and _ASIDE_WORDS.search(layout.text, opened + 1, name.start) is not None


_THEN_CHANGED = re.compile(
    r"\bthen\s+(?:(?:re)?start\s+(?:at\s+)?|resume\s+(?:at\s+)?)?(?:increase|decrease|reduce"
    r"|lower|change)[sd]?\b(?:[ \t]+(?:the[ \t]+)?(?:dose|it))?[ \t]+to\b",
    re.I,
)
# The end of an entry's sig before what is said of it: "ibuprofen OTC - ", "aspirin 81 mg, ".
_ENTRY_SEPARATOR = re.compile(
    r"[^.;:,\n]{0,40}?(?:[ \t][-\u2013]|[,:;])[ \t]*"
    # "- advised to stop", "- told her to hold it": the order told to the patient.
    r"(?:(?:was |were )?(?:advised|told|instructed|asked|counsel+ed)"
    r"(?: (?:her|him|them|the patient|pt))? to[ \t]+)?",
    re.I,
)
_ASIDE_WORDS = re.compile(r"[,;=]|\b(?:and|then|after|before|plus|with)\b", re.I)


def _named_again(name: _Name, later: _Name) -> bool:
    """ "vitamin B6 (pyridoxine)": the same drug, known to be so; or a family, then the product
    of it the parenthesis names ("consider IV iron (iron sucrose)", "start insulin (Lantus)")."""
    if name.drug is None or later.drug is None:
        return False
    if name.drug.key == later.drug.key:
        return True
    parts = later.drug.key.split(" / ")
    return name.drug.key in _FAMILIES and all(_family(part) == name.drug.key for part in parts)


def _may_name_again(name: _Name, later: _Name) -> bool:
    """ "Depo-Medrone (methylprednisolone)", "Symbicort (budesonide)": the same drug, or one
    not known well enough to tell."""
    if name.drug is None or later.drug is None:
        return True
    ours = set(name.drug.ingredient.split(" / "))
    theirs = set(later.drug.ingredient.split(" / "))
    return ours <= theirs or theirs <= ours


@dataclass(frozen=True, slots=True)
class _Where:
    """Where a mention stands: its section, its list, its clause and its dosing after the name."""

    section: SectionName
    kind: ListKind
    clause: Seg
    dosing: Seg
    name: Seg
    layout: _Layout
    discharged: bool  # the note ends a hospital stay: "at discharge" is its present
    operative: bool = False  # the note reports an operation: its plan is the post-op orders
    reference: date | None = None  # the note's date: how long ago its dated stops were


def _same_drug_before(doc: Document, name: Seg) -> bool:
    """ "start metoprolol tartrate now; convert to metoprolol succinate once dose established":
    the sentence began the drug; the switch is of its form."""
    sentence = doc.sentence_at(name.start)
    start = sentence.seg.start if sentence is not None else max(0, name.start - 200)
    key = medication_key(doc.slice(name))
    return any(n.drug.key == key for n in find_drug_names(doc.text, start, name.start))


# A switch ordered, not told done: "step-down to", "transition to PO", "switch over to".
_SWITCH_TO_COME = re.compile(
    r"\b(?:step[- ]?down|transition|switch|convert|change|de-?escalate|narrow)(?:\s+over)?"
    r"\s+to\s+(?:(?:po|oral|enteral|iv)\s+)?$",
    re.I,
)
# The condition of that switch, after the drug's dosing: "when afebrile", "once tolerating PO".
_ONCE_MET = re.compile(r"[^.;\n]{0,60}?\b(?:when|once)\s+(?!(?:today|now|daily)\b)\w", re.I)
# The order to stop, not the story of one: "stop", not "She stopped the docusate once ...".
_STOP_ORDER = re.compile(r"(?:stop|discontinue|d/c|dc)(?![\w'])", re.I)
# The event a stop waits on, right after the drug's dosing: "once off oxycodone", "when the
# biologic takes effect"; not a frequency ("once daily") nor now.
_STOP_WAITS = re.compile(
    r"[^.;:\n]{0,40}?\b(?:when|once)\s+(?!(?:today|now|daily|weekly|monthly|nightly|a|per|every"
    r"|again|more|only|or)\b)\w",
    re.I,
)
_PLAN_SECTIONS = {_N.PLAN, _N.ASSESSMENT_AND_PLAN, _N.DISPOSITION, _N.INSTRUCTIONS}
_HOME_LISTS = {ListKind.CURRENT, ListKind.ADMISSION}
_DOING = {_S.STARTED, _S.CONTINUED, _S.CHANGED, _S.RESUMED, _S.UNKNOWN}


def _refined(
    doc: Document, cue: StatusCue, where: _Where, dosing: Dosing, inpatient: bool
) -> StatusCue:
    """The status once the clause's time, the hospital and the prescription are weighed."""
    if cue.status in (_S.HISTORICAL, _S.CONTINUED) and _ended_lately(doc.text, cue, where):
        return replace(cue, status=_S.STOPPED)
    if (
        cue.status is _S.HISTORICAL
        and cue.rank == CUE_RANK
        and medication_recency.last_dose_lately(
            doc.text, where.name.end, _sentence_end(doc, where.name), where.reference
        )
    ):
        # "progressed after gemcitabine (last cycle 11/12, stopped)": a course ended lately.
        return replace(cue, status=_S.STOPPED)
    modal = medication_modality.refined(
        doc.text,
        cue,
        story=where.section in _STORY,
        plan=where.section in _PLAN_SECTIONS,
        clause=where.clause,
        near=_near(doc, where.name, where.layout),
    )
    if modal is not None:
        return modal
    status, text = cue.status, doc.text
    if (
        status in (_S.STARTED, _S.CHANGED, _S.CONTINUED, _S.UNKNOWN)
        and _SWITCH_TO_COME.search(text, max(0, where.name.start - 40), where.name.start)
        and _ONCE_MET.match(text, where.name.end, max(where.clause.end, where.name.end))
        and not _same_drug_before(doc, where.name)
    ):
        # "PO step-down to ciprofloxacin when afebrile 48 h", "switch to oral linezolid once
        # tolerating PO": a switch that waits on a condition, put forward.
        return replace(cue, status=_S.PROPOSED)
    if (
        status is _S.STOPPED
        and cue.rank == CUE_RANK
        and cue.start is not None
        and cue.start < where.name.start
        and _STOP_ORDER.match(text, cue.start) is not None
        and _STOP_WAITS.match(text, where.name.end, max(where.clause.end, where.name.end))
    ):
        # "stop aspirin once anticoagulated", "you can stop the sumatriptan once the Nurtec is
        # approved": a stop that waits on an event still to come; the drug goes on till then.
        return replace(cue, status=_S.CONTINUED)
    if (
        status is _S.RESUMED
        and cue.start is not None
        and _LATER.search(text, max(0, cue.start - 24), cue.start)
        and not medication_tense.resumes_today(text, cue.start, where.clause.end)
    ):
        return replace(cue, status=_S.HELD)  # "plan to restart Eliquis", not "OK to resume now"
    if where.kind is ListKind.DISCHARGE and status is _S.RESUMED and cue.rank >= LABEL_RANK:
        # "RESUME", "Metformin ... - resume today": the discharge list's own verdict.
        return cue
    if where.discharged and status is _S.RESUMED:
        # Resumed during the stay: at its end the home drug simply goes on.
        return replace(cue, status=_S.CONTINUED)
    # Made at this encounter: no later day its words name leaves the drug held.
    resumed_now = status is _S.RESUMED and _resumed_now(text, cue, where)
    if (
        status is _S.RESUMED
        and cue.start is not None
        and _TO_RESUME.match(text, cue.start)
        and (
            RESUME_LATER.search(text, where.clause.start, where.clause.end)
            or medication_recency.later_day(
                text, where.clause.start, where.clause.end, where.reference
            )
        )
        and not resumed_now
    ):
        return replace(cue, status=_S.HELD)  # "resume losartan POD 1": still held today
    if (
        status is _S.GIVEN
        and where.kind in _HOME_LISTS
        and _ADMINISTERED_AT.search(text, where.name.end, where.clause.end)
    ):
        # "Acetaminophen 650 mg q6h PRN - given 05:30", "last dose 01/21 at 21:00" on a list
        # or a MAR: the time of a dose of a drug the patient goes on taking.
        return StatusCue(_S.CONTINUED, LABEL_RANK)
    if status is _S.PROPOSED and _named_in_its_condition(text, where.name):
        # "If AF recurs on amiodarone, consider ablation", "lacosamide if lamotrigine is not
        # tolerated": the drug is the one in use that the option is kept against; any other
        # statement of it decides.
        return replace(cue, rank=NO_RANK)
    if (
        status is _S.PROPOSED
        and cue.start is not None
        and _change_reaches(text, cue.start, where.name.start)
    ):
        # "will consider dose reduction of oxaliplatin", "discussed stopping simvastatin",
        # "whether to continue daily ibuprofen": the drug is in use; what is proposed is a
        # change to it, and any other statement of the drug decides.
        return replace(cue, rank=NO_RANK)
    # A time that opens in the clause may run past its end: "start ibandronate monthly once
    # vitamin D is replete" ends the clause at the next drug's name.
    line_end = where.layout.line(where.name.start).end
    sentence = doc.sentence_at(where.name.start)
    if sentence is not None:
        line_end = min(line_end, max(sentence.seg.end, where.clause.end))
    future = [
        m.group().lower()
        for m in FUTURE.finditer(
            text,
            where.clause.start,
            _past_barrier(text, where.clause.end, max(where.clause.end, line_end)),
        )
        if m.start() < where.clause.end
        # "then 10 mg until next visit": how long a dose lasts, not when it begins.
        and not _UNTIL_BEFORE.search(text, max(0, m.start() - 14), m.start())
        # "Start methotrexate 15 mg weekly, increase to 20 mg in 4 weeks": the time is the
        # later change's.
        and not _LATER_CHANGE.search(text, where.name.end, m.start())
    ]
    if future and cue.rank == CUE_RANK and not resumed_now:
        later = {_S.RESUMED: _S.HELD, _S.STARTED: _S.PROPOSED, _S.CHANGED: _S.PROPOSED}
        if all(f == "tomorrow" for f in future):
            # "Start prednisone 40 mg tomorrow AM": ordered now, only scheduled; a resumption
            # set for tomorrow still leaves the drug held today.
            later = {_S.RESUMED: _S.HELD}
        if status in later:
            return replace(cue, status=later[status])
    if status is _S.STARTED and _awaits_a_threshold(doc, cue, where, dosing):
        return replace(cue, status=_S.PROPOSED)  # "If K stays > 5.5, begin patiromer"
    if status in (_S.STOPPED, _S.UNKNOWN, _S.GIVEN) and medication_recency.long_ago(
        text, where.clause.start, where.clause.end, where.reference, cue.start
    ):
        return replace(cue, status=_S.HISTORICAL, rank=max(cue.rank, DEFAULT_RANK))
    if (
        status is _S.GIVEN
        and cue.rank != LABEL_RANK  # "Given during the stay:": its dates are the stay's
        and where.section in _STORY
        and _earlier_episode(doc, where)
    ):
        # "UTI 10/2024, treated with cephalexin", "seen by PCP - given Medrol Dosepak
        # (completed)": a course of an earlier episode, not a dose of this encounter. What the
        # note says of the drug now outweighs it.
        return StatusCue(_S.HISTORICAL, DEFAULT_RANK, cue.start)
    if (
        status is _S.STOPPED
        and where.section is _N.HOSPITAL_COURSE
        and _COURSE_DONE.search(text, where.clause.start, where.clause.end)
    ):
        # "Azithromycin was given for 3 days and completed in hospital": a course of the stay.
        return replace(cue, status=_S.GIVEN)
    if status is _S.GIVEN and _first_dose(doc, where):
        # "Keflex 500 mg PO (first dose)", "first dose given in clinic": a course begins.
        return replace(cue, status=_S.STARTED)
    # A list of prescriptions written in the account of the procedure ("Discharge
    # prescriptions (sent to the pharmacy):") goes home with the patient.
    takes_home = where.kind in (ListKind.DISCHARGE, ListKind.PRESCRIPTION)
    in_the_room = where.section in _GIVEN_SECTIONS - {_N.HOSPITAL_COURSE}
    # "Resume apixaban this evening" among a procedure's instructions is for after it.
    after_the_room = resumed_now and medication_tense.resumes_today(
        text, cue.start if cue.start is not None else where.name.end, where.clause.end
    )
    # "metoprolol ... CONTINUE - take AM of surgery" under a call's "Procedure:" field: an order
    # to go on taking it, not a dose of the room ("maintained with sevoflurane" is one).
    kept = status is _S.CONTINUED and cue.rank == CUE_RANK and _kept_by_order(text, cue, where)
    if in_the_room and status in _DOING and not takes_home and not after_the_room and not kept:
        return replace(cue, status=_S.GIVEN)  # "maintained with sevoflurane" in the room
    order = text[where.dosing.start : where.dosing.end]
    line = where.layout.line(where.name.start)
    # "PRN: acetaminophen 650 mg q6h, ondansetron 4 mg IV q6h": the label says as needed.
    prn = dosing.prn or _prn_label_before(text, line.start, where.name.start)
    # A list's entry is read by its list unless it says it is for the stay: "Enoxaparin 40 mg
    # SC daily | DVT prophylaxis during rehab stay" on a facility's admission orders.
    listed_only = status is _S.CONTINUED and cue.rank <= DEFAULT_RANK
    if FOR_THE_STAY.search(order) and (status in (_S.STARTED, _S.UNKNOWN) or listed_only):
        return StatusCue(_S.GIVEN, max(cue.rank, DEFAULT_RANK), cue.start)
    # "- 19:15 DuoNeb #2" on a timed line: the number of a dose given, not a quantity.
    timed = _CLOCK_LINE.match(text, line.start, where.name.start) is not None
    if cue.rank <= DEFAULT_RANK and DISPENSE.search(order) and not timed:
        return StatusCue(_S.STARTED, DEFAULT_RANK, cue.start)  # "#10", "no refills"
    # "aspirin 81 mg BID for 4 weeks for DVT prophylaxis" goes home with the patient.
    line_start = where.layout.line(where.name.start).start
    only = INPATIENT_ONLY.search(_own_order(order, cue))
    # "Colchicine 0.6 mg daily as prophylaxis until seen by PCP", "Augmentin x 5 days -
    # prophylaxis" in a clinic or urgent care: a course taken home, not a stay's order.
    if (
        only
        and not inpatient
        and _PROPHYLAXIS_WORD.fullmatch(only.group())
        and _TAKEN_HOME.search(text, where.name.end, max(where.clause.end, where.name.end))
    ):
        only = None
    stay_only = (
        only
        # "famotidine 20 mg IV BID while NPO": an order with no verb of its own, for the stay.
        # Not a verb's ("reduce glargine to 14 units while inpatient", "held while NPO").
        or (
            status in (_S.STARTED, _S.UNKNOWN)
            and cue.rank < CUE_RANK
            and (
                _WHILE_ADMITTED.search(text, where.name.end, max(where.clause.end, where.name.end))
                or _shares_a_stay_tail(doc, where)
            )
        )
        or (where.kind is ListKind.CURRENT and _prophylactic_heparin(doc, where.name, order))
        # "VTE ppx: heparin SC 5000 q12h", "DVT prophylaxis - enoxaparin 40 mg daily" with no
        # verb of its own ("to start tomorrow" is a start).
        or (
            cue.rank < CUE_RANK
            and _PROPHYLAXIS_LABEL.match(text, line_start, where.name.start) is not None
            and not _BEGIN_WORD.search(order)
        )
    ) and not _GOES_HOME.search(order)
    post_op = where.operative and where.section in _PLAN_SECTIONS
    # "glycopyrrolate 0.2 mg SC q4h PRN - order for home kit": sent home, not the stay's.
    kit = _HOME_KIT.search(text, where.name.end, max(where.clause.end, where.name.end))
    # "Continue albuterol PRN", "continue CIWA with lorazepam PRN": an order as needed the
    # note says goes on is the drug kept, not only the stay's doses of it.
    continued = status is _S.CONTINUED and _continue_order(text, cue)
    as_needed = inpatient and prn and status in _DOING and not post_op and kit is None
    hospital_order = stay_only or (as_needed and not continued)
    # In a hospital note an unnamed medication list is the stay's orders, not the home list.
    home = where.kind is ListKind.ADMISSION or (where.kind is ListKind.CURRENT and not inpatient)
    listed = home or where.kind is ListKind.DISCHARGE
    # "pantoprazole 40 mg IV daily (SUP) - discontinued at transfer": a stay's order a note of
    # the stay ends is stopped, not only given ("not needed since yesterday" is a PRN unused).
    ended = not where.discharged and _stop_order_said(text, cue, where)
    # "Change lispro correction scale from low-dose to moderate-dose": the order changed.
    ended = ended or (status is _S.CHANGED and cue.rank == CUE_RANK and not where.discharged)
    if hospital_order and not listed and status not in (_S.HELD, _S.PROPOSED) and not ended:
        return StatusCue(_S.GIVEN, max(cue.rank, DEFAULT_RANK), cue.start)
    if status is _S.GIVEN and where.kind is ListKind.PRESCRIPTION and cue.start is None:
        # "Dexamethasone 12 mg PO x1 tomorrow - Rx", "fluconazole 150 mg once" on a list of
        # prescriptions: the sig of a prescription, not a dose given here.
        return replace(cue, status=_S.STARTED)
    if cue.rank == NO_RANK and _in_the_room(doc, where.name, where.layout):
        return StatusCue(_S.GIVEN, DEFAULT_RANK)  # "infiltrated with 1% lidocaine"
    if cue.rank == NO_RANK:
        cue = _written_order(cue, where, dosing, inpatient, doc.text)
    if cue.rank == NO_RANK and where.section is _N.HISTORY:
        # Past history, "Prior medication trials:": a drug named there without a dosing to take
        # was taken before.
        return StatusCue(_S.HISTORICAL, DEFAULT_RANK)
    return cue


def _own_order(order: str, cue: StatusCue) -> str:
    """The words of a dose change's own order: "decrease glargine to 6 units QHS; continue
    correction scale" ends at the semicolon, the next clause is another drug's order."""
    if cue.status is _S.CHANGED and cue.rank == CUE_RANK:
        return order.split(";", 1)[0]
    return order


# The verb of a stop: "discontinued", "stop", "D/C'd".
_STOP_VERB = re.compile(r"\b(?:stop(?:ped)?|discontinu(?:e|ed)|d/c(?:'?d)?|dc'?d)\b", re.I)


def _stop_order_said(text: str, cue: StatusCue, where: _Where) -> bool:
    """The words said of the drug are a stop verb ("Stop IV pantoprazole", "- discontinued at
    transfer"), not a course completed or a dose not needed."""
    if cue.status is not _S.STOPPED or cue.rank != CUE_RANK:
        return False
    if cue.start is not None:
        return _STOP_VERB.match(text, cue.start) is not None
    return (
        _STOP_VERB.search(text, where.name.end, max(where.clause.end, where.name.end)) is not None
    )


# The imperative that keeps a drug going, whatever section it stands in: "CONTINUE", "continue".
_KEEP_ORDER = re.compile(r"continue\b(?! (?:with|on)\b)", re.I)


def _kept_by_order(text: str, cue: StatusCue, where: _Where) -> bool:
    """The imperative "continue" is the cue: before the name or after it ("atorvastatin 40 mg
    qHS ....... continue")."""
    if cue.start is not None:
        return _KEEP_ORDER.match(text, cue.start) is not None
    return _KEEP_ORDER.search(text, where.name.end, where.clause.end) is not None


# The verb of an order that keeps a drug going: "continue", "cont.", "remains on".
_CONTINUE_VERB = re.compile(r"continu\w*|cont\b|remains?\s+on|maintain\w*", re.I)


def _continue_order(text: str, cue: StatusCue) -> bool:
    """The cue is a word that orders the drug to go on ("continue"), not one that only tells
    it is taken ("on", "takes")."""
    return (
        cue.rank == CUE_RANK
        and cue.start is not None
        and _CONTINUE_VERB.match(text, cue.start) is not None
    )


_BEGIN_WORD = re.compile(r"\b(?:start|begin|began|initiat)\w*", re.I)
# A line opened by the label of the stay's prophylaxis, right before the drug.
_PROPHYLAXIS_LABEL = re.compile(
    r"[ \t]*(?:[-*\u2022#][ \t]*)?(?:VTE|DVT|GI|stress ulcer|SUP)[ \t]*(?:ppx|prophylaxis)"
    r"[ \t]*(?::|-|\u2013)?[ \t]*(?:with[ \t]+)?$",
    re.I,
)
# A low-molecular-weight heparin at its prophylactic dose, however its route is written:
# "enoxaparin 40 daily", "Lovenox 40 mg qday", "dalteparin 5000 units daily".
_LMWH = re.compile(r"enoxaparin|lovenox|dalteparin|fragmin", re.I)
_DAILY = r"daily|once daily|q ?24 ?h(?:rs?)?|qd|q ?day"
_PROPHYLACTIC_DOSE = re.compile(
    rf"\W*(?:(?:30|40) ?(?:mg)?|5,?000 ?(?:units|u|iu))\b[^.;\n]{{0,16}}?\b(?:{_DAILY})\b"
    r"|\W*30 ?(?:mg)?\b[^.;\n]{0,16}?\b(?:q ?12 ?h(?:rs?)?|BID)\b",
    re.I,
)


def _prophylactic_heparin(doc: Document, name: Seg, order: str) -> bool:
    return bool(_LMWH.match(doc.slice(name)) and _PROPHYLACTIC_DOSE.match(order))


def _timed(doc: Document, cue: StatusCue, where: _Where) -> StatusCue:
    """The status once the time of what the words say is weighed: a start told in the past goes
    on ("was started on lisinopril 2 years ago"); a dose still to come is proposed ("cefazolin
    will be given in the OR")."""
    name, clause = where.name, where.clause
    if (
        cue.status is _S.STARTED
        and cue.rank == CUE_RANK
        and _told_before_the_stay(where)
        and medication_tense.started_before(doc.text, cue.start, name, clause)
    ):
        later = medication_tense.stopped_later(doc.text, name)
        return replace(cue, status=later or _S.CONTINUED)
    if cue.status is _S.CONTINUED and medication_tense.begins_now(doc.text, name, clause):
        return replace(cue, status=_S.STARTED)
    ordered = cue.status in (_S.STARTED, _S.CHANGED) and cue.rank >= DEFAULT_RANK
    if ordered and medication_tense.starts_later(doc.text, name, clause):
        return replace(cue, status=_S.PROPOSED)
    if cue.status is _S.GIVEN:
        window = Seg(_window_start(doc, name, None, where.layout), name.start)
        plan = where.section in _PLAN_SECTIONS
        if medication_tense.to_come(doc.text, window, name, clause, plan=plan):
            return replace(cue, status=_S.PROPOSED)
    if cue.status not in _ENDED and _entry_ends_stopped(doc, where):
        return StatusCue(_S.STOPPED, CUE_RANK, None)
    return cue


_ENDED = {_S.STOPPED, _S.HISTORICAL, _S.HELD, _S.PROPOSED}
_ENTRY_HEAD = re.compile(r"[ \t]*(?:[-*\u2022]|\d{1,2}[.)])[ \t]*")
# An entry that ends told stopped, with no drug after the verb: "... 3 doses given. Dr. Lee
# discontinued at 10:15.", "... - stopped today", "... -> d/c'd 07/22".
_ENDS_STOPPED = re.compile(
    r"\b(?:discontinued|stopped|d/c'?d|dc'?d)"
    r"(?:[ \t]+(?:at|on|today|this (?:morning|afternoon|evening)|now)\b[^.;\n]{0,20})?"
    r"[ \t.]*$",
    re.I,
)


def _entry_ends_stopped(doc: Document, where: _Where) -> bool:
    """True when the drug heads a list's bulleted entry and the entry's last words stop it, with
    no object after the verb: the stop is of the entry's drug, however many sentences tell its
    doses first."""
    line = where.layout.line(where.name.start)
    head = _ENTRY_HEAD.match(doc.text, line.start)
    if head is None or head.end() != where.name.start:
        return False
    return _ENDS_STOPPED.search(doc.text, where.name.end, line.end) is not None


_HOME_KIT = re.compile(
    r"\b(?:home|hospice|comfort)(?: care)? kit\b|\bfor (?:use at )?home\b|\bto take home\b", re.I
)
_PRN_LABEL = re.compile(r"\b(?:PRNs?|as needed)[ \t]*(?:medications|meds)?[ \t]*:", re.I)


@lru_cache(maxsize=4)
def _prn_labels(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where each "PRN:" label of `text` starts and ends, one for every start."""
    starts: list[int] = []
    ends: list[int] = []
    found = _PRN_LABEL.search(text)
    while found is not None:
        starts.append(found.start())
        ends.append(found.end())
        found = _PRN_LABEL.search(text, found.start() + 1)
    return tuple(starts), tuple(ends)


def _prn_label_before(text: str, start: int, end: int) -> bool:
    """Whether a "PRN:" label stands within `text[start:end]`: found once for the note, as a
    one-line export's labels are not searched again from the line's start for each drug. A
    label ends at the first colon after its start, so the first from `start` ends soonest."""
    starts, ends = _prn_labels(text)
    index = bisect_left(starts, start)
    return index < len(starts) and ends[index] <= end


# A condition that names the drug in use: "if AF recurs on amiodarone", "should the pain come
# back on gabapentin"; "if lamotrigine is not tolerated", "if metformin fails".
_ON_IN_A_CONDITION = re.compile(
    r"\b(?:if|should|when|once)\b[^,.;:\n]{0,40}?\b(?:on|despite|with)[ \t]+(?:the[ \t]+)?$", re.I
)
# The option's own verb before the drug: "if flare recurs treat with prednisone", "if INR < 2
# bridge with enoxaparin", "if still high start on amlodipine": the drug is what is proposed.
_GIVEN_WITH = re.compile(
    r"\b(?:start|begin|initiate|treat|bridge|premedicate|cover|switch|change|transition|put"
    r"|place|try|trial|manage|restart|resume|supplement|replace|rechallenge|challenge|add"
    r"|augment|proceed|go|load)(?:s|ing)?[ \t]+(?:him[ \t]+|her[ \t]+|them[ \t]+)?"
    r"(?:on|with)[ \t]+(?:the[ \t]+)?$",
    re.I,
)
_IF_RIGHT_BEFORE = re.compile(r"\b(?:if|unless)[ \t]+(?:the[ \t]+)?$", re.I)
_FAILS_AFTER = re.compile(
    r"[ \t]+(?:is[ \t]+|are[ \t]+)?(?:not[ \t]+tolerated|poorly[ \t]+tolerated|fails"
    r"|is[ \t]+ineffective|does[ \t]+not[ \t]+(?:work|help)|doesn't[ \t]+(?:work|help)"
    r"|causes[ \t]+side[ \t]+effects)\b",
    re.I,
)


def _named_in_its_condition(text: str, name: Seg) -> bool:
    """The drug is named in the condition of an option, as the one the patient is on."""
    before = max(0, name.start - 60)
    if _ON_IN_A_CONDITION.search(text, before, name.start):
        return not _GIVEN_WITH.search(text, before, name.start)
    return bool(
        _IF_RIGHT_BEFORE.search(text, before, name.start)
        and _FAILS_AFTER.match(text, name.end, name.end + 40)
    )


def _resumed_now(text: str, cue: StatusCue, where: _Where) -> bool:
    """Whether a resumption is made at this encounter, whatever later day its words also name:
    one set for today ("restart apixaban this evening if there is no bleeding") or told as done
    ("held on admission for AKI, restarted at discharge")."""
    before = cue.start is not None and cue.start < where.name.start
    start = cue.start if before and cue.start is not None else where.name.end
    end = max(where.clause.end, where.name.end)
    return medication_tense.resumes_today(text, start, end) or (
        medication_tense.resumed_before_now(text, start, end)
    )


def _sentence_end(doc: Document, name: Seg) -> int:
    """Where the sentence of a name ends, within a short reach of it."""
    sentence = doc.sentence_at(name.start)
    end = sentence.seg.end if sentence is not None else name.end
    return min(max(end, name.end), name.end + _DATED_REACH)


_DATED_REACH = 160


def _ended_lately(text: str, cue: StatusCue, where: _Where) -> bool:
    """ "Tried the benzonatate twice, it made her dizzy, and she has stopped it", "was taking
    ranitidine but has discontinued it": a trial or a use told before the name, ended in the
    same sentence by a stop of now, with no year or distant time that puts the stop in the
    past."""
    if cue.rank != CUE_RANK or cue.start is None or cue.start > where.name.start:
        return False
    stop = medication_tense.stopped_since(text, where.name.end)
    if stop is None:
        return False
    return PAST.search(text, cue.start, stop.end + 40) is None


def _told_before_the_stay(where: _Where) -> bool:
    """Where a start in the past tense may be one before this encounter: not a discharge list's
    entry or a hospital course, nor, in the note that ends a stay, anything but its story of
    the illness and its home lists ("was started on heparin 3/4" there is the stay's)."""
    if where.kind is ListKind.DISCHARGE or where.section is _N.HOSPITAL_COURSE:
        return False
    return not where.discharged or where.section in _NARRATIVE or where.kind in _HOME_LISTS


# "while on oxycodone", "while taking prednisone": a drug named as the condition of another's sig.
_WHILE_ON = re.compile(
    r"\b(?:while|when|whilst|as long as)\s+(?:(?:he|she|they|the patient)\s+)?(?:is\s+|are\s+)?"
    r"(?:on|taking|using|receiving)\s+(?:(?:the|his|her|their)\s+)?$",
    re.I,
)
# A drug newly ordered only for the stay: "enoxaparin 40 mg SQ daily while inpatient".
FOR_THE_STAY = re.compile(
    r"\b(?:while|during (?:the|this|her|his|their)?)\s*(?:inpatient|in (?:the )?hospital|admitted"
    r"|hospitali[sz]ed|admission|stay|(?:rehab\w*|hospital|facility|SNF) stay)\b",
    re.I,
)
_ADMINISTERED_AT = re.compile(
    r"\b(?:given|administered|last (?:dose|given))\s+(?:(?:today|on \d{1,2}/\d{1,2})\s+)?(?:at\s+)?"
    r"(?:\d{1,2}:\d{2}|[0-2]\d[0-5]\d\b)",
    re.I,
)
_DOSE_CHANGE = re.compile(
    r"\b(?:dos(?:e|ing)\s+)?(?:reduc\w*|increas\w*|decreas\w*|escalat\w*|titrat\w*|adjust\w*"
    r"|stop(?:ping)?|discontinu\w*|continu\w*|taper\w*|wean\w*|mov(?:e|ing) (?:\w+ )?from"
    r"|switch\w* (?:\w+ )?from|chang\w* (?:\w+ )?from)"
    r"(?:\s+(?:of|in|off))?\s+(?:(?:the|his|her|their|daily)\s+)?$",
    re.I,
)
# What joins drugs named under one verb: "stop atorvastatin and metformin", "A, B, or C".
_JOINED = re.compile(r"[ \t]*(?:,[ \t]*(?:(?:and|or)[ \t]+)?|(?:and|or|&|/)[ \t]+)", re.I)


def _change_reaches(text: str, start: int, name_start: int) -> bool:
    """True when a verb of change after `start` is said of the name: right before it, or before
    a run of drugs it heads ("could stop atorvastatin and metformin")."""
    begin = name_start
    for named in sorted(find_drug_names(text, start, name_start), key=lambda n: -n.start):
        if named.end > begin or not _JOINED.fullmatch(text, named.end, begin):
            break
        begin = named.start
    return _DOSE_CHANGE.search(text, start, begin) is not None


# What parts a denial from a verb after it: "no fractures - moderate risk: STOP alendronate"
# (but "would NOT resume spironolactone" denies the verb).
_BREAK = re.compile(r"\s[-\u2013]\s|[:;,.]\s|\n")
_TIME_OF = re.compile(r"\b(?:after|before|since|until|when|while|of)\s+$", re.I)
# A condition on a measure or on the course that has not been met: "if NE > 0.15 mcg/kg/min",
# "if fasting glucose stays above 180", "once cultures are negative", "if the rash persists",
# "when afebrile 48 h". A symptom's condition ("if nausea", "if pain > 6") makes an order as
# needed instead, taken from today.
_THRESHOLD = re.compile(
    r"\b(?:if|once(?!\s+(?:a|daily|weekly|nightly|monthly|every|per)\b)|when|unless|should"
    r"|after)\b"
    r"[^.;:\n]{0,60}?(?:[<>\u2264\u2265]|\b(?:above|below"
    r"|greater than|less than|exceeds?|rises?|falls?|drops?|persists?|persistent|recurs?"
    r"|remains?|stays?|fails?|no improvement|not improv\w*|worsens?|stable|allows?|afebrile"
    r"|cultures?|negative|clear(?:s|ed)?|come back|comes back|return(?:s|ed)?|results?|resulted"
    r"|settle[sd]?|resolve[sd]?|heal(?:s|ed)?|normali[sz]e[sd]?|confirm(?:s|ed)?"
    r"|clearance|cleared|removed|completed?)\b)",
    re.I,
)
_SYMPTOM_CONDITION = re.compile(
    r"\b(?:pain|nause\w*|vomit\w*|itch\w*|sleep\w*|anxi\w*|agitat\w*|constipat\w*|wheez\w*"
    r"|breath\w*|headache|cough\w*|fever\w*|prn|needed|symptoms?)\b",
    re.I,
)


def _awaits_a_threshold(doc: Document, cue: StatusCue, where: _Where, dosing: Dosing) -> bool:
    """True when a start written in words waits on a condition its sentence sets, before the
    drug ("If NE > 0.15 mcg/kg/min, add vasopressin and hydrocortisone") or after it ("add
    glargine if fasting glucose stays > 180"): the drug is put forward, not begun. A change
    that waits ("could increase erenumab if ...") leaves the drug in use."""
    if cue.rank != CUE_RANK or where.kind is not ListKind.NONE or dosing.prn:
        return False
    # The condition is of the drug's own line: a list runs its entries into one sentence.
    start = where.layout.line(where.name.start).start
    sentence = doc.sentence_at(where.name.start)
    start = max(start, sentence.seg.start) if sentence is not None else start
    for span in (Seg(start, where.name.start), Seg(where.name.end, where.clause.end)):
        found = _THRESHOLD.search(doc.text, span.start, span.end)
        if found is None or _SYMPTOM_CONDITION.search(found.group()):
            continue
        if _INR_FALLS.search(doc.text, found.start(), min(span.end, found.end() + 12)):
            # "start apixaban once INR < 2": a switch from warfarin decided now; the INR only
            # times the first dose.
            continue
        if _DRAWN.match(doc.text, found.end()):
            continue  # "start cefazolin after cultures are drawn": a step of today's order
        # After the drug, only a condition its own sig carries: "..., increase to 20 mg if BP
        # remains high", "and recheck BMP if creatinine rises" are conditions of a later act.
        if span.start == where.name.end and _LATER_ACT.search(doc.text, span.start, found.start()):
            continue
        return True
    return False


_INR_FALLS = re.compile(
    r"\bINR\b(?:[ \t]+(?:is|falls?|drops?))?[ \t]*(?:<|\u2264|below|under|less than)[ \t]*[1-3]\b",
    re.I,
)
_DRAWN = re.compile(
    r"\s+(?:(?:are|is|were|have been|has been|been)\s+)?(?:drawn|obtained|sent|collected)\b", re.I
)
_LATER_ACT = re.compile(r"[,;]|\b(?:and|then|but|or)\b", re.I)


# A later change of the dose set after the drug's own order, up to a time: ", increasing to
# 20 mg once weekly after".
_LATER_CHANGE = re.compile(
    r"(?:[,;]|\bthen\b)[ \t]*(?:and[ \t]+)?(?:then[ \t]+)?"
    r"(?:increas|decreas|(?:up-?)?titrat|reduc|advanc|escalat)\w*\b(?:[^.;\n]|(?<=\d)\.(?=\d))*$",
    re.I,
)
_UNTIL_BEFORE = re.compile(r"\b(?:until|till|through|thru)\s+(?:the\s+)?$", re.I)
_TO_RESUME = re.compile(r"(?:resume|restart)\b", re.I)


_WHILE_ADMITTED = re.compile(WHILE_ADMITTED, re.I)
_PROPHYLAXIS_WORD = re.compile(r"ppx|prophyla\w*", re.I)
# A course the patient takes away: "x 5 days", "until seen by PCP", "Rx sent", "#30".
_TAKEN_HOME = re.compile(r"\bx\s*\d+\s*(?:days?|weeks?)\b|\buntil\b|\brx\b|#\s?\d+", re.I)
_GOES_HOME = re.compile(
    r"\b(?:for|x)\s*\d+\s*(?:more\s+)?(?:weeks?|wks?|months?)\b|\bx\s*\d{2,}\s*days\b"
    r"|\bfor \d{2,} days\b",
    re.I,
)
# Where a note tells the story before this encounter.
_STORY = {
    _N.HISTORY,
    _N.PRESENT_ILLNESS,
    _N.SUBJECTIVE,
    _N.CHIEF_COMPLAINT,
    _N.HEADER,
    _N.DIAGNOSES,
    _N.SURGICAL_HISTORY,
    _N.OTHER,
}
# What dates a course to an earlier episode: a date or year, a course completed or resolved.
_EARLIER = quick(
    r"(?<!at )(?<!@ )\b(?:19|20)\d\d\b(?!\s*(?:h|hrs?|hours)\b)|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
    r"|\b\d{1,2}/(?:19|20)\d\d\b"
    r"|\bpreviously\b|\bprior\b|\bcompleted\b|\bresolved\b|\bago\b|\blast (?:week|month|year)"
    # "last one treated with Bactrim", "previous episode", "the last exacerbation".
    r"|\b(?:last|previous|earlier) (?:one|episode|exacerbation|flare|infection|attack|admission)"
    r"|\bin the past\b|\bwas discharged\b|\bseen (?:by|at|in)\b",
    re.I,
)
# A course's length ("x 7 days", "for 2 weeks") tells of the drug it follows: "ketorolac 30 mg
# IM given today; ibuprofen 600 mg x 7 days prescribed" gives ketorolac no earlier course.
_COURSE_LENGTH = quick(
    r"\bx ?\d+ (?:days|weeks)\b|\bfor \d+ (?:days|weeks|months)\b|\b\d+ (?:days|weeks|months) of\b",
    re.I,
)
# Only the drug's own dose between it and the next drug: "100 mg PO daily and".
_DOSE_THEN_JOINED = re.compile(
    r"(?:[^.;:\n]|(?<=\d)\.(?=\d)){0,60}?(?:[ \t]+(?:and|&|plus)|,)[ \t]+", re.I
)
# The next drug's own dose and timing, up to a stay qualifier both orders share: no other verb
# or conjunction ("and hold metformin while NPO" qualifies the hold only).
_SHARED_TAIL = re.compile(
    rf"(?:(?!\b(?:and|or|then|but|hold|held|stop\w*|if|until)\b)(?:[^.;:\n]|(?<=\d)\.(?=\d)))"
    rf"{{0,60}}?"
    rf"(?:{WHILE_ADMITTED})",
    re.I,
)


@lru_cache(maxsize=4)
def _barriers(text: str) -> tuple[int, ...]:
    """Where `text` has a character no `FUTURE` phrase holds: a stop, colon, semicolon, break."""
    return tuple(m.start() for m in _BARRIER.finditer(text))


_BARRIER = re.compile(r"[.;:\n]")


def _past_barrier(text: str, clause_end: int, end: int) -> int:
    """`end`, or sooner: just past the first barrier from `clause_end`. No `FUTURE` phrase
    crosses a barrier (nor looks past the character after its end), so the phrases that begin
    before `clause_end` are the same up to there; a one-line export is not read to its end for
    each drug it names."""
    barriers = _barriers(text)
    index = bisect_left(barriers, clause_end)
    return min(end, barriers[index] + 1) if index < len(barriers) else end


@lru_cache(maxsize=4)
def _stay_phrase_starts(text: str) -> tuple[int, ...]:
    """Every position where a stay phrase ("while inpatient") begins, overlapping ones too."""
    starts: list[int] = []
    found = _WHILE_ADMITTED.search(text)
    while found is not None:
        starts.append(found.start())
        found = _WHILE_ADMITTED.search(text, found.start() + 1)
    return tuple(starts)


def _shares_a_stay_tail(doc: Document, where: _Where) -> bool:
    """ "Thiamine 100 mg PO daily and folic acid 1 mg daily while inpatient": two orders joined
    by "and" with one stay qualifier after the second; it is the first's too."""
    text = doc.text
    starts = _stay_phrase_starts(text)
    if bisect_left(starts, where.name.end) == len(starts):
        # The tail needs a stay phrase after the next name: none after this one, no tail (and
        # no scan of the rest of a long one-line export for every drug it names).
        return False
    line_end = text.find("\n", where.name.end)
    line_end = len(text) if line_end < 0 else line_end
    following = find_drug_names(text, where.name.end, line_end)
    if (
        not following
        or _DOSE_THEN_JOINED.fullmatch(text, where.name.end, following[0].start) is None
    ):
        return False
    return _SHARED_TAIL.match(text, following[0].end) is not None


_COURSE_DONE = re.compile(r"\b(?:completed|finished)\b", re.I)
_FIRST_DOSE = re.compile(r"\b(?:first|initial|1st) doses?\b", re.I)


def _first_dose(doc: Document, where: _Where) -> bool:
    near = _near(doc, where.name, where.layout)
    return _FIRST_DOSE.search(doc.text, near.start, near.end) is not None


def _earlier_episode(doc: Document, where: _Where) -> bool:
    near = _near(doc, where.name, where.layout)
    line = where.layout.line(where.name.start)
    clock = _CLOCK_HEAD.match(doc.text, line.start, line.end)
    start = near.start
    if clock is not None and _timed_list(doc.text, line) and near.start <= clock.end():
        start = clock.end()  # "1900  methylPREDNISolone 40 mg IV" on a MAR: a time, no year
    if _EARLIER.search(doc.text, start, near.end) is not None:
        return True
    return _COURSE_LENGTH.search(doc.text, start, _own_end(doc, where.name, near)) is not None


def _own_end(doc: Document, name: Seg, near: Seg) -> int:
    """Where the words of this drug's own order end: at a semicolon or the next drug named."""
    end = doc.text.find(";", name.end, near.end)
    end = near.end if end < 0 else end
    following = find_drug_names(doc.text, name.end, end)
    return min((n.start for n in following if n.start >= name.end), default=end)


# A line headed by a clock time: "1900  methylPREDNISolone", "2130 melatonin 3 mg".
_CLOCK_HEAD = re.compile(r"[ \t]*(?:[01]\d|2[0-3]):?[0-5]\d\b[ \t]*(?:[-:][ \t]*)?")
_NO_YEAR_HEAD = re.compile(r"[ \t]*(?:0\d|1[0-8]|2[1-3]):?[0-5]\d\b")


def _timed_list(text: str, line: Seg) -> bool:
    """True when the run of time-headed lines around this one holds a time that cannot be a
    year ("0205", "2130"): the list is of times, so "1900" or "2000" heading an entry is a time
    too. The run is bounded (a MAR's shift), so the look stays linear."""
    for step in (-1, 1):
        start = line.start
        for _ in range(_RUN):
            if step < 0:
                if start == 0:
                    break
                start = text.rfind("\n", 0, start - 1) + 1
            else:
                end = text.find("\n", start)
                if end < 0:
                    break
                start = end + 1
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            if _NO_YEAR_HEAD.match(text, start, end):
                return True
            if not _CLOCK_HEAD.match(text, start, end):
                break
    return False


_RUN = 12


def _in_the_room(doc: Document, name: Seg, layout: _Layout) -> bool:
    near = _near(doc, name, layout)
    return ANESTHESIA.search(doc.text, near.start, near.end) is not None


# A list's item: "- Potassium chloride ...", "2) cefdinir ...".
def _written_order(
    cue: StatusCue, where: _Where, dosing: Dosing, inpatient: bool, text: str
) -> StatusCue:
    """A drug with nothing said of it but its dosing: a new prescription in a plan or in the
    prescriptions of an ED or clinic visit, or an item that writes out a course with its end;
    a drug taken anywhere else."""
    if dosing.dose is None or not (dosing.frequency or dosing.prn):
        return cue
    prescribed = where.kind is ListKind.PRESCRIPTION or (
        where.kind is ListKind.DISCHARGE and not inpatient
    )
    # A list inside a plan ("Admission medication orders:") reads its entries itself.
    if (where.section in _PLAN_SECTIONS and where.kind not in _HOME_LISTS) or prescribed:
        return StatusCue(_S.STARTED, DEFAULT_RANK)
    one_time = not dosing.prn and _ONE_TIME.search(dosing.frequency or "") is not None
    if one_time and where.kind is ListKind.NONE:
        # "IV iron (Injectafer 750 mg) x1 on 11/20" in the story: one dose, had, not taken. A
        # list's entry "levonorgestrel IUD 1 each ... once. Placed 2022" is the patient's.
        return StatusCue(_S.GIVEN, DEFAULT_RANK)
    line = where.layout.line(where.name.start)
    if (
        where.kind is ListKind.NONE
        and _ENTRY_HEAD.fullmatch(text, line.start, where.name.start)
        and course_length(text[where.name.start : max(where.clause.end, where.name.end)])
    ):
        # "Please: - STOP hydrochlorothiazide. - Potassium chloride 20 mEq daily x 5 days,
        # then stop." in a call's reply with no plan heading: an item that writes a course out
        # with its end is an order of this encounter, not a drug the patient has been taking.
        return StatusCue(_S.STARTED, DEFAULT_RANK)
    return StatusCue(_S.CONTINUED, DEFAULT_RANK)


class _RowFact:
    """Whether a pattern occurs on a row, searched once per row: a one-line export names
    hundreds of drugs on one row, and searching it again for each made the analysis quadratic."""

    def __init__(self, text: str, pattern: re.Pattern[str]) -> None:
        self._text = text
        self._pattern = pattern
        self._known: dict[tuple[int, int], bool] = {}

    def __call__(self, row: Seg) -> bool:
        key = (row.start, row.end)
        if key not in self._known:
            self._known[key] = self._pattern.search(self._text, row.start, row.end) is not None
        return self._known[key]


def _section_mentions(
    doc: Document,
    section: FoundSection,
    excluded: _Excluded,
    layout: _Layout,
    stay: tuple[bool, bool, bool, bool],
    reference: date | None = None,
    avoided: set[str] | None = None,
    earlier: bool = False,
) -> list[_Mention]:
    """The drugs named in one section; `stay`: the note is of a hospital stay, ends it, and
    reports a procedure; `reference`: the note's date; `avoided` gathers the keys of the drugs
    the plan tells the patient to avoid from now on ("Avoid naproxen and ibuprofen");
    `earlier`: the note is written after a stay that has ended (its discharge list is of that
    stay)."""
    inpatient, discharged, procedural, operative = stay
    section_kind = list_kind(section)
    room = procedural or (operative and _told_in_the_room(doc, section.content))
    agent = not room and not inpatient and _AGENT_HEADING.match(section.heading) is not None
    if agent:
        # "Medication: triamcinolone 40 mg / lidocaine 1% 4 mL" among the fields of a clinic's
        # procedure note (a joint injection, no findings written): the agent of the procedure,
        # given once in the room, as a heading in the singular says.
        room = any(s.name is _N.PROCEDURE for s in doc.sections)
    if room and section_kind is ListKind.CURRENT and _BARE_LIST.match(section.heading):
        # "Medications: Propofol per anesthesia. Glucagon 0.5 mg IV": in the report of a
        # procedure, a list headed only "Medications" is what was given in the room; in an
        # operative report when it tells of the case ("Induction with propofol").
        section_kind = ListKind.GIVEN
    if procedural and section.name is _N.OTHER and _ROOM_HEADING.search(section.heading):
        # "OTHER MEDICATIONS:", "ANTIBIOTICS:", "Intraoperative agents:" among a procedure
        # report's fields: what was given in the room.
        section_kind = ListKind.GIVEN
    facility_orders = _ORDERS_HEADING.search(section.heading) is not None and (
        FACILITY.search(doc.text, 0, FACILITY_HEAD) is not None
    )
    admission_orders = _ADMISSION_ORDERS.search(section.heading) is not None or facility_orders
    if not inpatient and section.name is _N.PLAN and admission_orders:
        # "ADMISSION MEDICATION ORDERS (reconciled against hospital discharge list):" of a
        # nursing or rehabilitation facility: the resident's regimen, going on.
        section_kind = ListKind.ADMISSION
    if section.name is _N.OTHER and names_given_list(section.heading):
        # "SEDATION/MEDICATIONS ADMINISTERED:", "Medications given in the ED:" as a heading of
        # its own: a list of what was given, in any document.
        section_kind = ListKind.GIVEN
    room_list_end = section.content.end
    if agent and room and section_kind is ListKind.GIVEN:
        # "... Home meds: meloxicam 15 mg daily" after the agent: the patient's own drugs.
        after = _ROOM_LIST_END.search(doc.text, section.content.start, section.content.end)
        room_list_end = after.start() if after else room_list_end
    if section_kind is ListKind.CURRENT and _ROOM_LIST.search(section.heading):
        # "Medications / Sedation:", "MEDICATIONS ADMINISTERED:", "Meds (intra-procedure):" as
        # a medication heading: what was given at the encounter, not what the patient takes;
        # up to a blank line or the next label ("Pre-procedure: ... Other home meds: ...").
        section_kind = ListKind.GIVEN
        after = _ROOM_LIST_END.search(doc.text, section.content.start, section.content.end)
        room_list_end = after.start() if after else room_list_end
    # "POST-OP ORDERS:" of a patient the report keeps ("Admit to the surgical floor",
    # "Overnight observation"): the orders of the stay, read as a hospital plan.
    stay_orders = (
        (procedural or operative)
        and _STAY_ORDERS.search(section.heading) is not None
        and _kept_after_the_operation(doc)
    )
    # Those orders write the prescriptions for home apart ("Discharge Rx oxycodone #12"): the
    # others are the stay's.
    home_apart = stay_orders and (
        _HOME_RX.search(doc.text, section.content.start, section.content.end) is not None
    )
    if (
        (procedural or operative)
        and _AFTER_THE_PROCEDURE.search(section.heading)
        and not stay_orders
    ):
        # "POSTOPERATIVE INSTRUCTIONS / MEDICATIONS:", "Post-procedure meds:" in the report of
        # a procedure: what the patient goes home with, newly prescribed.
        section_kind = ListKind.PRESCRIPTION
    if (
        section_kind is ListKind.DISCHARGE
        and _YOUR_LIST.search(section.heading)
        and not inpatient
        and not any(s.name is _N.HOSPITAL_COURSE for s in doc.sections)
        and doc.first(INPATIENT) is None
    ):
        # "Your medications:" of a clinic's after-visit summary: the list the patient goes on
        # taking, not a discharge list.
        section_kind = ListKind.CURRENT
    if (
        section_kind is ListKind.DISCHARGE
        and not discharged
        and (earlier or _EARLIER_DISCHARGE.search(section.heading))
    ):
        # "Meds (as listed on ED discharge):", "Medications per recent hospital discharge
        # summary:" in a later visit: the list the patient came home with, taken since.
        section_kind = ListKind.CURRENT
    if _given_by_heading(section, section_kind):
        # "PREMEDICATIONS (given 0915-0945)", "MEDICATIONS (given before infusion)".
        section_kind = ListKind.GIVEN
    # "CURRENT INPATIENT MEDICATIONS:", "Medications (current inpatient)", "Current meds at
    # transfer": the stay's orders, in whatever note they are written.
    stay_list = section_kind is ListKind.CURRENT and (
        inpatient or _STAY_LIST.search(section.heading) is not None
    )
    planned_room = section.name in (_N.ANESTHESIA, _N.PLAN) and bool(
        _PLANNED.search(section.heading)
    )
    inline = _inline_lists(doc, section.content, earlier and not discharged)
    names = _names(doc, section.content, section_kind, layout)
    labels = _labels(doc, section.content, names, section_kind is not ListKind.NONE)
    mentions: list[_Mention] = []
    previous: _Mention | None = None
    allergies = section.name is _N.ALLERGIES
    denied: Seg | None = None  # the last name the text denied or told to avoid
    avoiding = False  # the last denial was an order to avoid, kept by the drugs it joins
    clocked_rows = _RowFact(doc.text, _CLOCK_TIME)
    for index, name in enumerate(names):
        if denied is not None and _joined(doc, denied, name.seg):
            denied = name.seg  # "avoid Aleve and aspirin": the denial reaches both
            if avoiding and avoided is not None:
                avoided.add(_name_key(doc, name))
            continue
        if _not_a_drug(doc, name, excluded, layout):
            continue
        if allergies and _allergy_statement(doc, name.seg, layout):
            continue
        kind = _kind_at(inline, name.seg.start, section_kind)
        if kind is ListKind.GIVEN and name.seg.start >= room_list_end:
            kind = ListKind.CURRENT
        reader = _SectionReader(doc, section, kind, layout, labels, inpatient)
        cue = reader.cue(names, index, previous)
        if cue is None:
            denied = name.seg
            avoiding = section.name in _AVOIDING_SECTIONS and _avoided_from_now(doc, name.seg)
            if avoiding and avoided is not None:
                avoided.add(_name_key(doc, name))
            continue
        denied = None
        limit = names[index + 1].seg.start if index + 1 < len(names) else section.content.end
        end = _dosing_end(doc, name.seg, limit, kind, layout)
        dosing = parse_dosing(doc.text[name.seg.end : end])
        if _only_a_lab_name(name, cue, kind, dosing, section.name):
            continue
        if kind is ListKind.DISCHARGE and cue.status is _S.GIVEN and cue.rank >= DEFAULT_RANK:
            # "Medications given in hospital that you will NOT continue: vancomycin" inside the
            # discharge list: doses of the stay, not an entry of the list the patient goes home
            # with.
            kind = ListKind.GIVEN
        clause = Seg(name.seg.end, reader.after_end(name.seg, _next(names, index, layout)))
        # A table's action column is the row's verdict: nothing near the name refines it.
        row = layout.line(name.seg.start)
        tabled = action_column(doc.text, row, name.seg) is not None
        if not tabled and status_column(doc.text, row, name.seg) is None:
            where = _Where(
                section.name,
                kind,
                clause,
                Seg(name.seg.end, end),
                name.seg,
                layout,
                discharged,
                operative and not stay_orders,
                reference,
            )
            stay_entry = kind is ListKind.CURRENT and _stay_at(inline, name.seg.start, stay_list)
            held = inpatient or stay_entry or stay_orders
            cue = _timed(doc, _refined(doc, cue, where, dosing, held), where)
            if home_apart and _of_the_stay_orders(doc, cue, name.seg, clause, layout):
                cue = StatusCue(_S.GIVEN, max(cue.rank, DEFAULT_RANK), cue.start)
        # "midazolam 2 mg IV given in holding 07:20" in the same plan: a dose said given stays.
        told_given = (
            cue.status is _S.GIVEN
            and _GIVEN_WORD.search(doc.text, name.seg.end, max(clause.end, name.seg.end))
            is not None
        )
        if (
            planned_room
            and not told_given
            and (
                cue.status in (_S.GIVEN, _S.STARTED, _S.CHANGED, _S.UNKNOWN)
                or (cue.status is _S.CONTINUED and not _continue_order(doc.text, cue))
            )
        ):
            # "ANESTHETIC PLAN: induction with propofol, rocuronium": doses still to come.
            cue = replace(cue, status=_S.PROPOSED)
        mention = _Mention(
            name=name.seg,
            drug=name.drug,
            key=_name_key(doc, name),
            section=section.name,
            kind=kind,
            cue=cue,
            evidence=_evidence(doc, name.seg, cue, end, layout),
            dosing=dosing,
            dated=_dated(doc, name.seg, cue, layout),
            course_days=_course_days(doc, name.seg, clause),
            verdict=tabled,
            heads_entry=opens_row(doc.text, row, name.seg),
            line=row.start,
            setting=_setting(doc, section, kind, cue, name.seg, layout, dosing),
            stay=kind is ListKind.CURRENT and _stay_at(inline, name.seg.start, stay_list),
            clocked=clocked_rows(row),
        )
        mentions.append(mention)
        previous = mention
    return mentions


# Where an order to avoid a drug is one of this encounter.
_AVOIDING_SECTIONS = {
    _N.PLAN,
    _N.ASSESSMENT_AND_PLAN,
    _N.ASSESSMENT,
    _N.INSTRUCTIONS,
    _N.DISPOSITION,
}
# "Avoid naproxen", "should avoid ibuprofen": the order, before the name in its clause.
_AVOID_ORDER = re.compile(r"\bavoid(?:ing)?\b[^.;:\n]{0,60}$", re.I)
# "avoid NSAIDs given GI bleed history and omeprazole alone ...": the drug is named in the
# reason of the order, not in what it tells to avoid.
_AVOID_REASON = re.compile(
    r"\b(?:given|because|due|since|as|with|for|from|history|hx|h/o|risk|alone)\b", re.I
)
# "avoid during active flares", "avoid while anticoagulated", "if vomiting": a rule for some
# days, not an end of the drug.
_AVOID_WHEN = re.compile(
    r"[^.;\n]*?\b(?:during|while|if|when|whenever|unless|until|before|after|on days?)\b", re.I
)


def _avoided_from_now(doc: Document, name: Seg) -> bool:
    """Whether the plan tells the patient to avoid the drug with no condition: "Avoid naproxen
    and ibuprofen for now" ends a drug the patient takes; "avoid loperamide during flares" does
    not."""
    line_start = doc.text.rfind("\n", 0, name.start) + 1
    order = _AVOID_ORDER.search(doc.text, line_start, name.start)
    if order is None or _AVOID_REASON.search(order.group()):
        return False
    sentence = doc.sentence_at(name.start)
    end = sentence.seg.end if sentence is not None else doc.text.find("\n", name.end)
    return _AVOID_WHEN.match(doc.text, name.end, max(end, name.end)) is None


def _name_key(doc: Document, name: _Name) -> str:
    return name.drug.key if name.drug else name_key(doc.slice(name.seg))


# An anaesthetist's plan before the case ("ANESTHETIC PLAN:", "Anesthesia plan", "Planned
# anesthesia"): what it names is to be given, not given yet.
_PLANNED = re.compile(
    r"\ban(?:a)?esthe\w*\b.{0,20}\bplan(?:ned)?\b|\bplan(?:ned)?\b.{0,20}\ban(?:a)?esthe\w*", re.I
)
_GIVEN_WORD = re.compile(
    r"\b(?:given|gave|administered|applied|received|injected|infused|placed)\b", re.I
)
_ROOM_LIST = re.compile(
    r"^(?!.*\b(?:home|current|outpatient|prior|pre-?admission|chronic|discharge)\b)"
    r".*(?:\b(?:sedation|an(?:a)?esthe\w*|intra-?\w+)\b"
    # Not an aside of who gave the list: "(history given by son)", "(self-administered)".
    r"|\b(?:medications?|meds|drugs)[ \t]+(?:administered|given)\b(?![ \t]+(?:by|at home)))",
    re.I,
)
_ROOM_LIST_END = re.compile(r"\n[ \t]*\n|\n[ \t]*[A-Za-z][\w /&()-]{1,40}:")
# A heading that copies another encounter's discharge list: "as listed on", "per", "from the
# discharge summary", "recent", "outside hospital".
_EARLIER_DISCHARGE = re.compile(
    r"\b(?:as )?(?:listed|written|documented|printed|reconciled) (?:on|in|at|from)\b"
    r"|\b(?:from|per|according to|copied from)\b[^:\n]{0,30}\b(?:discharge|paperwork|papers"
    r"|summary|records?|AVS)\b"
    r"|\bdischarge (?:paperwork|papers|summary|instructions|AVS)\b"
    r"|\b(?:recent|last|prior|previous|outside|OSH)\b[^:\n]{0,20}\b(?:discharge|hospital)\b",
    re.I,
)
_DISCHARGED_WORD = re.compile(r"discharge", re.I)
# "after mother's discharge yesterday (02/26)", "discharged 03/21/2026", "wt +1.3 kg since
# d/c": a later note telling of a hospital stay that has ended.
_AFTER_A_DISCHARGE = re.compile(
    r"\b(?:discharged|(?:since|after|following|post)[ -]"
    r"(?:(?:her|his|their|the|[a-z]+'s)[ \t]+){0,2}(?:recent[ \t]+)?(?:hospital[ \t]+)?"
    r"(?:discharge|d/c)|post-?discharge)\b",
    re.I,
)
# Notes written apart from any stay: a visit, a call, a home or facility visit.
_APART_FROM_A_STAY = frozenset({NoteType.FOLLOW_UP, NoteType.OTHER})


def _after_a_stay(doc: Document, document: NoteType | None) -> bool:
    """A visit or call after a discharge: the discharge list it quotes is the ended stay's."""
    return document in _APART_FROM_A_STAY and _AFTER_A_DISCHARGE.search(doc.text) is not None


_STAY_LIST = re.compile(
    r"\b(?:in-?patient|in-?house|hospital|scheduled|active orders)\b"
    r"|\bat (?:the )?transfer\b|\b(?:ICU|MICU|SICU|CCU|floor|unit) (?:medications|meds|orders)\b",
    re.I,
)


_LISTED = {ListKind.CURRENT, ListKind.ADMISSION, ListKind.DISCHARGE, ListKind.PRESCRIPTION}


def _setting(
    doc: Document,
    section: FoundSection,
    kind: ListKind,
    cue: StatusCue,
    name: Seg,
    layout: _Layout,
    dosing: Dosing,
) -> Setting:
    """Where the mention stands: in the account of what the encounter gave or put forward, or
    where the patient may keep the drug (`medication_setting`)."""
    sentence = doc.sentence_at(name.start)
    around = sentence.seg if sentence is not None else layout.line(name.start)
    return mention_setting(
        section.name,
        suggestion_at(doc.text, section.heading, section.content.start, name.start),
        kind in _LISTED,
        kind is ListKind.GIVEN,
        _keeping_cue(cue),
        doc.text[around.start : around.end],
        dosing.frequency is not None or dosing.prn,
        maintained=dosing.frequency is not None
        and not dosing.prn
        and _ONE_TIME.search(dosing.frequency) is None,
    )


# A frequency that is one dose: "once", "x1", "STAT", "now".
_ONE_TIME = re.compile(r"\b(?:once|x ?1|stat|now|single)\b|\bone[- ]time\b", re.I)


def _keeping_cue(cue: StatusCue) -> MedicationStatus:
    """The status a mention's words or its list's label give, for `mention_setting`. A
    continuation read from the words is left to them ("continue", "takes"): "placed on a
    heparin drip" reads as a drug taken, yet tells of a dose of the stay."""
    if cue.rank == LABEL_RANK or (cue.rank == CUE_RANK and cue.status is not _S.CONTINUED):
        return cue.status
    return _S.UNKNOWN


_ADMISSION_ORDERS = re.compile(
    r"\badmission (?:medications?|meds|drug) orders\b"
    r"|\b(?:medications?|meds) orders on admission\b",
    re.I,
)
# "MEDICATION ORDERS (reconciled against hospital d/c med rec):" at the head of a nursing
# facility's admission: the resident's regimen as the facility takes it on.
_ORDERS_HEADING = re.compile(r"^(?:medications?|meds|drug) orders\b", re.I)
_AFTER_THE_PROCEDURE = re.compile(
    r"\bpost-?\s?(?:op(?:erative(?:ly)?)?|procedur(?:e|al)|anesthesia|discharge)\b"
    r"[^:\n]*\b(?:medications?|meds|prescriptions?|rx)\b"
    r"|\b(?:medications?|meds|prescriptions?|rx)\b[^:\n]*\bpost-?\s?(?:op(?:erative(?:ly)?)?"
    r"|procedur(?:e|al))\b",
    re.I,
)
# A list addressed to the patient: "YOUR MEDICATION LIST", "Your medicines".
_YOUR_LIST = re.compile(r"^\W*your\b", re.I)
# The heading of a surgeon's orders after the case, not of prescriptions sent home:
# "POST-OP ORDERS / MEDICATION PLAN:", "Postoperative orders:".
_STAY_ORDERS = re.compile(
    r"^(?!.*\b(?:discharge|home|prescri\w*|rx|instructions)\b)"
    r".*\bpost-?\s?(?:op(?:erative(?:ly)?)?|procedur(?:e|al))\b[^:\n]*\borders?\b",
    re.I,
)
# The patient stays in hospital after the operation: "Admit to the surgical floor", "Overnight
# observation", "23-hour observation", "transfer to the ward", "if still admitted".
_KEPT_AFTER = re.compile(
    r"\b(?:overnight|23[- ]?h(?:ou)?r|24[- ]?h(?:ou)?r)\s+(?:observation|obs|stay|admission)\b"
    r"|\badmit(?:ted)?\s+(?:to|for)\s+(?:the\s+)?(?:floor|ward|surgical|observation|obs"
    r"|inpatient|telemetry|step-?\s?down|ICU|SICU|overnight|post-?op)"
    r"|\b(?:to|on)\s+(?:the\s+)?(?:surgical\s+)?(?:floor|ward)\b"
    r"|\b(?:if|while|when)\s+still\s+(?:admitted|in-?patient|in (?:the )?hospital)\b",
    re.I,
)
# ... unless it goes home the same day: "Discharge home from PACU", "same-day discharge".
_HOME_TODAY = re.compile(
    r"\bsame[- ]day\s+discharge\b|\bdischarged?\s+(?:home\s+)?(?:from|after|out of)\s+"
    r"(?:the\s+)?(?:PACU|recovery|phase (?:I|II|1|2))\b"
    r"|\bhome\s+(?:today|this (?:afternoon|evening))\b",
    re.I,
)


# A prescription for home written among the stay's orders: "Discharge Rx", "Rx at discharge",
# "prescriptions for home", "#12".
_HOME_RX = re.compile(
    r"\bdischarge\s+(?:rx|prescriptions?|scripts?)\b"
    r"|\b(?:rx|prescriptions?|scripts?)\s+(?:for|at|on)\s+(?:home|discharge)\b"
    r"|\b(?:home|going home)\s+(?:on|with)\b",
    re.I,
)
# An order whose length is another drug's: "Docusate 100 mg BID while on opioid".
_WHILE_ANOTHER = re.compile(r"\bwhile\s+(?:on|taking|using)\b", re.I)
# What keeps an entry of those orders: started or named with nothing said of it.
_OPEN_ORDER = {_S.STARTED, _S.UNKNOWN}


def _of_the_stay_orders(
    doc: Document, cue: StatusCue, name: Seg, clause: Seg, layout: _Layout
) -> bool:
    """An entry of the stay's post-operative orders, beside prescriptions for home written
    apart, that is neither one of them nor a home drug's verdict: "Acetaminophen 1 g PO q6h
    scheduled", "ibuprofen 600 mg q6h (start after 6 h)"."""
    if cue.status not in _OPEN_ORDER:
        return False
    line = layout.line(name.start)
    end = max(clause.end, name.end)
    return not (
        _HOME_RX.search(doc.text, line.start, end)
        or DISPENSE.search(doc.text, name.end, end)
        or _WHILE_ANOTHER.search(doc.text, name.end, end)
    )


def _kept_after_the_operation(doc: Document) -> bool:
    """The report keeps the patient in hospital after the case, and does not send them home the
    same day."""
    return doc.first(_KEPT_AFTER) is not None and doc.first(_HOME_TODAY) is None


_ROOM_HEADING = re.compile(
    r"^(?!.*(?:home|current|outpatient|prior|pre-?op|admission|discharge|post-?op))"
    r".*\b(?:medications?|meds|antibiotics?|agents?|drugs?)\b",
    re.I,
)


# "PREMEDICATIONS", "Pre-meds": given before a treatment by their name; a list whose heading's
# aside says its doses were given.
_PREMEDICATIONS = re.compile(r"\bpre-?(?:medications?|meds)\b", re.I)
# The aside must say the doses were given here: "(given 0915-0945)", "(administered in ED)",
# "(given before infusion)", "(doses given)"; not "(history given by daughter)",
# "(self-administered)", "(given at home)".
_GIVEN_ASIDE = re.compile(
    r"\([^()]*(?:(?<![\w-])(?:given|administered)(?![ \t]+(?:at|in)[ \t]+home)"
    r"(?=[ \t]+(?:at|in|during|on|here|today|before|prior|pre-|after|\d)|[ \t]*\))"
    r"|\bdoses?[ \t]+(?:given|administered))[^()]*\)",
    re.I,
)


def _given_by_heading(section: FoundSection, kind: ListKind) -> bool:
    if section.name is _N.OTHER and _PREMEDICATIONS.search(section.heading):
        return True
    return kind is ListKind.CURRENT and _GIVEN_ASIDE.search(section.heading) is not None


def _told_in_the_room(doc: Document, content: Seg) -> bool:
    """The section tells of the case: its induction, incision, intra-operative doses."""
    return bool(
        ANESTHESIA.search(doc.text, content.start, content.end)
        or _CASE.search(doc.text, content.start, content.end)
    )


_CASE = re.compile(r"\b(?:incision|end of the case|reversal|PACU|intraoperatively)\b", re.I)


# In the history of the illness a "started" or "changed" tells what happened before this visit:
# it weighs no more than a medication list. Stopping and the past keep their weight.
_NARRATIVE = {_N.SUBJECTIVE, _N.PRESENT_ILLNESS, _N.CHIEF_COMPLAINT, _N.HISTORY, _N.HEADER}
_KEEP_WEIGHT = {_S.STOPPED, _S.HISTORICAL, _S.HELD}
# A change of an intolerated drug's form or dose ("GI intolerance of IR metformin ... change
# metformin IR to metformin ER") is kept too: the patient goes on taking it.
_ALLERGEN_KEPT = {_S.HISTORICAL, _S.STOPPED, _S.GIVEN, _S.CHANGED}
# Still taken by the end of the stay unless a discharge list says otherwise.
_ONGOING = {_S.STARTED, _S.CONTINUED, _S.CHANGED, _S.RESUMED, _S.UNKNOWN}


def _weight(mention: _Mention) -> int:
    """How much a mention decides. A dose given ("received pantoprazole 80 mg in the ED") tells
    of one moment: an order for the drug written anywhere else in the note outweighs it."""
    rank = mention.cue.rank
    narrative = mention.section in _NARRATIVE and mention.cue.status not in _KEEP_WEIGHT
    if rank == CUE_RANK and (narrative or mention.cue.status is _S.GIVEN):
        return DEFAULT_RANK
    return rank


def _primary(group: list[_Mention]) -> _Mention:
    """The mention that decides: a discharge list's verdict, else the strongest statement and,
    between equals, the later one in the story of the encounter."""
    discharge = [m for m in group if m.kind is ListKind.DISCHARGE or m.verdict]
    # A discharge list's own entry for the drug, not a word about it in another entry ("aspirin
    # - you are now on Eliquis", "glargine ... because dapagliflozin lowers sugar") or a line
    # listing the stay's doses ("Given in hospital only: furosemide IV").
    # The entry's other mentions of the drug stay ("metoprolol tartrate 25 mg -> metoprolol
    # succinate 50 mg daily").
    entries = {m.line for m in discharge if m.heads_entry}
    discharge = [m for m in discharge if m.line in entries] or discharge
    candidates = discharge or group
    primary = max(candidates, key=lambda m: (_weight(m), m.name.start))
    if primary.cue.status is _S.HISTORICAL and primary.section in _NARRATIVE:
        # "Previously used triamcinolone cream (2024)" in the history, "intralesional
        # triamcinolone ... injected today" in the plan: the dose of this encounter is the later
        # word in its story.
        given = [m for m in candidates if _given_here(m) and m.name.start > primary.name.start]
        if given:
            return given[-1]
    return primary


def _given_here(mention: _Mention) -> bool:
    """A dose the note says it gave, outside the story of the time before."""
    return (
        mention.cue.status is _S.GIVEN
        and mention.cue.rank == CUE_RANK
        and mention.section not in _NARRATIVE
    )


def _status(
    doc: Document,
    primary: _Mention,
    group: list[_Mention],
    inpatient: bool,
    document: NoteType | None = None,
) -> MedicationStatus:
    """A plan line that only writes a drug out, or lets the patient take it ("may take
    ibuprofen ... max 3 days a week"), continues it when the home list has it."""
    cue = primary.cue
    if cue.status is _S.HISTORICAL and _taken_since(doc, primary, group):
        return _S.CONTINUED
    if cue.status is _S.CONTINUED and _changed_before(doc, primary, group):
        return _S.CHANGED
    if _on_what_was_started(doc, primary, group):
        return _S.STARTED  # "Start prednisone 30 mg daily x 5 days ... glucose will rise on it"
    if cue.status is _S.PROPOSED and _chosen(primary, group):
        return _S.GIVEN  # "cephalexin vs clindamycin - cephalexin given": the option taken
    if cue.status is _S.PROPOSED and _more_of_a_dose_given(doc, primary, group):
        return _S.GIVEN  # "given metolazone this morning ... could add a second dose"
    written = (
        cue.rank == DEFAULT_RANK and cue.status is _S.STARTED and primary.kind is ListKind.NONE
    )
    at_home = any(m.kind in _HOME_LISTS for m in group)
    # "Using albuterol about once a week" in the history: a plan line that writes it out
    # refills it.
    told = any(m.section in _NARRATIVE and _in_use(m) for m in group)
    if written and _new_regimen(primary, group):
        return _S.CHANGED  # home "furosemide 40 mg PO daily", plan "furosemide 40 mg IV BID"
    if (written or _allowed(doc, primary)) and (at_home or told):
        return _S.CONTINUED
    if cue.status is _S.STARTED and primary.kind in _HOME_LISTS and primary.dated:
        return _S.CONTINUED  # "Nitrofurantoin ... (started 01/19, day 4 of 7)" on a list
    if cue.status is _S.STARTED and primary.dated and _in_use_now(doc, primary, group):
        # "Currently on anastrozole ... Tamoxifen stopped in 2023, switched to anastrozole":
        # the start is the story of how the drug the patient takes began.
        return _S.CONTINUED
    if cue.status is _S.STARTED and _kit_of_listed_drug(doc, primary, group):
        return _S.CONTINUED
    if cue.status is _S.CONTINUED and _begun_here(primary, group, at_home, document):
        return _S.STARTED  # "heparin bolus in the ED ... Continue heparin infusion"
    # In a hospital note an unnamed list is the stay's orders; only a home list says "home".
    home = {ListKind.ADMISSION} if inpatient else _HOME_LISTS
    if cue.status is _S.GIVEN and any(_standing(m, home) for m in group):
        # A home drug the stay orders as needed, a dose of it given before a transfer or as a
        # premedication: still the patient's.
        return _S.CONTINUED
    return cue.status


# "Reduce Lokelma to 10 g", "decrease amiodarone to 200 mg daily": the verb, the drug, the
# new dose.
_TO_A_DOSE = re.compile(r"[ \t]*(?:\([^()\n]{0,40}\)[ \t]*)?(?:\w+[ \t]+){0,2}?to[ \t]+\d", re.I)
# The rest of a change's clause dating it to an earlier visit: "increased sertraline to 100 mg
# in March", "... at the last visit", "... 6 weeks ago".
_TOLD_BEFORE = re.compile(
    r"[^.;\n]{0,60}?\b(?:in (?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
    r"|in (?:19|20)\d\d|(?:at|since|after|on) (?:the |her |his )?(?:last|previous|prior) "
    r"(?:visit|appointment|review|admission)|last (?:visit|appointment|month|week|year)|ago\b"
    r"|previously)",
    re.I,
)


def _changed_before(doc: Document, primary: _Mention, group: list[_Mention]) -> bool:
    """True when the plan ordered a new dose before a later word as strong that only says the
    drug goes on: "reduce Lokelma to 10 g daily ... continuing Lokelma", "decrease amiodarone to
    200 mg ... bradycardia on amiodarone" keep the drug at its new dose. A change told of the
    past ("increased last month") or put forward ("or increasing sertraline") is not one."""
    weight = _weight(primary)
    return any(
        m.name.start < primary.name.start
        and m.cue.status is _S.CHANGED
        and m.cue.start is not None
        and m.cue.start < m.name.start
        and m.section in _PLAN_SECTIONS | {_N.ASSESSMENT}
        and _weight(m) == weight
        and _TO_A_DOSE.match(doc.text, m.name.end) is not None
        and not _TOLD_BEFORE.match(doc.text, m.name.end)
        for m in group
    )


def _new_regimen(primary: _Mention, group: list[_Mention]) -> bool:
    """True when a plan line that only writes the drug out writes another regimen than every
    home-list entry of it that states one: the plan's dose is a change, not a refill."""
    found = [regimen_differs(primary.dosing, m.dosing) for m in group if m.kind in _HOME_LISTS]
    stated = [differs for differs in found if differs is not None]
    return bool(stated) and all(stated)


# A hospice or comfort kit's line: "Comfort kit placed in the home (E-kit): ...".
_KIT_LINE = re.compile(r"[ \t]*[^:\n]{0,40}\bkit\b[^:\n]{0,40}:", re.I)


# A bare "on" before the name: "glucose will rise on prednisone", "while on amiodarone".
_BARE_ON_CUE = re.compile(r"on\b", re.I)


def _on_what_was_started(doc: Document, primary: _Mention, group: list[_Mention]) -> bool:
    """True when the deciding word is only a bare "on" said after the note's plan starts the
    drug: the later sentence speaks of the drug just begun, it does not tell it was taken
    before."""
    cue = primary.cue
    return (
        cue.status is _S.CONTINUED
        and cue.rank == CUE_RANK
        and cue.start is not None
        and _BARE_ON_CUE.match(doc.text, cue.start) is not None
        and any(
            m.name.start < primary.name.start
            and m.cue.status is _S.STARTED
            and m.cue.rank == CUE_RANK
            and m.kind is ListKind.NONE
            # A start of this encounter, not the story's ("Discharged on apixaban" in the
            # history of a later visit).
            and m.section not in _NARRATIVE
            for m in group
        )
    )


def _kit_of_listed_drug(doc: Document, primary: _Mention, group: list[_Mention]) -> bool:
    """A kit left in the home supplies the drugs the note lists as taken ("lorazepam 0.5 mg SL
    q6h PRN" on the list, then in the comfort kit): only the kit's other drugs are new."""
    return (
        primary.cue.rank == LABEL_RANK
        and _KIT_LINE.match(doc.text, primary.line) is not None
        and any(m is not primary and m.heads_entry and m.cue.status is _S.CONTINUED for m in group)
    )


def _chosen(primary: _Mention, group: list[_Mention]) -> bool:
    """True when a drug put forward as an option is then given: the choice was made."""
    return any(
        m.name.start > primary.name.start and m.cue.status is _S.GIVEN and m.cue.rank == CUE_RANK
        for m in group
    )


# A further dose put forward presumes the first: "a second dose of", "another dose of".
_MORE_OF = re.compile(
    r"\b(?:second|another|repeat(?:ed)?|additional|further|extra|2nd|third|3rd)[ \t]+"
    r"(?:dose|bolus|round|administration)[ \t]+of[ \t]+(?:the[ \t]+)?$",
    re.I,
)


def _more_of_a_dose_given(doc: Document, primary: _Mention, group: list[_Mention]) -> bool:
    """True when the proposal is of one more dose of a drug the note says was given: the drug
    stands as given; only its next dose is put forward."""
    before = doc.text[max(0, primary.name.start - 60) : primary.name.start]
    return _MORE_OF.search(before) is not None and any(
        m.name.start < primary.name.start and m.cue.status is _S.GIVEN for m in group
    )


# The present of a drug told after its past: "takes", "is on", "remains on", "currently uses".
_PRESENT_USE = re.compile(
    r"(?:takes|taking|(?:is|are) (?:still )?(?:on|taking|using)|remains? on|currently"
    r" (?:on|takes|taking|uses|using)|still (?:on|takes|taking|uses|using)|uses|using)\b",
    re.I,
)


def _taken_since(doc: Document, primary: _Mention, group: list[_Mention]) -> bool:
    """True when the story, after telling of a drug's past ("underwent aspirin desensitization
    in 2021"), says the patient takes it now ("and takes aspirin 81 mg daily since"): the
    later present tense is where the drug stands."""
    return any(
        m.name.start > primary.name.start
        and m.cue.status is _S.CONTINUED
        and m.cue.rank == CUE_RANK
        and m.cue.start is not None
        and _PRESENT_USE.match(doc.text, m.cue.start) is not None
        for m in group
    )


def _in_use_now(doc: Document, primary: _Mention, group: list[_Mention]) -> bool:
    """True when another mention tells the drug as taken now ("currently on", "takes")."""
    return any(
        m is not primary
        and m.cue.status is _S.CONTINUED
        and m.cue.rank == CUE_RANK
        and m.cue.start is not None
        and _PRESENT_USE.match(doc.text, m.cue.start) is not None
        for m in group
    )


_MONTH_OR_VISIT = quick(
    r"\b(?:started|begun|began|initiated) (?:on )?\d{1,2}/\d{1,2}\b"
    r"|\b(?:in|since|on) (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|\b(?:last|previous|prior) (?:visit|appointment)\b|\bat (?:the|her|his) \S+ visit\b"
    # A start on an earlier day of the stay or of the month: "(started POD1 off drip)",
    # "started HD 2", "started this month", "begun yesterday".
    r"|\b(?:started|begun|began|initiated|added) (?:on )?(?:POD|HD|hospital day"
    r"|post-?op(?:erative)? day|day) ?#?\d+\b"
    r"|\b(?:started|begun|began|initiated|added) (?:this|last) (?:week|month)\b"
    r"|\b(?:started|begun|began|initiated|added) yesterday\b",
    re.I,
)


def _dated(doc: Document, name: Seg, cue: StatusCue, layout: _Layout) -> bool:
    """Only a start or a dose read from the text may be dated; the rest is never asked."""
    if cue.rank != CUE_RANK or cue.status not in (_S.STARTED, _S.GIVEN):
        return False
    if cue.status is _S.STARTED and _started_by_the_patient(doc.text, cue):
        return True
    near = _near(doc, name, layout)
    # An entry marked "NEW:" is begun now: the days of its sig ("PRN no BM x 2 days", "x 7
    # days") are how it is taken, not an earlier course; only a date of its start dates it.
    marked = cue.start is not None and _NEW_MARK.match(doc.text, cue.start) is not None
    dating = (_MONTH_OR_VISIT,) if marked else (_EARLIER, _MONTH_OR_VISIT)
    return any(p.search(doc.text, near.start, near.end) for p in dating)


_NEW_MARK = re.compile(r"new\b", re.I)


# The patient as the subject of a start: "he has started the Jardiance", "she started taking
# ibuprofen", "Pt has now begun the patches". Not "he was started on", "we started".
_PATIENT_SUBJECT = re.compile(
    r"(?:\b(?:he|she|they|(?:the )?(?:patient|pt))(?:[ \t]+(?:has|have|had))?"
    r"|\band[ \t]+(?:has|have))"
    r"(?:[ \t]+(?:now|since|already|recently|just|then))?[ \t]+$",
    re.I,
)
_BEGAN = re.compile(r"start|began|begun|commenc", re.I)


def _started_by_the_patient(text: str, cue: StatusCue) -> bool:
    """A start the patient made and tells of: before this encounter, whatever the note orders
    now ("has started the Jardiance without problems ... Please continue empagliflozin")."""
    if cue.start is None or _BEGAN.match(text, cue.start) is None:
        return False
    return _PATIENT_SUBJECT.search(text, max(0, cue.start - 40), cue.start) is not None


def _standing(mention: _Mention, home: set[ListKind]) -> bool:
    """A regimen the patient is on: a home list's entry, or any list's entry with how often
    ("acetaminophen 650 mg q6h prn" on a nursing home's MAR)."""
    if mention.cue.status not in _ONGOING:
        return False
    if mention.kind in home:
        return True
    dosing = mention.dosing
    return mention.kind in _HOME_LISTS and (dosing.frequency is not None or dosing.prn)


def _proposed_in_use(primary: _Mention, group: list[_Mention]) -> bool:
    """A proposal about a drug the patient takes ("consider atorvastatin 80 mg", "would switch
    Keppra to ...") is no option not yet taken: a list or the story has it in use."""
    return any(
        m is not primary
        and (m.kind in _HOME_LISTS or m.section in _NARRATIVE)
        and m.cue.status is _S.CONTINUED
        for m in group
    )


def _in_use(mention: _Mention) -> bool:
    """Told as taken: "takes X", or named with how often ("albuterol about once a week")."""
    status = mention.cue.status
    frequency = mention.dosing.frequency
    repeats = frequency is not None and _ONE_TIME.search(frequency) is None
    return status is _S.CONTINUED or (status is _S.UNKNOWN and repeats)


def _begun_here(
    primary: _Mention, group: list[_Mention], at_home: bool, document: NoteType | None
) -> bool:
    """A drug the note tells was started or first given at this encounter (in the ED, on
    arrival) and then continued: new at this encounter, not a home drug going on. A consult's
    or an operation's story tells of a start by others before it ("started on heparin in the
    ED" in a cardiology consult): there the drug goes on."""
    if at_home or primary.cue.rank != CUE_RANK:
        return False
    own_story = document is None or document in _ENCOUNTER_DOCUMENTS
    return any(
        m.name.start < primary.name.start
        and _dose_or_start(m)
        and m.section not in _HISTORY_SECTIONS
        and (own_story or m.section not in _NARRATIVE)
        and not m.dated
        for m in group
    )


def _dose_or_start(mention: _Mention) -> bool:
    """A start or a dose the words say, or a dose an ED course tells by its clock time (not
    a drug a "Prenatal course:" only names: "Levothyroxine 50 mcg for hypothyroidism")."""
    cue = mention.cue
    if cue.status not in (_S.STARTED, _S.GIVEN):
        return False
    course = cue.status is _S.GIVEN and mention.section is _N.HOSPITAL_COURSE
    return cue.rank == CUE_RANK or (course and cue.rank == DEFAULT_RANK and mention.clocked)


# A clock time: "14:10", "at 0930", "2320 -".
_CLOCK_TIME = quick(
    r"(?<![\d/.:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])|(?:^|\bat )[ \t]*(?:[01]\d|2[0-3])[0-5]\d\b",
    re.M,
)


# The documents whose story is of their own encounter: the ED visit, the admission, the stay.
_ENCOUNTER_DOCUMENTS = {
    NoteType.EMERGENCY,
    NoteType.ADMISSION,
    NoteType.DISCHARGE,
    NoteType.PROGRESS,
}


_HISTORY_SECTIONS = {_N.HISTORY, _N.SURGICAL_HISTORY}


def _allowed(doc: Document, primary: _Mention) -> bool:
    cue = primary.cue
    return (
        cue.status is _S.PROPOSED
        and cue.start is not None
        and _PERMISSION.match(doc.text, cue.start) is not None
    )


_PERMISSION = re.compile(r"(?:may|can|could)\s+(?:take|use)\b", re.I)


def _first(values: Iterable[str | None]) -> str | None:
    return next((v for v in values if v), None)


def _begun_in_the_stay(
    doc: Document, primary: _Mention, group: list[_Mention], home_listed: bool
) -> bool:
    """A discharge list entry that says nothing of itself, of a drug no home list or history
    has: new since admission, when the course started it, when the entry finishes a course
    ("for 7 more days", "to complete 10 days") or when the note lists the home drugs and this
    one is not among them."""
    if primary.cue.rank > DEFAULT_RANK or primary.cue.status is not _S.CONTINUED:
        return False
    others = [m for m in group if m is not primary]
    rest = _REST_OF_COURSE.search(doc.text, primary.evidence.start, primary.evidence.end)
    begun = (
        home_listed
        or rest is not None
        or any(
            m.section is _N.HOSPITAL_COURSE and m.cue.status in (_S.STARTED, _S.GIVEN, _S.CHANGED)
            for m in others
        )
    )
    at_home = any(
        m.kind in _HOME_LISTS or (m.section in _NARRATIVE and m.cue.status is _S.CONTINUED)
        for m in others
    )
    return begun and not at_home


# The remainder of a course begun in the stay: "for 7 more days", "x 3 more days", "to
# complete a 10-day course", "through 03/14".
_REST_OF_COURSE = re.compile(
    r"\b(?:for|x)\s*\d+\s*(?:more|additional|further)\s+(?:days?|doses?|weeks?)\b"
    r"|\bto complete (?:a |the )?(?:\d+[- ]day |total )?(?:course|\d+ days)\b",
    re.I,
)


def _reconciled(
    doc: Document, primary: _Mention, group: list[_Mention], complete_list: bool, home_listed: bool
) -> MedicationStatus:
    """A note with a discharge list: drugs of the stay left off it were given during the stay;
    home drugs left off a complete list were stopped."""
    status = primary.cue.status
    if primary.kind is ListKind.DISCHARGE and _begun_in_the_stay(doc, primary, group, home_listed):
        return _S.STARTED
    if primary.kind is ListKind.DISCHARGE or status not in _ONGOING | {_S.GIVEN}:
        return status
    if all(m.kind in (ListKind.NONE, ListKind.GIVEN) for m in group):
        return _S.GIVEN
    # A dose the note says was of the stay ("Inpatient-only medications not continued:
    # heparin") is not a home drug left off the list.
    if complete_list and primary.kind in (ListKind.ADMISSION, ListKind.CURRENT):
        return status if status is _S.GIVEN else _S.STOPPED
    return status


def _course_days(doc: Document, name: Seg, clause: Seg) -> int | None:
    """The length of the course the drug's order states, from its line's start to its clause's
    end ("a 5-day course of azithromycin", "prednisone taper over 12 days")."""
    before = course_before(doc.text[max(0, name.start - 30) : name.start])
    length = before or course_length(doc.text[name.start : max(clause.end, name.end)])
    return length.days if length else None


def _medication(doc: Document, group: list[_Mention], status: MedicationStatus) -> Medication:
    primary = _primary(group)
    ordered = [primary, *(m for m in group if m is not primary)]
    # Dose, route and frequency are read together from the first mention that gives a dose, so a
    # "hold lisinopril, IV fluids" does not lend its "IV" to the home dose.
    dosed = [m for m in ordered if m.dosing.dose] + [m for m in ordered if not m.dosing.dose]
    drug = primary.drug
    return Medication(
        name=" ".join(doc.slice(group[0].name).split()),
        ingredient=drug.ingredient if drug else None,
        code=drug.code if drug else None,
        dose=_first(m.dosing.dose for m in dosed),
        route=_first(m.dosing.route for m in dosed),
        frequency=_first(m.dosing.frequency for m in dosed),
        prn=any(m.dosing.prn for m in group),
        course_days=next((m.course_days for m in ordered if m.course_days), None),
        status=status,
        section=primary.section,
        text=doc.slice(primary.evidence),
        start=primary.evidence.start,
        end=primary.evidence.end,
        mentions=[Span(start=m.name.start, end=m.name.end) for m in group],
        told_only_as=told_only_as(m.setting for m in group),
    )


def _only_of_the_stay(primary: _Mention, group: list[_Mention], home_list: bool) -> bool:
    """An entry of the stay's order list with nothing said of it, in a note that also lists the
    home drugs without it ("Pantoprazole 40 mg PO daily" on the inpatient orders, not at home):
    a drug of the stay, given while admitted."""
    if not (home_list and primary.stay and primary.cue.rank <= LABEL_RANK):
        return False
    if all(_family(part) in _FAMILIES - {"insulin"} for part in primary.key.split(" / ")):
        return False  # calcium, vitamin D, iron: the patient's own supplements, named loosely
    return not any(
        m.kind is ListKind.ADMISSION
        or (m.section in _NARRATIVE and m.cue.status is _S.CONTINUED)
        or (m.cue.rank == CUE_RANK and m.cue.status is not _S.GIVEN)
        for m in group
    )


# Heparin that keeps a dialysis circuit from clotting: a bolus and a rate "per unit protocol",
# "with each treatment", "in-unit", a catheter lock or flush. Each treatment uses it up; the
# unit's standing drugs beside it (epoetin, paricalcitol "at dialysis") are the patient's.
_DIALYSIS = re.compile(r"\b(?:hemo-?dialysis|dialysis|HD|CRRT|CVVHD?F?)\b", re.I)
_CIRCUIT_DOSE = re.compile(
    r"\bbolus\b|\bper (?:(?:the )?(?:unit|HD|dialysis|center|centre)'?s? )?protocol\b"
    r"|\b(?:lock|flush|dwell|circuit|in-?unit|in-?cent(?:er|re))\b"
    r"|\b(?:with|each|every|per) (?:each )?(?:treatment|tx|run|session|HD|dialysis)\b"
    r"|\b(?:at|on|during|with) (?:HD|dialysis|hemodialysis)\b",
    re.I,
)
# A heparin the patient is treated with, not the circuit's: a drip for a clot, prophylaxis.
_TREATING = re.compile(
    r"\b(?:drip|gtt|nomogram|DVT|PE|VTE|ACS|N?STEMI|AF|afib|a-?fib|prophyla\w*|SC|SQ|subq"
    r"|subcut\w*|q8h|q12h|aPTT|PTT|anti-?Xa)\b",
    re.I,
)


def _runs_the_circuit(doc: Document, group: list[_Mention], layout: _Layout) -> bool:
    """True when every mention of heparin in a dialysis note is the anticoagulation of the
    treatment: "Heparin 2000 units IV bolus then 1000 units/hr" under the unit's medications,
    "At dialysis: epoetin ..., heparin per unit protocol"."""
    if not _DIALYSIS.search(doc.text):
        return False
    for mention in group:
        line = layout.line(mention.name.start)
        sentence = doc.sentence_at(mention.name.start)
        seg = sentence.seg if sentence is not None else line
        start, end = max(seg.start, line.start), min(seg.end, line.end)
        if _TREATING.search(doc.text, start, end) or not _CIRCUIT_DOSE.search(doc.text, start, end):
            return False
    return True


# The drug as the cause of what it did: "two ibuprofen tablets in 2023 caused severe wheeze".
_CAUSED = re.compile(
    r"[^.;\n]{0,40}?\b(?:caused|causes|gave (?:him|her|them|me)|triggered|provoked"
    r"|made (?:him|her|them|me))\b",
    re.I,
)


def _only_its_reaction(doc: Document, status: MedicationStatus, group: list[_Mention]) -> bool:
    """An allergen's mentions tell only the story of its reaction, no dose of it: "his prior
    tendon injury with ciprofloxacin" read as a dose given, "two ibuprofen tablets in 2023 caused
    severe wheeze" read as past use. The allergy says it all. A dose, a route, or a word of
    what was done ("was started on cefazolin in the ED but developed itching") keeps it."""
    if any(m.dosing.dose or m.dosing.route for m in group):
        return False
    if status is _S.GIVEN:
        return not any(m.cue.rank == CUE_RANK for m in group)
    return status is _S.HISTORICAL and all(_CAUSED.match(doc.text, m.name.end) for m in group)


def _allergic(key: str, allergens: set[str]) -> bool:
    """True when the drug, or an ingredient of a combination, is an allergen of the note."""
    return key in allergens or any(part in allergens for part in key.split(" / "))


def _allergen_keys(doc: Document, layout: _Layout) -> set[str]:
    """The drugs the note names as allergies: never the patient's medications."""
    keys: set[str] = set()
    for section in doc.sections:
        if section.name is _N.ALLERGIES:
            found = find_drug_names(doc.text, section.content.start, section.content.end)
            # "Pre-procedure meds review:" below the allergies: a list the section runs into.
            label = _MEDICATION_LABEL.search(doc.text, section.content.start, section.content.end)
            listed = label.end() if label is not None else section.content.end
            seg = Seg
            keys.update(
                n.drug.key
                for n in found
                # "25-OH vit D 41 ng/mL" of a results table the section runs into: a test.
                if n.start < listed
                and not _LAB_AFTER.match(doc.text, n.end)
                and _allergy_statement(doc, seg(n.start, n.end), layout)
            )
    return keys


# The family a product belongs to: "ferrous sulfate" is iron, "insulin lispro" an insulin.
_FAMILY_OF_WORD = {"ferrous": "iron", "ferric": "iron"}
_FAMILY_OF_INGREDIENT = {"cholecalciferol": "vitamin d", "ergocalciferol": "vitamin d"}
_FAMILIES = lexicon.MINERALS | {"insulin", "vitamin d"}
# The words of a supplement named only by its families: "calcium/vitamin D", "Calcium + D".
_FAMILY_WORDS = frozenset(" ".join(_FAMILIES).split()) | {"d", "d3", "and", "with", "plus"}


def _family(part: str) -> str:
    if part in _FAMILY_OF_INGREDIENT:
        return _FAMILY_OF_INGREDIENT[part]
    first = part.split(" ", 1)[0]
    family = _FAMILY_OF_WORD.get(first, first)
    return family if family in _FAMILIES else part


def _restatements(doc: Document, groups: dict[str, list[_Mention]]) -> list[str]:
    """Names that restate drugs the note names more precisely: "iron" beside "ferrous
    sulfate", "insulin drip" beside "insulin regular", "calcium and vitamin D" beside "calcium
    citrate" and "vitamin D3". A second entry for them would list one drug twice."""
    singles = [key for key in groups if " / " not in key]

    def bare(key: str) -> bool:  # named only by its family: "calcium", "insulin"
        written = {name_key(doc.slice(m.name)) for m in groups[key]}
        return key in _FAMILIES or written <= _FAMILIES

    # A supplement of salts written with their strengths ("calcium carbonate 500 mg + vitamin
    # D3 400 IU") names its parts precisely: a later "calcium" or "calcium/vitamin D" restates it.
    supplements = {
        key: frozenset(_family(part) for part in key.split(" / "))
        for key in groups
        if " / " in key and all(_family(part) in _FAMILIES for part in key.split(" / "))
    }
    precise_supplements = {
        key: families
        for key, families in supplements.items()
        if not all(set(name_key(doc.slice(m.name)).split()) <= _FAMILY_WORDS for m in groups[key])
    }
    precise = {_family(key) for key in singles if not bare(key)}
    named = {_family(key) for key in singles}
    by_supplement = {family for families in precise_supplements.values() for family in families}
    dropped = [key for key in singles if bare(key) and _family(key) in precise | by_supplement]
    # "glucosamine" beside "glucosamine-chondroitin": a joint supplement restated by one part.
    in_joint_products = {
        part
        for key in groups
        if " / " in key and set(key.split(" / ")) <= lexicon.JOINT_SUPPLEMENTS
        for part in key.split(" / ")
    }
    dropped += [key for key in singles if key in in_joint_products]
    for key, families in supplements.items():
        # Only supplements are written as their parts joined ("calcium + D"); a combination
        # product (Janumet, DuoNeb) is a drug of its own beside its ingredients.
        if key in precise_supplements:
            continue
        if families <= named or families in precise_supplements.values():
            dropped.append(key)
    return dropped


_LOCAL_ANAESTHETICS = frozenset(
    {"lidocaine", "bupivacaine", "ropivacaine", "mepivacaine", "chloroprocaine", "prilocaine"}
    | {"tetracaine", "articaine", "liposomal bupivacaine"}
)
# Forms a patient takes home: "lidocaine 5% patch", "viscous lidocaine", "EMLA cream".
_HOME_FORM = re.compile(
    r"\b(?:patch\w*|cream|ointment|jelly|viscous|gel|lozenges?|mouthwash)\b", re.I
)


def _local_anaesthetic(doc: Document, key: str, group: list[_Mention]) -> bool:
    """A local anaesthetic named with nothing said of it was given where the note was written:
    it is injected, sprayed or infiltrated at the bedside, never taken at home."""
    parts = set(key.split(" / "))
    if not parts & _LOCAL_ANAESTHETICS or not parts <= _LOCAL_ANAESTHETICS | {"epinephrine"}:
        return False
    for mention in group:
        around = Seg(max(0, mention.name.start - 20), min(len(doc.text), mention.name.end + 30))
        if _HOME_FORM.search(doc.text, around.start, around.end):
            return False
    return True


# The prescription written out for a drug: "Rx:", "New Rx", "prescription sent", "#30".
_PRESCRIPTION_WORD = re.compile(r"(?:new\s+)?(?:rx|e-?rx|prescriptions?|script)\b", re.I)


def _prescribed_change(doc: Document, primary: _Mention, group: list[_Mention]) -> bool:
    """ "DECREASE glipizide to 5 mg ... New Rx glipizide 5 mg": the prescription of a new dose
    carries out the change the note orders; the drug is changed, not begun."""
    cue = primary.cue
    written = cue.start is not None and _PRESCRIPTION_WORD.match(doc.text, cue.start)
    dispensed = DISPENSE.search(doc.text, primary.evidence.start, primary.evidence.end)
    if primary.kind is ListKind.DISCHARGE or not (written or dispensed):
        return False  # a discharge list's "new" is its own verdict
    return any(
        m is not primary
        and m.cue.status is _S.CHANGED
        and m.cue.rank == CUE_RANK
        and m.section not in _NARRATIVE
        for m in group
    )


def _restated(doc: Document, name: Seg, layout: _Layout) -> bool:
    """A name in a parenthesis opened right after another drug's entry ("Trelegy Ellipta
    (fluticasone furoate/umeclidinium/vilanterol)", "810 mg IV q6h (... of ampicillin
    component)"): it refers to that entry."""
    if not layout.in_parentheses(name.start):
        return False
    line = layout.line(name.start)
    opened = doc.text.rfind("(", line.start, name.start)
    before = find_drug_names(doc.text, max(line.start, opened - 40), opened)
    return bool(before) and not _NEW_ITEM.search(doc.text, before[-1].end, opened)


_LABEL_ONLY = re.compile(r"[ \t]*(?:[-*\u2022>]|\d{1,2}[.)]|[A-Za-z/&]{1,12}:)?[ \t]*")
_NO_WORDS = re.compile(r"[^A-Za-z]*")


def _alone(doc: Document, name: Seg, sentence: Seg, entry: int) -> bool:
    """The name is all its entry says: "P: Aspirin", "- Tylenol."."""
    before = _LABEL_ONLY.fullmatch(doc.text, max(entry, sentence.start), name.start)
    after = _NO_WORDS.fullmatch(doc.text, name.end, max(name.end, sentence.end))
    return before is not None and after is not None


def _place(
    doc: Document,
    group: list[_Mention],
    layout: _Layout,
    document: NoteType | None,
    home_drugs: bool = False,
) -> Place | None:
    """Where the deciding mention of a drug stands; None when every mention only restates
    another drug's entry ("Trelegy (fluticasone/umeclidinium/vilanterol)")."""
    primary = _primary(group)
    outside = [m for m in group if not _restated(doc, m.name, layout)]
    if not outside:
        return None
    # An aside in parentheses ("(avoid cold drinks after oxaliplatin)") stands nowhere: the
    # drug's entry does.
    plain = [m for m in outside if not layout.in_parentheses(m.name.start)] or outside
    chosen = primary if primary in plain else plain[-1]
    name = chosen.name
    sentence = doc.sentence_at(name.start)
    around = sentence.seg if sentence is not None else layout.line(name.start)
    earlier = doc.sentence_at(around.start - 2) if around.start >= 2 else None
    line = layout.line(name.start)
    # An export runs its entries into one line: ".,8.  Chewable multivitamin daily."
    opened = max(
        doc.text.rfind(".,", line.start, name.start), doc.text.rfind(":,", line.start, name.start)
    )
    entry = opened + 2 if opened >= 0 else line.start
    return Place(
        section=chosen.section,
        document=document,
        sentence=doc.text[around.start : around.end],
        before=doc.text[earlier.seg.start : earlier.seg.end] if earlier is not None else "",
        line_before=doc.text[entry : name.start],
        alone=_alone(doc, name, around, entry),
        dosed=any(m.dosing.dose or m.dosing.route for m in group),
        how_often=any(m.dosing.frequency for m in group),
        of_a_stay=doc.first(INPATIENT) is not None,
        off_the_list=home_drugs and not any(m.kind in _HOME_LISTS for m in group),
    )


def _placed(
    doc: Document,
    group: list[_Mention],
    status: MedicationStatus,
    layout: _Layout,
    document: NoteType | None,
    home_drugs: bool = False,
) -> MedicationStatus:
    """What a drug's place makes of a status its words leave open: `unknown`, or a dose told
    in a history. `home_drugs`: the note writes out the drugs the patient takes."""
    if status not in (_S.UNKNOWN, _S.GIVEN):
        return status
    if status is _S.GIVEN and _primary(group).cue.rank == LABEL_RANK:
        # "Current inpatient meds (MAR reviewed):": a list's label says the doses are of the
        # stay, wherever the list stands; only a dose told in the history's words is dated.
        return status
    place = _place(doc, group, layout, document, home_drugs)
    if place is None:
        return status
    return placed_status(place) if status is _S.UNKNOWN else told_dose(place)


_SIGN_DIGITS = re.compile(r"[\s#\d]+")
_UNIT = re.compile(r"(?:m|s|cv)?icu|ccu")


def _sign_kind(sign: str) -> str:
    """One kind per sign of a stay: "POD1" and "POD 3" are one, and so are "MICU" and "ICU"."""
    kind = _SIGN_DIGITS.sub("", sign.lower())
    return "icu" if _UNIT.fullmatch(kind) else kind


_TAKEN_NOW = {_S.CONTINUED, _S.STARTED, _S.CHANGED, _S.RESUMED}


def _never_current(group: list[_Mention], status: MedicationStatus) -> MedicationStatus:
    """A drug every mention of which is a dose given or an option put forward is never taken
    now, whatever its list or place made of it."""
    said = {m.cue.status for m in group}
    if status not in _TAKEN_NOW or not said <= {_S.GIVEN, _S.PROPOSED}:
        return status
    return _S.GIVEN if _S.GIVEN in said else _S.PROPOSED


# "gabapentin was prescribed by PCP but never started", "the Rx was never filled": ordered once,
# never taken. Read to the end of the drug's clause.
_NEVER_TAKEN = re.compile(
    r"[^.;\n]{0,60}?\bnever\s+(?:been\s+)?(?:started|taken|took|filled|picked\s+up|began"
    r"|begun)\b",
    re.I,
)


def _never_taken(doc: Document, primary: _Mention, group: list[_Mention]) -> bool:
    """The deciding or the latest mention says the drug was never taken."""
    latest = max(group, key=lambda m: m.name.start)
    return any(
        _told_never_taken(doc, m.name.end)
        for m in {id(primary): primary, id(latest): latest}.values()
    )


def _told_never_taken(doc: Document, name_end: int) -> bool:
    # "Sertraline 50 mg daily - buspirone was prescribed but never started": the "never" of a
    # drug named in between is that drug's.
    told = _NEVER_TAKEN.match(doc.text, name_end)
    return told is not None and not find_drug_names(doc.text, name_end, told.end())


def _only_put_forward(group: list[_Mention]) -> bool:
    """Every mention stands among options or advice left to others, and none says more of
    the drug than its dosing."""
    return all(m.setting is Setting.PROPOSED and m.cue.rank <= DEFAULT_RANK for m in group)


def extract_medications(
    doc: Document,
    excluded: list[Seg],
    allergens: Collection[str] = (),
    document: NoteType | None = None,
    withdrawn: Collection[str] = (),
    reference: date | None = None,
) -> list[Medication]:
    """Every drug the note names for the patient, merged per ingredient, with its status at the
    end of the encounter; allergens, vaccines, lab tests and denied drugs are left out.

    `excluded` holds spans that name a drug without it being taken (allergies, lab results);
    `allergens` the drug keys of the note's allergies, wherever they are written ("Intolerances:
    atorvastatin (myalgias)", "she is allergic to spironolactone"): never a current drug.
    `document` is the note's type: where a drug stands means more in some documents.
    `withdrawn` the drug keys of allergies the note takes back ("amoxicillin allergy refuted"):
    named in an allergy section, they may still be taken. `reference` is the note's date (its own
    or the upload's): a stop dated within six months of it is recent, not past.
    """
    layout = _Layout.of(doc.text)
    skip = _Excluded.of(excluded + vaccine_spans(doc))
    # A note of a hospital stay, where PRN orders are doses given during the stay.
    # Two kinds of sign, not one written twice: "POD1 ... POD 3" in a post-op clinic visit's
    # story is one kind.
    inpatient = len({_sign_kind(m.group()) for m in doc.matches(INPATIENT)}) >= 2
    if FACILITY.search(doc.text, 0, FACILITY_HEAD):
        inpatient = False  # a nursing home's transfer form or MAR: the resident's own drugs
    parts = _closing_reconciliation(
        [part for section in doc.sections for part in regions(doc.text, section)]
    )
    discharged = any(p.name is _N.HOSPITAL_COURSE for p in parts) and any(
        list_kind(p) is ListKind.DISCHARGE for p in parts
    )
    # A procedure report: its findings are written, and it is not the note of a stay.
    procedural = not inpatient and any(p.name is _N.FINDINGS for p in parts)
    # An operative report (its anaesthesia, procedure and findings written): the plan's orders
    # as needed are the post-operative prescriptions, begun, not doses given.
    named = {p.name for p in parts}
    operative = _N.PROCEDURE in named and bool(named & {_N.ANESTHESIA, _N.FINDINGS})
    stay = (inpatient, discharged, procedural, operative)
    later = _after_a_stay(doc, document)
    avoided: set[str] = set()
    mentions = [
        mention
        for part in parts
        if part.name not in _SKIPPED
        for mention in _section_mentions(doc, part, skip, layout, stay, reference, avoided, later)
    ]
    groups: dict[str, list[_Mention]] = {}
    for mention in mentions:
        groups.setdefault(mention.key, []).append(mention)
    for key in _restatements(doc, groups):
        del groups[key]
    discharge = [m for m in mentions if m.kind is ListKind.DISCHARGE]
    # A hospital discharge list that also writes out the home drugs kept is the whole list;
    # an ED's discharge prescriptions are only the new drugs.
    kept = [m for m in discharge if m.cue.status is _S.CONTINUED and m.cue.rank >= LABEL_RANK]
    complete = inpatient and len(kept) >= 2
    home = any(m.kind is ListKind.ADMISSION for m in mentions)
    # The drugs the patient came in on are written out: a discharge entry not among them is new.
    home_drugs = sum(m.kind in _HOME_LISTS for m in mentions) >= 2
    allergic = (_allergen_keys(doc, layout) - set(withdrawn)) | set(allergens)
    classes = class_statements(doc.text)
    medications: list[Medication] = []
    for key, group in groups.items():
        primary = _primary(group)
        status = (
            _reconciled(doc, primary, group, complete, home_drugs)
            if discharge
            else _status(doc, primary, group, inpatient, document)
        )
        if not discharge and status is _S.CONTINUED and _only_of_the_stay(primary, group, home):
            status = _S.GIVEN  # on the stay's orders, not on the home list beside them
        if _allowed(doc, primary) and any(m.kind in _HOME_LISTS for m in group):
            status = _S.CONTINUED  # "may take ibuprofen ... max 3 days a week": a home drug
        if status is _S.PROPOSED and _proposed_in_use(primary, group):
            status = _S.CONTINUED  # "Celexa was discussed" of a drug on her list: still taken
        if status is _S.STARTED and _prescribed_change(doc, primary, group):
            status = _S.CHANGED  # "Increase metformin to 1,000 mg. Rx: metformin 500 mg ..."
        if status is _S.UNKNOWN and _local_anaesthetic(doc, key, group):
            status = _S.GIVEN  # "1% lidocaine, ulnar to the palmaris longus": at the bedside
        if not _allergic(key, allergic):
            # An allergen's place tells nothing: only what is said of it keeps it.
            status = _placed(doc, group, status, layout, document, home_drugs)
        if not any(m.kind is ListKind.DISCHARGE for m in group):
            # "insulin was discontinued" after "bedtime glargine": the class says it of glargine.
            last = max(m.name.start for m in group)
            status = class_status(classes, key, status, last)
        status = _never_current(group, status)
        if status in _TAKEN_NOW and _never_taken(doc, primary, group):
            status = _S.HISTORICAL  # prescribed once, never taken: not a drug of the patient's
        if key == "heparin" and _runs_the_circuit(doc, group, layout):
            status = _S.GIVEN
        if key in avoided and status in _TAKEN_NOW and any(m.kind in _HOME_LISTS for m in group):
            # "naproxen 220 mg PRN" on her list, then "Avoid naproxen and ibuprofen for now":
            # the drug she takes is ended.
            status = _S.STOPPED
        if status in _TAKEN_NOW and _only_put_forward(group):
            # "RECOMMENDATIONS (for the primary team to order): Narrow to ceftriaxone 2 g IV
            # q24h": a regimen written out only where it is put forward is not yet taken.
            status = _S.PROPOSED
        # A drug the patient is allergic to is never taken now: only its past, a dose given
        # despite the allergy, or its stopping are kept ("lisinopril - cough", tried before).
        # "Underwent aspirin desensitization in 2021 and takes aspirin 81 mg daily since": an
        # allergen the story says is taken now stays too.
        since = primary.cue.status is _S.HISTORICAL and _taken_since(doc, primary, group)
        if _allergic(key, allergic) and _only_its_reaction(doc, status, group):
            continue  # "avoided because of his prior tendon injury with ciprofloxacin": the story
        if not _allergic(key, allergic) or status in _ALLERGEN_KEPT or since:
            medications.append(_medication(doc, group, status))
    return sorted(medications, key=lambda m: m.mentions[0].start)
