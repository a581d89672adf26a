"""One chart entry per allergy across notes: a sulfonamide antibiotic one note names by its
drug ("Bactrim", "sulfamethoxazole-trimethoprim") is the "sulfa" allergy another lists."""

import pytest

from tests.notes.stories import story_chart as _chart
from tests.notes.stories import story_note as _note


@pytest.mark.parametrize(
    "later",
    [
        "Pharmacy med rec\nALLERGIES: Sulfamethoxazole-trimethoprim (hives); hydroxychloroquine "
        "(rash).\n",
        "Clinic visit\nAllergies: Bactrim - hives. Plaquenil - rash.\n",
    ],
)
def test_a_sulfa_allergy_named_by_its_drug_in_a_later_note_is_one_entry(later: str) -> None:
    first = "Rheumatology visit\nALLERGIES: Sulfa - hives. Plaquenil - rash.\n"
    chart = _chart(_note("2026-10-01", first), _note("2026-11-20", later))
    assert len(chart.allergies) == 2


def test_a_sulfa_allergy_and_another_antibiotic_stay_two_entries() -> None:
    chart = _chart(
        _note("2026-10-01", "Clinic visit\nAllergies: Sulfa - hives.\n"),
        _note("2026-11-20", "Clinic visit\nAllergies: ciprofloxacin - tendinitis.\n"),
    )
    assert len(chart.allergies) == 2
