"""The summary evaluation holds its committed baseline (eval/summary_baseline.json)."""

import json

import pytest

from eval.summaries import BASELINE, MAX_LAY_GRADE, Figures, evaluate, figures_json

# Figures that depend on the extractor as well (the chart under the summary) may move a little
# with it; the summary's own figures may not move at all.
TOLERANCE = 0.05
OWN_RATES = (
    "current_medications.given_chart",
    "narratives_backed",
    "openai.current_medications.given_chart",
)


@pytest.fixture(scope="module")
def measured() -> dict[str, object]:
    figures: Figures = evaluate()
    return figures_json(figures)


def _baseline() -> dict[str, object]:
    data: dict[str, object] = json.loads(BASELINE.read_text(encoding="utf-8"))
    return data


def test_no_summary_rate_falls_below_the_baseline(measured: dict[str, object]) -> None:
    was = _baseline()["rates"]
    now = measured["rates"]
    assert isinstance(was, dict)
    assert isinstance(now, dict)
    for name, rate in was.items():
        allowed = 0.0 if name in OWN_RATES else TOLERANCE
        assert now[name] >= rate - allowed, f"{name}: {now[name]} < baseline {rate}"


def test_every_current_medication_of_the_chart_is_named_and_none_invented(
    measured: dict[str, object],
) -> None:
    rates, counts = measured["rates"], measured["counts"]
    assert isinstance(rates, dict)
    assert isinstance(counts, dict)
    assert rates["current_medications.given_chart"] == 1.0
    assert counts["invented_current"] == 0
    assert counts["items_unverified"] == 0
    was = _baseline()["counts"]
    assert isinstance(was, dict)
    assert counts["stopped_as_current"] <= was["stopped_as_current"]


def test_every_lay_summary_reads_at_grade_eight_or_below(measured: dict[str, object]) -> None:
    assert measured["lay_over_grade_8"] == 0
    grade = measured["lay_grade_max"]
    assert isinstance(grade, float)
    assert grade <= MAX_LAY_GRADE


def test_through_openai_no_stopped_drug_is_listed_as_current(measured: dict[str, object]) -> None:
    counts = measured["counts"]
    assert isinstance(counts, dict)
    assert counts["openai.stopped_as_current"] == 0
    was = _baseline()["counts"]
    assert isinstance(was, dict)
    assert counts["openai.items_unverified"] <= was["openai.items_unverified"]
