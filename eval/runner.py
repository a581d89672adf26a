"""Runs the extractor over a labelled set: every note analysed, every patient's chart built.

No database: notes go through `analyse` as an upload would, and each patient's chart is built
by `build_chart` from `ChartNote`s in the order of the story, on the patient's `as_of` date.
The analyser is a parameter so tests can score a made-up extractor.
"""

import inspect
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, get_args

from carechart.notes.chart import ChartNote, build_chart
from carechart.notes.chart_schemas import Chart
from carechart.notes.nlp import NoteAnalysis, analyse
from eval.corpus import Corpus, CorpusNote
from eval.labels import PatientLabel

Analyser = Callable[..., NoteAnalysis]
# Stable ids, so a chart's citations point to the same note from one run to the next.
_NAMESPACE = uuid.UUID("5b0c6f8e-3c1d-4c53-9a39-2a3b7d1e0e11")


@dataclass(frozen=True)
class NoteRun:
    note: CorpusNote
    analysis: NoteAnalysis
    milliseconds: float


@dataclass(frozen=True)
class PatientRun:
    """A patient's notes as analysed, and the chart built from them (issue 12 adds a summary)."""

    patient: PatientLabel
    notes: list[NoteRun]
    chart: Chart


@dataclass(frozen=True)
class Run:
    corpus: Corpus
    notes: list[NoteRun]
    patients: list[PatientRun]
    first_call_ms: float  # the first analysis of a process pays for loading vocabularies


def _accepts_datetime(annotation: Any) -> bool:
    return annotation is datetime or datetime in get_args(annotation)


def extractor_arguments(analyser: Analyser, taken_at: date) -> dict[str, Any]:
    """What goes with the text. Never a note type: the classifier is under test. `taken_at` as
    soon as the extractor takes it (as a datetime when it asks for one), as an upload sends it."""
    arguments: dict[str, Any] = {"client_note_type": None}
    parameter = inspect.signature(analyser, eval_str=True).parameters.get("taken_at")
    if parameter is not None:
        as_datetime = _accepts_datetime(parameter.annotation)
        arguments["taken_at"] = _midnight(taken_at) if as_datetime else taken_at
    return arguments


def _midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), UTC)


def analyse_note(note: CorpusNote, analyser: Analyser = analyse) -> NoteRun:
    arguments = extractor_arguments(analyser, note.label.taken_at)
    started = time.perf_counter()
    analysis = analyser(note.text, **arguments)
    return NoteRun(note, analysis, (time.perf_counter() - started) * 1000)


def chart_note(run: NoteRun, position: int) -> ChartNote:
    """The note as the chart sees a stored one. Notes of one day keep their story order: a
    client uploading them in turn gives each a later time."""
    analysis = run.analysis
    return ChartNote(
        id=uuid.uuid5(_NAMESPACE, run.note.id),
        taken_at=_midnight(run.note.label.taken_at) + timedelta(minutes=position),
        note_type=analysis.note_type.value,
        title=None,
        author=analysis.author.name if analysis.author else None,
        has_text=analysis.has_text,
        analysis=analysis,
    )


def chart_of(patient: PatientLabel, notes: list[NoteRun]) -> Chart:
    chart_notes = [chart_note(run, position) for position, run in enumerate(notes)]
    patient_id = uuid.uuid5(_NAMESPACE, patient.patient)
    return build_chart(patient_id, chart_notes, today=patient.as_of)


def run_corpus(corpus: Corpus, analyser: Analyser = analyse) -> Run:
    started = time.perf_counter()
    analyser("Warm-up.", **extractor_arguments(analyser, date(2000, 1, 1)))
    first_call_ms = (time.perf_counter() - started) * 1000
    notes = [analyse_note(note, analyser) for note in corpus.notes]
    by_id = {run.note.id: run for run in notes}
    patients = []
    for patient in corpus.patients:
        own = [by_id[note_id] for note_id in patient.notes]
        patients.append(PatientRun(patient, own, chart_of(patient, own)))
    return Run(corpus, notes, patients, first_call_ms)
