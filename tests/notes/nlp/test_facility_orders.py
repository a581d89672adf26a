"""A nursing facility's admission orders (issue 11): "MEDICATION ORDERS (reconciled against hospital
d/c med rec):" at the head of a skilled nursing admission is the resident's regimen going on; only
the entries marked NEW are started. Variants written for these tests; neighbours that must not
move."""

import pytest

from carechart.notes.nlp import MedicationStatus
from tests.notes.nlp.support import status_of

S = MedicationStatus

_ORDERS = (
    "BROOKHAVEN CARE & REHABILITATION CENTER\n"
    "Physician Admission Orders - Skilled Nursing (Short Stay)\n\n"
    "{heading}\n"
    " 1. Furosemide 60 mg PO every morning\n"
    " 2. Metoprolol succinate ER 50 mg PO daily - HOLD for HR <55 or SBP <95\n"
    " 3. Atorvastatin 40 mg PO at bedtime\n"
    " 4. NEW: Trazodone 25 mg PO qHS PRN insomnia\n"
)


@pytest.mark.parametrize(
    "heading",
    ["MEDICATION ORDERS (reconciled against hospital d/c med rec, faxed 2/15):", "Drug orders:"],
)
@pytest.mark.parametrize("drug", ["metoprolol", "atorvastatin"])
def test_a_facility_order_list_is_the_residents_regimen(heading: str, drug: str) -> None:
    assert status_of(_ORDERS.format(heading=heading), drug) is S.CONTINUED


def test_an_entry_marked_new_is_still_started() -> None:
    text = _ORDERS.format(heading="MEDICATION ORDERS:")
    assert status_of(text, "trazodone") is S.STARTED


def test_a_clinic_plan_of_medication_orders_still_starts_its_drugs() -> None:
    text = "CLINIC VISIT\nPlan:\nMedication orders:\n- Atorvastatin 40 mg PO at bedtime\n"
    assert status_of(text, "atorvastatin") is S.STARTED


@pytest.mark.parametrize(
    "entry",
    [
        "NEW: Bisacodyl 10 mg PR daily PRN no BM x 2 days",
        "NEW - Bisacodyl 10 mg PO daily PRN constipation x 3 days",
    ],
)
def test_a_new_entry_whose_sig_counts_days_is_still_started(entry: str) -> None:
    text = _ORDERS.format(heading="MEDICATION ORDERS:") + f" 5. {entry}\n"
    assert status_of(text, "bisacodyl") is S.STARTED


def test_an_entry_started_on_an_earlier_day_still_goes_on() -> None:
    text = (
        _ORDERS.format(heading="MEDICATION ORDERS:")
        + " 5. Nitrofurantoin 100 mg PO BID (started 02/12, day 4 of 7)\n"
    )
    assert status_of(text, "nitrofurantoin") is S.CONTINUED
