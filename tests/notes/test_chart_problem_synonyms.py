"""One chart entry for a condition the notes name with synonyms: a grade, a stage in Roman
numerals, an organ's adjective, the code's name, a state against the goal; two conditions
that share a word stay two."""

import pytest

from carechart.notes.chart_schemas import Chart
from carechart.notes.nlp.problems import same_concept
from tests.notes.stories import story_chart as _chart
from tests.notes.stories import story_note as _note


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Depression", "MDD"),
        ("Major depressive disorder, recurrent", "Depression"),
        ("Chronic obstructive lung disease", "COPD"),
        ("Metastatic pancreatic ca", "Adenocarcinoma of the pancreas, metastatic"),
        ("Malignant neoplasm of pancreas", "Pancreatic adenocarcinoma"),
        ("Class 2 obesity", "Obesity"),
        ("Class III obesity", "Morbid obesity"),
        ("Generalized anxiety disorder", "Anxiety"),
        ("Stage IIIB sigmoid adenocarcinoma", "Stage III sigmoid colon cancer"),
        ("HTN above goal", "Essential hypertension"),
        ("Heart failure with preserved EF", "HFpEF"),
        ("EtOH use", "Alcohol use"),
        ("Under-replaced hypothyroidism", "Hypothyroidism"),
        ("Primary open-angle glaucoma OU", "Primary open-angle glaucoma, both eyes"),
        ("Menopausal vasomotor symptoms", "Vasomotor symptoms of menopause"),
        ("Diabetic nephropathy with moderately increased albuminuria", "Diabetic nephropathy"),
        ("Afib", "Paroxysmal atrial fibrillation"),
    ],
)
def test_synonyms_of_one_condition_are_one_concept(first: str, second: str) -> None:
    assert same_concept(first, second)
    assert same_concept(second, first)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Low Ca", "Breast cancer"),
        ("Lung cancer", "Pancreatic cancer"),
        ("Primary hyperparathyroidism", "Secondary hyperparathyroidism"),
        ("Generalized seizure", "Focal seizure"),
        ("Follicular conjunctivitis OU", "Pseudophakia OU"),
    ],
)
def test_conditions_sharing_a_word_stay_two(first: str, second: str) -> None:
    assert not same_concept(first, second)


def _active(chart: Chart) -> list[str]:
    return [p.text.lower() for p in chart.problems]


def test_the_chart_keeps_one_entry_for_a_condition_named_with_synonyms_across_notes() -> None:
    first = _note(
        "2025-09-03T09:00:00",
        "OFFICE VISIT\nASSESSMENT AND PLAN:\n1. MDD - continue sertraline.\n"
        "2. COPD - continue tiotropium.\n3. Class 2 obesity - diet counselling.",
    )
    second = _note(
        "2025-12-03T09:00:00",
        "OFFICE VISIT\nASSESSMENT AND PLAN:\n1. Depression - PHQ-9 down to 6.\n"
        "2. Chronic obstructive lung disease - stable, no exacerbation.\n3. Obesity - BMI 36.",
    )
    active = _active(_chart(first, second))
    assert len(active) == 3, active


def test_the_chart_keeps_two_conditions_that_share_a_word_apart() -> None:
    first = _note(
        "2025-09-03T09:00:00",
        "OFFICE VISIT\nASSESSMENT AND PLAN:\n1. Lung cancer - on surveillance.\n",
    )
    second = _note(
        "2025-12-03T09:00:00",
        "OFFICE VISIT\nASSESSMENT AND PLAN:\n1. Breast cancer - on letrozole.\n",
    )
    assert len(_active(_chart(first, second))) == 2
