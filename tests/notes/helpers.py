"""Helpers of the notes API tests: adding notes as JSON or as files, counting what is stored."""

import io
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import text

from tests.conftest import TestUser


async def upload_file(
    client: httpx.AsyncClient,
    user: TestUser,
    patient_id: str,
    data: bytes,
    filename: str = "note.txt",
    media_type: str = "text/plain",
    params: dict[str, str] | None = None,
    **fields: str,
) -> httpx.Response:
    """POST a note as a multipart upload: the file part and the other form fields."""
    return await client.post(
        f"/patients/{patient_id}/notes",
        files={"file": (filename, io.BytesIO(data), media_type)},
        data=fields,
        params=params,
        headers=user.headers,
    )


async def add_note(
    client: httpx.AsyncClient,
    user: TestUser,
    patient_id: str,
    taken_at: str,
    content: str,
    **extra: Any,
) -> dict[str, Any]:
    """Add a JSON note that must be accepted; the stored note."""
    response = await client.post(
        f"/patients/{patient_id}/notes",
        json={"taken_at": taken_at, "content": content, **extra},
        headers=user.headers,
    )
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def note_count(app: FastAPI) -> int:
    async with app.state.engine.connect() as conn:
        return int((await conn.execute(text("SELECT count(*) FROM note"))).scalar_one())
