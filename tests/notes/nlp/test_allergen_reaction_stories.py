"""A drug of the allergy list that the note names again only in the story of its reaction is no
medication of the note: the allergy says it all. A dose given despite the allergy, or a trial
written with its dose, stays. Labelled before the code ran."""

import pytest

from carechart.notes.nlp import analyse


def _statuses(text: str) -> dict[str, str]:
    return {m.name.lower().split()[0]: m.status.value for m in analyse(text).medications}


@pytest.mark.parametrize(
    ("text", "allergen"),
    [
        # A discharge summary's course: the reaction is why another drug was chosen.
        (
            "ALLERGIES AND INTOLERANCES\nCiprofloxacin - Achilles tendon pain and swelling "
            "(2021).\n\nHOSPITAL COURSE\nCOPD exacerbation treated with azithromycin 500 mg on "
            "day 1 then 250 mg daily. A fluoroquinolone was deliberately avoided because of his "
            "prior tendon injury with ciprofloxacin.\n",
            "ciprofloxacin",
        ),
        # An ENT consult's history: the exposure that caused the reaction.
        (
            "HPI: Adult-onset asthma since 2019. He noticed that two ibuprofen tablets in 2023 "
            "caused severe wheeze and runny nose within an hour; since then he avoids NSAIDs.\n"
            "Allergies / adverse reactions:\n  - Ibuprofen - bronchospasm + rhinorrhea (2023).\n"
            "Plan: acetaminophen 1 g PRN.\n",
            "ibuprofen",
        ),
        # A British GP letter: the drug gave her the reaction.
        (
            "Allergies: Trimethoprim - widespread rash.\nHistory: Trimethoprim gave her a "
            "widespread rash in 2022 when treated for cystitis.\nPlan: nitrofurantoin 50 mg "
            "nightly.\n",
            "trimethoprim",
        ),
    ],
)
def test_an_allergen_told_only_in_its_reactions_story_is_no_medication(
    text: str, allergen: str
) -> None:
    assert allergen not in _statuses(text)


@pytest.mark.parametrize(
    ("text", "drug", "expected"),
    [
        # A dose given despite the allergy, written with its dose.
        (
            "Allergies: Vancomycin - red man syndrome.\nHospital course: MRSA bacteremia treated "
            "with vancomycin 1 g IV q12h infused over 2 hours with diphenhydramine premedication.",
            "vancomycin",
            "given",
        ),
        # A trial written with its dose and how it ended stays a past drug.
        (
            "Prior medication trials:\n- Bupropion XL 150 mg, 2020 - made her jittery, stopped "
            "after 2 wks\nAllergies: Intolerances: bupropion (anxiety).\nPlan: sertraline 50 mg.",
            "bupropion",
            "historical",
        ),
    ],
)
def test_an_allergen_given_or_tried_with_its_dose_stays(
    text: str, drug: str, expected: str
) -> None:
    assert _statuses(text).get(drug) == expected
