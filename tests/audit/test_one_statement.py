"""The hot routes answer in one SQL statement that checks the user, does the work and records
the audit event: what a user notices is that a role change applies on the very next request,
that the event is there as soon as the answer is, and that a refused write leaves nothing."""

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import event, text
from sqlalchemy.engine import make_url

from tests.conftest import TestUser, assert_problem, create_patient
from tests.summaries.conftest import patient_with_note, run_worker

MISSING_ID = "2f1c9a2e-0000-4000-8000-000000000000"


@asynccontextmanager
async def counted_statements(app: FastAPI) -> AsyncIterator[list[str]]:
    """Every SQL statement the app sends to PostgreSQL while inside (SQLAlchemy's cursor hook:
    the ORM's and the one-statement path's alike)."""
    sent: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        sent.append(statement)

    engine = app.state.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def _statements(app: FastAPI, send: Callable[[], Any], status: int) -> list[str]:
    async with counted_statements(app) as sent:
        response = await send()
    assert response.status_code == status, response.text
    return sent


async def _audit_rows(app: FastAPI, request_id: str) -> list[Any]:
    async with app.state.engine.connect() as conn:
        rows = await conn.execute(
            text("SELECT action, outcome FROM audit_event WHERE request_id = :r"),
            {"r": request_id},
        )
        return list(rows.all())


async def _count(app: FastAPI, table: str) -> int:
    async with app.state.engine.connect() as conn:
        return int((await conn.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one())


@pytest.fixture
async def patient(client: httpx.AsyncClient, clinician: TestUser) -> dict[str, Any]:
    for i in range(3):
        await create_patient(client, clinician, given_name=f"Ada{i}")
    return await create_patient(client, clinician)


async def test_each_hot_read_and_write_sends_one_statement(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser, patient: dict[str, Any]
) -> None:
    h = clinician.headers
    first = await client.get("/patients", params={"limit": 2}, headers=h)
    cursor = first.json()["next_cursor"]
    notes = f"/patients/{patient['id']}/notes"
    new = {"given_name": "Grace", "family_name": "Hopper", "date_of_birth": "1906-12-09"}
    requests: dict[str, tuple[Callable[[], Any], int]] = {
        "read": (lambda: client.get(f"/patients/{patient['id']}", headers=h), 200),
        "missing": (lambda: client.get(f"/patients/{MISSING_ID}", headers=h), 404),
        "first page": (lambda: client.get("/patients", params={"limit": 2}, headers=h), 200),
        "deep page": (
            lambda: client.get("/patients", params={"limit": 2, "cursor": cursor}, headers=h),
            200,
        ),
        "create": (lambda: client.post("/patients", json=new, headers=h), 201),
        "duplicate": (
            lambda: client.post("/patients", json={**new, "mrn": patient["mrn"]}, headers=h),
            409,
        ),
        "notes": (lambda: client.get(notes, headers=h), 200),
    }
    for name, (send, status) in requests.items():
        sent = await _statements(app, send, status)
        assert len(sent) == 1, (name, sent)
        assert "INSERT INTO audit_event" in sent[0], name


async def test_a_json_note_is_checked_then_stored_in_two_statements(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser, patient: dict[str, Any]
) -> None:
    url = f"/patients/{patient['id']}/notes"
    note = {"taken_at": "2024-03-15T09:30:00Z", "content": "S: well. P: review in a year."}
    h = {**clinician.headers, "X-Request-ID": "note-1"}

    sent = await _statements(app, lambda: client.post(url, json=note, headers=h), 201)
    again = await _statements(app, lambda: client.post(url, json=note, headers=h), 409)

    # Before any CPU is spent on the note: the user, the patient, a copy; then the write.
    assert len(sent) == 2, sent
    assert "INSERT INTO note_file" in sent[1]
    assert len(again) == 1, again
    assert await _audit_rows(app, "note-1") == [("create", "success"), ("create", "duplicate-note")]
    listed = (await client.get(url, headers=clinician.headers)).json()["items"]
    assert len(listed) == 1  # the second upload stored nothing


async def test_a_refused_note_is_neither_stored_nor_recorded(
    client: httpx.AsyncClient, app: FastAPI, viewer: TestUser, patient: dict[str, Any]
) -> None:
    url = f"/patients/{patient['id']}/notes"
    note = {"taken_at": "2024-03-15T09:30:00Z", "content": "S: well."}
    events_before = await _count(app, "audit_event")

    as_json = await client.post(url, json=note, headers=viewer.headers)
    as_file = await client.post(
        url, files={"file": ("n.txt", b"S: well.", "text/plain")}, headers=viewer.headers
    )
    as_nonsense = await client.post(
        url, content=b"x", headers={**viewer.headers, "Content-Type": "text/csv"}
    )

    for refused in (as_json, as_file, as_nonsense):
        assert_problem(refused, 403, "role-not-allowed")
    assert await _count(app, "note") == 0
    assert await _count(app, "audit_event") == events_before


async def test_a_cached_summary_is_served_in_one_statement(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    created, _ = await patient_with_note(client, clinician)
    url = f"/patients/{created['id']}/summary"
    assert (await client.get(url, headers=clinician.headers)).status_code == 202
    await run_worker(app)

    sent = await _statements(app, lambda: client.get(url, headers=clinician.headers), 200)

    assert len(sent) == 1, sent
    served = await client.get(url, headers={**clinician.headers, "X-Request-ID": "sum-1"})
    assert served.json()["stale"] is False
    assert await _audit_rows(app, "sum-1") == [("read", "success")]


async def test_a_role_taken_away_refuses_the_next_request_at_once(
    client: httpx.AsyncClient, app: FastAPI, admin: TestUser, clinician: TestUser
) -> None:
    body = {"given_name": "Ada", "family_name": "Byron", "date_of_birth": "1915-12-10"}
    assert (await client.post("/patients", json=body, headers=clinician.headers)).is_success

    demoted = await client.patch(
        f"/users/{clinician.id}", json={"role": "viewer"}, headers=admin.headers
    )
    assert demoted.status_code == 200
    refused = await client.post(
        "/patients", json=body, headers={**clinician.headers, "X-Request-ID": "demoted"}
    )

    assert_problem(refused, 403, "role-not-allowed")
    assert await _count(app, "patient") == 1
    assert await _audit_rows(app, "demoted") == []


async def test_a_disabled_user_is_refused_on_the_next_read_even_with_bad_input(
    client: httpx.AsyncClient, app: FastAPI, admin: TestUser, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    disabled = await client.patch(
        f"/users/{clinician.id}", json={"is_active": False}, headers=admin.headers
    )
    assert disabled.status_code == 200

    read = await client.get(
        f"/patients/{patient['id']}", headers={**clinician.headers, "X-Request-ID": "off"}
    )
    listed = await client.get("/patients", headers=clinician.headers)
    malformed = await client.get("/patients/not-a-uuid", headers=clinician.headers)

    assert_problem(read, 401, "not-authenticated")
    assert_problem(listed, 401, "not-authenticated")
    assert_problem(malformed, 401, "not-authenticated")  # as before: who, then what
    assert await _audit_rows(app, "off") == []


async def test_the_audit_event_is_stored_when_the_read_answers(
    client: httpx.AsyncClient, app: FastAPI, viewer: TestUser, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)

    read, missing = await asyncio.gather(
        client.get(f"/patients/{patient['id']}", headers={**viewer.headers, "X-Request-ID": "r"}),
        client.get(f"/patients/{MISSING_ID}", headers={**viewer.headers, "X-Request-ID": "m"}),
    )

    assert read.status_code == 200
    assert_problem(missing, 404, "patient-not-found")
    assert await _audit_rows(app, "r") == [("read", "success")]
    assert await _audit_rows(app, "m") == [("read", "patient-not-found")]


async def test_a_refused_write_stores_neither_the_patient_nor_an_event(
    client: httpx.AsyncClient, app: FastAPI, viewer: TestUser
) -> None:
    body = {"given_name": "Ada", "family_name": "Byron", "date_of_birth": "1915-12-10"}

    plain = await client.post(
        "/patients", json=body, headers={**viewer.headers, "X-Request-ID": "v"}
    )
    keyed = await client.post(
        "/patients", json=body, headers={**viewer.headers, "Idempotency-Key": "k-1"}
    )
    invalid = await client.post("/patients", json={**body, "sex": "?"}, headers=viewer.headers)

    for refused in (plain, keyed, invalid):
        assert_problem(refused, 403, "role-not-allowed")
    assert await _count(app, "patient") == 0
    assert await _count(app, "audit_event") == 0
    assert await _count(app, "idempotency_record") == 0


async def test_a_duplicate_mrn_stores_no_patient_and_records_why(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    await create_patient(client, clinician, mrn="MRN-7")
    body = {"mrn": "mrn-7", "given_name": "X", "family_name": "Y", "date_of_birth": "2000-01-01"}

    taken = await client.post(
        "/patients", json=body, headers={**clinician.headers, "X-Request-ID": "dup"}
    )

    assert_problem(taken, 409, "duplicate-mrn")
    assert await _count(app, "patient") == 1
    assert await _audit_rows(app, "dup") == [("create", "duplicate-mrn")]


async def test_an_automatic_mrn_a_client_took_is_skipped(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    taken = await create_patient(client, clinician, mrn="cc-00000001")

    automatic = await create_patient(client, clinician)

    assert automatic["mrn"] != taken["mrn"]
    assert automatic["mrn"].startswith("CC-")
    assert await _count(app, "patient") == 2
    assert await _count(app, "audit_event") == 2  # one event per create, none for the try


async def _terminate_other_sessions(app: FastAPI) -> int:
    """Terminate the app's pooled connections (every other session on the test database),
    and wait until PostgreSQL has ended them."""
    parsed = make_url(app.state.settings.database_url)
    conn = await asyncpg.connect(
        host=parsed.host, port=parsed.port, user=parsed.username, database=parsed.database
    )
    others = "WHERE datname = current_database() AND pid <> pg_backend_pid()"
    try:
        killed: int = await conn.fetchval(
            f"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity {others}"
        )
        for _ in range(500):
            if not await conn.fetchval(f"SELECT count(*) FROM pg_stat_activity {others}"):
                break
    finally:
        await conn.close()
    await _until_the_pool_has_seen_them_close(app)
    return killed


async def _until_the_pool_has_seen_them_close(app: FastAPI) -> None:
    """The ended sessions are closed sockets on our side only once the event loop has read
    their end; on a loaded machine that can come after PostgreSQL forgot them. Wait for it
    (a condition, not a timing: the test is about what happens once the pool can know)."""
    # The pool's checked-in connections (SQLAlchemy's AsyncAdaptedQueue over an asyncio.Queue).
    idle = app.state.engine.sync_engine.pool._pool._queue._queue
    for _ in range(500):
        if all(entry.dbapi_connection.driver_connection.is_closed() for entry in idle):
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the pool's connections still look open after their sessions ended")


async def test_a_write_after_the_database_dropped_its_connections_succeeds(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> None:
    """A one-statement write is not run twice (it may have been applied), so a connection the
    server already closed must be replaced before it is used, not found dead by the write."""
    patient = await create_patient(client, clinician)
    warm = await asyncio.gather(
        *(client.get(f"/patients/{patient['id']}", headers=clinician.headers) for _ in range(4))
    )
    assert all(r.status_code == 200 for r in warm)

    assert await _terminate_other_sessions(app) >= 1
    body = {"given_name": "Grace", "family_name": "Hopper", "date_of_birth": "1906-12-09"}
    created = await asyncio.gather(
        *(client.post("/patients", json=body, headers=clinician.headers) for _ in range(4))
    )

    assert [r.status_code for r in created] == [201] * 4
