"""A drug the note lists as an allergy is no medication of the note, its past use included,
unless the note says it is taken now despite the allergy; foods and environmental allergens in
an allergy statement are never medications."""

import pytest

from carechart.notes.nlp.analyser import analyse
from tests.notes.nlp.support import named_medications


def _statuses(text: str) -> dict[str, str]:
    return {m.name.lower(): m.status.value for m in analyse(text).medications}


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        (
            "Allergies: penicillin (hives)\nHPI: Tolerates amoxicillin despite listed allergy; "
            "on amoxicillin 500 mg TID for otitis.",
            "amoxicillin",
        ),
        (
            "Allergies: aspirin (bronchospasm)\nHPI: Underwent aspirin desensitization in 2021 "
            "and takes aspirin 81 mg daily since.",
            "aspirin",
        ),
        (
            "Allergies: sulfa (rash)\nHPI: Took Bactrim in 2021 in spite of the sulfa allergy, "
            "with no reaction; continues Bactrim DS 1 tab daily for prophylaxis.",
            "bactrim",
        ),
    ],
)
def test_an_allergen_taken_now_despite_the_allergy_stays(text: str, drug: str) -> None:
    assert drug in named_medications(text)


def test_an_allergen_stopped_at_this_visit_is_still_read_as_stopped() -> None:
    text = "Allergies: lisinopril (angioedema)\nA/P: Angioedema - lisinopril stopped today."
    assert _statuses(text).get("lisinopril") == "stopped"


@pytest.mark.parametrize(
    "text",
    [
        "ALLERGIES:\n1. Pistachio - anaphylaxis\n2. Peanut - hives\n3. Latex\n4. Dust mite\n"
        "5. Birch pollen\n6. Shellfish\nMEDICATIONS:\n1. Metformin 500 mg BID",
        "HPI: 34F with allergy to pistachios (throat swelling) and latex presents with rash.\n"
        "Medications: cetirizine 10 mg daily.",
        "Allergies: Environmental - dust mite, mold, birch pollen. Food - pistachio, cashew.\n"
        "Current medications: montelukast 10 mg nightly.",
        "Allergy: latex (contact dermatitis); Pistachio nut (anaphylaxis)\nHome meds: aspirin "
        "81 mg daily",
        "HPI: He reacts to pistachio and peanut with hives; allergist advised strict avoidance.",
        "Assessment: Tree nut allergy (pistachio, cashew) confirmed by skin prick testing.",
        "ALLERGIES (reconciled today)\n  - Peanut: hives\n  - Pistachio: sensitized (SPT 6 mm) - "
        "avoid\n  - Cat, dust mite: rhinoconjunctivitis\nPlan: cetirizine 10 mg daily.",
        "Allergies: hazelnut (hives), lobster - anaphylaxis, tuna, avocado (latex-fruit), peach "
        "(oral allergy syndrome).\nMeds: cetirizine 10 mg daily.",
    ],
)
def test_a_food_or_environmental_allergen_is_never_a_medication(text: str) -> None:
    names = named_medications(text)
    allergens = {"pistachio", "pistachios", "peanut", "latex", "dust mite", "birch pollen"}
    allergens |= {"hazelnut", "lobster", "tuna", "avocado", "peach"}
    assert not names & allergens
    assert not {n for n in names if "pistachio" in n or "pollen" in n or "mite" in n}


@pytest.mark.parametrize(
    "text",
    [
        "TESTING TODAY (skin prick; positive control histamine 6 mm, negative control 0):\n"
        "  peanut 11 mm, cashew 7 mm, pistachio 6 mm, almond 0, D. farinae 8 mm.\n"
        "Plan: cetirizine 10 mg daily.",
        "Skin prick testing: Pistachio: 9 mm wheal; birch pollen: 4mm; dust mite: 0 mm.\n"
        "Plan: cetirizine 10 mg daily.",
        "SPT results\n- pistachio 5.5 mm\n- walnut 3 mm\nPlan: cetirizine 10 mg daily.",
    ],
)
def test_a_skin_tests_allergens_are_never_medications(text: str) -> None:
    names = named_medications(text)
    assert not {n for n in names if "pistachio" in n}
    assert "cetirizine" in names


def test_a_drug_dosed_beside_skin_testing_stays() -> None:
    text = (
        "Skin prick testing to penicillin negative (wheal 0 mm); oral challenge with amoxicillin "
        "250 mg given, observed 1 hour, tolerated.\nPlan: amoxicillin 500 mg TID x 10 days."
    )
    assert "amoxicillin" in named_medications(text)
