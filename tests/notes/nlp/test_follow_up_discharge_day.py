"""A follow-up counted from a discharge still to come: a progress note that names the day of
discharge ("discharge tomorrow") dates it; a hedged or unnamed discharge leaves it undated."""

from datetime import date

import pytest

from carechart.notes.nlp import analyse


def _due(text: str, words: str) -> date | None:
    found = [p for p in analyse(text).plans if words.lower() in p.text.lower()]
    assert found, [p.text for p in analyse(text).plans]
    return found[0].due


@pytest.mark.parametrize(
    ("text", "words", "due"),
    [
        (
            "Date: 04/06/2026\nDispo: likely discharge tomorrow 04/07 on cephalexin. PCP (Dr. "
            "Osei) within 1 week of discharge.",
            "pcp",
            date(2026, 4, 14),
        ),
        (
            "Date of service: 01/09/2026\nDispo: Anticipate discharge tomorrow.\nAfter "
            "discharge: PCP within 1 week of discharge with BMP; repeat chest x-ray in 6 weeks.",
            "pcp",
            date(2026, 1, 17),
        ),
        (
            "Date of service: 11/20/2025\nPlan: Plan discharge home today with home health.\n"
            "- Nephrology clinic 2 weeks after discharge.",
            "nephrology",
            date(2025, 12, 4),
        ),
        (
            "Date of service: 03/02/2026\nASSESSMENT AND PLAN:\n1. Cellulitis - improving, "
            "expected discharge to SNF tomorrow.\n2. Wound check 10 days after discharge.",
            "wound check",
            date(2026, 3, 13),
        ),
    ],
)
def test_an_interval_after_a_named_discharge_day_counts_from_it(
    text: str, words: str, due: date
) -> None:
    assert _due(text, words) == due


@pytest.mark.parametrize(
    "text",
    [
        # Hedged: the day is not known yet.
        "Date of service: 01/09/2026\nPlan: possible discharge tomorrow if cultures negative. "
        "PCP within 1 week of discharge.",
        "Date of service: 01/09/2026\nDispo: home vs SNF, discharge tomorrow at the earliest. "
        "PCP within 1 week of discharge.",
        "Date of service: 01/09/2026\nDispo: likely discharge in 2-3 days.\nPCP within 1 week "
        "of discharge.",
        # No discharge day at all.
        "Date of service: 01/09/2026\nPlan: PCP within 1 week of discharge.",
    ],
)
def test_an_interval_after_an_unnamed_discharge_day_has_no_due_date(text: str) -> None:
    assert _due(text, "pcp") is None
