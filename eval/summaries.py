"""`python -m eval.summaries`: the local summaries of the labelled patients, checked.

For every patient with two notes or more, in every labelled set (or those named by `--set`),
the chart is built as `make eval` builds it (on the patient's `as_of` date), then the clinical
picture, a standard summary for each audience from the local provider, and the verifier. Each
summary is read as a reader would (the narrative and the cited items with their quotes) and
checked against the patient labels:

- `current_medications`: labelled current medications the summary names; `given_chart`: the same
  among those the chart lists as current (what the summary itself can get right);
- `allergies_stated`: the summary names every labelled allergen, or says "no known drug
  allergies" / "not documented" when there is none;
- `active_problems` (clinician), `open_follow_ups`: labelled items named in the summary;
  `given_chart`: the same among those the chart holds (named by one of its active problems or
  follow-ups), so a miss is the summary's own when it falls there and the chart's otherwise;
- `stopped_as_current`: labelled stopped, given or proposed drugs the summary lists as current
  (target 0); `invented_current`: drugs listed as current that the chart does not (target 0);
- `narratives_backed`: narratives that pass the verifier; `grade`: Flesch-Kincaid grade of the
  lay narratives (target <= 8 for every patient).

The same checks run on the OpenAI path (`openai.*`): the fake OpenAI server of the tests answers
with what a faithful model would write from the labels (each item cited to the latest note whose
label holds it, quoting the label's words), through the real provider and the verifier. Label
words that are not verbatim in the note count as unverified items there: a measure of how strict
the verifier is with a model that paraphrases.

Each set's figures go to eval/results/summaries-<set>.md, with the pooled figures of the sets
run. The blind sets (eval/cli.py's BLIND) get figures only: never a miss or any line naming a
patient, so no one reads their items. `--baseline` records the figures of each set, and the
pooled ones, in eval/summary_baseline.json; tests hold them.
"""

import argparse
import asyncio
import json
import re
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import textstat  # type: ignore[import-untyped]

from carechart.notes.nlp.vocabulary import find_drug_names
from carechart.summaries.picture import build_picture
from carechart.summaries.prompt import picture_hints
from carechart.summaries.providers.base import Audience, Length, PromptNote, SummaryRequest
from carechart.summaries.providers.local import LocalProvider, compose_narrative
from carechart.summaries.providers.openai import OpenAIProvider
from carechart.summaries.verify import Evidence, Identity, SourceText, Verified, verify
from eval.cli import BLIND
from eval.corpus import CORPUS, available_sets, load_set
from eval.labels import NoteLabel
from eval.runner import PatientRun, run_corpus
from eval.text import phrase_key
from tests.fakes.openai_server import FakeOpenAI, ok_with

ROOT = Path(__file__).resolve().parent
BASELINE = ROOT / "summary_baseline.json"
RESULTS = ROOT / "results"
MAX_LAY_GRADE = 8.0
_CURRENT = {"started", "continued", "changed", "resumed"}


def _keys(text: str) -> set[str]:
    return {n.drug.key for n in find_drug_names(text, 0, len(text))}


def _label_keys(name: str) -> set[str]:
    return _keys(name) or {name.lower()}


def _named(phrase: str, text: str) -> bool:
    """Every word of the label (abbreviations expanded) is in the text, by its first 5 letters."""
    wanted = [w for w in phrase_key(phrase) if len(w) > 2]
    words = {w[:5] for w in phrase_key(text)}
    return bool(wanted) and all(w[:5] in words for w in wanted)


@dataclass
class Tally:
    hits: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.hits += hit
        self.total += 1

    @property
    def rate(self) -> float:
        return self.hits / self.total if self.total else 1.0


@dataclass
class Figures:
    tallies: dict[str, Tally] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    grades: dict[str, float] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def tally(self, name: str) -> Tally:
        return self.tallies.setdefault(name, Tally())

    def count(self, name: str, n: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    def merge(self, other: "Figures", prefix: str = "") -> None:
        """Add another run's figures (another set's, or the OpenAI path's under `openai.`)."""
        for name, tally in other.tallies.items():
            mine = self.tally(prefix + name)
            mine.hits += tally.hits
            mine.total += tally.total
        for name, n in other.counts.items():
            self.count(prefix + name, n)
        self.grades |= {prefix + who: g for who, g in other.grades.items()}
        self.misses += [f"{prefix.rstrip('.')} {m}".lstrip() for m in other.misses]


def _summarise(run: PatientRun, audience: Audience) -> tuple[Verified, str]:
    chart = run.chart
    ids = [e.note_id for e in chart.encounters]
    texts = {i: n.note.text for i, n in zip(ids, run.notes, strict=True)}
    picture = build_picture(chart, texts, run.patient.as_of)
    request = SummaryRequest(
        audience=audience,
        length=Length.STANDARD,
        focus=None,
        notes=[],
        age=_age(run.patient.date_of_birth, run.patient.as_of),
        sex=run.patient.sex,
        chart=chart,
        picture=picture,
        source_numbers={i: n for n, i in enumerate(ids, start=1)},
    )
    draft = asyncio.run(LocalProvider().summarise(request)).draft
    sources = [SourceText(e.note_id, e.taken_at, (texts[e.note_id],)) for e in chart.encounters]
    patient = run.patient
    identity = Identity((patient.given_name, patient.family_name), "000000", patient.date_of_birth)
    verified = verify(
        draft,
        Evidence(sources, chart, picture, identity),
        age=request.age,
        lay=audience is not Audience.CLINICIAN,
        compose=lambda: compose_narrative(request, picture),
        composed_locally=True,
    )
    return verified, _read(verified)


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _check(run: PatientRun, audience: Audience, figures: Figures) -> None:
    verified, text = _summarise(run, audience)
    _score(run, audience, verified, text, figures)


def _read(verified: Verified) -> str:
    # An item is shown with its note's own words (the quote): both are read.
    items = [
        f"{i['text']} ({i['quote']})" for section in verified.sections.values() for i in section
    ]
    return verified.narrative + "\n" + "\n".join(items)


def _score(
    run: PatientRun, audience: Audience, verified: Verified, text: str, figures: Figures
) -> None:
    label, who = run.patient, f"{run.patient.patient}/{audience.value}"
    named = _keys(text)
    chart_current = {
        k for m in run.chart.current_medications for k in _keys(m.ingredient or m.name)
    }
    for med in label.current_medications:
        hit = bool(_label_keys(med) & named)
        figures.tally("current_medications").add(hit)
        if _label_keys(med) & chart_current:
            figures.tally("current_medications.given_chart").add(hit)
        if not hit:
            figures.misses.append(f"{who}: current medication not named: {med}")
    _check_allergies(run, text, figures, who)
    _check_charted(run, audience, text, figures)
    listed = {
        k
        for m in verified.sections["medications"]
        if m["status"] in _CURRENT
        for k in _keys(m["name"] or "")
    }
    never = [*label.stopped_medications, *label.not_current]
    wrong = [n for n in never if _label_keys(n) & listed and n not in label.current_medications]
    figures.count("stopped_as_current", len(wrong))
    figures.misses += [f"{who}: listed as current: {n}" for n in wrong]
    figures.count("invented_current", len(listed - chart_current))
    figures.tally("narratives_backed").add(verified.report["narrative"]["status"] == "backed")
    figures.count("items_unverified", verified.report["items"]["unverified"])
    if audience is not Audience.CLINICIAN:
        figures.grades[who] = float(textstat.flesch_kincaid_grade(verified.narrative))


def _charted(run: PatientRun) -> dict[str, list[str]]:
    """What the chart itself holds, item by item: its open follow-ups and active problems."""
    chart = run.chart
    return {
        "open_follow_ups": [f"{f.kind} {f.text} {f.service or ''}" for f in chart.follow_ups],
        "active_problems": [p.text for p in chart.problems],
    }


def _check_charted(run: PatientRun, audience: Audience, text: str, figures: Figures) -> None:
    """Follow-ups (every audience) and active problems (clinician) named, and `given_chart`:
    the same among those the chart holds, so a miss is put on the chart or on the summary."""
    label, who = run.patient, f"{run.patient.patient}/{audience.value}"
    wanted = {"open_follow_ups": [f.what for f in label.open_follow_ups]}
    if audience is Audience.CLINICIAN:
        wanted["active_problems"] = list(label.active_problems)
    charted = _charted(run)
    for name, items in wanted.items():
        for item in items:
            hit = _named(item, text)
            figures.tally(name).add(hit)
            in_chart = any(_named(item, c) for c in charted[name])
            if in_chart:
                figures.tally(f"{name}.given_chart").add(hit)
            if not hit:
                where = "the summary drops it" if in_chart else "not in the chart"
                figures.misses.append(f"{who}: {name} not named ({where}): {item}")


def _allergy_aliases(run: PatientRun) -> dict[str, set[str]]:
    """Each allergen with the ways the patient's notes write it ("sulfa" for sulfonamides)."""
    aliases: dict[str, set[str]] = {}
    for note in run.notes:
        for allergy in note.note.label.allergies:
            aliases.setdefault(allergy.substance.lower(), set()).update(
                [allergy.substance, *allergy.also]
            )
    return aliases


def _check_allergies(run: PatientRun, text: str, figures: Figures, who: str) -> None:
    label, lowered = run.patient, text.lower()
    aliases = _allergy_aliases(run)
    if label.allergies:
        for allergen in label.allergies:
            names = {allergen, *aliases.get(allergen.lower(), set())}
            hit = any(bool(_label_keys(n) & _keys(text)) or _named(n, text) for n in names)
            figures.tally("allergies_stated").add(hit)
            if not hit:
                figures.misses.append(f"{who}: allergy not stated: {allergen}")
    else:
        said = re.search(r"no known drug allergies|not documented|do not list any allerg", lowered)
        figures.tally("allergies_stated").add(bool(said))


def _latest_note(run: PatientRun, found: Callable[[NoteLabel], str | None]) -> tuple[str, str]:
    """(note id, words as written) of the latest note whose label holds the item."""
    ids = [str(e.note_id) for e in run.chart.encounters]
    for note_id, note in reversed(list(zip(ids, run.notes, strict=True))):
        words = found(note.note.label)
        if words:
            return note_id, words
    return ids[-1], ""


def label_draft(run: PatientRun) -> dict[str, Any]:
    """What a faithful model would answer for this patient: the labels, cited and quoted."""
    patient = run.patient

    def med(name: str) -> dict[str, Any]:
        def written(label: NoteLabel) -> str | None:
            return next((m.as_written for m in label.medications if m.name == name), None)

        note_id, quote = _latest_note(run, written)
        return {
            "text": name,
            "note_id": note_id,
            "quote": quote,
            "name": name,
            "dose": None,
            "status": "continued",
        }

    def allergy(name: str) -> dict[str, Any]:
        def written(label: NoteLabel) -> str | None:
            return next((a.substance for a in label.allergies if a.substance.lower() == name), None)

        note_id, quote = _latest_note(run, written)
        return {"text": name, "note_id": note_id, "quote": quote}

    def problem(name: str) -> dict[str, Any]:
        def written(label: NoteLabel) -> str | None:
            return next((p.name for p in label.problems if p.name.lower() == name.lower()), None)

        note_id, quote = _latest_note(run, written)
        return {"text": name, "note_id": note_id, "quote": quote, "name": name, "status": "active"}

    last = str(run.chart.encounters[-1].note_id)
    plans = [
        {
            "text": f.what,
            "note_id": last,
            "quote": f.what,
            "due": f.due.isoformat() if f.due else None,
            "state": "open",
        }
        for f in patient.open_follow_ups
    ]
    none = "no known drug allergies" if patient.no_known_allergies else "not documented"
    allergies = ", ".join(patient.allergies) or none
    narrative = (
        f"As of {patient.as_of.isoformat()}. Current medications: "
        f"{', '.join(patient.current_medications)}. Allergies: {allergies}. Active problems: "
        f"{', '.join(patient.active_problems)}."
    )
    return {
        "problems": [problem(p) for p in patient.active_problems],
        "medications": [med(m) for m in patient.current_medications],
        "allergies": [allergy(a) for a in patient.allergies],
        "observations": [],
        "plans": plans,
        "narrative": narrative,
    }


async def _through_openai(run: PatientRun, base_url: str) -> tuple[Verified, str]:
    """The label draft sent back by the fake OpenAI server, through the real provider."""
    chart = run.chart
    ids = [e.note_id for e in chart.encounters]
    texts = {i: n.note.text for i, n in zip(ids, run.notes, strict=True)}
    picture = build_picture(chart, texts, run.patient.as_of)
    request = SummaryRequest(
        audience=Audience.CLINICIAN,
        length=Length.STANDARD,
        focus=None,
        notes=[
            PromptNote(e.note_id, e.taken_at, e.note_type, texts[e.note_id])
            for e in chart.encounters
        ],
        age=_age(run.patient.date_of_birth, run.patient.as_of),
        sex=run.patient.sex,
        chart_json=picture_hints(picture),
        chart=chart,
        picture=picture,
        source_numbers={i: n for n, i in enumerate(ids, start=1)},
    )
    provider = OpenAIProvider(
        api_key="sk-eval",
        model="fake",
        base_url=base_url,
        timeout_s=30,
        prompt_budget_tokens=1_000_000,
    )
    try:
        draft = (await provider.summarise(request)).draft
    finally:
        await provider.close()
    sources = [SourceText(e.note_id, e.taken_at, (texts[e.note_id],)) for e in chart.encounters]
    patient = run.patient
    identity = Identity((patient.given_name, patient.family_name), "000000", patient.date_of_birth)
    verified = verify(
        draft,
        Evidence(sources, chart, picture, identity),
        age=request.age,
        lay=False,
        compose=lambda: compose_narrative(request, picture),
        composed_locally=False,
    )
    return verified, _read(verified)


def evaluate(folder: Path = CORPUS / "dev", *, openai: bool = True) -> Figures:
    """One set's figures: the local summaries, and the OpenAI path's under `openai.`."""
    run = run_corpus(load_set(folder))
    figures, through_openai = Figures(), Figures()
    patients = [p for p in run.patients if len(p.notes) >= 2]
    for patient in patients:
        for audience in Audience:
            _check(patient, audience, figures)
    if openai:
        with FakeOpenAI() as fake:
            for patient in patients:
                fake.script(ok_with(label_draft(patient)))
                verified, text = asyncio.run(_through_openai(patient, fake.base_url))
                _score(patient, Audience.CLINICIAN, verified, text, through_openai)
    figures.merge(through_openai, "openai.")
    return figures


def pooled(per_set: dict[str, Figures]) -> Figures:
    """The sets' figures added up (grades and misses kept under each set's name)."""
    total = Figures()
    for name, figures in per_set.items():
        total.merge(figures)
        for who in figures.grades:
            total.grades[f"{name}:{who}"] = total.grades.pop(who)
    total.misses = []  # the pooled report lists no item (blind sets are in it)
    return total


def figures_json(figures: Figures) -> dict[str, Any]:
    grades = list(figures.grades.values())
    return {
        "rates": {k: round(t.rate, 4) for k, t in sorted(figures.tallies.items())},
        "counts": dict(sorted(figures.counts.items())),
        "lay_grade_max": round(max(grades), 2) if grades else 0.0,
        "lay_grade_mean": round(statistics.fmean(grades), 2) if grades else 0.0,
        "lay_over_grade_8": sum(1 for g in grades if g > MAX_LAY_GRADE),
    }


def report(figures: Figures, name: str, *, blind: bool) -> str:
    """The set's figures; for a read set its lay grades and misses too (a blind set's items are
    never written: no patient, drug or follow-up of it is shown to anyone)."""
    data = figures_json(figures)
    lines = [f"# Summary evaluation ({name}, standard length; openai.*: the fake server)", ""]
    lines += ["| figure | value | of |", "| --- | --- | --- |"]
    for key, tally in sorted(figures.tallies.items()):
        lines.append(f"| {key} | {tally.rate:.3f} | {tally.total} |")
    for key, count in sorted(figures.counts.items()):
        lines.append(f"| {key} | {count} | |")
    grade = f"{data['lay_grade_max']} / {data['lay_grade_mean']}"
    lines.append(f"| lay grade (max / mean) | {grade} | {len(figures.grades)} |")
    if blind:
        lines += ["", "A blind set: figures only, its items are never listed."]
        return "\n".join(lines) + "\n"
    lines += ["", "## Lay grades", ""]
    lines += [f"- {who}: {g:.1f}" for who, g in sorted(figures.grades.items())]
    lines += ["", "## Misses", ""] + [f"- {m}" for m in figures.misses]
    return "\n".join(lines) + "\n"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m eval.summaries", description=__doc__)
    parser.add_argument("--set", action="append", dest="sets", help="only this set (repeatable)")
    parser.add_argument("--baseline", action="store_true", help="record the figures as baseline")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    return parser.parse_args(argv)


def _write_baseline(per_set: dict[str, Figures], total: Figures) -> None:
    """The sets run replace their entries; the others' stay, and the pooled figures are those
    of every set in the file."""
    sets: dict[str, Any] = {}
    if BASELINE.is_file():
        sets = json.loads(BASELINE.read_text(encoding="utf-8")).get("sets", {})
    sets |= {name: figures_json(f) for name, f in per_set.items()}
    data = {"sets": dict(sorted(sets.items(), key=lambda kv: (kv[0] != "dev", kv[0])))}
    if set(per_set) == set(sets):
        data["pooled"] = figures_json(total)
    elif BASELINE.is_file():  # a partial run keeps the pooled figures of the last full one
        data["pooled"] = json.loads(BASELINE.read_text(encoding="utf-8")).get("pooled", {})
    BASELINE.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    folders = [p for p in available_sets(args.corpus) if not args.sets or p.name in args.sets]
    if not folders:
        print(f"no labelled set found under {args.corpus}", file=sys.stderr)
        return 1
    per_set: dict[str, Figures] = {}
    for folder in folders:
        figures = per_set[folder.name] = evaluate(folder)
        text = report(figures, folder.name, blind=folder.name in BLIND)
        (RESULTS / f"summaries-{folder.name}.md").write_text(text, encoding="utf-8")
        print(text.split("\n## Lay grades")[0])
    total = pooled(per_set)
    if len(per_set) > 1:
        text = report(total, "pooled: " + ", ".join(per_set), blind=True)
        (RESULTS / "summaries-pooled.md").write_text(text, encoding="utf-8")
        print(text)
    if args.baseline:
        _write_baseline(per_set, total)
        print(f"baseline written to {BASELINE.relative_to(ROOT.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
