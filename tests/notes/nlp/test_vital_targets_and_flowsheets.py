"""A goal is no reading; a flowsheet row and a lone "R" beside other readings are."""

from carechart.notes.nlp import analyse


def _readings(text: str) -> dict[str, float | str]:
    found: dict[str, float | str] = {}
    for vital in analyse(text).vitals:
        value = f"{vital.systolic}/{vital.diastolic}" if vital.value is None else vital.value
        found.setdefault(vital.kind.value, value)
    return found


def test_a_goal_or_threshold_of_a_vital_is_no_reading() -> None:
    text = "Plan: BP target <140/90. Maintain sats above 90%. If HR 130 call MD."
    assert _readings(text) == {}


def test_a_reading_beside_a_goal_is_still_read() -> None:
    readings = _readings("Exam: BP 152/96, above goal. SpO2 95% (goal > 92%).")
    assert readings == {"blood_pressure": "152/96", "spo2": 95}


def test_a_lone_r_in_a_row_of_readings_is_the_respiratory_rate() -> None:
    readings = _readings("VS: T 36.6  P 90  R 20  BP 140/70")
    assert readings["respiratory_rate"] == 20


def test_a_lone_r_outside_a_row_is_no_respiratory_rate() -> None:
    readings = _readings("Exam: strength R 5/5, L 4/5. R 12th rib tender. HR 80")
    assert "respiratory_rate" not in readings


def test_a_flowsheet_row_reads_its_first_column() -> None:
    text = (
        "Vitals:\n                 06:00     10:00\n"
        "Blood pressure   101/62    112/70\n"
        "SpO2 (%)         93        96\n"
    )
    assert _readings(text) == {"blood_pressure": "101/62", "spo2": 93}


_EXAM = "Exam: comfortable, lungs clear.\n"


def test_a_vertical_list_of_readings_is_one_row() -> None:
    text = (
        "Subjective: feels well.\nNurse check -\n  Pulse    61\n  BP       109/71\n  Resp     12\n"
        + _EXAM
    )
    assert _readings(text) == {"heart_rate": 61, "blood_pressure": "109/71", "respiratory_rate": 12}


def test_story_lines_that_each_mention_a_number_are_no_list() -> None:
    text = "HPI: her BP at home is 150/90.\nShe says weight 70 kg before.\n" + _EXAM
    assert _readings(text) == {}


def test_a_table_of_vitals_gives_the_readings_of_its_first_row() -> None:
    text = (
        "Course:\nTime    Pulse  BP       Resp  SpO2   Temp\n"
        "21:10   124    88/46    28    90%    39.1 C\n"
        "22:00   110    100/60   24    94%    38.6 C\n" + _EXAM
    )
    assert _readings(text) == {
        "heart_rate": 124,
        "blood_pressure": "88/46",
        "respiratory_rate": 28,
        "spo2": 90,
        "temperature": 39.1,
    }


def test_a_sentence_opening_with_column_names_is_no_table() -> None:
    text = "Course:\nBP HR RR were stable overnight per nursing\n12 18 20 doses given\n" + _EXAM
    assert _readings(text) == {}
