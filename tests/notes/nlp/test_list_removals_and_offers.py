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


@pytest.mark.parametrize(
    "listing",
    [
        "MEDICATIONS (reconciled today)\n"
        "  famotidine 20 mg PO daily PRN heartburn - continue\n"
        "  omeprazole 40 mg - DISCONTINUED 08/11/2025 (tapered off)\n"
        "  alendronate 70 mg PO once weekly - NEW today\n",
        "Medication reconciliation:\n"
        "- Famotidine 20 mg daily prn: continued\n"
        "- Omeprazole 40 mg daily: stopped\n"
        "- Alendronate 70 mg weekly: started\n",
        "CURRENT MEDS\n"
        "1. famotidine 20mg qd -- continue\n"
        "2. omeprazole 40mg qd -- d/c'd\n"
        "3. alendronate 70mg q week -- new\n",
    ],
)
def test_a_status_closing_a_list_entry_is_not_read_as_the_next_entrys(listing: str) -> None:
    analysis = analyse(listing)
    assert medication(analysis, "famotidine").status is MedicationStatus.CONTINUED
    assert medication(analysis, "omeprazole").status is MedicationStatus.STOPPED
    assert medication(analysis, "alendronate").status is MedicationStatus.STARTED


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("Plan: She has not needed ibuprofen since October, so we took it off.\n", "ibuprofen"),
        ("Assessment: hasn't needed albuterol in 3 months.\n", "albuterol"),
        ("Plan: Continue sumatriptan PRN; has not required naproxen since May.\n", "naproxen"),
        ("PLAN: No longer need for ondansetron.\n", "ondansetron"),
    ],
)
def test_a_drug_no_longer_needed_is_stopped(text: str, drug: str) -> None:
    assert medication(analyse(text), drug).status is MedicationStatus.STOPPED


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        (
            "Plan:\n2. Switch metoprolol tartrate 25 mg BID to metoprolol succinate 50 mg daily.\n",
            "metoprolol",
        ),
        ("Plan: Change Toprol XL to metoprolol tartrate 25 mg BID.\n", "toprol"),
        ("PLAN: switched from Lantus to insulin glargine-yfgn 20 units qHS.\n", "lantus"),
    ],
)
def test_a_switch_to_another_form_of_the_same_ingredient_is_a_change(text: str, drug: str) -> None:
    assert medication(analyse(text), drug).status is MedicationStatus.CHANGED


def test_a_switch_to_another_ingredient_still_stops_the_first() -> None:
    analysis = analyse("Plan: change lisinopril to losartan 50 mg daily.\n")
    assert medication(analysis, "lisinopril").status is MedicationStatus.STOPPED
    assert medication(analysis, "losartan").status is MedicationStatus.STARTED


def test_a_list_label_between_two_entries_still_speaks_for_the_entry_below() -> None:
    analysis = analyse(
        "RESUME these medications\n"
        "  omega-3 fish oil - you may restart it today\n"
        "\n"
        "STOP taking these medications\n"
        "  celecoxib 200 mg capsule - do not take with aspirin until your surgeon says so.\n"
    )
    assert medication(analysis, "celecoxib").status is MedicationStatus.STOPPED


def test_an_intolerated_form_changed_for_another_keeps_the_drug() -> None:
    analysis = analyse(
        "Assessment/Plan:\n1. T2DM; GI intolerance of IR metformin.\n"
        "   - Change metformin IR to metformin ER 500 mg, 2 tabs with dinner.\n"
    )
    assert medication(analysis, "metformin").status is MedicationStatus.CHANGED
