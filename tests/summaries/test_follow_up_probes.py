"""Probe notes of open follow-ups the summary once dropped, labelled by hand before the code
ran: a dated return that reads like a warning, a therapy or service sent to without a date, a
test named after a drug, a drug step booked ahead, a return visit that brings a test."""

import uuid
from datetime import UTC, date, datetime

import pytest

from carechart.notes.chart import ChartNote, build_chart
from carechart.notes.nlp import analyse
from carechart.summaries.picture import ClinicalPicture, build_picture
from carechart.summaries.providers.base import Audience, Length, SummaryRequest
from carechart.summaries.providers.local import compose_narrative

TODAY = date(2026, 3, 30)
_TEXTS: dict[uuid.UUID, str] = {}


def _note(text: str, when: date) -> ChartNote:
    note_id = uuid.uuid4()
    _TEXTS[note_id] = text
    return ChartNote(
        id=note_id,
        taken_at=datetime(when.year, when.month, when.day, 9, tzinfo=UTC),
        note_type="follow_up",
        title=None,
        author=None,
        has_text=True,
        analysis=analyse(text),
    )


def _picture(*notes: ChartNote) -> ClinicalPicture:
    chart = build_chart(uuid.uuid4(), list(notes), TODAY)
    return build_picture(chart, {n.id: _TEXTS[n.id] for n in notes}, TODAY)


def _visit(plan: str, when: date = date(2026, 3, 24)) -> ChartNote:
    return _note(
        f"CLINIC NOTE\nDate of service: {when:%m/%d/%Y}\n\nASSESSMENT:\n1. Type 2 diabetes.\n\n"
        f"PLAN:\n{plan}\n",
        when,
    )


def _open(picture: ClinicalPicture) -> str:
    return " | ".join(f.text for f in picture.follow_ups).lower()


# (plan lines as a clinic writes them, the words of the open follow-up the summary must show)
OPEN = [
    ("- Return to clinic in 6 weeks with standing flexion-extension lumbar x-rays.", "x-rays"),
    ("- Return to wound center in 1 week (03/31/2026) for cast change and measurement.", "cast"),
    ("- Return to this clinic in 3 months for diabetes review, with A1c beforehand.", "a1c"),
    ("- Continue weekly CBT with her therapist.", "cbt"),
    ("- Establish with a pediatric dentist.", "dentist"),
    ("- Podiatry for custom diabetic shoes once healed.", "podiatry"),
    ("- Calcium and PTH in 1 month.", "pth"),
    ("- Remove scopolamine patch in 72 h.", "scopolamine"),
    ("- 14-day Zio patch to quantify AF burden, to be placed this week.", "zio"),
]


@pytest.mark.parametrize(("plan", "words"), OPEN)
def test_an_open_follow_up_of_the_last_note_is_in_the_picture(plan: str, words: str) -> None:
    assert words in _open(_picture(_visit(plan)))


# Lines that must stay out of the follow-ups: advice on when to seek care, today's drug changes.
NOT_OPEN = [
    ("- Return to the ED if fever, chest pain or worsening shortness of breath.", "fever"),
    ("- Call the clinic in 2 weeks if the rash is not better.", "rash"),
    ("- Start lisinopril 10 mg daily.", "lisinopril"),
    ("- Calcium carbonate 600 mg twice daily with meals.", "calcium"),
]


@pytest.mark.parametrize(("plan", "words"), NOT_OPEN)
def test_advice_and_todays_drug_changes_are_not_follow_ups(plan: str, words: str) -> None:
    assert words not in _open(_picture(_visit(plan)))


def test_a_warning_of_the_last_note_is_still_a_warning() -> None:
    picture = _picture(_visit("- Return to the ED if fever or worsening shortness of breath."))
    assert any("fever" in w.text.lower() for w in picture.warning_signs)


def test_a_return_visit_bringing_a_test_stays_open_after_another_services_visit() -> None:
    urology = _visit("- RTC 3 months with PSA.", date(2026, 1, 5))
    therapy = _note(
        "PHYSICAL THERAPY PROGRESS NOTE\nDate: 03/02/2026\n\nAssessment: Stress incontinence "
        "improving.\nPlan: Continue pelvic floor exercises. Re-evaluate in 4 weeks.\n",
        date(2026, 3, 2),
    )
    assert "psa" in _open(_picture(urology, therapy))


@pytest.mark.parametrize("audience", [Audience.PATIENT, Audience.FAMILY])
def test_a_lay_summary_calls_what_happens_next_the_follow_up(audience: Audience) -> None:
    picture = _picture(_visit("- Pulmonology - Dr. Siddiqui in 4 weeks; office will call."))
    request = SummaryRequest(
        audience=audience,
        length=Length.STANDARD,
        focus=None,
        notes=[],
        age=60,
        sex=None,
        picture=picture,
    )
    narrative = compose_narrative(request, picture)
    assert "follow-up" in narrative.lower()
    assert "Pulmonology" in narrative


@pytest.mark.parametrize(
    "plan",
    [
        "- Return to the ED within 48 hours for fever or bleeding.",
        "- Return to ED in 24 hours for fever, vomiting or wound redness.",
        "- Call the clinic within 2 days for chest pain or shortness of breath.",
        "- Seek care within 24 hours for fever > 101.",
        "- Return to ED within 72 hours for new weakness, numbness or trouble speaking.",
    ],
)
def test_a_warning_with_a_window_is_still_a_warning(plan: str) -> None:
    """Reviewer's probes: a window of hours or days does not make a warning a booking."""
    picture = _picture(_visit(plan))
    assert picture.warning_signs, _open(picture)
    assert not picture.follow_ups, _open(picture)


@pytest.mark.parametrize(
    "plan",
    [
        "- Return to clinic in 6 weeks with x-rays.",
        "- Come back in 3 days for recheck of the wound.",
    ],
)
def test_a_dated_return_for_a_check_stays_a_booking(plan: str) -> None:
    assert _picture(_visit(plan)).follow_ups
