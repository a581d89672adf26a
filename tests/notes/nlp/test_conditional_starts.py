"""A start that waits on a condition its sentence sets on a measure or on the course ("if K stays
above 5.5", "once the blood cultures clear", "if the cough persists") puts the drug forward: it is
proposed, not begun. An order as needed for a symptom ("if nausea", "if pain > 6"), a frequency
("once daily") and a change of a drug in use that waits are not such starts."""

import pytest

from carechart.notes.nlp import MedicationStatus
from tests.notes.nlp.support import status_of
from tests.notes.stories import current_names, story_chart, story_note

_S = MedicationStatus


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("Plan: If potassium stays above 5.5 tomorrow, begin patiromer 8.4 g daily.", "patiromer"),
        (
            "A/P: Add empagliflozin 10 mg daily if the A1c remains > 8% in 3 months.",
            "empagliflozin",
        ),
        (
            "Plan:\n- Should the MAP fall below 65 on norepinephrine, add phenylephrine "
            "0.5 mcg/kg/min.",
            "phenylephrine",
        ),
        (
            "Plan: If the cough persists past 2 weeks, start azithromycin 250 mg daily.",
            "azithromycin",
        ),
        (
            "Plan: Start rivaroxaban 20 mg daily once the platelet count is > 100 and stable.",
            "rivaroxaban",
        ),
        ("Plan: Begin linezolid 600 mg BID when cultures return.", "linezolid"),
    ],
)
def test_a_start_waiting_on_a_threshold_is_proposed(text: str, drug: str) -> None:
    assert status_of(text, drug) is _S.PROPOSED


@pytest.mark.parametrize(
    ("text", "drug", "status"),
    [
        ("Plan: Start promethazine 12.5 mg q6h if nausea.", "promethazine", _S.STARTED),
        ("Plan: start hydromorphone 2 mg q4h if pain > 6.", "hydromorphone", _S.STARTED),
        ("Plan: Start alendronate 70 mg once weekly.", "alendronate", _S.STARTED),
        (
            "Plan: Start hydroxychloroquine 200 mg once daily (weight allows 5 mg/kg/day).",
            "hydroxychloroquine",
            _S.STARTED,
        ),
    ],
)
def test_an_order_as_needed_or_a_frequency_is_no_condition(
    text: str, drug: str, status: MedicationStatus
) -> None:
    assert status_of(text, drug) is status


def test_a_conditional_start_in_the_latest_note_is_never_current() -> None:
    clinic = story_note(
        "2025-01-10T09:00:00",
        "Clinic Visit\nMEDICATIONS:\n1. Lisinopril 10 mg daily\n2. Metformin 1000 mg BID\n",
    )
    icu = story_note(
        "2025-02-01T04:00:00",
        "ICU Transfer Note\nHome meds: lisinopril 10 mg daily, metformin 1000 mg BID.\n"
        "Plan:\n1. Shock: norepinephrine to MAP >= 65. If norepinephrine exceeds 0.2 mcg/kg/min, "
        "add vasopressin 0.04 units/min and hydrocortisone 50 mg IV q6h.\n",
    )
    current = {name.lower() for name in current_names(story_chart(clinic, icu))}
    assert not current & {"vasopressin", "hydrocortisone"}
    assert {"lisinopril", "metformin"} <= current
