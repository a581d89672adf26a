"""A past-history entry may name the condition under it in an aside: "CKD 3a (diabetic
nephropathy)". An aside that tells a measure, a treatment or an episode names none."""

from carechart.notes.nlp import ProblemStatus, analyse


def _problems(text: str) -> dict[str, tuple[ProblemStatus, bool]]:
    return {p.text.lower(): (p.status, p.uncertain) for p in analyse(text).problems}


def test_the_cause_in_an_aside_of_a_history_entry_is_a_past_problem_of_its_own() -> None:
    text = (
        "PMH: CKD stage 3b (hypertensive nephrosclerosis), atrial fibrillation, "
        "R great toe amputation 2019 (osteomyelitis).\n"
        "ASSESSMENT:\n1. Hyperkalemia - recheck BMP.\n"
    )
    problems = _problems(text)

    assert problems.get("hypertensive nephrosclerosis") == (ProblemStatus.HISTORICAL, False)
    assert problems.get("osteomyelitis") == (ProblemStatus.HISTORICAL, False)
    assert problems.get("ckd stage 3b") == (ProblemStatus.HISTORICAL, False)


def test_a_presumed_cause_in_an_aside_is_uncertain() -> None:
    text = (
        "Past Medical History:\n- CKD 3a (diabetic nephropathy presumed, UACR 380 mg/g)\n- Gout\n"
    )
    problems = _problems(text)

    assert problems.get("diabetic nephropathy") == (ProblemStatus.HISTORICAL, True)


def test_asides_telling_a_measure_a_treatment_an_episode_or_a_spelling_add_nothing() -> None:
    text = (
        "PMH: OSA (on CPAP). Obesity (BMI 36). Asthma (mild intermittent). "
        "Hypothyroidism (Hashimoto). DVT (deep vein thrombosis), left 2019.\n"
        "PAST PSYCHIATRIC HISTORY: Bipolar I disorder. One admission 2019 (mania).\n"
    )
    problems = _problems(text)

    assert set(problems) == {
        "osa",
        "obesity",
        "asthma",
        "hypothyroidism",
        "dvt",
        "bipolar i disorder",
    }
