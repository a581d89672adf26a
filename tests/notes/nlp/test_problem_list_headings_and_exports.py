"""Problem lists the reader used to miss whole: exports that join fields with a comma and a
space, and diagnosis headings that say when the list was made ("Diagnoses this admission").
Each class with phrasings written for it, not taken from a note."""

import pytest

from carechart.notes.nlp import ProblemStatus, analyse

_A = ProblemStatus.ACTIVE
_H = ProblemStatus.HISTORICAL
_R = ProblemStatus.RESOLVED


def _problems(text: str) -> dict[str, ProblemStatus]:
    return {p.text.lower(): p.status for p in analyse(text).problems}


def _kinds(text: str) -> list[str]:
    return [s.name.value for s in analyse(text).sections]


@pytest.mark.parametrize(
    "text",
    [
        "CONSULTATION, PATIENT: DOE, JOHN, MRN: 123, REASON FOR CONSULTATION: Chest pain., "
        "PAST MEDICAL HISTORY: Gout. Asthma., MEDICATIONS: Albuterol as needed., "
        "IMPRESSION: 1. Pericarditis. 2. Iron deficiency anemia., PLAN: Ibuprofen 600 mg.",
        "OFFICE NOTE, DATE: 01/02/2026, HISTORY: Cough for a week., PAST MEDICAL HISTORY: "
        "Gout, asthma., ASSESSMENT: Pericarditis and iron deficiency anemia., PLAN: Rest.",
        "PROGRESS NOTE, SUBJECTIVE: Better today., PAST HISTORY: Gout. Asthma., "
        "ASSESSMENT AND PLAN: 1. Pericarditis, improving. 2. Iron deficiency anemia, on iron.",
    ],
)
def test_an_export_joined_by_comma_and_space_opens_each_heading(text: str) -> None:
    found = _problems(text)
    assert found.get("pericarditis") is _A
    assert found.get("iron deficiency anemia") is _A
    assert found.get("gout") is _H


@pytest.mark.parametrize(
    "text",
    [
        "DISCHARGE SUMMARY, ATTENDING: JANE ROE MD, DISCHARGE DIAGNOSES: 1. Sepsis from "
        "pyelonephritis, resolved. 2. Hypertension., HOSPITAL COURSE: Treated with ceftriaxone.",
        "OPERATIVE REPORT, SURGEON: ALAN POE DO, POSTOPERATIVE DIAGNOSIS: Sepsis from "
        "pyelonephritis. Hypertension., PROCEDURE: Cystoscopy and stent placement.",
    ],
)
def test_a_header_field_running_into_a_diagnosis_heading_ends_there(text: str) -> None:
    found = _problems(text)
    assert "pyelonephritis" in found
    assert found.get("hypertension") is _A


def test_a_comma_and_capitals_inside_a_sentence_split_nothing() -> None:
    text = "ASSESSMENT: Knee pain, OA on X-RAY: mild.\nPLAN: Ice."
    assert _kinds(text) == ["assessment", "plan"]


@pytest.mark.parametrize(
    "heading",
    [
        "Diagnoses this admission",
        "DIAGNOSES DURING THIS HOSPITALIZATION",
        "Problems addressed today:",
        "Diagnoses for this encounter:",
        "Problems managed during the stay",
        "Diagnosis this visit:",
    ],
)
def test_a_diagnosis_heading_that_says_when_opens_the_diagnoses(heading: str) -> None:
    text = (
        "Patient: Jane Doe   MRN: 1\n\n"
        f"{heading}\n"
        "  Principal: Community-acquired pneumonia\n"
        "  Hypothyroidism\n"
        "  Acute kidney injury - resolved\n\n"
        "Hospital course: Treated with antibiotics."
    )
    found = _problems(text)
    assert found.get("community-acquired pneumonia") is _A
    assert found.get("hypothyroidism") is _A
    assert found.get("acute kidney injury") is _R


@pytest.mark.parametrize("label", ["Problems addressed:", "Diagnoses this visit:", "IMPRESSION:"])
def test_the_list_own_name_under_an_assessment_keeps_its_items(label: str) -> None:
    text = (
        "ASSESSMENT:\n70 y/o woman in hospice, comfortable.\n"
        f"{label}\n"
        "1. Opioid-induced constipation - starting senna.\n"
        "2. Caregiver strain - social work visit.\n"
        "3. Gout\n"
    )
    found = _problems(text)
    assert {"opioid-induced constipation", "caregiver strain", "gout"} <= set(found)


@pytest.mark.parametrize(
    "heading", ["Medications this admission:", "Plan for this visit:", "Labs today:"]
)
def test_a_when_qualifier_does_not_turn_other_headings_into_diagnoses(heading: str) -> None:
    text = f"ASSESSMENT: Cellulitis.\n{heading}\nCephalexin 500 mg.\n"
    assert "diagnoses" not in _kinds(text)
