"""Follow-ups of a note: what is still to happen, and when."""

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from eval.runner import NoteRun
from eval.scorers.common import rate
from eval.scoring import Score, Scorer
from eval.text import CONTAINED, EXACT, MAX_EXTRA_WORDS, NONE, match, word_set, words

RULE = """\
Every predicted plan is a candidate, whatever its kind. A plan names a labelled follow-up when
it holds at least half of the content words of the label's `what` and at most five content
words more (free-text normalisation; PCP is primary care, CXR chest x-ray, RTC return to
clinic). Content words leave out those that only say "come back" (follow, up, visit, return,
recheck, appointment, clinic, office, see), when (numbers, within, week, month, daily, tomorrow
...) or with whom (Dr.): a label made only of them ("follow-up visit") is named by a plan of
kind `follow_up` that says one of them. A label's `also` wordings are accepted like its `what`
(the best of them counts). One to one, as many pairs as can be; among as many, the plans that
hold every content word of a label paired first (so "Repeat BMP on 12/15" names "repeat BMP"
before "hold X until repeat labs").
A bare return visit ("Return in 12 weeks") that carries the note's `service` is also read
with it ("Dermatology return in 12 weeks"), as a clinician reads it, so it names a labelled
"dermatology return visit"; nothing else about the match changes.
Only recall is measured: plans hold orders and referrals the labels do not list.

- `follow_ups.recall`: labelled follow-ups that a plan names.
- `follow_ups.due.agreement`: named follow-ups whose predicted due date is the labelled one
  (no date where the label has none agrees; a date where the label has none does not). Where
  the label's `due_text` is a range ("in 6-8 weeks", "4 to 6 weeks") and `due` dates one end,
  the other end is right too.
"""

GENERIC = word_set(
    "follow followup up visit return recheck check appointment appt clinic office see seen"
    " back come again"
)
# Words that only say when or with whom ("in about 2 weeks", "Dr."): never content.
_WHEN_AND_WHO = word_set(
    "within about around approximately next after before prior tomorrow today tonight am pm"
    " morning week wk wks day month mo year yr once then daily weekly monthly dr doctor md np"
)


@dataclass(frozen=True)
class Planned:
    """A plan as the matcher sees it (a note's plan or a chart's follow-up)."""

    kind: str
    text: str
    due: date | None
    service: str | None = None


_RANGE = re.compile(
    r"(?P<low>\d+)\s*(?:-|\u2013|to)\s*(?P<high>\d+)\s*(?P<unit>day|d\b|wk|week|month|mo\b|year|yr)",
    re.IGNORECASE,
)
_DAYS = {"day": 1, "d": 1, "wk": 7, "week": 7}
_MONTHS = {"month": 1, "mo": 1, "year": 12, "yr": 12}


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def right_dues(due: date | None, due_text: str | None) -> set[date | None]:
    """The due dates that agree with a label: its own, and the other end of a range."""
    found = _RANGE.search(due_text or "")
    if due is None or found is None:
        return {due}
    low, high, unit = int(found["low"]), int(found["high"]), found["unit"].lower()
    if unit in _DAYS:
        return {due, due + timedelta(days=(high - low) * _DAYS[unit])}
    return {due, _add_months(due, (high - low) * _MONTHS[unit])}


def _content(text: str) -> set[str]:
    return {w for w in words(text) if not w[0].isdigit()} - GENERIC - _WHEN_AND_WHO


def names(plan: Planned, what: str) -> int:
    """EXACT when the plan holds every content word of the follow-up, CONTAINED when it names
    it otherwise (see RULE), else NONE."""
    wanted, said = _content(what), _content(plan.text)
    if len(said - wanted) > MAX_EXTRA_WORDS:
        return NONE
    if not wanted:
        comes_back = plan.kind == "follow_up" and set(words(plan.text)) & GENERIC
        return CONTAINED if comes_back else NONE
    if wanted <= said:
        return EXACT  # every word of the label: preferred over a plan that says half of them
    return CONTAINED if 2 * len(wanted & said) >= len(wanted) else NONE


Wanted = tuple[str, date | None, str | None, tuple[str, ...]]  # what, due, due_text, also


# How labels write a service the extractor names one way ("orthopedic follow-up").
_SERVICE_WORDS = {
    "Orthopaedics": ("orthopaedic", "orthopedic", "orthopedics", "ortho"),
    "Obstetrics": ("ob", "obstetric"),
    "Psychiatry": ("psychiatric",),
    "Dermatology": ("dermatologic",),
    "Allergy and immunology": ("allergy", "allergy/immunology"),
    "Endocrinology": ("endocrine",),
    "Paediatrics": ("pediatric", "pediatrics", "paediatric"),
    "Haematology": ("hematology",),
}


def _as_seen(plan: Planned) -> list[Planned]:
    """The plan, and a bare return visit as a clinician reads it: with the note's service."""
    if plan.service is None:
        return [plan]
    said = (plan.service, *_SERVICE_WORDS.get(plan.service, ()))
    return [plan, *(Planned(plan.kind, f"{name} {plan.text}", plan.due) for name in said)]


def names_any(plan: Planned, wanted: Wanted) -> int:
    """The best match of the plan (with its service, when it has one) against the label's
    `what` and its `also` wordings."""
    return max(names(seen, text) for seen in _as_seen(plan) for text in (wanted[0], *wanted[3]))


def _pairs(plans: Sequence[Planned], wanted: Sequence[Wanted]) -> list[tuple[int, int]]:
    """The most pairs; among as many, those that pair full matches first."""
    full_first = match(plans, wanted, names_any)
    as_many = match(plans, wanted, lambda plan, label: min(names_any(plan, label), CONTAINED))
    return full_first if len(full_first) >= len(as_many) else as_many


def score_planned(
    result: Score, prefix: str, plans: Sequence[Planned], wanted: Sequence[Wanted]
) -> None:
    """Recall and due-date agreement of `wanted` among `plans`, under `prefix`."""
    result.ratio(f"{prefix}.recall")
    result.ratio(f"{prefix}.due.agreement")
    candidates = list(plans)
    pairs = {lab: p for p, lab in _pairs(candidates, wanted)}
    for j, (what, due, due_text, _also) in enumerate(wanted):
        rate(result, f"{prefix}.recall", j in pairs)
        if j not in pairs:
            result.note(prefix, "missed", f"{what} (due {due})")
            continue
        plan = candidates[pairs[j]]
        right = plan.due in right_dues(due, due_text)
        rate(result, f"{prefix}.due.agreement", right)
        if not right:
            result.note(prefix, "wrong", f"{what}: due {plan.due}, labelled {due} ({plan.text!r})")


def score(run: NoteRun) -> Score:
    result = Score()
    plans = [Planned(p.kind.value, p.text, p.due, p.service) for p in run.analysis.plans]
    wanted = [(f.what, f.due, f.due_text, tuple(f.also)) for f in run.note.label.follow_ups]
    score_planned(result, "follow_ups", plans, wanted)
    return result


SCORER = Scorer[NoteRun]("follow_ups", "Follow-ups", RULE, score)
