"""Medication status as a clinician reads it, in shapes written for these tests before the code
was run on them (pass status5): plans by problem, holds told as a heading's verdict, changes
told by their old and new doses, starts told of the past, prescriptions closing a visit.
Each cause has a variant and a neighbour that must not move."""

import pytest

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import status_of

S = MedicationStatus


# An order to hold or stop a drug, with the effect that calls for it in brackets after the name,
# is that order, not an allergy: the drug stays on the chart with the order's status.
@pytest.mark.parametrize(
    ("text", "drug", "status"),
    [
        ("Plan: Hold propranolol (hypotension, active bleed).", "propranolol", S.HELD),
        ("Plan: Hold propranolol (hypotension).", "propranolol", S.HELD),
        ("A/P: HTN - stop lisinopril (cough), start losartan 25 mg daily.", "lisinopril", S.STOPPED),
        ("Plan:\n2. Discontinue amlodipine - edema. Continue HCTZ.", "amlodipine", S.STOPPED),
    ],
)
def test_an_order_with_its_reason_in_brackets_keeps_the_drug(
    text: str, drug: str, status: MedicationStatus
) -> None:
    assert status_of(text, drug) is status


@pytest.mark.parametrize(
    "text",
    [
        "Allergies: lisinopril (angioedema).",
        "Allergies/intolerances: stopped atorvastatin (myalgias).",
        "She had lisinopril - cough in 2019.",
    ],
)
def test_a_drug_told_with_only_its_reaction_is_still_no_medication(text: str) -> None:
    names = {(m.ingredient or m.name).lower() for m in analyse(text).medications}
    assert not names & {"lisinopril", "atorvastatin"}
