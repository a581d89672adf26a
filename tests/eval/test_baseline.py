"""The regression gate: every committed set is evaluated, and no figure may fall below the
committed baseline (eval/baseline.json). Rates may drop by the tolerance at most; counts of
errors may not grow, so a 0 stays 0. Timings are reported by `make eval`, never tested here.

When a change improves the figures, `make eval-baseline` records them, and the new baseline is
committed with the change: the gate then holds the improvement.
"""

import pytest

from eval import baseline
from eval.corpus import CORPUS, available_sets, load_set
from eval.evaluate import Evaluation, evaluate
from eval.runner import run_corpus
from tests.eval.support import evaluate_with, medication, only, replaced, with_medications

COMMITTED = baseline.read()
SETS = sorted({p.name for p in available_sets(CORPUS)} | set(COMMITTED["sets"]))


@pytest.mark.parametrize("name", SETS or ["(no set)"])
def test_no_figure_falls_below_the_committed_baseline(name: str) -> None:
    assert SETS, f"no labelled set under {CORPUS}: the evaluation has nothing to hold"
    assert name in COMMITTED["sets"], (
        f"set {name!r} has no baseline: run `make eval-baseline` and commit eval/baseline.json"
    )
    assert (CORPUS / name).is_dir(), f"the baseline names set {name!r}, absent from {CORPUS}"
    evaluation = evaluate(run_corpus(load_set(CORPUS / name)))
    entry = COMMITTED["sets"][name]
    drops = baseline.regressions(entry, evaluation)
    changed = entry["fingerprint"] != evaluation.run.corpus.fingerprint
    note = "\n(the set's notes or labels changed since the baseline was taken)" if changed else ""
    assert drops == [], "figures below the baseline:\n" + "\n".join(drops) + note


# --- The gate's own rules, on the fixture set -------------------------------------------------


@pytest.fixture(scope="module")
def perfect() -> Evaluation:
    return evaluate_with()


def test_the_same_figures_pass(perfect: Evaluation) -> None:
    assert baseline.regressions(baseline.entry(perfect), perfect) == []


def test_a_lower_rate_fails_and_names_the_figure_and_its_groups(perfect: Evaluation) -> None:
    worse = evaluate_with(only("f02-1-office-visit", replaced("medications", "Nexium", None)))
    drops = baseline.regressions(baseline.entry(perfect), worse)
    assert any(d.startswith("medications.name.recall: 0.9") for d in drops), drops
    assert any(d.startswith("medications.name.recall[note_type=follow_up]: 0.8") for d in drops)
    assert any(d.startswith("medications.name.recall[format=office_visit]") for d in drops)
    # ... and the other way round is an improvement, which passes.
    assert baseline.regressions(baseline.entry(worse), perfect) == []


def test_a_drop_within_the_tolerance_passes(perfect: Evaluation) -> None:
    entry = baseline.entry(perfect)
    entry["figures"]["medications.name.recall"]["value"] = 1.0 + baseline.TOLERANCE / 2
    assert baseline.regressions(entry, perfect) == []
    entry["figures"]["medications.name.recall"]["value"] = 1.0 + baseline.TOLERANCE * 2
    assert baseline.regressions(entry, perfect) != []


def test_a_count_of_errors_that_was_zero_must_stay_zero(perfect: Evaluation) -> None:
    sulfa = with_medications(medication("sulfa"))
    worse = evaluate_with(only("f04-1-transcription-export", sulfa))
    drops = baseline.regressions(baseline.entry(perfect), worse)
    assert "medications.allergen_as_medication: 1 errors > baseline 0" in drops


def test_a_figure_no_longer_measured_fails(perfect: Evaluation) -> None:
    entry = baseline.entry(perfect)
    entry["figures"]["vitals.height.agreement"] = {"value": 1.0, "better": "higher"}
    assert baseline.regressions(entry, perfect) == [
        "vitals.height.agreement: was 1.0, now not measured"
    ]
