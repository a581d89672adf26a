"""A letter's request reads as what is to be done: "I would be grateful if you could check a
fasting lipid panel and ALT in 8 weeks" is the item "check a fasting lipid panel and ALT in 8
weeks", due as before."""

from datetime import date

from carechart.notes.nlp import analyse

_LETTER = """December 4, 2025

Dear Dr. Okafor,

Thank you for asking me to see Mrs. Lyle, whose chest pain was musculoskeletal.

{request}

Yours sincerely,
Ananya Roe, MD
"""


def _plans(request: str) -> dict[str, date | None]:
    return {p.text: p.due for p in analyse(_LETTER.format(request=request)).plans}


def test_a_grateful_if_you_could_request_is_the_order_alone() -> None:
    plans = _plans("I would be grateful if you could check a fasting lipid panel in 8 weeks.")
    assert plans == {"check a fasting lipid panel in 8 weeks.": date(2026, 1, 29)}


def test_an_appreciate_it_if_you_would_request_is_the_order_alone() -> None:
    plans = _plans("I'd appreciate it if you would repeat her TSH in 6 weeks.")
    assert plans == {"repeat her TSH in 6 weeks.": date(2026, 1, 15)}


def test_a_request_without_courtesy_keeps_its_words() -> None:
    plans = _plans("I will see her back in my clinic in 3 months.")
    assert plans == {"I will see her back in my clinic in 3 months.": date(2026, 3, 4)}
