"""The benchmarked process: Carechart's app plus bare `/_ceiling/...` endpoints, for comparison.

`uvicorn bench.app:create_bench_app --factory`. The ceiling endpoints answer the same requests
as the product's routes with the same SQL sent straight through an asyncpg pool: no dependency
injection, no token check, no ORM, no audit event, no Pydantic, JSON from `json.dumps`. They
run in the same process, event loop, uvicorn and middleware stack (request id, security
headers, body limit, metrics) as the product, so the ratio product / ceiling is what the
application layer costs on this hardware. They are never part of the product app.
"""

import hashlib
import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from typing import Any

import asyncpg
from fastapi import FastAPI
from sqlalchemy.engine import make_url
from starlette.requests import Request
from starlette.responses import Response

from carechart.core.config import get_settings
from carechart.main import create_app
from carechart.notes.analysis import NoteProcessing, RawNote, read_and_analyse
from carechart.patients.queries import search_work
from carechart.patients.schemas import age_on

PATIENT_COLUMNS = (
    "id, mrn, given_name, family_name, date_of_birth, sex, version, created_at, updated_at"
)
PAGE = 20

SQL_PATIENT = f"SELECT {PATIENT_COLUMNS} FROM patient WHERE id = $1"
SQL_FIRST_PAGE = (
    f"SELECT {PATIENT_COLUMNS} FROM patient ORDER BY family_name, given_name, id LIMIT $1"
)
SQL_AFTER = (
    f"SELECT {PATIENT_COLUMNS} FROM patient WHERE (family_name, given_name, id) > ($1, $2, $3) "
    "ORDER BY family_name, given_name, id LIMIT $4"
)
# The product's fuzzy search (patients/queries.py SEARCH) without the user check and the audit
# event: the nearest name tokens of each word, the units they make, at most a page and one of
# patients per unit, ranked. $1 the text, $2 the page size, $3 and $4 the last rank and id.
SQL_SEARCH = (
    "WITH allowed AS (SELECT 1), "
    + search_work(q="$1", limit="$2", rank="$3", id="$4")
    + " SELECT * FROM found ORDER BY n"
)


async def fetch_search(conn: asyncpg.Connection, *args: Any) -> list[asyncpg.Record]:
    """SQL_SEARCH on its generic plan, sent as the product sends it (core/db._fetch_generic):
    in a transaction of its own that sets plan_cache_mode for it alone."""
    await conn.execute("BEGIN; SET LOCAL plan_cache_mode = force_generic_plan")
    rows: list[asyncpg.Record] = await conn.fetch(SQL_SEARCH, *args)
    await conn.execute("COMMIT")  # on an error, asyncpg's pool rolls back on release
    return rows


SQL_CREATE_PATIENT = (
    "INSERT INTO patient (id, mrn, given_name, family_name, date_of_birth, sex) "
    "VALUES ($1, 'CC-' || lpad(nextval('patient_mrn_seq')::text, 8, '0'), $2, $3, $4, $5) "
    f"RETURNING {PATIENT_COLUMNS}"
)
NOTE_COLUMNS = (
    "id, patient_id, taken_at, title, author, note_type, note_type_source, source, has_text, "
    "extraction_method, ocr_confidence, duplicate_of, created_at, created_by, filename, "
    "declared_media_type, media_type, size_bytes, content_sha256"
)
SQL_NOTES = (
    f"SELECT {NOTE_COLUMNS}, derived -> 'note_type' AS classified FROM note "
    "WHERE patient_id = $1 ORDER BY taken_at DESC, id DESC LIMIT $2"
)
SQL_CREATE_NOTE = (
    "INSERT INTO note (id, patient_id, taken_at, title, author, note_type, note_type_source, "
    "content, has_text, source, media_type, extraction_method, content_sha256, "
    "declared_media_type, size_bytes, derived, extractor_version) VALUES ($1, $2, $3, $4, $5, "
    "'other', 'classifier', $6, true, 'json', 'text/plain', 'text', $7, "
    "'text/plain; charset=utf-8', $8, '{}', 'ceiling') "
    f"RETURNING {NOTE_COLUMNS}, NULL::jsonb AS classified"
)
# The same insert with the note's analysis: its type and derived data ($9, $10, $11).
SQL_CREATE_ANALYSED_NOTE = (
    SQL_CREATE_NOTE.replace("'other', 'classifier'", "$9, 'classifier'")
    .replace("$8, '{}', 'ceiling'", "$8, $10::jsonb, $11")
    .replace("NULL::jsonb AS classified", "derived -> 'note_type' AS classified")
)
SQL_CREATE_FILE = "INSERT INTO note_file (note_id, data) VALUES ($1, $2)"
SQL_SUMMARY = (
    "SELECT s.id, s.patient_id, s.body::text AS body, s.options::text AS options, "
    "s.generated_at, s.provider, s.model, s.prompt_version, s.input_hash, s.prompt_tokens, "
    "s.completion_tokens, s.model_calls, p.given_name, p.family_name, p.mrn, p.date_of_birth, "
    "p.sex FROM summary s JOIN patient p ON p.id = s.patient_id "
    "WHERE s.patient_id = $1 AND s.options_key = $2 ORDER BY s.generated_at DESC LIMIT 1"
)
DEFAULT_OPTIONS_KEY = "clinician|standard|"


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _json(body: Any, status: int = 200) -> Response:
    return Response(
        json.dumps(body, default=_plain, separators=(",", ":")),
        status_code=status,
        media_type="application/json",
    )


def _patient(row: asyncpg.Record) -> dict[str, Any]:
    today = datetime.now(UTC).date()
    body = {k: row[k] for k in PATIENT_COLUMNS.split(", ")}
    body["name"] = f"{row['given_name']} {row['family_name']}"
    body["age"] = age_on(row["date_of_birth"], today)
    return body


def _note(row: asyncpg.Record) -> dict[str, Any]:
    classified = json.loads(row["classified"]) if row["classified"] else {}
    url = f"/patients/{row['patient_id']}/notes/{row['id']}"
    return {
        **{k: row[k] for k in ("id", "patient_id", "taken_at", "title", "author", "source")},
        "note_type": {
            "value": row["note_type"],
            "source": row["note_type_source"],
            "confidence": classified.get("confidence", 1.0),
            "cues": classified.get("cues", []),
        },
        **{k: row[k] for k in ("has_text", "extraction_method", "ocr_confidence", "duplicate_of")},
        "created_at": row["created_at"],
        "created_by": row["created_by"],
        "file": {
            "filename": row["filename"],
            "declared_media_type": row["declared_media_type"],
            "media_type": row["media_type"],
            "size_bytes": row["size_bytes"],
            "sha256": row["content_sha256"],
        },
        "url": url,
        "file_url": f"{url}/file",
    }


def _pool(request: Request) -> asyncpg.Pool:
    pool: asyncpg.Pool = request.app.state.ceiling_pool
    return pool


def _page(items: list[dict[str, Any]], limit: int) -> Response:
    return _json(
        {"items": items[:limit], "next_cursor": None, "has_more": len(items) > limit, "total": None}
    )


async def ceiling_patient(request: Request) -> Response:
    row = await _pool(request).fetchrow(SQL_PATIENT, uuid.UUID(request.path_params["id"]))
    if row is None:
        return _json({"status": 404}, 404)
    return _json(_patient(row))


async def ceiling_patients(request: Request) -> Response:
    """First page, a page after (family, given, id) keys, or a fuzzy search by `q`."""
    params = request.query_params
    pool = _pool(request)
    if "q" in params:
        async with pool.acquire() as conn:
            rows = await fetch_search(conn, params["q"], PAGE, None, None)
    elif "after_id" in params:
        keys = (params["after_family"], params["after_given"], uuid.UUID(params["after_id"]))
        rows = await pool.fetch(SQL_AFTER, *keys, PAGE + 1)
    else:
        rows = await pool.fetch(SQL_FIRST_PAGE, PAGE + 1)
    return _page([_patient(r) for r in rows], PAGE)


async def ceiling_create_patient(request: Request) -> Response:
    body = json.loads(await request.body())
    row = await _pool(request).fetchrow(
        SQL_CREATE_PATIENT,
        uuid.uuid4(),
        body["given_name"],
        body["family_name"],
        date.fromisoformat(body["date_of_birth"]),
        body.get("sex"),
    )
    assert row is not None
    return _json(_patient(row), 201)


async def ceiling_notes(request: Request) -> Response:
    patient_id = uuid.UUID(request.path_params["id"])
    rows = await _pool(request).fetch(SQL_NOTES, patient_id, PAGE + 1)
    return _page([_note(r) for r in rows], PAGE)


async def ceiling_create_note(request: Request) -> Response:
    body = json.loads(await request.body())
    data = body["content"].encode()
    note_id = uuid.uuid4()
    async with _pool(request).acquire() as conn, conn.transaction():
        row = await conn.fetchrow(
            SQL_CREATE_NOTE,
            note_id,
            uuid.UUID(request.path_params["id"]),
            datetime.fromisoformat(body["taken_at"]),
            body.get("title"),
            body.get("author"),
            body["content"],
            hashlib.sha256(data).hexdigest(),
            len(data),
        )
        await conn.execute(SQL_CREATE_FILE, note_id, data)
    assert row is not None
    return _json(_note(row), 201)


async def ceiling_create_analysed_note(request: Request) -> Response:
    """The raw insert plus the clinical analysis the product runs for a JSON note (read and
    analysed in the app's worker processes, as `read_and_analyse` does it): the reference
    that leaves the framework's cost apart from the clinical work's."""
    body = json.loads(await request.body())
    data = body["content"].encode()
    taken_at = datetime.fromisoformat(body["taken_at"])
    processing = NoteProcessing.configured(get_settings(), request.app.state.cpu_pool)
    raw = RawNote(data=data, text=body["content"], taken_at=taken_at.date())
    _, analysed = await read_and_analyse(processing, raw)
    note_id = uuid.uuid4()
    async with _pool(request).acquire() as conn, conn.transaction():
        row = await conn.fetchrow(
            SQL_CREATE_ANALYSED_NOTE,
            note_id,
            uuid.UUID(request.path_params["id"]),
            taken_at,
            body.get("title"),
            body.get("author"),
            body["content"],
            hashlib.sha256(data).hexdigest(),
            len(data),
            analysed.note_type,
            json.dumps(analysed.derived),
            analysed.extractor_version,
        )
        await conn.execute(SQL_CREATE_FILE, note_id, data)
    assert row is not None
    return _json(_note(row), 201)


async def ceiling_summary(request: Request) -> Response:
    patient_id = uuid.UUID(request.path_params["id"])
    row = await _pool(request).fetchrow(SQL_SUMMARY, patient_id, DEFAULT_OPTIONS_KEY)
    if row is None:
        return _json({"status": 404}, 404)
    body = json.loads(row["body"])
    today = datetime.now(UTC).date()
    return _json(
        {
            "id": row["id"],
            "patient_id": row["patient_id"],
            "heading": {
                "name": f"{row['given_name']} {row['family_name']}",
                "mrn": row["mrn"],
                "date_of_birth": row["date_of_birth"],
                "age": age_on(row["date_of_birth"], today),
                "sex": row["sex"],
            },
            **body,
            "options": json.loads(row["options"]),
            **{
                k: row[k]
                for k in ("generated_at", "provider", "model", "prompt_version", "input_hash")
            },
            "stale": False,
            "usage": {
                "prompt_tokens": row["prompt_tokens"],
                "completion_tokens": row["completion_tokens"],
                "total_tokens": row["prompt_tokens"] + row["completion_tokens"],
                "model_calls": row["model_calls"],
            },
        }
    )


async def ceiling_health(_request: Request) -> Response:
    return _json({"status": "ok"})


CEILING_ROUTES = (
    ("/_ceiling/health", ceiling_health, ["GET"]),
    ("/_ceiling/patients", ceiling_patients, ["GET"]),
    ("/_ceiling/patients", ceiling_create_patient, ["POST"]),
    ("/_ceiling/patients/{id}", ceiling_patient, ["GET"]),
    ("/_ceiling/patients/{id}/notes", ceiling_notes, ["GET"]),
    ("/_ceiling/patients/{id}/notes", ceiling_create_note, ["POST"]),
    ("/_ceiling/patients/{id}/analysed-notes", ceiling_create_analysed_note, ["POST"]),
    ("/_ceiling/patients/{id}/summary", ceiling_summary, ["GET"]),
)


def asyncpg_dsn(url: str) -> dict[str, Any]:
    parsed = make_url(url)
    return {
        "host": parsed.host,
        "port": parsed.port,
        "user": parsed.username,
        "password": parsed.password,
        "database": parsed.database,
    }


def create_bench_app() -> FastAPI:
    """The product app, unchanged, with the ceiling routes and their own asyncpg pool."""
    app = create_app()
    settings = get_settings()
    product_lifespan = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(application: FastAPI) -> AsyncIterator[Any]:
        async with product_lifespan(application) as state:
            # As many connections as the product's pool may open.
            size = settings.database_pool_size
            pool = await asyncpg.create_pool(
                **asyncpg_dsn(settings.database_url), min_size=2, max_size=size
            )
            application.state.ceiling_pool = pool
            try:
                yield state
            finally:
                await pool.close()

    app.router.lifespan_context = lifespan
    for path, endpoint, methods in CEILING_ROUTES:
        app.add_route(path, endpoint, methods=methods, include_in_schema=False)
    return app
