"""Our own inpatient notes: an admission H&P, a daily progress note and a discharge summary."""

from datetime import date

from carechart.notes.nlp import LabFlag, MedicationStatus, PlanKind, ProblemStatus, VitalKind
from tests.notes.nlp.support import (
    historical,
    medication,
    medication_names,
    negated,
    own,
    problem_texts,
    section_names,
    vital,
)


def test_admission_long_form_headers_become_sections() -> None:
    names = section_names(own("admission_hp.txt"))
    assert names == [
        "header",
        "chief_complaint",
        "present_illness",
        "history",
        "family_history",
        "social_history",
        "medications",
        "allergies",
        "review_of_systems",
        "objective",
        "results",
        "assessment_and_plan",
        "other",  # "Code status:" ends the assessment and plan
        "signature",
    ]


def test_admission_is_typed_and_dated_by_its_admission_date_not_the_birth_date() -> None:
    analysis = own("admission_hp.txt")
    assert analysis.note_type.value == "admission"
    assert analysis.encounter_date is not None
    assert analysis.encounter_date.value == date(2025, 3, 14)  # DOB is 07/22/1951
    assert analysis.encounter_date.label == "Admission Date"
    assert analysis.author is not None
    assert analysis.author.name == "Priya Natarajan, MD"


def test_admission_vitals_in_celsius_and_metric_need_no_conversion() -> None:
    analysis = own("admission_hp.txt")
    temperature = vital(analysis, VitalKind.TEMPERATURE)
    assert (temperature.value, temperature.unit, temperature.original_unit) == (38.3, "°C", None)
    assert vital(analysis, VitalKind.SPO2).value == 93
    assert vital(analysis, VitalKind.RESPIRATORY_RATE).value == 24
    assert (vital(analysis, VitalKind.WEIGHT).value, vital(analysis, VitalKind.HEIGHT).value) == (
        82,
        175,
    )


def test_admission_plan_holds_home_drugs_and_starts_new_ones() -> None:
    analysis = own("admission_hp.txt")
    assert medication(analysis, "lisinopril").status is MedicationStatus.HELD
    assert medication(analysis, "metformin").status is MedicationStatus.HELD
    prednisone = medication(analysis, "prednisone")
    assert (prednisone.status, prednisone.dose, prednisone.route) == ("started", "40 mg", "PO")
    # First given in the ED, then continued: begun at this encounter (the labelling guide's
    # "started"), not a home drug going on.
    ceftriaxone = medication(analysis, "ceftriaxone")
    assert (ceftriaxone.status, ceftriaxone.dose, ceftriaxone.route, ceftriaxone.frequency) == (
        "started",
        "1 g",
        "IV",
        "q24h",
    )
    # A sliding scale exists only in hospital: given, never a current medication.
    assert medication(analysis, "insulin").status is MedicationStatus.GIVEN
    potassium = medication(analysis, "potassium")
    assert (potassium.name, potassium.dose, potassium.frequency) == (
        "potassium chloride",
        "40 mEq",
        "once",
    )


def test_home_medication_list_keeps_its_sig_and_an_inhaler_stays_inhaled() -> None:
    analysis = own("admission_hp.txt")
    tiotropium = medication(analysis, "tiotropium")
    assert (tiotropium.status, tiotropium.section) == ("continued", "medications")
    assert (tiotropium.dose, tiotropium.route) == ("18 mcg", "inhaled")
    albuterol = medication(analysis, "albuterol")
    assert (albuterol.dose, albuterol.frequency, albuterol.prn) == ("2 puffs", "q4-6h", True)
    # "hold lisinopril, IV fluids" must not make the home lisinopril intravenous
    assert medication(analysis, "lisinopril").route == "PO"


def test_drug_allergies_are_allergies_and_never_medications() -> None:
    analysis = own("admission_hp.txt")
    assert [(a.substance, a.reaction) for a in analysis.allergies] == [
        ("Penicillin", "hives"),
        ("sulfa", "rash"),
    ]
    assert not analysis.no_known_allergies
    assert "penicillin" not in medication_names(analysis)


def test_admission_problems_come_from_the_numbered_assessment_and_plan() -> None:
    analysis = own("admission_hp.txt")
    assert problem_texts(analysis) == [
        "Community-acquired pneumonia",
        "COPD exacerbation",
        "Acute kidney injury",
        "Type 2 diabetes",
        "Hypokalemia",
        "Hypertension",  # from the past medical history, after the assessment's
    ]
    assert analysis.problems[-1].status is ProblemStatus.HISTORICAL


def test_admission_history_sections_are_history_and_denials_are_negations() -> None:
    analysis = own("admission_hp.txt")
    assert {"copd", "hypertension", "cholecystectomy 2012"} <= historical(analysis, "past")
    assert {"mi at 55", "breast cancer"} <= historical(analysis, "family")
    assert {"chest pain", "hemoptysis", "leg swelling", "prior intubations"} <= negated(analysis)
    assert "breast cancer" not in " ".join(problem_texts(analysis)).lower()


def test_admission_labs_are_flagged_by_range_or_by_h_marker() -> None:
    labs = {lab.name: lab for lab in own("admission_hp.txt").labs}
    assert labs["Potassium"].flag is LabFlag.LOW
    assert labs["Potassium"].reference_range == "3.5-5.1"
    assert labs["WBC"].flag is LabFlag.HIGH
    assert (labs["Creatinine"].value, labs["Creatinine"].flag) == (1.4, LabFlag.HIGH)
    assert labs["Sodium"].flag is None  # no range stated, no marker
    assert len([lab for lab in labs.values() if lab.name == "Potassium"]) == 1


def test_progress_note_is_typed_by_its_title_and_hospital_day() -> None:
    analysis = own("progress_note.txt")
    assert analysis.note_type.value == "progress"
    assert analysis.encounter_date is not None
    assert analysis.encounter_date.value == date(2025, 3, 16)
    assert section_names(analysis)[1:] == [
        "subjective",
        "objective",
        "results",
        "assessment_and_plan",
        "disposition",
        "signature",
    ]


def test_progress_note_reads_tmax_and_current_temperature() -> None:
    temperatures = [
        v.value for v in own("progress_note.txt").vitals if v.kind is VitalKind.TEMPERATURE
    ]
    assert temperatures == [37.9, 37.1]


def test_progress_note_changes_resumes_and_continues_drugs() -> None:
    analysis = own("progress_note.txt")
    assert medication(analysis, "ceftriaxone").status is MedicationStatus.CONTINUED
    assert medication(analysis, "azithromycin").status is MedicationStatus.CHANGED
    prednisone = medication(analysis, "prednisone")
    assert (prednisone.status, prednisone.dose) == ("changed", "20 mg")
    assert medication(analysis, "lisinopril").status is MedicationStatus.RESUMED


def test_progress_note_marks_resolved_problems() -> None:
    statuses = {p.text: p.status for p in own("progress_note.txt").problems}
    assert statuses == {
        "Community-acquired pneumonia": ProblemStatus.ACTIVE,
        "COPD exacerbation": ProblemStatus.ACTIVE,
        "AKI": ProblemStatus.RESOLVED,
        "Hypokalemia": ProblemStatus.RESOLVED,
    }


def test_discharge_summary_is_dated_by_discharge_and_lists_discharge_diagnoses() -> None:
    analysis = own("discharge_summary.txt")
    assert analysis.note_type.value == "discharge"
    assert analysis.encounter_date is not None
    assert (analysis.encounter_date.value, analysis.encounter_date.label) == (
        date(2025, 3, 17),
        "Discharge Date",
    )
    statuses = {p.text: p.status for p in analysis.problems}
    assert statuses == {
        "Community-acquired pneumonia": ProblemStatus.ACTIVE,
        "Acute hypoxic respiratory failure": ProblemStatus.RESOLVED,
        "COPD exacerbation": ProblemStatus.ACTIVE,
        "Acute kidney injury": ProblemStatus.RESOLVED,
        "Type 2 diabetes mellitus": ProblemStatus.ACTIVE,
    }


def test_discharge_medication_headings_set_started_changed_continued_stopped() -> None:
    analysis = own("discharge_summary.txt")
    expected = {
        "cefpodoxime": MedicationStatus.STARTED,
        "prednisone": MedicationStatus.STARTED,
        "lisinopril": MedicationStatus.CHANGED,
        "tiotropium": MedicationStatus.CONTINUED,
        "albuterol": MedicationStatus.CONTINUED,
        "metformin": MedicationStatus.CONTINUED,
        "aspirin": MedicationStatus.STOPPED,
    }
    assert {name: medication(analysis, name).status for name in expected} == expected
    lisinopril = medication(analysis, "lisinopril")
    assert lisinopril.dose == "10 mg"  # not the "(previously 20 mg)"
    assert lisinopril.text.startswith("Lisinopril 10 mg PO daily")
    assert "previously" not in medication_names(analysis)


def test_discharge_follow_ups_are_dated_from_the_discharge_day() -> None:
    plans = [(p.kind, p.due) for p in own("discharge_summary.txt").plans]
    assert plans == [
        (PlanKind.FOLLOW_UP, date(2025, 3, 24)),
        (PlanKind.ORDER, date(2025, 4, 28)),
        (PlanKind.REFERRAL, None),
    ]


def test_discharge_no_history_of_heart_failure_is_negated() -> None:
    analysis = own("discharge_summary.txt")
    assert negated(analysis) == {"heart failure"}
    assert analysis.author is not None
    assert analysis.author.name == "Daniel Okafor, MD"
