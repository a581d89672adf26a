"""Routes of the notes slice: upload, list, read, download, delete, and the patient's chart."""

import uuid
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Response, status

from carechart.auth.public import Reader, ReaderCaller, Writer, WriterCaller
from carechart.core.deps import CursorCodecDep, PagerDep, SessionDep, SessionMakerDep
from carechart.core.problems import raises
from carechart.core.validation import TEXT_PATTERN
from carechart.idempotency.public import Answer, IdempotencyDep
from carechart.notes import service
from carechart.notes.chart_schemas import Chart
from carechart.notes.dependencies import NoteProcessingDep, NoteQueryDep, NoteUploadDep
from carechart.notes.exceptions import (
    CorruptFile,
    DuplicateNote,
    EmptyNote,
    ImageTooLarge,
    MissingTakenAt,
    NoteNotFound,
    UnsupportedMediaType,
)
from carechart.notes.ingest.sniff import JPEG, MARKDOWN, PDF, PNG, TEXT, TIFF
from carechart.notes.models import NewNote, Note
from carechart.notes.nlp.schemas import NoteType
from carechart.notes.schemas import NoteCreate, NotePage, NoteRead, NoteSummary
from carechart.patients.public import PatientNotFound

router = APIRouter(prefix="/patients/{patient_id}/notes", tags=["notes"])

# What a download can be: the type judged from the content at upload.
STORED_MEDIA_TYPES = (TEXT, MARKDOWN, PDF, PNG, JPEG, TIFF)

# Schemas that only the hand-written request body below refers to (see main.create_app).
OPENAPI_EXTRA_MODELS = (NoteCreate, NoteType)

_UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/NoteCreate"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "additionalProperties": False,
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "Text, Markdown, PDF, PNG, JPEG or TIFF.",
                        },
                        "taken_at": {
                            "type": "string",
                            "description": "ISO 8601; when absent, the note's own encounter date.",
                        },
                        "note_type": {"$ref": "#/components/schemas/NoteType"},
                        "title": {"type": "string", "maxLength": 200, "pattern": TEXT_PATTERN},
                        "author": {"type": "string", "maxLength": 200, "pattern": TEXT_PATTERN},
                    },
                },
                # The types a file may be (judged from its content: a zip named .png is 415).
                "encoding": {"file": {"contentType": ", ".join(STORED_MEDIA_TYPES)}},
            },
        },
    }
}


def content_disposition(filename: str | None, note_id: uuid.UUID) -> str:
    """RFC 6266: an ASCII fallback plus the exact UTF-8 name (RFC 5987)."""
    name = filename or f"note-{note_id}"
    fallback = "".join(
        c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name
    )
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


@router.post(
    "",
    summary="Add a note (JSON, or a file: text, PDF, image)",
    status_code=status.HTTP_201_CREATED,
    response_model=NoteRead,
    openapi_extra=_UPLOAD_BODY,
    responses={201: {"headers": {"Location": {"schema": {"type": "string"}}}}},
)
@raises(
    PatientNotFound,
    DuplicateNote,
    UnsupportedMediaType,
    EmptyNote,
    CorruptFile,
    ImageTooLarge,
    MissingTakenAt,
)
async def add_note(
    patient_id: uuid.UUID,
    caller: WriterCaller,  # first: the user is checked before a file is read (note_upload)
    idempotency: IdempotencyDep,  # before the upload: a replay is answered without parsing it
    upload: NoteUploadDep,
    session: SessionDep,
    processing: NoteProcessingDep,
    response: Response,
) -> NoteRead:
    note: Note | NewNote
    if upload.source == "json" and idempotency.use is None:
        note = await service.add_note_at_once(
            caller=caller, patient_id=patient_id, upload=upload, processing=processing
        )
    else:  # the user was checked before the file or the key (note_upload, idempotency)
        note = await service.add_note(
            session=session,
            actor_id=caller.user_id,
            patient_id=patient_id,
            upload=upload,
            processing=processing,
            before_commit=idempotency.before_commit(_added),
        )
    response.headers["Location"] = service.note_url(patient_id, note.id)
    return NoteRead.model_validate(note)


def _added(note: Note) -> Answer:
    """The answer to an upload, as kept for a retry with the same Idempotency-Key."""
    headers = {
        "Location": service.note_url(note.patient_id, note.id),
        "Content-Type": "application/json",
    }
    return Answer(201, NoteRead.model_validate(note), headers, note.patient_id)


@router.get(
    "",
    summary="List, filter and search a patient's notes",
    response_model=NotePage,
)
@raises(PatientNotFound)
async def list_notes(
    patient_id: uuid.UUID,
    query: NoteQueryDep,
    caller: ReaderCaller,
    sessions: SessionMakerDep,
    codec: CursorCodecDep,
    pager: PagerDep,
) -> NotePage:
    if query.unfiltered:
        listing = await service.list_notes_at_once(
            caller=caller, patient_id=patient_id, codec=codec, query=query
        )
    else:
        await caller.check()
        async with sessions() as session:
            listing = await service.list_notes(
                session=session,
                actor_id=caller.user_id,
                patient_id=patient_id,
                codec=codec,
                query=query,
            )
    items = [NoteSummary.model_validate(n) for n in listing.items]
    return pager.page(NotePage, items, listing.next_cursor, listing.total)


@router.get(
    "/{note_id}",
    summary="Read a note with its text and derived data",
    response_model=NoteRead,
)
@raises(NoteNotFound)
async def read_note(
    patient_id: uuid.UUID, note_id: uuid.UUID, principal: Reader, session: SessionDep
) -> NoteRead:
    note = await service.read_note(
        session=session, actor_id=principal.user_id, patient_id=patient_id, note_id=note_id
    )
    return NoteRead.model_validate(note)


@router.get(
    "/{note_id}/file",
    summary="Download the note's original upload",
    response_class=Response,
    responses={
        200: {
            "description": "The bytes exactly as uploaded, with their media type and filename.",
            "content": {
                media_type: {"schema": {"type": "string", "format": "binary"}}
                for media_type in STORED_MEDIA_TYPES
            },
        },
    },
)
@raises(NoteNotFound)
async def download_note_file(
    patient_id: uuid.UUID, note_id: uuid.UUID, principal: Reader, session: SessionDep
) -> Response:
    note, data = await service.read_note_file(
        session=session, actor_id=principal.user_id, patient_id=patient_id, note_id=note_id
    )
    return Response(
        content=data,
        media_type=note.media_type,
        headers={"Content-Disposition": content_disposition(note.filename, note.id)},
    )


@router.delete(
    "/{note_id}",
    summary="Delete a note",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,  # no body, so no Content-Type (FastAPI would say JSON)
)
@raises(NoteNotFound)
async def delete_note(
    patient_id: uuid.UUID, note_id: uuid.UUID, principal: Writer, session: SessionDep
) -> None:
    await service.delete_note(
        session=session, actor_id=principal.user_id, patient_id=patient_id, note_id=note_id
    )


chart_router = APIRouter(prefix="/patients/{patient_id}", tags=["notes"])


@chart_router.get(
    "/chart",
    summary="The patient's chart: every note's structured data combined, each fact cited",
    response_model=Chart,
)
@raises(PatientNotFound)
async def read_chart(patient_id: uuid.UUID, principal: Reader, session: SessionDep) -> Chart:
    return await service.read_chart(
        session=session, actor_id=principal.user_id, patient_id=patient_id
    )
