"""A heading is never a problem: headings as documents decorate and qualify them (SBAR's parts,
dots, brackets, rules, qualifiers after a dash or in parentheses, "by problem") open sections."""

import pytest

from carechart.notes.nlp import analyse
from carechart.notes.nlp.sections import is_heading_name


def _problems(text: str) -> list[str]:
    return [p.text for p in analyse(text, client_note_type=None).problems]


def _sections(text: str) -> list[str]:
    return [s.name.value for s in analyse(text, client_note_type=None).sections]


@pytest.mark.parametrize(
    "text",
    [
        "SBAR\nSituation: Increased work of breathing.\nBackground: Admitted with CHF.\n"
        "Assessment: Volume overload.\nRecommendation: Give furosemide.",
        "S-B-A-R note\nSITUATION:\nShort of breath.\nBACKGROUND:\nHx of COPD.\nASSESSMENT:\n"
        "COPD exacerbation\nRECOMMENDATION:\nNebs, page MD.",
        "situation: fell in bathroom\nbackground: on warfarin for AF\nassessment: hip fracture\n"
        "recommendation: xray",
    ],
)
def test_sbar_parts_are_sections_never_problems(text: str) -> None:
    problems = {p.lower() for p in _problems(text)}
    assert not problems & {"situation", "background", "recommendation", "assessment"}


@pytest.mark.parametrize(
    "heading",
    [
        "[ASSESSMENT]",
        "== ASSESSMENT ==",
        "**Assessment:**",
        "ASSESSMENT.....",
        "Assessment (ICD-10):",
    ],
)
def test_decorated_assessment_headings_open_the_assessment(heading: str) -> None:
    text = f"HPI: Cough for a week.\n{heading}\nAcute bronchitis\nPlan: fluids."
    assert "assessment" in _sections(text)
    problems = _problems(text)
    assert problems == ["Acute bronchitis"]


@pytest.mark.parametrize(
    "heading",
    [
        "HOSPITAL COURSE BY PROBLEM",
        "Hospital Course by Problem:",
        "HOSPITAL COURSE BY SYSTEM",
        "[HOSPITAL COURSE]",
    ],
)
def test_a_hospital_course_arranged_by_problem_is_no_diagnosis(heading: str) -> None:
    text = (
        "DISCHARGE DIAGNOSES:\n1. Pyelonephritis\n2. Type 2 diabetes\n\n"
        f"{heading}\n1. Pyelonephritis. Treated with ceftriaxone.\n"
    )
    assert heading.strip("[]:").lower() not in {p.lower() for p in _problems(text)}
    assert "hospital_course" in _sections(text)


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("TREATMENT ORDERS - C1D1 (doses on BSA 2.09 m2, 100%):", "plan"),
        ("SUPPORTIVE MEDICATIONS - NEW PRESCRIPTIONS:", "prescriptions"),
        ("DISCHARGE MEDICATIONS (reconciled 04/26):", "discharge_medications"),
        ("PLAN - per oncology:", "plan"),
    ],
)
def test_a_qualified_heading_in_capitals_opens_its_section(heading: str, kind: str) -> None:
    text = (
        "ASSESSMENT: 61M with colon cancer starting adjuvant chemotherapy.\n\n"
        f"{heading}\n  ondansetron 8 mg tab every 8 hours as needed\n"
    )
    assert kind in _sections(text)
    assert all(
        w not in p.upper() for p in _problems(text) for w in ("ORDERS", "MEDICATIONS", "PLAN")
    )


@pytest.mark.parametrize(
    "label",
    [
        "Impression/Plan",
        "Pre-operative diagnosis",
        "PREOPERATIVE DIAGNOSIS:",
        "[Plan]",
        "Hospital course by problem",
        "SUPPORTIVE MEDICATIONS - NEW PRESCRIPTIONS",
        "Review of systems (as per HPI)",
    ],
)
def test_heading_names_are_known_however_decorated(label: str) -> None:
    assert is_heading_name(label)


@pytest.mark.parametrize("label", ["Hypertension", "Diabetes education", "Chest pain - atypical"])
def test_problems_are_not_heading_names(label: str) -> None:
    assert not is_heading_name(label)


@pytest.mark.parametrize(
    "table",
    [
        "Problem\tStatus\tOnset\nHypertension\tActive\t2015\n",
        "Problem | Status | Onset\nHypertension | Active | 2015\n",
        "DIAGNOSIS    STATUS    NOTED\nHypertension    Active    2015\n",
    ],
)
def test_table_column_heads_are_no_problems(table: str) -> None:
    problems = _problems(f"Office visit\nASSESSMENT:\n{table}")
    assert not any(p.split()[0].lower() in {"problem", "diagnosis"} for p in problems)
    assert any("Hypertension" in p for p in problems)


@pytest.mark.parametrize(
    "text",
    [
        "[CHIEF COMPLAINT] Found confused.\n[HPI] 79M with T2DM on glipizide.\n"
        "[IMPRESSION]\n1. Hypoglycemia.\n[PLAN]\nAdmit.",
        "[HPI]: 79M with T2DM.\n[ASSESSMENT]: Hypoglycemia\n[PLAN]: Admit.",
        "HPI.... 79M with T2DM.\nIMPRESSION.... Hypoglycemia\nPLAN.... Admit.",
    ],
)
def test_headings_in_brackets_or_with_dot_leaders_open_sections_on_their_line(text: str) -> None:
    sections = _sections(text)
    assert "present_illness" in sections
    assert "plan" in sections
    # The story's opening condition is past history; no heading is a problem.
    assert _problems(text) == ["Hypoglycemia", "T2DM"]


@pytest.mark.parametrize(
    "item",
    [
        "ESRD on HD",
        "OSA on CPAP",
        "COPD on 2 L O2",
        "Hypoglycemia due to sulfonylurea",
        "Constipation 2/2 opioids",
    ],
)
def test_a_treatment_on_the_far_side_of_a_join_is_no_problem(item: str) -> None:
    problems = {p.lower() for p in _problems(f"Assessment:\n1. {item}\n")}
    treatments = {"hd", "cpap", "2 l o2", "sulfonylurea", "opioids"}
    assert not problems & treatments
    assert problems


def test_orders_per_a_named_doctor_open_the_plan_not_problems() -> None:
    text = (
        "Assessment (RN, discussed with Dr. Hart):\n- Hyperkalemia, mild.\n\n"
        "Orders per Dr. Hart (verbal/read-back):\n1. STOP ibuprofen.\n"
        "2. Low-potassium diet handout reviewed.\n3. Call back or go to ED for fainting.\n"
    )
    assert "plan" in _sections(text)
    assert _problems(text) == ["Hyperkalemia"]


@pytest.mark.parametrize(
    "heading",
    [
        "ACTIVE PROBLEMS / PLAN FOR FLOOR TEAM",
        "ASSESSMENT - PLAN FOR NIGHT TEAM",
        "PROBLEM LIST / PLAN AT TRANSFER",
        "IMPRESSION / RECOMMENDATIONS TO PRIMARY TEAM",
    ],
)
def test_a_compound_heading_in_capitals_alone_on_its_line_opens_its_section(heading: str) -> None:
    text = (
        "ICU TRANSFER NOTE\nHPI: 60M admitted with urosepsis.\n\n"
        f"{heading}\n1. Septic shock - resolved.\n2. AKI - improving. BMP daily.\n"
        "3. Depression - citalopram.\n"
    )
    assert {"assessment", "assessment_and_plan"} & set(_sections(text))
    assert _problems(text)[:3] == ["Septic shock", "AKI", "Depression"]


@pytest.mark.parametrize(
    "line",
    ["HTN / DM", "LEFT - RIGHT", "ICU / STEP-DOWN"],
)
def test_other_compound_lines_are_no_assessment_heading(line: str) -> None:
    text = f"PROGRESS NOTE\nHPI: 60M with cough.\n\n{line}\n1. Pneumonia - ceftriaxone.\n"
    assert not {"assessment", "assessment_and_plan"} & set(_sections(text))


@pytest.mark.parametrize(
    "sentence",
    ["Diabetes educator consult.", "Endocrinology consult.", "Nephrology consultation today."],
)
def test_a_consult_ordered_under_a_problem_is_no_problem(sentence: str) -> None:
    text = (
        "ASSESSMENT AND PLAN\n1. T2DM, uncontrolled (A1c 9.1%) - glargine + correction. "
        f"{sentence} Will review the regimen.\n2. HTN - lisinopril on hold.\n"
    )
    problems = _problems(text)
    assert problems == ["T2DM", "HTN"], problems
