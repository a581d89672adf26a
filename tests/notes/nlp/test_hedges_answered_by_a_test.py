"""A hedged problem a test has answered ("r/o PE - CTA negative") is no problem; one still open
stays uncertain."""

from carechart.notes.nlp import analyse

_IMPRESSION = """Impression:
1) Right lower lobe pneumonia
2) r/o PE - CTA negative
3) Possible DVT - LE duplex was negative.
4) Rule out ACS, troponins negative x2
5) Possible early cellulitis - ultrasound pending
6) Suspected gout - CT showed erosions
"""


def test_hedges_a_negative_test_answered_are_dropped_and_open_ones_stay_uncertain() -> None:
    problems = [(p.text, p.uncertain) for p in analyse(_IMPRESSION).problems]

    assert problems == [
        ("Right lower lobe pneumonia", False),
        ("early cellulitis", True),
        ("gout", True),
    ]
