"""Laboratory results: value, unit, stated reference range and the high/low flag."""

import re

from carechart.notes.nlp.context import Context
from carechart.notes.nlp.document import Document
from carechart.notes.nlp.scanning import quick
from carechart.notes.nlp.schemas import Lab, LabFlag, SectionName
from carechart.notes.nlp.text import Seg, trim

# Canonical name -> spellings. Distinctive names may be followed by a few words before the
# value ("LDL cholesterol elevated at 165"); short ones must be followed by it at once.
_LONG_NAMES: dict[str, str] = {
    "HbA1c": r"(?:hb|hgb)?\s?a1c|hemoglobin a1c|glycated hemoglobin",
    "LDL": r"ldl(?:[- ]c)?(?: cholesterol)?",
    "HDL": r"hdl(?:[- ]c)?(?: cholesterol)?",
    "Triglycerides": r"triglycerides?",
    "Total cholesterol": r"(?:total )?chol(?:esterol)?",
    "Glucose": r"(?:fasting |blood |serum )?glucose",
    "Sodium": r"sodium",
    "Potassium": r"potassium",
    "Chloride": r"chloride",
    "Bicarbonate": r"bicarbonate|bicarb",
    "BUN": r"bun|blood urea nitrogen",
    "Creatinine": r"creatinine|creat",
    "eGFR": r"e?gfr",
    "Calcium": r"calcium",
    "Magnesium": r"magnesium",
    "Phosphorus": r"phosphorus",
    "Hemoglobin": r"hemoglobin|hgb",
    "Hematocrit": r"hematocrit|hct",
    "WBC": r"wbc|wcc|white (?:blood )?(?:cell )?count",
    "Platelets": r"platelets?|plt",
    "INR": r"inr",
    "PTT": r"a?ptt",
    "TSH": r"tsh",
    "Free T4": r"free t4|ft4",
    "Troponin": r"(?:hs-?)?troponin(?: [it])?|hs-?tn[it]",
    "BNP": r"bnp",
    "NT-proBNP": r"nt-?pro-?bnp",
    "ALT": r"alt|sgpt",
    "AST": r"ast|sgot",
    "Alkaline phosphatase": r"alk(?:aline)? phos(?:phatase)?|alp",
    "Bilirubin": r"(?:total )?bilirubin",
    "Albumin": r"albumin",
    "Lactate": r"lactate|lactic acid",
    "CRP": r"crp|c-reactive protein",
    "ESR": r"esr|sed rate",
    "Procalcitonin": r"procalcitonin",
    "Ferritin": r"ferritin",
    # "vitamin D 25-OH 14", "Vit D (25-OH) 31", "25-OH vitamin D 22".
    "Vitamin D": r"(?:25-?oh )?vit(?:amin)? d(?:,? ?\(?25-?oh\)?(?: d)?)?",
    "PSA": r"psa",
    "Lipase": r"lipase",
    "Anion gap": r"anion gap",
    "MCV": r"mcv",
    "Neutrophils": r"neutrophils?|neuts?",
    # "iron x 2 months" is a supplement: the value of iron studies follows the name at once.
    "Iron": r"(?:serum )?iron(?=[ \t:]*\d)",
    "TIBC": r"tibc",
    "Transferrin saturation": r"transferrin sat(?:uration)?|tsat|iron sat(?:uration)?",
    "Urine microalbumin/creatinine ratio": (
        r"(?:urine )?microalb(?:umin)?[/ -](?:to[/ -])?creat(?:inine)? ratio"
    ),
    "Urine albumin/creatinine ratio": (
        r"uacr|acr|(?:urine )?albumin[/ -](?:to[/ -])?creat(?:inine)? ratio"
    ),
    "Uric acid": r"uric acid|urate",
    "Vitamin B12": r"(?:vitamin )?b12|cobalamin",
    "Folate": r"folate|folic acid level",
    "CK": r"ck|cpk|creatine kinase",
    "LDH": r"ldh|lactate dehydrogenase",
    "D-dimer": r"d-?dimer",
    "Ammonia": r"ammonia",
    "Amylase": r"amylase",
    "RDW": r"rdw",
    "Reticulocytes": r"retic(?:ulocyte)?s?(?: count)?",
    "ANC": r"anc|absolute neutrophil count",
    "Eosinophils": r"(?:absolute )?eos(?:inophils?)?(?: count)?|aec",
    "CEA": r"cea",
    "PTH": r"(?:intact )?i?pth|parathyroid hormone",
    "Prolactin": r"prolactin",
    "Rheumatoid factor": r"rheumatoid factor|rf",
    "Anti-CCP": r"anti-?ccp",
    "IgE": r"(?:total )?ige",
    "Lead": r"(?:blood )?lead(?: level)?(?: \((?:capillary|venous)\))?",
    "Urine protein/creatinine ratio": (
        r"upcr?(?: ratio)?|(?:urine )?prot(?:ein)?[/ -](?:to[/ -])?creat(?:inine)? ratio"
    ),
    "Corrected calcium": r"corrected calcium|ca,? ?\(?corr(?:ected)?\)?",
    "Kt/V": r"(?:sp)?kt/v",
    "URR": r"urr|urea reduction ratio",
    "GGT": r"ggt|gamma-?gt|gamma-glutamyl transferase",
    # The drug ("testosterone cypionate 100 mg IM", "testosterone gel 1%") is no result.
    "Testosterone": (
        r"testosterone(?![ \t]+(?:cypionate|enanthate|undecanoate|gel|patch|cream|inj\w*|pellets?))"
    ),
    "DHEA-S": r"dhea-?s(?:o4)?",
    "Anti-dsDNA": r"(?:anti-?)?ds-?dna",
    "IgG": r"igg",
    "IgM": r"igm",
    "IgA": r"iga",
    "Lymphocytes": r"(?:absolute )?lymphocytes?(?: count)?|lymphs?|alc",
    "Fecal calprotectin": r"(?:fecal )?calprotectin",
    "Glucose challenge test": r"(?:1[- ]h(?:ou)?r )?(?:gct|glucose challenge(?: test)?)",
    # "PT" alone is as often physical therapy ("PT 12 visits"): a clotting time is in seconds.
    "Prothrombin time": r"prothrombin time|pt(?=[ \t:]*\d+(?:\.\d+)?[ \t]*(?:s|secs?|seconds)\b)",
    "Specific gravity": r"(?:urine )?specific gravity|(?-i:SG)",
}
# An ion may be written with its charge: "K+ 3.1", "HCO3- 18", "Mg2+ 1.5".
_CHARGE = r"(?:[23]?\+|-(?=[ \t:]))?"
_SHORT_NAMES: dict[str, str] = {
    "Potassium": "K",
    "Sodium": "Na|NA",
    "Chloride": "Cl|CL",
    "Creatinine": "Cr|CR",
    "Calcium": "Ca",
    "Hemoglobin": "Hb",
    "Bicarbonate": "HCO3|CO2",
    "Magnesium": "Mg",
    "Phosphorus": "(?<![Aa]lk )(?<!ALK )Phos",
    "Triglycerides": "TG",
    "Total cholesterol": "TC",
    "Glucose": "Glu|GLU|BG|FSBG|CBG",
    "Bilirubin": "T\\.? ?bili",
    "pH": "pH",
    "pCO2": "PaCO2|pCO2|PCO2",
    "pO2": "PaO2|pO2",
}
# How a D-dimer is reported is part of its unit ("0.8 mg/L FEU"); "241 K" is thousands, never the
# "K" of a potassium that follows ("Na 138 K 4.1").
_UNITS = (
    r"(?:mg/l|[uµ]g/ml|ng/ml)[ \t]+(?:feu|ddu)\b|mmol/mol|mg/mg|(?:mc|[uµ])g/g|"
    r"mg/dl|mmol/l|meq/l|g/dl|g/l|%|k/[uµ]l|x\s?10\^?[39]/[uµ]?l|10\^[39]/[uµ]?l|ng/ml|pg/ml|"
    r"ng/l|[iu]?u/l|ml/min(?:/1\.73(?:\s?m[2²])?)?|ng/dl|m?i?u/l|[uµ]iu/ml|m?i?u/ml|sec(?:onds)?|s|"
    r"mm/hr?|mg/l|[uµ]mol/l|pmol/l|cells/(?:[uµ]l|microliter)|/hpf|thou/[uµ]l|fl|mm\s?hg|[uµ]g/dl|"
    r"mcg/dl|mcg/ml|mg/g(?: creat(?:inine)?)?|k(?![ \t]*[:=+|]?[ \t]*\d|\+)"
)
_UNIT = rf"(?P<unit>{_UNITS})"
# A unit written in the row's name, as a column heading does: "Cr (mg/dL)    1.9    1.3".
_UNIT_COLUMN = rf"(?:[ \t]*\((?i:(?P<nunit>{_UNITS}))\)[ \t]*)?"
# A unit may follow the flag: "Ferritin 18 (L) ng/mL", "Glucose   108 H    mg/dL    70-99".
# A table exported with pipes sets each column apart with one: "| Hgb | 7.2 | g/dL |".
_PIPE = r"[ \t]*(?:\|[ \t]*)?"
_UNIT_AFTER = re.compile(rf"{_PIPE}(?i:(?P<unit>{_UNITS}))(?![\w/])")
# Not a duration, a ratio, a dose ("Albumin 25 g IV") or one end of a range ("140-190").
# "Troponin <0.01", "eGFR >60": a bound is the result when nothing else is given.
_VALUE = (
    r"(?P<cmp>[<>]=?[ \t]*)?(?!0\d)(?P<value>(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?)"
    r"(?!\s*(?:days?|weeks?|months?|years?|mos?\b|wks?\b|yrs?\b|(?-i:h|hrs?)\b|times|x\b|/\d))"
    # "at 14:00" is a time, "8,000 units" a dose cut at its comma, "30 minutes" a duration.
    r"(?!:\d|,\d{3}\b|\s*min(?:ute)?s?\b)"
    # "in the 60s", "140s": a decade of values, not a time in seconds.
    r"(?!'?s\b)"
    # "HbA1c on 5 January was 8.9%": the day of a date.
    r"(?![ \t]+(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b)"
    r"(?!\.?\d|\s*(?:-|\u2013|to)\s*\d)"
    r"(?![ \t]*(?i:mg|mcg|g|meq|units?|iu|international units)\b(?![ \t]*/))"
)
# The flag as a letter ("5.6 H", "| H |" in a pipe table) or a word in brackets ("146 (high)",
# "86 IU/mL (positive)", "1.6 (high; baseline 0.9)") or after a comma ("Sodium 128, low.").
# "(L-normal)" is a low normal, no flag.
_FLAG_WORD = r"(?:critically |strongly |mildly )?(?:high|low|elevated|positive)"
_FLAG = (
    r"(?:\s*(?:\|[ \t]*)?\(?\s*(?P<mark>H|L|HH|LL)\s*\)?(?![\w-])"
    rf"|[ \t]*\([ \t]*(?i:(?P<word>{_FLAG_WORD}))\b[^)\n]{{0,40}}\)"
    r"|,[ \t]*(?i:(?P<comma_word>high|low))(?=[.;]))?"
)
_REF = (
    r"(?:\s*[(\[]\s*(?:ref(?:erence)?(?: range)?|normal|nl|desirable|desired|goal|target)?[:\s]*"
    r"(?P<ref>(?:[<>≤≥]=?\s*\d+(?:\.\d+)?|\d+(?:\.\d+)?\s*(?:-|\u2013|to)\s*\d+(?:\.\d+)?))"
    rf"\s*(?i:(?P<refunit>{_UNITS}))?[^)\]\n]{{0,12}}[)\]])?"
)
# A results table gives the range, then the unit, in columns after the value:
# "Creatinine      0.94      0.50-1.00 mg/dL    H".
_COLUMNS = re.compile(
    rf"{_PIPE}(?P<ref>\d+(?:\.\d+)?[ \t]*(?:-|\u2013)[ \t]*\d+(?:\.\d+)?"
    r"|[<>≤≥]=?[ \t]*\d+(?:\.\d+)?)"
    rf"{_PIPE}(?i:(?P<unit>{_UNITS}))?(?![\w/])(?:(?:[ \t]+|[ \t]*\|[ \t]*)(?P<mark>H|L|HH|LL)\b)?"
)


# "Glucose, fasting 188", "Cholesterol, total 236": the comma names a kind of the test.
_QUALIFIER = (
    r"(?:,[ \t]*(?:fasting|random|total|serum|plasma|capillary|venous|poc|calc(?:ulated)?)\b)?"
)


def _alternation(names: dict[str, str]) -> str:
    return "|".join(f"(?P<n{i}>{pattern})" for i, pattern in enumerate(names.values()))


_LONG_SOURCE = (
    rf"(?<![\w/-])(?:{_alternation(_LONG_NAMES)})(?![\w-]){_QUALIFIER}"
    # A leader of dots is read whole ("Hemoglobin ........ 13.2"): split into runs of two or
    # more, a long one had exponentially many readings to try when no value followed.
    rf"(?P<gap>[ \t]*(?:[^\d\n;.<>=≤≥]|\.{{2,}}(?!\.)){{0,30}}?)(?<![\w])"
    rf"{_VALUE}\s*{_UNIT}?(?![\w/]){_FLAG}{_REF}"
)
# Some seventy names tried at each word start: their first two letters turn most words away.
_LONG = quick(_LONG_SOURCE, re.IGNORECASE, pairs=True)
_SHORT = quick(
    rf"(?<![\w/-])(?:{_alternation(_SHORT_NAMES)}){_CHARGE}{_UNIT_COLUMN}\s*[:=|]?\s*{_VALUE}\s*(?i:{_UNIT})?(?![\w/])"
    rf"{_FLAG}{_REF}"
)
_SKIP_SECTIONS = {SectionName.PLAN, SectionName.PRESCRIPTIONS, SectionName.MEDICATIONS}
_SKIP_SECTIONS |= {SectionName.DISCHARGE_MEDICATIONS}
_SKIP_SECTIONS |= {SectionName.SIGNATURE, SectionName.HEADER}
# A hospital course retells results of earlier days ("creatinine peaked at 1.5"); dating them
# to the summary would put an old value last in the patient's history.
_SKIP_SECTIONS |= {SectionName.HOSPITAL_COURSE}
# A results heading inside a section otherwise not read ("PERTINENT LABS ON DAY OF DISCHARGE:"
# closing a hospital course, "Results 12/9:" in a message header, "LABS 11/02" under a table
# of medications, "Urinalysis:" or "Coags:" opening a note) opens a paragraph of results: the
# heading ends with a colon or its line.
_RESULTS_HEADING = re.compile(
    r"^[ \t]*(?:(?:pertinent|admission|discharge|recent|today'?s|repeat|monthly|morning)[ \t]+)?"
    r"(?:labs?|laboratory(?:[ \t]+(?:data|results|studies))?|results|blood ?work"
    r"|urinalysis|UA|coags?|coagulation|(?:electro)?lytes|chemistry|[ABV]BG|CBC|BMP|CMP"
    # Panels named for what they test: "Lipid panel (fasting, 2/10):", "LFTs:", "Bloods:".
    r"|lipids?(?:[ \t]+(?:panel|profile))?|LFTs?|liver function(?:[ \t]+tests)?|renal function"
    r"|TFTs?|thyroid function(?:[ \t]+tests)?|iron studies|FBC|U&Es?|bloods|investigations)\b"
    # Blanks taken whole: a long run after "UA" split three ways.
    r"(?:[^\n:]{0,40}:|[ \t]*+\(?[\d/:. \t]*+\)?[ \t]*$)",
    re.I | re.M,
)
# The course of one ED visit, or its decision making, gives this visit's results.
_ONE_VISIT_COURSE = re.compile(r"\b(?:ed|er|emergency|decision|mdm)\b", re.I)
_HIGH_WORDS = re.compile(r"\b(?:elevated|high|raised|increased)\b", re.I)
_LOW_WORDS = re.compile(r"\b(?:low|reduced|decreased|depressed)\b", re.I)
# "potassium chloride 40 mEq" is a drug; "LDL and HDL 38" is not one LDL value; "B12 shot #2",
# "INR weekly x 4" count; "troponin elevation (type 2" names a kind.
_GAP_BREAK = quick(
    r",|\band\b|\bor\b|\b(?:chloride|sulfate|oxide|citrate|carbonate|gluconate|phosphate|"
    r"acetate|supplement\w*|replace\w*|repletion|goal|target|until|age|drops|tabs?|tablets?"
    r"|caps?|capsules?|exon|schedul\w*|order\w*|bicarb\w*|type|x)\b|#",
    re.I,
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# A bound written where a goal or a condition is ("goal LDL < 70", "if K > 5.5"): no result.
_BASELINE = re.compile(r"\bbaseline\b[^\n\d]{0,3}$", re.I)
_NOT_RESULT_BOUND = re.compile(
    r"\b(?:goal|target|keep|maintain|if|when|until|aim|once|unless|transfuse|for|parameters?"
    r"|criteria|threshold)\b",
    re.I,
)
# A bound in words: "once the INR is below 2.0", "keep potassium above 4".
_WORD_BOUND = re.compile(r"\b(?:above|below|under|over|less than|greater than|more than)\W*$", re.I)
# The clause a condition governs: "Keep K > 4 and Mg > 2", "(ANC >1.0, plt >75)".
_CLAUSE_START = re.compile(r"(?:[^.;\n]|\.(?=\d))*$")
# Later values of the same test: a trend ("Cr 1.9 -> 1.4") or a row of dated columns
# ("Hgb (g/dL)   7.1   7.6   8.4"); the last one is the latest result. "--" is an empty column.
# When a value was taken, written beside it: "63 (L) (09:40) -> 118", "1.9 (3/1) -> 1.4".
_WHEN = r"(?:[ \t]*\((?:[012]?\d:[0-5]\d|\d{1,2}/\d{1,2}(?:/\d{2,4})?)\))?"
# A trend may give the unit with each value or once after the last: "A1c 9.4% -> 7.8%".
_LATER_UNIT = rf"(?:[ \t]*(?i:(?P<unit>{_UNITS}))(?![\w/]))?"
_LATER = re.compile(
    _WHEN + r"(?:[ \t]{2,}--+(?=[ \t]))*"
    r"(?:[ \t]{2,}|\t|(?P<arrow>[ \t]*(?:-+>|\u2192|=>)[ \t]*))"
    r"(?P<later>(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?)"
    r"(?!\.?\d|[ \t]*(?:-|\u2013|to)[ \t]*\d|/\d|[ \t]*(?:days?|weeks?|months?|years?|h\b|hr))"
    # "Type 2 DM - A1c 7.1  3) HTN": a column closed by a bracket numbers the next item of a
    # list; after an arrow it closes the trend ("Cr improving (1.38 -> 1.12)").
    r"(?(arrow)|(?!\)))"
    + _LATER_UNIT
    + r"(?:[ \t]*\(?(?P<mark>H|L|HH|LL)\)?(?!\w))?"
    + _WHEN
    + _LATER_UNIT.replace("<unit>", "<unit_after>")
)
_UNIT_IN_NAME = re.compile(rf"\((?i:{_UNITS})\)")


_N = r"(\d+(?:\.\d+)?)"
# Shorthand panels: "BMP: 138/4.1/101/24/18/1.1/96" (Na/K/Cl/CO2/BUN/Cr/Glu) and the CBC's
# "12.3 > 9.8/29.4 < 210" (WBC > Hgb/Hct < Plt).
_PANELS: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (
        re.compile(
            rf"\b(?:BMP|chem[- ]?7|basic metabolic panel|lytes)[ \t]*[:=-]?[ \t]*"
            rf"{_N}/{_N}/{_N}/{_N}/{_N}/{_N}(?:/{_N})?(?![\d/])",
            re.I,
        ),
        ("Sodium", "Potassium", "Chloride", "Bicarbonate", "BUN", "Creatinine", "Glucose"),
    ),
    (
        re.compile(
            rf"\bCBC[ \t]*[:=-]?[ \t]*{_N}[ \t]*>[ \t]*{_N}[ \t]*/[ \t]*{_N}[ \t]*<[ \t]*{_N}\b",
            re.I,
        ),
        ("WBC", "Hemoglobin", "Hematocrit", "Platelets"),
    ),
    # A BMP drawn as a fishbone over three lines: Na | Cl | BUN, a rule pointing at the
    # glucose, K | CO2 | Cr.
    (
        re.compile(
            rf"(?<![\w.|])[ \t]*{_N}[ \t]*\|[ \t]*{_N}[ \t]*\|[ \t]*{_N}[ \t]*\n"
            rf"[ \t]*-{{3,}}[ \t]*<[ \t]*{_N}[ \t]*\n"
            rf"[ \t]*{_N}[ \t]*\|[ \t]*{_N}[ \t]*\|[ \t]*{_N}(?![\d.]*[ \t]*\|)",
        ),
        ("Sodium", "Chloride", "BUN", "Glucose", "Potassium", "Bicarbonate", "Creatinine"),
    ),
    # A blood gas as pH/pCO2/pO2 (/HCO3): "ABG 7.31/48/62", "VBG: 7.28/52/40/24".
    (
        re.compile(
            rf"\b(?:[AV]BG|blood gas)[ \t]*[:=-]?[ \t]*([67]\.\d{{1,3}})/{_N}/{_N}"
            rf"(?:/{_N})?(?![\d/])",
            re.I,
        ),
        ("pH", "pCO2", "pO2", "Bicarbonate"),
    ),
]


def _panel_labs(text: str, start: int, end: int) -> list[Lab]:
    found: list[Lab] = []
    for pattern, names in _PANELS:
        for match in pattern.finditer(text, start, end):
            for index, name in enumerate(names, start=1):
                if match[index] is None:
                    continue
                found.append(
                    Lab(
                        name=name,
                        value=float(match[index]),
                        text=match[0],
                        start=match.start(),
                        end=match.end(),
                    )
                )
    return found


# Two tests named together, then their two values: "AST/ALT 45/62", "BUN and creatinine 24 and
# 1.3", "Sodium and potassium were 131 and 5.2", "H/H 8.1/24.6". The values are found first; the
# names are looked for in the few words before them.
_PAIR_VALUES = re.compile(
    r"(?<![\w./])(\d+(?:\.\d+)?)[ \t]*(/|&|\band\b)[ \t]*(\d+(?:\.\d+)?)(?![\w/]|\.\d)"
)
_ONE_NAME = (
    "|".join(f"(?i:{pattern})" for pattern in _LONG_NAMES.values())
    + "|"
    + "|".join(_SHORT_NAMES.values())
)
_PAIR_NAMES = re.compile(
    rf"(?<![\w/-])(?:(?P<hh>H/H|H&H|(?i:H and H))|(?P<a>{_ONE_NAME})[ \t]*(?P<join>/|&|(?i:and))"
    rf"[ \t]*(?P<b>{_ONE_NAME}))(?![\w/-])[ \t]*(?:(?i:were|was|are|of|at)[ \t]+)?:?[ \t]*$"
)
_SHORT_COMPILED = [re.compile(rf"(?:{pattern})\Z") for pattern in _SHORT_NAMES.values()]
_LONG_COMPILED = [re.compile(rf"(?:{pattern})\Z", re.I) for pattern in _LONG_NAMES.values()]


def _canonical(name: str) -> str | None:
    for pattern, canonical in zip(_LONG_COMPILED, _LONG_NAMES, strict=True):
        if pattern.match(name):
            return canonical
    for pattern, canonical in zip(_SHORT_COMPILED, _SHORT_NAMES, strict=True):
        if pattern.match(name):
            return canonical
    return None


def _pair_labs(text: str, start: int, end: int) -> list[Lab]:
    found: list[Lab] = []
    for values in _PAIR_VALUES.finditer(text, start, end):
        line_start = max(text.rfind("\n", start, values.start()) + 1, values.start() - 40, start)
        names = _PAIR_NAMES.search(text, line_start, values.start())
        if names is None:
            continue
        if names["hh"]:
            pair: tuple[str | None, str | None] = ("Hemoglobin", "Hematocrit")
        else:
            # The values are joined as the names are: "AST/ALT 45/62", "BUN and Cr 24 and 1.3".
            if (names["join"] == "/") != (values[2] == "/"):
                continue
            pair = (_canonical(names["a"]), _canonical(names["b"]))
        if pair[0] is None or pair[1] is None or pair[0] == pair[1]:
            continue
        seg = trim(text, names.start(), values.end())
        for name, value in zip(pair, (values[1], values[3]), strict=True):
            found.append(
                Lab(
                    name=name,
                    value=float(value),
                    text=text[seg.start : seg.end],
                    start=seg.start,
                    end=seg.end,
                )
            )
    return found


def _bounds(reference: str | None) -> tuple[float | None, float | None]:
    if not reference:
        return None, None
    numbers = [float(n) for n in _NUMBER.findall(reference)]
    if reference.lstrip()[0] in "<≤":
        return None, numbers[0]
    if reference.lstrip()[0] in ">≥":
        return numbers[0], None
    return numbers[0], numbers[-1]


def _flag(
    value: float, match: re.Match[str], low: float | None, high: float | None
) -> LabFlag | None:
    words = match.groupdict()
    mark = (match["mark"] or words.get("word") or words.get("comma_word") or "").upper()
    if mark:
        return LabFlag.LOW if mark == "L" or mark == "LL" or "LOW" in mark else LabFlag.HIGH
    reference = match.groupdict().get("ref") or ""
    strict = reference.lstrip()[:1] in ("<", ">") and "=" not in reference
    if high is not None and (value > high or (strict and value >= high)):
        return LabFlag.HIGH
    if low is not None and (value < low or (strict and value <= low)):
        return LabFlag.LOW
    if low is not None or high is not None:
        return LabFlag.NORMAL
    return _flag_from_words(match)


def _flag_from_words(match: re.Match[str]) -> LabFlag | None:
    # "LDL elevated at 165": without a range, the note's own word is the only flag there is.
    gap = match.groupdict().get("gap") or ""
    if _HIGH_WORDS.search(gap):
        return LabFlag.HIGH
    if _LOW_WORDS.search(gap):
        return LabFlag.LOW
    return None


def _latest(text: str, match: re.Match[str]) -> re.Match[str] | None:
    """The last of the values that follow a result in a trend or a row of dated columns."""
    if match["ref"]:
        return None
    last = None
    # The value's match may end inside the spaces between two columns: they separate.
    position = match.end()
    while position > match.end("value") and match.string[position - 1].isspace():
        position -= 1
    while (later := _LATER.match(text, position)) is not None:
        # After a unit, only an arrow goes on to a later value: columns would be the range's.
        if match["unit"] and not later["arrow"]:
            break
        last, position = later, later.end()
    return last


def _is_bound_condition(text: str, match: re.Match[str]) -> bool:
    """A goal or a condition ("goal LDL < 70"), or a baseline quoted beside today's result."""
    if _BASELINE.search(text, max(0, match.start() - 12), match.start()):
        return True
    gap = match.groupdict().get("gap") or ""
    if not match["cmp"] and not _WORD_BOUND.search(gap):
        return False
    start = max(0, match.start() - 60)
    clause = _CLAUSE_START.search(text, start, match.start("value"))
    return clause is not None and _NOT_RESULT_BOUND.search(clause[0]) is not None


def _unit(match: re.Match[str], latest: re.Match[str] | None) -> str | None:
    """The unit beside the value, in its range, after the trend's last value, or in the name."""
    named = _UNIT_IN_NAME.search(match.groupdict().get("gap") or "")
    found = match["unit"] or match["refunit"] or match.groupdict().get("nunit")
    if latest and not found:
        found = latest["unit"] or latest["unit_after"]
    found = found or (named[0][1:-1] if named else None)
    return found.replace("\u00b2", "2") if found else None


def _columns(text: str, match: re.Match[str], after: int) -> re.Match[str] | None:
    """The range (and unit, flag) in the columns after a value, as a results table gives them."""
    if match["ref"]:
        return None
    # After a unit, a range is a column when set apart as one ("245 mg/dL    70-99   H") or
    # when a flag closes it ("1.3 mg/dL 0.5-1.0 H", a row exported with single spaces).
    columns = _COLUMNS.match(text, after)
    if columns is None or not match["unit"]:
        return columns
    apart = re.match(r"\t|[ \t]{2}|[ \t]?\|", text[after : after + 2]) is not None
    return columns if apart or columns["mark"] else None


def _lab(text: str, match: re.Match[str], names: list[str]) -> Lab | None:
    gap = match.groupdict().get("gap") or ""
    if _GAP_BREAK.search(gap) or _is_bound_condition(text, match):
        return None
    index = next(i for i in range(len(names)) if match[f"n{i}"] is not None)
    latest = _latest(text, match)
    value = float((latest["later"] if latest else match["value"]).replace(",", ""))
    unit = _unit(match, latest)
    after = latest.end() if latest else match.end()
    if unit is None and (unit_after := _UNIT_AFTER.match(text, after)) is not None:
        unit, after = unit_after["unit"], unit_after.end()
    columns = _columns(text, match, after)
    reference = columns["ref"] if columns else match["ref"]
    low, high = _bounds(reference)
    end = columns.end() if columns else after
    seg = trim(text, match.start(), end)
    source = latest or match
    if columns and not source["mark"]:
        source = columns
    return Lab(
        name=names[index],
        value=value,
        unit=(columns["unit"] or unit) if columns else unit,
        reference_range=reference,
        reference_low=low,
        reference_high=high,
        flag=_flag(value, source, low, high),
        text=text[seg.start : seg.end],
        start=seg.start,
        end=seg.end,
    )


def _result_blocks(text: str, seg: Seg) -> list[Seg]:
    """Paragraphs a results heading opens inside a section read for nothing else."""
    blocks = []
    for heading in _RESULTS_HEADING.finditer(text, seg.start, seg.end):
        end = text.find("\n\n", heading.end(), seg.end)
        blocks.append(Seg(heading.start(), seg.end if end < 0 else end))
    return blocks


# A result stays a result in a past history ("Type 2 diabetes (A1c 8.9% 01/18)") or beside a
# denied diagnosis ("not diabetic (A1c 5.7)"); a relative's is not the patient's.
_NOT_THE_PATIENTS = {Context.FAMILY}


# Every result has a figure: a stretch without one (a story, a list of problems) holds none.
_DIGIT = re.compile(r"\d")


def _read_segment(doc: Document, seg: Seg) -> list[Lab]:
    if _DIGIT.search(doc.text, seg.start, seg.end) is None:
        return []
    found = _panel_labs(doc.text, seg.start, seg.end)
    pairs = _pair_labs(doc.text, seg.start, seg.end)
    found.extend(pairs)
    for pattern, names in ((_LONG, list(_LONG_NAMES)), (_SHORT, list(_SHORT_NAMES))):
        for match in pattern.finditer(doc.text, seg.start, seg.end):
            lab = _lab(doc.text, match, names)
            if lab is None or doc.contexts(lab.start, lab.end) & _NOT_THE_PATIENTS:
                continue
            if not any(pair.start <= lab.start < pair.end for pair in pairs):
                found.append(lab)
    return found


def extract_labs(doc: Document) -> list[Lab]:
    """Results with a value; the same result quoted twice is kept once, with its range if any."""
    found: list[Lab] = []
    for section in doc.sections:
        one_visit = _ONE_VISIT_COURSE.search(section.heading) is not None
        if section.name not in _SKIP_SECTIONS or one_visit:
            found.extend(_read_segment(doc, section.content))
            continue
        for block in _result_blocks(doc.text, section.content):
            found.extend(_read_segment(doc, block))
    return _unique(found)


def _unique(labs: list[Lab]) -> list[Lab]:
    best: dict[tuple[str, float], Lab] = {}
    for lab in sorted(labs, key=lambda item: item.start):
        key = (lab.name, lab.value)
        kept = best.get(key)
        if kept is None:
            best[key] = lab
            continue
        chosen, other = (lab, kept) if _better(lab, kept) else (kept, lab)
        # "Hgb 7.2 g/dL" told again as "Hgb 7.2 (L)": the flagged quote keeps the other's unit.
        if chosen.unit is None and other.unit:
            chosen = chosen.model_copy(update={"unit": other.unit})
        best[key] = chosen
    return sorted(best.values(), key=lambda item: item.start)


def _better(lab: Lab, kept: Lab) -> bool:
    """The same result quoted twice: keep the quote with a range, else a flag, else a unit."""
    if kept.reference_range is None and lab.reference_range:
        return True
    if kept.reference_range != lab.reference_range:
        return False
    if (kept.flag is None) != (lab.flag is None):
        return kept.flag is None
    return kept.unit is None and bool(lab.unit)
