"""An order to stop a drug once something still to come has happened ("stop omeprazole once the
H. pylori course is finished", "stop the aspirin once she is therapeutic on warfarin") leaves
the drug taken for now (`continued`). A stop told in the story ("she stopped the docusate once
she was off oxycodone") and a stop of today are still stops."""

import pytest

from carechart.notes.nlp import MedicationStatus, analyse

_S = MedicationStatus

VISIT = """\
OFFICE VISIT

History: {history}

Medications:
- aspirin 81 mg daily
- omeprazole 20 mg daily
- docusate 100 mg BID
- metoprolol succinate 50 mg daily

Plan:
{plan}
- Continue metoprolol.
"""


def _status(drug: str, plan: str, history: str = "Feels well.") -> _S:
    text = VISIT.format(plan=plan, history=history)
    found = [m for m in analyse(text).medications if drug in m.name.lower()]
    assert len(found) == 1, [m.name for m in analyse(text).medications]
    return found[0].status


@pytest.mark.parametrize(
    ("drug", "plan"),
    [
        ("omeprazole", "- Stop omeprazole once the H. pylori treatment is finished."),
        ("docusate", "- Discontinue docusate once bowels are regular off the opioid."),
        ("aspirin", "- Stop aspirin once she is therapeutic on warfarin."),
    ],
)
def test_a_stop_that_waits_on_an_event_to_come_leaves_the_drug_taken(drug: str, plan: str) -> None:
    assert _status(drug, plan) is _S.CONTINUED


def test_a_stop_told_in_the_story_is_not_a_wait() -> None:
    status = _status(
        "docusate",
        "- Bowel regimen reviewed.",
        history="She stopped the docusate once she was off the oxycodone.",
    )
    assert status is not _S.CONTINUED


def test_a_stop_of_today_is_a_stop() -> None:
    assert _status("aspirin", "- Stop aspirin today (no indication).") is _S.STOPPED
