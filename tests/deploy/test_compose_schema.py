"""The compose files against the Compose Specification's JSON schema.

The schema is the one `check-jsonschema` vendors (compose-spec/compose-spec, Apache-2.0, its
licence beside it in the package), so no download is needed. It checks each file as written
and the merged, interpolated configurations (development and production), which is what
Compose itself would validate; tests/deploy/test_compose.py cross-checks the meaning.
"""

import copy
import json
from collections.abc import Callable
from importlib.resources import files
from typing import Any

import jsonschema
import pytest

from tests.deploy.files import DEV_FILES, PROD_FILES, PROD_SECRETS, compose_config, load_yaml

SCHEMA = json.loads(
    files("check_jsonschema.builtin_schemas.vendor").joinpath("compose-spec.json").read_text()
)
Validator = jsonschema.validators.validator_for(SCHEMA)


def schema_errors(document: Any) -> list[str]:
    validator = Validator(SCHEMA, format_checker=Validator.FORMAT_CHECKER)
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(document)
    ]


def test_the_vendored_schema_is_the_compose_specification() -> None:
    assert SCHEMA["$id"] == "compose_spec.json"
    assert {"services", "volumes", "networks", "secrets"} <= set(SCHEMA["properties"])
    Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("name", sorted({*DEV_FILES, *PROD_FILES}))
def test_each_compose_file_follows_the_compose_specification(name: str) -> None:
    assert schema_errors(load_yaml(name)) == []


@pytest.mark.parametrize(
    "config",
    [
        pytest.param(lambda: compose_config(*DEV_FILES), id="development"),
        pytest.param(lambda: compose_config(*PROD_FILES, env=PROD_SECRETS), id="production"),
    ],
)
def test_the_merged_configuration_follows_the_compose_specification(
    config: Callable[[], dict[str, Any]],
) -> None:
    assert schema_errors(config()) == []


@pytest.mark.parametrize(
    ("mistake", "where"),
    [
        pytest.param(
            lambda s: s["api"].update(healthchek=s["api"].pop("healthcheck")), "services/api"
        ),
        pytest.param(
            lambda s: s["api"]["healthcheck"].update(intervall="10s"),
            "services/api/healthcheck",
        ),
        pytest.param(lambda s: s["worker"].update(restart=["always"]), "services/worker/restart"),
    ],
    ids=["misspelt-key", "misspelt-nested-key", "wrong-type"],
)
def test_the_schema_check_catches_a_mistake_compose_would_refuse(
    mistake: Callable[[dict[str, Any]], None], where: str
) -> None:
    document = copy.deepcopy(load_yaml("compose.yaml"))
    mistake(document["services"])

    assert any(error.startswith(where) for error in schema_errors(document))
