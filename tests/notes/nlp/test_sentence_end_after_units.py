"""A sentence that ends on a unit after a number ("in 72 h.", "x 48 h.", "1 g.") ends there: the
unit is no initial, so the next sentence's words ("Resume home inhalers") never reach back to a
drug of the one before. Initials of names still do not end a sentence."""

import pytest

from carechart.notes.nlp import MedicationStatus
from carechart.notes.nlp.text import sentences
from tests.notes.nlp.support import status_of


@pytest.mark.parametrize(
    "text",
    [
        "Remove the patch in 72 h. Resume home inhalers tonight.",
        "Cultures with no growth at 48 h. Stop vancomycin.",
        "Gave ceftriaxone 1 g. Admit to medicine.",
    ],
)
def test_a_unit_after_a_number_ends_its_sentence(text: str) -> None:
    assert len(sentences(text, 0, len(text))) == 2


def test_an_initial_still_does_not_end_a_sentence() -> None:
    text = "Seen with Dr. Maria K. Owens today. Doing well."
    assert len(sentences(text, 0, len(text))) == 2


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        (
            "PACU orders: Take the clonidine patch off in 72 h. Resume home inhalers tonight.",
            "clonidine",
        ),
        (
            "Post-op: Remove the fentanyl patch in 24 h. Restart home lisinopril tomorrow.",
            "fentanyl",
        ),
    ],
)
def test_the_next_sentences_resumption_never_reaches_back(text: str, drug: str) -> None:
    assert status_of(text, drug) is not MedicationStatus.RESUMED
