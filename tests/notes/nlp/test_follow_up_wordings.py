"""Follow-ups written outside a plan's usual wording and layout: a return visit said with a
pronoun ("see her again in"), intervals in words, telephone notes and portal messages without
headings, days without a year, booked visits, results still pending, referrals made among the
findings; and the neighbouring sentences that tell the past, which stay out."""

from datetime import date

import pytest

from carechart.notes.nlp import Plan, PlanKind, analyse

VISIT = date(2025, 4, 2)
# A telephone note or a portal message has no headings: its opening runs past the few lines a
# header holds before anything is asked for.
UNHEADED = (
    "Telephone encounter - Riverside Family Medicine   Date: 04/02/2025\n"
    "Caller: patient. Call back number on file. Identity confirmed with two identifiers.\n"
    "Reason: question about the new blood pressure tablet and how she has been feeling since "
    "the last visit. She reports mild ankle swelling in the evenings and some tiredness, no "
    "chest pain, no shortness of breath, no dizziness on standing. Home readings 128-136 over "
    "78-84 this week.\n"
)


def _plans(text: str, taken_at: date = VISIT) -> list[Plan]:
    return analyse(text, taken_at=taken_at).plans


def _plan(text: str, words: str, taken_at: date = VISIT) -> Plan:
    plans = _plans(text, taken_at)
    found = [p for p in plans if words.lower() in p.text.lower()]
    assert found, [p.text for p in plans]
    return found[0]


def _none_about(text: str, words: str, taken_at: date = VISIT) -> None:
    plans = _plans(text, taken_at)
    assert not [p for p in plans if words.lower() in p.text.lower()], [p.text for p in plans]


@pytest.mark.parametrize(
    ("text", "words", "due"),
    [
        (
            "Assessment:\nKnee pain, improving on the brace. I will see him again in eight "
            "weeks, sooner if it locks.",
            "see him again",
            date(2025, 5, 28),
        ),
        (
            "Impression:\nStable. We would be glad to see her back in a fortnight to review the "
            "diary.",
            "see her back",
            date(2025, 4, 16),
        ),
        (
            "Assessment:\nGout, quiet. Happy to see you in the clinic in six months.",
            "see you",
            date(2025, 10, 2),
        ),
        (
            "Assessment:\nEczema flare settling. I'll see the child again within a couple of "
            "months.",
            "see the child",
            date(2025, 6, 2),
        ),
    ],
)
def test_a_return_visit_said_with_a_pronoun_is_a_follow_up(
    text: str, words: str, due: date
) -> None:
    plan = _plan(text, words)
    assert (plan.kind, plan.due) == (PlanKind.FOLLOW_UP, due)


@pytest.mark.parametrize(
    ("tail", "words", "due"),
    [
        ("Keep f/u appt 05/06/2025 with Dr. Amari.\n", "keep f/u", date(2025, 5, 6)),
        ("Pt keeps her 4/29 appointment.\n", "keeps", date(2025, 4, 29)),
        ("Keep the April 21 follow-up as planned.\n", "april 21", date(2025, 4, 21)),
        ("Has cardiology appt on 6th May.\n", "cardiology appt", date(2025, 5, 6)),
        ("Labs ordered: repeat BMP in 1 week.\n", "repeat bmp", date(2025, 4, 9)),
    ],
)
def test_a_note_without_headings_keeps_its_booked_visits_and_orders(
    tail: str, words: str, due: date
) -> None:
    plan = _plan(UNHEADED + tail, words)
    assert plan.due == due


@pytest.mark.parametrize(
    ("text", "words", "due"),
    [
        (
            "Objective:\nWell appearing.\nYour next infusion is scheduled for May 14.\n",
            "next infusion",
            date(2025, 5, 14),
        ),
        ("Results:\nINR 2.4 today.\nINR check 04/16.\n", "inr check", date(2025, 4, 16)),
        ("Objective:\nNo acute distress.\nRTC 3 months.\n", "rtc", date(2025, 7, 2)),
        (
            "Assessment and Plan:\n1. Colon cancer on adjuvant therapy. Cycle 4 on 04/23/2025.",
            "cycle 4",
            date(2025, 4, 23),
        ),
        (
            "Assessment:\nSubacute hip pain, tolerating therapy.\nRecheck CBC in a month.",
            "recheck cbc",
            date(2025, 5, 2),
        ),
    ],
)
def test_a_day_booked_outside_the_plan_is_kept_with_its_day(
    text: str, words: str, due: date
) -> None:
    assert _plan(text, words).due == due


@pytest.mark.parametrize(
    ("tail", "words", "due"),
    [
        (
            "Your new OB visit with ultrasound is 04/20/2025 at 9:30 with Dr. Lindgren.\n",
            "ob visit",
            date(2025, 4, 20),
        ),
        (
            "Your clinic visit with the CT results is still on 4/17.\n",
            "ct results",
            date(2025, 4, 17),
        ),
        (
            "Pre-op labs (CBC, BMP, A1c) 04/15/2025 at the lab on Birch.\n",
            "pre-op labs",
            date(2025, 4, 15),
        ),
    ],
)
def test_a_visit_or_a_draw_on_a_day_ahead_in_a_message_is_a_follow_up(
    tail: str, words: str, due: date
) -> None:
    assert _plan(UNHEADED + tail, words).due == due


def test_a_visit_or_labs_on_a_day_gone_by_are_no_follow_up() -> None:
    _none_about(UNHEADED + "Her last visit was 03/20/2025 with Dr. Lindgren.\n", "last visit")
    _none_about(UNHEADED + "Labs 03/28/2025 showed a normal TSH.\n", "normal TSH")


def test_a_day_written_in_words_late_in_the_year_is_in_the_next_one() -> None:
    text = "Objective:\nWell.\nNext injection is scheduled for Jan 8.\n"
    assert _plan(text, "next injection", date(2025, 12, 10)).due == date(2026, 1, 8)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Results:\nUA: trace LE.\nUrine culture: pending\n", "urine culture"),
        ("Labs:\nWBC 13.2.\nBlood cultures x2: sent\n", "blood cultures"),
        ("Results:\nStool PCR pending.\n", "stool pcr"),
        ("Objective:\nTeeth with early caries.\nReferral to pediatric dentistry given.\n", "dent"),
        ("Objective:\nHearing screen failed.\nAudiology referral placed.\n", "audiology"),
    ],
)
def test_a_result_pending_or_a_referral_made_among_the_findings_is_a_follow_up(
    text: str, words: str
) -> None:
    assert _plan(text, words).due is None


def test_a_booked_visit_is_a_follow_up_not_an_order() -> None:
    plan = _plan(UNHEADED + "Keeps 05/02 endoscopy appointment.\n", "endoscopy")
    assert plan.kind is PlanKind.FOLLOW_UP


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # The past: a follow-up that happened, a study read, a visit missed.
        ("Results:\nShe was seen in follow-up last year by cardiology.\n", "seen in follow-up"),
        ("Results:\nFollow-up CT 03/20/2025 showed the nodule had resolved.\n", "follow-up ct"),
        ("Objective:\nPrevious appointment missed on 03/11.\n", "appointment missed"),
        (UNHEADED + "She missed her 03/30 appointment.\n", "missed"),
        (UNHEADED + "Was seen by Dr. Amari 03/28 for the same complaint.\n", "dr. amari"),
        ("Assessment and Plan:\nGoals of care: family meeting held with her son.", "meeting"),
        ("Results:\nViral panel pending -> resulted negative, isolation stopped.\n", "viral"),
        ("Objective:\n45 y/o man referred for evaluation of knee pain.\n", "referred"),
        ("Assessment:\nWell child, 12 months - growing well.\n", "well child"),
        ("Assessment and Plan:\nCAD with a stent placed less than 6 months ago.", "stent"),
    ],
)
def test_what_has_happened_is_never_a_follow_up(text: str, words: str) -> None:
    _none_about(text, words)


@pytest.mark.parametrize(
    "advice",
    [
        "Call the office if your weight goes up more than 1 kg in a day or 2 kg in a week.",
        "Call if weight gain > 3 lb in 2 days.",
    ],
)
def test_a_rate_of_weight_gain_is_no_due_date(advice: str) -> None:
    plan = _plan(f"Plan:\n{advice}", "call")
    assert plan.due is None


def test_how_often_is_no_due_date() -> None:
    plan = _plan("Plan:\nCheck blood pressure at home twice a day.", "blood pressure")
    assert plan.due is None
