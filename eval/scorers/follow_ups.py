"""Follow-ups of a note: what is still to happen, and when."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from eval.runner import NoteRun
from eval.scorers.common import rate
from eval.scoring import Score, Scorer
from eval.text import CONTAINED, NONE, match, word_set, words

RULE = """\
Every predicted plan is a candidate, whatever its kind. A plan names a labelled follow-up when
it holds at least half of the content words of the label's `what` (free-text
normalisation; PCP is primary care, CXR chest x-ray, RTC return to clinic). Words that only say
"come back" (follow, up, visit, return, recheck, appointment, clinic, office, see) do not
count as content: a label made only of them ("follow-up visit") is named by any plan of kind
`follow_up`. One to one. Only recall is measured: plans hold orders and referrals the labels
do not list.

- `follow_ups.recall`: labelled follow-ups that a plan names.
- `follow_ups.due.agreement`: named follow-ups whose predicted due date is the labelled one
  (no date where the label has none agrees; a date where the label has none does not).
"""

GENERIC = word_set(
    "follow followup up visit return recheck check appointment appt clinic office see seen"
    " back come again"
)


@dataclass(frozen=True)
class Planned:
    """A plan as the matcher sees it (a note's plan or a chart's follow-up)."""

    kind: str
    text: str
    due: date | None


def names(plan: Planned, what: str) -> int:
    wanted = set(words(what)) - GENERIC
    said = set(words(plan.text))
    if not wanted:
        return CONTAINED if plan.kind == "follow_up" and said & GENERIC else NONE
    return CONTAINED if 2 * len(wanted & said) >= len(wanted) else NONE


def score_planned(
    result: Score, prefix: str, plans: Sequence[Planned], wanted: Sequence[tuple[str, date | None]]
) -> None:
    """Recall and due-date agreement of `wanted` (what, due) among `plans`, under `prefix`."""
    result.ratio(f"{prefix}.recall")
    result.ratio(f"{prefix}.due.agreement")
    candidates = list(plans)
    pairs = {lab: p for p, lab in match(candidates, wanted, lambda p, w: names(p, w[0]))}
    for j, (what, due) in enumerate(wanted):
        rate(result, f"{prefix}.recall", j in pairs)
        if j not in pairs:
            result.note(prefix, "missed", f"{what} (due {due})")
            continue
        plan = candidates[pairs[j]]
        rate(result, f"{prefix}.due.agreement", plan.due == due)
        if plan.due != due:
            result.note(prefix, "wrong", f"{what}: due {plan.due}, labelled {due} ({plan.text!r})")


def score(run: NoteRun) -> Score:
    result = Score()
    plans = [Planned(p.kind.value, p.text, p.due) for p in run.analysis.plans]
    wanted = [(f.what, f.due) for f in run.note.label.follow_ups]
    score_planned(result, "follow_ups", plans, wanted)
    return result


SCORER = Scorer[NoteRun]("follow_ups", "Follow-ups", RULE, score)
