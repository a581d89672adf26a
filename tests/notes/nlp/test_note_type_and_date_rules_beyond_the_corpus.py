"""The rules issue 11's probes called for, each with a variant in another wording and a look-alike
that must keep its reading: unit-to-unit transfers, facility physician notes, leave certificates,
operations still to come, a title in capitals before a sentence, visits after a stay, vaccines by
brand, the first line of prose as the reason for the visit; and dates of triage, delivery,
assessment and shift, spaced-out labels, a patient's line that holds a birth date, a stay's dates
in a later visit."""

from datetime import date

import pytest

from carechart.notes.nlp import analyse


def _type(text: str) -> str:
    return analyse(text).note_type.value


def _date(text: str) -> date | None:
    found = analyse(text).encounter_date
    return found.value if found else None


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        # One unit of a hospital to another, in a title's parentheses: a day of the stay.
        (
            "progress",
            "MERCY GENERAL\nCCU - TRANSFER NOTE (CCU to Telemetry Floor 6)\n"
            "Date of Transfer: 03/02/2025\nCCU course: NSTEMI, heparin 48 h, now pain free.\n",
        ),
        # Another hospital is no unit: the stay ends here.
        (
            "discharge",
            "Interfacility Transfer Summary (ICU to ICU, St. Mary's to University Medical Center)\n"
            "Date: 03/02/2025\nHospital course: Type A dissection, transferred for surgery.\n",
        ),
        # A physician's note in a facility the patient lives in.
        (
            "progress",
            "Long-Term Care Facility | Physician Progress Note\nDate of visit: 02/03/2025\n"
            "Resident seen for her monthly review. Eating well. Plan: continue current orders.\n",
        ),
        # A clinic's progress note whose story names a nursing home stays a clinic visit.
        (
            "follow_up",
            "Progress Notes\nFamily Medicine Clinic\nS: Returns for follow-up of COPD. Her mother"
            " lives in a nursing home nearby.\nA/P: Stable. Return in 3 months.\n",
        ),
        # Leave and work certificates are forms.
        (
            "other",
            "Work Excuse Note\nPlease excuse Mr. Diaz from work 03/03/2025 through 03/05/2025 for"
            " a medical condition, returning 2 weeks after surgery planned for April.\n",
        ),
        (
            "follow_up",
            "Office Visit\nS: Returns for follow-up of low back pain. FMLA paperwork completed"
            " today.\nA/P: Improving. Return in 6 weeks.\n",
        ),
        # Weeks after an operation already done are still a post-operative visit.
        (
            "post_operative",
            "Clinic Note\nS: Seen six weeks after his right knee replacement; walking a mile.\n"
            "A/P: Doing well. Return at 3 months.\n",
        ),
        # A title in capitals before the sentence on its line.
        (
            "follow_up",
            "Northside Psychiatry\nVIDEO VISIT (patient at home, clinician in office). Identity"
            " verified with two identifiers.\nS: Mood better on sertraline.\nP: RTC 4 weeks.\n",
        ),
        # A sentence of the header is never cut into a title: an injection is no procedure.
        (
            "other",
            "Nurse Visit\nHere for monthly B12 injection per standing order (Dr. Lee). History of"
            " pernicious anemia.\nCyanocobalamin 1000 mcg IM given left deltoid. Tolerated well.\n",
        ),
        # A nurse's visit at home, as "RN" writes it, is care of its own; a hospice's first
        # visit still takes the patient on.
        ("other", "Hospice RN Visit Note\nComfortable, pain 2/10. Next RN visit in 3 days.\n"),
        ("other", "Community RN Visit Record\nDressing changed to the left shin ulcer.\n"),
        (
            "admission",
            "Hospice RN Admission Visit\nDate: 03/20/2026\nPatient admitted to hospice home"
            " care.\n",
        ),
        # A therapist's discharge from therapy is the therapy's; a patient's discharge
        # instructions in a hospital summary stay the hospital's.
        (
            "physical_therapy",
            "Outpatient Physiotherapy Discharge Note\nDate: 09/09/2025\nGoals met.\n",
        ),
        (
            "discharge",
            "Discharge Summary\nPt discharge instructions given.\nHospital course: uneventful.\n",
        ),
        # A visit after a stay has ended.
        (
            "follow_up",
            "Dear Dr. Ruiz,\n\nI saw Mr. Chen today, ten days following his recent hospitalization"
            " for COPD. He is back to his usual walks.\n\nKind regards,\nDr. P. Lind\n",
        ),
        # A stay told in a discharge summary's course keeps its kind.
        (
            "discharge",
            "Discharge Summary\nHospital Course: After her admission she was treated for"
            " pneumonia; since her discharge plan was agreed she walked daily.\n",
        ),
        # A vaccine by its brand name as the reason for the visit.
        ("immunization", "CC: Gardasil 9 #2\nGiven IM right deltoid, lot #X1234. Tolerated.\n"),
        # A vaccine discussed in a physical is no vaccine visit.
        (
            "annual_physical",
            "Annual Physical\nS: Here for yearly exam. Shingrix discussed, she will think about it."
            "\nA/P: Healthy adult. Labs.\n",
        ),
        # The first line of prose says why the patient came when no heading does.
        (
            "post_operative",
            "Ophthalmology Clinic Note\nOperation: right phacoemulsification (05/02/2025)\n"
            "She comes in for her one-week postoperative check. Vision 20/30.\nPlan: taper.\n",
        ),
    ],
)
def test_the_kind_of_document_follows_its_title_and_opening(expected: str, text: str) -> None:
    assert _type(text) == expected


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        (
            date(2025, 2, 28),
            "ED TRIAGE NOTE\nTriage Date/Time: 2025-02-28 0312\nESI 2\nCC: chest pain\n",
        ),
        # An admission dated by its own admission date, never its ED triage.
        (
            date(2025, 3, 1),
            "History and Physical\nTriage date: 02/28/2025\nAdmission date: 03/01/2025\n"
            "HPI: 70M with chest pain.\nPlan: admit to telemetry.\n",
        ),
        # An admission's own date over the ED arrival before it; an ED note by its arrival.
        (
            date(2025, 6, 1),
            "Admission Note\nED arrival: 05/31/2025 23:40\nAdmit date: 06/01/2025\nHPI: melena.\n",
        ),
        (
            date(2025, 5, 31),
            "ED Provider Note\nED arrival: 05/31/2025 23:40\nHPI: melena.\nDisposition: admit.\n",
        ),
        (
            date(2025, 3, 4),
            "DISCHARGE SUMMARY\nDate of triage: 02/28/2025\nDischarge date: 03/04/2025\n"
            "Hospital course: uneventful.\n",
        ),
        (
            date(2025, 5, 11),
            "Cesarean Delivery Operative Note\nDelivery date: 05/11/2025\nEBL 800 mL.\n",
        ),
        # A postnatal visit's delivery date is the birth's, not the visit's.
        (
            None,
            "Postpartum Visit\nDate of delivery: 05/11/2025\nS: Six weeks postpartum, doing"
            " well.\nP: Return in 1 year.\n",
        ),
        (
            date(2025, 4, 14),
            "Pre-anesthesia Evaluation\nDate of assessment: 04/14/2025\nDate of surgery:"
            " 04/28/2025\nASA 2.\n",
        ),
        # The next assessment is a plan, not a label of this note.
        (
            None,
            "Wound Clinic Note\nS: Returns for wound check. Next assessment date: 07/01/2025\n",
        ),
        (
            date(2026, 1, 18),
            "NURSING SHIFT NOTE - 4 West, Rm 410\nShift date: 01/18/2026 (19:00)\nPt resting.\n",
        ),
        # A scanned record spaces its labels out.
        (
            date(2025, 9, 18),
            "  PATIENT:  LUND , BEA   DOB: 10/03/1957\n  DATE  OF  SERVICE :  09/18/2025\n"
            "  FOLLOW - UP  VISIT\n",
        ),
        # A field gap before a label never hides it, and a spaced "Discharge  Date:" is never a
        # bare "Date:".
        (
            date(2026, 11, 20),
            "Office Visit    Date of Service: 11/20/2026\nCC: follow-up of hypertension.\n",
        ),
        (
            None,
            "Office Visit\nLast stay:  Discharge  Date: 01/05/2025\n"
            "S: Here for follow-up after pneumonia.\n",
        ),
        # A later visit's admission and discharge dates are of the stay it follows.
        (
            None,
            "Hospital Follow-up Visit\nAdmission date: 01/02/2025   Discharge date: 01/05/2025\n"
            "S: Here for follow-up after pneumonia. Feels better.\nA/P: Resolved. RTC prn.\n",
        ),
        (
            date(2025, 1, 9),
            "Hospital Follow-up Visit\nVisit date: 01/09/2025\nDischarge date: 01/05/2025\n"
            "S: Here for follow-up after pneumonia.\n",
        ),
        # A patient's line holds a birth date, with or without its label.
        (None, "BROWN, MARIA   1962-05-01\nClinic Note\nS: Returns for follow-up of asthma.\n"),
        (None, "Ann Lee   F   04/11/1958\nOffice Visit\nS: Follow-up of hypertension.\n"),
        (
            None,
            "Office Visit 04/11/1958\nDOB: 04/11/1958\nS: Returns for follow-up of asthma.\n",
        ),
        # A day of the stay counted beside the date heading a ward note.
        (
            date(2025, 4, 24),
            "Cardiothoracic Surgery Progress Note\nPOD #3   04/24/2025\nS: Walking the hall.\n",
        ),
        (None, "Progress Note\nDOB 01/02/1950   HD 2\nS: No overnight events.\n"),
        # A letterhead's signer line opens no story: the letter's date beneath it dates it.
        (
            date(2025, 6, 3),
            "NORTHSIDE ARTHRITIS CENTER\nAna Ruiz, MD, FACR\n12 Elm Street\n\n3 June 2025\n\n"
            "Peter Lee, DO\nLee Family Practice\n\n"
            "Dear Dr. Lee,\nI saw Mrs. Park again in clinic today for her gout.\n",
        ),
        (
            None,
            "NORTHSIDE ARTHRITIS CENTER\nAna Ruiz, MD, FACR\n\nDear Dr. Lee,\nI saw Mrs. Park,"
            " whose gout"
            " flared on 3 June 2025, again in clinic today.\n",
        ),
        # A short title beside its date still dates the note.
        (date(2025, 3, 14), "Progress Note 03/14/2025\nS: Returns for follow-up of asthma.\n"),
        (
            date(2026, 4, 14),
            "Clinic | SOAP NOTE | 04/14/2026 | Provider\nS: Returns for follow-up of asthma.\n",
        ),
    ],
)
def test_the_visit_date_is_its_own_or_none(expected: date | None, text: str) -> None:
    assert _date(text) == expected


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Progress Note 03/14/2025  Dr. M. Lee\nS: doing well.\n", date(2025, 3, 14)),
        ("Clinic Visit - Vitamin D / Part F  04/02/2025\nS: doing well.\n", date(2025, 4, 2)),
        ("SMITH, JOHN   03/04/1955   M\nS: doing well.\n", None),
        ("Clinic Note 03/04/1955   F\nS: doing well.\n", None),
    ],
)
def test_a_sex_field_marks_an_identity_line_and_an_initial_does_not(
    text: str, day: date | None
) -> None:
    found = analyse(text).encounter_date
    assert (found.value if found else None) == day
