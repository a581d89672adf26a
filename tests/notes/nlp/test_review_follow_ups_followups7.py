"""Follow-ups the followups7 rules read wrongly, found in review: a referral sent to a service or
a clinician, a vitamin D due date, a pathology count after "in", and a range of hours that waits
on "once" or "when". Each has neighbours the merged rules were written for, which must not
move."""

from datetime import date

import pytest

from carechart.notes.nlp import PlanKind, analyse

DAY = date(2026, 6, 1)


def _plans(text: str) -> list[tuple[PlanKind, date | None, str]]:
    return [(p.kind, p.due, p.text) for p in analyse(text, taken_at=DAY).plans]


# Where a referral went is dropped only when it is a place: the service or the clinician it is
# sent to is what the referral is for, and with whom.
@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Referral placed to Cardiology.", "Referral placed to Cardiology."),
        ("Urgent referral faxed to Hematology.", "Urgent referral faxed to Hematology."),
        ("Consult placed to Nephrology.", "Consult placed to Nephrology."),
        ("Cardiology referral sent to Dr. Patel.", "Cardiology referral sent to Dr. Patel."),
        # A place still goes.
        (
            "Diabetic eye exam due - referral placed to Larchmont Eye.",
            "Diabetic eye exam due - referral placed",
        ),
        (
            "Pulmonary rehabilitation - referral sent to Riverside Cardiopulmonary Rehab.",
            "Pulmonary rehabilitation - referral sent",
        ),
    ],
)
def test_a_referral_keeps_the_service_or_clinician_it_is_sent_to(line: str, kept: str) -> None:
    assert [t for _, _, t in _plans(f"PLAN:\n1. {line}\n")] == [kept]


# "Vitamin D: 06/15/2026" is a test and its day, not a dictation footer's "D: 04/14/2026".
@pytest.mark.parametrize(
    ("text", "due", "kept"),
    [
        ("PLAN:\n1. Recheck vitamin D: 06/15/2026.\n", date(2026, 6, 15), "Recheck vitamin D"),
        ("PLAN:\n1. Repeat 25-OH Vit D: 07/01/2026.\n", date(2026, 7, 1), "Repeat 25-OH Vit D"),
        # The footer itself still goes.
        (
            "ASSESSMENT: CKD.,  PLAN: Repeat CMP on 06/20/2026.,  "
            "RA/ld D: 06/01/2026 T: 06/02/2026",
            date(2026, 6, 20),
            "Repeat CMP on 06/20/2026.",
        ),
    ],
)
def test_a_vitamin_d_due_date_is_no_dictation_footer(text: str, due: date, kept: str) -> None:
    found = _plans(text)
    assert len(found) == 1
    assert found[0][1] == due
    assert found[0][2].startswith(kept)


# "carcinoma in 1/12 lymph nodes", "in 2/12 cores" count what a specimen held: no interval.
@pytest.mark.parametrize(
    ("line", "due"),
    [
        ("Urology follow-up to discuss biopsy (cancer in 2/12 cores).", None),
        ("Oncology referral for adjuvant chemotherapy, carcinoma in 1/12 lymph nodes.", None),
        ("ID follow-up: growth in 2/7 bottles.", None),
        # A British interval still counts.
        ("Review in 2/52 with bloods.", date(2026, 6, 15)),
        ("Repeat CT chest in 6/12.", date(2026, 12, 1)),
    ],
)
def test_a_specimen_count_after_in_is_no_interval(line: str, due: date | None) -> None:
    assert [d for _, d, _ in _plans(f"PLAN:\n1. {line}\n")] == [due]


# A range of hours waits on its condition whatever word opens it ("if", "once", "when").
@pytest.mark.parametrize(
    ("line", "due"),
    [
        ("Transition to apixaban in 24-48 h once hemostasis confirmed.", None),
        ("Remove drain in 48-72 hours when output is under 30 mL/day.", None),
        ("Transition to a DOAC in 24-48 h if stable.", None),
        # Without one, the far end is the day.
        ("Remove drain in 48-72 hours.", date(2026, 6, 4)),
    ],
)
def test_a_range_of_hours_that_waits_on_a_condition_gives_no_day(
    line: str, due: date | None
) -> None:
    assert [d for _, d, _ in _plans(f"PLAN:\n1. {line}\n")] == [due]
