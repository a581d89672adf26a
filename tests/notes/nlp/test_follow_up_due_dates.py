"""Due dates of follow-ups counted from something other than the visit: an operation, a
discharge, a later event, the next visit, a day written without its year, hours, an age."""

from datetime import date

import pytest

from carechart.notes.nlp import Plan, analyse


def _plan(text: str, words: str, **kwargs: date) -> Plan:
    found = [p for p in analyse(text, **kwargs).plans if words.lower() in p.text.lower()]
    assert found, [p.text for p in analyse(text, **kwargs).plans]
    return found[0]


def _due(text: str, words: str, **kwargs: date) -> date | None:
    return _plan(text, words, **kwargs).due


@pytest.mark.parametrize(
    ("text", "words", "due"),
    [
        # A booked operation: the visit after it counts from its day.
        (
            "Visit Date: 03/02/2025\nPlan:\n- Surgery scheduled 03/20/2025.\n"
            "- Post-op visit 2 weeks after surgery.",
            "post-op visit",
            date(2025, 4, 3),
        ),
        (
            "DATE OF SERVICE: 06/10/2024\nPLAN:\n1. Right total knee arthroplasty, scheduled "
            "07/01/2024.\n2. Resume clopidogrel 24 hours after surgery.",
            "clopidogrel",
            date(2024, 7, 2),
        ),
        (
            "Date of consultation: 01/05/2026\nScheduled surgery date: 01/19/2026\n"
            "Plan: Staple removal 10-14 days after the operation.",
            "staple removal",
            date(2026, 1, 29),
        ),
        # An operative report is dated by its operation.
        (
            "DATE OF SURGERY: 10/14/2025\nPLAN: Resume apixaban on postoperative day 3 if the "
            "wound is dry.",
            "apixaban",
            date(2025, 10, 17),
        ),
        (
            "Date of Procedure: 02/01/2024\nPostoperative plan:\n- CBC POD 1 AM.\n"
            "- Post-op visit at 2 weeks.",
            "cbc",
            date(2024, 2, 2),
        ),
        (
            "Date of Procedure: 02/01/2024\nPostoperative plan:\n- CBC POD 1 AM.\n"
            "- Post-op visit at 2 weeks.",
            "post-op visit",
            date(2024, 2, 15),
        ),
    ],
)
def test_an_interval_after_an_operation_counts_from_its_day(
    text: str, words: str, due: date
) -> None:
    assert _due(text, words) == due


@pytest.mark.parametrize(
    "text",
    [
        "Consult date: 11/03/2025\nRecommendations:\n4. Outpatient endocrinology clinic within "
        "2 weeks of discharge.",
        "DATE OF SERVICE: 06/02/2025\nPLAN: FOLLOW UP WITH HER PULMONOLOGIST WITHIN 2 WEEKS OF "
        "DISCHARGE.",
        "Date of service: 10/02/2025\nPlan: Nephrology follow-up 2-3 weeks after discharge "
        "with BMP.",
        "Date of service: 05/14/2025\nPlan:\n- Repeat PSA 6 to 8 weeks after the catheter is "
        "removed.",
        "DOS: 04/01/2025\nPlan: Urea breath test at least 4 weeks after completing antibiotics.",
        "Date of visit: 05/14/2025\nPlan: Repeat MRI brain 6 months after starting ocrelizumab.",
    ],
)
def test_an_interval_from_an_event_without_a_day_has_no_due_date(text: str) -> None:
    [plan] = [p for p in analyse(text).plans if p.due_text]
    assert plan.due is None


def test_an_interval_of_discharge_in_a_discharge_summary_counts_from_the_discharge() -> None:
    text = (
        "DISCHARGE SUMMARY\nAdmission Date: 03/01/2025\nDischarge Date: 03/04/2025\n"
        "Hospital Course: Pneumonia treated with ceftriaxone.\n"
        "Follow-up: PCP within 1 week of discharge."
    )
    assert _due(text, "PCP") == date(2025, 3, 11)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Date of Service: 02/03/2025\nPlan: BMP in 2 weeks after the switch.", "bmp"),
        (
            "DOS: 02/03/2025\nPlan: Repeat MoCA in 2 weeks after anticholinergics are reduced.",
            "moca",
        ),
    ],
)
def test_in_an_interval_after_something_done_today_counts_from_today(text: str, words: str) -> None:
    assert _due(text, words) == date(2025, 2, 17)


@pytest.mark.parametrize(
    ("text", "words", "due"),
    [
        (
            "Visit date: 02/10/2025\nPLAN:\n- Early glucose challenge at next visit.\n"
            "- Return in 4 weeks.",
            "glucose",
            date(2025, 3, 10),
        ),
        (
            "DOS: 05/14/2025\nPlan:\n- Ambulatory oximetry recheck at his next appointment.\n"
            "- RTC 3 months with spirometry.",
            "oximetry",
            date(2025, 8, 14),
        ),
        (
            "Date of Service: 07/08/2025\nP:\n1. Monthly pregnancy test next visit.\n"
            "2. Follow-up in 4 weeks (08/05/2025) for labs.",
            "pregnancy",
            date(2025, 8, 5),
        ),
    ],
)
def test_a_test_at_the_next_visit_is_due_with_the_return_visit(
    text: str, words: str, due: date
) -> None:
    assert _due(text, words) == due


def test_a_window_before_the_next_visit_is_not_its_day() -> None:
    text = "DOS: 09/08/2020\nPlan:\n- Home BP log twice daily before next visit.\n- RTC 2 weeks."
    assert _due(text, "bp log") is None


@pytest.mark.parametrize(
    ("text", "words", "due"),
    [
        (
            "Date of service: 10/02/2025\nPlan: Hold furosemide; BMP 10/06.",
            "bmp",
            date(2025, 10, 6),
        ),
        (
            "Call date: 09/30/2025\nPlan: Keeps 10/16 endoscopy appointment with Dr. Park.",
            "endoscopy",
            date(2025, 10, 16),
        ),
        (
            "Transfer date: 12/09/2024\nOrders:\n- Dressing change 12/12 by wound nurse.",
            "dressing",
            date(2024, 12, 12),
        ),
        (
            "Date of Service: 11/20/2025\nPlan: Repeat INR 01/05 at the anticoagulation clinic.",
            "inr",
            date(2026, 1, 5),
        ),
    ],
)
def test_a_day_written_without_its_year_is_the_next_such_day(
    text: str, words: str, due: date
) -> None:
    assert _due(text, words) == due


@pytest.mark.parametrize(
    "text",
    [
        "DOS: 06/02/2025\nPlan: Derm biopsy done 05/28, result pending.",
        "DOS: 06/02/2025\nPlan: Pain 8/10, recheck in clinic.",
        "DOS: 06/02/2025\nPlan: Take 1/2 tab daily.",
    ],
)
def test_past_days_scores_and_fractions_are_never_due_dates(text: str) -> None:
    assert all(p.due is None for p in analyse(text).plans)


@pytest.mark.parametrize(
    ("text", "words", "due"),
    [
        (
            "DATE OF SURGERY: 04/22/2025\nPlan: Remove scopolamine patch in 72 hours.",
            "patch",
            date(2025, 4, 25),
        ),
        (
            "ADMIT DATE: 09/04/2025\nPlan: Care conference with son within 48 hours.",
            "conference",
            date(2025, 9, 6),
        ),
        (
            "Date of Service: 09/23/2025\nPlan: Hypokalemia - KCl 40 mEq PO given; recheck in PM.",
            "recheck",
            date(2025, 9, 23),
        ),
    ],
)
def test_hours_ahead_count_as_whole_days(text: str, words: str, due: date) -> None:
    assert _due(text, words) == due


@pytest.mark.parametrize(
    "text",
    [
        "Visit date: 02/10/2025\nPLAN:\n- RhoGAM at 28 weeks.",
        "Visit date: 02/10/2025\nPLAN:\n- Cell-free DNA and NT ultrasound at 11-13 weeks.",
        "Date of visit: 04/15/2024\nPlan: Next well visit at 5 years.",
    ],
)
def test_an_age_or_gestation_is_no_interval_from_the_visit(text: str) -> None:
    assert all(p.due is None for p in analyse(text).plans)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            # No age of the pregnancy given (a stated one counts: see test_follow_up_ages).
            "Visit date: 02/10/2025\nRoutine prenatal visit. G2P1.\nPLAN:\n- Glucola "
            "at 24-28 weeks.\n- Return to clinic in 4 weeks.",
            "glucola",
        ),
        (
            "Date of service: 07/01/2025\nOB visit, 20 weeks' gestation.\nPlan: growth "
            "ultrasound at 32 weeks.",
            "growth ultrasound",
        ),
        (
            "Date of service: 07/01/2025\nPlan: Tdap at 27-36 weeks; induction at 39 weeks if "
            "undelivered.",
            "induction",
        ),
        (
            "Date of visit: 04/15/2024\n4-year-old boy here for a well child check.\nPlan: "
            "Hearing and vision screen at 5 years.",
            "hearing",
        ),
        (
            "Date of visit: 09/02/2025\n9 month old girl, ex-34 weeker.\nPlan: Hepatitis A "
            "vaccine at 12 months.",
            "hepatitis a",
        ),
        ("Date of visit: 09/02/2025\nPlan: MMR at 12 months of age.", "mmr"),
    ],
)
def test_an_age_in_a_pregnancy_or_child_note_has_no_due_date(text: str, words: str) -> None:
    assert _due(text, words) is None


@pytest.mark.parametrize(
    ("text", "words", "due"),
    [
        ("Visit date: 02/10/2025\nPLAN:\n- Repeat BMP at 3 months.", "bmp", date(2025, 5, 10)),
        (
            "Date of service: 03/04/2025\nAssessment/Plan:\n1. Type 2 diabetes, A1c 8.1. "
            "Increase metformin. Recheck A1c at 6 months.",
            "a1c at 6",
            date(2025, 9, 4),
        ),
        ("Date of visit: 01/15/2025\nPlan: See me at 4 weeks.", "see me", date(2025, 2, 12)),
        (
            "DOS: 11/20/2025\n62-year-old woman with hypothyroidism.\nPLAN: Levothyroxine "
            "increased to 100 mcg. TSH at 6 weeks.",
            "tsh",
            date(2026, 1, 1),
        ),
        (
            "Date of visit: 04/15/2024\nA 45 year old man.\nPlan: Repeat colonoscopy at 5 years.",
            "colonoscopy",
            date(2029, 4, 15),
        ),
        (
            "Date of service: 06/03/2025\nPlan: Return to clinic at about 3 months with lipid "
            "panel.",
            "return",
            date(2025, 9, 3),
        ),
    ],
)
def test_at_a_time_in_an_adult_clinic_note_counts_from_the_visit(
    text: str, words: str, due: date
) -> None:
    assert _due(text, words) == due


@pytest.mark.parametrize(
    ("text", "item", "due"),
    [
        (
            "Visit date: 09/19/2025\nAssessment and Plan:\n2. Postsurgical hypothyroidism - "
            "continue levothyroxine 112 mcg daily. TSH in 6 weeks; endocrine will adjust.",
            "TSH in 6 weeks; endocrine will adjust",
            date(2025, 10, 31),
        ),
        (
            "DATE OF SERVICE: 09/24/2025\nASSESSMENT/PLAN:\n5. Type 2 diabetes - continue "
            "metformin. A1c due in 3 months.",
            "A1c due in 3 months",
            date(2025, 12, 24),
        ),
        (
            "ADMISSION DATE: 01/12/2026\nASSESSMENT AND PLAN:\n2. RESTART LITHIUM CARBONATE "
            "300 MG PO BID; LEVEL IN 5 DAYS.",
            "RESTART LITHIUM CARBONATE 300 MG PO BID; LEVEL IN 5 DAYS",
            date(2026, 1, 17),
        ),
        (
            "DOS: 03/10/2026\nAssessment and Plan:\n4. Hyperlipidemia - LDL above goal: increase "
            "atorvastatin to 40 mg daily; lipid panel in 8-12 weeks.",
            "lipid panel in 8-12 weeks",
            date(2026, 5, 5),
        ),
        (
            "Date of Service: 09/23/2025\nAssessment and Plan:\n3. Hypokalemia - KCl 40 mEq PO "
            "given this AM; recheck in PM, magnesium level.",
            "recheck in PM, magnesium level",
            date(2025, 9, 23),
        ),
    ],
)
def test_a_test_named_with_a_time_ahead_is_an_item_of_its_own(
    text: str, item: str, due: date
) -> None:
    plans = {p.text.rstrip("."): p for p in analyse(text).plans}
    assert item in plans, list(plans)
    assert plans[item].due == due


@pytest.mark.parametrize(
    "text",
    [
        "DOS: 03/10/2026\nAssessment and Plan:\n1. Hypothyroidism - TSH 2.1 normal on 02/01/2026.",
        "DOS: 03/10/2026\nAssessment and Plan:\n1. Anemia - hemoglobin improved in 2 weeks.",
    ],
)
def test_a_result_is_no_order_even_with_a_date(text: str) -> None:
    assert all(p.kind.value != "order" or p.due is None for p in analyse(text).plans)


def test_a_list_of_symptoms_after_a_semicolon_stays_with_its_order() -> None:
    text = "DOS: 03/10/2026\nPlan:\nContinue sumatriptan PRN; limit use to 2 days per week."
    [plan] = analyse(text).plans
    assert plan.text == "Continue sumatriptan PRN; limit use to 2 days per week."


@pytest.mark.parametrize(
    ("text", "words", "due"),
    [
        ("Date of Procedure: 02/27/2025\nPlan: Trend LFTs daily.", "lfts", date(2025, 2, 28)),
        ("ADMIT DATE: 10/05/2022\nPLAN: Daily BMP, strict I/O.", "bmp", date(2022, 10, 6)),
        (
            "DOS: 05/06/2025\nPlan: Liver function tests monthly for 3 months.",
            "liver",
            date(2025, 6, 6),
        ),
    ],
)
def test_a_test_repeated_daily_or_monthly_is_first_due_one_period_on(
    text: str, words: str, due: date
) -> None:
    assert _due(text, words) == due


@pytest.mark.parametrize(
    "text",
    [
        "ADMIT DATE: 11/03/2025\nPLAN: BMP twice daily, strict I/O, daily weights.",
        "DOS: 06/02/2025\nPlan: Weekly OPAT labs (CBC, CMP, ESR/CRP) faxed to ID clinic.",
        "DOS: 06/02/2025\nPlan: Continue metformin 500 mg daily.",
    ],
)
def test_several_a_day_weekly_home_labs_and_daily_drugs_give_no_day(text: str) -> None:
    assert all(p.due is None for p in analyse(text).plans)


@pytest.mark.parametrize(
    ("text", "words", "due"),
    [
        (
            "DATE OF ADMISSION: 10/06/2025\nPLAN: REPEAT CT HEAD AT 24 H.",
            "ct head",
            date(2025, 10, 7),
        ),
        (
            "April 22, 2025\n\nPlan:\n1. Stop ketorolac drops OS after 7 more days.",
            "ketorolac",
            date(2025, 4, 29),
        ),
        (
            "DATE OF SERVICE: 06/02/2025\nPLAN: PICC placement once blood cultures are final at "
            "5 days (06/04).",
            "picc",
            date(2025, 6, 4),
        ),
    ],
)
def test_hours_more_days_and_a_worked_out_day(text: str, words: str, due: date) -> None:
    assert _due(text, words) == due


@pytest.mark.parametrize(
    ("header", "due"),
    [
        ("04/24/2025 07:10   POD #2 s/p CABG x3\n", date(2025, 4, 25)),
        ("Progress Note 11/02/2025\nPOD 1 s/p laparoscopic colectomy\n", date(2025, 11, 4)),
    ],
)
def test_a_progress_note_headed_by_its_postoperative_day_dates_the_operation(
    header: str, due: date
) -> None:
    text = header + "S: Comfortable.\nA/P:\n1. Remove pacing wires POD3.\n"
    sent = date(2025, 4, 24) if "04/24" in header else date(2025, 11, 2)
    assert _due(text, "remove", taken_at=sent) == due


def test_an_exported_footer_with_dictation_days_is_no_follow_up() -> None:
    text = (
        "DATE OF SERVICE:,  06/17/2025,PLAN:,  1.  Repeat A1c in 3 months and follow up with me "
        "in 3 months.,Rosalind Achebe, MD,Endocrinology,D: 06/17/2025  T: 06/18/2025"
    )
    assert all("D: 06/17" not in p.text for p in analyse(text).plans)


def test_a_clause_going_on_with_the_drug_before_its_semicolon_stays_with_it() -> None:
    text = (
        "Date of Service: 04/15/2025\nPlan:\n1. Continue semaglutide 0.5 mg weekly; will increase "
        "to 1 mg at next visit if A1c above 6.5.\n2. Return in 3 months with A1c."
    )
    plan = _plan(text, "increase")
    assert plan.text.startswith("Continue semaglutide")
    assert plan.due == date(2025, 7, 15)  # decided at the return visit


@pytest.mark.parametrize(
    ("text", "words", "due"),
    [
        (
            "DATE OF SERVICE: 06/04/2024\nPLAN: Diabetic eye exam remains overdue; our staff "
            "called the office and booked 06/27/2024.",
            "eye exam",
            date(2024, 6, 27),
        ),
        (
            "Visit date: 04/20/2025\nAssessment and Plan:\n2. Knee MRI still not done; she is "
            "scheduled for 05/02/2025 at the imaging center.",
            "mri",
            date(2025, 5, 2),
        ),
    ],
)
def test_an_item_takes_the_day_the_clause_after_it_tells_was_booked(
    text: str, words: str, due: date
) -> None:
    assert _due(text, words) == due


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "DATE OF PROCEDURE: 02/10/2026\nPLAN: Follow up in bariatric clinic in 2 weeks and "
            "with the dietitian in 1 week.",
            (date(2026, 2, 24), "bariatric"),
            (date(2026, 2, 17), "dietitian"),
        ),
        (
            "DOS: 05/01/2025\nPlan: Return in 3 months and repeat lipid panel in 6 weeks.",
            (date(2025, 8, 1), "Return"),
            (date(2025, 6, 12), "lipid"),
        ),
        (
            "Visit date: 01/10/2024\nA/P: See PCP within 1 week and see cardiology in 4 weeks.",
            (date(2024, 1, 17), "PCP"),
            (date(2024, 2, 7), "cardiology"),
        ),
    ],
)
def test_two_visits_joined_by_and_each_with_its_time_are_two_items(
    text: str, first: tuple[date, str], second: tuple[date, str]
) -> None:
    plans = analyse(text).plans
    assert [p.due for p in plans] == [first[0], second[0]]
    assert first[1] in plans[0].text
    assert second[1] in plans[1].text


def test_tests_joined_by_and_under_one_time_stay_one_item() -> None:
    [plan] = analyse("DOS: 05/01/2025\nPlan: CBC and BMP in 1 week.").plans
    assert plan.due == date(2025, 5, 8)
