"""A plan line read as the things to be done: the problem written ahead of its orders ("DM2 -
...", "Smoking cessation: ...") is no part of an item, a long instruction ahead of an order is an
item of its own, and the precautions after a return visit ("or sooner for chest pain") are apart
from the visit; a lead that names who, when or what the item is stays with it."""

from datetime import date

import pytest

from carechart.notes.nlp import Plan, PlanKind, analyse

VISIT = date(2026, 2, 17)


def _plans(text: str) -> list[Plan]:
    return analyse(text, taken_at=VISIT).plans


def _with(text: str, words: str) -> Plan:
    plans = _plans(text)
    found = [p for p in plans if words.lower() in p.text.lower()]
    assert found, [p.text for p in plans]
    return found[0]


@pytest.mark.parametrize(
    ("text", "words", "item"),
    [
        (
            "Assessment and Plan:\n7. DM2 - A1c 7.1; continue Lantus; podiatry next month.",
            "podiatry",
            "A1c 7.1; continue Lantus; podiatry next month.",
        ),
        (
            "Assessment and Plan:\n2. Hyperphosphatemia, uncontrolled (6.8) - renal dietitian "
            "re-education; emphasized sevelamer with every meal.",
            "dietitian",
            "renal dietitian re-education; emphasized sevelamer with every meal.",
        ),
        (
            "Plan:\n- Smoking cessation: start nicotine patch 21 mg daily + quitline referral.",
            "quitline",
            "start nicotine patch 21 mg daily + quitline referral.",
        ),
    ],
)
def test_the_problem_written_ahead_of_a_plan_is_no_part_of_the_item(
    text: str, words: str, item: str
) -> None:
    assert _with(text, words).text == item


@pytest.mark.parametrize(
    ("text", "words", "item"),
    [
        # Who the visit is with.
        (
            "Plan:\n- Pulmonology - Farah Siddiqui, MD - in 4 weeks.",
            "in 4 weeks",
            "Pulmonology - Farah Siddiqui, MD - in 4 weeks.",
        ),
        # The lead is the item; after it, only its state.
        (
            "Plan:\n- Diabetes education class - referral placed.",
            "referral placed",
            "Diabetes education class - referral placed.",
        ),
        # When the orders are for.
        (
            "Plan:\n3. Pre-op: CBC, CMP within 30 days.",
            "CMP",
            "Pre-op: CBC, CMP within 30 days.",
        ),
        # The agency that does it.
        (
            "Plan:\n1. Coastline Home Infusion / OPAT: weekly CBC with differential.",
            "weekly CBC",
            "Coastline Home Infusion / OPAT: weekly CBC with differential.",
        ),
        # A drug and its schedule, or a change to a drug, is the order.
        (
            "Plan:\n1. Botox q12 weeks - next cycle ~06/10/2026.",
            "next cycle",
            "Botox q12 weeks - next cycle ~06/10/2026.",
        ),
        (
            "Plan:\n- Consider increasing topiramate to 75 mg BID - discuss with PCP.",
            "discuss with PCP",
            "Consider increasing topiramate to 75 mg BID - discuss with PCP.",
        ),
    ],
)
def test_a_lead_that_says_who_when_or_what_stays_with_its_item(
    text: str, words: str, item: str
) -> None:
    assert _with(text, words).text == item


@pytest.mark.parametrize(
    ("line", "order"),
    [
        ("- WBAT right lower extremity, anterior hip precautions, PT today.", "PT today."),
        (
            "- Non-weight bearing left leg in the boot, crutches at all times, PT eval today.",
            "PT eval today.",
        ),
    ],
)
def test_a_long_instruction_ahead_of_an_order_is_an_item_of_its_own(line: str, order: str) -> None:
    text = f"OPERATIVE REPORT\nDate of surgery: 02/17/2026\n\nPOSTOPERATIVE PLAN:\n{line}\n"
    plan = _with(text, order)
    assert plan.text == order
    assert plan.due == VISIT


def test_a_long_lead_naming_who_the_visit_is_with_keeps_its_time() -> None:
    text = (
        "Discharge Summary\nDischarge Date: 02/17/2026\n\nFollow-up:\n"
        "- Birchfield Primary Care, Dr. Wenceslas, within 1 week (cellulitis check, BMP)\n"
    )
    plan = _with(text, "Wenceslas")
    assert plan.text.startswith("Birchfield Primary Care, Dr. Wenceslas, within 1 week")
    assert plan.due == date(2026, 2, 24)


def test_a_problem_named_ahead_of_its_order_stays_with_it() -> None:
    text = "Plan:\n- Hyperlipidemia, increase atorvastatin to 40 mg.\n"
    assert _with(text, "atorvastatin").text == "Hyperlipidemia, increase atorvastatin to 40 mg."
    shared = _with("Plan:\n- Repeat lipid panel, LFTs after 3 months.\n", "lipid")
    assert shared.text == "Repeat lipid panel, LFTs after 3 months."
    assert shared.due == date(2026, 5, 17)


@pytest.mark.parametrize(
    ("line", "visit", "due"),
    [
        (
            "- RTC 2 weeks or sooner for chest pain, fainting, or HR >120 at rest.",
            "RTC 2 weeks",
            date(2026, 3, 3),
        ),
        (
            "- Return 4 weeks, sooner if worse; ED if SpO2 < 88% or unable to speak in sentences.",
            "Return 4 weeks",
            date(2026, 3, 17),
        ),
    ],
)
def test_the_precautions_after_a_return_visit_are_apart_from_it(
    line: str, visit: str, due: date
) -> None:
    plans = _plans(f"Plan:\n{line}\n")
    returns = [p for p in plans if p.kind is PlanKind.FOLLOW_UP]
    assert [(p.text, p.due) for p in returns] == [(visit, due)]
    assert any("sooner" in p.text and p.kind is not PlanKind.FOLLOW_UP for p in plans)


def test_precautions_in_brackets_stay_with_their_return_visit() -> None:
    plan = _with("Plan:\n- RTC 4 wks (or sooner if intolerable side effects).\n", "RTC")
    assert plan.text == "RTC 4 wks (or sooner if intolerable side effects)."


@pytest.mark.parametrize(
    ("text", "item"),
    [
        # The service ahead of an appointment line says whom the visit is with.
        (
            "Follow-up appointments:\nOrthopedics - Dr. Lund - 03/15/2026 9:40 AM\n",
            "Orthopedics - Dr. Lund - 03/15/2026 9:40 AM",
        ),
        (
            "Follow-up appointments:\nOrthopaedics - Mr. Khan - 03/02/2026 at 11:00\n",
            "Orthopaedics - Mr. Khan - 03/02/2026 at 11:00",
        ),
        # A problem ahead of its plan still goes.
        (
            "Assessment and Plan:\n3. Ankle sprain - ortho follow-up in 1 week.\n",
            "ortho follow-up in 1 week.",
        ),
    ],
)
def test_an_orthopaedic_service_ahead_of_a_visit_stays_with_it(text: str, item: str) -> None:
    assert item in [p.text for p in _plans(text)]
