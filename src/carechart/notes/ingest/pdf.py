"""Reads PDFs with pypdf: a page's text layer where it has one, OCR of its images where not."""

import io
import logging
from itertools import islice

from PIL import Image
from pypdf import PageObject, PasswordType, PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import DictionaryObject, PdfObject

from carechart.notes.exceptions import CorruptFile
from carechart.notes.ingest.images import MAX_PIXELS
from carechart.notes.ingest.ocr import OcrSession
from carechart.notes.ingest.results import NoTextReason

# Its warnings describe a damaged file's structure and may quote bytes from it.
logging.getLogger("pypdf").setLevel(logging.ERROR)

UNREADABLE = "The PDF could not be read: it is damaged or encrypted"
# On malformed input pypdf raises its own errors and, from deeper down, these.
_PYPDF_ERRORS = (
    PyPdfError,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    AssertionError,
    ZeroDivisionError,
    RecursionError,
    OSError,
)
# Smaller images are logos, rules and bullets, not scanned text.
_MIN_SIDE = 32
_MAX_IMAGES_PER_PAGE = 20
_UNREADABLE = NoTextReason.UNREADABLE_CONTENT


def read_pdf(data: bytes, *, session: OcrSession) -> tuple[list[str], int]:
    """The text of each page (up to the settings' `pdf_max_pages`), and the page count."""
    reader = _open(data)
    bound = session.settings.pdf_max_pages
    try:
        count = len(reader.pages)
        pages = islice(enumerate(reader.pages, start=1), bound)
        texts = [_page_text(page, number, session) for number, page in pages]
    except _PYPDF_ERRORS:
        raise CorruptFile(UNREADABLE) from None
    if count > bound:
        session.missed(f"only the first {bound} pages were read", NoTextReason.PAGE_LIMIT)
    return texts, count


def _open(data: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data))
        # Many PDFs are encrypted with an empty password only to restrict printing or copying.
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise CorruptFile(UNREADABLE)
    except _PYPDF_ERRORS:
        # `from None`: pypdf's messages may quote bytes of the file.
        raise CorruptFile(UNREADABLE) from None
    return reader


def _page_text(page: PageObject, number: int, session: OcrSession) -> str:
    """The page's text layer, or OCR of its images when it has none (a scan)."""
    try:
        text = page.extract_text().strip()
    except _PYPDF_ERRORS:
        session.missed(
            f"page {number}: its text layer could not be read", NoTextReason.UNREADABLE_CONTENT
        )
        text = ""
    return text or _ocr_page(page, number, session)


def _ocr_page(page: PageObject, number: int, session: OcrSession) -> str:
    """OCR of a page's images, decoded one at a time, as far as pypdf can decode them."""
    try:
        image_ids = page.images.keys()[:_MAX_IMAGES_PER_PAGE]
    except _PYPDF_ERRORS:
        session.missed(f"page {number}: its images could not be read", _UNREADABLE)
        return ""
    if not image_ids or not session.begin_page():
        return ""
    texts = (_ocr_image(page, image_id, number, session) for image_id in image_ids)
    return "\n\n".join(text for text in texts if text)


def _ocr_image(
    page: PageObject, image_id: str | list[str], number: int, session: OcrSession
) -> str:
    image = _decoded_image(page, image_id, number, session)
    if image is None or min(image.size) < _MIN_SIDE:
        return ""
    # /Rotate turns the page clockwise for display; Pillow's rotate turns counter-clockwise.
    return session.read(image.rotate(-page.rotation, expand=True) if page.rotation else image)


def _decoded_image(
    page: PageObject, image_id: str | list[str], number: int, session: OcrSession
) -> Image.Image | None:
    """The image's pixels; None, with a warning, when it is too large or undecodable.

    Inside a PDF a bad image is skipped, not refused: the other pages still count.
    """
    too_large = f"page {number}: an image too large to read was skipped"
    try:
        if _declared_pixels(page, image_id) > MAX_PIXELS:
            session.missed(too_large, _UNREADABLE)
            return None
        return page.images[image_id].image
    except Image.DecompressionBombError:
        session.missed(too_large, _UNREADABLE)
    except _PYPDF_ERRORS:
        # JBIG2 without its decoder, odd filters, damaged streams.
        session.missed(f"page {number}: its images could not be read", _UNREADABLE)
    return None


def _declared_pixels(page: PageObject, image_id: str | list[str]) -> int:
    """Width x height as the image declares them, read before pypdf decodes the pixels.

    pypdf bounds decompressed bytes, not pixels: a 1-bit image takes 8 times its bytes once
    decoded. Inline images ("~0~") were parsed with the content stream, so bounded by it.
    """
    node: DictionaryObject = page
    for name in [image_id] if isinstance(image_id, str) else image_id:
        if name.startswith("~"):
            return 0
        for key in ("/Resources", "/XObject", name):
            child = _resolved(node, key)
            if not isinstance(child, DictionaryObject):
                return 0  # pypdf's decoding walks the same path and fails on its own
            node = child
    width, height = _resolved(node, "/Width"), _resolved(node, "/Height")
    return width * height if isinstance(width, int) and isinstance(height, int) else 0


def _resolved(node: DictionaryObject, key: str) -> PdfObject | None:
    """An entry with indirect references followed: `get` alone leaves them unresolved."""
    value = node.get(key)
    return value.get_object() if isinstance(value, PdfObject) else None
