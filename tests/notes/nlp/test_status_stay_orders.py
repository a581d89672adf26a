"""Medication status of the stay's orders and of a discharge list's new entries (issue 11): an
inpatient order list's drugs that only the hospital gives are doses of the stay (given); a
discharge list's new entries and the rest of a course begun in hospital are started. Each class
is held by variants in other drugs and layouts, and by counter-cases that keep their reading."""

import pytest

from carechart.notes.nlp import MedicationStatus
from tests.notes.nlp.support import status_of

S = MedicationStatus

_CONSULT = """INPATIENT NEPHROLOGY CONSULTATION
Location: 5 West, bed 3
Reason for consult: AKI.

HOME MEDICATIONS:
Amlodipine 5 mg daily
Sertraline 50 mg daily

{heading}
{orders}
Amlodipine 5 mg PO daily
Sertraline 50 mg PO daily

RECOMMENDATIONS:
1. Avoid nephrotoxins.
"""


@pytest.mark.parametrize(
    "heading",
    [
        "CURRENT INPATIENT MEDICATIONS:",
        "Medications (current inpatient):",
        "Current medications (in-house):",
    ],
)
@pytest.mark.parametrize(
    ("orders", "drug"),
    [
        ("Famotidine 20 mg PO BID", "famotidine"),
        ("Lovenox 40 mg daily", "enoxaparin"),
        ("Senna 8.6 mg PO qHS", "senna"),
    ],
)
def test_an_order_of_the_stay_not_on_the_home_list_is_given(
    heading: str, orders: str, drug: str
) -> None:
    text = _CONSULT.format(heading=heading, orders=orders)
    assert status_of(text, drug) is S.GIVEN


@pytest.mark.parametrize("drug", ["amlodipine", "sertraline"])
def test_a_home_drug_on_the_stay_orders_goes_on(drug: str) -> None:
    text = _CONSULT.format(heading="CURRENT INPATIENT MEDICATIONS:", orders="Famotidine 20 mg BID")
    assert status_of(text, drug) is S.CONTINUED


def test_an_order_of_the_stay_the_plan_continues_is_not_only_a_dose() -> None:
    text = _CONSULT.format(
        heading="CURRENT INPATIENT MEDICATIONS:", orders="Famotidine 20 mg PO BID"
    ).replace("Avoid nephrotoxins.", "Continue famotidine 20 mg BID at discharge.")
    assert status_of(text, "famotidine") is not S.GIVEN


_TRANSFER = """MEDICAL ICU TRANSFER NOTE (MICU -> step-down unit)
Patient transferred to the floor team today.

CURRENT MEDICATIONS AT TRANSFER:
  ceftriaxone 1 g IV q24h (day 3 of 7)
  {entry}
  metoprolol tartrate 25 mg PO BID
"""


@pytest.mark.parametrize(
    ("entry", "drug"),
    [
        ("acetaminophen 650 mg PO q6h PRN pain", "acetaminophen"),
        ("docusate 100 mg PO BID PRN constipation", "docusate"),
        ("enoxaparin 40 daily", "enoxaparin"),
        ("dalteparin 5000 units daily", "dalteparin"),
    ],
)
def test_an_icu_transfer_lists_hospital_only_orders_as_given(entry: str, drug: str) -> None:
    assert status_of(_TRANSFER.format(entry=entry), drug) is S.GIVEN


def test_a_home_like_order_on_a_transfer_list_goes_on() -> None:
    text = _TRANSFER.format(entry="acetaminophen 650 mg PO q6h PRN pain")
    assert status_of(text, "metoprolol") is S.CONTINUED


def test_an_icu_nurse_is_no_sign_of_a_hospital_stay() -> None:
    text = (
        "Clinic follow-up\n\nHPI: Works as an ICU nurse on nights. Migraines better.\n\n"
        "Medications:\nSumatriptan 50 mg PO PRN migraine\n"
    )
    assert status_of(text, "sumatriptan") is S.CONTINUED


def test_a_prophylactic_dose_after_surgery_sent_home_is_started() -> None:
    text = (
        "Post-op clinic visit\n\nPlan:\n- Start enoxaparin 40 mg SC daily x 14 days for "
        "VTE prophylaxis.\n"
    )
    assert status_of(text, "enoxaparin") is S.STARTED


def test_a_prn_label_before_the_stay_orders_makes_them_as_needed() -> None:
    text = (
        "HOSPITALIST PROGRESS NOTE - Hospital Day 3\nInterval events: none.\n\n"
        "Meds:\n- pantoprazole 40 mg IV daily\n- PRN: ondansetron 4 mg PO q8h, "
        "oxycodone 5 mg PO q4h\n\nA/P: improving.\n"
    )
    assert status_of(text, "oxycodone") is S.GIVEN


# --- A discharge list's new entries --------------------------------------------------------------


@pytest.mark.parametrize(
    "entry",
    [
        "- apixaban 5 mg BID - continue through 04/30/2026",
        "- apixaban 5 mg BID, continue for 3 months",
        "- apixaban 5 mg BID (continue x 6 weeks)",
    ],
)
def test_a_new_entry_running_until_a_date_stays_new(entry: str) -> None:
    text = (
        "DISCHARGE SUMMARY\n\nHospital course: DVT found on day 2.\n\n"
        f"Discharge medications\nNEW:\n{entry}\nCONTINUE:\n- lisinopril 10 mg daily\n"
        "- atorvastatin 20 mg daily\n"
    )
    assert status_of(text, "apixaban") is S.STARTED


@pytest.mark.parametrize(
    "entry",
    [
        "Amoxicillin-clavulanate 875 mg PO BID for 5 more days.",
        "Cefpodoxime 200 mg PO q12h x 4 additional days.",
        "Levofloxacin 750 mg PO daily to complete a 7-day course.",
    ],
)
def test_the_rest_of_a_course_on_a_discharge_list_is_started(entry: str) -> None:
    text = (
        "DISCHARGE SUMMARY\n\nHOSPITAL COURSE: Pneumonia treated, improved.\n\n"
        f"DISCHARGE MEDICATIONS:\n1. {entry}\n2. Lisinopril 10 mg daily.\n"
    )
    drug = entry.split()[0].split("-")[0].lower()
    assert status_of(text, drug) is S.STARTED


def test_a_home_drug_continued_on_a_discharge_list_stays_continued() -> None:
    text = (
        "DISCHARGE SUMMARY\n\nHOSPITAL COURSE: Pneumonia treated, improved.\n\n"
        "DISCHARGE MEDICATIONS:\n1. Lisinopril 10 mg daily - continue.\n"
        "2. Atorvastatin 20 mg nightly - continue for life.\n"
    )
    assert status_of(text, "lisinopril") is S.CONTINUED


@pytest.mark.parametrize(
    "order",
    [
        "glycopyrrolate 0.2 mg SC q4h PRN secretions - order for home kit.",
        "glycopyrrolate 0.2 mg SC q4h PRN (hospice kit).",
        "glycopyrrolate 0.2 mg SC q4h PRN, for home.",
    ],
)
def test_an_as_needed_order_for_the_home_kit_is_not_a_dose_of_the_stay(order: str) -> None:
    text = (
        "HOSPITALIST PROGRESS NOTE - Hospital Day 4\nInterval events: none.\n\n"
        f"Plan:\n1. Going home with hospice tomorrow. {order}\n"
    )
    assert status_of(text, "glycopyrrolate") is not S.GIVEN
