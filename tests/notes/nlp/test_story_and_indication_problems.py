"""Conditions a story opens with are history; a procedure's indication is its diagnosis."""

from carechart.notes.nlp import ProblemStatus, analyse


def _statuses(text: str) -> dict[str, ProblemStatus]:
    return {p.text.lower(): p.status for p in analyse(text).problems}


def test_the_conditions_a_story_opens_with_are_past_history() -> None:
    text = (
        "ADMISSION NOTE\nHPI: 71 y/o F with a long history of COPD, atrial fibrillation and "
        "hypothyroidism who "
        "presents with 2 days of fever and productive cough.\n"
        "ASSESSMENT AND PLAN:\n1. Community-acquired pneumonia - ceftriaxone and azithromycin.\n"
        "2. Atrial fibrillation - rate controlled, continue apixaban."
    )
    statuses = _statuses(text)
    assert statuses["copd"] is ProblemStatus.HISTORICAL
    assert statuses["hypothyroidism"] is ProblemStatus.HISTORICAL
    # Taken up by the assessment: managed now, and listed once.
    assert statuses["atrial fibrillation"] is ProblemStatus.ACTIVE
    assert sum("fibrillation" in t for t in statuses) == 1
    assert not any("fever" in t or "cough" in t for t in statuses)


def test_story_words_after_a_condition_are_not_conditions() -> None:
    text = (
        "CLINIC NOTE\nHISTORY OF PRESENT ILLNESS: 80-year-old man with heart failure on echo "
        "in March 2024, "
        "and gout, presenting with leg swelling."
    )
    statuses = _statuses(text)
    assert "gout" in statuses
    assert not any("march" in t or "echo" in t for t in statuses)


def test_a_procedure_indication_written_as_a_diagnosis_is_an_active_problem() -> None:
    text = (
        "COLONOSCOPY REPORT\nIndication: Iron deficiency anemia.\n"
        "Procedure: Colonoscopy to the cecum.\nImpression: Normal colon."
    )
    assert _statuses(text) == {"iron deficiency anemia": ProblemStatus.ACTIVE}


def test_an_indication_told_as_a_story_gives_no_problem_of_its_own() -> None:
    text = (
        "Indication: The patient was referred after two episodes of dark stools last month.\n"
        "Procedure: EGD.\nImpression: Normal esophagus and stomach."
    )
    assert _statuses(text) == {}


def test_a_story_marker_followed_by_the_age_opens_its_section() -> None:
    analysis = analyse("CLINIC NOTE\nHPI: 64 yo M with gout.\nP: 72\nPLAN: colchicine.")
    names = [s.name.value for s in analysis.sections]
    assert "present_illness" in names
    # A pulse written "P: 72" is still no plan.
    assert names.count("plan") == 1
