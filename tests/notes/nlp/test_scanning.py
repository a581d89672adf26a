"""`quick` patterns find exactly what the plain ones find, only sooner."""

import re

import pytest

from carechart.notes.nlp import allergies, labs
from carechart.notes.nlp.medication_status import (
    _AFTER,
    _BEFORE,
    _WORD_START,
    AFTER_CUE,
    BEFORE_CUE,
    _cues_source,
)
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
    # For the pairs: a match of one character, repeats, a negated class or inner flags second.
    (r"(?<![\w/-])(?:k|ma?r|(?:hb){0,3}x|s[^a]|(?-i:I)cu|e\W|\u212a\w)(?![\w-])", re.I),
    (r"(?<!\w)(?P<d>\d)(?:\.\d+)?|(?i:lo)s|(?a:\d)\s", 0),
    (r"(?<=[ \t])(?:(?:pt|patient)[ ]){1,2}|on\b|\bFloor", re.I),
    (r"(?<!(?P<x>[a-z]))(?:seen|ICU)", 0),
]


@pytest.mark.parametrize("pairs", [False, True])
@pytest.mark.parametrize(("source", "flags"), PATTERNS)
def test_quick_finds_what_the_plain_pattern_finds(source: str, flags: int, pairs: bool) -> None:
    plain = re.compile(source, flags)
    fast = quick(source, flags, pairs=pairs)

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


def test_pairs_put_the_opening_look_behind_before_the_first_two_characters() -> None:
    fast = quick(r"(?<![\w/-])(?:ldl|hdl(?:-c)?|k)\b", re.I, pairs=True)
    assert fast.pattern.startswith(r"(?=[hkl])(?<![\w/-])(?=[hl][d]|[k])")


def test_a_look_behind_holding_a_group_is_not_repeated() -> None:
    fast = quick(r"(?<!(?P<x>[a-z]))(?:seen|icu)", re.I, pairs=True)
    assert fast.pattern.count("(?P<x>") == 1
    assert fast.groupindex == {"x": 1}


@pytest.mark.parametrize(
    ("source", "pairs"),
    [(r"s.x|icu", "(?=[i][c]|[s])"), (r"(?:x|)y|ab", "(?=[a][b]|[x][y]|[y])")],
)
def test_a_match_may_end_or_open_with_any_character_after_its_first(
    source: str, pairs: str
) -> None:
    fast = quick(source, re.I, pairs=True).pattern
    assert fast == fast.replace(pairs, "", 1).replace(")(?:", ")" + pairs + "(?:", 1)


@pytest.mark.parametrize("source", [r"(a)\1b|ab", r"\sa|.b"])
def test_no_pairs_when_a_first_character_or_a_part_cannot_be_told(source: str) -> None:
    assert quick(source, re.I, pairs=True).pattern == quick(source, re.I).pattern


def _lab_lines() -> str:
    lines = []
    for index, name in enumerate(labs._LONG_NAMES):
        value = f"{index % 9}.{index % 7}"
        lines.append(
            f"{name} {value} mg/dL (ref 0.5-1.2) H; x{name.lower()} 4, -{name.upper()}: {value}"
        )
        lines.append(
            f"{name}, fasting ... {index} / {name[:2]}{name[-1]} 2 \u212a \u017f {name[::-1]} 3"
        )
    return (
        "\n".join(lines) + "\nHgb A1c 7.4%, hb a1c 8, total chol 190, 25-OH vit D 30, spKt/V 1.3."
    )


def test_the_lab_names_scan_finds_what_the_plain_pattern_finds() -> None:
    text = _lab_lines()
    plain = re.compile(labs._LONG_SOURCE, re.I)

    def found(pattern: re.Pattern[str]) -> list[object]:
        return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]

    assert len(found(plain)) > len(labs._LONG_NAMES)
    assert found(labs._LONG) == found(plain)
    for position in range(len(text)):
        plain_match = plain.match(text, position)
        fast_match = labs._LONG.match(text, position)
        assert (plain_match and plain_match.span()) == (fast_match and fast_match.span())


_CUE_TEXT = (
    "Previously on metformin, was on lisinopril; stopped taking her Lasix 2/2 and held the "
    "warfarin. Started on the amlodipine today, x1 today, x 2 weeks, once daily, stat dose.\n"
    "Continue through 03/03; continued atorvastatin, day 3 of 5, (day 1 = today), as usual, "
    "per usual; refilled x 90 days, renewed, as previously prescribed. Tried in 2019, 5 yrs ago, "
    "a year ago, as a child. \u00b1 aspirin, +/- heparin, d/c'd Keflex, s/p PCI, rx sent.\n"
    "DISCONTINUED: metoprolol. Will START prednisone; may help; discussed. Take 1 tab. "
    "switch to losartan; increase the dose -dc- /stopped, pre-held, x1-2 doses,\u212a \u017ftarted."
)
_ALLERGY_TEXT = (
    "ALLERGIES: penicillin (rash)\n  ---- Allergies ----\nAllergies/ADRs -- sulfa\n"
    "Drug allergies - see red band: none\nAllergies reviewed today - NKDA\n"
    "Reviewed the allergy list - latex\n\tallergy list unchanged (sulfa - rash)\n"
    "NKDA except: codeine. No known drug allergies other than for iodine.\n"
    "Known allergies:\n=== Medication Allergies ===\nintolerances verified - ok\n"
)


@pytest.mark.parametrize(
    ("fast", "source", "flags", "text"),
    [
        (BEFORE_CUE, _WORD_START + _cues_source(_BEFORE), re.I, _CUE_TEXT),
        (AFTER_CUE, _WORD_START + _cues_source(_AFTER), re.I, _CUE_TEXT),
        (allergies._LABEL, allergies._LABEL_SOURCE, re.I | re.M, _ALLERGY_TEXT),
    ],
    ids=["before-cues", "after-cues", "allergy-labels"],
)
def test_the_cue_and_label_scans_find_what_the_plain_patterns_find(
    fast: re.Pattern[str], source: str, flags: int, text: str
) -> None:
    plain = re.compile(source, flags)

    def found(pattern: re.Pattern[str]) -> list[object]:
        return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]

    assert len(found(plain)) >= 8
    assert found(fast) == found(plain)
    for position in range(len(text)):
        for end in (len(text), position + 12):  # a window cut short, as the cues are searched
            plain_match = plain.search(text, position, end)
            fast_match = fast.search(text, position, end)
            assert (plain_match and plain_match.span()) == (fast_match and fast_match.span())
