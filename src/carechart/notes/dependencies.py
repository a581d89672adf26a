"""Request dependencies of the notes slice: the two ways a note arrives, and list parameters."""

from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import TypeAdapter, ValidationError
from starlette.datastructures import FormData, UploadFile

from carechart.core.context import current_request
from carechart.core.deps import SettingsDep
from carechart.core.limits import ContentTooLarge
from carechart.core.offload import PoolBusy
from carechart.core.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, InvalidCursor
from carechart.core.problems import BODY_UNREADABLE, UNKNOWN_FIELD, raises, safe_message
from carechart.core.query import CursorParam, search_text, sort_order
from carechart.core.validation import NO_NUL_PATTERN, IsoDateTime, Label, clean_file_name
from carechart.notes.analysis import NoteProcessing
from carechart.notes.exceptions import UnsupportedUpload
from carechart.notes.nlp.schemas import NoteType
from carechart.notes.schemas import NoteCreate, TakenAt
from carechart.notes.service import SORTING, NoteQuery, NoteUpload

_TAKEN_AT: TypeAdapter[datetime] = TypeAdapter(TakenAt)
_NOTE_TYPE: TypeAdapter[NoteType] = TypeAdapter(NoteType)
_LABEL: TypeAdapter[str] = TypeAdapter(Label)
FORM_FIELDS = {"file", "taken_at", "note_type", "title", "author"}


def _invalid(errors: Sequence[Any], prefix: tuple[str, ...]) -> RequestValidationError:
    # Keep only what is safe to show: location, message, type (never the input, which is PHI);
    # an unknown key in `loc` is counted, not named, by the problem handler.
    return RequestValidationError(
        [{"loc": (*prefix, *e["loc"]), "msg": safe_message(e), "type": e["type"]} for e in errors]
    )


def _from_json(raw: bytes, allow_duplicate: bool) -> NoteUpload:
    try:
        body = NoteCreate.model_validate_json(raw)
    except ValidationError as exc:
        raise _invalid(exc.errors(), ("body",)) from exc
    return NoteUpload(
        data=body.content.encode("utf-8"),
        source="json",
        declared_media_type="text/plain; charset=utf-8",
        text=body.content,
        taken_at=body.taken_at,
        note_type=body.note_type.value if body.note_type else None,
        title=body.title,
        author=body.author,
        allow_duplicate=allow_duplicate,
    )


def _form_value(form: FormData, name: str, adapter: TypeAdapter[Any]) -> Any:
    value = form.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise _invalid(
            [{"loc": (name,), "msg": "must be a form field", "type": "value_error"}], ("body",)
        )
    try:
        return adapter.validate_python(value.strip())
    except ValidationError as exc:
        raise _invalid([{**e, "loc": (name,)} for e in exc.errors()], ("body",)) from exc


# The columns that keep them (note.filename, note.declared_media_type).
MAX_FILE_NAME = 255
MAX_MEDIA_TYPE = 255


def _file_part_text(value: str | None, field: str, max_length: int) -> str | None:
    """The file part's name or type, as sent, or a 422 when it cannot be stored or shown."""
    if not value:
        return None
    try:
        return clean_file_name(value, max_length)
    except ValueError as exc:
        error = {"loc": ("file", field), "msg": str(exc), "type": "value_error"}
        raise _invalid([error], ("body",)) from exc


async def _from_form(form: FormData, limit: int, allow_duplicate: bool) -> NoteUpload:
    unknown = set(form.keys()) - FORM_FIELDS
    if unknown:
        errors = [
            {"loc": (k,), "msg": "unknown field", "type": UNKNOWN_FIELD} for k in sorted(unknown)
        ]
        raise _invalid(errors, ("body",))
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise _invalid(
            [{"loc": ("file",), "msg": "a file part is required", "type": "missing"}], ("body",)
        )
    filename = _file_part_text(upload.filename, "filename", MAX_FILE_NAME)
    declared = _file_part_text(upload.content_type, "content_type", MAX_MEDIA_TYPE)
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise ContentTooLarge(limit)
    note_type = _form_value(form, "note_type", _NOTE_TYPE)
    return NoteUpload(
        data=data,
        source="file",
        filename=filename,
        declared_media_type=declared,
        taken_at=_form_value(form, "taken_at", _TAKEN_AT),
        note_type=note_type.value if note_type else None,
        title=_form_value(form, "title", _LABEL),
        author=_form_value(form, "author", _LABEL),
        allow_duplicate=allow_duplicate,
    )


# request.form answers a malformed multipart body with a 400 of its own (BODY_UNREADABLE).
@raises(UnsupportedUpload, ContentTooLarge, BODY_UNREADABLE)
async def note_upload(
    request: Request,
    settings: SettingsDep,
    allow_duplicate: Annotated[
        bool, Query(description="Store the same bytes again for this patient instead of 409.")
    ] = False,
) -> NoteUpload:
    """A note from a JSON body or a multipart form with a `file` part."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    limit = settings.max_upload_bytes
    if content_type == "application/json":
        return _from_json(await request.body(), allow_duplicate)
    # Not the one-statement path: the user is checked now, so that a refused caller's file is
    # never read or parsed (a JSON note is checked by its statement, or before its 422).
    ctx = current_request()
    if ctx is not None:
        await ctx.settle_pending_check()
    if content_type == "multipart/form-data":
        async with request.form(
            max_files=1, max_fields=len(FORM_FIELDS), max_part_size=64 * 1024
        ) as form:
            return await _from_form(form, limit, allow_duplicate)
    raise UnsupportedUpload(
        "Send the note as application/json or as multipart/form-data with a file part"
    )


_SORT_HELP = "`-taken_at` (default, newest first), `taken_at`, `-created_at` or `created_at`."


# One dependency for the eight parameters, not one per concern (paging, sort, filters): each
# dependency is one more for FastAPI to solve on every request, and the list is a hot path.
# Parameters in this order: the OpenAPI document lists them as they come.
@raises(InvalidCursor)  # decoded by the service: a cursor of another listing is refused
async def note_query(
    limit: Annotated[
        int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"Page size (1-{MAX_PAGE_SIZE}).")
    ] = DEFAULT_PAGE_SIZE,
    cursor: CursorParam = None,
    sort: Annotated[
        str, Query(description=_SORT_HELP, json_schema_extra={"enum": SORTING.choices})
    ] = str(SORTING.default[0]),
    note_type: NoteType | None = None,
    taken_after: Annotated[IsoDateTime | None, Query(description="Taken at or after.")] = None,
    taken_before: Annotated[IsoDateTime | None, Query(description="Taken before.")] = None,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=200,
            description="Full-text search in the note's text.",
            json_schema_extra={"pattern": NO_NUL_PATTERN},
        ),
    ] = None,
    include_total: bool = False,
) -> NoteQuery:
    return NoteQuery(
        limit=limit,
        cursor=cursor,
        sort=sort_order(SORTING, sort),
        note_type=note_type.value if note_type else None,
        taken_after=taken_after,
        taken_before=taken_before,
        q=search_text(q),
        include_total=include_total,
    )


@raises(PoolBusy)  # reading and analysing the note run in a bounded pool
async def note_processing(request: Request, settings: SettingsDep) -> NoteProcessing:
    """The app's worker processes, with the time limits of reading and analysing a note."""
    return NoteProcessing.configured(settings, request.app.state.cpu_pool)


NoteUploadDep = Annotated[NoteUpload, Depends(note_upload)]
NoteProcessingDep = Annotated[NoteProcessing, Depends(note_processing)]
NoteQueryDep = Annotated[NoteQuery, Depends(note_query)]
