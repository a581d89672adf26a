"""Medication status (issue 11) of a plan entry that writes a drug out under its problem, of a
start that a stop in the same clause ends, and of a listed drug the plan tells the patient to
avoid. Each rule is held by variants in other drugs and wordings, and by counter-cases."""

import pytest

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import medication_names, status_of

S = MedicationStatus


def _visit(listed: str, plan: str) -> str:
    medications = f"\nMedications:\n{listed}\n" if listed else ""
    return (
        "Clinic follow-up\nDate of visit: 06/10/2025\n"
        f"{medications}\nAssessment and Plan:\n{plan}\n"
    )


_LISTED = "- metformin 500 mg BID\n- atorvastatin 20 mg daily"


# --- A problem's order for a drug the medication list lacks is a start --------------------------


@pytest.mark.parametrize(
    ("plan", "drug"),
    [
        ("1. Tinea cruris - terbinafine 1% cream BID x 2 weeks.", "terbinafine"),
        ("2. Seborrheic dermatitis: ketoconazole 2% shampoo twice weekly.", "ketoconazole"),
        ("3. Acne vulgaris - adapalene 0.1% gel nightly.", "adapalene"),
    ],
)
def test_a_problem_entry_order_off_the_list_is_started(plan: str, drug: str) -> None:
    assert status_of(_visit(_LISTED, plan), drug) is S.STARTED


def test_a_problem_entry_of_a_listed_drug_goes_on() -> None:
    plan = "1. Type 2 diabetes - metformin 500 mg BID.\n2. Tinea cruris - terbinafine 1% cream BID."
    assert status_of(_visit(_LISTED, plan), "metformin") is S.CONTINUED


def test_without_a_list_a_problem_entry_names_its_treatment() -> None:
    # No list to tell what is new: the problem's treatment is read as the one it has.
    plan = "1. Tinea cruris - terbinafine 1% cream BID x 2 weeks."
    assert status_of(_visit("", plan), "terbinafine") is S.CONTINUED


# --- A stop told after the start, in the same clause, is where the drug stands -----------------


@pytest.mark.parametrize(
    ("sentence", "drug"),
    [
        (
            "Vasopressin was started 03/09 for refractory hypotension, titrated to 0.04 "
            "units/min, and turned off 03/11 once MAP held above 65.",
            "vasopressin",
        ),
        ("Esmolol drip added on 03/10 for rapid rates, discontinued 03/11.", "esmolol"),
        ("Phenylephrine begun in the OR, weaned off by the evening.", "phenylephrine"),
    ],
)
def test_a_start_then_a_stop_in_one_clause_is_stopped(sentence: str, drug: str) -> None:
    text = f"ICU progress note\nDate: 03/12/2026\n\nHospital course:\n{sentence}\n"
    assert status_of(text, drug) is S.STOPPED


@pytest.mark.parametrize(
    ("sentence", "drug", "status"),
    [
        # A stop still to come, or on a condition, leaves the start.
        (
            "Amiodarone was started 03/10 for AF; we will stop it if QTc exceeds 500.",
            "amio",
            S.STARTED,
        ),
        ("Dexmedetomidine started on 03/10 for agitation, still running.", "dexmed", S.STARTED),
        # Begun again after the stop: not stopped.
        (
            "Esmolol started 03/09, stopped 03/10, restarted 03/11 for rapid rates.",
            "esmolol",
            S.STARTED,
        ),
    ],
)
def test_a_stop_to_come_or_undone_leaves_the_start(
    sentence: str, drug: str, status: MedicationStatus
) -> None:
    text = f"ICU progress note\nDate: 03/12/2026\n\nHospital course:\n{sentence}\n"
    assert status_of(text, drug) is status


# --- A listed drug the plan says to avoid is stopped; an unlisted one is not a medication -------

_TAKEN = (
    "- ibuprofen 400 mg PRN knee pain\n- loperamide 2 mg PRN loose stools\n- celecoxib 200 mg daily"
)


@pytest.mark.parametrize(
    ("plan", "drug"),
    [
        ("1. CKD 3b - please avoid ibuprofen and celecoxib going forward.", "ibuprofen"),
        ("1. CKD 3b - please avoid ibuprofen and celecoxib going forward.", "celecoxib"),
        ("1. Gastritis: avoid celecoxib for now; acetaminophen for pain.", "celecoxib"),
    ],
)
def test_a_listed_drug_the_plan_says_to_avoid_is_stopped(plan: str, drug: str) -> None:
    assert status_of(_visit(_TAKEN, plan), drug) is S.STOPPED


def test_an_avoidance_with_a_condition_leaves_the_drug() -> None:
    plan = "1. IBS-D - avoid loperamide during a flare with fever."
    assert status_of(_visit(_TAKEN, plan), "loperamide") is S.CONTINUED


def test_a_drug_named_in_the_reason_of_an_avoidance_is_not_stopped() -> None:
    plan = "1. Gout - avoid NSAIDs given bleed history and loperamide use."
    assert status_of(_visit(_TAKEN, plan), "loperamide") is S.CONTINUED


def test_an_avoided_drug_not_taken_is_not_a_medication() -> None:
    names = medication_names(analyse(_visit(_TAKEN, "2. Avoid tramadol.")))
    assert "tramadol" not in names


# --- An item that writes a course out with its end is an order, wherever it stands ------------


def _reply(items: str) -> str:
    return (
        "Telephone encounter\nDate: 06/10/2025\n\nReason for call: cough\n\n"
        "Pt reports productive cough x 10 days. Takes lisinopril 10 mg daily.\n"
        f"Provider reply:\n{items}\n"
    )


@pytest.mark.parametrize(
    ("items", "drug"),
    [
        ("- Doxycycline 100 mg BID x 7 days.\n- Lisinopril 10 mg daily.", "doxycycline"),
        ("1) Prednisone 40 mg daily for 5 days, then stop.", "prednisone"),
    ],
)
def test_an_item_with_a_course_and_its_end_is_started(items: str, drug: str) -> None:
    assert status_of(_reply(items), drug) is S.STARTED


def test_an_item_without_a_course_goes_on() -> None:
    items = "- Doxycycline 100 mg BID x 7 days.\n- Lisinopril 10 mg daily."
    assert status_of(_reply(items), "lisinopril") is S.CONTINUED


@pytest.mark.parametrize("drug", ["amoxicillin", "nitrofurantoin"])
def test_a_course_under_way_or_listed_goes_on(drug: str) -> None:
    text = (
        "Clinic visit\nDate: 06/10/2025\n\nHPI:\nSeen at urgent care last week.\n"
        "- amoxicillin 500 mg TID x 10 days, day 6 today\n\n"
        "Current medications:\n- nitrofurantoin 100 mg BID x 5 days\n- amlodipine 5 mg daily\n"
    )
    assert status_of(text, drug) is S.CONTINUED


# --- A bare "on" after the plan starts the drug speaks of the drug just begun ------------------


def test_on_a_drug_the_plan_started_keeps_the_start() -> None:
    plan = (
        "1. Asthma exacerbation - start prednisone 40 mg daily x 5 days.\n"
        "2. Type 2 diabetes - sugars will run high on prednisone; check fingersticks BID."
    )
    assert status_of(_visit(_LISTED, plan), "prednisone") is S.STARTED


def test_on_a_drug_the_story_started_goes_on() -> None:
    text = (
        "Clinic follow-up\nDate of visit: 06/10/2025\n\nSubjective:\n"
        "Discharged on rivaroxaban after her PE in May.\n\nAssessment and Plan:\n"
        "1. PE - doing well on rivaroxaban, no bleeding.\n"
    )
    assert status_of(text, "rivaroxaban") is S.CONTINUED


# --- "continue N h after" in a sig is how long the course runs, not a continuation ------------


def test_a_sig_that_runs_past_an_event_is_a_start() -> None:
    plan = "1. Oral thrush - nystatin suspension 5 mL QID x 7 days (continue 2 days after clear)."
    assert status_of(_visit(_LISTED, plan), "nystatin") is S.STARTED


def test_continue_of_a_listed_drug_still_continues() -> None:
    plan = "1. Type 2 diabetes - continue metformin 500 mg BID."
    assert status_of(_visit(_LISTED, plan), "metformin") is S.CONTINUED
