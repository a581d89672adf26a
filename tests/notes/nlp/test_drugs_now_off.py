"""Drugs the story says are off (issue 11): "since last visit glyburide, oxybutynin,
alendronate and Benadryl are off" tells of drugs stopped lately, not of a past long gone.
Variants written for these tests; neighbours that must not move."""

import pytest

from carechart.notes.nlp import MedicationStatus
from tests.notes.nlp.support import status_of

S = MedicationStatus


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        (
            "HPI: Since last visit glyburide, oxybutynin, alendronate and Benadryl are off.",
            "oxybutynin",
        ),
        ("HPI: Aspirin is now off after the bleed; no melena since.", "aspirin"),
        ("Interval history: glipizide was off since March per her daughter.", "glipizide"),
    ],
)
def test_a_drug_the_story_says_is_off_is_stopped(text: str, drug: str) -> None:
    assert status_of(text, drug) is S.STOPPED


@pytest.mark.parametrize(
    ("text", "drug", "status"),
    [
        ("Plan: start metformin 500 mg BID, sugars are off target.", "metformin", S.STARTED),
        (
            "Plan: Continue lisinopril; BP readings were off by 10 at home.",
            "lisinopril",
            S.CONTINUED,
        ),
    ],
)
def test_off_said_of_something_else_leaves_the_drug(
    text: str, drug: str, status: MedicationStatus
) -> None:
    assert status_of(text, drug) is status


_REVIEWED = "Medications reviewed:\n  - ketorolac 15 mg IV q6h PRN pain - 2 doses given. {end}\n"


def test_an_entry_that_ends_with_its_drug_stopped_stops_it() -> None:
    end = "Flagged for renal risk; the hospitalist stopped this afternoon."
    text = _REVIEWED.format(end=end)
    assert status_of(text, "ketorolac") is MedicationStatus.STOPPED


def test_an_entry_that_ends_stopping_another_drug_leaves_its_own() -> None:
    text = _REVIEWED.format(end="The hospitalist stopped the heparin drip.")
    assert status_of(text, "ketorolac") is not MedicationStatus.STOPPED
