"""The paged queries keep using their indexes: plan checks (EXPLAIN), never timings.

The benchmark (bench/, docs/benchmarks.md) measures these queries at a million patients; here
the planner is given a few thousand rows, enough to prefer an index over a scan and sort, and
the statement the API really sends is captured and explained. The fuzzy search has its own
check in tests/patients/test_search.py.
"""

from typing import Any
from urllib.parse import quote

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import event, text

from tests.conftest import TestUser, create_patient

PATIENTS = 6000
NOTES_PER_PATIENT = 12
PATIENTS_WITH_NOTES = 400


async def _fill(app: FastAPI, patient_id: str) -> None:
    """Thousands of patients, and notes for hundreds of them (and for `patient_id`)."""
    async with app.state.engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO patient (id, mrn, given_name, family_name, date_of_birth) "
                "SELECT gen_random_uuid(), 'PLAN-' || i, "
                "(ARRAY['Ana','Bo','Chen','Dmitri','Eve','Farah'])[1 + i % 6] || i, "
                "'Family' || md5(i::text), DATE '1950-01-01' + (i % 20000) "
                "FROM generate_series(1, :n) AS i"
            ),
            {"n": PATIENTS},
        )
        await conn.execute(
            text(
                "INSERT INTO note (id, patient_id, taken_at, note_type, note_type_source, "
                "content, has_text, source, media_type, extraction_method, content_sha256, "
                "size_bytes, derived, extractor_version) "
                "SELECT gen_random_uuid(), p.id, TIMESTAMPTZ '2020-01-01' + n * INTERVAL '9 days', "
                "'progress', 'classifier', 'S: note ' || n, true, 'json', 'text/plain', 'text', "
                "md5(p.id::text || n), 8, '{}', 'plan-check' "
                "FROM ((SELECT id FROM patient WHERE mrn LIKE 'PLAN-%' ORDER BY mrn "
                "LIMIT :with_notes) UNION ALL (SELECT id FROM patient "
                "WHERE id = CAST(:patient_id AS uuid))) AS p "
                "CROSS JOIN generate_series(1, :per_patient) AS n"
            ),
            {
                "with_notes": PATIENTS_WITH_NOTES,
                "patient_id": patient_id,
                "per_patient": NOTES_PER_PATIENT,
            },
        )
    # VACUUM needs its own transaction; it also sets the visibility map, as autovacuum would.
    async with app.state.engine.connect() as conn:
        await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.exec_driver_sql("VACUUM ANALYZE patient, note")


@pytest.fixture
async def patient_with_notes(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser
) -> dict[str, Any]:
    patient = await create_patient(client, clinician)
    await _fill(app, patient["id"])
    return patient


async def _explain(
    client: httpx.AsyncClient, app: FastAPI, user: TestUser, path: str, table: str
) -> str:
    """EXPLAIN of the one paged statement a GET of `path` sends."""
    seen: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if f"FROM {table}" in statement and "ORDER BY" in statement and "LIMIT" in statement:
            seen.append((statement, parameters))

    engine = app.state.engine.sync_engine
    event.listen(engine, "before_cursor_execute", capture)
    try:
        response = await client.get(path, headers=user.headers)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    assert response.status_code == 200, response.text
    assert len(seen) == 1, seen
    statement, parameters = seen[0]
    async with app.state.engine.connect() as conn:
        rows = (await conn.exec_driver_sql("EXPLAIN " + statement, parameters)).all()
    return "\n".join(row[0] for row in rows)


async def test_the_patient_list_walks_the_name_index_instead_of_sorting(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser, patient_with_notes: Any
) -> None:
    plan = await _explain(client, app, clinician, "/patients?limit=20", "patient")

    assert "Index Scan using ix_patient_family_name_given_name_id" in plan, plan
    assert "Sort" not in plan, plan


async def test_a_deep_page_starts_inside_the_name_index_at_its_cursor(
    client: httpx.AsyncClient, app: FastAPI, clinician: TestUser, patient_with_notes: Any
) -> None:
    first = await client.get("/patients?limit=100", headers=clinician.headers)
    cursor = first.json()["next_cursor"]

    plan = await _explain(
        client, app, clinician, f"/patients?limit=20&cursor={quote(cursor)}", "patient"
    )

    assert "Index Scan using ix_patient_family_name_given_name_id" in plan, plan
    # The keyset condition is where the scan starts (Index Cond), not a filter on every row.
    assert "Index Cond: (ROW(" in plan, plan
    assert "Sort" not in plan, plan


async def test_a_patients_notes_page_reads_the_notes_index_in_order(
    client: httpx.AsyncClient,
    app: FastAPI,
    clinician: TestUser,
    patient_with_notes: dict[str, Any],
) -> None:
    path = f"/patients/{patient_with_notes['id']}/notes?limit=5"

    plan = await _explain(client, app, clinician, path, "note")

    assert "ix_note_patient_id_taken_at_id" in plan, plan
    assert "Sort" not in plan, plan


async def test_the_next_page_of_notes_starts_inside_the_notes_index(
    client: httpx.AsyncClient,
    app: FastAPI,
    clinician: TestUser,
    patient_with_notes: dict[str, Any],
) -> None:
    path = f"/patients/{patient_with_notes['id']}/notes?limit=5"
    cursor = (await client.get(path, headers=clinician.headers)).json()["next_cursor"]

    plan = await _explain(client, app, clinician, f"{path}&cursor={quote(cursor)}", "note")

    assert "ix_note_patient_id_taken_at_id" in plan, plan
    assert "Index Cond: ((patient_id = " in plan, plan
    assert "ROW(" in plan, plan
    assert "Sort" not in plan, plan
