"""Readers for the deployment files: the Dockerfile, compose files with their variables, YAML."""

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from carechart.core.config import Settings

ROOT = Path(__file__).resolve().parents[2]

SETTINGS = frozenset(name.upper() for name in Settings.model_fields)


def load_yaml(relative: str) -> Any:
    return yaml.safe_load((ROOT / relative).read_text(encoding="utf-8"))


def load_yaml_documents(text: str) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(text) if doc]


# --- Dockerfile ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Instruction:
    keyword: str
    arguments: str
    stage: int  # index of the FROM it belongs to

    def exec_form(self) -> list[str]:
        """The JSON array of an exec-form instruction (after HEALTHCHECK's options and CMD)."""
        text = self.arguments
        if self.keyword == "HEALTHCHECK":
            text = text.split(" CMD ", 1)[1]
        parsed = json.loads(text)
        assert isinstance(parsed, list), f"{self.keyword} is not in exec form"
        return [str(part) for part in parsed]


def dockerfile() -> list[Instruction]:
    """Instructions with continuation lines joined and comments dropped."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    logical: list[str] = []
    current = ""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        current += " " + stripped.removesuffix("\\").strip()
        if not stripped.endswith("\\"):
            logical.append(current.strip())
            current = ""
    instructions: list[Instruction] = []
    stage = -1
    for entry in logical:
        keyword, _, arguments = entry.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            stage += 1
        instructions.append(Instruction(keyword, arguments.strip(), stage))
    return instructions


def final_stage(instructions: list[Instruction]) -> list[Instruction]:
    last = max(i.stage for i in instructions)
    return [i for i in instructions if i.stage == last]


def image_user_id() -> int:
    users = [i.arguments for i in final_stage(dockerfile()) if i.keyword == "USER"]
    return int(users[-1].split(":")[0])


def api_port_from_cmd() -> int:
    cmd = next(i for i in dockerfile() if i.keyword == "CMD").exec_form()
    return int(cmd[cmd.index("--port") + 1])


# --- compose ---------------------------------------------------------------------------------

_VARIABLE = re.compile(
    r"\$(?:(?P<escaped>\$)"
    r"|\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}"
    r"|(?P<bare>[A-Za-z_][A-Za-z0-9_]*))"
)


class MissingVariableError(Exception):
    """A `${VAR:?message}` whose variable is unset, as Compose refuses it."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name


@dataclass(frozen=True)
class VariableUse:
    name: str
    op: str | None  # ":-", "-", ":?", "?" or None for a bare ${VAR} / $VAR
    argument: str


def variable_uses(relative: str) -> list[VariableUse]:
    text = (ROOT / relative).read_text(encoding="utf-8")
    uses = []
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            continue
        for match in _VARIABLE.finditer(line):
            if match["escaped"]:
                continue
            name = match["name"] or match["bare"]
            uses.append(VariableUse(name, match["op"], match["arg"] or ""))
    return uses


def interpolate(value: Any, env: dict[str, str]) -> Any:
    """Compose's variable substitution (the subset these files use), applied to every string."""
    if isinstance(value, dict):
        return {key: interpolate(item, env) for key, item in value.items()}
    if isinstance(value, list):
        return [interpolate(item, env) for item in value]
    if not isinstance(value, str):
        return value

    def substitute(match: re.Match[str]) -> str:
        if match["escaped"]:
            return "$"
        name = match["name"] or match["bare"]
        op, argument = match["op"], match["arg"] or ""
        present = name in env and (env[name] != "" or not (op or "").startswith(":"))
        if present:
            return env[name]
        if op in (":?", "?"):
            raise MissingVariableError(name, argument)
        return argument if op in (":-", "-") else ""

    return _VARIABLE.sub(substitute, value)


# Keys whose value replaces, not extends, the earlier file's (Compose's merge rules).
_REPLACED_LISTS = {"command", "entrypoint", "test"}


def merge(base: Any, override: Any, key: str = "") -> Any:
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for name, value in override.items():
            merged[name] = merge(base[name], value, name) if name in base else value
        return merged
    if isinstance(base, list) and isinstance(override, list) and key not in _REPLACED_LISTS:
        return base + [item for item in override if item not in base]
    return override


def compose_config(*files: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """The services and volumes of these compose files, interpolated and merged in order."""
    config: dict[str, Any] = {}
    for relative in files:
        loaded = load_yaml(relative)
        document = {k: v for k, v in loaded.items() if not k.startswith("x-")}
        config = merge(config, interpolate(document, env or {}))
    return config


DEV_FILES = ("compose.yaml", "compose.override.yaml")
PROD_FILES = ("compose.yaml", "compose.prod.yaml")
PROD_SECRETS = {
    "SECRET_KEY": "p" * 48,
    "ADMIN_PASSWORD": "a-real-admin-passphrase",
    "POSTGRES_PASSWORD": "a-real-database-password",
    "GRAFANA_ADMIN_PASSWORD": "a-real-grafana-password",
}
