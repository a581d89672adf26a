"""A prophylaxis ordered at a clinic or urgent-care visit goes home with the patient: it is a
start, not a dose of a hospital stay; in the note of a stay it is still the stay's order."""

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import medication

_S = MedicationStatus

CLINIC = """\
TRAVEL CLINIC VISIT

Subjective: leaving for a trek in Nepal next week, asks about altitude sickness.
Objective: well, BP 122/76.

Plan:
- Acetazolamide 125 mg PO BID x 5 days from the day before ascent - prophylaxis.
- Return if any side effects.
"""

STAY = """\
PROGRESS NOTE - HOSPITAL DAY 3

Interval events: telemetry quiet overnight, remains on the floor.

Plan:
- Enoxaparin 40 mg SC daily - prophylaxis.
"""


def test_a_prophylaxis_prescribed_at_a_clinic_visit_is_started() -> None:
    assert medication(analyse(CLINIC), "acetazolamide").status is _S.STARTED


def test_a_prophylaxis_in_the_note_of_a_stay_is_a_dose_of_the_stay() -> None:
    assert medication(analyse(STAY), "enoxaparin").status is _S.GIVEN
