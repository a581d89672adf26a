"""Conditions a story opens with are history; a procedure's indication is its diagnosis."""

import pytest

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


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        # Age and sex as one word, the list straight after or after "w/".
        ("58F w/ T2DM, HTN, depression, admitted 01/07 for pyelonephritis.", {"t2dm", "htn"}),
        ("68M HTN, BPH, hypothyroidism p/w palpitations since last night.", {"htn", "bph"}),
        ("72 M with COPD, gout and CKD 3b, brought in by his wife.", {"copd", "gout"}),
        # An aside inside the list does not end it.
        (
            "83F with HTN, paroxysmal AF (rate control only, declines anticoagulation), HFpEF, "
            "hypothyroidism, brought by daughter after a fall.",
            {"htn", "paroxysmal af", "hfpef", "hypothyroidism"},
        ),
        (
            "Mrs. Lane is a 79-year-old woman with persistent atrial fibrillation (dx 2021), "
            "hypertension and gout, anticoagulated with warfarin.",
            {"persistent atrial fibrillation", "hypertension", "gout"},
        ),
        # The story opening after a first sentence, and a duration after a condition.
        (
            "Indication: NSTEMI. 66 y/o M with T2DM x 20 yrs, HLD, CKD stage 3a, presenting "
            "with chest pressure.",
            {"t2dm", "hld", "ckd stage 3a"},
        ),
    ],
)
def test_the_conditions_of_other_story_openings_are_past_history(
    opening: str, expected: set[str]
) -> None:
    statuses = _statuses(f"HPI: {opening}\nASSESSMENT:\n1. Syncope - telemetry.")
    for name in expected:
        assert statuses.get(name) is ProblemStatus.HISTORICAL, statuses


def test_a_subjective_story_opening_gives_past_history() -> None:
    text = (
        "INTERVAL HISTORY: 73F with ischemic cardiomyopathy (EF 30% on echo), CKD 3a, T2DM on "
        "diet. Since last visit she has been well.\nASSESSMENT:\n1. Ischemic cardiomyopathy - "
        "continue carvedilol."
    )
    statuses = _statuses(text)
    assert statuses["ckd 3a"] is ProblemStatus.HISTORICAL
    assert statuses["t2dm"] is ProblemStatus.HISTORICAL
    assert statuses["ischemic cardiomyopathy"] is ProblemStatus.ACTIVE


@pytest.mark.parametrize(
    "opening",
    [
        # Symptoms after the history, and a lower-case word after the age, are no list.
        "34F hx migraine w/o aura, typical L-sided throbbing HA w/ photophobia, nausea.",
        "45M presents with 3 days of cough and fever.",
        "Her 45 y/o sister with lupus was visiting. Patient is well.",
        "29F G1P0 at 32 weeks here for a growth scan.",
    ],
)
def test_story_openings_that_list_no_conditions_give_none(opening: str) -> None:
    statuses = _statuses(f"HPI: {opening}\nASSESSMENT:\n1. Syncope - telemetry.")
    assert set(statuses) <= {"syncope", "migraine w/o aura", "migraine"}, statuses


@pytest.mark.parametrize(
    ("history", "cause"),
    [
        (
            "PAST MEDICAL HISTORY: MECHANICAL AVR 2016 FOR BICUSPID AORTIC STENOSIS. HTN.",
            "bicuspid aortic stenosis",
        ),
        ("PMH:\n- Hypothyroidism - s/p RAI for Graves' disease 1994\n- HTN", "graves' disease"),
        ("PMH:\n- CAD s/p PCI for NSTEMI 2016\n- Gout", "nstemi"),
        ("PMH: Appendectomy for appendicitis as a child. Asthma.", "appendicitis"),
        ("PMH:\n- Status post total knee arthroplasty for osteoarthritis\n- HTN", "osteoarthritis"),
    ],
)
def test_what_a_past_operation_was_done_for_is_past_history(history: str, cause: str) -> None:
    statuses = _statuses(f"{history}\nASSESSMENT:\n1. Cough - supportive care.")
    assert statuses.get(cause) is ProblemStatus.HISTORICAL, statuses


@pytest.mark.parametrize(
    "history",
    [
        "PMH: Hernia repair for comfort. Asthma.",
        "PMH: Port placement for chemotherapy. Asthma.",
        "PMH:\n- Knee arthroscopy for a second opinion 2015\n- Asthma",
    ],
)
def test_an_operation_done_for_no_condition_adds_none(history: str) -> None:
    statuses = _statuses(f"{history}\nASSESSMENT:\n1. Cough - supportive care.")
    assert set(statuses) <= {"asthma", "cough"}, statuses
