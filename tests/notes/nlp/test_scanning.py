"""`quick` patterns find exactly what the plain ones find, only sooner."""

import re

import pytest

from carechart.notes.nlp.scanning import faster, quick

TEXT = (
    "HOSPITAL DAY 3. Inpatient on the floor; MAR reviewed, mar not. POD#2 after the op.\n"
    "Seen in the MICU nurse station, then ICU transfer. Length of stay: 4 days. LOS 4.\n"
    "Kelvin \u212a and long s \u017f, caf\u00e9 \u00c9COLE, 10 mg at 16:00 today.\n"
)

PATTERNS = [
    (r"\bhospital day\b|\bPOD ?#?\d|\binpatient\b|(?-i:\bMAR\b)|\bICU\b(?![ \t]+nurse)", re.I),
    (r"(?<![\w/-])(?:(?P<k>k)|(?P<s>s\w+)|(?P<e>\u00e9cole))", re.I),
    (r"(?:at|by|@)\s*(?:[01]?\d|2[0-3]):?[0-5]\d\b", re.I),
    (r"(?i:today)|LOS|Length", 0),
    (r"(?:pt |patient )?(?:seen|on)\b", re.I),
    (r"\b(?:day|stay)  # a comment at the end", re.I | re.X),
    # Opened by a named group (the cues of a status), or by a space or digit ("HbA1c", "4 days").
    (r"(?P<given>seen|reviewed)\b|(?P<held>not)\b", re.I),
    (r"(?<![\w/-])(?:(?P<n0>(?:hb|hgb)?\s?a1c|stay)|(?P<n1>\d+ days))", re.I),
    (r"\s?(?:mg|days)\b|\d{2}:\d{2}", 0),
]


@pytest.mark.parametrize(("source", "flags"), PATTERNS)
def test_quick_finds_what_the_plain_pattern_finds(source: str, flags: int) -> None:
    plain = re.compile(source, flags)
    fast = quick(source, flags)

    def found(pattern: re.Pattern[str]) -> list[object]:
        return [(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(TEXT)]

    assert found(fast) == found(plain)
    for position in range(len(TEXT)):
        plain_match = plain.match(TEXT, position)
        fast_match = fast.match(TEXT, position)
        assert (plain_match and plain_match.span()) == (fast_match and fast_match.span())


@pytest.mark.parametrize(
    "source",
    [r"^\s*Plan", r"\A\w+", r"Plan:", r".*day", r"(?:day)?", r"(?i)day|stay"],
)
def test_patterns_the_engine_already_scans_well_are_left_alone(source: str) -> None:
    pattern = re.compile(source, re.M)
    assert faster(pattern) is pattern


@pytest.mark.parametrize(
    "source",
    [r"(?P<given>seen|reviewed)\b", r"(?:hb|hgb)?\s?a1c|stay", r"(?i:\d+) days|stay"],
)
def test_a_named_group_space_or_digit_opening_still_gets_the_lookahead(source: str) -> None:
    pattern = re.compile(source, re.I)
    assert faster(pattern) is not pattern


@pytest.mark.parametrize("source", [r"(?i)day|stay", r"(?x) day | stay", r"\w+ days|stay"])
def test_global_flags_and_a_word_opening_are_still_left_alone(source: str) -> None:
    pattern = re.compile(source)
    assert faster(pattern) is pattern
