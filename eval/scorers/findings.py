"""Negated findings of a note ("denies chest pain", "no edema")."""

from eval.runner import NoteRun
from eval.scorers.common import Labelled, tally_phrases
from eval.scoring import Score, Scorer

RULE = """\
A predicted negated finding names a labelled one when their phrase keys are equal or one holds
the other (free-text rule): "SOB" names "shortness of breath", "fevers" names "fever", and a
prediction that runs several findings together ("chest pain, palpitations or SOB") names only
one of them. One to one.

- `negated_findings`: precision and recall.
"""


def score(run: NoteRun) -> Score:
    result = Score()
    labelled = [Labelled.of(text) for text in run.note.label.negated_findings]
    # The finding as named ("thyroid nodules" for "Thyroid: no nodules"), else as written.
    predicted = [f.name or f.text for f in run.analysis.negated_findings]
    tally_phrases(result, "negated_findings", predicted, labelled)
    return result


SCORER = Scorer[NoteRun]("negated_findings", "Negated findings", RULE, score)
