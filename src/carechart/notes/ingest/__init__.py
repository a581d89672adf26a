"""Note file ingestion: uploaded bytes (text, PDF, PNG, JPEG, TIFF) to clean note text."""

from carechart.notes.ingest.extract import extract_text
from carechart.notes.ingest.results import DecodedText, ExtractedText, Method, OcrSettings
from carechart.notes.ingest.text import decode_text, repair_text

__all__ = [
    "DecodedText",
    "ExtractedText",
    "Method",
    "OcrSettings",
    "decode_text",
    "extract_text",
    "repair_text",
]
