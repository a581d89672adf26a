"""Every committed label file follows the labelling guide (eval/LABELLING.md), and every set
agrees with its notes. One test per file, so a failure names the file to fix."""

from pathlib import Path

import pytest
import yaml

from eval.corpus import CORPUS, available_sets, consistency, load_set
from eval.labels import NoteLabel, PatientLabel
from tests.eval.support import FIXTURES

SETS = [*available_sets(CORPUS), *available_sets(FIXTURES)]
LABEL_FILES = sorted(p for s in SETS for p in (s / "labels").glob("*.y*ml"))


def _name(path: Path) -> str:
    return f"{path.parent.parent.name}/{path.name}"


@pytest.mark.parametrize("path", LABEL_FILES, ids=_name)
def test_the_label_file_follows_the_guide(path: Path) -> None:
    NoteLabel.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_the_set_loads_and_its_labels_agree_with_its_notes(folder: Path) -> None:
    for patient in yaml.safe_load((folder / "patients.yaml").read_text(encoding="utf-8")):
        PatientLabel.model_validate(patient)
    assert consistency(load_set(folder)) == []
