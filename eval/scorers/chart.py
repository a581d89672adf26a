"""The chart of a patient with several notes: what a clinician reconciling them would keep."""

from collections.abc import Sequence

from carechart.notes.chart import ChartMedication
from carechart.notes.nlp import MedicationStatus, ProblemStatus
from eval.runner import PatientRun
from eval.scorers.common import Labelled, rate, tally_phrases
from eval.scorers.follow_ups import Planned, score_planned
from eval.scorers.medications import label_keys, names_drug
from eval.scoring import Score, Scorer
from eval.text import EXACT, NONE, DrugKey, drug_key, match

RULE = """\
Scored for every patient with two notes or more: the chart built from all their notes, in
order, on the patient's `as_of` date, against the chart labels of `patients.yaml`. A name there
is the `name` of a note label, so it is matched with every `as_written` and `also` name the
patient's note labels give it (medications by drug key, the rest by phrase key); one to one, so
a drug listed twice (brand and generic not merged) is a false positive.

- `chart.current_medications`, `chart.stopped_medications`: precision and recall of the chart's
  current and stopped lists against `current_medications` and `stopped_medications`.
- `chart.not_current_in_current`: current-list entries that name a `not_current` drug (given,
  proposed or historical). Target 0.
- `chart.given_or_proposed_in_current`: current-list entries whose chart status is `given` or
  `proposed`, or that name a drug whose latest labelled status is one of them. Target 0.
- `chart.allergies`: precision and recall; `chart.no_known_allergies.accuracy`.
- `chart.active_problems`: precision and recall of the chart's active problems.
- `chart.follow_ups.recall` and `chart.follow_ups.due.agreement`: `open_follow_ups` among the
  chart's follow-ups, as for a note's follow-ups.
"""

_NEVER_CURRENT = {MedicationStatus.GIVEN.value, MedicationStatus.PROPOSED.value}


def _medication_keys(med: ChartMedication) -> list[DrugKey]:
    # The chart may carry the normalised ingredient once the extractor fills it.
    ingredient = getattr(med, "ingredient", None)
    names = [ingredient, med.name] if isinstance(ingredient, str) and ingredient else [med.name]
    return [k for k in (drug_key(n) for n in names) if k]


def _drug_aliases(run: PatientRun) -> dict[str, set[DrugKey]]:
    aliases: dict[str, set[DrugKey]] = {}
    for note in run.notes:
        for med in note.note.label.medications:
            aliases.setdefault(med.name, set()).update(label_keys(med))
    return aliases


def _drug_tally(
    result: Score,
    key: str,
    listed: Sequence[ChartMedication],
    names: Sequence[str],
    aliases: dict[str, set[DrugKey]],
) -> None:
    labelled = [aliases.get(n) or {drug_key(n)} for n in names]
    pairs = match(
        listed, labelled, lambda m, keys: EXACT if names_drug(_medication_keys(m), keys) else NONE
    )
    tally = result.tally(key)
    tally.tp += len(pairs)
    tally.fp += len(listed) - len(pairs)
    tally.fn += len(names) - len(pairs)
    found, named = {p for p, _ in pairs}, {n for _, n in pairs}
    for i, med in enumerate(listed):
        if i not in found:
            result.note(key, "spurious", f"{med.name} ({med.status.value})")
    for j, name in enumerate(names):
        if j not in named:
            result.note(key, "missed", name)


def _latest_statuses(run: PatientRun) -> dict[str, str]:
    latest: dict[str, str] = {}
    for note in run.notes:
        latest.update({m.name: m.status for m in note.note.label.medications})
    return latest


def _never_current(result: Score, run: PatientRun, aliases: dict[str, set[DrugKey]]) -> None:
    not_current = set().union(*(aliases.get(n, {drug_key(n)}) for n in run.patient.not_current))
    latest = _latest_statuses(run)
    given = set().union(
        *(aliases.get(n, set()) for n, status in latest.items() if status in _NEVER_CURRENT)
    )
    for med in run.chart.current_medications:
        keys = _medication_keys(med)
        if names_drug(keys, not_current):
            result.count("chart.not_current_in_current").n += 1
            result.note("chart", "wrong", f"{med.name} is current but labelled not current")
        if med.status.value in _NEVER_CURRENT or names_drug(keys, given):
            result.count("chart.given_or_proposed_in_current").n += 1
            result.note(
                "chart",
                "wrong",
                f"{med.name} ({med.status.value}) is current but given or proposed",
            )


def _phrase_aliases(run: PatientRun, field: str) -> dict[str, tuple[str, ...]]:
    aliases: dict[str, tuple[str, ...]] = {}
    for note in run.notes:
        for item in getattr(note.note.label, field):
            name = item.substance if field == "allergies" else item.name
            aliases[name] = (*aliases.get(name, ()), *item.also)
    return aliases


def _medications(result: Score, run: PatientRun) -> None:
    aliases, chart, patient = _drug_aliases(run), run.chart, run.patient
    _drug_tally(
        result,
        "chart.current_medications",
        chart.current_medications,
        patient.current_medications,
        aliases,
    )
    _drug_tally(
        result,
        "chart.stopped_medications",
        chart.stopped_medications,
        patient.stopped_medications,
        aliases,
    )
    result.count("chart.not_current_in_current")
    result.count("chart.given_or_proposed_in_current")
    _never_current(result, run, aliases)


def _allergies_and_problems(result: Score, run: PatientRun) -> None:
    chart, patient = run.chart, run.patient
    allergy_aliases = _phrase_aliases(run, "allergies")
    allergies = [Labelled.of(n, allergy_aliases.get(n, ())) for n in patient.allergies]
    tally_phrases(result, "chart.allergies", [a.substance for a in chart.allergies], allergies)
    right = chart.no_known_allergies == patient.no_known_allergies
    rate(result, "chart.no_known_allergies.accuracy", right)
    if not right:
        result.note("chart", "wrong", f"no_known_allergies {chart.no_known_allergies}")
    problem_aliases = _phrase_aliases(run, "problems")
    problems = [Labelled.of(n, problem_aliases.get(n, ())) for n in patient.active_problems]
    active = [p.text for p in chart.problems if p.status is ProblemStatus.ACTIVE]
    tally_phrases(result, "chart.active_problems", active, problems)


def score(run: PatientRun) -> Score:
    result = Score()
    _medications(result, run)
    _allergies_and_problems(result, run)
    plans = [Planned(f.kind, f.text, f.due) for f in run.chart.follow_ups]
    wanted = [(f.what, f.due) for f in run.patient.open_follow_ups]
    score_planned(result, "chart.follow_ups", plans, wanted)
    return result


def _several_notes(run: PatientRun) -> bool:
    return len(run.notes) >= 2


SCORER = Scorer[PatientRun]("chart", "Chart", RULE, score, _several_notes)
