"""What a note is: its type, and the encounter date it records."""

from eval.runner import NoteRun
from eval.scorers.common import rate
from eval.scoring import Score, Scorer

NOTE_TYPE_RULE = """\
The classifier's note type (no type is sent with the note) against the label's.

- `note_type.accuracy`, with a confusion table (label by row, prediction by column).
"""

DATE_RULE = """\
The predicted encounter date against the labelled one, which exists only where the note labels
its date (date of service, of the procedure, of discharge ...) or heads the document with it.

- `encounter_date.right`: the same date, or no date where the label has none.
- `encounter_date.null`: no date predicted where the label has one (allowed, but counted).
- `encounter_date.wrong`: a different date, or a date predicted where the label has none (a
  date read from the narrative). Target 0.
"""


def score_note_type(run: NoteRun) -> Score:
    result = Score()
    labelled, predicted = run.note.label.note_type, run.analysis.note_type.value.value
    rate(result, "note_type.accuracy", labelled == predicted)
    result.confuse("note_type", labelled, predicted)
    if labelled != predicted:
        cues = ", ".join(run.analysis.note_type.cues[:4])
        result.note("note_type", "wrong", f"{predicted} (cues: {cues}), labelled {labelled}")
    return result


def score_date(run: NoteRun) -> Score:
    result = Score()
    labelled = run.note.label.encounter_date
    found = run.analysis.encounter_date
    predicted = found.value if found else None
    result.ratio("encounter_date.right")
    null, wrong = result.count("encounter_date.null"), result.count("encounter_date.wrong")
    rate(result, "encounter_date.right", predicted == labelled)
    if predicted is None and labelled is not None:
        null.n += 1
        result.note("encounter_date", "missed", f"none, labelled {labelled}")
    elif predicted != labelled:
        wrong.n += 1
        evidence = f" from {found.text!r}" if found else ""
        result.note("encounter_date", "wrong", f"{predicted}{evidence}, labelled {labelled}")
    return result


NOTE_TYPE = Scorer[NoteRun]("note_type", "Note type", NOTE_TYPE_RULE, score_note_type)
ENCOUNTER_DATE = Scorer[NoteRun]("encounter_date", "Encounter date", DATE_RULE, score_date)
