"""The chart's open follow-ups: a visit or a referral to a service is done once a later note of
that service records the visit, whose own plan is the visit still open."""

from datetime import date

from tests.notes.stories import story_chart, story_note

_DISCHARGE = (
    "DISCHARGE SUMMARY\nDate of Discharge: 03/02/2026\nDiagnosis: Heart failure exacerbation.\n"
    "Follow-up:\n- Cardiology (Dr. Rao) in 2 weeks - clinic will call.\n"
    "- Nephrology referral placed.\n- Repeat BMP in 1 week.\n"
    "- Cardiology rehab referral placed.\n"
)
_CARDIOLOGY = (
    "RIVERSIDE CARDIOLOGY ASSOCIATES\nDate of service: 03/18/2026\nAssessment: HFrEF, "
    "euvolemic.\nPlan: Continue metoprolol. RTC 3 months.\n"
)


def _open(*notes: tuple[str, str]) -> dict[str, date | None]:
    chart = story_chart(*(story_note(day, text) for day, text in notes), today=date(2026, 3, 19))
    return {f.text: f.due for f in chart.follow_ups}


def test_a_visit_to_a_service_a_later_note_of_that_service_records_is_done() -> None:
    follow_ups = _open(("2026-03-02", _DISCHARGE), ("2026-03-18", _CARDIOLOGY))
    assert not [text for text in follow_ups if "Dr. Rao" in text]
    assert follow_ups["RTC 3 months."] == date(2026, 6, 18)


def test_a_visit_to_another_service_and_a_test_stay_open() -> None:
    follow_ups = _open(("2026-03-02", _DISCHARGE), ("2026-03-18", _CARDIOLOGY))
    assert "Nephrology referral placed." in follow_ups
    assert "Cardiology rehab referral placed." in follow_ups  # a programme, not a visit
    assert any("BMP" in text for text in follow_ups)


def test_a_visit_stays_open_when_no_later_note_of_its_service_follows() -> None:
    follow_ups = _open(("2026-03-02", _DISCHARGE))
    assert [due for text, due in follow_ups.items() if "Dr. Rao" in text] == [date(2026, 3, 16)]
