"""Allergy statements in their usual phrasings, crossed with the layouts notes come in and with
drugs written by generic name, class and brand: each names an allergy (with its reaction when the
note gives one) and never a medication. "No known allergies" in its wordings names none, and
"not currently taking any medications" names no medication.

Generated cases, written for these tests (never copied from the evaluation notes).
"""

from collections.abc import Callable

import pytest

from carechart.notes.nlp import analyse

# (as written, what the allergy's name holds, a reaction)
_DRUGS = [
    ("penicillin", "penicillin", "rash"),
    ("amoxicillin", "amoxicillin", "hives"),
    ("codeine", "codeine", "nausea"),
    ("Bactrim", "bactrim", "rash"),
    ("Keflex", "keflex", "hives"),
    ("Augmentin", "augmentin", "diarrhea"),
    ("Percocet", "percocet", "itching"),
    ("penicillins", "penicillin", "anaphylaxis"),
    ("morphine", "morphine", "itching"),
    ("ciprofloxacin", "ciprofloxacin", "tendon pain"),
    ("lisinopril", "lisinopril", "angioedema"),
    ("vancomycin", "vancomycin", "red man syndrome"),
    ("ibuprofen", "ibuprofen", "swelling"),
]

# name: (the statement, {d} the drug and {r} its reaction; whether it gives the reaction)
_PHRASINGS: dict[str, tuple[str, bool]] = {
    "label and bracket": ("Allergies: {d} ({r})", True),
    "allergies/intolerances": ("ALLERGIES/INTOLERANCES: {d} ({r})", True),
    "allergic to": ("Patient is allergic to {d}.", False),
    "allergic to, causes": ("She is allergic to {d} (causes {r}).", True),
    "X allergy": ("{d} allergy.", False),
    "X - reaction": ("Allergies:\n{d} - {r}", True),
    "reacts to X with": ("Patient reacts to {d} with {r}.", True),
    "sensitivity to": ("Sensitivity to {d}.", False),
    "X causes": ("Allergies: {d} causes {r}.", True),
    "intolerant of": ("Intolerant of {d}.", False),
    "list and NKFA": ("Allergies: {d}, latex; NKFA", False),
    "table": (
        "Allergies:\n| Allergen | Reaction | Severity |\n|---|---|---|\n| {d} | {r} | Severe |",
        True,
    ),
    "banner": ("** ALLERGY: {d} **", False),
    "allergies reviewed": ("Allergies reviewed: {d} ({r}).", True),
    "adverse reactions": ("ADVERSE REACTIONS: {d} - {r}", True),
    "capital label": ("ALLERGIES: {d}.", False),
    "has an allergy to": ("Has an allergy to {d}.", False),
    "X caused": ("{d} caused {r} in the past; avoid.", True),
    "drug allergies": ("Drug Allergies: {d} ({r})", True),
    "allergic reaction to": ("History of allergic reaction to {d} ({r}).", True),
    "severity and reaction": ("Allergies: {d} (Severe) - {r}", True),
}

_MEDS = ["lisinopril 10 mg daily", "metformin 500 mg twice daily"]


def _meds(drug: str) -> list[str]:
    """Two medications the patient takes, neither the allergen."""
    return ["amlodipine 5 mg daily", _MEDS[1]] if drug.lower() == "lisinopril" else _MEDS


def _soap(line: str, meds: list[str]) -> str:
    return (
        f"S: 58 y/o M here for follow up of hypertension.\n{line}\nMedications: {', '.join(meds)}."
        "\nO: BP 132/84, HR 72.\nA: Hypertension, controlled.\nP: Continue current medications. "
        "Return in 3 months."
    )


def _history_and_physical(line: str, meds: list[str]) -> str:
    return (
        "HISTORY OF PRESENT ILLNESS:\nCough for 3 days.\n\nPAST MEDICAL HISTORY:\nHypertension.\n\n"
        f"MEDICATIONS:\n{chr(10).join(meds)}\n\n{line}\n\nSOCIAL HISTORY:\nNonsmoker.\n\n"
        "ASSESSMENT AND PLAN:\nBronchitis. Supportive care."
    )


def _allergies_first(line: str, meds: list[str]) -> str:
    return (
        f"HISTORY OF PRESENT ILLNESS:\nCough for 3 days.\n\n{line}\n\nMEDICATIONS:\n"
        f"{chr(10).join(meds)}\n\nASSESSMENT AND PLAN:\nBronchitis. Supportive care."
    )


def _discharge(line: str, meds: list[str]) -> str:
    return (
        "DISCHARGE SUMMARY\nAdmission Date: 03/01/2025\nDischarge Date: 03/04/2025\n\n"
        f"Discharge Diagnosis: Community acquired pneumonia.\n\n{line}\n\nDischarge Medications:\n"
        f"{chr(10).join(meds)}\n\nFollow-up: PCP in 1 week."
    )


def _beside_the_list(line: str, meds: list[str]) -> str:
    return (
        f"Medications: {', '.join(meds)}\n{line}\nAssessment: Hypertension.\n"
        "Plan: Continue current regimen."
    )


def _one_paragraph(line: str, meds: list[str]) -> str:
    flat = line.replace("\n", " ")
    return f"S: Here for follow up. Meds: {', '.join(meds)}. {flat}\nA: Hypertension.\nP: Continue."


def _bulleted(line: str, meds: list[str]) -> str:
    listed = "\n".join(f"- {m}" for m in meds)
    return f"Medications:\n{listed}\n{line}\nPlan:\n- Continue home medications."


def _one_line_export(line: str, meds: list[str]) -> str:
    flat = line.replace("\n", " ").replace("ALLERGIES:", "ALLERGIES:,")
    return (
        "CHIEF COMPLAINT:,  Cough.,HISTORY OF PRESENT ILLNESS:,  Cough for 3 days.,"
        f"{flat}.,MEDICATIONS:,  {', '.join(meds)}.,ASSESSMENT:,  Bronchitis."
    )


_LAYOUTS: dict[str, Callable[[str, list[str]], str]] = {
    "soap": _soap,
    "h&p": _history_and_physical,
    "h&p, allergies first": _allergies_first,
    "discharge summary": _discharge,
    "beside the medication list": _beside_the_list,
    "one paragraph": _one_paragraph,
    "bulleted": _bulleted,
    "one-line export": _one_line_export,
}

# Each phrasing in each layout, with three drugs that turn with the case so every drug meets
# every phrasing and every layout.
_CASES = [
    pytest.param(
        phrasing, layout, _DRUGS[(p + 3 * q + k) % len(_DRUGS)], id=f"{phrasing}|{layout}|{k}"
    )
    for p, phrasing in enumerate(_PHRASINGS)
    for q, layout in enumerate(_LAYOUTS)
    for k in range(3)
]


@pytest.mark.parametrize(("phrasing", "layout", "drug"), _CASES)
def test_an_allergen_is_an_allergy_and_never_a_medication(
    phrasing: str, layout: str, drug: tuple[str, str, str]
) -> None:
    written, stem, reaction = drug
    template, gives_reaction = _PHRASINGS[phrasing]
    text = _LAYOUTS[layout](template.format(d=written, r=reaction), _meds(written))
    analysis = analyse(text)
    found = [a for a in analysis.allergies if stem in a.substance.lower()]
    assert found, [a.substance for a in analysis.allergies]
    if gives_reaction:
        assert any(reaction in (a.reaction or "").lower() for a in found), found
    medications = [m.name.lower() for m in analysis.medications]
    assert not [m for m in medications if written.lower() in m], medications
    assert {"lisinopril", "amlodipine", "metformin"} & {m.split()[0] for m in medications}


_NONE_KNOWN = [
    "NKDA",
    "Allergies: NKDA",
    "No known drug allergies.",
    "Allergies: No known drug allergies",
    "No known medicine allergies.",
    "Allergies: none",
    "ALLERGIES: None.",
    "Allergies: None known",
    "ALLERGIES/INTOLERANCES: NKDA",
    "Allergies reviewed: NKDA",
    "Drug allergies: none",
    "ADVERSE REACTIONS: none",
    "Allergies: NKDA, NKFA",
    "Patient has no known drug allergies.",
]


@pytest.mark.parametrize("layout", list(_LAYOUTS))
@pytest.mark.parametrize("statement", _NONE_KNOWN)
def test_no_known_allergies_names_none(statement: str, layout: str) -> None:
    analysis = analyse(_LAYOUTS[layout](statement, _MEDS))
    assert analysis.no_known_allergies
    assert analysis.allergies == []


@pytest.mark.parametrize(
    "text",
    [
        "S: 45 y/o F for annual exam. She is not currently taking any medications.\nNKDA.\n"
        "A: Well adult.\nP: Return in 1 year.",
        "HISTORY OF PRESENT ILLNESS:\nSore throat for 2 days. Not currently taking any "
        "medications.\n\nALLERGIES:\nPenicillin (rash)\n\nASSESSMENT AND PLAN:\nViral pharyngitis.",
        "CHIEF COMPLAINT:,  Rash.,HISTORY:,  Patient is not currently taking any medications.,"
        "ALLERGIES:,  Sulfa.,ASSESSMENT:,  Contact dermatitis.",
    ],
)
def test_taking_no_medications_names_none(text: str) -> None:
    assert analyse(text).medications == []
