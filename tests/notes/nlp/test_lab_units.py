"""Lab results keep their unit wherever the note writes it; a range is never a result."""

from carechart.notes.nlp import analyse

_TABLE = """Laboratory data:
Sodium          134 L     136-145 mmol/L
Potassium       5.6       3.5-5.1 mmol/L      H
Creatinine      2.31      0.60-1.20 mg/dL     H
Troponin T hs   11        <14 ng/L
CBC: WBC 15.2 (H) [4.5-11.0 K/uL], Hgb 10.4 g/dL
"""


def _labs(text: str) -> dict[str, tuple[float, str | None, str | None]]:
    return {
        lab.name: (lab.value, lab.unit, lab.flag.value if lab.flag else None)
        for lab in analyse(text).labs
    }


def test_a_results_table_gives_each_value_the_unit_after_its_range() -> None:
    labs = _labs(_TABLE)
    assert labs["Sodium"] == (134, "mmol/L", "low")
    assert labs["Potassium"] == (5.6, "mmol/L", "high")
    assert labs["Creatinine"] == (2.31, "mg/dL", "high")
    assert labs["Troponin"] == (11, "ng/L", "normal")


def test_a_unit_inside_the_bracketed_range_is_the_value_unit() -> None:
    labs = _labs(_TABLE)
    assert labs["WBC"] == (15.2, "K/uL", "high")
    assert labs["Hemoglobin"] == (10.4, "g/dL", None)


def test_a_range_of_values_is_not_a_result() -> None:
    text = "Results: Home glucose range 140-190 mg/dL over the past week. Glucose 212 mg/dL today."
    assert [(lab.name, lab.value) for lab in analyse(text).labs] == [("Glucose", 212)]


def test_blood_gas_and_iron_studies_are_read() -> None:
    text = "Labs: ABG pH 7.31, pCO2 58, pO2 64. Iron 22, TIBC 430, transferrin saturation 5 %."
    labs = _labs(text)
    assert labs["pH"][0] == 7.31
    assert labs["pCO2"][0] == 58
    assert labs["TIBC"][0] == 430
    assert labs["Transferrin saturation"][:2] == (5, "%")
