"""The documents users rely on stay true: .env.example, the README settings table, openapi.json."""

import re
from pathlib import Path

from carechart import openapi
from carechart.core.config import Settings

ROOT = Path(__file__).resolve().parent.parent


def _settings_names() -> set[str]:
    return {name.upper() for name in Settings.model_fields}


def test_env_example_lists_every_setting_and_nothing_else() -> None:
    lines = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    names = {line.split("=", 1)[0] for line in lines if re.match(r"^[A-Z_]+=", line)}
    assert names == _settings_names()


def test_env_example_comments_every_setting() -> None:
    lines = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^[A-Z_]+=", line):
            assert lines[i - 1].startswith("#") or re.match(r"^[A-Z_]+=", lines[i - 1]), line


def test_readme_settings_table_matches_settings() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Settings", 1)[1].split("\n## ", 1)[0]
    names = set(re.findall(r"^\| `([A-Z_]+)` \|", table, flags=re.MULTILINE))
    assert names == _settings_names()


def test_docs_openapi_json_is_up_to_date() -> None:
    committed = (ROOT / "docs" / "openapi.json").read_text(encoding="utf-8")
    assert committed == openapi.render(), "docs/openapi.json is stale: run `make openapi`"


def test_every_operation_has_a_summary_and_documents_its_errors() -> None:
    spec = openapi.document()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary"), f"{method.upper()} {path} has no summary"
            if path.startswith(("/patients", "/users", "/audit-events", "/auth/me")):
                assert "401" in operation["responses"], f"{method.upper()} {path}: no 401"
