"""Follow-ups and lab results as real documents write them, each with what a reader takes from it.

Written for these tests (never copied from the evaluation notes); `test_plan_and_lab_phrasings`
asserts each case, and the same table measures recall and precision of the rules.
"""

from datetime import date

# Encounter Thursday 2025-03-06 unless the note says otherwise.
VISIT = "Date of Service: 03/06/2025\n"
TAKEN = date(2025, 3, 6)
# A discharge's appointment table: one visit per line, each its own follow-up.
APPOINTMENTS = (
    VISIT + "FOLLOW-UP APPOINTMENTS:\n  Endocrinology - Priya Raman, MD\n"
    "     Tuesday 03/18/2025 at 2:00 PM\n  Vascular surgery clinic - 2 weeks\n"
)

# (note text, words the follow-up must contain, due date or None)
FOLLOW_UPS: list[tuple[str, str, date | None]] = [
    (VISIT + "Plan:\nReturn to clinic in 3 months.", "return to clinic", date(2025, 6, 6)),
    (VISIT + "Plan:\n- RTC 2 wk", "RTC", date(2025, 3, 20)),
    (VISIT + "Plan:\nF/u with Dr. Lindqvist in 1-2 weeks.", "Lindqvist", date(2025, 3, 13)),
    (VISIT + "Plan:\nFollow up with PCP within 7 days.", "PCP", date(2025, 3, 13)),
    # A day without its year is the next such day (this visit is in March 2025).
    (VISIT + "Plan:\nSee cardiology as scheduled on 3/12.", "cardiology", date(2025, 3, 12)),
    (VISIT + "Plan:\nSee nephrology as scheduled.", "nephrology", None),
    (
        VISIT + "Appointments: Neurology 03/20/2025 10:30 AM",
        "Neurology",
        date(2025, 3, 20),
    ),
    (
        APPOINTMENTS,
        "Endocrinology",
        date(2025, 3, 18),
    ),
    (
        APPOINTMENTS,
        "Vascular surgery",
        date(2025, 3, 20),
    ),
    (VISIT + "Plan:\n- Repeat CBC in 1 week.", "CBC", date(2025, 3, 13)),
    (VISIT + "Plan:\n- Labs prior to next visit.", "labs", None),
    (VISIT + "Plan:\n- Recheck BMP Monday.", "BMP", date(2025, 3, 10)),
    (VISIT + "Plan:\n- Next dialysis Thursday.", "dialysis", date(2025, 3, 13)),
    (VISIT + "Plan:\n- Call if fever > 101 or wound drainage.", "call", None),
    (VISIT + "Plan:\n- Refer to PT for gait training.", "PT", None),
    (VISIT + "Plan:\n- Referral placed to GI.", "GI", None),
    (VISIT + "Plan:\n- Schedule colonoscopy.", "colonoscopy", None),
    (
        VISIT + "Discharge Instructions:\nMake an appointment with your surgeon in 2 weeks.",
        "surgeon",
        date(2025, 3, 20),
    ),
    (
        "CHIEF COMPLAINT:,  Knee pain.,ASSESSMENT:,  Osteoarthritis.,PLAN:,  Follow up in 6 weeks"
        " for injection. Obtain knee x-rays.",
        "injection",
        date(2025, 4, 17),
    ),
    (
        VISIT + "PLAN: THE PATIENT WILL RETURN TO CLINIC IN FOUR WEEKS. WE WILL OBTAIN AN MRI OF"
        " THE LUMBAR SPINE.",
        "return to clinic",
        date(2025, 4, 3),
    ),
    (
        VISIT + "Plan:\n1. Heart failure\n   a. Daily weights.\n   b. BMP in 3 days.\n"
        "2. Atrial fibrillation\n   a. Follow up with EP in 1 month.",
        "EP",
        date(2025, 4, 6),
    ),
    (
        VISIT + "Plan:\n1. Heart failure\n   a. Daily weights.\n   b. BMP in 3 days.\n",
        "BMP",
        date(2025, 3, 9),
    ),
    (
        VISIT + "Plan:\n- Return in 3 months.\n- Fasting labs 1 week prior.",
        "fasting labs",
        date(2025, 5, 30),
    ),
    (VISIT + "Plan:\n- Wound check today in clinic.", "wound check", date(2025, 3, 6)),
    # No labelled date: the date the client sent the note dates it.
    ("Plan:\nRTC 4 weeks.", "RTC", date(2025, 4, 3)),
]

# (note text, {name: (value, unit)} expected; nothing else may be read as a result)
LABS: list[tuple[str, dict[str, tuple[float, str | None]]]] = [
    (
        "Labs:\nNa 138, K 4.1, Cl 101, CO2 24, BUN 18, Cr 1.1, Glucose 96",
        {
            "Sodium": (138, None),
            "Potassium": (4.1, None),
            "Chloride": (101, None),
            "Bicarbonate": (24, None),
            "BUN": (18, None),
            "Creatinine": (1.1, None),
            "Glucose": (96, None),
        },
    ),
    (
        "Labs: BMP: 138/4.1/101/24/18/1.1/96",
        {
            "Sodium": (138, None),
            "Potassium": (4.1, None),
            "Chloride": (101, None),
            "Bicarbonate": (24, None),
            "BUN": (18, None),
            "Creatinine": (1.1, None),
            "Glucose": (96, None),
        },
    ),
    ("Labs: Hgb 9.8 (L), WBC 12.3 H", {"Hemoglobin": (9.8, None), "WBC": (12.3, None)}),
    ("Labs: Troponin <0.01, eGFR >60", {"Troponin": (0.01, None), "eGFR": (60, None)}),
    ("Results: A1c 7.9%. LDL 142 mg/dL.", {"HbA1c": (7.9, "%"), "LDL": (142, "mg/dL")}),
    ("Labs: Cr 1.9 -> 1.4 today.", {"Creatinine": (1.4, None)}),
    (
        "LABORATORY DATA:\nTest            Result   Flag   Ref range      Units\n"
        "Sodium          131      L      135-145        mmol/L\n"
        "Hemoglobin      10.2     L      13.5-17.5      g/dL\n"
        "Platelets       420      H      150-400        K/uL\n",
        {"Sodium": (131, "mmol/L"), "Hemoglobin": (10.2, "g/dL"), "Platelets": (420, "K/uL")},
    ),
    (
        "Labs: Uric acid 8.4 mg/dL, vitamin B12 180 pg/mL, ferritin 12 ng/mL",
        {"Uric acid": (8.4, "mg/dL"), "Vitamin B12": (180, "pg/mL"), "Ferritin": (12, "ng/mL")},
    ),
    ("Progress Note\nResults:\nLabs drawn 03/04/2025: TSH 6.2", {"TSH": (6.2, None)}),
    ("Results:\nHgb (g/dL)    7.1 (L)    7.6    8.4", {"Hemoglobin": (8.4, "g/dL")}),
    ("Goal LDL < 70. Normal range potassium 3.5-5.0.", {}),
]

# Items whose time is their own even when written in one sentence.
FOLLOW_UPS += [
    (
        VISIT + "Plan:\n- Clear liquids today, advance to regular diet tomorrow if tolerated.",
        "regular diet",
        date(2025, 3, 7),
    ),
    (VISIT + "Plan:\n- NPO after midnight for colonoscopy in AM.", "colonoscopy", date(2025, 3, 7)),
    (VISIT + "Dispo: floor. PT/OT consult placed.", "PT/OT", None),
]
