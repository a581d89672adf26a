"""The clinical picture both providers start from: as-of date, allergies, changes, follow-ups."""

import uuid
from datetime import UTC, date, datetime

import pytest

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


def _picture(*notes: ChartNote, today: date = TODAY) -> ClinicalPicture:
    chart = build_chart(uuid.uuid4(), list(notes), today)
    return build_picture(chart, {n.id: _TEXTS[n.id] for n in notes}, today)


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


@pytest.mark.parametrize(
    ("first", "later"),
    [
        (
            "Allergies: ciprofloxacin (tendon rupture, 2019).",
            "Would start doxycycline (cipro allergy).",
        ),
        ("ALLERGIES: Penicillin - hives.", "Penicillin allergy noted; cefazolin tolerated before."),
        (
            "Drug allergies: sulfa (rash).",
            "Avoid Bactrim given sulfa allergy.",
        ),
    ],
)
def test_an_allergy_reaction_is_cited_from_the_note_that_states_it(first: str, later: str) -> None:
    """A later note naming the allergen without its reaction must not be cited for the reaction
    an earlier note wrote: the summary's check would find the reaction absent from the quote."""
    earlier = _note(f"Encounter Date: 2024-03-15\n{first}\n" + VISIT[26:], date(2024, 3, 15))
    last = _note(f"Encounter Date: 2024-06-20\n{later}\n" + RECHECK[26:], date(2024, 6, 20))
    (allergy,) = _picture(earlier, last).allergies
    assert allergy.reaction
    assert allergy.cited.note_id == earlier.id
    assert allergy.reaction.lower() in allergy.cited.quote.lower()


def test_an_allergy_without_a_reaction_is_cited_from_its_latest_mention() -> None:
    earlier = _note(
        "Encounter Date: 2024-03-15\nAllergies: codeine.\n" + VISIT[26:], date(2024, 3, 15)
    )
    last = _note(
        "Encounter Date: 2024-06-20\nAllergies: codeine.\n" + RECHECK[26:], date(2024, 6, 20)
    )
    (allergy,) = _picture(earlier, last).allergies
    assert allergy.reaction is None
    assert allergy.cited.note_id == last.id


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


# --- What stays open after later notes -------------------------------------------------------

ORDERS = (
    "Encounter Date: 2024-03-15\n"
    "A: Kidney stone, left.\n"
    "P: Stone analysis ordered after the procedure. Pulmonary rehab referral placed.\n"
    "Hemoglobin A1c every 3 months. Follow up in 2 weeks.\n"
)


def _pending(picture: ClinicalPicture) -> set[str]:
    return {f.text for f in picture.follow_ups}


def test_a_test_or_referral_stays_open_until_a_later_note_names_it() -> None:
    silent = _note(
        "Encounter Date: 2024-04-02\nA: Kidney stone.\nP: Tamsulosin.\n", date(2024, 4, 2)
    )
    pending = _pending(_picture(_note(ORDERS, date(2024, 3, 15)), silent))
    assert "Stone analysis ordered after the procedure" in pending
    assert "Pulmonary rehab referral placed" in pending
    assert "Follow up in 2 weeks" not in pending  # the later visit was that follow-up

    reported = _note(
        "Encounter Date: 2024-04-02\nResults: Stone analysis: calcium oxalate.\n"
        "Pulmonary rehab started last week.\nA: Kidney stone.\n",
        date(2024, 4, 2),
    )
    pending = _pending(_picture(_note(ORDERS, date(2024, 3, 15)), reported))
    assert "Stone analysis ordered after the procedure" not in pending
    assert "Pulmonary rehab referral placed" not in pending


def test_a_recurring_test_stays_open_whatever_later_notes_say() -> None:
    later = _note(
        "Encounter Date: 2024-06-20\nResults: Hemoglobin A1c 7.1.\nA: Diabetes.\n",
        date(2024, 6, 20),
    )
    assert "Hemoglobin A1c every 3 months" in _pending(
        _picture(_note(ORDERS, date(2024, 3, 15)), later)
    )


def test_home_readings_and_a_dated_drug_step_are_follow_ups_and_todays_changes_are_not() -> None:
    visit = (
        "Encounter Date: 2025-03-06\nA: Hypertension. Osteoarthritis.\n"
        "P: Continue to monitor blood pressure at home twice weekly.\n"
        "Finish enoxaparin 03/20/2025, then may restart celecoxib 200 mg daily.\n"
        "Continue lisinopril 20 mg daily. Start amlodipine 5 mg daily.\n"
    )
    pending = _pending(_picture(_note(visit, date(2025, 3, 6)), today=date(2025, 3, 7)))
    assert "Continue to monitor blood pressure at home twice weekly" in pending
    assert any(
        p.startswith("Finish enoxaparin 03/20/2025, then may restart celecoxib") for p in pending
    )
    assert not any("lisinopril" in p or "amlodipine" in p for p in pending)


def test_a_standard_summary_lists_every_open_follow_up_and_a_brief_one_counts_the_rest() -> None:
    plan = "".join(f"Repeat test number {n} in {n} weeks.\n" for n in range(1, 11))
    picture = _picture(
        _note("Encounter Date: 2024-03-15\nA: Anemia.\nP:\n" + plan, date(2024, 3, 15)),
        today=date(2024, 3, 16),
    )
    assert len(picture.follow_ups) == 10
    standard = _narrative(picture, Audience.CLINICIAN, Length.STANDARD)
    assert all(f"test number {n} in {n} weeks" in standard for n in range(1, 11))
    brief = _narrative(picture, Audience.CLINICIAN, Length.BRIEF)
    assert "test number 4 in 4 weeks" in brief
    assert "test number 5 in" not in brief
    assert "and 6 more in the chart" in brief
    lay = _narrative(picture, Audience.PATIENT, Length.BRIEF)
    assert "6 more things to do: ask your care team." in lay


@pytest.mark.parametrize(
    "order",
    ["CT chest in 3 months.", "Sleep study ordered.", "Cardiology referral placed.",
     "Follow-up CT chest in 3 months."],
)  # fmt: skip
def test_unrelated_words_of_a_later_note_close_no_test_or_referral(order: str) -> None:
    asked = _note(f"Encounter Date: 2025-01-02\nA: Cough.\nP: {order}\n", date(2025, 1, 2))
    later = _note(
        "Encounter Date: 2025-03-01\nHPI: Denies chest pain. Sleeping well.\n"
        "Exam: Cardiac exam normal.\nA: Cough, resolved.\n",
        date(2025, 3, 1),
    )
    assert order.rstrip(".") in _pending(_picture(asked, later, today=date(2025, 3, 2)))


def test_a_later_note_naming_the_study_with_its_result_closes_it() -> None:
    asked = _note(
        "Encounter Date: 2025-01-02\nA: Nodule.\nP: CT chest in 3 months.\n", date(2025, 1, 2)
    )
    later = _note(
        "Encounter Date: 2025-04-10\nResults: CT chest 04/05: nodule stable.\nA: Nodule.\n",
        date(2025, 4, 10),
    )
    assert "CT chest in 3 months" not in _pending(_picture(asked, later, today=date(2025, 4, 11)))


DERMATOLOGY = (
    "Lakeside Dermatology\nEncounter Date: 2026-10-01\n"
    "A: Plaque psoriasis, improving.\n"
    "P: Continue clobetasol ointment twice daily to plaques. Return in 12 weeks.\n"
)


def test_a_bare_return_visit_names_the_service_it_returns_to() -> None:
    note = _note(DERMATOLOGY, date(2026, 10, 1))
    chart = build_chart(uuid.uuid4(), [note], TODAY)
    back = next(f for f in chart.follow_ups if f.text.startswith("Return in 12 weeks"))
    assert back.service == "Dermatology"  # the chart keeps the text as written
    picture = _picture(note)
    assert "Dermatology: return in 12 weeks" in _pending(picture)
    clinician = _narrative(picture, Audience.CLINICIAN, Length.STANDARD)
    assert "Dermatology: return in 12 weeks" in clinician


def test_a_return_visit_of_a_note_without_a_service_reads_as_written() -> None:
    picture = _picture(_note(VISIT, date(2024, 3, 15)))
    assert "RTC 3 months" in _pending(picture)
    assert not any(":" in text for text in _pending(picture))
