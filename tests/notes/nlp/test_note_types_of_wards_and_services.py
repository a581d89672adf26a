"""Note types of documents the labelled sets hold few of: dialysis units, the newborn nursery,
nurses' ward notes, dental and home-health records, handovers during a stay, specialty clinic
visits, and an admitting physician's workup that recaps the emergency department. Each rule is
held by a document of its kind and by a look-alike that is another kind."""

import pytest

from carechart.notes.nlp import analyse

_CASES: list[tuple[str, str, str]] = [
    # How often dialysis runs ("HD 3x/week") is no day of a hospital stay ("HD 3").
    (
        "dialysis-rounds-thrice-weekly",
        "follow_up",
        """Outpatient Dialysis Unit - Physician Rounding Note
Date of service: 02/10/2027
ESRD on HD 3x/week via right arm graft. Pre-weight 90.2 kg, EDW 88 kg.
Plan: lower EDW to 87.5 kg; iron per protocol.
""",
    ),
    (
        "dialysis-rounds-on-the-ward",
        "progress",
        """Nephrology Dialysis Rounding Note
Date: 02/10/2027
HD #3 of admission for pneumonia; inpatient dialysis today in the unit.
Plan: UF 2 L, recheck potassium tonight.
""",
    ),
    # A newborn's day in the nursery is a day of a stay; a well-baby visit is a check-up.
    (
        "nursery-note",
        "progress",
        """Well Baby Nursery Note
Date: 06/02/2027
DOL 1, term female, feeding at breast every 2-3 hours, 3 voids and 2 stools.
Plan: hearing screen today, discharge with mother tomorrow.
""",
    ),
    (
        "well-baby-visit",
        "annual_physical",
        """Well Baby Visit - 2 weeks
Date: 06/16/2027
Back to birth weight. Feeding well. Anticipatory guidance given.
""",
    ),
    (
        "newborn-progress-note",
        "progress",
        """Newborn Nursery Progress Note
Date of service: 06/02/2027
Day of life 2. Bilirubin 8.1 at 36 hours, low risk zone.
""",
    ),
    # A nurse's note of a day on a ward is that day's progress note; a home visit's is not.
    (
        "ward-nursing-note",
        "progress",
        """NURSING NOTE - 3 East Surgical, Bed 14
Date: 08/22/2027  Shift: 1900-0700
Slept well, pain 3/10 after oxycodone at 2200. Dressing dry and intact. Voiding.
""",
    ),
    (
        "home-nursing-note",
        "other",
        """Home Health Nursing Note
Visit date: 08/22/2027
Homebound. Wound to the left shin measured 3 x 2 cm, dressing changed. Teaching on diet.
""",
    ),
    # A dentist's visit is no medical visit; an oral surgeon's operation is a procedure.
    (
        "dental-progress-note",
        "other",
        """Dental Progress Note
Date: 03/03/2027
Periodic oral evaluation and prophylaxis. New caries on tooth #14; filling next visit.
""",
    ),
    (
        "oral-surgery-note",
        "procedure",
        """Oral Surgery Procedure Note
Date of procedure: 03/03/2027
Procedure: surgical extraction of tooth #17 under local anesthesia. EBL minimal.
""",
    ),
    # "Dept" is the emergency department as well as "Department".
    (
        "emergency-dept-header",
        "emergency",
        """RIVERVIEW GENERAL HOSPITAL - EMERGENCY DEPT
Physician Documentation
Date of service: 11/11/2027
CC: fall from a ladder, right wrist pain.
""",
    ),
    (
        "emergency-dept-named-in-a-clinic-visit",
        "follow_up",
        """Hospital Follow-up Visit
Date: 11/18/2027
Seen in the Emergency Dept on 11/11 for a right wrist fracture, splinted. Pain improving.
""",
    ),
    (
        "immediate-care-centre",
        "emergency",
        """Lakeside Immediate Care
Date of visit: 01/05/2027
CC: cough and fever for 2 days.
""",
    ),
    # Handovers and events during a stay are days of it; a summary of the stay ends it.
    (
        "off-service-note",
        "progress",
        """Off-Service Note
Date: 04/30/2027
MSSA bacteremia on cefazolin, day 7 of 42; TEE negative; PICC placed.
""",
    ),
    (
        "event-note",
        "progress",
        """Rapid Response Event Note
Date: 04/30/2027
Called for hypotension to 78/40; 1 L bolus given, BP 104/62 after.
""",
    ),
    (
        "interim-discharge-summary",
        "discharge",
        """Interim Discharge Summary
Date of discharge: 04/30/2027
Hospital course: MSSA bacteremia treated with cefazolin.
""",
    ),
    # A home-health agency's first visit takes the patient on; its later visits are care.
    (
        "home-health-start-of-care",
        "admission",
        """Home Health Start of Care (OASIS) Visit
Date of visit: 05/14/2027
Referred after a hospital stay for heart failure. Homebound. Medications reconciled.
""",
    ),
    (
        "home-health-routine-visit",
        "other",
        """Home Health Skilled Nursing Visit
Date of visit: 05/21/2027
Weight stable, lungs clear, taking furosemide as ordered.
""",
    ),
    # "PT" opening a title is the therapy; "Pt" opening a line is the patient.
    (
        "pt-treatment-note",
        "physical_therapy",
        """PT Daily Treatment Note
Date of service: 07/07/2027
Manual therapy 20 min to the lumbar spine, tolerated well.
""",
    ),
    (
        "pt-the-patient",
        "follow_up",
        """Pt here today for follow-up of hypertension. BP 132/80 on amlodipine.
Plan: continue amlodipine, return in 6 months.
""",
    ),
    # A visit named by its clinic's specialty is an office visit, whatever else the title says.
    (
        "specialty-visit",
        "follow_up",
        """Medication Review / Geriatric Visit
Visit date: 09/09/2027
CHIEF CONCERN: dizziness on standing. Nine medications reviewed with her son.
""",
    ),
    (
        "pharmacist-review",
        "other",
        """Pharmacist Visit - Medication Review
Date: 09/09/2027
Brown-bag review of nine medications; adherence aids discussed.
""",
    ),
    # An admitting physician's workup recaps the ED course and writes the ward's orders.
    (
        "admission-workup-after-the-ed",
        "admission",
        """HISTORY OF PRESENT ILLNESS: 70-year-old man with 3 days of fever and productive cough.
EMERGENCY DEPARTMENT COURSE: Given ceftriaxone and azithromycin, 1 L saline.
PAST MEDICAL HISTORY: Hypertension.
REVIEW OF SYSTEMS: Otherwise negative.
PHYSICAL EXAMINATION: T 38.6, RR 24, crackles at the right base.
ASSESSMENT AND PLAN: Community-acquired pneumonia. Admit to telemetry. Continue antibiotics.
Enoxaparin for DVT prophylaxis. Full code.
""",
    ),
    (
        "ed-note-that-admits",
        "emergency",
        """HISTORY OF PRESENT ILLNESS: 70-year-old man with 3 days of fever and productive cough.
ED COURSE: Given ceftriaxone and azithromycin, 1 L saline.
PHYSICAL EXAMINATION: T 38.6, RR 24, crackles at the right base.
ASSESSMENT AND PLAN: Community-acquired pneumonia. Admit to telemetry. Full code.
DISPOSITION: Admitted to the hospitalist service.
""",
    ),
]


@pytest.mark.parametrize(
    ("expected", "text"), [(t, x) for _, t, x in _CASES], ids=[c[0] for c in _CASES]
)
def test_each_document_gets_the_kind_a_clinician_reads(expected: str, text: str) -> None:
    assert analyse(text).note_type.value == expected


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        # A form's choice of visit names both choices: the value says which.
        (
            "follow_up",
            "RIVERSIDE DERMATOLOGY\nNew consult / established pt: established\n"
            "Date of service: 03/02/2027\nCC: eczema not better after 4 weeks of "
            "triamcinolone.\nDiscussed dupilumab at last visit.",
        ),
        (
            "consult",
            "RIVERSIDE DERMATOLOGY\nDermatology consult\nDate of service: 03/02/2027\n"
            "CC: new rash on the trunk for 2 weeks.",
        ),
        # A trial of treatment told by its length makes a return visit.
        (
            "follow_up",
            "Date of service: 03/02/2027\nCC: knee pain not better after six weeks of "
            "naproxen.\nExam: effusion of the right knee.\nPlan: aspirate.",
        ),
        (
            "consult",
            "Date of service: 03/02/2027\nReason for referral: knee pain not better after six"
            " weeks of naproxen.\nReferred by: Dr. Ortiz (PCP).",
        ),
    ],
)
def test_the_reason_for_the_visit_says_whether_it_is_a_return(expected: str, text: str) -> None:
    assert analyse(text).note_type.value == expected
