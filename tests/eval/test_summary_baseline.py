"""The summary evaluation holds its committed baseline (eval/summary_baseline.json), set by set."""

import functools
import json
from typing import Any

import pytest

from eval.corpus import CORPUS
from eval.summaries import BASELINE, MAX_LAY_GRADE, evaluate, figures_json

# Figures that depend on the extractor as well (the chart under the summary) may move a little
# with it; the summary's own figures may not move at all.
TOLERANCE = 0.05
OWN_RATES = (
    "current_medications.given_chart",
    "narratives_backed",
    "openai.current_medications.given_chart",
)


def _baseline() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(BASELINE.read_text(encoding="utf-8"))
    return data


SETS = [name for name in _baseline()["sets"] if (CORPUS / name / "patients.yaml").is_file()]


@functools.cache
def _measured(name: str) -> dict[str, Any]:
    return figures_json(evaluate(CORPUS / name))


@pytest.fixture(params=SETS)
def case(request: pytest.FixtureRequest) -> tuple[str, dict[str, Any], dict[str, Any]]:
    name: str = request.param
    return name, _measured(name), _baseline()["sets"][name]


def test_no_summary_rate_falls_below_the_baseline(case: tuple[str, Any, Any]) -> None:
    name, now, was = case
    for figure, rate in was["rates"].items():
        allowed = 0.0 if figure in OWN_RATES else TOLERANCE
        measured = now["rates"][figure]
        assert measured >= rate - allowed, f"{name} {figure}: {measured} < baseline {rate}"


def test_every_current_medication_of_the_chart_is_named_and_none_invented(
    case: tuple[str, Any, Any],
) -> None:
    name, now, was = case
    rates, counts = now["rates"], now["counts"]
    assert rates["current_medications.given_chart"] == 1.0, name
    assert counts["invented_current"] == 0, name
    assert counts["items_unverified"] <= was["counts"]["items_unverified"], name
    assert counts["stopped_as_current"] <= was["counts"]["stopped_as_current"], name


def test_every_lay_summary_reads_at_grade_eight_or_below(case: tuple[str, Any, Any]) -> None:
    name, now, _ = case
    assert now["lay_over_grade_8"] == 0, name
    assert now["lay_grade_max"] <= MAX_LAY_GRADE, name


def test_through_openai_no_stopped_drug_is_listed_as_current(case: tuple[str, Any, Any]) -> None:
    name, now, was = case
    counts = now["counts"]
    # A label-faithful model lists no stopped drug as current: any count left is where a set's
    # labels name one drug both ways (read sets report it), so no set may add one.
    assert counts["openai.stopped_as_current"] <= was["counts"]["openai.stopped_as_current"], name
    if name == "dev":
        assert counts["openai.stopped_as_current"] == 0
    assert counts["openai.items_unverified"] <= was["counts"]["openai.items_unverified"], name


def test_the_dev_summaries_verify_every_item() -> None:
    assert _measured("dev")["counts"]["items_unverified"] == 0
