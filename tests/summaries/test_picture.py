"""The clinical picture both providers start from: as-of date, allergies, changes, follow-ups."""

import uuid
from datetime import UTC, date, datetime

from carechart.notes.chart import ChartNote, build_chart
from carechart.notes.nlp import analyse
from carechart.summaries.picture import ClinicalPicture, build_picture
from carechart.summaries.providers.base import Audience, Length, SummaryRequest
from carechart.summaries.providers.local import compose_narrative

VISIT = (
    "Encounter Date: 2024-03-15\n"
    "A: Hyperlipidemia.\n"
    "P: Start atorvastatin 20 mg PO daily. Repeat lipid panel in 6 weeks. RTC 3 months.\n"
)
RECHECK = "Encounter Date: 2024-06-20\nA: Hyperlipidemia.\nP: Continue atorvastatin 20 mg daily.\n"
TODAY = date(2026, 11, 29)


def _note(text: str, when: date) -> ChartNote:
    return ChartNote(
        id=uuid.uuid4(),
        taken_at=datetime(when.year, when.month, when.day, 9, tzinfo=UTC),
        note_type="follow_up",
        title=None,
        author=None,
        has_text=True,
        analysis=analyse(text),
    )


def _picture(*notes: ChartNote, today: date = TODAY) -> ClinicalPicture:
    chart = build_chart(uuid.uuid4(), list(notes), today)
    return build_picture(chart, {}, today)


def _narrative(picture: ClinicalPicture, audience: Audience, length: Length) -> str:
    request = SummaryRequest(
        audience=audience,
        length=length,
        focus=None,
        notes=[],
        age=50,
        sex=None,
        picture=picture,
    )
    return compose_narrative(request, picture)


def test_past_due_follow_ups_are_kept_and_shown_as_overdue() -> None:
    picture = _picture(_note(VISIT, date(2024, 3, 15)))
    states = {f.text: (f.state, f.due) for f in picture.follow_ups}
    assert states["RTC 3 months"] == ("overdue", date(2024, 6, 15))
    clinician = _narrative(picture, Audience.CLINICIAN, Length.BRIEF)
    assert "RTC 3 months (OVERDUE 2024-06-15)" in clinician
    patient = _narrative(picture, Audience.PATIENT, Length.STANDARD)
    assert "This is late. It was due on June 15, 2024." in patient


def test_follow_up_states_follow_today() -> None:
    picture = _picture(_note(VISIT, date(2024, 3, 15)), today=date(2024, 6, 10))
    states = {f.text: f.state for f in picture.follow_ups}
    assert states["RTC 3 months"] == "due"
    assert states["Repeat lipid panel in 6 weeks"] == "overdue"
    early = _picture(_note(VISIT, date(2024, 3, 15)), today=date(2024, 3, 16))
    assert {f.text: f.state for f in early.follow_ups}["RTC 3 months"] == "upcoming"


def test_a_later_visit_closes_the_follow_up_it_fulfils() -> None:
    picture = _picture(_note(VISIT, date(2024, 3, 15)), _note(RECHECK, date(2024, 6, 20)))
    assert "RTC 3 months" not in {f.text for f in picture.follow_ups}


def test_as_of_date_and_its_age_are_stated_for_every_audience() -> None:
    picture = _picture(_note(VISIT, date(2024, 3, 15)))
    assert picture.as_of == date(2024, 3, 15)
    assert picture.age_text() == "2 years 8 months ago"
    assert "As of 2024-03-15 (2 years 8 months ago; 1 note)" in _narrative(
        picture, Audience.CLINICIAN, Length.STANDARD
    )
    for audience in (Audience.PATIENT, Audience.FAMILY):
        text = _narrative(picture, audience, Length.BRIEF)
        assert text.startswith("This summary is based on notes up to March 15, 2024")


def test_allergies_are_always_stated_even_when_not_documented() -> None:
    undocumented = _picture(_note(VISIT, date(2024, 3, 15)))
    assert undocumented.allergy_state == "not_documented"
    assert "Allergies: not documented." in _narrative(
        undocumented, Audience.CLINICIAN, Length.BRIEF
    )
    nkda = _picture(
        _note("Encounter Date: 2024-03-15\nAllergies: NKDA\n" + VISIT[26:], date(2024, 3, 15))
    )
    assert nkda.allergy_state == "no_known"
    assert "no known drug allergies" in _narrative(nkda, Audience.CLINICIAN, Length.BRIEF)
    assert "You have no known drug allergies." in _narrative(nkda, Audience.PATIENT, Length.BRIEF)


def test_sex_unknown_never_prints_a_placeholder() -> None:
    text = _narrative(_picture(_note(VISIT, date(2024, 3, 15))), Audience.CLINICIAN, Length.BRIEF)
    assert text.startswith("50-year-old patient with Hyperlipidemia")
    assert "unknown" not in text.lower()


def test_what_changed_at_the_last_encounter_is_named() -> None:
    picture = _picture(_note(VISIT, date(2024, 3, 15)))
    assert [m.name for m in picture.current_medications if m.changed_at_last_encounter] == [
        "atorvastatin"
    ]
    text = _narrative(picture, Audience.CLINICIAN, Length.STANDARD)
    assert "Changed at the last encounter: started atorvastatin" in text


def test_a_brief_summary_keeps_every_current_medication_and_the_allergies() -> None:
    visit = (
        "Encounter Date: 2024-03-15\nAllergies: Penicillin (hives).\n"
        "A: Type 2 diabetes mellitus.\n"
        "P: Continue metformin 500 mg PO BID. Continue lisinopril 10 mg PO daily. "
        "Continue atorvastatin 40 mg PO daily. Continue aspirin 81 mg PO daily.\n"
    )
    picture = _picture(_note(visit, date(2024, 3, 15)))
    for audience in Audience:
        text = _narrative(picture, audience, Length.BRIEF).lower()
        for drug in ("metformin", "lisinopril", "atorvastatin", "aspirin"):
            assert drug in text
        assert "penicillin" in text
        assert "allergic" in text or "allergies" in text


def test_a_focus_comes_first_after_the_as_of_date() -> None:
    picture = _picture(_note(VISIT, date(2024, 3, 15)))
    request = SummaryRequest(
        audience=Audience.PATIENT,
        length=Length.STANDARD,
        focus="medications",
        notes=[],
        age=50,
        sex=None,
        picture=picture,
    )
    lines = compose_narrative(request, picture).splitlines()
    assert lines[0].startswith("This summary is based on notes up to March 15, 2024")
    assert lines[1] == "Medicines you take now:"
