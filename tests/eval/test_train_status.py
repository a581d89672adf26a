"""The status-model experiment: its features, its guard and its deterministic training."""

import json

import pytest

from carechart.notes.nlp import analyse
from carechart.notes.nlp.status_model import StatusModel
from eval.status_data import Row, build, features
from eval.train_status import (
    CANDIDATE,
    MODELS,
    PRUNE,
    allowed,
    candidate_fold,
    export,
    logistic,
    naive_bayes,
    weak_readings,
)

NOTE = """MEDICATIONS:
- lisinopril 10 mg PO daily
- albuterol inhaler 2 puffs q4h PRN

PLAN:
Stop lisinopril given cough.
"""


def _rows() -> list[Row]:
    """A made-up training set where one cue word decides the label against the rule."""
    rows = []
    for i in range(12):
        rows.append(Row("a", "n", "continued", "continued", ("rule:continued", f"clause:w{i % 3}")))
        rows.append(
            Row("a", "n", "continued", "stopped", ("rule:continued", "clause:discontinued"))
        )
        rows.append(Row("a", "n", "given", "given", ("rule:given", "clause:once")))
    return rows


def test_features_come_from_the_extractors_reading_and_the_notes_words() -> None:
    analysis = analyse(NOTE)
    albuterol = next(m for m in analysis.medications if m.name.lower().startswith("albuterol"))
    found = features(NOTE, analysis, albuterol)
    assert f"rule:{albuterol.status.value}" in found
    assert f"section:{albuterol.section.value}" in found
    assert "prn:True" in found
    assert "dose:True" in found
    assert "layout:bullet" in found
    assert found == tuple(sorted(set(found)))


def test_a_given_or_proposed_reading_never_becomes_current() -> None:
    for rule in ("given", "proposed"):
        for proposal in ("started", "continued", "changed", "resumed"):
            assert not allowed(rule, proposal, 1.0, 0.8)


def test_a_stopped_or_held_reading_becomes_current_only_on_strong_evidence() -> None:
    assert not allowed("stopped", "continued", 0.9, 0.8)
    assert not allowed("held", "resumed", 0.94, 0.8)
    assert allowed("stopped", "continued", 0.97, 0.8)


def test_other_overrides_need_the_confidence_bar() -> None:
    assert allowed("started", "proposed", 0.85, 0.8)
    assert not allowed("started", "proposed", 0.75, 0.8)
    assert not allowed("started", "started", 1.0, 0.8)


def test_both_models_learn_a_cue_word_that_overrules_the_rule() -> None:
    for train in (logistic(10, 1e-2), naive_bayes):
        model = train(_rows())
        assert model.predict(("rule:continued", "clause:discontinued"))[0] == "stopped"
        assert model.predict(("rule:continued", "clause:w1"))[0] == "continued"
        assert model.predict(("rule:given", "clause:once"))[0] == "given"


def test_training_is_deterministic() -> None:
    first, second = logistic(5, 1e-3)(_rows()), logistic(5, 1e-3)(_rows())
    assert first.weights == second.weights
    assert first.bias == second.bias


def test_weak_readings_are_the_rules_readings_often_wrong_in_training() -> None:
    assert weak_readings(_rows()) == frozenset({"continued"})


def test_the_exported_candidate_predicts_as_the_trained_one_and_is_the_same_each_time() -> None:
    rows = _rows()
    trained = MODELS[CANDIDATE](rows)
    content = export(trained, rows)
    assert json.dumps(export(MODELS[CANDIDATE](rows), rows)) == json.dumps(content)
    loaded = StatusModel.from_json(json.loads(json.dumps(content)))
    for row in rows:
        status, probability = loaded.predict(row.features)
        assert status.value == trained.predict(row.features)[0]
        assert abs(probability - trained.predict(row.features)[1]) < 0.01
    weights = content["weights"]
    assert isinstance(weights, dict)
    assert all(w == 0 or abs(w) >= PRUNE for row in weights.values() for w in row)


def test_a_fold_of_the_candidate_is_scored_with_the_run_time_combination() -> None:
    rows = [
        Row("b" if i < 6 else "a", "n", r.rule, r.label, r.features) for i, r in enumerate(_rows())
    ]
    fold = candidate_fold(rows, "b")
    assert fold.drugs == 6
    assert fold.unsafe == 0


def test_the_blind_sets_are_never_read() -> None:
    for blind in ("holdout15", "holdout16", "holdout17"):
        with pytest.raises(ValueError, match="not a read set"):
            build((blind,))
