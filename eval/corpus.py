"""Reads one labelled set (`eval/corpus/<set>/`): its notes, their labels and patients.yaml.

Every problem found is reported at once, file and field named, so a labeller fixes a set in one
pass: `load_set` raises `CorpusError` listing them all. `consistency` goes further than the
schema (an `as_written` the note never writes, a chart-level name no note label uses): those do
not stop an evaluation but the label test holds them at zero.
"""

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import TypeAdapter, ValidationError

from eval.labels import NoteLabel, PatientLabel

M = TypeVar("M")

ROOT = Path(__file__).resolve().parent
CORPUS = ROOT / "corpus"


class CorpusError(Exception):
    """A labelled set that cannot be read; the message lists every problem, one per line."""

    def __init__(self, where: Path, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{where}: {len(problems)} problem(s) in the labelled set\n{lines}")


@dataclass(frozen=True)
class CorpusNote:
    label: NoteLabel
    text: str
    path: Path

    @property
    def id(self) -> str:
        return self.label.note_id


@dataclass(frozen=True)
class Corpus:
    name: str
    path: Path
    notes: list[CorpusNote]
    patients: list[PatientLabel]
    fingerprint: str

    def notes_of(self, patient: PatientLabel) -> list[CorpusNote]:
        """The patient's notes in the order of their story."""
        by_id = {n.id: n for n in self.notes}
        return [by_id[note_id] for note_id in patient.notes]


def available_sets(root: Path = CORPUS) -> list[Path]:
    """The set directories present: `dev` first, then the others by name (holdout2 before
    holdout10)."""
    if not root.is_dir():
        return []
    found = [p for p in root.iterdir() if (p / "patients.yaml").is_file()]
    return sorted(found, key=lambda p: (p.name != "dev", len(p.name), p.name))


def _describe(error: ValidationError) -> list[str]:
    problems = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"]) or "(file)"
        given = f" (got {item['input']!r})" if item["type"] != "missing" else ""
        problems.append(f"{where}: {item['msg']}{given}")
    return problems


def _read_yaml(path: Path, problems: list[str]) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        problems.append(f"{path.name}: not readable YAML: {error}")
        return None


def _validate(
    model: type[M] | TypeAdapter[M], data: Any, name: str, problems: list[str]
) -> M | None:
    try:
        adapter = model if isinstance(model, TypeAdapter) else TypeAdapter(model)
        return adapter.validate_python(data)
    except ValidationError as error:
        problems.extend(f"{name}: {p}" for p in _describe(error))
        return None


def _labels(folder: Path, problems: list[str]) -> tuple[dict[str, NoteLabel], set[str]]:
    """The valid labels by note id, and the ids of every label file (valid or not)."""
    labels: dict[str, NoteLabel] = {}
    paths = sorted((folder / "labels").glob("*.y*ml"))
    for path in paths:
        data = _read_yaml(path, problems)
        label = _validate(NoteLabel, data, f"labels/{path.name}", problems)
        if label is None:
            continue
        if label.note_id != path.stem:
            problems.append(f"labels/{path.name}: note_id {label.note_id!r} is not the file name")
        labels[path.stem] = label
    return labels, {p.stem for p in paths}


def _texts(folder: Path, problems: list[str]) -> dict[str, tuple[str, Path]]:
    texts: dict[str, tuple[str, Path]] = {}
    for path in sorted((folder / "notes").glob("*.txt")):
        try:
            texts[path.stem] = (path.read_text(encoding="utf-8"), path)
        except UnicodeDecodeError:
            problems.append(f"notes/{path.name}: not UTF-8")
    return texts


def _patients(folder: Path, problems: list[str]) -> list[PatientLabel] | None:
    data = _read_yaml(folder / "patients.yaml", problems)
    if data is None:
        return None
    return _validate(TypeAdapter(list[PatientLabel]), data, "patients.yaml", problems)


def _pairing(label_files: set[str], texts: set[str], problems: list[str]) -> None:
    problems.extend(f"notes/{n}.txt has no labels/{n}.yaml" for n in sorted(texts - label_files))
    problems.extend(f"labels/{n}.yaml has no notes/{n}.txt" for n in sorted(label_files - texts))


def _patient_links(
    patients: list[PatientLabel], labels: dict[str, NoteLabel], problems: list[str]
) -> None:
    """Every note belongs to one listed patient, who lists it in the order of the story."""
    known = {p.patient for p in patients}
    if len(known) != len(patients):
        problems.append("patients.yaml: a patient is listed twice")
    for label in labels.values():
        if label.patient not in known:
            problems.append(f"labels/{label.note_id}.yaml: patient {label.patient!r} not listed")
    for patient in patients:
        own = sorted(
            (lab for lab in labels.values() if lab.patient == patient.patient),
            key=lambda lab: lab.order,
        )
        expected = [lab.note_id for lab in own]
        if patient.notes != expected:
            problems.append(
                f"patients.yaml: {patient.patient}: notes {patient.notes} should be {expected} "
                "(every labelled note of the patient, in story order)"
            )


def _fingerprint(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load_set(folder: Path) -> Corpus:
    """The set at `folder` (`.../corpus/dev`), or `CorpusError` listing every problem."""
    if not (folder / "patients.yaml").is_file():
        raise CorpusError(folder, ["patients.yaml is missing"])
    problems: list[str] = []
    labels, label_files = _labels(folder, problems)
    texts = _texts(folder, problems)
    patients = _patients(folder, problems)
    _pairing(label_files, set(texts), problems)
    # Links are checked between files that could be read, so one bad file is one problem.
    if patients is not None and len(labels) == len(label_files):
        _patient_links(patients, labels, problems)
    if problems or patients is None:
        raise CorpusError(folder, problems)
    notes = [CorpusNote(labels[n], *texts[n]) for p in patients for n in p.notes]
    files = [folder / "patients.yaml", *(folder / "labels").glob("*")]
    files += [path for _, path in texts.values()]
    return Corpus(folder.name, folder, notes, patients, _fingerprint(files))


_SPACE = re.compile(r"\s+")


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def consistency(corpus: Corpus) -> list[str]:
    """What the schema cannot see: labels that disagree with their note or with each other."""
    problems: list[str] = []
    for note in corpus.notes:
        text = _flat(note.text)
        for med in note.label.medications:
            if _flat(med.as_written) not in text:
                problems.append(f"{note.id}: as_written {med.as_written!r} is not in the note")
    for patient in corpus.patients:
        labels = [n.label for n in corpus.notes_of(patient)]
        drugs = {m.name for lab in labels for m in lab.medications}
        problems.extend(
            f"patients.yaml: {patient.patient}: {name!r} is no medication name of its notes"
            for name in [
                *patient.current_medications,
                *patient.stopped_medications,
                *patient.held_medications,
                *patient.not_current,
            ]
            if name not in drugs
        )
        if labels and patient.as_of != max(lab.taken_at for lab in labels):
            problems.append(f"patients.yaml: {patient.patient}: as_of is not the latest taken_at")
    return problems
