"""A problem list's "Resolved problems" part holds resolved problems; a "Problem-based
assessment" is the assessment."""

from carechart.notes.nlp import ProblemStatus, analyse


def _statuses(text: str) -> dict[str, ProblemStatus]:
    return {p.text: p.status for p in analyse(text).problems}


def test_problems_under_a_resolved_problems_heading_are_resolved() -> None:
    text = (
        "Active Problems\n- Essential hypertension\n- Asthma, mild persistent\n\n"
        "Resolved Problems\n- Community-acquired pneumonia (02/2025)\n- Plantar fasciitis, left\n\n"
        "Past Medical History:\nCholecystitis 2012\nMigraine\n"
    )
    statuses = _statuses(text)

    assert statuses["Community-acquired pneumonia"] is ProblemStatus.RESOLVED
    assert statuses["Plantar fasciitis"] is ProblemStatus.RESOLVED
    assert statuses["Essential hypertension"] is ProblemStatus.ACTIVE
    assert statuses["Migraine"] is ProblemStatus.HISTORICAL


def test_an_inactive_problem_list_is_past_history() -> None:
    text = "INACTIVE PROBLEM LIST:\nGestational diabetes\nIron deficiency anemia\n"
    statuses = _statuses(text)

    assert statuses == {
        "Gestational diabetes": ProblemStatus.HISTORICAL,
        "Iron deficiency anemia": ProblemStatus.HISTORICAL,
    }


def test_a_problem_based_assessment_is_the_assessment() -> None:
    text = (
        "Nephrology clinic\n\nProblem-based assessment:\n\n"
        "CKD stage 4, secondary to diabetic nephropathy\n- RRT options discussed.\n\n"
        "Anemia of CKD\n- start darbepoetin.\n"
    )
    statuses = _statuses(text)

    assert statuses.get("CKD stage 4") is ProblemStatus.ACTIVE
    assert statuses.get("Anemia of CKD") is ProblemStatus.ACTIVE


def test_a_diagnosis_list_label_saying_resolved_resolves_its_items() -> None:
    text = (
        "Discharge Diagnoses:\nPrincipal:\n  - Acute pancreatitis, gallstone\nChronic:\n"
        "  - Hypertension\nResolved this admission:\n  - Hyponatremia\n  - Delirium\n"
        "Not resolved:\n  - Anemia\n"
    )
    statuses = _statuses(text)

    assert statuses["Acute pancreatitis"] is ProblemStatus.ACTIVE
    assert statuses["Hypertension"] is ProblemStatus.ACTIVE
    assert statuses["Hyponatremia"] is ProblemStatus.RESOLVED
    assert statuses["Delirium"] is ProblemStatus.RESOLVED
    assert statuses["Anemia"] is ProblemStatus.ACTIVE


def test_a_measure_named_in_an_assessment_is_no_problem() -> None:
    text = "Assessment:\nEssential hypertension (I10)\nBody mass index: 31.2\nBMI: 31\n"

    assert list(_statuses(text)) == ["Essential hypertension"]
