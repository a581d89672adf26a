"""Plans that keep a drug ("keep MiraLAX PRN", "keep taking the amlodipine") and stops whose
verb stands before a condition naming another drug ("wean diltiazem off once two doses of
metoprolol are in", "stop B6 once Diclegis started"): the kept drug goes on, and the drug named
in the condition is not the one stopped. Notes written and labelled for these tests before the
code ran on them; neighbours that must not move."""

import pytest

from carechart.notes.nlp import MedicationStatus
from tests.notes.nlp.support import status_of

S = MedicationStatus


@pytest.mark.parametrize(
    ("text", "drug", "status"),
    [
        (
            "SNF monthly note\n\nA/P:\n# Constipation - resolved; stop senna, keep MiraLAX PRN.\n",
            "polyethylene glycol",
            S.CONTINUED,
        ),
        (
            "SNF monthly note\n\nA/P:\n# Constipation - resolved; stop senna, keep MiraLAX PRN.\n",
            "senna",
            S.STOPPED,
        ),
        (
            "Telephone note: BP log reviewed, averages 128/76. Advised to keep taking the "
            "amlodipine 5 mg daily and recheck in 3 months.",
            "amlodipine",
            S.CONTINUED,
        ),
        (
            "Plan:\n1. Asthma - well controlled. She should keep using the Fostair inhaler two "
            "puffs twice daily.",
            "beclomethasone",
            S.CONTINUED,
        ),
        # Neighbours: "keep holding" holds; "keep off" ends.
        (
            "A/P:\n2. AKI - Cr 2.1 from 1.0. Keep holding metformin until Cr < 1.5.",
            "metformin",
            S.HELD,
        ),
        (
            "Progress note\n\nHELD: lisinopril (AKI)\n\nA/P:\n2. AKI - Cr 1.9 -> 1.6. Keep "
            "lisinopril on hold.",
            "lisinopril",
            S.HELD,
        ),
        (
            "Progress note\n\nMeds: Jardiance on hold, metformin held.\n\nA/P:\n- Keep "
            "Jardiance off until eating well.",
            "empagliflozin",
            S.HELD,
        ),
        (
            "Plan:\n- Gastritis: keep off ibuprofen and naproxen; acetaminophen for pain.",
            "ibuprofen",
            S.STOPPED,
        ),
        # A "keep" of a target the drug reaches is no keep of the drug: a new order stays new.
        (
            "Plan:\nHypokalemia - keep K > 4 with potassium chloride 20 mEq PO BID.",
            "potassium chloride",
            S.STARTED,
        ),
        (
            "Clinic letter\n\nPlan:\nKeep her BP under 140/90 with amlodipine 5 mg once daily.",
            "amlodipine",
            S.STARTED,
        ),
    ],
)
def test_a_kept_drug_goes_on_and_its_neighbours_keep_their_verbs(
    text: str, drug: str, status: MedicationStatus
) -> None:
    assert status_of(text, drug) is status


@pytest.mark.parametrize(
    ("text", "drug", "status"),
    [
        (
            "Cardiology consult\n\nPlan:\n1. Rate control: metoprolol tartrate 25 mg PO q6h "
            "started at 15:00. Wean diltiazem drip off over next 4-6 h once two doses of "
            "metoprolol in.",
            "metoprolol",
            S.STARTED,
        ),
        (
            "Progress note\n\nPlan:\n- Discontinue the heparin drip when warfarin is "
            "therapeutic (INR >= 2 x 24 h). Warfarin 5 mg PO daily started today.",
            "warfarin",
            S.STARTED,
        ),
        # Neighbour: the stop of the drug it names goes on standing.
        (
            "Clinic visit\n\nMedications: ibuprofen 400 mg PRN, lisinopril 10 mg daily.\n\n"
            "Plan:\n- Stop ibuprofen today given the AKI; continue lisinopril.",
            "ibuprofen",
            S.STOPPED,
        ),
    ],
)
def test_a_stop_before_a_condition_does_not_reach_the_drug_the_condition_names(
    text: str, drug: str, status: MedicationStatus
) -> None:
    assert status_of(text, drug) is status


@pytest.mark.parametrize(
    ("text", "drug", "status"),
    [
        (
            "Surgical consult letter\n\nMedications: allopurinol 300 mg daily.\n\nPlan:\n2. Hold "
            "allopurinol? No - he may continue it.\n",
            "allopurinol",
            S.CONTINUED,
        ),
        (
            "A/P:\n3. Delirium on dementia - stop donepezil? No, continue 10 mg qHS; delirium "
            "precautions.",
            "donepezil",
            S.CONTINUED,
        ),
        # Neighbours: the question answered yes, and a plain hold.
        (
            "A/P:\n2. AKI - hold metformin? Yes - hold until creatinine is back to baseline.",
            "metformin",
            S.HELD,
        ),
        ("A/P:\n2. AKI - hold metformin until creatinine improves.", "metformin", S.HELD),
    ],
)
def test_a_hold_asked_and_answered_no_keeps_the_drug(
    text: str, drug: str, status: MedicationStatus
) -> None:
    assert status_of(text, drug) is status
