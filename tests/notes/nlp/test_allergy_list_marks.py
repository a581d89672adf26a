"""Allergy lists written with marks other readers' lists use: an em dash, a double arrow or a
bare hyphen before the reaction, star bullets, "//" between entries, a label closed by a dash
("ALLERGIES/ADRs --") or with a remark before its colon ("ALLERGIES - see band:"), a table whose
allergen column is headed "Drug / agent", and "no drug allergies otherwise" beside a list; star
alerts on a banner, a remark after an entry ("-- premedicated"), a singular "INTOLERANCE:" label,
"Reviewed allergy list - X only", "the only allergy on file is X", "no X (intolerance)"."""

import pytest

from carechart.notes.nlp import analyse
from tests.notes.nlp.support import allergy_pairs, named_medications


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Allergies: Vancomycin \u2014 red man syndrome; Aspirin \u2014 wheezing.",
            [("vancomycin", "red man syndrome"), ("aspirin", "wheezing")],
        ),
        (
            "Allergies: sulfa => hives. Latex => contact rash.",
            [("sulfa", "hives"), ("latex", "contact rash")],
        ),
        (
            "ALLERGIES: OXYCODONE-VOMITING.  ADHESIVE-RASH.",
            [("oxycodone", "vomiting"), ("adhesive", "rash")],
        ),
        (
            "Allergies: \u2731 Doxycycline \u2014 photosensitive rash. "
            "\u2731 Peanuts \u2014 hives.",
            [("doxycycline", "photosensitive rash"), ("peanuts", "hives")],
        ),
        (
            "ALLERGIES/ADRs -- cephalexin => hives // tramadol => vomiting\n\nPLAN: rest.",
            [("cephalexin", "hives"), ("tramadol", "vomiting")],
        ),
        (
            "Code: Full.  ALLERGIES - see orange band: Enalapril (angioedema), LATEX.",
            [("enalapril", "angioedema"), ("latex", None)],
        ),
    ],
)
def test_reactions_and_entries_apart_by_other_marks(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert allergy_pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A hyphen inside a drug's name joins its ingredients: no reaction follows it.
        ("Allergies: trimethoprim-sulfamethoxazole.", [("trimethoprim-sulfamethoxazole", None)]),
        ("Allergies: Co-trimoxazole - rash.", [("co-trimoxazole", "rash")]),
    ],
)
def test_a_hyphen_inside_a_name_is_no_reaction_mark(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert allergy_pairs(text) == expected


def test_a_table_headed_drug_or_agent_lists_only_its_rows() -> None:
    text = (
        "ALLERGIES:\n"
        "  Drug / agent        | Reaction\n"
        "  --------------------|-------------------\n"
        "  Cefaclor            | serum sickness\n"
        "  Shellfish           | throat swelling\n"
        "\nHPI: cough.\n"
    )
    assert allergy_pairs(text) == [("cefaclor", "serum sickness"), ("shellfish", "throat swelling")]


@pytest.mark.parametrize(
    ("text", "nka"),
    [
        (
            "Allergies: Latex \u2014 hives. IV contrast \u2014 flushing. "
            "No drug allergies otherwise.",
            False,
        ),
        ("Allergies: Latex \u2014 hives. No drug allergies.", True),
        ("Allergies: no drug allergies. Seasonal pollen.", True),
    ],
)
def test_no_drug_allergies_otherwise_beside_a_drug_allergy(text: str, nka: bool) -> None:
    assert analyse(text).no_known_allergies is nka


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Allergies: Latex \u2013 no latex gloves or Foley catheters. Sulfa \u2013 rash.",
            [("latex", None), ("sulfa", "rash")],
        ),
        ("Allergies: Ceftriaxone - avoid all cephalosporins.", [("ceftriaxone", None)]),
        ("Allergies: Latex - contact rash with gloves.", [("latex", "contact rash with gloves")]),
    ],
)
def test_a_precaution_written_for_the_reaction_is_no_reaction(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert allergy_pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Indication: screening.\n\nAllergy alert banner:  ** LATEX -> hives **  "
            "** PEANUTS -> throat swelling **\n\nMedications: none.",
            [("latex", "hives"), ("peanuts", "throat swelling")],
        ),
        (
            "ALLERGIES: Iodinated contrast (hives, 2016) -- premedicated. Aspirin: wheezing.\n"
            "Premedication given: prednisone 50 mg PO.",
            [("iodinated contrast", "hives"), ("aspirin", "wheezing")],
        ),
        (
            "Allergies: Iodine contrast - hives, premedicated in 2021 with prednisone 50 mg. "
            "Aspirin - wheeze.",
            [("iodine contrast", "hives")],
        ),
        (
            "ALLERGIES: nkda  ||  INTOLERANCE: Septra -> hypoglycemia - on dapsone instead\n\n"
            "Plan: rest.",
            [("septra", "hypoglycemia")],
        ),
        ("Exercise intolerance: moderate. Plan: walk daily.", []),
        ('Allergies: NKDA. Intolerance: iodinated contrast "flushing" only - not an allergy.', []),
        (
            "Plan: start cefuroxime 500 mg BID. Reviewed allergy list - codeine only, no "
            "cephalosporin reaction.",
            [("codeine", None)],
        ),
        ("Her only allergy on file is latex (hives).", [("latex", "hives")]),
        (
            "The only allergy we have listed for him is penicillin (rash).",
            [("penicillin", "rash")],
        ),
        (
            "Plan: oxycodone 5 mg q4h PRN. No hydromorphone (intolerance). Ice packs.",
            [("hydromorphone", "intolerance")],
        ),
        ("Plan: oxycodone 5 mg q4h PRN. No NSAIDs (renal function).", []),
    ],
)
def test_allergy_lines_other_notes_write(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert allergy_pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'History: 64F with CKD. Tramadol: she says it "made her heart race" after knee '
            "surgery - recorded as intolerance. No other drug allergies.",
            [("tramadol", None)],
        ),
        ("Plan: Metformin: hold for contrast. Acidosis risk documented as adverse reaction.", []),
    ],
)
def test_a_drug_labelling_the_sentence_that_records_it_as_an_intolerance(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert allergy_pairs(text) == expected
    assert "tramadol" not in named_medications(text)


@pytest.mark.parametrize(
    ("text", "expected", "nka"),
    [
        ("Allergies: NKDA but allergic to cats.", [("cats", None)], True),
        ("Allergies: NKDA, except shellfish (hives).", [("shellfish", "hives")], True),
        ("Allergy list reviewed and updated: none", [], True),
        ("Allergy list reviewed and updated: sulfa (rash).", [("sulfa", "rash")], False),
        (
            "Allergies: amoxicillin (rash as child). Tolerated amoxicillin challenge today, "
            "allergy removed.",
            [],
            False,
        ),
        (
            "Allergies: cefaclor (serum sickness). Passed oral cefaclor challenge; allergy "
            "delabeled.",
            [],
            False,
        ),
        (
            "Allergies: cefaclor (serum sickness). Tolerated oral cefaclor challenge in clinic.",
            [("cefaclor", "serum sickness")],
            False,
        ),
    ],
)
def test_exceptions_to_nkda_lists_gone_over_and_allergies_removed_after_a_challenge(
    text: str, expected: list[tuple[str, str | None]], nka: bool
) -> None:
    assert allergy_pairs(text) == expected
    assert analyse(text).no_known_allergies is nka
