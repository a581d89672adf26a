"""Date fields laid out the way record systems print them: dot leaders before the colon,
labels in brackets, a bare "Encounter:", an ED arrival, a discharge summary's "Discharge:".
Each dates its own kind of note; none dates a later visit that only recalls it."""

from datetime import date

import pytest

from carechart.notes.nlp import analyse


def _date(text: str) -> date | None:
    found = analyse(text).encounter_date
    return found.value if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Harbor Point Medical Center -- Emergency Department\n"
            "DOB.........: 03/22/1971 (54 F)          Arrived...: 02/14/2026 19:52\n"
            "Chief Complaint: RLQ abdominal pain\nHPI: 54F with abdominal pain.\n",
            date(2026, 2, 14),
        ),
        (
            "EMERGENCY DEPARTMENT RECORD\n[Patient] Ferreira, Tobias   [DOB] 10/10/1984\n"
            "[Date of Service] 06/02/2026   [Arrival] 04:47\nCHIEF COMPLAINT: flank pain\n",
            date(2026, 6, 2),
        ),
        (
            "Summit Ridge Medical Group        Encounter Summary\n"
            "DOE, JOHN  |  M  |  DOB 1959-02-17\n"
            "Encounter: 2026-10-06  Annual Wellness / Physical    Provider: A. Lee, MD\n"
            "HISTORY\nHere for his annual physical.\n",
            date(2026, 10, 6),
        ),
        (
            "STROKE ALERT / ED PHYSICIAN NOTE\nName: Doe, Jane   DOB: 06/27/1950\n"
            "ED arrival: 05/08/2026 10:34 (EMS)\nHPI: sudden right arm weakness.\n",
            date(2026, 5, 8),
        ),
        (
            "Discharge Summary\nJohn Doe | DOB 01/22/1956\n"
            "Admit: 04/09/2026   Discharge: 04/14/2026\n"
            "Diagnoses this admission\n - Acute kidney injury\nHospital course: improved.\n",
            date(2026, 4, 14),
        ),
    ],
)
def test_a_labelled_field_of_a_record_dates_the_note(text: str, expected: date) -> None:
    assert _date(text) == expected


def test_a_later_visit_is_not_dated_by_the_stays_discharge() -> None:
    text = (
        "Office Visit\nHospital stay: Admit 03/01/2026   Discharge: 03/05/2026\n"
        "Subjective: seen after her pneumonia stay; feels better.\n"
        "Assessment: pneumonia, resolved.\nPlan: continue lisinopril 10 mg daily.\n"
    )
    assert _date(text) is None


def test_an_arrival_time_alone_is_no_date() -> None:
    text = (
        "ED NOTE\n[Patient] Doe, Jane   [Arrival] 04:47\nCHIEF COMPLAINT: flank pain since "
        "06/01/2026.\nHPI: pain began yesterday.\n"
    )
    assert _date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bare "Visit:" field dates the visit; "Last visit:" dates an earlier one.
        (
            "Lakeview Endocrinology\nPatient: Doe, Jane   DOB: 04/02/1966\n"
            "Visit: 09/12/2027   Provider: R. Osei, MD\nHPI: diabetes, A1c 7.1.\n",
            date(2027, 9, 12),
        ),
        (
            "Lakeview Endocrinology\nPatient: Doe, Jane\nLast visit: 03/12/2027\n"
            "HPI: diabetes, A1c 7.1.\n",
            None,
        ),
        # An ambulance record is dated by its incident; a clinic visit is not.
        (
            "AMBULANCE PATIENT CARE REPORT\nDate of Incident: 02/02/2027   Unit: Medic 4\n"
            "CC: fall. Transported to County ED.\n",
            date(2027, 2, 2),
        ),
        (
            "Occupational Health Follow-up Visit\nDate of incident: 01/20/2027\n"
            "Back strain lifting boxes at work, improving with physical therapy.\n",
            None,
        ),
        # Bars between a heading's fields are no words of a sentence.
        (
            "Westside FM | Office Visit | 07/30/2027 | Kim, Dana\n"
            "S: cough for 2 weeks.\nA/P: post-viral cough.\n",
            date(2027, 7, 30),
        ),
    ],
)
def test_a_field_dates_only_the_records_it_belongs_to(text: str, expected: date | None) -> None:
    assert _date(text) == expected
