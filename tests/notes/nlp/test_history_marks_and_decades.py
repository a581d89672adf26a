"""A past problem's name without its marks: "Remote history of PUD", "gout in the 1990s";
"chemo" is chemotherapy, so its two spellings are one concept."""

from carechart.notes.nlp import ProblemStatus, analyse
from carechart.notes.nlp.problems import same_concept


def _problems(text: str) -> dict[str, ProblemStatus]:
    return {p.text: p.status for p in analyse(text).problems}


def test_a_qualified_history_mark_is_no_part_of_the_name() -> None:
    text = (
        "PAST MEDICAL HISTORY:\n1. Remote history of peptic ulcer disease.\n"
        "2. Distant hx of nephrolithiasis.\n3. Hypertension.\n"
    )

    assert _problems(text) == {
        "peptic ulcer disease": ProblemStatus.HISTORICAL,
        "nephrolithiasis": ProblemStatus.HISTORICAL,
        "Hypertension": ProblemStatus.HISTORICAL,
    }


def test_a_decade_after_a_past_problem_is_no_part_of_its_name() -> None:
    text = "PMH:\n- Rheumatic fever in the 1960s.\n- Tuberculosis 1980's, treated.\n"

    assert set(_problems(text)) == {"Rheumatic fever", "Tuberculosis"}


def test_chemo_is_chemotherapy() -> None:
    assert same_concept("Chemo-induced neuropathy", "Chemotherapy-induced peripheral neuropathy")
    assert not same_concept("Chemo-induced nausea", "Chemotherapy-induced peripheral neuropathy")


def test_a_history_mark_in_an_assessment_with_its_treatment_stays_active() -> None:
    problems = _problems("A/P:\n1. History of stroke - on aspirin and atorvastatin.\n")

    assert problems == {"stroke": ProblemStatus.ACTIVE}
