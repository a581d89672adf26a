"""What note ingestion returns, and the OCR settings it takes."""

import re
from dataclasses import dataclass
from typing import Literal, Self

from carechart.notes.ingest.sniff import TEXT

Method = Literal["text", "pdf_text_layer", "ocr", "pdf_ocr", "none"]

# The languages reach tesseract's command line: only language codes joined by "+" pass.
_LANGUAGES = re.compile(r"[A-Za-z_]+(?:\+[A-Za-z_]+)*")


@dataclass(frozen=True, slots=True)
class OcrSettings:
    """How OCR runs: on or off, tesseract's languages, a time budget per file, a page bound."""

    enabled: bool = True
    languages: str = "eng"
    timeout_s: float = 60.0
    max_pages: int = 20

    def __post_init__(self) -> None:
        if not _LANGUAGES.fullmatch(self.languages):
            raise ValueError("languages must be tesseract codes joined by '+', e.g. 'eng+fra'")
        if self.timeout_s <= 0 or self.max_pages < 1:
            raise ValueError("timeout_s and max_pages must be positive")


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
    """

    text: str
    media_type: str
    method: Method
    encoding: str | None = None
    repaired: bool = False
    ocr_confidence: float | None = None
    pages: int | None = None
    warnings: tuple[str, ...] = ()

    @classmethod
    def from_text(cls, text: str, *, repaired: bool = False) -> Self:
        """A note that arrived as a string (JSON), already through `repair_text`."""
        return cls(text=text, media_type=TEXT, method="text", encoding="utf-8", repaired=repaired)

    @property
    def has_text(self) -> bool:
        return bool(self.text.strip())
