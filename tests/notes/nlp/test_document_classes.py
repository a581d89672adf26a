"""Note types of the document classes hospitals and clinics produce beyond the common five:
nursing and telephone notes, portal messages, after-visit summaries, pre-anaesthesia and
clearance notes, letters, hospice and nursing-facility notes, dialysis, procedures, infusion,
prenatal and well-child visits, intakes, telehealth and untitled transcription exports."""

import pytest

from carechart.notes.nlp import analyse

_BODY = """
Patient: Doe, Jane    DOB: 01/02/1960    MRN: 123456
Date of service: 03/04/2025

{body}
"""


def _type(title: str, body: str = "Assessment: Hypertension.\nPlan: Continue lisinopril.") -> str:
    return analyse(f"{title}\n{_BODY.format(body=body)}", client_note_type=None).note_type.value


_NURSING_BODY = (
    "Situation: Patient reports increased shortness of breath.\n"
    "Background: Admitted 03/02 with CHF exacerbation.\n"
    "Assessment: SpO2 89% on 2 L.\n"
    "Recommendation: Please evaluate; consider additional diuresis."
)


@pytest.mark.parametrize(
    "title",
    [
        "SBAR Communication",
        "sbar note - 4 West",
        "Nursing Progress Note",
        "NURSING SHIFT ASSESSMENT",
        "Nurse's Note",
        "RN Handoff Report",
    ],
)
def test_nursing_notes_and_sbar_are_other(title: str) -> None:
    assert _type(title, _NURSING_BODY) == "other"


def test_a_nursing_admission_assessment_is_an_admission() -> None:
    # LABELLING.md, "Document kinds and their note type": a nurse's admission assessment records
    # the patient's arrival on the ward.
    assert _type("Nursing Admission Assessment", _NURSING_BODY) == "admission"


@pytest.mark.parametrize(
    "title",
    [
        "TELEPHONE ENCOUNTER",
        "Telephone Note",
        "Phone call - results",
        "Post-op phone call",
        "Telephone triage",
        "Patient Portal Message",
        "MyChart message - refill question",
        "Secure message from patient",
    ],
)
def test_telephone_encounters_and_portal_messages_are_other(title: str) -> None:
    assert _type(
        title, "Patient called about her blood pressure readings. Advised to continue."
    ) == ("other")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("AFTER VISIT SUMMARY - DISCHARGE INSTRUCTIONS", "discharge"),
        ("Emergency Department Visit Summary", "emergency"),
        ("After Visit Summary", "follow_up"),
        ("Patient Instructions", "follow_up"),
    ],
)
def test_after_visit_summaries_name_the_visit_they_sum_up(title: str, expected: str) -> None:
    assert _type(title, "Take your medicines as listed. Call with fever.") == expected


@pytest.mark.parametrize(
    "title",
    [
        "PRE-ANESTHESIA EVALUATION (Pre-Admission Testing Clinic)",
        "Preanesthesia Assessment",
        "Anesthesia Pre-op Evaluation",
        "Pre-operative Clearance",
        "Preoperative Medical Evaluation",
        "Cardiology clearance letter",
        "Pre-procedure evaluation [Endoscopy Suite]",
    ],
)
def test_pre_anaesthesia_and_clearance_notes_are_consults(title: str) -> None:
    body = "Planned procedure: right total hip arthroplasty.\nAssessment: ASA II. Acceptable risk."
    assert _type(title, body) == "consult"


def test_a_letter_thanking_for_a_referral_is_a_consult() -> None:
    letter = (
        "Dear Dr. Patel,\n\nThank you for referring Mrs. Doe, whom I saw today for evaluation of "
        "chronic cough.\n\nAssessment: Cough variant asthma.\nPlan: Start budesonide inhaler.\n"
    )
    assert analyse(letter, client_note_type=None).note_type.value == "consult"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Hospice Admission", "admission"),
        ("HOSPICE INITIAL CERTIFICATION", "admission"),
        ("Certification of Terminal Illness", "admission"),
        ("Hospice Recertification", "other"),
        ("SNF Admission Note", "admission"),
        ("Nursing home admission H&P", "admission"),
    ],
)
def test_hospice_and_facility_admissions(title: str, expected: str) -> None:
    assert _type(title) == expected


@pytest.mark.parametrize(
    "title",
    [
        "SNF Monthly Physician Visit - Room 212",
        "Nursing Facility Progress Note, Bed B",
        "Long-term care monthly visit (Room 14)",
    ],
)
def test_nursing_facility_monthly_notes_are_progress_notes_of_the_stay(title: str) -> None:
    assert _type(title) == "progress"


@pytest.mark.parametrize(
    "title",
    [
        "MONTHLY NEPHROLOGY ROUNDING NOTE",
        "Hemodialysis Rounding Note - Chair 14",
        "HD UNIT - PHYSICIAN CHAIRSIDE NOTE",
        "Peritoneal dialysis visit",
        "Dialysis Progress Note",
    ],
)
def test_outpatient_dialysis_notes_are_follow_ups(title: str) -> None:
    body = "S: Feels well on HD.\nO: Pre-HD BP 150/80.\nA: ESRD.\nP: Continue sevelamer."
    assert _type(f"Lakeview Kidney Care\n{title}", body) == "follow_up"


def test_a_dialysis_note_of_a_hospital_stay_is_a_progress_note() -> None:
    body = "Inpatient hemodialysis, MICU bed 4.\nA: AKI on CKD.\nP: HD today, UF 2 L."
    assert _type("Dialysis Rounding Note", body) == "progress"


@pytest.mark.parametrize(
    "title",
    [
        "IR Procedure Note",
        "Interventional Radiology - Right Nephrostomy Tube Placement",
        "Bedside Procedure Note: Paracentesis",
        "PICC Line Placement",
        "Cardiac Catheterization Report",
        "Left Heart Cath",
        "Bronchoscopy Report",
        "EGD REPORT",
        "Colonoscopy",
        "Chest tube placement",
    ],
)
def test_procedure_and_endoscopy_reports_are_procedures(title: str) -> None:
    body = "Indication: effusion.\nFindings: as below.\nComplications: none."
    assert _type(title, body) == "procedure"


@pytest.mark.parametrize(
    "title",
    [
        "Urgent Care Visit",
        "URGENT CARE NOTE",
        "ED Provider Note",
        "[Emergency Department Note]",
    ],
)
def test_urgent_care_and_ed_notes_are_emergency(title: str) -> None:
    assert _type(title, "Chief complaint: ankle pain.\nDisposition: home.") == "emergency"


@pytest.mark.parametrize(
    "header",
    [
        "[ED COURSE]",
        "ED Course....",
        "== ED COURSE ==",
        "ED COURSE:",
    ],
)
def test_an_untitled_note_with_a_dotted_or_bracketed_ed_course_is_emergency(header: str) -> None:
    text = (
        "Chief complaint: ankle pain after a fall.\nHPI: Twisted ankle.\n"
        f"{header}\nX-ray negative. Given ibuprofen.\nDisposition: Discharged home.\n"
    )
    assert analyse(text, client_note_type=None).note_type.value == "emergency"


@pytest.mark.parametrize(
    "title",
    [
        "Cycle 6 Day 1 mFOLFOX6",
        "C4D1 Visit",
        "Isotretinoin Monitoring Visit - Month 3",
    ],
)
def test_infusion_cycles_and_monitoring_visits_are_follow_ups(title: str) -> None:
    assert _type(title) == "follow_up"


@pytest.mark.parametrize(
    "title",
    [
        "Infusion Visit / Treatment Note",
        "ONCOLOGY INFUSION NOTE",
        "Chemotherapy Administration Note",
        "Immunotherapy infusion record",
    ],
)
def test_chemotherapy_given_in_clinic_is_a_procedure(title: str) -> None:
    body = "Regimen: CAPOX, Cycle 1 Day 1.\nOxaliplatin 130 mg/m2 IV given over 2 h."
    assert _type(f"Cedar Ridge Cancer Institute\n{title}", body) == "procedure"


@pytest.mark.parametrize(
    "opening",
    [
        "SUBJECTIVE\n72F here to review DEXA. No fractures since.",
        "Subjective: Comes in today to discuss her lab results.",
        "Dear Dr. Achebe,\n\nI saw Ms. Salazar today for follow-up of chronic migraine.",
        "Dear Dr Patel,\nI reviewed Mr. Doe again in clinic today for review of his gout.",
    ],
)
def test_an_untitled_visit_to_review_results_or_a_letter_after_a_visit_is_a_follow_up(
    opening: str,
) -> None:
    text = f"{opening}\n\nAssessment: Osteoporosis.\nPlan: Start alendronate.\n"
    assert analyse(text, client_note_type=None).note_type.value == "follow_up"


@pytest.mark.parametrize(
    "title",
    [
        "NEW OB INTAKE VISIT",
        "Prenatal Visit",
        "Routine OB visit - 28 weeks",
        "Antenatal check",
        "Return OB Visit",
    ],
)
def test_prenatal_visits_are_follow_ups(title: str) -> None:
    assert _type(f"Riverbend Women's Health Associates\n{title}") == "follow_up"


@pytest.mark.parametrize(
    "title",
    [
        "Sunflower Pediatrics - Well Child Check: 2 MONTH",
        "2-month well visit",
        "4 year WCC",
        "Well-Child Visit (12 months)",
        "EPSDT exam",
    ],
)
def test_well_child_visits_are_annual_physicals(title: str) -> None:
    body = "Interval history: feeding well.\nAssessment: Healthy infant.\nPlan: Vaccines today."
    assert _type(title, body) == "annual_physical"


@pytest.mark.parametrize(
    "title",
    [
        "Behavioral Health Intake",
        "Psychiatric Intake Evaluation",
        "Initial intake assessment",
    ],
)
def test_behavioural_health_intakes_are_consults(title: str) -> None:
    assert _type(title) == "consult"


@pytest.mark.parametrize("title", ["Telehealth Visit", "Video Visit", "Virtual visit note"])
def test_telehealth_visits_are_follow_ups(title: str) -> None:
    assert _type(title) == "follow_up"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "INTERFACILITY TRANSFER / CONTINUITY OF CARE FORM"
            " - HOSPITAL TO SKILLED NURSING FACILITY",
            "discharge",
        ),
        ("Transfer Summary", "discharge"),
        ("Hospital to Inpatient Rehab Transfer Form", "discharge"),
        ("INTERFACILITY TRANSFER FORM", "other"),
    ],
)
def test_a_hospital_transfer_to_a_facility_ends_the_stay(title: str, expected: str) -> None:
    assert _type(title, "Reason for transfer: rehabilitation.") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "CHIEF COMPLAINT:,  Cycle 6 day 1 FOLFOX.,HISTORY OF PRESENT ILLNESS:,  The patient "
            "returns for cycle 6 of adjuvant FOLFOX.  Mild neuropathy.,ASSESSMENT:,  Colon cancer.",
            "follow_up",
        ),
        (
            "CHIEF COMPLAINT:,  Sneezing.,HISTORY OF PRESENT ILLNESS:,  This 27-year-old woman is "
            "referred to allergy clinic for nasal congestion.,ASSESSMENT:,  Allergic rhinitis.",
            "consult",
        ),
        (
            "HISTORY OF PRESENT ILLNESS:,  She is referred to the sleep medicine clinic for "
            "snoring.,IMPRESSION:,  Suspected sleep apnea.",
            "consult",
        ),
        (
            "SUBJECTIVE:,  Here for her routine prenatal visit at 30 weeks.,ASSESSMENT:,  IUP.",
            "follow_up",
        ),
    ],
)
def test_untitled_transcription_exports_are_typed_by_their_opening(
    text: str, expected: str
) -> None:
    assert analyse(text, client_note_type=None).note_type.value == expected
