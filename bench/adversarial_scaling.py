"""`python -m bench.adversarial_scaling`: how analysis grows on adversarial notes.

Many separators, long runs of items, long lines, deep nesting of brackets, many dates: each note
is analysed at one size and at four times that size, and the ratio of their CPU times (best of
`--repeat` runs) is printed. Linear work gives about 4; work that grows with the square of the
length (a scan of the whole plan for each of its items) about 16. A ratio, never a timed test:
the suite checks the plan's work by counting it (tests/notes/nlp/test_plan_work_linear.py).
"""

import argparse
import time
from collections.abc import Callable

from carechart.notes.nlp import analyse, warm_up

VISIT = "Date of Service: 03/06/2025\n"

# name: the note made of `n` repeats of its adversarial part.
INPUTS: dict[str, Callable[[int], str]] = {
    "a plan of semicolons": lambda n: VISIT + "Plan:\n" + "hives; " * n,
    "a plan of commas, each timed": lambda n: VISIT + "Plan: " + "repeat CBC in 1 week, " * n,
    "a plan of ands": lambda n: VISIT + "Plan: follow up in 2 weeks" + " and hives" * n + ".",
    "an allergy list of commas": lambda n: "Allergies: " + "penicillin, " * n,
    "an allergy list of reactions": lambda n: "Allergies: " + "sulfa - rash; " * n,
    "an allergy list of dashes": lambda n: "Allergies: " + "codeine - " * n,
    "a long run of list items": lambda n: "Assessment:\n" + "- hypertension\n" * n,
    "one long line": lambda n: "HPI: " + "the patient reports cough and fever " * n,
    "deeply nested brackets": lambda n: (
        VISIT + "Plan: " + "(" * (6 * n) + "RTC 2 wk" + ")" * (6 * n)
    ),
    "unclosed brackets": lambda n: "Allergies: " + "penicillin (" * n,
    "a cut-short table": lambda n: "PMH:\n" + "| Drug " * n + "|\n",
    "labels on labels": lambda n: VISIT + "Plan: " + "Return: " * n,
    "many dates": lambda n: VISIT + "Plan: " + "03/06/2025 " * n,
    "a run of sign names": lambda n: "Exam: " + "Kernig, Brudzinski / Romberg and " * n + "ok.",
    "many sentences": lambda n: "Allergies: " + "penicillin. " * n,
    "identical medication lines": lambda n: (
        "Hospital Course:\n" + "Given heparin 5000 units SQ.\n" * n
    ),
    "recommended medication lines": lambda n: (
        "RECOMMENDATIONS:\n" + "- consider apixaban 5 mg BID\n" * n
    ),
    "dotted leaders, no values": lambda n: "Labs:\n" + f"Hemoglobin {'.' * 60} pending\n" * n,
    "hyphenated ors in a denied list": lambda n: (
        "ROS: Denies fever, a" + "-or" * n + "-x, or chest pain.\n"
    ),
    "tabs between two drugs": lambda n: "Plan:\nStart aspirin" + "\t" * n + "x ibuprofen.\n",
    "a deeply indented plan entry": lambda n: "Plan:\n" + " " * (10 * n) + "- metoprolol 25 mg\n",
    "blanks after a question": lambda n: "Assessment:\n1. Rule out DVT" + " " * n + "pending\n",
    "blanks after fax, UA, lot": lambda n: (
        f"Fax{' ' * n}x\nUA{' ' * n}x\nImmunizations:\nFlu vaccine given, lot{' ' * n}x\n"
    ),
    "blanks before a condition": lambda n: "Plan:\n" + " " * n + "x If fever, acetaminophen.\n",
    "blanks after a dose": lambda n: "Plan:\nmetoprolol 25 mg" + " " * n + "x\n",
}
TIMES = 4


def _best_seconds(text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        analyse(text)
        best = min(best, time.process_time() - started)
    return max(best, 1e-4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=300, help="repeats in the smaller note")
    parser.add_argument("--repeat", type=int, default=3, help="runs per note (the best counts)")
    args = parser.parse_args()
    warm_up()  # the vocabulary is built at start-up, never inside a request
    print(f"{TIMES}x the text: a ratio near {TIMES} is linear, {TIMES * TIMES} quadratic")
    for name, make in INPUTS.items():
        small = _best_seconds(make(args.size), args.repeat)
        large = _best_seconds(make(args.size * TIMES), args.repeat)
        print(f"  {name:<30} {small * 1000:9.1f} ms  {large * 1000:9.1f} ms  x{large / small:5.1f}")


if __name__ == "__main__":
    main()
