"""The chart's open follow-ups: an item a later note plans again is the later one, while an item
the later note only names without a day keeps the day it was booked for."""

import dataclasses
import uuid
from datetime import date

import pytest

from carechart.notes import chart as chart_module
from tests.notes.stories import story_chart, story_note


def _dues(chart_text: str, *notes: tuple[str, str], today: date) -> list[date | None]:
    chart = story_chart(*(story_note(day, text) for day, text in notes), today=today)
    return [f.due for f in chart.follow_ups if chart_text in f.text.lower()]


@pytest.mark.parametrize(
    ("first", "second", "words", "due"),
    [
        # The same test, booked again at the next visit.
        ("PLAN: BMP in 1 week - K/Cr.", "PLAN: 4. BMP in 1-2 weeks.", "bmp", date(2026, 3, 24)),
        (
            "PLAN: Repeat TSH in 6 weeks.",
            "PLAN: Recheck TSH in 3 months.",
            "tsh",
            date(2026, 6, 17),
        ),
        # A visit with a service, moved by the later note.
        (
            "PLAN: Follow up with cardiology in 2 weeks.",
            "PLAN: Cardiology follow-up in 3 months.",
            "cardiology",
            date(2026, 6, 17),
        ),
        # A course's next session: cycle 2 happened, cycle 3 is open.
        (
            "PLAN: Cycle 2 on 03/01/2026 with CBC.",
            "PLAN: Cycle 3 on 04/07/2026.",
            "cycle",
            date(2026, 4, 7),
        ),
    ],
)
def test_a_later_note_that_plans_an_item_again_leaves_only_its_own(
    first: str, second: str, words: str, due: date
) -> None:
    dues = _dues(
        words,
        ("2026-02-03", "Date of service: 02/03/2026\nASSESSMENT: HFrEF.\n" + first),
        ("2026-03-17", "Date of service: 03/17/2026\nASSESSMENT: HFrEF.\n" + second),
        today=date(2026, 3, 18),
    )
    assert dues == [due]


def test_a_later_mention_without_a_day_keeps_the_booked_day() -> None:
    dues = _dues(
        "echo",
        ("2026-02-03", "Date of service: 02/03/2026\nASSESSMENT: HFrEF.\nPLAN: Echo in 3 months."),
        (
            "2026-03-17",
            "Date of service: 03/17/2026\nASSESSMENT: HFrEF.\nPLAN: Echo as scheduled.",
        ),
        today=date(2026, 3, 18),
    )
    assert dues == [date(2026, 5, 3)]


@pytest.mark.parametrize(
    ("first", "second", "words"),
    [
        # Different tests that share a word are two items.
        ("PLAN: CT chest in 3 months.", "PLAN: CT abdomen in 6 months.", "ct"),
        # An earlier line holding two items is not replaced by a later one naming one of them.
        ("PLAN: BMP in 2 weeks. Lipids in 3 months.", "PLAN: BMP in 1 week.", "lipids"),
    ],
)
def test_items_a_later_note_does_not_plan_again_stay_open(
    first: str, second: str, words: str
) -> None:
    dues = _dues(
        words,
        ("2026-02-03", "Date of service: 02/03/2026\nASSESSMENT: HTN.\n" + first),
        ("2026-03-17", "Date of service: 03/17/2026\nASSESSMENT: HTN.\n" + second),
        today=date(2026, 3, 18),
    )
    assert len(dues) >= 1 + (words == "ct")


def test_items_of_one_note_are_never_merged() -> None:
    dues = _dues(
        "bmp",
        (
            "2026-02-03",
            "Date of service: 02/03/2026\nASSESSMENT: HTN.\nPLAN: BMP in 1 week. Repeat BMP in "
            "3 months.",
        ),
        today=date(2026, 2, 4),
    )
    assert dues == [date(2026, 2, 10), date(2026, 5, 3)]


def test_only_items_sharing_a_word_are_compared(monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of plan lines must not compare every pair: an item is compared only with
    later items that share one of its words (counted, not timed)."""
    note = story_note("2026-02-03", "ASSESSMENT: HTN.\nPLAN: BMP in 1 week.")
    assert note.analysis is not None
    plan = note.analysis.plans[0]
    notes = []
    for i in range(200):
        name = "".join("abcdefghij"[int(d)] for d in f"{i:03d}")
        analysis = note.analysis.model_copy(
            update={"plans": [plan.model_copy(update={"text": f"Lab{name} in 1 week"})]}
        )
        notes.append(dataclasses.replace(note, id=uuid.uuid4(), analysis=analysis))
    calls = 0
    same_item = chart_module._same_item

    def counting(earlier: chart_module._Said, later: chart_module._Said) -> bool:
        nonlocal calls
        calls += 1
        return same_item(earlier, later)

    monkeypatch.setattr(chart_module, "_same_item", counting)
    assert chart_module._superseded(notes) == set()
    assert calls == 0
    # Two items sharing a word are still compared, and the later one replaces the earlier.
    notes[150] = dataclasses.replace(notes[150], analysis=notes[10].analysis)
    assert chart_module._superseded(notes) == {(notes[10].id, plan.start)}
    assert calls == 1
