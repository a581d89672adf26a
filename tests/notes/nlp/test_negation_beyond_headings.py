"""Denials a clinician reads wherever the note puts them: in a telephone note or a portal message
with no headings, on a procedure's "Complications: None", item by item with "(-)"; and what is
no denied finding: social-history habits, advice, an identifier's "No:", a diagnosis' subtype."""

import pytest

from carechart.notes.nlp import analyse


def _denied(text: str) -> list[str]:
    return [(f.name or f.text).lower() for f in analyse(text).negated_findings]


_CALL = (
    "Valley Family Medicine - Nurse Line\nTELEPHONE ENCOUNTER\n\n"
    "Patient: Doe, Jane   DOB 1/2/1970   MRN VF-1234\n"
    "Spoke with patient. Reports dizziness when standing x 2 days, no falls, no syncope. "
    "No shortness of breath, no leg swelling.\n"
)
_PORTAL = (
    "Message from patient (12/01/2025 09:14):\n"
    "Hi, my rash is still itchy but no blisters and I don't have a fever. My mouth is fine.\n"
)
_SOAP = (
    "Postoperative Visit\nJane Doe | DOB 06/30/1979 | MRN CH-1\n"
    "S: 14 days s/p lap chole. Some drainage at the umbilical port. No fever or chills.\n"
    "O: T 36.8. Umbilical incision with mild erythema.\n"
)


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        pytest.param(_CALL, ["falls", "syncope", "shortness of breath", "leg swelling"], id="call"),
        pytest.param(_PORTAL, ["blisters"], id="portal"),
        pytest.param(_SOAP, ["fever", "chills"], id="unrecognised-s-heading"),
    ],
)
def test_denials_before_any_recognised_heading_are_read(text: str, denied: list[str]) -> None:
    found = _denied(text)
    assert [d for d in denied if d not in found] == []


def test_identifiers_in_the_letterhead_deny_nothing() -> None:
    text = "Dear Dr Hale,\nNHS No: 485 777 3021   Hosp No. N0918273\nNo seizures since May."
    assert _denied(text) == ["seizures"]


@pytest.mark.parametrize(
    "text",
    [
        "OPERATIVE REPORT\nEBL: 20 mL.\nCOMPLICATIONS: None.\nCONDITION: Stable to PACU.",
        "PROCEDURE NOTE\nEBL: minimal. Complications: none immediate. Tolerated well.",
        "OPERATIVE REPORT,FLUIDS:,  800 mL.,COMPLICATIONS:,  None.,SPECIMENS:,  None.,",
        "PROCEDURE: Cardioversion, 200 J x1 to sinus rhythm. No complications.",
    ],
)
def test_a_procedure_without_complications_denies_them(text: str) -> None:
    assert "complications" in _denied(text)


def test_a_diagnosis_without_complications_is_its_subtype_not_a_denial() -> None:
    text = "ASSESSMENT:\n1. Type 2 diabetes mellitus without complications (E11.9).\n"
    assert _denied(text) == []


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("SOCIAL HISTORY: Denies tobacco, alcohol or drug use. Works as a teacher.", []),
        ("HPI: No EtOH, no illicit drugs, no cigarettes. No fever.", ["fever"]),
        ("HPI: No IV drug use. No alcohol withdrawal symptoms.", None),
    ],
)
def test_habits_denied_are_social_history_not_findings(text: str, denied: list[str] | None) -> None:
    found = _denied(text)
    if denied is None:
        assert any("iv drug use" in f for f in found)
        assert any("alcohol withdrawal" in f for f in found)
    else:
        assert found == denied


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("HPI: Advised pt not to skip meals, carry glucose tabs. No dizziness.", ["dizziness"]),
        ("HPI: Told not to drive for 6 months. She is not short of breath.", None),
    ],
)
def test_advice_not_to_do_something_denies_no_finding(text: str, denied: list[str] | None) -> None:
    found = _denied(text)
    assert not any("skip" in f or "drive" in f for f in found)
    if denied is not None:
        assert found == denied


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("ROS: fever (-), chills (-), cough (+), dysuria (-)", ["fever", "chills", "dysuria"]),
        ("PHYSICAL EXAM:\nPedal pulses present. Babinski absent bilaterally.", ["babinski sign"]),
    ],
)
def test_a_cue_after_the_finding_denies_the_finding_before_it(text: str, denied: list[str]) -> None:
    assert _denied(text) == denied


def test_a_positive_mark_is_no_denial() -> None:
    assert _denied("ROS: cough (+), wheeze (+)") == []


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("EXAM: No meningismus, Kernig and Brudzinski negative.", None),
        ("EXAM: RUQ tender, Murphy's sign negative. Neg Lachman.", ["murphy's sign", "lachman"]),
        ("EXAM: Negative Spurling test bilaterally. SLR negative.", ["spurling test", "slr"]),
    ],
)
def test_a_named_sign_found_negative_is_denied_as_that_sign(
    text: str, denied: list[str] | None
) -> None:
    found = _denied(text)
    if denied is None:
        assert {"meningismus", "kernig sign", "brudzinski sign"} <= set(found)
    else:
        assert [d for d in denied if not any(f.startswith(d) for f in found)] == []


def test_a_named_sign_found_positive_is_not_denied() -> None:
    assert _denied("EXAM: Tinel positive at the left wrist. Phalen positive.") == []
