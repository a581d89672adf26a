"""What one summary item claims beyond its quote being in the note, checked against the note's
words and the chart: a problem the note denies, a value of another test, a drug the note does
not name, no allergies against documented ones, and a drug stopped that the chart keeps (or
the reverse)."""

import re
import unicodedata
from collections.abc import Iterator

from carechart.notes.public import Chart, ChartSeries, MedicationStatus, find_drug_names
from carechart.summaries.providers.local import VITAL_NAMES

_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?")
# A cue that, before the problem in its clause, says the patient does not have it.
_DENIED_BEFORE = re.compile(
    r"(?i)\b(denies|denied|deny|denying|without|negative for|neg for|free of|absence of|absent"
    r"|no evidence of|no signs? of|no history of|no hx of|no(?!\s+(?:change|longer|improvement"
    r"|better|relief|worse)\b)|never had|not consistent with|ruled out|rules out|excluded)\b"
)
# The same said after it: "PE was ruled out", "chest pain: denies", "strep negative".
_DENIED_AFTER = re.compile(
    r"(?i)^\W*(?:(?:was|were|is|has been|been)\s+)?(ruled out|excluded|negative|denied|denies"
    r"|absent|not present|none(?=\s*(?:[.;,]|$)))\b"
)
# A cue that it is only to be excluded: a claim that it is active is not the note's.
_TO_EXCLUDE = re.compile(r"(?i)\b(rule out|r/o|ruling out|evaluate for|to exclude)\b")
_RELATIVE = re.compile(
    r"(?i)\b(family history|family hx|fhx|fh|mother|father|mom|dad|brother|sister|siblings?"
    r"|aunt|uncle|grandmother|grandfather|grandparents?|maternal|paternal|cousin)\b"
)
# A section heading: at a line's start ("Family history:", "FAMILY HISTORY"), or run into the
# text as transcription exports write them (",PAST MEDICAL HISTORY:,").
_HEADING = re.compile(
    r"(?m)^[ \t]*([A-Za-z][A-Za-z /&()-]{0,40}):|^[ \t]*([A-Z][A-Z /&]{3,40})[ \t]*$"
    r"|(?:^|[,.;]\s*)([A-Z][A-Z /&]{3,40}):"
)
_CLAUSE_END = re.compile(r"(?i)[.;!?:](?=[\s,]|$)|\bbut\b|\bhowever\b")


def fold(text: str) -> str:
    """Lower case without accents, the same length as it was for plain ASCII text."""
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if not unicodedata.combining(c)).lower()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text))


def _places(phrase: str, text: str) -> Iterator[tuple[int, int]]:
    """Where the phrase stands in the folded text, whatever the spacing and punctuation."""
    words = _words(phrase)
    if not words:
        return
    pattern = r"(?<![a-z0-9])" + r"[^a-z0-9]+".join(map(re.escape, words)) + r"(?![a-z0-9])"
    for match in re.finditer(pattern, text):
        yield match.start(), match.end()


def _heading_above(text: str, start: int) -> tuple[str, int]:
    """The section heading the text at `start` stands under, and where that heading ends."""
    headings = list(_HEADING.finditer(text, max(0, start - 5000), start))
    if not headings:
        return "", 0
    last = headings[-1]
    under = text[last.end() : start]
    # A heading with its words on its own line ("Family history: father with MI.") ends with
    # that line; any heading ends at a blank line after its words.
    own_line = last.group(3) is None and text[last.end() :].split("\n", 1)[0].strip()
    if (own_line and "\n" in under) or re.search(r"\S[^\n]*\n[ \t]*\n", under):
        return "", 0
    return last.group(1) or last.group(2) or last.group(3) or "", last.end()


# Words that end a denial's reach ("no pressors) due to pyelonephritis, complicated by ...
# lactic acidosis"), as NegEx ends it; beyond them the sentence speaks of something else.
_SCOPE_END = re.compile(
    r"(?i).*\b(?:due to|secondary to|complicated by|presenting with|with|but|however|although"
    r"|except|aside from|apart from|now has|has)\b"
)
_SCOPE_WORDS = 8


def _scope(before: str) -> str:
    """The words a denial before the mention may reach it from: after the last word that ends a
    denial's reach, and at most eight words back ("Denies fever, chills, dysuria ... or
    diarrhea")."""
    ended = _SCOPE_END.match(before)
    if ended:
        before = before[ended.end() :]
    return " ".join(before.split()[-_SCOPE_WORDS:])


def _denied_at(text: str, start: int, end: int, cased: str) -> str | None:
    """Why the mention at text[start:end] is not the patient's problem, or None when it is.
    `cased` is the text before folding (or the folded text when folding changed its length):
    headings written in capitals only ("FAMILY HISTORY") are found in it."""
    heading, under = _heading_above(cased, start)
    line_start = max(text.rfind("\n", 0, start) + 1, under)
    ends = list(_CLAUSE_END.finditer(text, line_start, start))
    clause_start = ends[-1].end() if ends else line_start
    after = text[end : end + 40]
    if _RELATIVE.search(text[clause_start:start]) or _RELATIVE.search(heading):
        return "the note gives it to a relative"
    if _DENIED_BEFORE.search(_scope(text[clause_start:start])) or _DENIED_AFTER.match(after):
        return "the note denies or rules it out"
    if re.search(r"(?i)negative|denies", heading):
        return "the note denies or rules it out"
    if _TO_EXCLUDE.search(text[clause_start:start]):
        return "the note only means to rule it out"
    return None


def problem_denied(name: str, quote: str, texts: tuple[str, ...], uncertain: bool) -> str | None:
    """Why the note does not give the patient this problem, or None. Each place the quote (or,
    in it, the problem's name) stands is read with its clause, line and section: "Denies chest
    pain", "PE ruled out", "Family history: mother with breast cancer" give no problem. One
    place that gives it is enough."""
    reasons: list[str] = []
    for raw in texts:
        text = fold(raw)
        cased = raw if len(raw) == len(text) else text
        for start, end in _places(quote.split("...")[0], text):
            named = next(_places(name, text[start:end]), None) if name else None
            at, to = (start + named[0], start + named[1]) if named else (start, end)
            reason = _denied_at(text, at, to, cased)
            if reason == "the note only means to rule it out" and uncertain:
                reason = None
            if reason is None:
                return None
            reasons.append(reason)
    return reasons[0] if reasons else None


# ---- lab and vital values -------------------------------------------------------------------


def _series_names(series: ChartSeries) -> set[str]:
    names = {series.name, series.name.replace("_", " "), *VITAL_NAMES.get(series.name, ())}
    for measure in series.history:
        written = re.match(r"\s*([A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z][a-z]+)?)", measure.source.text)
        if written:
            names |= {written.group(1), written.group(1).split()[0]}
    return {n for n in names if len(n) > 1}


def _named_in(names: set[str], text: str) -> bool:
    folded = fold(text)
    return any(re.search(rf"(?<![a-z0-9]){re.escape(fold(n))}(?![a-z0-9])", folded) for n in names)


def _unit_after(text: str, end: int) -> str | None:
    found = re.match(r"\s*(%|°\s*[cf]\b|[a-zµ]+(?:/[a-z0-9.]+)?)", text[end:], re.IGNORECASE)
    return fold(found.group(1)).replace(" ", "") if found else None


def _results(series: ChartSeries) -> set[tuple[str, str | None]]:
    """The series' values, each with its unit when known: (value, unit)."""
    found: set[tuple[str, str | None]] = set()
    for m in series.history:
        unit = fold(m.unit).replace(" ", "") if m.unit else None
        for value in (m.value, m.systolic, m.diastolic):
            if value is not None:
                found.add((f"{float(value):g}", unit))
        for number in _NUMBER.finditer(m.source.text):
            found.add((f"{float(number.group(0)):g}", _unit_after(m.source.text, number.end())))
            found.add((f"{float(number.group(0)):g}", unit))
    return found


_UNITS = re.compile(
    r"(?i)^(%|°[cf]|mg/dl|mmol/l|meq/l|g/dl|mmhg|bpm|kg|lbs?|ng/ml|u/l|iu/l|k/ul|ml/min\S*"
    r"|x10\S*|cells/\S+|mcg/\S+|pg/ml|sec|s|min)$"
)


# Numbers beside a result that are none: a goal or a limit ("goal < 7", "target 100-130",
# "> 60"), a stage or grade ("CKD stage 3a"), a count ("x2", "3 times").
_NOT_RESULTS = re.compile(
    r"(?i)\b(?:goal|target|tgt)\b[^)\];,\n]*|[<>≤≥]=?\s*\d+(?:\.\d+)?"
    r"|\b(?:stage|grade|class|type|tier)\s*[0-9]+[a-z]?\b|\bx\s*\d+\b|\b\d+\s*(?:x|times)\b"
)


def value_mismatch(text: str, chart: Chart, bare: str) -> str | None:
    """Why an observation's values are not the results of the test it names, or None. A value
    must be one of that test's own results (in its unit when the text gives one): "LDL 7.9"
    is no LDL when 7.9 is the HbA1c. `bare` is the text with its dates and markers blanked."""
    named = [s for s in [*chart.vitals, *chart.labs] if _named_in(_series_names(s), text)]
    if not named:
        return None
    results = set().union(*(_results(s) for s in named))
    values = {v for v, _ in results}
    bare = _NOT_RESULTS.sub(lambda m: " " * len(m.group(0)), bare)
    for number in _NUMBER.finditer(bare):
        value = f"{float(number.group(0)):g}"
        if value not in values:
            return "the value is not a result of the test it names"
        unit = _unit_after(bare, number.end())
        if unit and _UNITS.match(unit) and (value, unit) not in results:
            known = {u for v, u in results if v == value}
            if known - {None}:
                return "the unit is not that result's"
    return None


# ---- drugs, allergies, stopped or current ---------------------------------------------------


def drugs_of(text: str) -> set[str]:
    return {name.drug.key for name in find_drug_names(text, 0, len(text))}


_STOPPED_WORDS = re.compile(r"(?i)\b(stop\w*|discontinu\w*|d/c'?d|no longer|ended|came off)\b")
_TAKING_WORDS = re.compile(
    r"(?i)\b(continue[sd]?|continuing|takes|taking|still on|remains on|resume[sd]?|restart\w*"
    r"|started|start)\b"
)
# A taking word that is denied ("not taking since March", "do not restart", "declined to
# start", "never started", "no longer taking") says nothing of the drug being current.
_NOT_BEFORE = re.compile(
    r"(?i)\b(?:not|no|never|n't|declined to|refused to|refuses to|stopped)\s+(?:[a-z]+\s+)?$"
)


def _says_taking(text: str) -> bool:
    return any(
        not _NOT_BEFORE.search(text[: m.start()].replace("n't", " n't"))
        for m in _TAKING_WORDS.finditer(text)
    )


_CURRENT = {
    MedicationStatus.STARTED.value,
    MedicationStatus.CONTINUED.value,
    MedicationStatus.CHANGED.value,
    MedicationStatus.RESUMED.value,
}


def state_contradiction(claimed: str, text: str, chart_status: str) -> str | None:
    """Why a medication item's state contradicts the chart, or None: stopped (or held) claimed
    for a drug the chart lists as current, or its text calling current one the chart stopped."""
    says_stopped = claimed in ("stopped", "held") or (
        bool(_STOPPED_WORDS.search(text)) and not _says_taking(text)
    )
    if says_stopped and chart_status in _CURRENT:
        return "the chart holds it as current, not stopped"
    says_taking = _says_taking(text) and not _STOPPED_WORDS.search(text)
    if says_taking and chart_status in ("stopped", "held", "historical"):
        return f"its text calls it current; the chart holds it as {chart_status}"
    return None
