"""Where a drug of eye, ear, mouth or labour-ward care stands beside a percentage, a
concentration or a restatement, it is still that drug: "timolol 0.5% 1 gtt OU", "chlorhexidine
0.12% oral rinse", "bupivacaine 0.1% with fentanyl 2 mcg/mL", "glucosamine" after
"glucosamine-chondroitin"."""

import pytest

from carechart.notes.nlp import analyse


def _ingredients(text: str) -> list[str]:
    return sorted(m.ingredient or m.name for m in analyse(text).medications)


# A percentage before drops, sprays, rinses or a dosing abbreviation is a strength.


@pytest.mark.parametrize(
    ("written", "ingredient"),
    [
        ("dorzolamide 2% 1 gtt OS TID", "dorzolamide"),
        ("latanoprost 0.005% OU at bedtime", "latanoprost"),
        ("betaxolol 0.5% BID", "betaxolol"),
        ("azelastine 0.15% 2 sprays each nostril", "azelastine"),
        ("chlorhexidine 0.12% oral rinse after brushing", "chlorhexidine"),
        ("cyclopentolate 1% for cycloplegia", "cyclopentolate"),
    ],
)
def test_a_percentage_before_a_drop_or_a_rinse_is_a_strength(written: str, ingredient: str) -> None:
    assert _ingredients(f"Medications:\n- {written}\n") == [ingredient]


def test_two_anaesthetics_with_their_percentages_are_both_drugs() -> None:
    text = "Procedure: digital block with lidocaine 2% and bupivacaine 0.25%, 6 mL total.\n"
    assert _ingredients(text) == ["bupivacaine", "lidocaine"]


def test_a_percentage_result_is_still_no_drug() -> None:
    assert _ingredients("Labs: A1c 8.1% and TSAT 14%; ferritin 35.\n") == []


# The second drug of an epidural or PCA mix is written with its concentration.


def test_the_opioid_of_an_epidural_mix_is_a_drug() -> None:
    for text in (
        "Labor: epidural running ropivacaine 0.2% with fentanyl 2 mcg/mL.\n",
        "Labor: epidural infusion of fentanyl 2 mcg/mL at 8 mL/hr.\n",
    ):
        assert "fentanyl" in _ingredients(text), text


def test_a_drug_level_in_micrograms_per_millilitre_is_still_no_drug() -> None:
    assert _ingredients("Levels: phenytoin 14 mcg/mL, carbamazepine 7 mcg/mL.\n") == []


def test_a_joint_supplement_restated_by_one_part_is_one_drug() -> None:
    text = (
        "Medications:\n- glucosamine-chondroitin 750/600 mg 2 caps daily\n"
        "Plan: she may keep taking the glucosamine if it helps.\n"
    )
    assert _ingredients(text) == ["glucosamine / chondroitin"]


def test_a_combination_product_beside_its_ingredient_stays_two_drugs() -> None:
    text = "Medications:\n- Janumet 50/1000 mg BID\n- metformin 500 mg with lunch\n"
    assert _ingredients(text) == ["metformin", "sitagliptin / metformin"]


def test_a_food_or_product_described_by_a_drug_it_holds_is_no_drug() -> None:
    text = (
        "Plan: iron-fortified cereal at breakfast; limit potassium rich foods; avoid other "
        "acetaminophen-containing cold remedies.\n"
    )
    assert _ingredients(text) == []


def test_the_drug_itself_beside_such_a_food_is_still_a_drug() -> None:
    text = "Plan: ferrous sulfate 325 mg daily with orange juice, iron-fortified cereal.\n"
    assert _ingredients(text) == ["ferrous sulfate"]
