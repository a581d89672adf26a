"""The local provider: plain language for patients, whole medication lists, current plans."""

import uuid
from datetime import UTC, date, datetime

from carechart.notes.chart import ChartNote, build_chart
from carechart.notes.nlp import analyse
from carechart.summaries.picture import build_picture
from carechart.summaries.providers.base import Audience, Length, SummaryRequest
from carechart.summaries.providers.local import LocalProvider, plain

ADMISSION = (
    "Admission Date: March 3, 2025\nASSESSMENT AND PLAN:\n"
    "1. Acute kidney injury - hold lisinopril, recheck BMP in AM.\n"
    "2. Heart failure - start furosemide 40 mg IV BID.\n"
)
DISCHARGE = (
    "Discharge Date: March 6, 2025\nDISCHARGE MEDICATIONS:\n"
    "- Start torsemide 20 mg PO daily\n- Start empagliflozin 10 mg PO daily\n"
    "- Continue aspirin 81 mg PO daily\n- Continue atorvastatin 80 mg PO qHS\n"
    "- Continue allopurinol 100 mg PO daily\n- Continue carvedilol 25 mg PO BID\n"
    "- Start spironolactone 25 mg PO daily\n"
    "FOLLOW-UP:\n- Cardiology clinic in 1 week.\n"
)


def _note(text: str, day: int) -> ChartNote:
    return ChartNote(
        id=uuid.uuid4(),
        taken_at=datetime(2025, 3, day, tzinfo=UTC),
        note_type="other",
        title=None,
        author=None,
        has_text=True,
        analysis=analyse(text),
    )


def _request(audience: Audience, length: Length) -> SummaryRequest:
    notes = [_note(ADMISSION, 3), _note(DISCHARGE, 6)]
    chart = build_chart(uuid.uuid4(), notes, date(2025, 3, 7))
    picture = build_picture(chart, {}, date(2025, 3, 7))
    return SummaryRequest(
        audience=audience,
        length=length,
        focus=None,
        notes=[],
        age=63,
        sex="male",
        chart=chart,
        picture=picture,
        source_numbers={n.id: i for i, n in enumerate(notes, start=1)},
    )


def test_plain_language_rewrites_phrases_before_words() -> None:
    assert plain("Acute kidney injury") == "a sudden drop in kidney function"
    assert plain("metoprolol 25 mg PO BID") == "metoprolol 25 mg by mouth twice a day"
    assert "sudden on" not in plain("Acute on chronic heart failure")
    assert plain("2 sprays each nostril once daily") == "2 sprays each nostril once a day"
    assert plain("Return to ED for fever > 101") == "go to the emergency room for fever over 101"


async def test_a_standard_summary_lists_every_current_medication() -> None:
    result = await LocalProvider().summarise(_request(Audience.CLINICIAN, Length.STANDARD))
    names = {m.name.lower() for m in result.draft.medications}
    assert {"torsemide", "empagliflozin", "spironolactone", "carvedilol"} <= names
    assert len(names) >= 7


async def test_pending_plans_come_from_the_latest_note_not_the_admission() -> None:
    result = await LocalProvider().summarise(_request(Audience.CLINICIAN, Length.STANDARD))
    plans = " ".join(p.text.lower() for p in result.draft.plans)
    assert "cardiology" in plans
    assert "furosemide 40 mg iv" not in plans


def _hedged_request(audience: Audience) -> SummaryRequest:
    text = (
        "ED NOTE\nASSESSMENT AND PLAN:\n1. Pleuritic chest pain, rule out pulmonary embolism - "
        "CT angiogram.\n2. Essential hypertension - continue amlodipine 5 mg daily.\n"
    )
    notes = [_note(text, 10)]
    chart = build_chart(uuid.uuid4(), notes, date(2025, 3, 11))
    picture = build_picture(chart, {}, date(2025, 3, 11))
    return SummaryRequest(
        audience=audience,
        length=Length.STANDARD,
        focus=None,
        notes=[],
        age=58,
        sex="female",
        chart=chart,
        picture=picture,
        source_numbers={n.id: i for i, n in enumerate(notes, start=1)},
    )


async def test_a_diagnosis_to_rule_out_is_uncertain_never_one_the_patient_is_treated_for() -> None:
    clinician = await LocalProvider().summarise(_hedged_request(Audience.CLINICIAN))
    statuses = {p.name.lower(): p.status for p in clinician.draft.problems}
    assert statuses["pulmonary embolism"] == "uncertain"
    assert statuses["essential hypertension"] == "active"

    patient = await LocalProvider().summarise(_hedged_request(Audience.PATIENT))
    narrative = patient.draft.narrative.lower()
    treating = narrative.split("treating you for:", 1)[1].split("still checking", 1)[0]
    assert "hypertension" in treating or "blood pressure" in treating
    assert "embolism" not in treating
    assert "clot" not in treating
    assert "still checking whether you have" in narrative
