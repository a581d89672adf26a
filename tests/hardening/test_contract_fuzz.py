"""Contract fuzzing: Schemathesis drives every operation of the app's own OpenAPI document.

Each operation is run in-process (ASGI, with the app's lifespan) through Schemathesis's
example, coverage and fuzzing phases, once with a valid admin token and once without one.
Every response must be: no 5xx, a documented status code, a documented media type, a body that
matches its schema, and, for every error, an RFC 9457 `application/problem+json` document.
Positive data must be accepted and negative data refused.

`FUZZ_EXAMPLES` generated requests per operation and phase: 10 by default, derandomized, as in
`make test`; `make fuzz` runs 200 with a new random seed each time (a failure prints a curl
command that reproduces it).
"""

import os
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig
from schemathesis.core.parameters import ParameterLocation

from carechart.core.config import Settings
from carechart.core.etag import IF_MATCH_PATTERN
from carechart.core.validation import MIN_DATE
from carechart.main import create_app
from tests.conftest import TEST_DATABASE_URL, TEST_REDIS_URL, TestUser
from tests.summaries.conftest import patient_with_note, run_worker

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
# `make test` is reproducible (derandomized); `make fuzz` explores with a new seed each run.
LONG_RUN = "FUZZ_EXAMPLES" in os.environ

# A 412 answers a valid request whose If-Match names another version: like a 409 it depends
# on the stored state, which a generator cannot know.
ACCEPTED_FOR_VALID_DATA = ["2xx", "3xx", "401", "403", "404", "409", "412", "429"]

# The fuzzed app is its own instance: Schemathesis runs ASGI apps on its own event loop thread,
# with the lifespan, against the same test database and Redis as the rest of the suite.
FUZZ_APP = create_app(
    Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=TEST_DATABASE_URL,
        redis_url=TEST_REDIS_URL,
        log_level="WARNING",
    )
)
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {"expected-statuses": ACCEPTED_FOR_VALID_DATA},
        },
        "generation": {"max-examples": FUZZ_EXAMPLES},
        "operations": [
            {
                # Whether an upload is accepted depends on the file's content (its real type,
                # readable, with a date in it when taken_at is absent), which no schema can
                # describe: 415 and 422 answer schema-valid uploads by design. Every other check
                # still applies to it.
                "include-name": "POST /patients/{patient_id}/notes",
                "checks": {"positive_data_acceptance": {"enabled": False}},
            },
            # The same for FHIR: whether a Bundle's resources are valid FHIR is judged by
            # fhir.resources, and a date search value (`ge1980-02-30`) by the calendar, not by
            # a schema: 400 answers schema-valid requests by design.
            {
                "include-name": "POST /fhir",
                "checks": {"positive_data_acceptance": {"enabled": False}},
            },
            {
                "include-name": "GET /fhir/Patient",
                "checks": {"positive_data_acceptance": {"enabled": False}},
            },
        ],
    }
)
# What a schema cannot say: a date of birth or a note's date is not in the future (a bound that
# moves daily; the published patterns say 1900 to 2099). Valid dates are drawn from 1900 to
# yesterday; invalid ones are still generated.
_PAST = st.dates(min_value=MIN_DATE, max_value=datetime.now(UTC).date() - timedelta(days=1))
_OFFSETS = st.sampled_from(["Z", "+00:00", "+05:30", "-08:00"])
schemathesis.openapi.format("date", _PAST.map(date.isoformat))
schemathesis.openapi.format(
    "date-time",
    st.builds(
        lambda day, seconds, offset: (
            f"{day.isoformat()}T{seconds // 3600:02d}:"
            f"{seconds // 60 % 60:02d}:{seconds % 60:02d}{offset}"
        ),
        _PAST.filter(lambda day: day.year > MIN_DATE.year),
        st.integers(0, 86399),
        _OFFSETS,
    ),
)
# Nor can it say that a password is not a common one: valid passwords are random passphrases.
_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=4, max_size=9)
schemathesis.openapi.format(
    "password", st.lists(_WORDS, min_size=4, max_size=6).map(" ".join).map(lambda p: p + " !9")
)
schema = schemathesis.openapi.from_dict(FUZZ_APP.openapi(), config=CONFIG)
schema.app = FUZZ_APP

PUBLIC_OPERATIONS = {"GET /health", "GET /health/ready", "POST /auth/token", "GET /fhir/metadata"}
PROBLEM_JSON = "application/problem+json"
FHIR_JSON = "application/fhir+json"


def _is_operation_outcome(response: Any) -> bool:
    """Errors under /fhir are FHIR OperationOutcome documents, as FHIR clients expect."""
    media_type = (response.headers.get("content-type") or [""])[0]
    assert media_type.startswith(FHIR_JSON), f"{response.status_code} answered as {media_type}"
    body = response.json()
    assert body.get("resourceType") == "OperationOutcome", "FHIR error without OperationOutcome"
    assert body.get("issue"), "OperationOutcome without issues"
    return True


@schemathesis.check
def errors_are_problem_documents(ctx: Any, response: Any, case: Any) -> bool | None:
    """Every 4xx and 5xx is RFC 9457 problem+json with its five members (readiness excepted)."""
    if response.status_code < 400 or case.operation.label == "GET /health/ready":
        return None
    if case.operation.path.startswith("/fhir"):
        return _is_operation_outcome(response)
    media_type = (response.headers.get("content-type") or [""])[0]
    assert media_type.startswith(PROBLEM_JSON), f"{response.status_code} answered as {media_type}"
    body = response.json()
    missing = {"type", "title", "status", "detail", "instance"} - set(body)
    assert not missing, f"problem document without {sorted(missing)}"
    assert body["status"] == response.status_code, "problem status differs from the HTTP status"
    return True


@dataclass(frozen=True)
class World:
    """Stored resources for generated requests to reach, and the admin's headers."""

    headers: dict[str, str]
    ids: dict[str, str]


@pytest.fixture
async def world(client: httpx.AsyncClient, app: FastAPI, admin: TestUser) -> World:
    patient, note = await patient_with_note(client, admin)
    url = f"/patients/{patient['id']}/summary"
    job = (await client.get(url, headers=admin.headers)).json()
    await run_worker(app)
    summary = (await client.get(url, headers=admin.headers)).json()
    ids = {
        "patient_id": patient["id"],
        "note_id": note["id"],
        "job_id": job["job_id"],
        "summary_id": summary["id"],
    }
    return World(headers=admin.headers, ids=ids)


def _aim(case: Any, ids: Mapping[str, str]) -> None:
    """Point three in four generated ids at stored resources, so that 2xx paths are fuzzed too."""
    for name, value in list((case.path_parameters or {}).items()):
        try:
            generated = uuid.UUID(str(value))
        except ValueError:
            continue  # a negative case: the malformed id is the point
        if name in ids and generated.int % 4:
            case.path_parameters[name] = ids[name]


def _tame(case: Any) -> None:
    """Keep generated requests meaningful and quick.

    - A cursor is an encrypted token only the server can issue: a generated one is a forgery,
      refused with 400 (tests/patients/test_list.py covers that); valid cases drop it.
    - `wait` holds a summary request up to 30 s for a worker that is not running here.
    - An Idempotency-Key is unique per request by definition: a generated one is often reused
      (`0`) with another body, which is rightly refused (422); valid cases get a fresh one.
    - Schemathesis's coverage phase narrows header values to letters and digits, which no
      entity-tag can be (`"3"`, `*`), and then sends `If-Match: 0` as valid: a valid case's
      If-Match that the published pattern refuses is replaced by a well-formed tag.
    """
    headers = case.headers or {}
    if not case.meta.is_negative_at(ParameterLocation.HEADER):
        if "Idempotency-Key" in headers:
            headers["Idempotency-Key"] = str(uuid.uuid4())
        tag = headers.get("If-Match")
        if isinstance(tag, str) and not re.match(IF_MATCH_PATTERN, tag):
            headers["If-Match"] = '"1"'
    if not case.query:
        return
    if not case.meta.is_negative_at(ParameterLocation.QUERY):
        case.query.pop("cursor", None)
        case.query.pop("_cursor", None)
    try:
        wait = float(case.query.get("wait", 0))
    except (TypeError, ValueError):
        return
    if 0.2 < wait <= 30:
        case.query["wait"] = 0.2


FUZZ_SETTINGS = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    database=None,
    derandomize=not LONG_RUN,
    # Fixtures set the stage once per operation; every case may change it (that is the point).
    suppress_health_check=list(HealthCheck),
)


@schema.parametrize()
@FUZZ_SETTINGS
def test_every_operation_keeps_its_contract_with_a_valid_token(case: Any, world: World) -> None:
    _aim(case, world.ids)
    _tame(case)

    case.call_and_validate(headers=world.headers)


@schema.parametrize()
@FUZZ_SETTINGS
def test_every_operation_keeps_its_contract_without_a_token(
    case: Any, migrated_database: str
) -> None:
    _tame(case)

    response = case.call_and_validate()

    if case.operation.label not in PUBLIC_OPERATIONS:
        assert response.status_code >= 400, f"{case.operation.label} answered without a token"
