"""Drug classes a note stops, holds or resumes as a whole: "insulin was discontinued", "all
antihypertensives held", "resume home antihypertensives", "statin stopped". Such a statement
reaches the drugs of that class the note names elsewhere (glargine and lispro; lisinopril and
amlodipine; atorvastatin).

Only stop, hold and resume: a class started, continued or considered says nothing of which
member, if any, is meant. The table is small and keyed by ingredient, as the vocabulary writes
it; a combination belongs to a class when one of its ingredients does.
"""

import re
from dataclasses import dataclass

from carechart.notes.nlp.scanning import quick
from carechart.notes.nlp.schemas import MedicationStatus

_S = MedicationStatus

_ACE_ARB = (
    "lisinopril enalapril ramipril benazepril quinapril captopril fosinopril perindopril"
    " trandolapril moexipril losartan valsartan irbesartan olmesartan candesartan telmisartan"
    " azilsartan"
)
_BETA_BLOCKERS = "metoprolol carvedilol atenolol bisoprolol nebivolol labetalol propranolol nadolol"
_DIHYDROPYRIDINES = "amlodipine nifedipine felodipine isradipine nicardipine"
_THIAZIDES = "hydrochlorothiazide chlorthalidone indapamide metolazone"
_LOOP = "furosemide torsemide bumetanide"
_SGLT2 = "empagliflozin dapagliflozin canagliflozin ertugliflozin"
_ORAL_DIABETES = (
    f"metformin glipizide glyburide glimepiride sitagliptin linagliptin saxagliptin alogliptin"
    f" pioglitazone {_SGLT2}"
)

# The class words (a regular expression, its plural included) and the ingredients they name.
_TABLE: list[tuple[str, str]] = [
    (r"insulins?", "insulin"),  # every "insulin ..." ingredient, see `_members`
    (
        r"(?:anti-?hypertensives?|(?:bp|blood pressure)\s+(?:medications?|meds|agents?))",
        f"{_ACE_ARB} {_BETA_BLOCKERS} {_DIHYDROPYRIDINES} {_THIAZIDES} diltiazem verapamil"
        " hydralazine clonidine spironolactone doxazosin terazosin minoxidil sacubitril",
    ),
    (r"statins?", "atorvastatin simvastatin rosuvastatin pravastatin lovastatin pitavastatin"),
    (
        r"(?:anti-?coagulants?|anti-?coagulation|blood thinners?)",
        "apixaban rivaroxaban warfarin dabigatran edoxaban enoxaparin",
    ),
    (r"anti-?platelets?(?: agents?| therapy)?", "aspirin clopidogrel ticagrelor prasugrel"),
    (r"(?:diuretics?|water pills?)", f"{_LOOP} {_THIAZIDES} spironolactone eplerenone"),
    (r"nsaids?", "ibuprofen naproxen meloxicam diclofenac celecoxib ketorolac indomethacin"),
    (
        r"(?:oral (?:hypoglycemics?|diabetes (?:medications?|meds|agents?))"
        r"|oral anti-?diabetics?|oral agents)",
        _ORAL_DIABETES,
    ),
    (r"(?:sglt-?2 inhibitors?|sglt-?2i|sglt2is)", _SGLT2),
    (r"(?:ace inhibitors?|acei|arbs?|ace-?i/arb|acei/arb)", _ACE_ARB),
    (r"beta[- ]?blockers?", _BETA_BLOCKERS),
]

_MEMBERS = [frozenset(members.split()) for _, members in _TABLE]
_CLASS_WORDS = "|".join(f"(?P<c{i}>{words})" for i, (words, _) in enumerate(_TABLE))

# What the class word may be followed by: the end of its clause or a word of the sentence, not a
# drug's own name ("stop insulin glargine", "insulin drip stopped" are about one drug).
_AFTER_CLASS = (
    r"(?=\s*(?:[.,;:)\n]|$)|\s+(?:was|were|is|are|has|have|had|will|to|at|on|for|due|given"
    r"|because|and|while|until|in|as|after|before|today|now|this|since|per|prior|during|with"
    r"|held|stopped|discontinued|resumed|restarted|d/c'?d)\b)"
)
_OWNERS = r"(?:(?:all|his|her|their|the|home|usual|oral|outpatient|prior|other|any|of)\s+){0,3}"
_VERBS = {
    "stop": _S.STOPPED,
    "stopped": _S.STOPPED,
    "discontinue": _S.STOPPED,
    "discontinued": _S.STOPPED,
    "d/c": _S.STOPPED,
    "d/c'd": _S.STOPPED,
    "hold": _S.HELD,
    "held": _S.HELD,
    "holding": _S.HELD,
    "on hold": _S.HELD,
    "resume": _S.RESUMED,
    "resumed": _S.RESUMED,
    "resuming": _S.RESUMED,
    "restart": _S.RESUMED,
    "restarted": _S.RESUMED,
}
_VERB = (
    r"(?P<verb>stop(?:ped)?|discontinued?|d/c(?:'d)?|hold(?:ing)?|held|on hold"
    r"|resum(?:e|ed|ing)|restart(?:ed)?)"
)
_VERB_FIRST = quick(rf"\b{_VERB}\s+{_OWNERS}(?:{_CLASS_WORDS}){_AFTER_CLASS}", re.IGNORECASE)
_CLASS_FIRST = quick(
    rf"\b{_OWNERS}(?:{_CLASS_WORDS})\s+(?:(?:was|were|is|are|has been|have been|being|all)\s+)?"
    rf"(?:(?:also|now|both|then)\s+)?{_VERB}\b(?!\s+(?:if|when|while|unless|for\s+(?:sbp|bp"
    rf"|hr|map|glucose|k|systolic|diastolic|cr|creatinine)\b|parameters?))",
    re.IGNORECASE,
)
# A statement that is not one: denied, hedged, or a condition of the order.
_NOT_SAID = re.compile(
    r"\b(?:not|no|never|n't|consider(?:ing)?|may|might|could|would|if|whether|unless|should)"
    r"\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_CONDITION_AFTER = re.compile(
    r"\s*(?:if|when|while|unless|for\s+(?:sbp|dbp|bp|hr|map|glucose|bg|k|hypotension"
    r"|hypoglycemia|systolic|diastolic|cr|creatinine|egfr|inr|platelets?)\b|parameters?)",
    re.IGNORECASE,
)
# A sentence that makes the statement a condition, advice or the past: "If you notice bleeding,
# stop blood thinners", "Sick day rules: when vomiting, hold insulin", "statin stopped in 2015".
_CONDITIONAL_SENTENCE = re.compile(
    r"\b(?:if|when|whenever|unless|in case|should you|sick[- ]day)\b", re.IGNORECASE
)
_PAST_IN_SENTENCE = re.compile(
    r"\b(?:(?:19|20)\d\d|\d+\s+(?:years?|yrs?|months?)\s+ago|years ago|in the past)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.\n]")


def _sentence_of(text: str, start: int, end: int) -> tuple[str, str]:
    """The words of a match's sentence before it and after it (at most 160 characters each)."""
    before = text[max(0, start - 160) : start]
    cut = max(before.rfind("."), before.rfind("\n"))
    after = text[end : end + 160]
    stop = _SENTENCE_END.search(after)
    return before[cut + 1 :], after[: stop.start() if stop else len(after)]


# A resumption still to come: "will resume", "plan to restart", "restart when eating",
# "Anticoagulation restart: surgeon to confirm on day 1 post-op".
_LATER_BEFORE = re.compile(
    r"\b(?:will|plan(?:s|ned)? to|ok(?:ay)? to|safe to|reasonable to|to)\s+(?:\w+\s+)?$", re.I
)
_LATER_AFTER = re.compile(
    r"[^.\n]{0,60}?\b(?:when|once|if|after|post-?op\w*|POD|tomorrow|surgeon|to confirm)\b", re.I
)


@dataclass(frozen=True, slots=True)
class ClassStatement:
    """A stop, hold or resume said of a whole class, and where the note says it."""

    start: int
    end: int
    status: MedicationStatus
    members: frozenset[str]

    def reaches(self, key: str) -> bool:
        """True when the drug of this key (its ingredients joined by " / ") is of the class."""
        parts = [part.strip() for part in key.split("/")]
        if "insulin" in self.members:
            return any(part.startswith("insulin ") for part in parts)
        return any(part in self.members for part in parts)


def class_statements(text: str) -> list[ClassStatement]:
    """Every stop, hold or resume the text says of a drug class, in the order written."""
    found: list[ClassStatement] = []
    for pattern in (_VERB_FIRST, _CLASS_FIRST):
        for match in pattern.finditer(text):
            if _NOT_SAID.search(text, max(0, match.start() - 30), match.start()):
                continue
            if pattern is _VERB_FIRST and _CONDITION_AFTER.match(text, match.end()):
                continue
            before, after = _sentence_of(text, match.start(), match.end())
            if _CONDITIONAL_SENTENCE.search(before) or _PAST_IN_SENTENCE.search(before + after):
                continue
            status = _VERBS[" ".join(match.group("verb").lower().split())]
            if status is _S.RESUMED and (
                _LATER_BEFORE.search(text, max(0, match.start() - 20), match.start())
                or _LATER_AFTER.match(text, match.end())
            ):
                continue  # "plan to resume antihypertensives when SBP > 120": still held
            index = next(int(k[1:]) for k, v in match.groupdict().items() if k[0] == "c" and v)
            found.append(ClassStatement(match.start(), match.end(), status, _MEMBERS[index]))
    return sorted(found, key=lambda s: s.start)


# The statuses a class statement may overrule: what a member's own words leave as taken or given.
# A member said stopped, held, proposed or past keeps its own words.
_OVERRULED = {
    _S.STOPPED: {_S.GIVEN, _S.CONTINUED, _S.UNKNOWN, _S.STARTED, _S.CHANGED, _S.RESUMED},
    _S.HELD: {_S.GIVEN, _S.CONTINUED, _S.UNKNOWN, _S.STARTED, _S.CHANGED, _S.RESUMED},
    _S.RESUMED: {_S.HELD, _S.CONTINUED, _S.UNKNOWN},
}


def class_status(
    statements: list[ClassStatement], key: str, status: MedicationStatus, last_mention: int
) -> MedicationStatus:
    """The status of a drug once the class statements after its last mention are weighed: the
    latest statement of its class, when the drug's own words allow it, decides."""
    latest = next(
        (s for s in reversed(statements) if s.reaches(key) and s.end > last_mention), None
    )
    if latest is None or status not in _OVERRULED[latest.status]:
        return status
    return latest.status
