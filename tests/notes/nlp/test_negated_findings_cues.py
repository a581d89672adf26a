"""A negation cue denies a finding only when it is read in a denying sense: an act not done, a
treatment withheld, a quantifier after "none" or a clause after the list are no findings."""

import pytest

from carechart.notes.nlp import analyse


def _denied(text: str) -> list[str]:
    return [f.text for f in analyse(text).negated_findings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An act not done ("did not", "was not restarted", "not taking").
        ("HPI: She did not tell her daughter about the fall. Denies fever.", ["fever"]),
        ("HPI: metoprolol was not restarted. He is not taking ibuprofen.", []),
        # What follows "none" qualifies the none.
        ("HPI: Headaches: none lately. No vomiting.", ["vomiting"]),
        # How a treatment went.
        ("HPI: Tried heat packs without much relief. Denies numbness.", ["numbness"]),
        # A drug or a treatment withheld.
        ("HPI: Hgb stable, no transfusion. No heparin given.", []),
        # A discharge medication list speaks of drugs.
        ("DISCHARGE MEDICATIONS:\n- metformin 500 mg BID, no alcohol\n", []),
    ],
)
def test_a_cue_read_in_another_sense_denies_no_finding(text: str, expected: list[str]) -> None:
    assert _denied(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Exam: no murmur, abdomen soft, no edema.", ["murmur", "edema"]),
        ("Echo: no pericardial effusion, LVEF 55%.", ["pericardial effusion"]),
        ("HPI: No chest pain, works as a welder.", ["chest pain"]),
    ],
)
def test_a_list_of_denials_ends_at_an_item_that_says_something_of_its_own(
    text: str, expected: list[str]
) -> None:
    assert _denied(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Exam: patient is not in distress. Abdomen not tender.", ["in distress", "tender"]),
        ("HPI: no contrast reaction, no opioid use.", ["contrast reaction", "opioid use"]),
        ("ROS: denies fever, chills, night sweats (x 2 weeks), or rash.", None),
    ],
)
def test_findings_denied_in_a_denying_sense_stay(text: str, expected: list[str] | None) -> None:
    denied = _denied(text)
    if expected is None:
        assert {"fever", "chills", "rash"} <= set(denied)
    else:
        assert denied == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # What the patient takes, a decision about care, the review of systems itself.
        ("HPI: She takes no regular medicines. Denies rash.", ["rash"]),
        ("HPI: No dressing change needed. Denies itch.", ["itch"]),
        ("ROS: Negative for cough.\nAll other systems reviewed and are negative.", ["cough"]),
        # A culture's negative result; what an orientation misses.
        ("Labs: Urine culture 3/2: no growth at 48 hours. Denies dysuria.", ["dysuria"]),
        ("Exam: Alert, oriented to self and place, not time. Not tachypneic.", ["tachypneic"]),
        # A conjunction before the next cue belongs to neither finding.
        ("HPI: no wheeze and no stridor.", ["wheeze", "stridor"]),
    ],
)
def test_only_the_finding_itself_is_denied(text: str, expected: list[str]) -> None:
    assert _denied(text) == expected


def test_a_modifier_before_or_shares_the_noun_of_the_last_item() -> None:
    denied = _denied("Exam: no axillary or inguinal lymphadenopathy.")
    assert denied == ["axillary or inguinal lymphadenopathy", "inguinal lymphadenopathy"]


def test_a_noun_before_or_keeps_its_own_name() -> None:
    assert _denied("HPI: no colic or fussiness. No nausea with feeds.") == [
        "colic",
        "fussiness",
        "nausea with feeds",
    ]
