"""Causes behind the status probes (test_problem_status_probes.py), each with a variant and a
shape that must not change: a diagnostic classification's name before a heading ("DSM-5
DIAGNOSES:") opens the diagnoses; "Status post <operation>" is the operation, no problem."""

import pytest

from carechart.notes.nlp import analyse


def _problems(text: str) -> dict[str, str]:
    return {p.text.lower(): p.status.value for p in analyse(text, client_note_type=None).problems}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("DSM-5 DIAGNOSES:\nPosttraumatic stress disorder\n", "posttraumatic stress disorder"),
        ("ICD-10 Diagnoses:\n1. Essential hypertension (I10)\n", "essential hypertension"),
        ("DSM-IV-TR diagnosis:\nPanic disorder\n", "panic disorder"),
    ],
)
def test_a_classifications_name_before_a_heading_opens_the_diagnoses(text: str, want: str) -> None:
    assert _problems(text).get(want) == "active"


def test_a_classifications_name_in_a_sentence_opens_no_heading() -> None:
    assert _problems("ICD-10 codes reviewed.\nA/P: Asthma.\n") == {"asthma": "active"}


@pytest.mark.parametrize(
    "text",
    [
        "Past History: Status post appendectomy. Status post left ACL repair.\n",
        "PMH:\n- Status post appendectomy\n- Status-post cholecystectomy\n- Hypertension\n",
    ],
)
def test_status_post_an_operation_is_no_problem(text: str) -> None:
    assert not [name for name in _problems(text) if "ectomy" in name or "repair" in name]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("A/P: Post cholecystectomy diarrhea - cholestyramine.\n", "post cholecystectomy diarrhea"),
        ("A/P: Post-appendectomy abscess.\n", "post-appendectomy abscess"),
    ],
)
def test_a_condition_after_an_operation_stays_a_problem(text: str, want: str) -> None:
    assert want in _problems(text)
