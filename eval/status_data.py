"""The status-model experiment's dataset: one row per labelled drug the extractor matches.

Each row holds the set it came from, the rule's status, the label's status and a bag of string
features read only from the extractor's own output and the note's text (what the extractor
could compute at run time): the rule's reading, the section kind and heading, the note type,
the words of the evidence clause and of a small window around it and around each mention, the
dose fields, PRN, and where the drug sits in its section's list. The features are the
run-time model's own (`carechart.notes.nlp.status_model.features`), so training and use share
one code path. Matching is the scorer's (eval/scorers/medications.py), so a row is exactly a
drug `medications.status.accuracy` counts.
"""

from dataclasses import dataclass

from carechart.notes.nlp.status_model import features
from eval.corpus import CORPUS, load_set
from eval.runner import NoteRun, analyse_note
from eval.scorers.medications import label_keys, names_drug, predicted_keys
from eval.text import EXACT, NONE, match

# Every set a developer may read. Never the blind judges (holdout15, holdout16, holdout17).
SETS = (
    "dev",
    "holdout",
    "holdout2",
    "holdout3",
    "holdout4",
    "holdout5",
    "holdout6",
    "holdout7",
    "holdout8",
    "holdout10",
    "holdout11",
    "holdout12",
    "holdout13",
    "holdout14",
)


@dataclass(frozen=True)
class Row:
    set_name: str
    note_id: str
    rule: str
    label: str
    features: tuple[str, ...]


def note_rows(set_name: str, run: NoteRun) -> list[Row]:
    label, predicted = run.note.label, run.analysis.medications
    pairs = match(
        predicted,
        label.medications,
        lambda p, lab: EXACT if names_drug(predicted_keys(p), label_keys(lab)) else NONE,
    )
    rows = []
    for p, lab in pairs:
        med = predicted[p]
        rows.append(
            Row(
                set_name,
                run.note.id,
                med.status.value,
                label.medications[lab].status,
                features(run.note.text, run.analysis, med),
            )
        )
    return rows


def build(sets: tuple[str, ...] = SETS) -> list[Row]:
    """Every matched drug of every set, in the order of the sets and their notes."""
    blind = set(sets) - set(SETS)
    if blind:
        raise ValueError(f"not a read set: {sorted(blind)} (the blind judges are never read)")
    rows: list[Row] = []
    for name in sets:
        for note in load_set(CORPUS / name).notes:
            rows += note_rows(name, analyse_note(note))
    return rows
