"""A plan's items are read for a time once each, so a long run of items ("hives; hives; ...")
costs work in proportion to its length, not to its square. The work is counted (characters the
time reader is given), never timed; `python -m bench.adversarial_scaling` times the adversarial
inputs as ratios."""

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
