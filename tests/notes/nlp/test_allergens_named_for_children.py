"""A product named for a child is an allergen ("Infant formula (hives)", "Infant's Tylenol
(rash)"); a time of life split off an item ("as a child") is not."""

from carechart.notes.nlp import analyse


def _allergens(text: str) -> list[str]:
    return [a.substance for a in analyse("Encounter Date: 2025-03-04\n" + text).allergies]


def test_a_product_named_for_infants_is_an_allergen() -> None:
    assert _allergens("Allergies: Infant formula (hives); Infant's Tylenol (rash)\n") == [
        "Infant formula",
        "Infant's Tylenol",
    ]


def test_a_time_of_life_split_off_an_item_is_no_allergen() -> None:
    assert _allergens("Allergies: sulfa - hives, as a child; latex - rash, in adolescence\n") == [
        "sulfa",
        "latex",
    ]
