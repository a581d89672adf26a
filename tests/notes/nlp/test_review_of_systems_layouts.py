"""Denials in the layouts a review of systems and an HPI use: "Denies: a, b, c", "Neg for",
"Negative: a, b", "no X or Y", "without X"; a positive list or "negative except" denies nothing."""

import pytest

from carechart.notes.nlp import analyse


def _denied(text: str) -> list[str]:
    return [f.name or f.text for f in analyse(text).negated_findings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A heading word that introduces the denials.
        (
            "ROS: + hives, lip swelling. Negative: fever, dyspnea, abdominal pain.",
            ["fever", "dyspnea", "abdominal pain"],
        ),
        (
            "Review of systems:\nNeg: chest pain, palpitations.\nPos: fatigue.",
            ["chest pain", "palpitations"],
        ),
    ],
)
def test_a_negative_heading_denies_its_list(text: str, expected: list[str]) -> None:
    assert _denied(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ROS:\nDenies: fever, chills, night sweats.", ["fever", "chills", "night sweats"]),
        ("ROS: Neg for rash, itching.", ["rash", "itching"]),
        (
            "HPI: 2 days of cough. No hemoptysis or weight loss. Pleuritic pain without fever.",
            ["hemoptysis", "weight loss", "fever"],
        ),
        # Nothing denied by name.
        ("ROS: Negative except for cough and mild fatigue.", []),
        # A result, not a review: "Rh negative: RhoGAM given", "hCG: negative".
        ("Labs:\nBlood type O, Rh negative: RhoGAM given at 28 weeks. Urine hCG: negative.", []),
    ],
)
def test_the_other_layouts_do_not_change(text: str, expected: list[str]) -> None:
    assert _denied(text) == expected


def test_a_drug_given_after_a_negative_result_stays_a_medication() -> None:
    text = "Assessment:\n2. Rh negative: RhoGAM 300 mcg IM given today in clinic."
    assert [m.name for m in analyse(text).medications] == ["RhoGAM"]
