"""Reads PNG, JPEG and TIFF uploads with Pillow, refusing bombs, and OCRs every frame."""

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image, ImageOps

from carechart.notes.exceptions import CorruptFile, ImageTooLarge
from carechart.notes.ingest.ocr import OcrSession

# The TIFF plugin logs tag values (descriptions, names) at debug level.
logging.getLogger("PIL").setLevel(logging.WARNING)

MAX_PIXELS = 50_000_000
# Pillow refuses images beyond twice this while reading their header, before decoding; pypdf
# opens a PDF's JPEG and JPEG 2000 images through Pillow, so the bound guards those too.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

UNREADABLE = "The image could not be read: it is damaged or truncated"
TOO_LARGE = f"The image is too large to read: more than {MAX_PIXELS // 1_000_000} megapixels"
_FORMATS = ("PNG", "JPEG", "TIFF")
# What Pillow raises on a damaged or truncated file.
_PILLOW_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError)


def ocr_image_file(data: bytes, *, session: OcrSession) -> tuple[list[str], int]:
    """OCRs each frame of an image file; returns the texts and the frame count."""
    with _readable():
        image = Image.open(io.BytesIO(data), formats=_FORMATS)
    texts: list[str] = []
    with image:
        frames = _frame_count(image)
        for index in range(frames):
            # Decoded before asking OCR, so that a damaged file is refused even without OCR.
            frame = _decoded_frame(image, index)
            if not session.begin_page():
                break
            texts.append(session.read(frame))
    return texts, frames


def _check_size(image: Image.Image) -> None:
    """Refuses an image whose pixel count is beyond the bound, before it is decoded."""
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ImageTooLarge(TOO_LARGE)


def _frame_count(image: Image.Image) -> int:
    with _readable():
        return int(getattr(image, "n_frames", 1))


def _decoded_frame(image: Image.Image, index: int) -> Image.Image:
    """One frame, decoded and turned upright as its EXIF orientation says."""
    with _readable():
        image.seek(index)
        # Pillow checks only the first frame's size when opening; later TIFF pages are not.
        _check_size(image)
        return ImageOps.exif_transpose(image)


@contextmanager
def _readable() -> Iterator[None]:
    """Turns Pillow's errors into a 422 that names no content."""
    try:
        yield
    except Image.DecompressionBombError:
        raise ImageTooLarge(TOO_LARGE) from None
    except _PILLOW_ERRORS:
        raise CorruptFile(UNREADABLE) from None
