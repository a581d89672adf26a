"""The shared sample notes (`../shared/soap`, beside the repository, never inside it).

Tests that read them call `shared_soap()` or carry `needs_shared_soap`. Outside CI a missing
folder makes them skip, and pytest prints why (`-ra`, and a line in the report header). In CI
(`CI=true`) a missing folder fails the whole run at start with one error (tests/conftest.py):
there, a test that skips is a test that did not run, and the run must not pass without them.
"""

import json
import os
from pathlib import Path
from typing import Any

import pytest

SHARED_SOAP = Path(__file__).resolve().parents[1].parent / "shared" / "soap"
SOAP_FILES = [f"soap_0{number}.txt" for number in range(1, 7)]
PATIENTS_FILE = "patients.json"  # 50 FHIR R4 Patient resources
EXPECTED = [*SOAP_FILES, *(f"mojibake/{name}" for name in SOAP_FILES), PATIENTS_FILE]


def missing() -> list[str]:
    """The expected sample files that are not there (all of them when the folder is absent)."""
    return [name for name in EXPECTED if not (SHARED_SOAP / name).is_file()]


def reason() -> str:
    absent = missing()
    shown = "the folder" if len(absent) == len(EXPECTED) else ", ".join(absent)
    return f"shared sample notes missing at {SHARED_SOAP} ({shown}); they live beside the repo"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1"}


def shared_soap() -> Path:
    """The folder; the calling test skips (outside CI) when a sample is missing."""
    if missing():
        pytest.skip(reason())
    return SHARED_SOAP


needs_shared_soap = pytest.mark.skipif(bool(missing()), reason=reason())


def shared_patients() -> list[dict[str, Any]]:
    """The FHIR Patient resources of `patients.json` (the calling test skips outside CI)."""
    patients: list[dict[str, Any]] = json.loads(
        (shared_soap() / PATIENTS_FILE).read_text(encoding="utf-8")
    )
    return patients
