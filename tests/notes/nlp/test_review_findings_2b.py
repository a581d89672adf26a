"""Findings of an independent review (2b): conditions told with a past participle stay
problems, a heavy drinker is alcohol misuse, a consult told as done or a patient ("Pt") seeing a
doctor is no referral, "due to" is a cause, a stop told after a past start wins, a bare "as
directed" is no continuation, and runs of blanks never make a pattern backtrack."""

import pytest

from carechart.notes.nlp import MedicationStatus, PlanKind, analyse
from tests.notes.nlp.support import active_problems, status_of

S = MedicationStatus


def _assessed(line: str) -> list[str]:
    text = (
        "Follow-up visit\n\nHPI:\nSeen for follow-up today.\n\n"
        f"Assessment:\n{line}\n\nPlan:\nContinue current care.\n"
    )
    return [p.text for p in active_problems(analyse(text))]


@pytest.mark.parametrize(
    "line",
    [
        "Infected with HIV",
        "Injured at work",
        "Burned by hot oil",
        "Addicted to opioids",
        "Bitten by a dog",
        "Poisoned with carbon monoxide",
        "Colonized with MRSA",
    ],
)
def test_a_condition_told_with_a_past_participle_stays_a_problem(line: str) -> None:
    assert _assessed(line) == [line]


@pytest.mark.parametrize(
    "line",
    ["Transmitted to the receiving ED", "Discussed with cardiology", "Faxed to the PCP"],
)
def test_what_was_done_with_the_patient_is_no_problem(line: str) -> None:
    assert _assessed(line) == []


@pytest.mark.parametrize("line", ["Heavy drinker", "Binge drinker", "Problem drinker"])
def test_a_heavy_drinker_is_alcohol_misuse(line: str) -> None:
    assert _assessed(line) == [line]


@pytest.mark.parametrize("line", ["Social drinker", "Former smoker", "Daily smoker"])
def test_a_smoking_or_social_drinking_status_is_still_no_problem(line: str) -> None:
    assert _assessed(line) == []


def _plans(line: str, heading: str = "Assessment and Plan") -> list[tuple[PlanKind, str]]:
    text = (
        "Follow-up visit\n\nHPI:\nSeen for follow-up today.\n\n"
        f"{heading}:\n1. Hypertension, stable. {line}\n"
    )
    return [(p.kind, p.text) for p in analyse(text).plans]


@pytest.mark.parametrize(
    "line",
    [
        "Pt to see her PCP in 2 weeks.",
        "pt to see his cardiologist in 3 months.",
        "Patient to see Dr. Lee in 1 month.",
    ],
)
def test_a_patient_to_see_a_doctor_is_a_follow_up(line: str) -> None:
    assert [kind for kind, _ in _plans(line)] == [PlanKind.FOLLOW_UP]


@pytest.mark.parametrize(
    "line",
    [
        "Cardiology consult yesterday, appreciate input.",
        "PT evaluation completed.",
        "Psychiatry evaluation in 2019 showed MDD.",
        "Nephrology consult done, recommendations appreciated.",
        "OT eval done, cleared for home.",
    ],
)
def test_a_consult_told_as_done_is_no_plan(line: str) -> None:
    assert _plans(line) == []


@pytest.mark.parametrize(
    "line", ["Cardiology consult.", "PT eval and treat.", "Nephrology consultation for CKD."]
)
def test_a_consult_asked_is_still_a_referral(line: str) -> None:
    assert [kind for kind, _ in _plans(line)] == [PlanKind.REFERRAL]


@pytest.mark.parametrize(
    "line",
    [
        "Cough likely due to postnasal drip, expected to settle in 2 weeks.",
        "Rash probably due to the new detergent, should fade within 10 days.",
    ],
)
def test_due_to_is_a_cause_not_a_date(line: str) -> None:
    text = f"Follow-up visit\n\nHPI:\nSeen today.\n\nAssessment:\n{line}\n"
    assert analyse(text).plans == []


_HISTORY = "Follow-up visit\n\nHPI:\n62-year-old seen for follow-up. {}\n"


@pytest.mark.parametrize(
    ("sentence", "drug", "status"),
    [
        (
            "He was started on amiodarone in March but it was stopped in May.",
            "amiodarone",
            S.STOPPED,
        ),
        ("Was started on metformin last week; holding now due to AKI.", "metformin", S.HELD),
        ("She began sertraline last fall and discontinued it in January.", "sertraline", S.STOPPED),
        ("Started on lisinopril 2 years ago, on hold since her fall.", "lisinopril", S.HELD),
    ],
)
def test_a_stop_or_hold_after_a_past_start_wins(
    sentence: str, drug: str, status: MedicationStatus
) -> None:
    assert status_of(_HISTORY.format(sentence), drug) is status


def test_a_past_start_without_a_later_stop_still_goes_on() -> None:
    text = _HISTORY.format("He was started on losartan 50 mg daily three years ago by his PCP.")
    assert status_of(text, "losartan") is S.CONTINUED


def _prescribed(line: str, drug: str) -> MedicationStatus:
    text = f"Urgent care visit\n\nAssessment:\nAcute sinusitis.\n\nPlan:\n{line}\n"
    return status_of(text, drug)


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        ("Amoxicillin 875 mg BID x 10 days as directed", "amoxicillin"),
        ("Medrol dosepak as directed", "medrol"),
        ("Cephalexin 500 mg QID for 7 days, take as directed", "cephalexin"),
    ],
)
def test_a_bare_as_directed_is_no_continuation(line: str, drug: str) -> None:
    assert _prescribed(line, drug) is not S.CONTINUED


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        ("Lisinopril 10 mg daily as previously prescribed", "lisinopril"),
        ("Atorvastatin 40 mg nightly as already prescribed", "atorvastatin"),
    ],
)
def test_as_previously_prescribed_goes_on(line: str, drug: str) -> None:
    assert _prescribed(line, drug) is S.CONTINUED
