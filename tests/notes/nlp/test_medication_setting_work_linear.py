"""Where each medication mention stands (under "Options:", "RECOMMENDATIONS", a course) is looked
up from the note's labels found once, so a note of 1,000 identical medication lines costs work
in proportion to its length, not to its square. The work is counted (characters the label and
blank-line patterns are given), never timed; `python -m bench.adversarial_scaling` times it."""

import pytest

from carechart.notes.nlp import analyse, medication_setting
from carechart.notes.nlp.medication_setting import suggestion_at
from tests.notes.nlp.counting import Counting

_PATTERNS = ("_LINE_LABEL", "_BLANK_LINE", "_BLANK_START")


def _characters_read(monkeypatch: pytest.MonkeyPatch, text: str) -> int:
    counters = [Counting(getattr(medication_setting, name)) for name in _PATTERNS]
    with monkeypatch.context() as patch:
        for name, counter in zip(_PATTERNS, counters, strict=True):
            patch.setattr(medication_setting, name, counter)
        medication_setting._lines.cache_clear()
        analyse(text)
    return sum(counter.read for counter in counters)


@pytest.mark.parametrize(
    ("heading", "line"),
    [
        ("Medications:\n", "aspirin 81 mg PO daily\n"),
        ("RECOMMENDATIONS:\n", "- consider apixaban 5 mg BID\n"),
        ("Plan:\n", "Start metformin 500 mg daily.\n"),
        ("Hospital Course:\n", "Given heparin 5000 units SQ.\n"),
        ("Options discussed:\n", "1. sertraline 50 mg\n\n"),
    ],
)
def test_a_medication_list_four_times_longer_is_scanned_about_four_times(
    monkeypatch: pytest.MonkeyPatch, heading: str, line: str
) -> None:
    small = _characters_read(monkeypatch, heading + line * 200)
    large = _characters_read(monkeypatch, heading + line * 800)
    assert small > 0
    assert large <= 5 * small, f"4x the lines scanned {large / small:.1f}x the characters"


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Options:\n- apixaban", "apixaban", "offered"),
        ("Assessment:\nRecommendations: apixaban", "apixaban", "recommended"),
        ("Options:\n\n- apixaban", "apixaban", None),  # a blank line ends the label's reach
        ("Options:\nPlan: apixaban", "apixaban", None),  # the last label is the plan's
        ("Plan:\n2. Suggestions - apixaban", "apixaban", "offered"),
        ("Options:\n \r\n- apixaban", "apixaban", None),
    ],
)
def test_the_last_label_of_the_paragraph_before_a_mention_says_what_it_puts_forward(
    text: str, name: str, expected: str | None
) -> None:
    assert suggestion_at(text, "", 0, text.index(name)) == expected
    assert suggestion_at(text, "RECOMMENDATIONS", text.index(name), text.index(name)) == (
        "recommended"
    )
