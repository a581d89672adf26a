"""An option weighed and then taken (issue 11): "cephalexin vs clindamycin - cephalexin given"
names two drugs, of which the one given was chosen and the other stays an option; the spaced
dash of the prose does not join them into one product. Variants written for these tests;
neighbours that must not move."""

import pytest

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import status_of

S = MedicationStatus

_WEIGHED = [
    "Assessment: cellulitis. Options cephalexin vs clindamycin - cephalexin given 500 mg PO "
    "in clinic.",
    "Plan: consider cephalexin or clindamycin; cephalexin 500 mg PO given here at 14:10, "
    "clindamycin if no better.",
]


@pytest.mark.parametrize("text", _WEIGHED)
def test_the_option_given_was_chosen(text: str) -> None:
    assert status_of(text, "cephalexin") is S.GIVEN


def test_the_option_not_given_stays_proposed() -> None:
    assert status_of(_WEIGHED[0], "clindamycin") is S.PROPOSED


def test_an_option_only_weighed_stays_proposed() -> None:
    text = "Plan: cephalexin vs clindamycin, to decide once the culture is back."
    assert status_of(text, "cephalexin") is S.PROPOSED


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Meds: amlodipine - lisinopril 10 mg daily", {"amlodipine", "lisinopril"}),
        (_WEIGHED[0], {"cephalexin", "clindamycin"}),
    ],
)
def test_a_spaced_dash_between_two_drugs_does_not_make_a_product(
    text: str, names: set[str]
) -> None:
    assert {m.name.lower() for m in analyse(text).medications} == names


def test_a_hyphen_inside_a_product_name_still_joins_it() -> None:
    names = [m.name for m in analyse("Meds: norgestimate-ethinyl estradiol daily").medications]
    assert names == ["norgestimate-ethinyl estradiol"]


_FURTHER_DOSE = (
    "HPI: Admitted with volume overload. The ED gave bumetanide 2 mg IV once at 06:00; urine "
    "output picked up.\n"
    "Plan: strict I/O. If output falls off by evening, consider another dose of bumetanide.\n"
)


def test_one_more_dose_put_forward_leaves_the_drug_given() -> None:
    assert status_of(_FURTHER_DOSE, "bumetanide") is S.GIVEN


def test_one_more_dose_of_a_drug_never_given_stays_proposed() -> None:
    text = "HPI: Admitted with volume overload.\nPlan: consider another dose of bumetanide.\n"
    assert status_of(text, "bumetanide") is S.PROPOSED
