"""A summary carries what the chart holds: every active problem and open follow-up, whatever
the note called the line, and a condition named after a drug is a problem, not a prescription."""

import uuid
from datetime import UTC, date, datetime

import pytest

from carechart.notes.chart import ChartNote, build_chart
from carechart.notes.nlp import analyse
from carechart.summaries.picture import ClinicalPicture, build_picture
from carechart.summaries.providers.base import Audience, Length, SummaryRequest
from carechart.summaries.providers.local import compose_draft, compose_narrative

VISIT_DAY = date(2025, 5, 6)


def _picture(text: str, today: date = date(2025, 5, 7)) -> ClinicalPicture:
    note = ChartNote(
        id=uuid.uuid4(),
        taken_at=datetime(VISIT_DAY.year, VISIT_DAY.month, VISIT_DAY.day, 9, tzinfo=UTC),
        note_type="follow_up",
        title=None,
        author=None,
        has_text=True,
        analysis=analyse(text),
    )
    chart = build_chart(uuid.uuid4(), [note], today)
    return build_picture(chart, {note.id: text}, today)


def _request(picture: ClinicalPicture, length: Length, audience: Audience) -> SummaryRequest:
    return SummaryRequest(
        audience=audience, length=length, focus=None, notes=[], age=60, sex=None, picture=picture
    )


def _visit(assessment: str, plan: str) -> str:
    return f"Encounter Date: {VISIT_DAY.isoformat()}\nAssessment:\n{assessment}\nPlan:\n{plan}\n"


@pytest.mark.parametrize(
    "condition",
    [
        "Iron deficiency anemia",
        "Vitamin B12 deficiency",
        "Warfarin-associated coagulopathy",
        "Steroid-induced hyperglycemia",
        "Aspirin-exacerbated respiratory disease",
        "Opioid use disorder",
    ],
)
def test_a_condition_named_after_a_drug_is_an_active_problem_of_the_summary(
    condition: str,
) -> None:
    picture = _picture(_visit(f"1. {condition}.\n2. Hypertension.", "Follow up in 3 months."))
    assert condition in {p.text for p in picture.problems if p.state == "active"}
    narrative = compose_narrative(_request(picture, Length.STANDARD, Audience.CLINICIAN), picture)
    assert condition in narrative


def test_a_standard_summary_names_every_active_problem_and_a_brief_one_counts_the_rest() -> None:
    problems = [
        "Hypertension", "Type 2 diabetes mellitus", "Hyperlipidemia", "Gout", "Hypothyroidism",
        "Depression", "Obstructive sleep apnea", "GERD", "Osteoarthritis of knees",
        "Chronic kidney disease stage 3", "Atrial fibrillation", "Benign prostatic hyperplasia",
    ]  # fmt: skip
    assessment = "\n".join(f"{n}. {p}." for n, p in enumerate(problems, start=1))
    picture = _picture(_visit(assessment, "Return in 3 months."))
    active = [p.text for p in picture.problems if p.state == "active"]
    assert len(active) >= 10
    request = _request(picture, Length.STANDARD, Audience.CLINICIAN)
    standard = compose_narrative(request, picture)
    assert all(p in standard for p in active)
    assert {p.name for p in compose_draft(request, picture).problems} >= set(active)
    brief = compose_draft(_request(picture, Length.BRIEF, Audience.CLINICIAN), picture)
    assert len([p for p in brief.problems if p.status == "active"]) == 4


@pytest.mark.parametrize(
    ("plan", "what"),
    [
        ("Outpatient pulmonary rehabilitation.", "pulmonary rehabilitation"),
        ("Physiotherapy twice weekly, outpatient.", "physiotherapy"),
        ("Postpartum visit with the midwife at 6 weeks.", "postpartum visit"),
        ("Cataract surgery consultation after the glaucoma workup.", "cataract surgery"),
        ("Tdap booster due 2029.", "tdap"),
        ("Lithium level and BMP in 1 week.", "lithium level"),
        ("Continue alendronate 70 mg weekly. Repeat DEXA in 2 years.", "dexa"),
        ("Continue warfarin 5 mg daily; check INR in 5 days.", "inr"),
    ],
)
def test_a_visit_test_or_therapy_the_patient_is_sent_to_is_an_open_follow_up(
    plan: str, what: str
) -> None:
    picture = _picture(_visit("1. Hypertension.", plan))
    assert any(what in f.text.lower() for f in picture.follow_ups), picture.follow_ups
    clinician = _request(picture, Length.STANDARD, Audience.CLINICIAN)
    assert what in compose_narrative(clinician, picture).lower()
    for audience in Audience:
        request = _request(picture, Length.STANDARD, audience)
        assert len(compose_draft(request, picture).plans) == len(picture.follow_ups)
        if audience is not Audience.CLINICIAN:  # in plain words ("lung rehabilitation")
            narrative = compose_narrative(request, picture)
            assert "What happens next (follow-up visits and tests):" in narrative


@pytest.mark.parametrize(
    "plan",
    [
        "Continue lisinopril 20 mg daily.",
        "Stop warfarin; INR was 3.1 today.",
        "Start amlodipine 5 mg daily.",
        "Potassium was 4.1 today.",
    ],
)
def test_todays_drug_changes_results_and_advice_are_not_follow_ups(plan: str) -> None:
    assert _picture(_visit("1. Hypertension.", plan)).follow_ups == []
