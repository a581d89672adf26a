"""Problems in the layouts real documents write them: bracketed headings, lists with bars,
semicolons and commas, diagnoses sentence by sentence, numbered plans, histories inside a story,
hedges before the name. Each rule with variants written for it."""

from datetime import date

import pytest

from carechart.notes.chart_schemas import Chart
from carechart.notes.nlp import ProblemStatus, analyse
from tests.notes.stories import story_chart
from tests.notes.stories import story_note as _note

_A = ProblemStatus.ACTIVE
_H = ProblemStatus.HISTORICAL
_R = ProblemStatus.RESOLVED


def _problems(text: str) -> list[tuple[str, ProblemStatus]]:
    return [(p.text, p.status) for p in analyse(text).problems]


def _names(text: str) -> list[str]:
    return [p.text.lower() for p in analyse(text).problems]


@pytest.mark.parametrize(
    "text",
    [
        "[CHIEF COMPLAINT] Cough.\n[PMH] Type 2 DM. HTN. Gout.\n[IMPRESSION]\n1. Bronchitis.",
        "[Chief Complaint] Cough.\n[ Past Medical History ] Type 2 DM. HTN. Gout.\n"
        "[Impression]\n1. Bronchitis.",
        "[CC] Cough.\n[PMH]\nType 2 DM\nHTN\nGout\n[ASSESSMENT]\nBronchitis.",
    ],
)
def test_bracketed_headings_open_their_sections(text: str) -> None:
    kinds = [s.name.value for s in analyse(text).sections]
    assert "history" in kinds
    assert {"assessment", "assessment_and_plan"} & set(kinds)
    assert ("Bronchitis", _A) in _problems(text)
    assert ("Gout", _H) in _problems(text)


def test_a_bracketed_hospital_banner_is_no_heading() -> None:
    text = "[MERCY HOSPITAL - EMERGENCY DEPARTMENT]\n[PMH] Asthma.\n[IMPRESSION] Asthma flare."
    assert [s.name.value for s in analyse(text).sections] == ["header", "history", "assessment"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "PMH: Hypertension | Hypothyroidism (Hashimoto) | Obstructive sleep apnea on CPAP, "
            "AHI 28 | Obesity, BMI 36.4 | Depression, stable",
            ["hypertension", "hypothyroidism", "obstructive sleep apnea", "obesity", "depression"],
        ),
        (
            "Past medical history: HTN|GERD|Osteoarthritis of both knees",
            ["htn", "gerd", "osteoarthritis of both knees"],
        ),
        (
            "PAST MEDICAL HISTORY\nParoxysmal atrial fibrillation (2016); HFpEF, EF 60% (echo "
            "2023); type 2 diabetes (1998) with neuropathy; overactive bladder; GERD; depression "
            "(since 2019); cataracts s/p bilateral extraction 2018.",
            [
                "paroxysmal atrial fibrillation",
                "hfpef",
                "type 2 diabetes",
                "overactive bladder",
                "gerd",
                "depression",
                "cataracts",
            ],
        ),
    ],
)
def test_past_histories_with_bars_or_semicolons_give_one_problem_per_piece(
    text: str, expected: list[str]
) -> None:
    problems = analyse(text).problems
    assert [p.text.lower() for p in problems] == expected
    assert {p.status for p in problems} == {_H}


def test_under_a_list_number_a_piece_after_a_semicolon_is_a_remark() -> None:
    text = (
        "PAST MEDICAL HISTORY:\n1. Ischemic cardiomyopathy, EF 35%; dual-chamber ICD 2017.\n"
        "2. Type 2 diabetes mellitus; complicated by nephropathy.\n"
        "3. Prostate adenocarcinoma, s/p radiation 2012; PSA undetectable since.\n"
    )
    assert _names(text) == [
        "ischemic cardiomyopathy",
        "type 2 diabetes mellitus",
        "prostate adenocarcinoma",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Problem list: ESRD on HD | Type 2 diabetes | Hypertension | Secondary hyperparathyroidism",
        "PROBLEM LIST:\nESRD on HD | Type 2 diabetes | Hypertension | Secondary "
        "hyperparathyroidism",
        "Active problems: ESRD on HD|Type 2 diabetes|Hypertension|Secondary hyperparathyroidism",
    ],
)
def test_a_problem_list_with_bars_is_one_active_problem_per_item(text: str) -> None:
    assert _problems(text) == [
        ("ESRD", _A),  # on dialysis: a therapy, no second problem
        ("Type 2 diabetes", _A),
        ("Hypertension", _A),
        ("Secondary hyperparathyroidism", _A),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "SECONDARY DIAGNOSES: Postoperative delirium - resolved 12/08. Acute blood loss anemia. "
        "Chronic: HFpEF, permanent atrial fibrillation, CKD stage 3b, hypothyroidism, BPH.",
        "Secondary diagnoses:\nPostoperative delirium - resolved 12/08.  Acute blood loss anemia."
        "  Chronic: HFpEF, permanent atrial fibrillation, CKD stage 3b, hypothyroidism, BPH.",
        "DISCHARGE DIAGNOSES: Postoperative delirium, resolved; Acute blood loss anemia. "
        "Chronic: HFpEF, permanent atrial fibrillation, CKD stage 3b, hypothyroidism, BPH.",
    ],
)
def test_a_diagnosis_list_names_a_diagnosis_in_each_sentence_and_list(text: str) -> None:
    problems = _problems(text)
    assert problems[0] == ("Postoperative delirium", _R)
    assert [name.lower() for name, _ in problems[1:]] == [
        "acute blood loss anemia",
        "hfpef",
        "permanent atrial fibrillation",
        "ckd stage 3b",
        "hypothyroidism",
        "bph",
    ]


@pytest.mark.parametrize(
    "remark",
    [
        "HD since 03/2021.",
        "Her mother had rheumatoid arthritis.",
        "Ketorolac avoided (AKI).",
        "Alzheimer dementia, moderate.",
    ],
)
def test_a_later_sentence_of_a_diagnosis_list_must_open_with_a_condition(remark: str) -> None:
    text = f"DIAGNOSES: Diabetic nephropathy. {remark}"
    names = _names(text)
    assert names[0] == "diabetic nephropathy"
    assert not {"rheumatoid arthritis", "hd", "aki"} & set(names)
    assert all(len(name.split()) <= 3 for name in names)


@pytest.mark.parametrize(
    "plan",
    [
        "PLAN:\n1. Sepsis due to acute L pyelonephritis (complicated UTI, male, hx prostate "
        "radiation):\n   - Continue cefepime.\n2. AKI on CKD 3b (Cr 2.4, baseline 1.6), "
        "prerenal:\n   - Hold lisinopril.\n3. CT abdomen to rule out abscess.\n",
        "Plan\n#1 Sepsis due to acute L pyelonephritis (complicated UTI). Continue cefepime.\n"
        "#2 AKI on CKD 3b (Cr 2.4), prerenal. Hold lisinopril.\n#3 CT abdomen to rule out "
        "abscess.\n",
        "PLAN:\n1) Sepsis due to acute L pyelonephritis, improving on cefepime\n2) AKI on CKD "
        "3b, prerenal - hold lisinopril\n3) CT abdomen to rule out abscess\n",
    ],
)
def test_a_numbered_plan_names_its_problem_before_what_to_do(plan: str) -> None:
    names = _names(plan)
    assert names[:4] == ["sepsis", "acute l pyelonephritis", "aki", "ckd 3b"]
    assert not any("abscess" in name or "ct " in name for name in names)


@pytest.mark.parametrize(
    "plan",
    [
        "PLAN:\n1. Asthma action plan updated and given.\n",
        "PLAN:\n1. Diabetes education completed today.\n",
        "PLAN:\n1. Fall precautions reviewed with family.\n",
    ],
)
def test_a_numbered_order_that_names_a_condition_is_no_problem(plan: str) -> None:
    assert _names(plan) == []


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("r/o calciphylaxis (biopsy pending)", "calciphylaxis"),
        ("Rule out: vitamin D deficiency (level pending).", "vitamin D deficiency"),
        ("R/O pulmonary embolism", "pulmonary embolism"),
        ("? gout of the right first MTP", "gout of the right first MTP"),
        ("Possible early cellulitis", "early cellulitis"),
        ("Suspected appendicitis", "appendicitis"),
    ],
)
def test_a_hedge_before_the_name_makes_it_uncertain_and_stays_out_of_it(
    line: str, name: str
) -> None:
    [problem] = analyse(f"ASSESSMENT:\n1. {line}\n").problems
    assert (problem.text, problem.uncertain) == (name, True)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Hypoglycemia due to sulfonylurea (glipizide), recurrent.", ["hypoglycemia"]),
        ("ESRD on HD", ["esrd"]),
        ("OSA on CPAP", ["osa"]),
        ("Sepsis 2/2 left lower lobe pneumonia", ["sepsis", "left lower lobe pneumonia"]),
        ("AKI on CKD stage 3a, prerenal", ["aki", "ckd stage 3a"]),
    ],
)
def test_a_joined_part_is_a_problem_only_when_it_names_a_condition(
    line: str, expected: list[str]
) -> None:
    assert _names(f"IMPRESSION:\n1. {line}\n") == expected


@pytest.mark.parametrize(
    "text",
    [
        "The patient is a 58-year-old man with a painful groin bulge. He has a history of benign "
        "prostatic hyperplasia on Flomax and hypertension on Norvasc.",
        "58 yo M presents with groin pain. PMH significant for benign prostatic hyperplasia and "
        "hypertension.",
        "Painful right groin bulge for 9 months. Comorbidities: benign prostatic hyperplasia "
        "(on tamsulosin), hypertension.",
        "Groin bulge enlarging with lifting. Known history of benign prostatic hyperplasia, "
        "hypertension. Past medical history significant for nothing else.",
    ],
)
def test_a_history_given_inside_the_story_is_past_history(text: str) -> None:
    problems = analyse(f"HISTORY OF PRESENT ILLNESS:\n{text}\n").problems
    assert [(p.text.lower(), p.status) for p in problems] == [
        ("benign prostatic hyperplasia", _H),
        ("hypertension", _H),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "He gives a 9-month history of a painful right groin bulge.",
        "There is no history of diabetes or hypertension.",
        "Family history of hypertension in his father.",
    ],
)
def test_a_duration_a_denial_or_a_relative_is_no_past_history(text: str) -> None:
    assert analyse(f"HISTORY OF PRESENT ILLNESS:\n{text}\n").problems == []


@pytest.mark.parametrize(
    ("acute", "chronic"),
    [("AKI", "CKD stage 3b"), ("Acute kidney injury", "Chronic kidney disease")],
)
def test_an_acute_and_a_chronic_condition_of_one_organ_are_two_problems(
    acute: str, chronic: str
) -> None:
    text = f"PAST MEDICAL HISTORY:\n{chronic}\nASSESSMENT:\n1. {acute}, prerenal\n"
    assert _names(text) == [acute.lower(), chronic.lower()]


def _chart(*texts: str) -> Chart:
    days = ["2025-03-03", "2025-03-10", "2025-03-17"]
    notes = [_note(day, text) for day, text in zip(days, texts, strict=False)]
    return story_chart(*notes, today=date(2025, 4, 1))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Hypoglycemia", "Sulfonylurea-induced hypoglycemia"),
        ("Acute gastroenteritis", "Acute viral gastroenteritis"),
        ("PCOS", "Polycystic ovary syndrome"),
        ("Major depression", "Major depressive disorder"),
    ],
)
def test_a_cause_or_a_kind_added_to_a_disease_names_the_same_problem_in_the_chart(
    first: str, second: str
) -> None:
    chart = _chart(f"ASSESSMENT:\n1. {first}\n", f"ASSESSMENT:\n1. {second}, resolved\n")
    assert chart.problems == []
    assert [p.text for p in chart.resolved_problems] == [second]


@pytest.mark.parametrize(
    ("first", "second"),
    [("AKI", "CKD 3b")],  # a symptom a later visit names more narrowly: test_chart_problem_probes
)
def test_a_symptom_and_its_kind_or_acute_and_chronic_stay_two_problems(
    first: str, second: str
) -> None:
    chart = _chart(f"ASSESSMENT:\n1. {first}\n", f"ASSESSMENT:\n1. {second}\n")
    assert sorted(p.text for p in chart.problems) == sorted([first, second])


@pytest.mark.parametrize(
    "later",
    [
        "ASSESSMENT:\n1. Chest pain. CTA chest negative, no pulmonary embolism.\n",
        "IMPRESSION: Pulmonary embolism was ruled out. Musculoskeletal chest pain.\n",
        "A/P: CTA negative for pulmonary embolism. Chest pain, musculoskeletal.\n",
    ],
)
def test_a_hedged_problem_a_later_note_rules_out_leaves_the_chart(later: str) -> None:
    chart = _chart("ASSESSMENT:\n1. Chest pain\n2. Rule out pulmonary embolism\n", later)
    every = chart.problems + chart.uncertain_problems + chart.resolved_problems
    assert not any("embolism" in p.text.lower() for p in every)


@pytest.mark.parametrize(
    "later",
    [
        "ASSESSMENT:\n1. Pulmonary embolism, segmental - start apixaban.\n",
        "IMPRESSION: Acute pulmonary embolism confirmed on CTA.\n",
    ],
)
def test_a_hedged_problem_a_later_note_confirms_is_active(later: str) -> None:
    chart = _chart("ASSESSMENT:\n1. Possible pulmonary embolism\n", later)
    assert chart.uncertain_problems == []
    [problem] = [p for p in chart.problems if "embolism" in p.text.lower()]
    assert problem.verification == "confirmed"
    assert len(problem.sources) == 2


def test_a_hedged_problem_stays_uncertain_until_a_later_note_answers() -> None:
    chart = _chart(
        "ASSESSMENT:\n1. Rule out pulmonary embolism\n",
        "ASSESSMENT:\n1. Asthma, stable. No fever.\n",
    )
    assert [p.text for p in chart.uncertain_problems] == ["pulmonary embolism"]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Assessment (RN, discussed with Dr. Hart):", "assessment"),
        ("Orders per Dr. Hart (verbal/read-back):", "plan"),
        ("Plan (reviewed with patient and daughter):", "plan"),
        ("Labs (drawn 11/09/2023, fasting):", "results"),
        ("Past medical history (per chart review):", "history"),
    ],
)
def test_a_heading_with_an_aside_before_its_colon_opens_its_section(
    heading: str, kind: str
) -> None:
    text = f"Reason: call back.\n{heading}\n1. Hyperkalemia, mild.\n"
    assert [s.name.value for s in analyse(text).sections] == ["header", kind]


def test_a_medication_list_with_an_aside_stays_with_the_medication_reader() -> None:
    text = "Reason: transfer.\nCURRENT MEDICATIONS (per MAR, printed 06:10):\n1. Metformin 500 mg\n"
    assert [s.name.value for s in analyse(text).sections] == ["header"]


@pytest.mark.parametrize("heading", ["Discussion:", "DISCUSSION:", "Discussion and plan:"])
def test_a_discussion_is_what_was_decided_not_an_assessment(heading: str) -> None:
    text = (
        "Results (drawn 11/09/2023, fasting):\nLDL-C 171 mg/dL (H)\nTSH 6.8 uIU/mL (H)\n"
        f"{heading}\n- Still has not scheduled the colonoscopy.\n- Recheck TSH in 6-8 weeks.\n"
    )
    analysis = analyse(text, taken_at=date(2023, 11, 14))
    assert analysis.problems == []
    assert {lab.name.lower() for lab in analysis.labs} >= {"ldl", "tsh"}
    assert any("TSH in 6-8 weeks" in plan.text for plan in analysis.plans)


@pytest.mark.parametrize(
    "closing",
    [
        "J. Rhee, MD  07/22/2024 14:48",
        "J. Adebayo, RN   Cosigned: M. Quintanilla-Hart, MD 12/10/2025 16:02",
        "Priyanka Venkataraman-Lowe, MD   04/26/2024 4:40 PM",
    ],
)
def test_the_signers_line_under_a_plan_is_no_follow_up(closing: str) -> None:
    text = f"PLAN:\n1. Follow up with PCP in 1 week.\n{closing}\n"
    plans = analyse(text, taken_at=date(2024, 7, 22)).plans
    assert [p.text for p in plans] == ["Follow up with PCP in 1 week."]


def test_an_appointment_row_naming_the_provider_first_is_a_follow_up() -> None:
    text = "FOLLOW-UP APPOINTMENTS:\nEsther Mbeki, NP - Hepatology 01/07/2025 10:30\n"
    [plan] = analyse(text, taken_at=date(2024, 12, 20)).plans
    assert plan.due == date(2025, 1, 7)


@pytest.mark.parametrize("social", ["[SOCIAL] Retired. Lives with wife.", "[Social] Lives alone."])
def test_a_bracketed_social_line_ends_the_allergies_before_it(social: str) -> None:
    analysis = analyse(f"[HPI] Cough.\n[ALLERGIES] Penicillin (rash).\n{social}\n")
    assert [a.substance.lower() for a in analysis.allergies] == ["penicillin"]


@pytest.mark.parametrize("unknown", ["[ECG] Sinus rhythm, 94.", "[BEDSIDE ULTRASOUND] No fluid."])
def test_an_unknown_bracketed_heading_still_ends_the_section_before(unknown: str) -> None:
    analysis = analyse(f"[HPI] Cough.\n[ALLERGIES] Penicillin (rash).\n{unknown}\n")
    assert [a.substance.lower() for a in analysis.allergies] == ["penicillin"]


@pytest.mark.parametrize(
    "course", ["[ED COURSE]\n07:15 Ondansetron 4 mg IV.", "[ED Course] Ondansetron 4 mg IV."]
)
def test_a_bracketed_ed_course_makes_an_emergency_note(course: str) -> None:
    text = (
        "[CHIEF COMPLAINT] Vomiting.\n[HPI] 79M with two days of vomiting.\n"
        f"{course}\n[IMPRESSION]\n1. Acute gastroenteritis.\n[PLAN]\n- Admit to observation.\n"
    )
    assert analyse(text).note_type.value == "emergency"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("PMH: Breast cancer R, lumpectomy + radiation 2012, in remission | HTN", _H),
        ("PAST MEDICAL HISTORY:\n- Hodgkin lymphoma 1998, in complete remission\n- HTN", _H),
        ("ASSESSMENT:\n1. Alcohol use disorder, moderate, in early remission - naltrexone.", _A),
    ],
)
def test_a_disease_in_remission_is_not_resolved(text: str, status: ProblemStatus) -> None:
    assert _problems(text)[0][1] == status


@pytest.mark.parametrize(
    "problem_list",
    [
        "Problem list: CAD s/p PCI 2019 | Peripheral arterial disease | Hypertension",
        "PROBLEM LIST:\nCAD s/p PCI 2019|Peripheral arterial disease|Hypertension",
    ],
)
def test_a_status_post_stays_inside_its_item(problem_list: str) -> None:
    statuses = dict(_problems(problem_list))
    assert statuses["Peripheral arterial disease"] == _A
    assert statuses["Hypertension"] == _A


@pytest.mark.parametrize(
    ("row", "name", "value"),
    [
        ("Glucose 88 -> 142 -> 63 (L) (09:40) -> 118", "Glucose", 118.0),
        ("K 5.3 (H) (06:50) -> 4.8 (14:00)", "Potassium", 4.8),
        ("Cr 2.21 (H) -> 1.9 (H) -> 1.4", "Creatinine", 1.4),
    ],
)
def test_a_trend_with_flags_and_times_gives_its_latest_value(
    row: str, name: str, value: float
) -> None:
    [lab] = analyse(f"LABS:\n{row}\n").labs
    assert (lab.name, lab.value) == (name, value)
