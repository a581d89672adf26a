"""How the scorers compare a prediction with a label: normalised keys and a one-to-one matching.

Two kinds of key:
- a drug key (`drug_key`): the set of ingredients of a name, lower case, with salts, release
  forms and the strength dropped, so "Metoprolol Succinate ER 50 mg" is {metoprolol} and
  "Norco 5/325" is {norco}; combinations compare as sets ("acetaminophen / hydrocodone").
- a phrase key (`phrase_key`): the content words of a free-text phrase, lower case, without
  punctuation, a small stop list or a plural "s", common abbreviations spelt out both ways
  ("HTN" and "hypertension" give the same key), as a set so word order does not matter.

Matching is one-to-one (`match`): a prediction takes at most one label and a label at most one
prediction, exact keys first, so a duplicate prediction is a false positive, never a second hit.
"""

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

P = TypeVar("P")
L = TypeVar("L")

DrugKey = frozenset[str]
PhraseKey = frozenset[str]


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Trailing words that name a salt, a release form or a dosage form, not another drug:
# "levothyroxine sodium", "metoprolol succinate ER", "albuterol HFA". Only dropped after the
# first word, so "sodium bicarbonate" and "potassium chloride" keep their names.
SALTS = word_set(
    """hydrochloride hcl sodium potassium calcium magnesium succinate tartrate besylate maleate
    mesylate citrate sulfate sulphate phosphate acetate bromide hydrobromide fumarate hyclate
    monohydrate dihydrate trihydrate propionate dipropionate furoate valerate xinafoate
    bitartrate disodium er xr sr cr la xl dr ec odt hfa inhaler tablet tablets tab tabs
    capsule capsules oral solution suspension cream ointment patch"""
)
# Drug abbreviations a note writes for an ingredient (both sides are expanded the same way).
DRUG_ABBREVIATIONS = {
    "apap": "acetaminophen",
    "asa": "aspirin",
    "hctz": "hydrochlorothiazide",
    "ntg": "nitroglycerin",
    "kcl": "potassium chloride",
    "mvi": "multivitamin",
    "tmp": "trimethoprim",
    "smx": "sulfamethoxazole",
    "mtx": "methotrexate",
    "nitro": "nitroglycerin",
}
_COMBINATION = re.compile(r"\s*(?:/|\+|\s-\s|-|,|\band\b|\bwith\b)\s*")
_WORD = re.compile(r"[a-z0-9]+")


def _strength_cut(text: str) -> str:
    """The name before its strength: "norco 5/325" -> "norco", "tylenol #3" -> "tylenol"."""
    kept = []
    for token in text.split():
        if token[0].isdigit() or token[0] == "#":
            break
        kept.append(token)
    return " ".join(kept)


def _ingredient(part: str) -> str:
    words = [DRUG_ABBREVIATIONS.get(w, w) for w in _WORD.findall(part)]
    words = " ".join(words).split()
    while len(words) > 1 and words[-1] in SALTS:
        words.pop()
    return " ".join(words)


_BRACKETED = re.compile(r"\(([^)]*)\)")


def drug_names(name: str) -> list[str]:
    """A name and the names it gives in brackets: "atorvastatin (LIPITOR) 20 MG" is both
    "atorvastatin 20 MG" and "LIPITOR"."""
    return [_BRACKETED.sub(" ", name), *_BRACKETED.findall(name)]


def drug_key(name: str) -> DrugKey:
    """The set of ingredients a drug name stands for, normalised (see the module docstring);
    a bracketed name is left out ("atorvastatin (LIPITOR)" is {atorvastatin})."""
    text = _BRACKETED.sub(" ", name.lower().replace("®", " ").replace("™", " "))
    text = _strength_cut(text)
    parts = (_ingredient(p) for p in _COMBINATION.split(text))
    return frozenset(p for p in parts if p)


# Phrases spelt several ways, rewritten before the words are split ("s/p" loses its slash).
_SPELLINGS = [
    (re.compile(r"\bs/p\b"), " status post "),
    (re.compile(r"\bh/o\b"), " history of "),
    (re.compile(r"\br/o\b"), " rule out "),
    (re.compile(r"\bc/o\b"), " complains of "),
    (re.compile(r"\bf/u\b"), " follow up "),
    (re.compile(r"\bn/v\b"), " nausea vomiting "),
    (re.compile(r"\bw/o\b"), " without "),
    (re.compile(r"\bw/"), " with "),
    (re.compile(r"\ba\.?[ -]?fib\b"), " atrial fibrillation "),
    (re.compile(r"\btype (?:ii|2)\b"), " type 2 "),
    (re.compile(r"\btype (?:i|1)\b"), " type 1 "),
    (re.compile(r"\bx-?ray\b"), " xray "),
]
# Common clinical abbreviations, both ways: each side's words are spelt out before comparing.
ABBREVIATIONS = {
    "htn": "hypertension",
    "dm": "diabetes mellitus",
    "dm2": "type 2 diabetes mellitus",
    "t2dm": "type 2 diabetes mellitus",
    "niddm": "type 2 diabetes mellitus",
    "dm1": "type 1 diabetes mellitus",
    "t1dm": "type 1 diabetes mellitus",
    "iddm": "type 1 diabetes mellitus",
    "copd": "chronic obstructive pulmonary disease",
    "chf": "congestive heart failure",
    "hf": "heart failure",
    "cad": "coronary artery disease",
    "afib": "atrial fibrillation",
    "af": "atrial fibrillation",
    "aecopd": "acute exacerbation chronic obstructive pulmonary disease",
    "ckd": "chronic kidney disease",
    "esrd": "end stage renal disease",
    "aki": "acute kidney injury",
    "gerd": "gastroesophageal reflux disease",
    "mi": "myocardial infarction",
    "stemi": "st elevation myocardial infarction",
    "nstemi": "non st elevation myocardial infarction",
    "acs": "acute coronary syndrome",
    "cva": "cerebrovascular accident",
    "tia": "transient ischemic attack",
    "uti": "urinary tract infection",
    "uri": "upper respiratory infection",
    "dvt": "deep vein thrombosis",
    "pe": "pulmonary embolism",
    "osa": "obstructive sleep apnea",
    "bph": "benign prostatic hyperplasia",
    "hld": "hyperlipidemia",
    "hlp": "hyperlipidemia",
    "cap": "community acquired pneumonia",
    "pna": "pneumonia",
    "sob": "shortness of breath",
    "cp": "chest pain",
    "doe": "dyspnea on exertion",
    "pnd": "paroxysmal nocturnal dyspnea",
    "loc": "loss of consciousness",
    "dka": "diabetic ketoacidosis",
    "oa": "osteoarthritis",
    "mdd": "major depressive disorder",
    "gad": "generalized anxiety disorder",
    "ptsd": "post traumatic stress disorder",
    "adhd": "attention deficit hyperactivity disorder",
    "ibs": "irritable bowel syndrome",
    "lbp": "low back pain",
    "ha": "headache",
    "abd": "abdominal",
    "hx": "history",
    "sx": "symptom",
    "resp": "respiratory",
    "wt": "weight",
    "bp": "blood pressure",
    "le": "lower extremity",
    "abx": "antibiotic",
    "pvd": "peripheral vascular disease",
    "pad": "peripheral arterial disease",
    "svt": "supraventricular tachycardia",
    "ams": "altered mental status",
    "etoh": "alcohol",
    "pcn": "penicillin",
    "cabg": "coronary artery bypass graft",
    "pcp": "primary care",
    "rtc": "return clinic",
    "cxr": "chest xray",
    "bcx": "blood cultures",
    "bcxs": "blood cultures",
    "ucx": "urine culture",
    "ekg": "electrocardiogram",
    "ecg": "electrocardiogram",
    "si": "suicidal ideation",
    "hi": "homicidal ideation",
    "ef": "ejection fraction",
}
STOP_WORDS = word_set(
    """a an the of and or with in on to for at by from as is are was were be been patient pt
    his her he she their this that which also"""
)
_PLURAL_KEEP = ("ss", "us", "is")


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("s") and not word.endswith(_PLURAL_KEEP):
        return word[:-1]
    return word


def words(text: str, abbreviations: dict[str, str] = ABBREVIATIONS) -> list[str]:
    """The normalised words of a phrase, in order (stop words and punctuation dropped)."""
    lowered = f" {text.lower()} "
    for pattern, spelling in _SPELLINGS:
        lowered = pattern.sub(spelling, lowered)
    expanded = " ".join(abbreviations.get(w, w) for w in _WORD.findall(lowered))
    return [_singular(w) for w in expanded.split() if w not in STOP_WORDS]


def phrase_key(text: str, abbreviations: dict[str, str] = ABBREVIATIONS) -> PhraseKey:
    return frozenset(words(text, abbreviations))


# A prediction that says more than the label ("Hypertension, well controlled on lisinopril")
# still names it; one that says a whole sentence more does not.
MAX_EXTRA_WORDS = 5
EXACT, CONTAINED, NONE = 2, 1, 0


def phrase_match(predicted: PhraseKey, alias: PhraseKey) -> int:
    """EXACT when the keys are equal; CONTAINED when the prediction holds every word of the
    alias and at most MAX_EXTRA_WORDS more, or is a part of the alias of two words or more
    ("heart failure" for "congestive heart failure", never "disease"); else NONE."""
    if not predicted or not alias:
        return NONE
    if predicted == alias:
        return EXACT
    if alias <= predicted and len(predicted - alias) <= MAX_EXTRA_WORDS:
        return CONTAINED
    if predicted <= alias and len(predicted) >= 2:
        return CONTAINED
    return NONE


def best_phrase_match(predicted: PhraseKey, aliases: Iterable[PhraseKey]) -> int:
    return max((phrase_match(predicted, a) for a in aliases), default=NONE)


def _augment(p: int, edges: list[list[int]], owner: dict[int, int], seen: set[int]) -> bool:
    for label in edges[p]:
        if label in seen:
            continue
        seen.add(label)
        if label not in owner or _augment(owner[label], edges, owner, seen):
            owner[label] = p
            return True
    return False


def match(
    predicted: Sequence[P], labelled: Sequence[L], strength: Callable[[P, L], int]
) -> list[tuple[int, int]]:
    """Pairs (prediction index, label index): as many pairs as possible on EXACT links, then as
    many more as possible on CONTAINED links among those left."""
    grid = [[strength(p, lab) for lab in labelled] for p in predicted]
    pairs: dict[int, int] = {}
    for level in (EXACT, CONTAINED):
        taken = set(pairs.values())
        edges = [
            [] if i in pairs else [j for j, s in enumerate(row) if s >= level and j not in taken]
            for i, row in enumerate(grid)
        ]
        owner: dict[int, int] = {}
        for p in range(len(edges)):
            _augment(p, edges, owner, set())
        pairs.update({p: label for label, p in owner.items()})
    return sorted(pairs.items())
