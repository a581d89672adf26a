"""Allergies a story tells ("came out in welts after cephalexin", "her tongue swelled when she
was given enalapril") are allergies with their reaction, and their drug is no medication of the
note. A side effect that ended when the drug stopped, a drug that treated the reaction, and a
reaction denied are no allergy."""

import pytest

from tests.notes.nlp.support import allergy_pairs, named_medications


@pytest.mark.parametrize(
    ("text", "allergen", "reaction"),
    [
        (
            "HPI: As a teenager she developed hives after cephalexin. Takes sertraline 50 mg "
            "daily.",
            "cephalexin",
            "hives",
        ),
        (
            "Subjective: He broke out in an itchy rash with trimethoprim-sulfamethoxazole in "
            "2018. On amlodipine 5 mg daily.",
            "trimethoprim-sulfamethoxazole",
            "itchy rash",
        ),
        (
            "HPI: Had anaphylaxis to shellfish as a child; carries an auto-injector.",
            "shellfish",
            "anaphylaxis",
        ),
        (
            "History: Experienced swelling of the tongue when he took enalapril; now on "
            "valsartan 80 mg daily.",
            "enalapril",
            "swelling of the tongue",
        ),
        (
            "HPI: She is unable to tolerate tramadol due to severe nausea. Uses acetaminophen "
            "500 mg PRN.",
            "tramadol",
            "severe nausea",
        ),
        (
            "HPI: Gets hives right after taking aspirin, so avoids it.",
            "aspirin",
            "hives",
        ),
        (
            "Subjective: She had an allergic reaction to ceftriaxone last spring: lip swelling.",
            "ceftriaxone",
            None,
        ),
        (
            "HPI: Got a widespread rash on her first dose of levofloxacin.",
            "levofloxacin",
            "widespread rash",
        ),
    ],
)
def test_an_allergy_told_as_a_story_is_an_allergy_not_a_medication(
    text: str, allergen: str, reaction: str | None
) -> None:
    assert (allergen, reaction) in allergy_pairs(text)
    assert allergen not in named_medications(text)


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("HPI: Reacts badly to hydromorphone, per her daughter.", "hydromorphone"),
        ("HPI: He reacted poorly to prochlorperazine in the ED last year.", "prochlorperazine"),
    ],
)
def test_a_bad_reaction_told_without_its_kind_is_still_an_allergy(text: str, drug: str) -> None:
    assert drug in {substance for substance, _ in allergy_pairs(text)}
    assert drug not in named_medications(text)


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        # A side effect that ended with the drug: the drug was stopped, no allergy is told.
        ("HPI: The rash cleared after stopping doxycycline.", "doxycycline"),
        ("HPI: Her hives settled once cefdinir was discontinued.", "cefdinir"),
        # The drug that treated the reaction is a medication.
        ("HPI: Developed hives, treated with cetirizine 10 mg with relief.", "cetirizine"),
        ("HPI: Rash on both arms managed with hydrocortisone cream.", "hydrocortisone"),
    ],
)
def test_a_drug_stopped_for_or_treating_a_reaction_is_no_allergy(text: str, drug: str) -> None:
    assert drug not in {substance for substance, _ in allergy_pairs(text)}
    assert any(drug in name for name in named_medications(text))


@pytest.mark.parametrize(
    "text",
    [
        "HPI: No reaction to amoxicillin in the past.",
        "HPI: Denies hives after amoxicillin; tolerated it well.",
        "HPI: Never had a rash with amoxicillin.",
    ],
)
def test_a_reaction_denied_is_no_allergy(text: str) -> None:
    assert "amoxicillin" not in {substance for substance, _ in allergy_pairs(text)}


def test_a_rash_on_an_unnamed_antibiotic_names_no_allergen() -> None:
    assert allergy_pairs("HPI: Got a rash on an antibiotic years ago, unsure which.") == []


def test_a_story_allergy_of_a_drug_the_note_continues_keeps_both() -> None:
    text = (
        "HPI: Got hives after hydromorphone years ago, mild.\n"
        "PLAN: Continue hydromorphone 0.5 mg IV q3h PRN severe pain, with cetirizine.\n"
    )
    assert "hydromorphone" in {substance for substance, _ in allergy_pairs(text)}
    assert "hydromorphone" in named_medications(text)
