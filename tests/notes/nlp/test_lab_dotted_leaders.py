"""A form's dotted leader between a test and its value ("Hemoglobin ....... 13.2 g/dL") is read
as one gap, whatever its length: split into runs of two dots or more, a leader of forty dots with
no value after it had billions of readings to try and held a worker for minutes (found on a
home-health visit form). The alarm only stops a hang; the assertions are about what is read."""

import signal
from collections.abc import Iterator
from types import FrameType

import pytest

from carechart.notes.nlp import analyse

_LEADER = "." * 60


@pytest.fixture(autouse=True)
def _no_hang() -> Iterator[None]:
    def stop(signum: int, frame: FrameType | None) -> None:
        raise AssertionError("the analysis did not finish within 60 s: a leader is backtracking")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (f"Hemoglobin {_LEADER} 13.2 g/dL", ("Hemoglobin", 13.2, "g/dL")),
        (f"Hemoglobin A1c{_LEADER}7.9 %", ("HbA1c", 7.9, "%")),
        (f"Creatinine{_LEADER[:40]}1.4 mg/dL", ("Creatinine", 1.4, "mg/dL")),
    ],
)
def test_a_value_after_a_long_leader_is_read(line: str, expected: tuple[str, float, str]) -> None:
    labs = analyse(f"Labs:\n{line}\n").labs
    assert [(lab.name, lab.value, lab.unit) for lab in labs] == [expected]


@pytest.mark.parametrize(
    "line",
    [
        f"Hemoglobin {_LEADER} pending",
        f"Hemoglobin {_LEADER}",
        f"Glucose {_LEADER} not drawn",
        f"Potassium {_LEADER} see below",
    ],
)
def test_a_long_leader_with_no_value_gives_no_result(line: str) -> None:
    assert analyse(f"Labs:\n{line}\nVitals stable.\n").labs == []
