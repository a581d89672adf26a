"""What a table's own columns say of the drug that opens a row (issue 11).

A reconciliation form writes its decision in a column of capitals after the home and hospital
doses ("Amlodipine | 5 mg daily | 10 mg daily | CHANGE: 10 mg daily"); an exported summary
(C-CDA flattened to text) gives each row a Status cell under a "Status" heading ("Active",
"Completed", "Discontinued"). Either is the row's verdict, whatever the dose cells say.
"""

import re
from bisect import bisect_right
from functools import lru_cache

from carechart.notes.nlp.medication_status import CUE_RANK, LABEL_CUE, StatusCue, cue_status
from carechart.notes.nlp.schemas import MedicationStatus
from carechart.notes.nlp.text import Seg

_S = MedicationStatus

# A row opens with its drug, after a number, a bullet or a table's first bar at most.
_ROW_OPENS = re.compile(r"[ \t]*(?:\|[ \t]*)?(?:\d{1,3}[.)]?[ \t]+)?(?:[-*\u2022][ \t]+)?")
# A cell opening with an action in capitals, after "|", a tab or a gap of two spaces or more:
# "| STOP - avoid", "   NEW - 2 puffs", "\tHOLD". The last such cell of a row is the decision
# (the discharge column comes after the home and hospital ones: "HELD 3/2 ...   RESUME").
_ACTION_CELL = re.compile(
    # A blank run is tried from its start only: from every space of a long run it was quadratic.
    r"(?:\|[ \t]*|(?<![ \t])[ \t]{2,}|\t)(?P<action>NEW|START(?:ED)?|CHANGED?|INCREASED?|DECREASED?"
    r"|STOP(?:PED)?|DISCONTINUED?|D/C|REMOVED?|DELETED?|HOLD|HELD|RESUMED?|CONTINUED?"
    # "| inpt only", "  INPATIENT ONLY": the row was an order of the stay, not taken home.
    r"|(?i:(?:inp(?:atien)?t|in-?house|hospital|stay)\.?[ \t]+only)"
    # A plain-text table's last column, written in capitalised words: "metoprolol succinate
    # 25 mg daily (was 50 mg)    Changed", "   Stop - falls". Only as the row's last cell, so
    # a sentence's "  New rash on the arm" is no verdict.
    r"|(?:New|Start(?:ed)?|Changed?|Increased?|Decreased?|Stop(?:ped)?|Discontinued?|Hold"
    r"|Held|Resumed?|Continued?)(?=[ \t]*(?:$|[-\u2013\u2014:(][ \t]*\w)))"
    r"(?![A-Za-z])"
)
_ACTIONS = {
    "NEW": _S.STARTED,
    "START": _S.STARTED,
    "CHANGE": _S.CHANGED,
    "INCREASE": _S.CHANGED,
    "DECREASE": _S.CHANGED,
    "STOP": _S.STOPPED,
    "DISCONTINUE": _S.STOPPED,
    "D/C": _S.STOPPED,
    # "REMOVE from list (not taking)", "DELETE - not taking": a review clears from the list a
    # drug the patient already no longer takes: one of the past, not stopped at this visit.
    "REMOVE": _S.HISTORICAL,
    "DELETE": _S.HISTORICAL,
    "HOLD": _S.HELD,
    "HELD": _S.HELD,
    "RESUME": _S.RESUMED,
    "CONTINUE": _S.CONTINUED,
}
_SUFFIXES = ("ED", "D")


def _action(word: str) -> MedicationStatus:
    if word.lower().endswith("only"):
        return _S.GIVEN  # given during the stay only
    word = word.upper()
    if word in _ACTIONS:
        return _ACTIONS[word]
    for suffix in _SUFFIXES:  # "STOPPED", "CHANGED", "RESUMED", "STARTED"
        stem = word.removesuffix(suffix)
        if stem in _ACTIONS:
            return _ACTIONS[stem]
        if stem.endswith("PP") and stem[:-1] in _ACTIONS:
            return _ACTIONS[stem[:-1]]
    return _S.UNKNOWN


def opens_row(text: str, line: Seg, name: Seg) -> bool:
    opening = _ROW_OPENS.match(text, line.start, name.start)
    return opening is not None and opening.end() == name.start


def action_column(text: str, line: Seg, name: Seg) -> StatusCue | None:
    """The status a row's action column gives the drug that opens the row, if it has one."""
    if not opens_row(text, line, name):
        return None
    actions = list(_ACTION_CELL.finditer(text, name.end, line.end))
    if not actions:
        return None
    last = actions[-1]
    status = _action(last.group("action"))
    if status is _S.HISTORICAL:
        # "REMOVED from list in error, resume": the cell takes the removal back.
        cell_end = text.find("|", last.end(), line.end)
        undone = _UNDONE.search(text, last.end(), line.end if cell_end < 0 else cell_end)
        if undone is not None:
            status = _S.RESUMED if undone["resume"] else _S.CONTINUED
    return StatusCue(status, CUE_RANK, last.start("action"))


# Words in a removal's cell that take it back: "removed in error", "resume", "keep on list".
_UNDONE = re.compile(
    r"\b(?:(?P<resume>resum\w*|restart\w*|re-?add\w*)|in error|by mistake|erroneous\w*"
    r"|continu\w*|keep\w*|still taking)\b",
    re.I,
)


# A Status cell's word: "Active", "Completed", "Discontinued (fatigue)", "On hold"; and a
# "Taking?" cell's answer: "Yes", "Taking differently", "PRN" take it; "No", "No - never
# started", "Not taking" tell of a drug on the list the patient does not take (one of the past,
# not one stopped at this visit).
_STATUS_WORDS = (
    (re.compile(r"(?:active|current|taking|yes|prn|as needed)\b", re.I), _S.CONTINUED),
    (re.compile(r"(?:no|not[ \t]+taking|never)\b", re.I), _S.HISTORICAL),
    (re.compile(r"(?:completed|inactive|expired|historical|past)\b", re.I), _S.HISTORICAL),
    (re.compile(r"(?:discontinued|stopped|cancell?ed)\b", re.I), _S.STOPPED),
    (re.compile(r"(?:on[ -]hold|held|suspended)\b", re.I), _S.HELD),
    (re.compile(r"(?:new|started)\b", re.I), _S.STARTED),
)
_STATUS_HEADING = re.compile(
    r"(?:medication |med |drug )?status|(?:patient |pt\.? |currently )?taking ?\??", re.I
)
_HEADER_REACH = 60  # rows looked back for the table's heading row


def _cells(row: str, separator: str) -> list[str]:
    cells = [c.strip() for c in row.split(separator)]
    if separator == "|" and row.strip().startswith("|"):
        cells = cells[1:]  # "| Naproxen | ..." has an empty cell before its first bar
    return cells


@lru_cache(maxsize=4)
def _separators(text: str) -> dict[tuple[int, int], str | None]:  # noqa: ARG001 (the key)
    """The rows' separators found so far in `text`, by row."""
    return {}


def _separator(text: str, line: Seg) -> str | None:
    """What separates the cells of a row: a tab, else a bar used twice; found once per row, as a
    one-line export's row stands under every drug it names."""
    known = _separators(text)
    key = (line.start, line.end)
    if key not in known:
        row = text[line.start : line.end]
        known[key] = "\t" if "\t" in row else "|" if row.count("|") >= 2 else None
    return known[key]


def _status_word(cell: str) -> StatusCue | None:
    for pattern, status in _STATUS_WORDS:
        if pattern.match(cell):
            return StatusCue(status, CUE_RANK)
    return None


# The heading row of a table aligned with spaces, as an EHR prints its medication list:
# "Medication        Sig              Taking?". Its first cell names the drugs; the Status or
# "Taking?" cell stands after a gap of two spaces or more.
_ALIGNED_HEADING = re.compile(
    r"^[ \t]*(?:current[ \t]+|outpatient[ \t]+|home[ \t]+)*(?:medications?|meds?|drugs?|name)"
    r"\b[^\n\t|]*?[ ]{2,}(?P<head>(?:(?:medication|med|drug)[ ]+)?status|(?:patient[ ]+|pt\.?[ ]+"
    r"|currently[ ]+)?taking[ ]?\??)[ ]*(?:[ ]{2,}[^\n]*)?$",
    re.I | re.M,
)
_ALIGNED_REACH = 40  # rows, wrapped lines included, read under an aligned heading
_CELL_END = re.compile(r"[ ]{2,}|$", re.M)


@lru_cache(maxsize=4)
def _aligned_headings(text: str) -> list[tuple[int, int, int]]:
    """Each aligned heading row of `text` with a Status or "Taking?" cell: the row's start and
    end, and the cell's column; one scan of the note, kept while its drugs are read (a note
    without "status" or "taking" is not scanned)."""
    lowered = text.lower()
    if "taking" not in lowered and "status" not in lowered:
        return []
    return [
        (m.start(), m.end(), m.start("head") - m.start()) for m in _ALIGNED_HEADING.finditer(text)
    ]


def _aligned_status(text: str, line: Seg) -> StatusCue | None:
    """The status the cell under an aligned Status or "Taking?" heading gives the row: the
    heading is the nearest one above, with no blank line between, within a few rows."""
    headings = _aligned_headings(text)
    if not headings:
        return None
    at = bisect_right(headings, (line.start,)) - 1
    if at < 0:
        return None
    _, head_end, column = headings[at]
    between = text[head_end : line.start]
    if "\n\n" in between or between.count("\n") > _ALIGNED_REACH or "\n \n" in between:
        return None
    start = line.start + column
    if start >= line.end or text[start - 1] not in " \t" or text[start] in " \t":
        return None  # the row has no cell where the heading's column starts
    end = _CELL_END.search(text, start, line.end)
    return _status_word(text[start : line.end if end is None else end.start()])


def status_column(text: str, line: Seg, name: Seg) -> StatusCue | None:
    """The status a table's Status column gives the drug that opens the row: the rows of a
    block of tab- or bar-separated lines, or of lines aligned with spaces, under a heading row
    with a cell "Status" or "Taking?"."""
    if not opens_row(text, line, name):
        return None
    separator = _separator(text, line)
    if separator is None:
        return _aligned_status(text, line)
    row = text[line.start : line.end]
    lines = text[: line.start].split("\n")[:-1]
    for above in reversed(lines[-_HEADER_REACH:]):
        if separator not in above:
            return None  # the block ended: no heading row
        headings = _cells(above, separator)
        column = next((i for i, h in enumerate(headings) if _STATUS_HEADING.fullmatch(h)), None)
        if column is None:
            continue
        cells = _cells(row, separator)
        if column >= len(cells):
            return None
        return _status_word(cells[column])
    return None


# A printed reconciliation's key to its row markers: "KEY: [=] same as home  [+] new  [~] dose
# changed  [X] stopped". Each row then opens with its marker: " [+]  acetaminophen 500 mg".
_LEGEND_LINE = re.compile(r"^[ \t]*(?:key|legend)[ \t]*:(?P<body>[^\n]*)$", re.I | re.M)
_MARK = r"\[[^\]\n]{1,3}\]"
_LEGEND_ITEM = re.compile(rf"(?P<mark>{_MARK})[ \t]*(?:=[ \t]*)?(?P<words>[^\[\n]*)")
_ROW_MARK = re.compile(rf"[ \t]*(?P<mark>{_MARK})[ \t]*")
_MARK_ORDER = (_S.STOPPED, _S.HELD, _S.RESUMED, _S.CHANGED, _S.STARTED, _S.CONTINUED, _S.GIVEN)


@lru_cache(maxsize=4)
def _legend(text: str) -> dict[str, MedicationStatus]:
    marks: dict[str, MedicationStatus] = {}
    for line in _LEGEND_LINE.finditer(text):
        for item in _LEGEND_ITEM.finditer(line["body"]):
            found = [cue_status(cue) for cue in LABEL_CUE.finditer(item["words"])]
            found = [status for status in found if status in _MARK_ORDER]
            if found:
                marks[item["mark"]] = min(found, key=_MARK_ORDER.index)
    return marks


def legend_mark(text: str, line: Seg, name: Seg) -> StatusCue | None:
    """The status the note's key gives the marker that opens the drug's row, if any."""
    opening = _ROW_MARK.match(text, line.start, name.start)
    if opening is None or opening.end() != name.start:
        return None
    status = _legend(text).get(opening["mark"])
    return None if status is None else StatusCue(status, CUE_RANK)
