""" "No (other) known drug allergies" is the note's `no_known_allergies`, never a finding it
denies; an allergen denied by name stays a finding, and the findings beside it stay."""

import pytest

from carechart.notes.nlp import analyse


@pytest.mark.parametrize(
    "text",
    [
        "HPI: Sulfasalazine rash in 2019; no other drug allergies.",
        "HPI: Denies fever, chills. No known medicine allergies.",
        "HPI: Codeine causes hallucinations. No other known drug allergies.",
        "HPI: denies chest pain; no medication allergies.",
    ],
)
def test_no_drug_allergies_is_no_negated_finding(text: str) -> None:
    denied = [f.text.lower() for f in analyse(text).negated_findings]
    assert not any("allerg" in d for d in denied)


def test_findings_denied_beside_no_allergies_stay() -> None:
    denied = {
        f.text for f in analyse("HPI: Denies fever, chills. No drug allergies.").negated_findings
    }
    assert denied == {"fever", "chills"}


def test_an_allergen_denied_by_name_stays_a_finding() -> None:
    denied = [f.text for f in analyse("HPI: no rash, no food allergies.").negated_findings]
    assert "food allergies" in denied
