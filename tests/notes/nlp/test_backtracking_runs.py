"""Runs that a rule's regex could split in exponentially many ways when the rest did not fit:
each held a worker for the API's whole time limit and left the note without an analysis
(found by driving the analyser with runs of punctuation and words after each kind of trigger,
after a form's dotted leader did it in the lab reader, tests/notes/nlp/test_lab_dotted_leaders.py).
The alarm only stops a hang; the assertions are about what is read."""

import signal
from collections.abc import Iterator
from types import FrameType

import pytest

from carechart.notes.nlp import analyse


@pytest.fixture(autouse=True)
def _no_hang() -> Iterator[None]:
    def stop(signum: int, frame: FrameType | None) -> None:
        raise AssertionError("the analysis did not finish within 20 s: a run is backtracking")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _denied(text: str) -> list[str]:
    return [finding.text.lower() for finding in analyse(text).negated_findings]


# "No auditory or visual hallucinations": the words between a modifier and the last item were
# free to end at any "-or" inside a hyphenated word, 2**n readings for n of them.
@pytest.mark.parametrize("runs", [30, 36])
def test_a_hyphenated_run_of_ors_in_a_denied_list_is_one_word(runs: int) -> None:
    word = "a" + "-or" * runs + "-x"
    denied = _denied(f"ROS: Denies fever, {word}, or chest pain.\n")
    assert denied[0] == "fever"
    assert "chest pain" in denied


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ROS: No auditory or visual hallucinations.\n",
            ["auditory or visual hallucinations", "visual hallucinations"],
        ),
        (
            "Neck: no cervical or supraclavicular adenopathy.\n",
            ["cervical or supraclavicular adenopathy", "supraclavicular adenopathy"],
        ),
        ("ROS: Denies fever, chills, or night sweats.\n", ["fever", "chills", "night sweats"]),
    ],
)
def test_a_modifier_before_or_still_shares_the_last_noun(text: str, expected: list[str]) -> None:
    assert _denied(text) == expected


def _drugs(text: str) -> list[tuple[str, str]]:
    return [(med.name, med.status.value) for med in analyse(text).medications]


# "Start aspirin and ibuprofen": the blanks and commas between two names were free to split among
# five places in the coordination's regex; a run of eighty tabs before another word never ended.
@pytest.mark.parametrize("blanks", ["\t" * 100, " " * 100, " ," * 50])
def test_a_long_run_of_blanks_between_two_drugs_is_read_once(blanks: str) -> None:
    text = f"Plan:\nStart aspirin{blanks}x ibuprofen.\n"
    assert _drugs(text) == [("aspirin", "started"), ("ibuprofen", "proposed")]


_BOTH_STARTED = [("aspirin", "started"), ("ibuprofen", "started")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Plan:\nStart aspirin, ibuprofen.\n", _BOTH_STARTED),
        ("Plan:\nStart aspirin and ibuprofen.\n", _BOTH_STARTED),
        ("Plan:\nStart aspirin,,,,\t\t ibuprofen.\n", _BOTH_STARTED),
    ],
)
def test_names_joined_by_a_coordination_still_share_the_verb(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _drugs(text) == expected


# A fixed-width export pads its lines with blanks: a line indented by thousands gave the headings'
# regexes (note_structure) and the plan entry's (medication_place) as many squared splits.
@pytest.mark.parametrize("blank", [" ", "\t"])
def test_a_deeply_indented_plan_entry_is_read(blank: str) -> None:
    text = f"Plan:\n{blank * 30000}- metoprolol 25 mg daily\n"
    assert [med.name for med in analyse(text).medications] == ["metoprolol"]


# "Rule out DVT, negative duplex": the blanks after an uncertain problem were free to split among
# three runs before the answer, a cube of readings; eight hundred blanks took minutes.
@pytest.mark.parametrize(
    "line", ["1. Rule out DVT{}pending", "1. Possible pneumonia{}x", "1. ? gout{}- stable"]
)
def test_a_long_run_of_blanks_after_an_uncertain_problem_is_read_once(line: str) -> None:
    text = "Assessment:\n" + line.format(" " * 3000) + "\n"
    assert len(analyse(text).problems) == 1


@pytest.mark.parametrize(
    ("line", "kept"),
    [("1. Rule out DVT, negative duplex", False), ("1. Rule out DVT - duplex pending", True)],
)
def test_an_answered_question_is_still_no_problem(line: str, kept: bool) -> None:
    assert bool(analyse(f"Assessment:\n{line}\n").problems) is kept


# Three runs of blanks in a row, each free to take what the others left: a cube of readings for
# a long run after "fax" (dates), "UA" (labs) or "lot" (immunizations), a square before a
# condition that opens a plan line (medications).
_BLANKS = " " * 4000


@pytest.mark.parametrize(
    ("text", "dated"),
    [
        (f"Fax{_BLANKS}x\nDate: 03/06/2025\n", False),
        ("Faxed copy\nDate: 03/06/2025\n", False),
        ("Fax 555 201 3300\nDate: 03/06/2025\n", True),
    ],
)
def test_a_long_run_of_blanks_after_fax_is_read_once(text: str, dated: bool) -> None:
    assert (analyse(text).encounter_date is not None) is dated


@pytest.mark.parametrize(
    ("text", "expected"),
    [(f"UA{_BLANKS}x\nGlucose 110\n", []), ("UA (03/06):\nGlucose 110\n", [("Glucose", 110.0)])],
)
def test_a_long_run_of_blanks_after_a_results_heading_is_read_once(
    text: str, expected: list[tuple[str, float]]
) -> None:
    assert [(lab.name, lab.value) for lab in analyse(text).labs] == expected


@pytest.mark.parametrize(("tail", "lot"), [(f"lot{_BLANKS}x", None), ("lot # AB123", "AB123")])
def test_a_long_run_of_blanks_after_lot_is_read_once(tail: str, lot: str | None) -> None:
    given = analyse(f"Immunizations:\nInfluenza vaccine given, {tail}\n").immunizations
    assert [(shot.name, shot.lot) for shot in given] == [("influenza vaccine", lot)]


@pytest.mark.parametrize(
    "line", [f"{_BLANKS * 4}x If fever, acetaminophen 650 mg.", "- If fever, acetaminophen 650 mg."]
)
def test_a_long_run_of_blanks_before_a_condition_is_read_once(line: str) -> None:
    assert _drugs(f"Plan:\n{line}\n") == [("acetaminophen", "proposed")]


# The evidence of a drug loses the "and"/"or" left dangling at its end: the blanks before it were
# tried from each of their starts and split two ways, a cube of readings for a padded line.
@pytest.mark.parametrize("line", [f"metoprolol 25 mg{_BLANKS}x", "metoprolol 25 mg daily and"])
def test_a_long_run_of_blanks_after_a_dose_is_read_once(line: str) -> None:
    meds = analyse(f"Plan:\n{line}\n").medications
    assert [med.name for med in meds] == ["metoprolol"]
    assert not meds[0].text.endswith((" ", "and"))
