"""PDFs: the text layer where there is one, OCR of scanned pages, damaged files refused."""

import pytest
from fpdf import FPDF
from PIL import Image

from carechart.notes.exceptions import CorruptFile
from carechart.notes.ingest import NoTextReason, OcrSettings
from tests.notes.ingest.support import (
    SCAN_WORDS,
    encrypted,
    extract,
    found_words,
    image_bytes,
    multipage,
    scan,
    text_layer_pdf,
)

NOTE = "S: Patient reports wheezing since Monday.\nA: Asthma exacerbation, mild."
UNREADABLE = "The PDF could not be read: it is damaged or encrypted"


def test_text_layer_is_extracted_without_ocr() -> None:
    result = extract(text_layer_pdf(NOTE), filename="note.pdf")

    assert result.text == NOTE
    assert (result.media_type, result.method, result.pages) == (
        "application/pdf",
        "pdf_text_layer",
        1,
    )
    assert (result.has_text, result.ocr_confidence, result.warnings) == (True, None, ())


def test_pages_are_joined_in_order() -> None:
    result = extract(text_layer_pdf("Page one: history.", "Page two: plan."))

    assert result.text == "Page one: history.\n\nPage two: plan."
    assert result.pages == 2


def test_scanned_pdf_goes_through_ocr() -> None:
    result = extract(image_bytes(scan(), "PDF"), filename="scan.pdf")

    assert (result.method, result.pages, result.has_text) == ("pdf_ocr", 1, True)
    assert set(SCAN_WORDS) <= found_words(result)
    assert result.ocr_confidence is not None
    assert result.ocr_confidence > 80


def test_every_scanned_page_is_read() -> None:
    pages = [scan(("Scanned page Alpha",)), scan(("Scanned page Bravo",))]

    result = extract(multipage(pages, "PDF"))

    assert result.pages == 2
    assert {"alpha", "bravo"} <= found_words(result)


def test_scanned_pdf_without_ocr_keeps_no_text_and_says_why() -> None:
    result = extract(image_bytes(scan(), "PDF"), ocr=OcrSettings(enabled=False))

    assert (result.has_text, result.method, result.text, result.pages) == (False, "none", "", 1)
    assert result.warnings == ("OCR unavailable: it is disabled", "no text found")
    assert result.no_text_reason is NoTextReason.OCR_DISABLED


def test_huge_scanned_page_is_skipped_with_a_warning_and_the_others_are_read() -> None:
    huge = Image.new("1", (8_000, 8_000), 1)  # 64 megapixels, over the bound

    result = extract(multipage([scan(), huge], "PDF"))

    assert result.pages == 2
    assert set(SCAN_WORDS) <= found_words(result)
    assert result.warnings == ("page 2: an image too large to read was skipped",)


def test_blank_pdf_has_no_text_and_says_so() -> None:
    pdf = FPDF()
    pdf.add_page()

    result = extract(bytes(pdf.output()))

    assert (result.has_text, result.method, result.pages) == (False, "none", 1)
    assert result.warnings == ("no text found",)
    assert result.no_text_reason is NoTextReason.NO_TEXT_OR_IMAGES


def test_pdf_pages_past_the_bound_are_not_read_and_the_warning_says_so() -> None:
    pdf = text_layer_pdf("Page one: history.", "Page two: plan.", "Page three: more.")

    result = extract(pdf, ocr=OcrSettings(pdf_max_pages=2))

    assert (result.text, result.pages) == ("Page one: history.\n\nPage two: plan.", 3)
    assert result.warnings == ("only the first 2 pages were read",)
    assert result.no_text_reason is None


def test_pdf_whose_text_is_past_the_page_bound_says_so_as_its_reason() -> None:
    blank = FPDF()
    blank.add_page()
    blank.add_page()
    blank.set_font("helvetica", size=14)
    blank.cell(0, 10, "Only the second page has text.")

    result = extract(bytes(blank.output()), ocr=OcrSettings(pdf_max_pages=1))

    assert (result.has_text, result.pages) == (False, 2)
    assert result.no_text_reason is NoTextReason.PAGE_LIMIT


def test_pdf_whose_only_scan_is_too_large_has_unreadable_content_as_its_reason() -> None:
    huge = Image.new("1", (8_000, 8_000), 1)

    result = extract(image_bytes(huge, "PDF"))

    assert (result.has_text, result.method) == (False, "none")
    assert result.no_text_reason is NoTextReason.UNREADABLE_CONTENT


def test_pdf_encrypted_with_an_empty_password_is_read() -> None:
    result = extract(encrypted(text_layer_pdf(NOTE), user_password=""))

    assert result.text == NOTE


def test_pdf_locked_with_a_password_is_refused_as_unreadable() -> None:
    with pytest.raises(CorruptFile) as refused:
        extract(encrypted(text_layer_pdf(NOTE), user_password="s3cret"))

    assert (refused.value.status, refused.value.detail) == (422, UNREADABLE)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"%PDF-1.7\n" + bytes(range(256)) * 4, id="garbage after the header"),
        pytest.param(text_layer_pdf(NOTE)[:400], id="truncated"),
        pytest.param(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\n%%EOF", id="no pages"),
    ],
)
def test_damaged_pdf_is_refused_as_unreadable(content: bytes) -> None:
    with pytest.raises(CorruptFile) as refused:
        extract(content, filename="note.pdf")

    assert (refused.value.status, refused.value.slug) == (422, "corrupt-file")
    assert refused.value.detail == UNREADABLE
