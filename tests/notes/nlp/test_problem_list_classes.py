"""Classes of problem lists real documents write, each with variants from several specialties
and layouts, and what must stay no problem: semicolon and one-line numbered lists, short
sentences of names, bare-slash and "and"/"from"/"with" joins, indications and consult reasons,
headings with a spaced slash, history fields that are no conditions, letter closings."""

import pytest

from carechart.notes.nlp import ProblemStatus, analyse

_A = ProblemStatus.ACTIVE
_H = ProblemStatus.HISTORICAL
_R = ProblemStatus.RESOLVED


def _names(text: str) -> list[str]:
    return [p.text.lower() for p in analyse(text).problems]


def _status(text: str) -> dict[str, ProblemStatus]:
    return {p.text.lower(): p.status for p in analyse(text).problems}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "DISCHARGE DIAGNOSES\nPrincipal: Hip fracture\nSecondary: Post-operative delirium "
            "(resolved 02/05); recurrent falls; acute blood loss anemia (nadir Hgb 9.1, no "
            "transfusion); overactive bladder; GERD",
            ["recurrent falls", "acute blood loss anemia", "overactive bladder", "gerd"],
        ),
        (
            "Final diagnoses: Cellulitis of left leg; tinea pedis; chronic venous insufficiency",
            ["cellulitis of left leg", "tinea pedis", "chronic venous insufficiency"],
        ),
        (
            "Preoperative diagnosis: Intrauterine pregnancy at 38 weeks 5 days; arrest of "
            "descent; GBS positive.",
            ["intrauterine pregnancy", "arrest of descent", "gbs positive"],
        ),
    ],
)
def test_each_piece_of_a_semicolon_diagnosis_list_is_a_problem(
    text: str, expected: list[str]
) -> None:
    names = _names(text)
    assert all(name in names for name in expected), names


def test_a_resolved_piece_of_a_semicolon_list_is_resolved() -> None:
    text = "Discharge diagnoses: Sepsis; mild rhabdomyolysis (resolved); hypertension"
    assert _status(text)["mild rhabdomyolysis"] is _R


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Assessment:\n6. ESRD on HD via L AVF; DM2; HTN; CAD.", ["esrd", "dm2", "htn", "cad"]),
        ("A/P:\n3. Asthma; GERD; allergic rhinitis - continue home meds.", ["asthma", "gerd"]),
    ],
)
def test_a_numbered_item_of_names_between_semicolons_names_each(
    text: str, expected: list[str]
) -> None:
    names = _names(text)
    assert all(name in names for name in expected), names


@pytest.mark.parametrize(
    "text",
    [
        "Assessment/Plan:\n# Syncope: no recurrence on telemetry; attributed to hypovolemia.",
        "Assessment:\n3. Heavy menstrual bleeding; enlarged, irregular uterus - r/o fibroids.",
        "Impression:\n2. Ischemic cardiomyopathy; dual-chamber ICD placed 2017.",
    ],
)
def test_pieces_that_say_more_of_a_numbered_problem_are_no_problems(text: str) -> None:
    names = _names(text)
    assert not any(n.startswith(("attributed", "enlarged", "dual")) for n in names), names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ASSESSMENT:, 1. Orthostatic hypotension. 2. Capecitabine-related diarrhea, grade 2. "
            "3. Type 2 diabetes. 4. Hypokalemia.,PLAN:, 1. Hold lisinopril.",
            ["orthostatic hypotension", "type 2 diabetes", "hypokalemia"],
        ),
        (
            "IMPRESSION:,  1.  Stage IIIB colon adenocarcinoma.  2.  Neuropathy, grade 2.  "
            "3.  Anemia, likely chemotherapy related.,RECOMMENDATIONS:,  Continue.",
            ["neuropathy", "anemia"],
        ),
    ],
)
def test_numbered_items_run_onto_one_line_are_each_read(text: str, expected: list[str]) -> None:
    names = _names(text)
    assert all(name in names for name in expected), names


def test_goals_numbered_with_parentheses_on_one_line_are_no_problems() -> None:
    text = "Assessment:\nLumbar radiculopathy.\nShort-term goals: 1) Independent with HEP. 2) "
    text += "Centralize leg symptoms to above the knee. 3) Sitting tolerance 45 min."
    assert _names(text) == ["lumbar radiculopathy"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Assessment:\n4. Hypertension, controlled. Hypothyroidism. Mild neurocognitive "
            "disorder (Alzheimer type). CKD stage 3b.",
            ["hypertension", "hypothyroidism", "mild neurocognitive disorder", "ckd stage 3b"],
        ),
        (
            "IMPRESSION\n1. Psoriasis, plaque type. Psoriatic arthritis (possible). Obesity.",
            ["psoriasis", "obesity"],
        ),
    ],
)
def test_later_sentences_that_are_only_names_are_problems(text: str, expected: list[str]) -> None:
    names = _names(text)
    assert all(name in names for name in expected), names


@pytest.mark.parametrize(
    "text",
    [
        "A/P:\n7. DM2 - glargine 14 units, continue. A1c not reliable in ESRD.",
        "Assessment:\n2. Essential hypertension - not at goal. Thiazide likely contributing to "
        "hyperuricemia.",
        "Assessment:\n1. Acute cystitis. Doubt pyelonephritis (afebrile).",
    ],
)
def test_later_sentences_that_remark_on_a_problem_are_no_problems(text: str) -> None:
    names = _names(text)
    assert not any(n.startswith(("a1c", "thiazide", "doubt")) for n in names), names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Assessment/Plan:\n# Gout/BPH/HLD: continue home meds.", ["gout", "bph", "hld"]),
        ("A/P:\n6. CAD/HLD - continue aspirin, atorvastatin.", ["cad", "hld"]),
        ("Impression:\n2. HFrEF/NICM, EF 25%.", ["hfref", "nicm"]),
    ],
)
def test_abbreviations_joined_by_bare_slashes_are_each_a_problem(
    text: str, expected: list[str]
) -> None:
    names = _names(text)
    assert all(name in names for name in expected), names


def test_an_abbreviation_that_is_also_a_heading_name_is_a_problem_after_a_slash() -> None:
    assert {"pe", "dvt"} <= set(_names("Assessment:\n1. PE/DVT: continue heparin gtt."))


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Assessment:\n5. Depression/anxiety, stable.", "depression/anxiety"),
        ("Assessment:\n4. Anorexia/cachexia: mirtazapine.", "anorexia/cachexia"),
    ],
)
def test_a_pair_written_as_one_syndrome_stays_one(text: str, whole: str) -> None:
    assert _names(text) == [whole]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Assessment:\n4. Hypomagnesemia and hypokalemia: repleted IV.", ["hypokalemia"]),
        ("Impression:\n1. Upper GI bleed from duodenal ulcer, s/p clips.", ["duodenal ulcer"]),
        ("Assessment:\n1. AKI from volume depletion - IV fluids.", ["volume depletion"]),
        ("A/P:\n1. T2DM with microalbuminuria - start lisinopril.", ["microalbuminuria"]),
        ("Impression:\n2. Klebsiella pyelonephritis with bacteremia.", ["bacteremia"]),
        ("Assessment:\n3. Metabolic acidosis from diarrhea plus CKD.", ["ckd"]),
    ],
)
def test_a_second_condition_joined_to_the_first_is_a_problem(
    text: str, expected: list[str]
) -> None:
    names = _names(text)
    assert all(name in names for name in expected), names


@pytest.mark.parametrize(
    ("text", "one"),
    [
        ("Assessment:\n1. Nausea and vomiting, likely viral.", "nausea and vomiting"),
        ("Assessment:\n1. Dependent edema from amlodipine - lower dose.", "dependent edema"),
        ("Assessment:\n1. Type 2 diabetes mellitus with hyperglycemia.", None),
    ],
)
def test_a_symptom_pair_or_a_cause_that_is_no_condition_adds_no_problem(
    text: str, one: str | None
) -> None:
    names = _names(text)
    assert len(names) == 1, names
    assert one is None or names == [one]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "PROCEDURE NOTE\nIndication: End-stage osteoarthritis right hip, failed injections and "
            "PT.\nProcedure: Right total hip arthroplasty.",
            ["end-stage osteoarthritis right hip"],
        ),
        (
            "EGD REPORT\nINDICATIONS: Iron deficiency anemia. GERD refractory to once-daily PPI. "
            "First screening colonoscopy.\nFINDINGS: Normal.",
            ["iron deficiency anemia", "gerd refractory to once-daily ppi"],
        ),
        (
            "ERCP\nIndications: Choledocholithiasis on MRCP with abnormal LFTs; symptomatic "
            "cholelithiasis.\nFindings: stones extracted.",
            ["choledocholithiasis", "symptomatic cholelithiasis"],
        ),
    ],
)
def test_each_diagnosis_an_indication_names_is_active(text: str, expected: list[str]) -> None:
    status = _status(text)
    assert all(status.get(name) is _A for name in expected), status


def test_an_indication_that_tells_a_story_or_an_order_names_no_problem_of_it() -> None:
    text = "Indication: 61F with flank pain. First screening colonoscopy.\nFindings: normal."
    assert _names(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "PALLIATIVE CARE CONSULT\nReason for consult: goals of care, symptom management - "
            "metastatic pancreatic cancer\nHPI: 64F.",
            ["metastatic pancreatic cancer"],
        ),
        (
            "NEUROLOGY CONSULTATION\nREASON FOR CONSULTATION: New-onset seizure.\nHPI: 29M.",
            ["new-onset seizure"],
        ),
        (
            "Reason for referral: Gallstones / RUQ pain\nHPI: 45F with meals.",
            ["gallstones"],
        ),
    ],
)
def test_the_diagnosis_a_consult_is_asked_about_is_active(text: str, expected: list[str]) -> None:
    status = _status(text)
    assert all(status.get(name) is _A for name in expected), status


def test_a_consult_reason_that_names_no_condition_gives_none() -> None:
    text = "Reason for consultation: goals of care, antibiotic recommendations.\nHPI: 70M."
    assert _names(text) == []


def test_a_consult_reason_the_impression_names_again_is_one_problem() -> None:
    text = (
        "REASON FOR CONSULT: Hyperglycemia on steroids.\nHPI: 60M.\n"
        "IMPRESSION:\n1. Steroid-induced hyperglycemia."
    )
    assert _names(text) == ["steroid-induced hyperglycemia"]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("ASSESSMENT / PLAN", "assessment_and_plan"),
        ("Assessment / Plan", "assessment_and_plan"),
        ("Impression / Plan", "assessment_and_plan"),
        ("TERMINAL DIAGNOSIS:", "diagnoses"),
        ("RELATED CONDITIONS:", "diagnoses"),
        ("UNRELATED/COMORBID:", "history"),
    ],
)
def test_headings_of_problem_lists_open_their_sections(heading: str, kind: str) -> None:
    text = f"Progress note\nVitals: BP 120/70\n{heading}\n1. Osteoporosis - continue calcium."
    kinds = [s.name.value for s in analyse(text).sections]
    assert kind in kinds, kinds
    assert "osteoporosis" in _names(text)


def test_a_problem_list_under_a_spaced_slash_heading_is_active() -> None:
    text = (
        "SNF progress note\nAssessment / Plan\n# Prerenal AKI - hold furosemide.\n"
        "# Dementia - stable, continue donepezil.\n# BPH - continue tamsulosin."
    )
    status = _status(text)
    assert status.get("dementia") is _A, status
    assert status.get("bph") is _A, status


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "PMH: atrial fibrillation, BPH, prior SCC right forearm (excised 2021), actinic "
            "keratoses.\nPre-op BP 152/86.",
            ["atrial fibrillation", "bph", "actinic keratoses"],
        ),
        (
            "PAST MEDICAL HISTORY:\nHypertension, hyperlipidemia, GERD.\nNo prior surgeries.",
            ["hypertension", "hyperlipidemia", "gerd"],
        ),
    ],
)
def test_a_comma_list_of_past_conditions_beside_other_lines_is_split(
    text: str, expected: list[str]
) -> None:
    status = _status(text)
    assert all(status.get(name) is _H for name in expected), status


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PAST MEDICAL HISTORY:\n3. Iron deficiency anemia 2023, treated, now resolved.", _R),
        ("PMH:\n- Prostate cancer 2015, treated with radiation, PSA undetectable.", _H),
        ("Past history:\n8. Community-acquired pneumonia 2022, resolved.", _R),
    ],
)
def test_a_year_after_a_past_condition_ends_its_name(text: str, expected: ProblemStatus) -> None:
    found = analyse(text).problems
    assert len(found) == 1, found
    assert found[0].status is expected
    assert not any(ch.isdigit() for ch in found[0].text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HPI: 75 yo F with itchy eyes.\nMedical hx: HTN, hypothyroidism, asthma.", "asthma"),
        (
            "HPI: 71M for lumbar stenosis. His past medical history includes type 2 diabetes and "
            "coronary artery disease.",
            "coronary artery disease",
        ),
    ],
)
def test_a_medical_history_inside_a_story_is_history(text: str, expected: str) -> None:
    assert _status(text).get(expected) is _H


@pytest.mark.parametrize(
    "text",
    [
        "PMH: Hypertension.\nFunctional capacity: he walks 1 mile and climbs two flights.",
        "PMH: AF on warfarin.\nAnticoagulation: Warfarin not interrupted. INR today 2.6.",
        "PMH: Born term, uncomplicated. Allergic rhinitis.\nAllergies: NKDA.",
        "Past psychiatric history: Bipolar I. One admission 2019.",
    ],
)
def test_fields_of_a_history_that_hold_no_conditions_give_no_problems(text: str) -> None:
    names = _names(text)
    bad = ("climbs", "limited", "warfarin", "inr", "born", "nkda", "one admission")
    assert not any(n.startswith(bad) for n in names), names


@pytest.mark.parametrize(
    "closing",
    ["Sincerely,", "Yours sincerely,", "Kind regards,", "Best wishes,"],
)
def test_a_letters_closing_after_its_impression_is_no_problem(closing: str) -> None:
    text = f"Dear Dr. Lee,\nImpression: rheumatoid arthritis.\n\n{closing}\n\nAnna Berg, MD"
    assert "rheumatoid arthritis" in _names(text)
    assert not any(n.startswith(("sincerely", "yours", "kind", "best")) for n in _names(text))


@pytest.mark.parametrize(
    "line",
    [
        "Mr. Ito is at acceptable risk for surgery.",
        "Please bring his CPAP machine to the hospital.",
        "Transfer to step-down today.",
        "ASA III.",
        "Medicare AWV - prevention plan given.",
        "Adhesive tape reaction - allergy list updated.",
        "S/p right TKA, recovering well.",
        "Status post left THA, doing well.",
        "Previously on lisinopril, stopped for hyperkalemia.",
        "Doing well after right inguinal hernia repair.",
    ],
)
def test_remarks_titles_scores_visits_and_operations_are_no_problems(line: str) -> None:
    names = _names(f"Assessment:\n1. {line}")
    bad = ("mr", "please", "transfer", "asa", "medicare", "adhesive", "tka", "tha", "previously")
    bad += ("doing",)
    assert not any(n.startswith(bad) for n in names), names


@pytest.mark.parametrize(
    ("text", "one"),
    [
        ("Assessment:\n3. Atopic dermatitis, mild.\nPlan:\n2. Eczema: moisturizer BID.", 1),
        ("Assessment:\n1. Impaired mobility after left transtibial amputation.", 1),
    ],
)
def test_one_concept_in_two_wordings_is_one_problem(text: str, one: int) -> None:
    assert len(_names(text)) == one, _names(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Assessment:\n3. PSA rise (2.9 to 3.8) - monitor.", True),
        ("PMH:\n- Prostate cancer 2015, treated with radiation, PSA undetectable.", False),
        ("Assessment:\n2. INR supratherapeutic - hold warfarin.", False),
    ],
)
def test_a_result_is_a_problem_only_when_the_assessment_treats_it_as_one(
    text: str, kept: bool
) -> None:
    names = _names(text)
    assert any(n.startswith(("psa", "inr")) for n in names) is kept, names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Assessment:\n4. Anxiety/dyspnea: lorazepam 0.5 mg SL PRN.", ["anxiety"]),
        ("Assessment:\n2. Cough/COPD exacerbation - prednisone burst.", ["copd exacerbation"]),
    ],
)
def test_a_symptom_slashed_to_a_condition_leaves_the_condition(
    text: str, expected: list[str]
) -> None:
    assert _names(text) == expected


def test_two_symptoms_slashed_stay_one_problem() -> None:
    assert _names("Assessment:\n2. Nausea/vomiting: ondansetron PRN.") == ["nausea/vomiting"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Assessment:\n3. Provoked left DVT 2015, treated with warfarin x 6 months.",
            "provoked left dvt",
        ),
        ("Impression:\n4. Prostate cancer 2015, treated with radiation.", "prostate cancer"),
        ("Assessment:\n2. Diverticulitis 2012, none since.", "diverticulitis"),
    ],
)
def test_a_condition_dated_by_a_year_after_its_name_is_past(text: str, name: str) -> None:
    assert _status(text).get(name) is _H, _status(text)


def test_a_dated_episode_the_note_calls_resolved_is_resolved() -> None:
    assert _status("Assessment:\n10. Pneumonia 2021 - resolved.").get("pneumonia") is _R
