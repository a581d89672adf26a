"""A plan's item headed by the level of a blood constituent ("Glycemia:", "Natremia:",
"Euvolemia:") names a topic, not a problem; its disorders ("Hyperkalemia", "Hypoglycemia") and
the "-emia" diseases ("Anemia", "Leukemia") stay problems. Labelled before the code ran."""

import pytest

from carechart.notes.nlp import analyse


def _problems(text: str) -> set[str]:
    return {p.text.lower() for p in analyse(text).problems}


@pytest.mark.parametrize(
    "text",
    [
        # A psychiatric admission's numbered plan.
        "Assessment: Schizophrenia, acute episode. Prediabetes.\n\nPlan:\n"
        "1. Psychosis: restart risperidone 2 mg BID.\n"
        "2. Glycemia: Continue metformin 500 mg BID; A1c pending.\n",
        # An ICU progress note's systems plan, British spelling.
        "Impression: Septic shock, resolving.\n\nPlan:\n"
        "# Natraemia: Na 131, fluid restrict.\n# Volemia: euvolaemic on exam, no diuretic.\n"
        "# Glycaemia: sliding scale insulin.\n",
        "ASSESSMENT AND PLAN:\n1. Euvolemia: maintain, daily weights.\n"
        "2. Kalemia: K 4.1, no replacement.\n3. Hypertension: continue amlodipine 5 mg.\n",
    ],
)
def test_a_blood_level_heading_a_plan_item_is_no_problem(text: str) -> None:
    found = _problems(text)
    levels = {"glycemia", "glycaemia", "natraemia", "volemia", "euvolemia", "kalemia"}
    assert not found & levels


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Plan:\n1. Hyperkalemia: K 6.1, kayexalate given.\n", "hyperkalemia"),
        ("Plan:\n1. Hypoglycemia: glucose tabs, reduce glipizide.\n", "hypoglycemia"),
        ("Plan:\n1. Anemia: iron studies, start ferrous sulfate.\n", "anemia"),
        ("Assessment:\n1. Chronic lymphocytic leukemia, stable.\n", "chronic lymphocytic leukemia"),
        ("Plan:\n2. Hypovolemia: 1 L LR bolus.\n", "hypovolemia"),
    ],
)
def test_a_disorder_of_a_blood_level_stays_a_problem(text: str, problem: str) -> None:
    assert problem in _problems(text)
