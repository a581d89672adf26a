"""Judges an upload's media type from its content (magic bytes), never from its name."""

import filetype

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
TEXT = "text/plain"
MARKDOWN = "text/markdown"
IMAGE_TYPES = frozenset({PNG, JPEG, TIFF})

# Readers accept a PDF header after leading whitespace, within the first KiB.
_PDF_HEADER_WINDOW = 1024
# An animated PNG is still a PNG: Pillow reads it and OCR uses its frames.
_ALIASES = {"image/apng": PNG}


def sniff_binary(data: bytes) -> str | None:
    """PDF, PNG, JPEG or TIFF when the magic bytes say so; None when text must be tried."""
    if data[:_PDF_HEADER_WINDOW].lstrip().startswith(b"%PDF-"):
        return PDF
    mime = guess_format(data)
    mime = _ALIASES.get(mime, mime) if mime else None
    return mime if mime in IMAGE_TYPES else None


def guess_format(data: bytes) -> str | None:
    """The media type any known file signature shows, accepted or not."""
    mime = filetype.guess_mime(data)
    return mime if isinstance(mime, str) else None
