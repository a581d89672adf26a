"""A return visit reads as the visit booked, with whom and when, without the agenda written
after its time; two visits after one comma, each "in" its own time, are two items; and an
interval counted from the end of a later stay (a skilled nursing facility, rehab) has no day."""

from datetime import date

import pytest

from carechart.notes.nlp import Plan, PlanKind, analyse

DISCHARGE = date(2026, 6, 1)
HEAD = "DISCHARGE SUMMARY\nDate of Discharge: 06/01/2026\n\nFOLLOW-UP:\n"


def _plans(text: str) -> list[Plan]:
    found: list[Plan] = analyse(text, taken_at=DISCHARGE).plans
    return found


@pytest.mark.parametrize(
    ("line", "visit"),
    [
        (
            "Primary care, Dr. Yusupova, in 10 days: anticoagulation plan, statin dose.",
            "Primary care, Dr. Yusupova, in 10 days",
        ),
        (
            "Dr. Lindqvist (PCP) in 2 weeks - diabetes regimen; consider adding a GLP-1 agonist.",
            "Dr. Lindqvist (PCP) in 2 weeks",
        ),
        (
            "Endocrinology clinic within 3 weeks (thyroid dose, hair loss).",
            "Endocrinology clinic within 3 weeks",
        ),
        (
            "PCP Dr. Moreau in 1 week with CBC to decide on restarting aspirin.",
            "PCP Dr. Moreau in 1 week with CBC",
        ),
    ],
)
def test_a_visit_with_whom_and_when_leaves_out_its_agenda(line: str, visit: str) -> None:
    plans = _plans(HEAD + line)
    assert [(p.kind, p.text) for p in plans] == [(PlanKind.FOLLOW_UP, visit)]


@pytest.mark.parametrize(
    "line",
    [
        # A visit that names no one: the agenda says what it is.
        "RTC 4 weeks (suture removal, wound check).",
        # An agenda of orders is what the visit holds.
        "Orthopaedics, Dr. Okonjo, in 2 weeks (staple removal, x-ray of the hip).",
    ],
)
def test_a_visit_keeps_an_agenda_that_says_what_it_holds(line: str) -> None:
    assert [p.text for p in _plans(HEAD + line)] == [line]


def test_two_visits_after_a_comma_each_in_its_own_time_are_two_items() -> None:
    plans = _plans(HEAD + "Orthodontist in 6 months, optometrist in 1 year.")
    assert [(p.text, p.due) for p in plans] == [
        ("Orthodontist in 6 months", date(2026, 12, 1)),
        ("optometrist in 1 year.", date(2027, 6, 1)),
    ]


def test_a_course_after_a_comma_stays_one_item() -> None:
    line = "Increase sertraline to 100 mg in 2 weeks, then 150 mg in 6 weeks if tolerated."
    assert len(_plans(HEAD + line)) == 1


@pytest.mark.parametrize(
    "line",
    [
        "PCP (Dr. Abernathy) within 10 days of SNF discharge.",
        "Neurology clinic 3 weeks after rehab discharge.",
    ],
)
def test_an_interval_from_the_end_of_a_later_stay_has_no_day(line: str) -> None:
    plans = _plans(HEAD + line)
    assert [p.due for p in plans] == [None]


def test_an_interval_from_this_discharge_keeps_its_day() -> None:
    plans = _plans(HEAD + "PCP (Dr. Abernathy) within 10 days of discharge.")
    assert [p.due for p in plans] == [date(2026, 6, 11)]
