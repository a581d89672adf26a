"""One note prepared for the extractors: its sections, sentences and context scopes."""

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from carechart.notes.nlp.context import Context, Scope, find_scopes
from carechart.notes.nlp.schemas import SectionName
from carechart.notes.nlp.sections import FoundSection, find_sections, unjoin
from carechart.notes.nlp.text import Seg, sentences

# Everything said under these headings is about the past or the family, whatever its wording.
_SECTION_CONTEXT = {
    SectionName.HISTORY: Context.HISTORICAL,
    SectionName.SURGICAL_HISTORY: Context.HISTORICAL,
    SectionName.FAMILY_HISTORY: Context.FAMILY,
}


@dataclass(frozen=True, slots=True)
class Sentence:
    seg: Seg
    section: FoundSection


@dataclass(slots=True)
class Document:
    text: str
    sections: list[FoundSection]
    sentences: list[Sentence]  # in text order, never overlapping
    scopes_by_sentence: list[list[Scope]]
    scopes: list[Scope] = field(default_factory=list)
    _section_starts: list[int] = field(default_factory=list)
    _sentence_starts: list[int] = field(default_factory=list)
    # Whole-note scans asked for by more than one extractor (or once per drug), by pattern.
    _scans: dict[re.Pattern[str], list[re.Match[str]]] = field(default_factory=dict)
    _searches: dict[re.Pattern[str], re.Match[str] | None] = field(default_factory=dict)
    _lines: dict[re.Pattern[str], list[tuple[int, int]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Lookups by position use bisection, so a long discharge summary stays linear.
        self.scopes = [scope for group in self.scopes_by_sentence for scope in group]
        self._section_starts = [s.content.start for s in self.sections]
        self._sentence_starts = [s.seg.start for s in self.sentences]

    def matches(
        self, pattern: re.Pattern[str], within: re.Pattern[str] | None = None
    ) -> list[re.Match[str]]:
        """`pattern.finditer(self.text)`, scanned once per note: the text never changes.

        With `within`, only the lines where `within` matches are scanned: for a pattern no match
        of which crosses a line end and each match of which holds one of `within`, the same
        matches, without trying the pattern at every word of the note."""
        found = self._scans.get(pattern)
        if found is None:
            if within is None:
                found = list(pattern.finditer(self.text))
            else:
                lines = self.lines_with(within)
                found = [m for start, end in lines for m in pattern.finditer(self.text, start, end)]
            self._scans[pattern] = found
        return found

    def lines_with(self, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        """The (start, end) of each line where `pattern` matches, its line break left out."""
        found = self._lines.get(pattern)
        if found is None:
            found = self._lines[pattern] = []
            end = -1
            for hit in pattern.finditer(self.text):
                if hit.start() < end:
                    continue
                start = self.text.rfind("\n", 0, hit.start()) + 1
                end = self.text.find("\n", hit.start())
                end = len(self.text) if end < 0 else end
                found.append((start, end))
        return found

    def first(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """`pattern.search(self.text)`, searched once per note."""
        if pattern not in self._searches:
            scanned = self._scans.get(pattern)
            # The first match of a scan is the one a search finds.
            found = pattern.search(self.text) if scanned is None else next(iter(scanned), None)
            self._searches[pattern] = found
        return self._searches[pattern]

    def slice(self, seg: Seg) -> str:
        return self.text[seg.start : seg.end]

    def section_at(self, position: int) -> FoundSection | None:
        """The section whose content holds `position`."""
        index = bisect_right(self._section_starts, position) - 1
        if index < 0:
            return None
        section = self.sections[index]
        return section if position <= section.content.end else None

    def section_name_at(self, position: int) -> SectionName:
        section = self.section_at(position)
        return section.name if section else SectionName.OTHER

    def in_sections(self, *names: SectionName) -> Iterator[Sentence]:
        return (s for s in self.sentences if s.section.name in names)

    def sentence_at(self, position: int) -> Sentence | None:
        """The sentence holding `position`, if any."""
        index = bisect_right(self._sentence_starts, position) - 1
        if index >= 0 and position < self.sentences[index].seg.end:
            return self.sentences[index]
        return None

    def sentences_within(self, start: int, end: int) -> list[Sentence]:
        """The sentences that lie wholly inside `text[start:end]`, in order."""
        first = bisect_left(self._sentence_starts, start)
        last = bisect_left(self._sentence_starts, end)
        return [s for s in self.sentences[first:last] if s.seg.end <= end]

    def sentences_starting(self, start: int, end: int) -> list[Sentence]:
        """The sentences that begin inside `text[start:end]`, the last perhaps running past it."""
        first = bisect_left(self._sentence_starts, start)
        last = bisect_left(self._sentence_starts, end)
        return self.sentences[first:last]

    def scopes_over(self, start: int, end: int) -> list[Scope]:
        """The cue-word scopes that reach into `text[start:end]`."""
        first = max(0, bisect_right(self._sentence_starts, start) - 1)
        last = bisect_left(self._sentence_starts, end)
        return [
            scope
            for group in self.scopes_by_sentence[first:last]
            for scope in group
            if scope.span.overlaps(start, end)
        ]

    def contexts(self, start: int, end: int) -> set[Context]:
        """Contexts that reach into `text[start:end]`, from cue words and from the section."""
        found = {scope.context for scope in self.scopes_over(start, end)}
        section = self.section_at(start)
        if section is not None and section.name in _SECTION_CONTEXT:
            found.add(_SECTION_CONTEXT[section.name])
        return found

    def is_excluded(self, start: int, end: int) -> bool:
        """True when a mention is denied, in the past or about a relative: never active."""
        return bool(
            self.contexts(start, end) & {Context.NEGATED, Context.HISTORICAL, Context.FAMILY}
        )


def prepare(text: str) -> Document:
    """Cut the note into sections and sentences and find every context scope once.

    The document's text is the note's with the joins of a one-line export turned back into
    line breaks (`unjoin`): the same length, so every offset still points into the note.
    """
    text = unjoin(text)
    found = find_sections(text)
    all_sentences = [
        Sentence(seg, section)
        for section in found
        for part in section.parts
        for seg in sentences(text, part.start, part.end)
    ]
    scopes = find_scopes(text, [s.seg for s in all_sentences])
    return Document(text, found, all_sentences, scopes)
