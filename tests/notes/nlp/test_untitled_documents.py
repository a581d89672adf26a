"""Documents without a clean title are typed as a clinician reads them (docs/note-types.md):
by their structure (an examination and an assessment with a booked return; MDM beside a
disposition; discharge headings beside a stay told of), their setting (clinic, ward, walk-in,
telephone) and their stated reason ("Nurse Visit" for vaccines or for an injection). Each class
in several layouts, with the look-alikes that keep their own type."""

import pytest

from carechart.notes.nlp import analyse


def _type(text: str) -> str:
    return analyse(text, client_note_type=None).note_type.value


# --- an office visit of a known patient with no title: exam, assessment/plan, a booked return.
_UNTITLED_FOLLOW_UPS = [
    (
        "practice-header-a-p",
        """Northgate Family Medicine
Dr. Paul Ostrander

Date: 04/02/2025
Kenji Albright, 61 M

Blood sugars better since metformin was increased in January; fasting 120s. No lows.
Feet checked daily.

BP 132/80, HR 74, Wt 91 kg.
Monofilament intact both feet.

A/P
Type 2 diabetes - improving. Continue metformin 1000 mg twice daily. A1c today.
Hypertension - at goal on lisinopril.
Return in 3 months.
""",
    ),
    (
        "ehr-pipes-export",
        """OKAFOR, DELIA  |  F  |  47 y  |  MRN 220019
02/14/2025  Elm Street Health  |  R. Baptiste, PA-C

History of Present Illness
  Asthma has been quieter on the inhaled steroid; rescue inhaler twice a month.

Vitals
  BP 118/76  |  Pulse 80  |  SpO2 98%

Assessment and Plan
  Mild persistent asthma - controlled. Continue fluticasone 110 mcg two puffs twice daily.
  RTC 6 months, sooner if symptoms flare.
""",
    ),
    (
        "impression-plan-dictation",
        """Patient: Harlan Voss    DOB: 03/09/1955
Date of service: 09/30/2025

Mr. Voss has gout; no flares since allopurinol reached 300 mg. Urate 5.4 last month.

Exam: BP 128/78. No tophi, no synovitis of the first MTPs.

Impression: Gout, at target urate.
Plan: Continue allopurinol 300 mg daily. Follow-up in 6 months with a urate level.
""",
    ),
    (
        "soap-letters",
        """Westbrook Internal Medicine
S: Thyroid follow-up. Energy better on the new dose, no palpitations.
O: BP 122/70, HR 68. Thyroid not enlarged.
A: Hypothyroidism, on levothyroxine 100 mcg.
P: Continue levothyroxine 100 mcg. TSH in 6 weeks. See her again in 4 months.
""",
    ),
]


@pytest.mark.parametrize(("name", "text"), _UNTITLED_FOLLOW_UPS)
def test_an_untitled_office_visit_with_a_booked_return_is_a_follow_up(name: str, text: str) -> None:
    assert _type(text) == "follow_up", name


# --- look-alikes: a first walk-in visit, a call, a ward day, an offer to return if needed.
_NOT_FOLLOW_UPS = [
    (
        "walk-in-acute-visit",
        "other",
        """Harbour Walk-In Clinic
Patient: Tess Morrow, 29 F

S:
Sore throat and fever for 2 days, no cough.
O:
T 38.4 C, BP 116/72. Tonsillar exudate, tender anterior nodes.
A:
Streptococcal pharyngitis, rapid strep positive.
P:
Amoxicillin 500 mg twice daily for 10 days. Return in 3 days if no better.
""",
    ),
    (
        "conditional-return-only",
        "other",
        """Patient: Ola Brenner   DOB 02/02/1991

Twisted her left ankle stepping off a kerb yesterday; walking with a limp.

Exam: BP 120/74. Tender over the ATFL, no bony tenderness, Ottawa rules negative.

Assessment: Left ankle sprain.
Plan: Ice, elevation, ibuprofen 400 mg three times daily with food. Recheck in 2 weeks if still
painful.
""",
    ),
    (
        "untitled-telephone-call",
        "other",
        """Patient called the office on 05/06/2025 about home readings.
BP 150/92 at home this week.
Assessment: Hypertension above goal.
Plan: Increase amlodipine to 10 mg daily. Return in 2 weeks for a nurse BP check.
""",
    ),
    (
        "untitled-ward-day",
        "progress",
        """Hospital day 3, 4 West
Afebrile overnight, tolerating diet.
Exam: BP 124/70, HR 80. Lungs with fewer crackles.
Assessment/Plan: Pneumonia, improving. Continue ceftriaxone. Follow-up in 1 week after discharge.
""",
    ),
]


@pytest.mark.parametrize(("name", "expected", "text"), _NOT_FOLLOW_UPS)
def test_visits_that_are_no_known_patients_return_keep_their_type(
    name: str, expected: str, text: str
) -> None:
    assert _type(text) == expected, name


# --- "Nurse Visit": its stated reason decides.
@pytest.mark.parametrize(
    "text",
    [
        "Cedar Park Clinic - Nurse Visit\nDate: 10/02/2025\n\nReason for visit: Vaccines only"
        " (influenza, COVID-19).\nNo fever today.\nFluarix 0.5 mL IM left deltoid, lot FL22.\n",
        "NURSE VISIT\nPine Hollow Pediatrics\nReason for visit: shots for kindergarten.\n"
        "DTaP and IPV given IM, VIS given, observed 15 minutes.\n",
        "RN Visit - Westfield Primary Care\nChief complaint: Flu shot.\nInfluenza vaccine given"
        " IM right deltoid. Tolerated well.\n",
    ],
)
def test_a_nurse_visit_for_vaccines_is_an_immunization_visit(text: str) -> None:
    assert _type(text) == "immunization"


@pytest.mark.parametrize(
    "text",
    [
        "NURSE VISIT\nDunmore Clinic\nDOS: 12/09/2025\n\nHere for monthly B12 injection per"
        " standing order (Dr. Osei). Pernicious anemia since 2021.\nBP 126/78. Cyanocobalamin"
        " 1000 mcg given IM left deltoid. Next injection due in 4 weeks.\n",
        "Nurse Visit - Lakeside Women's Health\nReason for visit: Depo-Provera injection, due"
        " today.\nUrine hCG negative. Medroxyprogesterone 150 mg IM given right gluteal.\n",
        "Nurse-only visit\nReason for visit: blood pressure check after dose change.\n"
        "BP 134/82, HR 70 seated. Reported to Dr. Lin, no change for now.\n",
    ],
)
def test_a_nurse_visit_for_anything_else_is_other(text: str) -> None:
    assert _type(text) == "other"


# --- a nurse's shift or progress note: on the ward, that day's progress note.
@pytest.mark.parametrize(
    "text",
    [
        "NURSING PROGRESS NOTE - 6 North\n05/03/2026 0700-1900\nPt: 79F, Rm 614. Admit dx: CHF."
        " HD 3.\nAssessment: Lungs with bibasal crackles; 2 L NC.\nPlan: Daily weight.\n",
        "RN Shift Note   Bed 12, Step-down Unit\nDate: 07/11/2025\nAssessment: Alert, oriented."
        " Pain 3/10 at incision.\nPlan: Ambulate twice this shift.\n",
        "Nurses progress note\nRoom 3021   Hospital day 2\nAssessment: Afebrile, tolerating"
        " clears.\nPlan: Advance diet as tolerated.\n",
    ],
)
def test_a_nurses_shift_note_on_the_ward_is_a_progress_note(text: str) -> None:
    assert _type(text) == "progress"


def test_a_nursing_progress_note_without_a_ward_stays_other() -> None:
    text = (
        "Nursing Progress Note\nSunrise Home Health\nPatient reports less swelling.\n"
        "Assessment: Trace ankle edema.\nPlan: Continue furosemide; recheck weight Friday.\n"
    )
    assert _type(text) == "other"


# --- an ED note without its usual title: decision-making beside a disposition.
@pytest.mark.parametrize(
    "text",
    [
        """St. Brigid Medical Center
Patient: Arlo Finch   Arrived 02:14

HPI: 44M with sudden right flank pain radiating to the groin, vomiting twice.
Exam: BP 150/90, HR 104. Right CVA tenderness.

MDM: Likely ureteric stone. CT shows a 4 mm right UVJ stone without hydronephrosis.
Ketorolac 15 mg IV given with relief.

Disposition: Discharged home with tamsulosin, strainer, urology follow-up.
""",
        """Patient: Mina Sato    DOB 1988-04-02
Chief complaint: Wrist injury after a fall on ice.
X-ray: nondisplaced distal radius fracture.
Medical Decision Making: Closed fracture, neurovascularly intact; splinted.
Disposition: Home; orthopaedics clinic in 1 week.
""",
        """HISTORY: 70F with chest pressure for 1 hour.
PHYSICAL EXAM: BP 168/94, diaphoretic.
MEDICAL DECISION-MAKING: ECG with ST depression, troponin 0.9. NSTEMI.
DISPOSITION: Admitted to cardiology, heparin started.
""",
    ],
)
def test_an_untitled_ed_note_with_mdm_and_a_disposition_is_emergency(text: str) -> None:
    assert _type(text) == "emergency"


# --- discharge instructions handed to the patient, without the usual title.
@pytest.mark.parametrize(
    "text",
    [
        """Patient: Rosa Lindqvist
You were admitted for a kidney infection and treated with IV antibiotics.

Discharge Medications:
- Cephalexin 500 mg four times daily for 7 more days.

Discharge Instructions:
Drink plenty of fluids. Call if fever returns.
""",
        """Medications at discharge: metoprolol 25 mg twice daily (new).
During your stay your heart rhythm was controlled.
Discharge instructions: Check your pulse daily. See Dr. Ames in 1 week.
""",
    ],
)
def test_untitled_discharge_instructions_after_a_stay_are_discharge(text: str) -> None:
    assert _type(text) == "discharge"


def test_ed_discharge_instructions_without_a_stay_are_not_a_discharge() -> None:
    text = (
        "You were seen today for a sprained ankle.\n\nDischarge Medications:\n"
        "- Ibuprofen 400 mg every 6 hours as needed.\n\nDischarge Instructions:\n"
        "Rest, ice and elevate. Return if you cannot bear weight.\n"
    )
    assert _type(text) != "discharge"


# --- neighbours that were right stay right.
@pytest.mark.parametrize(
    ("expected", "text"),
    [
        (
            "admission",
            "Reason for admission: Community-acquired pneumonia.\nHistory of Present Illness:"
            " 3 days of cough and fever.\nExam: BP 110/60.\n"
            "Plan: Admit to medicine, ceftriaxone.\n",
        ),
        (
            "progress",
            "Interval events: Afebrile overnight on telemetry.\nExam: BP 120/70.\n"
            "Assessment and Plan: Continue diuresis.\n",
        ),
        (
            "follow_up",
            "Office Visit\nDate: 03/03/2025\nHPI: Here for follow-up of hypertension.\n"
            "BP 130/80.\nPlan: Continue lisinopril.\n",
        ),
        (
            "procedure",
            "Joint Injection (Procedure Note)\nIndication: Knee osteoarthritis.\n"
            "Triamcinolone 40 mg injected into the right knee under sterile technique.\n",
        ),
        (
            "consult",
            "Consultation - Dr. A. Rahman\nReason for consultation: Anemia.\n"
            "Assessment: Iron deficiency. Plan: IV iron. Return in 6 weeks.\n",
        ),
        (
            "other",
            "TELEPHONE ENCOUNTER\nPatient called about a rash.\nBP 120/80 at home.\n"
            "Assessment: Contact dermatitis. Plan: Hydrocortisone cream. Return in 2 weeks.\n",
        ),
    ],
)
def test_titled_and_structured_neighbours_keep_their_type(expected: str, text: str) -> None:
    assert _type(text) == expected


# --- a place named after the visit it holds: an infusion suite's treatment visit.
@pytest.mark.parametrize(
    "text",
    [
        "RIVERTON CANCER CENTER - INFUSION SUITE\nTreatment Visit Note\nPaclitaxel 80 mg/m2 IV"
        " given over 1 hour, premedicated with dexamethasone.\nTolerated without reaction.\n",
        "Lakeside Infusion Center\nVisit Note\nInfliximab 5 mg/kg IV infused over 2 hours.\n"
        "Vitals stable throughout. Next infusion in 8 weeks.\n",
    ],
)
def test_a_treatment_visit_in_an_infusion_suite_is_a_procedure(text: str) -> None:
    assert _type(text) == "procedure"


def test_a_physician_cycle_visit_in_an_infusion_centre_stays_a_follow_up() -> None:
    text = (
        "Northside Infusion Center\nC3D1 - Oncology Visit\nTolerating FOLFOX, grade 1 neuropathy."
        "\nBP 118/70.\nPlan: Proceed with cycle 3 today.\n"
    )
    assert _type(text) == "follow_up"
