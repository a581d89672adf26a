"""Lab results in the layouts notes write them: dated columns, capitals, thousands, qualified
names and synonyms; goals, gene names and durations are never results."""

import pytest

from carechart.notes.nlp import analyse


def _labs(text: str) -> dict[str, tuple[float, str | None, str | None]]:
    return {
        lab.name: (lab.value, lab.unit, lab.flag.value if lab.flag else None)
        for lab in analyse(text, client_note_type=None).labs
    }


_DATED_COLUMNS = """Assessment: stable.

Lab results
Test            01/04/2024    03/20/2024    Reference
Creatinine      1.31          1.18          0.60 - 1.20 mg/dL
Sodium          139           141           135 - 145 mmol/L
Albumin         --            3.1           3.5 - 5.0 g/dL
Platelets                     173
"""


def test_the_last_dated_column_of_a_results_table_is_the_result() -> None:
    labs = _labs(_DATED_COLUMNS)
    assert labs["Creatinine"] == (1.18, "mg/dL", "normal")
    assert labs["Sodium"] == (141, "mmol/L", "normal")
    assert labs["Albumin"] == (3.1, "g/dL", "low")
    assert labs["Platelets"][0] == 173


def test_earlier_columns_of_a_table_are_not_results_of_their_own() -> None:
    values = {(lab.name, lab.value) for lab in analyse(_DATED_COLUMNS).labs}
    assert ("Creatinine", 1.31) not in values
    assert ("Sodium", 139) not in values


def test_a_row_of_times_without_a_range_ends_at_its_last_value() -> None:
    text = "Labs:\n          AM        noon      PM\nK         3.1 (L)   3.6       4.0\n"
    assert _labs(text)["Potassium"][0] == 4.0


@pytest.mark.parametrize(
    ("text", "name", "value"),
    [
        ("LABS: NA 131 (L), CR 2.4 (H), GLU 240.", "Sodium", 131),
        ("LABS: NA 131 (L), CR 2.4 (H), GLU 240.", "Creatinine", 2.4),
        ("Labs: NT-proBNP 12,400 pg/mL (H).", "NT-proBNP", 12400),
        ("Labs: BNP 2,015, troponin 0.02.", "BNP", 2015),
        ("Results: Glucose, fasting 131 (H)", "Glucose", 131),
        ("Results: Cholesterol, total 251 mg/dL (H)", "Total cholesterol", 251),
        ("Labs: Hb 121 g/L, WCC 11.4, CRP 12 mg/L.", "WBC", 11.4),
        ("Labs: WBC 2.1 (L), ANC 0.9 (L), Plt 96.", "ANC", 0.9),
        ("Labs: PTH 488 pg/mL (H), phos 6.1.", "PTH", 488),
        ("Labs: UACR 64 mg/g (H).", "Urine albumin/creatinine ratio", 64),
        ("Labs: Microalb/Creat ratio 12 mg/g", "Urine microalbumin/creatinine ratio", 12),
        ("Labs: rheumatoid factor 44 IU/mL (H), anti-CCP > 250 U/mL.", "Anti-CCP", 250),
    ],
)
def test_results_are_read_in_the_spellings_notes_use(text: str, name: str, value: float) -> None:
    assert _labs(text)[name][0] == value


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Labs: ESR 61 mm/h (H)", "mm/h"),
        ("Labs: TSH 3.2 mU/L", "mU/L"),
        ("Labs: free T4 14 pmol/L", "pmol/L"),
        ("Labs: IgE 880 IU/mL (H)", "IU/mL"),
    ],
)
def test_the_unit_written_after_a_value_is_kept(text: str, unit: str) -> None:
    [lab] = analyse(text).labs
    assert lab.unit == unit


@pytest.mark.parametrize(
    "text",
    [
        "Plan: goal A1c <7; recheck A1c in 3 months.",
        "Oncology: EGFR exon 19 deletion on NGS.",
        "Screening: Lead (12 mo): pending.",
        "Labs: hs-troponin T 0 h: pending; 2 h: pending.",
    ],
)
def test_goals_genes_and_time_points_are_not_results(text: str) -> None:
    assert analyse(text).labs == []


@pytest.mark.parametrize(
    ("text", "name", "value"),
    [
        ("Labs: TC 198, LDL 121, HDL 44, TG 160.", "Total cholesterol", 198),
        ("Labs: Total chol 244 mg/dL (H)", "Total cholesterol", 244),
        ("Labs: ALP 288 (H), GGT 140 (H), ALT 61", "Alkaline phosphatase", 288),
        ("Labs: ALP 288 (H), GGT 140 (H), ALT 61", "GGT", 140),
        ("Labs: 25-OH vit D 19 ng/mL (L)", "Vitamin D", 19),
        ("Dialysis labs: iPTH 540 (H) | Ca corr 9.1 | spKt/V 1.52 | URR 74%", "PTH", 540),
        ("Dialysis labs: iPTH 540 (H) | Ca corr 9.1 | spKt/V 1.52 | URR 74%", "Kt/V", 1.52),
        ("Dialysis labs: iPTH 540 (H) | Ca (corr) 9.1 | URR 74%", "Corrected calcium", 9.1),
        ("Labs: UPC ratio 0.21, Plt 233", "Urine protein/creatinine ratio", 0.21),
        ("Labs: anti-dsDNA 96 IU/mL (H), IgG 1,540 mg/dL", "IgG", 1540),
        ("Labs: absolute lymphocyte count 0.5 (L)", "Lymphocytes", 0.5),
        ("Labs: 1 hr GCT 162 (H)", "Glucose challenge test", 162),
    ],
)
def test_results_of_other_panels_are_read(text: str, name: str, value: float) -> None:
    assert _labs(text)[name][0] == value


@pytest.mark.parametrize(
    "text",
    [
        "Plan: vitamin D3 2000 units daily; vitamin D3 1 tab daily.",
        "Plan: 1-hour glucose challenge: schedule 3 weeks from now.",
    ],
)
def test_a_supplement_or_an_order_is_not_a_result(text: str) -> None:
    assert analyse(text).labs == []


def test_a_value_at_the_end_of_a_line_is_no_dose_of_the_next_line() -> None:
    text = "Labs:\nWBC 6.1 | Hgb 13.2 | Plt 254\nMg 2.0\n"
    labs = _labs(text)
    assert labs["Platelets"][0] == 254
    assert labs["Magnesium"][0] == 2.0


_COURSE = """HOSPITAL COURSE: Admitted with SBP. Creatinine peaked at 2.3 and improved with albumin.

DISCHARGE LABS: Sodium 134, creatinine 1.2, INR 1.5, platelets 81.

DISCHARGE MEDICATIONS:
rifaximin 550 mg BID
"""

_MESSAGE = """Telephone encounter 04/02/2026
Caller: patient
Results 04/01/2026: Na 133 (L), K 5.3 (H), Cr 1.41 (H), eGFR 52 (L).

Assessment
Hyperkalemia on spironolactone.
"""

_MEDICATION_TABLE = """CURRENT MEDICATIONS
losartan 50 mg tab      1 tab PO daily      Taking
LABS 03/30/2026
   Calcium      10.9 mg/dL    (8.6-10.3)   H
   PTH          88 pg/mL      (15-65)      H

ASSESSMENT
Primary hyperparathyroidism.
"""


def test_results_under_a_results_heading_are_read_inside_a_course() -> None:
    values = {(lab.name, lab.value) for lab in analyse(_COURSE).labs}
    assert {("Sodium", 134), ("Creatinine", 1.2), ("INR", 1.5), ("Platelets", 81)} <= values
    assert ("Creatinine", 2.3) not in values


def test_results_under_a_results_heading_are_read_in_a_message_header() -> None:
    labs = _labs(_MESSAGE)
    assert labs["Sodium"] == (133, None, "low")
    assert labs["eGFR"][0] == 52


def test_results_under_a_results_heading_are_read_after_a_medication_table() -> None:
    labs = _labs(_MEDICATION_TABLE)
    assert labs["Calcium"] == (10.9, "mg/dL", "high")
    assert labs["PTH"] == (88, "pg/mL", "high")


def test_an_empty_column_in_the_middle_of_a_row_does_not_end_it() -> None:
    text = "Labs:\nTest       Jan        Apr        Jul\nFerritin   9 (L)      --         42\n"
    assert _labs(text)["Ferritin"][0] == 42


def test_a_number_indented_on_the_next_line_is_not_a_later_column() -> None:
    text = "Labs:\nHgb 12.8 | Plt 301\n  2 units PRBC given overnight.\n"
    assert _labs(text)["Platelets"][0] == 301


def test_testosterone_the_drug_is_not_a_testosterone_level() -> None:
    text = "Labs: testosterone, total 212 ng/dL (L). Plan: testosterone cypionate 100 weekly."
    assert [(lab.name, lab.value) for lab in analyse(text).labs] == [("Testosterone", 212)]
