"""A health-maintenance list's screenings and vaccines due ahead are plan items, as is the
annual exam booked a year on; those told as given, done or up to date are not."""

from datetime import date

import pytest

from carechart.notes.nlp import analyse

_NOTE = """ANNUAL WELLNESS VISIT
Date of Service: 05/12/2025

ASSESSMENT AND PLAN
1. Health maintenance, 62 y/o male.
   - {line}
2. Hypertension - continue amlodipine 5 mg daily.
"""


def _plans(line: str) -> dict[str, date | None]:
    return {p.text: p.due for p in analyse(_NOTE.format(line=line)).plans}


@pytest.mark.parametrize(
    ("line", "due"),
    [
        ("Second Shingrix dose in 2 months.", date(2025, 7, 12)),
        ("Lung cancer screening: LDCT negative 04/2025, next due in 1 year.", date(2026, 5, 12)),
        ("Pneumococcal (PCV20) due at 65.", None),
        ("Prostate cancer screening: PSA normal 2024, next due 2026.", None),
    ],
)
def test_a_screening_or_vaccine_due_ahead_is_a_plan_item(line: str, due: date | None) -> None:
    plans = _plans(line)
    assert line in plans
    assert plans[line] == due


@pytest.mark.parametrize(
    "line",
    [
        "Tdap given today.",
        "Cervical cancer screening: co-test up to date.",
        "Shingrix series received at the pharmacy in 2024.",
    ],
)
def test_a_screening_or_vaccine_told_as_done_is_no_plan_item(line: str) -> None:
    assert line not in _plans(line)


def test_an_annual_exam_a_year_on_is_a_follow_up() -> None:
    text = "Date of Service: 05/12/2025\nAssessment: Well adult.\nWellness exam in 12 months.\n"
    [plan] = [p for p in analyse(text).plans if "Wellness exam" in p.text]
    assert (plan.kind.value, plan.due) == ("follow_up", date(2026, 5, 12))
