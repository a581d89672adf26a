"""Builds the files the ingestion tests upload (PDFs, scans, images, bombs) and uploads them."""

import io
import struct
import zlib

from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader, PdfWriter

from carechart.notes.ingest import ExtractedText, OcrSettings, extract_text

SCAN_LINES = ("Metoprolol tartrate 25 mg", "Patient denies dyspnea", "Follow-up in two weeks")
SCAN_WORDS = ("metoprolol", "tartrate", "dyspnea", "follow-up")
OCR = OcrSettings(timeout_s=20)


def extract(
    data: bytes,
    *,
    filename: str | None = None,
    declared_media_type: str | None = None,
    ocr: OcrSettings = OCR,
) -> ExtractedText:
    return extract_text(data, filename=filename, declared_media_type=declared_media_type, ocr=ocr)


def found_words(result: ExtractedText) -> set[str]:
    return set(result.text.lower().split())


def scan(lines: tuple[str, ...] = SCAN_LINES, *, mode: str = "RGB") -> Image.Image:
    """A clean 'scanned page': large black text on white."""
    font = ImageFont.load_default(size=52)
    image = Image.new("RGB", (1500, 120 + 90 * len(lines)), "white")
    ImageDraw.Draw(image).multiline_text(
        (50, 50), "\n".join(lines), font=font, fill="black", spacing=30
    )
    return image.convert(mode)


def image_bytes(image: Image.Image, image_format: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def multipage(images: list[Image.Image], image_format: str) -> bytes:
    """A multi-page TIFF or PDF, one image per page (Pillow writes PDFs as scans)."""
    return image_bytes(images[0], image_format, save_all=True, append_images=images[1:])


def text_layer_pdf(*pages: str) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=14)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 10, text)
    return bytes(pdf.output())


def encrypted(pdf: bytes, *, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_bomb(width: int, height: int) -> bytes:
    """A valid all-black 1-bit PNG: a few KiB on disk, width x height pixels decoded."""
    row = b"\x00" * (1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", pixels)
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body)
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)
