"""The loader: a good set loads in story order; a bad one is refused with every problem named."""

import shutil
from pathlib import Path

import pytest

from eval.corpus import CorpusError, consistency, load_set
from tests.eval.support import TINY, tiny


def test_the_fixture_set_loads_with_each_patients_notes_in_story_order() -> None:
    corpus = tiny()
    assert [p.patient for p in corpus.patients] == ["f01", "f02", "f03", "f04"]
    stay = corpus.notes_of(corpus.patients[0])
    assert [n.id for n in stay] == ["f01-1-history-and-physical", "f01-2-discharge-summary"]
    assert stay[1].text.startswith("DISCHARGE SUMMARY")
    assert consistency(corpus) == []


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "broken"
    shutil.copytree(TINY, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _problems(folder: Path) -> list[str]:
    with pytest.raises(CorpusError) as raised:
        load_set(folder)
    assert str(folder) in str(raised.value)
    return raised.value.problems


def test_every_problem_of_a_set_is_reported_at_once_with_file_and_field(copy: Path) -> None:
    labels = copy / "labels"
    _edit(labels / "f02-1-office-visit.yaml", "status: stopped", "status: discontinued")
    _edit(labels / "f03-1-operative-report.yaml", "note_type: procedure", "notetype: procedure")
    _edit(labels / "f02-1-office-visit.yaml", "taken_at: 2025-06-02", "taken_at: last june")
    problems = _problems(copy)
    assert any(
        p.startswith("labels/f02-1-office-visit.yaml: medications.2.status: Input should be")
        and "'discontinued'" in p
        for p in problems
    ), problems
    assert "labels/f03-1-operative-report.yaml: note_type: Field required" in problems
    assert any(p.startswith("labels/f02-1-office-visit.yaml: taken_at:") for p in problems)
    assert any(
        p.startswith("labels/f03-1-operative-report.yaml: notetype: Extra inputs") for p in problems
    )


def test_a_note_without_labels_and_an_unknown_patient_are_refused(copy: Path) -> None:
    (copy / "notes" / "f05-1-letter.txt").write_text("Dear colleague,")
    _edit(copy / "labels" / "f04-1-transcription-export.yaml", "patient: f04", "patient: f09")
    problems = _problems(copy)
    assert "notes/f05-1-letter.txt has no labels/f05-1-letter.yaml" in problems
    assert any("does not start with 'f09'" in p for p in problems)


def test_notes_listed_out_of_story_order_are_refused(copy: Path) -> None:
    _edit(
        copy / "patients.yaml",
        "notes: [f01-1-history-and-physical, f01-2-discharge-summary]",
        "notes: [f01-2-discharge-summary, f01-1-history-and-physical]",
    )
    assert any("in story order" in p for p in _problems(copy))


def test_unreadable_yaml_is_named(copy: Path) -> None:
    (copy / "labels" / "f02-1-office-visit.yaml").write_text("medications: [\n")
    assert any(p.startswith("f02-1-office-visit.yaml: not readable YAML") for p in _problems(copy))


def test_an_as_written_name_the_note_never_writes_is_a_consistency_problem(copy: Path) -> None:
    _edit(copy / "labels" / "f02-1-office-visit.yaml", "as_written: Nexium", "as_written: Nexum")
    assert consistency(load_set(copy)) == [
        "f02-1-office-visit: as_written 'Nexum' is not in the note"
    ]
