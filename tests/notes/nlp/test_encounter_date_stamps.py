"""The encounter date among the other dates real documents carry: print and fax stamps,
transcription stamps, signatures, addenda, a stay's admission and its operations, birth dates,
specimen dates, treatment records. The visit's labelled date wins; with none, null, never a
stamp of the copy (LABELLING: "only when the note labels it ... else null")."""

from datetime import date

import pytest

from carechart.notes.nlp import analyse

_PRINTOUT = """Riverside Medical Group                         Printed on 12/02/2026 14:03
Page 1 of 3
Patient: Smith, Ann     MRN 55120     DOB: 04/11/1958
Office Visit    Date of Service: 11/20/2026
CHIEF COMPLAINT: Follow-up of hypertension.
Page 2 of 3     Smith, Ann     Printed on 12/02/2026 14:03
PLAN: Continue lisinopril 10 mg daily.
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (_PRINTOUT, date(2026, 11, 20)),
        (
            "FAX   From: Lakeside Cardiology   To: Dr. Brown   Date: 12/01/2026   Pages: 4\n"
            "Re: Jones, Mark   DOB 02/02/1950\nCARDIOLOGY FOLLOW-UP\nVisit date: 11/24/2026\n"
            "ASSESSMENT: Atrial fibrillation, rate controlled.",
            date(2026, 11, 24),
        ),
        (
            "CONSULTATION\nDate of Service: 10/14/2026\nREASON: Chest pain.\n"
            "IMPRESSION: Noncardiac chest pain.\nD: 10/16/2026 16:20   T: 10/18/2026 08:02\n"
            "Job #: 33812",
            date(2026, 10, 14),
        ),
        (
            "Clinic Visit\nVisit Date: 02/10/2026\nASSESSMENT: Stable.\n"
            "ADDENDUM 02/14/2026: Potassium reviewed, normal.\n"
            "Electronically signed by Maria Lopez, MD on 02/14/2026 at 17:45",
            date(2026, 2, 10),
        ),
        (
            "Collected: 11/18/2026 07:45   Received: 11/18/2026 09:00\nHemoglobin 12.1 g/dL\n"
            "Follow-up Visit\nDate of Visit: 11/20/2026\nASSESSMENT: Anemia, improving.",
            date(2026, 11, 20),
        ),
        (
            # A letterhead's fax number is no faxed copy: the letter's date stands.
            "Northside Rheumatology   Tel: (555) 201-3300   Fax: (555) 201-3301\n"
            "Date: 03/04/2026\nDear Dr. Osei,\nI saw Mrs. Hale today for her arthritis.",
            date(2026, 3, 4),
        ),
    ],
)
def test_the_visit_date_wins_over_the_stamps_of_the_copy(text: str, expected: date) -> None:
    found = analyse(text).encounter_date
    assert found is not None
    assert found.value == expected


@pytest.mark.parametrize(
    "text",
    [
        # Print, fax and export stamps date the copy, not the visit.
        "Riverside Medical Group\nPrint date: 12/02/2026 14:03          Page 1 of 3\n"
        "Patient: Smith, Ann   DOB: 04/11/1958\nOffice Visit\nPLAN: Continue lisinopril.",
        "FAX COVER SHEET\nTo: Dr. Brown          From: Lakeside Cardiology\n"
        "Date: 12/01/2026       Pages: 4\nRe: Jones, Mark\nCARDIOLOGY FOLLOW-UP\nA: AF stable.",
        "Date: 12/01/2026  Fax: 555-1234  Pages: 3\nCARDIOLOGY FOLLOW-UP\nA: AF stable.",
        "Date/Time: 12/02/2026 14:03   Printed by: JDOE\nProgress Notes\nA: Stable.",
        "Report generated 12/02/2026 14:03\nFollow-up Visit\nASSESSMENT: Stable.",
        "Faxed 12/02/2026 14:03\nFollow-up Visit\nASSESSMENT: Stable.",
        "Received 12/02/2026\nFollow-up Visit\nASSESSMENT: Stable.",
        "Exported 2026-12-02\nOffice note\nASSESSMENT: Stable.",
        # Transcription stamps and signatures date the typing and the signing.
        "CONSULTATION\nREASON: Chest pain.\nD: 10/14/2026 16:20   T: 10/16/2026 08:02",
        "OFFICE NOTE\nDate dictated: 10/14/2026\nDate transcribed: 10/16/2026\nHPI: Knee pain.",
        "Progress Note\nS: Doing well.\nElectronically signed by Maria Lopez, MD on 03/05/2026",
        "Clinic note\nElectronically signed: 03/05/2026 17:45\nASSESSMENT: Stable.",
        "Clinic Visit\nASSESSMENT: Stable.\nAddendum date: 02/14/2026\nLabs reviewed.",
        # A birth date, a specimen's date, the next visit, a visit told of in the story.
        "Smith, Ann   04/11/1958   MRN 5512\nClinic note\nASSESSMENT: Stable.",
        "Collected: 11/18/2026 07:45   Reported: 11/19/2026\nHgb 12.1 g/dL\nFollow-up Visit",
        "Follow-up Visit\nASSESSMENT: Stable.\nNext appointment: 06/12/2026",
        "TELEHEALTH FOLLOW-UP\nVisit conducted via video on 05/12/2026. Patient at home.",
    ],
)
def test_stamps_of_the_copy_and_narrative_dates_leave_the_date_null(text: str) -> None:
    assert analyse(text).encounter_date is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "DISCHARGE SUMMARY\nAdmission Date: 01/03/2026\nDischarge Date: 01/08/2026\n"
            "Date of Surgery: 01/04/2026\nDIAGNOSIS: Acute cholecystitis.",
            date(2026, 1, 8),
        ),
        (
            "DISCHARGE SUMMARY\nDate of admission: 01/03/2026\nProcedure date: 01/04/2026\n"
            "Date of discharge: 01/08/2026\nNote date: 01/09/2026\nDIAGNOSIS: Pneumonia.",
            date(2026, 1, 8),
        ),
        (
            "DISCHARGE SUMMARY\nAdmitted: 01/03/2026     Discharged: 01/08/2026\nDX: CHF.",
            date(2026, 1, 8),
        ),
    ],
)
def test_a_discharge_summary_is_dated_by_its_discharge_among_the_stay_dates(
    text: str, expected: date
) -> None:
    found = analyse(text).encounter_date
    assert found is not None
    assert found.value == expected


def test_a_discharge_summary_with_only_its_admission_date_has_no_date() -> None:
    text = "DISCHARGE SUMMARY\nAdmission Date: 01/03/2026\nHOSPITAL COURSE: Pneumonia treated."
    assert analyse(text).encounter_date is None


@pytest.mark.parametrize(
    "text",
    [
        "Office visit\nSurgery date: 01/02/2020 (CABG)\nASSESSMENT: Stable angina.",
        "Clinic follow-up\nDate of surgery: 01/02/2020\nASSESSMENT: Stable after CABG.",
        "PREOPERATIVE CONSULTATION\nReason for consultation: clearance.\n"
        "Scheduled procedure date: 02/20/2026\nIMPRESSION: Acceptable risk.",
    ],
)
def test_an_operation_date_dates_no_visit_but_its_own_report(text: str) -> None:
    assert analyse(text).encounter_date is None


def test_an_operative_report_is_still_dated_by_its_operation() -> None:
    text = "OPERATIVE REPORT\nDate of Surgery: 01/04/2026\nPROCEDURE: Appendectomy.\nEBL: 10 mL"
    found = analyse(text).encounter_date
    assert found is not None
    assert found.value == date(2026, 1, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "HEMODIALYSIS TREATMENT RECORD\nTreatment Date: 09/04/2026\n"
            "Pre-weight 82.1 kg   Post-weight 80.0 kg\nNext treatment: 09/06/2026",
            date(2026, 9, 4),
        ),
        (
            "INFUSION CENTER FLOWSHEET\nDate of treatment: 09/04/2026    Chair 6\n"
            "Infliximab 5 mg/kg IV over 2 hours.\nNext infusion: 10/30/2026",
            date(2026, 9, 4),
        ),
    ],
)
def test_a_treatment_record_is_dated_by_its_treatment_date(text: str, expected: date) -> None:
    found = analyse(text).encounter_date
    assert found is not None
    assert found.value == expected


def test_a_next_or_last_treatment_date_is_not_the_visit() -> None:
    text = "Dialysis note\nA/P: ESRD stable.\nLast treatment date: 09/02/2026"
    assert analyse(text).encounter_date is None
