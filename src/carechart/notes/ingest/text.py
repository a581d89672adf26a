"""Turns text bytes into clean note text: encoding detection, mojibake repair, normalisation."""

import codecs
import logging
import unicodedata

import charset_normalizer
import ftfy

from carechart.notes.exceptions import EmptyNote, UnsupportedMediaType
from carechart.notes.ingest.results import DecodedText, ExtractedText
from carechart.notes.ingest.sniff import guess_format

logging.getLogger("charset_normalizer").setLevel(logging.WARNING)

# UTF-32 first: its little-endian BOM begins with the UTF-16 one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)
# Only encoding repairs: quotes, widths, ligatures and HTML entities are the author's text.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
)
_KEPT_CONTROLS = "\t\n\r\f\v"
_CONTROLS = [*range(0x20), 0x7F, *range(0x80, 0xA0)]
_BINARY = dict.fromkeys(c for c in _CONTROLS if chr(c) not in _KEPT_CONTROLS)
_STRIPPED = dict.fromkeys(c for c in [*_CONTROLS, 0xFEFF] if chr(c) not in "\t\n")
_NEWLINES = str.maketrans(dict.fromkeys("\r\v\f\u2028\u2029", "\n"))
# Text with more binary control characters than this is binary data that happened to decode.
_MAX_CONTROL_RATIO = 0.01
# Formats that decode as text but are markup, not a note.
_MARKUP_FORMATS = frozenset({"application/rtf", "application/postscript"})


def decode_text(data: bytes) -> DecodedText:
    """Decodes and repairs a text note; refuses binary content (415) and blank notes (422)."""
    raw, encoding = _text_of(data)
    text, repaired = repair(raw)
    _require_text(text)
    return DecodedText(text=text, encoding=encoding, repaired=repaired)


def refuse_binary(data: bytes) -> None:
    """Refuses (415) the bytes decode_text refuses as binary, without repairing their text."""
    _text_of(data)


def _text_of(data: bytes) -> tuple[str, str]:
    decoded = _decode(data)
    if decoded is None or _looks_binary(decoded[0], guess_format(data)):
        raise UnsupportedMediaType
    return decoded


def text_note(text: str) -> ExtractedText:
    """A note that arrived as a string (JSON), repaired; refuses a blank note (422)."""
    repaired, fixed = repair(text)
    _require_text(repaired)
    return ExtractedText.from_text(repaired, repaired=fixed)


def repair_text(text: str) -> str:
    """Repairs note text that arrived as a string (JSON); refuses a blank note (422)."""
    repaired, _ = repair(text)
    _require_text(repaired)
    return repaired


def repair(text: str) -> tuple[str, bool]:
    """Fixes mojibake, then normalises newlines, control characters and Unicode (NFC).

    Returns the text and whether mojibake was fixed.
    """
    fixed = ftfy.fix_text(text, _FTFY)
    normalised = fixed.replace("\r\n", "\n").translate(_NEWLINES).translate(_STRIPPED)
    return unicodedata.normalize("NFC", normalised), fixed != text


def _require_text(text: str) -> None:
    if not text.strip():
        raise EmptyNote


def _decode(data: bytes) -> tuple[str, str] | None:
    """The text and the name of its encoding, or None when no text encoding fits."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError:
                break
    # NUL bytes are valid UTF-8, but in text they mean UTF-16 or UTF-32 without a BOM.
    if b"\x00" in data:
        return _detect(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _detect(data)


def _detect(data: bytes) -> tuple[str, str] | None:
    """Asks charset-normalizer, preferring cp1252 when it reads the bytes as cleanly."""
    best = charset_normalizer.from_bytes(data).best()
    # Short Western notes fool the detector (cp1252 read as Big5 or mac_latin2): cp1252,
    # by far the commonest legacy encoding here, wins whenever it is as plausible.
    western = charset_normalizer.from_bytes(data, cp_isolation=["cp1252"]).best()
    if western is not None and (best is None or western.chaos <= best.chaos):
        best = western
    if best is None:
        return None
    return str(best), codecs.lookup(best.encoding).name


def _looks_binary(text: str, known_format: str | None) -> bool:
    """Whether decoded bytes are really binary data, or a format other than a note."""
    controls = len(text) - len(text.translate(_BINARY))
    if known_format is not None:
        # A signature matched ("BM" of BMP begins "BMI 24"): only clean text overrides it.
        return controls > 0 or known_format in _MARKUP_FORMATS
    return controls > len(text) * _MAX_CONTROL_RATIO
