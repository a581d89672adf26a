"""The chart of a patient with several notes: what a clinician reconciling them would keep."""

from collections.abc import Iterable, Sequence

from carechart.notes.chart_schemas import ChartMedication
from carechart.notes.nlp import MedicationStatus, ProblemStatus
from eval.labels import FollowUpLabel, OpenFollowUp
from eval.runner import PatientRun
from eval.scorers.common import Labelled, rate, tally_phrases
from eval.scorers.follow_ups import Planned, Wanted, score_planned
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
  current and stopped lists against `current_medications` and `stopped_medications`. A drug the
  labels leave undecided (in `held_medications`, or named by a note label but in none of the
  patient's lists) is neither rewarded nor penalised in either list, nor is a `not_current`
  drug in the stopped list (a one-time dose the chart calls stopped misleads no one).
- `chart.held_medications.recall`: `held_medications` that the chart lists with status `held`.
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


def _keys(names: Iterable[str], aliases: dict[str, set[DrugKey]]) -> set[DrugKey]:
    return set().union(*(aliases.get(n) or {drug_key(n)} for n in names))


def _undecided(run: PatientRun, aliases: dict[str, set[DrugKey]]) -> set[str]:
    patient = run.patient
    decided = {*patient.current_medications, *patient.stopped_medications, *patient.not_current}
    return {n for n in aliases if n not in decided} | set(patient.held_medications)


def _drug_tally(
    result: Score,
    key: str,
    listed: Sequence[ChartMedication],
    names: Sequence[str],
    aliases: dict[str, set[DrugKey]],
    neutral: set[DrugKey],
) -> None:
    """Precision and recall of a chart list; entries naming only a `neutral` drug are left out."""
    labelled = [aliases.get(n) or {drug_key(n)} for n in names]
    wanted = set().union(*labelled)
    listed = [
        m
        for m in listed
        if names_drug(_medication_keys(m), wanted) or not names_drug(_medication_keys(m), neutral)
    ]
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
            known = _known(med, names, aliases)
            result.note(key, "spurious", f"{med.name} ({med.status.value}): {known}")
    for j, name in enumerate(names):
        if j not in named:
            result.note(key, "missed", name)


def _known(med: ChartMedication, names: Sequence[str], aliases: dict[str, set[DrugKey]]) -> str:
    """What the labels make of a chart entry a list should not hold, for the details."""
    keys = _medication_keys(med)
    name = next((n for n, known in aliases.items() if names_drug(keys, known)), None)
    if name is None:
        return "not a drug of the labels"
    return f"a second entry for {name}" if name in names else f"{name} is not in this list"


def _latest_statuses(run: PatientRun) -> dict[str, str]:
    latest: dict[str, str] = {}
    for note in run.notes:
        latest.update({m.name: m.status for m in note.note.label.medications})
    return latest


def _never_current(result: Score, run: PatientRun, aliases: dict[str, set[DrugKey]]) -> None:
    not_current = _keys(run.patient.not_current, aliases)
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


def _held(result: Score, run: PatientRun, aliases: dict[str, set[DrugKey]]) -> None:
    listed = [
        *run.chart.current_medications,
        *run.chart.stopped_medications,
        *getattr(run.chart, "held_medications", []),  # the chart lists held drugs apart
    ]
    held = [m for m in listed if m.status is MedicationStatus.HELD]
    for name in run.patient.held_medications:
        found = any(names_drug(_medication_keys(m), _keys([name], aliases)) for m in held)
        rate(result, "chart.held_medications.recall", found)
        if not found:
            result.note("chart.held_medications", "missed", name)


def _medications(result: Score, run: PatientRun) -> None:
    aliases, chart, patient = _drug_aliases(run), run.chart, run.patient
    undecided = _keys(_undecided(run, aliases), aliases)
    current, stopped = "chart.current_medications", "chart.stopped_medications"
    _drug_tally(
        result, current, chart.current_medications, patient.current_medications, aliases, undecided
    )
    not_current = _keys(patient.not_current, aliases)
    _drug_tally(
        result,
        stopped,
        chart.stopped_medications,
        patient.stopped_medications,
        aliases,
        undecided | not_current,
    )
    result.ratio("chart.held_medications.recall")
    _held(result, run, aliases)
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


def _wanted(chart_label: OpenFollowUp, note_label: FollowUpLabel | None) -> Wanted:
    """The chart label with the due text and other wordings of the note label it repeats."""
    if note_label is None:
        return chart_label.what, chart_label.due, None, ()
    return chart_label.what, chart_label.due, note_label.due_text, tuple(note_label.also)


def score(run: PatientRun) -> Score:
    result = Score()
    _medications(result, run)
    _allergies_and_problems(result, run)
    plans = [Planned(f.kind, f.text, f.due, f.service) for f in run.chart.follow_ups]
    # The chart labels give no due_text or `also`: the note label of the same follow-up does.
    labelled = {(f.what, f.due): f for n in run.notes for f in n.note.label.follow_ups}
    wanted = [_wanted(f, labelled.get((f.what, f.due))) for f in run.patient.open_follow_ups]
    score_planned(result, "chart.follow_ups", plans, wanted)
    return result


def _several_notes(run: PatientRun) -> bool:
    return len(run.notes) >= 2


SCORER = Scorer[PatientRun]("chart", "Chart", RULE, score, _several_notes)
