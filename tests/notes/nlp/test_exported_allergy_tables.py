"""An exported record's allergy table: a section title whose parts are joined by commas
("ALLERGIES, ADVERSE REACTIONS, ALERTS"), and columns apart by single spaces. Each row is an
allergy, its drug never a medication."""

import pytest

from carechart.notes.nlp import analyse

TABLES = [
    "ALLERGIES, ADVERSE REACTIONS, ALERTS\nSubstance Reaction Severity Status\n"
    "Enalapril Angioedema Severe Active\nIodinated contrast media Hives Moderate Active\n",
    "ALLERGIES, ADVERSE REACTIONS, AND ALERTS\nAllergen Reaction Status\n"
    "Enalapril Angioedema Active\nIodinated contrast media Hives Active\n",
    "ALLERGIES, INTOLERANCES\nAgent Reaction Severity\nenalapril angioedema severe\n"
    "iodinated contrast media hives moderate\n",
]
AFTER = "\nMEDICATIONS\nFurosemide 40 mg daily\nMetoprolol succinate 50 mg daily\n"


@pytest.mark.parametrize("table", TABLES)
def test_each_row_of_the_table_is_an_allergy_and_its_drug_no_medication(table: str) -> None:
    analysis = analyse("PROBLEMS\nHeart failure\n\n" + table + AFTER)
    allergies = {a.substance.lower(): (a.reaction or "").lower() for a in analysis.allergies}
    assert allergies == {"enalapril": "angioedema", "iodinated contrast media": "hives"}
    names = {m.name.lower() for m in analysis.medications}
    assert "enalapril" not in names
    assert {"furosemide", "metoprolol succinate"} <= names


def test_a_table_row_with_a_qualified_reaction_after_a_drug() -> None:
    table = "ALLERGIES, ADVERSE REACTIONS, ALERTS\nSubstance Reaction Status\n"
    analysis = analyse(table + "Cefuroxime Diffuse rash Inactive\n" + AFTER)
    assert [(a.substance, a.reaction) for a in analysis.allergies] == [
        ("Cefuroxime", "Diffuse rash")
    ]


def test_a_comma_title_of_no_known_section_opens_none() -> None:
    text = "HEART, LUNGS, ABDOMEN\nNormal.\nMEDICATIONS\nFurosemide 40 mg daily\n"
    assert {m.name.lower() for m in analyse(text).medications} == {"furosemide"}
