"""Nothing in ingestion logs or echoes the note: not the libraries, not the errors."""

import logging
import re

import pytest

from carechart.notes.exceptions import CorruptFile
from tests.notes.ingest.support import extract, image_bytes, scan, text_layer_pdf

SECRET = "Zanubrutinib"


def test_reading_notes_logs_nothing_of_their_text(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    pdf = text_layer_pdf(f"Started {SECRET} today.")
    tiff = image_bytes(scan((f"Started {SECRET}",)), "TIFF", description=f"{SECRET} scan")

    results = [
        extract(pdf),
        # A wrong cross-reference offset: pypdf warns and rebuilds the table.
        extract(re.sub(rb"startxref\s+\d+", b"startxref\n7", pdf)),
        extract(tiff),
        extract(f"Started {SECRET} at 38°C".encode("cp1252")),
    ]

    assert all(SECRET.lower() in result.text.lower() for result in results)
    assert SECRET.lower() not in caplog.text.lower()
    assert not any(SECRET.lower() in " ".join(result.warnings).lower() for result in results)


def test_refusing_a_damaged_file_does_not_echo_its_content() -> None:
    damaged = b"%PDF-1.4\n(" + SECRET.encode() + b")" + bytes(range(256))

    with pytest.raises(CorruptFile) as refused:
        extract(damaged)

    assert SECRET not in str(refused.value)
    assert refused.value.__cause__ is None
    assert refused.value.__suppress_context__
