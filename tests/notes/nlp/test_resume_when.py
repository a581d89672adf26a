"""A hold with its resumption still to come ("on hold, resume when Cr < 1.2", "resume when
eating", "restart once INR < 2") leaves the drug held; a resumption made now resumes it."""

import pytest

from carechart.notes.nlp import MedicationStatus, analyse
from carechart.notes.nlp.drug_classes import class_statements
from tests.notes.nlp.support import medication_containing

_S = MedicationStatus

NOTE = """\
PROGRESS NOTE

Medications: losartan 50 mg daily, tamsulosin 0.4 mg nightly, warfarin 5 mg daily

Assessment and Plan:
{plan}
"""


@pytest.mark.parametrize(
    ("plan", "drug"),
    [
        ("HTN - losartan on hold, resume when Cr < 1.2 and SBP > 120.", "losartan"),
        ("- Home losartan 50 mg - still holding, BP acceptable, resume when eating", "losartan"),
        ("BPH: tamsulosin held for orthostasis, restart once orthostatics negative.", "tamsulosin"),
        ("Warfarin held for INR 4.1; resume when INR < 3.", "warfarin"),
    ],
)
def test_a_hold_whose_resumption_awaits_a_condition_stays_held(plan: str, drug: str) -> None:
    assert medication_containing(analyse(NOTE.format(plan=plan)), drug).status is _S.HELD


@pytest.mark.parametrize(
    ("plan", "drug"),
    [
        ("Losartan was held on admission for AKI, resumed on day 3.", "losartan"),
        ("Tamsulosin held for orthostasis on 6/12, restarted 6/14.", "tamsulosin"),
    ],
)
def test_a_hold_already_ended_is_resumed(plan: str, drug: str) -> None:
    assert medication_containing(analyse(NOTE.format(plan=plan)), drug).status is _S.RESUMED


@pytest.mark.parametrize(
    "text",
    [
        "Anticoagulation restart: surgeon to confirm on day 1 post-op.",
        "Will resume home antihypertensives when SBP > 120.",
        "Plan to restart statin after discharge.",
    ],
)
def test_a_class_resumption_still_to_come_is_no_statement(text: str) -> None:
    assert not class_statements(text)


SWITCH = """\
PROGRESS NOTE

Current inpatient meds: ceftriaxone 2 g IV q24h, sertraline 50 mg daily

Assessment and Plan:
{plan}
"""


@pytest.mark.parametrize(
    ("plan", "drug"),
    [
        (
            "Pyelonephritis: ceftriaxone day 2 - PO step-down to ciprofloxacin 500 mg BID when"
            " afebrile 48 h and tolerating PO",
            "ciprofloxacin",
        ),
        ("Cellulitis: switch to oral cephalexin 500 mg QID once tolerating PO.", "cephalexin"),
        ("Bacteremia: transition to PO linezolid 600 mg BID once cultures clear.", "linezolid"),
    ],
)
def test_a_switch_waiting_on_a_condition_is_proposed(plan: str, drug: str) -> None:
    analysis = analyse(SWITCH.format(plan=plan))
    assert medication_containing(analysis, drug).status is _S.PROPOSED
    assert medication_containing(analysis, "ceftriaxone").status is not _S.PROPOSED


@pytest.mark.parametrize(
    "plan",
    [
        "Cellulitis: transitioned to oral cephalexin 500 mg QID when afebrile.",
        "Cellulitis: switch to oral cephalexin 500 mg QID today.",
    ],
)
def test_a_switch_done_or_made_now_is_not_proposed(plan: str) -> None:
    analysis = analyse(SWITCH.format(plan=plan))
    assert medication_containing(analysis, "cephalexin").status is not _S.PROPOSED


def test_a_switch_of_form_of_a_drug_begun_now_leaves_it_started() -> None:
    plan = (
        "AF: start metoprolol tartrate 12.5 mg PO q6h now, titrate to HR <110; convert to"
        " metoprolol succinate once dose established."
    )
    analysis = analyse(SWITCH.format(plan=plan))
    assert medication_containing(analysis, "metoprolol").status is _S.STARTED
