"""Every scorer, in the order the report shows them: notes first, then patients' charts."""

from eval.runner import NoteRun, PatientRun
from eval.scorers import (
    allergies,
    chart,
    document,
    findings,
    follow_ups,
    measurements,
    medications,
    problems,
)
from eval.scoring import Scorer

NOTE_SCORERS: list[Scorer[NoteRun]] = [
    medications.SCORER,
    allergies.SCORER,
    problems.SCORER,
    findings.SCORER,
    measurements.VITALS,
    measurements.LABS,
    document.NOTE_TYPE,
    document.ENCOUNTER_DATE,
    follow_ups.SCORER,
]
# The summaries' evaluation (issue 12) joins here: a Scorer[PatientRun] reading the summary.
PATIENT_SCORERS: list[Scorer[PatientRun]] = [chart.SCORER]
