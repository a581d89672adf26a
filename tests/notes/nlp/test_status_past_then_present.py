"""A drug's past told before its present in one story (issue 11): "underwent aspirin
desensitization in 2021 ... takes aspirin 81 mg daily since" leaves the drug taken now, the
later present tense being where it stands. Variants written for these tests; neighbours that
must not move."""

import pytest

from carechart.notes.nlp import MedicationStatus
from tests.notes.nlp.support import status_of

S = MedicationStatus


@pytest.mark.parametrize(
    "text",
    [
        "History: Underwent aspirin desensitization in 2021 for AERD and takes aspirin 81 mg "
        "daily since.",
        "HPI: Aspirin desensitization in 2021; she is still taking aspirin 325 mg twice daily "
        "since then.",
    ],
)
def test_a_drug_taken_since_a_past_event_is_taken_now(text: str) -> None:
    assert status_of(text, "aspirin") is S.CONTINUED


def test_a_drug_tried_in_the_past_beside_another_taken_now_stays_historical() -> None:
    text = "HPI: Was on sertraline in 2019, stopped for nausea. Now takes escitalopram 10 mg."
    assert status_of(text, "sertraline") is S.HISTORICAL
    assert status_of(text, "escitalopram") is S.CONTINUED


def test_a_present_tense_before_the_past_does_not_undo_it() -> None:
    text = "HPI: Takes aspirin for years. Stopped aspirin in 2019 after a GI bleed."
    assert status_of(text, "aspirin") is not S.CONTINUED
