"""The extractor's speed, and proof that a faster one says exactly the same: `analyse` over every
eval corpus note and the benchmark's note texts, a hash of each output and the CPU per note.

`python -m bench.extractor_speed --save` records a reference (hashes and timings) in
`bench/results/extractor-reference.tmp` (not committed: the extractor's output changes by
design between passes); without `--save` the run is compared with it and exits 1 if any output
differs. Only hashes, counts and timings are printed: never a note's text or what was found in
it (the blind sets go through `analyse` like the others, and nothing of them is shown).

Each note is analysed three ways (as uploaded; with a `taken_at`, which dates relative plans;
with the learned status model), and its hash covers the three JSON outputs. The CPU time is the
best of `--repeats` runs of the plain analysis (process CPU: steadier than wall time).
"""

import argparse
import hashlib
import json
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bench.config import BenchSettings
from bench.note_templates import TEMPLATES, variants
from carechart.notes.ingest.text import text_note
from carechart.notes.nlp import analyse, warm_up

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "eval" / "corpus"
REFERENCE = Path(__file__).resolve().parent / "results" / "extractor-reference.tmp"
TAKEN_AT = date(2025, 11, 3)
BENCH_VARIANTS = 64


@dataclass(frozen=True)
class Note:
    name: str  # "<set>/<index>" or "bench/<...>": never the file's name or text
    group: str
    text: str


def _corpus_notes() -> list[Note]:
    notes = []
    for folder in sorted(p for p in CORPUS.iterdir() if (p / "notes").is_dir()):
        for index, path in enumerate(sorted((folder / "notes").glob("*.txt"))):
            text = path.read_text(encoding="utf-8")
            notes.append(Note(f"{folder.name}/{index}", folder.name, text))
    return notes


def _scenario_text(template: int) -> str:
    """The text `bench.scenarios` posts (`_note_body`), with one reference number."""
    content = TEMPLATES[template].format(
        date="2025-11-03", sys=128, dia=82, hr=74, weight=176, ldl=131, dose=2, day=3, t=4,
        sat=6, wbc=9, a1c="7.4", glucose=142, author="Dr. Ana Rivera, MD",
    )  # fmt: skip
    return content + "\nRef: profile-1"


def _bench_notes() -> list[Note]:
    seed = BenchSettings.model_fields["seed"].default
    notes = [
        Note(f"bench/variant-{i}", "bench", text_note(n.text).text)
        for i, n in enumerate(variants(BENCH_VARIANTS, seed))
    ]
    notes += [
        Note(f"bench/scenario-{t}", "bench", text_note(_scenario_text(t)).text)
        for t in range(len(TEMPLATES))
    ]
    return notes


def _digest(text: str) -> str:
    digest = hashlib.sha256()
    for kwargs in ({}, {"taken_at": TAKEN_AT}, {"status_model": True}):
        digest.update(analyse(text, **kwargs).model_dump_json().encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _cpu_ms(text: str, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        analyse(text)
        best = min(best, time.process_time() - started)
    return best * 1000


def _summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "notes": len(times),
        "median_ms": round(statistics.median(times), 3),
        "p95_ms": round(p95, 3),
        "total_ms": round(sum(times), 1),
    }


def _groups(notes: list[Note], times: dict[str, float]) -> dict[str, dict[str, float]]:
    by_group: dict[str, list[float]] = {"corpus": [], "bench": []}
    for note in notes:
        by_group["bench" if note.group == "bench" else "corpus"].append(times[note.name])
    return {group: _summary(values) for group, values in by_group.items() if values}


def measure(repeats: int) -> dict[str, object]:
    warm_up(status_model=True)
    analyse("Warm-up.")
    notes = _corpus_notes() + _bench_notes()
    hashes = {note.name: _digest(note.text) for note in notes}
    times = {note.name: _cpu_ms(note.text, repeats) for note in notes}
    return {"hashes": hashes, "times": times, "summary": _groups(notes, times)}


def _print_summary(now: dict[str, dict[str, float]], before: dict[str, dict[str, float]]) -> None:
    for group, figures in now.items():
        was = before.get(group, {})
        parts = []
        for key in ("median_ms", "p95_ms", "total_ms"):
            if key in was and figures[key]:
                parts.append(f"{key} {was[key]} -> {figures[key]} (x{was[key] / figures[key]:.2f})")
            else:
                parts.append(f"{key} {figures[key]}")
        print(f"{group:7} {int(figures['notes'])} notes: " + ", ".join(parts))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.extractor_speed")
    parser.add_argument("--save", action="store_true", help="record this run as the reference")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per note (best kept)")
    parser.add_argument("--reference", type=Path, default=REFERENCE)
    args = parser.parse_args()
    run = measure(args.repeats)
    if args.save:
        args.reference.write_text(json.dumps(run, indent=1, sort_keys=True))
        print(f"reference saved: {len(run['hashes'])} notes")  # type: ignore[arg-type]
        _print_summary(run["summary"], {})  # type: ignore[arg-type]
        return
    reference = json.loads(args.reference.read_text())
    hashes: dict[str, str] = run["hashes"]  # type: ignore[assignment]
    differ = sorted(n for n, h in hashes.items() if reference["hashes"].get(n) != h)
    missing = sorted(set(reference["hashes"]) - set(hashes))
    _print_summary(run["summary"], reference["summary"])  # type: ignore[arg-type]
    print(f"outputs: {len(hashes) - len(differ)} of {len(hashes)} identical to the reference")
    if differ or missing:
        print("DIFFERENT: " + ", ".join(differ + [f"{n} (missing)" for n in missing]))
        sys.exit(1)


if __name__ == "__main__":
    main()
