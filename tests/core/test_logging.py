"""JSON access logs: one line per request, a request id, and never any patient data."""

import json
import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.conftest import TEST_PASSWORD, TestUser, create_patient

GENERATED_ID = re.compile(r"^[0-9a-f]{32}$")
Logs = Callable[[], str]


def log_lines(captured_logs: Logs) -> list[dict[str, Any]]:
    """Every captured log record as the JSON object the app writes (one per line)."""
    lines = [line for line in captured_logs().splitlines() if line]
    entries = [json.loads(line) for line in lines]
    assert all(isinstance(entry, dict) for entry in entries)
    return entries


def access_entries(captured_logs: Logs) -> list[dict[str, Any]]:
    return [e for e in log_lines(captured_logs) if e["logger"] == "carechart.access"]


async def test_a_request_logs_one_json_line_with_id_route_status_timing_and_user(
    client: httpx.AsyncClient, clinician: TestUser, captured_logs: Logs
) -> None:
    patient = await create_patient(client, clinician)
    before = len(access_entries(captured_logs))

    response = await client.get(
        f"/patients/{patient['id']}",
        headers={**clinician.headers, "X-Request-ID": "req-abc.123:x"},
    )

    assert response.headers["x-request-id"] == "req-abc.123:x"
    entries = access_entries(captured_logs)
    assert len(entries) == before + 1
    entry = entries[-1]
    assert entry["request_id"] == "req-abc.123:x"
    assert entry["method"] == "GET"
    assert entry["route"] == "/patients/{patient_id}"
    assert entry["status"] == 200
    assert isinstance(entry["duration_ms"], float | int)
    assert entry["duration_ms"] >= 0
    assert entry["user_id"] == str(clinician.id)
    assert entry["level"] == "INFO"
    assert entry["time"]
    assert patient["id"] not in json.dumps(entry)


async def test_a_request_without_an_id_gets_a_generated_one_in_header_and_log(
    client: httpx.AsyncClient, captured_logs: Logs
) -> None:
    first = await client.get("/health")
    second = await client.get("/health")

    ids = [first.headers["x-request-id"], second.headers["x-request-id"]]
    assert all(GENERATED_ID.match(i) for i in ids)
    assert ids[0] != ids[1]
    assert [e["request_id"] for e in access_entries(captured_logs)] == ids


@pytest.mark.parametrize(
    "sent",
    [
        pytest.param("has spaces in it", id="spaces"),
        pytest.param("x" * 300, id="300-characters"),
        pytest.param("x" * 129, id="129-characters"),
        pytest.param("", id="empty"),
        pytest.param("id;drop", id="semicolon"),
        pytest.param('id"quote', id="quote"),
        pytest.param("ünïcode", id="non-ascii"),
    ],
)
async def test_an_invalid_request_id_is_replaced_by_a_generated_one(
    client: httpx.AsyncClient, captured_logs: Logs, sent: str
) -> None:
    response = await client.get("/health", headers={"X-Request-ID": sent.encode()})

    echoed = response.headers["x-request-id"]
    assert GENERATED_ID.match(echoed)
    assert [e["request_id"] for e in access_entries(captured_logs)] == [echoed]


async def test_the_longest_valid_request_id_is_kept(client: httpx.AsyncClient) -> None:
    sent = "a" * 128

    response = await client.get("/health", headers={"X-Request-ID": sent})

    assert response.headers["x-request-id"] == sent


async def test_an_anonymous_or_refused_request_is_logged_without_a_user(
    client: httpx.AsyncClient, captured_logs: Logs
) -> None:
    await client.get("/patients")

    [entry] = access_entries(captured_logs)
    assert entry["status"] == 401
    assert entry["route"] == "/patients"
    assert entry["user_id"] is None


async def test_an_unknown_route_is_logged_without_its_raw_path(
    client: httpx.AsyncClient, captured_logs: Logs
) -> None:
    await client.get("/lookup/Quixotica-Zebulon?dob=1933-03-03")

    [entry] = access_entries(captured_logs)
    assert entry["status"] == 404
    assert entry["route"] == "unmatched"
    assert "Quixotica" not in captured_logs()
    assert "1933-03-03" not in captured_logs()


PHI = {
    "given_name": "Quixotica",
    "family_name": "Zebulonowska",
    "mrn": "MRN-PHI-98765",
    "date_of_birth": "1933-03-03",
}


async def test_patient_data_never_reaches_the_logs(
    client: httpx.AsyncClient, admin: TestUser, clinician: TestUser, captured_logs: Logs
) -> None:
    patient = await create_patient(client, clinician, **PHI)
    path = f"/patients/{patient['id']}"
    await client.get(path, headers=clinician.headers)
    await client.get("/patients", params={"q": "Quixotica"}, headers=clinician.headers)
    await client.get(
        "/patients",
        params={"mrn": PHI["mrn"], "born_after": PHI["date_of_birth"]},
        headers=clinician.headers,
    )
    await client.patch(path, json={"family_name": "Zebulonowska-Ray"}, headers=clinician.headers)
    await client.put(path, json={**PHI, "sex": "female"}, headers=clinician.headers)
    await client.post("/patients", json=PHI, headers=clinician.headers)  # 409 duplicate MRN
    await client.post(
        "/patients", json={**PHI, "mrn": "Quixotica Zebulonowska"}, headers=clinician.headers
    )  # 422
    await client.get("/patients", params={"sort": "Zebulonowska"}, headers=clinician.headers)
    await client.get("/audit-events", params={"patient_id": patient["id"]}, headers=admin.headers)
    await client.post("/auth/token", data={"username": clinician.email, "password": TEST_PASSWORD})

    logs = captured_logs()
    entries = access_entries(captured_logs)
    assert len(entries) == 11
    assert {e["status"] for e in entries} == {200, 201, 409, 422}
    for secret in (*PHI.values(), "Quixotica", "Zebulonowska", TEST_PASSWORD, "q="):
        assert secret not in logs
    assert patient["id"] not in logs


async def test_every_log_line_is_one_json_object_with_the_standard_fields(
    client: httpx.AsyncClient, clinician: TestUser, captured_logs: Logs
) -> None:
    await create_patient(client, clinician)
    await client.get("/nowhere")

    entries = log_lines(captured_logs)

    assert entries
    for entry in entries:
        assert {"time", "level", "logger", "message", "request_id"} <= entry.keys()
