"""A plan's items are read for a time once each, so a long run of items ("hives; hives; ...")
costs work in proportion to its length, not to its square. The work is counted (characters the
time reader is given), never timed; `python -m bench.adversarial_scaling` times the adversarial
inputs as ratios."""

import re

import pytest

from carechart.notes.nlp import analyse, plans
from carechart.notes.nlp.document import Document
from carechart.notes.nlp.text import Seg

VISIT = "Date of Service: 03/06/2025\n"


def _characters_read(monkeypatch: pytest.MonkeyPatch, text: str) -> int:
    read = 0
    timed = plans._timed

    def counting(doc: Document, seg: Seg) -> bool:
        nonlocal read
        read += seg.end - seg.start
        return timed(doc, seg)

    with monkeypatch.context() as patch:
        patch.setattr(plans, "_timed", counting)
        analyse(text)
    return read


@pytest.mark.parametrize(
    "item",
    ["hives; ", "itching; ", "repeat CBC; ", "hives, ", "- hives\n"],
)
def test_a_plan_four_times_longer_is_read_for_times_at_most_about_four_times(
    monkeypatch: pytest.MonkeyPatch, item: str
) -> None:
    small = _characters_read(monkeypatch, VISIT + "Plan:\n" + item * 200)
    large = _characters_read(monkeypatch, VISIT + "Plan:\n" + item * 800)
    assert small > 0
    assert large <= 5 * small, f"4x the plan read {large / small:.1f}x the characters"


class _CountingPattern:
    """A pattern's stand-in that counts the characters each search is given."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.read = 0

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        self.read += max(0, end - pos)
        return self.pattern.search(text, pos, end)


@pytest.mark.parametrize("item", ["possible discharge tomorrow, ", "if stable, discharge today; "])
def test_a_line_of_discharge_days_four_times_longer_is_read_for_hedges_about_four_times(
    monkeypatch: pytest.MonkeyPatch, item: str
) -> None:
    def hedge_reads(count: int) -> int:
        counting = _CountingPattern(plans._HEDGED)
        with monkeypatch.context() as patch:
            patch.setattr(plans, "_HEDGED", counting)
            analyse(VISIT + "Plan: " + item * count + "\nPCP within 1 week of discharge.")
        return counting.read

    small, large = hedge_reads(200), hedge_reads(800)
    assert small > 0
    assert large <= 5 * small, f"4x the line read {large / small:.1f}x the characters"
