"""A call after a discharge that gives the stay's diagnoses ends the stay's acute problems it
leaves out (the progress note's hypokalemia, sinus tachycardia, tremor), and keeps the ones it
names and the chronic ones; a call that gives no diagnosis leaves the list standing."""

import pytest

from tests.notes.stories import story_chart as _chart
from tests.notes.stories import story_note as _note

_PROGRESS = """Progress Note - HD#3
Date of Service: 07/08/2026

S: Breathing easier.

A/P: 68M, COPD (GOLD 3), admitted with acute COPD exacerbation triggered by RLL CAP.
Pulm: AECOPD - improving. Continue prednisone.
ID: RLL CAP - ceftriaxone day 3.
CV: sinus tach, likely from beta-agonist. HTN - continue amlodipine 5 mg daily.
Renal/lytes: hypokalemia/hypomagnesemia. KCl 40 mEq PO x2.
Neuro: tremor - beta-agonist.
GI: GERD - continue pantoprazole.
"""

_CALL = """TELEPHONE ENCOUNTER - Post-Discharge Outreach
Call date: 07/12/2026
{line}
Breathing better every day. Denies fever.
"""


def _active(line: str) -> list[str]:
    chart = _chart(
        _note("2026-07-08T08:00", _PROGRESS), _note("2026-07-12T10:00", _CALL.format(line=line))
    )
    return [p.text.lower() for p in chart.problems]


def test_a_call_giving_the_stays_diagnoses_ends_its_other_acute_problems() -> None:
    active = _active("Discharged: 07/10/2026 from 6N, dx AECOPD with RLL pneumonia.")

    for gone in ("hypokalemia", "hypomagnesemia", "sinus tach", "tremor"):
        assert not [t for t in active if gone in t], active
    for kept in ("aecopd", "pneumonia", "htn", "gerd"):
        assert [t for t in active if kept in t], active


@pytest.mark.parametrize("line", ["Discharged: 07/10/2026 from 6N.", "Spoke with patient."])
def test_a_call_without_diagnoses_leaves_the_list_standing(line: str) -> None:
    active = _active(line)

    assert [t for t in active if "hypokalemia" in t], active
