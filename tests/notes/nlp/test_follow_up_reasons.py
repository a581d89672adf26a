"""A plan item says what is to be done and when: the reason written after it ("to rule out
...", "given ...") and an order's status ("- order placed", "(ordered)") are no part of it; the
day it is due still counts, and a reason that holds the item's time stays."""

from datetime import date

import pytest

from carechart.notes.nlp import Plan, analyse

VISIT = date(2026, 2, 17)


def _with(text: str, words: str) -> Plan:
    plans = analyse(text, taken_at=VISIT).plans
    found = [p for p in plans if words.lower() in p.text.lower()]
    assert found, [p.text for p in plans]
    return found[0]


@pytest.mark.parametrize(
    ("text", "words", "item", "due"),
    [
        (
            "Plan:\nRenal ultrasound (formal) to look for structural abnormality given "
            "recurrences - order placed.",
            "renal ultrasound",
            "Renal ultrasound (formal)",
            None,
        ),
        (
            "Plan:\nUpper endoscopy in 2 to 3 weeks given age over 50 and 4 months of symptoms.",
            "endoscopy",
            "Upper endoscopy in 2 to 3 weeks",
            date(2026, 3, 3),
        ),
        (
            "Plan:\nRepeat chest X-ray in 6 weeks to document resolution of the pneumonia "
            "(order placed; PCP to follow).",
            "chest x-ray",
            "Repeat chest X-ray in 6 weeks",
            date(2026, 3, 31),
        ),
        (
            "Plan:\nCT abdomen/pelvis with contrast to rule out abscess (ordered).",
            "ct abdomen",
            "CT abdomen/pelvis with contrast",
            None,
        ),
    ],
)
def test_a_reason_or_status_after_the_item_is_cut(
    text: str, words: str, item: str, due: date | None
) -> None:
    plan = _with(text, words)
    assert plan.text == item
    assert plan.due == due


@pytest.mark.parametrize(
    ("text", "words", "item"),
    [
        # The reason holds the time: it stays.
        (
            "Plan:\nLabs to assess response in 2 weeks.",
            "labs",
            "Labs to assess response in 2 weeks.",
        ),
        # "given" as the verb: the order was handed over.
        (
            "Plan:\nPT referral given to patient.",
            "pt referral",
            "PT referral given to patient.",
        ),
        ("Plan:\nReturn to clinic in 4 weeks.", "return", "Return to clinic in 4 weeks."),
    ],
)
def test_an_item_without_a_reason_tail_is_unchanged(text: str, words: str, item: str) -> None:
    assert _with(text, words).text == item
