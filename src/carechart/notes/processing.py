"""The CPU-bound half of a note: reading its text and analysing it, run in the worker processes.

These functions run in `core.offload.ProcessPool` workers, never on the event loop. They take
and return plain picklable data. `analyse_text` never raises: a note whose analysis fails or is
too large is still kept, marked as not analysed with a reason (no note text in it).
"""

import json
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from carechart.core.errors import stack_frames
from carechart.notes.ingest import ExtractedText, OcrSettings, extract_text, text_note
from carechart.notes.nlp import NoteType, analyse

AnalysisStatus = Literal["complete", "timed_out", "too_large", "failed"]
ANALYSIS_STATUSES: tuple[AnalysisStatus, ...] = ("complete", "timed_out", "too_large", "failed")
# The derived data is stored as JSONB and sent with every read of the note: beyond this, one
# note would cost every reader (and the event loop serialising it) more than it is worth.
MAX_DERIVED_BYTES = 2 * 1024 * 1024
# What an unanalysed note records as its extractor version: `python -m carechart.notes.reextract`
# picks it up like a note made by an older extractor.
NOT_ANALYSED_VERSION = "none"


@dataclass(frozen=True, slots=True)
class Analysed:
    """What the API stores from an analysis, or why there is none."""

    status: AnalysisStatus
    derived: dict[str, Any]
    note_type: str
    note_type_source: str
    extractor_version: str
    author: str | None = None
    encounter_date: date | None = None
    error: str | None = None
    # Where an unexpected failure happened (file:line frames, no values), for the API's log.
    frames: tuple[str, ...] = ()

    @classmethod
    def not_done(
        cls,
        status: AnalysisStatus,
        error: str,
        client_note_type: str | None,
        frames: tuple[str, ...] = (),
    ) -> "Analysed":
        """No derived data; the client's note type when it sent one, else `other`."""
        return cls(
            status=status,
            derived={},
            note_type=_client_type(client_note_type) or NoteType.OTHER.value,
            note_type_source="client" if _client_type(client_note_type) else "none",
            extractor_version=NOT_ANALYSED_VERSION,
            error=error,
            frames=frames,
        )


def _client_type(client_note_type: str | None) -> str | None:
    try:
        return NoteType(client_note_type).value if client_note_type else None
    except ValueError:
        return None


def read_text(
    data: bytes,
    text: str | None,
    filename: str | None,
    declared_media_type: str | None,
    ocr: OcrSettings,
) -> ExtractedText:
    """The note's text: a JSON note's text repaired, or a file's read (text, PDF, OCR).

    Raises the upload's 4xx errors (UnsupportedMediaType, EmptyNote, CorruptFile ...).
    """
    if text is not None:
        return text_note(text)
    return extract_text(data, filename=filename, declared_media_type=declared_media_type, ocr=ocr)


def analyse_text(
    text: str,
    client_note_type: str | None,
    taken_at: date | None = None,
    status_model: bool = False,
) -> Analysed:
    """`analyse` as stored: derived data as JSON values, or why the note was not analysed.

    `taken_at` is the date the client gave the note: the reference of its relative plans;
    `status_model` lets the learned status model revise medication statuses.
    """
    try:
        analysis = analyse(
            text, client_note_type=client_note_type, taken_at=taken_at, status_model=status_model
        )
        serialised = analysis.model_dump_json()
    except Exception as exc:  # noqa: BLE001 - an extractor bug must not lose the note
        return Analysed.not_done(
            "failed",
            f"the analysis failed ({type(exc).__name__})",
            client_note_type,
            tuple(stack_frames(exc)),
        )
    if len(serialised) > MAX_DERIVED_BYTES:
        limit_mib = MAX_DERIVED_BYTES // (1024 * 1024)
        reason = f"the analysis found more than can be stored ({limit_mib} MiB of derived data)"
        return Analysed.not_done("too_large", reason, client_note_type)
    return Analysed(
        status="complete",
        derived=json.loads(serialised),
        note_type=analysis.note_type.value.value,
        note_type_source=analysis.note_type.source,
        extractor_version=analysis.extractor_version,
        author=analysis.author.name if analysis.author else None,
        encounter_date=analysis.encounter_date.value if analysis.encounter_date else None,
    )
