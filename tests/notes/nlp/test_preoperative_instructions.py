"""A pre-operative clinic's or call's medication instructions (issue 11): a list headed "CURRENT
MEDICATIONS and PERI-OPERATIVE INSTRUCTIONS" is the patient's medication list, and "continue"
written beside a drug under a call's "Procedure:" field keeps it (the drug is not a dose of the
room). Variants written for these tests; neighbours that must not move."""

import pytest

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import status_of

S = MedicationStatus

_CLINIC = (
    "PRE-OPERATIVE ASSESSMENT CLINIC\n\n"
    "MEDICAL HISTORY\n- Hypertension\n- Osteoarthritis right knee\n\n"
    "{heading}\n"
    "| Drug             | Dose        | Instruction                                   |\n"
    "| Bisoprolol       | 2.5 mg OD   | TAKE morning of surgery with sip of water     |\n"
    "| Omeprazole       | 20 mg OD    | Take morning of surgery                       |\n"
    "| Empagliflozin    | 10 mg OD    | STOP 3 days before: last dose 24/01           |\n"
    "| Naproxen         | 500 mg BD   | Stop 7 days pre-op (last 20/01)               |\n"
    "| Fish oil         | 1 g OD      | Stop now                                      |\n\n"
    "PLAN\n- Written medication instruction sheet given.\n"
)


@pytest.mark.parametrize(
    "heading",
    [
        "CURRENT MEDICATIONS and PERI-OPERATIVE INSTRUCTIONS",
        "HOME MEDICATIONS and INSTRUCTIONS FOR SURGERY",
    ],
)
@pytest.mark.parametrize("drug", ["bisoprolol", "omeprazole"])
def test_a_medication_list_joined_to_its_instructions_is_the_current_list(
    heading: str, drug: str
) -> None:
    assert status_of(_CLINIC.format(heading=heading), drug) is S.CONTINUED


_CALL = (
    "PRE-OPERATIVE TELEPHONE CALL (Nurse Navigator)\n"
    "Procedure: R total knee arthroplasty, Dr. Oyelaran - 01/22/2026 (arrive 0600)\n\n"
    "Spoke w/ patient. Reviewed meds line by line against his list:\n\n"
    "  metoprolol succinate ER 50 mg qAM ........... CONTINUE - take AM of surgery w/ sip\n"
    "  atorvastatin 40 mg qHS ...................... continue\n"
    "  lisinopril 20 mg qAM ........................ hold morning of surgery only\n"
)


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        (_CALL, "metoprolol"),
        (_CALL, "atorvastatin"),
        (
            "PROCEDURE NOTE\nProcedure: Colonoscopy.\nPatient reviewed: apixaban 5 mg BID - "
            "continue; sedation by anesthesia.\n",
            "apixaban",
        ),
    ],
)
def test_continue_under_a_procedure_field_keeps_the_drug(text: str, drug: str) -> None:
    assert status_of(text, drug) is S.CONTINUED


def test_a_drug_of_the_room_is_still_given() -> None:
    text = (
        "OPERATIVE REPORT\nProcedure: Right knee arthroscopy.\nAnesthesia: general, maintained "
        "with sevoflurane; propofol infusion continued.\nPlan: Continue aspirin 81 mg daily.\n"
    )
    assert status_of(text, "sevoflurane") is S.GIVEN
    assert status_of(text, "propofol") is S.GIVEN
    assert status_of(text, "aspirin") is S.CONTINUED


def test_a_pause_on_the_day_of_surgery_is_still_held() -> None:
    assert status_of(_CALL, "lisinopril") is S.HELD


def test_a_list_of_fish_oil_stopped_now_stays_stopped() -> None:
    text = _CLINIC.format(heading="CURRENT MEDICATIONS and PERI-OPERATIVE INSTRUCTIONS")
    assert status_of(text, "fish oil") is S.STOPPED


def test_a_heading_joining_medications_and_allergies_is_not_made_a_medication_list() -> None:
    text = "NOTE\nPMH:\n- HTN\n\nMEDICATIONS and ALLERGIES\n- lisinopril 10 mg daily\n"
    text += "- penicillin - hives\n"
    assert "penicillin" not in {m.name.lower() for m in analyse(text).medications}


# --- "Withhold", the long form of "hold", written after the drug ------------------------------

_WITHHOLD = (
    "PRE-OPERATIVE ASSESSMENT CLINIC\n\n"
    "CURRENT MEDICATIONS and PERI-OPERATIVE INSTRUCTIONS\n"
    "| Drug                   | Dose          | Instruction                                |\n"
    "| Semaglutide (Ozempic)  | 1 mg weekly   | Withhold dose due 25/01 (aspiration risk)  |\n"
    "| Ramipril               | 10 mg OD      | Withhold for SBP < 100                     |\n"
    "| Bisoprolol             | 2.5 mg OD     | TAKE morning of surgery                    |\n"
)


def test_a_dose_to_withhold_before_surgery_is_held() -> None:
    assert status_of(_WITHHOLD, "semaglutide") is S.HELD


def test_a_weekly_injection_to_withhold_before_a_procedure_is_held() -> None:
    text = (
        "GI PRE-PROCEDURE CALL\nMedications:\n"
        "- Dulaglutide 1.5 mg weekly - withhold this week's injection before endoscopy\n"
        "- Amlodipine 5 mg daily\n"
    )
    assert status_of(text, "dulaglutide") is S.HELD


def test_a_withhold_parameter_of_the_order_is_not_a_hold() -> None:
    assert status_of(_WITHHOLD, "ramipril") is S.CONTINUED
