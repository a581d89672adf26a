"""Drugs a note says the patient has at home ("Has ondansetron, prochlorperazine and loperamide
at home", "Mom has acetaminophen and ibuprofen at home") are the patient's own supply, taken as
needed: `continued`, every drug the run names. A drug the patient does not have, prescribed at
the visit, is still started."""

from carechart.notes.nlp import MedicationStatus, analyse

_S = MedicationStatus


def _statuses(text: str) -> dict[str, _S]:
    return {m.name.lower().split()[0]: m.status for m in analyse(text).medications}


def test_every_drug_of_a_run_kept_at_home_is_continued() -> None:
    text = (
        "INFUSION NOTE\n\nPre-treatment: labs reviewed, parameters met. Has ondansetron,"
        " prochlorperazine and loperamide at home and knows when to use each.\n\n"
        "Administered: palonosetron 0.25 mg IV at 09:10.\n"
    )
    statuses = _statuses(text)
    for drug in ("ondansetron", "prochlorperazine", "loperamide"):
        assert statuses.get(drug) is _S.CONTINUED, (drug, statuses)


def test_a_caregiver_telling_the_home_supply_is_read_the_same() -> None:
    text = (
        "TELEPHONE NOTE\n\nMother calling: fever 38.9 since last night, drinking well. She has"
        " acetaminophen and ibuprofen at home; advised weight-based doses, alternating.\n"
    )
    statuses = _statuses(text)
    assert statuses.get("acetaminophen") is _S.CONTINUED, statuses
    assert statuses.get("ibuprofen") is _S.CONTINUED, statuses


def test_a_drug_prescribed_at_the_visit_is_still_started() -> None:
    text = (
        "CLINIC VISIT\n\nHas acetaminophen at home.\n\nPlan:\n- Start naproxen 500 mg BID with"
        " food x 10 days. Rx sent.\n"
    )
    statuses = _statuses(text)
    assert statuses.get("naproxen") is _S.STARTED, statuses
    assert statuses.get("acetaminophen") is _S.CONTINUED, statuses
