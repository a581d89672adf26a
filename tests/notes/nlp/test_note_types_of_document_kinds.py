"""Note type of the document kinds eval/LABELLING.md's table ("Document kinds and their note
type") names, each probe written in a US, British or Australian house style (titled and
untitled) and labelled by that table before the classifier ran on it: therapy and dietetic
records, nursing notes, flowsheets and handovers, transfers, home and community nursing, portal
and refill encounters, pharmacist clinics, reconciliation forms, letters to GPs, procedure and
anaesthesia records, after-visit summaries. Negatives keep the type a look-alike already had.
"""

import pytest

from carechart.notes.nlp import analyse

_PROBES: list[tuple[str, str, str]] = [
    # --- therapy and dietetics
    (
        "us-ot-initial-evaluation",
        "other",
        """OCCUPATIONAL THERAPY INITIAL EVALUATION
Outpatient Rehabilitation - Hand Therapy
Date of Service: 03/11/2026
Referring MD: Dr. K. Lindqvist (orthopaedics)
Diagnosis: R carpal tunnel release 02/24/2026
Subjective: Pt reports numbness improving, difficulty with buttons and jar opening.
Objective: Grip R 14 kg, L 31 kg. Scar well healed.
Assessment: Decreased grip strength and fine motor coordination limiting ADLs.
Goals: Independent with fasteners in 4 weeks.
Plan: OT 2x/week x 4 weeks, scar massage, home exercise program.
""",
    ),
    (
        "uk-slt-swallow-assessment",
        "other",
        """Speech and Language Therapy - Bedside Swallow Assessment
Ward 7B, Bed 12     Date: 14/02/2026
Referred by: stroke team for dysphagia screen failure.
Oral motor exam: reduced left labial seal. Trials of water via teaspoon: wet voice after 3 tsp.
Impression: oropharyngeal dysphagia.
Recommendations: IDDSI level 2 mildly thick fluids, level 5 minced and moist diet, upright 90
degrees for meals. SLT to review on Monday.
""",
    ),
    (
        "au-physiotherapy-initial-assessment",
        "physical_therapy",
        """Physiotherapy Initial Assessment
Northside Community Health - Musculoskeletal Physiotherapy
Date: 03/03/2026
Referral: GP, lower back pain 6 weeks.
S: central LBP, no leg pain, worse sitting. No red flags.
O: lumbar flexion limited to knees, SLR negative bilaterally.
A: non-specific low back pain.
P: education, graded walking, McKenzie extension exercises, review 1 week.
""",
    ),
    (
        "uk-inpatient-physiotherapy-note",
        "physical_therapy",
        """PHYSIOTHERAPY - WARD 9 (Orthopaedics)     Bed 4
Date: 17/02/2026
Day 1 post right total hip replacement. Mobilised with zimmer frame 10 m with assistance of 1.
Hip precautions taught. Plan: stairs assessment tomorrow, physio to continue daily.
""",
    ),
    (
        "au-inpatient-dietitian-assessment",
        "consult",
        """Dietetics Initial Assessment
Ward 5A, Bed 22     Date of assessment: 10/03/2026
Referral reason: MST score 3, poor oral intake since admission.
Weight 52 kg (usual 60 kg), 13% loss over 3 months. Eating 25% of meals.
Nutrition diagnosis: severe malnutrition related to reduced intake.
Plan: high energy high protein diet, oral nutrition supplement BD, weekly weights. Dietitian to
review in 2 days.
""",
    ),
    (
        "uk-dietetic-outpatient-review",
        "follow_up",
        """Dietetic Outpatient Review
Diabetes Centre, St Aldhelm's Hospital     Clinic date: 21/01/2026
Seen again today, six weeks after her first dietetic appointment. Weight down 2.1 kg. Food diary
shows fewer sugary drinks. HbA1c 61 mmol/mol (was 70). Continue carbohydrate awareness plan;
review in 3 months.
""",
    ),
    # --- nursing records, flowsheets and handovers on the ward
    (
        "us-rn-shift-assessment-on-ward",
        "progress",
        """RN SHIFT ASSESSMENT - 4 East Medical, Rm 412-A
Shift: 07:00-19:00   Date: 03/05/2026
Neuro: A&O x4. Resp: 2 L NC, SpO2 95%. Lungs with crackles at bases.
CV: HR 88 irregular. Edema 2+ bilateral LE.
GI/GU: tolerating cardiac diet, voiding, strict I&O.
Pain 2/10. Fall precautions in place. IV furosemide given per MAR.
""",
    ),
    (
        "us-nursing-flowsheet-printout",
        "progress",
        """Flowsheet Summary - Vital Signs / Intake & Output
Unit: 5 West Telemetry   Bed: 12   Printed 03/06/2026 06:10
Time    BP       HR   RR  Temp  SpO2
20:00   142/84   96   18  37.9  94% 2L
00:00   136/80   90   18  37.6  95% 2L
04:00   128/76   84   16  37.2  96% RA
Intake 1,240 mL   Output 1,850 mL   Net -610 mL
""",
    ),
    (
        "uk-nursing-handover-sbar",
        "progress",
        """Nursing Handover (SBAR) - Ward 11, Bay 3 Bed 4
Date: 08/02/2026, night to day shift
S: 78-year-old man, day 3 of admission with community-acquired pneumonia.
B: COPD, AF on apixaban.
A: NEWS 3, apyrexial overnight, oxygen weaned to 1 L. Eating and drinking.
R: IV co-amoxiclav due 08:00, review oral switch on ward round, mobilise with physio.
""",
    ),
    (
        "us-iPASS-team-handoff",
        "progress",
        """Hospital Medicine Team B - I-PASS Handoff
Date: 03/07/2026   Rm 618
Illness severity: watcher.
Patient summary: 66M hospital day 2, DKA resolved, transitioned to subcutaneous insulin.
Action list: check 2 AM BMP, replace K if < 3.5.
Situation awareness: if glucose > 300 call night float.
Synthesis by receiver: read back.
""",
    ),
    (
        "au-icu-discharge-to-ward",
        "progress",
        """ICU Discharge Summary - transfer to Ward 6B
Date: 12/03/2026
Admitted to ICU 09/03 with septic shock from pyelonephritis; noradrenaline weaned off 11/03.
On IV ceftriaxone day 4. Ward team to continue antibiotics and review cultures. ICU outreach
review in 24 hours.
""",
    ),
    (
        "uk-interhospital-transfer-letter",
        "discharge",
        """Inter-hospital Transfer Letter
From: Coronary Care Unit, Wessex General     To: Cardiothoracic Centre, Southampton
Date of transfer: 19/02/2026
Admitted 15/02/2026 with NSTEMI. Angiography: severe left main disease. Transferred for CABG.
Medications on transfer: aspirin 75 mg, ticagrelor stopped 17/02, bisoprolol 2.5 mg,
atorvastatin 80 mg.
""",
    ),
    (
        "us-hospital-to-snf-transfer-form",
        "discharge",
        """Continuity of Care Form - Hospital to Skilled Nursing Facility
St. Brendan Medical Center     Transfer date: 03/09/2026
Receiving facility: Oak Hollow Rehab
Primary diagnosis: left hip fracture s/p hemiarthroplasty 03/05/2026.
Medications to continue: apixaban 2.5 mg BID x 30 days, acetaminophen 1 g TID, senna.
Weight bearing as tolerated. Follow up with orthopaedics in 2 weeks.
""",
    ),
    (
        "us-snf-to-ed-transfer-form",
        "other",
        """Willowmere Care Center
Inter-Facility Transfer Form (Nursing Facility -> Emergency Department)
Date of Transfer: 03/10/2026   Time: 02:15   Rm 118
Reason for transfer: found with new right-sided weakness at 01:50.
Code status: Full code. Medication administration record attached.
""",
    ),
    # --- home and community nursing
    (
        "us-home-health-skilled-nursing-visit",
        "other",
        """Skilled Nursing Visit Note - Bright Path Home Health
Visit date: 03/04/2026   Time in 10:05   Time out 10:55
Homebound status: requires assistance of 1 to leave home.
Wound R heel stage 3 pressure injury 2.1 x 1.4 cm, no odour. Dressing changed per orders.
BP 132/78, HR 80. Medications reviewed, pillbox filled. Next visit 03/06.
""",
    ),
    (
        "au-community-nursing-record",
        "other",
        """Community Nursing Visit Record
Eastern Districts Community Health     Date: 05/03/2026
Client seen at home for weekly leg ulcer care. Ulcer L medial malleolus 3 x 2 cm, granulating.
Compression bandaging reapplied. Client reports taking frusemide and metformin as prescribed.
Next visit 12/03/2026.
""",
    ),
    # --- portal, refill and call records
    (
        "us-portal-message-untitled",
        "other",
        """From: Patient (via MyChart)   Sent: 03/02/2026 21:14
Subject: Medication question
Hi Dr. Ruiz, since starting the lisinopril I have had a dry cough. Should I keep taking it?

From: Ruiz, Ana, MD   Sent: 03/03/2026 08:02
Please stop lisinopril. I have sent losartan 25 mg daily to your pharmacy. Check BP at home.
""",
    ),
    (
        "us-refill-encounter",
        "other",
        """Rx Refill Encounter
Date: 03/08/2026
Pharmacy request: atorvastatin 40 mg #90. Last office visit 11/2025, lipids at goal.
Approved x 1 with 3 refills. Patient due for annual exam in May.
""",
    ),
    (
        "us-tcm-two-day-call",
        "other",
        """Transitional Care Management - Interactive Contact (2 business days)
Call date: 03/11/2026   RN: D. Okafor
Discharged 03/09 from St. Brendan after CHF exacerbation. Patient reached by phone. Weight today
81.2 kg, stable. Has new torsemide at home and is taking it. TCM face-to-face visit booked
03/16 with Dr. Ruiz.
""",
    ),
    # --- pharmacist clinics and reconciliation forms
    (
        "uk-anticoagulation-clinic-pharmacist",
        "follow_up",
        """Anticoagulation Clinic - Pharmacist-led
Date: 04/03/2026
INR 3.4 (target 2.5). Warfarin 5 mg daily. Reports extra cranberry juice this week.
Dose: 4 mg today then alternate 5 mg / 4 mg. Next INR 11/03/2026.
""",
    ),
    (
        "us-pharmacist-hypertension-clinic-return",
        "follow_up",
        """Pharmacist Hypertension Management Clinic - Return Visit
Collaborative Practice Agreement with Dr. Ruiz
Date of visit: 03/12/2026
Home BP average 148/88. Amlodipine 5 mg increased to 10 mg per protocol. BMP in 2 weeks.
Return to pharmacist clinic in 4 weeks.
""",
    ),
    (
        "au-home-medicines-review",
        "consult",
        """Home Medicines Review (HMR) - Accredited Pharmacist Report
Referring GP: Dr. P. Nguyen     Date of interview: 06/03/2026
Reason for referral: 14 regular medicines, two falls, new confusion.
Findings: oxybutynin (anticholinergic burden), temazepam nightly, duplicate paracetamol products.
Recommendations to GP: consider ceasing oxybutynin; taper temazepam; single paracetamol product.
""",
    ),
    (
        "uk-discharge-prescription-tto",
        "discharge",
        """Discharge Prescription (TTO) - Pharmacy Reconciliation
Ward 14     Date of discharge: 20/02/2026
Medicine              Pre-admission   On discharge   Change
Ramipril 5 mg OD      yes             STOPPED        AKI
Furosemide 40 mg OM   no              NEW            fluid overload
Bisoprolol 2.5 mg OD  yes             continued
""",
    ),
    # --- letters to GPs
    (
        "uk-first-clinic-letter-to-gp",
        "consult",
        """Rheumatology Department, Royal Wessex Hospital
Clinic date: 09/02/2026

Dr M Evans
Hillside Surgery

Dear Dr Evans,

Re: Mrs Joan Pike, DOB 12/05/1958

Thank you for referring Mrs Pike, whom I saw in clinic today with six months of symmetrical
small joint pain and early morning stiffness. Anti-CCP is strongly positive. I have started
methotrexate 15 mg weekly with folic acid.

Yours sincerely,
Dr A Rahman, Consultant Rheumatologist
""",
    ),
    (
        "au-review-letter-to-gp",
        "follow_up",
        """Endocrine Outpatients, Bayside Hospital
Date: 04/03/2026

Dr P Nguyen
Coastal Family Practice

Dear Dr Nguyen,

Re: Mr Tom Barker

I reviewed Tom again in clinic today for his type 1 diabetes. HbA1c 7.4% from 8.1%. He is
using the pump well. No changes; review in 6 months.

Kind regards,
Dr L Chen, Endocrinologist
""",
    ),
    (
        "uk-gp-referral-letter",
        "other",
        """Hillside Surgery, 4 Church Lane
Date: 02/03/2026

Dear Colleague,

Re: Mr Peter Lowe, DOB 03/07/1950

I would be grateful if you could see this 75-year-old man with a 3-month history of exertional
chest tightness. ECG shows lateral T wave inversion. I have started aspirin 75 mg and
atorvastatin 80 mg and given GTN spray.

Yours faithfully,
Dr M Evans, GP
""",
    ),
    (
        "uk-discharge-letter-to-gp",
        "discharge",
        """Discharge Letter to GP - Acute Medical Unit, Wessex General
Admitted: 12/02/2026     Discharged: 15/02/2026

Dear Dr Evans,

Your patient Mrs Lily Shaw was admitted with a lower respiratory tract infection. She improved
on oral amoxicillin. Please complete a 5-day course and check her chest clinically in 6 weeks.
""",
    ),
    (
        "us-faxed-referral-to-new-patient-desk",
        "other",
        """FAX COVER SHEET
To:      Lakeside Cardiology - New Patient Referrals
From:    Dr. Ana Ruiz, Riverside Family Medicine
Date:    03/09/2026
Re:      Referral

Dear Dr. Osei,

I am referring Mr. Dale Finch, 58, for exertional chest pressure over 6 weeks. Stress ECG was
equivocal. I started aspirin 81 mg and metoprolol 25 mg BID. Thank you for seeing him.
""",
    ),
    (
        "us-specialist-return-letter-by-interval",
        "follow_up",
        """Lakeside Cardiology
March 10, 2026

Dr. Ana Ruiz
Riverside Family Medicine

Dear Dr. Ruiz,

I saw Mrs. Nadine Kowalczyk-Brennan in the heart failure clinic today for her six-month review
of ischemic cardiomyopathy. She is NYHA class II. I increased carvedilol to 12.5 mg BID.
""",
    ),
    # --- procedure and anaesthesia records
    (
        "uk-anaesthetic-record",
        "procedure",
        """Anaesthetic Record - Theatre 3, Wessex General
Date: 18/02/2026   ASA 2
Procedure: laparoscopic cholecystectomy
Induction: propofol 180 mg, fentanyl 100 mcg, rocuronium 50 mg. Maintenance sevoflurane.
Antiemetic: ondansetron 4 mg. Reversal: sugammadex 200 mg. Extubated awake.
""",
    ),
    (
        "au-day-procedure-unit-record",
        "procedure",
        """Day Procedure Unit - Gastroscopy Report
Date: 10/03/2026
Endoscopist: Dr R Singh     Sedation: propofol 150 mg (anaesthetist present)
Findings: LA grade B oesophagitis. Small hiatus hernia. Biopsies D2 for coeliac.
Recommendations: pantoprazole 40 mg daily for 8 weeks.
""",
    ),
    (
        "us-knee-injection-untitled-sections",
        "procedure",
        """Date of service: 03/05/2026
Procedure performed: right knee intra-articular corticosteroid injection.
Indication: osteoarthritis, right knee.
Consent was obtained; time-out performed. Skin prepped in sterile fashion.
Medication: triamcinolone 40 mg with 4 mL 1% lidocaine via lateral approach.
Complications: none. Patient tolerated the procedure well.
""",
    ),
    # --- after-visit summaries and instructions
    (
        "us-clinic-after-visit-summary",
        "follow_up",
        """After Visit Summary
Riverside Family Medicine     Visit date: 03/03/2026
Reason for visit: follow-up of high blood pressure.
Your blood pressure today: 128/80.
Medication changes: none. Continue lisinopril 20 mg daily.
Next appointment: 3 months.
""",
    ),
    (
        "us-ed-discharge-instructions",
        "emergency",
        """Emergency Department Discharge Instructions
Mercy Valley Hospital     Date of visit: 03/04/2026
You were seen today for an ankle sprain. X-rays showed no fracture.
Take ibuprofen 400 mg every 6 hours as needed. Use crutches and RICE.
Follow up with your primary care provider in 1 week.
""",
    ),
    (
        "us-hospital-discharge-avs",
        "discharge",
        """After Visit Summary - Hospital Discharge
St. Brendan Medical Center     Discharge date: 03/09/2026
You were admitted for a heart failure flare. Your weight at discharge: 80.5 kg.
START torsemide 20 mg daily. STOP furosemide.
Weigh yourself every morning. See Dr. Ruiz on 03/16.
""",
    ),
    # --- clinic nurse visits
    (
        "us-nurse-visit-bp-check",
        "other",
        """Nurse Visit - BP Check
Riverside Family Medicine     DOS: 03/06/2026
BP 138/86 (R arm seated), repeat 134/84. HR 72. Reports taking amlodipine daily.
Readings routed to Dr. Ruiz.
""",
    ),
    (
        "us-rn-diabetes-protocol-visit",
        "follow_up",
        """RN Diabetes Management Visit (standing order protocol)
Date of Service: 03/09/2026
S: Here for insulin titration. Fasting glucose 150-170 over 7 days on glargine 20 units.
O: BP 130/78, weight 94 kg.
A/P: Glargine increased to 22 units per protocol. Recheck log by phone in 1 week, RN visit in
4 weeks.
""",
    ),
    # --- other visits with no type of their own
    (
        "au-hospice-admission-visit",
        "admission",
        """Palliative Care Community Team - Admission Visit
Date: 02/03/2026
Referred by: oncology. Metastatic pancreatic cancer. Goals of care discussed; wishes to die at
home. Commenced on subcutaneous morphine via syringe driver. Breakthrough doses charted.
""",
    ),
]

# Look-alikes: documents naming the kinds above that are still of their own kind.
_NEGATIVES: list[tuple[str, str, str]] = [
    (
        "ed-note-hands-over-to-ward",
        "emergency",
        """ED Provider Note
Date of visit: 03/07/2026
HPI: 71F with cough and fever for 3 days.
ED course: ceftriaxone and azithromycin given. CXR RLL consolidation.
Disposition: admitted to medicine; handover given to the ward team.
""",
    ),
    (
        "follow-up-visit-referring-to-physio",
        "follow_up",
        """Office Visit
Date of service: 03/08/2026
Returns for follow-up of low back pain. Better on naproxen.
Exam: lumbar tenderness, SLR negative.
Plan: refer to physical therapy; return in 6 weeks.
""",
    ),
    (
        "consult-letter-field-set-apart",
        "consult",
        """Consultation Report
To:      Dr. Ana Ruiz
Date of service: 03/09/2026
Reason for consultation: exertional chest pressure.
Impression: stable angina; stress echocardiogram booked.
""",
    ),
    (
        "first-letter-saw-for-initial-review",
        "consult",
        """Lakeside Cardiology
March 10, 2026

Dear Dr. Ruiz,

Thank you for referring Mr. Dale Finch, whom I saw in clinic today. He describes six weeks of
exertional chest pressure. I have arranged a stress echocardiogram.
""",
    ),
    (
        "discharge-summary-naming-the-dietitian",
        "discharge",
        """Discharge Summary
Date of discharge: 03/10/2026
Hospital course: admitted with pancreatitis; seen by the dietitian and the physiotherapist.
Discharge medications: pantoprazole 40 mg daily.
""",
    ),
]


@pytest.mark.parametrize(
    ("expected", "text"),
    [pytest.param(p[1], p[2], id=p[0]) for p in _PROBES + _NEGATIVES],
)
def test_a_document_kind_gets_the_note_type_the_labelling_table_gives(
    expected: str, text: str
) -> None:
    assert analyse(text).note_type.value == expected
