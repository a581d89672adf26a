"""Note types of document openings from many specialties and EHRs, none shaped like our own notes.

Each case is the title and first sections of a document as clinics and hospitals write them:
EHR print-outs, ALL-CAPS dictations, transcription exports run together with commas, letters.
The title, then the sections a document is built of, say what it is; words inside its story
(a vaccine in the review of systems, "sutures", an admitting diagnosis quoted in a discharge
summary) must not.
"""

import pytest

from carechart.notes.nlp import analyse

_CASES: list[tuple[str, str, str]] = [
    (
        # An outpatient dialysis unit's notes are visits of a series, not days of a stay
        # (LABELLING: `progress` is an inpatient progress note; the labelled sets agree).
        "dialysis-rounding",
        "follow_up",
        """Lakeside Kidney Center - Unit 3
Dialysis Rounding Note
Patient: Okafor, Chidi   MRN 448120   Chair 14   Date of Service: 03/11/2025
Subjective: Tolerating treatments, no cramping. Missed Saturday session.
Objective: Pre-HD BP 168/92, post 142/80. IDWG 3.4 kg. Access: L AVF good thrill and bruit.
Assessment/Plan: ESRD on HD MWF. Lower dry weight by 0.5 kg. Continue sevelamer with meals.
""",
    ),
    (
        "hemodialysis-progress",
        "follow_up",
        """HEMODIALYSIS PROGRESS NOTE
DATE: 07/02/2024  RUN #: 3 of week  NEPHROLOGIST: R. Banerjee, MD
S: Patient reports fatigue after runs; appetite fair.
O: Pre weight 81.2 kg (EDW 79.0). BP 150/84. Lungs with bibasilar crackles.
A/P: Volume overload. Extend treatment to 4.25 hours. Recheck Kt/V next month.
""",
    ),
    (
        "telehealth-follow-up",
        "follow_up",
        """Telehealth Follow-up (video visit)
Patient consented to a video visit; located at home, provider in clinic.
Date of Service: 02/14/2025
Chief Complaint: Follow-up of hypertension and hyperlipidemia.
HPI: Home BP readings 130s/80s since amlodipine was increased. No chest pain. Had her flu
vaccine at the pharmacy last month.
Assessment: Essential hypertension, controlled. Plan: Continue current regimen, labs in 3 months.
""",
    ),
    (
        "psychiatric-intake",
        "consult",
        """BEHAVIORAL HEALTH ASSOCIATES OF NORTH COUNTY
Psychiatric Intake / Behavioral Health Assessment
Client: J. R.   DOB: 04/04/1990   Date: 05/20/2025   Clinician: M. Ortiz, LCSW
Referral source: primary care physician for depressed mood.
History of Present Illness: 35-year-old man with 6 months of low mood, poor sleep, anhedonia.
Past Psychiatric History: one prior episode in college, treated with sertraline.
Mental Status Exam: Casually dressed, cooperative, mood "down", affect constricted.
""",
    ),
    (
        "initial-prenatal",
        "follow_up",
        """Initial Prenatal Visit
Riverside Women's Care   DOS: 01/08/2025   Provider: K. Mbeki, CNM
G1P0 at 9w2d by LMP, confirmed by dating ultrasound.
HPI: Mild nausea, no bleeding. Taking prenatal vitamins.
Past Medical History: Asthma, mild intermittent.
Exam: BP 112/70. Fundal height not applicable. FHT 162 by doppler.
Plan: Prenatal labs, genetic screening discussed, return in 4 weeks.
""",
    ),
    (
        "routine-ob",
        "follow_up",
        """ROUTINE OB VISIT
DATE OF SERVICE: 06/19/2024
28 WEEKS 3 DAYS. G2P1001.
SUBJECTIVE: GOOD FETAL MOVEMENT. NO CONTRACTIONS, LEAKAGE OF FLUID OR VAGINAL BLEEDING.
OBJECTIVE: BP 118/72. WEIGHT 71 KG. FUNDAL HEIGHT 28 CM. FHR 140S.
ASSESSMENT: INTRAUTERINE PREGNANCY AT 28 WEEKS, UNCOMPLICATED. TDAP VACCINE GIVEN TODAY.
PLAN: 1-HOUR GLUCOSE TOLERANCE TEST TODAY. RETURN IN 2 WEEKS.
""",
    ),
    (
        "well-child",
        "annual_physical",
        """Sunnybrook Pediatrics
Well Child Check - 4 years
Date: 09/03/2025   Accompanied by: mother
Interval History: Doing well, in preschool, eating a varied diet.
Development: Hops on one foot, draws a person with 3 parts.
Immunizations: DTaP, IPV, MMR and varicella given today. VIS provided.
Anticipatory guidance: booster seat, dental visits, screen time.
""",
    ),
    # A first visit for a new illness is no follow-up (LABELLING; holdout5's "SICK VISIT"): the
    # return for one not better on treatment is (tests/notes/nlp/test_note_type_formats.py).
    (
        "sick-visit",
        "other",
        """Sick Visit
Pt: 6 y/o F   DOS 11/21/2024   Hx from mother
CC: ear pain x 2 days, fever to 38.9.
ROS: No vomiting or rash. Immunizations up to date.
Exam: Right TM bulging and erythematous.
A/P: Acute otitis media, right. Amoxicillin 90 mg/kg/day divided BID x 10 days.
""",
    ),
    (
        "pre-anesthesia",
        "consult",
        """PRE-ANESTHESIA EVALUATION
Date: 04/02/2025   Planned procedure: Right total knee arthroplasty   Surgeon: Dr. Lowe
ASA class: III
Airway: Mallampati II, full dentition, good neck extension.
Past Medical History: OSA on CPAP, type 2 diabetes, hypertension.
Prior anesthesia: general anesthesia 2015 without complication.
Plan: Spinal anesthesia with adductor canal block; hold metformin the morning of surgery.
""",
    ),
    (
        "nursing-discharge-instructions",
        "discharge",
        """Nursing Discharge Instructions
Unit: 5 West Orthopedics   Discharge date: 08/14/2025
You were in the hospital for: left hip replacement.
Medications: Take apixaban 2.5 mg twice a day for 35 days. Oxycodone 5 mg every 6 hours as
needed for pain.
Wound care: keep the dressing dry, the staples will be removed at your follow-up visit.
Call your surgeon for fever over 101 F or increasing redness.
""",
    ),
    (
        "discharge-summary-export",
        "discharge",
        "ADMISSION DATE:,  02/02/2023,DISCHARGE DATE:,  02/06/2023,ADMITTING DIAGNOSIS:,  Chest"
        " pain, rule out myocardial infarction.,DISCHARGE DIAGNOSES:,1.  Non-ST elevation"
        " myocardial infarction.,2.  Hypertension.,HOSPITAL COURSE:,  The patient was admitted to"
        " telemetry and underwent cardiac catheterization with a drug-eluting stent to the LAD.,"
        "DISCHARGE MEDICATIONS:,1.  Aspirin 81 mg daily.,2.  Ticagrelor 90 mg twice daily.",
    ),
    (
        "hospital-course-untitled",
        "discharge",
        """Admit date: 10/01/2024    Discharge date: 10/04/2024
Attending: S. Gupta, MD
Discharge Diagnoses:
1. Cellulitis of the left lower extremity.
2. Type 2 diabetes mellitus.
Hospital Course: Treated with IV cefazolin with improvement in erythema, transitioned to
cephalexin on hospital day 3. Sutures from a prior laceration were removed on day 2.
Discharge Medications: Cephalexin 500 mg four times daily for 7 days.
""",
    ),
    (
        "observation-discharge",
        "discharge",
        """CLINICAL DECISION UNIT
OBSERVATION DISCHARGE NOTE
Date: 12/12/2024
Reason for observation: syncope.
Observation course: telemetry without arrhythmia, orthostatic vitals positive, improved with
IV fluids. Echocardiogram normal.
Discharge plan: home, increase fluids, follow up with PCP in 1 week.
""",
    ),
    (
        "snf-transfer-form",
        "other",
        """SNF TRANSFER FORM
Sending facility: Brookside Nursing & Rehab   Receiving: County General ED
Date/time: 05/05/2025 03:10
Reason for transfer: fall with left hip pain, unable to bear weight.
Code status: Full code. Allergies: penicillin.
Current medications: see attached MAR.
""",
    ),
    (
        "consult-letter",
        "consult",
        """Department of Gastroenterology
Clinic date: 14 March 2025

Dear Dr Patel,

Thank you for referring this 58-year-old man with iron-deficiency anaemia. He has noticed
dark stools on two occasions. He takes omeprazole and had his COVID booster last week.

Diagnosis: iron-deficiency anaemia, cause to be established.
Plan: OGD and colonoscopy.
""",
    ),
    (
        "clinic-letter-return",
        "follow_up",
        """Endocrinology Clinic
Clinic letter
Seen: 02/06/2025

Dear Dr Okoro,

I reviewed Mrs Adeyemi again in clinic today. Her thyroid function has normalised on
carbimazole 10 mg daily and she feels much better. Weight is stable.

Plan: reduce carbimazole to 5 mg daily and recheck thyroid function in 6 weeks.
""",
    ),
    (
        "hospice-admission",
        "admission",
        """HOSPICE ADMISSION
Evergreen Hospice   Admission date: 03/30/2025
Terminal diagnosis: Metastatic pancreatic adenocarcinoma.
History: Diagnosed 11/2024, progressed on chemotherapy; now declining oral intake.
Symptoms: abdominal pain 6/10, nausea, fatigue.
Exam: cachectic, jaundiced, abdomen distended.
Plan of care: morphine oral solution 5 mg every 2 hours as needed, ondansetron as needed.
""",
    ),
    (
        "palliative-consult",
        "consult",
        """Palliative Care Consultation
Requesting physician: Dr. Hale (Hospital Medicine)   Date: 06/06/2025
Reason for consultation: goals of care and symptom management.
HPI: 81-year-old woman with end-stage heart failure, third admission this year.
Assessment: Dyspnea and fatigue from advanced heart failure.
Recommendations: low-dose morphine for dyspnea, family meeting tomorrow.
""",
    ),
    (
        "ir-procedure",
        "procedure",
        """Interventional Radiology Procedure Note
Date: 01/15/2025
Procedure: Ultrasound-guided right internal jugular tunneled dialysis catheter placement.
Operator: D. Kim, MD
Indication: End-stage renal disease, needs dialysis access.
Anesthesia: Local lidocaine 1% and moderate sedation (midazolam 2 mg, fentanyl 100 mcg).
Findings: Patent right internal jugular vein. Catheter tip at cavoatrial junction.
Complications: None. EBL: minimal.
""",
    ),
    (
        "ercp",
        "procedure",
        """ERCP REPORT
DATE OF PROCEDURE: 09/09/2024
INDICATION: CHOLEDOCHOLITHIASIS WITH ABNORMAL LIVER TESTS.
SEDATION: MONITORED ANESTHESIA CARE.
FINDINGS: A 9 MM STONE IN THE DISTAL COMMON BILE DUCT.
INTERVENTIONS: BILIARY SPHINCTEROTOMY AND BALLOON SWEEP WITH STONE EXTRACTION.
IMPRESSION: SUCCESSFUL STONE CLEARANCE. RECOMMEND CHOLECYSTECTOMY THIS ADMISSION.
""",
    ),
    (
        "operative-report-sutures",
        "procedure",
        """OPERATIVE REPORT
PREOPERATIVE DIAGNOSIS: Right inguinal hernia.
POSTOPERATIVE DIAGNOSIS: Same.
PROCEDURE: Open right inguinal hernia repair with mesh.
ANESTHESIA: General.
DESCRIPTION OF PROCEDURE: The patient was brought to the operating room. The fascia was closed
with 0 Vicryl and the skin with 4-0 Monocryl subcuticular sutures. Post-op the patient went to
the recovery room in stable condition.
""",
    ),
    (
        "urgent-care",
        "emergency",
        """Urgent Care Visit
Peak Urgent Care - Main St   Visit date: 07/04/2025
Chief complaint: Laceration to left index finger from a kitchen knife.
HPI: Occurred 1 hour ago. Last tetanus booster unknown.
Procedure: Laceration repair, 3 simple interrupted 5-0 nylon sutures.
Tdap given. Discharged home with wound care instructions.
""",
    ),
    (
        "medicare-awv",
        "annual_physical",
        """Medicare Annual Wellness Visit (subsequent)
Date of Service: 03/03/2025
Health risk assessment reviewed. Fall risk screening: negative. Depression screen PHQ-2: 0.
Cognitive screen: Mini-Cog 5/5.
Immunizations: Pneumococcal up to date; shingles vaccine recommended.
Personalized prevention plan: colonoscopy due 2026, annual mammogram.
""",
    ),
    (
        "post-op-day-1",
        "post_operative",
        """Post-op Day 1 check
Ortho service  Date: 05/16/2025
S: Pain controlled on oral medication. Ambulated with PT this morning. Tolerating diet.
O: Afebrile. Dressing clean, dry and intact. Calf soft, neurovascularly intact distally.
A/P: POD 1 s/p right total hip arthroplasty, doing well. Enoxaparin for DVT prophylaxis.
""",
    ),
    (
        "cc-follow-up-of",
        "follow_up",
        """Oak Street Medical Group
Date of Service: 04/22/2025   Provider: N. Castillo, MD
Chief Complaint: Follow-up of type 2 diabetes and hypertension.
History of Present Illness: Seen 3 months ago; A1c was 8.1%. Since then started empagliflozin.
Review of Systems: Negative for polyuria. Had her shingles vaccine series completed.
Assessment: Type 2 diabetes, improving.
""",
    ),
    (
        "return-visit",
        "follow_up",
        """RETURN VISIT
DATE: 10/10/2024
THE PATIENT RETURNS FOR RECHECK OF LOW BACK PAIN AFTER 6 WEEKS OF PHYSICAL THERAPY.
PAIN IS 3/10 NOW. NO LEG WEAKNESS.
EXAM: STRAIGHT LEG RAISE NEGATIVE BILATERALLY.
IMPRESSION: LUMBAR STRAIN, IMPROVING.
PLAN: CONTINUE HOME EXERCISE PROGRAM. RETURN AS NEEDED.
""",
    ),
    (
        "established-patient",
        "follow_up",
        """Established Patient Office Visit
Cardiology Associates   DOS 08/08/2025
Interval History: Since her last visit she has had no further palpitations on metoprolol.
Medications: metoprolol succinate 50 mg daily, apixaban 5 mg BID.
Exam: Regular rhythm, no murmur.
Assessment: Paroxysmal atrial fibrillation, rate controlled. Plan: continue, echo in 1 year.
""",
    ),
    (
        "interval-history-inpatient",
        "progress",
        """Cardiology Service - Inpatient
Date: 11/02/2024   Hospital Day 4   Room 7E-22
Interval History: Diuresed 2.1 L overnight. Breathing easier. No chest pain.
Objective: BP 118/64, HR 78. JVP 9 cm. Bibasilar crackles improved.
Assessment and Plan: Acute on chronic HFrEF, improving. Continue IV furosemide 40 mg BID.
""",
    ),
    (
        "hp-all-caps",
        "admission",
        """ADMISSION HISTORY AND PHYSICAL
DATE OF ADMISSION: 01/20/2025
CHIEF COMPLAINT: FEVER AND CONFUSION.
HISTORY OF PRESENT ILLNESS: 84-YEAR-OLD WOMAN FROM HOME WITH 2 DAYS OF FEVER AND NEW CONFUSION.
REVIEW OF SYSTEMS: DYSURIA. NO COUGH. INFLUENZA VACCINE THIS SEASON.
PHYSICAL EXAMINATION: T 38.6, HR 104. DISORIENTED TO TIME.
ASSESSMENT AND PLAN: SEPSIS FROM A URINARY SOURCE. ADMIT TO MEDICINE, CEFTRIAXONE.
""",
    ),
    (
        "hp-untitled-structure",
        "admission",
        """Chief Complaint: Shortness of breath.
History of Present Illness: 66-year-old man with COPD and 3 days of worsening dyspnea and
productive cough; he had sutures removed from a scalp laceration last week.
Past Medical History: COPD, hypertension.
Review of Systems: As per HPI, otherwise negative.
Physical Exam: RR 24, SpO2 88% on room air, diffuse wheezes.
Assessment and Plan: COPD exacerbation. Admit to the medicine floor, nebulizers, prednisone.
""",
    ),
    (
        "ed-export",
        "emergency",
        "CHIEF COMPLAINT:,  Chest pain.,HISTORY OF PRESENT ILLNESS:,  A 52-year-old man who"
        " presented to the emergency department by ambulance with 1 hour of chest pressure.,"
        "REVIEW OF SYSTEMS:,  Negative for fever.,PHYSICAL EXAMINATION:,  Diaphoretic.,"
        "EMERGENCY DEPARTMENT COURSE:,  ECG with inferior ST elevation; cath lab activated.,"
        "DISPOSITION:,  Admitted to the cardiac care unit.",
    ),
    (
        "ed-triage-note",
        "emergency",
        """ED Provider Note
Arrival: 02/02/2025 23:40   ESI 3   Mode: walk-in
Chief Complaint: Abdominal pain.
HPI: 24-year-old woman with 12 hours of right lower quadrant pain and anorexia.
MDM: CT with acute appendicitis. Surgery consulted. Ceftriaxone and metronidazole given.
Disposition: Admitted to general surgery.
""",
    ),
    (
        "cardiology-consult-caps",
        "consult",
        """CARDIOLOGY CONSULTATION
REQUESTING PHYSICIAN: DR. ABERNATHY, HOSPITALIST
REASON FOR CONSULTATION: PREOPERATIVE RISK ASSESSMENT BEFORE HIP FRACTURE REPAIR.
HISTORY OF PRESENT ILLNESS: 79-YEAR-OLD MAN ADMITTED AFTER A FALL. NO ANGINA.
IMPRESSION: ACCEPTABLE RISK FOR SURGERY. CONTINUE BETA-BLOCKER.
""",
    ),
    (
        "consult-export-untitled",
        "consult",
        "REASON FOR CONSULTATION:,  Hyponatremia.,HISTORY OF PRESENT ILLNESS:,  I was asked to see"
        " this 70-year-old woman admitted with a fall, sodium 122.,PAST MEDICAL HISTORY:,"
        "  Hypertension on hydrochlorothiazide.,IMPRESSION:,  Thiazide-induced hyponatremia."
        ",RECOMMENDATIONS:,  Stop hydrochlorothiazide, fluid restriction 1.2 L.",
    ),
    (
        "colonoscopy-export",
        "procedure",
        "PROCEDURE:,  Colonoscopy with cold snare polypectomy.,INDICATIONS:,  Screening, family"
        " history of colon cancer.,ANESTHESIA:,  Monitored anesthesia care with propofol.,"
        "FINDINGS:,  Two 4-mm sessile polyps in the ascending colon, removed.,"
        "ESTIMATED BLOOD LOSS:,  Minimal.,COMPLICATIONS:,  None.",
    ),
    (
        "bronchoscopy-brief",
        "procedure",
        """Bronchoscopy
Date: 03/12/2025
Pre-procedure diagnosis: Right upper lobe mass.
Post-procedure diagnosis: Same, endobronchial lesion RUL.
Sedation: Moderate, midazolam and fentanyl.
Findings: Friable endobronchial lesion of the RUL anterior segment; biopsies taken.
""",
    ),
    (
        "postop-clinic-visit",
        "post_operative",
        """Surgery Clinic - Postoperative Visit
Date of Visit: 04/01/2025
S: 2 weeks after laparoscopic appendectomy. Eating well, no fever.
O: Incisions healing, no erythema. Steri-strips removed.
A: Normal postoperative course.
P: Resume full activity in 2 weeks. Return as needed.
""",
    ),
    (
        "flu-clinic",
        "immunization",
        """Nurse Visit - Vaccine Administration
Date: 10/15/2024
Reason for visit: seasonal influenza vaccine.
Screening questions: no egg allergy, no fever today, no prior reaction.
Influenza vaccine, quadrivalent, 0.5 mL IM right deltoid. Lot # FL4471. VIS given.
Observed 15 minutes, no reaction.
""",
    ),
    (
        "recheck-with-vaccine-in-ros",
        "follow_up",
        """Progress Notes
Encounter date: 01/30/2025   Dept: Family Medicine
Subjective: Here for recheck of her thyroid after dose change. ROS: sore arm after a COVID
vaccine 3 days ago, otherwise negative.
Objective: HR 72, thyroid non-tender.
Assessment: Hypothyroidism. Plan: continue levothyroxine 75 mcg, TSH in 6 weeks.
""",
    ),
    (
        "annual-physical-soap",
        "annual_physical",
        """SOAP Note
Date of Service: 05/05/2025
S: Here for annual physical. No concerns. Exercises 3 times a week.
O: BP 122/76, BMI 24.
A: Adult health maintenance exam. Hyperlipidemia, controlled.
P: Lipid panel, colon cancer screening referral. Tdap updated today.
""",
    ),
    (
        "telephone-encounter",
        "other",
        """Phone Note
Caller: patient's son   Date: 06/30/2025 14:05
Reason: asking whether to continue warfarin before the dental extraction next week.
Advised to hold warfarin 5 days before per cardiology. Son verbalized understanding.
""",
    ),
    (
        "disability-form",
        "other",
        """FMLA Certification Form - Health Care Provider
Employee: R. Singh   Date completed: 07/07/2025
Condition: lumbar radiculopathy.
Expected duration of incapacity: 6 weeks from 07/01/2025.
Physician signature on file.
""",
    ),
    (
        "discharge-summary-with-admission-words",
        "discharge",
        """DISCHARGE SUMMARY
REASON FOR ADMISSION: ACUTE PANCREATITIS.
ADMITTING DIAGNOSIS: ACUTE PANCREATITIS, RULE OUT GALLSTONES.
HISTORY AND PHYSICAL: SEE ADMISSION H&P.
HOSPITAL COURSE: MANAGED WITH IV FLUIDS AND BOWEL REST; LAPAROSCOPIC CHOLECYSTECTOMY ON DAY 3.
DISCHARGE MEDICATIONS: ACETAMINOPHEN 650 MG EVERY 6 HOURS AS NEEDED.
""",
    ),
    (
        "icu-progress",
        "progress",
        """MICU Daily Progress Note
24 hr events: Extubated yesterday afternoon, on 2 L nasal cannula.
Vitals: Tmax 37.9, HR 96, BP 110/62.
Assessment/Plan: Septic shock from pneumonia, resolving. Off norepinephrine. Day 5 of cefepime.
""",
    ),
    (
        "new-patient-evaluation",
        "consult",
        """Neurology Clinic - New Patient Evaluation
Referring provider: Dr. Marsh (PCP)
Reason for referral: recurrent headaches.
HPI: 31-year-old woman with 2 years of throbbing unilateral headaches with photophobia.
Neurologic exam: Normal.
Impression: Migraine without aura. Plan: start propranolol 40 mg BID.
""",
    ),
    (
        "pt-daily-note",
        "physical_therapy",
        """Outpatient Physical Therapy Daily Note
Visit 6 of 12   Date: 03/03/2025
S: Shoulder pain 3/10, improving.
Treatment: therapeutic exercise 25 min, manual therapy 15 min.
Plan: progress rotator cuff strengthening.
""",
    ),
    (
        "soap-follow-up-caps-export",
        "follow_up",
        "SUBJECTIVE:,  This 60-year-old man returns for follow-up of his gout.  No flares since"
        " starting allopurinol.,OBJECTIVE:,  No joint swelling.,ASSESSMENT:,  Gout, controlled."
        ",PLAN:,  Continue allopurinol 300 mg daily.  Uric acid in 3 months.",
    ),
    (
        "tavr-procedure-with-postop-words",
        "procedure",
        """Cardiac Catheterization Lab
PROCEDURE: Transcatheter aortic valve replacement, transfemoral.
Date of procedure: 02/19/2025
Anesthesia: Conscious sedation.
Procedure details: Time-out performed. Right femoral access with ultrasound guidance.
Post-procedure: Femoral site closed with suture-mediated device; post-op echo shows no leak.
""",
    ),
    (
        "er-physician-record",
        "emergency",
        """EMERGENCY ROOM PHYSICIAN RECORD
TRIAGE VITALS: BP 150/90 P 110 R 22 T 36.8 SPO2 95%
CHIEF COMPLAINT: ASTHMA ATTACK.
HPI: 19-YEAR-OLD WITH ASTHMA, OUT OF ALBUTEROL FOR 2 DAYS.
ER COURSE: 3 DUONEBS AND PREDNISONE 60 MG PO GIVEN WITH IMPROVEMENT.
""",
    ),
    (
        "nephrology-office-after-stay",
        "follow_up",
        """Nephrology Office Visit
Date of Service: 05/27/2025
HPI: Seen after her hospital admission in April for acute kidney injury; the hospital course
was complicated by hyperkalemia. Discharge medications reviewed with her.
Labs: creatinine 1.6 (2.9 at discharge).
Assessment: AKI on CKD 3a, recovering. Plan: repeat BMP in 2 weeks.
""",
    ),
    (
        "postop-export-untitled",
        "post_operative",
        "HISTORY:,  The patient returns for her 2-week postoperative visit following left carpal"
        " tunnel release.  Numbness is much improved.,PHYSICAL EXAMINATION:,  Incision healed."
        "  Sutures removed today.,IMPRESSION:,  Status post left carpal tunnel release, doing"
        " well.,PLAN:,  Scar massage.  Return in 4 weeks.",
    ),
    (
        "brief-op-note",
        "procedure",
        """Brief Op Note
Pre-op Dx: Acute appendicitis   Post-op Dx: Same, non-perforated
Procedure: Laparoscopic appendectomy
Surgeon: A. Reyes   Anesthesia: GETA   EBL: 5 mL   Specimens: appendix to pathology
Drains: none   Complications: none   Disposition: PACU, stable
""",
    ),
    (
        "labor-admission",
        "admission",
        """Labor and Delivery Admission Note
Date: 03/18/2025 02:15
G3P2002 at 39w1d presenting with regular contractions since midnight.
Prenatal course: uncomplicated; GBS negative; Tdap given at 28 weeks.
Cervix: 5/90/-1. FHT category I.
Plan: Admit to L&D for active labor, epidural on request.
""",
    ),
    (
        "covid-booster-office-visit",
        "immunization",
        """Office Visit
Date of Service: 09/25/2024
Chief Complaint: Here for COVID-19 booster.
No fever or acute illness today. No prior reactions.
COVID-19 vaccine (2024-2025 formula) 0.5 mL IM left deltoid administered. VIS given.
""",
    ),
    (
        "wound-clinic-follow-up",
        "follow_up",
        """Wound Care Clinic - Follow Up Visit
DOS: 02/02/2025
Venous stasis ulcer of the left medial malleolus, week 6 of compression therapy.
Wound measures 2.1 x 1.4 cm, down from 3.0 x 2.2 cm. Granulation tissue, no slough.
Debridement not needed. Continue multilayer compression, return 1 week.
""",
    ),
    (
        "return-patient-cardiology",
        "follow_up",
        """Cardiology - Return Patient Visit
Date: 06/02/2025
History: Seen for CAD s/p PCI to the RCA in 2022 (Sutures and procedure details not relevant).
No angina. Walking 2 miles daily.
Assessment: Stable coronary artery disease. Plan: continue atorvastatin and aspirin.
""",
    ),
    (
        "hospitalist-admission-note",
        "admission",
        """Hospitalist Admission Note
Reason for Admission: Diabetic ketoacidosis.
HPI: 23-year-old with type 1 diabetes who ran out of insulin 3 days ago.
Labs: glucose 512, anion gap 24, beta-hydroxybutyrate 6.1.
Assessment and Plan: DKA. Insulin infusion per protocol, admit to step-down.
""",
    ),
    (
        # An evaluation before an operation, like the pre-anaesthesia one: no admission.
        "preop-hp",
        "consult",
        """Pre-operative History & Physical
Scheduled procedure: laparoscopic sleeve gastrectomy on 04/14/2025
History of Present Illness: 41-year-old woman with class III obesity, BMI 44.
Past Medical History: OSA, hypertension.
Physical Exam: Lungs clear. Heart regular.
Plan: Proceed with surgery as scheduled.
""",
    ),
    (
        "upper-endoscopy-untitled-report",
        "procedure",
        """Upper GI Endoscopy
Date: 08/20/2024   Endoscopist: P. Iyer, MD
Indication: Dysphagia to solids.
Sedation: Propofol per anesthesia.
Findings: Schatzki ring at the gastroesophageal junction, dilated with a 54 Fr Savary.
Impression: Schatzki ring, dilated. Resume diet.
""",
    ),
    (
        "transitional-care-visit",
        "follow_up",
        """Transitional Care Visit - Hospital Follow-up
Date of Service: 11/18/2024
Discharge date from Mercy Hospital: 11/12/2024 (pneumonia).
Discharge summary reviewed. Completed levofloxacin. Cough improving.
Assessment: Community-acquired pneumonia, resolving.
Plan: Chest x-ray in 6 weeks.
""",
    ),
    (
        "gyn-annual",
        "annual_physical",
        """GYN ANNUAL EXAM
DOS: 07/07/2025
NO COMPLAINTS. LMP 06/20/2025. SEXUALLY ACTIVE, MONOGAMOUS.
BREAST EXAM: NO MASSES. PELVIC: NORMAL.
PAP WITH HPV CO-TESTING SENT. MAMMOGRAM ORDERED.
""",
    ),
    (
        "wellness-center-follow-up",
        "follow_up",
        """Valley Health & Wellness Center
Office Visit
Date of Service: 03/03/2025
Chief Complaint: Follow-up of diabetes.
HPI: A1c 7.4 today, down from 8.0. No hypoglycemia.
Assessment: Type 2 diabetes, improving. Plan: continue metformin.
""",
    ),
    (
        "preventive-cardiology-associates",
        "follow_up",
        """PREVENTIVE CARDIOLOGY ASSOCIATES, PC
Return Visit
DOS: 04/09/2025
Lipids on rosuvastatin 20 mg: LDL 62. Tolerating well, no myalgias.
Impression: Hyperlipidemia at goal. Continue.
""",
    ),
    (
        "export-dc-summary-diagnoses-on-discharge",
        "discharge",
        "DIAGNOSES ON ADMISSION:,  Syncope.,DIAGNOSES ON DISCHARGE:,  Vasovagal syncope.,BRIEF"
        " HISTORY:,  A 45-year-old woman who fainted at church.,CONDITION ON DISCHARGE:, "
        " Stable.,DISCHARGE INSTRUCTIONS:,  Hydration, follow up with primary care in 1 week.",
    ),
    (
        "export-op-sutures",
        "procedure",
        "PREOPERATIVE DIAGNOSIS:,  Chronic tonsillitis.,POSTOPERATIVE DIAGNOSIS:,  Chronic"
        " tonsillitis.,PROCEDURE:,  Tonsillectomy.,ANESTHESIA:,  General"
        " endotracheal.,DESCRIPTION OF PROCEDURE:,  The tonsils were removed with electrocautery"
        " and the pillars closed with 3-0 chromic sutures. Post-op she was taken to recovery.",
    ),
    (
        "export-colonoscopy-plain",
        "procedure",
        "PROCEDURE:,  Colonoscopy.,INDICATIONS:,  Rectal bleeding.,PREMEDICATION:,  Versed 5 mg,"
        " fentanyl 100 mcg.,PROCEDURE IN DETAIL:,  The scope was advanced to the cecum. Internal"
        " hemorrhoids. No polyps.,IMPRESSION:,  Internal hemorrhoids.",
    ),
    (
        "export-soap-comes-in-follow-up",
        "follow_up",
        "SUBJECTIVE:,  This 67-year-old gentleman comes in for a followup of his atrial"
        " fibrillation.  He has felt well.  He had his flu shot in October.,OBJECTIVE:, "
        " Irregularly irregular.,ASSESSMENT:,  Atrial fibrillation, rate controlled.,PLAN:, "
        " Continue warfarin.",
    ),
    (
        "export-hp-office-like",
        "consult",
        "CHIEF COMPLAINT:,  Right shoulder pain.,HISTORY OF PRESENT ILLNESS:,  The patient is a"
        " 55-year-old male referred by Dr. Smith for evaluation of right shoulder pain for 6"
        " months.,PAST MEDICAL HISTORY:,  Hypertension.,PHYSICAL EXAMINATION:,  Positive"
        " impingement signs.,IMPRESSION:,  Rotator cuff tendinopathy.,PLAN:,  Subacromial"
        " injection offered.",
    ),
    (
        "export-ed-no-course",
        "emergency",
        "CHIEF COMPLAINT:,  Fall.,HISTORY OF PRESENT ILLNESS:,  An 80-year-old woman who"
        " presents to the emergency room after a mechanical fall at home.,PHYSICAL EXAMINATION:,"
        "  Tender left wrist.,MEDICAL DECISION MAKING:,  X-ray with distal radius fracture,"
        " splinted.,DISPOSITION:,  Discharged home with orthopedic follow-up.",
    ),
    (
        "export-progress-inpatient",
        "progress",
        "SUBJECTIVE:,  No acute events overnight.  Pain controlled.,OBJECTIVE:,  Afebrile."
        " Abdomen soft.,ASSESSMENT AND PLAN:,  Hospital day 3, small bowel obstruction"
        " resolving.  Advance diet.",
    ),
    (
        "export-postop-visit",
        "post_operative",
        "SUBJECTIVE:,  The patient is seen today 10 days status post right knee arthroscopy. "
        " Minimal pain.,OBJECTIVE:,  Portals healing, sutures removed.,ASSESSMENT:,  Status post"
        " arthroscopy, doing well.,PLAN:,  Start physical therapy.",
    ),
    (
        "export-consult-asked",
        "consult",
        "HISTORY OF PRESENT ILLNESS:,  I was asked to see this 60-year-old woman by Dr. Lee for"
        " evaluation of an elevated creatinine.,PAST MEDICAL HISTORY:,  Diabetes.,IMPRESSION:, "
        " CKD stage 3b.,RECOMMENDATIONS:,  Avoid NSAIDs.",
    ),
    (
        "export-annual",
        "annual_physical",
        "SUBJECTIVE:,  A 45-year-old female presents for her annual physical examination.  No"
        " complaints.,REVIEW OF SYSTEMS:,  Negative.,OBJECTIVE:,  BP 118/70.,ASSESSMENT:, "
        " Healthy adult female.,PLAN:,  Mammogram and labs. Tdap given.",
    ),
    (
        "hospital-course-titled-progress-notes",
        "discharge",
        """Progress Notes
Admit date: 02/02/2025   Discharge date: 02/05/2025
Hospital Course: Admitted for pyelonephritis, treated with ceftriaxone.
Discharge Medications: cefpodoxime 200 mg BID x 7 days.
""",
    ),
    (
        "radiology-report",
        "other",
        """CT ABDOMEN AND PELVIS WITH CONTRAST
Clinical indication: right lower quadrant pain.
Technique: Axial images after IV contrast.
Findings: Normal appendix. No free fluid.
Impression: No acute abnormality.
""",
    ),
    (
        "ed-discharge-diagnosis",
        "emergency",
        """Emergency Department Note
Chief complaint: sore throat.
Exam: Exudative tonsils.
Discharge diagnosis: Streptococcal pharyngitis.
Discharge medications: amoxicillin 500 mg BID x 10 days.
""",
    ),
    (
        "hospice-recert",
        "other",
        """Hospice Recertification Note
Benefit period 3. Face-to-face encounter 04/01/2025.
Continued decline: weight 48 kg from 52 kg, PPS 40%.
""",
    ),
    (
        "letter-to-patient",
        "other",
        """Dear Ms. Ortega,
Your recent laboratory results are normal. Your cholesterol is 182.
Please continue your current medications. Sincerely, Dr. Hale
""",
    ),
    (
        "clinic-letter-long-address",
        "consult",
        """Cardiology Outpatients
Northern General Hospital
Herries Road
Sheffield S5 7AU
Tel: 0114 000 0000   Fax: 0114 000 0001
Clinic letter
Clinic date: 03/04/2025   Typed: 05/04/2025
Dr A. Mensah
The Surgery, 12 High Street
Sheffield S6 2AB

Dear Dr Mensah,

Re: Mrs Joan PRICE, DOB 02/02/1950, NHS No 000 000 0000

Thank you for referring this pleasant 75-year-old lady with exertional breathlessness and a
murmur. She walks 200 yards before stopping.

Diagnosis: Moderate aortic stenosis.
Plan: Echocardiogram in 6 months.
""",
    ),
    (
        "labor-progress",
        "progress",
        """Labor Progress Note
03/18/2025 06:00
Comfortable with epidural. Cervix 8/100/0. FHT category I, moderate variability.
Plan: Continue expectant management, anticipate SVD.
""",
    ),
    (
        "hospital-medicine-progress",
        "progress",
        """Hospital Medicine Progress Note
Date: 01/02/2025
S: Slept well. Tolerating diet.
O: T 37.1 HR 80 BP 124/70
A/P: CAP day 3 of antibiotics, switch to oral amoxicillin.
""",
    ),
    (
        "snf-admission",
        "admission",
        """Skilled Nursing Facility Admission Note
Date: 02/10/2025
Admitted from St. Luke's after hip fracture repair for rehabilitation.
PMH: Osteoporosis, hypertension.
Plan: PT/OT daily, weight bearing as tolerated.
""",
    ),
    (
        "physical",
        "annual_physical",
        """Physical
DOS: 08/01/2025
16-year-old here for sports participation exam. No concerns.
Exam: normal. Cleared for all sports.
""",
    ),
    (
        "vaginal-delivery-note",
        "procedure",
        """Vaginal Delivery Note
Date: 03/18/2025 09:42
Delivered a viable female infant over an intact perineum. Apgars 8/9. Weight 3350 g.
Placenta delivered spontaneously, intact. EBL 300 mL. Second-degree laceration repaired
with 3-0 Vicryl.
""",
    ),
    (
        "office-visit-postop-in-cc",
        "post_operative",
        """Office Visit
Date of Service: 06/10/2025
Chief Complaint: Post-op visit, 2 weeks after right carpal tunnel release.
Incision healed. Sutures removed. Numbness improved.
Plan: Return in 4 weeks.
""",
    ),
    (
        "office-visit-recheck-with-surgery-history",
        "follow_up",
        """Office Visit
Date of Service: 06/10/2025
Chief Complaint: Recheck of hypertension.
History: s/p cholecystectomy 2019; sutures removed uneventfully back then.
BP 128/78. Continue lisinopril.
""",
    ),
    (
        "export-soap-past-admission",
        "other",
        "SUBJECTIVE:,  This 58-year-old man was admitted to the hospital last year for"
        " pneumonia.  He has had a cough for 3 days.,OBJECTIVE:,  Lungs clear.,ASSESSMENT:, "
        " Acute bronchitis.,PLAN:,  Supportive care.",
    ),
    (
        "export-soap-here-for-recheck",
        "follow_up",
        "SUBJECTIVE:,  She is here today for recheck of her blood pressure.  She was seen in"
        " the emergency room 2 weeks ago for a headache.,OBJECTIVE:,  BP 134/82.,ASSESSMENT:, "
        " Hypertension.,PLAN:,  Continue lisinopril.",
    ),
    (
        "export-soap-weeks-status-post",
        "post_operative",
        "SUBJECTIVE:,  Seen today 3 weeks status post left inguinal hernia repair.  Mild"
        " soreness.,OBJECTIVE:,  Incision well healed.,ASSESSMENT:,  Doing well after"
        " surgery.,PLAN:,  Lift no more than 10 pounds for 3 more weeks.",
    ),
    (
        "export-soap-inpatient-day",
        "progress",
        "SUBJECTIVE:,  Hospital day 4.  Tolerating clear liquids, no nausea.,OBJECTIVE:, "
        " Afebrile, abdomen soft.,ASSESSMENT AND PLAN:,  Acute pancreatitis, improving. "
        " Advance to low-fat diet.",
    ),
    (
        "office-visit-ed-follow-up-reason",
        "follow_up",
        """Office Visit
Date of Service: 01/02/2025
Reason for visit: Follow-up of ED visit for chest pain
S: Seen in the ER on 12/28 with chest pain; troponins negative, stress test normal. Feels well.
A/P: Chest wall pain, resolved. No further testing.
""",
    ),
    (
        "office-visit-referred-for-evaluation",
        "consult",
        """Urology Associates
Office Visit
DOS: 01/02/2025
HPI: 44-year-old man referred by Dr. Lowe for evaluation of microscopic hematuria. No pain.
Social history: Smoked 20 pack-years, quit 2015.
Plan: CT urogram and cystoscopy.
""",
    ),
    (
        "office-visit-acute-complaint",
        "follow_up",
        """Office Visit
DOS: 01/02/2025
HPI: 44-year-old man who presents for evaluation of a sore throat for 3 days.
Exam: Tonsillar exudate, tender anterior nodes.
Plan: Rapid strep positive; amoxicillin 500 mg twice daily for 10 days.
""",
    ),
    (
        "post-mastectomy-follow-up",
        "post_operative",
        """Breast Surgery Clinic
Post-Mastectomy Follow-up
DOS: 02/03/2025
S: 4 weeks after left mastectomy with sentinel node biopsy. Drain removed last week.
O: Flap viable, incision healing, small seroma aspirated (20 mL).
P: Oncology appointment next week.
""",
    ),
    (
        "procedure-name-title",
        "procedure",
        """Laparoscopic Cholecystectomy
Date: 01/02/2025
Surgeon: A. Reyes, MD
Indication: Symptomatic cholelithiasis.
Findings: Distended gallbladder with multiple stones, no inflammation.
""",
    ),
    (
        "mental-health-intake",
        "consult",
        """Mental Health Intake
Date: 04/14/2025   Clinician: D. Afolabi, LPC
Presenting problem: panic attacks at work for 3 months, avoiding the subway.
Psychiatric history: none. No prior treatment.
Substance use: alcohol 2 drinks per week.
Diagnostic impression: Panic disorder with agoraphobia.
""",
    ),
]


def _accuracy() -> float:
    right = sum(analyse(text).note_type.value == expected for _, expected, text in _CASES)
    return right / len(_CASES)


@pytest.mark.parametrize(
    ("expected", "text"), [(c[1], c[2]) for c in _CASES], ids=[c[0] for c in _CASES]
)
def test_a_document_from_any_specialty_is_typed_by_its_title_and_structure(
    expected: str, text: str
) -> None:
    result = analyse(text).note_type
    assert result.value == expected
    if expected != "other":
        # A document typed for a reason says what the reason was.
        assert result.cues


if __name__ == "__main__":
    print(f"{len(_CASES)} openings, note type accuracy {_accuracy():.2f}")
