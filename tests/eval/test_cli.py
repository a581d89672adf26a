"""`python -m eval` end to end on the fixture set: tables printed, results, details, document
and baseline written where it is told; a broken set stops it with every problem listed."""

import json
import shutil
from pathlib import Path

import pytest

from carechart.notes.nlp import extractor_version, status_model
from eval import baseline
from eval.cli import main
from eval.timing import long_note, percentile
from tests.eval.support import TINY


def _arguments(tmp_path: Path, corpus: Path, *extra: str) -> list[str]:
    return [
        "--corpus", str(corpus),
        "--results", str(tmp_path / "results"),
        "--document", str(tmp_path / "evaluation.md"),
        "--baseline-file", str(tmp_path / "baseline.json"),
        "--no-timing",
        *extra,
    ]  # fmt: skip


def test_make_eval_prints_the_tables_and_writes_results_details_document_and_baseline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_arguments(tmp_path, TINY.parent, "--baseline")) == 0
    printed = capsys.readouterr().out
    for heading in (
        "## Set `tiny`",
        "### Per field",
        "### Per note type",
        "### Per format",
        "### Chart, per patient with several notes",
        "### Speed",
    ):
        assert heading in printed
    assert "| `medications.name.recall` |" in printed
    results = json.loads((tmp_path / "results" / "tiny.json").read_text())
    assert results["corpus"]["notes"] == 5
    assert results["timing"]["median_ms"] > 0
    assert "## f04-1-transcription-export" in (tmp_path / "results" / "tiny-details.md").read_text()
    document = (tmp_path / "evaluation.md").read_text()
    assert "## Set `tiny`" in document
    assert "### Medications" in document
    assert "### Chart" in document
    assert "htn = hypertension" in document
    written = baseline.read(tmp_path / "baseline.json")
    assert "medications.name.precision[note_type=consult]" in written["sets"]["tiny"]["figures"]


def test_an_unseen_set_gets_figures_but_no_details(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(TINY, corpus / "holdout15")
    assert main(_arguments(tmp_path, corpus)) == 0
    assert (tmp_path / "results" / "holdout15.json").is_file()
    assert not (tmp_path / "results" / "holdout15-details.md").exists()


def test_a_holdout_read_by_a_pass_gets_its_details(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(TINY, corpus / "holdout6")
    assert main(_arguments(tmp_path, corpus)) == 0
    assert (tmp_path / "results" / "holdout6-details.md").is_file()


def test_a_broken_set_stops_the_evaluation_with_every_problem_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(TINY, corpus / "dev")
    (corpus / "dev" / "labels" / "f03-1-operative-report.yaml").unlink()
    assert main(_arguments(tmp_path, corpus)) == 2
    error = capsys.readouterr().err
    assert "notes/f03-1-operative-report.txt has no labels/f03-1-operative-report.yaml" in error
    assert "patients.yaml: f03: notes" in error
    assert not (tmp_path / "evaluation.md").exists()


def test_no_set_at_all_is_an_error(tmp_path: Path) -> None:
    assert main(_arguments(tmp_path, tmp_path / "nothing")) == 1


def test_a_long_note_is_made_of_whole_lines_of_the_notes_up_to_its_size() -> None:
    texts = [p.read_text() for p in sorted((TINY / "notes").glob("*.txt"))]
    note = long_note(texts, 100_000)
    assert 95_000 < len(note) <= 100_000
    assert note.startswith(texts[0].strip())
    assert len(long_note(texts, 200_000)) > 195_000


def test_p95_is_the_nearest_rank() -> None:
    assert percentile(list(range(1, 101)), 0.95) == 95
    assert percentile([3.0], 0.95) == 3.0


def test_rewriting_the_baseline_refuses_to_hide_a_fall_of_an_overall_figure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = _arguments(tmp_path, TINY.parent, "--baseline")
    assert main(arguments) == 0
    path = tmp_path / "baseline.json"
    committed = json.loads(path.read_text())
    figure = committed["sets"]["tiny"]["figures"]["medications.name.recall"]
    figure["value"] += 0.5  # as if the committed run had done better than this one
    path.write_text(json.dumps(committed))
    capsys.readouterr()

    assert main(arguments) == 3
    error = capsys.readouterr().err
    assert "baseline NOT written" in error
    assert "tiny: medications.name.recall:" in error
    assert json.loads(path.read_text()) == committed  # untouched

    assert main([*arguments, "--accept-drops"]) == 0
    assert "accepted drops:\ntiny: medications.name.recall:" in capsys.readouterr().out
    rewritten = baseline.read(path)["sets"]["tiny"]["figures"]["medications.name.recall"]
    assert rewritten["value"] == figure["value"] - 0.5


def test_the_status_model_run_writes_apart_marks_its_version_and_never_the_baseline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(_arguments(tmp_path, TINY.parent, "--status-model", "--baseline"))
    assert "never writes the baseline" in capsys.readouterr().err

    assert main(_arguments(tmp_path, TINY.parent, "--status-model")) == 0
    results = json.loads((tmp_path / "results" / "tiny.json").read_text())
    assert results["extractor_version"] == extractor_version(status_model=True)


def test_a_status_model_run_without_its_weights_stops_before_scoring(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(status_model, "WEIGHTS", tmp_path / "missing.json")
    status_model.packaged_status_model.cache_clear()
    try:
        assert main(_arguments(tmp_path, TINY.parent, "--status-model")) == 2
    finally:
        status_model.packaged_status_model.cache_clear()
    assert "status model: no weights file" in capsys.readouterr().err
    assert not (tmp_path / "results").exists()
