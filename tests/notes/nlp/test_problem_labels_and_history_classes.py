"""Classes of problem text that are no problem of the patient (headings however written, a
form's field labels, a word cut from its name, a hedged diagnosis the note finds absent) and
of history that is managed now. Beside each, a real problem written the same way is kept."""

import pytest

from carechart.notes.nlp import analyse
from carechart.notes.nlp.sections import is_heading_label


def _problems(text: str) -> dict[str, str]:
    return {p.text.lower(): p.status.value for p in analyse(text, client_note_type=None).problems}


@pytest.mark.parametrize(
    "label",
    [
        "HPI",
        "PMH:",
        "ROS",
        "A&P",
        "A/P:",
        "Hx of present illness",
        "3. Plan",
        "IV. ASSESSMENT:",
        "#2 Impression",
        "Assessment 04/22/2026",
        "Plan (11/03/25):",
        "Progress note 2025",
        "Pre-operative diagnosis",
        "Post-procedure diagnoses:",
        "Reason for visit",
        "REASON FOR REFERRAL",
        "Chief complaint:",
        "Indication",
        "Pertinent labs",
        "Interval history",
        "Name",
        "Date noted",
        "Planned item",
        "Appointment",
        "Bloods",
    ],
)
def test_headings_and_form_labels_however_written_are_labels(label: str) -> None:
    assert is_heading_label(label)


@pytest.mark.parametrize(
    "name",
    ["Hypertension", "Chest pain", "Asthma", "Type 2 diabetes", "Gout"],
)
def test_condition_names_are_no_labels(name: str) -> None:
    assert not is_heading_label(name)


@pytest.mark.parametrize("name", ["Seasonal allergies", "Anemia of acute blood loss"])
def test_a_condition_named_with_a_headings_words_is_a_problem(name: str) -> None:
    assert name.lower() in _problems(f"Assessment:\n1. {name}.\n")


@pytest.mark.parametrize(
    "line",
    [
        "TREATMENT TODAY:",
        "Treatment today:",
        "Findings today:",
        "Cardiopulm:",
    ],
)
def test_a_label_line_in_an_assessment_heads_no_problem(line: str) -> None:
    text = (
        "Assessment:\nLeft lower molar caries.\n\n"
        f"{line}\nExtraction discussed with the patient.\nImplant vs bridge later.\n"
    )
    problems = _problems(text)
    assert "left lower molar caries" in problems
    assert not {"treatment", "findings", "cardiopulm", "implant"} & problems.keys()


@pytest.mark.parametrize("line", ["Plan of Treatment", "Functional Status", "Care Team"])
def test_an_exported_summarys_section_title_heads_no_problem(line: str) -> None:
    text = (
        "Problems\nChronic migraine without aura\n\n"
        f"{line}\nPlanned item\tDetails\nAppointment\tNeurology in 3 months\n"
    )
    assert list(_problems(text)) == ["chronic migraine without aura"]


def test_a_list_label_line_still_lists_its_diagnoses() -> None:
    text = (
        "DISCHARGE DIAGNOSES\nPrincipal: Sepsis from a urinary source\nSecondary:\n"
        "- Demand ischemia (type 2 myocardial injury), resolved\n- Hypokalemia, resolved\n"
    )
    problems = _problems(text)
    assert "demand ischemia" in problems
    assert "hypokalemia" in problems


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Impression:\nName\tStatus\tOnset\nAsthma\tActive\t2012\n", "asthma"),
        ("Assessment:\n1. Migraine.\n\nLabs (9 March 2026): ferritin 9, Hb 12.1.\n", "migraine"),
        ("Diagnoses:\n1. Graves disease\nEcho (02/01/2026): EF 60%\n", "graves disease"),
    ],
)
def test_form_fields_in_a_list_are_no_problems(text: str, kept: str) -> None:
    problems = _problems(text)
    assert kept in problems
    assert not {"name", "labs", "echo"} & problems.keys()


def test_a_problem_with_an_aside_before_its_colon_stays() -> None:
    text = "Assessment and plan:\n1. Low mood (PHQ-9 14): therapy referral, recheck in 4 weeks.\n"
    assert "low mood" in _problems(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Impression:\n1. Subclinical vs early hypothyroidism (TSH 7.1).\n", "subclinical"),
        ("DIAGNOSIS: Submassive (intermediate-high risk category) saddle PE.\n", "submassive"),
    ],
)
def test_an_adjective_cut_from_its_name_is_no_problem(text: str, word: str) -> None:
    assert word not in _problems(text)


@pytest.mark.parametrize(
    "text",
    [
        "Discharge diagnoses:\n1. Left leg cellulitis.\n2. Rule out DVT - negative duplex.\n",
        "Assessment:\n1. Left leg cellulitis.\n2. ? DVT, ruled out.\n",
        "PMH: Left leg cellulitis 2023. Possible lupus? - no, ANA negative, never treated.\n",
    ],
)
def test_a_hedged_diagnosis_the_item_finds_absent_is_no_problem(text: str) -> None:
    problems = _problems(text)
    assert "left leg cellulitis" in problems
    assert not {"dvt", "lupus", "lupus?"} & problems.keys()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Assessment:\n1. COPD - no exacerbation, stable on tiotropium.\n", "copd"),
        (
            "Assessment:\n1. Possible liver metastases - no further imaging wanted.\n",
            "liver metastases",
        ),
    ],
)
def test_a_remark_after_a_problem_that_opens_with_no_keeps_it(text: str, name: str) -> None:
    assert name in _problems(text)


@pytest.mark.parametrize(
    "text",
    [
        "Assessment:\n1. Ankle sprain.\n2. Seizure frequency increased\n",
        "Assessment:\n1. Ankle sprain.\n2. Plans to conceive next year\n",
        "Assessment:\n1. Ankle sprain.\n2. Trace pedal edema bilaterally\n",
        "Assessment:\n1. Ankle sprain.\n2. Vitamin D\n",
        "PMH: Ankle sprain. Pack-a-day smoker.\nEKG: sinus. Faxed to cardiology.\n",
        "PMH: Ankle sprain. Current smoker 2 ppd.\n",
    ],
)
def test_remarks_grades_supplements_and_smoking_are_no_problems(text: str) -> None:
    assert list(_problems(text)) == ["ankle sprain"]


def test_a_smoking_disorder_is_still_a_problem() -> None:
    assert "tobacco use disorder" in _problems("Assessment:\n1. Tobacco use disorder.\n")


def test_a_drug_anaphylaxis_in_the_story_is_an_allergy() -> None:
    text = "HPI: She has a history of anaphylaxis to cefaclor as a teenager. Now with cough.\n"
    assert not any("anaphylaxis" in p for p in _problems(text))


@pytest.mark.parametrize(
    "line",
    [
        "3. History of pulmonary embolism, on rivaroxaban.",
        "3. H/o atrial fibrillation - continue metoprolol and apixaban.",
    ],
)
def test_a_history_in_the_assessment_managed_now_is_active(line: str) -> None:
    text = f"Assessment:\n1. Cholecystitis.\n2. Hypertension.\n{line}\n"
    statuses = list(_problems(text).values())
    assert statuses[2] == "active"


@pytest.mark.parametrize(
    "line",
    [
        "3. History of gestational diabetes in a prior pregnancy, on no treatment since.",
        "3. History of ITP as a child.",
        "3. History of heparin-induced thrombocytopenia.",
    ],
)
def test_a_history_in_the_assessment_that_is_over_stays_history(line: str) -> None:
    text = f"Assessment:\n1. Cholecystitis.\n2. Hypertension.\n{line}\n"
    statuses = list(_problems(text).values())
    assert statuses[2] == "historical"


def test_a_problem_table_status_column_ends_the_name_and_gives_the_status() -> None:
    text = (
        "PROBLEMS\nProblem Status Onset\nHeart failure with reduced EF Active 2021\n"
        "Chronic kidney disease stage 3b Active 2019\nPsoriasis Inactive 2009\n"
    )
    assert _problems(text) == {
        "heart failure with reduced ef": "active",
        "chronic kidney disease stage 3b": "active",
        "psoriasis": "historical",
    }


@pytest.mark.parametrize(
    ("assessment", "history"),
    [
        ("Dementia", "Moderate vascular dementia"),
        ("Depression", "Major depressive disorder, recurrent"),
        ("Acute on chronic hypoxic respiratory failure", "Chronic hypoxic respiratory failure"),
        ("Type 2 diabetes", "Long-standing type 2 diabetes"),
    ],
)
def test_a_history_naming_an_assessment_problem_again_is_one_problem(
    assessment: str, history: str
) -> None:
    text = f"PMH:\n- {history}\n- Glaucoma\n\nAssessment:\n1. {assessment}, stable.\n"
    problems = _problems(text)
    assert len(problems) == 2
    assert "glaucoma" in problems


@pytest.mark.parametrize("kind", ["adenocarcinoma", "carcinoma", "squamous cell carcinoma"])
def test_a_carcinoma_in_the_story_is_the_cancer_the_assessment_manages(kind: str) -> None:
    text = (
        f"HPI: 71 y/o woman with metastatic lung {kind}, admitted with pain.\n\n"
        "Assessment:\n1. Metastatic lung cancer - pain crisis; hydromorphone PCA.\n"
    )
    problems = _problems(text)
    assert len(problems) == 1
    assert set(problems.values()) == {"active"}
