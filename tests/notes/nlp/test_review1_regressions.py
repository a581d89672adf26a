"""Review of the followups5/chart5/notetype3/allneg merges: shapes those changes must not alter.
A US note's month-first dates with a word or two also used in Britain, a drug going well beside
another drug's switch, a "No. of" count in a note's head, a transitional care visit, a long run
of sign names."""

import pytest

from carechart.notes.nlp import analyse


def _date(text: str) -> str | None:
    found = analyse(text).encounter_date
    return found.value.isoformat() if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Office Visit 03/04/2025\nSeen for fatigue. Referred by her GP. "
            "B12 1000 micrograms IM monthly.\nPlan: CBC, B12 level. RTC 4 weeks.\n",
            "2025-03-04",
            id="us-gp-and-micrograms",
        ),
        pytest.param(
            "Office Visit 03/04/2025\nMr B presents for rash. Uses vitamin A & E ointment.\n"
            "Plan: RTC 2 weeks.\n",
            "2025-03-04",
            id="us-vitamin-a-and-e",
        ),
        # Negative case: a British letter still reads its dates day first.
        pytest.param(
            "Dear Dr Smith,\nClinic date: 03/04/2025\nI reviewed Mrs Hall in the rheumatology "
            "clinic. She takes paracetamol as needed. Her GP has kindly checked her bloods.\n"
            "Yours sincerely,\n",
            "2025-04-03",
            id="british-letter-stays-day-first",
        ),
    ],
)
def test_review1_us_ambiguous_dates_stay_month_first(text: str, expected: str) -> None:
    assert _date(text) == expected


def _status(text: str, name: str) -> str:
    found = [m for m in analyse(text).medications if m.name.lower() == name]
    assert len(found) == 1, [m.name for m in analyse(text).medications]
    return found[0].status.value


@pytest.mark.parametrize(
    ("text", "drug", "status"),
    [
        pytest.param(
            "Plan:\nAF: rate controlled on metoprolol; switched to apixaban 5 mg BID for "
            "anticoagulation.\n",
            "metoprolol",
            "continued",
            id="rate-controlled-then-another-switch",
        ),
        pytest.param(
            "Plan: BP well controlled on lisinopril, so we switched to rosuvastatin 10 mg for "
            "his lipids.\n",
            "lisinopril",
            "continued",
            id="well-controlled-so-another-switch",
        ),
        pytest.param(
            "Plan: Tolerating metformin; switched to Jardiance 10 mg from glipizide.\n",
            "metformin",
            "continued",
            id="tolerating-with-from",
        ),
        # Negative cases: the drug told as the cause of the switch still ends.
        pytest.param(
            "Plan: BP poorly controlled on amlodipine; switched to nifedipine ER 30 mg daily.\n",
            "amlodipine",
            "stopped",
            id="poorly-controlled-on-then-switched",
        ),
        pytest.param(
            "Plan: A1c 9.1, inadequately controlled on glipizide; switched to sitagliptin.\n",
            "glipizide",
            "stopped",
            id="inadequately-controlled-then-switched",
        ),
        pytest.param(
            "Plan: Myalgias on simvastatin; changed to pravastatin 40 mg nightly.\n",
            "simvastatin",
            "stopped",
            id="myalgias-on-then-changed",
        ),
        pytest.param(
            "Plan: Developed a dry cough on lisinopril; switched to losartan 50 mg daily.\n",
            "lisinopril",
            "stopped",
            id="cough-on-then-switched",
        ),
    ],
)
def test_review1_drug_going_well_is_not_stopped_by_another_switch(
    text: str, drug: str, status: str
) -> None:
    assert _status(text, drug) == status


def _denied(text: str) -> list[str]:
    return [(f.name or f.text).lower() for f in analyse(text).negated_findings]


def test_review1_a_count_in_the_head_is_no_denial() -> None:
    text = (
        "Patient: John Roe  MRN 55512\nNo. of lesions treated: 3\n"
        "Procedure: cryotherapy to AKs. No bleeding.\n"
    )
    denied = _denied(text)
    assert not any("lesions" in d for d in denied), denied
    assert "bleeding" in denied


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param("Transitional Care Management Visit", "follow_up", id="tcm-visit"),
        pytest.param("TRANSITIONAL CARE MANAGEMENT (TCM) VISIT", "follow_up", id="tcm-capitals"),
        # Negative case: a case manager's note records no clinician's visit.
        pytest.param("Case Management Note", "other", id="case-management"),
    ],
)
def test_review1_transitional_care_visit_is_a_follow_up(title: str, expected: str) -> None:
    text = (
        f"{title}\nSeen 5 days after discharge for CHF exacerbation. Weight stable. "
        "No orthopnea.\nPlan: continue furosemide 40 mg daily. RTC 2 weeks.\n"
    )
    assert analyse(text).note_type.value.value == expected


def test_review1_a_run_of_signs_found_negative_names_each() -> None:
    """The run of sign names is bounded (a chain tried from each of its names cost its length
    squared: 250 names took 13 s); `python -m bench.adversarial_scaling` times the long run."""
    denied = _denied("Neuro: Kernig, Brudzinski and Romberg negative.")
    assert denied == ["kernig sign", "brudzinski sign", "romberg sign"]
