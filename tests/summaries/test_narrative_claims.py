"""The verifier reads a narrative's drug claims as a clinician would: a lab dated "on" a day is
no drug taken, a number in a drug's name is no dose, while a stopped drug called current and an
invented dose are still caught."""

import uuid
from datetime import UTC, date, datetime

import pytest

from carechart.notes.chart import ChartNote, build_chart
from carechart.notes.nlp import analyse
from carechart.summaries.picture import build_picture
from carechart.summaries.verify import Evidence, Identity, SourceText, check_narrative

FIRST = (
    "Encounter Date: 2025-03-04\n"
    "A: Hypokalemia.\n"
    "P: Start potassium chloride 20 mEq PO daily. Continue metformin 1000 mg PO BID.\n"
)
LATER = (
    "Encounter Date: 2025-03-25\n"
    "Labs: Potassium 4.1.\n"
    "A: Hypokalemia, resolved.\n"
    "P: Stop potassium chloride. Continue metformin 1000 mg PO BID.\n"
    "Constipation: continue polyethylene glycol as needed; Humulin 70/30 per home routine.\n"
)
TODAY = date(2025, 3, 25)


def _evidence() -> Evidence:
    notes, sources = [], []
    for text, day in ((FIRST, date(2025, 3, 4)), (LATER, TODAY)):
        taken = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
        note = ChartNote(uuid.uuid4(), taken, "follow_up", None, None, True, analyse(text))
        notes.append(note)
        sources.append(SourceText(note.id, taken, (text,)))
    chart = build_chart(uuid.uuid4(), notes, TODAY)
    picture = build_picture(chart, {s.id: s.texts[0] for s in sources}, TODAY)
    return Evidence(sources, chart, picture, Identity(("Ann", "Lee"), "1", date(1960, 1, 1)))


@pytest.mark.parametrize(
    "narrative",
    [
        "Key results: Potassium 4.1 on 2025-03-25.",
        "Potassium was 4.1 on March 25, 2025.",
        "potassium 4.1 on Tue 3/25/2025; metformin continued.",
        "Potassium chloride was stopped on 2025-03-25.",
        "Recheck potassium and decide on potassium chloride.",
        "Whether potassium chloride is needed depends on the level.",
    ],
)
def test_a_lab_or_a_stop_dated_on_a_day_is_no_stopped_drug_called_current(narrative: str) -> None:
    assert "describes a stopped drug as current" not in check_narrative(
        narrative, _evidence(), [], 64
    )


@pytest.mark.parametrize(
    "narrative",
    [
        "She remains on potassium chloride 20 mEq daily.",
        "Current: Potassium chloride 20 mEq PO daily.",
        "He is taking potassium chloride and metformin.",
    ],
)
def test_a_stopped_drug_called_current_is_still_caught(narrative: str) -> None:
    reasons = check_narrative(narrative, _evidence(), [], 64)
    assert "describes a stopped drug as current" in reasons


@pytest.mark.parametrize(
    "narrative",
    [
        "Current: polyethylene glycol 3350 PRN [2].",
        "She uses PEG 3350 as needed.",
        "Continues Humulin 70/30 per her home routine.",
    ],
)
def test_a_number_in_a_drugs_name_is_no_dose(narrative: str) -> None:
    assert "states a number or dose nothing backs" not in check_narrative(
        narrative, _evidence(), [], 64
    )


@pytest.mark.parametrize(
    "narrative",
    ["Current: polyethylene glycol 3350 17 g daily.", "Takes Humulin 70/30 22 units twice daily."],
)
def test_a_dose_after_a_numbered_name_must_still_be_backed(narrative: str) -> None:
    assert "states a number or dose nothing backs" in check_narrative(
        narrative, _evidence(), [], 64
    )


def _evidence_of(text: str) -> Evidence:
    taken = datetime(TODAY.year, TODAY.month, TODAY.day, 9, tzinfo=UTC)
    note = ChartNote(uuid.uuid4(), taken, "follow_up", None, None, True, analyse(text))
    chart = build_chart(uuid.uuid4(), [note], TODAY)
    picture = build_picture(chart, {note.id: text}, TODAY)
    source = SourceText(note.id, taken, (text,))
    return Evidence([source], chart, picture, Identity(("Ann", "Lee"), "1", date(1960, 1, 1)))


@pytest.mark.parametrize(
    ("frequency", "lay"),
    [("q8h PRN nausea", "every 8 hours when needed"), ("Q12H", "every 12 hours")],
)
def test_the_hours_of_a_chart_frequency_back_a_lay_every_n_hours(frequency: str, lay: str) -> None:
    evidence = _evidence_of(
        f"Encounter Date: 2025-03-25\nP: Continue ondansetron 4 mg PO {frequency}.\n"
    )
    reasons = check_narrative(f"Medicines you take now: ondansetron 4 mg {lay}.", evidence, [], 64)
    assert "states a number or dose nothing backs" not in reasons


def test_hours_the_chart_frequency_does_not_give_are_still_unbacked() -> None:
    evidence = _evidence_of("Encounter Date: 2025-03-25\nP: Continue ondansetron 4 mg PO q8h.\n")
    reasons = check_narrative("Takes ondansetron 4 mg every 6 hours.", evidence, [], 64)
    assert "states a number or dose nothing backs" in reasons


def test_a_chart_drug_named_by_its_ingredients_is_backed_by_the_product_the_note_named() -> None:
    first = (
        "Encounter Date: 2025-03-04\n"
        "Medications: Nephro-Vite 1 tab daily; amlodipine 10 mg daily.\n"
        "A: ESKD on dialysis.\n"
    )
    taken = datetime(2025, 3, 4, 9, tzinfo=UTC)
    note = ChartNote(uuid.uuid4(), taken, "follow_up", None, None, True, analyse(first))
    chart = build_chart(uuid.uuid4(), [note], TODAY)
    picture = build_picture(chart, {note.id: first}, TODAY)
    evidence = Evidence(
        [SourceText(note.id, taken, (first,))],
        chart,
        picture,
        Identity(("Ann", "Lee"), "1", date(1960, 1, 1)),
    )
    named = "Current: b complex / vitamin c / folic acid 1 tab daily; amlodipine 10 mg daily."
    assert "names a drug no note or checked item mentions" not in check_narrative(
        named, evidence, [], 64
    )
    invented = "Current: b complex / vitamin c / folic acid 1 tab daily; warfarin 5 mg daily."
    assert "names a drug no note or checked item mentions" in check_narrative(
        invented, evidence, [], 64
    )


def _evidence_with(text: str, day: date) -> Evidence:
    taken = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    note = ChartNote(uuid.uuid4(), taken, "follow_up", None, None, True, analyse(text))
    chart = build_chart(uuid.uuid4(), [note], day)
    picture = build_picture(chart, {note.id: text}, day)
    source = SourceText(note.id, taken, (text,))
    return Evidence([source], chart, picture, Identity(("Ann", "Lee"), "1", date(1960, 1, 1)))


BOOKED_DAY_FIRST = (
    "Date of clinic: 09/07/2026\n"
    "Plan: Ophthalmology review as booked 20/08/2026. Continue latanoprost nightly.\n"
)


@pytest.mark.parametrize(
    "narrative",
    [
        "Follow-up: Ophthalmology review as booked 20/08/2026 (upcoming 2026-08-20).",
        "Ophthalmology review on August 20, 2026.",
    ],
)
def test_a_day_first_date_the_note_writes_backs_the_narrative(narrative: str) -> None:
    # "20/08/2026" can only be day first: the note's own date, quoted or restated, is no invention.
    evidence = _evidence_with(BOOKED_DAY_FIRST, date(2026, 7, 9))
    assert "states a date the notes do not" not in check_narrative(narrative, evidence, [], 66)


@pytest.mark.parametrize(
    "narrative",
    [
        "Ophthalmology review on 21/08/2026.",
        "Ophthalmology review on 2026-08-21.",
        "Ophthalmology review on 08/21/2026.",
        "Ophthalmology review on 25/13/2026.",
    ],
)
def test_a_date_the_notes_do_not_write_is_still_caught(narrative: str) -> None:
    evidence = _evidence_with(BOOKED_DAY_FIRST, date(2026, 7, 9))
    assert "states a date the notes do not" in check_narrative(narrative, evidence, [], 66)
