"""What an assessment or a history names that is no condition, and what it names that is."""

import pytest

from carechart.notes.nlp import analyse


def _texts(text: str) -> list[str]:
    return [p.text.lower() for p in analyse(text).problems]


@pytest.mark.parametrize(
    "item",
    [
        "HAS-BLED 2",
        "CPAP",
        "TSH normal",
        "ASCVD risk",
        "Sleep medicine",
        "Former smoker",
        "Independent with transfers",
        "CMP and lipid panel in 3 months",
        "Steroid use",
        "Oral contraceptives",
        "Previous lamotrigine rash",
        "Long-term",
        "Walks 30+ minutes daily",
    ],
)
def test_scores_devices_results_risks_services_and_orders_are_no_problems(item: str) -> None:
    text = f"ASSESSMENT AND PLAN:\n1. Type 2 diabetes mellitus - continue metformin.\n2. {item}"
    assert _texts(text) == ["type 2 diabetes mellitus"]


def test_a_condition_that_a_normal_word_qualifies_is_kept() -> None:
    text = "ASSESSMENT:\n1. Normal pressure hydrocephalus - neurosurgery follow-up."
    assert _texts(text) == ["normal pressure hydrocephalus"]


def test_the_condition_worked_up_is_the_problem_not_the_work_up() -> None:
    assert _texts("ASSESSMENT AND PLAN:\n1. Syncope work-up - echo and Holter.") == ["syncope"]


def test_an_exacerbation_joined_to_its_disease_is_not_a_second_problem() -> None:
    text = "ASSESSMENT AND PLAN:\n1. Asthma with acute exacerbation - prednisone burst."
    assert _texts(text) == ["asthma"]


def test_a_past_history_fragment_of_a_history_word_is_no_problem() -> None:
    text = "PAST MEDICAL HISTORY: Hx C. diff colitis 2019. Hypertension."
    assert "hx c" not in _texts(text)


def test_a_coded_problem_list_keeps_the_diagnoses_and_drops_status_codes() -> None:
    text = (
        "ENCOUNTER DIAGNOSES:\n1. I10 Essential (primary) hypertension\n"
        "2. E78.5 Hyperlipidemia, unspecified\n3. Z79.4 Long term (current) use of insulin\n"
        "4. Z23 Encounter for immunization"
    )
    assert _texts(text) == ["essential (primary) hypertension", "hyperlipidemia"]


def test_a_history_marker_is_not_part_of_the_condition() -> None:
    text = "PAST MEDICAL HISTORY: h/o pulmonary embolism 2016, hx of gout.\nPLAN: none."
    assert _texts(text) == ["pulmonary embolism", "gout"]


def test_a_dx_line_is_a_diagnosis_and_a_field_under_it_is_none() -> None:
    text = (
        "TRANSFER FORM\nDx: Parkinson disease; dysphagia\n"
        "Mobility: wheelchair, one-person assist\nChest pain: none today"
    )
    problems = _texts(text)
    assert "parkinson disease" in problems
    assert not any("mobility" in p for p in problems)
