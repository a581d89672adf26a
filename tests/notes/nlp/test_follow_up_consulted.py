"""A plan that says a service is consulted, or names an ultrasound in capitals, asks for it:
the consultant has not seen the patient yet and the scan is still to be done. A consult the
line says has happened ("... recommended EGD", "... who saw him") is not asked for again."""

from datetime import date

import pytest

from carechart.notes.nlp import Plan, PlanKind, analyse

VISIT = date(2026, 2, 17)


def _plans(text: str) -> list[Plan]:
    return analyse(text, taken_at=VISIT).plans


@pytest.mark.parametrize(
    ("text", "item"),
    [
        (
            "Assessment and Plan:\n2. AKI on CKD 3b - prerenal. IV LR 125 mL/h. Renal US. "
            "Nephrology consulted.",
            "Nephrology consulted.",
        ),
        ("Plan:\nID consulted for duration and narrowing.", "ID consulted"),
        ("Plan:\nCardiology has been consulted regarding the new AF.", "Cardiology has been"),
    ],
)
def test_a_service_consulted_in_the_plan_is_a_referral(text: str, item: str) -> None:
    found = [p for p in _plans(text) if p.text.startswith(item)]
    assert [p.kind for p in found] == [PlanKind.REFERRAL]


def test_an_ultrasound_in_capitals_is_an_order() -> None:
    plans = _plans("Assessment and Plan:\n2. AKI on CKD 3b - IV LR 125 mL/h. Renal US.")
    assert [(p.kind, p.text) for p in plans if "US" in p.text] == [(PlanKind.ORDER, "Renal US.")]


@pytest.mark.parametrize(
    "text",
    [
        "Plan:\nNephrology consulted and recommended holding lisinopril.",
        "Plan:\nGI was consulted, who saw her this morning.",
    ],
)
def test_a_consult_told_as_done_is_not_asked_again(text: str) -> None:
    assert not [p for p in _plans(text) if p.kind is PlanKind.REFERRAL]
