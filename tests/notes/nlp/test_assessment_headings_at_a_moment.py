"""An assessment's heading may say when in the stay it was written: "A&P at transfer"."""

import pytest

from carechart.notes.nlp import ProblemStatus, analyse


def test_an_assessment_and_plan_at_transfer_is_the_assessment() -> None:
    text = (
        "MICU TRANSFER NOTE\n"
        "PMH: Hypertension. Gout.\n"
        "ASSESSMENT & PLAN AT TRANSFER:\n"
        "# Septic shock, resolved - off pressors.\n"
        "# Klebsiella bacteremia - ceftriaxone.\n"
        "# Hypertension - resume amlodipine.\n"
    )
    problems = {p.text.lower(): p.status for p in analyse(text).problems}

    assert problems.get("klebsiella bacteremia") is ProblemStatus.ACTIVE
    assert problems.get("septic shock") is ProblemStatus.RESOLVED
    assert problems.get("hypertension") is ProblemStatus.ACTIVE
    assert problems.get("gout") is ProblemStatus.HISTORICAL


@pytest.mark.parametrize(
    "heading",
    ["Impression on admission:", "DIAGNOSES AT DISCHARGE:", "Assessment and plan at handoff:"],
)
def test_assessment_headings_qualified_by_a_moment_are_the_assessment(heading: str) -> None:
    text = f"{heading}\n1. Community-acquired pneumonia.\n2. Hyponatremia.\n"
    problems = {p.text.lower(): p.status for p in analyse(text).problems}

    assert problems.get("community-acquired pneumonia") is ProblemStatus.ACTIVE
    assert problems.get("hyponatremia") is ProblemStatus.ACTIVE


def test_a_line_of_story_ending_in_a_moment_is_no_heading() -> None:
    text = (
        "HPI: 70M admitted with pneumonia.\n"
        "Plan discussed with daughter at discharge:\n"
        "1. Finish antibiotics.\n"
        "ASSESSMENT:\n1. Community-acquired pneumonia - improving.\n"
    )
    problems = [p.text.lower() for p in analyse(text).problems]

    assert not any("antibiotic" in p for p in problems)
    assert "community-acquired pneumonia" in problems
