"""Turns an uploaded note file into text, choosing the reader by the file's content."""

import mimetypes
from dataclasses import replace
from pathlib import PurePath

from carechart.notes.ingest.images import ocr_image_file
from carechart.notes.ingest.ocr import OcrSession
from carechart.notes.ingest.pdf import read_pdf
from carechart.notes.ingest.results import ExtractedText, Method, OcrSettings
from carechart.notes.ingest.sniff import JPEG, MARKDOWN, PDF, PNG, TEXT, TIFF, sniff_binary
from carechart.notes.ingest.text import decode_text, refuse_binary, repair

NO_TEXT = "no text found"
_MARKDOWN_TYPES = frozenset({MARKDOWN, "text/x-markdown"})
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
# Hints that say nothing about the content.
_VAGUE_TYPES = frozenset({"application/octet-stream", "binary/octet-stream"})
# Names clients still send for the accepted types.
_ALIASES = {
    "application/x-pdf": PDF,
    "image/jpg": JPEG,
    "image/pjpeg": JPEG,
    "image/x-png": PNG,
    "image/x-tiff": TIFF,
}


def extract_text(
    data: bytes, *, filename: str | None, declared_media_type: str | None, ocr: OcrSettings
) -> ExtractedText:
    """The text of an uploaded note: text, PDF (text layer or OCR) or an image (OCR).

    The type is judged from the content; the name and declared type only tell Markdown from
    plain text. Blocking (OCR runs a process): call it from a worker thread.
    Raises UnsupportedMediaType (415), EmptyNote and CorruptFile or ImageTooLarge (422).
    """
    media_type = sniff_binary(data)
    if media_type is None:
        result = _read_text(data, _is_markdown(filename, declared_media_type))
    else:
        result = _read_scanned_or_pdf(data, media_type, ocr)
    mismatch = _hint_mismatch(result.media_type, filename, declared_media_type)
    if mismatch is None:
        return result
    return replace(result, warnings=(*result.warnings, mismatch))


def check_format(data: bytes) -> None:
    """Refuses (415) what extract_text would refuse for its type, without reading the text.

    Cheap beside a read (no OCR, no PDF parsing): the magic bytes, or a text decoding.
    """
    if sniff_binary(data) is None:
        refuse_binary(data)


def _read_text(data: bytes, markdown: bool) -> ExtractedText:
    decoded = decode_text(data)
    return ExtractedText(
        text=decoded.text,
        media_type=MARKDOWN if markdown else TEXT,
        method="text",
        encoding=decoded.encoding,
        repaired=decoded.repaired,
    )


def _read_scanned_or_pdf(data: bytes, media_type: str, ocr: OcrSettings) -> ExtractedText:
    session = OcrSession(ocr)
    read = read_pdf if media_type == PDF else ocr_image_file
    texts, pages = read(data, session=session)
    text, repaired = repair("\n\n".join(part for part in texts if part.strip()))
    method = _method(media_type, has_text=bool(text.strip()), used_ocr=bool(session.confidences))
    reason = None
    if method == "none":
        session.warn(NO_TEXT)
        reason = session.no_text_reason
    return ExtractedText(
        text=text if method != "none" else "",
        media_type=media_type,
        method=method,
        repaired=repaired,
        ocr_confidence=session.mean_confidence,
        pages=pages,
        warnings=tuple(session.warnings),
        no_text_reason=reason,
    )


def _method(media_type: str, *, has_text: bool, used_ocr: bool) -> Method:
    if not has_text:
        return "none"
    if media_type != PDF:
        return "ocr"
    return "pdf_ocr" if used_ocr else "pdf_text_layer"


def _is_markdown(filename: str | None, declared_media_type: str | None) -> bool:
    """Markdown is text like any other: only the name or the declared type can say so."""
    suffix = PurePath(filename).suffix.lower() if filename else ""
    return suffix in _MARKDOWN_SUFFIXES or _base_type(declared_media_type) in _MARKDOWN_TYPES


def _hint_mismatch(media_type: str, filename: str | None, declared: str | None) -> str | None:
    """A warning when the name or declared type promised another kind of file."""
    named = mimetypes.guess_type(filename)[0] if filename else None
    hints = {_kind(hint) for hint in (_base_type(declared), named) if hint} - {None}
    if hints - {_kind(media_type)}:
        return f"the content is {media_type}, unlike the file name or declared type"
    return None


def _kind(media_type: str | None) -> str | None:
    if media_type is None or media_type in _VAGUE_TYPES:
        return None
    return "text" if media_type.startswith("text/") else _ALIASES.get(media_type, media_type)


def _base_type(declared: str | None) -> str | None:
    return declared.split(";", 1)[0].strip().lower() if declared else None
