"""A sentence outside the plan that tells what was done asks for nothing ahead, whatever it
names (a referral, a day, a visit), except a result still pending; one that asks is kept."""

from datetime import date

import pytest

from carechart.notes.nlp import analyse

VISIT = date(2026, 5, 4)
HEAD = "CLINIC NOTE\nDate of Service: 05/04/2026\n\n"
PLAN = "\n\nAssessment and Plan:\n1. Hypertension - continue lisinopril 10 mg daily.\n"


def _texts(history: str) -> list[str]:
    text = HEAD + "Results:\n" + history + PLAN
    return [p.text for p in analyse(text, taken_at=VISIT).plans]


@pytest.mark.parametrize(
    ("history", "kept"),
    [
        # Asked: a referral made, a visit booked for a later day.
        ("Referral to cardiology placed for palpitations.", True),
        ("She has a dermatology appointment on 06/12/2026.", True),
        # Told, with a result still to come: the result is followed up.
        ("Blood cultures were drawn in the ED, results pending.", True),
        # Told: a referral, a visit, a consult that happened.
        ("A referral to cardiology was placed in 2024 and she was seen.", False),
        ("She had a dermatology appointment on 06/12/2025.", False),
        ("Psychiatry consult was obtained last admission.", False),
    ],
)
def test_a_told_sentence_outside_the_plan_asks_only_for_a_pending_result(
    history: str, kept: bool
) -> None:
    asked = [t for t in _texts(history) if t.rstrip(".") in history]
    assert bool(asked) is kept
