"""A list entry that tells the drug's start in an aside and then gives its own verdict to go on
("aspirin 81 mg daily (started at 12 weeks) - continue to 36 weeks") is `continued`. A start
outside any aside, or an aside with no verdict after it, is read as before."""

from carechart.notes.nlp import MedicationStatus, analyse

_S = MedicationStatus


def _statuses(entries: str) -> dict[str, _S]:
    text = f"PRENATAL VISIT\n\nMedications:\n{entries}\n\nPlan: routine care.\n"
    return {m.name.lower().split()[0]: m.status for m in analyse(text).medications}


def test_a_start_in_an_aside_then_continue_is_continued() -> None:
    statuses = _statuses(
        "- aspirin 81 mg nightly (started at 12 weeks for preeclampsia risk) - continue to"
        " 36 weeks\n- levothyroxine 50 mcg daily (started in first trimester), continue;"
        " TSH next visit\n- prenatal vitamin daily"
    )
    assert statuses.get("aspirin") is _S.CONTINUED, statuses
    assert statuses.get("levothyroxine") is _S.CONTINUED, statuses


def test_a_start_with_no_aside_stays_started() -> None:
    statuses = _statuses("- ondansetron 4 mg ODT q8h PRN nausea - started today\n- folic acid")
    assert statuses.get("ondansetron") is _S.STARTED, statuses
