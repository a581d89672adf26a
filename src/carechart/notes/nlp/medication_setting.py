"""Where a note tells of a drug: the account of what the encounter gave, what it put forward,
or a place that has the patient keep it (issue 11).

A reader who finds a drug only in a hospital or ED course, in the description of a procedure or
its anaesthesia, on a list of doses given, or among a consultant's recommendations or a plan's
options knows the note does not have the patient taking it, whatever the sentence seemed to
say ("started on a heparin drip", "recommend starting apixaban"). One mention on a medication
list, a home or discharge list, a prescription, an instruction to continue or take it, a word
that sends it home, or anywhere else in the note (a plan's order, the history) keeps it.
"""

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Literal

from carechart.notes.nlp.scanning import quick
from carechart.notes.nlp.schemas import MedicationStatus, SectionName

_S = MedicationStatus
_N = SectionName


class Setting(Enum):
    """The place of one mention."""

    GIVEN = "given"  # the account of what the encounter gave
    PROPOSED = "proposed"  # recommendations, suggestions, options
    KEPT = "kept"  # anywhere that may have the patient take it


# Where a note tells what was done at the encounter.
# Not FINDINGS: an anticoagulation clinic's "Findings: INR 2.6 on warfarin 5 mg daily" tells
# of a drug taken, not given.
_ADMINISTRATION = {_N.HOSPITAL_COURSE, _N.PROCEDURE, _N.ANESTHESIA}
# Headings and labels of what a consultant or a plan puts forward, not orders: "RECOMMENDATIONS:",
# "Suggestions:", "Options discussed:", "Alternatives:", "Consider:". A recommendation may be an
# order written out; an option never is.
_RECOMMENDED = re.compile(r"\brecommend\w*", re.I)
_OFFERED = re.compile(r"\b(?:suggest\w*|options?|alternatives?|consider(?:ations?)?)\b", re.I)
Suggestion = Literal["recommended", "offered"]
# Recommendations the writer leaves to another team to order, not orders written out:
# "RECOMMENDATIONS (for the primary team to order):", "Recs - defer to primary team",
# "Recommendations to the referring physician".
_LEFT_TO_OTHERS = re.compile(
    r"\b(?:for|to|per|defer(?:red)? to|at the discretion of)\s+(?:the\s+)?"
    r"(?:primary|referring|admitting|requesting|ordering|treating|inpatient|medicine|hospitalist)"
    r"(?:\s+(?:team|service|provider|physician|doctor|clinician|md))?\b",
    re.I,
)


# Words that have the patient take the drug beyond the encounter, wherever the note says them:
# "continue", "resume", "take", "discharged on", "sent home with", "Rx", "at home", "long-term".
_KEEPS = quick(
    r"\b(?:continu\w*|resum\w*|restart\w*|takes?|taking|home|discharged? (?:on|with)"
    r"|(?:at|on|upon|after) discharge|rx|prescri\w*|e-?scribed|dispense\w*|refills?|supply"
    r"|long[- ]term|indefinitely|lifelong|chronic\w*|maintenance|baseline|usual|already on"
    # "BP well controlled on amlodipine", "maintained on", "remains on", "tolerating".
    r"|(?:controlled|maintained|stable|stabili[sz]ed|remains?|remained|well|tolerat\w*) on)\b",
    re.I,
)
# Statuses a mention's own words give that keep the drug going or tell of it held.
_KEEPING_STATUS = {_S.CONTINUED, _S.RESUMED, _S.CHANGED, _S.HELD}


def mention_setting(
    section: SectionName,
    suggested: Suggestion | None,
    listed: bool,
    given_list: bool,
    status: MedicationStatus,
    sentence: str,
    regimen: bool,
    maintained: bool = False,
) -> Setting:
    """The place of one mention. `suggested`: under a heading or label of recommendations or
    options; `listed`: on a medication, home, discharge or prescription list; `given_list`: on
    a list of doses given; `status`: what its own words say; `sentence`: its sentence;
    `regimen`: it is written with how often it is taken; `maintained`: with a standing
    schedule (not as needed, not once): "metoprolol succinate 50 mg daily was started" in a
    course tells of a drug the patient goes on taking, so it keeps the drug as before.

    A recommendation written out as a regimen ("RECOMMENDATIONS: aspirin 81 mg daily and
    ticagrelor 90 mg BID") is the order the writer means to be taken: it keeps the drug; an
    option ("Options: azithromycin three times weekly") does not."""
    if listed or status in _KEEPING_STATUS or _KEEPS.search(sentence):
        return Setting.KEPT
    if given_list:
        return Setting.GIVEN
    if section in _ADMINISTRATION:
        return Setting.KEPT if maintained else Setting.GIVEN
    if suggested == "offered" or (suggested == "recommended" and not regimen):
        return Setting.PROPOSED
    return Setting.KEPT


def told_only_as(settings: Iterable[Setting]) -> Literal["given", "proposed"] | None:
    """What the note makes of a drug all of whose mentions stand in the account of the
    encounter: given when any tells of a dose, else proposed; None when one keeps it."""
    found = set(settings)
    if not found or Setting.KEPT in found:
        return None
    return "given" if Setting.GIVEN in found else "proposed"


# A label opening a line: "Recommendations:", "- Options:", "2. Suggestions -".
_LINE_LABEL = re.compile(
    r"^[ \t]*(?:[-*\u2022][ \t]*|\d{1,2}[.)][ \t]*)?(?P<label>[A-Za-z][A-Za-z /&'()-]{1,40}?)"
    r"[ \t]*(?::|[ \t][-\u2013][ \t])",
    re.M,
)
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")
_BLANK_START = re.compile(r"\n(?=[ \t]*\r?\n)")


@dataclass(frozen=True)
class _Lines:
    """A text's line labels and blank lines, found once for all its mentions."""

    label_starts: list[int]
    label_ends: list[int]
    labels: list[str]
    blank_starts: list[int]  # each newline that a blank line follows


# One note is analysed at a time: its last two texts are enough, and hold no more.
@functools.lru_cache(maxsize=2)
def _lines(text: str) -> _Lines:
    labels = list(_LINE_LABEL.finditer(text))
    return _Lines(
        [m.start() for m in labels],
        [m.end() for m in labels],
        [m["label"] for m in labels],
        [m.start() for m in _BLANK_START.finditer(text)],
    )


def suggestion_at(text: str, heading: str, start: int, name: int) -> Suggestion | None:
    """What the last label that opens a line between the section's start and the name (within
    its paragraph) puts forward, else what the section's heading does: "Options:" offers,
    "RECOMMENDATIONS" recommends.

    The labels and blank lines are found once per text, and each mention looks its own up: a
    scan from the section's start for every mention cost the square of a long list's length.
    A label matches within one line, from its start, so the last one of the section that ends
    by the name is the one a scan from the section's start up to the name would find last."""
    lines = _lines(text)
    last = bisect.bisect_right(lines.label_ends, name) - 1
    in_paragraph = (
        last >= 0
        and lines.label_starts[last] >= start
        and not _blank_line_between(text, lines, lines.label_ends[last], name)
    )
    told = _suggestion(lines.labels[last]) if in_paragraph else None
    return told if told is not None else _suggestion(heading)


def _blank_line_between(text: str, lines: _Lines, start: int, end: int) -> bool:
    """`_BLANK_LINE.search(text, start, end)`: the first blank line from `start` ends first."""
    index = bisect.bisect_left(lines.blank_starts, start)
    if index == len(lines.blank_starts) or lines.blank_starts[index] >= end:
        return False
    found = _BLANK_LINE.match(text, lines.blank_starts[index])
    return found is not None and found.end() <= end


def _suggestion(label: str) -> Suggestion | None:
    if _OFFERED.search(label) or (_RECOMMENDED.search(label) and _LEFT_TO_OTHERS.search(label)):
        return "offered"
    return "recommended" if _RECOMMENDED.search(label) else None
