"""Print each labelled note's note type beside the classifier's, with its confidence and cues.

Usage: uv run --locked python scripts/note_types.py [SET ...] [--errors]
(SET: a folder under eval/corpus, e.g. holdout5; all sets when none is given.)
"""

import sys
from pathlib import Path

import yaml

from carechart.notes.nlp.document import prepare
from carechart.notes.nlp.note_type import classify

CORPUS = Path(__file__).resolve().parent.parent / "eval" / "corpus"


def main(argv: list[str]) -> None:
    only_errors = "--errors" in argv
    names = [a for a in argv if not a.startswith("--")] or sorted(
        p.name for p in CORPUS.iterdir() if (p / "labels").is_dir()
    )
    for name in names:
        right = total = 0
        for label_path in sorted((CORPUS / name / "labels").glob("*.yaml")):
            label = yaml.safe_load(label_path.read_text())["note_type"]
            text = (CORPUS / name / "notes" / f"{label_path.stem}.txt").read_text()
            kind, confidence, cues = classify(prepare(text))
            total += 1
            right += kind.value == label
            if kind.value != label or not only_errors:
                mark = "  " if kind.value == label else "XX"
                print(
                    f"{mark} {name}/{label_path.stem}: {label} -> {kind.value} "
                    f"({confidence}) {cues[:4]}"
                )
        print(f"== {name}: {right}/{total} = {right / max(total, 1):.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
