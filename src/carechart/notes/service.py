"""Note use-cases: upload (JSON or file), list, read, download, delete, re-extract; each audited."""

import asyncio
import hashlib
import json
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from carechart.audit.public import Action, AuditRecord, audited, commit_with_event
from carechart.auth.public import Caller, record_failure, run_audited
from carechart.core.db import violated_constraint
from carechart.core.errors import AppError
from carechart.core.pagination import (
    Cursor,
    CursorCodec,
    Listing,
    Sortable,
    Sorting,
    SortOrder,
    fetch_page,
    parse_position,
    sort_text,
)
from carechart.notes import queries
from carechart.notes.analysis import (
    NoteProcessing,
    RawNote,
    analysed,
    read,
    read_and_analyse,
    refuse_unsupported,
)
from carechart.notes.chart import ChartNote, build_chart, parse_analysis
from carechart.notes.chart_schemas import Chart
from carechart.notes.exceptions import DuplicateNote, MissingTakenAt, NoteNotFound
from carechart.notes.ingest import ExtractedText
from carechart.notes.models import NewNote, Note, NoteFile
from carechart.notes.processing import Analysed, analyse_text
from carechart.patients.public import PatientNotFound, get_patient, lock_patient

RESOURCE = "note"
DEDUP_INDEX = "uq_note_patient_id_content_sha256"


def note_url(patient_id: uuid.UUID, note_id: uuid.UUID) -> str:
    return f"/patients/{patient_id}/notes/{note_id}"


@dataclass(frozen=True)
class NoteUpload:
    """One upload as the router received it, before any interpretation."""

    data: bytes
    source: str  # "json" or "file"
    filename: str | None = None
    declared_media_type: str | None = None
    text: str | None = None  # JSON notes arrive as text already
    taken_at: datetime | None = None
    note_type: str | None = None
    title: str | None = None
    author: str | None = None
    allow_duplicate: bool = False


def _taken_at(upload: NoteUpload, analysed: Analysed) -> datetime:
    if upload.taken_at is not None:
        return upload.taken_at
    if analysed.encounter_date is not None:
        return datetime.combine(analysed.encounter_date, time(0), tzinfo=UTC)
    if analysed.status != "complete":
        raise MissingTakenAt(f"{analysed.error}, so no encounter date was found in it")
    raise MissingTakenAt()


def _new_note(
    patient_id: uuid.UUID,
    actor_id: uuid.UUID,
    upload: NoteUpload,
    read: tuple[ExtractedText, Analysed],
    sha256: str,
) -> NewNote:
    extracted, analysed = read
    return NewNote(
        patient_id=patient_id,
        taken_at=_taken_at(upload, analysed),
        title=upload.title,
        author=upload.author or analysed.author,
        note_type=analysed.note_type,
        note_type_source=analysed.note_type_source,
        source=upload.source,
        **_reading(extracted),
        content_sha256=sha256,
        filename=upload.filename,
        declared_media_type=upload.declared_media_type,
        size_bytes=len(upload.data),
        derived=analysed.derived,
        extractor_version=analysed.extractor_version,
        analysis_status=analysed.status,
        analysis_error=analysed.error,
        created_by=actor_id,
    )


def _reading(extracted: ExtractedText) -> dict[str, Any]:
    """The note's columns from the text read and how it was read (kept so that a client can
    tell why a file has no text, or how far to trust OCR)."""
    return {
        "content": extracted.text,
        "has_text": extracted.has_text,
        "media_type": extracted.media_type,
        "extraction_method": extracted.method,
        "ocr_confidence": extracted.ocr_confidence,
        "text_encoding": extracted.encoding,
        "encoding_repaired": extracted.repaired,
        "page_count": extracted.pages,
        "no_text_reason": extracted.no_text_reason,
        "ingest_warnings": list(extracted.warnings),
    }


async def _existing_copy(
    session: AsyncSession, patient_id: uuid.UUID, sha256: str
) -> uuid.UUID | None:
    return await session.scalar(
        select(col(Note.id)).where(
            col(Note.patient_id) == patient_id,
            col(Note.content_sha256) == sha256,
            col(Note.duplicate_of).is_(None),
        )
    )


async def _duplicate(
    processing: NoteProcessing, upload: NoteUpload, patient_id: uuid.UUID, existing: uuid.UUID
) -> DuplicateNote:
    """The 409 of a copy, once its type is judged: a file of a refused type is a 415."""
    await refuse_unsupported(processing, _raw_note(upload))
    return DuplicateNote(note_url(patient_id, existing))


async def _refuse_early(
    session: AsyncSession,
    patient_id: uuid.UUID,
    upload: NoteUpload,
    sha256: str,
    processing: NoteProcessing,
) -> None:
    """404 or 409 before the upload is read (no OCR for a copy); the connection given back."""
    await get_patient(session=session, patient_id=patient_id)
    existing = None
    if not upload.allow_duplicate:
        existing = await _existing_copy(session, patient_id, sha256)
    # End the read: no connection is held while the workers judge, read and analyse the note.
    await session.rollback()
    if existing is not None:
        raise await _duplicate(processing, upload, patient_id, existing)


async def _insert(session: AsyncSession, note: Note, data: bytes, allow_duplicate: bool) -> None:
    # The patient row stays locked until commit: a concurrent delete waits for this note (and
    # then removes it with the patient), or went first and this answers 404.
    await lock_patient(session=session, patient_id=note.patient_id)
    existing = await _existing_copy(session, note.patient_id, note.content_sha256)
    if existing is not None:
        if not allow_duplicate:
            raise DuplicateNote(note_url(note.patient_id, existing))
        note.duplicate_of = existing
    try:
        async with session.begin_nested():
            session.add(note)
            await session.flush()
            session.add(NoteFile(note_id=note.id, data=data))
            await session.flush()
    except IntegrityError as exc:
        if violated_constraint(exc) != DEDUP_INDEX:
            raise
        # A concurrent upload of the same bytes won the race.
        existing = await _existing_copy(session, note.patient_id, note.content_sha256)
        raise DuplicateNote(note_url(note.patient_id, existing or note.id)) from exc


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# Below this, hashing (about 1.5 ms a megabyte) costs less than a hop to a worker thread.
_HASH_INLINE_BYTES = 256 * 1024


async def _content_hash(data: bytes) -> str:
    if len(data) < _HASH_INLINE_BYTES:
        return _sha256(data)
    # hashlib lets go of the GIL on large inputs: a thread is enough for 10 MB.
    return await asyncio.to_thread(_sha256, data)


async def add_note(
    *,
    session: AsyncSession,
    actor_id: uuid.UUID,
    patient_id: uuid.UUID,
    upload: NoteUpload,
    processing: NoteProcessing,
    before_commit: Callable[[Note], Awaitable[None]] | None = None,
) -> Note:
    """`before_commit` runs in the same transaction (the answer kept for an Idempotency-Key)."""
    record = AuditRecord(actor_id, Action.CREATE, RESOURCE, patient_ids=[patient_id])
    async with audited(session, record):
        sha256 = await _content_hash(upload.data)
        await _refuse_early(session, patient_id, upload, sha256, processing)
        read = await read_and_analyse(processing, _raw_note(upload))
        note = _new_note(patient_id, actor_id, upload, read, sha256).as_row()
        await _insert(session, note, upload.data, upload.allow_duplicate)
        record.resource_id = note.id
        record.details = {
            "source": upload.source,
            "has_text": note.has_text,
            "analysis": note.analysis_status,
        }
        if before_commit is not None:
            await before_commit(note)
    return note


def _refused(row: Any, patient_id: uuid.UUID) -> None:
    """The 404 or 409 of a note create statement (already recorded by it)."""
    if row.patient_found is None:
        raise PatientNotFound()
    if row.existing is not None:
        raise DuplicateNote(note_url(patient_id, row.existing))


def _note_arguments(note: NewNote, data: bytes) -> list[Any]:
    values = [getattr(note, name) for name in queries.NOTE_COLUMNS]
    values[queries.NOTE_COLUMNS.index("derived")] = json.dumps(note.derived)
    warnings = note.ingest_warnings
    values[queries.NOTE_COLUMNS.index("ingest_warnings")] = (
        None if warnings is None else json.dumps(warnings)
    )
    details = {"source": note.source, "has_text": note.has_text, "analysis": note.analysis_status}
    return [*values, data, json.dumps(details)]


async def _store(caller: Caller, note: NewNote, data: bytes, allow_duplicate: bool) -> None:
    """The write statement; a concurrent upload of the same bytes that won is a 409."""
    try:
        rows = await run_audited(
            caller,
            queries.CREATE,
            Action.CREATE,
            RESOURCE,
            note.patient_id,
            note.content_sha256,
            allow_duplicate,
            *_note_arguments(note, data),
            idempotent=False,
        )
    except IntegrityError as exc:
        if violated_constraint(exc) != DEDUP_INDEX:
            raise
        check = queries.CREATE_CHECK
        args = (note.patient_id, note.content_sha256, False)
        rows = await run_audited(caller, check, Action.CREATE, RESOURCE, *args, idempotent=False)
        _refused(rows[0], note.patient_id)  # recorded there; or, the copy gone since:
        await record_failure(
            caller, Action.CREATE, RESOURCE, DuplicateNote.slug, patient_ids=[note.patient_id]
        )
        raise DuplicateNote(note_url(note.patient_id, note.id)) from exc
    row = rows[0]
    if row.created is None:
        _refused(row, note.patient_id)
    note.duplicate_of = row.existing


async def add_note_at_once(
    *, caller: Caller, patient_id: uuid.UUID, upload: NoteUpload, processing: NoteProcessing
) -> NewNote:
    """`add_note` in two statements with the user check (notes/queries.py): the checks before
    the note is read and analysed, and the write with its event after."""
    sha256 = await _content_hash(upload.data)
    args = (patient_id, sha256, upload.allow_duplicate)
    check = queries.CREATE_CHECK
    # A JSON note is text, a type always taken: its copy is a 409 without judging its type.
    rows = await run_audited(caller, check, Action.CREATE, RESOURCE, *args, idempotent=False)
    _refused(rows[0], patient_id)
    try:
        read = await read_and_analyse(processing, _raw_note(upload))
        note = _new_note(patient_id, caller.user_id, upload, read, sha256)
    except AppError as exc:
        await record_failure(caller, Action.CREATE, RESOURCE, exc.slug, patient_ids=[patient_id])
        raise
    await _store(caller, note, upload.data, upload.allow_duplicate)
    return note


def _raw_note(upload: NoteUpload) -> RawNote:
    return RawNote(
        data=upload.data,
        text=upload.text,
        filename=upload.filename,
        declared_media_type=upload.declared_media_type,
        note_type=upload.note_type,
        taken_at=upload.taken_at.date() if upload.taken_at else None,
    )


async def _owned_note(session: AsyncSession, patient_id: uuid.UUID, note_id: uuid.UUID) -> Note:
    """The note, only when it belongs to this patient: never reachable through another's URL."""
    note = await session.scalar(
        select(Note).where(col(Note.id) == note_id, col(Note.patient_id) == patient_id)
    )
    if note is None:
        await get_patient(session=session, patient_id=patient_id)
        raise NoteNotFound()
    return note


async def read_note(
    *, session: AsyncSession, actor_id: uuid.UUID, patient_id: uuid.UUID, note_id: uuid.UUID
) -> Note:
    record = AuditRecord(actor_id, Action.READ, RESOURCE, note_id, [patient_id])
    async with audited(session, record):
        return await _owned_note(session, patient_id, note_id)


async def read_note_file(
    *, session: AsyncSession, actor_id: uuid.UUID, patient_id: uuid.UUID, note_id: uuid.UUID
) -> tuple[Note, bytes]:
    record = AuditRecord(actor_id, Action.DOWNLOAD, RESOURCE, note_id, [patient_id])
    async with audited(session, record):
        note = await _owned_note(session, patient_id, note_id)
        data = await session.scalar(
            select(col(NoteFile.data)).where(col(NoteFile.note_id) == note_id)
        )
    return note, data or b""


async def delete_note(
    *, session: AsyncSession, actor_id: uuid.UUID, patient_id: uuid.UUID, note_id: uuid.UUID
) -> None:
    record = AuditRecord(actor_id, Action.DELETE, RESOURCE, note_id, [patient_id])
    async with audited(session, record):
        note = await _owned_note(session, patient_id, note_id)
        await session.delete(note)
        await session.flush()


SORTING = Sorting(
    {
        "taken_at": Sortable(col(Note.taken_at), datetime.fromisoformat),
        "created_at": Sortable(col(Note.created_at), datetime.fromisoformat),
    },
    tiebreak=Sortable(col(Note.id), uuid.UUID),
    default="-taken_at",
    combined=False,
)


@dataclass(frozen=True)
class NoteQuery:
    limit: int
    cursor: str | None = None
    sort: SortOrder = SORTING.default
    note_type: str | None = None
    taken_after: datetime | None = None
    taken_before: datetime | None = None
    q: str | None = None
    include_total: bool = False

    def listing(self, patient_id: uuid.UUID) -> dict[str, Any]:
        return {
            "patient": patient_id,
            "sort": sort_text(self.sort),
            "type": self.note_type,
            "after": self.taken_after,
            "before": self.taken_before,
            "q": self.q,
        }

    @property
    def unfiltered(self) -> bool:
        """No filter, search or count: the one-statement listing (any of the four orders)."""
        return (
            self.note_type is None
            and self.taken_after is None
            and self.taken_before is None
            and not self.q
            and not self.include_total
        )


@dataclass(frozen=True)
class NoteListing:
    items: Sequence[Any]  # Note rows of the ORM, or of a one-statement read
    next_cursor: str | None
    total: int | None


def _note_filters(patient_id: uuid.UUID, query: NoteQuery) -> list[Any]:
    filters: list[Any] = [col(Note.patient_id) == patient_id]
    if query.note_type is not None:
        filters.append(col(Note.note_type) == query.note_type)
    if query.taken_after is not None:
        filters.append(col(Note.taken_at) >= query.taken_after)
    if query.taken_before is not None:
        filters.append(col(Note.taken_at) < query.taken_before)
    if query.q:
        filters.append(col(Note.search).op("@@")(func.websearch_to_tsquery("english", query.q)))
    return filters


async def list_notes(
    *,
    session: AsyncSession,
    actor_id: uuid.UUID,
    patient_id: uuid.UUID,
    codec: CursorCodec,
    query: NoteQuery,
) -> NoteListing:
    record = AuditRecord(actor_id, Action.LIST, RESOURCE, patient_ids=[patient_id])
    async with audited(session, record):
        await get_patient(session=session, patient_id=patient_id)
        filters = _note_filters(patient_id, query)
        keys = SORTING.sort_keys(query.sort)
        total = None
        if query.include_total:
            total = await session.scalar(select(func.count()).select_from(Note).where(*filters))
        page, next_cursor = await fetch_page(
            session,
            select(Note).where(*filters),
            keys=keys,
            limit=query.limit,
            cursor=query.cursor,
            listing=Listing(codec, RESOURCE, query.listing(patient_id)),
        )
        record.details = {"result_count": len(page)}
    return NoteListing(items=[row[0] for row in page], next_cursor=next_cursor, total=total)


async def list_notes_at_once(
    *, caller: Caller, patient_id: uuid.UUID, codec: CursorCodec, query: NoteQuery
) -> NoteListing:
    """`list_notes` without filters, in one statement with the user check (notes/queries.py);
    the same cursors."""
    parameters = query.listing(patient_id)
    first, later = queries.LISTINGS[sort_text(query.sort) or "-taken_at"]
    arguments: list[Any] = [patient_id, query.limit]
    if query.cursor is not None:
        position = codec.decode(query.cursor, scope=RESOURCE, filters=parameters)
        arguments += parse_position((datetime.fromisoformat, uuid.UUID), position.values)
    statement = first if query.cursor is None else later
    rows = await run_audited(caller, statement, Action.LIST, RESOURCE, *arguments, idempotent=True)
    if rows[0].patient_found is None:
        raise PatientNotFound()
    found = sorted((r for r in rows if r["id"] is not None), key=lambda r: r["n"])
    items = found[: query.limit]
    next_cursor = None
    if len(found) > query.limit:
        last = items[-1]
        values = [last[query.sort[0].name].isoformat(), str(last["id"])]
        next_cursor = codec.encode(Cursor(RESOURCE, parameters, values))
    return NoteListing(items=items, next_cursor=next_cursor, total=None)


async def patient_notes(*, session: AsyncSession, patient_id: uuid.UUID) -> list[Note]:
    """Every note of a patient, oldest first (for the chart and summaries; not audited here)."""
    result = await session.execute(
        select(Note)
        .where(col(Note.patient_id) == patient_id)
        .order_by(col(Note.taken_at), col(Note.id))
    )
    return list(result.scalars())


@dataclass(frozen=True, slots=True)
class _ChartSource:
    """What the chart reads of a stored note, copied on the event loop: the worker thread that
    builds the chart never touches an ORM row of the request's session."""

    id: uuid.UUID
    taken_at: datetime
    note_type: str
    title: str | None
    author: str | None
    has_text: bool
    # A note left unanalysed (past a time limit) has no derived data to read, on purpose.
    derived: dict[str, Any] | None


def _chart_source(note: Note) -> _ChartSource:
    complete = note.analysis_status == "complete"
    return _ChartSource(
        note.id,
        note.taken_at,
        note.note_type,
        note.title,
        note.author,
        note.has_text,
        note.derived if complete else None,
    )


def _chart_note(source: _ChartSource) -> ChartNote:
    return ChartNote(
        id=source.id,
        taken_at=source.taken_at,
        note_type=source.note_type,
        title=source.title,
        author=source.author,
        has_text=source.has_text,
        analysis=None if source.derived is None else parse_analysis(source.id, source.derived),
    )


def _build_chart(patient_id: uuid.UUID, sources: list[_ChartSource], today: date) -> Chart:
    return build_chart(patient_id, [_chart_note(s) for s in sources], today=today)


async def chart_of(patient_id: uuid.UUID, notes: Sequence[Note]) -> Chart:
    """The chart built from notes already loaded (summaries need both, and read them once).

    Validating every note's derived data and merging them is CPU work that grows with the
    patient's record, so it runs in a worker thread (as the FHIR bundle's parsing does): the
    event loop keeps its turns at the interpreter's switch interval and serves other requests
    meanwhile, instead of waiting for the whole chart. Not the process pool: its workers are
    sized for analysis, and every note's derived data would be pickled there and back.
    """
    sources = [_chart_source(n) for n in notes]
    today = datetime.now(UTC).date()
    return await asyncio.to_thread(_build_chart, patient_id, sources, today)


async def patient_chart(*, session: AsyncSession, patient_id: uuid.UUID) -> Chart:
    """The chart of a patient known to exist (not audited here)."""
    notes = await patient_notes(session=session, patient_id=patient_id)
    return await chart_of(patient_id, notes)


async def read_chart(*, session: AsyncSession, actor_id: uuid.UUID, patient_id: uuid.UUID) -> Chart:
    record = AuditRecord(actor_id, Action.READ, "chart", patient_id, [patient_id])
    async with audited(session, record):
        await get_patient(session=session, patient_id=patient_id)
        return await patient_chart(session=session, patient_id=patient_id)


async def _reread(session: AsyncSession, note: Note, processing: NoteProcessing) -> Analysed | None:
    """Read the text again from the original when it could not be read at upload."""
    data = await session.scalar(select(col(NoteFile.data)).where(col(NoteFile.note_id) == note.id))
    if data is None:
        return None
    raw = RawNote(
        data=data,
        text=data.decode("utf-8", errors="replace") if note.source == "json" else None,
        filename=note.filename,
        declared_media_type=note.declared_media_type,
    )
    try:
        text = await read(processing, raw)
    except AppError:
        return None  # unreadable now as then: keep the note as it is
    if isinstance(text, Analysed):
        return text
    note.sqlmodel_update(_reading(text))
    return None


async def reanalyse_note(session: AsyncSession, note: Note, processing: NoteProcessing) -> None:
    """Recompute a note's derived data from its text (and its text first, if it has none).

    A type the client chose stays. Past a limit the note is marked again with the reason.
    """
    client_type = note.note_type if note.note_type_source == "client" else None
    failed = None
    if not note.has_text and note.analysis_status != "complete":
        failed = await _reread(session, note, processing)
    if failed is not None:
        result = failed
    elif note.has_text:
        result = await analysed(processing, note.content, client_type, note.taken_at.date())
    else:
        result = analyse_text("", client_type, None, processing.status_model)
    note.derived = result.derived
    note.note_type, note.note_type_source = result.note_type, result.note_type_source
    note.extractor_version = result.extractor_version
    note.analysis_status, note.analysis_error = result.status, result.error
    note.author = note.author or result.author


async def reextract_notes(
    *, session: AsyncSession, processing: NoteProcessing, batch_size: int = 50, force: bool = False
) -> int:
    """Recompute the derived data of every note not analysed by this extractor (or all, with force).

    That includes notes left unanalysed at upload (past a time limit): their text is read again
    from the original when it was not read. Others keep their stored text (no OCR again).
    Returns how many notes were processed; commits batch by batch.
    """
    changed = 0
    after = uuid.UUID(int=0)
    while True:
        stmt = select(Note).where(col(Note.id) > after).order_by(col(Note.id)).limit(batch_size)
        if not force:
            stmt = stmt.where(col(Note.extractor_version) != processing.extractor_version)
        notes = list((await session.execute(stmt)).scalars())
        if not notes:
            break
        for note in notes:
            await reanalyse_note(session, note, processing)
        changed += len(notes)
        after = notes[-1].id
        record = AuditRecord(None, Action.UPDATE, "note_extraction", details={"notes": len(notes)})
        await commit_with_event(session, record)
    return changed


@dataclass(frozen=True)
class NoteFingerprint:
    """What identifies a note's content for caching, without loading its text."""

    id: uuid.UUID
    taken_at: datetime
    note_type: str
    content_sha256: str
    extractor_version: str
    updated_at: datetime


async def note_fingerprints(
    *, session: AsyncSession, patient_id: uuid.UUID
) -> list[NoteFingerprint]:
    """The patient's notes as fingerprints, oldest first (cheap: no text, no derived data)."""
    result = await session.execute(
        select(
            col(Note.id),
            col(Note.taken_at),
            col(Note.note_type),
            col(Note.content_sha256),
            col(Note.extractor_version),
            col(Note.updated_at),
        )
        .where(col(Note.patient_id) == patient_id)
        .order_by(col(Note.taken_at), col(Note.id))
    )
    return [NoteFingerprint(*row) for row in result.all()]
