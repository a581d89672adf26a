"""Vital signs with their units normalised (mmHg, bpm, breaths/min, °C, %, cm, kg, kg/m2)."""

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator

from carechart.notes.nlp.document import Document
from carechart.notes.nlp.scanning import quick
from carechart.notes.nlp.schemas import SectionName, Vital, VitalKind
from carechart.notes.nlp.text import Seg, trim

_I = re.IGNORECASE
# Up to a few words between a label and its number: "Weight stable at 192 lbs", "HR: 72".
# A flowsheet row sets the first reading a column apart: "BP               142/90    138/86".
_GAP = r"(?:[ \t]{2,}|[^\d\n;]{0,14}?)"
_NUM = r"(?P<v>\d{1,3}(?:\.\d+)?)"
_BP = quick(
    rf"\b(?:BP|B/P|blood pressure)\b{_GAP}(?P<s>\d{{2,3}})\s*/\s*(?P<d>\d{{2,3}})(?:\s*mm\s*Hg)?",
    _I,
)
# "HR" in capitals only ("38 mm/hr" is a rate of another kind); "pulse oximetry 98%" and
# "pulses 2+" are no heart rate; "HR 70s" is a range, not a reading.
_HR = re.compile(
    rf"(?:\b(?-i:HR)|\bheart rate|\bpulse(?!s|\s*ox))\b{_GAP}{_NUM}(?!s\b|\s*%)"
    r"(?:\s*(?:bpm|beats(?:/| per )min(?:ute)?|/min))?",
    _I,
)
# In a row of vitals one capital letter labels a reading: "T 98.2 F  P 82  BP 128/76". A lone
# "R" is too often the right side ("R 5/5", "R 2nd toe") to be read as respirations alone; in a
# row it is ("P 76, R 14, T 98.4 F").
_LETTER_GAP = r"[ \t]*:?[ \t]*"
_P = quick(rf"(?<![\w/])P{_LETTER_GAP}(?P<v>\d{{2,3}})(?![\d./%])")
_R = quick(rf"(?<![\w/])R{_LETTER_GAP}(?P<v>\d{{1,2}})(?![\w./%])")
_RR = quick(
    rf"\b(?:RR|resp(?:iratory)?(?: rate)?|respirations)\b{_GAP}{_NUM}"
    r"(?:\s*(?:breaths(?:/| per )min(?:ute)?|/min|bpm))?",
    _I,
)
_TEMP_UNIT = r"[ \t]*(?:°|º|deg(?:rees)?)?[ \t]*(?P<u>[FC])?(?![a-z])"
_TEMP = re.compile(rf"\b(?:Tmax|Temp|Temperature)\b{_GAP}{_NUM}{_TEMP_UNIT}", _I)
_T = quick(rf"(?<![\w/-])T{_LETTER_GAP}{_NUM}{_TEMP_UNIT}")
# A flowsheet row may put the per cent in its name: "SpO2 (%)      95".
_SPO2 = quick(
    # "satting 93% on room air", "SATURATING 98%" in dictation.
    r"\b(?:SpO2|SaO2|O2 sat(?:uration)?s?|sat(?:uration)?s?|satting|saturating"
    r"|pulse ox(?:imetry)?)\b"
    rf"(?P<pct>[ \t]*\(%\))?{_GAP}{_NUM}(?(pct)(?![\d.%])|\s*%)",
    _I,
)
_HEIGHT = re.compile(
    r"\b(?:Ht|Height)\b[^\d\n;]{0,8}?(?:(?P<ft>\d)\s*(?:'|\u2032|ft|feet)\s*(?:(?P<in>\d{1,2}(?:\.\d+)?)"
    r"\s*(?:\"|\u2033|''|in(?:ches)?)?)?|" + _NUM + r"\s*(?P<u>cm|m|in(?:ches)?)\b)",
    _I,
)
_WEIGHT = re.compile(rf"\b(?:Wt|Weight)\b{_GAP}{_NUM}\s*(?P<u>kgs?|kilograms?|lbs?|pounds?)\b", _I)
# A change of weight ("weight loss of 10 lb", "weight down 4 kg") or a birth weight is no reading.
_WEIGHT_CHANGE = re.compile(
    r"\b(?:loss|lost|losing|gain(?:ed)?|gaining|change[ds]?|down|up|drop(?:ped)?|increased?"
    r"|decreased?|reduction|by)\b",
    _I,
)
_BIRTH = re.compile(r"\bbirth[ \t-]*$", _I)
# A weight in pounds with the kilograms beside it: "181 lb (82.3 kg)" is read as 82.3 kg.
_KG_BESIDE = re.compile(r"[ \t]*\([ \t]*(?P<v>\d{1,3}(?:\.\d+)?)[ \t]*kgs?\b", _I)
_BMI = re.compile(rf"\bBMI\b{_GAP}(?P<v>\d{{2}}(?:\.\d+)?)", _I)

_LB_TO_KG = 0.45359237
_IN_TO_CM = 2.54
# Readings outside these ranges are another number that happens to follow the label.
_PLAUSIBLE = {
    VitalKind.HEART_RATE: (20.0, 250.0),
    VitalKind.RESPIRATORY_RATE: (4.0, 60.0),
    VitalKind.TEMPERATURE: (30.0, 45.0),
    VitalKind.SPO2: (50.0, 100.0),
    VitalKind.HEIGHT: (30.0, 250.0),
    VitalKind.WEIGHT: (0.5, 400.0),
    VitalKind.BMI: (10.0, 90.0),
}
_ROW_KINDS = 2
_TABLE_KINDS = 3
# A line of a vertical list of readings holds one label and its value (and a word or two).
_LISTED_LINE = 40
_VITAL_SECTIONS = {SectionName.OBJECTIVE, SectionName.HEADER, SectionName.RESULTS}


def _vital(text: str, match: re.Match[str], kind: VitalKind, value: float, unit: str) -> Vital:
    seg = trim(text, match.start(), match.end())
    return Vital(
        kind=kind,
        value=round(value, 1),
        unit=unit,
        text=text[seg.start : seg.end],
        start=seg.start,
        end=seg.end,
    )


def _blood_pressure(text: str, match: re.Match[str]) -> Vital | None:
    systolic, diastolic = int(match["s"]), int(match["d"])
    if not (50 <= systolic <= 300 and 20 <= diastolic <= 200 and diastolic < systolic):
        return None
    seg = trim(text, match.start(), match.end())
    return Vital(
        kind=VitalKind.BLOOD_PRESSURE,
        value=None,
        systolic=systolic,
        diastolic=diastolic,
        unit="mmHg",
        text=text[seg.start : seg.end],
        start=seg.start,
        end=seg.end,
    )


def _temperature(text: str, match: re.Match[str]) -> Vital | None:
    value = float(match["v"])
    unit = (match["u"] or ("F" if value > 50 else "C")).upper()
    if unit == "C":
        return _vital(text, match, VitalKind.TEMPERATURE, value, "°C")
    vital = _vital(text, match, VitalKind.TEMPERATURE, (value - 32) * 5 / 9, "°C")
    return vital.model_copy(update={"original_value": value, "original_unit": "°F"})


def _height(text: str, match: re.Match[str]) -> Vital | None:
    if match["ft"]:
        inches = int(match["ft"]) * 12 + float(match["in"] or 0)
        vital = _vital(text, match, VitalKind.HEIGHT, inches * _IN_TO_CM, "cm")
        return vital.model_copy(update={"original_value": inches, "original_unit": "in"})
    value, unit = float(match["v"]), match["u"].lower()
    if unit == "cm":
        return _vital(text, match, VitalKind.HEIGHT, value, "cm")
    factor = 100.0 if unit == "m" else _IN_TO_CM
    vital = _vital(text, match, VitalKind.HEIGHT, value * factor, "cm")
    return vital.model_copy(update={"original_value": value, "original_unit": unit[:2]})


def _weight(text: str, match: re.Match[str]) -> Vital | None:
    if _WEIGHT_CHANGE.search(text, match.start(), match.start("v")):
        return None
    if _BIRTH.search(text, max(0, match.start() - 8), match.start()):
        return None
    value, unit = float(match["v"]), match["u"].lower()
    if unit.startswith("k"):
        return _vital(text, match, VitalKind.WEIGHT, value, "kg")
    if (kg := _KG_BESIDE.match(text, match.end())) is not None:
        return _vital(text, match, VitalKind.WEIGHT, float(kg["v"]), "kg").model_copy(
            update={"original_value": value, "original_unit": "lb"}
        )
    vital = _vital(text, match, VitalKind.WEIGHT, value * _LB_TO_KG, "kg")
    return vital.model_copy(update={"original_value": value, "original_unit": "lb"})


def _simple(kind: VitalKind, unit: str) -> Callable[[str, re.Match[str]], Vital | None]:
    def build(text: str, match: re.Match[str]) -> Vital | None:
        return _vital(text, match, kind, float(match["v"]), unit)

    return build


_Build = Callable[[str, re.Match[str]], Vital | None]
_EXTRACTORS: list[tuple[re.Pattern[str], _Build]] = [
    (_BP, _blood_pressure),
    (_HR, _simple(VitalKind.HEART_RATE, "bpm")),
    (_RR, _simple(VitalKind.RESPIRATORY_RATE, "breaths/min")),
    (_TEMP, _temperature),
    (_SPO2, _simple(VitalKind.SPO2, "%")),
    (_HEIGHT, _height),
    (_WEIGHT, _weight),
    (_BMI, _simple(VitalKind.BMI, "kg/m2")),
]


# Single letters are readings only beside other readings of the same row.
_LETTER_EXTRACTORS: list[tuple[re.Pattern[str], _Build]] = [
    (_P, _simple(VitalKind.HEART_RATE, "bpm")),
    (_T, _temperature),
    (_R, _simple(VitalKind.RESPIRATORY_RATE, "breaths/min")),
]
# A goal or a threshold is no reading: "Blood pressure goal < 130/80", "Keep SpO2 > 92%".
_TARGET_GAP = re.compile(r"\b(?:goal|target|threshold)\b|[<>≤≥]|\b(?:above|below|under)\b", _I)
_TARGET_BEFORE = re.compile(r"\b(?:goal|target|keep|maintain|aim|titrate|if)\b[^.;\n]*$", _I)


def _is_target(text: str, match: re.Match[str]) -> bool:
    groups = match.re.groupindex
    first = min(match.start(g) for g in ("v", "s", "ft") if g in groups and match[g])
    if _TARGET_GAP.search(text, match.start(), first):
        return True
    return _TARGET_BEFORE.search(text, max(0, match.start() - 30), match.start()) is not None


# A table of vitals names its columns once ("Time   BP      HR   RR  SpO2      GCS") and gives a
# row of readings per time under it; the first row is the first set. Every word of the heading
# must name a column, so a sentence is never read as one.
_COLUMN_KINDS = {
    "bp": VitalKind.BLOOD_PRESSURE,
    "hr": VitalKind.HEART_RATE,
    "pulse": VitalKind.HEART_RATE,
    "p": VitalKind.HEART_RATE,
    "rr": VitalKind.RESPIRATORY_RATE,
    "resp": VitalKind.RESPIRATORY_RATE,
    "r": VitalKind.RESPIRATORY_RATE,
    "temp": VitalKind.TEMPERATURE,
    "t": VitalKind.TEMPERATURE,
    "spo2": VitalKind.SPO2,
    "sao2": VitalKind.SPO2,
    "weight": VitalKind.WEIGHT,
    "wt": VitalKind.WEIGHT,
    "height": VitalKind.HEIGHT,
    "ht": VitalKind.HEIGHT,
    "bmi": VitalKind.BMI,
}
_OTHER_COLUMNS = {"time", "date", "date/time", "etco2", "gcs", "pain", "bgl", "glucose", "map"}
_TABLE_HEAD = re.compile(r"^[ \t]*(?:Date|Time|TIME|BP|Temp)\b[^\n]*$", re.M)
_CELL = re.compile(
    r"(?<![\w./:])(?:\d{1,2}/\d{1,2}/\d{2,4}(?:[ \t]+\d{1,2}:?\d{2})?|\d{1,2}:\d{2}"
    r"|(?P<s>\d{2,3})/(?P<d>\d{2,3})"
    r"|(?P<v>\d{1,3}(?:\.\d+)?)(?:[ \t]*°?(?P<u>%|[CF]|kg|lbs?|cm|in)(?![a-z]))?)"
    r"(?![\w/])"
)
# The units a cell of each column may carry (none, for a count).
_CELL_UNITS = {
    VitalKind.TEMPERATURE: {"", "c", "f"},
    VitalKind.WEIGHT: {"kg", "lb", "lbs"},
    VitalKind.HEIGHT: {"cm", "in"},
    VitalKind.SPO2: {"", "%"},
}
_CELL_UNIT_NAMES = {
    VitalKind.HEART_RATE: "bpm",
    VitalKind.RESPIRATORY_RATE: "breaths/min",
    VitalKind.SPO2: "%",
    VitalKind.BMI: "kg/m2",
}


def _table_readings(text: str) -> Iterator[Vital]:
    """The first row of readings under each heading of a table of vitals."""
    for head in _TABLE_HEAD.finditer(text):
        columns = head[0].split()
        kinds = [_COLUMN_KINDS.get(column.lower()) for column in columns]
        known = all(
            k is not None or c.lower() in _OTHER_COLUMNS
            for c, k in zip(columns, kinds, strict=True)
        )
        if not known or sum(k is not None for k in kinds) < _TABLE_KINDS:
            continue
        row_start = head.end() + 1
        row_end = text.find("\n", row_start)
        cells = _CELL.finditer(text, row_start, len(text) if row_end < 0 else row_end)
        for kind, cell in zip(kinds, cells, strict=False):
            vital = _cell_reading(text, cell, kind) if kind else None
            if vital is not None and _plausible(vital):
                yield vital


def _cell_reading(text: str, cell: re.Match[str], kind: VitalKind) -> Vital | None:
    if kind is VitalKind.BLOOD_PRESSURE:
        return _blood_pressure(text, cell) if cell["s"] else None
    unit = (cell["u"] or "").lower()
    if cell["v"] is None or unit not in _CELL_UNITS.get(kind, {""}):
        return None
    if kind is VitalKind.TEMPERATURE:
        return _temperature(text, cell)
    if kind is VitalKind.WEIGHT:
        return _weight(text, cell)
    value = float(cell["v"])
    if kind is VitalKind.HEIGHT:
        return _vital(text, cell, kind, value if unit == "cm" else value * _IN_TO_CM, "cm")
    return _vital(text, cell, kind, value, _CELL_UNIT_NAMES[kind])


def _ranges(doc: Document) -> list[Seg]:
    # Vitals belong to the exam; a BMI quoted again in the assessment is not a second reading.
    chosen = [s.content for s in doc.sections if s.name in _VITAL_SECTIONS]
    objective = any(s.name is SectionName.OBJECTIVE for s in doc.sections)
    return chosen if objective else [Seg(0, len(doc.text))]


def _candidates(text: str) -> Iterator[tuple[Vital, bool]]:
    """Every plausible reading of the note, and whether it came from a single-letter label."""
    for extractors, letter in ((_EXTRACTORS, False), (_LETTER_EXTRACTORS, True)):
        for pattern, build in extractors:
            for match in pattern.finditer(text):
                if _is_target(text, match):
                    continue
                vital = build(text, match)
                if vital is not None and _plausible(vital):
                    yield vital, letter


def _rows(text: str, vitals: list[tuple[Vital, bool]]) -> dict[int, set[VitalKind]]:
    """The kinds read on each row (by its line's start): a row of vitals holds several.

    Short lines one under another, a reading each ("BP       126/80" then "HR       104"), are
    one row written as a column.
    """
    lines: dict[int, set[VitalKind]] = {}
    listed: set[int] = set()
    for vital, _ in vitals:
        start = text.rfind("\n", 0, vital.start) + 1
        lines.setdefault(start, set()).add(vital.kind)
        end = text.find("\n", start)
        short = (len(text) if end < 0 else end) - start <= _LISTED_LINE
        if short and not text[start : vital.start].strip(" \t|-*\u2022"):
            listed.add(start)
    rows: dict[int, set[VitalKind]] = {}
    previous = -1
    for start in sorted(lines):
        above = text.rfind("\n", 0, start - 1) + 1
        if start in listed and previous == above:
            rows[start] = rows[previous]
            rows[start] |= lines[start]
        else:
            rows[start] = set(lines[start])
        previous = start if start in listed else -1
    return rows


def _plausible(vital: Vital) -> bool:
    bounds = _PLAUSIBLE.get(vital.kind)
    return bounds is None or (vital.value is not None and bounds[0] <= vital.value <= bounds[1])


def extract_vitals(doc: Document) -> list[Vital]:
    """Every plausible vital sign of the exam, or of a row of vitals anywhere, in text order.

    A row ("In the ED: T 39.4 C, HR 112, BP 86/52") is a set of readings wherever it stands; a
    lone number in the story ("HR 70s at home") is not.
    """
    vitals = list(_candidates(doc.text))
    vitals.extend((vital, False) for vital in _table_readings(doc.text))
    rows = _rows(doc.text, vitals)
    ranges = sorted(_ranges(doc), key=lambda seg: seg.start)
    starts = [seg.start for seg in ranges]
    found: list[Vital] = []
    taken: set[tuple[int, int]] = set()
    for vital, letter in sorted(vitals, key=lambda v: (v[0].start, v[1])):
        in_row = len(rows[doc.text.rfind("\n", 0, vital.start) + 1]) >= _ROW_KINDS
        index = bisect_right(starts, vital.start) - 1
        in_exam = index >= 0 and vital.start < ranges[index].end
        if (in_row or (in_exam and not letter)) and (vital.start, vital.end) not in taken:
            taken.add((vital.start, vital.end))
            found.append(vital)
    return found
