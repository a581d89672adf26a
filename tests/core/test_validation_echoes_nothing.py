"""A 422 names where and what kind of problem, never what the client sent: keys or values.

A client's keys can be patient data as much as its values ({"Quintessa Vanderzwaag": ...}, a
form field named after the patient), so an unknown field is counted, not named, unless it is a
field name of the API's own schemas (`is_active` sent to create a user). Every write
endpoint is sent identifiers as unknown keys and as bad values; neither the problem (body,
detail, errors) nor the logs may hold them.
"""

import io
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.conftest import TestUser, assert_problem, create_patient

NAME = "Quintessa Vanderzwaag"
# A key that looks like a safe identifier is still a family name: it is not echoed either.
KEY = "vanderzwaag"
SECRETS = ("quintessa", "vanderzwaag")
PATIENT: dict[str, Any] = {
    "given_name": "Ada",
    "family_name": "Lovelace",
    "date_of_birth": "1980-12-10",
}
NOTE: dict[str, Any] = {"taken_at": "2024-03-15", "content": "BP 120/80."}

# (method, path under the patient or absolute, json body, form fields, what the 422 points at)
JSON_CASES = [
    pytest.param("POST", "/patients", {**PATIENT, NAME: "x"}, ["body"], id="patient-key"),
    pytest.param("POST", "/patients", {**PATIENT, KEY: NAME}, ["body"], id="patient-id-key"),
    pytest.param("POST", "/patients", {**PATIENT, "sex": NAME}, ["body", "sex"], id="patient-enum"),
    pytest.param(
        "POST", "/patients", {**PATIENT, "mrn": NAME}, ["body", "mrn"], id="patient-pattern"
    ),
    pytest.param("PATCH", "{patient}", {NAME: None}, ["body"], id="patient-patch-null-key"),
    pytest.param("PATCH", "{patient}", {KEY: "1", NAME: 2}, ["body"], id="patient-patch-keys"),
    pytest.param(
        "PUT", "{patient}", {**PATIENT, "mrn": "M-1", NAME: NAME}, ["body"], id="patient-put"
    ),
    pytest.param("POST", "{patient}/notes", {**NOTE, NAME: "x"}, ["body"], id="note-key"),
    pytest.param(
        "POST",
        "{patient}/notes",
        {**NOTE, "taken_at": NAME},
        ["body", "taken_at"],
        id="note-taken-at",
    ),
    pytest.param(
        "POST",
        "{patient}/notes",
        {**NOTE, "note_type": NAME},
        ["body", "note_type"],
        id="note-type",
    ),
    pytest.param("POST", "{patient}/summary", {NAME: True}, ["body"], id="summary-key"),
    pytest.param(
        "POST", "{patient}/summary", {"focus": f"{NAME}!"}, ["body", "focus"], id="summary-focus"
    ),
    pytest.param(
        "POST",
        "/users",
        {"email": f"{NAME}@x.org", "full_name": "A", "role": "viewer", "password": "x" * 12},
        ["body", "email"],
        id="user-email",
    ),
    pytest.param(
        "POST",
        "/users",
        {"email": "quintessa@xn--vanderzwaag.org", "full_name": "A", "role": "viewer"},
        ["body", "email"],
        id="user-email-idna",
    ),
    pytest.param(
        "POST",
        "/users",
        {"email": "a@b.org", "full_name": "A", "role": "viewer", "password": "x" * 12, KEY: 1},
        ["body"],
        id="user-key",
    ),
    pytest.param("PATCH", "/users/{user}", {NAME: None}, ["body"], id="user-patch-null-key"),
    pytest.param(
        "POST",
        "/users/{user}/password",
        {"new_password": "y" * 16, NAME: "x"},
        ["body"],
        id="password-key",
    ),
]


def _leaked(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text.lower()]


def _assert_echoes_nothing(
    response: httpx.Response, where: list[str], logs: Callable[[], str]
) -> dict[str, Any]:
    body = assert_problem(response, 422, "validation-error")
    assert where in [e["loc"] for e in body["errors"]], body
    assert _leaked(response.text) == [], response.text
    assert _leaked(logs()) == []
    return body


@pytest.mark.parametrize(("method", "path", "json", "where"), JSON_CASES)
async def test_a_json_body_problem_echoes_no_key_or_value(
    client: httpx.AsyncClient,
    admin: TestUser,
    captured_logs: Callable[[], str],
    method: str,
    path: str,
    json: dict[str, Any],
    where: list[str],
) -> None:
    patient = await create_patient(client, admin)
    url = path.format(patient=f"/patients/{patient['id']}", user=admin.id)

    response = await client.request(method, url, json=json, headers=admin.headers)

    _assert_echoes_nothing(response, where, captured_logs)


async def test_unknown_fields_are_counted_once_per_location(
    client: httpx.AsyncClient, clinician: TestUser, captured_logs: Callable[[], str]
) -> None:
    sent = {**PATIENT, NAME: 1, KEY: 2, "Quintessa": 3}

    response = await client.post("/patients", json=sent, headers=clinician.headers)

    body = _assert_echoes_nothing(response, ["body"], captured_logs)
    unknown = [e for e in body["errors"] if e["type"] == "extra_forbidden"]
    assert len(unknown) == 1
    assert unknown[0]["msg"].startswith("3 unknown fields")
    assert body["detail"] == "The request is not valid: body"


@pytest.mark.parametrize(
    ("path", "json", "where"),
    [
        pytest.param("/patients", {**PATIENT, "is_active": False, NAME: 1}, "is_active", id="json"),
        pytest.param("{patient}/notes", {**NOTE, "mrn": "M-1", KEY: 1}, "mrn", id="json-note"),
    ],
)
async def test_a_field_name_of_the_api_sent_where_it_does_not_belong_is_named(
    client: httpx.AsyncClient,
    clinician: TestUser,
    captured_logs: Callable[[], str],
    path: str,
    json: dict[str, Any],
    where: str,
) -> None:
    patient = await create_patient(client, clinician)
    url = path.format(patient=f"/patients/{patient['id']}")

    response = await client.post(url, json=json, headers=clinician.headers)

    body = _assert_echoes_nothing(response, ["body", where], captured_logs)
    unknown = [e for e in body["errors"] if e["type"] == "extra_forbidden"]
    assert [e["loc"] for e in unknown] == [["body", where], ["body"]]
    assert unknown[1]["msg"].startswith("1 unknown field sent")


@pytest.mark.parametrize(
    ("fields", "where"),
    [
        pytest.param({NAME: "1"}, ["body"], id="unknown-field"),
        pytest.param({KEY: NAME}, ["body"], id="unknown-id-field"),
        pytest.param({"taken_at": NAME}, ["body", "taken_at"], id="taken-at"),
        pytest.param({"note_type": NAME}, ["body", "note_type"], id="note-type"),
        pytest.param({"title": f"{NAME}\x00"}, ["body", "title"], id="title-nul"),
    ],
)
async def test_a_form_problem_echoes_no_field_name_or_value(
    client: httpx.AsyncClient,
    clinician: TestUser,
    captured_logs: Callable[[], str],
    fields: dict[str, str],
    where: list[str],
) -> None:
    patient = await create_patient(client, clinician)

    response = await client.post(
        f"/patients/{patient['id']}/notes",
        files={"file": ("note.txt", io.BytesIO(b"BP 120/80."), "text/plain")},
        data=fields,
        headers=clinician.headers,
    )

    _assert_echoes_nothing(response, where, captured_logs)


async def test_a_sign_in_problem_echoes_nothing(
    client: httpx.AsyncClient, captured_logs: Callable[[], str]
) -> None:
    response = await client.post("/auth/token", data={"username": f"{NAME}@x.org", KEY: NAME})

    _assert_echoes_nothing(response, ["body", "password"], captured_logs)
