"""The committed baseline (eval/baseline.json) and the check that no figure fell below it."""

import json
from pathlib import Path
from typing import Any

from eval.corpus import ROOT
from eval.evaluate import Evaluation, flat_figures
from eval.report import write_json
from eval.scoring import Figure

BASELINE = ROOT / "baseline.json"
# Rates may move by rounding only: the extractor is deterministic, so any real drop is a change.
TOLERANCE = 0.005


def entry(evaluation: Evaluation) -> dict[str, Any]:
    """One set's baseline: every figure, overall and per group, with the way it should go."""
    corpus = evaluation.run.corpus
    return {
        "fingerprint": corpus.fingerprint,
        "notes": len(corpus.notes),
        "figures": {
            key: {"value": None if f.value is None else round(f.value, 4), "better": f.better}
            for key, f in flat_figures(evaluation).items()
        },
    }


def read(path: Path = BASELINE) -> dict[str, Any]:
    if not path.is_file():
        return {"sets": {}}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def write(evaluations: list[Evaluation], path: Path = BASELINE) -> None:
    """Records these sets' figures, keeping the entries of sets not evaluated now."""
    data = read(path)
    data["tolerance"] = TOLERANCE
    for evaluation in evaluations:
        data["sets"][evaluation.run.corpus.name] = entry(evaluation)
    data["sets"] = dict(sorted(data["sets"].items()))
    write_json(path, data)


def _drop(key: str, was: dict[str, Any], now: Figure | None) -> str | None:
    if was["value"] is None:
        return None
    if now is None or now.value is None:
        return f"{key}: was {was['value']}, now not measured"
    if was["better"] == "higher" and now.value < was["value"] - TOLERANCE:
        return f"{key}: {now.value:.4f} < baseline {was['value']}"
    if was["better"] == "lower" and now.value > was["value"]:
        return f"{key}: {now.value:g} errors > baseline {was['value']:g}"
    return None


def regressions(baseline: dict[str, Any], evaluation: Evaluation) -> list[str]:
    """Every figure of the set's baseline that the evaluation does worse on."""
    now = flat_figures(evaluation)
    drops = (_drop(key, was, now.get(key)) for key, was in baseline["figures"].items())
    return [d for d in drops if d is not None]
