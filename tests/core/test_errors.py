"""Every error is RFC 9457 problem+json; validation errors list fields but never echo input."""

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from carechart.core.config import Settings
from carechart.core.errors import AppError
from carechart.main import create_app
from tests.conftest import TestUser, assert_problem, client_for, running_app

PATIENT: dict[str, Any] = {
    "given_name": "Ada",
    "family_name": "Lovelace",
    "date_of_birth": "1980-12-10",
}


async def test_an_unknown_route_is_a_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/no/such/route")

    body = assert_problem(response, 404)
    assert body["title"] == "Not Found"
    assert body["instance"] == "/no/such/route"


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("DELETE", "/patients", {"GET", "POST"}),
        ("POST", "/health", {"GET"}),
        ("PUT", "/auth/me", {"GET"}),
    ],
)
async def test_a_wrong_method_is_a_405_problem_with_allow(
    client: httpx.AsyncClient, admin: TestUser, method: str, path: str, allowed: set[str]
) -> None:
    response = await client.request(method, path, headers=admin.headers)

    assert_problem(response, 405)
    # Starlette names the methods of the first route matching the path only (GET /patients
    # and POST /patients are two routes), so Allow may list fewer methods, never others.
    listed = {m.strip() for m in response.headers["allow"].split(",")}
    assert listed
    assert listed <= allowed


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b'{"given_name": "Ada",', id="truncated-json"),
        pytest.param(b"given_name=Ada", id="not-json"),
        pytest.param(b"[1, 2]", id="json-array"),
        pytest.param(b'"Ada"', id="json-string"),
        pytest.param(b"", id="empty-body"),
    ],
)
async def test_a_malformed_json_body_is_a_422_problem(
    client: httpx.AsyncClient, clinician: TestUser, content: bytes
) -> None:
    response = await client.post(
        "/patients",
        content=content,
        headers={**clinician.headers, "Content-Type": "application/json"},
    )

    body = assert_problem(response, 422, "validation-error")
    assert body["errors"]
    assert all(set(e) == {"loc", "msg", "type"} for e in body["errors"])


@pytest.mark.parametrize(
    ("content", "where", "hint"),
    [
        pytest.param(
            b'{"given_name": "Ada",\n "family_name": "Lovelace"\n "sex": "female"}',
            "line 3, column 2",
            "a comma may be missing",
            id="missing-comma",
        ),
        pytest.param(
            b'{\n  "given_name": "Ada",\n}',
            "line 3, column 1",
            "a comma may not come before }",
            id="trailing-comma",
        ),
        pytest.param(
            b"{'given_name': 'Ada'}", "line 1, column 2", "double quotes", id="single-quotes"
        ),
        pytest.param(
            b'{"given_name": "Ada"} {}', "line 1, column 23", "follows the end", id="extra"
        ),
    ],
)
async def test_a_json_syntax_error_names_its_line_and_column_with_a_hint(
    client: httpx.AsyncClient, clinician: TestUser, content: bytes, where: str, hint: str
) -> None:
    response = await client.post(
        "/patients",
        content=content,
        headers={**clinician.headers, "Content-Type": "application/json"},
    )

    body = assert_problem(response, 422, "validation-error")
    assert body["detail"].startswith(f"The request body is not valid JSON. Invalid JSON at {where}")
    assert hint in body["detail"]
    assert body["errors"] == [
        {"loc": ["body"], "msg": body["detail"].split(". ", 1)[1], "type": "json_invalid"}
    ]
    assert "Ada" not in response.text  # nothing of the body is echoed


async def test_a_body_that_is_not_utf8_is_a_400_problem(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    response = await client.post(
        "/patients",
        content=b'{"given_name": "\xff\xfe"}',
        headers={**clinician.headers, "Content-Type": "application/json"},
    )

    assert_problem(response, 400)


async def test_a_validation_problem_lists_each_field_with_loc_msg_and_type(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    response = await client.post(
        "/patients",
        json={"given_name": "", "date_of_birth": "1850-01-01", "sex": "x"},
        headers=clinician.headers,
    )

    body = assert_problem(response, 422, "validation-error")
    assert body["title"] == "Validation error"
    assert body["instance"] == "/patients"
    locs = sorted(tuple(e["loc"]) for e in body["errors"])
    assert locs == [
        ("body", "date_of_birth"),
        ("body", "family_name"),
        ("body", "given_name"),
        ("body", "sex"),
    ]
    for error in body["errors"]:
        assert set(error) == {"loc", "msg", "type"}
        assert error["msg"]
        assert error["type"]
    assert "body.family_name" in body["detail"]


SECRET = "Xq7Zephyrine"


@pytest.mark.parametrize(
    ("method", "path", "params", "json"),
    [
        pytest.param("POST", "/patients", None, {**PATIENT, "sex": SECRET}, id="enum"),
        pytest.param("POST", "/patients", None, {**PATIENT, "mrn": f"{SECRET} 1"}, id="pattern"),
        pytest.param("POST", "/patients", None, {**PATIENT, "date_of_birth": SECRET}, id="date"),
        pytest.param(
            "POST", "/patients", None, {**PATIENT, "given_name": SECRET * 10}, id="too-long"
        ),
        pytest.param(
            "POST", "/patients", None, {**PATIENT, "given_name": f"{SECRET}\x00"}, id="nul"
        ),
        pytest.param("POST", "/patients", None, {**PATIENT, "nickname": SECRET}, id="extra"),
        pytest.param("GET", "/patients", {"sort": SECRET}, None, id="sort"),
        pytest.param("GET", "/patients", {"sex": SECRET}, None, id="sex-filter"),
        pytest.param("GET", "/patients", {"limit": SECRET}, None, id="limit"),
        pytest.param("GET", "/patients", {"born_after": SECRET}, None, id="born-after"),
        pytest.param("GET", "/patients", {"mrn": f"{SECRET} 2"}, None, id="mrn-filter"),
        pytest.param("GET", "/patients", {"q": f"{SECRET}\x00"}, None, id="search-nul"),
        pytest.param("GET", "/audit-events", {"patient_id": SECRET}, None, id="uuid-filter"),
        pytest.param(
            "POST",
            "/users",
            None,
            {"email": SECRET, "full_name": "A", "role": "viewer", "password": "x" * 12},
            id="email",
        ),
    ],
)
async def test_a_validation_problem_never_echoes_the_input(
    client: httpx.AsyncClient,
    admin: TestUser,
    method: str,
    path: str,
    params: dict[str, str] | None,
    json: dict[str, Any] | None,
) -> None:
    response = await client.request(method, path, params=params, json=json, headers=admin.headers)

    assert_problem(response, 422, "validation-error")
    assert SECRET.lower() not in response.text.lower()


async def test_a_problem_keeps_the_headers_of_its_error(client: httpx.AsyncClient) -> None:
    response = await client.get("/patients")

    assert_problem(response, 401, "not-authenticated")
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.fixture
async def exploding_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """A fresh app with one route that fails in an unexpected way."""
    app: FastAPI = create_app(settings)

    @app.get("/explode")
    async def explode() -> None:
        raise RuntimeError("secret-internal-detail")

    @app.get("/explode-in-the-database")
    async def explode_in_the_database() -> None:
        async with app.state.sessionmaker() as session:
            await session.execute(text("SELECT no_such_column FROM patient"))

    async with app.router.lifespan_context(app), client_for(app) as client:
        yield client


async def test_an_unexpected_error_is_a_500_problem_that_reveals_nothing(
    exploding_client: httpx.AsyncClient,
) -> None:
    response = await exploding_client.get("/explode", headers={"X-Request-ID": "boom-1"})

    body = assert_problem(response, 500, "internal-error")
    assert body["instance"] == "/explode"
    assert response.headers["x-request-id"] == "boom-1"
    assert response.headers["x-content-type-options"] == "nosniff"
    for leak in ("secret-internal-detail", "RuntimeError", "Traceback", "explode()"):
        assert leak not in response.text


async def test_an_unexpected_error_is_logged_by_type_without_its_message(
    exploding_client: httpx.AsyncClient, captured_logs: Any
) -> None:
    await exploding_client.get("/explode", headers={"X-Request-ID": "boom-2"})

    logs = captured_logs()
    assert "RuntimeError" in logs
    assert "boom-2" in logs
    assert "secret-internal-detail" not in logs


async def test_a_logged_500_shows_our_own_frames_before_the_library_frames(
    exploding_client: httpx.AsyncClient, captured_logs: Any
) -> None:
    response = await exploding_client.get("/explode-in-the-database")

    assert_problem(response, 500, "internal-error")
    [logged] = [
        json.loads(line) for line in captured_logs().splitlines() if '"unhandled exception"' in line
    ]
    stack: list[str] = logged["stack"]
    # The statement failed some 30 frames deep in SQLAlchemy and asyncpg: the route that sent
    # it leads the stack, then the innermost library frames say where it broke.
    assert stack[0].startswith(("tests/core/test_errors.py", str(Path(__file__))))
    assert any("in explode_in_the_database" in frame for frame in stack)
    assert any("sqlalchemy/" in frame for frame in stack[-6:])
    assert "no_such_column" not in json.dumps(logged)


def _subclasses(cls: type[AppError]) -> list[type[AppError]]:
    return [c for sub in cls.__subclasses__() for c in (sub, *_subclasses(sub))]


def test_each_error_class_has_a_problem_type_of_its_own() -> None:
    # create_app imported every slice: every AppError subclass is loaded.
    classes = {c for c in _subclasses(AppError) if not c.__module__.startswith("tests.")}
    by_slug: dict[str, list[str]] = {}
    for error in classes:
        by_slug.setdefault(error.slug, []).append(error.__qualname__)

    assert len(classes) > 30
    assert {slug: names for slug, names in by_slug.items() if len(names) > 1} == {}


async def test_a_body_refused_by_its_declared_length_is_a_problem_like_any_other(
    settings: Settings,
) -> None:
    # Refused by the size limit before any route runs: rendered by the same problem handling,
    # with the request id, and as an OperationOutcome under /fhir.
    big = b"x" * (200 * 1024)
    async with running_app(settings, max_upload_bytes=1024) as small, client_for(small) as client:
        plain = await client.post(
            "/patients",
            content=big,
            headers={"Content-Type": "application/json", "X-Request-ID": "big-1"},
        )
        fhir = await client.post(
            "/fhir", content=big, headers={"Content-Type": "application/fhir+json"}
        )

    body = assert_problem(plain, 413, "content-too-large")
    assert "1024 bytes" in body["detail"]
    assert plain.headers["x-request-id"] == "big-1"
    assert fhir.status_code == 413
    assert fhir.headers["content-type"].startswith("application/fhir+json")
    assert fhir.json()["issue"][0]["code"] == "too-long"
