"""The chart-level scorer on the fixture patient with two notes (a stay: H&P, then discharge).

The chart builder is another slice's and changes; so each test starts from the chart a perfect
reconciliation would give (made from the built chart's own entries) and spoils one thing.
"""

from carechart.notes.chart_schemas import Chart, ChartMedication
from carechart.notes.nlp import MedicationStatus
from eval.runner import PatientRun, Run
from eval.scorers import chart as chart_scorer
from eval.scoring import Score, figures
from tests.eval.support import run_with


def _stay() -> tuple[Run, PatientRun]:
    run = run_with()
    return run, next(p for p in run.patients if p.patient.patient == "f01")


# Every list the chart sorts its medications into.
MEDICATION_LISTS = (
    "current_medications",
    "held_medications",
    "stopped_medications",
    "historical_medications",
    "given_medications",
    "proposed_medications",
    "unknown_medications",
)


def _entry(chart: Chart, name: str, status: MedicationStatus) -> ChartMedication:
    entries = [m for field in MEDICATION_LISTS for m in getattr(chart, field)]
    found = next(
        m
        for m in entries
        if name in (m.name.lower(), m.as_written.lower())
        or any(name in cited.text.lower() for cited in m.sources)  # a brand written earlier
    )
    return found.model_copy(update={"status": status})


def reconciled(
    stay: PatientRun, *, current: list[str], stopped: list[str], held: tuple[str, ...] = ()
) -> PatientRun:
    """The stay's chart with these current (continued, or held) and stopped lists."""
    chart = stay.chart

    def status(name: str) -> MedicationStatus:
        return MedicationStatus.HELD if name in held else MedicationStatus.CONTINUED

    lists: dict[str, list[ChartMedication]] = {key: [] for key in MEDICATION_LISTS}
    lists["current_medications"] = [_entry(chart, n, status(n)) for n in current]
    lists["stopped_medications"] = [_entry(chart, n, MedicationStatus.STOPPED) for n in stopped]
    return PatientRun(stay.patient, stay.notes, chart.model_copy(update=lists))


RIGHT_CURRENT = ["cefpodoxime", "lisinopril", "metformin", "atorvastatin"]
RIGHT_STOPPED = ["ceftriaxone", "azithromycin", "heparin", "insulin lispro"]


def score(stay: PatientRun) -> dict[str, float | None]:
    result: Score = chart_scorer.score(stay)
    return {k: f.value for k, f in figures(result).items()}


def test_the_right_current_and_stopped_lists_score_full_marks() -> None:
    _, stay = _stay()
    right = score(reconciled(stay, current=RIGHT_CURRENT, stopped=RIGHT_STOPPED))
    assert right["chart.current_medications.precision"] == 1.0
    assert right["chart.current_medications.recall"] == 1.0
    assert right["chart.stopped_medications.recall"] == 1.0
    assert right["chart.not_current_in_current"] == 0
    assert right["chart.given_or_proposed_in_current"] == 0


def test_a_brand_name_in_the_chart_matches_through_the_note_labels() -> None:
    _, stay = _stay()
    # The H&P writes "Lipitor": the chart entry by that name is atorvastatin.
    current = ["cefpodoxime", "lisinopril", "metformin", "lipitor"]
    assert (
        score(reconciled(stay, current=current, stopped=RIGHT_STOPPED))[
            "chart.current_medications.recall"
        ]
        == 1.0
    )


def test_a_drug_given_during_the_stay_left_current_is_counted() -> None:
    _, stay = _stay()
    current = [*RIGHT_CURRENT, "ondansetron"]
    spoilt = score(reconciled(stay, current=current, stopped=RIGHT_STOPPED))
    assert spoilt["chart.not_current_in_current"] == 1
    assert spoilt["chart.given_or_proposed_in_current"] == 1
    assert spoilt["chart.current_medications.precision"] < 1.0


def test_an_inpatient_drug_not_ended_at_discharge_lowers_both_lists() -> None:
    _, stay = _stay()
    current = [*RIGHT_CURRENT, "heparin"]
    stopped = [n for n in RIGHT_STOPPED if n != "heparin"]
    spoilt = score(reconciled(stay, current=current, stopped=stopped))
    assert spoilt["chart.current_medications.precision"] < 1.0
    assert spoilt["chart.stopped_medications.recall"] < 1.0
    # Heparin's latest labelled status is `given`: never current.
    assert spoilt["chart.given_or_proposed_in_current"] == 1


def test_a_held_drug_is_neither_rewarded_nor_penalised_in_a_list_and_its_hold_is_checked() -> None:
    _, stay = _stay()
    current = [*RIGHT_CURRENT, "naproxen"]
    on_hold = score(reconciled(stay, current=current, stopped=RIGHT_STOPPED, held=("naproxen",)))
    assert on_hold["chart.current_medications.precision"] == 1.0
    assert on_hold["chart.held_medications.recall"] == 1.0
    going_on = score(reconciled(stay, current=current, stopped=RIGHT_STOPPED))
    assert going_on["chart.current_medications.precision"] == 1.0
    assert going_on["chart.held_medications.recall"] == 0.0


def test_only_patients_with_several_notes_are_scored_at_chart_level() -> None:
    run, _ = _stay()
    scored = [p.patient.patient for p in run.patients if chart_scorer.SCORER.applies(p)]
    assert scored == ["f01"]
