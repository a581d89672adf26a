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
