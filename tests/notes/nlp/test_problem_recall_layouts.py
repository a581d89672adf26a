"""Problems in layouts that hid them: a past history numbered on one line, an assessment that
opens with the patient's summary under "A/P", a risk graded under a condition's label, an
outline whose summary line opens with the age. Each with a variant that must stay as it is."""

from carechart.notes.nlp import ProblemStatus, analyse

_A = ProblemStatus.ACTIVE
_H = ProblemStatus.HISTORICAL


def _problems(text: str) -> list[tuple[str, ProblemStatus]]:
    return [(p.text, p.status) for p in analyse(text).problems]


def _names(text: str) -> list[str]:
    return [p.text.lower() for p in analyse(text).problems]


def test_a_past_history_numbered_on_one_line_gives_each_item() -> None:
    text = (
        "PAST MEDICAL HISTORY: 1) COPD, on 2 L home O2  2) Gout - last flare 2022  "
        "3) Glaucoma  4) Chronic low back pain\n"
        "ASSESSMENT: Cough.\n"
    )
    names = _names(text)
    assert {"copd", "gout", "glaucoma", "chronic low back pain"} <= set(names)
    assert not any("2)" in name or "3)" in name for name in names)


def test_a_numbered_past_history_line_with_a_dose_keeps_its_decimal() -> None:
    text = "PMH: 1) Hypothyroidism on levothyroxine 0.1 mg  2) Asthma\nASSESSMENT: Cough.\n"
    assert {"hypothyroidism", "asthma"} <= set(_names(text))


def test_an_ap_heading_before_the_age_opens_the_assessment() -> None:
    text = (
        "Labs:\n  WBC 14.1\n\n"
        "A/P: 71F with COPD, CKD 3a, gout admitted with left lower lobe pneumonia.\n"
        "1. LLL pneumonia - ceftriaxone and azithromycin.\n"
        "2. CKD 3a - renally dose antibiotics.\n"
    )
    kinds = [s.name.value for s in analyse(text).sections]
    assert "assessment_and_plan" in kinds
    problems = _problems(text)
    assert ("LLL pneumonia", _A) in problems
    assert ("CKD 3a", _A) in problems
    # The summary's background: active, as the assessment names it.
    assert {"COPD", "gout"} <= {text for text, _ in problems}


def test_a_summary_naming_the_problem_itself_adds_no_second_entry() -> None:
    text = (
        "ASSESSMENT AND PLAN:\n"
        "59M with right lower lobe pneumonia not improving on doxycycline, with sepsis.\n"
        "1. Pneumonia, right lower lobe - ceftriaxone.\n"
    )
    names = _names(text)
    assert len(names) == 1
    assert not any("not improving" in name for name in names)


def test_a_risk_graded_under_a_conditions_label_is_no_problem() -> None:
    text = (
        "ASSESSMENT:\n1. Hypertension - continue amlodipine.\n"
        "2. PONV: high risk (Apfel 3) - dexamethasone at induction.\n"
        "3. Delirium: intermediate risk - avoid benzodiazepines.\n"
    )
    assert _names(text) == ["hypertension"]


def test_a_condition_label_with_a_finding_still_names_the_problem() -> None:
    text = "ASSESSMENT:\n1. Hyperkalemia: high K 6.1 on arrival, kayexalate given.\n"
    assert "hyperkalemia" in _names(text)


def test_an_outline_opening_with_the_age_reads_its_bullets_as_what_to_do() -> None:
    text = (
        "Assessment and plan: 64M POD1 s/p right hemicolectomy, doing well.\n"
        " - Advance to clear liquids\n"
        " - Saline lock IV\n"
        " - Pathology pending\n"
    )
    assert not {"advance to clear liquids", "saline lock iv", "pathology pending"} & set(
        _names(text)
    )


def test_a_residents_signature_under_the_plan_is_no_problem() -> None:
    text = (
        "ASSESSMENT AND PLAN:\nCellulitis of the right forearm - cefazolin.\n\n"
        "PGY-2 M. Farouk for Dr. Estevez\n"
    )
    assert _names(text) == ["cellulitis of the right forearm"]


def test_what_a_home_drug_is_taken_for_is_past_history() -> None:
    text = (
        "HOME MEDICATIONS:\n"
        "- rivaroxaban 20 mg daily with supper for persistent AF\n"
        "- finasteride 5 mg daily (for BPH)\n"
        "ASSESSMENT: Left ankle sprain.\n"
    )
    problems = _problems(text)
    assert ("persistent AF", _H) in problems
    assert ("BPH", _H) in problems


def test_an_as_needed_use_of_a_home_drug_is_no_condition() -> None:
    text = (
        "HOME MEDICATIONS:\n"
        "- epinephrine auto-injector 0.3 mg as directed for anaphylaxis\n"
        "- ondansetron 4 mg PRN for nausea\n"
        "ASSESSMENT: Left ankle sprain.\n"
    )
    assert _names(text) == ["left ankle sprain"]


def test_the_background_a_hospital_course_opens_with_is_past_history() -> None:
    text = (
        "HOSPITAL COURSE: 67M w/ COPD, gout, admitted 03/02 for a right hip fracture after a "
        "fall. Taken to the OR on 03/03.\n"
        "ASSESSMENT: Right hip fracture.\n"
    )
    problems = _problems(text)
    assert ("COPD", _H) in problems
    assert ("gout", _H) in problems


def test_a_hospital_course_that_opens_with_the_problem_adds_no_history() -> None:
    text = (
        "HOSPITAL COURSE: 67M with a right hip fracture after a fall, taken to the OR on "
        "03/03.\nASSESSMENT: Right hip fracture.\n"
    )
    assert _names(text) == ["right hip fracture"]


def test_reasoning_and_impression_joined_by_a_bare_slash_open_the_assessment() -> None:
    text = (
        "ED Course: CT as above. Morphine 4 mg IV given.\n\n"
        "MDM/Assessment: Acute cholecystitis. Gout stable.\n\n"
        "Dispo/Plan:\n- Home allopurinol can be continued.\n- Admit to surgery.\n"
    )
    kinds = [s.name.value for s in analyse(text).sections]
    assert "assessment" in kinds
    problems = _problems(text)
    assert ("Acute cholecystitis", _A) in problems
    assert ("Gout", _A) in problems
    assert not any("allopurinol" in name for name in _names(text))


def test_a_label_with_a_bare_slash_naming_no_two_sections_is_no_heading() -> None:
    text = "HPI: Cough for 3 days.\nWheeze/crackles: none heard today.\nASSESSMENT: Bronchitis.\n"
    assert [s.name.value for s in analyse(text).sections] == ["present_illness", "assessment"]


def test_a_care_set_named_after_a_condition_is_no_problem() -> None:
    text = (
        "RECOMMENDATIONS:\n1. Hyperactive delirium - haloperidol 0.5 mg PRN agitation.\n"
        "2. Non-drug delirium bundle: glasses, lights on by day, family presence.\n"
        "3. Aspiration precautions: HOB 30 degrees.\n"
    )
    assert _names(text) == ["hyperactive delirium"]


def test_a_second_condition_joined_after_the_head_is_a_problem_of_its_own() -> None:
    text = (
        "ASSESSMENT:\n"
        "1. Right renal calculus, 7 mm at the UPJ, with moderate hydronephrosis - urology.\n"
        "2. Pressure ulcer of the heel (stage 3) w/ osteomyelitis of the calcaneus - MRI.\n"
        "3. COPD (FEV1 41%) + hypokalemia - replete.\n"
    )
    names = _names(text)
    assert "moderate hydronephrosis" in names
    assert "osteomyelitis of the calcaneus" in names
    assert "hypokalemia" in names


def test_a_finding_or_a_treatment_after_with_adds_no_problem() -> None:
    text = (
        "ASSESSMENT:\n"
        "1. Cough, consistent with bronchitis.\n"
        "2. T2DM (A1c 7.9% with neuropathy) improving on insulin + GLP-1 RA.\n"
        "3. Type 2 diabetes, uncontrolled, w/ steroid-induced hyperglycemia - insulin.\n"
        "4. Anemia - discussed with hematology.\n"
    )
    names = _names(text)
    assert not any(n in names for n in ("bronchitis", "neuropathy", "glp-1 ra"))
    assert not any("hyperglycemia" in n for n in names)


def test_with_joins_a_second_disease_named_by_a_general_word() -> None:
    text = (
        "ASSESSMENT:\n"
        "1. Benzodiazepine overdose with respiratory depression - flumazenil not given.\n"
        "2. Osteopenia with right wrist fracture - DEXA.\n"
    )
    names = _names(text)
    assert "respiratory depression" in names
    assert "right wrist fracture" in names


def test_with_keeps_the_first_diseases_own_form_or_event() -> None:
    text = (
        "ASSESSMENT:\n"
        "1. Osteoporosis with fragility fracture - zoledronic acid.\n"
        "2. Gastric ulcer with recent hemorrhage, resolved.\n"
        "3. Psoriatic arthritis, early, with high disease activity - methotrexate.\n"
        "4. Cellulitis with abscess - I&D.\n"
        "5. Hyponatremia in a patient with cirrhosis - fluid restriction.\n"
    )
    names = _names(text)
    unwanted = ("fragility fracture", "recent hemorrhage", "abscess", "cirrhosis")
    assert not any(n in names for n in unwanted)
    assert not any("activity" in n for n in names)


def test_a_history_opening_with_a_bare_list_of_conditions_gives_each() -> None:
    text = (
        "HISTORY: COPD on home O2, CHF, afib. Wife says he ran out of his inhalers.\n"
        "ASSESSMENT: Respiratory distress.\n"
    )
    problems = _problems(text)
    assert {("COPD", _H), ("CHF", _H), ("afib", _H)} <= set(problems)


def test_a_story_opening_with_symptoms_gives_no_history_list() -> None:
    text = "HISTORY: Fever, cough, weight loss for two weeks.\nASSESSMENT: Cough.\n"
    assert "fever" not in _names(text)


def test_a_history_condition_is_not_the_other_disease_of_the_same_word_above() -> None:
    text = (
        "PMH: hypertension, depression, asthma\n"
        "ASSESSMENT:\n1. Pulmonary hypertension - echo.\n"
        "2. Benzodiazepine overdose with respiratory depression - observe.\n"
    )
    names = _names(text)
    assert {"hypertension", "depression", "pulmonary hypertension"} <= set(names)


def test_a_history_condition_named_more_fully_above_is_told_once() -> None:
    text = "PMH: asthma, depression\nASSESSMENT:\n1. Major depression - sertraline.\n"
    assert "depression" not in _names(text)
