"""An allergy whose label was taken off the chart is no allergy of the patient; a label kept is."""

import pytest

from carechart.notes.nlp import analyse


def _allergens(text: str) -> list[str]:
    return [a.substance.lower() for a in analyse(text).allergies]


@pytest.mark.parametrize(
    "text",
    [
        "ALLERGIES: Penicillin allergy label removed 03/2025 after negative oral challenge.",
        "ALLERGIES: PCN allergy flag removed after negative skin testing; latex - rash.",
        "ALLERGIES: Penicillin allergy removed 2024 after negative challenge. Codeine - nausea.",
    ],
)
def test_an_allergy_label_removed_is_not_listed(text: str) -> None:
    assert not any("penicillin" in a or "pcn" in a for a in _allergens(text))


def test_an_allergy_label_kept_stays_listed() -> None:
    assert any("penicillin" in a for a in _allergens("ALLERGIES: Penicillin (hives 2010)."))
