"""The learned status model beside the rules: its guard, its bar, its weights file, its switch.

Models here are tiny hand-made weights files, so what the model "says" is chosen by the test:
a bias alone makes it say one status for every drug with a chosen probability.
"""

import gzip
import json
import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from carechart.notes.nlp import (
    EXTRACTOR_VERSION,
    MedicationStatus,
    NoteAnalysis,
    StatusModelError,
    analyse,
    extractor_version,
    warm_up,
)
from carechart.notes.nlp import status_model as sm
from carechart.notes.nlp.status_model import (
    FORMAT,
    StatusModel,
    combined_status,
    load_status_model,
    with_model_statuses,
)

NOTE = """Clinic follow-up 03/02/2024

MEDICATIONS:
- metformin 500 mg PO twice daily
- atorvastatin 20 mg PO nightly
- aspirin 81 mg PO daily

PLAN:
Hold aspirin before the colonoscopy. Continue metformin.
"""
NOT_CURRENT = ("stopped", "held", "given", "proposed", "historical")
CURRENT = ("started", "continued", "changed", "resumed")


def _weights(
    path: Path, says: str, probability: float, weights: dict[str, dict[str, float]] | None = None
) -> Path:
    """A model of every status whose bias alone makes it say `says` with `probability`."""
    others = len(MedicationStatus) - 1
    content = {
        "format": FORMAT,
        "statuses": [s.value for s in MedicationStatus],
        "bias": [
            math.log(others * probability / (1 - probability)) if s.value == says else 0.0
            for s in MedicationStatus
        ],
        "weights": {
            feature: [row.get(s.value, 0.0) for s in MedicationStatus]
            for feature, row in (weights or {}).items()
        },
    }
    path.write_text(json.dumps(content))
    return path


def _model(tmp_path: Path, says: str, probability: float) -> StatusModel:
    return load_status_model(_weights(tmp_path / "model.json", says, probability))


def _with_readings(analysis: NoteAnalysis, reading: str) -> NoteAnalysis:
    """The analysis as if the rules had read every drug as `reading`."""
    meds = [
        m.model_copy(update={"status": MedicationStatus(reading)}) for m in analysis.medications
    ]
    return analysis.model_copy(update={"medications": meds})


@pytest.fixture
def packaged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The packaged weights file replaced by the test's (and the process's copy forgotten)."""
    path = tmp_path / "packaged.json"
    monkeypatch.setattr(sm, "WEIGHTS", path)
    sm.packaged_status_model.cache_clear()
    yield path
    sm.packaged_status_model.cache_clear()


@pytest.mark.parametrize("reading", NOT_CURRENT)
@pytest.mark.parametrize("says", CURRENT)
def test_a_reading_that_the_drug_is_not_taken_never_becomes_current(
    tmp_path: Path, reading: str, says: str
) -> None:
    analysis = _with_readings(analyse(NOTE), reading)
    revised = with_model_statuses(NOTE, analysis, _model(tmp_path, says, 0.999))
    assert [m.status.value for m in revised.medications] == [reading] * 3
    assert revised == analysis


@pytest.mark.parametrize("reading", NOT_CURRENT)
def test_a_reading_that_the_drug_is_not_taken_may_become_another_such_reading(
    tmp_path: Path, reading: str
) -> None:
    says = "historical" if reading != "historical" else "stopped"
    analysis = _with_readings(analyse(NOTE), reading)
    revised = with_model_statuses(NOTE, analysis, _model(tmp_path, says, 0.95))
    assert {m.status.value for m in revised.medications} == {says}


@pytest.mark.parametrize("reading", [*CURRENT, "unknown"])
def test_a_current_or_unknown_reading_gives_way_to_a_confident_model(
    tmp_path: Path, reading: str
) -> None:
    analysis = _with_readings(analyse(NOTE), reading)
    revised = with_model_statuses(NOTE, analysis, _model(tmp_path, "stopped", 0.9))
    assert {m.status.value for m in revised.medications} == {"stopped"}


def test_the_model_wins_only_at_a_probability_of_at_least_0_8(tmp_path: Path) -> None:
    analysis = _with_readings(analyse(NOTE), "continued")
    below = with_model_statuses(NOTE, analysis, _model(tmp_path, "stopped", 0.79))
    above = with_model_statuses(NOTE, analysis, _model(tmp_path, "stopped", 0.81))
    assert {m.status.value for m in below.medications} == {"continued"}
    assert {m.status.value for m in above.medications} == {"stopped"}
    started, stopped = MedicationStatus.STARTED, MedicationStatus.STOPPED
    assert combined_status(started, stopped, 0.8) is stopped
    assert combined_status(started, stopped, 0.7999) is started


def test_a_revised_drug_keeps_its_evidence_and_says_the_model_set_its_status(
    tmp_path: Path,
) -> None:
    analysis = analyse(NOTE)
    # Only a drug whose clause says "hold" is read as stopped by this model.
    model = load_status_model(
        _weights(tmp_path / "m.json", "continued", 0.99, {"clause:hold": {"stopped": 20.0}})
    )
    revised = with_model_statuses(NOTE, _with_readings(analysis, "continued"), model)
    changed = [m for m in revised.medications if m.status_source == "model"]
    assert [(m.name, m.status.value) for m in changed] == [("aspirin", "stopped")]
    before = next(m for m in analysis.medications if m.name == "aspirin")
    assert changed[0].model_dump(exclude={"status", "status_source"}) == before.model_dump(
        exclude={"status", "status_source"}
    )
    assert NOTE[changed[0].start : changed[0].end] == changed[0].text
    stored = revised.model_dump(mode="json")["medications"]
    assert [m.get("status_source") for m in stored] == [None, None, "model"]


def test_switched_off_the_analysis_is_the_rules_alone_whatever_the_weights_file(
    packaged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _weights(packaged, "stopped", 0.999)

    def must_not_run(*_: object) -> NoteAnalysis:
        raise AssertionError("the model ran with the switch off")

    monkeypatch.setattr("carechart.notes.nlp.analyser.with_model_statuses", must_not_run)
    off = analyse(NOTE)
    assert analyse(NOTE, status_model=False).model_dump_json() == off.model_dump_json()
    assert off.extractor_version == EXTRACTOR_VERSION
    assert "status_source" not in off.model_dump_json()
    assert sm.packaged_status_model.cache_info().currsize == 0  # never even read
    # The same weights do change the analysis once the switch is on.
    monkeypatch.undo()
    on = analyse(NOTE, status_model=True)
    assert on.model_dump_json() != off.model_dump_json()


def test_switched_on_the_analysis_uses_the_packaged_model_and_marks_its_version(
    packaged: Path,
) -> None:
    _weights(packaged, "stopped", 0.999)
    on = analyse(NOTE, status_model=True)
    assert on.extractor_version == extractor_version(status_model=True) != EXTRACTOR_VERSION
    assert {m.status.value for m in on.medications} <= {"stopped", *NOT_CURRENT}
    assert any(m.status_source == "model" for m in on.medications)


def test_the_weights_are_read_once_per_process(packaged: Path) -> None:
    _weights(packaged, "stopped", 0.999)
    warm_up(status_model=True)
    packaged.unlink()  # a second read would fail
    first = analyse(NOTE, status_model=True)
    assert analyse(NOTE, status_model=True) == first
    assert sm.packaged_status_model.cache_info().misses == 1


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "no weights file"),
        ("{not json", "not a weights file"),
        ('{"format": "something else"}', "not a weights file"),
        (f'{{"format": "{FORMAT}", "statuses": ["continued"], "bias": []}}', "one number"),
        (
            f'{{"format": "{FORMAT}", "statuses": ["sort of"], "bias": [0], "weights": {{}}}}',
            "not a weights file",
        ),
        (
            f'{{"format": "{FORMAT}", "statuses": ["held"], "bias": [0], '
            '"weights": {"rule:held": [1.0, 2.0]}}',
            "one weight per status",
        ),
        (f'{{"format": "{FORMAT}", "statuses": ["held"], "bias": [0]}}', "not a weights file"),
    ],
)
def test_a_missing_or_broken_weights_file_stops_the_warm_up_and_names_the_file(
    packaged: Path, content: str | None, reason: str
) -> None:
    if content is not None:
        packaged.write_text(content)
    with pytest.raises(StatusModelError, match=reason) as raised:
        warm_up(status_model=True)
    assert str(packaged) in str(raised.value)
    warm_up()  # switched off, the file is not needed


def test_the_shipped_weights_file_loads_small_and_knows_every_status() -> None:
    assert sm.WEIGHTS.stat().st_size < 1_000_000
    model = load_status_model()
    assert set(model.statuses) <= set(MedicationStatus)
    assert "rule:continued" in model.weights


def test_a_gzipped_weights_file_is_read_and_a_truncated_one_refused(tmp_path: Path) -> None:
    plain = _weights(tmp_path / "model.json", "stopped", 0.9)
    packed = tmp_path / "model.json.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert load_status_model(packed) == load_status_model(plain)
    packed.write_bytes(packed.read_bytes()[:20])
    with pytest.raises(StatusModelError, match="not a weights file"):
        load_status_model(packed)
