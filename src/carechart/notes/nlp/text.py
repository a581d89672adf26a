"""Character-offset helpers: lines, sentences, list items and trimmed spans of a note."""

import re
from collections.abc import Iterator
from dataclasses import dataclass

_LINE = re.compile(r"[^\r\n]*")
# "#1 HTN", "#2) Gout", "# 3 Eczema": a problem list's number after its hash.
_BULLET = re.compile(
    r"[ \t]*(?:#[ \t]?\d{1,2}[.):]?(?=[ \t])|[-*•·>#]+|\(?\d{1,2}[.)](?!\d)"
    r"|\(?[a-z][.)](?=\s))[ \t]*"
)
# End of a sentence: terminal punctuation, spaces, then something that can start a sentence.
_SENTENCE_END = re.compile(r"[.!?]+(?=[ \t]+[\"'(\[]?[A-Z0-9])")
# A token before a period that does not end the sentence ("Dr. Reynolds", "approx. 5").
_ABBREVIATIONS = frozenset(
    {"dr", "mr", "mrs", "ms", "st", "vs", "approx", "no", "pt", "hx", "sx", "tx", "dx", "fig"}
    | {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)
_STARTS_CONTINUATION = re.compile(r"[ \t]*[a-z]")
_ENDS_STATEMENT = re.compile(r"[.!?:;][ \t]*$")


@dataclass(frozen=True, slots=True)
class Seg:
    """A half-open character range of the note."""

    start: int
    end: int

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def contains(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def fold(text: str) -> str:
    """Lower case with every offset kept, so matches in it index the original text."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters grow when lowered ("İ" -> "i̇"); those keep their case.
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def trim(text: str, start: int, end: int, chars: str = " \t\r\n") -> Seg:
    """The range without leading and trailing `chars`."""
    if start < end and text[start] not in chars and text[end - 1] not in chars:
        return Seg(start, end)  # most ranges: nothing to trim, no loop
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return Seg(start, end)


def lines(text: str, start: int, end: int) -> Iterator[Seg]:
    """Each line of `text[start:end]`, without its line break."""
    position = start
    while position <= end:
        match = _LINE.match(text, position, end)
        line_end = match.end() if match else position
        yield Seg(position, line_end)
        if line_end >= end:
            return
        # One line break is "\n", "\r\n" or a lone "\r".
        step = 2 if text.startswith("\r\n", line_end) else 1
        position = line_end + step


def strip_bullet(text: str, seg: Seg) -> Seg:
    """The line without a leading bullet or list number ("- ", "2. ", "a) ")."""
    match = _BULLET.match(text, seg.start, seg.end)
    start = match.end() if match else seg.start
    return trim(text, start, seg.end)


def blocks(text: str, start: int, end: int) -> Iterator[Seg]:
    """Runs of lines that belong together: a wrapped line joins the one before it."""
    current: Seg | None = None
    for line in lines(text, start, end):
        body = trim(text, line.start, line.end)
        if body.start == body.end:
            if current is not None:
                yield current
            current = None
            continue
        joins = (
            current is not None
            and _STARTS_CONTINUATION.match(text, line.start, line.end) is not None
            and _ENDS_STATEMENT.search(text, current.start, current.end) is None
        )
        if current is not None and joins:
            current = Seg(current.start, body.end)
        else:
            if current is not None:
                yield current
            current = body
    if current is not None:
        yield current


def sentences(text: str, start: int, end: int) -> list[Seg]:
    """Sentences of `text[start:end]`; a line break ends one unless the next line continues it."""
    found: list[Seg] = []
    for block in blocks(text, start, end):
        begin = block.start
        for match in _SENTENCE_END.finditer(text, block.start, block.end):
            if _is_abbreviation(text, begin, match.start()):
                continue
            found.append(trim(text, begin, match.end()))
            begin = match.end()
        found.append(trim(text, begin, block.end))
    return [seg for seg in found if seg.end > seg.start]


# "in 72 h.", "x 48 h.": a lower-case unit after a number ends its sentence; it is no initial.
_UNIT_AFTER_NUMBER = re.compile(r"\d[ \t]*[a-z]\Z")


def _is_abbreviation(text: str, begin: int, period: int) -> bool:
    word_start = period
    while word_start > begin and not text[word_start - 1].isspace():
        word_start -= 1
    token = text[word_start:period].lstrip("(")
    if token.endswith((")", "]")):
        return False  # "(on HCTZ, K 3.6).": the bracket is closed, so the sentence is too
    # One letter is an initial ("Emily G. Williams"); an inner dot is "b.i.d." or "e.g."; a
    # number opening the line numbers a list item ("1. Pneumonia").
    initial = (
        len(token) == 1 and token.isalpha() and not _UNIT_AFTER_NUMBER.search(text, begin, period)
    )
    list_number = token.isdigit() and not text[begin:word_start].strip()
    return not token or initial or list_number or "." in token or token.lower() in _ABBREVIATIONS


def split_items(text: str, start: int, end: int, separators: re.Pattern[str]) -> list[Seg]:
    """Split a range at `separators` that are outside parentheses; each piece is trimmed."""
    pieces: list[Seg] = []
    begin = start
    for match in separators.finditer(text, start, end):
        if _paren_depth(text, begin, match.start()) > 0:
            continue
        pieces.append(trim(text, begin, match.start(), " \t\r\n,;"))
        begin = match.end()
    pieces.append(trim(text, begin, end, " \t\r\n,;"))
    return [piece for piece in pieces if piece.end > piece.start]


def _paren_depth(text: str, start: int, end: int) -> int:
    chunk = text[start:end]
    return chunk.count("(") - chunk.count(")") + chunk.count("[") - chunk.count("]")


def clip_at(text: str, seg: Seg, pattern: re.Pattern[str]) -> Seg:
    """The range cut before the first match of `pattern`, trimmed."""
    match = pattern.search(text, seg.start, seg.end)
    end = match.start() if match else seg.end
    return trim(text, seg.start, end, " \t\r\n,;:-\u2013")
