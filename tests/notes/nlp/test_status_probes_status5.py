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
        (
            "A/P: HTN - stop lisinopril (cough), start losartan 25 mg daily.",
            "lisinopril",
            S.STOPPED,
        ),
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


# A hold told as a plan entry's verdict or in other words than "hold X": "Apixaban: HOLD for 2
# days", "Lisinopril: keep HOLDING", "spironolactone paused", "hold off on lisinopril".
@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("Plan:\n1. Apixaban: HOLD for 2 days before surgery - last dose Saturday.", "apixaban"),
        (
            "Plan:\n2. Lisinopril: keep HOLDING - BP low-normal; we will decide at the visit.",
            "lisinopril",
        ),
        ("Propranolol: holding today because HR 52; resume tomorrow if HR > 60.", "propranolol"),
        ("Spironolactone paused given K 5.8. Continue furosemide 40 mg daily.", "spironolactone"),
        (
            "Plan: Will hold off on lisinopril until her potassium is rechecked Friday.",
            "lisinopril",
        ),
        ("Plan: continue holding metformin until creatinine is back to baseline.", "metformin"),
    ],
)
def test_a_hold_in_other_words_is_a_hold(text: str, drug: str) -> None:
    assert status_of(text, drug) is S.HELD


@pytest.mark.parametrize(
    "text",
    [
        "Metoprolol 25 mg BID, hold for HR < 55.",
        "Plan: continue metoprolol 25 mg BID (hold for SBP<90).",
        "Plan: continue metoprolol, hold if HR under 55.",
    ],
)
def test_a_rule_for_holding_a_dose_leaves_the_drug_going_on(text: str) -> None:
    assert status_of(text, "metoprolol") is S.CONTINUED


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        (
            "MEDICATIONS GIVEN:\nMidazolam 2 mg IV (pre-op holding)\nFentanyl 100 mcg IV",
            "midazolam",
        ),
        ("Ondansetron 4 mg IV given in the holding area before induction.", "ondansetron"),
    ],
)
def test_the_holding_area_is_a_place_not_a_hold(text: str, drug: str) -> None:
    assert status_of(text, drug) is S.GIVEN


# A change told by the old dose and the new one, with no verb: "25 mg BID -> 50 mg BID".
@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("Plan: metoprolol tartrate 25 mg BID -> 50 mg BID.", "metoprolol"),
        ("Plan:\n- Lisinopril 10 mg -> 20 mg daily\n- Continue amlodipine", "lisinopril"),
        ("Plan: metoprolol from 25 mg to 50 mg BID.", "metoprolol"),
        ("Levothyroxine: now 88 mcg daily (up from 75 mcg).", "levothyroxine"),
        (
            "Medications: gabapentin 300 mg TID (down from 600 mg TID since last visit)",
            "gabapentin",
        ),
    ],
)
def test_an_old_dose_and_a_new_one_make_a_change(text: str, drug: str) -> None:
    assert status_of(text, drug) is S.CHANGED


@pytest.mark.parametrize(
    ("text", "drug", "status"),
    [
        ("Plan: lisinopril held (Cr 1.2 -> 1.8).", "lisinopril", S.HELD),
        ("Plan: continue lisinopril 10 mg daily; Cr 1.2 -> 1.1.", "lisinopril", S.CONTINUED),
        ("Discharge Rx: amoxicillin 500 mg TID x 7 days, 1 to 2 tablets", "amoxicillin", S.STARTED),
    ],
)
def test_a_trend_or_a_range_is_no_change_of_dose(
    text: str, drug: str, status: MedicationStatus
) -> None:
    assert status_of(text, drug) is status


# A course's length belongs to the drug it follows: the dose given in clinic beside a course
# prescribed for a week is not an earlier episode's course.
@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("Ketorolac 30 mg IM given today; ibuprofen 600 mg x 7 days prescribed.", "ketorolac"),
        (
            "Ceftriaxone 250 mg IM given in office for gonorrhea, plus doxycycline 100 mg BID x 7 "
            "days prescribed.",
            "ceftriaxone",
        ),
    ],
)
def test_a_dose_given_beside_a_course_prescribed_stays_given(text: str, drug: str) -> None:
    assert status_of(text, drug) is S.GIVEN


@pytest.mark.parametrize(
    "text",
    [
        "HPI: UTI last fall, treated with cephalexin x 7 days.",
        "HPI: She was given cephalexin x 5 days by urgent care, then presented here.",
    ],
)
def test_an_earlier_course_with_its_length_stays_in_the_past(text: str) -> None:
    assert status_of(text, "cephalexin") is S.HISTORICAL


# Advice to whoever will order the drug ("suggest the primary team start X") is a proposal,
# though the verb next to the name is a start.
@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("Suggest the primary team start tamsulosin 0.4 mg qhs.", "tamsulosin"),
        ("Recommend PCP add atorvastatin 20 mg nightly given ASCVD risk 14%.", "atorvastatin"),
    ],
)
def test_advice_to_another_prescriber_is_proposed(text: str, drug: str) -> None:
    assert status_of(text, drug) is S.PROPOSED


def test_a_start_beside_advice_on_something_else_stays_started() -> None:
    text = "Plan: start tamsulosin 0.4 mg qhs; suggest PCP recheck PSA in 3 months."
    assert status_of(text, "tamsulosin") is S.STARTED


def test_a_labs_fall_beside_a_drug_is_no_change_of_its_dose() -> None:
    text = "1. Drug-induced liver injury from turmeric - improving, ALT down from 246 to 88."
    assert status_of(text, "turmeric") is not S.CHANGED


def test_a_change_by_arrow_keeps_the_new_dose() -> None:
    text = "Discharge Medications:\n3. Colchicine 0.6 mg daily -> 0.3 mg every other day\n"
    colchicine = analyse(text).medications[0]
    assert (colchicine.status, colchicine.dose) == (S.CHANGED, "0.3 mg")


# A list labelled as what was taken before ("Prior medications:", "Failed medications:",
# "Prior trials:") tells of the past; the home list "prior to admission" does not.
@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("HPI: migraines.\nPrior medications:\n- sumatriptan\n- topiramate\n", "topiramate"),
        ("Failed medications: sertraline, escitalopram.", "escitalopram"),
        (
            "Prior trials: sumatriptan (ineffective), topiramate (cognitive side effects).",
            "topiramate",
        ),
    ],
)
def test_a_list_of_what_was_tried_before_is_historical(text: str, drug: str) -> None:
    assert status_of(text, drug) is S.HISTORICAL


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("Medications prior to admission:\n- lisinopril 10 mg daily\n", "lisinopril"),
        ("Outpatient Medications Prior to Visit:\nlisinopril 10 mg daily\n", "lisinopril"),
        ("Prior trials: sumatriptan (ineffective), topiramate. Now rimegepant prn.", "rimegepant"),
        (
            "HPI: migraines.\nPrior medications:\n- topiramate\nCurrent medications:\n"
            "- rimegepant prn\n",
            "rimegepant",
        ),
    ],
)
def test_the_home_list_and_what_is_taken_now_go_on(text: str, drug: str) -> None:
    assert status_of(text, drug) is S.CONTINUED


def test_an_entry_still_taken_under_a_list_of_what_was_tried_goes_on() -> None:
    text = (
        "Preventives tried:\n - propranolol LA 80 mg (2023) - fatigue; low BP\n"
        " - magnesium oxide 400 mg - still taking, unclear benefit\n"
    )
    assert status_of(text, "magnesium") is S.CONTINUED
    assert status_of(text, "propranolol") is S.HISTORICAL


# "Pause" as an order holds the drug; the heart's pause ("3-second pause on metoprolol", "sinus
# pause after diltiazem") says nothing of the drug (review2).
@pytest.mark.parametrize(
    ("text", "drug", "status"),
    [
        (
            "A/P:\n1. Sinus bradycardia - Holter with 3-second pause on metoprolol 25 mg BID. "
            "Continue for now, recheck.\n",
            "metoprolol",
            S.CONTINUED,
        ),
        (
            "A/P:\n1. Bradycardia - sinus pause on diltiazem 120 mg daily, asymptomatic. "
            "Continue.\n",
            "diltiazem",
            S.CONTINUED,
        ),
        ("PLAN:\n- Pause the spironolactone while K is 5.8.\n", "spironolactone", S.HELD),
        ("Plan: pausing metformin until renal function recovers.\n", "metformin", S.HELD),
    ],
)
def test_a_pause_holds_only_when_it_is_an_order(
    text: str, drug: str, status: MedicationStatus
) -> None:
    assert status_of(text, drug) is status
