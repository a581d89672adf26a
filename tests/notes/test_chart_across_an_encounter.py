"""Reconciliation across an encounter: an admission, its progress notes, a discharge or a call
after it, a clinic follow-up. Stories written and labelled by hand before the chart was run on
them (issue 11, item 5); each rule with a variant and a negative that must not change.
"""

import pytest

from carechart.notes.nlp import MedicationStatus
from tests.notes.stories import chart_medication as _find
from tests.notes.stories import current_names as _current
from tests.notes.stories import story_chart as _chart
from tests.notes.stories import story_note as _note

_S = MedicationStatus

# --- The orders of a stay end with it, whatever kind of note tells of the time after ------------

ADMISSION = _note(
    "2026-03-02T20:00:00",
    "ADMISSION HISTORY AND PHYSICAL\nDate of Admission: 03/02/2026\n"
    "HISTORY OF PRESENT ILLNESS: 71-year-old with COPD and 3 days of cough and dyspnea.\n"
    "HOME MEDICATIONS: Lisinopril 10 mg daily. Tiotropium 18 mcg inhaled daily.\n"
    "ASSESSMENT AND PLAN:\n1. COPD exacerbation with pneumonia - ceftriaxone 1 g IV q24h; "
    "DuoNeb (ipratropium-albuterol) q4h scheduled; hold home tiotropium while on scheduled nebs.\n"
    "2. Hypertension - continue lisinopril 10 mg daily.\n"
    "3. DVT prophylaxis - heparin 5000 units SC q8h.",
)
PROGRESS = _note(
    "2026-03-03T08:00:00",
    "HOSPITALIST PROGRESS NOTE - HD#2\nDate of Service: 03/03/2026\n"
    "S: Breathing easier.\nA/P:\n1. COPD exacerbation - DuoNeb q4h scheduled -> change to q6h. "
    "Continue ceftriaxone 1 g IV q24h, day 2.\n2. HTN - continue lisinopril.\n"
    "Dispo: home in 1-2 days.",
)
CALLS_AFTER_THE_STAY = {
    "care transitions call": "TELEPHONE ENCOUNTER - Post-Discharge Outreach\n"
    "Call date: 03/07/2026\nDischarged 03/05/2026 home.\nMedication review with patient:\n"
    " - Lisinopril 10 mg daily: taking.\n - Tiotropium 18 mcg daily: resumed at home.\n"
    " - Doxycycline 100 mg BID: taking, last dose 03/09.\nBreathing better, no fever.",
    "nurse's phone note, prose": "PHONE NOTE\n03/07/2026 10:15\nCalled patient two days "
    "after discharge from 5 West. She is taking lisinopril 10 mg daily and doxycycline 100 mg "
    "twice daily, and restarted her tiotropium inhaler at home. No fever, cough improving.",
}


@pytest.mark.parametrize("call", CALLS_AFTER_THE_STAY.values(), ids=CALLS_AFTER_THE_STAY.keys())
def test_a_call_after_the_stay_ends_the_orders_of_the_stay(call: str) -> None:
    chart = _chart(ADMISSION, PROGRESS, _note("2026-03-07T10:15:00", call))

    # Labelled by hand: what the patient takes at home after the stay.
    assert _current(chart) == {"lisinopril", "tiotropium", "doxycycline"}
    for stay_order in ("ceftriaxone", "ipratropium / albuterol", "heparin"):
        assert _find(chart, stay_order).status not in {_S.CONTINUED, _S.STARTED, _S.CHANGED}


def test_the_orders_of_a_stay_that_goes_on_after_a_call_stay_current() -> None:
    # A pharmacist's note in the middle of the stay, then another progress note: the stay is
    # still the latest news, its orders are what the patient receives now.
    pharmacy = _note(
        "2026-03-03T15:00:00",
        "PHARMACY NOTE\n03/03/2026\nRenal dosing reviewed; creatinine 1.1, no changes needed.",
    )
    later = _note(
        "2026-03-04T08:00:00",
        "HOSPITALIST PROGRESS NOTE - HD#3\nDate of Service: 03/04/2026\nA/P:\n1. COPD - "
        "continue ceftriaxone 1 g IV q24h, DuoNeb q6h scheduled.\n2. HTN - continue lisinopril.",
    )
    chart = _chart(ADMISSION, PROGRESS, pharmacy, later)

    assert {"ceftriaxone", "lisinopril"} <= _current(chart)


# --- One product under its brand and its ingredients, one of them written more fully -----------

PEP_VISIT = _note(
    "2026-05-19T09:00:00",
    "OCCUPATIONAL HEALTH VISIT\nDate of Service: 05/19/2026\nNeedlestick exposure this "
    "morning.\nMEDICATIONS: Sertraline 100 mg daily.\nPLAN:\n- HIV PEP started: Biktarvy "
    "(bictegravir/emtricitabine/tenofovir alafenamide) 1 tab PO daily x 28 days.\n"
    "- Continue sertraline.",
)
PRODUCT_STOPS = {
    "stopped by brand": "OCCUPATIONAL HEALTH FOLLOW-UP\nDate of Service: 05/22/2026\n"
    "Source patient HIV negative.\nPLAN:\n- DISCONTINUE Biktarvy today.\n- Continue sertraline.",
    "stopped by generic": "OCCUPATIONAL HEALTH FOLLOW-UP\nDate of Service: 05/22/2026\n"
    "Source patient HIV negative.\nPLAN:\n- Stop bictegravir/emtricitabine/tenofovir "
    "alafenamide today.\n- Continue sertraline.",
}


@pytest.mark.parametrize("follow_up", PRODUCT_STOPS.values(), ids=PRODUCT_STOPS.keys())
def test_a_product_stopped_under_either_name_is_one_stopped_drug(follow_up: str) -> None:
    chart = _chart(PEP_VISIT, _note("2026-05-22T09:00:00", follow_up))

    assert _current(chart) == {"sertraline"}
    assert not any("bictegravir" in m.name for m in chart.current_medications)


def test_two_products_that_share_only_some_ingredients_stay_two_drugs() -> None:
    # Truvada then Descovy: emtricitabine with two different tenofovirs, a switch.
    first = _note(
        "2026-01-10T09:00:00",
        "HIV PREVENTION VISIT\nDate of Service: 01/10/2026\nPLAN: Start Truvada "
        "(emtricitabine/tenofovir disoproxil fumarate) 1 tab daily.",
    )
    second = _note(
        "2026-04-10T09:00:00",
        "HIV PREVENTION VISIT\nDate of Service: 04/10/2026\nPLAN: Stop Truvada because of "
        "kidney function. Start Descovy (emtricitabine/tenofovir alafenamide) 1 tab daily.",
    )
    chart = _chart(first, second)

    current = [m.name for m in chart.current_medications]
    assert current == ["emtricitabine / tenofovir alafenamide"]


# --- A held drug restarted now is current again -------------------------------------------------

RESTARTS_NOW = {
    "resumed today": "TELEPHONE ENCOUNTER\nDate: 11/24/2025\nBMP normal. Plan: Resume "
    "furosemide 20 mg daily today.",
    "resumed with no day": "TELEPHONE ENCOUNTER\nDate: 11/24/2025\nBMP normal. Plan: Resume "
    "furosemide 20 mg daily.",
}


@pytest.mark.parametrize("text", RESTARTS_NOW.values(), ids=RESTARTS_NOW.keys())
def test_a_restart_for_now_makes_the_drug_current_again(text: str) -> None:
    visit = _note(
        "2025-11-20T09:00:00",
        "TELEPHONE ENCOUNTER\nDate: 11/20/2025\nPlan: HOLD furosemide for 3 days.",
    )
    chart = _chart(visit, _note("2025-11-24T16:00:00", text))

    assert "furosemide" in _current(chart)


# --- Two drugs written together as alternatives are two drugs, not one product ------------------

OPERATION = _note(
    "2025-08-09T20:00:00",
    "OPERATIVE REPORT\nDate of Surgery: 08/09/2025\nPROCEDURE: Laparoscopic appendectomy.\n"
    "PLAN: Start acetaminophen 1,000 mg PO q8h and ibuprofen 600 mg PO q6h PRN pain. Oxycodone "
    "5 mg PO q6h PRN severe pain.",
)
ALTERNATING = {
    "a slash between them": "DISCHARGE SUMMARY\nDate of Discharge: 08/10/2025\n"
    "DISCHARGE MEDICATIONS:\n  NEW oxycodone 5 mg PO q6h PRN severe pain - stop once pain is "
    "controlled with acetaminophen/ibuprofen\n  NEW ibuprofen 600 mg PO q6h PRN pain, take with "
    "food\n  NEW acetaminophen 1,000 mg PO q8h x 5 days, then PRN\n",
}


@pytest.mark.parametrize("discharge", ALTERNATING.values(), ids=ALTERNATING.keys())
def test_two_drugs_each_dosed_on_a_discharge_list_stay_two_current_drugs(discharge: str) -> None:
    chart = _chart(OPERATION, _note("2025-08-10T12:00:00", discharge))

    assert {"acetaminophen", "ibuprofen", "oxycodone"} <= _current(chart)
    assert "ibuprofen / acetaminophen" not in _current(chart)


def test_a_combination_written_as_one_product_stays_one_drug() -> None:
    # "calcium carbonate 600 mg / vitamin D3 400 IU" after "start calcium/vitamin D": one drug.
    first = _note(
        "2025-06-03T09:00:00",
        "OFFICE VISIT\nDate of Service: 06/03/2025\nPLAN: Start calcium/vitamin D twice daily.",
    )
    second = _note(
        "2025-09-03T09:00:00",
        "OFFICE VISIT\nDate of Service: 09/03/2025\nMEDICATIONS: calcium carbonate 600 mg / "
        "vitamin D3 400 IU BID, levothyroxine 50 mcg daily.\nPLAN: Continue.",
    )
    chart = _chart(first, second)

    assert len([m for m in chart.current_medications if "calcium" in m.name]) == 1
