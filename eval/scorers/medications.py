"""Medications of a note: names, ingredients, statuses, doses, and allergens taken for drugs."""

import re

from carechart.notes.nlp import Medication
from eval.labels import AllergyLabel, MedicationLabel, NoteLabel
from eval.runner import NoteRun
from eval.scoring import Score, Scorer
from eval.text import EXACT, NONE, DrugKey, drug_key, drug_names, match

RULE = """\
A predicted medication names a labelled one when its `ingredient` (or, failing that, its `name`
as written) has the same drug key as the label's `name`, one of its `also` names or its
`as_written` (or a name in brackets there: "atorvastatin (LIPITOR) 20 MG" gives atorvastatin
and Lipitor). A drug key is the set of ingredients, lower case, with the strength cut off
("Norco 5/325" is `norco`), bracketed words left out, trailing salts and forms dropped
(hydrochloride, sodium, succinate, ER, HFA ...: "metoprolol succinate ER" is `metoprolol`), a
few abbreviations spelt out (APAP, HCTZ, ASA ...), and combinations compared as sets
("acetaminophen / hydrocodone" is "hydrocodone/APAP"). Matching is one to one: a second
prediction of the same drug (brand and generic not merged) is a false positive. A prediction
matching only an `ignore_medications` entry is neither rewarded nor penalised.

- `medications.name`: precision and recall of those matches, summed over notes.
- `medications.status.accuracy`: matched drugs whose status is the label's (confusion table:
  label by row, prediction by column).
- `medications.dose.agreement`: matched drugs with a labelled dose whose predicted dose is one of
  the amounts the label writes. A label's dose is the sig as written ("1000 mg PO BID x 14
  days", "4 mL (128 mg) q6h prn"): its amounts are the numbers that a unit follows ("1000 mg",
  "4 mL", "128 mg"), never its frequency or duration. Mass units are converted (mg, mcg, g),
  "40mg" is "40 mg", "1,000 mg" is "1000 mg"; a predicted dose with several amounts ("5 mg
  except 7.5 mg Mon/Fri") needs each of them in the label, one without a unit needs the numbers
  only; no predicted dose is a disagreement. A labelled dose with no amount ("thin layer bid")
  agrees with a predicted dose made of its words.
- `medications.ingredient.accuracy`: matched drugs whose `ingredient` has the drug key of the
  label's name or an `also` name (no ingredient counts as wrong).
- `medications.allergen_as_medication`: predicted medications that match a labelled allergy of
  the note (its substance or `also`) and no labelled medication. Target 0.
"""

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_UNIT = re.compile(
    r"(mcg|µg|ug|mg|meq|g|units?|iu|ml|%|puffs?|tablets?|tabs?|capsules?|drops?|sprays?)"
    r"(?![a-z])",
    re.IGNORECASE,
)
# An amount: a number, a range or a combination strength ("5/325", "500-1000"), then its unit.
_AMOUNT = re.compile(
    r"(?<![\w.])(?P<numbers>\d+(?:\.\d+)?(?:\s*[-/\u2013]\s*\d+(?:\.\d+)?)*)\s*" + _UNIT.pattern,
    re.IGNORECASE,
)
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_TO_MG = {"g": 1000.0, "mg": 1.0, "mcg": 0.001, "µg": 0.001, "ug": 0.001}
DoseKey = tuple[tuple[float, ...], str | None]


def _key(numbers: tuple[float, ...], unit: str | None) -> DoseKey:
    if unit in _TO_MG:
        return tuple(round(n * _TO_MG[unit], 6) for n in numbers), "mg"
    return numbers, unit


def _unit(word: str) -> str:
    unit = word.lower()
    return unit if unit in ("%", "g") else unit.rstrip("s")


def dose_key(dose: str) -> DoseKey:
    """The numbers and the unit of a dose, mass units in mg: "1 g" and "1000 mg" agree."""
    dose = _THOUSANDS.sub("", dose)
    numbers = tuple(float(n) for n in _NUMBER.findall(dose))
    unit_match = _UNIT.search(dose)
    return _key(numbers, _unit(unit_match.group(1)) if unit_match else None)


def amounts(dose: str) -> list[DoseKey]:
    """Every amount a dose as written gives: "4 mL (128 mg) q6h prn" gives 4 mL and 128 mg."""
    found = _AMOUNT.finditer(_THOUSANDS.sub("", dose))
    return [
        _key(tuple(float(n) for n in _NUMBER.findall(m.group("numbers"))), _unit(m.group(2)))
        for m in found
    ]


def doses_agree(labelled: str, predicted: str | None) -> bool:
    if predicted is None:
        return False
    written = amounts(labelled)
    if not written:  # "thin layer bid prn": the predicted words must be the label's
        return set(predicted.lower().split()) <= set(labelled.lower().split())
    given = amounts(predicted)
    if given:  # "5 mg except 7.5 mg Mon/Fri": every amount predicted is one the label writes
        return all(amount in written for amount in given)
    p_numbers, _ = dose_key(predicted)
    return any(numbers == p_numbers for numbers, _ in written)


def label_keys(med: MedicationLabel) -> set[DrugKey]:
    names = [med.name, *drug_names(med.as_written), *med.also]
    return {drug_key(n) for n in names} - {frozenset()}


def predicted_keys(med: Medication) -> list[DrugKey]:
    """The prediction's ingredient first, then its name as written."""
    names = [med.ingredient, med.name] if med.ingredient else [med.name]
    return [k for k in (drug_key(n) for n in names) if k]


def names_drug(keys: list[DrugKey], aliases: set[DrugKey]) -> bool:
    return any(k in aliases for k in keys)


def _allergy_keys(allergies: list[AllergyLabel]) -> set[DrugKey]:
    return {drug_key(n) for a in allergies for n in (a.substance, *a.also)} - {frozenset()}


def _unmatched(score: Score, label: NoteLabel, med: Medication) -> None:
    keys = predicted_keys(med)
    if names_drug(keys, {drug_key(n) for n in label.ignore_medications}):
        return
    score.tally("medications.name").fp += 1
    known = [m.name for m in label.medications if names_drug(keys, label_keys(m))]
    if known:
        score.note("medications", "spurious", f"{med.name}: a second entry for {known[0]}")
    elif names_drug(keys, _allergy_keys(label.allergies)):
        score.count("medications.allergen_as_medication").n += 1
        score.note("medications", "spurious", f"{med.name}: an allergen listed as a medication")
    else:
        score.note("medications", "spurious", f"{med.name} ({med.status.value})")


def _matched(score: Score, med: Medication, labelled: MedicationLabel) -> None:
    status = score.ratio("medications.status.accuracy")
    status.total += 1
    status.right += med.status.value == labelled.status
    score.confuse("medications.status", labelled.status, med.status.value)
    if med.status.value != labelled.status:
        score.note(
            "medications",
            "wrong",
            f"{labelled.name}: status {med.status.value}, labelled {labelled.status}",
        )
    if labelled.dose is not None:
        dose = score.ratio("medications.dose.agreement")
        dose.total += 1
        dose.right += doses_agree(labelled.dose, med.dose)
        if not doses_agree(labelled.dose, med.dose):
            score.note(
                "medications",
                "wrong",
                f"{labelled.name}: dose {med.dose!r}, labelled {labelled.dose!r}",
            )
    _ingredient(score, med, labelled)


def _ingredient(score: Score, med: Medication, labelled: MedicationLabel) -> None:
    aliases = {drug_key(n) for n in (labelled.name, *labelled.also)}
    right = med.ingredient is not None and drug_key(med.ingredient) in aliases
    ingredient = score.ratio("medications.ingredient.accuracy")
    ingredient.total += 1
    ingredient.right += right
    if med.ingredient is not None and not right:
        score.note("medications", "wrong", f"{labelled.name}: ingredient {med.ingredient!r}")


def score(run: NoteRun) -> Score:
    result = Score()
    label, predicted = run.note.label, run.analysis.medications
    # Every measure exists from the start, in the order the tables show them.
    result.tally("medications.name")
    result.ratio("medications.status.accuracy")
    result.ratio("medications.dose.agreement")
    result.ratio("medications.ingredient.accuracy")
    result.count("medications.allergen_as_medication")
    pairs = match(
        predicted,
        label.medications,
        lambda p, lab: EXACT if names_drug(predicted_keys(p), label_keys(lab)) else NONE,
    )
    tally = result.tally("medications.name")
    tally.tp += len(pairs)
    for p, lab in pairs:
        _matched(result, predicted[p], label.medications[lab])
    matched_predictions = {p for p, _ in pairs}
    for i, med in enumerate(predicted):
        if i not in matched_predictions:
            _unmatched(result, label, med)
    matched_labels = {lab for _, lab in pairs}
    for j, med_label in enumerate(label.medications):
        if j not in matched_labels:
            tally.fn += 1
            result.note(
                "medications",
                "missed",
                f"{med_label.name} ({med_label.as_written}, {med_label.status})",
            )
    return result


SCORER = Scorer[NoteRun]("medications", "Medications", RULE, score)
