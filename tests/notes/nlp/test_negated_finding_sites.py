"""A bare finding denied on examination is named with the part of the body it was looked for
in ("Thyroid: no nodules" denies thyroid nodules), and an examination's "nontender" or
"non-distended" denies tenderness or distension without a cue word."""

import pytest

from carechart.notes.nlp import analyse


def _denied(text: str) -> list[str]:
    return [f.name or f.text for f in analyse(text).negated_findings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A heading names the site.
        (
            "Exam:\nThyroid: normal size, no nodules. Breasts: symmetric, no masses.",
            ["thyroid nodules", "breast masses"],
        ),
        # The subject of the sentence names it.
        (
            "Exam:\nPharynx without exudate. Carotids without bruits.",
            ["pharyngeal exudate", "carotid bruits"],
        ),
        (
            "PE: Gen NAD. Port site clean, no erythema. Feet: no ulcers.",
            ["port site erythema", "foot ulcers"],
        ),
        # A chest film's effusion is pleural, an echo's pericardial.
        (
            "Results:\nCXR: hyperinflation, no infiltrate, no effusion.\n"
            "Echo: EF 55%. No effusion.",
            ["infiltrate", "pleural effusion", "pericardial effusion"],
        ),
        # The heading of the line names it when the sentence does not.
        ("Exam:\nAbdominal: Soft. There is no tenderness.", ["abdominal tenderness"]),
        ("Imaging:\nCXR - RLL opacity, hyperinflation. No effusion.", ["pleural effusion"]),
        # A modifier earlier in the list: "testicular tenderness or swelling".
        (
            "Exam:\nNo testicular tenderness or swelling.",
            ["testicular tenderness", "testicular swelling"],
        ),
    ],
)
def test_a_bare_denied_finding_is_named_with_its_site(text: str, expected: list[str]) -> None:
    assert _denied(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Exam:\nAbd: soft, nontender, nondistended. Ext: calves non-tender.",
            ["abdominal tenderness", "abdominal distension", "calf tenderness"],
        ),
        ("O: ABDOMEN SOFT, NON-TENDER. Gravid uterus, non tender.", ["abdominal tenderness"]),
        (
            "Exam: patient is not in distress. Abdomen not tender.",
            ["in distress", "abdominal tenderness"],
        ),
        # No site named: the finding alone.
        ("Exam:\nMild gynecomastia, nontender.", ["tenderness"]),
    ],
)
def test_an_examination_state_denies_its_finding(text: str, expected: list[str]) -> None:
    assert _denied(text) == expected


def test_the_evidence_stays_the_words_of_the_note() -> None:
    text = "Exam:\nThyroid: normal size, no nodules. Abd soft, non-tender."
    found = analyse(text).negated_findings
    assert [(f.text, f.name) for f in found] == [
        ("nodules", "thyroid nodules"),
        ("non-tender", "abdominal tenderness"),
    ]
    assert all(text[f.start : f.end] == f.text for f in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Findings that name themselves are left as written.
        ("Exam:\nAbd: soft, no hepatosplenomegaly, no rebound.", ["hepatosplenomegaly", "rebound"]),
        (
            "ROS: Denies fever, chills, chest pain. Neg for cough.",
            ["fever", "chills", "chest pain", "cough"],
        ),
        # A site named in an earlier sentence of a line without a heading is not this one's.
        ("Exam:\nAbdomen soft. Prostate deferred. Line site clean, no erythema.", ["erythema"]),
        # A tender abdomen is no denial; advice in a plan is never a finding.
        ("Exam:\nAbd soft, tender RLQ.\nPlan:\nNon-tender wound care handout given.", []),
    ],
)
def test_what_names_itself_or_is_not_denied_does_not_change(text: str, expected: list[str]) -> None:
    assert _denied(text) == expected
