"""A clinic letter: the address block names the addressee like a signer's line ("Jane Roe, MD"),
and the body after the salutation is the letter's content, never a signature to skip."""

import pytest

from carechart.notes.nlp import MedicationStatus, NoteType, analyse
from tests.notes.nlp.support import medication

_BODY = (
    "I saw your patient today for follow-up of hypertension. She takes amlodipine 5 mg daily "
    "and we have started lisinopril 10 mg daily.\n\nSincerely,\n\nPaul Ortega, MD\n"
)


@pytest.mark.parametrize(
    "head",
    [
        "Rosalind Achebe, MD\nMaple Court Family Practice\n\nDear Dr. Achebe,\n\n",
        "To: Karen Liu, NP\nRiverside Clinic\n\nDear Ms. Liu:\n\n",
        "ANNA BERG, DO\n12 Harbor Road\n\nDEAR DR. BERG,\n\n",
        "Tom Hale, PA-C\n\nTo whom it may concern:\n\n",
    ],
)
def test_a_letters_body_after_the_addressee_is_read(head: str) -> None:
    analysis = analyse(head + _BODY)
    assert medication(analysis, "amlodipine").status is MedicationStatus.CONTINUED
    assert medication(analysis, "lisinopril").status is MedicationStatus.STARTED


def test_a_sentence_starting_with_dear_is_not_a_salutation() -> None:
    text = "Plan:\nDear patient was told to start metformin 500 mg daily with meals.\n"
    assert medication(analyse(text), "metformin").status is MedicationStatus.STARTED


@pytest.mark.parametrize(
    "head",
    [
        "Cardiology Clinic\n12 Harbor Road\nClinic date: 03/04/2025\n\nDear Dr Mensah,\n\n",
        "Department of Neurology\n\nDear Colleague,\n\n",
        "RE: follow-up visit\n\nTo whom it may concern:\n\n",
    ],
)
def test_the_findings_a_letter_denies_are_read_whatever_its_address_block(head: str) -> None:
    body = (
        "Thank you for asking me to see her. She denies chest pain or palpitations. "
        "On examination there was no ankle edema.\n\nYours sincerely,\n\nPaul Ortega, MD\n"
    )
    negated = {f.text.lower() for f in analyse(head + body).negated_findings}
    assert {"chest pain", "palpitations"} <= negated
    assert any("edema" in finding for finding in negated)


_LETTER = (
    "Lakeview Heart & Rhythm Associates\n\n27 July 2026\n\nDr. Y. Haverkamp\n"
    "Riverbend Family Medicine\n\nRe: Mr. M. Hale, DOB 05 Dec 1961\n\nDear Yusuf,\n\n"
    "{opening} I saw Marcus today regarding his new atrial fibrillation.\n\n"
    "He remains in AF on metoprolol succinate 50 mg daily. Plan: cardioversion.\n\n"
    "Yours sincerely,\n\nA. Brandt, MD\n"
)


@pytest.mark.parametrize(
    "opening",
    [
        "Many thanks for the prompt referral.",
        "Thank you for your timely referral.",
        "Thank you for the kind referral.",
    ],
)
def test_a_specialists_reply_to_a_referral_is_a_consult(opening: str) -> None:
    assert analyse(_LETTER.format(opening=opening)).note_type.value is NoteType.CONSULT


def test_a_letter_that_only_mentions_a_past_referral_is_no_consult() -> None:
    text = _LETTER.format(opening="As you know, the referral to sleep medicine is pending.")
    assert analyse(text).note_type.value is not NoteType.CONSULT
