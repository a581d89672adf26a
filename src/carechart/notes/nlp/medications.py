"""Medications: name, dose, route, frequency, PRN and what the note does with them."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from carechart.notes.nlp.document import Document
from carechart.notes.nlp.dosing import Dosing, parse_dosing
from carechart.notes.nlp.lexicon import NOT_NAMES, SALTS, find_drug_names
from carechart.notes.nlp.schemas import Medication, MedicationStatus, SectionName, Span
from carechart.notes.nlp.text import Seg, trim

_S = MedicationStatus
# An unlisted name is still a drug when a dose follows it: "Eliquis 5 mg", "Tylenol 650 mg".
# It must be capitalised or open a line, so "(previously 20 mg)" names nothing.
_DOSED_WORD = re.compile(
    r"\b(?P<base>[A-Za-z][a-z]{3,})(?=\s+\d+(?:\.\d+)?\s*(?:mg|mcg|g|units|mEq)\b(?!\s*/\s*d?l))"
)
_LINE_OPENING = re.compile(r"[ \t]*(?:[-*•]|\d{1,2}[.)])?[ \t]*$")
_CUES: list[tuple[MedicationStatus, str]] = [
    (_S.STARTED, r"start(?:ed|ing)?|initiat(?:e|ed|ing)|begin|began|commence[ds]?|add(?:ed)?"),
    (_S.STARTED, r"new(?:ly)?|prescrib(?:e|ed)|placed on|put on|trial of|resum(?:e|ed)|rx"),
    (_S.STARTED, r"restart(?:ed)?"),
    (_S.CONTINUED, r"continu(?:e|ed|ing)|cont\.?|remains? on|maintain(?:ed)?|unchanged"),
    (_S.CHANGED, r"increas(?:e|ed|ing)|decreas(?:e|ed|ing)|titrat(?:e|ed|ing)|adjust(?:ed)?"),
    (_S.CHANGED, r"chang(?:e|ed|ing)|switch(?:ed)?|reduc(?:e|ed)|wean(?:ed)?|taper(?:ed)?"),
    (_S.CHANGED, r"transition(?:ed)? to|modified"),
    (_S.STOPPED, r"stop(?:ped)?|discontinu(?:e|ed)|d/c(?:'?d)?|dc'?d|hold|held|cease[ds]?|off"),
    (_S.STOPPED, r"completed|finished"),
]
_CUE = re.compile(
    "|".join(
        f"(?P<{status.value}{i}>(?<![\\w/])(?:{p})(?![\\w/]))"
        for i, (status, p) in enumerate(_CUES)
    ),
    re.IGNORECASE,
)
# Section -> status when nothing else is said: a prescription starts the drug.
_SECTION_DEFAULT = {SectionName.PRESCRIPTIONS: _S.STARTED}
# In these sections a drug's details run on over the next lines ("Sig:", "Dispense:").
_LIST_SECTIONS = {SectionName.PRESCRIPTIONS, SectionName.MEDICATIONS}
_SKIP_SECTIONS = {SectionName.ALLERGIES, SectionName.SIGNATURE, SectionName.FAMILY_HISTORY}
_SALT = re.compile(rf"\s+(?:{SALTS})$", re.I)
# Status evidence: an explicit word (or a list heading such as "STOP:") beats a section's
# default, which beats nothing.
_CUE_RANK, _DEFAULT_RANK, _NO_RANK = 2, 1, 0
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")
# A list entry also ends where the next bulleted or numbered entry begins.
_NEXT_ENTRY = re.compile(r"\n[ \t]*(?:[-*\u2022]|\d{1,2}[.)])[ \t]")
# "consider ketotifen if redness persists": a suggestion, not a drug the patient takes. The
# suggestion reaches the name only within one phrase ("Considering her kidneys, start X" starts X).
_PROPOSED = re.compile(
    r"(?<![\w/])(?:consider(?:ing)?|(?:may|could) (?:try|consider|add))(?![\w/])[^,;:.()]*$",
    re.IGNORECASE,
)
_ENTRY_ENDS = (_BLANK_LINE, _NEXT_ENTRY)
_DANGLING = re.compile(r"[\s,;]+(?:and|or|then|with|w/)?[\s,;]*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Mention:
    name: Seg
    key: str
    section: SectionName
    window: Seg
    status: MedicationStatus
    rank: int
    evidence: Seg
    dosing: Dosing


def _names(doc: Document, seg: Seg) -> list[Seg]:
    found = [Seg(start, end) for start, end in find_drug_names(doc.text, seg.start, seg.end)]
    for match in _DOSED_WORD.finditer(doc.text, seg.start, seg.end):
        word = Seg(match.start(), match.end())
        if _is_unlisted_name(doc, word) and not any(
            f.overlaps(word.start, word.end) for f in found
        ):
            found.append(word)
    return sorted(found, key=lambda f: f.start)


def _is_unlisted_name(doc: Document, word: Seg) -> bool:
    if doc.slice(word).lower() in NOT_NAMES:
        return False
    line_start = doc.text.rfind("\n", 0, word.start) + 1
    if _in_parentheses(doc.text, word.start, line_start):
        return False
    opens_line = _LINE_OPENING.match(doc.text, line_start, word.start) is not None
    return opens_line or doc.text[word.start].isupper()


def medication_key(name: str) -> str:
    """What identifies a drug across mentions and notes: lower case, without its salt or form."""
    return " ".join(_SALT.sub("", name).lower().split())


def _in_parentheses(text: str, start: int, clause_start: int) -> bool:
    before = text[clause_start:start]
    return before.count("(") > before.count(")")


# After the name only words that cannot be a purpose count: "aspirin - stop", "(new)", but
# not "niacin to increase HDL".
_AFTER_CUE = re.compile(
    r"(?<![\w/])(?P<started>started|initiated|added|new)(?![\w/])"
    r"|(?<![\w/])(?P<continued>continued?|unchanged)(?![\w/])"
    r"|(?<![\w/])(?P<changed>increased|decreased|changed|adjusted|titrated|reduced|switched)(?![\w/])"
    r"|(?<![\w/])(?P<stopped>stop(?:ped)?|discontinued?|hold|held|d/c'?d|completed|finished)(?![\w/])",
    re.IGNORECASE,
)


def _cue_status(match: re.Match[str]) -> MedicationStatus:
    group = next(name for name, value in match.groupdict().items() if value is not None)
    return MedicationStatus(group.rstrip("0123456789"))


def _line_of(text: str, position: int) -> Seg:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return Seg(start, len(text) if end < 0 else end)


def _clause(doc: Document, name: Seg) -> Seg:
    sentence = doc.sentence_at(name.start)
    seg = sentence.seg if sentence else _line_of(doc.text, name.start)
    start = doc.text.rfind(";", seg.start, name.start) + 1 or seg.start
    end = doc.text.find(";", name.end, seg.end)
    return Seg(max(start, seg.start), seg.end if end < 0 else end)


def _window(doc: Document, listed: bool, name: Seg, clause: Seg, limit: int) -> Seg:
    if not listed:
        return Seg(name.end, min(limit, clause.end))
    # A list entry runs on over its "Sig:" and "Dispense:" lines until a blank line.
    ends = [m.start() for m in (p.search(doc.text, name.end, limit) for p in _ENTRY_ENDS) if m]
    return Seg(name.end, min(ends, default=limit))


def _list_labels(
    doc: Document, section_content: Seg, names: list[Seg]
) -> list[tuple[int, MedicationStatus]]:
    """Lines such as "New medications:" or "STOP taking:" that set the status of those below."""
    labels: list[tuple[int, MedicationStatus]] = []
    position = section_content.start
    while position < section_content.end:
        line = _line_of(doc.text, position)
        body = trim(doc.text, line.start, min(line.end, section_content.end))
        has_drug = any(line.start <= n.start < line.end for n in names)
        cue = _CUE.search(doc.text, body.start, body.end)
        if cue and not has_drug and body.end - body.start <= 60:
            labels.append((line.start, _cue_status(cue)))
        position = line.end + 1
    return labels


@dataclass(frozen=True, slots=True)
class _Status:
    status: MedicationStatus
    rank: int
    cue_start: int | None = None


def _status(doc: Document, name: Seg, clause: Seg, window: Seg, default: _Status | None) -> _Status:
    if _in_parentheses(doc.text, name.start, clause.start):
        return _Status(_S.UNKNOWN, _NO_RANK)  # "(pt report loratadine limited effect)"
    before = [
        m
        for m in _CUE.finditer(doc.text, clause.start, name.start)
        if not _in_parentheses(doc.text, m.start(), clause.start)
    ]
    if before:
        return _Status(_cue_status(before[-1]), _CUE_RANK, before[-1].start())
    line_end = min(window.end, _line_of(doc.text, name.end).end)
    after = _AFTER_CUE.search(doc.text, name.end, line_end)
    if after:
        return _Status(_cue_status(after), _CUE_RANK)
    return default or _Status(_S.UNKNOWN, _NO_RANK)


def _evidence(doc: Document, name: Seg, window: Seg, status: _Status, others: list[Seg]) -> Seg:
    """From the status word (when it is next to the name) to the end of the dosing."""
    line = _line_of(doc.text, name.start)
    start = name.start
    cue = status.cue_start
    if (
        cue is not None
        and cue >= line.start
        and not any(cue < o.start < name.start for o in others)
    ):
        start = cue
    end = min(window.end, line.end)
    next_cue = _CUE.search(doc.text, name.end, end) if cue is not None else None
    end = next_cue.start() if next_cue else end  # "hold metformin, start insulin": stop at "start"
    opened = doc.text.rfind("(", start, end)
    if opened > doc.text.rfind(")", start, end):
        end = opened  # do not end the evidence inside a parenthesis it never closes
    end = start + len(_DANGLING.sub("", doc.text[start:end]))
    return trim(doc.text, start, end, " \t\r\n,;.")


def _default_at(
    labels: list[tuple[int, MedicationStatus]], position: int, section: SectionName
) -> _Status | None:
    chosen = None
    for start, status in labels:
        if start <= position:
            chosen = _Status(status, _CUE_RANK)
    fallback = _SECTION_DEFAULT.get(section)
    return chosen or (_Status(fallback, _DEFAULT_RANK) if fallback else None)


def _section_mentions(
    doc: Document, section_name: SectionName, content: Seg, excluded: list[Seg]
) -> list[_Mention]:
    names = _names(doc, content)
    listed = section_name in _LIST_SECTIONS
    labels = _list_labels(doc, content, names) if listed else []
    mentions: list[_Mention] = []
    for index, name in enumerate(names):
        if doc.is_excluded(name.start, name.end) or any(
            e.overlaps(name.start, name.end) for e in excluded
        ):
            continue
        clause = _clause(doc, name)
        if _PROPOSED.search(doc.text, clause.start, name.start):
            continue
        limit = names[index + 1].start if index + 1 < len(names) else content.end
        window = _window(doc, listed, name, clause, limit)
        default = _default_at(labels, name.start, section_name)
        status = _status(doc, name, clause, window, default)
        mentions.append(
            _Mention(
                name=name,
                key=medication_key(doc.slice(name)),
                section=section_name,
                window=window,
                status=status.status,
                rank=status.rank,
                evidence=_evidence(doc, name, window, status, names),
                dosing=parse_dosing(doc.slice(window)),
            )
        )
    return mentions


def _merge(doc: Document, mentions: list[_Mention]) -> list[Medication]:
    groups: dict[str, list[_Mention]] = {}
    for mention in mentions:
        groups.setdefault(mention.key, []).append(mention)
    merged = [_merged(doc, group) for group in groups.values()]
    return sorted(merged, key=lambda m: m.mentions[0].start)


def _first(values: Iterable[str | None]) -> str | None:
    return next((v for v in values if v), None)


def _primary(mention: _Mention) -> tuple[int, bool, int]:
    # The strongest statement wins; between equal statements the later one (the plan comes after
    # the history); with no statement at all a medication list beats prose, then the first.
    listed = mention.section in _LIST_SECTIONS
    return mention.rank, listed, mention.name.start if mention.rank else -mention.name.start


def _merged(doc: Document, group: list[_Mention]) -> Medication:
    primary = max(group, key=_primary)
    ordered = [primary, *(m for m in group if m is not primary)]
    # Dose, route and frequency are read together from the first mention that gives a dose, so a
    # "hold lisinopril, IV fluids" does not lend its "IV" to the home dose.
    dosed = [m for m in ordered if m.dosing.dose] + [m for m in ordered if not m.dosing.dose]
    return Medication(
        name=" ".join(doc.slice(primary.name).lower().split()),
        dose=_first(m.dosing.dose for m in dosed),
        route=_first(m.dosing.route for m in dosed),
        frequency=_first(m.dosing.frequency for m in dosed),
        prn=any(m.dosing.prn for m in group),
        status=primary.status,
        section=primary.section,
        text=doc.slice(primary.evidence),
        start=primary.evidence.start,
        end=primary.evidence.end,
        mentions=[Span(start=m.name.start, end=m.name.end) for m in group],
    )


def extract_medications(doc: Document, excluded: list[Seg]) -> list[Medication]:
    """Every medication the note mentions as taken, merged per drug; denied ones are left out.

    `excluded` holds spans that name a drug without it being taken (allergies, lab results).
    """
    mentions = [
        mention
        for section in doc.sections
        if section.name not in _SKIP_SECTIONS
        for mention in _section_mentions(doc, section.name, section.content, excluded)
    ]
    return _merge(doc, mentions)
