"""The encounter date: only a labelled date line or a date heading the document, never the story."""

from datetime import date

import pytest

from carechart.notes.nlp import PlanKind, analyse


@pytest.mark.parametrize(
    "text",
    [
        "HISTORY OF PRESENT ILLNESS: Hospitalized on 02/04/2018 for pneumonia; cough since.",
        "Pt: DOE, JOHN    MRN: 4411    DOB: 03/09/1950\nHPI: He was admitted 10/03/2022 with AKI.",
        "OB HISTORY: G2P1, EDD 09/14/2025 by early ultrasound.\nASSESSMENT: Pregnancy.",
        "REASON FOR CONSULTATION:,  Atrial fibrillation seen at a visit on 02/09/2026.,PLAN:,",
        "Admission to facility: 03/14/2023 (long-term care)\nCODE STATUS: DNR",
    ],
)
def test_a_date_in_the_narrative_or_an_unrelated_field_is_never_the_encounter_date(
    text: str,
) -> None:
    assert analyse(text).encounter_date is None


@pytest.mark.parametrize(
    ("text", "expected", "label"),
    [
        (
            "Date of Consultation: 07/23/2019\nReason: overdose",
            date(2019, 7, 23),
            "Date of Consultation",
        ),
        (
            "Pt: ROE, ANN     DOB: 01/29/1956     Date of consult: 10/05/2022",
            date(2022, 10, 5),
            "Date of consult",
        ),
        (
            "Patient: Lee    DOB: 2/20/1961\nArrival: 12/04/2021 14:22    Mode: EMS",
            date(2021, 12, 4),
            "Arrival",
        ),
        (
            "Telephone Encounter\nCall date/time: 03/02/2024 10:15",
            date(2024, 3, 2),
            "Call date/time",
        ),
        ("Psychiatric Follow-up Note\nSeen: December 5, 2022", date(2022, 12, 5), "Seen"),
        ("Date of transfer: 01/19/2026     Time: 06:25", date(2026, 1, 19), "Date of transfer"),
        (
            "Clinic date: 18/05/2021\nDictated: 18/05/2021   Typed: 20/05/2021",
            date(2021, 5, 18),
            "Clinic date",
        ),
    ],
)
def test_labelled_date_lines_are_read_as_real_documents_write_them(
    text: str, expected: date, label: str
) -> None:
    found = analyse(text).encounter_date
    assert found is not None
    assert (found.value, found.label) == (expected, label)


def test_a_discharge_summary_export_is_dated_by_its_discharge_date() -> None:
    text = (
        "ADMISSION DATE:,  03/02/2024,DISCHARGE DATE:,  03/06/2024,ADMITTING DIAGNOSIS:,"
        "  Cellulitis of the left leg.,HOSPITAL COURSE:,  Treated with cefazolin."
    )
    found = analyse(text).encounter_date
    assert found is not None
    assert (found.value, found.label) == (date(2024, 3, 6), "DISCHARGE DATE")


def test_a_british_letter_writes_its_dates_day_first_throughout() -> None:
    text = "Clinic date: 04/03/2025\nRe: Mrs A Jones, DOB 22/09/1966\nDiagnoses: gout"
    found = analyse(text).encounter_date
    assert found is not None
    assert found.value == date(2025, 3, 4)


def test_a_postoperative_visit_is_dated_by_the_visit_not_the_operation() -> None:
    text = (
        "Postoperative visit\nDate of surgery: 01/06/2025\nVisit date: 01/20/2025\n"
        "S: Two weeks after laparoscopic cholecystectomy, eating well."
    )
    found = analyse(text).encounter_date
    assert found is not None
    assert found.value == date(2025, 1, 20)


def test_a_date_heading_the_document_dates_it_with_a_warning() -> None:
    analysis = analyse("Clinic Note\nMarch 4, 2025\n\nSubjective: cough for a week.")
    assert analysis.encounter_date is not None
    assert (analysis.encounter_date.value, analysis.encounter_date.label) == (date(2025, 3, 4), "")
    assert "encounter date taken from the date heading the note" in analysis.warnings


def test_taken_at_is_the_reference_of_relative_plans_when_the_note_has_no_date() -> None:
    text = "Assessment: Gout flare, resolving.\nPlan: Colchicine as needed. RTC in 3 months."
    analysis = analyse(text, taken_at=date(2025, 1, 31))
    assert analysis.encounter_date is None
    [follow_up] = [p for p in analysis.plans if p.kind is PlanKind.FOLLOW_UP]
    assert follow_up.due == date(2025, 4, 30)
    assert "no encounter date found" not in analysis.warnings


def test_the_note_own_date_line_wins_over_taken_at_for_plans() -> None:
    text = "Date of Service: 06/02/2025\nPlan: Follow up in 2 weeks."
    [follow_up] = analyse(text, taken_at=date(2025, 6, 5)).plans
    assert follow_up.due == date(2025, 6, 16)


@pytest.mark.parametrize(
    "text",
    [
        # An export whose fields run together with commas: the birth date heads the document.
        "NAME:,  Ruiz, Tomas,DATE OF BIRTH:,  04/22/1971,CHIEF COMPLAINT:,  Cough.,HPI:,  Three "
        "weeks of cough.",
        "PATIENT:,  Haines, Leo,DOB:,  11/02/1988,REASON FOR VISIT:,  Rash.,ASSESSMENT:,  Eczema.",
        "Referring physician:\n03/02/2024\nREASON FOR REFERRAL: knee pain.",
    ],
)
def test_a_date_under_a_label_of_its_own_is_that_field_not_the_document_date(text: str) -> None:
    assert analyse(text).encounter_date is None


def test_a_date_line_written_with_leader_dots_is_labelled() -> None:
    text = (
        "URGENT CARE RECORD\nPATIENT ...... DOE, JANE        MRN ...... 55102\n"
        "DOB .......... 06/30/1979 (45 y)\nARRIVED ...... 02/11/2025 08:40 by car\n"
        "CHIEF COMPLAINT: ankle injury"
    )
    found = analyse(text).encounter_date
    assert found is not None
    assert found.value == date(2025, 2, 11)
