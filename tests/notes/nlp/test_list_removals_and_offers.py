"""A drug taken off the medication list is stopped; a drug offered (and declined or pending) is
proposed, not started: the wordings clinics use in assessments and plans."""

import pytest

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import medication


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("A/P:\n4. Nausea resolved - ondansetron removed from med list.\n", "ondansetron"),
        ("Plan: Famotidine removed from the medication list.\n", "famotidine"),
        ("PLAN:\n- Meloxicam taken off her med list (not using).\n", "meloxicam"),
        (
            "Assessment and plan: cetirizine deleted from the active medication list.\n",
            "cetirizine",
        ),
    ],
)
def test_a_drug_removed_from_the_list_is_stopped(text: str, drug: str) -> None:
    assert medication(analyse(text), drug).status is MedicationStatus.STOPPED


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        (
            "Plan:\n- Offered adding empagliflozin (Jardiance) for glucose - he declines.\n",
            "empagliflozin",
        ),
        ("Plan: We offered starting sertraline 25 mg; she will think about it.\n", "sertraline"),
        ("PLAN: offered to start Gabapentin at night, patient declined.\n", "gabapentin"),
        ("Plan: Offered a trial of amitriptyline; wants to wait.\n", "amitriptyline"),
    ],
)
def test_a_drug_offered_is_proposed_not_started(text: str, drug: str) -> None:
    assert medication(analyse(text), drug).status is MedicationStatus.PROPOSED


def test_a_drug_started_in_the_same_plan_is_still_started() -> None:
    analysis = analyse("Plan: Start lisinopril 10 mg daily. Offered adding a statin - declines.\n")
    assert medication(analysis, "lisinopril").status is MedicationStatus.STARTED
