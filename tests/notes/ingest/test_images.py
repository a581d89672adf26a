"""Images: OCR of PNG, JPEG and TIFF; damaged files and decompression bombs refused."""

import pytest
from PIL import Image
from pytesseract import pytesseract

from carechart.notes.exceptions import CorruptFile, ImageTooLarge
from carechart.notes.ingest import NoTextReason, OcrSettings
from tests.notes.ingest.support import (
    SCAN_WORDS,
    extract,
    found_words,
    image_bytes,
    multipage,
    png_bomb,
    scan,
)

TOO_LARGE = "The image is too large to read: more than 50 megapixels"


@pytest.mark.parametrize(
    ("image_format", "media_type"),
    [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("TIFF", "image/tiff")],
)
def test_ocr_finds_the_words_of_an_image(image_format: str, media_type: str) -> None:
    result = extract(image_bytes(scan(), image_format), filename="scan")

    assert (result.media_type, result.method, result.pages) == (media_type, "ocr", 1)
    assert set(SCAN_WORDS) <= found_words(result)
    assert result.ocr_confidence is not None
    assert result.ocr_confidence > 80
    assert result.warnings == ()


def test_ocr_keeps_the_lines_of_the_image() -> None:
    result = extract(image_bytes(scan(), "PNG"))

    assert [line.lower() for line in result.text.splitlines()][:2] == [
        "metoprolol tartrate 25 mg",
        "patient denies dyspnea",
    ]


def test_transparent_png_is_read_as_black_on_white() -> None:
    ink = scan(mode="L").point(lambda value: 255 - value)
    transparent = Image.new("RGBA", ink.size, (0, 0, 0, 0))
    transparent.putalpha(ink)

    assert set(SCAN_WORDS) <= found_words(extract(image_bytes(transparent, "PNG")))


def test_every_frame_of_a_multipage_tiff_is_read() -> None:
    frames = [scan(("Frame Alpha reading",)), scan(("Frame Bravo reading",))]

    result = extract(multipage(frames, "TIFF"))

    assert result.pages == 2
    assert {"alpha", "bravo"} <= found_words(result)


def test_ocr_stops_at_the_page_bound_and_says_so() -> None:
    frames = [scan(("Frame Alpha",)), scan(("Frame Bravo",))]

    result = extract(multipage(frames, "TIFF"), ocr=OcrSettings(max_pages=1))

    assert "alpha" in found_words(result)
    assert "bravo" not in found_words(result)
    assert result.warnings == ("OCR read only the first 1 pages",)


def test_blank_image_has_no_text_and_says_so() -> None:
    result = extract(image_bytes(Image.new("L", (800, 600), 255), "PNG"))

    assert (result.has_text, result.method, result.text) == (False, "none", "")
    assert result.warnings == ("no text found",)
    assert result.no_text_reason is NoTextReason.OCR_FOUND_NO_TEXT


def test_blank_first_frame_with_the_rest_past_the_page_bound_says_so_as_its_reason() -> None:
    frames = [Image.new("RGB", (800, 600), "white"), scan(("Frame Bravo",))]

    result = extract(multipage(frames, "TIFF"), ocr=OcrSettings(max_pages=1))

    assert (result.has_text, result.pages) == (False, 2)
    assert result.no_text_reason is NoTextReason.PAGE_LIMIT


def test_disabled_ocr_keeps_no_text_without_raising() -> None:
    result = extract(image_bytes(scan(), "PNG"), ocr=OcrSettings(enabled=False))

    assert (result.has_text, result.method, result.ocr_confidence) == (False, "none", None)
    assert result.warnings == ("OCR unavailable: it is disabled", "no text found")
    assert result.no_text_reason is NoTextReason.OCR_DISABLED


def test_missing_tesseract_keeps_no_text_without_raising(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pytesseract, "tesseract_cmd", "/nonexistent/tesseract")

    result = extract(multipage([scan(), scan()], "TIFF"))

    assert (result.has_text, result.method) == (False, "none")
    assert result.warnings == ("OCR unavailable: tesseract is not installed", "no text found")
    assert result.no_text_reason is NoTextReason.OCR_UNAVAILABLE


def test_ocr_out_of_time_keeps_no_text_without_raising() -> None:
    result = extract(image_bytes(scan(), "PNG"), ocr=OcrSettings(timeout_s=0.001))

    assert (result.has_text, result.method) == (False, "none")
    assert "OCR unavailable: it ran out of time" in result.warnings
    assert result.no_text_reason is NoTextReason.OCR_TIME_LIMIT


def test_truncated_png_is_refused_as_unreadable() -> None:
    png = image_bytes(scan(), "PNG")

    with pytest.raises(CorruptFile) as refused:
        extract(png[: len(png) // 2])

    assert (refused.value.status, refused.value.slug) == (422, "corrupt-file")
    assert refused.value.detail == "The image could not be read: it is damaged or truncated"


def test_truncated_png_is_refused_even_with_ocr_off() -> None:
    png = image_bytes(scan(), "PNG")

    with pytest.raises(CorruptFile):
        extract(png[: len(png) // 2], ocr=OcrSettings(enabled=False))


def test_decompression_bomb_disguised_as_png_is_refused() -> None:
    bomb = png_bomb(30_000, 30_000)  # 900 megapixels in about 100 KiB

    with pytest.raises(ImageTooLarge) as refused:
        extract(bomb, filename="scan.txt", declared_media_type="text/plain")

    assert (refused.value.status, refused.value.slug) == (422, "image-too-large")
    assert refused.value.detail == TOO_LARGE


def test_image_just_over_the_pixel_bound_is_refused_too() -> None:
    # Pillow only warns between the bound and twice the bound; the frame check refuses.
    with pytest.raises(ImageTooLarge), pytest.warns(Image.DecompressionBombWarning):
        extract(png_bomb(8_000, 8_000))


def test_bomb_in_a_later_tiff_page_is_refused() -> None:
    small = scan(("Frame Alpha",), mode="1")
    huge = Image.new("1", (8_000, 8_000), 1)

    with pytest.raises(ImageTooLarge):
        extract(multipage([small, huge], "TIFF"))
