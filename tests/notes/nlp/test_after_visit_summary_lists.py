"""A patient-facing medication list of an after-visit summary ("*** YOUR MEDICINES ***" with
"START taking", "CHANGE how you take", "STOP taking" labels) is the list the patient leaves a
stay with: a new drug as needed is started, not a dose of the stay; an entry of the STOP list
that says "do not use" was taken and is stopped; the words closing one entry ("restart after
the course") are not the next entry's cue; and the stay's doses written in that list ("given
in hospital that you will NOT continue") are not entries of it."""

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import medication

_S = MedicationStatus

AVS = """\
Riverside General Hospital
AFTER VISIT SUMMARY
Admission: 02/02/2026   Discharge: 02/06/2026   Length of stay: 4 days

Hospital course: admitted with pyelonephritis, treated with cefepime, then switched to
cephalexin on 2/5. Home losartan held for AKI and restarted 2/5.

*** YOUR MEDICINES ***

START taking these medications
  cephalexin 500 mg capsule - 1 capsule 4 times a day for 7 more days
  melatonin 3 mg tablet - 1 tab at bedtime as needed for sleep

CONTINUE taking these medications
  losartan (COZAAR) 50 mg tablet - 1 daily

STOP taking these medications
  simvastatin (ZOCOR) 20 mg tablet - hold during the antibiotic course; restart after 2/13
  naproxen (ALEVE) - do not use

Medicines given in the hospital that you will NOT continue: cefepime, heparin.
"""


def test_a_new_drug_as_needed_on_the_patients_list_is_started() -> None:
    analysis = analyse(AVS)
    assert medication(analysis, "melatonin").status is _S.STARTED
    assert medication(analysis, "losartan").status is _S.CONTINUED


def test_an_entry_of_the_stop_list_that_says_do_not_use_is_stopped() -> None:
    assert medication(analyse(AVS), "naproxen").status is _S.STOPPED


def test_the_stays_doses_written_in_the_list_are_not_its_entries() -> None:
    analysis = analyse(AVS)
    assert medication(analysis, "heparin").status is _S.GIVEN
    assert medication(analysis, "cefepime").status is _S.STOPPED  # switched in the course


def test_a_clinic_list_without_labels_is_not_read_as_new() -> None:
    clinic = """\
OFFICE VISIT 03/03/2026
Assessment/Plan: hypertension, controlled.

Your medications:
  amlodipine 5 mg tablet - 1 daily
  atorvastatin 20 mg tablet - 1 at bedtime
"""
    analysis = analyse(clinic)
    assert medication(analysis, "amlodipine").status is _S.CONTINUED
