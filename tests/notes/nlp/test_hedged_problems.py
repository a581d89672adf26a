"""Hedged diagnoses: named after an item's head, marked uncertain, and dropped once ruled out."""

from carechart.notes.nlp import Problem, analyse

URGENT_CARE = """URGENT CARE VISIT
ASSESSMENT AND PLAN:
1. Dysuria and flank pain, possible acute pyelonephritis - urine culture, start cephalexin.
2. Right calf pain: muscle strain versus deep vein thrombosis - venous duplex today.
3. Palpitations - suspected paroxysmal atrial fibrillation, Holter monitor ordered.
4. Essential hypertension - continue amlodipine.
"""

ADMISSION_THEN_RULED_OUT = """DISCHARGE SUMMARY
ADMITTING DIAGNOSIS: Heart failure exacerbation, rule out myocardial infarction.
DISCHARGE DIAGNOSES:
1. Acute on chronic diastolic heart failure.
HOSPITAL COURSE: Serial troponins were flat and myocardial infarction was ruled out.
"""


def _problems(text: str) -> dict[str, Problem]:
    return {p.text.lower(): p for p in analyse(text).problems}


def test_a_hedged_diagnosis_after_the_head_is_an_uncertain_problem_of_its_own() -> None:
    problems = _problems(URGENT_CARE)

    assert not problems["dysuria and flank pain"].uncertain
    pyelonephritis = problems["acute pyelonephritis"]
    assert pyelonephritis.uncertain
    assert not pyelonephritis.differential
    fibrillation = problems["paroxysmal atrial fibrillation"]
    assert fibrillation.uncertain
    assert not problems["essential hypertension"].uncertain


def test_both_sides_of_a_versus_are_hedged_as_a_differential() -> None:
    problems = _problems(URGENT_CARE)

    assert problems["deep vein thrombosis"].differential
    assert problems["deep vein thrombosis"].uncertain
    # The alternative before "versus" is no condition word: a strain is not listed on a guess.
    assert "right calf pain" in problems
    assert not problems["right calf pain"].uncertain


def test_orders_and_values_after_the_head_are_not_hedged_problems() -> None:
    text = (
        "ASSESSMENT AND PLAN:\n1. Hyperlipidemia - LDL 162 vs goal under 100, possible statin "
        "then recheck.\n2. Type 2 diabetes - A1c 7.9 vs 8.4 in March."
    )
    assert set(_problems(text)) == {"hyperlipidemia", "type 2 diabetes"}


def test_a_diagnosis_to_rule_out_that_the_note_rules_out_is_no_problem() -> None:
    problems = _problems(ADMISSION_THEN_RULED_OUT)

    assert not any("myocardial infarction" in p for p in problems)
    assert any("heart failure" in p for p in problems)


def test_a_diagnosis_still_to_rule_out_stays_uncertain() -> None:
    text = ADMISSION_THEN_RULED_OUT.replace("myocardial infarction was ruled out", "echo pending")
    problems = _problems(text)

    assert problems["myocardial infarction"].uncertain
