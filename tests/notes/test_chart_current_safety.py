"""The chart's current list holds no drug the notes only give, propose or hold as an allergy:
a dialysis circuit's heparin, a start that waits on a condition, one dose had in the story."""

import pytest

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.stories import current_names, story_chart, story_note

_S = MedicationStatus


def _status(text: str, name: str) -> MedicationStatus:
    found = [m for m in analyse(text).medications if m.name.lower() == name]
    assert len(found) == 1, [m.name for m in analyse(text).medications]
    return found[0].status


DIALYSIS_VISIT = (
    "OUTPATIENT HEMODIALYSIS UNIT - MONTHLY REVIEW\n"
    "Seen chairside on HD, MWF.\n\n"
    "UNIT MEDICATIONS (each treatment):\n"
    "  heparin 1500 units load, 800 units/h per protocol, stop 1 h before end\n"
    "  darbepoetin 40 mcg IV weekly - continue\n\n"
    "HOME MEDICATIONS:\n"
    "  calcium acetate 667 mg TID with meals - continue\n"
    "  metoprolol tartrate 25 mg BID - continue\n"
)


def test_a_dialysis_circuits_heparin_is_given_and_never_current() -> None:
    chart = story_chart(story_note("2025-11-03T10:00:00", DIALYSIS_VISIT))
    current = current_names(chart)
    assert "heparin" not in current
    assert {"darbepoetin alfa", "calcium acetate", "metoprolol"} <= current
    assert "heparin" in {m.name for m in chart.given_medications}


@pytest.mark.parametrize(
    "line",
    [
        "Heparin 2000 units IV bolus then 1000 units/hr - no change",
        "At dialysis: epoetin alfa 8000 units each treatment, heparin per unit protocol.",
        "heparin 1000 units/mL catheter lock, 1.9 mL each lumen after each treatment",
    ],
)
def test_heparin_of_the_treatment_in_a_dialysis_note_is_given(line: str) -> None:
    text = f"DIALYSIS ROUNDING NOTE\nPatient on in-center hemodialysis.\nMedications:\n{line}\n"
    assert _status(text, "heparin") is _S.GIVEN


@pytest.mark.parametrize(
    "line",
    [
        # A drip for a clot in a patient who also has dialysis: the patient's treatment.
        "NSTEMI in a patient with ESRD on HD MWF: start heparin drip per ACS nomogram with a"
        " 4000 unit bolus.",
    ],
)
def test_heparin_treating_the_patient_is_not_the_circuits(line: str) -> None:
    text = f"Assessment and Plan:\n{line}\n"
    assert _status(text, "heparin") is _S.STARTED


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Plan: Discussed starting a statin; she wants to think about it. If LDL still above"
            " 190 at recheck, rosuvastatin 10 mg daily.",
            "rosuvastatin",
        ),
        ("Plan:\n- If A1c still above goal, semaglutide 0.25 mg weekly.\n", "semaglutide"),
        ("A/P:\n2. Hyperkalemia - If K stays above 5.5, patiromer 8.4 g daily.\n", "patiromer"),
    ],
)
def test_an_order_right_after_an_opening_condition_is_proposed(text: str, name: str) -> None:
    assert _status(text, name) is _S.PROPOSED


def test_an_as_needed_order_after_a_condition_is_how_it_is_taken() -> None:
    text = "Plan: Wound check in 2 days. If pain, acetaminophen 650 mg q6h PRN."
    assert _status(text, "acetaminophen") is _S.STARTED


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "PLAN: If still moderate activity at next visit, plan will be to switch to"
            " subcutaneous methotrexate or add sulfasalazine.",
            "sulfasalazine",
        ),
        (
            "Plan: Increase metformin to 1000 mg BID. If the A1c is still above goal in three"
            " months, we will then add empagliflozin 10 mg daily.",
            "empagliflozin",
        ),
        (
            "Plan: Should the cough persist beyond two weeks, we could add benzonatate.",
            "benzonatate",
        ),
    ],
)
def test_a_start_that_waits_on_an_opening_condition_is_proposed(text: str, name: str) -> None:
    assert _status(text, name) is _S.PROPOSED


@pytest.mark.parametrize(
    ("text", "name", "status"),
    [
        (
            "Plan: Start lisinopril 10 mg daily; if BP still high, recheck in 2 weeks.",
            "lisinopril",
            _S.STARTED,
        ),
        (
            "Plan: Given the rash, if this is cellulitis we started cephalexin 500 mg QID.",
            "cephalexin",
            _S.STARTED,
        ),
    ],
)
def test_a_start_with_a_condition_after_its_verb_stays_a_start(
    text: str, name: str, status: MedicationStatus
) -> None:
    assert _status(text, name) is status


@pytest.mark.parametrize(
    "text",
    [
        "HPI: Received IV iron (Injectafer 750 mg) x1 on 11/20/2025 at infusion center.",
        "HPI: She had a steroid shot (Kenalog 40 mg IM x1) at urgent care last month.",
    ],
)
def test_one_dose_had_in_the_story_is_not_a_current_drug(text: str) -> None:
    meds = analyse(text).medications
    assert meds
    assert all(m.status not in (_S.CONTINUED, _S.STARTED) for m in meds)


def test_a_dose_with_a_standing_frequency_in_the_story_is_still_taken() -> None:
    text = "HPI: Takes no OTC drugs. Iron (ferrous sulfate 325 mg daily) for anemia."
    assert _status(text, "ferrous sulfate") is _S.CONTINUED


def test_a_family_then_its_product_in_parentheses_share_the_proposal() -> None:
    text = "PLAN:\n- Consider IV iron (iron sucrose) if no Hgb response in 4-6 weeks.\n"
    assert _status(text, "iron sucrose") is _S.PROPOSED


def _allergens(*notes: tuple[str, str]) -> list[str]:
    chart = story_chart(*(story_note(day, text) for day, text in notes))
    return sorted(a.substance.lower() for a in chart.allergies)


def test_one_animal_named_two_ways_is_one_chart_allergy() -> None:
    assert _allergens(
        ("2025-01-05", "CLINIC NOTE\nAllergies: Dogs - wheeze; shellfish (hives)\n"),
        ("2025-04-05", "CLINIC NOTE\nAllergies: dog dander (wheeze), shellfish (hives)\n"),
    ) == ["dog dander", "shellfish"]


def test_an_allergy_written_with_only_is_the_same_allergy() -> None:
    assert _allergens(
        ("2025-01-05", "CLINIC NOTE\nAllergies: iodinated contrast (hives, 2016)\n"),
        (
            "2025-02-05",
            "OPERATIVE NOTE\nIndications: hernia. Allergy to iodinated contrast only.\n",
        ),
    ) == ["iodinated contrast"]


def test_when_the_reaction_happened_is_no_allergen() -> None:
    text = "ALLERGY CONSULT\nALLERGIES\n  - Penicillin - rash, childhood (low-risk history)\n"
    assert _allergens(("2025-01-05", text)) == ["penicillin"]


CHALLENGE_PLANNED = (
    "ALLERGY CLINIC\nAllergies: penicillin (rash as a child); cats - rhinitis\n"
    "Plan: oral amoxicillin challenge next visit. If negative, the penicillin allergy will be"
    " removed.\n"
)


def test_an_allergy_a_later_note_removes_leaves_the_chart() -> None:
    later = (
        "DRUG CHALLENGE PROCEDURE NOTE\nAllergies: cats - rhinitis\n"
        "Result: amoxicillin 500 mg PO tolerated, observed 60 minutes.\n"
        "Plan: 1. Penicillin allergy removed from the allergy list today.\n"
    )
    assert _allergens(("2025-01-05", CHALLENGE_PLANNED), ("2025-02-05", later)) == ["cats"]


@pytest.mark.parametrize(
    "later",
    [
        "FOLLOW-UP\nAllergies: cats - rhinitis\nPlan: challenge rescheduled; the penicillin"
        " allergy will be removed if it is negative.\n",
        "FOLLOW-UP\nAllergies: penicillin (rash), cats\nPlan: the sulfa allergy was removed"
        " after a negative challenge.\n",
    ],
)
def test_an_allergy_not_taken_back_by_name_stays(later: str) -> None:
    found = _allergens(("2025-01-05", CHALLENGE_PLANNED), ("2025-02-05", later))
    assert "penicillin" in found or "penicillin (rash)" in found


def test_a_sulfa_allergy_keeps_a_later_sulfamethoxazole_product_off_the_current_list() -> None:
    chart = story_chart(
        story_note(
            "2025-03-01", "PCP VISIT\nAllergies: sulfa (rash)\nMedications: losartan 50 mg daily\n"
        ),
        story_note(
            "2025-04-01",
            "URGENT CARE\nMeds: losartan\nDx: cellulitis. Rx: Bactrim DS 1 tab BID x 7 days.\n"
            "Allergies: NKDA\n",
        ),
    )
    assert current_names(chart) == {"losartan"}


def test_a_sulfa_allergy_does_not_reach_a_sulfonylurea_or_sulfasalazine() -> None:
    chart = story_chart(
        story_note(
            "2025-03-01", "PCP VISIT\nAllergies: sulfa (rash)\nMedications: glipizide 5 mg daily\n"
        ),
        story_note(
            "2025-04-01",
            "RHEUMATOLOGY\nMedications: glipizide 5 mg daily\n"
            "Plan: start sulfasalazine 500 mg BID.\n",
        ),
    )
    assert current_names(chart) == {"glipizide", "sulfasalazine"}


def test_a_list_entry_written_once_is_still_the_patients_drug() -> None:
    text = (
        "Current Outpatient Medications\n"
        " . etonogestrel (NEXPLANON) 68 mg implant  1 each by Subdermal route once. Placed 2024.\n"
        " . sertraline (ZOLOFT) 50 mg tablet  Take 1 tablet by mouth daily.\n"
    )
    assert _status(text, "etonogestrel") is _S.CONTINUED


def test_a_sick_day_change_is_no_proposal_and_leaves_the_drug_going() -> None:
    text = (
        "Medications: insulin glargine 20 units at bedtime, empagliflozin 10 mg daily\n"
        "Plan: Continue glargine 20 units. Sick-day plan: if not eating, halve glargine and"
        " hold empagliflozin.\n"
    )
    assert _status(text, "insulin glargine") is _S.CONTINUED
