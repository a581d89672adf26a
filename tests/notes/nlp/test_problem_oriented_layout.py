"""A problem-oriented note numbers its problems as headings ("Problem #2: Type 2 diabetes"),
each with its own "Assessment:" and "Plan:" under it."""

from carechart.notes.nlp import ProblemStatus, analyse

_NOTE = """ASSESSMENT/PLAN
Problem #1: Cellulitis, left lower extremity
Assessment: improving on cephalexin, erythema receding.
Plan: complete 7 days.
Problem #2: Type 2 diabetes mellitus, uncontrolled
Assessment: A1c 9.1.
Plan: add glipizide 5 mg daily.
Problem 3 - Tobacco use
Assessment: 1 ppd, pre-contemplative.
Plan: counseled 5 min.
"""


def test_each_numbered_problem_heading_names_an_active_problem() -> None:
    problems = {p.text: p.status for p in analyse(_NOTE).problems}

    assert problems == {
        "Cellulitis": ProblemStatus.ACTIVE,
        "Type 2 diabetes mellitus": ProblemStatus.ACTIVE,
        "Tobacco use": ProblemStatus.ACTIVE,
    }


def test_a_problem_word_inside_a_sentence_opens_nothing() -> None:
    text = (
        "HPI: No problem 1 week ago when she ran.\n"
        "ASSESSMENT:\n1. Patellofemoral pain syndrome - PT referral.\n"
    )

    assert [p.text for p in analyse(text).problems] == ["Patellofemoral pain syndrome"]
