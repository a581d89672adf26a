"""A note whose numeric dates read either way, with no sign of the order it writes them in, is read
the way that gives the day the client says the document was taken (`taken_at`).

A clinic letter from abroad dated "10/03/2026" and sent with taken_at 10 March was read as 3
October: its encounter date and every due date counted from it fell seven months out. The
client's own date settles the order; a date that reads one way only, or a sign of the order
(a British record, a date like 25/03), still decides first.
"""

from datetime import date

import pytest

from carechart.notes.nlp.analyser import analyse
from carechart.notes.nlp.dates import day_first

LETTER = """Renal Outpatient Clinic
Date of clinic: 10/03/2026

Dear Doctor,

I reviewed Mr Ahmed in clinic today. His creatinine is stable.

Plan:
1. Repeat renal function on 04/05/2026.
2. Review in clinic in 3 months.
"""

US_NOTE = """Office Visit
Date of service: 10/03/2026

Subjective: Follow-up of hypertension.

Plan:
1. Repeat BMP on 11/05/2026.
2. Return to clinic in 3 months.
"""


def _plans(analysis: object) -> dict[str, date | None]:
    return {p.text: p.due for p in analysis.plans}  # type: ignore[attr-defined]


def test_the_clients_day_reads_an_ambiguous_letter_day_first() -> None:
    analysis = analyse(LETTER, taken_at=date(2026, 3, 10))
    assert analysis.encounter_date is not None
    assert analysis.encounter_date.value == date(2026, 3, 10)
    dues = sorted(d for d in _plans(analysis).values() if d is not None)
    assert date(2026, 5, 4) in dues  # "04/05/2026" is 4 May in that letter
    assert date(2026, 6, 10) in dues  # three months from 10 March


def test_the_clients_day_matching_month_first_keeps_month_first() -> None:
    analysis = analyse(US_NOTE, taken_at=date(2026, 10, 3))
    assert analysis.encounter_date is not None
    assert analysis.encounter_date.value == date(2026, 10, 3)
    assert date(2026, 11, 5) in _plans(analysis).values()  # month first: 5 November


def test_without_a_clients_day_an_ambiguous_note_stays_month_first() -> None:
    analysis = analyse(LETTER)
    assert analysis.encounter_date is not None
    assert analysis.encounter_date.value == date(2026, 10, 3)


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        ("Seen 10/03/2026.", date(2026, 3, 10), True),
        ("Seen 10/03/2026.", date(2026, 10, 3), False),
        # A day that matches neither reading decides nothing.
        ("Seen 10/03/2026.", date(2026, 3, 11), False),
        # A date that can be read only month first wins over the client's day.
        ("Seen 10/03/2026. Labs 03/25/2026.", date(2026, 3, 10), False),
        # And one that can be read only day first needs no hint.
        ("Seen 10/03/2026. Labs 25/03/2026.", None, True),
        # The same day either way ("05/05/2026") says nothing of the order.
        ("Seen 05/05/2026.", date(2026, 5, 5), False),
        # Two-digit years read the same way.
        ("Seen 10/03/26.", date(2026, 3, 10), True),
    ],
)
def test_day_first_takes_the_clients_day_only_when_the_text_does_not_decide(
    text: str, hint: date | None, expected: bool
) -> None:
    assert day_first(text, hint) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "BD" after a dose or a dose form is British twice-daily dosing: with one more sign
        # (MUST score) the ambiguous date reads day first.
        ("Date: 06/03/2026\nMUST score 2.\nPlan: oral nutritional supplements BD.", True),
        ("Date: 06/03/2026\nMUST score 2.\nOmeprazole 20 mg BD.", True),
        # Many BD doses are one sign, not two.
        ("Date: 06/03/2026\nOmeprazole 20 mg BD. Metformin 500 mg BD.", False),
        # A bare "BD" is a syringe maker or bipolar disorder, not a dose.
        ("Date: 06/03/2026\nMUST score 2.\nBD Ultra-Fine pen needles.", False),
        ("Date: 06/03/2026\nMUST score 2.\nHistory of BD, on lithium.", False),
        # American twice daily.
        ("Date: 06/03/2026\nMUST score 2.\nOmeprazole 20 mg BID.", False),
    ],
)
def test_bd_doses_are_one_sign_of_a_british_record(text: str, expected: bool) -> None:
    assert day_first(text) is expected
