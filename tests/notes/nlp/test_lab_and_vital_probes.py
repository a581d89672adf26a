"""Lab and vital blocks in the shapes real systems print, labelled before the code ran on them.

Each probe gives every numeric lab result a clinician reads in the block (canonical name, value,
unit as written, flag as the note or its range shows; "?" where the flag is a matter of reading)
and the first reading of each vital sign. A series of one test (a trend, dated columns, a list of
finger-sticks) gives its latest value; a range, a goal or a condition is never a result.
"""

import pytest

from carechart.notes.nlp import analyse

LabRow = tuple[str, float, str | None, str | None]
Vitals = dict[str, float | str]
_ANY = "?"

# (id, text, labs, vitals)
_PROBES: list[tuple[str, str, list[LabRow], Vitals]] = [
    (
        "flowsheet-flag-before-range",
        "Labs:\nCHEMISTRY            Result    Flag   Ref Range        Units\n"
        "Sodium               131       L      135-145          mmol/L\n"
        "Potassium            5.4       H      3.5-5.1          mmol/L\n"
        "Creatinine           1.62      H      0.60-1.30        mg/dL\n",
        [
            ("Sodium", 131, "mmol/L", "low"),
            ("Potassium", 5.4, "mmol/L", "high"),
            ("Creatinine", 1.62, "mg/dL", "high"),
        ],
        {},
    ),
    (
        "flowsheet-value-unit-range-flag",
        "Results:\nGlucose        245   mg/dL    70-99      H\n"
        "Calcium        8.1   mg/dL    8.5-10.5   L\n"
        "Albumin        3.9   g/dL     3.5-5.0\n",
        [
            ("Glucose", 245, "mg/dL", "high"),
            ("Calcium", 8.1, "mg/dL", "low"),
            ("Albumin", 3.9, "g/dL", None),
        ],
        {},
    ),
    (
        "bmp-one-liner",
        "Labs: BMP: Na 138, K 4.1, Cl 102, CO2 24, BUN 18, Cr 1.1, Glu 95",
        [
            ("Sodium", 138, None, None),
            ("Potassium", 4.1, None, None),
            ("Chloride", 102, None, None),
            ("Bicarbonate", 24, None, None),
            ("BUN", 18, None, None),
            ("Creatinine", 1.1, None, None),
            ("Glucose", 95, None, None),
        ],
        {},
    ),
    (
        "bmp-slashes",
        "Labs today: BMP 140/4.2/104/26/22/1.3/110",
        [
            ("Sodium", 140, None, None),
            ("Potassium", 4.2, None, None),
            ("Chloride", 104, None, None),
            ("Bicarbonate", 26, None, None),
            ("BUN", 22, None, None),
            ("Creatinine", 1.3, None, None),
            ("Glucose", 110, None, None),
        ],
        {},
    ),
    (
        "ions-with-charges",
        "Labs: Na+ 131, K+ 3.1, Cl- 96, HCO3- 18, Mg2+ 1.5",
        [
            ("Sodium", 131, None, None),
            ("Potassium", 3.1, None, None),
            ("Chloride", 96, None, None),
            ("Bicarbonate", 18, None, None),
            ("Magnesium", 1.5, None, None),
        ],
        {},
    ),
    (
        "fishbone-ascii",
        "Labs:\n  138 | 102 | 18\n  ---------------< 95\n  4.1 |  24 | 1.1\n",
        [
            ("Sodium", 138, None, None),
            ("Chloride", 102, None, None),
            ("BUN", 18, None, None),
            ("Glucose", 95, None, None),
            ("Potassium", 4.1, None, None),
            ("Bicarbonate", 24, None, None),
            ("Creatinine", 1.1, None, None),
        ],
        {},
    ),
    (
        "cbc-fishbone-inline",
        "Labs: CBC 8.2>11.4/34.1<245",
        [
            ("WBC", 8.2, None, None),
            ("Hemoglobin", 11.4, None, None),
            ("Hematocrit", 34.1, None, None),
            ("Platelets", 245, None, None),
        ],
        {},
    ),
    (
        "pipes-labelled",
        "Labs: Na 135 | K 3.2 | Cl 98 | HCO3 22 | BUN 30 | Cr 2.1 | Glu 145",
        [
            ("Sodium", 135, None, None),
            ("Potassium", 3.2, None, None),
            ("Chloride", 98, None, None),
            ("Bicarbonate", 22, None, None),
            ("BUN", 30, None, None),
            ("Creatinine", 2.1, None, None),
            ("Glucose", 145, None, None),
        ],
        {},
    ),
    (
        "unit-in-panel-heading",
        "Lipid panel (mg/dL): TC 212, LDL 138, HDL 42, TG 160",
        [
            ("Total cholesterol", 212, "mg/dL", None),
            ("LDL", 138, "mg/dL", None),
            ("HDL", 42, "mg/dL", None),
            ("Triglycerides", 160, "mg/dL", None),
        ],
        {},
    ),
    (
        "unit-in-row-name-dated-columns",
        "Labs:\nLab (units)        10/12    10/13    10/14\n"
        "Hgb (g/dL)         8.1      7.6      8.4\n"
        "Cr (mg/dL)         1.9      1.6      1.3\n"
        "K (mmol/L)         5.2      4.8      4.3\n",
        [
            ("Hemoglobin", 8.4, "g/dL", None),
            ("Creatinine", 1.3, "mg/dL", None),
            ("Potassium", 4.3, "mmol/L", None),
        ],
        {},
    ),
    (
        "trend-arrows",
        "Labs: Cr 1.8 -> 1.4 -> 1.2, K 5.6 -> 4.9",
        [("Creatinine", 1.2, None, None), ("Potassium", 4.9, None, None)],
        {},
    ),
    (
        "trend-unit-at-end",
        "Labs: Hb 9.8 -> 8.9 -> 9.4 g/dL",
        [("Hemoglobin", 9.4, "g/dL", None)],
        {},
    ),
    (
        "trend-with-units-each",
        "Labs: A1c 9.4% -> 7.8%",
        [("HbA1c", 7.8, "%", None)],
        {},
    ),
    (
        "poc-glucose-list",
        "Labs:\nPOC glucose (mg/dL): 0600 142, 1100 188, 1600 201, 2100 167",
        [("Glucose", 167, "mg/dL", None)],
        {},
    ),
    (
        "abg-slashes",
        "Labs: ABG 7.31/48/62 on 2L",
        [("pH", 7.31, None, None), ("pCO2", 48, None, None), ("pO2", 62, None, None)],
        {},
    ),
    (
        "abg-four-slashes",
        "Labs: ABG: 7.28/52/70/24",
        [
            ("pH", 7.28, None, None),
            ("pCO2", 52, None, None),
            ("pO2", 70, None, None),
            ("Bicarbonate", 24, None, None),
        ],
        {},
    ),
    (
        "vbg-labelled",
        "Labs: VBG pH 7.33, pCO2 49 mmHg, lactate 2.8 mmol/L",
        [
            ("pH", 7.33, None, None),
            ("pCO2", 49, "mmHg", None),
            ("Lactate", 2.8, "mmol/L", None),
        ],
        {},
    ),
    (
        "troponin-series-times",
        "Labs: Troponin I: 0.03 (08:10) -> 0.12 (11:15) -> 0.45 (14:20) ng/mL",
        [("Troponin", 0.45, "ng/mL", None)],
        {},
    ),
    (
        "troponin-below-detection",
        "Labs: Troponin <0.01 ng/mL. BNP 1,250 pg/mL (H).",
        [("Troponin", 0.01, "ng/mL", None), ("BNP", 1250, "pg/mL", "high")],
        {},
    ),
    (
        "inr-with-goal",
        "Labs: INR 2.4 (goal 2-3). PT 27.1 sec.",
        [("INR", 2.4, None, _ANY), ("Prothrombin time", 27.1, "sec", None)],
        {},
    ),
    (
        "inr-high-target-range",
        "Labs: INR 3.8 H, target range 2.0-3.0",
        [("INR", 3.8, None, "high")],
        {},
    ),
    (
        "hba1c-percent",
        "Labs: Hemoglobin A1c 8.2 % (4.0-5.6) H",
        [("HbA1c", 8.2, "%", "high")],
        {},
    ),
    (
        "egfr-unit",
        "Labs: Creatinine 1.46 mg/dL, eGFR 52 mL/min/1.73m2",
        [("Creatinine", 1.46, "mg/dL", None), ("eGFR", 52, "mL/min/1.73m2", None)],
        {},
    ),
    (
        "egfr-bound-superscript",
        "Labs: eGFR >60 mL/min/1.73 m²",
        [("eGFR", 60, "mL/min/1.73m2", None)],
        {},
    ),
    (
        "urinalysis-qualitative",
        "Urinalysis: SG 1.020, pH 6.0, protein negative, glucose negative, ketones trace, "
        "leukocyte esterase 2+, nitrite positive, WBC 25-50/hpf",
        [("Specific gravity", 1.02, None, None), ("pH", 6.0, None, None)],
        {},
    ),
    (
        "cbc-units-and-ranges",
        "Labs: WBC 14.2 x10^9/L (4.0-11.0), Hgb 7.2 g/dL (13.5-17.5) L, Plt 88 K/uL (L)",
        [
            ("WBC", 14.2, "x10^9/L", "high"),
            ("Hemoglobin", 7.2, "g/dL", "low"),
            ("Platelets", 88, "K/uL", "low"),
        ],
        {},
    ),
    (
        "tsh-lactate-ranges",
        "Labs: TSH 0.02 mIU/L (0.4-4.0) L; lactate 4.1 mmol/L (0.5-2.2)",
        [("TSH", 0.02, "mIU/L", "low"), ("Lactate", 4.1, "mmol/L", "high")],
        {},
    ),
    (
        "baseline-and-prior",
        "Labs: Cr 1.4 (baseline 0.9). Creatinine 2.1 on admission, up from 1.3 last month.",
        [("Creatinine", 1.4, None, None), ("Creatinine", 2.1, None, None)],
        {},
    ),
    (
        "targets-are-not-results",
        "Assessment: Hypokalemia. Keep K > 4 and Mg > 2. Goal INR 2-3. Hgb goal >7.",
        [],
        {},
    ),
    (
        "targets-in-words",
        "Assessment: Keep potassium above 4 and magnesium above 2; transfuse for Hgb less than 7.",
        [],
        {},
    ),
    (
        "glucose-target-range",
        "Assessment: Titrate insulin to glucose 140-180 mg/dL.",
        [],
        {},
    ),
    (
        "d-dimer-unit-suffix",
        "Labs: D-dimer 0.8 mg/L FEU (<0.5) H; ferritin 8 ng/mL (L)",
        [("D-dimer", 0.8, "mg/L FEU", "high"), ("Ferritin", 8, "ng/mL", "low")],
        {},
    ),
    (
        "vitals-one-line",
        "Vitals: T 37.2 HR 88 BP 132/84 RR 16 SpO2 97% RA",
        [],
        {
            "temperature": 37.2,
            "heart_rate": 88,
            "blood_pressure": "132/84",
            "respiratory_rate": 16,
            "spo2": 97,
        },
    ),
    (
        "vitals-letter-row-with-pain",
        "Vitals: BP 124/78, P 76, R 14, T 98.4 F, Pain 6/10",
        [],
        {
            "blood_pressure": "124/78",
            "heart_rate": 76,
            "respiratory_rate": 14,
            "temperature": 36.9,
        },
    ),
    (
        "vitals-time-rows-table",
        "Vitals:\nTime    Temp   HR   BP       RR   SpO2\n"
        "08:00   38.4   112  96/58    22   91%\n"
        "12:00   37.9   98   108/64   20   94%\n",
        [],
        {
            "temperature": 38.4,
            "heart_rate": 112,
            "blood_pressure": "96/58",
            "respiratory_rate": 22,
            "spo2": 91,
        },
    ),
    (
        "vitals-flowsheet-columns",
        "Vitals:\n                 0800      1200      1600\n"
        "BP               142/90    138/86    130/80\n"
        "Pulse            96        90        84\n"
        "Resp             18        18        16\n"
        "Temp (C)         37.0      37.4      37.1\n"
        "SpO2 (%)         95        96        97\n",
        [],
        {
            "blood_pressure": "142/90",
            "heart_rate": 96,
            "respiratory_rate": 18,
            "temperature": 37.0,
            "spo2": 95,
        },
    ),
    (
        "orthostatics",
        "Orthostatic vitals: lying BP 128/78 HR 72; sitting BP 118/74 HR 84; "
        "standing BP 102/66 HR 104",
        [],
        {"blood_pressure": "128/78", "heart_rate": 72},
    ),
    (
        "weight-lb-with-kg",
        "Vitals: BP 130/82, HR 70, Wt 185 lb (83.9 kg)",
        [],
        {"blood_pressure": "130/82", "heart_rate": 70, "weight": 83.9},
    ),
    (
        "weight-kg-with-lb-oz",
        "Weight: 72.4 kg (159 lb 9.6 oz)  BP 118/72  Pulse 64",
        [],
        {"weight": 72.4, "blood_pressure": "118/72", "heart_rate": 64},
    ),
    (
        "height-weight-bmi",
        "Ht 5'10\" Wt 176 lb BMI 25.3",
        [],
        {"height": 177.8, "weight": 79.8, "bmi": 25.3},
    ),
    (
        "pulse-ox-and-pulse",
        "Exam: Pulse ox 94% on 2L NC, pulse 102, temp 101.3F",
        [],
        {"spo2": 94, "heart_rate": 102, "temperature": 38.5},
    ),
    (
        "sat-before-heart-rate",
        "Objective: O2 sat 92% RA, HR 110, RR 24",
        [],
        {"spo2": 92, "heart_rate": 110, "respiratory_rate": 24},
    ),
    (
        "spo2-hr-paired",
        "Vitals: SpO2/HR 96%/84, BP 122/76",
        [],
        {"spo2": 96, "heart_rate": 84, "blood_pressure": "122/76"},
    ),
    (
        "ranges-of-vitals-are-not-readings",
        "Overnight: afebrile, HR 70s-80s, SBP 110-120s, sats mid 90s on RA.",
        [],
        {},
    ),
    (
        "vital-targets-are-not-readings",
        "Assessment: Hypertension. Blood pressure goal < 130/80. Keep SpO2 > 92%. HR goal < 110.",
        [],
        {},
    ),
    (
        "pain-score-alone",
        "Objective: Pain score 7/10. Pain 4/10 after medication.",
        [],
        {},
    ),
    (
        "vitals-with-units-spelled",
        "Vitals: BP 132/84 mmHg, pulse 88 bpm, temp 99.1 F, resp 18, O2 sat 96% on room air, "
        "wt 201 lbs",
        [],
        {
            "blood_pressure": "132/84",
            "heart_rate": 88,
            "temperature": 37.3,
            "respiratory_rate": 18,
            "spo2": 96,
            "weight": 91.2,
        },
    ),
    (
        "temperature-both-scales",
        "Vitals: Temp 36.8 °C (98.2 °F), HR 66, BP 110/70",
        [],
        {"temperature": 36.8, "heart_rate": 66, "blood_pressure": "110/70"},
    ),
    (
        "spo2-then-on-oxygen",
        "Vitals: HR 96, SpO2 88% on RA -> 94% on 2 L NC",
        [],
        {"heart_rate": 96, "spo2": 88},
    ),
]


def _unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    return unit.lower().replace(" ", "").replace("µ", "u").replace("²", "2")


def _labs(text: str) -> set[tuple[str, float, str | None, str | None]]:
    return {
        (
            lab.name,
            round(lab.value, 4),
            _unit(lab.unit),
            lab.flag.value if lab.flag and lab.flag.value != "normal" else None,
        )
        for lab in analyse(text).labs
    }


def _vitals(text: str) -> Vitals:
    found: Vitals = {}
    for vital in analyse(text).vitals:
        value = f"{vital.systolic}/{vital.diastolic}" if vital.value is None else vital.value
        found.setdefault(vital.kind.value, value)
    return found


def _expected_labs(
    rows: list[LabRow], found: set[tuple[str, float, str | None, str | None]]
) -> set[tuple[str, float, str | None, str | None]]:
    """The labelled rows; a flag left to reading takes whatever flag was found."""
    expected = set()
    for name, value, unit, flag in rows:
        if flag == _ANY:
            flag = next((f for n, v, _, f in found if (n, v) == (name, value)), None)
        expected.add((name, round(float(value), 4), _unit(unit), flag))
    return expected


# Shapes not read yet, kept so a fix shows: the test fails when one of them starts passing.
_NOT_YET = {
    "unit-in-panel-heading": "a unit in the panel's heading is not given to its values",
    "poc-glucose-list": "a list of timed finger-sticks gives no latest value",
    "spo2-hr-paired": "'SpO2/HR 96%/84' pairs two labels with two values",
}


def _param(name: str, text: str, labs: list[LabRow], vitals: Vitals) -> object:
    reason = _NOT_YET.get(name)
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(text, labs, vitals, id=name, marks=marks)


@pytest.mark.parametrize(
    ("text", "labs", "vitals"),
    [_param(name, text, labs, vitals) for name, text, labs, vitals in _PROBES],
)
def test_probe_reads_every_result_and_reading(
    text: str, labs: list[LabRow], vitals: Vitals
) -> None:
    found = _labs(text)
    assert found == _expected_labs(labs, found)
    assert _vitals(text) == vitals
