"""Dose, route, frequency and PRN written after a drug name, normalised."""

import re
from dataclasses import dataclass

from carechart.notes.nlp.scanning import quick

_I = re.IGNORECASE
_AMOUNT_UNITS = r"mg|mcg|µg|ug|micrograms?|g|gm|grams?|mEq|units?|u|IU|mL|ml|L"
_COUNT_UNITS = r"tabs?|tablets?|caps?|capsules?|puffs?|sprays?|drops?|gtts?|patch(?:es)?|sachets?"
# "5,000 units", "1,000 mg": thousands written with a comma are one number.
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
# A number not preceded by "#" (a dispense count) and a unit that is not a lab unit (mg/dL).
# A combination product states each strength: "160/4.5 mcg", "24/26 mg". A range writes one
# unit: "40 mg - 1 tab" is a strength and a count, not "40-1 tab".
_DOSE = quick(
    rf"(?<![#\w./,])(?P<a>{_NUMBER}(?:\s*/\s*\d+(?:\.\d+)?)?)\s*"
    rf"(?:(?:(?P<u1>{_AMOUNT_UNITS})\s*)?(?P<join>-|\u2013|to)\s*(?P<b>\d+(?:\.\d+)?)\s*)?"
    rf"(?P<u>(?(u1)(?P=u1)|(?:{_AMOUNT_UNITS}|{_COUNT_UNITS})))\b"
    r"(?P<per>\s*/\s*(?:spray|puff|actuation|dose|tab(?:let)?|kg|hr|h|day)\b)?"
    r"(?!\s*/\s*(?:d?l|dl|min)\b)",
    _I,
)
_COUNT = re.compile(rf"^(?:{_COUNT_UNITS})$", _I)
_UNIT_SPELLING = {"gm": "g", "gram": "g", "grams": "g", "ug": "mcg", "µg": "mcg", "ml": "mL"}
_UNIT_SPELLING |= {"unit": "units", "u": "units", "meq": "mEq", "iu": "IU", "l": "L"}
_UNIT_SPELLING |= {"microgram": "mcg", "micrograms": "mcg"}

_ROUTES: list[tuple[str, re.Pattern[str]]] = [
    # Abbreviations match in capitals only ("IM", not "im"); words in any case.
    ("PO", re.compile(r"\b(?:PO|po|p\.o\.)(?!\w)|(?i:\bby mouth\b|\borally\b|\boral\b)")),
    ("IV", re.compile(r"\b(?:IV|IVPB)\b|(?i:\bintravenous(?:ly)?\b)")),
    ("IM", re.compile(r"\bIM\b|(?i:\bintramuscular(?:ly)?\b)")),
    ("SC", re.compile(r"\b(?:SC|SQ)\b|(?i:\b(?:subq|subcut|subcutaneous(?:ly)?)\b)")),
    ("SL", re.compile(r"\bSL\b|(?i:\bsublingual(?:ly)?\b)")),
    ("nasal", re.compile(r"\b(?:intra)?nasal(?:ly)?\b|\bnostrils?\b", _I)),
    ("ophthalmic", re.compile(r"\bophthalmic\b|\beye drops?\b|\b(?:OU|OD|OS)\b", _I)),
    (
        "inhaled",
        re.compile(r"\binhal(?:ed|ation|er)\b|\bnebuli[sz]ed\b|\bnebs?\b|\bpuffs?\b|\bHFA\b", _I),
    ),
    ("topical", re.compile(r"\btopical(?:ly)?\b|\bapply\b|\bcream\b|\bointment\b|\bgel\b", _I)),
    ("transdermal", re.compile(r"\btransdermal\b|\bpatch\b", _I)),
    ("PR", re.compile(r"\bPR\b|(?i:\brectal(?:ly)?\b|\bsuppository\b)")),
]
_FREQUENCIES: list[tuple[str, re.Pattern[str]]] = [
    ("qHS", re.compile(r"\bq\.?\s?h\.?s\.?(?!\w)|\bat bedtime\b|\bnightly\b|\bevery night\b", _I)),
    ("qAM", re.compile(r"\bq\.?\s?am\b|\bevery morning\b", _I)),
    (
        "BID",
        re.compile(
            r"\bb\.?i\.?d\.?(?!\w)|\b(?:twice|two times|2 times) (?:a |per )?da(?:y|ily)\b"
            r"|\bq\s?12\s?h",
            _I,
        ),
    ),
    ("TID", re.compile(r"\bt\.?i\.?d\.?(?!\w)|\b(?:three|3) times (?:a |per )?da(?:y|ily)\b", _I)),
    ("QID", re.compile(r"\bq\.?i\.?d\.?(?!\w)|\b(?:four|4) times (?:a |per )?da(?:y|ily)\b", _I)),
    ("QOD", re.compile(r"\bq\.?o\.?d\.?(?!\w)|\bevery other day\b", _I)),
    ("weekly", re.compile(r"\bweekly\b|\bonce (?:a |per )?week\b|\bq\s?week\b", _I)),
    ("monthly", re.compile(r"\bmonthly\b|\bonce (?:a |per )?month\b", _I)),
    (
        "daily",
        re.compile(
            r"\bq\.?d\.?(?!\w)|\bqday\b|\b(?:once )?daily\b|\bonce (?:a |per )?day\b"
            r"|\bevery day\b|\bq\s?24\s?h",
            _I,
        ),
    ),
    ("once", re.compile(r"\bonce\b(?! (?:daily|a |per |weekly|monthly))|\bx\s?1\b|\bSTAT\b", _I)),
]
_EVERY_HOURS = re.compile(
    r"\b(?:q\.?\s?|every\s+)(?P<a>\d{1,2})(?:\s*(?:-|\u2013|to)\s*(?P<b>\d{1,2}))?\s*(?:h|hr|hrs|hours?)\b",
    _I,
)
_PRN = re.compile(r"\bp\.?r\.?n\.?(?!\w)|\bas needed\b", _I)


@dataclass(frozen=True, slots=True)
class Dosing:
    dose: str | None
    route: str | None
    frequency: str | None
    prn: bool


def parse_dosing(window: str) -> Dosing:
    """What a prescription says after the drug's name, up to the next drug."""
    return Dosing(
        _dose(window), _route(window), _frequency(window), _PRN.search(window) is not None
    )


# A printed sig states the dose taken: "20 mg tablet - Take 2 tablets (40 mg total)".
_TOTAL = re.compile(rf"\((?P<a>\d+(?:\.\d+)?)\s*(?P<u>{_AMOUNT_UNITS})\s+total\)", _I)


# What a topical's dose is, where no mass is written: "apply a thin layer BID".
_TOPICAL_AMOUNT = re.compile(
    r"\b(?:thin (?:layer|film)|pea[- ]sized amount|fingertip units?|small amount)\b", _I
)


def _dose(window: str) -> str | None:
    total = _TOTAL.search(window)
    if total is not None:
        return f"{total['a']} {_UNIT_SPELLING.get(total['u'].lower(), total['u'])}"
    # An amount ("20 mg") beats a count ("1 tablet"): the count is how to take the amount.
    doses = list(_DOSE.finditer(window))
    amounts = [m for m in doses if not _COUNT.match(m["u"])]
    if not doses:
        topical = _TOPICAL_AMOUNT.search(window)
        return topical.group().lower() if topical else None
    match = _new_dose(window, (amounts or doses)[0])
    for _ in range(3):  # "600 mg/5 mL: 90 mg/kg/day = 6 mL": each step moves to a later amount
        match, step = _taken(window, match, doses), match
        if match is step:
            break
    if match["b"] and match["join"] == "to" and _FROM.search(window, 0, match.start()):
        return _unit_of(match, match["b"])  # "increase from 10 to 20 mg": the new dose
    dose = _written_dose(match)
    other = _EXCEPT.search(window, match.end())
    if other is not None and other.start() - match.end() < 40:
        # Warfarin's week: "3 mg daily except 4.5 mg Mon/Fri" is one dose with its exception.
        return f"{dose} except {_written_dose(other)} {other['days'].strip(' .')}"
    return dose


# "0.6 mg daily -> 0.3 mg every other day": the old dose, an arrow, the new dose.
_ARROW = re.compile(r"[^\n;(]{0,25}?(?:->|\u2192|=>)[ \t]*")


def _new_dose(window: str, match: re.Match[str]) -> re.Match[str]:
    """The dose a change arrives at, where the window writes the old one, then an arrow."""
    arrow = _ARROW.match(window, match.end())
    following = _DOSE.match(window, arrow.end()) if arrow else None
    return following if following is not None else match


# "from 10 to 20 mg": the word right before a change's old dose.
_FROM = re.compile(r"\bfrom\s*$", _I)
# What follows a first amount to say it is replaced or worked out: "50 mg BID to 25 mg BID",
# "10 mg/kg (200 mg)", "90 mg/kg/day divided BID = 900 mg". Never "up to" a maximum.
_NEW_DOSE = re.compile(r"[^\S\n]*(?:(?!up\b|max)[A-Za-z.]{1,8}[^\S\n]+){0,3}to[^\S\n]+", _I)
_COMPUTED = re.compile(r"(?:=|\()\s*$")
_CONCENTRATION = re.compile(r"\s*/\s*(?:\d+(?:\.\d+)?\s*)?mL\b", _I)
# A count of puffs or drops is the dose of an inhaler or a drop, whatever its strength per puff.
_PER_DEVICE = re.compile(r"^(?:puffs?|sprays?|drops?|gtts?)$", _I)


def _taken(window: str, match: re.Match[str], doses: list[re.Match[str]]) -> re.Match[str]:
    """The dose taken, from the first amount: its replacement in a change, the dose a per-kg
    amount comes to, or the count of a strength's tablets or puffs taken at once."""
    later = [m for m in doses if m.start() >= match.end()]
    if not later:
        return match
    after = later[0]
    gap = window[match.end() : after.start()]
    if _reaches(_NEW_DOSE, window, match, after) and not _COUNT.match(after["u"]):
        return after
    if match["per"] and "kg" in match["per"]:
        near = [m for m in later[:3] if m.start() - match.end() < 60]
        computed = [m for m in near if _COMPUTED.search(window, match.end(), m.start())]
        return computed[0] if computed else match
    strength = _CONCENTRATION.match(window, match.end())
    if strength is not None:
        # "250 mg/5 mL suspension, give 5 mL": the amount given, not the strength.
        given = [m for m in later if m.start() >= strength.end() and not _COUNT.match(m["u"])]
        given = [m for m in given if not _CONCENTRATION.match(window, m.end())]
        return given[0] if given else match
    if _COUNT.match(match["u"]) or not _COUNT.match(after["u"]) or after["b"] or len(gap) > 30:
        return match
    if "/" in match["a"]:
        return match  # a combination states each strength: "160/4.5 mcg 2 puffs" keeps them
    count = float(after["a"].replace(",", "")) if "/" not in after["a"] else 1.0
    # A count is whole or a half, and one tablet or puff says no more than the strength does:
    # "(adequate with 0.075 patch)" or "3 mg, 1 spray" keep the strength.
    if count <= 1 or not (count * 2).is_integer():
        return match
    if (_PER_DEVICE.match(after["u"]) and count <= 8) or count <= 4:
        total = [m for m in later[1:2] if _COMPUTED.search(window, after.end(), m.start())]
        return total[0] if total else after  # "2 tabs (1000 mg)": the total it states
    return match


def _reaches(
    pattern: re.Pattern[str], window: str, match: re.Match[str], after: re.Match[str]
) -> bool:
    """Whether `pattern`, from the end of one amount, leads right to the next."""
    joined = pattern.match(window, match.end(), after.start())
    return joined is not None and joined.end() == after.start()


def _unit_of(match: re.Match[str], amount: str) -> str:
    unit = _UNIT_SPELLING.get(match["u"].lower(), match["u"])
    return f"{amount} {unit.lower() if _COUNT.match(unit) else unit}"


def _written_dose(match: re.Match[str]) -> str:
    unit = _UNIT_SPELLING.get(match["u"].lower(), match["u"])
    unit = unit.lower() if _COUNT.match(unit) else unit
    amount = f"{match['a']}-{match['b']}" if match["b"] else match["a"]
    per = "/" + match["per"].split("/")[-1].strip() if match["per"] else ""
    return f"{amount} {unit}{per}"


_DAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
_EXCEPT = re.compile(
    rf"\bexcept(?: for)?\s+(?P<a>\d+(?:\.\d+)?)\s*(?P<b>)(?P<u>{_AMOUNT_UNITS})\b(?P<per>)"
    rf"\s+(?:on\s+)?(?P<days>{_DAY}(?:\s*(?:/|,|&|and)\s*{_DAY}){{0,6}})",
    _I,
)


def _route(window: str) -> str | None:
    best: tuple[int, str] | None = None
    for name, pattern in _ROUTES:
        match = pattern.search(window)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), name)
    return best[1] if best else None


def _frequency(window: str) -> str | None:
    hours = _EVERY_HOURS.search(window)
    if hours:
        span = f"{hours['a']}-{hours['b']}" if hours["b"] else hours["a"]
        return f"q{span}h"
    # The list is most specific first: "daily at bedtime" is qHS.
    for name, pattern in _FREQUENCIES:
        if pattern.search(window):
            return name
    return None


# A single amount of mass or of a counted unit: "40 mg", "1 g", "24 units" (not "1-2 tabs").
_ONE_AMOUNT = re.compile(r"(?P<a>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?) (?P<u>mg|mcg|g|units|mEq|IU)")
_TO_MG = {"g": 1000.0, "mg": 1.0, "mcg": 0.001}
# Doses a day of each frequency: "qHS" and "daily" are one dose a day alike.
_PER_DAY = {"daily": 1.0, "qHS": 1.0, "qAM": 1.0, "BID": 2.0, "TID": 3.0, "QID": 4.0}
_PER_DAY |= {"QOD": 0.5, "weekly": 1 / 7}
_HOURLY = re.compile(r"q(\d{1,2})h")


def _amount(dose: str | None) -> tuple[float, str] | None:
    match = _ONE_AMOUNT.fullmatch(dose or "")
    if match is None:
        return None
    value, unit = float(match["a"].replace(",", "")), match["u"]
    if unit in _TO_MG:
        # Rounded: "125 mcg" is the "0.125 mg" another list writes, whatever the float says.
        return round(value * _TO_MG[unit], 6), "mg"
    return value, "units" if unit == "IU" else unit  # "1000 IU" of vitamin D is "1000 units"


def _per_day(frequency: str | None) -> float | None:
    hourly = _HOURLY.fullmatch(frequency or "")
    if hourly is not None and int(hourly[1]) > 0:
        return 24 / int(hourly[1])
    return _PER_DAY.get(frequency or "")


def regimen_differs(new: Dosing, old: Dosing) -> bool | None:
    """Whether `new` writes another dose, route or frequency than `old` ("40 mg PO daily" ->
    "40 mg IV BID"); None when the two state nothing to compare. A count ("2 tabs") is not
    compared with an amount, and frequencies of a drug as needed are not compared: a sig
    restated need not repeat them."""
    pairs: list[tuple[object, object]] = []
    amounts = _amount(new.dose), _amount(old.dose)
    if None not in amounts:
        pairs.append(amounts)
    if new.route is not None and old.route is not None:
        pairs.append((new.route, old.route))
    per_day = _per_day(new.frequency), _per_day(old.frequency)
    if None not in per_day and not (new.prn or old.prn):
        pairs.append(per_day)
    if not pairs:
        return None
    return any(a != b for a, b in pairs)
