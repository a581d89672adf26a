"""One problem per concept: names written differently in one note or across notes merge."""

import pytest

from carechart.notes.nlp import analyse
from carechart.notes.nlp.problems import same_concept


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Moderate persistent asthma", "Asthma"),
        ("Diabetic peripheral neuropathy", "Diabetic neuropathy"),
        ("Osteoarthritis of both knees", "OA knees"),
        ("Atrial fibrillation with rapid ventricular response", "Chronic atrial fibrillation"),
        ("T2DM w/ hyperglycemia", "Type 2 diabetes mellitus"),
        ("PE/DVT", "Acute pulmonary embolism"),
        ("Iron deficiency", "Iron deficiency anemia"),
        ("Acute hypoxic resp failure", "Acute hypoxic respiratory failure"),
        ("Upper GI bleed", "Upper gastrointestinal bleed"),
        ("Also BPH with LUTS", "BPH"),
        ("IUP", "Intrauterine pregnancy"),
        ("OAB", "Overactive bladder with urge incontinence"),
        ("MRSA bacteremia", "Methicillin-resistant Staphylococcus aureus bacteremia"),
        ("Vit D deficiency", "Vitamin D deficiency"),
    ],
)
def test_names_of_one_condition_are_one_concept(first: str, second: str) -> None:
    assert same_concept(first, second)
    assert same_concept(second, first)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Hypertension", "Pulmonary hypertension"),
        ("Diabetes", "Gestational diabetes"),
        ("Kidney stone", "CKD stage 3a"),
        ("Acute kidney injury", "Chronic kidney disease"),
        ("Breast cancer", "Lung cancer"),
        ("Type 2 diabetes", "Diabetic retinopathy"),
        ("MRSA bacteremia", "MSSA bacteremia"),
    ],
)
def test_different_conditions_sharing_a_word_stay_apart(first: str, second: str) -> None:
    assert not same_concept(first, second)


def test_a_past_history_entry_the_assessment_names_differently_is_not_listed_twice() -> None:
    text = (
        "PAST MEDICAL HISTORY:\n1. Moderate persistent asthma since childhood.\n"
        "2. Diabetic peripheral neuropathy.\n3. Kidney stones in 2015.\n"
        "ASSESSMENT AND PLAN:\n1. Asthma - continue inhaled budesonide.\n"
        "2. Diabetic neuropathy - gabapentin.\n3. CKD 3a - avoid NSAIDs."
    )
    problems = [p.text.lower() for p in analyse(text).problems]

    assert sum("asthma" in p for p in problems) == 1
    assert sum("neuropathy" in p for p in problems) == 1
    assert any("stone" in p for p in problems)


def test_names_that_differ_only_in_words_of_extent_are_one_concept() -> None:
    assert same_concept("Moderate persistent asthma", "Mild intermittent asthma")
    assert not same_concept("Intermittent claudication", "Intermittent asthma")
    # An exacerbation is an episode that resolves while the chronic disease goes on.
    assert not same_concept("Mild persistent asthma", "Asthma exacerbation")
    assert not same_concept("Gout", "Gout flare")


def test_a_site_on_one_side_only_names_the_same_condition() -> None:
    assert same_concept("Primary osteoarthritis", "Symptomatic knee OA")
    assert same_concept("Primary osteoarthritis", "End-stage right knee osteoarthritis")
    assert not same_concept("Breast cancer", "Lung cancer")
    assert not same_concept("Hip fracture", "Wrist fracture")


def test_a_procedure_indication_repeating_the_assessment_is_one_problem() -> None:
    text = (
        "KNEE INJECTION\nASSESSMENT: Primary osteoarthritis, right knee - symptomatic.\n"
        "PROCEDURE: Right knee injection.\nIndication: symptomatic knee OA."
    )
    problems = [p.text.lower() for p in analyse(text).problems]
    assert problems == ["primary osteoarthritis"]


def test_what_triggered_a_problem_does_not_hide_it() -> None:
    text = (
        "ASSESSMENT AND PLAN:\n1. Anaphylaxis.\n2. Asthma exacerbation triggered by #1 - resolved."
    )
    problems = {p.text.lower(): p.status.value for p in analyse(text).problems}
    assert problems["asthma exacerbation"] == "resolved"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Insulin-requiring T2DM", "Type 2 diabetes mellitus"),
        ("INSULIN-TREATED T2DM", "T2DM, insulin-requiring"),
        ("insulin treated DM2", "Type 2 diabetes"),
        ("Steroid-dependent asthma", "Asthma"),
        ("Oxygen-dependent COPD", "COPD"),
        ("Diet-controlled gestational diabetes", "Gestational diabetes"),
    ],
)
def test_how_a_condition_is_treated_does_not_make_another_concept(first: str, second: str) -> None:
    assert same_concept(first, second)
    assert same_concept(second, first)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Dependent edema", "Opioid dependence"),
        ("Diet-controlled gestational diabetes", "Type 2 diabetes"),
        ("H. pylori gastritis treated 2018", "Erosive esophagitis"),
        ("Dialysis-dependent ESRD", "Acute kidney injury"),
        # IDDM and NIDDM are type 1 and type 2 diabetes.
        ("Insulin-dependent diabetes mellitus", "Non-insulin-dependent diabetes mellitus"),
        ("insulin dependent diabetes", "non insulin dependent diabetes"),
        ("Insulin-dependent diabetes mellitus", "Noninsulin-dependent diabetes mellitus"),
    ],
)
def test_treatment_words_do_not_merge_different_conditions(first: str, second: str) -> None:
    assert not same_concept(first, second)
