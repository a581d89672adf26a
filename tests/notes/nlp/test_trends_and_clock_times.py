"""A lab trend read to its last value past the times written beside values; an order timed by
the clock is due the day of the note."""

from datetime import date

import pytest

from carechart.notes.nlp import analyse


@pytest.mark.parametrize(
    ("text", "name", "value"),
    [
        ("Labs: Glucose 88 -> 142 -> 63 (L) (09:40) -> 118", "Glucose", 118.0),
        ("Labs: Cr 1.9 (3/1) -> 1.4 (3/3)", "Creatinine", 1.4),
        ("LABS: K 5.9 (H) (06:00) \u2192 4.8 (14:00)", "Potassium", 4.8),
    ],
)
def test_the_last_value_of_a_timed_trend_is_the_result(text: str, name: str, value: float) -> None:
    labs = [(lab.name, lab.value) for lab in analyse(text, client_note_type=None).labs]
    assert labs == [(name, value)]


@pytest.mark.parametrize(
    "order",
    [
        "IV NS 100 mL/h; repeat BMP at 16:00.",
        "Recheck potassium @ 2200.",
        "Repeat lactate by 14:30",
    ],
)
def test_an_order_timed_by_the_clock_is_due_that_day(order: str) -> None:
    text = f"Date of service: 07/21/2024\nPlan:\n- {order}\n"
    plans = analyse(text, client_note_type=None, taken_at=date(2024, 7, 21)).plans
    # The fluids before a semicolon are an order of their own, without a time.
    assert [p.due for p in plans if p.due is not None] == [date(2024, 7, 21)]
