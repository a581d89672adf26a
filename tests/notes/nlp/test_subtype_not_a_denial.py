"""A diagnosis named with its subtype ("migraine without aura", "preeclampsia without severe
features") names a kind of the disease: the subtype's words are no finding the note denies."""

import pytest

from carechart.notes.nlp import analyse


def _denied(text: str) -> list[str]:
    return [f.name or f.text for f in analyse(text).negated_findings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PMH:\n- Migraine without aura\n- Preeclampsia without severe features (2021)", []),
        ("Assessment:\n1. Chronic migraine without aura - stable, continue sumatriptan.", []),
        ("HPI: 38F with migraine since her teens, usually without aura, now near daily.", []),
        ("Dx: Alzheimer dementia without behavioral disturbance.", []),
        # Another finding in the same list is still denied.
        ("HPI: Headache without aura or fever since Monday.", ["fever"]),
    ],
)
def test_a_subtype_of_a_diagnosis_is_no_denied_finding(text: str, expected: list[str]) -> None:
    assert _denied(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HPI: Long history of migraine without aura. No aura today.", ["aura"]),
        ("HPI: Tolerated the infusion without nausea. Walks without a cane.", ["nausea", "cane"]),
    ],
)
def test_an_aura_denied_on_its_own_stays_denied(text: str, expected: list[str]) -> None:
    assert _denied(text) == expected
