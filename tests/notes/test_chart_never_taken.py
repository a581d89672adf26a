"""A drug another doctor prescribed that the patient never started is not on the chart's current
list, though a medication list still carries it; the drugs taken beside it stay. Labelled before
the code ran."""

from tests.notes.stories import current_names as _current
from tests.notes.stories import story_chart as _chart
from tests.notes.stories import story_note as _note

_VISIT = (
    "ENDOCRINOLOGY VISIT\nCurrent medications:\n"
    "  insulin glargine 22 units nightly       Taking\n"
    "  gabapentin (NEURONTIN) 300 mg cap       1 cap PO at bedtime     No - never started\n"
    "  metformin 1000 mg BID                   Taking\n\n"
    "Assessment and plan:\n1. Type 2 diabetes: continue glargine and metformin.\n"
    "2. Neuropathy: gabapentin was prescribed by PCP but never started; he would rather try "
    "topical capsaicin first.\n"
)
_CALL = "TELEPHONE NOTE\nCGM download reviewed. Continue insulin glargine 22 units nightly.\n"


def test_a_drug_never_started_is_not_current() -> None:
    chart = _chart(_note("2026-04-15", _VISIT), _note("2026-04-29", _CALL))
    current = {n.lower() for n in _current(chart)}
    assert not any("gabapentin" in n for n in current)
    assert any("glargine" in n for n in current)
    assert "metformin" in current


def test_a_chemotherapy_dosed_to_an_auc_is_not_a_home_drug() -> None:
    infusion = (
        "ONCOLOGY INFUSION NOTE\nCarboplatin AUC 5 (560 mg) IV over 30 min and paclitaxel "
        "175 mg/m2 IV over 3 h given in chair. Tolerated well.\nHome meds: amlodipine 5 mg daily."
    )
    visit = (
        "ONCOLOGY TREATMENT VISIT\nPLAN:\n- CHEMO: carboplatin AUC 5 unchanged (560 mg). "
        "Premeds as per C3 - all given in chair this morning.\n- Continue amlodipine 5 mg daily.\n"
    )
    chart = _chart(_note("2026-09-16", infusion), _note("2026-10-07", visit))
    current = {n.lower() for n in _current(chart)}
    assert "carboplatin" not in current
    assert "amlodipine" in current
