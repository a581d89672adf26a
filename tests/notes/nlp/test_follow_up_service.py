"""A bare return visit ("RTC 3 months") takes the service the note states as its own: its
letterhead, title, a Service/Department line or its signer; never a referral's service, never
one guessed from drugs or problems."""

from datetime import date

import pytest

from carechart.notes.nlp import analyse
from carechart.notes.nlp.service import is_bare_return

VISIT = date(2025, 5, 6)
BODY = (
    "SUBJECTIVE:\nHere for a routine review. Doing well, no new concerns.\n\n"
    "ASSESSMENT:\nStable.\n\nPLAN:\nContinue current treatment.\n{ret}\n"
)


def _note(head: str, ret: str, tail: str = "") -> str:
    return head + "\n\n" + BODY.format(ret=ret) + tail


@pytest.mark.parametrize(
    ("head", "ret", "service"),
    [
        (
            "Brookfield Skin & Dermatology Partners\nClinic Visit\nDate: 05/06/2025",
            "Return in 12 weeks.",
            "Dermatology",
        ),
        (
            "PSYCHIATRY FOLLOW-UP NOTE\nDate of visit: 05/06/2025",
            "RTC 3 months, sooner prn.",
            "Psychiatry",
        ),
        (
            "Oak Street Behavioral Health\nMedication Management\nDOS: 05/06/2025",
            "f/u 6 wks",
            "Psychiatry",
        ),
        ("Visit date: 05/06/2025\nService: Cardiology", "See you in 2 months.", "Cardiology"),
        (
            "Westfield Orthopedic Associates | Office Note | 05/06/2025",
            "Follow up in 6 weeks.",
            "Orthopaedics",
        ),
        ("Prenatal visit (return OB)\nDate: 05/06/2025", "RTC 2 weeks.", "Obstetrics"),
        (
            "Hillcrest Family Medicine\nOffice visit 05/06/2025",
            "Return to clinic in 1 year.",
            "Primary care",
        ),
        (
            "Date: 05/06/2025\nDepartment: Rheumatology",
            "I will see her again in four months.",
            "Rheumatology",
        ),
    ],
)
def test_a_bare_return_visit_takes_the_service_the_note_states(
    head: str, ret: str, service: str
) -> None:
    analysis = analyse(_note(head, ret), taken_at=VISIT)
    assert analysis.service is not None
    assert analysis.service.name == service
    back = [p for p in analysis.plans if p.text.startswith(ret.rstrip(".")[:8])]
    assert back
    assert back[0].service == service
    assert back[0].text.startswith(ret.rstrip("."))  # the text stays as written


def test_the_signers_specialty_states_the_service_when_the_head_does_not() -> None:
    text = _note(
        "Visit date: 05/06/2025",
        "Return in 3 months.",
        "\nSigned: Lena Ortiz, MD\nDermatology\n",
    )
    analysis = analyse(text, taken_at=VISIT)
    assert [p.service for p in analysis.plans if p.text.startswith("Return")] == ["Dermatology"]


@pytest.mark.parametrize(
    "head",
    [
        "Clinic visit\nDate: 05/06/2025",
        "Date: 05/06/2025\nReferring physician: Dr. Amy Lowe, Cardiology",
        "Date: 05/06/2025\nPCP: Dr. Ravi Shah (Parkside Family Medicine)",
        "Office Note\nDate: 05/06/2025\nPrimary Care\nDr. Ravi Shah - Parkside Primary Care",
    ],
)
def test_without_a_stated_service_the_return_visit_has_none(head: str) -> None:
    analysis = analyse(_note(head, "RTC 3 months."), taken_at=VISIT)
    assert analysis.service is None
    assert all(p.service is None for p in analysis.plans)


def test_a_referral_to_a_service_is_not_the_notes_own() -> None:
    text = _note("Clinic visit\nDate: 05/06/2025", "Referral to dermatology. Return in 3 months.")
    analysis = analyse(text, taken_at=VISIT)
    assert analysis.service is None
    assert all(p.service is None for p in analysis.plans)


def test_a_letter_does_not_take_its_addressees_practice() -> None:
    text = (
        "12 May 2025\n\nDr. Helen Price\nMeadow Lane Family Practice\n\nDear Dr. Price,\n\n"
        "Thank you for referring this patient. PLAN:\nI will see her again in three months.\n"
    )
    analysis = analyse(text, taken_at=VISIT)
    assert analysis.service is None


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("Return in 12 weeks, or 4 weeks after the first dose", True),
        ("RTC 3 months, sooner prn.", True),
        ("f/u 6 wks", True),
        ("See you in 2 months.", True),
        ("Follow up with me in 8 weeks.", True),
        ("I would be happy to see him again in four months, or sooner if needed.", True),
        ("and follow up with me in 3 months.", True),
        # The writer's own clinic is the note's: "I will see her back in my clinic in 3 months".
        ("I will see her back in my clinic in 3 months.", True),
        ("We will see him back in our office in six weeks.", True),
        ("Follow up in her endocrinology clinic in 3 months.", False),
        ("Follow up with PCP in 1 week.", False),
        ("Return to the ED for chest pain.", False),
        ("Follow up with Dr. Reyes in 2 weeks.", False),
        ("Return if the rash spreads.", False),
        ("RTC 3 months with A1c and lipids.", False),
    ],
)
def test_a_bare_return_says_only_that_and_when(text: str, bare: bool) -> None:
    assert is_bare_return(text) is bare
