"""The evaluation's outputs: results JSON per set, the tables, the details file, docs/evaluation.md.

Tables are rendered from the results JSON, so the document shows every set evaluated so far
(`eval/results/*.json`) even when one `make eval` ran only one of them.
"""

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from carechart.notes.nlp import EXTRACTOR_VERSION
from eval.evaluate import Evaluation
from eval.scorers import NOTE_SCORERS, PATIENT_SCORERS
from eval.scoring import Detail, Figure, figures
from eval.text import ABBREVIATIONS, MAX_EXTRA_WORDS, SALTS, STOP_WORDS

Results = dict[str, Any]

# The targets of issue 11 (figure -> (comparison, value)).
TARGETS: dict[str, tuple[str, float]] = {
    "medications.name.precision": (">=", 0.95),
    "medications.name.recall": (">=", 0.90),
    "medications.status.accuracy": (">=", 0.85),
    "medications.allergen_as_medication": ("=", 0),
    "problems.all.precision": (">=", 0.90),
    "problems.header_like": ("=", 0),
    "problems.procedure_like": ("=", 0),
    "vitals.spo2_as_heart_rate": ("=", 0),
    "labs.range_as_result": ("=", 0),
    "note_type.accuracy": (">=", 0.90),
    "encounter_date.wrong": ("=", 0),
    "chart.not_current_in_current": ("=", 0),
    "chart.given_or_proposed_in_current": ("=", 0),
}
GROUP_COLUMNS = [
    ("med P", "medications.name.precision"),
    ("med R", "medications.name.recall"),
    ("status", "medications.status.accuracy"),
    ("allergy R", "allergies.substance.recall"),
    ("problem P", "problems.all.precision"),
    ("problem R", "problems.all.recall"),
    ("negated R", "negated_findings.recall"),
    ("type", "note_type.accuracy"),
    ("date right", "encounter_date.right"),
    ("date wrong", "encounter_date.wrong"),
    ("follow-up R", "follow_ups.recall"),
]
PATIENT_COLUMNS = [
    ("current P", "chart.current_medications.precision"),
    ("current R", "chart.current_medications.recall"),
    ("stopped P", "chart.stopped_medications.precision"),
    ("stopped R", "chart.stopped_medications.recall"),
    ("not current in current", "chart.not_current_in_current"),
    ("given/proposed in current", "chart.given_or_proposed_in_current"),
    ("allergy R", "chart.allergies.recall"),
    ("active problem P", "chart.active_problems.precision"),
    ("active problem R", "chart.active_problems.recall"),
    ("follow-up R", "chart.follow_ups.recall"),
]


def results_of(
    evaluation: Evaluation, timing: dict[str, float] | None, version: str = EXTRACTOR_VERSION
) -> Results:
    """`version` is the extractor's as its analyses record it (marked when the model ran)."""
    run = evaluation.run
    corpus = run.corpus
    return {
        "set": corpus.name,
        "extractor_version": version,
        "corpus": {
            "notes": len(corpus.notes),
            "patients": len(corpus.patients),
            "patients_with_several_notes": len(evaluation.patients),
            "fingerprint": corpus.fingerprint,
        },
        "figures": {k: f.as_json() for k, f in evaluation.figures.items()},
        "groups": {
            grouping: {
                value: {"notes": g.size, "figures": {k: f.as_json() for k, f in g.figures.items()}}
                for value, g in groups.items()
            }
            for grouping, groups in evaluation.groups.items()
        },
        "patients": {
            p.patient.patient: {
                "notes": len(p.notes),
                "figures": _json(figures(evaluation.patients[p.patient.patient])),
            }
            for p in run.patients
            if p.patient.patient in evaluation.patients
        },
        "confusions": {
            key: [[label, predicted, n] for (label, predicted), n in sorted(counter.items())]
            for key, counter in sorted(evaluation.confusions.items())
        },
        "timing": timing,
    }


# --- Rendering -------------------------------------------------------------------------------


def _json(found: dict[str, Figure]) -> dict[str, Any]:
    return {k: f.as_json() for k, f in found.items()}


def _value(figure: dict[str, Any] | None) -> str:
    if figure is None or figure["value"] is None:
        return "\u2013"
    if figure["denominator"] is None:
        return str(figure["numerator"])
    return f"{figure['value']:.2f}"


def _n(figure: dict[str, Any]) -> str:
    if figure["denominator"] is None:
        return ""
    return f"{figure['numerator']}/{figure['denominator']}"


def _target(key: str, figure: dict[str, Any]) -> tuple[str, str]:
    if key not in TARGETS:
        return "", ""
    comparison, wanted = TARGETS[key]
    shown = f"{comparison} {wanted:g}"
    if figure["value"] is None:
        return shown, ""
    met = figure["value"] >= wanted if comparison == ">=" else figure["value"] == wanted
    return shown, "yes" if met else "**no**"


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def field_table(results: Results) -> str:
    rows = []
    for key, figure in results["figures"].items():
        target, met = _target(key, figure)
        rows.append([f"`{key}`", _value(figure), _n(figure), target, met])
    return table(["figure", "value", "n", "target", "met"], rows)


def group_table(results: Results, grouping: str) -> str:
    rows = [
        [f"`{value}`", str(group["notes"])]
        + [_value(group["figures"].get(key)) for _, key in GROUP_COLUMNS]
        for value, group in results["groups"].get(grouping, {}).items()
    ]
    return table([grouping.replace("_", " "), "notes", *(c for c, _ in GROUP_COLUMNS)], rows)


def patient_table(results: Results) -> str:
    rows = [
        [f"`{patient}`", str(p["notes"])]
        + [_value(p["figures"].get(key)) for _, key in PATIENT_COLUMNS]
        for patient, p in results["patients"].items()
    ]
    overall = results["figures"]
    rows.append(["**all**", ""] + [_value(overall.get(key)) for _, key in PATIENT_COLUMNS])
    return table(["patient", "notes", *(c for c, _ in PATIENT_COLUMNS)], rows)


def confusion_table(pairs: list[list[Any]]) -> str:
    """Labels by row, predictions by column."""
    labels = sorted({p[0] for p in pairs})
    predicted = sorted({p[1] for p in pairs})
    counts = {(p[0], p[1]): p[2] for p in pairs}
    rows = [
        [f"`{lab}`"] + [str(counts.get((lab, pred), "")) for pred in predicted] for lab in labels
    ]
    return table(["label \\ predicted", *(f"`{p}`" for p in predicted)], rows)


def timing_text(timing: dict[str, float] | None) -> str:
    if not timing:
        return "Not measured in this run."
    parts = [
        table(
            ["per note: median", "p95", "max", "first call of the process"],
            [[f"{timing[k]} ms" for k in ("median_ms", "p95_ms", "max_ms", "first_call_ms")]],
        )
    ]
    if "100kb_ms" in timing:
        parts.append(
            table(
                ["100 KB note", "200 KB note", "200 KB / 100 KB (2 is linear)"],
                [
                    [
                        f"{timing['100kb_ms']} ms",
                        f"{timing['200kb_ms']} ms",
                        str(timing["ratio_200_to_100"]),
                    ]
                ],
            )
        )
    return "\n\n".join(parts)


def set_report(results: Results, level: int = 2) -> str:
    """One set's tables as Markdown (also what `make eval` prints)."""
    h = "#" * level
    corpus = results["corpus"]
    parts = [
        f"{h} Set `{results['set']}`",
        f"{corpus['notes']} notes, {corpus['patients']} patients "
        f"({corpus['patients_with_several_notes']} with several notes); extractor "
        f"{results['extractor_version']}; corpus fingerprint `{corpus['fingerprint']}`.",
        f"{h}# Per field",
        field_table(results),
        f"{h}# Per note type",
        group_table(results, "note_type"),
        f"{h}# Per format",
        group_table(results, "format"),
        f"{h}# Chart, per patient with several notes",
        patient_table(results) if results["patients"] else "No patient has several notes.",
    ]
    for key, pairs in results["confusions"].items():
        parts += [f"{h}# Confusion: `{key}`", confusion_table(pairs)]
    parts += [
        f"{h}# Speed",
        "Milliseconds of `analyse`, on the machine that ran `make eval` (other work on it shows).",
        timing_text(results.get("timing")),
    ]
    return "\n\n".join(parts) + "\n"


# --- The document ----------------------------------------------------------------------------

INTRODUCTION = """\
# Evaluation of the extractor

Generated by `make eval` (`python -m eval`) from `eval/results/*.json`: do not edit by hand.
The matching rules below are the scorers' own (`eval/scorers/`).

The extractor is scored against notes written and labelled by hand before any code ran on them
(`eval/corpus/<set>/`, labelled as `eval/LABELLING.md` says). `dev` is the set developers may
read; `holdout` to `holdout6` were each a blind judge for one pass and read by a later one,
`holdout10` was scored once unseen and then read, `holdout7` and `holdout8` were scored
blind over four passes each and `holdout11` to `holdout14` over three, and then read (their
details are written but not committed); `holdout15`, `holdout16` and `holdout17` are scored
blind: not yet read by anyone, their details are never written (`holdout9`, blind too, was
lost with a machine before it was committed).
For each set, `make eval` analyses every note as an upload would (no note type sent; `taken_at`
as soon as the extractor accepts it), builds every patient's chart from their notes in order,
and scores:

- per field: precision and recall, accuracies, and counts of errors that must be 0;
- per note type and per format, for the main figures;
- the chart of each patient with several notes.

Every figure also goes to `eval/results/<set>.json`; the unmatched and wrong items of each note
are listed in `eval/results/<set>-details.md`, so a human can judge whether the scorer or the
extractor is wrong. `make eval-baseline` commits the figures to `eval/baseline.json`, and
`tests/eval/test_baseline.py` fails when a figure drops below it (rates by more than
{tolerance}; counts of errors may not grow, and a 0 stays 0). Timings are reported, never
tested: per note (the first call of the process apart, as it may load vocabularies), and on
notes of 100 KB and 200 KB made of the set's notes, whose ratio shows whether the cost grows
linearly.

A scorer is a function from one analysed note (or one patient: notes, chart) to counts, with
its matching rule written beside it (`eval/scorers/`). The summaries' evaluation joins the same
way: the runner adds each patient's summary to their `PatientRun`, a patient scorer reads it,
and its figures reach these tables, the results and the baseline with nothing else changed.
"""


def free_text_rule() -> str:
    abbreviations = ", ".join(f"{k} = {v}" for k, v in sorted(ABBREVIATIONS.items()))
    return f"""\
Free text (problems, allergies, negated findings, follow-ups, chart problems) is compared as
a **phrase key**: the words, lower case, punctuation gone (a hyphen splits words), a plural
"s" dropped, spellings such as s/p, h/o, r/o, w/, a-fib and "type II" rewritten, and these stop
words left out: {", ".join(sorted(STOP_WORDS))}. Abbreviations are spelt out on both sides, so
either form matches the other: {abbreviations}.

Two phrase keys match exactly when they are equal, and partly when the prediction holds every
word of the label and at most {MAX_EXTRA_WORDS} more ("Hypertension, well controlled on
lisinopril" names hypertension), or when the prediction is a part of the label of two words or
more ("heart failure" names congestive heart failure; "disease" names nothing). Matching is
one to one and maximal: exact pairs first, then partial ones among the items left. A label
lists, under `also`, the other names a reader accepts; the scorer adds no synonyms of its own.

Drug names are compared as **drug keys**: the set of ingredients of the name, the strength cut
off, and these trailing salt and form words dropped when a first word remains:
{", ".join(sorted(SALTS))}.
"""


def document(all_results: Sequence[Results], tolerance: float) -> str:
    parts = [INTRODUCTION.format(tolerance=tolerance)]
    if not all_results:
        parts.append("No labelled set has been evaluated yet.\n")
    parts += [set_report(results) for results in all_results]
    parts += ["## How each field is scored", "### Free text and drug names", free_text_rule()]
    rules = [(s.title, s.rule) for s in NOTE_SCORERS] + [(s.title, s.rule) for s in PATIENT_SCORERS]
    for title, rule in rules:
        parts += [f"### {title}", rule]
    return "\n\n".join(p.strip("\n") for p in parts) + "\n"


# --- Details ---------------------------------------------------------------------------------


def _details_lines(details: list[Detail]) -> list[str]:
    return [f"- {d.field} {d.kind}: {d.text}" for d in details] or ["- nothing to review"]


def details(evaluation: Evaluation) -> str:
    """Per note and per patient, what did not match: for a human to judge."""
    corpus = evaluation.run.corpus
    lines = [
        f"# Details of set `{corpus.name}`",
        "",
        "Generated by `make eval`. Missed: labelled, not found. Spurious: found, not labelled. "
        "Wrong: matched with another status, value or date. Review: suspect predictions.",
    ]
    for note in corpus.notes:
        score = evaluation.notes[note.id]
        meds = figures(score)
        lines += [
            "",
            f"## {note.id}",
            "",
            f"{note.label.format}, {note.label.note_type}; medications precision "
            f"{_value(meds['medications.name.precision'].as_json())}, recall "
            f"{_value(meds['medications.name.recall'].as_json())}",
            "",
            *_details_lines(score.details),
        ]
    for patient, score in evaluation.patients.items():
        lines += ["", f"## Chart of {patient}", "", *_details_lines(score.details)]
    return "\n".join(lines) + "\n"


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, sort_keys=False) + "\n", encoding="utf-8")
