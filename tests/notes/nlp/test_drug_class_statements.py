"""A stop, hold or resume said of a drug class ("insulin was discontinued", "all
antihypertensives held", "resume home antihypertensives", "statin stopped") reaches the drugs of
that class the note names before it; nothing else, and not when denied or hedged."""

import pytest

from carechart.notes.nlp import MedicationStatus, analyse
from carechart.notes.nlp.drug_classes import class_statements
from tests.notes.nlp.support import medication_containing

_S = MedicationStatus


COURSE = """\
PROGRESS NOTE

Medications: {drugs}

Assessment and Plan:
{plan}
"""


@pytest.mark.parametrize(
    ("drugs", "plan", "members", "status"),
    [
        (
            "insulin glargine 20 units at bedtime, insulin lispro sliding scale, sertraline 50 mg"
            " daily",
            "Glucose now normal off steroids; insulin was discontinued.",
            ["glargine", "lispro"],
            _S.STOPPED,
        ),
        (
            "lisinopril 20 mg daily, amlodipine 10 mg daily, sertraline 50 mg daily",
            "Hypotensive with AKI. All antihypertensives held.",
            ["lisinopril", "amlodipine"],
            _S.HELD,
        ),
        (
            "losartan 50 mg daily, hydrochlorothiazide 25 mg daily, sertraline 50 mg daily",
            "Sepsis with low pressures. Holding home antihypertensives for now.",
            ["losartan", "hydrochlorothiazide"],
            _S.HELD,
        ),
        (
            "atorvastatin 40 mg nightly, sertraline 50 mg daily",
            "CK 4,000 with myalgias: statin stopped.",
            ["atorvastatin"],
            _S.STOPPED,
        ),
        (
            "rosuvastatin 10 mg daily, sertraline 50 mg daily",
            "Discontinue statin given rhabdomyolysis.",
            ["rosuvastatin"],
            _S.STOPPED,
        ),
        (
            "apixaban 5 mg twice daily, sertraline 50 mg daily",
            "GI bleed. Anticoagulation held.",
            ["apixaban"],
            _S.HELD,
        ),
    ],
)
def test_a_class_statement_reaches_the_members_named_before_it(
    drugs: str, plan: str, members: list[str], status: MedicationStatus
) -> None:
    analysis = analyse(COURSE.format(drugs=drugs, plan=plan))
    for member in members:
        assert medication_containing(analysis, member).status is status
    assert medication_containing(analysis, "sertraline").status is not status


def test_resuming_a_class_resumes_its_held_members() -> None:
    plan = (
        "Day 1: lisinopril and amlodipine held for hypotension.\n"
        "Day 3: pressures recovered; resumed home antihypertensives."
    )
    analysis = analyse(
        COURSE.format(drugs="lisinopril 10 mg daily, amlodipine 5 mg daily", plan=plan)
    )
    assert medication_containing(analysis, "lisinopril").status is _S.RESUMED
    assert medication_containing(analysis, "amlodipine").status is _S.RESUMED


@pytest.mark.parametrize(
    "plan",
    [
        "Insulin was not discontinued.",
        "Consider holding antihypertensives if SBP < 100.",
        "Hold antihypertensives for SBP < 100.",
        "May stop statin if myalgias recur.",
        "Insulin drip stopped.",
        "Stop insulin glargine tonight only if NPO.",
        "Antihypertensives were discussed.",
        "Hold antihypertensives for systolic BP < 100.",
        "Hold insulin for glucose < 70 and call.",
        "If you notice black stools or bleeding, stop blood thinners and call the clinic.",
        "Sick day rules reviewed: when vomiting and unable to eat, hold insulin and check sugars.",
        "Should you develop muscle aches, stop the statin and call us.",
        "Hyperlipidemia - statin stopped in 2015 due to myalgias.",
        "Insulin stopped 3 years ago after weight loss.",
        "Hold ACE inhibitor while on contrast protocol.",
    ],
)
def test_no_class_statement_in_denials_conditions_or_one_drug(plan: str) -> None:
    assert not [
        s
        for s in class_statements(plan)
        if s.reaches("lisinopril") or s.reaches("insulin lispro") or s.reaches("atorvastatin")
    ]


def test_a_member_named_after_the_statement_keeps_its_own_words() -> None:
    plan = "Statin stopped for myalgias. Started pravastatin 20 mg nightly instead."
    analysis = analyse(COURSE.format(drugs="atorvastatin 40 mg nightly", plan=plan))
    assert medication_containing(analysis, "atorvastatin").status is _S.STOPPED
    assert medication_containing(analysis, "pravastatin").status is _S.STARTED


def test_a_class_does_not_reach_drugs_of_other_classes() -> None:
    statement = class_statements("Statin stopped.")[0]
    assert statement.reaches("atorvastatin")
    assert statement.reaches("amlodipine / atorvastatin")
    assert not statement.reaches("lisinopril")
    insulin = class_statements("Insulin was discontinued.")[0]
    assert insulin.reaches("insulin glargine")
    assert not insulin.reaches("metformin")


@pytest.mark.parametrize(
    ("drugs", "plan", "word", "status"),
    [
        (
            "apixaban 5 mg BID",
            "Continue apixaban 5 mg BID.\nPatient instructions: If you notice black stools or"
            " bleeding, stop blood thinners and call the clinic.",
            "apixaban",
            _S.CONTINUED,
        ),
        (
            "insulin glargine 22 units at bedtime",
            "Continue insulin glargine.\nSick day rules reviewed: when vomiting and unable to"
            " eat, hold insulin and check sugars.",
            "glargine",
            _S.CONTINUED,
        ),
        (
            "atorvastatin 40 mg daily",
            "Hyperlipidemia - statin stopped in 2015 due to myalgias; tolerating atorvastatin.",
            "atorvastatin",
            _S.CONTINUED,
        ),
        (
            "metoprolol 25 mg BID",
            "Continue metoprolol 25 mg BID. Hold antihypertensives for systolic BP < 100.",
            "metoprolol",
            _S.CONTINUED,
        ),
    ],
)
def test_advice_conditions_and_the_past_leave_a_continued_member_current(
    drugs: str, plan: str, word: str, status: MedicationStatus
) -> None:
    analysis = analyse(COURSE.format(drugs=drugs, plan=plan))
    assert medication_containing(analysis, word).status is status
