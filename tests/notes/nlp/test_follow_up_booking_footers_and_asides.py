"""A follow-up says what is to happen, with whom and when, without who books it, where the
paper goes, a dictation footer run onto it or what is said beside it after a semicolon.

The probe documents were written and labelled by hand before the code was run on them, in the
shapes discharge summaries, clinic plans, transcription exports and telephone notes take."""

from datetime import date

import pytest

from carechart.notes.nlp import Plan, PlanKind, analyse

DISCHARGE = date(2026, 6, 1)
DISCHARGE_SUMMARY = (
    "DISCHARGE SUMMARY\nDate of Discharge: 06/01/2026\n\nFOLLOW-UP:\n"
    "- Cardiology - Dr. Ana Reyes in 2 weeks; clinic will call to schedule.\n"
    "- Repeat BMP in 1 week (potassium, creatinine after lisinopril increase).\n"
    "- Pulmonary rehabilitation - referral sent to Riverside Cardiopulmonary Rehab.\n"
    "- Sleep study - office will call you with a date.\n"
)
CLINIC = date(2026, 5, 12)
CLINIC_PLAN = (
    "OFFICE VISIT\nDate of Service: 05/12/2026\n\nPLAN:\n"
    "1. Recheck lipid panel in 6-8 weeks; add ezetimibe if LDL remains above 70.\n"
    "2. Dental consult; acetaminophen 650 mg q6h PRN dental pain.\n"
    "3. Continue sumatriptan PRN; limit use to 2 days per week.\n"
    "4. Prednisone 40 mg daily x 5 days; then 20 mg daily x 5 days.\n"
    "5. RTC 2 weeks or sooner for fever.\n"
    "6. Referral to thoracic oncology tumor board; presentation on 05/28.\n"
)
EXPORT = (
    "CHIEF COMPLAINT: Follow-up.,  ASSESSMENT: CKD 3a.,  PLAN: Repeat CMP on 04/02/2025.,  "
    "Dictated by: Jane Roe, MD, Oak Internal Medicine."
)
TELEPHONE = (
    "TELEPHONE ENCOUNTER\nDate: 02/18/2026\n\nPlan:\n"
    "Still needs to schedule the gastric emptying study - scheduling number given.\n"
    "BMP at facility on 02/23/2026 - fax results to Dr. Lind.\n"
)


def _plans(text: str, day: date) -> list[tuple[PlanKind, date | None, str]]:
    found: list[Plan] = analyse(text, taken_at=day).plans
    return [(p.kind, p.due, p.text) for p in found]


def test_a_discharge_follow_up_leaves_out_who_books_it_and_where_the_referral_went() -> None:
    assert _plans(DISCHARGE_SUMMARY, DISCHARGE) == [
        (PlanKind.FOLLOW_UP, date(2026, 6, 15), "Cardiology - Dr. Ana Reyes in 2 weeks"),
        (PlanKind.ORDER, date(2026, 6, 8), "Repeat BMP in 1 week"),
        (PlanKind.REFERRAL, None, "Pulmonary rehabilitation - referral sent"),
        (PlanKind.INSTRUCTION, None, "Sleep study"),
    ]


@pytest.mark.parametrize(
    ("item", "due", "text"),
    [
        ("Recheck lipid panel in 6-8 weeks", date(2026, 6, 23), "Recheck lipid panel in 6-8 weeks"),
        ("add ezetimibe", None, "add ezetimibe if LDL remains above 70."),
        ("Dental consult", None, "Dental consult"),
        ("acetaminophen", None, "acetaminophen 650 mg q6h PRN dental pain."),
        # A time told after a semicolon stays with the item that has none.
        (
            "Referral",
            date(2026, 5, 28),
            "Referral to thoracic oncology tumor board; presentation on 05/28.",
        ),
    ],
)
def test_what_is_said_after_a_semicolon_beside_an_item_stands_apart(
    item: str, due: date | None, text: str
) -> None:
    found = [(d, t) for _, d, t in _plans(CLINIC_PLAN, CLINIC) if t.startswith(item)]
    assert found == [(due, text)]


@pytest.mark.parametrize(
    "text",
    [
        # An order's limit and a course's steps are one item.
        "Continue sumatriptan PRN; limit use to 2 days per week.",
        "Prednisone 40 mg daily x 5 days; then 20 mg daily x 5 days.",
        "RTC 2 weeks",
    ],
)
def test_an_order_and_its_own_limits_stay_one_item(text: str) -> None:
    assert text in [t for _, _, t in _plans(CLINIC_PLAN, CLINIC)]


def test_a_dictation_footer_is_no_part_of_the_last_item() -> None:
    assert _plans(EXPORT, date(2025, 3, 28)) == [
        (PlanKind.ORDER, date(2025, 4, 2), "Repeat CMP on 04/02/2025.")
    ]


@pytest.mark.parametrize(
    "footer",
    [
        "Marisol Etxeberria, MD, D: 03/08/2022, T: 03/09/2022",
        "HMQ/ks,D:  04/14/2026 15:12,T:  04/15/2026 08:40",
    ],
)
def test_a_footer_alone_is_no_plan(footer: str) -> None:
    text = f"ASSESSMENT: Hand pain.,  PLAN: Splint.,  {footer}"
    assert [t for _, _, t in _plans(text, date(2022, 3, 9))] == ["Splint."]


def test_a_telephone_plan_leaves_out_the_scheduling_number_and_the_fax() -> None:
    assert _plans(TELEPHONE, date(2026, 2, 18)) == [
        (PlanKind.FOLLOW_UP, None, "Still needs to schedule the gastric emptying study"),
        (PlanKind.FOLLOW_UP, date(2026, 2, 23), "BMP at facility on 02/23/2026"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        # A call that tells a result is what is to happen.
        "Urine culture sent - we will call if resistant.",
        "Final blood culture pending - team will call if positive.",
        # A letter sent to the clinician keeps whom it went to.
        "Pathology result letter sent to PCP.",
        "Referral sent to Dr. Okafor, hand surgery.",
    ],
)
def test_a_call_back_with_results_and_a_clinician_stay(line: str) -> None:
    text = f"POST-OP VISIT\n\nPLAN:\n- {line}\n"
    assert [t for _, _, t in _plans(text, date(2026, 2, 18))] == [line]


def test_a_few_hours_from_now_are_due_the_same_day() -> None:
    text = "CARDIOLOGY CONSULT\n\nRECOMMENDATIONS:\n1. Repeat BMP in 6 h and AM.\n"
    assert _plans(text, date(2026, 10, 5)) == [
        (PlanKind.ORDER, date(2026, 10, 5), "Repeat BMP in 6 h and AM.")
    ]


def test_a_conditional_lead_stays_with_its_order() -> None:
    text = "GI CONSULT\n\nRECOMMENDATIONS:\n1. If rebleeding despite above: repeat EGD.\n"
    assert [t for _, _, t in _plans(text, date(2026, 2, 3))] == [
        "If rebleeding despite above: repeat EGD."
    ]


BRITISH_LETTER = (
    "CLINIC LETTER\nClinic date: 03/17/2026\n\nPlan:\n"
    "1. Review in clinic in 2/52.\n"
    "2. Repeat FBC next Tuesday.\n"
    "3. Bloods before the next cycle.\n"
    "4. Return in 6/12 with a repeat ultrasound.\n"
    "5. Bloods in 3/7.\n"
    "6. Keep appointment on 6/12.\n"
)


@pytest.mark.parametrize(
    ("item", "due"),
    [
        ("Review in clinic in 2/52.", date(2026, 3, 31)),
        ("Repeat FBC next Tuesday.", date(2026, 3, 24)),
        # No day is known for the next cycle.
        ("Bloods before the next cycle.", None),
        ("Return in 6/12 with a repeat ultrasound.", date(2026, 9, 17)),
        ("Bloods in 3/7.", date(2026, 3, 20)),
        # "On 6/12" is a day, not six months.
        ("Keep appointment on 6/12.", date(2026, 6, 12)),
    ],
)
def test_weeks_and_months_written_as_fractions_count_from_the_letter(
    item: str, due: date | None
) -> None:
    found = {t: d for _, d, t in _plans(BRITISH_LETTER, date(2026, 3, 17))}
    assert found[item] == due


def test_an_order_after_a_semicolon_keeps_its_own_range_of_hours() -> None:
    text = (
        "ED TO ADMISSION NOTE\n\nPLAN:\n1. start heparin 5,000 units SQ q12h for VTE prophylaxis; "
        "revisit full anticoagulation in 24-48 h.\n"
    )
    assert _plans(text, date(2026, 8, 3))[-1][1:] == (
        date(2026, 8, 5),
        "revisit full anticoagulation in 24-48 h.",
    )


@pytest.mark.parametrize(
    "line",
    [
        # A window that waits on a condition fixes no day.
        "Plan transition to a DOAC in 24-48 h if stable.",
        "if still febrile at 48-72h -> CT A/P.",
    ],
)
def test_a_range_of_hours_under_a_condition_has_no_day(line: str) -> None:
    text = f"ADMISSION NOTE\n\nPLAN:\n1. {line}\n"
    assert [(d, t) for _, d, t in _plans(text, date(2026, 8, 3))] == [(None, line)]
