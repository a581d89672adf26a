"""Reading and analysing a note in the worker processes, with a time limit on each step.

Past a limit, or when a worker dies, the note is not lost: it is stored with what could be read
and `analysis_status` says why it has no derived data (`timed_out`, `too_large`, `failed`).
`python -m carechart.notes.reextract` analyses such notes again.
"""

import logging
from dataclasses import dataclass
from datetime import date

from carechart.core.config import Settings
from carechart.core.offload import PoolBusy, ProcessPool, WorkerDied, WorkTimedOut
from carechart.notes.ingest import ExtractedText, NoTextReason, OcrSettings, check_format
from carechart.notes.ingest.sniff import TEXT, sniff_binary
from carechart.notes.nlp import extractor_version
from carechart.notes.processing import Analysed, analyse_text, read_text

logger = logging.getLogger("carechart.notes.analysis")

WORKER_DIED = "the worker process stopped during {step}"
# Imported once by the workers' fork server, not by every new worker.
WORKER_MODULES = ("carechart.notes.processing", "carechart.notes.nlp.warm")
STATUS_MODEL_MODULE = "carechart.notes.nlp.warm_status"


def worker_modules(settings: Settings) -> tuple[str, ...]:
    """What the fork server imports: with the status model on, its weights as well."""
    return WORKER_MODULES + ((STATUS_MODEL_MODULE,) if settings.status_model_enabled else ())


@dataclass(frozen=True)
class NoteProcessing:
    """Where a note's text is read and analysed (worker processes), and for how long at most."""

    pool: ProcessPool
    ocr: OcrSettings
    extraction_timeout_s: float
    analysis_timeout_s: float
    status_model: bool = False

    @property
    def extractor_version(self) -> str:
        """The version the analyses made here record."""
        return extractor_version(status_model=self.status_model)

    @classmethod
    def configured(cls, settings: Settings, pool: ProcessPool) -> "NoteProcessing":
        return cls(
            pool=pool,
            ocr=OcrSettings(
                enabled=settings.ocr_enabled,
                languages=settings.ocr_languages,
                timeout_s=settings.ocr_timeout_s,
                max_pages=settings.ocr_max_pages,
                pdf_max_pages=settings.pdf_max_pages,
            ),
            extraction_timeout_s=settings.note_extraction_timeout_s,
            analysis_timeout_s=settings.note_analysis_timeout_s,
            status_model=settings.status_model_enabled,
        )


@dataclass(frozen=True)
class RawNote:
    """What the text is read from: a JSON note's text, or a file's bytes and what came with them."""

    data: bytes
    text: str | None = None
    filename: str | None = None
    declared_media_type: str | None = None
    note_type: str | None = None  # the client's, which wins over the classifier
    taken_at: date | None = None  # the client's date of the note: the reference of its plans


def _unread(raw: RawNote, failure: Analysed) -> ExtractedText:
    """A note whose text could not be read in time: stored, with the original, without text."""
    media_type = TEXT if raw.text is not None else (sniff_binary(raw.data) or TEXT)
    reason = (
        NoTextReason.READ_TIME_LIMIT if failure.status == "timed_out" else NoTextReason.READ_FAILED
    )
    return ExtractedText(text="", media_type=media_type, method="none", no_text_reason=reason)


async def refuse_unsupported(processing: NoteProcessing, raw: RawNote) -> None:
    """UnsupportedMediaType (415) for a file whose content no reader takes.

    Run before a duplicate is answered 409: a file of a type refused is refused as such, even
    when its bytes are those of a stored note (a JSON note's text, the same bytes sent as an
    executable). Past the read's limit, or on a dead worker, nothing is refused here.
    """
    if raw.text is not None:
        return
    try:
        await processing.pool.run(check_format, raw.data, timeout_s=processing.extraction_timeout_s)
    except (WorkTimedOut, WorkerDied, PoolBusy):
        # Every worker busy judging other files: the duplicate's cheap 409 stays, not a 503.
        return


async def read(processing: NoteProcessing, raw: RawNote) -> ExtractedText | Analysed:
    """The note's text, or (past the limit, or a dead worker) why it has none.

    An unreadable upload raises its 4xx error (UnsupportedMediaType, CorruptFile ...).
    """
    limit = processing.extraction_timeout_s
    # A JSON note's text is all the worker needs: no need to send its bytes twice.
    data = raw.data if raw.text is None else b""
    try:
        return await processing.pool.run(
            read_text,
            data,
            raw.text,
            raw.filename,
            raw.declared_media_type,
            processing.ocr,
            timeout_s=limit,
        )
    except WorkTimedOut:
        reason = f"reading the note's text ran past its {limit:g} s limit"
        return Analysed.not_done("timed_out", reason, raw.note_type)
    except WorkerDied:
        logger.error("note worker died", extra={"step": "reading"})
        return Analysed.not_done("failed", WORKER_DIED.format(step="reading"), raw.note_type)


async def analysed(
    processing: NoteProcessing,
    text: str,
    client_note_type: str | None,
    taken_at: date | None = None,
) -> Analysed:
    """The analysis of the text, or why there is none; a failure is logged (frames only)."""
    limit = processing.analysis_timeout_s
    try:
        result = await processing.pool.run(
            analyse_text,
            text,
            client_note_type,
            taken_at,
            processing.status_model,
            timeout_s=limit,
        )
    except WorkTimedOut:
        reason = f"the analysis ran past its {limit:g} s limit"
        return Analysed.not_done("timed_out", reason, client_note_type)
    except WorkerDied:
        logger.error("note worker died", extra={"step": "analysis"})
        return Analysed.not_done("failed", WORKER_DIED.format(step="analysis"), client_note_type)
    if result.status == "failed":
        logger.error("note analysis failed", extra={"stack": list(result.frames)})
    return result


async def read_and_analyse(
    processing: NoteProcessing, raw: RawNote
) -> tuple[ExtractedText, Analysed]:
    text = await read(processing, raw)
    if isinstance(text, Analysed):
        return _unread(raw, text), text
    if not text.has_text:
        # Nothing to analyse (OCR off, a blank scan): no worker needed.
        return text, analyse_text("", raw.note_type, None, processing.status_model)
    return text, await analysed(processing, text.text, raw.note_type, raw.taken_at)
