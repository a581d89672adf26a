"""A consult team that says it goes on seeing the patient ("will follow daily", "will continue
to follow along") books its next visit, with the note's service; "daily" is tomorrow. A bare
"We will follow." plans nothing of its own."""

from datetime import date

from carechart.notes.nlp import PlanKind, analyse

CONSULT = date(2026, 2, 9)
HEAD = "NEPHROLOGY CONSULTATION\nDate of Service: 02/09/2026\n\nRecommendations:\n"


def test_a_team_that_will_follow_daily_books_its_visit_tomorrow() -> None:
    text = HEAD + "1. Hold lisinopril.\n2. Our team will continue to follow daily while here.\n"
    plans = [p for p in analyse(text, taken_at=CONSULT).plans if "follow" in p.text]
    assert [(p.kind, p.due) for p in plans] == [(PlanKind.FOLLOW_UP, date(2026, 2, 10))]


def test_a_team_that_will_follow_along_books_a_visit_without_a_day() -> None:
    text = HEAD + "1. Hold lisinopril.\n2. We will follow along with you.\n"
    plans = [p for p in analyse(text, taken_at=CONSULT).plans if "follow" in p.text]
    assert [(p.kind, p.due, p.service) for p in plans] == [(PlanKind.FOLLOW_UP, None, "Nephrology")]


def test_a_bare_we_will_follow_plans_nothing() -> None:
    text = HEAD + "1. Hold lisinopril.\n2. We will follow.\n"
    assert not [p for p in analyse(text, taken_at=CONSULT).plans if "follow" in p.text]
