"""A drug begun as a dose for the day or the hour before one procedure ("cefadroxil 2 g one hour
before the dental extraction", "erythromycin and neomycin the evening before the operation") is
used up by it: never current afterwards. A drug begun before a procedure and continued after it
stays current."""

import pytest

from tests.notes.stories import current_names, story_chart, story_note

VISIT = story_note(
    "2025-03-01T09:00:00",
    "Clinic Visit\nMEDICATIONS:\n1. Amlodipine 5 mg daily\n",
)


@pytest.mark.parametrize(
    ("plan", "drugs"),
    [
        (
            "Plan: Oral erythromycin and neomycin the evening before the operation, prescribed "
            "today.",
            {"erythromycin", "neomycin"},
        ),
        ("Plan: Cefadroxil 2 g one hour before the dental extraction.", {"cefadroxil"}),
        ("Plan: Start lorazepam 1 mg 30 minutes before the MRI.", {"lorazepam"}),
        ("Plan: Chlorhexidine wash the night before surgery, sent in.", {"chlorhexidine"}),
    ],
)
def test_a_dose_for_one_procedure_is_never_current(plan: str, drugs: set[str]) -> None:
    consult = story_note(
        "2025-03-10T09:00:00",
        f"Surgery Consult\nMEDICATIONS: Amlodipine 5 mg daily.\n{plan}\n",
    )
    current = {name.lower() for name in current_names(story_chart(VISIT, consult))}
    assert not current & drugs
    assert "amlodipine" in current


def test_a_drug_begun_before_a_procedure_and_continued_after_stays_current() -> None:
    consult = story_note(
        "2025-03-10T09:00:00",
        "Cardiology Consult\nMEDICATIONS: Amlodipine 5 mg daily.\nPlan: Start aspirin 81 mg "
        "daily the day before surgery and continue it afterwards.\n",
    )
    assert "aspirin" in {name.lower() for name in current_names(story_chart(VISIT, consult))}


@pytest.mark.parametrize(
    ("plan", "stays", "used_up"),
    [
        (
            "Plan: Start losartan 50 mg daily and tinidazole 2 g the evening before surgery.",
            "losartan",
            "tinidazole",
        ),
        (
            "Plan: Start rivaroxaban 20 mg with supper, cephalexin 2 g one hour before the "
            "procedure.",
            "rivaroxaban",
            "cephalexin",
        ),
        (
            "Plan: Begin pravastatin 40 mg nightly, and clindamycin 600 mg 1 hour prior to the "
            "dental extraction.",
            "pravastatin",
            "clindamycin",
        ),
    ],
)
def test_an_order_of_its_own_beside_a_dose_for_a_procedure_stays_current(
    plan: str, stays: str, used_up: str
) -> None:
    consult = story_note(
        "2025-03-10T09:00:00",
        f"Surgery Consult\nMEDICATIONS: Amlodipine 5 mg daily.\n{plan}\n",
    )
    current = {name.lower() for name in current_names(story_chart(VISIT, consult))}
    assert stays in current
    assert used_up not in current


@pytest.mark.parametrize(
    "plan",
    [
        "Plan: Start doxycycline 100 before the procedure and continue for a week.",
        "Plan: Start metoprolol 25 prior to the operation.",
    ],
)
def test_a_bare_number_before_a_procedure_is_no_hour(plan: str) -> None:
    consult = story_note(
        "2025-03-10T09:00:00",
        f"Surgery Consult\nMEDICATIONS: Amlodipine 5 mg daily.\n{plan}\n",
    )
    current = {name.lower() for name in current_names(story_chart(VISIT, consult))}
    assert current & {"doxycycline", "metoprolol"}
