"""A consultant's recommendations that say they are for the primary team to order are advice,
even when a regimen is written out; a drug the advice only supposes in a condition ("if the
fever persists on cefepime") is not told taken by it."""

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import medication

_S = MedicationStatus

CONSULT = """\
NEPHROLOGY CONSULTATION
Reason for consult: hyperkalemia.

ASSESSMENT: Hyperkalemia with AKI on CKD 3b.

RECOMMENDATIONS {heading}:
1. Start sodium zirconium cyclosilicate 10 g PO TID x 48 h.
2. If potassium stays above 5.5 on sodium zirconium cyclosilicate, call us.
3. Avoid potassium supplements.
"""


def test_recommendations_for_the_primary_team_to_order_are_proposed() -> None:
    analysis = analyse(CONSULT.format(heading="(for the primary team to place)"))
    assert medication(analysis, "sodium").told_only_as == "proposed"


def test_recommendations_of_the_writer_keep_a_written_regimen() -> None:
    analysis = analyse(CONSULT.format(heading=""))
    assert medication(analysis, "sodium").told_only_as is None


PLAN = """\
ED NOTE
Assessment/Plan: febrile neutropenia.
- cefepime 2 g IV q8h.
- {sentence}
"""


def test_a_course_supposed_by_a_condition_does_not_outweigh_its_order() -> None:
    text = PLAN.format(sentence="If still febrile after 48 h on cefepime, add vancomycin.")
    assert medication(analyse(text), "cefepime").status is _S.STARTED


def test_a_course_told_outside_a_condition_still_reads_as_taken() -> None:
    text = PLAN.format(sentence="Still febrile after 48 h on cefepime; add vancomycin.")
    assert medication(analyse(text), "cefepime").status is _S.CONTINUED


LEFT = """\
PULMONARY CONSULTATION
ASSESSMENT: COPD exacerbation.

RECOMMENDATIONS{heading}:
1. Prednisone 40 mg PO daily x 5 days.
2. Doxycycline 100 mg PO BID x 5 days.
"""


def test_a_regimen_written_only_as_advice_to_the_team_is_proposed() -> None:
    analysis = analyse(LEFT.format(heading=" (deferred to primary team)"))
    assert medication(analysis, "prednisone").status is _S.PROPOSED


def test_a_regimen_the_consultant_recommends_keeps_its_order() -> None:
    analysis = analyse(LEFT.format(heading=""))
    assert medication(analysis, "prednisone").status is not _S.PROPOSED
