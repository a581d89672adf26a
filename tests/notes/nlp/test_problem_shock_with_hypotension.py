"""Shock is hypotension of a cause: "Septic shock with hypotension" names one problem, as
"cellulitis with abscess" does; a second disease after "with" still splits."""

import pytest

from carechart.notes.nlp import analyse

_NOTE = """Progress Note - HD#2
Date of Service: 03/04/2026

S: On norepinephrine overnight.

A/P:
1. {line}
"""


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Septic shock with hypotension - norepinephrine.", ["septic shock with hypotension"]),
        ("Hypovolemic shock with hypotension, fluids.", ["hypovolemic shock with hypotension"]),
        # Negatives: hypotension beside another disease is a problem of its own.
        (
            "Recurrent falls with orthostatic hypotension.",
            ["recurrent falls", "orthostatic hypotension"],
        ),
        ("Adrenal insufficiency with hypotension.", ["adrenal insufficiency", "hypotension"]),
    ],
)
def test_shock_with_hypotension_is_one_problem(line: str, expected: list[str]) -> None:
    problems = analyse(_NOTE.format(line=line)).problems

    assert [p.text.lower() for p in problems] == expected
