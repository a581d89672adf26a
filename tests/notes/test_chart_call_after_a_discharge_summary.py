"""A call after a discharge that names only the stay's main diagnosis leaves standing the
problems the discharge summary handed on (the AKI still to be rechecked): the summary took stock
of the stay, and the call's one line tells why the patient was in, not what has ended."""

import pytest

from tests.notes.stories import story_chart as _chart
from tests.notes.stories import story_note as _note

_PROGRESS = """Progress Note - HD#2
Date of Service: 03/08/2026

S: Breathing easier.

A/P:
1. Community-acquired pneumonia - ceftriaxone day 2.
2. Acute kidney injury - creatinine 1.9, IV fluids.
3. Hypokalemia - repleted.
4. Hypertension - holding lisinopril.
"""

_DISCHARGE = """DISCHARGE SUMMARY
Admission date: 03/07/2026   Discharge date: 03/10/2026

Discharge diagnoses:
1. Community-acquired pneumonia.
2. Acute kidney injury, improving (creatinine 1.4). Repeat BMP in 1 week.
3. Hypertension.

Hospital course: treated with ceftriaxone then cefpodoxime. Potassium normal at discharge.
"""

_CALL = """TELEPHONE ENCOUNTER - Post-Discharge Outreach
Call date: 03/12/2026
Discharged: 03/10/2026 from 6N, dx {dx}.
Breathing better every day. Denies fever.
"""


def _active(*notes: tuple[str, str]) -> list[str]:
    return [p.text.lower() for p in _chart(*(_note(at, text) for at, text in notes)).problems]


@pytest.mark.parametrize("dx", ["CAP", "community-acquired pneumonia"])
def test_a_call_naming_one_diagnosis_leaves_the_summarys_problems_standing(dx: str) -> None:
    active = _active(
        ("2026-03-08T08:00", _PROGRESS),
        ("2026-03-10T12:00", _DISCHARGE),
        ("2026-03-12T10:00", _CALL.format(dx=dx)),
    )

    assert [t for t in active if "kidney" in t], active
    assert [t for t in active if "hypertension" in t], active
    assert not [t for t in active if "hypokalemia" in t], active


def test_a_call_after_a_stay_without_a_summary_still_ends_what_it_leaves_out() -> None:
    active = _active(("2026-03-08T08:00", _PROGRESS), ("2026-03-12T10:00", _CALL.format(dx="CAP")))

    assert not [t for t in active if "hypokalemia" in t], active
    assert [t for t in active if "hypertension" in t], active
