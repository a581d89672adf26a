"""A visit whose clinician is named between commas keeps the time written after the name:
"Follow up with PCP, Dr. Lindqvist, in 2-3 days for BP recheck" is one visit, due in 2-3 days,
not a visit without a date and a recheck of its own. An order told with the visit ("with a
BMP") is still an item apart, as before."""

from datetime import date

import pytest

from carechart.notes.nlp import Plan, analyse

VISIT = date(2025, 11, 18)


def _plans(text: str) -> list[tuple[str, date | None]]:
    found: list[Plan] = analyse(text, taken_at=VISIT).plans
    return [(p.text, p.due) for p in found]


@pytest.mark.parametrize(
    ("line", "due"),
    [
        # As an ED discharge writes it.
        (
            "Follow up with PCP, Dr. Ingrid Lindqvist, in 2-3 days for BP and potassium recheck.",
            date(2025, 11, 20),
        ),
        # A referral, and a time "within", with a reason after it.
        ("Referral to GI, Dr. Wong, within 4 weeks to discuss colonoscopy.", date(2025, 12, 16)),
        ("Return to clinic, Dr. Adeyemi, in 1 week.", date(2025, 11, 25)),
    ],
)
def test_the_time_after_a_named_clinician_is_the_visits(line: str, due: date) -> None:
    assert _plans(f"Plan:\n{line}") == [(line, due)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A second order with its own time stays as written before.
        (
            "Plan:\nRepeat CBC, in 2 weeks CMP.",
            [("Repeat CBC, in 2 weeks CMP.", date(2025, 12, 2))],
        ),
        # An order told with the visit ("with a BMP") stays an item of its own.
        (
            "Plan:\nf/u with primary care, Dr. Adeyemi, in 1 week with a BMP at that visit.",
            [
                ("f/u with primary care, Dr. Adeyemi", None),
                ("in 1 week with a BMP at that visit.", date(2025, 11, 25)),
            ],
        ),
        # A visit with its own time, then another item with its own.
        (
            "Plan:\nRTC 3 months, in 1 week call with BP log.",
            [
                ("RTC 3 months", date(2026, 2, 18)),
                ("in 1 week call with BP log.", date(2025, 11, 25)),
            ],
        ),
    ],
)
def test_items_with_times_of_their_own_do_not_change(
    text: str, expected: list[tuple[str, date | None]]
) -> None:
    assert _plans(text) == expected
