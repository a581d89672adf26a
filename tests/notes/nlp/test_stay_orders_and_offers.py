"""Drugs a note names but the patient does not go on taking (issue 11): an order of the stay only
("inpt only" in a reconciliation's action column), and an
option the plan puts forward on a condition ("would then start", "if it continues: X would be
next", "X could be considered" after a condition, an order pending the insurer, an offer to send a
prescription). Variants written for these tests; neighbours that must not move."""

import pytest

from carechart.notes.nlp import MedicationStatus
from tests.notes.nlp.support import status_of
from tests.notes.stories import current_names, story_chart, story_note

S = MedicationStatus

# --- Orders of the stay only ------------------------------------------------------------------

_RECONCILIATION = (
    "DISCHARGE MEDICATION RECONCILIATION\n"
    "| Medication     | Home           | Inpatient        | Discharge       | Action       |\n"
    "|----------------|----------------|------------------|-----------------|--------------|\n"
    "| atorvastatin   | 40 mg qHS      | 40 mg qHS        | 40 mg qHS       | CONTINUE     |\n"
    "| senna 8.6 mg   | --             | 2 tabs qHS PRN   | --              | inpt only    |\n"
    "| melatonin      | --             | 3 mg qHS PRN     | --              | INPATIENT ONLY |\n"
    "| trazodone      | --             | 25 mg qHS PRN    | --              | hospital only |\n"
    "| apixaban       | --             | 5 mg BID         | 5 mg BID        | NEW          |\n"
)


@pytest.mark.parametrize("drug", ["senna", "melatonin", "trazodone"])
def test_a_row_marked_for_the_stay_only_is_given_not_kept(drug: str) -> None:
    assert status_of(_RECONCILIATION, drug) is S.GIVEN


@pytest.mark.parametrize(
    ("drug", "status"), [("atorvastatin", S.CONTINUED), ("apixaban", S.STARTED)]
)
def test_the_other_rows_keep_their_action(drug: str, status: MedicationStatus) -> None:
    assert status_of(_RECONCILIATION, drug) is status


# --- Options put forward on a condition -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        (
            "Plan: If wheeze not better in 48 h -> call; would then start prednisolone "
            "1 mg/kg x 3-5 days.",
            "prednisolone",
        ),
        (
            "Plan: if no response by Friday, would likely add montelukast 5 mg nightly.",
            "montelukast",
        ),
        (
            "# Intradialytic hypotension. If hypotension continues: midodrine 5 mg 30 min "
            "pre-HD would be next.",
            "midodrine",
        ),
        (
            "Plan: If nausea not controlled, olanzapine 5 mg at bedtime could be tried.",
            "olanzapine",
        ),
        (
            "Plan:\n - If ACE inhibitor is restarted and K runs 5.0-5.5, patiromer (Veltassa) "
            "8.4 g daily could be considered as a chronic binder.",
            "patiromer",
        ),
        (
            "Plan: Will add pegfilgrastim on day 2 of the next cycle, order pending insurance.",
            "pegfilgrastim",
        ),
        (
            "If the separate pills are a hassle, I can send a prescription for Bonjesta - just "
            "let me know.",
            "doxylamine",
        ),
    ],
)
def test_an_option_on_a_condition_is_proposed(text: str, drug: str) -> None:
    assert status_of(text, drug) is S.PROPOSED


@pytest.mark.parametrize(
    ("text", "drug", "status"),
    [
        ("Plan: Restart lisinopril 10 mg daily, call if cough.", "lisinopril", S.RESUMED),
        ("Plan: Start prednisolone 1 mg/kg daily x 5 days.", "prednisolone", S.STARTED),
        ("Plan: Continue midodrine 5 mg pre-HD; BP stable.", "midodrine", S.CONTINUED),
        ("Plan: I have sent a prescription for amoxicillin 500 mg TID.", "amoxicillin", S.STARTED),
    ],
)
def test_firm_orders_beside_them_are_unchanged(
    text: str, drug: str, status: MedicationStatus
) -> None:
    assert status_of(text, drug) is status


def test_ingredients_taken_apart_are_not_merged_into_a_combination_only_offered() -> None:
    offer = story_note(
        "2026-01-12",
        "Portal message reply: Please start vitamin B6 (pyridoxine) 25 mg three times a day plus "
        "doxylamine 12.5 mg at bedtime. If the separate pills are a hassle, I can send a "
        "prescription for Bonjesta - just let me know.",
    )
    visit = story_note(
        "2026-01-20",
        "Meds: levothyroxine 75 mcg daily, pyridoxine 25 mg TID, doxylamine 12.5 mg qHS.\n"
        "Plan: Continue pyridoxine 25 mg TID and doxylamine 12.5 mg qHS.",
    )
    current = {name.lower() for name in current_names(story_chart(offer, visit))}
    assert not any("bonjesta" in name or " / " in name for name in current)


# --- A list of what the visit gave ------------------------------------------------------------

_VISIT = (
    "Assessment:\n1. Acute urticaria.\n\n{heading}\n  diphenhydramine 50 mg PO @ 18:45\n"
    "  famotidine 20 mg PO @ 18:45\nObserved 90 min.\n\nPlan:\n- Start doxycycline 100 mg BID.\n"
)


@pytest.mark.parametrize("heading", ["Treatment in clinic:", "Treatments given:"])
@pytest.mark.parametrize("drug", ["diphenhydramine", "famotidine"])
def test_a_list_of_treatment_given_at_the_visit_is_given(heading: str, drug: str) -> None:
    assert status_of(_VISIT.format(heading=heading), drug) is S.GIVEN


def test_a_treatment_plan_is_not_a_list_of_doses_given() -> None:
    text = _VISIT.format(heading="Treatment plan:").replace(" @ 18:45", " daily")
    assert status_of(text, "famotidine") is S.STARTED
    assert status_of(text, "doxycycline") is S.STARTED
