"""Allergy statements in the shapes holdout7's hospitals wrote: a medication table's allergy
check column, reviewed-list labels, stories told after "Allergies:", and what an allergy list
says that names no allergen ("PNV ok", "Use paper tape", "has had cefazolin w/o problem")."""

import pytest

from carechart.notes.nlp.allergies import allergy_key
from tests.notes.nlp.support import allergy_pairs, named_medications


def _substances(text: str) -> set[str]:
    return {substance for substance, _ in allergy_pairs(text)}


# A medication table with an "Allergy/ADR check" column: only the rows it flags are allergies.
_CHECKED_TABLE = """MEDICATIONS
| Drug          | Dose / route / freq | Allergy/ADR check      | Change     |
| amlodipine    | 10 mg daily         | -                      | continue   |
| atorvastatin  | 20 mg daily         | -                      | continue   |
| {flagged}     | (past, 2019)        | {check}                | do not use |
"""


@pytest.mark.parametrize(
    ("flagged", "check", "reaction"),
    [("benazepril", "ALLERGY - cough", "cough"), ("vancomycin", "ADR: red man", "red man")],
)
def test_a_medication_tables_allergy_check_column_flags_only_its_allergens(
    flagged: str, check: str, reaction: str
) -> None:
    text = _CHECKED_TABLE.format(flagged=flagged, check=check)
    assert allergy_pairs(text) == [(flagged, reaction)]


def test_a_medication_table_with_a_clear_allergy_check_column_lists_no_allergy() -> None:
    text = _CHECKED_TABLE.format(flagged="carvedilol", check="-")
    assert allergy_pairs(text) == []


_KIND_TABLE = """ALLERGY / INTOLERANCE   | REACTION            | TYPE     | VERIFIED
lisinopril              | angioedema 2019     | allergy  | pt
latex                   | contact dermatitis  | {kind} | pt
"""


def test_an_allergy_and_intolerance_column_names_the_allergens() -> None:
    assert _substances(_KIND_TABLE.format(kind="allergy ")) == {"lisinopril", "latex"}


def test_a_row_typed_caution_is_no_allergy() -> None:
    assert _substances(_KIND_TABLE.format(kind="caution ")) == {"lisinopril"}


@pytest.mark.parametrize(
    "text",
    [
        "Allergy list re-verified: penicillin (anaphylaxis); amiodarone intolerance.",
        "Allergies reviewed at discharge - penicillin (anaphylaxis), amiodarone intolerance.",
        "Allergy review: penicillin (anaphylaxis). Amiodarone intolerance.",
    ],
)
def test_a_reviewed_allergy_list_is_read_after_its_label(text: str) -> None:
    assert ("penicillin", "anaphylaxis") in allergy_pairs(text)
    assert "amiodarone" in _substances(text)


def test_a_reviewed_list_in_brackets_is_read() -> None:
    text = "Allergies unchanged (benazepril - cough; vancomycin - red man). Dialysis today."
    assert allergy_pairs(text) == [("benazepril", "cough"), ("vancomycin", "red man")]


def test_a_review_of_the_plan_is_no_allergy_label() -> None:
    text = "Plan reviewed today - continue lisinopril 10 mg daily.\nAllergies: NKDA."
    assert allergy_pairs(text) == []
    assert "lisinopril" in named_medications(text)


@pytest.mark.parametrize(
    ("text", "allergen"),
    [
        (
            "Allergies: She tells me that as a teenager penicillin made her whole face swell up "
            "and she broke out in hives.",
            "penicillin",
        ),
        (
            "Allergies: pt states she had a seizure in 2018 after being given tramadol for back "
            "pain; no problems with other opioids.",
            "tramadol",
        ),
        (
            "ALLERGIES:\n  The daughter states that last winter he became very confused after "
            "taking Benadryl for a cold.\nSOCIAL HISTORY: retired.",
            "benadryl",
        ),
        (
            "ALLERGIES/ADRs: pt reports acute dystonic reaction (neck twisting) to Haldol in 2011.",
            "haldol",
        ),
        ('ALLERGIES: Says morphine makes him "itch like crazy". Otherwise none.', "morphine"),
        ("Allergy review: EHR lists penicillin (rash as a child).", "penicillin"),
        ("Allergies: She reports an allergy to latex (itching, welts).", "latex"),
        (
            "She was on amiodarone for rhythm control. Her drug allergy is penicillin "
            "(anaphylaxis as a young woman).",
            "penicillin",
        ),
    ],
)
def test_the_drug_an_allergy_statements_story_names_is_the_allergen(
    text: str, allergen: str
) -> None:
    assert allergen in _substances(text)
    assert allergen not in named_medications(text)


@pytest.mark.parametrize(
    "text",
    [
        "Allergies: No beta-lactam allergy; tolerating piperacillin-tazobactam without issue.",
        "Allergies confirmed: has had cefazolin (Ancef) for his 2019 shoulder w/o problem.",
        "Allergies/ADRs: Beta blockers? -> NO (metoprolol taken for years).",
        "Allergies: PCN - hives. Has taken cephalexin since 2020 without a problem.",
        "The drug allergy is not confirmed; amoxicillin challenge planned.",
    ],
)
def test_a_drug_taken_without_harm_in_an_allergy_statement_is_no_allergy(text: str) -> None:
    assert {"cephalexin", "piperacillin-tazobactam", "cefazolin", "metoprolol"}.isdisjoint(
        _substances(text)
    )


@pytest.mark.parametrize(
    "text", ["Allergies: previously none known.", "Allergies: none previously. NKDA."]
)
def test_an_allergy_line_saying_none_before_names_no_allergen(text: str) -> None:
    assert allergy_pairs(text) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "ALLERGIES: Sulfa (hives); Tegaderm adhesive - blisters. PNV ok.",
            {"sulfa", "tegaderm adhesive"},
        ),
        (
            "Allergies: SULFA -> blistering rash. ADHESIVE TAPE -> blisters. Use paper tape.",
            {"sulfa", "adhesive tape"},
        ),
        (
            "Allergies: amoxicillin-clavulanate (hives). Avoid penicillins until allergy "
            "evaluation.",
            {"amoxicillin-clavulanate"},
        ),
    ],
)
def test_an_instruction_or_a_drug_said_fine_in_an_allergy_list_is_no_allergen(
    text: str, kept: set[str]
) -> None:
    assert _substances(text) == kept


def test_a_pronoun_after_intolerant_of_names_no_allergen() -> None:
    text = (
        "HPI: Topiramate was tried first but she was intolerant of it - tingling hands - "
        "stopped after 2 wks.\nAllergies: Intolerant of topiramate (see above)."
    )
    assert allergy_pairs(text) == [("topiramate", None)]


def test_a_second_reaction_of_a_food_allergen_stays_its_reaction() -> None:
    text = "Allergies: NKDA.  Food: Shellfish - hives, throat tightness (2015, ED visit)."
    assert allergy_pairs(text) == [("shellfish", "hives, throat tightness")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "*** ALLERGY: LISINOPRIL (ANGIOEDEMA) / LATEX (CONTACT RASH) ***   FALL RISK",
            [("lisinopril", "angioedema"), ("latex", "contact rash")],
        ),
        (
            "Allergies: sulfa (hives) / codeine (vomiting).",
            [("sulfa", "hives"), ("codeine", "vomiting")],
        ),
    ],
)
def test_a_slash_after_a_bracketed_reaction_opens_another_allergen(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert allergy_pairs(text) == expected


def test_a_slash_inside_a_reaction_stays_in_it() -> None:
    assert allergy_pairs("Allergies: sulfa (hives/itching).") == [("sulfa", "hives/itching")]


@pytest.mark.parametrize(
    "text",
    [
        'Allergies: IODINATED CONTRAST - hives  |  Pt also reports "carboplatin flush" - NO, '
        "not confirmed; see below.",
        "Allergies: Iodinated contrast - hives; carboplatin - no, not a true allergy.",
    ],
)
def test_an_allergen_answered_no_and_not_confirmed_is_no_allergy(text: str) -> None:
    assert [s for s, _ in allergy_pairs(text)] == ["iodinated contrast"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Warmth after C1 was the dexamethasone; no hypersensitivity. Not added to allergy list.",
        "Warmth after C1 was the dexamethasone. We did not add it to the allergy list.",
    ],
)
def test_a_drug_not_added_to_the_allergy_list_is_no_allergy(sentence: str) -> None:
    assert allergy_pairs(f"Infusion visit.\n{sentence}") == []


def test_a_drug_added_to_the_allergy_list_is_an_allergy() -> None:
    text = "Infusion visit.\nFlushing and hives with carboplatin. Added to allergy list."
    assert "carboplatin" in _substances(text)


def test_a_food_allergy_beside_nkda_and_a_slash_is_the_food() -> None:
    assert allergy_pairs("Allergies: NKDA / shellfish (hives, throat tightness).") == [
        ("shellfish", "hives, throat tightness")
    ]


@pytest.mark.parametrize(
    ("first", "second"), [("Latex gloves", "latex"), ("Tegaderm adhesive", "Tegaderm")]
)
def test_one_allergen_written_two_ways_is_one_key(first: str, second: str) -> None:
    assert allergy_key(first) == allergy_key(second)


def test_latex_and_adhesive_stay_two_allergens() -> None:
    assert allergy_key("latex gloves") != allergy_key("Tegaderm adhesive")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ALLERGIES:\nMedications: penicillin (rash)\n\nPLAN: rest", [("penicillin", "rash")]),
        (
            "ALLERGIES:\nFood: peanuts (hives)\nDrugs: codeine - nausea\nMEDICATIONS:\n"
            "lisinopril 10 mg daily\n",
            [("peanuts", "hives"), ("codeine", "nausea")],
        ),
    ],
)
def test_a_kind_of_allergy_line_under_an_empty_allergy_label_is_the_list(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert allergy_pairs(text) == expected
    assert "penicillin" not in named_medications(text)


@pytest.mark.parametrize(
    "text",
    [
        "Allergies: NKDA\nMedications: lisinopril, metformin\n",
        "Allergies:\nMedications: lisinopril, metformin\n",
        "Allergies:\nMedications: lisinopril 10 mg daily\n",
    ],
)
def test_a_medication_list_after_an_allergy_label_stays_medications(text: str) -> None:
    assert allergy_pairs(text) == []
    assert "lisinopril" in named_medications(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Allergies: Apple/carrot/pear - oral itching; cat (sneezing).",
            [("apple", "oral itching"), ("carrot", "oral itching"), ("pear", "oral itching")],
        ),
        (
            "ALLERGIES\n| Allergen | Reaction |\n|---|---|\n| Cat/dog | sneezing |\n",
            [("cat", "sneezing"), ("dog", "sneezing")],
        ),
    ],
)
def test_foods_joined_by_slashes_are_one_allergy_each(
    text: str, expected: list[tuple[str, str]]
) -> None:
    pairs = allergy_pairs(text)
    assert all(pair in pairs for pair in expected)


@pytest.mark.parametrize(
    "text",
    ["Allergies: amoxicillin/clavulanate (rash)", "Allergies: hydrocodone/APAP - itching"],
)
def test_a_drug_products_slash_stays_one_allergy(text: str) -> None:
    assert len(allergy_pairs(text)) == 1


@pytest.mark.parametrize(
    "text", ['Allergies: Iodine/shellfish - "swelling"', "Allergies: shellfish/iodine (hives)"]
)
def test_iodine_and_shellfish_together_are_one_allergy(text: str) -> None:
    assert len(allergy_pairs(text)) == 1


def test_a_raw_food_is_the_food() -> None:
    assert allergy_key("raw apple") == allergy_key("apple")
