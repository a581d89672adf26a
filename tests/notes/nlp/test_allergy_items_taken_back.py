"""An allergy list's item that takes itself back ("de-labelled", "removed from allergy list",
"not a true allergy", "(Inactive)", "- tolerated"), status lines over a list's rows, a
relative's allergy inside the list, and the list's words that are no allergen: the heading of
the next section run into an export's line, "childhood", "only", "with"."""

import pytest

from tests.notes.nlp.support import allergy_pairs, named_medications


def _substances(text: str) -> set[str]:
    return {substance for substance, _ in allergy_pairs(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Allergies: Sulfa (rash); PCN - removed from allergy list 5/2024\n",
        "Allergies: Sulfa (rash); Penicillin (de-labelled 2023 after negative oral challenge)\n",
        "Allergies: Sulfa (rash); codeine (nausea) - not a true allergy.\n",
        "Allergies: Sulfa - rash; Morphine - Itching (Inactive)\n",
        "Allergies: Sulfa - rash; clopidogrel - bleeding (side effect, not allergy)\n",
        "Allergies: Sulfa - rash; vancomycin - flushing, infusion related, not an allergy\n",
        "Allergies: Sulfa - rash, ceftriaxone - tolerated\n",
        "Allergies\nActive\nSulfa - rash\nInactive\nErythromycin - GI upset\n",
        "Allergies: Sulfa - rash. Daughter has latex allergy.\n",
    ],
)
def test_an_item_the_list_takes_back_is_no_allergy(text: str) -> None:
    assert _substances(text) == {"sulfa"}


@pytest.mark.parametrize(
    "text",
    [
        # Another drug named after "tolerated", or a reaction before it: the allergy stands.
        "Allergies: Sulfa - rash; PCN (hives) - has tolerated cefdinir\n",
        # "not allergic to X" names a drug that is no allergy, not the item's own.
        "Allergies: Sulfa - rash; PCN (hives), not allergic to cephalosporins\n",
        # "resolved" in a bracket may be the reaction's course.
        "Allergies: Sulfa - rash; PCN - hives (resolved with diphenhydramine)\n",
    ],
)
def test_an_item_with_its_reaction_stays_beside_a_remark_on_another(text: str) -> None:
    assert {"sulfa", "pcn"} <= _substances(text)


@pytest.mark.parametrize(
    "text",
    [
        "Allergies: Sulfa - rash; oxycodone - itch (intolerance, not a true allergy)\n",
        "Allergies: Sulfa - rash; oxycodone = nausea, a side effect and not a true allergy, kept "
        "on the list as an intolerance.\n",
    ],
)
def test_an_intolerance_said_to_be_no_allergy_stays_listed(text: str) -> None:
    assert _substances(text) == {"sulfa", "oxycodone"}


def test_a_heading_run_into_a_one_line_export_ends_the_allergy_list() -> None:
    text = (
        "ALLERGIES: Penicillins-Hives, Sulfa Drugs-Rash, Codeine-Nausea, Latex-Itching "
        "MEDICATIONS: lisinopril 10 mg daily\n"
    )
    assert _substances(text) == {"penicillins", "sulfa drugs", "codeine", "latex"}
    assert named_medications(text) == {"lisinopril"}


def test_capitals_with_a_colon_that_are_no_heading_stay_in_the_list() -> None:
    assert _substances("Allergies: Sulfa - rash; PCN: hives; ASA: wheezing\n") == {
        "sulfa",
        "pcn",
        "asa",
    }


def test_when_a_reaction_happened_is_no_allergen() -> None:
    text = "ALLERGIES\n  * Penicillin - rash, childhood (low-risk history)\n  * Latex - hives\n"
    assert _substances(text) == {"penicillin", "latex"}


@pytest.mark.parametrize(
    ("text", "substance"),
    [
        ("Impression: hyperparathyroidism, with cinacalcet intolerance (nausea).", "cinacalcet"),
        ("Allergy to iodinated contrast only.", "iodinated contrast"),
        ("No drug allergies. Allergic to shellfish only.", "shellfish"),
    ],
)
def test_an_inline_allergy_is_named_without_its_function_words(text: str, substance: str) -> None:
    assert _substances(text) == {substance}


@pytest.mark.parametrize(
    "text",
    [
        "Allergies unchanged: sulfa (hives); intolerant of codeine (confusion).\n",
        "Allergy list as before: sulfa (hives), codeine (confusion)\n",
        "STOP Bactrim. Allergy added to chart: sulfa - hives; codeine - confusion.\n",
    ],
)
def test_a_list_said_to_stand_or_added_to_the_chart_is_read(text: str) -> None:
    assert {"sulfa", "codeine"} <= _substances(text)


def test_a_single_allergy_said_to_stand_is_no_list_label() -> None:
    text = "Plan:\n5. Peanut allergy unchanged: EpiPen carried; strict avoidance.\n"
    assert _substances(text) == {"peanut"}
