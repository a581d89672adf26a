"""Import use-case: a transaction (all or nothing) or batch (entry by entry) Bundle.

Patients are created or updated through the patients service, matched on the MRN; notes go
through the notes service, the same pipeline as uploads. A transaction runs those services on
one connection inside one database transaction: each service's commit only releases a
savepoint, and any failure rolls everything back.
"""

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from carechart.audit.public import Action, AuditRecord, audited
from carechart.core.errors import AppError
from carechart.core.pagination import CursorCodec
from carechart.fhir.bundle import DocumentEntry, ImportBundle, InvalidEntry, PatientEntry
from carechart.fhir.exceptions import InvalidResource
from carechart.fhir.mappers import instant, reference_id
from carechart.fhir.outcome import issue, operation_outcome
from carechart.notes import public as notes
from carechart.notes.public import DuplicateNote, NoteProcessing
from carechart.patients import public as patients
from carechart.patients.public import PatientCreate, PatientPatch, PatientRecord


@dataclass
class EntryResult:
    """What became of one entry: its HTTP status, where the resource is, and any issues."""

    status: int
    resource_type: str | None = None
    resource_id: uuid.UUID | None = None
    version: int | None = None
    issues: list[dict[str, Any]] = field(default_factory=list)

    def response(self) -> dict[str, Any]:
        status = f"{self.status} {HTTPStatus(self.status).phrase}"
        answer: dict[str, Any] = {"status": status}
        if self.resource_id is not None:
            location = f"{self.resource_type}/{self.resource_id}"
            if self.version is not None:
                location += f"/_history/{self.version}"
                answer["etag"] = f'W/"{self.version}"'
            answer["location"] = location
        if self.issues:
            answer["outcome"] = operation_outcome(self.issues)
        return answer


@dataclass(frozen=True)
class Importer:
    actor_id: uuid.UUID
    codec: CursorCodec
    processing: NoteProcessing


def _changes(existing: PatientRecord, data: PatientCreate) -> dict[str, Any]:
    """The fields an import changes: a Patient resource is the whole record (PUT semantics)."""
    wanted = data.model_dump(mode="python")
    current = {
        "mrn": existing.mrn,
        "given_name": existing.given_name,
        "family_name": existing.family_name,
        "date_of_birth": existing.date_of_birth,
        "sex": existing.sex,
    }
    return {
        k: v for k, v in wanted.items() if (v.value if hasattr(v, "value") else v) != current[k]
    }


async def _put_patient(
    session: AsyncSession, importer: Importer, entry: PatientEntry
) -> EntryResult:
    found = await patients.find_patients(
        session=session,
        actor_id=importer.actor_id,
        codec=importer.codec,
        query=patients.PatientQuery(limit=1, mrn=entry.data.mrn),
    )
    ignored = [
        issue("informational", f"not stored: {name}", severity="information")
        for name in entry.ignored
    ]
    if not found.items:
        created = await patients.create_patient(
            session=session, actor_id=importer.actor_id, data=entry.data
        )
        return EntryResult(201, "Patient", created.id, created.version, ignored)
    existing = found.items[0]
    patient_id, version = existing.id, existing.version
    changes = _changes(existing, entry.data)
    if changes:
        updated = await patients.update_patient(
            session=session,
            actor_id=importer.actor_id,
            patient_id=patient_id,
            data=PatientPatch.model_validate(changes),
        )
        version = updated.version
    return EntryResult(200, "Patient", patient_id, version, ignored)


def _subject_id(entry: DocumentEntry, patients_by_url: dict[str, uuid.UUID]) -> uuid.UUID | None:
    if entry.subject.startswith("urn:uuid:"):
        return patients_by_url.get(entry.subject)
    return reference_id(entry.subject, "Patient")


async def _add_note(
    session: AsyncSession, importer: Importer, entry: DocumentEntry, patient_id: uuid.UUID
) -> EntryResult:
    upload = notes.NoteUpload(
        data=entry.data,
        source="file",
        declared_media_type=entry.media_type,
        taken_at=entry.taken_at,
        title=entry.title,
        author=entry.author,
    )
    try:
        note = await notes.add_note(
            session=session,
            actor_id=importer.actor_id,
            patient_id=patient_id,
            upload=upload,
            processing=importer.processing,
        )
    except DuplicateNote as exc:
        # The same bytes for the same patient: that note already is this document.
        existing = uuid.UUID(str(exc.extra["existing_note"]).rstrip("/").rsplit("/", 1)[-1])
        return EntryResult(200, "DocumentReference", existing)
    return EntryResult(201, "DocumentReference", note.id)


def _failed(exc: AppError, index: int) -> EntryResult:
    where = [f"Bundle.entry[{index}]"]
    return EntryResult(exc.status, issues=[issue(_code(exc.status), exc.detail, expression=where)])


def _code(status: int) -> str:
    return {404: "not-found", 409: "conflict", 415: "not-supported"}.get(status, "processing")


async def _run(
    session: AsyncSession, importer: Importer, bundle: ImportBundle, *, atomic: bool
) -> dict[int, EntryResult]:
    """Patients first (documents may refer to them), then documents; results by entry index."""
    results: dict[int, EntryResult] = {}
    patients_by_url: dict[str, uuid.UUID] = {}
    ordered = sorted(bundle.entries, key=lambda e: not isinstance(e, PatientEntry))
    for entry in ordered:
        if isinstance(entry, InvalidEntry):
            results[entry.index] = EntryResult(400, issues=entry.issues)
            continue
        try:
            result = await _apply(session, importer, entry, patients_by_url)
        except AppError as exc:
            if atomic:
                exc.extra["fhir_issues"] = _failed(exc, entry.index).issues
                raise
            result = _failed(exc, entry.index)
        results[entry.index] = result
        if isinstance(entry, PatientEntry) and entry.full_url and result.resource_id:
            patients_by_url[entry.full_url] = result.resource_id
    return results


async def _apply(
    session: AsyncSession,
    importer: Importer,
    entry: PatientEntry | DocumentEntry,
    patients_by_url: dict[str, uuid.UUID],
) -> EntryResult:
    if isinstance(entry, PatientEntry):
        return await _put_patient(session, importer, entry)
    patient_id = _subject_id(entry, patients_by_url)
    if patient_id is None:
        return _failed(InvalidResource([], "Its subject Patient entry was not stored"), entry.index)
    return await _add_note(session, importer, entry, patient_id)


async def _in_one_transaction(
    engine: AsyncEngine, importer: Importer, bundle: ImportBundle
) -> dict[int, EntryResult]:
    async with engine.connect() as connection:
        outer = await connection.begin()
        session = AsyncSession(
            bind=connection,
            join_transaction_mode="create_savepoint",
            expire_on_commit=False,
            autoflush=False,
        )
        try:
            results = await _run(session, importer, bundle, atomic=True)
        except BaseException:
            await session.close()
            await outer.rollback()
            raise
        await session.close()
        await outer.commit()
    return results


def response_bundle(bundle: ImportBundle, results: dict[int, EntryResult]) -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "type": f"{bundle.kind}-response",
        "timestamp": instant(datetime.now(UTC)),
        "entry": [{"response": results[i].response()} for i in range(len(bundle.entries))],
    }


async def import_bundle(
    *, session: AsyncSession, engine: AsyncEngine, importer: Importer, bundle: ImportBundle
) -> dict[str, Any]:
    """The transaction-response or batch-response Bundle; a failed transaction raises, unstored.

    The import itself is audited once more, with its counts (or the reason it failed).
    """
    record = AuditRecord(importer.actor_id, Action.CREATE, "fhir_bundle")
    record.details = {"type": bundle.kind, "entries": len(bundle.entries)}
    async with audited(session, record):
        if bundle.kind == "transaction":
            if bundle.issues():
                raise InvalidResource(bundle.issues(), "The transaction holds invalid resources")
            results = await _in_one_transaction(engine, importer, bundle)
        else:
            results = await _run(session, importer, bundle, atomic=False)
        statuses = [r.status for r in results.values()]
        record.details |= {s: statuses.count(c) for c, s in ((201, "created"), (200, "kept"))}
        record.details["failed"] = sum(1 for s in statuses if s >= 400)
        record.patient_ids = sorted(
            {
                r.resource_id
                for r in results.values()
                if r.resource_type == "Patient" and r.resource_id
            }
        )
    return response_bundle(bundle, results)
