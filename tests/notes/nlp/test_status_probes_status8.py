"""Medication status in shapes written for these tests before the code was run on them (pass
status8): a discharge list quoted by a later call or home visit, a patient's list dated in a
history line, a cath report's home list, and a change of a drug's form told under its own name.
Each cause has a variant and a neighbour that must not move."""

import pytest

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import status_of

S = MedicationStatus

_CALL = """TELEPHONE ENCOUNTER
Date: 04/02/2026
S: Son calls two days after his father's discharge from St Brigid's (03/31) after a COPD
exacerbation. Reading from the discharge papers.
 - Discharge Rx: prednisone 40 mg daily x 2 more days, doxycycline 100 mg BID to finish 04/04.
 - Amlodipine and tamsulosin not taken since admission; the list says "resume per PCP".
A/P (per Dr. Obi):
 1. Amlodipine: keep holding - BP 104/62 at home today.
 2. Tamsulosin: resume 0.4 mg at bedtime tonight.
 3. Finish prednisone and doxycycline as prescribed.
"""

_HOME_VISIT = """HOME HEALTH SKILLED NURSING VISIT - START OF CARE
Visit date: 05/11/2026. Referral: discharged 05/08/2026 from Lakeside General.
MED REC - hospital discharge list (05/08) vs bottles in the home
 # | Discharge list                 | In the home                 | Action
 1 | Furosemide 40 mg daily          | taking                      | none
 2 | Carvedilol 6.25 mg BID          | taking                      | none
 3 | Spironolactone 25 mg daily      | taking                      | none
PHYSICIAN ORDERS (verbal, read back):
 a) Hold spironolactone x 2 days for K 5.6, recheck BMP 05/13.
"""


# A visit or call after a stay has ended: the discharge list it reads back is what the patient
# came home with and takes now, and the call's own plan decides what happens to each drug.
@pytest.mark.parametrize(
    ("text", "drug", "status"),
    [
        (_CALL, "amlodipine", S.HELD),
        (_CALL, "tamsulosin", S.RESUMED),
        (_CALL, "doxycycline", S.CONTINUED),
        (_HOME_VISIT, "furosemide", S.CONTINUED),
        (_HOME_VISIT, "carvedilol", S.CONTINUED),
        (_HOME_VISIT, "spironolactone", S.HELD),
    ],
)
def test_a_discharge_list_read_back_after_the_stay_is_what_the_patient_takes(
    text: str, drug: str, status: MedicationStatus
) -> None:
    assert status_of(text, drug) is status


# The discharge list of the note's own stay, or of an ED visit, keeps its verdict.
@pytest.mark.parametrize(
    ("text", "drug", "status"),
    [
        (
            "DISCHARGE SUMMARY\nHospital course: treated for cellulitis with cefazolin IV.\n"
            "Discharge medications:\n- Cephalexin 500 mg QID x 5 days (NEW)\n"
            "- Lisinopril 10 mg daily - continue\n",
            "cephalexin",
            S.STARTED,
        ),
        (
            "ED NOTE\nDx: acute cystitis. Patient discharged home in good condition.\n"
            "Discharge medications: nitrofurantoin 100 mg BID x 5 days.\n",
            "nitrofurantoin",
            S.STARTED,
        ),
    ],
)
def test_a_discharge_list_of_the_notes_own_encounter_keeps_its_verdict(
    text: str, drug: str, status: MedicationStatus
) -> None:
    assert status_of(text, drug) is status


# A patient's list written as a dated line inside the history: "Meds per pt list dated 06/2026:"
# is the list the patient takes, not drugs of the past.
@pytest.mark.parametrize(
    "text",
    [
        "ORAL SURGERY NOTE\nMed Hx: HTN, AF on warfarin.\n\nMeds per pt list dated 05/2026: "
        "warfarin 5 mg daily, amlodipine 5 mg, omeprazole 20 mg.\n",
        "Past medical history: HTN, GERD.\nMedications as of 3/1/26: amlodipine 5 mg daily, "
        "omeprazole 20 mg daily.\n",
    ],
)
def test_a_dated_patient_list_in_the_history_is_taken_now(text: str) -> None:
    assert status_of(text, "amlodipine") is S.CONTINUED
    assert status_of(text, "omeprazole") is S.CONTINUED


def test_a_drug_of_the_past_in_the_history_stays_historical() -> None:
    text = "Past medical history: depression, previously on sertraline (2019).\n"
    assert status_of(text, "sertraline") is S.HISTORICAL


_CATH = """CARDIAC CATHETERIZATION REPORT

PRE-PROCEDURE MEDICATIONS (home)
- Aspirin 81 mg PO daily
- Rosuvastatin 20 mg PO nightly
- Metoprolol succinate 50 mg PO daily

SEDATION / MEDICATIONS ADMINISTERED IN LAB
- Midazolam 1 mg IV
- Heparin 5000 units IV

FINDINGS
Non-obstructive CAD.

PLAN
- Aspirin 81 mg daily indefinitely.
- Continue rosuvastatin 20 mg nightly and metoprolol succinate.
"""


# "PRE-PROCEDURE MEDICATIONS (home)" of a procedure report is the patient's list; the drugs given
# in the lab stay given.
@pytest.mark.parametrize(
    ("drug", "status"),
    [
        ("aspirin", S.CONTINUED),
        ("rosuvastatin", S.CONTINUED),
        ("metoprolol", S.CONTINUED),
        ("midazolam", S.GIVEN),
    ],
)
def test_a_cath_reports_home_list_is_the_patients(drug: str, status: MedicationStatus) -> None:
    assert status_of(_CATH, drug) is status


# "Metoprolol: change to metoprolol succinate 50 mg daily": the entry names the drug whose form
# changes; the drug switched to is the same drug, changed.
@pytest.mark.parametrize(
    ("text", "drug", "status"),
    [
        (
            "Plan:\n4. Metoprolol: change to metoprolol succinate 50 mg daily.",
            "metoprolol",
            S.CHANGED,
        ),
        (
            "Plan:\n- Diltiazem - switch to diltiazem ER 180 mg daily.",
            "diltiazem",
            S.CHANGED,
        ),
        ("Plan:\n2. Lisinopril: change to losartan 50 mg daily (cough).", "losartan", S.STARTED),
    ],
)
def test_a_change_told_under_the_drugs_own_name_changes_it(
    text: str, drug: str, status: MedicationStatus
) -> None:
    assert status_of(text, drug) is status


def test_a_discharge_list_quoted_later_still_names_every_drug() -> None:
    names = {(m.ingredient or m.name).lower() for m in analyse(_HOME_VISIT).medications}
    assert {"furosemide", "carvedilol", "spironolactone"} <= names


# A resumption set for a day still to come leaves the drug held today (the guide's "resume
# apixaban on 3/14": held, with a follow-up): a weekday, "the evening of 03/05".
@pytest.mark.parametrize(
    ("text", "drug", "status"),
    [
        (
            "Date: 06/10/2026\nPlan:\n1. Hold torsemide for 2 days. Resume torsemide 20 mg daily "
            "on Friday if weight is back up.",
            "torsemide",
            S.HELD,
        ),
        (
            "Date: 02/24/2026\nPlan: last apixaban dose 03/01. After the biopsy: restart apixaban "
            "the evening of 03/05 at the usual dose.",
            "apixaban",
            S.HELD,
        ),
    ],
)
def test_a_resumption_set_for_a_later_day_leaves_the_drug_held(
    text: str, drug: str, status: MedicationStatus
) -> None:
    assert status_of(text, drug) is status


# Resumed now, or on the list without a later day: resumed.
@pytest.mark.parametrize(
    ("text", "drug"),
    [
        (
            "Date: 06/10/2026\nPlan: Resume torsemide 20 mg daily today; weight up 2 kg.",
            "torsemide",
        ),
        (
            "Date: 02/24/2026\nPlan: INR 2.4. Restart apixaban this evening at the usual dose.",
            "apixaban",
        ),
    ],
)
def test_a_resumption_made_now_is_resumed(text: str, drug: str) -> None:
    assert status_of(text, drug) is S.RESUMED


# A drug named in the condition of an option is the one in use, not the option: "If AF recurs on
# amiodarone, consider ablation" after "START amiodarone" keeps it started.
@pytest.mark.parametrize(
    ("text", "drug", "status"),
    [
        (
            "Plan:\n1. Start sotalol 80 mg BID.\n2. If palpitations recur on sotalol, consider "
            "ablation referral.",
            "sotalol",
            S.STARTED,
        ),
        (
            "Plan:\n1. Start topiramate 25 mg nightly.\n2. Another option would be propranolol "
            "if topiramate is not tolerated.",
            "topiramate",
            S.STARTED,
        ),
        (
            "Plan:\n1. Continue gabapentin 300 mg TID.\n2. Should the pain persist despite "
            "gabapentin, could try duloxetine.",
            "gabapentin",
            S.CONTINUED,
        ),
    ],
)
def test_a_drug_named_in_an_options_condition_keeps_its_own_status(
    text: str, drug: str, status: MedicationStatus
) -> None:
    assert status_of(text, drug) is status


# The option itself stays proposed.
@pytest.mark.parametrize(
    ("text", "drug"),
    [
        (
            "Plan:\n1. Start topiramate 25 mg nightly.\n2. Another option would be propranolol "
            "if topiramate is not tolerated.",
            "propranolol",
        ),
        ("Plan: If BP remains above 140 at the next visit, start amlodipine 5 mg.", "amlodipine"),
        (
            "Plan:\n1. Continue gabapentin 300 mg TID.\n2. Should the pain persist despite "
            "gabapentin, could try duloxetine.",
            "duloxetine",
        ),
    ],
)
def test_the_option_beside_the_condition_stays_proposed(text: str, drug: str) -> None:
    assert status_of(text, drug) is S.PROPOSED
