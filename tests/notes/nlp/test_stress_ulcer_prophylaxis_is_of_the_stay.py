"""Stress ulcer prophylaxis written short ("(SUP)") on an ICU note's order list is a drug of the
stay, given there, as DVT prophylaxis is; a home acid reducer on the same list is not."""

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import medication

_S = MedicationStatus

ICU_NOTE = """\
MICU PROGRESS NOTE - HD 3

Subjective: Intubated, sedated. Overnight: weaned off norepinephrine.

Current medications:
  cefepime 2 g IV q8h
  esomeprazole 40 mg IV q12h (SUP)
  heparin 5,000 units SC q8h (DVT ppx)

Assessment/Plan: septic shock, improving. ICU day 3.
"""


def test_an_acid_reducer_marked_sup_in_the_icu_is_given() -> None:
    assert medication(analyse(ICU_NOTE), "esomeprazole").status is _S.GIVEN


def test_an_acid_reducer_without_the_mark_keeps_its_list_status() -> None:
    text = ICU_NOTE.replace(" (SUP)", "").replace("IV q12h", "PO daily")
    assert medication(analyse(text), "esomeprazole").status is not _S.GIVEN
