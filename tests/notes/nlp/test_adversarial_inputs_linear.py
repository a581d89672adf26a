"""Adversarial notes cost work in proportion to their length: many separators, long runs of
items, long lines, deep nesting of brackets, many dates. Each is analysed at one size and at four
times that size; linear work takes about four times as long, work that grows with the square of
the length (a scan of the whole plan for each of its items) sixteen times.

The check is a ratio of CPU times, each the best of three runs, with a wide margin (under nine
for an expected four), measured twice before it fails: a busy machine slows both sizes alike,
so only growth faster than linear fails it. No absolute time is asserted.
"""

import time
from collections.abc import Callable

import pytest

from carechart.notes.nlp import analyse

VISIT = "Date of Service: 03/06/2025\n"

# name: the note made of `n` repeats of its adversarial part.
_INPUTS: dict[str, Callable[[int], str]] = {
    "a plan of semicolons": lambda n: VISIT + "Plan:\n" + "hives; " * n,
    "a plan of commas, each timed": lambda n: VISIT + "Plan: " + "repeat CBC in 1 week, " * n,
    "a plan of ands": lambda n: VISIT + "Plan: follow up in 2 weeks" + " and hives" * n + ".",
    "an allergy list of commas": lambda n: "Allergies: " + "penicillin, " * n,
    "an allergy list of reactions": lambda n: "Allergies: " + "sulfa - rash; " * n,
    "an allergy list of dashes": lambda n: "Allergies: " + "codeine - " * n,
    "a long run of list items": lambda n: "Assessment:\n" + "- hypertension\n" * n,
    "one long line": lambda n: "HPI: " + "the patient reports cough and fever " * n,
    "deeply nested brackets": lambda n: (
        VISIT + "Plan: " + "(" * (6 * n) + "RTC 2 wk" + ")" * (6 * n)
    ),
    "unclosed brackets": lambda n: "Allergies: " + "penicillin (" * n,
    "a cut-short table": lambda n: "PMH:\n" + "| Drug " * n + "|\n",
    "labels on labels": lambda n: VISIT + "Plan: " + "Return: " * n,
    "many dates": lambda n: VISIT + "Plan: " + "03/06/2025 " * n,
    "many sentences": lambda n: "Allergies: " + "penicillin. " * n,
}
_SMALL = 300
_TIMES = 4
_MOST = 9.0


def _best_seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        analyse(text)
        best = min(best, time.process_time() - started)
    return max(best, 1e-4)


def _growth(make: Callable[[int], str]) -> float:
    small, large = make(_SMALL), make(_SMALL * _TIMES)
    return _best_seconds(large) / _best_seconds(small)


@pytest.mark.parametrize("name", list(_INPUTS))
def test_adversarial_input_costs_work_in_proportion_to_its_length(name: str) -> None:
    make = _INPUTS[name]
    analyse(make(10))  # the first call loads the vocabularies
    growth = _growth(make)
    if growth >= _MOST:
        growth = min(growth, _growth(make))  # a second measure before failing
    assert growth < _MOST, f"{name}: {_TIMES}x the text took {growth:.1f}x the work"
