"""The status-model experiment's dataset: one row per labelled drug the extractor matches.

Each row holds the set it came from, the rule's status, the label's status and a bag of string
features read only from the extractor's own output and the note's text (what the extractor
could compute at run time): the rule's reading, the section kind and heading, the note type,
the words of the evidence clause and of a small window around it and around each mention, the
dose fields, PRN, and where the drug sits in its section's list. Matching is the scorer's
(eval/scorers/medications.py), so a row is exactly a drug `medications.status.accuracy` counts.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from carechart.notes.nlp import Medication, NoteAnalysis
from eval.corpus import CORPUS, load_set
from eval.runner import NoteRun, analyse_note
from eval.scorers.medications import label_keys, names_drug, predicted_keys
from eval.text import EXACT, NONE, match

SETS = ("dev", "holdout", "holdout2", "holdout3", "holdout4")
_WORD = re.compile(r"[a-z]+|\d+")
_WINDOW = 6  # words either side of the evidence clause and of each mention


@dataclass(frozen=True)
class Row:
    set_name: str
    note_id: str
    rule: str
    label: str
    features: tuple[str, ...]


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _tokens(text: str) -> list[str]:
    """Words, numbers folded into one token: a dose's figures are not cue words."""
    return ["<n>" if w.isdigit() else w for w in _words(text)]


def _line_of(text: str, start: int) -> str:
    begin = text.rfind("\n", 0, start) + 1
    end = text.find("\n", start)
    return text[begin : end if end >= 0 else len(text)]


def _around(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    before = _tokens(text[max(0, start - 80) : start])[-_WINDOW:]
    after = _tokens(text[end : end + 80])[:_WINDOW]
    return before, after


def _section_heading(analysis: NoteAnalysis, position: int) -> str:
    for section in analysis.sections:
        if section.start <= position < section.end:
            return section.heading
    return ""


def _layout(text: str, med: Medication) -> Iterator[str]:
    line = _line_of(text, med.start)
    stripped = line.lstrip()
    if stripped[:1] in "-*•" or re.match(r"\d+[.)]\s", stripped):
        yield "layout:bullet"
    if "|" in line or "\t" in line:
        yield "layout:table"
    if stripped.lower().startswith(text[med.start : med.start + 12].lower()[:6]):
        yield "layout:line_start"
    if len(_words(line)) <= 12:
        yield "layout:short_line"


def _position(analysis: NoteAnalysis, med: Medication) -> Iterator[str]:
    """Where the drug sits among the drugs of its section: first, last, alone, in a long list."""
    same = [m for m in analysis.medications if m.section == med.section]
    index = next(i for i, m in enumerate(same) if m is med)
    size = len(same)
    yield f"list:size={'1' if size == 1 else '2-4' if size <= 4 else '5+'}"
    if size > 1:
        yield "list:first" if index == 0 else "list:last" if index == size - 1 else "list:middle"


def _dosing(med: Medication) -> Iterator[str]:
    yield f"dose:{med.dose is not None}"
    yield f"route:{(med.route or 'none').lower()}"
    yield f"frequency:{med.frequency is not None}"
    yield f"prn:{med.prn}"
    yield f"course:{med.course_days is not None}"
    yield f"mentions:{min(len(med.mentions), 3)}"


def features(text: str, analysis: NoteAnalysis, med: Medication) -> tuple[str, ...]:
    """The drug's bag of features; a feature is a string, present or not."""
    rule, section, kind = med.status.value, med.section.value, analysis.note_type.value
    found = [f"rule:{rule}", f"section:{section}", f"type:{kind}"]
    found += [f"rule*section:{rule}|{section}", f"rule*type:{rule}|{kind}"]
    found += [f"head:{w}" for w in _words(_section_heading(analysis, med.start))]
    found += [f"clause:{w}" for w in _tokens(med.text)]
    found += [f"rule*clause:{rule}|{w}" for w in _tokens(med.text)]
    before, after = _around(text, med.start, med.end)
    found += [f"before:{w}" for w in before] + [f"after:{w}" for w in after]
    for span in med.mentions:
        near_before, near_after = _around(text, span.start, span.end)
        found += [f"near:{w}" for w in near_before + near_after]
        found.append(f"mention_section:{_section_kind(analysis, span.start)}")
    found += list(_layout(text, med)) + list(_position(analysis, med)) + list(_dosing(med))
    return tuple(sorted(set(found)))


def _section_kind(analysis: NoteAnalysis, position: int) -> str:
    for section in analysis.sections:
        if section.start <= position < section.end:
            return section.name.value
    return "none"


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
    rows: list[Row] = []
    for name in sets:
        for note in load_set(CORPUS / name).notes:
            rows += note_rows(name, analyse_note(note))
    return rows
