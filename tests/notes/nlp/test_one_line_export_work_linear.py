"""A medication list exported as one line ("Metformin 1000 mg PO BID, lisinopril 20 mg PO daily,
...") costs work in proportion to its length: no drug it names reads the rest of the line for a
future time, a stay qualifier or a clock time. The work is counted (characters the patterns and
the drug finder are given), never timed; `python -m bench.medication_scaling` times it; the
bounded reads are checked to find what the whole line's would."""

from typing import Any

import pytest

from carechart.notes.nlp import analyse, medications
from carechart.notes.nlp.medication_status import BEFORE_CUE, FUTURE
from tests.notes.nlp.counting import Counting

_ITEMS = [
    "Metformin 1000 mg PO BID with meals",
    "lisinopril 20 mg PO daily - hold for SBP < 100",
    "Albuterol HFA 90 mcg 2 puffs q4-6h PRN wheeze",
    "Insulin glargine 32 units SC qHS; lispro sliding scale AC/HS",
    "Start Toprol XL 25 mg daily; titrate to HR < 100",
    "Consider duloxetine 30 mg daily if pain persists",
]


def _one_line(items: int) -> str:
    return "MEDICATIONS: " + ", ".join(_ITEMS[i % len(_ITEMS)] for i in range(items)) + "\n"


def _characters_read(monkeypatch: pytest.MonkeyPatch, text: str) -> int:
    counters = {name: Counting(getattr(medications, name)) for name in ("FUTURE", "_CLOCK_TIME")}
    finder = medications.find_drug_names
    given = []

    def counted_finder(text: str, start: int, end: int) -> Any:
        given.append(max(0, end - max(start, 0)))
        return finder(text, start, end)

    with monkeypatch.context() as patch:
        for name, counter in counters.items():
            patch.setattr(medications, name, counter)
        patch.setattr(medications, "find_drug_names", counted_finder)
        analyse(text)
    return sum(c.read for c in counters.values()) + sum(given)


def test_one_line_export_twice_as_long_reads_about_twice_as_much(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    short = _characters_read(monkeypatch, _one_line(60))
    long = _characters_read(monkeypatch, _one_line(120))
    assert long < 2.5 * short  # quadratic reading gave about 4


_TEXTS = [
    "Start prednisone 40 mg tomorrow AM, metformin 500 mg daily once eating well.",
    "resume apixaban in 3 days; hold aspirin until next visit: then aspirin 81 mg",
    "Begin iron once QuantiFERON and CBC come back clear. Continue statin next week",
    "insulin glargine 10 units qHS, start lisinopril once BP stable\nat discharge: stop",
    "warfarin 5 mg, restart in 2 weeks after the procedure, 3.5 mg when able; as outpatient",
    "nothing here at all but commas, and more commas, tomorrow",
]


@pytest.mark.parametrize("text", _TEXTS)
def test_future_read_to_the_barrier_finds_what_the_whole_line_finds(text: str) -> None:
    for start in range(len(text)):
        for clause_end in range(start, len(text) + 1):
            bounded = medications._past_barrier(text, clause_end, len(text))
            whole = [m.span() for m in FUTURE.finditer(text, start, len(text))]
            near = [m.span() for m in FUTURE.finditer(text, start, bounded)]
            assert [s for s in near if s[0] < clause_end] == [s for s in whole if s[0] < clause_end]


_STAY_TEXTS = [
    "thiamine 100 mg daily and folic acid 1 mg daily while inpatient, then stop",
    "heparin SQ while admitted; famotidine while NPO during the stay while in hospital",
    "no stay words here at all",
    "while inpatientwhile admitted during this admission",
]


@pytest.mark.parametrize("text", _STAY_TEXTS)
def test_stay_phrase_starts_answer_as_a_search_from_each_position(text: str) -> None:
    medications._stay_phrase_starts.cache_clear()
    starts = medications._stay_phrase_starts(text)
    for position in range(len(text) + 1):
        later = any(s >= position for s in starts)
        assert later == (medications._WHILE_ADMITTED.search(text, position) is not None)


def test_a_shared_stay_tail_still_reaches_the_first_order_on_one_line() -> None:
    listed = ", ".join(["Metformin 1000 mg PO BID", "lisinopril 20 mg PO daily"] * 10)
    pair = "Thiamine 100 mg PO daily and folic acid 1 mg daily"

    def statuses(tail: str) -> set[str]:
        text = f"Encounter Date: 2025-03-04\nPlan: {listed}, {pair}{tail}\n"
        found = {m.name.lower(): m.status.value for m in analyse(text).medications}
        return {found["thiamine"], found["folic acid"]}

    assert statuses(" while inpatient") == {"given"}
    assert statuses("") == {"started"}


@pytest.mark.parametrize(
    ("text", "drug", "status"),
    [
        (
            "Encounter Date: 2025-03-04\nPlan: We will start apixaban 5 mg twice\n"
            "daily tomorrow after the procedure.\n",
            "apixaban",
            "proposed",
        ),
        (
            "Encounter Date: 2025-03-04\nMedications: lisinopril 10 mg daily.\n"
            "Plan: Hold lisinopril today; resume home lisinopril\ntomorrow.\n",
            "lisinopril",
            "held",
        ),
    ],
)
def test_a_time_on_the_next_line_of_a_wrapped_sentence_is_still_read(
    text: str, drug: str, status: str
) -> None:
    found = {m.name.lower(): m.status.value for m in analyse(text).medications}
    assert found[drug] == status


_PRN_TEXTS = [
    "PRN: acetaminophen 650 mg, As needed meds : ondansetron 4 mg\nPRNs:\toxycodone",
    "no labels, prn pain, as needed for sleep: melatonin, PRN MEDICATIONS: senna",
    "PRNPRN: x, prn  meds  :",
]


@pytest.mark.parametrize("text", _PRN_TEXTS)
def test_prn_labels_found_once_answer_as_a_search_of_each_span(text: str) -> None:
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            searched = medications._PRN_LABEL.search(text, start, end) is not None
            assert medications._prn_label_before(text, start, end) == searched


def _opens_a_list(text: str, start: int, end: int) -> bool:
    """The colon-list rule as it reads the line: the last status word before `end` opens a
    list with a colon, and no sentence ends between it and `end`."""
    last = None
    for found in BEFORE_CUE.finditer(text, start, end):
        last = found
    if last is None or not medications._OPENS_LIST.match(text, last.end()):
        return False
    return medications._SENTENCE_END.search(text, last.end(), end) is None


_COLON_TEXTS = [
    "You received: aspirin 324 mg, famotidine 20 mg IV. Continue: metformin; stop: x",
    "Stopped : lisinopril, hold: apixaban, continue metformin 500 mg. started: insulin",
    "MEDICATIONS: started aspirin, continued: statin;  given :heparin, d/c'd: foo.",
]


@pytest.mark.parametrize("text", _COLON_TEXTS)
def test_no_open_colon_only_where_no_status_word_opens_a_list(text: str) -> None:
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            if medications._no_open_colon(text, start, end):
                assert not _opens_a_list(text, start, end)


def test_the_colon_texts_open_lists() -> None:
    # The check above is not empty: these texts open lists where the rule reads them.
    opened = sum(
        _opens_a_list(text, 0, end) for text in _COLON_TEXTS for end in range(len(text) + 1)
    )
    assert opened > 10


_CONDITION_TEXTS = [
    "if BP stays high, start amlodipine; should pain persist take ibuprofen unless nauseated",
    "in case of fever. if if, unless:\nshould x if",
]


@pytest.mark.parametrize("text", _CONDITION_TEXTS)
def test_open_condition_searched_after_the_last_comma_as_from_the_start(text: str) -> None:
    medications._condition_closers.cache_clear()
    pattern = medications._OPEN_CONDITION
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            after = max(start, medications._after_last_comma(text, end))
            near = pattern.search(text, after, end) is not None
            assert near == (pattern.search(text, start, end) is not None)
