"""Follow-ups listed where discharge summaries and clinic notes list them, with their due dates."""

from datetime import date

from carechart.notes.nlp import analyse

_DISCHARGE = """Discharge Summary
Discharge Date: 04/02/2025

Hospital Course
Cellulitis of the right leg treated with cefazolin, then cephalexin.

Pending Results
Blood cultures from 03/30 - no growth to date.

Follow-up Appointments
- Primary care with Dr. Osei - Monday 04/07/2025 at 9:00 AM.
- Infectious disease clinic in 2 weeks; clinic will call.

Return Precautions
Return for fever, spreading redness or pus.
"""


def _dues(text: str, **kwargs: date) -> dict[str, date | None]:
    return {plan.text: plan.due for plan in analyse(text, **kwargs).plans}


def test_follow_up_appointments_under_their_own_heading_are_plans_with_dates() -> None:
    dues = _dues(_DISCHARGE)
    assert dues["Primary care with Dr. Osei - Monday 04/07/2025 at 9:00 AM."] == date(2025, 4, 7)
    # Who books the visit is no part of it.
    assert dues["Infectious disease clinic in 2 weeks"] == date(2025, 4, 16)
    assert "Blood cultures from 03/30 - no growth to date." in dues


def test_a_test_for_the_next_morning_is_due_the_next_day() -> None:
    text = "Date of Service: 01/15/2024\nPlan:\n- Repeat BMP in AM.\n- Echo tomorrow."
    assert set(_dues(text).values()) == {date(2024, 1, 16)}


def test_a_visit_with_the_primary_care_doctor_in_a_week_is_a_dated_follow_up() -> None:
    [plan] = analyse("Plan: PCP (Dr. Walsh) in 1 week.", taken_at=date(2021, 12, 4)).plans
    assert (plan.kind.value, plan.due) == ("follow_up", date(2021, 12, 11))


def test_a_disposition_line_listing_several_follow_ups_gives_one_plan_each() -> None:
    text = (
        "Date of Service: 03/10/2025\nAssessment and Plan:\n1. COPD exacerbation, improving.\n"
        "Dispo: home tomorrow. PCP f/u 1 week, pulm f/u, repeat CXR 6-8 wks."
    )
    plans = {plan.text: plan.due for plan in analyse(text).plans}
    assert plans["PCP f/u 1 week"] == date(2025, 3, 17)
    assert "pulm f/u" in plans
    assert plans["repeat CXR 6-8 wks."] == date(2025, 4, 21)  # a range counts from its near end


def test_a_list_of_symptoms_to_return_for_stays_one_instruction() -> None:
    [plan] = analyse("Plan: Return for fever, chills, or worsening pain.").plans
    assert plan.text == "Return for fever, chills, or worsening pain."


def test_a_dated_return_visit_written_after_the_plan_is_still_a_follow_up() -> None:
    text = (
        "Date of Service: 08/11/2020\nAssessment: Gout, improving.\nPlan: Start allopurinol.\n"
        "Labs: uric acid 9.1 mg/dL\nRTC 6 weeks (~09/22/2020) - review labs and BP log."
    )
    dues = [plan.due for plan in analyse(text).plans if plan.kind.value == "follow_up"]
    assert dues == [date(2020, 9, 22)]


def test_tests_listed_before_one_time_share_it() -> None:
    text = "Date of Service: 01/10/2025\nPlan:\nRecheck TSH, free T4 in 6 weeks."
    [plan] = analyse(text).plans
    assert (plan.text, plan.due) == ("Recheck TSH, free T4 in 6 weeks.", date(2025, 2, 21))
