"""Scores a run: every scorer on every note and patient, totals overall, per group, per patient."""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from eval.runner import NoteRun, Run
from eval.scorers import NOTE_SCORERS, PATIENT_SCORERS
from eval.scoring import Figure, Score, figures, total

# Note-level figures are also given per value of these label fields.
GROUPINGS: dict[str, Callable[[NoteRun], str]] = {
    "note_type": lambda run: run.note.label.note_type,
    "format": lambda run: run.note.label.format,
}


@dataclass(frozen=True)
class Group:
    size: int
    figures: dict[str, Figure]


@dataclass(frozen=True)
class Evaluation:
    run: Run
    figures: dict[str, Figure]
    groups: dict[str, dict[str, Group]]  # grouping -> value -> figures of those notes
    confusions: dict[str, Counter[tuple[str, str]]]
    notes: dict[str, Score]  # by note id
    patients: dict[str, Score]  # by patient, those some patient scorer applies to


def score_note(run: NoteRun) -> Score:
    return total(s.score(run) for s in NOTE_SCORERS if s.applies(run))


def _groups(run: Run, notes: dict[str, Score]) -> dict[str, dict[str, Group]]:
    result: dict[str, dict[str, Group]] = {}
    for grouping, value_of in GROUPINGS.items():
        members: dict[str, list[Score]] = {}
        for note in run.notes:
            members.setdefault(value_of(note), []).append(notes[note.note.id])
        result[grouping] = {
            value: Group(len(scores), figures(total(scores)))
            for value, scores in sorted(members.items())
        }
    return result


def evaluate(run: Run) -> Evaluation:
    notes = {note.note.id: score_note(note) for note in run.notes}
    patients = {
        p.patient.patient: total(s.score(p) for s in PATIENT_SCORERS if s.applies(p))
        for p in run.patients
        if any(s.applies(p) for s in PATIENT_SCORERS)
    }
    overall = total([*notes.values(), *patients.values()])
    return Evaluation(
        run, figures(overall), _groups(run, notes), overall.confusions, notes, patients
    )


def flat_figures(evaluation: Evaluation) -> dict[str, Figure]:
    """Every figure under one key: overall ones as they are, a group's as `key[grouping=value]`."""
    flat = dict(evaluation.figures)
    for grouping, groups in evaluation.groups.items():
        for value, group in groups.items():
            flat.update({f"{k}[{grouping}={value}]": f for k, f in group.figures.items()})
    return flat
