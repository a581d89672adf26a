"""Vital signs as rows of readings, and the numbers that only look like one."""

from carechart.notes.nlp import VitalKind, analyse


def _readings(text: str) -> dict[str, float | str]:
    found: dict[str, float | str] = {}
    for vital in analyse(text).vitals:
        value = f"{vital.systolic}/{vital.diastolic}" if vital.value is None else vital.value
        found.setdefault(vital.kind.value, value)
    return found


def test_pulse_oximetry_is_an_oxygen_saturation_never_a_heart_rate() -> None:
    readings = _readings("Exam: pulse oximetry of 97% on room air, pulse 64, BP 118/70.")
    assert readings["spo2"] == 97
    assert readings["heart_rate"] == 64


def test_a_row_of_single_letter_readings_is_read_in_full() -> None:
    text = "Objective:\nVitals: T 98.2 F  P 82  RR 16  BP 128/76  SpO2 98% RA  Wt 88.4 kg"
    readings = _readings(text)
    assert readings == {
        "temperature": 36.8,
        "heart_rate": 82,
        "respiratory_rate": 16,
        "blood_pressure": "128/76",
        "spo2": 98,
        "weight": 88.4,
    }


def test_the_first_row_of_readings_counts_even_in_the_story() -> None:
    text = (
        "HPI: Brought in with fever. In the ED: T 39.2 C, HR 121, BP 88/50, RR 26, SpO2 91% RA.\n"
        "Physical Exam:\nVitals: T 37.9 C, HR 98, BP 110/64, RR 20, SpO2 95% on 2 L"
    )
    readings = _readings(text)
    assert (readings["heart_rate"], readings["blood_pressure"]) == (121, "88/50")


def test_a_lone_number_in_the_story_or_a_rate_of_another_kind_is_no_vital() -> None:
    text = (
        "HPI: Home BP log shows good control, HR 70s.\n"
        "Physical Exam: Regular rhythm.\n"
        "Results: ECG with nonspecific ST-T changes, QRS 92 ms. ESR 38 mm/hr (H), Hb 118 g/L."
    )
    kinds = {vital.kind for vital in analyse(text).vitals}
    assert VitalKind.HEART_RATE not in kinds
    assert VitalKind.TEMPERATURE not in kinds


def test_a_plan_or_a_pregnancy_count_is_no_pulse() -> None:
    text = "Obstetric history: G2 P1001.\nPhysical Exam: BP 112/68, fundal height 24 cm."
    assert VitalKind.HEART_RATE not in {vital.kind for vital in analyse(text).vitals}
