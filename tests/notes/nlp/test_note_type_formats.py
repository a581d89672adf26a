"""Titles and formats the title reader learnt from holdout5 (docs/note-types.md, "Changes:
formats and settings"): transfers inside a hospital, EMS run reports, long-term care reviews,
discharge medication reconciliations, dental examinations, C-CDA summaries, telehealth visits,
sick visits, scanned titles and letters of a known patient. Each class in several wordings
written for these tests, with the look-alikes that keep their own type."""

import pytest

from carechart.notes.nlp import analyse


def _type(text: str) -> str:
    return analyse(text, client_note_type=None).note_type.value


_PATIENT = "Patient: Test Person    MRN 000111    DOB 01/02/1950\n"
_WARD_BODY = """
Reason for transfer: rising oxygen needs, now on high-flow nasal cannula 40 L.

Course: admitted two days ago with influenza pneumonia, started on oseltamivir. Worse overnight.

Exam: RR 30, SpO2 90% on HFNC. Crackles at both bases.

Plan: ICU team to assume care; continue oseltamivir; repeat gas in 2 hours.
"""


@pytest.mark.parametrize(
    "title",
    [
        "SURGERY -> SICU TRANSFER NOTE",
        "Medical ICU Transfer Note (from 6 West)",
        "CCU transfer out / step-down note",
        "Transfer Summary to Telemetry (5 North)",
        "Transfer note to the ICU",
        "ICU TRANSFER OUT NOTE (MICU -> Intermediate Care)",
    ],
)
def test_a_transfer_between_units_of_a_hospital_is_a_day_of_the_stay(title: str) -> None:
    assert _type(f"Lakeside General Hospital\n{title}\n\n{_PATIENT}{_WARD_BODY}") == "progress"


@pytest.mark.parametrize(
    "title",
    [
        "INTER-HOSPITAL TRANSFER SUMMARY",
        "Transfer Summary",
        "Hospital to Skilled Nursing Facility Transfer Summary",
        "Interfacility Transfer / Continuity of Care Form - Hospital to SNF",
        "MICU to outside hospital transfer summary",
        "ICU transfer summary to another acute care facility",
    ],
)
def test_a_transfer_out_of_the_hospital_still_ends_the_stay(title: str) -> None:
    assert _type(f"Lakeside General Hospital\n{title}\n\n{_PATIENT}{_WARD_BODY}") == "discharge"


_RUN = """Incident date: 04/04/2026   Dispatched 10:01   On scene 10:09   At hospital 10:33
Pt: 70 F. Chief complaint: fall with hip pain.
NARRATIVE: Found on kitchen floor, alert, L leg shortened and rotated. Fentanyl 50 mcg IN.
Vitals 10:12: BP 150/90, HR 96, RR 18, SpO2 97% RA.
Transported to Mercy ED without incident; report given to charge RN.
"""


@pytest.mark.parametrize(
    "title",
    [
        "NORTH COUNTY EMS - PATIENT CARE REPORT",
        "Harbor Fire Department  * ePCR *  Run # 26-1188",
        "Ambulance run sheet",
        "Prehospital Care Report (Medic 3)",
        "EMS Run Report",
    ],
)
def test_an_ems_report_is_an_emergency(title: str) -> None:
    assert _type(f"{title}\n{_RUN}") == "emergency"


def test_a_pcr_test_result_is_no_ems_report() -> None:
    text = f"""Valley Clinic
Laboratory Results

{_PATIENT}
COVID-19 PCR: not detected. Influenza A/B PCR: not detected.
"""
    assert _type(text) == "other"


_REVIEW = """Resident: Test Person     Room 12-A     DOB 01/02/1934
Date of visit: 02/02/2026     Attending: A. Doctor, MD

Nursing report: eating 60% of meals, no falls, one night of poor sleep.
Vitals: BP 118/64, HR 70, Temp 36.5.
Exam: frail, pleasant, oriented to person. Lungs clear.
A/P: Dementia, stable - continue donepezil 10 mg nightly. Weight check monthly.
"""


@pytest.mark.parametrize(
    "title",
    [
        "Physician Monthly Review",
        "LTC PHYSICIAN MONTHLY REVIEW",
        "Long-term care review / regulatory visit",
        "Nursing Home Monthly Review",
        "Provider monthly visit",
    ],
)
def test_a_physicians_review_of_a_care_home_resident_is_progress(title: str) -> None:
    assert _type(f"Birchwood Care Centre\n{title}\n\n{_REVIEW}") == "progress"


_MED_REC = """
Admit date: 03/01/2026     Discharge date: 03/05/2026
Reconciled by: A. Pharmacist, PharmD
Home medication         Hospital        Discharge
lisinopril 10 mg daily  held            resume
apixaban 5 mg BID       new             continue
"""


@pytest.mark.parametrize(
    "title",
    [
        "DISCHARGE MEDICATION RECONCILIATION FORM",
        "Medication Reconciliation - Transition of Care (Hospital -> Skilled Nursing Facility)",
        "Discharge Med Rec",
        "Medication Reconciliation - Acute Care -> Inpatient Rehab",
    ],
)
def test_a_reconciliation_at_discharge_is_a_discharge(title: str) -> None:
    assert _type(f"Riverside Hospital - Pharmacy\n{title}\n\n{_PATIENT}{_MED_REC}") == "discharge"


def test_a_clinic_medication_review_stays_other() -> None:
    text = f"""Riverside Family Practice
Medication Reconciliation

{_PATIENT}
Reviewed the pill bottles with the patient. Lisinopril 10 mg daily, metformin 500 mg BID.
No changes today.
"""
    assert _type(text) == "other"


_DENTAL = """
Patient: Test Person    DOB 01/02/1970
CC: "my lower left molar hurts when I chew" for one week.
Medical history reviewed: hypertension on amlodipine.
Exam: #19 deep distal caries, percussion tender. PA radiograph: periapical radiolucency.
Dx: symptomatic apical periodontitis #19. Plan: refer to endodontist for consult; ibuprofen.
"""


@pytest.mark.parametrize(
    "title",
    [
        "LIMITED / EMERGENCY EXAMINATION (D0140)",
        "Periodic Oral Evaluation - D0120",
        "Dental Exam",
        "Comprehensive oral evaluation",
    ],
)
def test_a_dental_examination_is_other(title: str) -> None:
    assert _type(f"Maple Street Dental\n{title}\n{_DENTAL}") == "other"


def test_an_oral_surgery_procedure_note_stays_a_procedure() -> None:
    text = """Maple Oral & Maxillofacial Surgery
Surgical Procedure Note

Procedure: extraction of #32. Anesthesia: local, 2% lidocaine with epinephrine.
EBL: 5 mL. Complications: none. Specimens: none.
"""
    assert _type(text) == "procedure"


_CCD_OFFICE = """(C-CDA rendered by the HIE viewer)

Patient: Test Person   Birth date: 01/02/1980
Encounter date: 05/05/2025   Encounter type: Office Visit - Established Patient

Reason for Visit
Migraine follow-up; fewer headaches on the new preventive

Problems
Migraine without aura - active

Plan of Treatment
Continue topiramate 50 mg twice daily. Return in 4 months.
"""


@pytest.mark.parametrize(
    "title",
    [
        "Summary of Care - Ambulatory Encounter",
        "Continuity of Care Document",
        "CCD - Clinical Summary",
    ],
)
def test_a_ccda_summary_of_an_office_visit_is_a_follow_up(title: str) -> None:
    assert _type(f"{title}\n{_CCD_OFFICE}") == "follow_up"


def test_a_ccda_discharge_summary_stays_a_discharge() -> None:
    text = """Continuity of Care Document
Discharge Summary (C-CDA R2.1)

Admission date: 02/02/2026   Discharge date: 02/06/2026
Hospital Course
Treated for cellulitis with cefazolin, switched to cephalexin.
Discharge Medications
cephalexin 500 mg four times daily for 5 days
"""
    assert _type(text) == "discharge"


_VIDEO = """Visit date: 03/03/2026
Patient located at home; clinician in clinic. Audio and video. Verbal consent.

S: Weights stable on the home scale. Breathing better. Takes all medicines.
O: Video: comfortable, speaks full sentences. Home BP 112/70.
A/P: Heart failure, improving. Call if weight gain > 1 kg overnight or 2 kg in a week.
Return in 6 weeks.
"""


@pytest.mark.parametrize(
    "title",
    [
        "Cardiology Clinic - TELEHEALTH (VIDEO)",
        "Video Visit",
        "Virtual visit note",
        "Telemedicine encounter",
    ],
)
def test_a_video_visit_is_never_a_ward_day(title: str) -> None:
    assert _type(f"{title}\n{_VIDEO}") == "follow_up"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("FOLLOW - UP  VISIT", "follow_up"),
        ("Follow - up visit", "follow_up"),
        ("POST - OP CHECK", "post_operative"),
    ],
)
def test_a_scanned_title_with_spaced_hyphens_is_read(title: str, expected: str) -> None:
    text = f"""  VALLEY  ORTHOPAEDICS            Page 1 of 1

  PATIENT:  PERSON , TEST        DOB: 01/02/1960

  {title}

  Knee feels better , walking a mile . No fever .

  EXAM :  incision healing , no effusion .
  PLAN :  home exercises ; return in 6 weeks .
"""
    assert _type(text) == expected


@pytest.mark.parametrize(
    "opening",
    [
        "I reviewed Anna in the thyroid clinic today, three months after she started carbimazole.",
        "I reviewed Mr Osei in our lipid clinic today.",
        "We reviewed Jonah in the diabetes clinic this morning.",
    ],
)
def test_a_letter_reviewing_a_known_patient_is_a_follow_up(opening: str) -> None:
    text = f"""Hillside Endocrine Clinic
2 Park Road

10 March 2026

Dr. A. General
Harbour Practice

Dear Dr. General,

Re: Test Person, DOB 01/02/1990

{opening}

She feels well and her pulse is 76. Continue the current dose; bloods in 6 weeks.

Yours sincerely,
Dr. B. Specialist
"""
    assert _type(text) == "follow_up"


def test_a_letter_about_a_referred_patient_stays_a_consult() -> None:
    text = """Hillside Endocrine Clinic

Dear Dr. General,

Re: Test Person, DOB 01/02/1990

Thank you for referring this lady with a low TSH. I saw her in the thyroid clinic today.

Yours sincerely,
Dr. B. Specialist
"""
    assert _type(text) == "consult"


@pytest.mark.parametrize(
    "title", ["SICK VISIT", "Acute Visit", "SOAP NOTE - ACUTE VISIT", "Sick child visit"]
)
def test_a_first_visit_for_a_new_illness_is_other(title: str) -> None:
    text = f"""Sunnyside Pediatrics
{title}

CC: cough and fever for 2 days.
HPI: 3 yo with cough, fever to 38.8, drinking well. Sister had a cold.
Exam: T 38.4, clear lungs, R TM bulging.
A/P: Acute otitis media - amoxicillin 90 mg/kg/day for 10 days. Return if not better in 72 h.
"""
    assert _type(text) == "other"


@pytest.mark.parametrize(
    "complaint",
    [
        "ear pain, not better on antibiotics started at urgent care",
        "rash not improving despite the hydrocortisone cream",
        "wheeze with no improvement after 3 days of prednisone",
    ],
)
def test_a_sick_visit_for_an_illness_already_treated_is_a_follow_up(complaint: str) -> None:
    text = f"""Sunnyside Pediatrics - Sick Visit
SOAP NOTE

S: CC: {complaint}.
O: T 38.1, HR 120. Exam as below.
A: Treatment failure. P: change treatment; recheck in 1 week.
"""
    assert _type(text) == "follow_up"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Advanced Heart Failure Clinic\nDate of visit: 02/02/2026\n\nCC: referred after HF"
            " admission 01/2026. Here for GDMT titration.\nExam: JVP 8 cm.\nPlan: uptitrate"
            " carvedilol. Return in 4 weeks.\n",
            "follow_up",
        ),
        (
            "Heart Failure Clinic\nProgress Note (post-discharge visit)\n\nS: Seen 10 days after"
            " discharge. Feels better.\nA/P: continue furosemide.\n",
            "follow_up",
        ),
        (
            "FJORD HOSPICE\nRN Admission Visit / Initial Comprehensive Assessment\n\nVisit"
            " date: 03/03/2026  Time in 10:00  Time out 11:30\nTerminal diagnosis: lung"
            " cancer.\n",
            "admission",
        ),
    ],
)
def test_other_titles_and_openings(text: str, expected: str) -> None:
    assert _type(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HISTORY AND PHYSICAL\n\nReason for admission: sepsis.\nHPI: fever.\n", "admission"),
        ("HOSPITALIST PROGRESS NOTE\n5 East, Rm 512, HD 3\n\nS: better.\n", "progress"),
        ("Emergency Department Provider Note\n\nCC: chest pain.\n", "emergency"),
        ("DISCHARGE SUMMARY\n\nHospital course: uneventful.\n", "discharge"),
        ("TELEPHONE ENCOUNTER\n\nPt called about a refill.\n", "other"),
        ("Harbor Home Health\nSKILLED NURSING VISIT NOTE\n\nWound dressed.\n", "other"),
        ("Office Visit\n\nReason for visit: follow-up of hypertension.\n", "follow_up"),
    ],
)
def test_types_that_were_right_stay_right(text: str, expected: str) -> None:
    assert _type(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Patient called re: refill of lisinopril. Vaccines discussed briefly. Refill sent.",
        "Refill request for metformin. Shots are up to date. Refill sent to pharmacy.",
        "Telephone encounter about blood pressure readings. Vaccines were reviewed; none due.",
    ],
)
def test_vaccines_only_talked_about_do_not_make_an_immunization_visit(text: str) -> None:
    assert _type(text) != "immunization"


@pytest.mark.parametrize(
    "text",
    [
        "Nurse visit. Vaccines given today: Tdap, influenza.",
        "Reason for visit: Vaccines only.\nTdap and influenza given, lot # 123.",
    ],
)
def test_a_visit_for_vaccines_stays_an_immunization_visit(text: str) -> None:
    assert _type(text) == "immunization"
