"""A list's label is no problem, and a plan restating a diagnosis above adds none."""

from carechart.notes.nlp import analyse

CONSULT = """Assessment
Chest pain, atypical.
- Contributing factors: obesity, tobacco use, and a family history of early coronary disease.

Plan
1. Chest pain: stress test next week.
"""

OPERATION = """Preoperative Diagnosis: Acute cholecystitis.
Postoperative Diagnosis: Acute gangrenous cholecystitis, non-perforated.
Procedure Performed: Laparoscopic cholecystectomy.

Postoperative Plan:
1. Non-perforated cholecystitis: no antibiotics after surgery.
2. Diabetes: resume home insulin.
"""


def _texts(text: str) -> list[str]:
    return [p.text.lower() for p in analyse(text).problems]


def test_a_plural_label_before_a_colon_and_its_list_is_not_a_problem() -> None:
    problems = _texts(CONSULT)
    assert "chest pain" in problems
    assert not any("factor" in p for p in problems)


def test_a_plan_restating_the_postoperative_diagnosis_adds_no_second_problem() -> None:
    problems = _texts(OPERATION)
    assert [p for p in problems if "cholecystitis" in p] == ["acute gangrenous cholecystitis"]
    assert "diabetes" in problems
