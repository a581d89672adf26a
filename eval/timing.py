"""How long analysis takes: per note of a set, and on long notes made of the set's notes.

Reported, never asserted: a timed test fails on a busy machine, not on slow code. Linear
growth shows as a 200 KB note taking about twice as long as a 100 KB one.
"""

import math
import statistics
import time
from collections.abc import Sequence
from datetime import date

from eval.runner import Analyser, Run, extractor_arguments

SIZES = (100_000, 200_000)
REPEATS = 3


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value at or above `share` of the values."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def per_note(run: Run) -> dict[str, float]:
    times = [note.milliseconds for note in run.notes]
    return {
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "max_ms": round(max(times), 2),
        "first_call_ms": round(run.first_call_ms, 1),
    }


def long_note(texts: Sequence[str], size: int) -> str:
    """The notes one after another, as often as needed, cut at a line end near `size`."""
    if not any(t.strip() for t in texts):
        raise ValueError("no text to build a long note from")
    parts: list[str] = []
    length = 0
    while length < size:
        for text in texts:
            parts.append(text.strip() + "\n\n")
            length += len(parts[-1])
            if length >= size:
                break
    joined = "".join(parts)[:size]
    cut = joined.rfind("\n")
    return joined[: cut if cut > size // 2 else size]


def _best_ms(analyser: Analyser, text: str, taken_at: date) -> float:
    arguments = extractor_arguments(analyser, taken_at)
    best = math.inf
    for _ in range(REPEATS):
        started = time.perf_counter()
        analyser(text, **arguments)
        best = min(best, (time.perf_counter() - started) * 1000)
    return best


def long_notes(run: Run, analyser: Analyser) -> dict[str, float]:
    """The best of REPEATS analyses of notes of SIZES characters, and their ratio."""
    texts = [note.note.text for note in run.notes]
    taken_at = run.notes[0].note.label.taken_at
    small, large = (_best_ms(analyser, long_note(texts, size), taken_at) for size in SIZES)
    return {
        "100kb_ms": round(small, 1),
        "200kb_ms": round(large, 1),
        "ratio_200_to_100": round(large / small, 2),
    }
