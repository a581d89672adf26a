"""`told_only_as`: a drug every mention of which stands in the account of what the encounter
gave or put forward; never one a list, a "continue" or a word sending it home keeps."""

import pytest

from carechart.notes.nlp import analyse


def _told(text: str, drug: str) -> str | None:
    found = [m for m in analyse(text).medications if drug in (m.ingredient or m.name.lower())]
    assert len(found) == 1, [m.name for m in analyse(text).medications]
    return found[0].told_only_as


@pytest.mark.parametrize(
    ("text", "drug", "told"),
    [
        ("HOSPITAL COURSE: Begun on a heparin drip on day 1.\n", "heparin", "given"),
        ("ED Course: Started dexamethasone 10 mg IV for airway edema.\n", "dexamethasone", "given"),
        ("MDM: Will start ketorolac 15 mg IV now and reassess.\n", "ketorolac", "given"),
        (
            "PROCEDURE: Arthrocentesis. Triamcinolone 40 mg injected into the knee.\n",
            "triamcinolone",
            "given",
        ),
        ("RECOMMENDATIONS:\n1. Start colchicine.\n", "colchicine", "proposed"),
        ("Suggestions:\n- Trial of duloxetine.\n", "duloxetine", "proposed"),
        ("Plan:\nOptions: bupropion 150 mg daily or varenicline.\n", "bupropion", "proposed"),
    ],
)
def test_a_drug_told_only_in_the_account_of_the_encounter(text: str, drug: str, told: str) -> None:
    assert _told(text, drug) == told


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        (
            "HOSPITAL COURSE: Started apixaban 5 mg BID.\nDISCHARGE MEDICATIONS:\n"
            "1. Apixaban 5 mg BID\n",
            "apixaban",
        ),
        ("Home medications: sertraline 50 mg daily.\nED course: given sertraline.\n", "sertraline"),
        ("RECOMMENDATIONS:\n1. Continue allopurinol.\n", "allopurinol"),
        ("RECOMMENDATIONS:\n1. Start carvedilol 3.125 mg BID.\n", "carvedilol"),
        (
            "HOSPITAL COURSE: Put on prednisone, to be taken at home for 5 more days.\n",
            "prednisone",
        ),
        ("HOSPITAL COURSE: Started on levetiracetam; discharged on it.\n", "levetiracetam"),
        ("PLAN: Start losartan 25 mg daily.\n", "losartan"),
    ],
)
def test_a_drug_a_list_an_order_or_a_word_keeps_is_not_told_only_at_the_encounter(
    text: str, drug: str
) -> None:
    assert _told(text, drug) is None
