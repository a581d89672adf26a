"""Medication status read from where EHRs and forms put it (probes written and labelled before
the code ran): a "Taking?" or Status column of a list aligned with spaces or split by bars, a
regimen dosed weeks or months apart whose dose was given at the visit, and the agent of a
clinic's procedure note."""

import pytest

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import medication

_S = MedicationStatus

TAKING_ALIGNED = """\
OFFICE VISIT - Internal Medicine
Date of Service: 04/10/2025

Current Outpatient Medications
Medication                          Sig                         Taking?
lisinopril 10 mg tablet             1 tab PO daily              Yes
gabapentin 300 mg capsule           1 cap PO TID                No - never started
atorvastatin 40 mg tablet           1 tab PO nightly            Not taking
metformin 500 mg tablet             1 tab PO BID                Taking differently
sertraline 50 mg tablet             1 tab PO daily              Yes

Assessment and Plan:
1. Hypertension: BP at goal.
"""

TAKING_WRAPPED = """\
Medication                     Instructions                         Taking?
levetiracetam (KEPPRA) 500 mg  Take 1 tablet by mouth twice daily   Yes
tablet
topiramate (TOPAMAX) 25 mg     Take 1 tablet by mouth at bedtime    No - never
tablet                                                              started
lamotrigine (LAMICTAL) 100 mg  Take 1 tablet by mouth twice daily   Taking
tablet                                                              differently
"""

TAKING_BARS = """\
Medication Review
| Medication | Dose | Frequency | Patient taking? |
| Amlodipine | 5 mg | daily | Yes |
| Pregabalin | 75 mg | BID | No - never started (cost) |
| Omeprazole | 20 mg | daily | No |
| Tramadol | 50 mg | q6h PRN | PRN |
"""

STATUS_ALIGNED = """\
MEDICATIONS
Name                      Dose        Status
Furosemide                40 mg       Active
Spironolactone            25 mg       Discontinued 03/02/2025
Carvedilol                6.25 mg     On hold
"""


@pytest.mark.parametrize(
    ("text", "drug", "status"),
    [
        (TAKING_ALIGNED, "lisinopril", _S.CONTINUED),
        # A prescription never filled or stopped before the visit: not taken, not begun now.
        (TAKING_ALIGNED, "gabapentin", _S.HISTORICAL),
        (TAKING_ALIGNED, "atorvastatin", _S.HISTORICAL),
        (TAKING_ALIGNED, "metformin", _S.CONTINUED),
        # The row under a "No" answer is no drug denied: "No\nsertraline" is two cells.
        (TAKING_ALIGNED, "sertraline", _S.CONTINUED),
        (TAKING_WRAPPED, "levetiracetam", _S.CONTINUED),
        (TAKING_WRAPPED, "topiramate", _S.HISTORICAL),
        (TAKING_WRAPPED, "lamotrigine", _S.CONTINUED),
        (TAKING_BARS, "amlodipine", _S.CONTINUED),
        (TAKING_BARS, "pregabalin", _S.HISTORICAL),
        (TAKING_BARS, "omeprazole", _S.HISTORICAL),
        (TAKING_BARS, "tramadol", _S.CONTINUED),
        (STATUS_ALIGNED, "furosemide", _S.CONTINUED),
        (STATUS_ALIGNED, "spironolactone", _S.STOPPED),
        (STATUS_ALIGNED, "carvedilol", _S.HELD),
    ],
)
def test_a_taking_or_status_column_gives_the_rows_status(
    text: str, drug: str, status: MedicationStatus
) -> None:
    assert medication(analyse(text), drug).status is status


def test_an_aligned_column_after_a_blank_line_is_not_read() -> None:
    # The heading's block ended: the next list is a list of its own, read as one.
    text = TAKING_ALIGNED.replace(
        "Assessment and Plan:\n1. Hypertension: BP at goal.\n",
        "Plan:\nNo changes today.\nrosuvastatin 10 mg daily, new today\n",
    )
    assert medication(analyse(text), "rosuvastatin").status is not _S.HISTORICAL


def test_a_sentence_saying_yes_is_no_column() -> None:
    text = (
        "Assessment and Plan: Patient is taking lisinopril 10 mg daily. Yes, discussed side "
        "effects. Start amlodipine 5 mg daily.\n"
    )
    analysis = analyse(text)
    assert medication(analysis, "lisinopril").status is _S.CONTINUED
    assert medication(analysis, "amlodipine").status is _S.STARTED


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        (
            "PSYCHIATRY FOLLOW-UP\nDate: 05/02/2025\nMedications:\n"
            "- paliperidone palmitate 156 mg IM monthly, last given today (left deltoid)\n"
            "- benztropine 1 mg PO BID\nPlan: next injection due 06/02/2025.\n",
            "paliperidone",
        ),
        (
            "INFUSION CENTER NOTE\nInfliximab 5 mg/kg IV every 8 weeks - dose given today, "
            "next due 06/27.\n",
            "infliximab",
        ),
        (
            "Medications:\nmedroxyprogesterone (Depo-Provera) 150 mg IM every 12 weeks - last "
            "injection today, next due 07/25/2025\n",
            "medroxyprogesterone",
        ),
    ],
)
def test_a_dose_given_today_of_a_regimen_weeks_apart_goes_on(text: str, drug: str) -> None:
    assert medication(analyse(text), drug).status is _S.CONTINUED


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("ED course: ketorolac 30 mg IM given once. Discharged home.\n", "ketorolac"),
        ("Plan: ceftriaxone 1 g IM given today for gonorrhea.\n", "ceftriaxone"),
        # A one-off that may be repeated is no regimen.
        (
            "Plan: methylprednisolone 80 mg IM given today; may repeat every 3 months if needed.\n",
            "methylprednisolone",
        ),
    ],
)
def test_a_single_dose_given_today_stays_given(text: str, drug: str) -> None:
    assert medication(analyse(text), drug).status is _S.GIVEN


PROCEDURE_AGENT = """\
Sports Medicine - Procedure Clinic
PROCEDURE NOTE: Right knee intra-articular corticosteroid injection

Date: 04/29/2025
Indication: Right knee osteoarthritis, failed PT.
Interval: Using diclofenac gel twice a day.

Consent: Risks discussed. Written consent obtained. Time-out performed.

Medication:
- Triamcinolone acetonide (Kenalog-40) 40 mg / 1 mL
- Lidocaine 1% 4 mL

Technique: Superolateral approach, the mixture was injected. Tolerated well.
"""


def test_the_agent_of_a_clinic_procedure_note_is_given() -> None:
    analysis = analyse(PROCEDURE_AGENT)
    assert medication(analysis, "triamcinolone").status is _S.GIVEN
    assert medication(analysis, "lidocaine").status is _S.GIVEN
    assert medication(analysis, "diclofenac").status is _S.CONTINUED


def test_a_medication_heading_without_a_procedure_stays_a_list() -> None:
    text = (
        "OFFICE VISIT\nDate: 04/29/2025\n\nMedication:\n- Lisinopril 10 mg daily\n"
        "- Triamcinolone 0.1% cream BID\n\nAssessment: hypertension, stable.\n"
    )
    analysis = analyse(text)
    assert medication(analysis, "lisinopril").status is _S.CONTINUED
    assert medication(analysis, "triamcinolone").status is _S.CONTINUED


def test_the_first_dose_of_a_regimen_begun_today_is_a_start() -> None:
    text = (
        "Assessment and Plan:\n2. Vitamin B12 deficiency. Cyanocobalamin 1000 mcg IM given today "
        "in clinic; then 1000 mcg IM monthly x 2 more (nurse visits), then oral.\n"
    )
    assert medication(analyse(text), "cyanocobalamin").status is _S.STARTED


def test_a_timed_row_of_an_administration_record_stays_a_dose() -> None:
    text = (
        "INFUSION VISIT\nMedications administered:\n"
        " 11:50  cyanocobalamin 1,000 mcg IM L deltoid (q9 weeks - last 03/11)\n"
    )
    assert medication(analyse(text), "cyanocobalamin").status is _S.GIVEN


@pytest.mark.parametrize(
    "text",
    [
        "Plan: Dapagliflozin 10 mg samples given in clinic, 2 weeks supply.\n",
        "Plan: empagliflozin 10 mg daily - samples given today.\n",
    ],
)
def test_samples_handed_over_are_a_start(text: str) -> None:
    assert analyse(text).medications[0].status is _S.STARTED


def test_a_dose_given_in_clinic_without_samples_stays_given() -> None:
    text = "Plan: ceftriaxone 500 mg IM given in clinic today, urine sample sent for culture.\n"
    assert medication(analyse(text), "ceftriaxone").status is _S.GIVEN


# Shapes already read right, kept so the columns above leave them alone.
RECONCILIATION = """\
DISCHARGE MEDICATION RECONCILIATION
Medication        | Home        | Admission   | Discharge   | Action
Metoprolol        | 25 mg BID   | 25 mg BID   | 50 mg BID   | Change
Lisinopril        | 20 mg daily | held        | --          | Hold
Apixaban          | --          | 5 mg BID    | 5 mg BID    | New
Ibuprofen         | 400 mg PRN  | --          | --          | Stop
Simvastatin       | 20 mg       | 20 mg       | 20 mg       | Continue
Glipizide         | 5 mg daily  | held        | 5 mg daily  | Resume
"""
STATUS_TABS = (
    "Medication List\nMedication\tSig\tStatus\n"
    "Warfarin 5 mg\t1 tab daily\tOn hold\n"
    "Levothyroxine 75 mcg\t1 tab daily\tActive\n"
    "Naproxen 500 mg\t1 tab BID\tDiscontinued 03/02\n"
    "Ondansetron 4 mg\tq8h PRN nausea\tPRN\n"
)
MAR = """\
MEDICATION ADMINISTRATION RECORD  03/05/2025
Scheduled
  Cefazolin 2 g IV q8h            06:00 given   14:00 given   22:00 given
  Heparin 5000 units SC q8h       06:00 given   14:00 refused 22:00 given
PRN
  Morphine 2 mg IV q4h PRN pain   09:15 given
Once only / STAT
  Furosemide 40 mg IV STAT        10:30 given
"""


@pytest.mark.parametrize(
    ("text", "drug", "status"),
    [
        (RECONCILIATION, "metoprolol", _S.CHANGED),
        (RECONCILIATION, "lisinopril", _S.HELD),
        (RECONCILIATION, "apixaban", _S.STARTED),
        (RECONCILIATION, "ibuprofen", _S.STOPPED),
        (RECONCILIATION, "simvastatin", _S.CONTINUED),
        (RECONCILIATION, "glipizide", _S.RESUMED),
        (STATUS_TABS, "warfarin", _S.HELD),
        (STATUS_TABS, "levothyroxine", _S.CONTINUED),
        (STATUS_TABS, "naproxen", _S.STOPPED),
        (STATUS_TABS, "ondansetron", _S.CONTINUED),
        (MAR, "cefazolin", _S.GIVEN),
        (MAR, "heparin", _S.GIVEN),
        (MAR, "morphine", _S.GIVEN),
        (MAR, "furosemide", _S.GIVEN),
    ],
)
def test_action_columns_and_administration_records_keep_their_reading(
    text: str, drug: str, status: MedicationStatus
) -> None:
    assert medication(analyse(text), drug).status is status
