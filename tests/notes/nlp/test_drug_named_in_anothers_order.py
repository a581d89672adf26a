"""A drug named only as the condition of another's order (issue 11): in "Meloxicam: do NOT
resume while on Xarelto" the denial is meloxicam's; Xarelto, resumed earlier in the plan,
stays resumed. Variants written for these tests; neighbours that must not move."""

import pytest

from carechart.notes.nlp import MedicationStatus
from tests.notes.nlp.support import status_of

S = MedicationStatus


@pytest.mark.parametrize(
    "line",
    [
        "- Meloxicam: do NOT resume while on Xarelto (bleeding risk) - discontinue.",
        "- Ibuprofen: do not restart while taking Xarelto.",
    ],
)
def test_a_denial_said_of_another_drug_leaves_the_anticoagulant_resumed(line: str) -> None:
    text = (
        "POST-OP VISIT\nOn hold: Xarelto, meloxicam, ibuprofen\n\nPlan:\n"
        "- Resume Xarelto 20 mg daily with supper tonight.\n"
        f"{line}\n"
    )
    assert status_of(text, "xarelto") is S.RESUMED


def test_the_drug_the_denial_is_said_of_is_not_resumed() -> None:
    text = (
        "POST-OP VISIT\nOn hold: Xarelto, meloxicam\n\nPlan:\n"
        "- Resume Xarelto 20 mg daily with supper tonight.\n"
        "- Meloxicam: do NOT resume while on Xarelto (bleeding risk).\n"
    )
    assert status_of(text, "meloxicam") is not S.RESUMED
