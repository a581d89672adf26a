"""Reviewer's probes: a lower-case allergy list with a long first line keeps its next entry
(only wrapped prose goes on), and a culture's "Sensitivities:" is no allergy list."""

import pytest

from carechart.notes.nlp import analyse


def _substances(text: str) -> list[str]:
    return [a.substance.lower() for a in analyse(text).allergies]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Allergies:\npenicillin - hives, swelling of the lips and tongue in 2015 per patient"
            " report\nsulfa - rash",
            ["penicillin", "sulfa"],
        ),
        (
            "ALLERGIES:\namoxicillin - rash as a child, confirmed by the pediatrician in clinic"
            " records\ncodeine - nausea",
            ["amoxicillin", "codeine"],
        ),
        (
            "Allergies:\nlisinopril - angioedema needing ICU admission and intubation in March"
            " of last year\nlatex - hives",
            ["lisinopril", "latex"],
        ),
        # Wrapped prose still goes on: no second entry.
        (
            "Allergies: penicillin (hives) and she reports a rash with iodinated\ncontrast"
            " during a CT scan in 2019 at an outside hospital.",
            ["penicillin"],
        ),
    ],
)
def test_a_long_lower_case_line_keeps_the_next_entry(text: str, expected: list[str]) -> None:
    assert _substances(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Urine culture: E. coli >100,000 CFU\nSensitivities: ampicillin resistant,"
        " nitrofurantoin sensitive",
        "Blood cultures 2/2 MSSA.\nSensitivities:\nOxacillin S\nVancomycin S\nClindamycin R",
        "Wound culture: MRSA\nSensitivities: vancomycin, doxycycline, TMP-SMX",
    ],
)
def test_a_cultures_sensitivities_are_no_allergies(text: str) -> None:
    assert _substances(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sensitivities: latex", ["latex"]),
        ("Allergies: NKDA\nSensitivities: adhesive tape (blisters)", ["adhesive tape"]),
    ],
)
def test_a_patients_sensitivities_stay_allergies(text: str, expected: list[str]) -> None:
    assert _substances(text) == expected
