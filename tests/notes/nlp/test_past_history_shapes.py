"""Past histories in the shapes documents write them: a lead-in after the heading on its line,
a heading that says it was reviewed, a condition's own label, numbers in brackets, a sentence
of a letter or an untitled paragraph that tells the history, an opening "56 y.o. female with".
Each rule with a variant and a case that must not change; then a table of probes labelled
before the extractor was run on them."""

import pytest

from carechart.notes.nlp import ProblemStatus, analyse

_H = ProblemStatus.HISTORICAL


def _names(text: str) -> set[str]:
    return {p.text.lower() for p in analyse(text).problems}


def _statuses(text: str) -> dict[str, ProblemStatus]:
    return {p.text.lower(): p.status for p in analyse(text).problems}


def test_a_lead_in_on_the_headings_line_opens_the_whole_list() -> None:
    text = (
        "PAST MEDICAL HISTORY:  Significant for diabetes mellitus type 2, hypertension, "
        "peripheral vascular disease, and prostate cancer treated with radiation.\n"
    )
    names = _names(text)
    assert {"diabetes mellitus type 2", "hypertension", "peripheral vascular disease"} <= names
    assert not any(name.startswith("significant") for name in names)


def test_a_lead_in_of_another_wording_after_a_short_label_opens_the_list() -> None:
    names = _names("PMH: Notable for gout, psoriasis and sarcoidosis.\n")
    assert {"gout", "psoriasis", "sarcoidosis"} <= names


def test_a_past_history_without_a_lead_in_is_unchanged() -> None:
    assert _names("PMH: Gout, psoriasis.\n") == {"gout", "psoriasis"}


def test_an_opening_with_a_dotted_age_gives_its_conditions_as_history() -> None:
    text = "HPI: 56 y.o. female with hypothyroidism and depression presents with 4 days of cough.\n"
    statuses = _statuses(text)
    assert statuses.get("hypothyroidism") is _H
    assert statuses.get("depression") is _H


def test_a_dotted_age_with_w_slash_opens_the_list_too() -> None:
    assert {"copd", "gout"} <= _names("HPI: 80 y.o. man w/ COPD, gout presents with dyspnea.\n")


def test_a_dotted_age_without_conditions_gives_none() -> None:
    assert _names("HPI: 45 y.o. female presents with a sore throat since Monday.\n") == set()


def test_a_history_heading_that_says_it_was_reviewed_is_the_history() -> None:
    text = "Medical history reviewed: asthma, eczema, anxiety.\n\nPlan: follow up in a year.\n"
    assert {"asthma", "eczema", "anxiety"} <= _names(text)
    assert _statuses(text)["eczema"] is _H


def test_chronic_conditions_reviewed_today_and_chronic_problems_are_histories() -> None:
    text = "Chronic conditions reviewed today:\n- Gout\n- Psoriasis\n\nChronic problems: BPH\n"
    assert {"gout", "psoriasis", "bph"} <= _names(text)


def test_a_medication_list_reviewed_today_stays_a_medication_list() -> None:
    analysis = analyse("Medications reviewed today:\n- lisinopril 10 mg daily\n")
    assert [m.name.lower() for m in analysis.medications] == ["lisinopril"]
    assert analysis.problems == []


def test_a_conditions_own_label_in_a_past_history_is_the_condition() -> None:
    text = (
        "PAST MEDICAL HISTORY:\n- Hypertension: well controlled on amlodipine\n"
        "- Hyperlipidemia: on atorvastatin\n"
    )
    names = _names(text)
    assert {"hypertension", "hyperlipidemia"} <= names
    assert not any(name.startswith("on ") for name in names)


def test_a_label_of_a_body_system_still_heads_its_conditions() -> None:
    names = _names("PMH:\nGyn: endometriosis\nGI: GERD\n")
    assert {"endometriosis", "gerd"} <= names
    assert not names & {"gyn", "gi"}


def test_numbers_in_brackets_cut_a_run_on_list() -> None:
    names = _names("Chronic problems: (1) HTN (2) T2DM (3) anemia of chronic disease\n")
    assert {"htn", "t2dm", "anemia of chronic disease"} <= names


def test_a_letters_sentence_telling_the_background_gives_its_conditions() -> None:
    text = (
        "Dear Dr. Amberley,\n\n"
        "I saw Mrs. Quist today. Her background is significant for hypertension, "
        "hypothyroidism and reflux. She has never smoked.\n"
    )
    statuses = _statuses(text)
    assert {"hypertension", "hypothyroidism", "reflux"} <= statuses.keys()
    assert statuses["hypertension"] is _H


def test_an_untitled_line_saying_the_history_includes_gives_its_conditions() -> None:
    text = (
        "His medical history includes gout, psoriasis, and sarcoidosis.\n\n"
        "ASSESSMENT: Knee effusion.\n"
    )
    assert {"gout", "psoriasis", "sarcoidosis"} <= _names(text)


def test_a_relatives_or_the_drugs_history_in_a_sentence_gives_no_problem() -> None:
    text = (
        "Her family history includes breast cancer and diabetes. Medication history "
        "includes metformin.\n\nASSESSMENT: Knee effusion.\n"
    )
    assert _names(text) == {"knee effusion"}


# Probes: (name, text, the problems a reader names). A problem is found when a name the
# extractor gives contains the expected one; a name that contains none and that none contains is
# spurious.
_PROBES: list[tuple[str, str, list[str]]] = [
    (
        "comma_list",
        (
            "PAST MEDICAL HISTORY: Hypertension, type 2 diabetes mellitus, "
            "hyperlipidemia, GERD, osteoarthritis of the knees.\n\nMEDICATIONS: "
            "lisinopril 10 mg daily.\n"
        ),
        ["hypertension", "type 2 diabetes mellitus", "hyperlipidemia", "gerd", "osteoarthritis"],
    ),
    (
        "semicolon_list",
        (
            "Past Medical History: CAD s/p PCI 2019; ischemic cardiomyopathy, EF 35%; "
            "CKD stage 3b; gout; BPH\n\nSocial History: Former smoker.\n"
        ),
        ["cad", "ischemic cardiomyopathy", "ckd stage 3b", "gout", "bph"],
    ),
    (
        "numbered_years",
        (
            "PMH:\n1. Breast cancer, left, diagnosed 2015, s/p lumpectomy and radiation\n"
            "2. Hypothyroidism (2010)\n3. Migraine headaches since adolescence\n4. "
            "Depression\n5. Iron deficiency anemia 2021\n\nPSH: Lumpectomy 2015\n"
        ),
        ["breast cancer", "hypothyroidism", "migraine", "depression", "iron deficiency anemia"],
    ),
    (
        "table_onset_status",
        (
            "PROBLEM LIST:\nProblem | Onset | Status\nAtrial fibrillation | 2018 | "
            "Active\nHeart failure with reduced ejection fraction | 2020 | Active\n"
            "Chronic kidney disease stage 3a | 2019 | Active\nObstructive sleep apnea | "
            "2016 | Active\n\nMEDICATIONS:\napixaban 5 mg BID\n"
        ),
        [
            "atrial fibrillation",
            "heart failure with reduced ejection fraction",
            "chronic kidney disease stage 3a",
            "obstructive sleep apnea",
        ],
    ),
    (
        "pmhx_significant_for",
        (
            "HPI: 67-year-old man with chest pain.\nPMHx significant for hypertension, "
            "hyperlipidemia, and a prior stroke in 2017 with no residual deficits.\n\n"
            "ASSESSMENT: Chest pain.\n"
        ),
        ["hypertension", "hyperlipidemia", "stroke", "chest pain"],
    ),
    (
        "medical_history_reviewed",
        (
            "Medical history reviewed: asthma, eczema, seasonal allergic rhinitis, "
            "anxiety.\n\nAssessment/Plan:\n1. Asthma exacerbation - prednisone burst.\n"
        ),
        ["asthma", "eczema", "allergic rhinitis", "anxiety", "asthma exacerbation"],
    ),
    (
        "transcription_run_on",
        (
            "PAST MEDICAL HISTORY:  Significant for diabetes mellitus type 2, "
            "hypertension, coronary artery disease status post CABG in 2012, peripheral "
            "vascular disease, chronic obstructive pulmonary disease, and history of "
            "prostate cancer treated with radiation.  PAST SURGICAL HISTORY:  CABG, "
            "appendectomy.\n"
        ),
        [
            "diabetes mellitus type 2",
            "hypertension",
            "coronary artery disease",
            "peripheral vascular disease",
            "chronic obstructive pulmonary disease",
            "prostate cancer",
        ],
    ),
    (
        "icd10_list",
        (
            "Problem List:\n- Essential hypertension (I10)\n- Type 2 diabetes mellitus "
            "without complications (E11.9)\n- Major depressive disorder, recurrent, "
            "moderate (F33.1)\n- Hypothyroidism, unspecified (E03.9)\n- Vitamin D "
            "deficiency (E55.9)\n\nAllergies: NKDA\n"
        ),
        [
            "essential hypertension",
            "type 2 diabetes mellitus",
            "major depressive disorder",
            "hypothyroidism",
            "vitamin d deficiency",
        ],
    ),
    (
        "icd10_code_first",
        (
            "Active Problems:\nI48.91 Atrial fibrillation\nN18.4 Chronic kidney disease, "
            "stage 4\nE78.5 Hyperlipidemia\n\nPlan: follow up in 3 months.\n"
        ),
        ["atrial fibrillation", "chronic kidney disease", "hyperlipidemia"],
    ),
    (
        "complicated_by",
        (
            "PMH: Type 1 diabetes complicated by retinopathy, neuropathy and "
            "gastroparesis; hypertension; hypothyroidism.\n\nMeds: insulin glargine.\n"
        ),
        [
            "type 1 diabetes",
            "retinopathy",
            "neuropathy",
            "gastroparesis",
            "hypertension",
            "hypothyroidism",
        ],
    ),
    (
        "chronic_conditions_reviewed",
        (
            "Chronic conditions reviewed today:\n- Hypertension: well controlled on "
            "amlodipine\n- Hyperlipidemia: on atorvastatin\n- Prediabetes: A1c 6.1\n\n"
            "Follow up 6 months.\n"
        ),
        ["hypertension", "hyperlipidemia", "prediabetes"],
    ),
    (
        "bullets_with_dashes",
        (
            "PAST MEDICAL HISTORY\n* Rheumatoid arthritis - on methotrexate\n* "
            "Osteoporosis\n* History of DVT 2018, completed anticoagulation\n* Glaucoma\n"
            "\nFAMILY HISTORY\nMother with breast cancer.\n"
        ),
        ["rheumatoid arthritis", "osteoporosis", "dvt", "glaucoma"],
    ),
    (
        "history_of_prose",
        (
            "Past medical history: She has a history of asthma since childhood and was "
            "diagnosed with lupus in 2014. She also has hypothyroidism.\n\nMedications: "
            "levothyroxine.\n"
        ),
        ["asthma", "lupus", "hypothyroidism"],
    ),
    (
        "abbrev_list",
        (
            "PMH: HTN, HLD, DM2, CAD, CHF, AFib, OSA on CPAP, BPH\n\nA/P: CHF "
            "exacerbation - diurese.\n"
        ),
        ["htn", "hld", "dm2", "cad", "chf", "afib", "osa", "bph", "chf exacerbation"],
    ),
    (
        "past_history_positive_for",
        (
            "Past history is positive for hypertension and hypercholesterolemia. "
            "Negative for diabetes or stroke.\n\nIMPRESSION: Hypertensive urgency.\n"
        ),
        ["hypertension", "hypercholesterolemia", "hypertensive urgency"],
    ),
    (
        "medical_problems_colon_lines",
        (
            "Medical Problems:\nCardiac: CAD, s/p stent 2016\nPulmonary: COPD on 2L home "
            "oxygen\nRenal: CKD 3\nEndocrine: hypothyroidism\n\nAllergies: penicillin "
            "(rash)\n"
        ),
        ["cad", "copd", "ckd 3", "hypothyroidism"],
    ),
    (
        "slashed_list",
        ("PMHx: HTN / DM / hyperlipidemia / obesity\n\nAssessment: Cellulitis of right leg.\n"),
        ["htn", "dm", "hyperlipidemia", "obesity", "cellulitis"],
    ),
    (
        "with_status_words",
        (
            "PAST MEDICAL HISTORY:\nAsthma, mild intermittent\nHypertension, controlled\n"
            "Peptic ulcer disease, remote\nDepression, stable on sertraline\n\nSOCIAL "
            "HISTORY: no tobacco.\n"
        ),
        ["asthma", "hypertension", "peptic ulcer disease", "depression"],
    ),
    (
        "negative_ros_not_problems",
        (
            "PMH: Hypertension. Denies diabetes, asthma, or heart disease.\n\n"
            "Assessment: Ankle sprain.\n"
        ),
        ["hypertension", "ankle sprain"],
    ),
    (
        "surgeries_not_problems",
        (
            "PAST MEDICAL HISTORY: Hypothyroidism, anxiety.\nPAST SURGICAL HISTORY: "
            "Cholecystectomy 2010, C-section x2, tonsillectomy.\n\nASSESSMENT: Abdominal "
            "pain.\n"
        ),
        ["hypothyroidism", "anxiety", "abdominal pain"],
    ),
    (
        "oncology_history",
        (
            "Past Medical History:\nStage IIIA adenocarcinoma of the lung, diagnosed "
            "03/2022, s/p chemoradiation\nChronic obstructive pulmonary disease\nType 2 "
            "diabetes on metformin\nHistory of C. diff colitis 2021\n\nMEDICATIONS: "
            "metformin\n"
        ),
        [
            "adenocarcinoma of the lung",
            "chronic obstructive pulmonary disease",
            "type 2 diabetes",
            "c. diff colitis",
        ],
    ),
    (
        "one_liner_history_includes",
        (
            "Her medical history includes hypertension, atrial fibrillation on warfarin, "
            "and chronic kidney disease.\n\nASSESSMENT AND PLAN:\n1. Syncope - "
            "telemetry, echo.\n"
        ),
        ["hypertension", "atrial fibrillation", "chronic kidney disease", "syncope"],
    ),
    (
        "pmh_and_parenthesised_dates",
        (
            "PMH: Hepatitis C (treated 2017, SVR), alcohol use disorder (in remission), "
            "cirrhosis (Child-Pugh A), esophageal varices (banded 2020)\n\nASSESSMENT: "
            "GI bleed.\n"
        ),
        ["hepatitis c", "alcohol use disorder", "cirrhosis", "esophageal varices", "gi bleed"],
    ),
    (
        "comorbidities_heading",
        (
            "Comorbidities: morbid obesity (BMI 42), obstructive sleep apnea, "
            "hypertension, depression.\n\nPlan: proceed with sleeve gastrectomy.\n"
        ),
        ["morbid obesity", "obstructive sleep apnea", "hypertension", "depression"],
    ),
    (
        "chronic_problems_numbered_inline",
        (
            "Chronic problems: (1) HTN (2) T2DM (3) CKD 3b (4) anemia of chronic "
            "disease\n\nReturn in 3 months.\n"
        ),
        ["htn", "t2dm", "ckd 3b", "anemia of chronic disease"],
    ),
    (
        "significant_pmh_prose",
        (
            "ASSESSMENT: 72 year old woman with a past medical history of paroxysmal "
            "atrial fibrillation, heart failure with preserved ejection fraction, and "
            "diabetes, presenting with pneumonia.\n1. Community acquired pneumonia - "
            "ceftriaxone.\n"
        ),
        [
            "paroxysmal atrial fibrillation",
            "heart failure with preserved ejection fraction",
            "diabetes",
            "community acquired pneumonia",
        ],
    ),
]
# Shapes the extractor does not read yet: a story sentence after the lead-in.
_NOT_YET = frozenset({"history_of_prose"})


def _norm(text: str) -> str:
    return " ".join(text.lower().replace(",", " ").split())


def _score(text: str, expected: list[str]) -> tuple[list[str], list[str]]:
    """The expected problems missed and the names found that match none."""
    got = [_norm(p.text) for p in analyse(text).problems]
    wanted = [_norm(e) for e in expected]
    missed = [e for e in wanted if not any(e in g for g in got)]
    spurious = [g for g in got if not any(e in g or g in e for e in wanted)]
    return missed, spurious


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(text, expected, id=name, marks=[pytest.mark.xfail(strict=True)])
        if name in _NOT_YET
        else pytest.param(text, expected, id=name)
        for name, text, expected in _PROBES
    ],
)
def test_a_past_history_probe_gives_its_problems_and_no_others(
    text: str, expected: list[str]
) -> None:
    assert _score(text, expected) == ([], [])


def test_the_probes_keep_recall_and_precision() -> None:
    found = missed = spurious = 0
    for _, text, expected in _PROBES:
        miss, extra = _score(text, expected)
        found += len(expected) - len(miss)
        missed += len(miss)
        spurious += len(extra)
    assert found / (found + missed) >= 0.94
    assert found / (found + spurious) >= 0.95


def test_a_figure_in_brackets_inside_an_assessment_cuts_nothing() -> None:
    text = (
        "Assessment and Plan\n1. Type 2 diabetes mellitus\n"
        "A1c 7.4% - UACR improved (22) on ARB + SGLT2.\n"
    )
    assert not any("arb" in name for name in _names(text))


def test_a_condition_before_diagnosed_with_stays_the_condition() -> None:
    names = _names("PMH:\nGout. Anemia, recently diagnosed with a colonoscopy.\nHearing loss.\n")
    assert "anemia" in names
    assert not any("colonoscopy" in name for name in names)


def test_the_age_a_condition_came_at_is_no_measurement() -> None:
    names = _names("PMH:\n- Asthma\n- Left forearm fracture age 11\n- Kidney stone at age 34\n")
    assert {"left forearm fracture age 11", "kidney stone at age 34"} <= names


def test_a_value_after_a_condition_still_makes_no_problem() -> None:
    assert _names("PMH:\n- Asthma\n- LDL 128\n") == {"asthma"}


def test_fatty_liver_in_a_line_of_several_histories_is_a_condition() -> None:
    text = "PMH: gout, HTN, obesity, fatty liver. PSH: none. SH: roofer, no tobacco.\n"
    assert {"gout", "htn", "obesity", "fatty liver"} <= _names(text)


def test_a_known_condition_beside_a_hedged_one_is_stated() -> None:
    text = "ASSESSMENT:\n1. Anemia, likely from menorrhagia, with known uterine fibroids.\n"
    problems = {p.text.lower(): p.uncertain for p in analyse(text).problems}
    assert problems.get("known uterine fibroids") is False


def test_a_hedged_condition_without_known_stays_hedged() -> None:
    text = "ASSESSMENT:\n1. Possible community-acquired pneumonia.\n"
    assert [p.uncertain for p in analyse(text).problems] == [True]
