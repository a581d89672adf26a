"""An episode of a chronic disease ("acute exacerbation of COPD") is that disease, one concept."""

import pytest

from carechart.notes.nlp import analyse
from carechart.notes.nlp.problems import same_concept


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Severe COPD", "Acute exacerbation of COPD"),
        ("GOLD 3 COPD", "Acute exacerbation of chronic obstructive pulmonary disease"),
        ("Chronic pancreatitis", "Acute flare of chronic pancreatitis"),
    ],
)
def test_an_acute_exacerbation_of_a_chronic_disease_is_that_disease(
    first: str, second: str
) -> None:
    assert same_concept(first, second)
    assert same_concept(second, first)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Acute kidney injury", "Chronic kidney disease"),
        ("Acute pancreatitis", "Chronic pancreatitis"),
        ("Acute bronchitis", "COPD"),
    ],
)
def test_an_acute_condition_and_a_chronic_one_stay_apart(first: str, second: str) -> None:
    assert not same_concept(first, second)


def test_a_story_naming_the_chronic_disease_adds_no_second_entry_for_its_exacerbation() -> None:
    text = (
        "HPI: 69F with severe COPD (FEV1 35%) on 2 L home O2 presents with 3 days of dyspnea.\n"
        "ASSESSMENT:\n1. Acute exacerbation of COPD - prednisone, nebs.\n2. Hypertension."
    )
    problems = [p.text.lower() for p in analyse(text).problems]

    assert sum("copd" in p for p in problems) == 1
