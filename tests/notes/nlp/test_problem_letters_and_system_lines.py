"""Problems of the shapes the newest sets missed, labelled before the code ran on them: a
consultant's letter that gives its assessment under "My impression and recommendations:", a
problem-based progress note whose lines open with a body system ("Renal/lytes:", "CV:"), and
an assessment whose summary line opens with the age and sex and a comma ("68M, COPD, ...")."""

import pytest

from carechart.notes.nlp import ProblemStatus, SectionName, analyse

_LETTER = """EASTGATE ENDOCRINOLOGY
12 Harbour Road

March 3, 2026

Dr. Lena Whitcombe
Eastgate Family Practice

RE: Tomas Albrecht   DOB 02/11/1961

Dear Dr. Whitcombe,

Thank you for asking me to see Mr. Albrecht about his thyroid nodule. He feels well.

On examination his pulse was 72 and regular. There is a 2 cm firm nodule in the right lobe.

{heading}

1. Right thyroid nodule, TI-RADS 4. I have arranged a fine-needle aspiration next week.
2. Subclinical hypothyroidism (TSH 6.8). No treatment for now; repeat TSH in 3 months.
3. Vitamin D deficiency, mild. Start cholecalciferol 1000 units daily.

Yours sincerely,

Priya Ramanathan, MD
"""


@pytest.mark.parametrize(
    "heading",
    [
        "My impression and recommendations:",
        "My assessment and changes:",
        "Our assessment:",
        "Impression and advice:",
    ],
)
def test_a_letters_own_assessment_heading_opens_its_problems(heading: str) -> None:
    analysis = analyse(_LETTER.format(heading=heading))

    assert {p.text: p.status for p in analysis.problems} == {
        "Right thyroid nodule": ProblemStatus.ACTIVE,
        "Subclinical hypothyroidism": ProblemStatus.ACTIVE,
        "Vitamin D deficiency": ProblemStatus.ACTIVE,
    }


@pytest.mark.parametrize("heading", ["Pain assessment:", "Fall risk assessment:"])
def test_an_exams_assessment_stays_no_assessment_of_problems(heading: str) -> None:
    text = f"Vitals: BP 120/70.\n{heading}\n1. Score 2 of 10.\n"

    names = {s.name for s in analyse(text).sections}

    assert SectionName.ASSESSMENT not in names
    assert SectionName.ASSESSMENT_AND_PLAN not in names


def _assessed(lines: str) -> list[str]:
    text = f"Progress Note\nDate of Service: 05/14/2026\n\nS: feels better.\n\nA/P:\n{lines}\n"
    return [p.text for p in analyse(text).problems if p.status is ProblemStatus.ACTIVE]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Renal/lytes: hypokalemia/hypomagnesemia (diuresis). KCl 40 mEq PO x1.",
            ["hypokalemia", "hypomagnesemia"],
        ),
        ("Renal: hyponatremia/hyperkalemia - recheck BMP in AM.", ["hyponatremia", "hyperkalemia"]),
        ("CV: sinus tach, likely from albuterol. Monitor.", ["sinus tach"]),
        ("Cardio: ADHF - net negative 1.2 L. Continue furosemide.", ["ADHF"]),
        ("Neuro/Psych: Anxiety - continue sertraline.", ["Anxiety"]),
    ],
)
def test_a_body_systems_line_names_its_conditions(line: str, expected: list[str]) -> None:
    assert _assessed(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # A pair written as one syndrome, and a symptom pair, stay one.
        ("Psych: Depression/anxiety - continue sertraline.", ["Depression/anxiety"]),
        ("Renal/lytes: no acute issues. Cr stable.", []),
        ("Neuro/Psych: at baseline, A&Ox3.", []),
    ],
)
def test_a_body_systems_line_without_two_derangements_is_unchanged(
    line: str, expected: list[str]
) -> None:
    assert _assessed(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "68M, COPD (GOLD 3, FEV1 38%), active smoker, admitted w/ acute exacerbation.",
            ["COPD"],
        ),
        ("72F, CHF (EF 25%), CKD 3b, admitted with volume overload.", ["CHF", "CKD 3b"]),
    ],
)
def test_an_assessments_opening_after_age_and_sex_and_a_comma_names_its_conditions(
    line: str, expected: list[str]
) -> None:
    assert [name for name in _assessed(line) if name in expected] == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "1. Recurrent falls with orthostatic hypotension - PT referral.",
            ["Recurrent falls", "orthostatic hypotension"],
        ),
        ("3. AECOPD with RLL pneumonia - prednisone, ceftriaxone.", ["AECOPD", "RLL pneumonia"]),
        (
            "3. Pseudohyponatremia/hyperkalemia from DKA - recheck BMP.",
            ["Pseudohyponatremia", "hyperkalemia", "DKA"],
        ),
    ],
)
def test_a_second_disease_joined_with_with_is_a_problem_of_its_own(
    line: str, expected: list[str]
) -> None:
    assert _assessed(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "1. Preeclampsia with severe features - magnesium.",
        "2. Nodular acne vulgaris with scarring - isotretinoin.",
        "3. Elevated blood pressure with history of hypertension. Recheck in 1 week.",
    ],
)
def test_a_disease_with_its_own_form_or_a_history_stays_one(line: str) -> None:
    assert len(analyse(f"ASSESSMENT:\n{line}\n").problems) == 1


_CALL = """TELEPHONE ENCOUNTER - post-discharge call
Call date: 03/05/2026
{line}
Patient says the redness is receding. No fever.
"""


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Discharged: 03/02/2026 from 4 West, dx left leg cellulitis.", ["left leg cellulitis"]),
        (
            "Pt was discharged home on 3/30 with a diagnosis of community-acquired pneumonia "
            "and COPD exacerbation.",
            ["community-acquired pneumonia", "COPD exacerbation"],
        ),
    ],
)
def test_a_call_after_a_stay_gives_the_stays_diagnoses(line: str, expected: list[str]) -> None:
    problems = analyse(_CALL.format(line=line)).problems

    assert [p.text for p in problems] == expected
    assert {p.section for p in problems} == {SectionName.DIAGNOSES}


@pytest.mark.parametrize(
    "line",
    [
        "Pt was discharged home on 3/30. Dx codes were faxed to the agency.",
        "Discharged: 03/02/2026 from 4 West. Instructions reviewed.",
    ],
)
def test_a_discharge_told_without_its_diagnosis_names_none(line: str) -> None:
    assert analyse(_CALL.format(line=line)).problems == []
