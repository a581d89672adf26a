"""The media type is judged from the content: names and declared types do not decide it."""

import io
import zipfile

import pytest

from carechart.notes.exceptions import UnsupportedMediaType
from tests.notes.ingest.support import SCAN_WORDS, extract, found_words, image_bytes, scan

MISMATCH = "unlike the file name or declared type"


def _zip(name: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


def test_a_pdf_named_text_file_is_read_as_text_with_a_warning() -> None:
    result = extract(
        b"S: sore throat\nP: rest", filename="note.pdf", declared_media_type="application/pdf"
    )

    assert (result.media_type, result.method, result.text) == (
        "text/plain",
        "text",
        "S: sore throat\nP: rest",
    )
    assert any(MISMATCH in warning for warning in result.warnings)


def test_a_png_named_txt_is_read_as_an_image() -> None:
    result = extract(image_bytes(scan(), "PNG"), filename="note.txt", declared_media_type=None)

    assert (result.media_type, result.method) == ("image/png", "ocr")
    assert set(SCAN_WORDS) <= found_words(result)


def test_markdown_is_told_from_plain_text_by_name_or_declared_type() -> None:
    note = b"# Visit\n- BP 120/80"

    assert extract(note, filename="visit.md").media_type == "text/markdown"
    assert extract(note, declared_media_type="text/markdown").media_type == "text/markdown"
    assert extract(note, filename="visit.txt").media_type == "text/plain"


def test_matching_hints_and_vague_hints_give_no_warning() -> None:
    note = b"A: stable"

    assert extract(note, filename="a.txt", declared_media_type="text/plain").warnings == ()
    assert extract(note, declared_media_type="application/octet-stream").warnings == ()


def test_text_that_begins_like_a_bmp_signature_is_still_text() -> None:
    assert extract(b"BMI 24.1, BP 118/76").text == "BMI 24.1, BP 118/76"


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(_zip("note.txt", b"S: cough"), id="zip"),
        pytest.param(_zip("word/document.xml", b"<w:document/>"), id="docx-like zip"),
        pytest.param(image_bytes(scan(mode="P"), "GIF"), id="gif"),
        pytest.param(b"\x7fELF\x02\x01\x01" + bytes(200), id="elf executable"),
        pytest.param(b"MZ\x90\x00\x03" + bytes(200), id="windows executable"),
        pytest.param(bytes(range(256)) * 16, id="binary garbage"),
        pytest.param(b"{\\rtf1\\ansi S: cough}", id="rtf"),
    ],
)
def test_other_formats_are_refused_as_unsupported(content: bytes) -> None:
    with pytest.raises(UnsupportedMediaType) as refused:
        extract(content, filename="note.txt", declared_media_type="text/plain")

    assert (refused.value.status, refused.value.slug) == (415, "unsupported-file-type")
