"""Specialty assessments (obstetrics, paediatrics, psychiatry, oncology, hospice, rehab,
pharmacy): their scales, states, results and list labels are no problems; their diagnoses are."""

import pytest

from carechart.notes.nlp import analyse


def _texts(text: str) -> list[str]:
    return [p.text.lower() for p in analyse(text).problems]


def _between(item: str) -> list[str]:
    text = f"ASSESSMENT:\nChronic kidney disease stage 3a\n{item}\nObstructive sleep apnea\n"
    return [t for t in _texts(text) if t not in ("chronic kidney disease stage 3a",)][:-1]


@pytest.mark.parametrize(
    "item",
    [
        "ECOG performance status 2",
        "FAST stage 6d",
        "KPS 60",
        "C2D8 gemcitabine/cisplatin",
        "Cycle 4 day 1 FOLFIRINOX",
        "Tunneled HD catheter in place",
        "Hospice care",
        "Q30 min safety checks",
        "Crisis plan reviewed",
        "Postpartum day 2",
        "POD #3",
        "HIV negative",
        "Varicella immune",
        "Rh positive",
        "Well-nourished 7 yo",
        "Growth appropriate for age",
        "Tolerating regular diet",
        "Exclusively breastfeeding",
        "Therapeutic duplication: two PPIs",
        "Drug-drug interaction: clarithromycin and simvastatin",
        "Psychiatric diagnoses",
        "Impairment group: orthopedic, hip fracture",
        "G3P2002 at 36w1d",
        "Karyotype pending",
        "Primary LTCS for arrest of descent",
    ],
)
def test_scales_states_results_and_list_labels_of_specialty_notes_are_no_problems(
    item: str,
) -> None:
    assert _between(item) == []


@pytest.mark.parametrize(
    "item",
    ["Rh negative", "Rubella non-immune", "GBS positive", "Polypharmacy", "Nonadherence"],
)
def test_the_findings_an_obstetric_or_pharmacy_list_manages_stay_problems(item: str) -> None:
    assert _between(item) == [item.lower()]


@pytest.mark.parametrize(
    ("item", "problem"),
    [
        ("Hospice diagnosis: end-stage COPD", "end-stage copd"),
        ("Etiologic diagnosis: traumatic brain injury", "traumatic brain injury"),
        ("Axis II: Borderline personality disorder", "borderline personality disorder"),
        ("Toxicities: grade 2 mucositis", "grade 2 mucositis"),
    ],
)
def test_a_specialty_label_before_a_diagnosis_gives_the_diagnosis(item: str, problem: str) -> None:
    text = f"ASSESSMENT AND PLAN:\n1. Hypothyroidism - continue levothyroxine.\n2. {item}\n"
    assert _texts(text) == ["hypothyroidism", problem]


def test_a_psychiatric_axis_without_a_diagnosis_gives_nothing() -> None:
    text = "DIAGNOSES:\nAxis I: Bipolar I disorder\nAxis II: Deferred\nAxis IV: Housing loss\n"
    assert _texts(text) == ["bipolar i disorder"]


def test_a_degree_written_as_an_ordinal_opens_a_diagnosis() -> None:
    text = "IMPRESSION:\n3rd degree AV block\n1st degree burn of the left forearm, dressed\n"
    assert _texts(text) == ["3rd degree av block", "1st degree burn of the left forearm"]


def test_a_repaired_laceration_is_the_laceration() -> None:
    text = "ASSESSMENT:\nSecond degree vaginal laceration repaired under local\n"
    assert _texts(text) == ["second degree vaginal laceration"]


def test_a_spontaneous_vaginal_delivery_is_no_problem() -> None:
    text = "ASSESSMENT AND PLAN:\n1. NSVD of a viable female infant\n2. Postpartum anemia\n"
    assert _texts(text) == ["postpartum anemia"]


def test_a_code_status_line_inside_an_assessment_does_not_end_its_list() -> None:
    text = (
        "ASSESSMENT:\nEnd-stage heart failure\nCode status: DNR/DNI\n"
        "Goals of care: comfort-focused\nCachexia\nRecurrent falls\n"
    )
    assert _texts(text) == ["end-stage heart failure", "cachexia", "recurrent falls"]


def test_a_code_status_line_outside_an_assessment_opens_no_list() -> None:
    text = "HPI: Here for a visit.\nCode status: full code\nCachexia\n"
    assert "cachexia" not in _texts(text)


@pytest.mark.parametrize(
    "item",
    [
        "Skin assessment",
        "Hospice eligibility",
        "Discharge criteria",
        "Treatment regimen",
        "Disease status",
        "Barriers to discharge",
        "Active issues",
        "Newborn",
        "Milestones",
        "Tympanogram",
        "Vision test",
        "Apgars 9/9",
        "Next INR",
    ],
)
def test_a_heading_or_a_test_alone_on_an_assessment_line_is_no_problem(item: str) -> None:
    assert _between(item) == []


@pytest.mark.parametrize(
    "item",
    [
        "Altered mental status",
        "Overweight status",
        "Status epilepticus",
        "Positive tuberculin skin test",
    ],
)
def test_conditions_named_with_a_heading_word_stay_problems(item: str) -> None:
    assert _between(item) == [item.lower()]
