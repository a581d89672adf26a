"""A problem's name is not cut short: "B12 deficiency" is no ICD code and a deficiency, and an
episode named after its disease ("COPD, recent exacerbation") is no problem of its own."""

import pytest

from carechart.notes.nlp import analyse


def _names(text: str) -> list[str]:
    return [p.text for p in analyse(text).problems]


@pytest.mark.parametrize(
    "text",
    [
        "ASSESSMENT:\n4. B12 deficiency - on replacement, level 612; continue B12.\n",
        "Problems:\n- B12 deficiency (on monthly injections)\n- Hypertension\n",
    ],
)
def test_b12_deficiency_keeps_its_vitamin(text: str) -> None:
    assert "B12 deficiency" in _names(text)


def test_coded_problems_lose_their_codes() -> None:
    text = "PROBLEM LIST:\nE11.9 Type 2 diabetes\nI10 Hypertension\nD51.0 B12 deficiency anemia\n"

    assert _names(text) == ["Type 2 diabetes", "Hypertension", "B12 deficiency anemia"]


@pytest.mark.parametrize(
    "line",
    ["COPD, recent exacerbation - finishing prednisone", "Asthma; frequent flares - add ICS"],
)
def test_an_episode_told_after_its_disease_is_no_second_problem(line: str) -> None:
    names = _names(f"A/P:\n1. {line}.\n")

    assert len(names) == 1


def test_an_episode_named_with_its_disease_is_a_problem() -> None:
    names = _names("A/P:\n1. Gout flare - colchicine.\n2. Asthma exacerbation - prednisone.\n")

    assert names == ["Gout flare", "Asthma exacerbation"]
