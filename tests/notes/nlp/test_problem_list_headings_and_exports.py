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


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Thank you for referring Mr Ode, whom I saw today regarding gouty arthritis.", "gout"),
        ("I saw Ms Lane in clinic today for follow-up of her ulcerative colitis.", "colitis"),
        ("We reviewed him in the chest clinic regarding his sarcoidosis.", "sarcoidosis"),
        ("My impression is seronegative rheumatoid arthritis.", "rheumatoid arthritis"),
        ("She also has mild iron deficiency anemia and hypothyroidism.", "hypothyroidism"),
    ],
)
def test_a_letter_names_its_diagnoses_in_prose(sentence: str, expected: str) -> None:
    text = f"Dear Dr. Hale,\n\n{sentence} She is otherwise well.\n\nYours sincerely,\n"
    found = _problems(text)
    assert any(expected in name and status is _A for name, status in found.items()), found


@pytest.mark.parametrize(
    "sentence",
    [
        "She was seen in the ED on 11/02 for an asthma exacerbation.",
        "He was seen at urgent care for otitis media and given amoxicillin.",
        "I saw her on 03/12/2025 for pneumonia.",
        "I saw him today for 20 minutes.",
    ],
)
def test_an_earlier_visit_told_in_the_story_is_no_diagnosis_of_this_one(sentence: str) -> None:
    text = f"HPI: {sentence}\nASSESSMENT: Cough."
    found = _problems(text)
    assert all(status is not _A for name, status in found.items() if name != "cough"), found


def test_the_rest_of_a_letter_history_in_prose_is_history() -> None:
    text = (
        "Dear Dr. Hale,\n\nI saw Mr Ode today regarding recurrent diverticulitis. His other "
        "history includes gout and hyperlipidemia.\n"
    )
    found = _problems(text)
    assert found.get("recurrent diverticulitis") is _A
    assert found.get("gout") is _H
    assert found.get("hyperlipidemia") is _H


@pytest.mark.parametrize(
    "line",
    [
        "1. Hypokalemia, hypomagnesemia and hypophosphatemia, corrected.",
        "1. Hypokalemia and hypomagnesemia, resolved.",
        "- Hypokalemia and hypomagnesemia, both resolved",
    ],
)
def test_a_list_closing_with_resolved_resolves_every_name(line: str) -> None:
    found = _problems(f"DISCHARGE DIAGNOSES:\n{line}\n2. Hypertension.")
    assert found.get("hypokalemia") is _R
    assert found.get("hypomagnesemia") is _R
    assert found.get("hypertension") is _A


@pytest.mark.parametrize(
    ("line", "acute"),
    [
        ("1. AKI on CKD stage 3a, resolved.", "aki"),
        ("1. AKI superimposed on CKD stage 3a - resolved", "aki"),
        ("1. Hyperkalemia due to CKD stage 3a, corrected.", "hyperkalemia"),
    ],
)
def test_the_chronic_problem_under_a_resolved_one_stays_active(line: str, acute: str) -> None:
    found = _problems(f"DISCHARGE DIAGNOSES:\n{line}\n")
    assert found.get(acute) is _R
    assert found.get("ckd stage 3a") is _A


def test_resolved_inside_an_aside_resolves_only_that_aside() -> None:
    found = _problems("PMH: asthma, anxiety, hx of GDM (2017 pregnancy, resolved)")
    assert found.get("anxiety") is _H


@pytest.mark.parametrize(
    "table",
    [
        "| Drug | Dose | Instruction |\n| Apixaban (Eliquis) | 5 mg BD | Last dose 25/01 |\n",
        "| Medication | Route | Frequency |\n| Metformin 1 g | PO | BID |\n",
        "| DRUG | DOSE | SIG |\n| Lisinopril | 10 mg | daily |\n",
    ],
)
def test_a_medication_table_run_into_a_history_gives_no_problems(table: str) -> None:
    text = (
        "PAST MEDICAL HISTORY:\n- Hypertension\n- Gout\n\n"
        f"CURRENT MEDICATIONS and PERI-PROCEDURE ADVICE\n{table}"
    )
    found = _problems(text)
    assert {"hypertension", "gout"} <= set(found)
    assert not {"drug", "dose", "instruction", "medication", "route", "sig"} & set(found)
    assert not any(name.startswith(("apixaban", "metformin", "lisinopril")) for name in found)


def test_a_table_of_conditions_in_a_history_keeps_its_rows() -> None:
    text = "PMH:\n| Condition | Since |\n| Hypertension | 2015 |\n| Asthma | 1990 |\n"
    assert {"hypertension", "asthma"} <= set(_problems(text))
