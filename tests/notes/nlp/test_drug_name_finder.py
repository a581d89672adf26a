"""The drug-name finder reads a stretch of a note word by word: every name is found where it is
written, however the text around it is cased or what letters stand before it."""

import pytest

from carechart.notes.nlp.vocabulary import find_drug_names


def _found(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, str]]:
    end = len(text) if end is None else end
    return [(text[n.start : n.end], n.drug.key) for n in find_drug_names(text, start, end)]


@pytest.mark.parametrize(
    "text",
    [
        # A letter that lowers to two characters ("İ" -> "i̇") stands before the names.
        "Seen by Dr. İlhan İnce: LISINOPRIL 10 mg daily, DuoNebs prn, metformin ER 500 mg.",
        "Seen by Dr. Ilhan Ince: LISINOPRIL 10 mg daily, DuoNebs prn, metformin ER 500 mg.",
    ],
)
def test_names_are_found_where_they_are_written_whatever_precedes_them(text: str) -> None:
    found = _found(text)
    assert [written for written, _ in found] == ["LISINOPRIL", "DuoNebs", "metformin ER"]


def test_a_stretch_cut_inside_a_word_reads_only_its_own_letters() -> None:
    text = "Meds: lisinopril 10 mg, aspirin 81 mg"
    start = text.index("aspirin") + 1  # "spirin ..." names no drug
    assert _found(text, start) == []
    assert [w for w, _ in _found(text, 0, text.index(","))] == ["lisinopril"]


def test_words_that_open_no_name_find_nothing() -> None:
    assert _found("Patient walks 30 minutes most days; denies chest pain.") == []
