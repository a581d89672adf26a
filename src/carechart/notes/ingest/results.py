"""What note ingestion returns, and the OCR settings it takes."""

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, Self

from carechart.notes.ingest.sniff import TEXT

Method = Literal["text", "pdf_text_layer", "ocr", "pdf_ocr", "none"]


class NoTextReason(StrEnum):
    """Why a stored file has no text: one value per way reading it can come back empty.

    Files that cannot be read at all (empty, damaged, encrypted) are refused with a 422 and never
    stored, so they need no reason here.
    """

    OCR_DISABLED = "ocr_disabled"  # OCR_ENABLED is off and the text was only in images
    OCR_UNAVAILABLE = "ocr_unavailable"  # tesseract is not installed
    OCR_TIME_LIMIT = "ocr_time_limit"  # OCR_TIMEOUT_S ran out before every page was read
    PAGE_LIMIT = "page_limit"  # pages past OCR_MAX_PAGES or PDF_MAX_PAGES were not read
    OCR_FOUND_NO_TEXT = "ocr_found_no_text"  # OCR read every page and found no words
    OCR_FAILED = "ocr_failed"  # tesseract failed on every page it was given
    UNREADABLE_CONTENT = "unreadable_content"  # a PDF's text layer or images could not be decoded
    NO_TEXT_OR_IMAGES = "no_text_or_images"  # a PDF whose pages hold neither text nor images
    READ_TIME_LIMIT = "read_time_limit"  # reading ran past NOTE_EXTRACTION_TIMEOUT_S
    READ_FAILED = "read_failed"  # the worker process reading it stopped


# The languages reach tesseract's command line: only language codes joined by "+" pass.
_LANGUAGES = re.compile(r"[A-Za-z_]+(?:\+[A-Za-z_]+)*")


@dataclass(frozen=True, slots=True)
class OcrSettings:
    """How files are read: OCR on or off, tesseract's languages, a time budget per file, and
    the page bounds (pages OCR reads; pages of a PDF read at all)."""

    enabled: bool = True
    languages: str = "eng"
    timeout_s: float = 60.0
    max_pages: int = 20
    pdf_max_pages: int = 500

    def __post_init__(self) -> None:
        if not _LANGUAGES.fullmatch(self.languages):
            raise ValueError("languages must be tesseract codes joined by '+', e.g. 'eng+fra'")
        if self.timeout_s <= 0 or self.max_pages < 1 or self.pdf_max_pages < 1:
            raise ValueError("timeout_s, max_pages and pdf_max_pages must be positive")


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A text note decoded from bytes: clean text, its encoding, whether mojibake was fixed."""

    text: str
    encoding: str
    repaired: bool


@dataclass(frozen=True, slots=True)
class ExtractedText:
    """The text found in an uploaded file, and how it was found.

    `warnings` are fixed phrases (never note text), safe to store, return and log.
    `no_text_reason` says why there is no text, when there is none.
    """

    text: str
    media_type: str
    method: Method
    encoding: str | None = None
    repaired: bool = False
    ocr_confidence: float | None = None
    pages: int | None = None
    warnings: tuple[str, ...] = ()
    no_text_reason: NoTextReason | None = None

    @classmethod
    def from_text(cls, text: str, *, repaired: bool = False) -> Self:
        """A note that arrived as a string (JSON), already repaired (`text_note`)."""
        return cls(text=text, media_type=TEXT, method="text", encoding="utf-8", repaired=repaired)

    @property
    def has_text(self) -> bool:
        return bool(self.text.strip())
