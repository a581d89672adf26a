"""A patient instruction for a day before the patient's latest note has had its day: "Nothing to
eat after midnight on 03/04" in a plan of February is no open item in June. Visits, tests and
orders of the same plan stay, overdue if they were not done; an instruction whose day has not
come by the latest note stays open."""

from datetime import date

from tests.notes.stories import story_chart, story_note

_PRE_PROCEDURE = (
    "Encounter Date: 02/20/2026\n"
    "Plan:\n"
    "- Nothing to eat after midnight on 03/04.\n"
    "- Keep the dressing dry until 03/10.\n"
    "- Return to clinic 03/20 for INR.\n"
)
_LATER_VISIT = (
    "Date of service: {day}\nAssessment: Osteoarthritis of the knee, stable.\n"
    "Plan: Continue acetaminophen 1 g TID as needed.\n"
)


def _open(later: str, today: date) -> dict[str, date | None]:
    day = date.fromisoformat(later)
    notes = (
        story_note("2026-02-20", _PRE_PROCEDURE),
        story_note(later, _LATER_VISIT.format(day=day.strftime("%m/%d/%Y"))),
    )
    return {f.text: f.due for f in story_chart(*notes, today=today).follow_ups}


def test_instructions_whose_day_passed_before_a_later_note_are_not_open() -> None:
    follow_ups = _open("2026-06-16", date(2026, 6, 16))
    assert not [text for text in follow_ups if "Nothing to eat" in text or "dressing" in text]
    assert follow_ups["Return to clinic 03/20 for INR."] == date(2026, 3, 20)


def test_instructions_whose_day_has_not_come_by_the_latest_note_stay() -> None:
    follow_ups = _open("2026-03-02", date(2026, 3, 2))
    assert follow_ups["Nothing to eat after midnight on 03/04."] == date(2026, 3, 4)
    assert follow_ups["Keep the dressing dry until 03/10."] == date(2026, 3, 10)


def test_a_lone_note_keeps_its_instructions_whatever_today_is() -> None:
    chart = story_chart(story_note("2026-02-20", _PRE_PROCEDURE), today=date(2026, 6, 16))
    assert "Nothing to eat after midnight on 03/04." in {f.text for f in chart.follow_ups}
