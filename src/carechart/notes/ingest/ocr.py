"""OCR with tesseract: one session per file, sharing a time budget and a page bound."""

import logging
import time
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import pytesseract
from PIL import Image

from carechart.notes.ingest.results import NoTextReason, OcrSettings

# It logs tesseract's command line at debug level; nothing it says is needed here.
logging.getLogger("pytesseract").setLevel(logging.WARNING)

OCR_DISABLED = "OCR unavailable: it is disabled"
OCR_MISSING = "OCR unavailable: tesseract is not installed"
OCR_TIMED_OUT = "OCR unavailable: it ran out of time"
OCR_FAILED = "OCR failed on a page"

_STOPS = {
    OCR_DISABLED: NoTextReason.OCR_DISABLED,
    OCR_MISSING: NoTextReason.OCR_UNAVAILABLE,
    OCR_TIMED_OUT: NoTextReason.OCR_TIME_LIMIT,
}

_PRECEDENCE = (
    NoTextReason.PAGE_LIMIT,
    NoTextReason.OCR_FOUND_NO_TEXT,
    NoTextReason.OCR_FAILED,
    NoTextReason.UNREADABLE_CONTENT,
)

_Line = tuple[int, int, int, int]


class OcrSession:
    """One file's OCR: its deadline, the pages read, the word confidences, its warnings, and
    what kept text from being read (for the reason a file has none)."""

    def __init__(self, settings: OcrSettings) -> None:
        self.settings = settings
        self._deadline = time.monotonic() + settings.timeout_s
        self._pages = 0
        self._stopped: str | None = None if settings.enabled else OCR_DISABLED
        # What reading met that may explain a file without text.
        self._seen: set[NoTextReason] = set()
        self.confidences: list[float] = []
        self.warnings: list[str] = []

    @property
    def mean_confidence(self) -> float | None:
        if not self.confidences:
            return None
        return round(sum(self.confidences) / len(self.confidences), 1)

    def warn(self, warning: str) -> None:
        if warning not in self.warnings:
            self.warnings.append(warning)

    def missed(self, warning: str, reason: NoTextReason) -> None:
        """Some of the file was not read (a page past a bound, an undecodable image): why."""
        self.warn(warning)
        self._seen.add(reason)

    @property
    def no_text_reason(self) -> NoTextReason:
        """Why the file gave no text: OCR stopped before a page that needed it, then pages left
        past a bound, then what OCR made of the pages it read, then what the file holds."""
        # A stop is warned about only once a page needed OCR (a PDF of text needs none).
        if self._stopped is not None and self._stopped in self.warnings:
            return _STOPS[self._stopped]
        return next((r for r in _PRECEDENCE if r in self._seen), NoTextReason.NO_TEXT_OR_IMAGES)

    def begin_page(self) -> bool:
        """Whether OCR may read one more page; when not, says why in the warnings."""
        if self._stopped is not None:
            self.warn(self._stopped)
            return False
        if self._pages >= self.settings.max_pages:
            self.missed(
                f"OCR read only the first {self.settings.max_pages} pages", NoTextReason.PAGE_LIMIT
            )
            return False
        self._pages += 1
        return True

    def read(self, image: Image.Image) -> str:
        """The text tesseract finds in the image; empty when OCR stopped or failed."""
        remaining = self._deadline - time.monotonic()
        if self._stopped is None and remaining <= 0:
            self._stop(OCR_TIMED_OUT)
        if self._stopped is not None:
            self.warn(self._stopped)
            return ""
        data = self._run(_grayscale(image), remaining)
        if data is None:
            return ""
        self._seen.add(NoTextReason.OCR_FOUND_NO_TEXT)  # answered, words or not
        return self._collect(data)

    def _run(self, image: Image.Image, timeout_s: float) -> Mapping[str, Sequence[Any]] | None:
        try:
            data: Mapping[str, Sequence[Any]] = pytesseract.image_to_data(
                image,
                lang=self.settings.languages,
                output_type=pytesseract.Output.DICT,
                timeout=timeout_s,
            )
        except pytesseract.TesseractNotFoundError:
            self._stop(OCR_MISSING)
        except (pytesseract.TesseractError, OSError):
            # One unreadable page (too small, odd format) need not stop the others.
            self.missed(OCR_FAILED, NoTextReason.OCR_FAILED)
        except RuntimeError:
            # pytesseract's only other RuntimeError: the process outlived its timeout.
            self._stop(OCR_TIMED_OUT)
        else:
            return data
        return None

    def _stop(self, reason: str) -> None:
        self._stopped = reason
        self.warn(reason)

    def _collect(self, data: Mapping[str, Sequence[Any]]) -> str:
        """Rebuilds lines and paragraphs from tesseract's words, noting their confidences."""
        lines: dict[_Line, list[str]] = {}
        for line, word, confidence in _words(data):
            lines.setdefault(line, []).append(word)
            self.confidences.append(confidence)
        out: list[str] = []
        previous: _Line | None = None
        for line, words in lines.items():
            if previous is not None and line[:3] != previous[:3]:
                out.append("")
            out.append(" ".join(words))
            previous = line
        return "\n".join(out)


def _words(data: Mapping[str, Sequence[Any]]) -> Iterator[tuple[_Line, str, float]]:
    """Each recognised word with its line (page, block, paragraph, line) and confidence."""
    keys = ("page_num", "block_num", "par_num", "line_num")
    for index, raw in enumerate(data["text"]):
        word, confidence = str(raw).strip(), float(data["conf"][index])
        if word and confidence >= 0:
            line = tuple(int(data[key][index]) for key in keys)
            yield (line[0], line[1], line[2], line[3]), word, confidence


def _grayscale(image: Image.Image) -> Image.Image:
    """The image in 8-bit gray, transparency flattened onto white as on paper."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        image = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
    return image.convert("L")
