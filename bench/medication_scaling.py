"""`python -m bench.medication_scaling`: how medication analysis grows with the note's length.

Times the analysis of medication-heavy notes of 10 KB, 100 KB and 1 MB, one drug per line and
as a one-line export, and prints each time and the ratio to the size before: a ratio near 10
for ten times the text is linear; the quadratic analysis it replaced gave about 100.
"""

import argparse
import statistics
import time
from collections.abc import Callable

from carechart.notes.nlp import analyse, warm_up
from carechart.notes.nlp.document import prepare
from carechart.notes.nlp.medications import extract_medications

# Realistic lines of medication lists, discharge reconciliations and plans.
_LINES = [
    "Metformin 1000 mg PO BID with meals",
    "lisinopril 20 mg PO daily - hold for SBP < 100",
    "Atorvastatin (LIPITOR) 40 mg tablet - 1 tab PO nightly",
    "Albuterol HFA 90 mcg 2 puffs q4-6h PRN wheeze",
    "Continue apixaban 5 mg PO BID",
    "STOP: aspirin 81 mg daily",
    "Start Toprol XL 25 mg daily; titrate to HR < 100",
    "Norco 5/325 mg 1 tab PO q6h PRN severe pain #12, no refills",
    "heparin 5,000 units SQ q8h (DVT prophylaxis)",
    "Change omeprazole to pantoprazole 40 mg daily",
    "Insulin glargine 32 units SC qHS; lispro sliding scale AC/HS",
    "Consider duloxetine 30 mg daily if pain persists",
    "Has tried gabapentin in the past without benefit",
    "Ondansetron 4 mg IV q6h PRN nausea",
    "Levothyroxine 75 mcg PO daily before breakfast",
]
_HEADER = "DISCHARGE MEDICATIONS:\nAllergies: penicillin (hives); sulfa - rash\n"
_SIZES = (10_000, 100_000, 1_000_000)


def note(size: int, *, one_line: bool) -> str:
    """A medication-heavy note of about `size` characters."""
    joiner = ", " if one_line else "\n"
    parts: list[str] = [_HEADER]
    length = len(_HEADER)
    index = 0
    while length < size:
        line = _LINES[index % len(_LINES)]
        parts.append(line)
        length += len(line) + len(joiner)
        index += 1
    return joiner.join(parts)


def _seconds(run: Callable[[], object], repeat: int) -> float:
    """The median wall time of `repeat` runs."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _report(label: str, run_for: Callable[[str], object], one_line: bool, repeat: int) -> None:
    previous: float | None = None
    for size in _SIZES:
        text = note(size, one_line=one_line)
        seconds = _seconds(lambda text=text: run_for(text), repeat if size < 1_000_000 else 1)
        ratio = f"x{seconds / previous:5.1f}" if previous else "      "
        print(f"  {label:<28} {size // 1000:>5} KB  {seconds * 1000:9.1f} ms  {ratio}")
        previous = seconds


def _medications_only(text: str) -> object:
    return extract_medications(prepare(text), [])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (1 MB runs once)")
    repeat = parser.parse_args().repeat
    warm_up()  # the vocabulary is built at start-up, never inside a request
    print("size x10 each step: a ratio near x10 is linear, x100 quadratic")
    for one_line in (False, True):
        shape = "one line" if one_line else "a drug per line"
        _report(f"medications ({shape})", _medications_only, one_line, repeat)
        _report(f"whole analysis ({shape})", analyse, one_line, repeat)


if __name__ == "__main__":
    main()
