"""Doses a consult written during a hospital stay tells in its history: given during that stay,
not drugs of the patient's past; a clinic consult's history keeps telling of earlier visits."""

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import medication

_S = MedicationStatus

INPATIENT_CONSULT = """\
INPATIENT CONSULTATION - TOXICOLOGY

Reason for consultation: agitation on the medical ward.

History of present illness:
62-year-old woman admitted 3 days ago with pyelonephritis. {story}
She is calm on exam now.

Home medications: sertraline 50 mg daily.

Recommendations:
1. Avoid further sedatives.
"""

CLINIC_CONSULT = """\
OUTPATIENT CONSULTATION - RHEUMATOLOGY

Reason for consultation: knee swelling.

History of present illness:
62-year-old woman with knee pain. {story}
She is walking better.

Home medications: sertraline 50 mg daily.

Recommendations:
1. Knee x-ray.
"""


def test_an_inpatient_consult_history_tells_a_dose_of_the_stay() -> None:
    story = "Last evening she was given haloperidol by the cross-cover team."
    analysis = analyse(INPATIENT_CONSULT.format(story=story))
    assert medication(analysis, "haloperidol").status is _S.GIVEN


def test_a_dose_by_injection_in_an_inpatient_consult_story_was_given_there() -> None:
    story = "Her agitation settled within an hour of droperidol 2.5 mg IM."
    analysis = analyse(INPATIENT_CONSULT.format(story=story))
    assert medication(analysis, "droperidol").status is _S.GIVEN


def test_a_dose_the_patient_got_is_given() -> None:
    story = "She also got magnesium sulfate 2 g for a level of 1.4."
    analysis = analyse(INPATIENT_CONSULT.format(story=story))
    assert medication(analysis, "magnesium").status is _S.GIVEN


def test_overnight_doses_in_an_inpatient_consult_are_of_the_stay() -> None:
    story = "Overnight she needed hydromorphone twice for flank pain."
    analysis = analyse(INPATIENT_CONSULT.format(story=story))
    assert medication(analysis, "hydromorphone").status is _S.GIVEN


def test_a_clinic_consult_history_still_tells_an_earlier_visit() -> None:
    story = "She was given methylprednisolone by her GP in the past."
    analysis = analyse(CLINIC_CONSULT.format(story=story))
    assert medication(analysis, "methylprednisolone").status is _S.HISTORICAL


def test_a_dated_injection_in_an_inpatient_consult_story_is_the_past() -> None:
    story = "She had a knee injection of triamcinolone 40 mg IM in 2023, with relief."
    analysis = analyse(INPATIENT_CONSULT.format(story=story))
    assert medication(analysis, "triamcinolone").status is not _S.GIVEN


def test_got_a_prescription_is_not_a_dose_given() -> None:
    story = "At her last clinic visit she got a prescription for nitrofurantoin, not yet filled."
    analysis = analyse(INPATIENT_CONSULT.format(story=story))
    assert medication(analysis, "nitrofurantoin").status is not _S.GIVEN
