"""A lab's flag in words, its unit wherever a table or trend puts it, and numbers no result is."""

from carechart.notes.nlp import analyse


def _labs(text: str) -> dict[str, tuple[float, str | None, str | None]]:
    return {
        lab.name: (lab.value, lab.unit, lab.flag.value if lab.flag else None)
        for lab in analyse(text).labs
    }


def test_a_flag_written_as_a_word_in_brackets_is_the_flag() -> None:
    labs = _labs("Labs: Sodium 146 (high), bicarbonate 20 (low), Cr 1.6 (high; baseline 0.9).")
    assert labs["Sodium"][2] == "high"
    assert labs["Bicarbonate"][2] == "low"
    assert labs["Creatinine"][2] == "high"


def test_a_flag_word_after_a_comma_or_a_positive_titre_is_the_flag() -> None:
    labs = _labs("Labs: Potassium 3.0, low. Rheumatoid factor 64 IU/mL (strongly positive).")
    assert labs["Potassium"][2] == "low"
    assert labs["Rheumatoid factor"][2] == "high"


def test_a_low_normal_or_a_comment_in_brackets_is_no_flag() -> None:
    labs = _labs("Labs: free T4 0.9 ng/dL (L-normal), glucose 104 (fasting), K 4.4, low normal.")
    assert labs["Free T4"][2] is None
    assert labs["Glucose"][2] is None
    assert labs["Potassium"][2] is None


def test_the_flag_column_of_a_pipe_table_is_the_flag() -> None:
    labs = _labs("Labs:\n| AST | 61 U/L | H |\n| Albumin | 3.1 g/dL | L |\n| ALT | 30 U/L | |")
    assert labs["AST"] == (61, "U/L", "high")
    assert labs["Albumin"] == (3.1, "g/dL", "low")
    assert labs["ALT"] == (30, "U/L", None)


def test_a_range_and_flag_in_columns_after_the_unit_are_read() -> None:
    labs = _labs("Results:\nMagnesium      1.4   mg/dL    1.7-2.2    L\nLDH   180  U/L   140-280")
    assert labs["Magnesium"] == (1.4, "mg/dL", "low")
    assert labs["LDH"] == (180, "U/L", "normal")


def test_numbers_after_a_unit_in_running_text_are_no_range() -> None:
    labs = _labs("Labs: Potassium 3.2 mmol/L 2-3 weeks ago, now repleted.")
    assert labs["Potassium"] == (3.2, "mmol/L", None)


def test_ions_written_with_their_charge_are_read() -> None:
    labs = _labs("Lytes: Na+ 129, K+ 5.8, Cl- 101, HCO3- 16, Ca2+ 1.05")
    assert {name: value[0] for name, value in labs.items()} == {
        "Sodium": 129,
        "Potassium": 5.8,
        "Chloride": 101,
        "Bicarbonate": 16,
        "Calcium": 1.05,
    }


def test_a_decade_of_values_is_no_result() -> None:
    assert _labs("Home glucose in the 200s, BG 150s overnight.") == {}
    assert _labs("Labs: glucose 250 s/p insulin")["Glucose"][0] == 250


def test_a_clock_time_is_no_value() -> None:
    labs = _labs("Labs: glucose 0700 fasting 131 mg/dL")
    assert "Glucose" not in labs or labs["Glucose"][0] != 700


def test_a_prothrombin_time_is_read_in_seconds_and_physical_therapy_is_not() -> None:
    assert _labs("Coags: PT 15.9 s, INR 1.4")["Prothrombin time"] == (15.9, "s", None)
    assert "Prothrombin time" not in _labs("Labs: INR 1.1. PT 12 visits approved, PT: 3 weeks.")


def test_urine_specific_gravity_is_read() -> None:
    assert _labs("UA: SG 1.015, protein negative")["Specific gravity"][0] == 1.015


def test_a_blood_gas_written_with_slashes_is_read() -> None:
    labs = _labs("Labs: VBG 7.22/61/38/25 on arrival")
    assert (labs["pH"][0], labs["pCO2"][0], labs["pO2"][0]) == (7.22, 61, 38)
    assert labs["Bicarbonate"][0] == 25
    assert _labs("Labs: ABG pending, BP 7/10 pain") == {}


def test_a_trend_gives_its_latest_value_and_the_unit_it_ends_with() -> None:
    assert _labs("Labs: Lactate 5.1 -> 3.3 -> 1.8 mmol/L")["Lactate"] == (1.8, "mmol/L", None)
    assert _labs("Labs: Hgb 8.8 g/dL -> 9.6 g/dL")["Hemoglobin"] == (9.6, "g/dL", None)
    times = "Labs: hs-troponin 12 (06:00) -> 19 (09:00) ng/L"
    assert _labs(times)["Troponin"] == (19, "ng/L", None)


def test_a_unit_in_a_short_row_name_is_the_unit_of_its_values() -> None:
    text = "Labs:\nNa (mmol/L)     141     138\nPhos (mg/dL)    3.9     4.4\n"
    labs = _labs(text)
    assert labs["Sodium"] == (138, "mmol/L", None)
    assert labs["Phosphorus"] == (4.4, "mg/dL", None)


def test_an_egfr_unit_with_a_superscript_and_a_d_dimer_basis_are_kept() -> None:
    assert _labs("Labs: eGFR 41 mL/min/1.73 m²")["eGFR"][1] == "mL/min/1.73 m2"
    assert _labs("Labs: D-dimer 2.4 mg/L FEU (H)")["D-dimer"] == (2.4, "mg/L FEU", "high")


def test_a_bound_in_a_condition_or_treatment_parameter_is_no_result() -> None:
    text = (
        "Labs: Hgb 9.0.\nGive a unit of blood for Hgb < 7.5. Proceed with cycle 3 if criteria "
        "(ANC >=1.0, Plt >50) are met. Restart warfarin once the INR falls below 1.5."
    )
    assert {(name, value[0]) for name, value in _labs(text).items()} == {("Hemoglobin", 9.0)}


def test_a_bound_given_as_the_result_is_still_read() -> None:
    labs = _labs("Labs: Troponin I <0.02 ng/mL, eGFR >90, Hgb 7.9 (L).")
    assert labs["Troponin"][0] == 0.02
    assert labs["eGFR"][0] == 90


def test_counts_times_doses_and_durations_after_a_lab_name_are_no_result() -> None:
    text = (
        "Labs: Vitamin D injection #3 today. CBC weekly x 6. Check ferritin at 09:30. "
        "Magnesium infused over 45 minutes. Sodium bicarbonate given 50 min ago. "
        "TSAT low - raise darbepoetin to 1,500 units."
    )
    assert _labs(text) == {}


def test_a_trend_to_a_value_with_thousands_is_read_in_full() -> None:
    assert _labs("Labs: CK 950 -> 12,400 U/L")["CK"] == (12400, "U/L", None)


def test_alkaline_phosphatase_written_alk_phos_is_not_phosphorus() -> None:
    labs = analyse("Labs: Alk Phos 240 (H), Phos 2.2 (L)").labs
    assert [(lab.name, lab.value) for lab in labs] == [
        ("Alkaline phosphatase", 240),
        ("Phosphorus", 2.2),
    ]


def test_a_unit_after_the_flag_is_the_value_unit() -> None:
    labs = _labs("Labs: B12 150 (L) pg/mL, Uric acid   9.4 H   mg/dL   3.5-7.2")
    assert labs["Vitamin B12"] == (150, "pg/mL", "low")
    assert labs["Uric acid"] == (9.4, "mg/dL", "high")


def test_thousands_written_k_is_a_unit_but_a_potassium_after_a_value_is_not() -> None:
    labs = _labs("Labs: WBC 3.1 K, plt 96 K (L). Na 131 K 5.9 Cl 99")
    assert labs["WBC"] == (3.1, "K", None)
    assert labs["Platelets"] == (96, "K", "low")
    assert labs["Sodium"] == (131, None, None)
    assert labs["Potassium"][0] == 5.9


def test_si_and_ratio_units_are_kept() -> None:
    labs = _labs("Labs: HbA1c 64 mmol/mol, UPCR 0.9 mg/mg, calprotectin 320 ug/g")
    assert labs["HbA1c"][1] == "mmol/mol"
    assert labs["Urine protein/creatinine ratio"][1] == "mg/mg"
    assert labs["Fecal calprotectin"][1] == "ug/g"


def test_a_result_told_twice_keeps_the_flag_of_one_quote_and_the_unit_of_the_other() -> None:
    text = "Labs: Albumin 2.4 g/dL on arrival.\nLabs: Albumin 2.4 (L), calcium 8.0."
    assert _labs(text)["Albumin"] == (2.4, "g/dL", "low")


def test_a_single_spaced_export_row_reads_its_range_when_a_flag_closes_it() -> None:
    text = "Results:\nTest Value Units Reference Flag\nLipase 412 U/L 13-60 H 03/02/2026\n"
    assert _labs(text)["Lipase"] == (412, "U/L", "high")


def test_a_bmp_drawn_as_a_fishbone_is_read() -> None:
    text = "Labs:\n 131 |  94 | 40\n------------------< 212\n 5.3 |  17 | 2.6\n"
    labs = _labs(text)
    assert {name: value[0] for name, value in labs.items()} == {
        "Sodium": 131,
        "Chloride": 94,
        "BUN": 40,
        "Glucose": 212,
        "Potassium": 5.3,
        "Bicarbonate": 17,
        "Creatinine": 2.6,
    }


def test_a_table_of_three_columns_is_no_fishbone() -> None:
    text = "Labs:\n 131 |  94 | 40\n 5.3 |  17 | 2.6\n"
    assert _labs(text) == {}
