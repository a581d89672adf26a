"""A consultant's list of the stay's drugs (issue 11): "Current inpatient meds (MAR reviewed):"
written under the history of an inpatient consult lists doses of this stay, not of an earlier
episode. Variants written for these tests; neighbours that must not move."""

import pytest

from carechart.notes.nlp import MedicationStatus
from tests.notes.nlp.support import status_of

S = MedicationStatus

_CONSULT = (
    "PSYCHIATRY CONSULTATION\n"
    "HPI: 67M POD 3 s/p CABG with delirium overnight. Hx depression on sertraline.\n\n"
    "{heading} aspirin 81 mg daily, heparin 5,000 units SC q8h, "
    "oxycodone 5 mg q4h PRN (3 doses/24h), insulin lispro correction scale.\n\n"
    "ASSESSMENT: Delirium, multifactorial.\n"
)


@pytest.mark.parametrize(
    "heading", ["Current inpatient meds (MAR reviewed):", "Current inpatient medications (MAR):"]
)
@pytest.mark.parametrize("drug", ["heparin", "oxycodone"])
def test_a_consults_list_of_the_stays_drugs_is_given(heading: str, drug: str) -> None:
    text = _CONSULT.format(heading=heading)
    assert status_of(text, drug, note_type="consult") is S.GIVEN


def test_a_dose_told_of_an_earlier_episode_in_a_clinic_consult_stays_past() -> None:
    text = (
        "ENDOCRINOLOGY CONSULTATION\n"
        "HPI: Seen at urgent care 03/2024 for cellulitis, treated with Augmentin there.\n\n"
        "Medications: metformin 500 mg BID.\n\nASSESSMENT: Type 2 diabetes.\n"
    )
    assert status_of(text, "augmentin", note_type="consult") is S.HISTORICAL
