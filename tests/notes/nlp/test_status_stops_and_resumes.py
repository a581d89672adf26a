"""Medication status of a recent stop and of a resumption (issue 11): a stop told as recent is
stopped, not historical, and a trial of long ago stays historical; a resumption made at this
encounter is resumed, one left to a later day or a condition leaves the drug held. Each class
is held by variants in other drugs and wordings, and by counter-cases."""

import pytest

from carechart.notes.nlp import MedicationStatus
from tests.notes.nlp.support import status_of

S = MedicationStatus


def _history(sentence: str) -> str:
    return (
        f"Clinic follow-up\nDate of visit: 06/10/2025\n\nHPI:\n58-year-old seen today. {sentence}\n"
    )


def _plan(line: str) -> str:
    return f"Procedure note\nDate: 06/10/2025\n\nPlan:\n- {line}\n"


# --- A recent stop is stopped -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "drug"),
    [
        ("Stopped taking her lisinopril last week because of a dry cough.", "lisinopril"),
        ("Off metformin since May because of loose stools.", "metformin"),
        ("She self-discontinued paroxetine 3 weeks ago.", "paroxetine"),
        ("Warfarin was discontinued at her last visit.", "warfarin"),
        ("Ran out of amlodipine a month ago and has not refilled it.", "amlodipine"),
        ("Completed a course of doxycycline last week.", "doxycycline"),
        ("Recently stopped atorvastatin for leg aches.", "atorvastatin"),
        ("Quit taking allopurinol 2 months ago.", "allopurinol"),
    ],
)
def test_a_stop_told_as_recent_is_stopped(sentence: str, drug: str) -> None:
    assert status_of(_history(sentence), drug) is S.STOPPED


@pytest.mark.parametrize(
    ("sentence", "drug"),
    [
        (
            "Tried the guaifenesin twice, it upset her stomach, and she has stopped it.",
            "guaifenesin",
        ),
        ("Had been using naproxen most days before the ED visit; has now stopped it.", "naproxen"),
        ("Was taking ranitidine for reflux but has discontinued it on her own.", "ranitidine"),
    ],
)
def test_a_trial_ended_by_a_stop_of_now_is_stopped(sentence: str, drug: str) -> None:
    assert status_of(_history(sentence), drug) is S.STOPPED


@pytest.mark.parametrize(
    ("sentence", "drug"),
    [
        (
            "Extubated this morning; midazolam and fentanyl drips were turned off at 07:00.",
            "midazolam",
        ),
        ("Vasopressin weaned off overnight, MAP stable.", "vasopressin"),
        ("Dexmedetomidine was shut off after extubation.", "dexmedetomidine"),
    ],
)
def test_an_infusion_turned_off_is_stopped(sentence: str, drug: str) -> None:
    text = f"ICU progress note\nDate: 06/10/2025\n\nInterval events:\n{sentence}\n"
    assert status_of(text, drug) is S.STOPPED


@pytest.mark.parametrize(
    ("sentence", "drug"),
    [
        ("Tried sertraline years ago without benefit.", "sertraline"),
        ("Failed metformin in 2019 because of diarrhea.", "metformin"),
        ("Previously on prednisone as a child for asthma.", "prednisone"),
        ("Has tried fluoxetine, citalopram and bupropion in the past.", "citalopram"),
        ("Stopped lisinopril 3 years ago for angioedema concerns.", "lisinopril"),
        ("Stopped pravastatin 9 months ago for myalgias.", "pravastatin"),
        ("She has tried black cohosh for 2 months without benefit and stopped it.", "cohosh"),
        ("Tried guanfacine in 2022 - too sedating, and has stopped it since.", "guanfacine"),
    ],
)
def test_a_trial_or_stop_of_long_ago_stays_historical(sentence: str, drug: str) -> None:
    assert status_of(_history(sentence), drug) is S.HISTORICAL


# --- A resumption made at this encounter is resumed ---------------------------------------------


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        ("Restart rivaroxaban this evening if there is no oozing from the site.", "rivaroxaban"),
        ("Resume bumetanide 1 mg IV x1 today, then reassess for PO tomorrow.", "bumetanide"),
        ("Clopidogrel: resume tonight if the wound stays dry.", "clopidogrel"),
        ("OK to resume enoxaparin now, hemostasis secured.", "enoxaparin"),
    ],
)
def test_a_resumption_set_for_today_is_resumed(line: str, drug: str) -> None:
    assert status_of(_plan(line), drug) is S.RESUMED


@pytest.mark.parametrize(
    "sentence",
    [
        "Losartan held on admission for AKI, restarted on hospital day 3 once creatinine improved.",
        "Losartan was held for hypotension and has been resumed at 25 mg daily.",
    ],
)
def test_a_hold_ended_by_a_resumption_told_as_done_is_resumed(sentence: str) -> None:
    text = f"Progress note\nDate: 06/10/2025\n\nAssessment and plan:\n{sentence}\n"
    assert status_of(text, "losartan") is S.RESUMED


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        ("Hold apixaban 2 days before surgery.", "apixaban"),
        ("Hold metformin until creatinine improves.", "metformin"),
        ("Continue to hold furosemide today, likely resume tomorrow.", "furosemide"),
        ("Warfarin: hold tonight's dose, then resume the home dose tomorrow evening.", "warfarin"),
        ("Resume clopidogrel tomorrow if no bleeding.", "clopidogrel"),
        ("Apixaban may be restarted on 06/14 if no rebleeding.", "apixaban"),
    ],
)
def test_a_pause_whose_resumption_waits_stays_held(line: str, drug: str) -> None:
    assert status_of(_plan(line), drug) is S.HELD
