"""Lab and vital probes in the shapes the earlier probes lack, labelled before the code ran.

Results told in prose and dictation, panels named by abbreviation, tables exported with tabs or
pipes, dated columns, SI units beside US ones, bounds, point-of-care tests, urinalysis and
cultures (only a number a test gives is a result: "negative", a culture's growth and "pending"
are not), and vitals in many layouts. Each probe gives every numeric result a clinician reads
(canonical name, value, unit as written, flag as the note or its range shows) and the first
reading of each vital sign (weights in kg, temperatures in °C). A probe opens with the heading it
would sit under in a note: the first lines of a note, under no heading, are its header.
"""

import pytest

from carechart.notes.nlp import analyse

LabRow = tuple[str, float, str | None, str | None]
Vitals = dict[str, float | str]

# (id, text, labs, vitals)
_PROBES: list[tuple[str, str, list[LabRow], Vitals]] = [
    # Results in prose and dictation.
    (
        "cbc-in-prose",
        "HPI: Her CBC was notable for a hemoglobin of 9.2 and platelets of 110K.",
        [("Hemoglobin", 9.2, None, None), ("Platelets", 110, "K", None)],
        {},
    ),
    (
        "dictated-pair-and",
        "LABS: BUN and creatinine 24 and 1.3.",
        [("BUN", 24, None, None), ("Creatinine", 1.3, None, None)],
        {},
    ),
    (
        "dictated-pair-respectively",
        "HOSPITAL COURSE IN THE ED: Sodium and potassium were 131 and 5.2, respectively.",
        [("Sodium", 131, None, None), ("Potassium", 5.2, None, None)],
        {},
    ),
    (
        "dictation-capitals",
        "LABORATORY DATA: SODIUM 134, POTASSIUM 3.3, CREATININE 0.9, HEMOGLOBIN 11.8.",
        [
            ("Sodium", 134, None, None),
            ("Potassium", 3.3, None, None),
            ("Creatinine", 0.9, None, None),
            ("Hemoglobin", 11.8, None, None),
        ],
        {},
    ),
    (
        "ast-alt-slash",
        "Labs: AST/ALT 45/62, alk phos 145 (H), T bili 1.8.",
        [
            ("AST", 45, None, None),
            ("ALT", 62, None, None),
            ("Alkaline phosphatase", 145, None, "high"),
            ("Bilirubin", 1.8, None, None),
        ],
        {},
    ),
    (
        "bun-cr-slash",
        "Renal function: BUN/Cr 32/1.6, K 5.1.",
        [("BUN", 32, None, None), ("Creatinine", 1.6, None, None), ("Potassium", 5.1, None, None)],
        {},
    ),
    (
        "hgb-hct-slash",
        "Assessment: H/H 8.1/24.6 this morning.",
        [("Hemoglobin", 8.1, None, None), ("Hematocrit", 24.6, None, None)],
        {},
    ),
    (
        "prose-was-this-morning",
        "Subjective: Potassium was 3.1 this morning and was repleted orally.",
        [("Potassium", 3.1, None, None)],
        {},
    ),
    (
        "prose-came-back-at",
        "HPI: Sodium came back at 128 and fluids were restricted.",
        [("Sodium", 128, None, None)],
        {},
    ),
    (
        "prose-from-to",
        "HPI: Her hemoglobin dropped from 10.2 to 8.1 overnight.",
        [("Hemoglobin", 8.1, None, None)],
        {},
    ),
    (
        "prose-lfts-showed",
        "HPI: LFTs showed AST 88, ALT 102 and a normal bilirubin.",
        [("AST", 88, None, None), ("ALT", 102, None, None)],
        {},
    ),
    # Abbreviations.
    (
        "cbc-indices",
        "Labs: Hct 31.2, MCV 78, RDW 16.1",
        [("Hematocrit", 31.2, None, None), ("MCV", 78, None, None), ("RDW", 16.1, None, None)],
        {},
    ),
    (
        "thyroid-pair",
        "Results: TSH 0.02 (L), FT4 2.9 ng/dL (H).",
        [("TSH", 0.02, None, "low"), ("Free T4", 2.9, "ng/dL", "high")],
        {},
    ),
    (
        "psa-with-prior",
        "HPI: PSA 4.6 ng/mL, up from 3.1 a year ago.",
        [("PSA", 4.6, "ng/mL", None)],
        {},
    ),
    (
        "lipids-abbreviated",
        "Lipids: TC 221, LDL 142, HDL 38, TG 210.",
        [
            ("Total cholesterol", 221, None, None),
            ("LDL", 142, None, None),
            ("HDL", 38, None, None),
            ("Triglycerides", 210, None, None),
        ],
        {},
    ),
    (
        "a1c-with-earlier",
        "Past medical history: Type 2 diabetes. Hemoglobin A1c of 8.4% (was 7.9% in March).",
        [("HbA1c", 8.4, "%", None)],
        {},
    ),
    (
        "sepsis-markers",
        "ED course: BNP 845, lactate 3.2 (H), procalcitonin 0.08, INR 1.1, PTT 29.",
        [
            ("BNP", 845, None, None),
            ("Lactate", 3.2, None, "high"),
            ("Procalcitonin", 0.08, None, None),
            ("INR", 1.1, None, None),
            ("PTT", 29, None, None),
        ],
        {},
    ),
    (
        "anaemia-work-up",
        "Results: Ferritin 12 ng/mL (L), B12 180 pg/mL, vitamin D 25-OH 14 ng/mL.",
        [
            ("Ferritin", 12, "ng/mL", "low"),
            ("Vitamin B12", 180, "pg/mL", None),
            ("Vitamin D", 14, "ng/mL", None),
        ],
        {},
    ),
    (
        "lactic-acid-unit",
        "HPI: Lactic acid 4.1 mmol/L on arrival.",
        [("Lactate", 4.1, "mmol/L", None)],
        {},
    ),
    (
        "na-k-one-line",
        "Assessment: K 3.2 on BMP this morning; Mg 1.6.",
        [("Potassium", 3.2, None, None), ("Magnesium", 1.6, None, None)],
        {},
    ),
    # Tables exported with tabs or pipes, range columns, dated columns.
    (
        "tab-table-with-range",
        "Results:\nTest\tResult\tUnits\tRef Range\tFlag\n"
        "Hemoglobin\t10.1\tg/dL\t12.0-16.0\tL\n"
        "Platelets\t450\tK/uL\t150-400\tH\n",
        [("Hemoglobin", 10.1, "g/dL", "low"), ("Platelets", 450, "K/uL", "high")],
        {},
    ),
    (
        "pipe-table-range-before-unit",
        "Results:\n| Test | Result | Ref range | Units |\n"
        "| WBC | 3.1 | 4.0-11.0 | x10^9/L |\n"
        "| Neutrophils | 1.2 | 2.0-7.5 | x10^9/L |\n",
        [("WBC", 3.1, "x10^9/L", "low"), ("Neutrophils", 1.2, "x10^9/L", "low")],
        {},
    ),
    (
        "pipes-without-spaces",
        "Results:\nSodium|128|135-145|mmol/L|L\nPotassium|4.0|3.5-5.1|mmol/L|\n",
        [("Sodium", 128, "mmol/L", "low"), ("Potassium", 4.0, "mmol/L", None)],
        {},
    ),
    (
        "dated-columns-oldest-first",
        "Labs        11/28    12/03\nHgb         8.1      7.4\nCr          1.2      1.8\n",
        [("Hemoglobin", 7.4, None, None), ("Creatinine", 1.8, None, None)],
        {},
    ),
    (
        "epic-component-value-date",
        "Objective:\nLab Results\nComponent\tValue\tDate\nHGBA1C\t7.2 (H)\t09/14/2026\n"
        "CREATININE\t1.10\t09/14/2026\n",
        [("HbA1c", 7.2, None, "high"), ("Creatinine", 1.1, None, None)],
        {},
    ),
    # SI units beside US units.
    (
        "si-chemistry",
        "Investigations:\nBloods: Na 131 mmol/L, K 5.9 mmol/L, creatinine 182 umol/L.",
        [
            ("Sodium", 131, "mmol/L", None),
            ("Potassium", 5.9, "mmol/L", None),
            ("Creatinine", 182, "umol/L", None),
        ],
        {},
    ),
    (
        "si-blood-count",
        "Investigations:\nFBC: Hb 92 g/L, WCC 13.4 x10^9/L, plt 401 x10^9/L.",
        [
            ("Hemoglobin", 92, "g/L", None),
            ("WBC", 13.4, "x10^9/L", None),
            ("Platelets", 401, "x10^9/L", None),
        ],
        {},
    ),
    (
        "si-with-us-in-brackets",
        "Results: Glucose 7.8 mmol/L (140 mg/dL). Creatinine 1.9 mg/dL (168 umol/L).",
        [("Glucose", 7.8, "mmol/L", None), ("Creatinine", 1.9, "mg/dL", None)],
        {},
    ),
    # Bounds.
    (
        "egfr-bound-alone",
        "Labs: eGFR >60",
        [("eGFR", 60, None, None)],
        {},
    ),
    (
        "troponin-bound-alone",
        "ED course: Troponin <0.01 x2.",
        [("Troponin", 0.01, None, None)],
        {},
    ),
    # Pending, cultures, urinalysis, point of care.
    (
        "pending-is-no-result",
        "Labs: CBC pending. Blood cultures x2 pending. Lipase pending.",
        [],
        {},
    ),
    (
        "pending-beside-results",
        "BMP: Na 139, K 4.0; Mg and phos pending.",
        [("Sodium", 139, None, None), ("Potassium", 4.0, None, None)],
        {},
    ),
    (
        "urine-culture-growth",
        "Urine culture: >100,000 CFU/mL E. coli, sensitive to nitrofurantoin.",
        [],
        {},
    ),
    (
        "blood-culture-no-growth",
        "Blood cultures: no growth at 48 hours.",
        [],
        {},
    ),
    (
        "urinalysis-microscopy-ranges",
        "UA: SG 1.015, pH 5.5, WBC 0-2/hpf, RBC >50/hpf, nitrite negative.",
        [("Specific gravity", 1.015, None, None), ("pH", 5.5, None, None)],
        {},
    ),
    (
        "poc-glucose",
        "Objective: POC glucose 312 before lunch.",
        [("Glucose", 312, None, None)],
        {},
    ),
    (
        "poc-inr",
        "Subjective: Point-of-care INR today 2.7.",
        [("INR", 2.7, None, None)],
        {},
    ),
    (
        "poc-qualitative",
        "Results: Urine hCG negative. Rapid strep negative.",
        [],
        {},
    ),
    # Not results.
    (
        "range-over-time",
        "HPI: Hemoglobin has ranged 8-9 over the past month; creatinine 1.3-1.5 recently.",
        [],
        {},
    ),
    (
        "drugs-named-like-tests",
        "HPI: Potassium chloride 20 mEq PO daily. Iron sucrose 200 mg IV. "
        "Vitamin D 50,000 units weekly. B12 1000 mcg IM monthly.",
        [],
        {},
    ),
    (
        "tests-to-order",
        "Plan: Check TSH, lipid panel and A1c at next visit. Last A1c 2/2024.",
        [],
        {},
    ),
    # Added after the first run, beside the fixes: variants and shapes that must not change.
    (
        "past-history-a1c",
        "Past medical history: Type 2 diabetes (A1c 8.9% 01/18), hypertension.",
        [("HbA1c", 8.9, "%", None)],
        {},
    ),
    (
        "a1c-beside-denied-diagnosis",
        "HPI: Steroid hyperglycaemia; he is not diabetic (A1c 5.7).",
        [("HbA1c", 5.7, None, None)],
        {},
    ),
    (
        "relatives-result-is-not-the-patients",
        "Family history: Mother with type 2 diabetes (A1c 9.0), father with CAD.",
        [],
        {},
    ),
    (
        "day-of-a-date-is-no-value",
        "HPI: His HbA1c on 5 January was 8.9%.",
        [("HbA1c", 8.9, "%", None)],
        {},
    ),
    (
        "list-number-after-value",
        "PMH: 1) Atrial fibrillation  2) Type 2 DM - A1c 7.1  3) HTN  4) OSA",
        [("HbA1c", 7.1, None, None)],
        {},
    ),
    (
        "panel-heading-opens-results",
        "Lipid panel (fasting, 2/10): Total chol 268 (H), LDL 172 (H)\nA1c 5.8 %  (H)\n",
        [
            ("Total cholesterol", 268, None, "high"),
            ("LDL", 172, None, "high"),
            ("HbA1c", 5.8, "%", "high"),
        ],
        {},
    ),
    (
        "pipes-name-after-value-is-no-unit",
        "Labs:\n| Na | 138 | K | 4.1 |\n",
        [("Sodium", 138, None, None), ("Potassium", 4.1, None, None)],
        {},
    ),
    (
        "paired-names-without-values",
        "Assessment: Hgb and Hct stable, AST/ALT normal. Seen 2/14.",
        [],
        {},
    ),
    (
        "pair-joined-unlike-its-names",
        "Labs: Na/K pump inhibitor level 3 and 4.",
        [],
        {},
    ),
    # Vitals.
    (
        "weight-kg-then-lb",
        "Vitals: Wt 82.3 kg (181 lb)",
        [],
        {"weight": 82.3},
    ),
    (
        "weight-lb-then-kg-rounded",
        "Vitals: Weight: 181 lb (82.3 kg)",
        [],
        {"weight": 82.3},
    ),
    (
        "bp-sitting-standing",
        "Vitals: BP 142/88 (sitting), 128/80 (standing), HR 76",
        [],
        {"blood_pressure": "142/88", "heart_rate": 76},
    ),
    (
        "spo2-on-room-air",
        "Exam: SpO2 97% on room air",
        [],
        {"spo2": 97},
    ),
    (
        "spo2-on-oxygen-first",
        "Exam: O2 sat 91% on 3L NC, 86% on RA",
        [],
        {"spo2": 91},
    ),
    (
        "height-weight-bmi-metric",
        "Vitals: Height 165 cm, weight 70 kg, BMI 25.7 kg/m2",
        [],
        {"height": 165, "weight": 70, "bmi": 25.7},
    ),
    (
        "paediatric-percentiles",
        "Growth: Weight 14.2 kg (62nd percentile), height 96 cm (45th %ile), "
        "BMI 15.4 (70th percentile)",
        [],
        {"weight": 14.2, "height": 96, "bmi": 15.4},
    ),
    (
        "paediatric-percent-percentiles",
        "Vitals: Wt: 9.8 kg (25%), Ht: 76 cm (50%)",
        [],
        {"weight": 9.8, "height": 76},
    ),
    (
        "orthostatic-rows",
        "Orthostatics:\nSupine   BP 132/80  HR 68\nStanding BP 110/70  HR 92\n",
        [],
        {"blood_pressure": "132/80", "heart_rate": 68},
    ),
    (
        "vitals-in-prose",
        "Physical examination: She was afebrile at 37.2 C, heart rate 104, "
        "blood pressure 96/60, satting 93% on room air.",
        [],
        {"temperature": 37.2, "heart_rate": 104, "blood_pressure": "96/60", "spo2": 93},
    ),
    (
        "vitals-dictated-capitals",
        "VITAL SIGNS: TEMPERATURE 98.6, PULSE 88, RESPIRATIONS 16, BLOOD PRESSURE 134/82, "
        "SATURATING 98% ON ROOM AIR.",
        [],
        {
            "temperature": 37.0,
            "heart_rate": 88,
            "respiratory_rate": 16,
            "blood_pressure": "134/82",
            "spo2": 98,
        },
    ),
    (
        "weight-with-change",
        "Objective: Weight today 212 lbs, down 6 lbs from last visit.",
        [],
        {"weight": 96.2},
    ),
    (
        "weight-loss-is-no-weight",
        "HPI: Reports weight loss of 10 lb over 3 months and a weight gain of 2 kg since.",
        [],
        {},
    ),
    (
        "birth-weight-before-today",
        "Growth: Birth weight was 3.4 kg; today's weight 9.1 kg.",
        [],
        {"weight": 9.1},
    ),
    (
        "temperature-then-max",
        "Exam: Temp 38.4 C, max 39.1 overnight. HR 110s-120s.",
        [],
        {"temperature": 38.4},
    ),
]


def _unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    return unit.lower().replace(" ", "").replace("µ", "u").replace("²", "2")


def _labs(text: str) -> set[LabRow]:
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


# Shapes not read yet, kept so a fix shows: the test fails when one of them starts passing.
_NOT_YET: dict[str, str] = {
    "prose-from-to": "'dropped from 10.2 to 8.1' is read as a range, not as a change",
    "vitals-in-prose": "'afebrile at 37.2 C' names no temperature label",
    "day-of-a-date-is-no-value": "a date between the name and the value stops the name reaching it",
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
    expected = {(n, round(float(v), 4), _unit(u), f) for n, v, u, f in labs}
    assert _labs(text) == expected
    assert _vitals(text) == vitals
