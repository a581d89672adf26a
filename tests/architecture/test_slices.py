"""The slices' import rule (docs/architecture.md) and their public APIs' types."""

import importlib
import inspect
import subprocess
import sys
import typing
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_MODULES = [
    "carechart.patients.public",
    "carechart.notes.public",
    "carechart.summaries.public",
    "carechart.auth.public",
    "carechart.audit.public",
    "carechart.idempotency.public",
]


def test_slices_import_each_other_only_through_their_public_modules() -> None:
    # The same contracts `make lint` checks (pyproject.toml, [tool.importlinter]).
    lint_imports = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run(  # noqa: S603 - our own venv's executable, fixed arguments
        [str(lint_imports), "--no-logo", "--no-cache", str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def _mentions_any(hint: object) -> bool:
    if hint is typing.Any:
        return True
    return any(_mentions_any(arg) for arg in typing.get_args(hint))


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_public_functions_are_typed_without_any(module_name: str) -> None:
    module = importlib.import_module(module_name)
    functions = [
        getattr(module, name)
        for name in module.__all__
        if inspect.isfunction(getattr(module, name))
    ]
    untyped = {
        f.__name__: hints
        for f in functions
        if _mentions_any(hints := typing.get_type_hints(f)) or "return" not in hints
    }
    assert untyped == {}
