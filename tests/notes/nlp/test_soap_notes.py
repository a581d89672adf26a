"""The six shared sample SOAP notes, with what a clinician reads in each of them."""

from datetime import date

import pytest

from carechart.notes.nlp import MedicationStatus, PlanKind, ProblemStatus, VitalKind
from tests.notes.nlp.support import (
    active_problems,
    historical,
    medication,
    negated,
    problem_texts,
    section_names,
    soap,
    soap_text,
    vital,
)

SOAP = ["subjective", "objective", "assessment", "plan"]


@pytest.mark.parametrize(
    ("name", "sections"),
    [
        ("soap_01.txt", ["header", *SOAP, "signature"]),
        ("soap_02.txt", ["header", *SOAP, "prescriptions", "signature"]),
        ("soap_03.txt", ["header", *SOAP, "signature"]),
        ("soap_04.txt", ["header", *SOAP, "prescriptions", "signature"]),
        ("soap_05.txt", ["header", *SOAP, "prescriptions", "signature"]),
        ("soap_06.txt", ["header", *SOAP, "signature"]),
    ],
)
def test_each_sample_note_is_cut_into_its_soap_sections(name: str, sections: list[str]) -> None:
    assert section_names(soap(name)) == sections


def test_section_spans_start_at_their_markers_whether_text_follows_or_not() -> None:
    text = soap_text("soap_02.txt")
    sections = soap("soap_02.txt").sections
    subjective, objective, signature = sections[1], sections[2], sections[-1]
    assert text[subjective.start : subjective.end].startswith("S: Pt returns for follow-up")
    assert text[objective.start : objective.end].startswith("O:\nVitals today:")
    assert (objective.heading, signature.heading) == ("O", "Signed")
    assert (
        text[signature.start : signature.end] == "Signed:\nDr. Mark Reynolds, MD\nInternal Medicine"
    )


@pytest.mark.parametrize(
    ("name", "note_type"),
    [
        ("soap_01.txt", "annual_physical"),
        ("soap_02.txt", "follow_up"),
        ("soap_03.txt", "immunization"),
        ("soap_04.txt", "follow_up"),
        ("soap_05.txt", "post_operative"),
        ("soap_06.txt", "physical_therapy"),
    ],
)
def test_each_sample_note_gets_the_visit_type_of_the_readme(name: str, note_type: str) -> None:
    result = soap(name).note_type
    assert result.value == note_type
    assert result.source == "classifier"
    assert result.confidence >= 0.6
    assert result.cues


@pytest.mark.parametrize(
    ("name", "encounter"),
    [
        ("soap_01.txt", date(2023, 10, 26)),
        ("soap_02.txt", date(2024, 3, 15)),
        ("soap_03.txt", date(2023, 11, 23)),
        ("soap_04.txt", date(2024, 5, 10)),
        ("soap_05.txt", date(2023, 12, 28)),
        ("soap_06.txt", date(2024, 6, 20)),
    ],
)
def test_each_sample_note_is_dated_from_its_header_never_from_a_birth_date(
    name: str, encounter: date
) -> None:
    found = soap(name).encounter_date
    assert found is not None
    assert found.value == encounter
    assert found.label == "Encounter Date"
    assert found.text == encounter.isoformat()


@pytest.mark.parametrize(
    ("name", "author", "specialty"),
    [
        ("soap_01.txt", "Dr. Mark Reynolds, MD", "Internal Medicine"),
        ("soap_03.txt", "Dr. Anna Lee, MD", "Family Medicine"),
        ("soap_05.txt", "Dr. Sarah Martinez, MD", "Orthopedic Surgery"),
        ("soap_06.txt", "Alex Carter, PT, DPT", "Physical Therapist"),
    ],
)
def test_the_signature_block_names_the_author(name: str, author: str, specialty: str) -> None:
    found = soap(name).author
    assert found is not None
    assert (found.name, found.specialty) == (author, specialty)


def test_annual_physical_vitals_are_normalised_and_keep_the_original_units() -> None:
    analysis = soap("soap_01.txt")
    bp = vital(analysis, VitalKind.BLOOD_PRESSURE)
    assert (bp.systolic, bp.diastolic, bp.unit) == (128, 82, "mmHg")
    assert (vital(analysis, VitalKind.HEART_RATE).value, "bpm") == (72, "bpm")
    assert vital(analysis, VitalKind.RESPIRATORY_RATE).value == 16
    temperature = vital(analysis, VitalKind.TEMPERATURE)
    assert (temperature.value, temperature.unit) == (36.8, "°C")
    assert (temperature.original_value, temperature.original_unit) == (98.2, "°F")
    height = vital(analysis, VitalKind.HEIGHT)
    assert (height.value, height.unit, height.original_value) == (177.8, "cm", 70)
    weight = vital(analysis, VitalKind.WEIGHT)
    assert (weight.value, weight.unit, weight.original_value) == (87.1, "kg", 192)
    assert vital(analysis, VitalKind.BMI).value == 27.5


def test_annual_physical_prescribes_nothing_but_records_the_flu_shot_given() -> None:
    analysis = soap("soap_01.txt")
    assert analysis.medications == []
    # "No Rx prescribed" in the plan says what was not done: no finding is denied.
    assert "rx" not in negated(analysis)
    [flu] = analysis.immunizations
    assert (flu.name, flu.status) == ("influenza vaccine", "administered")


def test_family_history_of_hyperlipidemia_is_not_the_patients_problem() -> None:
    analysis = soap("soap_01.txt")
    # The visit's reason ("Adult annual health exam") is no problem of the patient.
    assert problem_texts(analysis) == ["overweight"]
    assert not any("hyperlipidemia" in p.lower() for p in problem_texts(analysis))
    assert {"hyperlipidemia", "elevated cholesterol (dad)"} <= historical(analysis, "family")


def test_possible_overweight_is_a_hedged_problem() -> None:
    [overweight] = [p for p in soap("soap_01.txt").problems if "overweight" in p.text]
    assert overweight.uncertain
    assert overweight.status is ProblemStatus.ACTIVE


def test_denied_chest_pain_is_a_negated_finding_never_an_active_problem() -> None:
    analysis = soap("soap_01.txt")
    assert {"chest pain", "sob", "ha", "dizziness"} <= negated(analysis)
    # "Denies tobacco use" is the social history's habit, not a finding denied.
    assert "tobacco use" not in negated(analysis)
    problems = " ".join(problem_texts(analysis)).lower()
    assert "chest pain" not in problems
    assert "dizziness" not in problems


def test_annual_physical_follow_up_is_due_five_months_after_the_visit() -> None:
    [follow_up] = [p for p in soap("soap_01.txt").plans if p.kind is PlanKind.FOLLOW_UP]
    assert follow_up.due == date(2024, 3, 26)
    assert follow_up.due_text == "in approx. 5 months"


def test_lipid_follow_up_starts_atorvastatin_with_its_full_sig() -> None:
    analysis = soap("soap_02.txt")
    atorvastatin = medication(analysis, "atorvastatin")
    assert atorvastatin.status is MedicationStatus.STARTED
    assert (atorvastatin.dose, atorvastatin.route, atorvastatin.frequency) == ("20 mg", "PO", "qHS")
    assert len(atorvastatin.mentions) == 2  # the plan and the prescription
    assert [m.name for m in analysis.medications] == ["atorvastatin"]


def test_lipid_results_are_flagged_against_the_ranges_the_note_states() -> None:
    labs = {lab.name: lab for lab in soap("soap_02.txt").labs}
    assert set(labs) == {"LDL", "HDL", "Triglycerides"}
    assert (labs["LDL"].value, labs["LDL"].unit, labs["LDL"].flag) == (165, "mg/dL", "high")
    assert labs["LDL"].reference_range == "<100"
    assert (labs["HDL"].value, labs["HDL"].flag, labs["HDL"].reference_low) == (38, "low", 40)
    assert (labs["Triglycerides"].value, labs["Triglycerides"].flag) == (145, "normal")


def test_lipid_follow_up_problems_and_plans() -> None:
    analysis = soap("soap_02.txt")
    assert problem_texts(analysis)[:2] == ["Hyperlipidemia", "Overweight status"]
    assert {"chest discomfort", "palpitations", "orthopnea", "pnd"} <= negated(analysis)
    due = {p.kind: p.due for p in analysis.plans if p.due}
    assert due == {PlanKind.ORDER: date(2024, 6, 15), PlanKind.FOLLOW_UP: date(2024, 6, 15)}
    weight = vital(analysis, VitalKind.WEIGHT)
    assert (weight.text, weight.value) == ("Weight stable at 192 lbs", 87.1)


def test_flu_shot_visit_records_the_vaccine_and_no_prescription() -> None:
    analysis = soap("soap_03.txt")
    assert analysis.medications == []
    assert analysis.vitals == []  # "Vitals stable, afebrile" has no numbers
    [flu] = analysis.immunizations
    assert (flu.name, flu.status, flu.route, flu.site) == (
        "influenza vaccine",
        "administered",
        "IM",
        "left deltoid",
    )
    assert problem_texts(analysis) == []  # a vaccination is no problem


def test_no_history_of_vaccine_reactions_is_a_negation_not_an_allergy() -> None:
    analysis = soap("soap_03.txt")
    assert "allergic reactions to vaccines" in negated(analysis)
    assert {"fever", "chills", "cough", "fatigue", "muscle aches"} <= negated(analysis)
    assert analysis.allergies == []
    assert not analysis.no_known_allergies


def test_allergy_follow_up_starts_fluticasone_and_switches_to_cetirizine() -> None:
    analysis = soap("soap_04.txt")
    fluticasone = medication(analysis, "fluticasone")
    assert fluticasone.status is MedicationStatus.STARTED
    assert (fluticasone.dose, fluticasone.route, fluticasone.frequency) == (
        "2 sprays",
        "nasal",
        "daily",
    )
    cetirizine = medication(analysis, "cetirizine")
    assert cetirizine.status is MedicationStatus.STARTED  # "change antihistamine to cetirizine"
    assert (cetirizine.dose, cetirizine.route, cetirizine.frequency) == ("10 mg", "PO", "daily")
    assert cetirizine.prn  # "Sig: 1 tab PO QD PRN allergy sx"
    loratadine = medication(analysis, "loratadine")
    assert loratadine.status is MedicationStatus.HISTORICAL  # "has tried OTC loratadine"


def test_no_history_of_asthma_is_neither_a_problem_nor_history() -> None:
    analysis = soap("soap_04.txt")
    assert "asthma" in negated(analysis)
    assert problem_texts(analysis) == ["Allergic rhinitis", "Allergic conjunctivitis"]
    assert not any("asthma" in f for f in historical(analysis, "past"))


def test_allergy_follow_up_vitals_and_return_date() -> None:
    analysis = soap("soap_04.txt")
    temperature = vital(analysis, VitalKind.TEMPERATURE)
    assert (temperature.value, temperature.original_value) == (37.1, 98.7)
    assert vital(analysis, VitalKind.BLOOD_PRESSURE).systolic == 122
    [follow_up] = [p for p in analysis.plans if p.kind is PlanKind.FOLLOW_UP]
    assert follow_up.due == date(2024, 6, 7)  # "in 4-6 weeks" counts from the near end


def test_post_operative_visit_continues_ibuprofen_as_needed() -> None:
    analysis = soap("soap_05.txt")
    assert [m.name for m in analysis.medications] == ["ibuprofen"]
    ibuprofen = analysis.medications[0]
    assert ibuprofen.status is MedicationStatus.CONTINUED
    assert (ibuprofen.dose, ibuprofen.route, ibuprofen.frequency, ibuprofen.prn) == (
        "400-600 mg",
        "PO",
        "q6-8h",
        True,
    )
    assert ibuprofen.text.startswith("Continue ibuprofen")


def test_status_post_knee_surgery_is_history_not_an_active_problem() -> None:
    analysis = soap("soap_05.txt")
    # An operation is part of the history, never a problem.
    assert not any("meniscal repair" in p.text for p in analysis.problems)
    assert "arthroscopic surgery of left knee (meniscal repair)" in historical(analysis, "past")
    assert {"fever", "chills", "redness", "swelling", "infection"} <= negated(analysis)
    assert not any("fever" in p.text.lower() for p in active_problems(analysis))


def test_post_operative_visit_refers_to_physical_therapy() -> None:
    analysis = soap("soap_05.txt")
    [referral] = [p for p in analysis.plans if p.kind is PlanKind.REFERRAL]
    assert "physical therapy" in referral.text
    assert referral.due == date(2024, 1, 11)  # "about 2-4 weeks": the near end
    assert vital(analysis, VitalKind.RESPIRATORY_RATE).value == 14
    assert vital(analysis, VitalKind.TEMPERATURE).value == 36.9


def test_physical_therapy_visit_has_no_medication_and_no_active_problem() -> None:
    analysis = soap("soap_06.txt")
    assert analysis.medications == []
    assert analysis.problems == []  # "S/P left knee arthroscopy" is an operation
    assert {"swelling", "warmth", "erythema", "instability"} <= negated(analysis)
    bp = vital(analysis, VitalKind.BLOOD_PRESSURE)
    assert (bp.systolic, bp.diastolic) == (116, 72)
