"""Note file ingestion: uploaded bytes (text, PDF, PNG, JPEG, TIFF) to clean note text."""

from carechart.notes.ingest.extract import check_format, extract_text
from carechart.notes.ingest.results import (
    DecodedText,
    ExtractedText,
    Method,
    NoTextReason,
    OcrSettings,
)
from carechart.notes.ingest.text import decode_text, repair_text, text_note

__all__ = [
    "DecodedText",
    "ExtractedText",
    "Method",
    "NoTextReason",
    "OcrSettings",
    "check_format",
    "decode_text",
    "extract_text",
    "repair_text",
    "text_note",
]
