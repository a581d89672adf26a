"""A drug the history tells as used before ("Had a methylprednisolone dose pack in 2022") and
the plan gives at this visit ("methylprednisolone acetate 40 mg injected today") is `given`: the
dose of the encounter is the later word in its story. With no dose given now, the past use
stays `historical`."""

import pytest

from carechart.notes.nlp import MedicationStatus
from tests.notes.nlp.support import status_of

_S = MedicationStatus


@pytest.mark.parametrize(
    ("history", "plan", "drug"),
    [
        (
            "HPI: Right knee osteoarthritis. Had a methylprednisolone dose pack in 2022 with"
            " brief relief.",
            "- Right knee injection: methylprednisolone acetate 40 mg injected today under"
            " sterile technique.",
            "methylprednisolone",
        ),
        (
            "HPI: Renal colic again. Previously treated with ketorolac (2021) for a stone.",
            "- Ketorolac 30 mg IM given in clinic today; pain 3/10 after.",
            "ketorolac",
        ),
    ],
)
def test_a_dose_given_today_outweighs_a_past_use(history: str, plan: str, drug: str) -> None:
    text = f"CLINIC VISIT\n\n{history}\n\nAssessment and plan:\n{plan}\n"
    assert status_of(text, drug) is _S.GIVEN


def test_a_past_use_without_a_dose_today_stays_historical() -> None:
    text = (
        "CLINIC VISIT\n\nHPI: Right knee osteoarthritis. Had a methylprednisolone dose pack in"
        " 2022 with brief relief.\n\nAssessment and plan:\n- Start meloxicam 7.5 mg daily with"
        " food.\n"
    )
    assert status_of(text, "methylprednisolone") is _S.HISTORICAL
