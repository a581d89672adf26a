"""The header row of a table, cut short or run into a history, names no problem: "| Drug | Dose |",
"Drug | Dose", "Substance  Reaction", "- Drug" ... whatever table it heads."""

import pytest

from carechart.notes.nlp import analyse
from tests.notes.nlp.support import problem_texts


@pytest.mark.parametrize(
    "text",
    [
        "PAST MEDICAL HISTORY:\nDrug | Dose",
        "PAST MEDICAL HISTORY:\n| Drug | Dose |",
        "PMH:\nDrug\tDose\tFrequency",
        "Past medical history:\n- Drug\n- Dose",
        "PMH:\nMedication | Route | Frequency",
        "PMH:\nSubstance   Reaction   Severity",
        "PMH:\nDiagnosis | Onset | Status",
        "Problem list:\nTest | Result | Units | Flag",
        "PAST MEDICAL HISTORY:\nAllergen\tReaction",
    ],
)
def test_a_table_header_names_no_problem(text: str) -> None:
    assert problem_texts(analyse(text)) == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("PMH:\nDrug | Dose\nHypertension", "Hypertension"),
        ("PMH:\nCondition\tStatus\nAsthma\tactive", "Asthma"),
        ("Past medical history:\n- Drug-induced lupus", "Drug-induced lupus"),
        ("Assessment:\n1. Drug reaction with eosinophilia", "Drug reaction with eosinophilia"),
    ],
)
def test_a_condition_beside_or_named_by_header_words_stays(text: str, problem: str) -> None:
    assert problem in problem_texts(analyse(text))
