"""A sentence that tells two requests joined by "and" ("I've ordered a TSH and B12 and asked
him to come back in 6 weeks") is two items: the order does not take the visit's time."""

from datetime import date

from carechart.notes.nlp import Plan, PlanKind, analyse

VISIT = date(2026, 2, 17)


def _plans(text: str) -> list[tuple[PlanKind, str, date | None]]:
    found: list[Plan] = analyse(text, taken_at=VISIT).plans
    return [(p.kind, p.text, p.due) for p in found]


def test_a_letter_order_and_a_return_asked_for_are_two_items() -> None:
    text = (
        "Dear Dr. Shah,\nThank you for seeing Mr. Lee. I've also ordered a TSH and B12 (results "
        "to follow) and asked him to come back to see me in 6 weeks."
    )
    assert _plans(text)[-2:] == [
        (PlanKind.ORDER, "I've also ordered a TSH and B12 (results to follow)", None),
        (PlanKind.FOLLOW_UP, "asked him to come back to see me in 6 weeks.", date(2026, 3, 31)),
    ]


def test_an_order_and_a_visit_scheduled_are_two_items() -> None:
    text = "Plan:\nOrdered an echocardiogram and scheduled her for a return visit in 3 months."
    assert _plans(text) == [
        (PlanKind.ORDER, "Ordered an echocardiogram", None),
        (PlanKind.FOLLOW_UP, "scheduled her for a return visit in 3 months.", date(2026, 5, 17)),
    ]


def test_orders_sharing_one_time_and_advice_stay_one_item() -> None:
    assert _plans("Plan:\nCBC and BMP in 1 week.") == [
        (PlanKind.ORDER, "CBC and BMP in 1 week.", date(2026, 2, 24))
    ]
    advice = "Discussed diet and asked him to keep a food diary."
    assert [t for _, t, _ in _plans(f"Plan:\n{advice}")] == [advice]
