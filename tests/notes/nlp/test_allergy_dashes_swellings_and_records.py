"""Allergy statements written as anaesthesia and ward notes write them: a label closed by a double
dash with "=>" reactions parted by "//", a swelling told by its verb ("her lips swelled on
Bactrim"), and a drug a sentence opens as a label that the note "recorded as intolerance". Each
names its allergy, and the drug is no medication of the note."""

import pytest

from tests.notes.nlp.support import allergy_pairs, named_medications


def test_a_label_closed_by_a_double_dash_lists_allergies_parted_by_double_slashes() -> None:
    text = (
        "HPI: Left hip pain for a year.\n\n"
        "ALLERGIES/ADRs -- sulfa => hives (2001) // codeine => vomiting\n\n"
        "Medications:\n  amlodipine 5 mg daily\n"
    )
    assert allergy_pairs(text) == [("sulfa", "hives"), ("codeine", "vomiting")]
    assert named_medications(text) == {"amlodipine"}


def test_a_double_dash_inside_a_story_opens_no_allergy_statement() -> None:
    text = "HPI: Reviewed the allergies -- nothing new. Takes codeine 30 mg PRN for cough.\n"
    assert allergy_pairs(text) == []
    assert "codeine" in named_medications(text)


@pytest.mark.parametrize(
    ("text", "allergen", "reaction"),
    [
        (
            "HPI: His tongue swelled after amoxicillin as a boy. Takes metformin 500 mg BID.",
            "amoxicillin",
            "tongue swelling",
        ),
        (
            'Subjective: He says he "swells up" with lisinopril; on losartan 50 mg daily now.',
            "lisinopril",
            "swelling",
        ),
    ],
)
def test_a_swelling_told_by_its_verb_is_an_allergy(text: str, allergen: str, reaction: str) -> None:
    assert (allergen, reaction) in allergy_pairs(text)
    assert allergen not in named_medications(text)


def test_swollen_ankles_on_a_drug_are_a_side_effect_not_an_allergy() -> None:
    text = "HPI: Her ankles swell on amlodipine by evening. Continue amlodipine 5 mg daily."
    assert allergy_pairs(text) == []
    assert "amlodipine" in named_medications(text)


def test_a_reaction_to_bactrim_beside_a_sulfa_allergy_is_that_one_allergy() -> None:
    text = (
        "Subjective: She reacts badly to sulfa - her face swelled on Bactrim in 2015. "
        "Pain controlled.\n\nPlan: continue cefazolin 2 g IV q8h."
    )
    substances = [substance for substance, _ in allergy_pairs(text)]
    assert substances == ["sulfa"]
    assert "bactrim" not in named_medications(text)


def test_a_drug_opening_a_sentence_recorded_as_intolerance_is_an_allergy() -> None:
    text = (
        "History: Atrial flutter. Tramadol: she says it gave her seizures after a fall - recorded "
        "as intolerance. No other allergies.\n\nPlan: continue metoprolol 25 mg BID."
    )
    assert [substance for substance, _ in allergy_pairs(text)] == ["tramadol"]
    assert "tramadol" not in named_medications(text)


def test_recorded_as_intolerance_after_a_non_drug_phrase_names_no_allergy() -> None:
    text = (
        "History: Nausea after his hernia repair - recorded as intolerance. "
        "Takes metoprolol 25 mg BID."
    )
    assert allergy_pairs(text) == []
