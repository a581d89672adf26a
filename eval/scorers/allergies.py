"""Allergies of a note: substances, reactions, and "no known allergies"."""

from eval.runner import NoteRun
from eval.scorers.common import Labelled, rate, tally_phrases
from eval.scoring import Score, Scorer
from eval.text import CONTAINED, phrase_key, phrase_match

RULE = """\
A predicted allergy names a labelled one when its `substance` and the label's `substance` or an
`also` name have the same phrase key, or one holds the other (see "Free text" above):
"Penicillin (hives)" names penicillin. One to one.

- `allergies.substance`: precision and recall.
- `allergies.reaction.agreement`: matched allergies with a labelled reaction whose predicted
  reaction names it the same way.
- `allergies.no_known_allergies.accuracy`: notes whose `no_known_allergies` is the label's.
"""


def score(run: NoteRun) -> Score:
    result = Score()
    label, analysis = run.note.label, run.analysis
    result.tally("allergies.substance")
    result.ratio("allergies.reaction.agreement")
    labelled = [Labelled.of(a.substance, a.also) for a in label.allergies]
    predicted = [a.substance for a in analysis.allergies]
    for p, lab in tally_phrases(result, "allergies.substance", predicted, labelled):
        reaction = label.allergies[lab].reaction
        if reaction is None:
            continue
        given = analysis.allergies[p].reaction
        right = given is not None and phrase_match(phrase_key(given), phrase_key(reaction)) >= (
            CONTAINED
        )
        rate(result, "allergies.reaction.agreement", right)
        if not right:
            result.note("allergies", "wrong", f"{reaction}: reaction {given!r}")
    right = analysis.no_known_allergies == label.no_known_allergies
    rate(result, "allergies.no_known_allergies.accuracy", right)
    if not right:
        result.note(
            "allergies",
            "wrong",
            f"no_known_allergies {analysis.no_known_allergies}, "
            f"labelled {label.no_known_allergies}",
        )
    return result


SCORER = Scorer[NoteRun]("allergies", "Allergies", RULE, score)
