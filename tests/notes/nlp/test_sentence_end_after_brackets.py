"""A period after a closing bracket ends its sentence, whatever the bracket holds ("BMP in 2
weeks (on HCTZ, K 3.6). RTC 3 months." is two): a decimal or an abbreviation inside the
brackets is no abbreviation of the period after them."""

from datetime import date

import pytest

from carechart.notes.nlp import analyse
from carechart.notes.nlp.text import sentences


@pytest.mark.parametrize(
    "text",
    [
        "BMP in 2 weeks (K 3.6). RTC 3 months.",
        "Repeat A1c in 3 months (last 7.2). Follow up with PCP in 1 week.",
        "Start iron (ferritin 8.5 ng/mL). Recheck CBC in 6 weeks.",
        "Continue metoprolol (25 mg b.i.d.). Return in 2 weeks.",
    ],
)
def test_a_period_after_a_closing_bracket_ends_the_sentence(text: str) -> None:
    assert len(sentences(text, 0, len(text))) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Seen with Dr. Maria K. Owens today. Doing well.",
        "Given acetaminophen 650 mg p.o. q.6h. p.r.n. pain.",
    ],
)
def test_initials_and_dotted_abbreviations_still_do_not_end_one(text: str) -> None:
    assert len(sentences(text, 0, len(text))) == (2 if "Owens" in text else 1)


def test_a_return_visit_after_a_bracketed_value_keeps_its_own_due_date() -> None:
    text = "Date of Service: 03/06/2025\nPlan:\nBMP in 2 weeks (on HCTZ, K 3.6). RTC 3 months.\n"
    dues = {p.text: p.due for p in analyse(text).plans}
    assert dues["RTC 3 months."] == date(2025, 6, 6)
