"""The time of a drug's stop or resumption read against the note's date: a stop dated last
month is recent (`stopped`), one dated long before is past (`historical`); an infusion "off at
05:30" is stopped; a use that ended "three weeks ago" is a recent stop; a resumption set for
after an event or for a later day leaves the drug held. Variants written for these tests."""

from datetime import date

import pytest

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import medication_containing

S = MedicationStatus

CLINIC = """\
OFFICE VISIT
Date of service: {day}

Medications:
- lisinopril 10 mg daily
{entry}

Plan: continue lisinopril.
"""


def _status(entry: str, day: str, drug: str) -> MedicationStatus:
    text = CLINIC.format(day=day, entry=entry)
    return medication_containing(analyse(text), drug).status


@pytest.mark.parametrize(
    ("entry", "day", "status"),
    [
        ("- sertraline 50 mg daily - stopped 02/2026 (nausea)", "03/10/2026", S.STOPPED),
        ("- sertraline 50 mg daily - stopped 02/2026 (nausea)", "11/10/2026", S.HISTORICAL),
        ("- sertraline 50 mg daily - stopped 2019 (nausea)", "03/10/2026", S.HISTORICAL),
    ],
)
def test_a_dated_stop_is_recent_only_near_the_note_date(
    entry: str, day: str, status: MedicationStatus
) -> None:
    assert _status(entry, day, "sertraline") is status


@pytest.mark.parametrize(
    ("day", "status"),
    [("06/20/2026", S.STOPPED), ("11/20/2026", S.HISTORICAL)],
)
def test_a_stop_in_a_named_month_is_past_six_months_on(day: str, status: MedicationStatus) -> None:
    text = f"""\
FOLLOW-UP VISIT
Date of service: {day}

Interval history: She completed the cephalexin course in May; no recurrence of cellulitis.
"""
    assert medication_containing(analyse(text), "cephalexin").status is status


def test_a_dated_stop_without_the_note_date_stays_past() -> None:
    text = CLINIC.format(day="unknown", entry="- sertraline 50 mg daily - stopped 02/2026")
    analysis = analyse(text, taken_at=date(2026, 3, 10))
    assert medication_containing(analysis, "sertraline").status is S.STOPPED
    assert medication_containing(analyse(text), "sertraline").status is S.HISTORICAL


@pytest.mark.parametrize(
    ("sentence", "drug"),
    [
        ("Dobutamine off at 05:30 this morning, lactate cleared.", "dobutamine"),
        ("Esmolol off since transfer to the floor.", "esmolol"),
        ("  dexmedetomidine - OFF (3/14)", "dexmedetomidine"),
    ],
)
def test_an_infusion_told_off_with_its_time_is_stopped(sentence: str, drug: str) -> None:
    text = f"ICU PROGRESS NOTE\n\n24h events:\n{sentence}\n\nPlan: continue current care.\n"
    assert medication_containing(analyse(text), drug).status is S.STOPPED


def test_a_patch_sig_with_off_hours_is_not_a_stop() -> None:
    text = (
        "OFFICE VISIT\n\nMedications:\n- nitroglycerin patch 0.4 mg/hr on at 0800, off at 8 PM"
        "\n\nPlan: continue nitroglycerin patch.\n"
    )
    assert medication_containing(analyse(text), "nitroglycerin").status is S.CONTINUED


@pytest.mark.parametrize(
    "sentence",
    [
        "HPI: He was taking naproxen 500 mg twice daily for back pain and quit it 10 days ago.",
        "HPI: Was taking naproxen most days for back pain until about three weeks ago.",
    ],
)
def test_a_use_that_ended_days_or_weeks_ago_is_a_recent_stop(sentence: str) -> None:
    assert medication_containing(analyse(sentence), "naproxen").status is S.STOPPED


def test_a_use_that_ended_years_ago_is_not_a_recent_stop() -> None:
    text = "HPI: He was taking naproxen for back pain until about six years ago."
    assert medication_containing(analyse(text), "naproxen").status is not S.STOPPED


PREOP = """\
PRE-PROCEDURE INSTRUCTIONS
Date: 05/04/2026

Medications:
- tamsulosin 0.4 mg nightly - continue
{entry}
"""


@pytest.mark.parametrize(
    "entry",
    [
        "- turmeric 500 mg daily - stop 5 days before the procedure, fine to restart after.",
        "- Vitamin E 400 IU - hold now; may resume 3 days after surgery.",
        "- dulaglutide 1.5 mg weekly: hold this week, resume with her next weekly dose.",
        "- Resume clopidogrel 75 mg on 05/09.",
    ],
)
def test_a_resumption_set_for_later_leaves_the_drug_held(entry: str) -> None:
    analysis = analyse(PREOP.format(entry=entry))
    drug = next(m for m in analysis.medications if "tamsulosin" not in m.name.lower())
    assert drug.status is S.HELD


@pytest.mark.parametrize(
    "entry",
    [
        "- Resume clopidogrel 75 mg on 05/04.",
        "- turmeric 500 mg daily - may resume.",
    ],
)
def test_a_resumption_allowed_now_resumes_the_drug(entry: str) -> None:
    analysis = analyse(PREOP.format(entry=entry))
    drug = next(m for m in analysis.medications if "tamsulosin" not in m.name.lower())
    assert drug.status is S.RESUMED


HOME_AND_PLAN = """\
CONSULT NOTE

Home medications:
- quetiapine 25 mg at bedtime
- simvastatin 20 mg daily

Recommendations:
{plan}
"""


@pytest.mark.parametrize(
    ("plan", "drug"),
    [
        ("1. Agitation: could increase quetiapine to 50 mg at bedtime if needed.", "quetiapine"),
        ("2. Goals of care: might stop simvastatin later given prognosis.", "simvastatin"),
        ("3. Simvastatin may stop once the current supply runs out.", "simvastatin"),
    ],
)
def test_a_change_or_stop_put_forward_leaves_the_home_drug_going_on(plan: str, drug: str) -> None:
    analysis = analyse(HOME_AND_PLAN.format(plan=plan))
    assert medication_containing(analysis, drug).status is S.CONTINUED


@pytest.mark.parametrize(
    ("plan", "drug", "status"),
    [
        ("1. Agitation: increase quetiapine to 50 mg at bedtime.", "quetiapine", S.CHANGED),
        ("2. Myalgias: stop simvastatin today.", "simvastatin", S.STOPPED),
    ],
)
def test_a_change_or_stop_ordered_is_made(plan: str, drug: str, status: MedicationStatus) -> None:
    analysis = analyse(HOME_AND_PLAN.format(plan=plan))
    assert medication_containing(analysis, drug).status is status


def test_a_drug_named_again_in_parentheses_takes_the_verb_before_it() -> None:
    text = (
        "MESSAGE TO PATIENT\n\n- Please start Coreg (carvedilol) 3.125 mg twice daily with food"
        " plus furosemide 20 mg daily.\n"
    )
    assert medication_containing(analyse(text), "coreg").status is S.STARTED


def test_a_dash_ends_the_reach_of_a_start_to_the_next_drug() -> None:
    text = (
        "Plan:\n- Start Farxiga (dapagliflozin) 10 mg daily - glipizide stopped (hypoglycemia).\n"
    )
    analysis = analyse(text)
    assert medication_containing(analysis, "glipizide").status is S.STOPPED


@pytest.mark.parametrize(
    "plan",
    [
        "4. Deprescribing: could stop simvastatin and quetiapine before transfer to hospice.",
        "4. Might taper simvastatin, quetiapine later in the admission.",
        "4. Could stop simvastatin or quetiapine before transfer to hospice.",
        "4. Could stop aspirin, simvastatin, or quetiapine before transfer to hospice.",
    ],
)
def test_a_stop_put_forward_for_two_drugs_leaves_the_second_as_it_was(plan: str) -> None:
    text = HOME_AND_PLAN.format(plan=plan).replace("bedtime\n", "bedtime (held - sedated)\n")
    assert medication_containing(analyse(text), "quetiapine").status is S.HELD


def test_a_change_after_an_unrelated_drug_is_not_put_forward() -> None:
    plan = "4. Could stop simvastatin given myalgias; increase quetiapine to 50 mg at bedtime."
    analysis = analyse(HOME_AND_PLAN.format(plan=plan))
    assert medication_containing(analysis, "quetiapine").status is S.CHANGED


ONCOLOGY = """\
ONCOLOGY CONSULT
Date of consult: {day}

HPI: Metastatic colon adenocarcinoma, progressed on irinotecan (last infusion {last}, stopped for
rising CEA), now admitted with bowel obstruction.
"""


@pytest.mark.parametrize(
    ("day", "last", "status"),
    [
        ("02/03/2026", "01/14", S.STOPPED),
        ("01/10/2026", "12/20", S.STOPPED),
        ("09/03/2026", "01/14", S.HISTORICAL),
        ("02/03/2026", "01/14/2024", S.HISTORICAL),
    ],
)
def test_a_line_of_treatment_whose_last_dose_is_recent_is_a_recent_stop(
    day: str, last: str, status: MedicationStatus
) -> None:
    text = ONCOLOGY.format(day=day, last=last).replace("for\nrising", "for rising")
    assert medication_containing(analyse(text), "irinotecan").status is status


def test_a_line_of_treatment_told_without_its_stop_stays_past() -> None:
    text = ONCOLOGY.format(day="02/03/2026", last="01/14").replace(", stopped for\nrising CEA", "")
    assert medication_containing(analyse(text), "irinotecan").status is S.HISTORICAL


RECONCILIATION = """\
DISCHARGE SUMMARY
Admit date: 03/02/2026     Discharge date: 03/06/2026

DISCHARGE MEDICATION RECONCILIATION
Medication                 Directions                               Action
-------------------------  ---------------------------------------  ----------
apixaban                   5 mg PO BID                              New
carvedilol                 6.25 mg BID (was 12.5 mg; bradycardia)   Changed
sertraline                 50 mg daily                              Continue
naproxen                   500 mg BID                               Stop - GI bleed risk
"""


@pytest.mark.parametrize(
    ("drug", "status"),
    [
        ("apixaban", S.STARTED),
        ("carvedilol", S.CHANGED),
        ("sertraline", S.CONTINUED),
        ("naproxen", S.STOPPED),
    ],
)
def test_a_plain_table_action_column_in_capitalised_words_decides(
    drug: str, status: MedicationStatus
) -> None:
    assert medication_containing(analyse(RECONCILIATION), drug).status is status


def test_a_capitalised_word_inside_a_row_is_no_action_column() -> None:
    text = "CLINIC NOTE\n\nMedications:\n- losartan 50 mg daily  New rash on the arms since June.\n"
    assert medication_containing(analyse(text), "losartan").status is not S.STARTED


def test_a_start_waiting_on_a_repletion_named_after_a_drug_is_proposed() -> None:
    text = "CLINIC NOTE\n\nPlan:\n- Start ibandronate 150 mg monthly once vitamin D is replete.\n"
    assert medication_containing(analyse(text), "ibandronate").status is S.PROPOSED


KEYED = """\
DISCHARGE SUMMARY

Hospital course: Admitted with pneumonia, treated with ceftriaxone, improved.

DISCHARGE MEDICATION LIST
 KEY:  [=] unchanged   [+] new   [~] dose changed   [||] on hold   [X] stopped
 [=]  sertraline 50 mg daily
 [+]  cefpodoxime 200 mg BID x 5 more days
 [~]  carvedilol 6.25 mg BID (was 12.5 mg)
 [||] losartan 50 mg daily until seen in clinic
 [X]  naproxen 500 mg BID
"""


@pytest.mark.parametrize(
    ("drug", "status"),
    [
        ("sertraline", S.CONTINUED),
        ("cefpodoxime", S.STARTED),
        ("carvedilol", S.CHANGED),
        ("losartan", S.HELD),
        ("naproxen", S.STOPPED),
    ],
)
def test_a_row_marker_is_read_by_the_lists_key(drug: str, status: MedicationStatus) -> None:
    assert medication_containing(analyse(KEYED), drug).status is status


def test_a_bracketed_mark_without_a_key_decides_nothing() -> None:
    text = KEYED.replace(" KEY:  [=] unchanged   [+] new   [~] dose changed", " Reviewed:")
    text = text.replace("   [||] on hold   [X] stopped", "")
    assert medication_containing(analyse(text), "naproxen").status is not S.STOPPED


def test_the_reconciliation_after_a_hospital_course_is_the_discharge_list() -> None:
    text = (
        "DISCHARGE SUMMARY\n\nHOSPITAL COURSE\nFracture fixed; pain managed with scheduled"
        " acetaminophen and oxycodone as needed.\n\nMEDICATION RECONCILIATION\n"
        "- oxycodone 5 mg q6h PRN pain, #20 - new\n- lisinopril 10 mg daily - continue\n"
    )
    assert medication_containing(analyse(text), "oxycodone").status is S.STARTED


def test_a_kit_ordered_today_is_begun() -> None:
    text = (
        "HOSPICE ADMISSION VISIT\n\nEmergency kit ordered today, delivered by the pharmacy at"
        " 15:30 - keep out of reach of children:\n  haloperidol 0.5 mg PO q4h PRN agitation\n"
        "  glycopyrrolate 1 mg PO q8h PRN secretions\n"
    )
    assert medication_containing(analyse(text), "glycopyrrolate").status is S.STARTED
