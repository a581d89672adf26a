"""Scans made once per note, and scans skipped when a note lacks their words, find exactly
what the plain scans find."""

import re

import pytest

from carechart.notes.nlp import allergy_layouts, medication_status
from carechart.notes.nlp.allergy_layouts import screening_answers, withdrawn
from carechart.notes.nlp.document import prepare

TEXT = (
    "Admitted for CAP; hospital day 3. Allergies: penicillin allergy delabelled 2022.\n"
    "Sulfa allergy was removed from the allergy list after testing. Latex? -> NO.\n"
    "Eggs - YES (hives). No longer considered allergic to codeine. Stopped taking her\n"
    "lisinopril; previously on metformin, may restart; consider apixaban vs warfarin.\n"
)

# Written for these tests: withdrawals, answers and their near misses.
WITHDRAWALS = [
    "Amoxicillin allergy de-labelled after an oral challenge.",
    "Allergy to sulfa was entered in error per pharmacy.",
    "Deleted her cefazolin allergy.",
    "Passed an oral amoxicillin challenge today; allergy label removed.",
    "Not truly allergic to ciprofloxacin.",
    "Morphine allergy ruled out.",
    "PCN allergy - no longer active.",
    "Morphine - itching (Inactive)",
    "Codeine - nausea (Resolved)",
    "codeine (nausea) - not a true allergy",
]


def test_a_scan_made_once_per_note_is_the_pattern_s_own() -> None:
    doc = prepare(TEXT)
    for pattern in (re.compile(r"\ballerg\w*", re.I), re.compile(r"hospital day \d")):
        plain = [(m.span(), m.group()) for m in pattern.finditer(TEXT)]
        assert [(m.span(), m.group()) for m in doc.matches(pattern)] == plain
        assert doc.first(pattern) is not None
        assert doc.first(pattern).span() == pattern.search(TEXT).span()  # type: ignore[union-attr]
        # Made once: asked again, the note gives back the same scan and the same match.
        assert doc.matches(pattern) is doc.matches(pattern)
        assert doc.first(pattern) is doc.first(pattern)
    absent = re.compile(r"\bzoster\b")
    assert doc.matches(absent) == []
    assert doc.first(absent) is None


def test_a_search_after_the_scan_is_its_first_match() -> None:
    doc = prepare(TEXT)
    pattern = re.compile(r"\b(?:stopped|previously|consider)\b", re.I)
    doc.matches(pattern)
    assert doc.first(pattern).group() == "Stopped"  # type: ignore[union-attr]


@pytest.mark.parametrize("cues", [medication_status.BEFORE_CUE, medication_status.AFTER_CUE])
def test_the_cue_alternation_finds_the_same_with_its_word_start_tested_first(
    cues: re.Pattern[str],
) -> None:
    assert cues.pattern.startswith(medication_status._WORD_START)
    plain = re.compile(cues.pattern.removeprefix(medication_status._WORD_START), cues.flags)
    for position in range(len(TEXT)):
        fast = [(m.span(), m.groupdict()) for m in cues.finditer(TEXT, position)]
        assert fast == [(m.span(), m.groupdict()) for m in plain.finditer(TEXT, position)]


@pytest.mark.parametrize("sentence", WITHDRAWALS)
def test_every_withdrawal_holds_a_word_the_note_is_screened_for(sentence: str) -> None:
    matches = [m for p in allergy_layouts._WITHDRAWN for m in p.finditer(sentence)]
    assert matches, sentence
    for match in matches:
        assert allergy_layouts._WITHDRAWAL_WORD.search(match.group())
    assert withdrawn(prepare("Allergies: none other.\n" + sentence)).spans


def test_a_withdrawal_is_still_read_and_a_note_without_one_reads_none() -> None:
    taken_back = withdrawn(prepare(TEXT))
    assert len(taken_back.spans) >= 2
    assert taken_back.denied  # "Latex? -> NO"
    plain = withdrawn(prepare("Allergies: penicillin (hives). Latex - no reaction.\n"))
    assert plain.spans == []
    assert plain.denied == []


def test_a_screening_answer_is_still_read() -> None:
    answers = screening_answers(
        prepare("Allergy to latex, eggs?  Eggs - NO.  Latex - YES (rash)\n")
    )
    assert [(a.substance, a.reaction) for a in answers] == [("Latex", "rash")]
    for sentence in ("Eggs? Yes - hives", "Latex - POSITIVE (contact rash)"):
        matches = list(allergy_layouts._SCREENED_YES.finditer(sentence))
        assert matches, sentence
        for match in matches:
            assert allergy_layouts._YES_WORD.search(match.group())
    assert screening_answers(prepare("Allergy to latex, eggs?  Eggs - no.  Latex - no\n")) == []


LINE_SCOPED = [(p, allergy_layouts._WITHDRAWAL_WORD) for p in allergy_layouts._WITHDRAWN] + [
    (allergy_layouts._ABOUT_ALLERGY, allergy_layouts._ALLERGY_WORD),
    (allergy_layouts._SCREENED_NO, allergy_layouts._QUESTION_MARK),
    (allergy_layouts._SCREENED_YES, allergy_layouts._YES_WORD),
]
NOTE = "\n".join(
    [
        TEXT,
        *WITHDRAWALS,
        "Penicillin allergy evaluation: anaphylaxis in 2010.",
        "Eggs? Yes - hives",
        "Latex - POSITIVE (contact rash)",
        "Sulfa? no",
        # Shapes that are not read: a withdrawal word with no allergy, an allergy with no word.
        "Sutures removed today.",
        "Penicillin allergy",
        "Resolved.\nAmoxicillin - rash",
    ]
)


@pytest.mark.parametrize("index", range(len(LINE_SCOPED)))
def test_a_scan_of_the_lines_holding_its_word_finds_what_the_whole_note_scan_finds(
    index: int,
) -> None:
    pattern, word = LINE_SCOPED[index]
    whole = [(m.span(), m.groupdict()) for m in pattern.finditer(NOTE)]
    doc = prepare(NOTE)
    assert [(m.span(), m.groupdict()) for m in doc.matches(pattern, word)] == whole
    assert all("\n" not in NOTE[start:end] for (start, end), _ in whole)


def test_a_note_without_the_word_scans_no_line() -> None:
    doc = prepare("Allergies: penicillin (hives).\nLatex - rash.\n")
    assert doc.lines_with(allergy_layouts._WITHDRAWAL_WORD) == []
    assert doc.matches(allergy_layouts._WITHDRAWN[0], allergy_layouts._WITHDRAWAL_WORD) == []
