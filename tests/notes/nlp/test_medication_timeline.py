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
