"""A conditional proposal whose condition holds an aside ("If headaches persist despite maximal
propranolol, could add topiramate") still proposes the drug after its verb: the aside is of the
condition. An aside between the proposal and the drug still sets the drug apart."""

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import medication

_S = MedicationStatus


def test_an_aside_inside_the_condition_leaves_the_drug_proposed() -> None:
    analysis = analyse(
        "Medications: propranolol 40 mg BID.\n\n"
        "Plan: If headaches persist despite maximal propranolol, could add topiramate 25 mg "
        "nightly.\n"
    )
    assert medication(analysis, "topiramate").status is _S.PROPOSED


def test_an_aside_after_the_proposal_still_sets_the_drug_apart() -> None:
    analysis = analyse(
        "Current medications: escitalopram 10 mg daily.\n"
        "Plan: Could consider bupropion augmentation later, because weight gain was worse "
        "than with escitalopram.\n"
    )
    assert medication(analysis, "escitalopram").status is _S.CONTINUED
