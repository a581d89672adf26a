"""Vitals and labs of a note: values that agree, SpO2 never a heart rate, a range never a result."""

import re
from collections.abc import Callable

from carechart.notes.nlp import Lab, Vital, VitalKind
from eval.labels import LabLabel, Quantity, VitalsLabel
from eval.runner import NoteRun
from eval.scorers.common import rate
from eval.scoring import Score, Scorer
from eval.text import CONTAINED, EXACT, NONE, PhraseKey, match, phrase_key

VITALS_RULE = """\
For each kind labelled (blood pressure, heart rate, respiratory rate, temperature, SpO2, weight,
height, BMI), the note's first predicted vital of that kind (by position) must agree with the
label: blood pressure systolic and diastolic equal; heart rate, respiratory rate and SpO2
within 0.5; BMI within 0.1; temperature within 0.1 °C, weight within 0.5 %, height within 1 cm,
after converting both sides (°F, lb, in).

- `vitals.<kind>.agreement`: labelled kinds whose first prediction agrees (a missing one does
  not).
- `vitals.spurious`: predicted kinds the note's label does not have, among the six kinds the
  labelling guide asks for (height and BMI are scored only where a label gives them). Lower is
  better.
- `vitals.spo2_as_heart_rate`: predicted heart rates written as an oxygen saturation (the
  evidence says SpO2, O2 sat, saturation or oximetry) or equal to the labelled SpO2 and not to
  the labelled heart rate. Target 0.
"""

LABS_RULE = """\
A predicted lab result names a labelled one when the names have equal phrase keys or one holds
the other (lab abbreviations spelt out: Hgb, WBC, Cr, K, Na, A1c ...), and the values are equal
(a bounded label such as ">90" by its number). One to one. A qualitative label ("negative",
"3+", "E. coli") cannot be held by the extractor's numeric labs: it is not scored, and a
prediction that names it is neither rewarded nor penalised.

- `labs.result`: precision and recall (a value read from a range, a target or a reference is a
  false positive).
- `labs.unit.agreement`: matched results with a labelled unit whose predicted unit is the same
  (case and spaces aside; µ is u).
- `labs.flag.agreement`: matched results whose flag is the label's (none and `normal` agree).
- `labs.range_as_result`: unmatched predicted results whose evidence is a range of values
  ("140-190", "between", "range"). Target 0.
"""

_LABEL_FIELDS = {
    VitalKind.BLOOD_PRESSURE: "blood_pressure",
    VitalKind.HEART_RATE: "heart_rate",
    VitalKind.RESPIRATORY_RATE: "respiratory_rate",
    VitalKind.TEMPERATURE: "temperature",
    VitalKind.SPO2: "spo2",
    VitalKind.WEIGHT: "weight",
    VitalKind.HEIGHT: "height",
    VitalKind.BMI: "bmi",
}
# The kinds the labelling guide asks for whenever the note has them.
_ALWAYS_LABELLED = set(_LABEL_FIELDS) - {VitalKind.HEIGHT, VitalKind.BMI}
_OXYGEN = re.compile(r"sp\s?o2|sp02|o2|oxygen|sat(?:uration|s)?\b|oximetry|pulse ox", re.I)


def _unit(unit: str) -> str:
    return unit.lower().replace("°", "").replace(" ", "").replace("µ", "u").rstrip(".")


def _celsius(value: float, unit: str) -> float:
    return (value - 32) * 5 / 9 if _unit(unit) in {"f", "degf", "fahrenheit"} else value


def _kg(value: float, unit: str) -> float:
    return value * 0.45359237 if _unit(unit) in {"lb", "lbs", "pound", "pounds"} else value


def _cm(value: float, unit: str) -> float:
    return value * 2.54 if _unit(unit) in {"in", "inch", "inches", '"'} else value


def _quantity_agrees(labelled: Quantity, vital: Vital, kind: VitalKind) -> bool:
    if vital.value is None:
        return False
    convert, tolerance = _CONVERSIONS[kind]
    expected = convert(labelled.value, labelled.unit)
    got = convert(vital.value, vital.unit)
    return abs(expected - got) <= tolerance(expected)


_CONVERSIONS: dict[VitalKind, tuple[Callable[[float, str], float], Callable[[float], float]]] = {
    VitalKind.TEMPERATURE: (_celsius, lambda _: 0.1),
    VitalKind.WEIGHT: (_kg, lambda kg: kg * 0.005),
    VitalKind.HEIGHT: (_cm, lambda _: 1.0),
}
_TOLERANCE = {VitalKind.BMI: 0.1}


def agrees(kind: VitalKind, labelled: object, vital: Vital) -> bool:
    if kind is VitalKind.BLOOD_PRESSURE:
        assert isinstance(labelled, str)
        systolic, diastolic = (int(n) for n in labelled.split("/"))
        return (vital.systolic, vital.diastolic) == (systolic, diastolic)
    if isinstance(labelled, Quantity):
        return _quantity_agrees(labelled, vital, kind)
    assert isinstance(labelled, float)
    return vital.value is not None and abs(vital.value - labelled) <= _TOLERANCE.get(kind, 0.5)


def _shown(vital: Vital) -> str:
    if vital.kind is VitalKind.BLOOD_PRESSURE:
        return f"{vital.systolic}/{vital.diastolic}"
    return f"{vital.value} {vital.unit}"


def _kind(result: Score, kind: VitalKind, labelled: object, first: Vital | None) -> None:
    right = first is not None and agrees(kind, labelled, first)
    rate(result, f"vitals.{kind.value}.agreement", right)
    if not right:
        got = "nothing" if first is None else _shown(first)
        result.note(
            "vitals", "wrong" if first else "missed", f"{kind.value}: {got}, labelled {labelled}"
        )


def _spo2_as_heart_rate(vital: Vital, label: VitalsLabel) -> bool:
    if vital.kind is not VitalKind.HEART_RATE:
        return False
    if _OXYGEN.search(vital.text):
        return True
    same = vital.value is not None and label.spo2 is not None and vital.value == label.spo2
    return same and vital.value != label.heart_rate


def score_vitals(run: NoteRun) -> Score:
    result = Score()
    label = run.note.label.vitals
    for kind in _LABEL_FIELDS:
        result.ratio(f"vitals.{kind.value}.agreement")
    result.count("vitals.spurious")
    result.count("vitals.spo2_as_heart_rate")
    ordered = sorted(run.analysis.vitals, key=lambda v: v.start)
    for kind, field in _LABEL_FIELDS.items():
        labelled = getattr(label, field)
        first = next((v for v in ordered if v.kind is kind), None)
        if labelled is not None:
            _kind(result, kind, labelled, first)
        elif first is not None and kind in _ALWAYS_LABELLED:
            result.count("vitals.spurious").n += 1
            result.note("vitals", "spurious", f"{kind.value}: {_shown(first)} ({first.text!r})")
    for vital in ordered:
        if _spo2_as_heart_rate(vital, label):
            result.count("vitals.spo2_as_heart_rate").n += 1
            result.note("vitals", "wrong", f"SpO2 as heart rate: {vital.text!r}")
    return result


LAB_ABBREVIATIONS = {
    "hgb": "hemoglobin",
    "hb": "hemoglobin",
    "hct": "hematocrit",
    "wbc": "white blood cell",
    "plt": "platelet",
    "cr": "creatinine",
    "creat": "creatinine",
    "na": "sodium",
    "k": "potassium",
    "cl": "chloride",
    "hco3": "bicarbonate",
    "co2": "bicarbonate",
    "bun": "blood urea nitrogen",
    "glu": "glucose",
    "hba1c": "a1c",
    "trop": "troponin",
    "tbili": "total bilirubin",
    "alk": "alkaline",
    "phos": "phosphatase",
    "mg": "magnesium",
}
_RANGE = re.compile(r"\d(?:\.\d+)?\s*(?:-|\u2013|to)\s*\d|\brange\b|\bbetween\b", re.I)


def _lab_key(name: str) -> PhraseKey:
    return phrase_key(name, LAB_ABBREVIATIONS)


_BOUNDED = re.compile(r"^\s*[<>]=?\s*(\d+(?:\.\d+)?)\s*$")


def numeric(value: float | str) -> float | None:
    """A labelled value as a number: itself, the number of a bound (">90"), else None."""
    if isinstance(value, float):
        return value
    bound = _BOUNDED.match(value)
    return float(bound[1]) if bound else None


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a))


def _names_lab(lab: Lab, labelled: LabLabel) -> int:
    mine = _lab_key(lab.name)
    return max(_name_strength(mine, _lab_key(name)) for name in [labelled.name, *labelled.also])


def _name_strength(mine: PhraseKey, theirs: PhraseKey) -> int:
    if mine and mine == theirs:
        return EXACT
    return CONTAINED if mine and theirs and (mine <= theirs or theirs <= mine) else NONE


def _lab_strength(lab: Lab, labelled: LabLabel) -> int:
    value = numeric(labelled.value)
    if value is None or not _same_value(lab.value, value):
        return NONE
    return _names_lab(lab, labelled)


def _lab_pair(result: Score, lab: Lab, labelled: LabLabel) -> None:
    if labelled.unit is not None:
        right = lab.unit is not None and _unit(lab.unit) == _unit(labelled.unit)
        rate(result, "labs.unit.agreement", right)
        if not right:
            result.note(
                "labs", "wrong", f"{labelled.name}: unit {lab.unit!r}, labelled {labelled.unit!r}"
            )
    flag = lab.flag.value if lab.flag and lab.flag.value != "normal" else None
    rate(result, "labs.flag.agreement", flag == labelled.flag)
    if flag != labelled.flag:
        result.note("labs", "wrong", f"{labelled.name}: flag {flag}, labelled {labelled.flag}")


def _unmatched_labs(result: Score, unmatched: list[Lab]) -> None:
    for lab in unmatched:
        shown = f"{lab.name} {lab.value:g} {lab.unit or ''}".strip()
        result.note("labs", "spurious", f"{shown} ({lab.text!r})")
        if _RANGE.search(lab.text):
            result.count("labs.range_as_result").n += 1


def _scored(run: NoteRun) -> tuple[list[Lab], list[LabLabel]]:
    """The numeric labels, and the predictions less those that only name a qualitative one."""
    labelled = [lab for lab in run.note.label.labs if numeric(lab.value) is not None]
    qualitative = [lab for lab in run.note.label.labs if numeric(lab.value) is None]
    matched = {p for p, _ in match(run.analysis.labs, labelled, _lab_strength)}
    predicted = [
        lab
        for i, lab in enumerate(run.analysis.labs)
        if i in matched or not any(_names_lab(lab, q) for q in qualitative)
    ]
    return predicted, labelled


def score_labs(run: NoteRun) -> Score:
    result = Score()
    tally = result.tally("labs.result")
    result.ratio("labs.unit.agreement")
    result.ratio("labs.flag.agreement")
    result.count("labs.range_as_result")
    predicted, labelled = _scored(run)
    pairs = match(predicted, labelled, _lab_strength)
    tally.tp += len(pairs)
    tally.fp += len(predicted) - len(pairs)
    tally.fn += len(labelled) - len(pairs)
    for p, lab in pairs:
        _lab_pair(result, predicted[p], labelled[lab])
    found, named = {p for p, _ in pairs}, {lab for _, lab in pairs}
    _unmatched_labs(result, [r for i, r in enumerate(predicted) if i not in found])
    for j, item in enumerate(labelled):
        if j not in named:
            result.note("labs", "missed", f"{item.name} {item.value} {item.unit or ''}".strip())
    return result


VITALS = Scorer[NoteRun]("vitals", "Vitals", VITALS_RULE, score_vitals)
LABS = Scorer[NoteRun]("labs", "Labs", LABS_RULE, score_labs)
