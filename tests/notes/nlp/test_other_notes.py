"""Our own notes from other settings: a cardiology consult, a procedure and an immunization."""

from datetime import date

from carechart.notes.nlp import ImmunizationStatus, LabFlag, MedicationStatus, PlanKind
from tests.notes.nlp.support import (
    historical,
    medication,
    medication_names,
    negated,
    own,
    problem_texts,
)


def test_cardiology_consult_is_a_consult_dated_in_words() -> None:
    analysis = own("cardiology_consult.txt")
    assert analysis.note_type.value == "consult"
    assert "Reason for consultation" in analysis.note_type.cues
    assert analysis.encounter_date is not None
    assert analysis.encounter_date.value == date(2025, 4, 2)
    assert analysis.encounter_date.text == "April 2, 2025"
    assert analysis.no_known_allergies
    assert analysis.allergies == []


def test_consult_recommendations_start_change_and_keep_drugs() -> None:
    analysis = own("cardiology_consult.txt")
    metoprolol = medication(analysis, "metoprolol")
    assert (metoprolol.name, metoprolol.status, metoprolol.frequency) == (
        "metoprolol tartrate",
        "started",
        "q6h",
    )
    apixaban = medication(analysis, "apixaban")
    # "Start apixaban ... once cleared by orthopedics": not started yet, proposed.
    assert (apixaban.status, apixaban.dose, apixaban.frequency) == ("proposed", "5 mg", "BID")
    levothyroxine = medication(analysis, "levothyroxine")
    assert (levothyroxine.status, levothyroxine.dose) == ("changed", "50 mcg")
    # On the current medication list and nothing said of it: the patient goes on taking it.
    assert medication(analysis, "amlodipine").status is MedicationStatus.CONTINUED
    assert medication(analysis, "magnesium").dose == "2 g"


def test_not_on_anticoagulation_is_negated_and_family_af_is_family_history() -> None:
    analysis = own("cardiology_consult.txt")
    assert {"anticoagulation", "stroke", "bleeding", "chest pain"} <= negated(analysis)
    assert {"atrial fibrillation", "cabg at 60"} <= historical(analysis, "family")
    assert {"hypertension", "hypothyroidism", "osteoporosis"} <= historical(analysis, "past")
    assert problem_texts(analysis)[0] == "New-onset atrial fibrillation with RVR"


def test_consult_labs_and_plans() -> None:
    analysis = own("cardiology_consult.txt")
    labs = {lab.name: lab for lab in analysis.labs}
    assert labs["Troponin"].flag is LabFlag.NORMAL
    assert labs["TSH"].flag is LabFlag.LOW
    assert labs["BNP"].flag is LabFlag.HIGH
    assert labs["Magnesium"].value == 1.7  # the result, not "Magnesium sulfate 2 g"
    due = [(p.kind, p.due) for p in analysis.plans if p.due]
    assert due == [(PlanKind.ORDER, date(2025, 5, 14)), (PlanKind.FOLLOW_UP, date(2025, 4, 30))]
    assert not any(p.text.startswith("Thank you") for p in analysis.plans)


def test_procedure_note_is_typed_and_dated_by_the_procedure() -> None:
    analysis = own("procedure_note.txt")
    assert analysis.note_type.value == "procedure"
    assert analysis.encounter_date is not None
    assert analysis.encounter_date.value == date(2025, 3, 3)
    confirmed = [p.text for p in analysis.problems if not p.uncertain]
    assert confirmed == ["Cirrhosis with tense ascites"]  # "Same" is no problem
    # The indication's "rule out spontaneous bacterial peritonitis" is a hedged diagnosis.
    hedged = [p.text for p in analysis.problems if p.uncertain]
    assert hedged == ["spontaneous bacterial peritonitis"]
    assert analysis.author is not None
    assert (analysis.author.name, analysis.author.specialty) == (
        "Lena Fischer, MD",
        "Gastroenterology",
    )


def test_procedure_drugs_given_in_the_room_are_given_and_albumin_is_no_drug() -> None:
    analysis = own("procedure_note.txt")
    # Albumin is a blood product (eval/LABELLING.md: not a medication), and a lab name here.
    assert {"lidocaine", "furosemide", "spironolactone"} == medication_names(analysis)
    assert medication(analysis, "lidocaine").status is MedicationStatus.GIVEN
    assert analysis.labs == []
    assert medication(analysis, "furosemide").status is MedicationStatus.CONTINUED
    [follow_up] = [p for p in analysis.plans if p.kind is PlanKind.FOLLOW_UP]
    assert follow_up.due == date(2025, 3, 17)


def test_immunization_visit_records_each_vaccine_with_route_site_and_lot() -> None:
    analysis = own("immunization_note.txt")
    assert analysis.note_type.value == "immunization"
    assert analysis.encounter_date is not None
    assert analysis.encounter_date.value == date(2024, 10, 14)  # "14 October 2024"
    given = {i.name: i for i in analysis.immunizations}
    flu, tdap = given["influenza vaccine"], given["Tdap"]
    assert (flu.status, flu.dose, flu.route, flu.site, flu.lot) == (
        "administered",
        "0.5 mL",
        "IM",
        "right deltoid",
        "UJ734AA",
    )
    assert (tdap.status, tdap.site, tdap.lot) == ("administered", "left deltoid", "A7F3K")
    assert given["COVID-19 vaccine"].status is ImmunizationStatus.DECLINED
    assert given["zoster vaccine"].status is ImmunizationStatus.RECOMMENDED


def test_vaccines_are_not_medications_but_the_antipyretic_is() -> None:
    analysis = own("immunization_note.txt")
    acetaminophen = medication(analysis, "acetaminophen")
    assert (acetaminophen.dose, acetaminophen.prn) == ("500 mg", True)
    assert medication_names(analysis) == {"acetaminophen"}
    assert analysis.no_known_allergies
    assert {"fever", "reaction to vaccines"} <= negated(analysis)
    [follow_up] = [p for p in analysis.plans if p.kind is PlanKind.FOLLOW_UP]
    assert follow_up.due == date(2025, 10, 14)
