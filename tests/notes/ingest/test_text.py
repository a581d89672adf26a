"""Text notes: encodings, mojibake repair, normalisation, and blank notes refused."""

import pytest

from carechart.notes.exceptions import EmptyNote, UnsupportedMediaType
from carechart.notes.ingest import ExtractedText, decode_text, repair_text, text_note
from tests.notes.ingest.support import extract
from tests.shared_samples import SHARED_SOAP, SOAP_FILES, needs_shared_soap

NOTE = "S: Pt c/o fever 38.5°C \u2013 résumé \u201cnoted\u201d.\nP: f/u in 2 wks."


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (NOTE.encode("utf-8"), "utf-8"),
        (NOTE.encode("utf-8-sig"), "utf-8"),
        (NOTE.encode("utf-16"), "utf-16"),
        (NOTE.encode("utf-16-be"), "utf-16-be"),
        (NOTE.encode("utf-32"), "utf-32"),
        (NOTE.encode("cp1252"), "cp1252"),
    ],
)
def test_text_notes_decode_in_every_common_encoding(encoded: bytes, encoding: str) -> None:
    decoded = decode_text(encoded)

    assert (decoded.text, decoded.encoding, decoded.repaired) == (NOTE, encoding, False)


def test_short_cp1252_note_is_not_mistaken_for_an_asian_encoding() -> None:
    assert decode_text("Temp 98.6°F".encode("cp1252")).text == "Temp 98.6°F"


def test_cyrillic_cp1251_note_still_decodes_as_cyrillic() -> None:
    note = "Пациент жалуется на головную боль и температуру 38°C. План: контроль."

    assert decode_text(note.encode("cp1251")).text == note


@needs_shared_soap
@pytest.mark.parametrize("name", SOAP_FILES)
def test_mojibake_sample_notes_repair_to_their_clean_copies(name: str) -> None:
    clean = (SHARED_SOAP / name).read_text(encoding="utf-8")
    broken = (SHARED_SOAP / "mojibake" / name).read_bytes()

    decoded = decode_text(broken)

    assert decoded.text == clean
    assert decoded.repaired is (broken != clean.encode())


@needs_shared_soap
@pytest.mark.parametrize("name", SOAP_FILES)
def test_clean_sample_notes_come_through_unchanged(name: str) -> None:
    clean = (SHARED_SOAP / name).read_bytes()

    result = extract(clean, filename=name, declared_media_type="text/plain")

    assert result == ExtractedText(
        text=clean.decode(), media_type="text/plain", method="text", encoding="utf-8"
    )


def test_json_text_with_mojibake_is_repaired() -> None:
    assert repair_text("Temp 98.2Â°F â€\u201c afebrile") == "Temp 98.2°F \u2013 afebrile"


def test_json_note_says_it_was_repaired_and_read_as_utf8() -> None:
    repaired = text_note("Temp 98.2Â°F afebrile")
    clean = text_note("Temp 98.2°F afebrile")

    assert (repaired.text, repaired.encoding, repaired.repaired) == (clean.text, "utf-8", True)
    assert clean.repaired is False


def test_newlines_become_line_feeds_and_control_characters_go() -> None:
    raw = "S: cough\r\nO: clear\rA: URI\x00\x07\u2028P: rest\tfluids\x1b"

    assert repair_text(raw) == "S: cough\nO: clear\nA: URI\nP: rest\tfluids"


def test_text_is_normalised_to_nfc() -> None:
    assert repair_text("Cafe\u0301 au lait spots") == "Caf\u00e9 au lait spots"


def test_quotes_and_html_entities_are_left_as_the_author_wrote_them() -> None:
    text = "Pt says \u201cit\u2019s worse\u201d &amp; BP &gt; 140"

    assert repair_text(text) == text


@pytest.mark.parametrize("blank", [b"", b"   \n\t \r\n", b" \x0b\x0c \n", "\ufeff  ".encode()])
def test_empty_or_whitespace_text_is_refused_as_an_empty_note(blank: bytes) -> None:
    with pytest.raises(EmptyNote) as refused:
        extract(blank, filename="note.txt")

    assert (refused.value.status, refused.value.slug) == (422, "empty-note")


def test_whitespace_json_text_is_refused_as_an_empty_note() -> None:
    with pytest.raises(EmptyNote):
        repair_text(" \n\x00 ")


def test_binary_bytes_are_not_decoded_as_text() -> None:
    noise = bytes(range(256)) * 8

    with pytest.raises(UnsupportedMediaType):
        decode_text(noise)
