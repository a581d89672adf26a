""" "Given" before a reason ("given hives hx -> cefdinir", "given her age, apixaban") is the
preposition: the drug it leads to is ordered by its own words, not given once."""

import pytest

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import medication

_S = MedicationStatus

VISIT = """\
URGENT CARE VISIT

Subjective: 8-year-old with left ear pain for 2 days, fever 38.6.
Objective: bulging left tympanic membrane.

Assessment and plan:
1. Acute otitis media: {plan}
"""


@pytest.mark.parametrize(
    "plan",
    [
        "given hx of hives with amoxicillin -> cefdinir 300 mg PO BID x 10 days. Rx sent to CVS.",
        "given her age and weight, cefdinir 300 mg PO BID x 10 days. Rx sent to CVS.",
        "given recurrent otitis and recent amoxicillin use, cefdinir 300 mg PO BID x 10 days.",
    ],
)
def test_given_before_a_reason_does_not_make_the_prescription_a_dose(plan: str) -> None:
    analysis = analyse(VISIT.format(plan=plan))
    assert medication(analysis, "cefdinir").status is _S.STARTED


def test_a_dose_given_in_the_visit_is_still_given() -> None:
    text = VISIT.format(plan="given ibuprofen 200 mg PO here for pain.")
    assert medication(analyse(text), "ibuprofen").status is _S.GIVEN


def test_a_drug_named_inside_the_reason_is_not_given() -> None:
    text = VISIT.format(
        plan="given recurrent otitis and recent amoxicillin exposure, cefdinir 300 mg PO BID "
        "x 10 days. Rx sent to CVS."
    )
    assert medication(analyse(text), "amoxicillin").status is not _S.GIVEN
