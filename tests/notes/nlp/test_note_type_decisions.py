"""The note type follows how a clinician decides a document's kind (docs/note-types.md): its own
title or EHR header first, then the setting and structure, then the reason for the visit; each
class written here in several specialties and layouts (EHR headers, dictation, letters,
comma-joined one-line exports), with the look-alikes that are another class."""

import pytest

from carechart.notes.nlp import analyse


def _type(text: str) -> str:
    return analyse(text, client_note_type=None).note_type.value


def _export(*parts: str) -> str:
    """A transcription database's one-line export: headers and text run together by commas."""
    return ",".join(parts)


_CASES: list[tuple[str, str, str]] = [
    # --- procedure: a report of the room the procedure was done in, or of its sections.
    (
        "cath-lab-report",
        "procedure",
        """CARDIAC CATHETERIZATION LABORATORY REPORT
Patient: Doe, John   MRN: 1234
Date of Procedure: 02/11/2025
Indication: Unstable angina.
Findings: 80% stenosis of the proximal RCA.
""",
    ),
    (
        "ep-lab-report",
        "procedure",
        """Mercy Heart Institute
Electrophysiology Lab Report
Date: 05/02/2025
Indication: Symptomatic atrial flutter.
Sedation: Midazolam 2 mg IV and fentanyl 50 mcg IV.
Result: Cavotricuspid isthmus ablation with bidirectional block.
""",
    ),
    (
        "endoscopy-suite-note",
        "procedure",
        """Endoscopy Suite Procedure Note
Date of service: 01/14/2025
Indication: Iron deficiency anemia.
Impression: Non-bleeding gastric ulcer; biopsies taken.
""",
    ),
    (
        "sedation-note",
        "procedure",
        """MODERATE SEDATION NOTE
Date: 03/03/2025
Midazolam 2 mg and fentanyl 50 mcg IV for transesophageal echocardiogram. Tolerated well.
""",
    ),
    (
        "intraoperative-anaesthesia-record",
        "procedure",
        """Intraoperative Anaesthesia Record
Date: 03/03/2025
Propofol induction, sevoflurane maintenance. Extubated in theatre.
""",
    ),
    (
        "operative-export",
        "procedure",
        _export(
            "PREOPERATIVE DIAGNOSIS:,  Symptomatic cholelithiasis.",
            "POSTOPERATIVE DIAGNOSIS:,  Same.",
            "PROCEDURE:,  Laparoscopic cholecystectomy.",
            "ANESTHESIA:,  General endotracheal.",
            "ESTIMATED BLOOD LOSS:,  Minimal.",
            "The fascia was closed and the skin approximated with sutures.",
        ),
    ),
    # --- consult: an opinion asked by another clinician, or an evaluation before an operation.
    (
        "surgeon-preop-h-and-p",
        "consult",
        """LAKEVIEW ORTHOPAEDIC ASSOCIATES
PREOPERATIVE HISTORY AND PHYSICAL
DATE OF SERVICE: 03/02/2025
REFERRING PHYSICIAN: A. Moss, MD
CHIEF COMPLAINT: Right hip pain.
HISTORY OF PRESENT ILLNESS: 68-year-old with end-stage osteoarthritis, planned for arthroplasty.
ASSESSMENT: Right hip osteoarthritis. PLAN: Right total hip arthroplasty on 03/20/2025.
""",
    ),
    (
        "pre-op-h-p-abbreviated",
        "consult",
        """Pre-op H&P - Urology
Date: 07/07/2025
HPI: 70-year-old man with a 3 cm bladder tumour for TURBT.
Plan: Proceed with TURBT on 07/10/2025.
""",
    ),
    (
        "preop-letter-re-line",
        "consult",
        """RIVERSIDE INTERNAL MEDICINE
22 Main Street, Lakeside

June 3, 2025

To: Paul Green, MD
Lakeside Spine Surgery

RE: Preoperative medical evaluation - Mary SMITH (DOB 01/02/1950)

Dear Dr. Green,

I saw Mrs. Smith today before her planned lumbar fusion. She will need her apixaban held
2 days before surgery and post-op day 1 DVT prophylaxis per your protocol. Post-operative
delirium risk is moderate.

Sincerely,
Anna Lee, MD
""",
    ),
    (
        "clearance-letter-subject-line",
        "consult",
        """Subject: Cardiac clearance for cataract surgery
Dear Dr. Osei,
Mr. Brown was seen in the cardiology clinic today. His post-operative course after his 2019
bypass was uneventful; he may proceed with cataract surgery at low risk.
""",
    ),
    (
        "sent-over-from-pcp",
        "consult",
        """Valley Dermatology
Clinic visit
Jane Roe, 54 F. Sent over from her PCP's office today for a changing mole on the back.
HPI: Pigmented lesion enlarging over 3 months.
Procedure: Shave biopsy of the lesion, sent to pathology.
Plan: Results in 1 week.
""",
    ),
    (
        "sent-by-oncologist-export",
        "consult",
        _export(
            "CHIEF COMPLAINT:,  Shortness of breath.",
            "HISTORY OF PRESENT ILLNESS:,  The patient was sent by her oncologist for dyspnea"
            " on exertion after chemotherapy.",
            "ASSESSMENT:,  Possible pneumonitis.",
            "PLAN:,  CT chest.",
        ),
    ),
    (
        "at-your-request-letter",
        "consult",
        """Dear Dr. Hall,
I saw your patient Mr. King in the neurology clinic today at your request because of tremor.
Examination shows a bilateral postural tremor. Impression: essential tremor. I have started
propranolol 10 mg twice daily.
Yours sincerely,
R. Patel, MD
""",
    ),
    (
        "pharmacist-referral-reason",
        "consult",
        """Clinical Pharmacy Service
COMPREHENSIVE MEDICATION REVIEW
Date of visit: 07/08/2025
Referral reason: polypharmacy and falls.
Recommendations: stop glyburide; continue amlodipine.
""",
    ),
    (
        "consult-that-schedules-a-procedure",
        "consult",
        """GASTROENTEROLOGY CONSULTATION
Date: 02/02/2025
Reason for consultation: Rectal bleeding.
HPI: 58-year-old with intermittent bright red blood per rectum.
Plan: Colonoscopy scheduled for 02/20/2025 with propofol sedation. Procedure: colonoscopy,
risks explained, consent to be obtained on the day.
""",
    ),
    # --- post_operative: a later visit counted from an operation.
    (
        "weeks-after-operation-letter",
        "post_operative",
        """Dear Dr. Singh,
I saw Mrs. Ali today, three weeks after her laparoscopic appendectomy. The wounds are healed.
She may return to full activity.
Yours sincerely,
K. Brown, FRCS
""",
    ),
    (
        "days-after-knee-replacement-soap",
        "post_operative",
        """S: Seen 10 days after right total knee replacement. Pain controlled, walking with a cane.
O: Incision clean, staples removed.
A: Recovering as expected.
P: Outpatient PT, return 4 weeks.
""",
    ),
    (
        "office-visit-follow-up-after-operation",
        "post_operative",
        """FAMILY MEDICINE - OFFICE VISIT
Date of service: 09/24/2025
REASON FOR VISIT: Follow-up after laparoscopic hysterectomy.
HOSPITAL COURSE: Surgery on 09/08/2025, discharged home on 09/09/2025. Discharge summary
reviewed.
SUBJECTIVE: Mild pelvic pain, no fever.
ASSESSMENT/PLAN: Recovering; stop oxycodone.
""",
    ),
    (
        "clinic-pod-title",
        "post_operative",
        """Harbor Hand Surgery
Post-op day 12 wound check
Date: 04/12/2025
Carpal tunnel release incision healed. Sutures removed.
""",
    ),
    (
        "wks-export",
        "post_operative",
        _export(
            "SUBJECTIVE:,  The patient returns 6 weeks following rotator cuff repair.",
            "OBJECTIVE:,  Forward flexion to 120 degrees.",
            "ASSESSMENT:,  Healing rotator cuff repair.",
            "PLAN:,  Start strengthening.",
        ),
    ),
    # --- progress: a day of a hospital stay, the days after an operation counted on the ward.
    (
        "ward-pod-progress",
        "progress",
        """SICU Progress Note - General Surgery
04/24/2025 06:30   POD #3 s/p sigmoid colectomy
S: Passing flatus. Pain controlled.
O: Abdomen soft, incision clean.
A/P: Advance diet.
""",
    ),
    (
        "surgery-progress-post-op-day",
        "progress",
        """Orthopaedic Surgery Progress Note, Post-op Day 1
Room 512, bed B
S: Pain 5/10. O: Dressing dry. A/P: PT today, discharge tomorrow.
""",
    ),
    (
        "hospital-day-untitled",
        "progress",
        """Hospital day 3.
Overnight events: none.
S: Feels better. O: Afebrile. A/P: Pneumonia improving; continue ceftriaxone.
""",
    ),
    # --- follow_up: an established patient's visit, the visits of a series.
    (
        "postpartum-visit-after-caesarean",
        "follow_up",
        """LAKESIDE WOMEN'S HEALTH
Postpartum Visit
Visit date: 12/15/2025
S: 6 weeks s/p repeat cesarean section. Breastfeeding well.
A: Normal postpartum course. P: Progestin-only pill.
""",
    ),
    (
        "postnatal-check",
        "follow_up",
        """Postnatal check - GP surgery
Date: 03/03/2025
Six weeks after a vaginal delivery; lochia settled. Mood good.
""",
    ),
    (
        "specialty-clinic-note-return",
        "follow_up",
        """Meridian Urology Partners
Urology Clinic Note
Date of Service: 02/10/2026
S: Known BPH, seen 6 months ago; returns on referral from geriatrics about oxybutynin.
A/P: Switch oxybutynin to mirabegron.
""",
    ),
    (
        "seen-today-for-complaint-export",
        "follow_up",
        _export(
            "CHIEF COMPLAINT:, Cough.",
            "  HISTORY OF PRESENT ILLNESS:, The patient is a 70-year-old man with COPD on"
            " tiotropium, seen today 03/18/2025 for a cough for 5 days.",
            "  ASSESSMENT:, COPD exacerbation.",
            "  PLAN:, Prednisone 40 mg for 5 days.",
        ),
    ),
    (
        "follow-up-mentions-past-operation",
        "follow_up",
        """Office Visit
Date of service: 05/05/2025
S: Returns for follow-up of hypertension and diabetes. Had a cholecystectomy in 2015 and a
knee arthroscopy years ago; no problems since.
PSH: Cholecystectomy 2015, right knee arthroscopy 2009.
A/P: Hypertension controlled. Continue lisinopril.
""",
    ),
    # --- other: what nurses, portals and home-care agencies write.
    (
        "portal-message-thread",
        "other",
        """MyHealth Patient Portal - Message Thread
Subject: rash since the new pill
----- Message from patient -----
Thank you for the last visit. I have a rash since starting the antibiotic.
----- Reply -----
Thank you for the message. Please stop the amoxicillin; I sent cetirizine.
""",
    ),
    (
        "home-health-skilled-nursing",
        "other",
        """SUNRISE HOME HEALTH - SKILLED NURSING VISIT NOTE
Visit: 07/22/2025   Type: SN follow-up visit #2
SUBJECTIVE: Pt states she feels steadier.
MEDICATION MANAGEMENT: Pill organizer checked.
ASSESSMENT: Orthostatic hypotension, improving.
""",
    ),
    (
        "home-care-visit",
        "other",
        """Home Care Visit - Visiting Nurse Association
Date: 02/02/2025
Wound dressing changed; sacral ulcer smaller.
""",
    ),
    (
        "hospice-nursing-visit",
        "other",
        """Hospice Nursing Visit Note
Date: 03/03/2025
Pain controlled on morphine. Family coping.
""",
    ),
    (
        "admission-medication-reconciliation",
        "other",
        """Admission Medication Reconciliation
Date: 03/03/2025
Home medications verified with the patient and the pharmacy: lisinopril 10 mg daily.
""",
    ),
    (
        "med-rec-by-nurse",
        "other",
        """Med Rec - Nursing
Date: 03/03/2025
Medication list reviewed; patient no longer takes aspirin.
""",
    ),
    # --- progress: a physician's visit to a facility's resident is a day of a stay there.
    (
        "snf-progress-note",
        "progress",
        """SNF Progress Note
Date: 03/03/2025
Resident seen for the monthly visit. A/P: Continue current plan.
""",
    ),
    (
        "rehab-facility-physician-note",
        "progress",
        """Inpatient Rehabilitation Facility - Physician Progress Note
Date: 03/03/2025
S: Tolerating 3 hours of therapy. A/P: Continue.
""",
    ),
    # --- emergency, discharge, admission: the look-alikes that mention each other.
    (
        "ed-note-mentions-admission",
        "emergency",
        """EMERGENCY DEPARTMENT PROVIDER NOTE
Date of service: 01/01/2025
Chief complaint: Chest pain.
ED course: Troponin negative twice.
Disposition: Admit to medicine for observation; admission orders placed.
""",
    ),
    (
        "discharge-summary-admitting-diagnosis",
        "discharge",
        """DISCHARGE SUMMARY
Admission date: 02/01/2025   Discharge date: 02/04/2025
Admitting diagnosis: Community-acquired pneumonia.
Hospital course: Treated with ceftriaxone, improved.
Discharge medications: Cefpodoxime 200 mg twice daily for 3 days.
""",
    ),
    (
        "ed-untitled-brought-by-ems",
        "emergency",
        """HPI: 60-year-old man brought in by EMS after a fall at home.
MEDICAL DECISION MAKING: CT head negative. Low suspicion for fracture.
Disposition: Discharged home with return precautions.
""",
    ),
    (
        "ed-export-arrived-via-ambulance",
        "emergency",
        _export(
            "CHIEF COMPLAINT:,  Shortness of breath.",
            "HISTORY OF PRESENT ILLNESS:,  The patient arrived via ambulance with wheezing.",
            "ASSESSMENT:,  Asthma exacerbation.",
            "PLAN:,  Albuterol and prednisone, home.",
        ),
    ),
]

# Letters a specialist writes to the referring doctor: the first opinion is a consultation,
# a known patient's review a follow-up, a review counted from an operation post-operative.
_LETTERS: list[tuple[str, str, str]] = [
    (
        "thanks-for-asking-me-to-see",
        "consult",
        """Dear Dr. Brown,
Many thanks for asking me to see this 45-year-old man with chest pain.
Impression: non-cardiac chest pain.
Kind regards, Dr Green
""",
    ),
    (
        "was-referred-with",
        "consult",
        """Dear Colleague,
This 35-year-old woman was referred with recurrent headaches. I saw her today in the clinic.
Impression: migraine without aura.
""",
    ),
    (
        "referred-by-her-primary-care-physician",
        "consult",
        """HPI: Ms. Ray is a 40-year-old woman referred by her primary care physician for evaluation
of abnormal liver tests.
A/P: Hepatitis serologies.
""",
    ),
    (
        "routine-review-letter",
        "follow_up",
        """Dear Dr. Adams,
Re: John Smith
I saw John in the diabetes clinic today for his routine review. His HbA1c is 58.
We will continue insulin glargine.
""",
    ),
    (
        "reviewed-again-letter",
        "follow_up",
        """Dear Dr. Jones,
I reviewed Mrs. Park again in the endocrine clinic today. Her thyroid nodule is unchanged.
Plan: repeat ultrasound in 1 year.
""",
    ),
    (
        "known-patient-past-mastectomy",
        "follow_up",
        """Dear Dr Adams,
I saw Mrs. Chen in clinic today. She had a mastectomy in 2018 and remains well on letrozole.
No evidence of recurrence.
""",
    ),
    (
        "operation-weeks-ago-letter",
        "post_operative",
        """Dear Dr. Adams,
I reviewed John in clinic today following his right hip replacement six weeks ago.
He is walking without aids.
""",
    ),
    (
        "returns-to-clinic-for-month-check",
        "follow_up",
        """HPI: Mr. Lopez returns to clinic for his 3-month diabetes check. A1c 7.1.
A/P: Continue metformin.
""",
    ),
]


# A specialist's clinic note: a first visit sent by another clinician is a consultation, an
# established patient's return a follow-up, whatever the header fields hold.
_FIRST_OR_RETURN: list[tuple[str, str, str]] = [
    (
        "new-patient-referred-by-pcp",
        "consult",
        "CARDIOLOGY\nDate: 03/03/2025\nReason for visit: new patient evaluation of palpitations,"
        " referred by PCP.\nA/P: Holter.",
    ),
    (
        "first-visit-sent-by-pcp",
        "consult",
        "Dermatology Clinic Note\nDate: 03/03/2025\nS: First visit to our clinic, sent by her PCP"
        " for a changing mole.\nA/P: Biopsy.",
    ),
    (
        "referred-from-the-ed",
        "consult",
        "Urology Clinic Note\nDate: 03/03/2025\nS: 40M referred from the emergency department"
        " with a 6 mm ureteral stone.\nA/P: Tamsulosin.",
    ),
    (
        "known-to-clinic-seen-months-ago",
        "follow_up",
        "Dermatology Clinic Note\nDate: 03/03/2025\nS: Known to our clinic with psoriasis, seen 4"
        " months ago; better on methotrexate.\nA/P: Continue.",
    ),
    (
        "originally-referred-now-established",
        "follow_up",
        "Clinic Note\nDate: 03/03/2025\nS: Established patient with gout, originally referred by"
        " her PCP in 2019. Last seen in clinic 3 months ago.\nA/P: Continue allopurinol.",
    ),
    (
        "six-month-follow-up-reason",
        "follow_up",
        "CARDIOLOGY\nDate: 03/03/2025\nReason for visit: 6-month follow-up of atrial"
        " fibrillation.\nA/P: Continue apixaban.",
    ),
]

# Untitled transcription exports: the story's first sentence says why the patient came.
_EXPORTS: list[tuple[str, str, str]] = [
    (
        "comes-in-for-her-conditions",
        "follow_up",
        "SUBJECTIVE:,  This 56-year-old woman comes in today for her hypertension and"
        " hyperlipidemia.,OBJECTIVE:,  Blood pressure 130/80.,ASSESSMENT:,  Hypertension,"
        " controlled.,PLAN:,  Continue lisinopril.",
    ),
    (
        "last-saw-months-ago",
        "follow_up",
        "SUBJECTIVE:,  He is a 60-year-old man who I last saw 2 months ago for gout. He is doing"
        " well.,ASSESSMENT:,  Gout, controlled.,PLAN:,  Continue allopurinol.",
    ),
    (
        "reason-for-visit-recheck",
        "follow_up",
        "REASON FOR VISIT:,  Recheck of asthma.,HISTORY:,  Doing well.,PLAN:,  Continue Advair.",
    ),
    (
        "follow-up-mentions-past-craniotomy",
        "follow_up",
        "CHIEF COMPLAINT:,  Follow up on seizures.,HISTORY OF PRESENT ILLNESS:,  Seizure free on"
        " Keppra. He had a craniotomy in 2010 for a meningioma.,ASSESSMENT:,  Epilepsy.,PLAN:,"
        "  Continue Keppra.",
    ),
    (
        "seen-for-specialty-evaluation",
        "consult",
        "CHIEF COMPLAINT:,  Chest pain.,HISTORY OF PRESENT ILLNESS:,  This is a 60-year-old man"
        " seen for cardiology evaluation of chest pain.,IMPRESSION:,  Atypical chest pain.,"
        "RECOMMENDATIONS:,  Stress test.",
    ),
    (
        "days-postop-from",
        "post_operative",
        "SUBJECTIVE:,  She is 10 days postop from a left breast lumpectomy.,OBJECTIVE:,  Incision"
        " clean.,ASSESSMENT:,  Doing well.,PLAN:,  Return in 6 weeks.",
    ),
    (
        "postoperative-day-on-the-ward",
        "progress",
        "SUBJECTIVE:,  The patient is postoperative day #2 from a total knee arthroplasty. No"
        " events overnight.,OBJECTIVE:,  Vital signs stable.,ASSESSMENT/PLAN:,  Continue PT.",
    ),
    (
        "ed-course-with-sutures",
        "emergency",
        "CHIEF COMPLAINT:,  Laceration.,HISTORY OF PRESENT ILLNESS:,  This 20-year-old comes in"
        " today for his hand laceration.,EMERGENCY DEPARTMENT COURSE:,  Repaired with sutures.,"
        "DISPOSITION:,  Home.",
    ),
]

# Look-alikes in one-line exports: each names another kind of document and keeps its own.
_EXPORTS += [
    (
        "ed-export-admitted-with-admission-diagnosis",
        "emergency",
        "CHIEF COMPLAINT:,  Abdominal pain.,HISTORY OF PRESENT ILLNESS:,  Presented to the"
        " emergency department with RLQ pain.,EMERGENCY DEPARTMENT COURSE:,  CT showed"
        " appendicitis.,DISPOSITION:,  Admitted to general surgery.,ADMISSION DIAGNOSIS:,  Acute"
        " appendicitis.",
    ),
    (
        "discharge-export-with-admitting-diagnosis-and-procedure",
        "discharge",
        "DATE OF ADMISSION:,  01/01/2025,DATE OF DISCHARGE:,  01/05/2025,ADMITTING DIAGNOSIS:,"
        "  Chest pain.,DISCHARGE DIAGNOSIS:,  NSTEMI.,PROCEDURES:,  Cardiac catheterization.,"
        "HOSPITAL COURSE:,  Stented on day 2.,DISCHARGE MEDICATIONS:,  Clopidogrel.",
    ),
    (
        "consult-export-schedules-operation",
        "consult",
        "REASON FOR CONSULTATION:,  Gallstones.,HISTORY:,  Biliary colic.,RECOMMENDATIONS:,"
        "  Laparoscopic cholecystectomy scheduled; procedure, risks and benefits discussed.",
    ),
    (
        "operative-export-plans-postop-visit",
        "procedure",
        "PREOPERATIVE DIAGNOSIS:,  Hernia.,POSTOPERATIVE DIAGNOSIS:,  Same.,PROCEDURE:,  Inguinal"
        " hernia repair with mesh.,ANESTHESIA:,  General.,DISPOSITION:,  Follow-up in clinic 2"
        " weeks postop for wound check.",
    ),
    (
        "h-and-p-export-weeks-after-operation",
        "admission",
        "HISTORY AND PHYSICAL,CHIEF COMPLAINT:,  Fever.,HISTORY OF PRESENT ILLNESS:,  Seen in the"
        " emergency department 2 weeks after his knee replacement with a red knee.,ASSESSMENT"
        " AND PLAN:,  Septic arthritis. Admit for washout.",
    ),
]

# EHR header blocks: the encounter, visit or note type field is the title; a department names
# the kind only when it is an emergency department.
_HEADERS: list[tuple[str, str, str]] = [
    (
        "ed-encounter",
        "emergency",
        "Patient: Doe, Jane   MRN 123\n"
        "Encounter Type: ED\nNote Type: ED Provider Notes\nCC: cough.",
    ),
    (
        "ed-department-progress-notes",
        "emergency",
        "Patient: Doe, Jane   MRN 123\n"
        "Department: Emergency Department\nNote Type: Progress Notes\nCC: abdominal pain.",
    ),
    (
        "progress-note-of-a-patient-boarding-in-the-ed",
        "progress",
        "Hospitalist Progress Note\nLocation: Emergency Department, bay 4 (boarding)\nS: Better."
        "\nA/P: Continue ceftriaxone.",
    ),
    (
        "surgery-department-office-visit",
        "post_operative",
        "Patient: Doe, Jane   MRN 123\n"
        "Encounter Type: Office Visit\nDepartment: General Surgery\nS: 2 weeks s/p lap chole,"
        " doing well.\nA/P: No restrictions.",
    ),
    (
        "surgery-department-consult-schedules-operation",
        "consult",
        "Patient: Doe, Jane   MRN 123\n"
        "Visit Type: Consult\nDepartment: General Surgery\nS: Gallstones.\nPlan: laparoscopic"
        " cholecystectomy scheduled 03/03.",
    ),
    (
        "telephone-about-post-op-day",
        "other",
        "Patient: Doe, Jane   MRN 123\n"
        "Encounter Type: Telephone\nSpoke with patient, post-op day 3 after appendectomy, doing"
        " well.",
    ),
    (
        "hospital-encounter-progress-notes",
        "progress",
        "Patient: Doe, Jane   MRN 123\n"
        "Encounter Type: Hospital Encounter\nNote Type: Progress Notes\nService: Hospital"
        " Medicine\nS: Better.\nA/P: Continue ceftriaxone.",
    ),
    (
        "clinic-progress-notes",
        "follow_up",
        "Patient: Doe, Jane   MRN 123\n"
        "Note Type: Progress Notes\nDepartment: Internal Medicine Clinic\nS: Returns for diabetes"
        " visit.\nA/P: Continue metformin.",
    ),
]


@pytest.mark.parametrize(
    ("expected", "text"),
    [(e, t) for _, e, t in _EXPORTS + _HEADERS + _FIRST_OR_RETURN],
    ids=[i for i, _, _ in _EXPORTS + _HEADERS + _FIRST_OR_RETURN],
)
def test_an_export_or_ehr_header_is_typed_by_its_fields_and_opening(
    expected: str, text: str
) -> None:
    assert _type(text) == expected


@pytest.mark.parametrize(
    ("expected", "text"), [(e, t) for _, e, t in _LETTERS], ids=[i for i, _, _ in _LETTERS]
)
def test_a_letter_or_dictation_is_typed_by_why_the_patient_was_seen(
    expected: str, text: str
) -> None:
    assert _type(text) == expected


@pytest.mark.parametrize(
    ("expected", "text"), [(e, t) for _, e, t in _CASES], ids=[i for i, _, _ in _CASES]
)
def test_a_document_is_typed_as_a_clinician_would_type_it(expected: str, text: str) -> None:
    assert _type(text) == expected


_LETTER_BODY = "\nDate: 03/03/2025\nDear Dr Smith,\nI saw Mr Jones today.\nPlan: Continue.\n"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("RE: Post-operative review", "post_operative"),
        ("Post-operative Review Clinic", "post_operative"),
        ("Wound check - 10 days post laparoscopic appendicectomy", "post_operative"),
        ("Wound check 12 days post-op", "post_operative"),
        ("Hospital follow-up 10 days after discharge", "follow_up"),
        ("Pre-operative Assessment Clinic", "consult"),
        ("Pre-assessment clinic", "consult"),
        ("New patient clinic letter", "consult"),
        ("Follow-up clinic letter", "follow_up"),
        ("Discharge letter", "discharge"),
    ],
)
def test_a_clinic_named_after_its_visit_and_a_letters_title_name_the_visit(
    title: str, expected: str
) -> None:
    assert _type(title + _LETTER_BODY) == expected


@pytest.mark.parametrize(
    "job",
    [
        "She works nights twice a month as an ICU nurse.",
        "He is a telemetry tech at the county hospital.",
        "Works as an inpatient pharmacist; stressful month.",
    ],
)
def test_a_ward_the_patient_works_on_is_no_inpatient_stay(job: str) -> None:
    text = (
        "SUBJECTIVE\n39 y/o F with fatigue for 4 months, sleeping 7-8 h. "
        f"{job}\nOBJECTIVE\nBP 118/74, HR 70.\nASSESSMENT\nFatigue - TSH and CBC.\n"
        "PLAN\nReturn in 6 weeks to review labs."
    )
    assert _type(text) == "follow_up"


def test_a_stay_on_a_ward_is_still_inpatient() -> None:
    text = (
        "SUBJECTIVE\nTransferred from the ICU yesterday, no events overnight.\n"
        "OBJECTIVE\nBP 118/74, HR 70.\nASSESSMENT\nSepsis - improving.\nPLAN\nContinue cefepime."
    )
    assert _type(text) == "progress"


@pytest.mark.parametrize(
    "encounter",
    [
        "Encounter: Preventive Medicine - Established, 18-39 y",
        "Visit: PREVENTIVE MEDICINE SVC, EST PT 40-64 YRS",
    ],
)
def test_a_preventive_medicine_encounter_is_an_annual_physical(encounter: str) -> None:
    text = (
        f"Lakeside Primary Care\n{encounter}\nSUBJECTIVE\nNo complaints. Mood good.\n"
        "OBJECTIVE\nBP 118/74.\nASSESSMENT\nHealthy adult.\nPLAN\nReturn in 1 year."
    )
    assert _type(text) == "annual_physical"


@pytest.mark.parametrize(
    "heading",
    ["ED COURSE AND PROCEDURE", "ED Course and Procedures", "ED COURSE/PROCEDURES"],
)
def test_an_ed_course_with_its_procedures_makes_an_emergency_note(heading: str) -> None:
    text = _export(
        "FACILITY: Lakeside Community Hospital",
        "CHIEF COMPLAINT: Wrist injury.",
        "HPI: 24-year-old man fell onto an outstretched hand 1 hour ago.",
        "IMAGING: X-ray shows a distal radius fracture.",
        f"{heading}: Hematoma block and closed reduction; splint applied.",
        "DIAGNOSES: 1. Distal radius fracture.",
        "DISCHARGE MEDICATIONS: Ibuprofen 600 mg every 6 hours as needed.",
        "DISPOSITION: Home.",
    )
    assert _type(text) == "emergency"
