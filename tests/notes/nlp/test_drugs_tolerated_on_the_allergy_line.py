"""A drug the allergy line says the patient takes without harm ("Penicillin - hives; has
tolerated cefazolin", "Codeine - vomiting. Tolerates oxycodone and hydromorphone") is not an
allergen: when the note orders it, it is one of the patient's drugs. A drug the line names as an
allergy is still never a current drug."""

from carechart.notes.nlp import MedicationStatus, analyse

_S = MedicationStatus


def _statuses(text: str) -> dict[str, _S]:
    return {m.name.lower().split()[0]: m.status for m in analyse(text).medications}


def test_a_drug_tolerated_on_the_allergy_line_is_kept_when_ordered() -> None:
    text = (
        "URGENT CARE VISIT\n\nAllergies: penicillin (hives age 6) - has tolerated cephalexin.\n\n"
        "Plan:\n- Start cephalexin 500 mg PO QID x 7 days for cellulitis.\n"
    )
    assert _statuses(text).get("cephalexin") is _S.STARTED


def test_a_second_drug_tolerated_in_the_same_sentence_is_kept() -> None:
    text = (
        "PALLIATIVE CARE CONSULT\n\nAllergies: morphine - itching and confusion. Tolerates"
        " fentanyl and oxycodone.\n\nRecommendations:\n- Oxycodone 5 mg PO q4h PRN pain.\n"
    )
    assert _statuses(text).get("oxycodone") is not None


def test_a_drug_named_as_the_allergy_is_still_left_out() -> None:
    text = (
        "CLINIC VISIT\n\nAllergies: sulfamethoxazole-trimethoprim (rash), cephalexin (hives).\n\n"
        "Plan:\n- Nitrofurantoin 100 mg BID x 5 days.\n"
    )
    statuses = _statuses(text)
    assert "cephalexin" not in statuses, statuses
    assert statuses.get("nitrofurantoin") is _S.STARTED
