"""Items timed by a pregnancy's weeks or a child's age are due the day that age is reached."""

from datetime import date

from carechart.notes.nlp import analyse


def _due(text: str, words: str) -> date | None:
    [due] = [p.due for p in analyse(text).plans if words.lower() in p.text.lower()]
    return due


def test_an_item_at_a_week_of_pregnancy_counts_from_the_due_date() -> None:
    text = (
        "Prenatal Visit\nDate of Service: 09/02/2025\nEDD: 12/16/2025\n"
        "Plan:\n- Tdap at 27-36 weeks.\n- Repeat ultrasound for placental position at 34 weeks.\n"
    )
    # 12/16 - 280 days is 03/11; 09/02 is 25w0d, so 34 weeks is 9 weeks on.
    assert _due(text, "placental") == date(2025, 11, 4)


def test_an_item_at_a_week_of_pregnancy_counts_from_the_stated_age() -> None:
    text = (
        "OB clinic note\nDate of Service: 01/14/2026\nG3P2 at 26 weeks 4 days.\n"
        "OB history: G1 (2019) NSVD at 39w2d.\nPlan: Glucose challenge test at 28 weeks.\n"
    )
    assert _due(text, "Glucose challenge") == date(2026, 1, 24)


def test_a_range_of_pregnancy_weeks_counts_from_its_near_end() -> None:
    text = (
        "Visit date: 02/10/2025\nRoutine prenatal visit. G2P1 at 16w2d.\nPLAN:\n- Glucola "
        "at 24-28 weeks.\n- Return to clinic in 4 weeks."
    )
    assert _due(text, "Glucola") == date(2025, 4, 5)


def test_a_pregnancy_week_already_past_or_unknown_gives_no_day() -> None:
    past = "Date of Service: 01/14/2026\nIUP at 30w1d.\nPlan: Anatomy ultrasound at 20 weeks.\n"
    assert _due(past, "Anatomy") is None
    unknown = "Date of Service: 01/14/2026\nPrenatal visit.\nPlan: Growth scan at 32 weeks.\n"
    assert _due(unknown, "Growth scan") is None


def test_a_childs_next_well_visit_at_an_age_is_due_on_that_birthday() -> None:
    text = (
        "Well Child Check\nPatient: Ben Ola   DOB: 06/11/2023   Sex: M\nDate of visit: 03/02/2026\n"
        "2-year-old boy here for well child check.\nPlan:\n- Next well child check at 3 years.\n"
    )
    assert _due(text, "well child check at 3") == date(2026, 6, 11)


def test_a_post_operative_visit_at_weeks_still_counts_from_the_operation() -> None:
    text = (
        "OPERATIVE REPORT\nDate of Surgery: 03/06/2025\nDOB: 01/02/1960\n"
        "Procedure: Laparoscopic appendectomy.\nPlan: Post-op visit at 2 weeks.\n"
    )
    assert _due(text, "Post-op visit") == date(2025, 3, 20)


def test_a_birth_date_near_the_calendar_s_end_gives_no_date_and_no_error() -> None:
    plans = analyse(
        "Encounter Date: 2025-03-04\nDOB: Dec 31, 9998\nPlan: next well visit at 5 years.\n"
    ).plans
    assert [p.due for p in plans] == [None]
