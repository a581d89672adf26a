"""Note types as real documents title themselves, and narrative words that must not decide."""

import pytest

from carechart.notes.nlp import analyse

_ED = """MERIDIAN GENERAL HOSPITAL - EMERGENCY DEPARTMENT
Emergency Department Note

Patient: OKONJO, DAVID    MRN: 55120    DOB: 04/11/1979
Arrival: 05/03/2025 21:14

Chief Complaint: Left ankle injury.
HPI: Inverted his ankle playing basketball. No other injury.
ED Course: X-ray negative for fracture. Ibuprofen 600 mg PO given.
Disposition: Discharged home in good condition.
Discharge Medications: Ibuprofen 600 mg PO q6h PRN pain.
"""

_OPERATIVE = """OPERATIVE REPORT
Date of Surgery: 02/14/2025
Preoperative diagnosis: Acute calculous cholecystitis.
Postoperative diagnosis: Same.
Procedure: Laparoscopic cholecystectomy.
Description of procedure: Four ports were placed. The gallbladder was removed.
The fascia at the umbilical port was closed and the skin with 4-0 Monocryl sutures.
Estimated blood loss: 10 mL.
"""

_DISCHARGE = """Discharge Summary
Admission date: 03/01/2025    Discharge date: 03/05/2025
Admitting diagnosis: Community-acquired pneumonia.
Hospital course: Treated with ceftriaxone and azithromycin, then oral antibiotics.
Discharge medications: Amoxicillin-clavulanate 875 mg PO BID for 3 more days.
"""

_RECHECK = """Oakridge Family Practice
SOAP Note
Date of Service: 11/04/2024
S: Here for recheck of blood pressure after starting amlodipine 2 weeks ago. Feels well.
ROS: had a flu vaccine last week with a sore arm; no fever.
O: BP 132/80, HR 70
A: Essential hypertension, improved.
P: Continue amlodipine 5 mg daily. Follow up in 3 months.
"""

_FLU_SHOT = """Oakridge Family Practice
SOAP Note
Date of Service: 10/02/2024
S: Here for her annual influenza vaccine. No fever today.
O: T 36.7 C
A: Need for influenza vaccination.
P: Influenza vaccine 0.5 mL IM left deltoid given. VIS provided.
"""

_HP = """CITY HOSPITAL
HISTORY AND PHYSICAL
Date of Admission: 07/07/2025
Chief Complaint: Chest pain.
History of Present Illness: 61-year-old man with two hours of substernal pressure.
Assessment and Plan: Rule out acute coronary syndrome; admit to telemetry.
"""

_CONSULT = """Consult Note - Endocrinology
Date of Service: 09/09/2025
Reason for consultation: Hyperglycemia on steroids.
Recommendations: Start insulin glargine 10 units nightly.
"""

_POSTOP_VISIT = """Riverbend Surgery Clinic
Post-op visit
Visit date: 02/28/2025
S: Two weeks after laparoscopic cholecystectomy; eating well, incisions healing.
O: Port sites clean, sutures absorbed.
A: Routine postoperative course.
"""

_PHONE = """Telephone Encounter
Call date/time: 04/04/2025 09:10
Patient called asking for a refill of lisinopril. Refill sent.
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (_ED, "emergency"),
        (_OPERATIVE, "procedure"),
        (_DISCHARGE, "discharge"),
        (_RECHECK, "follow_up"),
        (_FLU_SHOT, "immunization"),
        (_HP, "admission"),
        (_CONSULT, "consult"),
        (_POSTOP_VISIT, "post_operative"),
        (_PHONE, "other"),
    ],
)
def test_a_document_is_typed_by_what_it_is_not_by_words_of_its_story(
    text: str, expected: str
) -> None:
    result = analyse(text).note_type
    assert result.value == expected
    assert result.cues


def test_an_ed_note_with_discharge_medications_is_no_discharge_summary() -> None:
    result = analyse(_ED).note_type
    assert result.value == "emergency"
    assert result.cues[0] == "EMERGENCY DEPARTMENT"
    assert result.confidence >= 0.9


def test_an_export_without_a_title_is_typed_by_its_emergency_sections() -> None:
    text = (
        "CHIEF COMPLAINT:,  Cough.,HISTORY OF PRESENT ILLNESS:,  A 30-year-old man who"
        " presented to the emergency department with 3 days of cough.,TRIAGE VITAL SIGNS:,"
        "  Temperature 37.9.,EMERGENCY DEPARTMENT COURSE:,  Chest x-ray clear.,DISPOSITION:,"
        "  Discharged home.,DISCHARGE MEDICATIONS:,  Benzonatate 100 mg TID."
    )
    assert analyse(text).note_type.value == "emergency"


def test_a_vaccine_named_in_the_plan_of_a_letter_makes_no_immunization_visit() -> None:
    text = (
        "Department of Rheumatology\nClinic date: 03/02/2025\n\nDear Dr Shah,\n\n"
        "Thank you for referring this 50-year-old man with inflammatory back pain.\n\n"
        "Impression and plan:\n1. Axial spondyloarthritis.\n"
        "2. Please give the pneumococcal vaccination and the influenza vaccine before a biologic."
    )
    assert analyse(text).note_type.value == "consult"


def test_a_note_that_says_nothing_of_its_kind_is_other_with_no_confidence() -> None:
    result = analyse("Patient seen. Feels fine. Labs reviewed.").note_type
    assert (result.value, result.confidence, result.cues) == ("other", 0.0, [])


def test_a_progress_note_is_an_inpatient_day_only_where_the_hospital_shows() -> None:
    ward = "Progress Note\nSubjective: No overnight events. Hospital day 3, afebrile.\nPlan: IV."
    clinic = "Progress Note\nSubjective: Here for recheck of knee pain.\nPlan: RTC 3 months."
    assert analyse(ward).note_type.value == "progress"
    assert analyse(clinic).note_type.value == "follow_up"


@pytest.mark.parametrize(
    "text",
    [
        "CHIEF COMPLAINT:,  Hoarseness.,HISTORY OF PRESENT ILLNESS:,  The patient is a 58-year-old "
        "teacher referred by Dr. Amsel for evaluation of 3 months of hoarseness.,PLAN:,  "
        "Laryngoscopy.",
        "DERMATOLOGY ASSOCIATES\nClinic Note\nReferred by: Dr. Hanne Vik (PCP)\n\nCC: changing "
        "mole on the back.\nHPI: 44-year-old with a mole that has darkened.\nPLAN: Excision.",
        "HPI: 70-year-old man who is referred to our memory clinic for forgetfulness over a year."
        "\nASSESSMENT: Mild cognitive impairment.",
    ],
)
def test_a_specialist_first_visit_that_names_its_referral_is_a_consult(text: str) -> None:
    assert analyse(text).note_type.value == "consult"


def test_a_referral_placed_in_the_plan_makes_no_consult() -> None:
    text = (
        "Follow-up visit\nHPI: Returns for follow-up of hypertension; home readings 130s/80s.\n"
        "PLAN: Continue lisinopril. Referred to nephrology for the proteinuria. Return in 6 months."
    )
    assert analyse(text).note_type.value == "follow_up"
