"""Return visits written with their interval alone ("Return 3 months", "F/U 6 wks"), an
export's closing run onto its last plan, and a chart whose later visit plans the return again.
Phrasings written for each class, not taken from a note."""

from datetime import date

import pytest

from carechart.notes.nlp import PlanKind, analyse
from tests.notes.stories import story_chart, story_note

_DAY = date(2026, 3, 10)


def _plans(text: str) -> list[tuple[PlanKind, str, date | None]]:
    return [(p.kind, p.text, p.due) for p in analyse(text, taken_at=_DAY).plans]


@pytest.mark.parametrize(
    ("line", "due"),
    [
        ("- Return 3 months.", date(2026, 6, 10)),
        ("Follow-up 6 weeks, sooner if worse.", date(2026, 4, 21)),
        ("F/U 2 wks with PCP.", date(2026, 3, 24)),
        ("Return visit 4-6 weeks.", date(2026, 4, 7)),
        ("Follow up 1 year; labs before that visit.", date(2027, 3, 10)),
    ],
)
def test_a_return_written_with_its_interval_alone_is_a_follow_up(line: str, due: date) -> None:
    plans = _plans(f"ASSESSMENT: Asthma, stable.\nPLAN:\n{line}\n")
    assert (PlanKind.FOLLOW_UP, due) in [(kind, when) for kind, _, when in plans]


@pytest.mark.parametrize(
    "line",
    ["Returned 3 months ago from travel.", "Follow-up 3 months ago showed a normal echo."],
)
def test_a_return_told_as_past_is_no_follow_up(line: str) -> None:
    plans = _plans(f"ASSESSMENT: Asthma, stable.\nPLAN:\n{line}\n")
    assert all(kind is not PlanKind.FOLLOW_UP for kind, _, _ in plans), plans


@pytest.mark.parametrize(
    "closing",
    [
        ", JANE ROE MD, D: 03/10/2026 10:12, T: 03/10/2026 14:40",
        ", cc: Carmen Ibarra, PA-C, D: 03/10/2026 10:12",
        ", Omar Haddad, DO, D: 03/10/2026",
    ],
)
def test_an_export_closing_run_onto_the_last_plan_is_not_part_of_it(closing: str) -> None:
    text = (
        "CLINIC NOTE, DATE OF SERVICE: 03/10/2026, ASSESSMENT: Hyperlipidemia., PLAN: Continue "
        f"atorvastatin. Fasting lipids in 3 months.{closing}"
    )
    lipids = [(text, due) for _, text, due in _plans(text) if "lipids" in text]
    assert lipids == [("Fasting lipids in 3 months.", date(2026, 6, 10))]


def test_a_later_visit_plans_the_return_again() -> None:
    first = story_note(
        "2026-03-10",
        "Date of service: 03/10/2026\nASSESSMENT: Menopausal symptoms.\nPLAN: Return 3 months.",
    )
    second = story_note(
        "2026-06-09",
        "Date of service: 06/09/2026\nASSESSMENT: Menopausal symptoms, better.\n"
        "PLAN: Follow-up in 6 months. Mammogram booked 09/15/2026.",
    )
    chart = story_chart(first, second, today=date(2026, 6, 10))
    returns = [
        f.due for f in chart.follow_ups if f.kind == "follow_up" and "ammogram" not in f.text
    ]
    assert returns == [date(2026, 12, 9)]


def test_a_return_with_a_service_stays_beside_a_later_bare_return() -> None:
    first = story_note(
        "2026-03-10",
        "Date of service: 03/10/2026\nASSESSMENT: AF.\nPLAN: Follow up with cardiology in 3 "
        "months.",
    )
    second = story_note(
        "2026-04-09",
        "Date of service: 04/09/2026\nASSESSMENT: AF, rate controlled.\nPLAN: RTC 6 months.",
    )
    chart = story_chart(first, second, today=date(2026, 4, 10))
    assert {f.due for f in chart.follow_ups if f.kind == "follow_up"} == {
        date(2026, 6, 10),
        date(2026, 10, 9),
    }
