"""Classes of text an assessment, a diagnosis list or a history holds that name no problem of the
patient: a heading in capitals the sectionizer does not know and the lines under it, a table's
column heads, a tap or an image-guided procedure, a diagnosis found absent, how much is drunk or
smoked, a count of past episodes, and the other histories run onto a history's line. Beside
each, the reading of a real problem written the same way is kept."""

import pytest

from carechart.notes.nlp import analyse


def _texts(text: str) -> list[str]:
    return [p.text.lower() for p in analyse(text, client_note_type=None).problems]


@pytest.mark.parametrize(
    ("heading", "lines"),
    [
        ("PRE-TREATMENT ASSESSMENT", "Came in by wheelchair with daughter.\nOK to proceed."),
        ("NURSING ASSESSMENT", "Alert and oriented, ambulating in hall.\nIV site clean."),
        ("GOALS", "STG (2 wks): independent with home program.\nLTG (6 wks): return to work."),
        ("PRE-PROCEDURE CHECKLIST", "Consent signed.\nNPO since midnight."),
    ],
)
def test_an_unknown_heading_in_capitals_ends_the_list_of_diagnoses(
    heading: str, lines: str
) -> None:
    text = f"Dx: Right breast invasive ductal carcinoma, stage II\n\n{heading}\n{lines}\n"
    assert _texts(text) == ["right breast invasive ductal carcinoma"]


@pytest.mark.parametrize(
    "text",
    [
        "ASSESSMENT\nPatient with stress urinary incontinence after surgery.\n\nGOALS\n"
        "STG (4 wks): pad use down to 1/day.\n",
        "Impression:\n1. Lumbar radiculopathy, right L5.\n\nTREATMENT GOALS\n"
        "Walk 20 minutes without pain.\nLTG: return to golf.\n",
    ],
)
def test_goals_under_their_own_heading_are_no_problems(text: str) -> None:
    found = _texts(text)
    assert not {"stg", "ltg", "walk 20 minutes without pain"} & set(found)


@pytest.mark.parametrize(
    ("heading", "condition"),
    [
        ("CHRONIC NASAL OBSTRUCTION", "chronic nasal obstruction"),
        ("LOW BACK PAIN", "low back pain"),
    ],
)
def test_a_diagnosis_written_in_capitals_on_its_line_is_kept(heading: str, condition: str) -> None:
    text = f"DIAGNOSES:\n\n{heading}\n\nHypertension\n"
    assert _texts(text)[:2] == [condition, "hypertension"]


def test_a_condition_under_an_organ_heading_in_capitals_is_kept() -> None:
    text = (
        "ASSESSMENT AND PLAN:\nType 2 diabetes - continue metformin.\n\nCARDIOVASCULAR\n"
        "Hypertension, controlled on lisinopril.\nLipids checked today.\n"
    )
    assert _texts(text) == ["type 2 diabetes", "hypertension"]


@pytest.mark.parametrize(
    "columns", ["Diagnosis Date", "Problem Onset Status", "Diagnosis  Date Noted", "Date Resolved"]
)
def test_a_tables_column_heads_in_a_history_are_no_problem(columns: str) -> None:
    text = f"Past Medical History:\n{columns}\n . Gout\n . Asthma\n"
    assert _texts(text) == ["gout", "asthma"]


@pytest.mark.parametrize(
    "item",
    [
        "Successful US-guided LVP, 4.8 L",
        "Diagnostic thoracentesis, 900 mL",
        "CT-guided drainage of the collection",
        "Ultrasound guided arthrocentesis left knee",
    ],
)
def test_a_tap_or_an_image_guided_procedure_is_no_problem(item: str) -> None:
    text = f"IMPRESSION:\n1. {item}.\n2. Malignant pleural effusion.\n"
    assert _texts(text) == ["malignant pleural effusion"]


@pytest.mark.parametrize(
    "remark",
    ["hepatorenal syndrome excluded", "PE excluded by CTA", "pneumothorax excluded"],
)
def test_a_diagnosis_found_absent_after_a_semicolon_is_no_problem(remark: str) -> None:
    text = f"DISCHARGE DIAGNOSES:\n1. Acute kidney injury, prerenal, resolved; {remark}.\n"
    found = _texts(text)
    assert found == ["acute kidney injury"]


@pytest.mark.parametrize(
    "remark", ["prostate cancer not excluded", "malignancy cannot be excluded"]
)
def test_a_diagnosis_not_excluded_is_still_named(remark: str) -> None:
    text = f"IMPRESSION:\n1. Elevated PSA, likely from retention; {remark}.\n"
    found = _texts(text)
    assert any(word in p for p in found for word in ("cancer", "malignancy"))


@pytest.mark.parametrize(
    "item",
    [
        "Alcohol 3-4 drinks/week - within guidelines",
        "EtOH 2 glasses of wine nightly",
        "Wine 2-3 glasses with dinner",
        "Smokes 1-2 packs per day",
    ],
)
def test_how_much_is_drunk_or_smoked_is_no_problem(item: str) -> None:
    text = f"ASSESSMENT & PLAN:\n1. Hypothyroidism - continue levothyroxine.\n2. {item}.\n"
    assert _texts(text) == ["hypothyroidism"]


def test_alcohol_use_disorder_named_as_such_is_kept() -> None:
    text = "ASSESSMENT & PLAN:\n1. Alcohol use disorder, moderate - naltrexone discussed.\n"
    assert _texts(text) == ["alcohol use disorder"]


@pytest.mark.parametrize(
    "sentence",
    [
        "One prior episode 2019 after job loss, treated by PCP.",
        "Two previous admissions for the same.",
        "Several prior hospitalizations in her twenties.",
    ],
)
def test_a_count_of_past_episodes_is_no_problem(sentence: str) -> None:
    text = f"PAST PSYCHIATRIC HISTORY\n{sentence} Panic disorder.\n"
    found = _texts(text)
    assert "panic disorder" in found
    assert not any(w in p for p in found for w in ("episode", "admission", "hospitalization"))


@pytest.mark.parametrize("sentence", ["One episode of AOM age 2.", "Two episodes of pancreatitis."])
def test_a_count_of_episodes_of_a_condition_keeps_the_condition(sentence: str) -> None:
    text = f"PMH: Born term. {sentence} No prior admissions.\n"
    found = _texts(text)
    assert any(w in p for p in found for w in ("aom", "pancreatitis"))


@pytest.mark.parametrize(
    "rest",
    [
        "PSH: wisdom teeth.",
        "Surgical hx: tonsils out as a child.",
        "Social: lives with husband, no tobacco.",
        "FH: mother with breast cancer.",
    ],
)
def test_other_histories_run_onto_a_history_line_give_no_problem(rest: str) -> None:
    text = f"HPI: 31 y/o G2P1 in labor.\nPMH: anemia. {rest}\nMeds: prenatal vitamin\n"
    assert _texts(text) == ["anemia"]


@pytest.mark.parametrize("written", ["gHTN", "GHTN"])
def test_gestational_hypertension_abbreviated_is_one_problem(written: str) -> None:
    text = (
        "ASSESSMENT:\n1. IUP at 38w2d in early labor.\n"
        f"2. {written} - BP 142/90, labs pending.\n3. Gestational hypertension, mild.\n"
    )
    found = _texts(text)
    assert sum(p in {"ghtn", "gestational hypertension"} for p in found) == 1


@pytest.mark.parametrize(
    ("history", "assessment"),
    [
        ("anemia", "Iron deficiency anemia of pregnancy"),
        ("pneumonia", "Right lower lobe community-acquired pneumonia"),
        ("cirrhosis", "Decompensated alcohol-associated cirrhosis with ascites"),
    ],
)
def test_a_history_naming_only_the_disease_the_assessment_names_in_full_adds_nothing(
    history: str, assessment: str
) -> None:
    text = f"PMH: {history}.\n\nASSESSMENT:\n1. {assessment} - continue plan.\n"
    found = _texts(text)
    assert len(found) == 1


def test_a_history_naming_another_condition_of_the_same_organ_is_kept() -> None:
    text = "PMH: Hypertension. Anemia.\n\nASSESSMENT:\n1. Chronic kidney disease stage 3b.\n"
    assert _texts(text) == ["chronic kidney disease stage 3b", "hypertension", "anemia"]


@pytest.mark.parametrize("count", ["Two", "Three", "Several"])
def test_a_count_before_a_condition_names_the_same_condition(count: str) -> None:
    text = (
        "IMPRESSION:\n1. Generalized tonic-clonic seizures, new onset.\n"
        f"2. {count} generalized tonic-clonic seizures today.\n"
    )
    assert len(_texts(text)) == 1


@pytest.mark.parametrize(
    "system", ["Neuro", "Resp", "CV", "GI/GU", "Skin", "Cardiovascular", "Renal", "Heme"]
)
def test_a_body_system_heading_a_line_of_the_assessment_is_no_problem(system: str) -> None:
    text = (
        "Assessment:\n"
        f"{system} - reviewed this shift, no change from this morning.\n"
        "Hypertension - BP 150/88, PRN hydralazine given once.\n"
    )
    assert _texts(text) == ["hypertension"]


@pytest.mark.parametrize(
    "operation",
    [
        "Right ACL reconstruction",
        "Successful DCCV to sinus rhythm",
        "Left ankle fixation 2019",
        "Uterine artery embolization",
    ],
)
def test_an_operation_in_a_history_or_an_impression_is_no_problem(operation: str) -> None:
    text = f"PMH: Depression. {operation}.\n"
    assert _texts(text) == ["depression"]


def test_a_remark_on_some_of_the_episodes_is_no_problem_and_the_episodes_one_concept() -> None:
    text = (
        "PREOPERATIVE DIAGNOSIS: Recurrent sigmoid diverticulitis.\n\n"
        "INDICATIONS: She has had four episodes of diverticulitis, one with abscess, and "
        "elects resection.\n"
    )
    assert _texts(text) == ["recurrent sigmoid diverticulitis"]


@pytest.mark.parametrize(
    "order", ["Do not transfuse platelets unless bleeding", "Don't restart heparin products"]
)
def test_an_order_not_to_do_something_is_no_problem(order: str) -> None:
    text = f"IMPRESSION:\n1. Heparin-induced thrombocytopenia.\n2. {order}.\n"
    assert _texts(text) == ["heparin-induced thrombocytopenia"]
