"""Follow-ups asked for in an assessment without a plan's usual verbs: a periodic review booked
next, a visit counted from an operation or a discharge still to come, an examination timed
ahead, a consult asked of a service or a team without the word "refer", a return to a clinic
named by its service; and the sentences near them that tell what was done, which stay out."""

from datetime import date

import pytest

from carechart.notes.nlp import Plan, PlanKind, analyse

VISIT = date(2025, 4, 2)


def _plans(text: str) -> list[Plan]:
    return analyse(text, taken_at=VISIT).plans


def _plan(text: str, words: str) -> Plan:
    plans = _plans(text)
    found = [p for p in plans if words.lower() in p.text.lower()]
    assert found, [p.text for p in plans]
    return found[0]


def _none_about(text: str, words: str) -> None:
    plans = _plans(text)
    assert not [p for p in plans if words.lower() in p.text.lower()], [p.text for p in plans]


@pytest.mark.parametrize(
    ("text", "words", "due"),
    [
        (
            "Assessment:\nResident settled, eating better. Next GP review in four weeks.",
            "next gp review",
            date(2025, 4, 30),
        ),
        (
            "Assessment & plan:\n1. CKD stage 4 - stable.\nNext monthly rounding in 4 weeks.",
            "monthly rounding",
            date(2025, 4, 30),
        ),
        (
            "Impression:\nMood improving on sertraline. Next medication review 6 weeks.",
            "medication review",
            date(2025, 5, 14),
        ),
    ],
)
def test_a_periodic_review_booked_next_is_a_follow_up(text: str, words: str, due: date) -> None:
    plan = _plan(text, words)
    assert (plan.kind, plan.due) == (PlanKind.FOLLOW_UP, due)


def test_a_review_that_has_happened_is_no_follow_up() -> None:
    _none_about(
        "Assessment:\nAt the physician review in March her weight was stable. Doing well.",
        "physician review",
    )


@pytest.mark.parametrize(
    ("text", "words", "due"),
    [
        (
            "Assessment:\nFit for the repair. I will see her 10 days after surgery.",
            "10 days after surgery",
            None,  # no day is booked for the operation
        ),
        (
            "Impression:\nCellulitis improving. We'll see him about 3 weeks following discharge.",
            "following discharge",
            None,  # a consult: the discharge has no day yet
        ),
        (
            "Assessment:\nInguinal hernioplasty booked for 05/10/2025. She will see me for a wound "
            "review two weeks after the operation.",
            "wound review",
            date(2025, 5, 24),
        ),
    ],
)
def test_a_visit_counted_from_an_event_to_come_is_a_follow_up(
    text: str, words: str, due: date | None
) -> None:
    plan = _plan(text, words)
    assert (plan.kind, plan.due) == (PlanKind.FOLLOW_UP, due)


def test_a_visit_after_an_event_that_has_passed_stays_out() -> None:
    _none_about(
        "Assessment:\nShe was seen by me 2 weeks after surgery with a seroma, since drained.",
        "seroma",
    )


@pytest.mark.parametrize(
    ("text", "words", "due"),
    [
        (
            "Assessment & Plan:\nNaevi benign. Full skin exam in 1 year.",
            "skin exam",
            date(2026, 4, 2),
        ),
        (
            "Assessment & Plan:\nDiabetes, A1c 7.1. Dilated eye exam in 12 months.",
            "eye exam",
            date(2026, 4, 2),
        ),
        (
            "Assessment & Plan:\nNeuropathy, mild. Foot check in 3 months by podiatry nurse.",
            "foot check",
            date(2025, 7, 2),
        ),
    ],
)
def test_an_examination_timed_ahead_is_a_follow_up(text: str, words: str, due: date) -> None:
    assert _plan(text, words).due == due


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Assessment & Plan:\nSkin exam today unremarkable, no suspicious lesions.", "skin exam"),
        ("Assessment & Plan:\nEye exam in 2023 was normal per patient.", "eye exam"),
    ],
)
def test_an_examination_done_or_told_is_no_follow_up(text: str, words: str) -> None:
    _none_about(text, words)


@pytest.mark.parametrize(
    ("text", "words", "due"),
    [
        (
            "Assessment:\n3. Low mood after stroke - start sertraline 25 mg daily; "
            "neuropsychology consult.",
            "neuropsychology consult",
            None,
        ),
        ("Assessment:\nWeight down 4 kg. Dietitian to review intake.", "dietitian", None),
        (
            "Assessment and plan:\nHeel blister, stage 2 - offload; wound care nurse to see "
            "tomorrow.",
            "wound care nurse",
            date(2025, 4, 3),
        ),
        (
            "Assessment:\nLives alone, two falls. Social work to evaluate home situation.",
            "social work",
            None,
        ),
        ("Assessment:\nNew insulin start. Diabetes educator consult.", "diabetes educator", None),
    ],
)
def test_a_consult_asked_without_a_referral_is_a_follow_up(
    text: str, words: str, due: date | None
) -> None:
    plan = _plan(text, words)
    assert (plan.kind, plan.due) == (PlanKind.REFERRAL, due)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Assessment:\nCardiology consult appreciated; rate control as advised.", "cardiology"),
        ("Assessment:\nSeen by the psychiatry consult team, has capacity.", "psychiatry"),
        ("Assessment:\nPT saw him yesterday and cleared him for home.", "PT saw"),
        ("Assessment:\nNutrition consult note reviewed, supplements continued.", "nutrition"),
        ("Assessment:\nCame to us from the ward after a palliative care consult.", "palliative"),
    ],
)
def test_a_consult_that_has_happened_is_no_follow_up(text: str, words: str) -> None:
    _none_about(text, words)


@pytest.mark.parametrize(
    ("text", "words", "due"),
    [
        (
            "Assessment & Plan:\nAF, rate controlled. Return to the cardiology clinic in 3 months.",
            "cardiology clinic",
            date(2025, 7, 2),
        ),
        (
            "Assessment & Plan:\nCrohn's quiescent. Return to GI clinic as scheduled.",
            "gi clinic",
            None,
        ),
    ],
)
def test_a_return_to_a_clinic_named_by_its_service_is_a_follow_up(
    text: str, words: str, due: date | None
) -> None:
    plan = _plan(text, words)
    assert (plan.kind, plan.due) == (PlanKind.FOLLOW_UP, due)


def test_a_return_to_clinic_told_is_no_follow_up() -> None:
    _none_about(
        "Assessment & Plan:\nHe returned to the hand clinic last week with a stiff finger.",
        "hand clinic",
    )


@pytest.mark.parametrize(
    ("text", "words", "due"),
    [
        (
            "Procedure:\nTwo teeth extracted, haemostasis with gauze.\n- Restart rivaroxaban "
            "tonight if the sockets are dry.",
            "restart rivaroxaban",
            date(2025, 4, 2),
        ),
        (
            "O:\nLungs clear, weight down 2 kg.\n- IV torsemide today, switch to oral torsemide "
            "in AM",
            "switch to oral",
            date(2025, 4, 3),
        ),
        (
            "Assessment & Plan:\n- Diuresis: one more IV dose today, then reassess volume "
            "tomorrow.",
            "reassess volume",
            date(2025, 4, 3),
        ),
        (
            "Immunizations given:\nPCV20 0.5 mL IM.\nNext due: hepatitis B dose 3 in 5 months.",
            "hepatitis b dose 3",
            date(2025, 9, 2),
        ),
    ],
)
def test_a_change_due_soon_or_a_dose_due_ahead_is_a_plan_wherever_it_is_written(
    text: str, words: str, due: date
) -> None:
    assert _plan(text, words).due == due


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Procedure:\nHeparin drip restarted this evening after the line was placed.", "heparin"),
        ("Immunizations given:\nTdap 0.5 mL IM; the last dose was due in 2019.", "tdap"),
    ],
)
def test_a_change_already_made_or_a_dose_once_due_is_no_plan(text: str, words: str) -> None:
    _none_about(text, words)


@pytest.mark.parametrize(
    ("text", "items"),
    [
        (
            "Plan:\nRTC 8 weeks pressure check; visual fields in 6 months.",
            [("pressure check", date(2025, 5, 28)), ("visual fields", date(2025, 10, 2))],
        ),
        (
            "Plan:\nSutures out at 10 days in the surgery clinic; x-ray of the wrist at 4 weeks.",
            [("sutures out", date(2025, 4, 12)), ("x-ray of the wrist", date(2025, 4, 30))],
        ),
        (
            "Plan:\nclinic visit 4 months (BP, weight); annual wellness visit 1 year.",
            [("clinic visit", date(2025, 8, 2)), ("annual wellness", date(2026, 4, 2))],
        ),
    ],
)
def test_items_after_a_semicolon_with_times_of_their_own_are_apart(
    text: str, items: list[tuple[str, date]]
) -> None:
    for words, due in items:
        plan = _plan(text, words)
        assert plan.due == due
        assert len(plan.text) < len(text) - len("Plan:\n") - 1  # an item, not the sentence


@pytest.mark.parametrize(
    "text",
    [
        "Plan:\nPrednisone 40 mg daily x 5 days; then 20 mg daily x 5 days.",
        "Plan:\nReturn in 6 weeks; will increase the dose in 2 weeks if tolerated.",
        "Plan:\nContinue rizatriptan PRN; limit use to 2 days per week.",
        "Plan:\nShe will have an FBC every 2 weeks for 2 months; the first is due in 2 weeks.",
    ],
)
def test_a_course_or_a_clause_of_the_same_item_stays_whole(text: str) -> None:
    assert len(_plans(text)) == 1


@pytest.mark.parametrize(
    ("text", "words", "due"),
    [
        (
            "Plan:\nRheumatology clinic in 2 months with repeat ESR before the visit.",
            "repeat esr",
            date(2025, 6, 2),
        ),
        (
            "Plan:\nHepatology clinic 2-3 weeks after discharge with LFTs 2-3 days before.",
            "lfts",
            None,  # the visit has no day yet
        ),
    ],
)
def test_a_test_before_a_visit_is_due_with_the_visit(
    text: str, words: str, due: date | None
) -> None:
    plan = _plan(text, words)
    assert plan.due == due
    assert not plan.text.lower().startswith(("rheumatology", "hepatology"))
