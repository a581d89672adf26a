"""A test or a scan the note says is pending is a result still to be followed up, wherever the
note tells it (the labs of a consult, a clause after a plan's order); one told as back is not."""

from datetime import date

from carechart.notes.nlp import analyse

VISIT = date(2026, 5, 4)
HEAD = "CONSULT NOTE\nDate of Service: 05/04/2026\n\n"


def _texts(text: str) -> list[str]:
    return [p.text for p in analyse(text, taken_at=VISIT).plans]


def test_a_test_named_pending_among_the_results_is_followed_up() -> None:
    text = (
        HEAD + "Results: blood count and electrolytes normal. Ferritin pending.\n\n"
        "Assessment and Plan:\n1. Anemia - start ferrous sulfate 325 mg daily.\n"
    )
    assert "Ferritin pending." in _texts(text)


def test_a_scan_named_pending_among_the_results_is_followed_up() -> None:
    text = (
        HEAD + "Imaging: chest x-ray clear. CT abdomen pending.\n\n"
        "Assessment and Plan:\n1. Abdominal pain - morphine 2 mg IV q4h PRN.\n"
    )
    assert "CT abdomen pending." in _texts(text)


def test_a_result_pending_after_an_order_is_an_item_of_its_own() -> None:
    text = HEAD + "Plan:\nHold aspirin until seen in clinic; lipase pending.\n"
    assert _texts(text) == ["Hold aspirin until seen in clinic", "lipase pending."]


def test_a_scan_told_as_back_is_no_follow_up() -> None:
    text = (
        HEAD + "Imaging: MRI pending -> no abscess.\n\n"
        "Assessment and Plan:\n1. Cellulitis - continue cefazolin.\n"
    )
    assert not any("MRI" in t for t in _texts(text))
