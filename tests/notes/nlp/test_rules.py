"""The extraction rules on short notes, one behaviour each."""

from datetime import date

import pytest

from carechart.notes.nlp import LabFlag, MedicationStatus, PlanKind, ProblemStatus, analyse
from tests.notes.nlp.support import historical, medication, negated, problem_texts


@pytest.mark.parametrize(
    "text",
    [
        "A: Denies chest pain.",
        "Assessment:\nNo chest pain\nNegative for chest pain",
        "HPI: denies chest pain, SOB or palpitations.\nA: chest pain denied",
    ],
)
def test_denied_chest_pain_is_never_an_active_problem(text: str) -> None:
    analysis = analyse(text)
    assert analysis.problems == []
    assert "chest pain" in negated(analysis)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("S: Pt denies chest pain, SOB, HA, dizziness.", {"chest pain", "sob", "ha", "dizziness"}),
        ("S: No hx asthma.", {"asthma"}),
        ("ROS: Negative for fever, chills or night sweats.", {"fever", "chills", "night sweats"}),
        ("O: no murmurs, rubs or gallops", {"murmurs", "rubs", "gallops"}),
        ("O: Pharynx clear, no erythema, minor postnasal drainage.", {"erythema"}),
        ("O: No edema, pulses +2 bilaterally", {"edema"}),
        ("S: Denies wheezing, reports occasional cough at night.", {"wheezing"}),
    ],
)
def test_a_negation_covers_its_list_and_stops_at_a_positive_item(
    text: str, found: set[str]
) -> None:
    assert negated(analyse(text)) == found


def test_family_and_past_history_are_history_never_problems_or_medications() -> None:
    analysis = analyse(
        "S: FHx: father MI at 55. Family history of diabetes. Pt s/p appendectomy 2010.\n"
        "A: Hypertension\nFamily hx of colon cancer\nP: Continue lisinopril 10 mg daily."
    )
    assert {"father mi at 55", "diabetes", "colon cancer"} <= historical(analysis, "family")
    assert "appendectomy 2010" in historical(analysis, "past")
    assert problem_texts(analysis) == ["Hypertension"]
    assert [m.name for m in analysis.medications] == ["lisinopril"]


def test_a_drug_in_the_past_history_is_historical_not_current() -> None:
    analysis = analyse(
        "PMH: History of warfarin use for DVT in 2015.\nPlan: Start apixaban 5 mg BID"
    )
    assert [(m.name, m.status) for m in analysis.medications] == [
        ("warfarin", MedicationStatus.HISTORICAL),
        ("apixaban", MedicationStatus.STARTED),
    ]


@pytest.mark.parametrize(
    ("plan", "name", "status"),
    [
        ("Start atorvastatin 20 mg PO QD", "atorvastatin", MedicationStatus.STARTED),
        ("Initiate metformin 500 mg BID", "metformin", MedicationStatus.STARTED),
        ("Continue lisinopril", "lisinopril", MedicationStatus.CONTINUED),
        ("increase metformin to 1000 mg BID", "metformin", MedicationStatus.CHANGED),
        ("discontinue aspirin", "aspirin", MedicationStatus.STOPPED),
        ("stop aspirin", "aspirin", MedicationStatus.STOPPED),
        ("d/c aspirin", "aspirin", MedicationStatus.STOPPED),
        ("Hold lisinopril for AKI", "lisinopril", MedicationStatus.HELD),
        ("Metoprolol increased to 50 mg BID", "metoprolol", MedicationStatus.CHANGED),
        # A plan that writes a drug out with its dosing orders it.
        ("Aspirin 81 mg daily", "aspirin", MedicationStatus.STARTED),
        ("Aspirin", "aspirin", MedicationStatus.UNKNOWN),
        ("Resume clopidogrel tomorrow", "clopidogrel", MedicationStatus.HELD),
        ("Ceftriaxone changed to cefpodoxime", "ceftriaxone", MedicationStatus.STOPPED),
        ("Cannot be taken off warfarin for 6 months", "warfarin", MedicationStatus.CONTINUED),
        ("Another option would be duloxetine", "duloxetine", MedicationStatus.PROPOSED),
        ("Has tried gabapentin in the past", "gabapentin", MedicationStatus.HISTORICAL),
        ("Ketorolac 30 mg IM x1 given in clinic", "ketorolac", MedicationStatus.GIVEN),
        ("Ondansetron 4 mg ODT q8h PRN nausea #10", "ondansetron", MedicationStatus.STARTED),
    ],
)
def test_the_verb_next_to_a_drug_sets_its_status(
    plan: str, name: str, status: MedicationStatus
) -> None:
    assert medication(analyse(f"P: {plan}"), name).status is status


def test_a_list_of_drugs_after_one_verb_shares_it() -> None:
    analysis = analyse(
        "P: Continue lisinopril and metformin. Stop aspirin, start apixaban 5 mg BID."
    )
    statuses = {m.name: m.status.value for m in analysis.medications}
    assert statuses == {
        "lisinopril": "continued",
        "metformin": "continued",
        "aspirin": "stopped",
        "apixaban": "started",
    }


def test_a_prescription_section_starts_a_drug_unless_it_says_otherwise() -> None:
    analysis = analyse("Rx:\namoxicillin 500 mg PO TID x 10 days\nSig: take with food")
    amoxicillin = medication(analysis, "amoxicillin")
    assert (amoxicillin.status, amoxicillin.dose, amoxicillin.route, amoxicillin.frequency) == (
        "started",
        "500 mg",
        "PO",
        "TID",
    )


@pytest.mark.parametrize(
    "text",
    [
        "P: No Rx prescribed at this visit.",
        "Meds: no medications",
        "P: No aspirin.",
        "S: not on any statin",
    ],
)
def test_negated_prescriptions_produce_no_medication(text: str) -> None:
    assert analyse(text).medications == []


def test_unlisted_brand_with_a_dose_is_still_a_medication() -> None:
    analysis = analyse("Medications:\nZetia 10 mg daily\n(previously 20 mg)")
    assert [(m.name, m.dose) for m in analysis.medications] == [("Zetia", "10 mg")]


@pytest.mark.parametrize(
    ("window", "dose", "route", "frequency", "prn"),
    [
        ("ibuprofen 400mg-600mg PO q6-8h PRN pain", "400-600 mg", "PO", "q6-8h", True),
        ("atorvastatin 20 mg PO daily at bedtime", "20 mg", "PO", "qHS", False),
        ("enoxaparin 40 mg SC daily", "40 mg", "SC", "daily", False),
        ("ceftriaxone 1 g IV q24h", "1 g", "IV", "q24h", False),
        ("albuterol 2 puffs inhaled every 4 hours as needed", "2 puffs", "inhaled", "q4h", True),
        ("hydrocortisone cream topically twice daily", None, "topical", "BID", False),
        ("fluticasone 2 sprays each nostril once daily", "2 sprays", "nasal", "daily", False),
    ],
)
def test_dose_route_and_frequency_are_normalised(
    window: str, dose: str | None, route: str, frequency: str, prn: bool
) -> None:
    [drug] = analyse(f"P: Continue {window}").medications
    assert (drug.dose, drug.route, drug.frequency, drug.prn) == (dose, route, frequency, prn)


@pytest.mark.parametrize("text", ["Allergies: NKDA", "Allergies: No known drug allergies", "NKA"])
def test_no_known_allergies_is_a_flag_with_an_empty_list(text: str) -> None:
    analysis = analyse(text)
    assert analysis.no_known_allergies
    assert analysis.allergies == []


def test_allergies_keep_their_reactions_and_never_become_medications() -> None:
    analysis = analyse(
        "Allergies: penicillin (anaphylaxis); codeine - nausea\n"
        "S: Also allergic to sulfa (rash).\nP: Start cephalexin 500 mg QID"
    )
    assert [(a.substance, a.reaction) for a in analysis.allergies] == [
        ("penicillin", "anaphylaxis"),
        ("codeine", "nausea"),
        ("sulfa", "rash"),
    ]
    assert [m.name for m in analysis.medications] == ["cephalexin"]


@pytest.mark.parametrize(
    ("text", "name", "value", "unit", "flag"),
    [
        ("LDL 165 mg/dL (ref <100)", "LDL", 165, "mg/dL", LabFlag.HIGH),
        ("A1c 7.8%", "HbA1c", 7.8, "%", None),
        ("Potassium 3.2 mmol/L (3.5-5.1)", "Potassium", 3.2, "mmol/L", LabFlag.LOW),
        ("Sodium 140 mmol/L (135-145)", "Sodium", 140, "mmol/L", LabFlag.NORMAL),
        ("Hgb 9.1 g/dL L", "Hemoglobin", 9.1, "g/dL", LabFlag.LOW),
        ("Troponin 0.5 ng/mL (H)", "Troponin", 0.5, "ng/mL", LabFlag.HIGH),
        ("HDL 40 mg/dL (>40)", "HDL", 40, "mg/dL", LabFlag.LOW),
    ],
)
def test_lab_results_are_flagged_against_the_stated_range_or_marker(
    text: str, name: str, value: float, unit: str, flag: LabFlag | None
) -> None:
    [lab] = analyse(f"Labs: {text}").labs
    assert (lab.name, lab.value, lab.unit, lab.flag) == (name, value, unit, flag)


def test_goals_and_doses_are_not_lab_results() -> None:
    analysis = analyse("P: A1c goal <7%. Recheck LDL in 3 months. Potassium chloride 20 mEq PO.")
    assert analysis.labs == []


@pytest.mark.parametrize(
    ("text", "expected", "label"),
    [
        ("Encounter Date: 2024-03-15", date(2024, 3, 15), "Encounter Date"),
        ("Date of Service: 03/14/2025", date(2025, 3, 14), "Date of Service"),
        ("Admission Date: March 3, 2025", date(2025, 3, 3), "Admission Date"),
        ("DOS: 2025-03-14", date(2025, 3, 14), "DOS"),
        ("Visit date: 3 March 2025", date(2025, 3, 3), "Visit date"),
        ("Date of Service: Sept. 9th, 2024", date(2024, 9, 9), "Date of Service"),
        ("DOB: 01/02/1960\nDate of Service: 03/14/2025", date(2025, 3, 14), "Date of Service"),
    ],
)
def test_encounter_dates_are_read_in_every_common_format(
    text: str, expected: date, label: str
) -> None:
    found = analyse(text).encounter_date
    assert found is not None
    assert (found.value, found.label) == (expected, label)
    assert text[found.start : found.end] == found.text


def test_a_date_of_birth_is_never_the_encounter_date() -> None:
    analysis = analyse("Patient: Jane Roe, DOB 1990-01-01\nS: cough")
    assert analysis.encounter_date is None
    assert "no encounter date found" in analysis.warnings


def test_an_unlabelled_date_at_the_top_is_used_with_a_warning() -> None:
    found = analyse("Progress note 02/03/2025\nDOB 1990-01-01").encounter_date
    assert found is not None
    assert (found.value, found.label) == (date(2025, 2, 3), "")


@pytest.mark.parametrize(
    ("plan", "kind", "due"),
    [
        ("RTC in 3 months.", PlanKind.FOLLOW_UP, date(2024, 4, 30)),
        ("f/u 2 weeks", PlanKind.FOLLOW_UP, date(2024, 2, 14)),
        ("Follow-up in 1 month", PlanKind.FOLLOW_UP, date(2024, 2, 29)),
        ("Return to clinic in 4-6 weeks", PlanKind.FOLLOW_UP, date(2024, 2, 28)),
        ("Repeat CBC in 10 days", PlanKind.ORDER, date(2024, 2, 10)),
        ("Refer to cardiology", PlanKind.REFERRAL, None),
        ("Advised low-salt diet", PlanKind.INSTRUCTION, None),
        ("Follow up with Dr. Lee on 03/01/2024", PlanKind.FOLLOW_UP, date(2024, 3, 1)),
    ],
)
def test_plan_items_get_a_kind_and_a_due_date_from_the_encounter(
    plan: str, kind: PlanKind, due: date | None
) -> None:
    [item] = analyse(f"Encounter Date: 2024-01-31\nPlan:\n{plan}").plans
    assert (item.kind, item.due) == (kind, due)


def test_a_plan_without_an_encounter_date_keeps_the_interval_text() -> None:
    [item] = analyse("Plan: RTC in 3 months").plans
    assert (item.due, item.due_text) == (None, "in 3 months")


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("Electronically signed by Jane Roe, MD on 03/14/2025 10:22", "Jane Roe, MD"),
        ("Electronically signed by: Jane Roe, MD 03/14/2025", "Jane Roe, MD"),
        ("Signed:\nDr. Mark Reynolds, MD\nInternal Medicine", "Dr. Mark Reynolds, MD"),
        ("Author: John Smith, NP", "John Smith, NP"),
        ("A/P:\n# Obesity\nRTC 6 wks.\nJane Doe, MD\nFamily Medicine", "Jane Doe, MD"),
        ("Procedure: biopsy\nSigned consent obtained.", None),
    ],
)
def test_the_author_comes_from_the_signature_line(text: str, author: str | None) -> None:
    found = analyse(text).author
    assert (found.name if found else None) == author


def test_long_form_and_all_caps_headers_are_sections_with_text_on_the_same_line_or_below() -> None:
    text = (
        "SUBJECTIVE\nPt feels well.\n\nObjective: BP 120/80\n"
        "HISTORY OF PRESENT ILLNESS:\ncough\nAssessment/Plan:\n1. Asthma - continue albuterol"
    )
    names = [s.name.value for s in analyse(text).sections]
    assert names == ["subjective", "objective", "present_illness", "assessment_and_plan"]


def test_a_pulse_written_p_colon_is_not_the_plan() -> None:
    analysis = analyse("O:\nT: 98.6\nP: 72\nA: URI")
    assert [s.name.value for s in analysis.sections] == ["objective", "assessment"]


def test_a_resolved_problem_is_marked_resolved_and_a_hedged_one_uncertain() -> None:
    analysis = analyse("Assessment:\n1. AKI, resolved\n2. Possible pneumonia\n3. s/p CABG 2019")
    statuses = [(p.text, p.status, p.uncertain) for p in analysis.problems]
    # An operation ("s/p CABG") is never a problem.
    assert statuses == [
        ("AKI", ProblemStatus.RESOLVED, False),
        ("pneumonia", ProblemStatus.ACTIVE, True),
    ]


def test_a_terse_clinic_note_with_abbreviated_headers_is_understood() -> None:
    analysis = analyse(
        "DOS: 11/05/2024\nCC: knee pain\nMeds: amlodipine 10 mg daily, HCTZ 25 mg daily\n"
        "All: sulfa (hives)\nA/P:\n# Primary OA of right knee - start meloxicam 15 mg PO daily\n"
        "# Obesity\nJane Doe, MD"
    )
    assert [s.name.value for s in analysis.sections] == [
        "header",
        "chief_complaint",
        "medications",
        "allergies",
        "assessment_and_plan",
        "signature",
    ]
    assert [(m.name, m.dose) for m in analysis.medications] == [
        ("amlodipine", "10 mg"),
        ("HCTZ", "25 mg"),
        ("meloxicam", "15 mg"),
    ]
    assert [(a.substance, a.reaction) for a in analysis.allergies] == [("sulfa", "hives")]
    assert problem_texts(analysis) == ["Primary OA of right knee", "Obesity"]


@pytest.mark.parametrize(
    ("text", "name", "ingredient", "dose"),
    [
        (
            "Start budesonide-formoterol 160/4.5 mcg 2 puffs BID.",
            "budesonide-formoterol",
            "budesonide / formoterol",
            "160/4.5 mcg",
        ),
        (
            "Start sacubitril-valsartan 24/26 mg PO BID.",
            "sacubitril-valsartan",
            "sacubitril / valsartan",
            "24/26 mg",
        ),
        ("Entresto 49/51 mg PO BID.", "Entresto", "sacubitril / valsartan", "49/51 mg"),
        (
            "Hydrocodone-acetaminophen 5/325 mg 1 tab q6h PRN.",
            "Hydrocodone-acetaminophen",
            "hydrocodone / acetaminophen",
            "5/325 mg",
        ),
        ("Norco 5/325 mg 1 tab q6h PRN.", "Norco", "hydrocodone / acetaminophen", "5/325 mg"),
        ("Lisinopril/HCTZ 20/12.5 mg daily.", "Lisinopril/HCTZ", None, "20/12.5 mg"),
    ],
)
def test_a_combination_product_is_one_drug_with_every_strength_of_its_dose(
    text: str, name: str, ingredient: str | None, dose: str
) -> None:
    [found] = analyse(f"P: {text}").medications
    expected = ingredient or "lisinopril / hydrochlorothiazide"
    assert (found.name, found.ingredient, found.dose) == (name, expected, dose)


def test_a_list_entry_ends_where_the_next_bulleted_entry_begins() -> None:
    analysis = analyse(
        "DISCHARGE MEDICATIONS:\n- Torsemide 20 mg PO daily\n- Unlistedamide 5 mg PO BID\n"
    )
    assert medication(analysis, "torsemide").frequency == "daily"


@pytest.mark.parametrize(
    "text",
    [
        "S: Completed the 5-day prednisone course.",
        "S: Prednisone course finished on Monday.",
        "P: Prednisone completed.",
    ],
)
def test_a_completed_course_is_a_stopped_medication(text: str) -> None:
    assert medication(analyse(text), "prednisone").status is MedicationStatus.STOPPED


def test_a_drug_to_consider_is_proposed_not_taken() -> None:
    analysis = analyse(
        "P: Continue cetirizine 10 mg daily; consider ketotifen ophthalmic if redness persists.\n"
        "Considering her kidney function, start apixaban 2.5 mg BID."
    )
    assert [(m.name, m.status) for m in analysis.medications] == [
        ("cetirizine", MedicationStatus.CONTINUED),
        ("ketotifen", MedicationStatus.PROPOSED),
        ("apixaban", MedicationStatus.STARTED),
    ]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("Migraine without aura, stable", "Migraine without aura"),
        (
            "Type 2 diabetes mellitus without complications",
            "Type 2 diabetes mellitus without complications",
        ),
        ("COPD, no exacerbation this year", "COPD"),
    ],
)
def test_a_negation_inside_a_diagnosis_is_part_of_its_name(line: str, problem: str) -> None:
    assert problem_texts(analyse(f"Assessment:\n1. {line}\n2. No acute distress")) == [problem]


def test_an_encounter_for_a_service_is_the_reason_for_the_visit_not_a_problem() -> None:
    analysis = analyse("Assessment:\nEncounter for immunization\nMild persistent asthma")
    assert problem_texts(analysis) == ["Mild persistent asthma"]


@pytest.mark.parametrize(
    ("plan", "kind", "due"),
    [
        ("Recheck TSH and free T4 in 6 weeks.", PlanKind.ORDER, date(2024, 3, 13)),
        ("Heart failure clinic with Dr. Ortiz in 1 week.", PlanKind.FOLLOW_UP, date(2024, 2, 7)),
        ("Continue sumatriptan PRN; limit use to 2 days per week.", PlanKind.ORDER, None),
        (
            "Walk 30 minutes 5 days a week, then recheck BP in 1 month.",
            PlanKind.ORDER,
            date(2024, 2, 29),
        ),
    ],
)
def test_plans_tell_a_due_interval_from_a_rate(plan: str, kind: PlanKind, due: date | None) -> None:
    [item] = analyse(f"Encounter Date: 2024-01-31\nPlan:\n{plan}").plans
    assert (item.kind, item.due) == (kind, due)


def test_a_hospital_course_retelling_a_result_adds_no_lab_value() -> None:
    analysis = analyse(
        "HOSPITAL COURSE:\nCreatinine peaked at 1.5 and returned to baseline.\n"
        "DISCHARGE LABS:\nCreatinine 1.1 mg/dL (0.7-1.3)"
    )
    assert [(lab.name, lab.value) for lab in analysis.labs] == [("Creatinine", 1.1)]


def test_a_vaccine_given_in_an_earlier_year_is_history_not_given_today() -> None:
    analysis = analyse(
        "S: Tdap given in 2019.\nVaccines administered:\nInfluenza vaccine 0.5 mL IM, left deltoid."
    )
    assert [(i.name, i.status) for i in analysis.immunizations] == [
        ("Tdap", "historical"),
        ("influenza vaccine", "administered"),
    ]
