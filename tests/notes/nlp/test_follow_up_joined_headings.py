"""Appointments listed under a heading that joins two ("FOLLOW-UP APPOINTMENTS AND ORDERS",
"Disposition / Follow-up") are follow-ups with their days, as under either heading alone."""

from datetime import date

from carechart.notes.nlp import analyse


def _dues(text: str) -> dict[str, date | None]:
    return {p.text: p.due for p in analyse(text).plans}


def test_a_visit_under_a_joined_appointments_heading_is_a_follow_up_with_its_day() -> None:
    text = (
        "DISCHARGE SUMMARY\nDate of Discharge: 05/02/2025\n\nHOSPITAL COURSE\nTreated for a COPD "
        "exacerbation.\n\nFOLLOW-UP APPOINTMENTS AND REFERRALS\n"
        " 1. Cardiology, Dr. Ines Marek - 05/20/2025 at 2:15 PM, Lakeside Heart.\n"
        " 2. Echocardiogram - to be done before the cardiology visit.\n"
        " 3. Spirometry in 6 weeks.\n"
    )
    dues = _dues(text)
    assert dues["Cardiology, Dr. Ines Marek - 05/20/2025 at 2:15 PM, Lakeside Heart."] == date(
        2025, 5, 20
    )
    assert dues["Echocardiogram - to be done before the cardiology visit."] == date(2025, 5, 20)
    assert dues["Spirometry in 6 weeks."] == date(2025, 6, 13)


def test_a_slash_joined_disposition_heading_lists_its_visits() -> None:
    text = (
        "ED Note\nDate of Service: 07/09/2025\nAssessment: Ankle sprain.\n\n"
        "Disposition / Follow-up:\nOrthopedics - Dr. Lund - 07/15/2025 9:40 AM\n"
    )
    dues = [p.due for p in analyse(text).plans if "Dr. Lund" in p.text]
    assert dues == [date(2025, 7, 15)]


def test_a_heading_that_only_names_a_history_lists_no_visits() -> None:
    text = (
        "Clinic Note\nDate of Service: 07/09/2025\n\nPast Appointments and Procedures:\n"
        "Cardiology - Dr. Lund - 06/15/2025\n\nPlan: Continue aspirin.\n"
    )
    assert not [p for p in analyse(text).plans if "Lund" in p.text]
