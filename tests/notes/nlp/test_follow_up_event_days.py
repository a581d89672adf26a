"""Follow-ups counted from an event still to come. A progress note that names the day of
discharge ("discharge tomorrow") dates "within 1 week of discharge"; a hedged or unnamed
discharge leaves it undated. An item on the day of a booked operation ("INR the morning of
surgery") is due that day."""

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
        # The planning or the papers of a discharge, not the discharge itself.
        "Date of service: 01/09/2026\nPlan: Case management to start discharge planning today. "
        "PCP follow-up within 1 week of discharge.",
        "Date of service: 01/09/2026\nPlan: Discharge instructions reviewed today. PCP within 1 "
        "week of discharge.",
        "Date of service: 01/09/2026\nPlan: SW to begin discharge coordination tomorrow.\nPCP "
        "within 1 week of discharge.",
    ],
)
def test_an_interval_after_an_unnamed_discharge_day_has_no_due_date(text: str) -> None:
    assert _due(text, "pcp") is None


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("- INR ON THE MORNING OF SURGERY, MUST BE < 1.5.", "inr"),
        ("- Urine hCG day of surgery.", "hcg"),
        ("- Resume warfarin the evening of surgery.", "warfarin"),
        ("- Type and screen on the day of the procedure.", "type and screen"),
    ],
)
def test_an_item_on_the_day_of_a_booked_operation_is_due_that_day(line: str, words: str) -> None:
    text = (
        "Date of service: 10/14/2025\nPLAN:\n1. Open right inguinal hernia repair with mesh, "
        "scheduled 10/28/2025.\n" + line
    )
    assert _due(text, words) == date(2025, 10, 28)


@pytest.mark.parametrize(
    "text",
    [
        # No day of the operation known.
        "Date of service: 10/14/2025\nPLAN:\n- INR on the morning of surgery.",
        # The night before is not the day of the operation.
        "Date of service: 10/14/2025\nPLAN:\n1. Hernia repair scheduled 10/28/2025.\n"
        "- Chlorhexidine wash the night before surgery.",
    ],
)
def test_an_item_not_on_a_known_operation_day_keeps_no_due_date(text: str) -> None:
    plans = analyse(text).plans
    assert [p.due for p in plans if "surgery" in p.text.lower()] == [None]
