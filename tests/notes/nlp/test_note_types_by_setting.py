"""Note types of visits in the settings a chart collects them from: infusion chairs, dialysis
units, prenatal and anticoagulation clinics, psychiatry, video visits, nursing facilities, the
ICU and the step-down unit, allergy challenges, wound clinics, annual physicals with vaccines,
consultation letters. Each gets the kind LABELLING.md gives it, never another specific kind."""

import pytest

from carechart.notes.nlp import analyse

_CASES: list[tuple[str, str, str]] = [
    (
        # The labelled sets type a treatment in the infusion suite as a procedure.
        "infusion-chair",
        "procedure",
        """INFUSION CENTER VISIT
Date of Service: 09/04/2026     Chair 6
Crohn's disease in remission, here for maintenance infliximab, dose 5.
Vitals: BP 122/76, HR 70, T 36.7.
Infliximab 400 mg IV given over 2 hours, tolerated well.
PLAN: Next infusion in 8 weeks.
""",
    ),
    (
        "hemodialysis-unit",
        "follow_up",
        """HEMODIALYSIS UNIT NOTE
Treatment Date: 09/04/2026
ESRD on HD MWF via left AVF. Seen chairside during the run.
Pre-weight 82.1 kg, EDW 80 kg. BP 150/88.
ASSESSMENT/PLAN: ESRD - continue current prescription, UF goal 2 L.
""",
    ),
    (
        # An EMS "run sheet" is an ambulance record; a dialysis run sheet is a session's record.
        "dialysis-run-sheet",
        "follow_up",
        """Hemodialysis run sheet
Date of treatment: 09/04/2026
Pre-weight 82.1 kg   Post-weight 80.2 kg   BFR 400   DFR 600
Assessment: ESRD, tolerated treatment, no cramping.
""",
    ),
    (
        "prenatal",
        "follow_up",
        """PRENATAL VISIT
Visit date: 04/02/2026
G2P1 at 28w3d. Good fetal movement. No contractions, leakage or bleeding.
BP 112/70, weight 68 kg. FHR 142. Fundal height 28 cm.
Glucose tolerance test today. Tdap discussed.
PLAN: Return in 2 weeks.
""",
    ),
    (
        "anticoagulation-pharmacist",
        "follow_up",
        """ANTICOAGULATION CLINIC - PHARMACIST VISIT
Date of visit: 03/10/2026
Indication: atrial fibrillation. Goal INR 2-3.
INR today 1.8 (POC). No missed doses. No bleeding.
Warfarin 5 mg daily except 7.5 mg Mon/Fri; increase weekly dose by 5%.
Recheck INR in 1 week.
""",
    ),
    (
        "coumadin-clinic",
        "follow_up",
        """Coumadin Clinic Note
DOS: 05/06/2026
Indication: mechanical mitral valve, goal INR 2.5-3.5. INR 3.1.
Warfarin: continue 6 mg daily. Next INR check in 4 weeks.
""",
    ),
    (
        "psychiatry-medication-management",
        "follow_up",
        """PSYCHIATRY MEDICATION MANAGEMENT
Date of Service: 03/10/2026
Major depressive disorder, recurrent. Mood better on sertraline 100 mg; sleep improved.
Denies SI/HI. MSE: calm, linear, euthymic.
PLAN: Continue sertraline 100 mg daily. Return in 6 weeks.
""",
    ),
    (
        "telehealth-follow-up",
        "follow_up",
        """TELEHEALTH FOLLOW-UP
Date of Service: 05/12/2026
Visit conducted via video; patient at home, consent obtained.
Type 2 diabetes: home glucose 110-150.
PLAN: Continue metformin 1000 mg twice daily. Video visit in 3 months.
""",
    ),
    (
        "snf-admission",
        "admission",
        """SKILLED NURSING FACILITY ADMISSION NOTE
Date of Admission: 02/20/2026
Admitted from St. Luke's Hospital after hip fracture repair for rehabilitation.
HISTORY: 82-year-old woman s/p ORIF right hip 02/15/2026.
PLAN: PT/OT, enoxaparin 40 mg daily for DVT prophylaxis, acetaminophen for pain.
""",
    ),
    (
        "icu-transfer",
        "progress",
        """ICU TRANSFER NOTE
Date of transfer: 01/19/2026
Transferred from the medical ICU to the floor. Septic shock resolved; off norepinephrine.
Hospital course: E. coli bacteremia treated with ceftriaxone.
PLAN: Continue ceftriaxone, PT evaluation, advance diet.
""",
    ),
    (
        "step-down-progress",
        "progress",
        """STEP-DOWN UNIT PROGRESS NOTE
Date: 01/20/2026
Hospital day 4. No events overnight. On heparin drip for PE.
PLAN: Transition to apixaban tomorrow.
""",
    ),
    (
        "drug-challenge",
        "procedure",
        """DRUG CHALLENGE PROCEDURE NOTE
Date of Procedure: 06/03/2026
Indication: remote penicillin allergy (childhood rash), low risk.
Procedure: graded oral amoxicillin challenge, 50 mg then 450 mg, observed 60 minutes.
Impression: tolerated amoxicillin; penicillin allergy removed.
""",
    ),
    (
        "wound-care",
        "follow_up",
        """WOUND CARE CLINIC VISIT
Date of Service: 07/14/2026
Diabetic foot ulcer, left plantar first MTP, 1.2 x 0.8 cm, granulating, smaller than last week.
Dressing: silver alginate.
PLAN: Offloading boot, return weekly.
""",
    ),
    (
        "annual-physical-with-vaccines",
        "annual_physical",
        """ANNUAL PHYSICAL EXAM
Date of Service: 10/01/2026
Well adult visit. No complaints. Exam normal. BMI 26.
Immunizations given today: influenza vaccine, Tdap booster.
PLAN: Colonoscopy due next year; fasting lipids ordered.
""",
    ),
    (
        "consult-letter",
        "consult",
        """Dear Dr. Patel,
Thank you for referring Mr. James Hill, whom I saw in the cardiology clinic on 04/02/2026
for palpitations. ECG showed sinus rhythm; a Holter monitor is arranged.
I have started metoprolol 25 mg twice daily.
Yours sincerely,
Dr. A. Grant, Cardiology
""",
    ),
]


@pytest.mark.parametrize(
    ("expected", "text"), [(t, x) for _, t, x in _CASES], ids=[c[0] for c in _CASES]
)
def test_each_setting_gets_its_labelled_kind(expected: str, text: str) -> None:
    assert analyse(text).note_type.value == expected


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        # An ambulance crew's run sheet is still an emergency record.
        (
            "emergency",
            "EMS Run Sheet\nDispatch: 14:02  Arrival on scene: 14:11\n"
            "Chief complaint: chest pain. ASA 324 mg given en route.",
        ),
        # An anticoagulation start in a hospital discharge stays a discharge summary.
        (
            "discharge",
            "DISCHARGE SUMMARY\nDischarge Date: 01/08/2026\nHOSPITAL COURSE: New AF.\n"
            "Referred to the anticoagulation clinic for INR checks.\n"
            "DISCHARGE MEDICATIONS: warfarin 5 mg daily.",
        ),
    ],
)
def test_the_setting_words_do_not_take_over_other_documents(expected: str, text: str) -> None:
    assert analyse(text).note_type.value == expected
