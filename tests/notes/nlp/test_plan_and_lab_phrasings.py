"""Follow-ups and lab results written the many ways real documents write them."""

from datetime import date

import pytest

from carechart.notes.nlp import analyse
from tests.notes.nlp.phrasings import FOLLOW_UPS, LABS, TAKEN


def _due_of(text: str, words: str) -> list[date | None]:
    plans = analyse(text, taken_at=TAKEN).plans
    return [p.due for p in plans if words.lower() in p.text.lower()]


@pytest.mark.parametrize(("text", "words", "due"), FOLLOW_UPS)
def test_a_follow_up_is_found_with_its_due_date(text: str, words: str, due: date | None) -> None:
    dues = _due_of(text, words)
    assert dues, f"no plan names {words!r}"
    assert dues[0] == due


@pytest.mark.parametrize(("text", "expected"), LABS)
def test_lab_results_are_read_with_their_units_and_nothing_else(
    text: str, expected: dict[str, tuple[float, str | None]]
) -> None:
    found = {lab.name: (lab.value, lab.unit) for lab in analyse(text).labs}
    assert found == expected
