"""Tests done, screening scores, results that find nothing and a regimen's parameters are no
problems; the condition a screen finds is."""

from carechart.notes.nlp import analyse

_ASSESSMENT = """ASSESSMENT:
1. Anxiety screen: GAD-7 3, AUDIT-C 2 - negative.
2. Dosing parameters (CrCl > 30, weight 82 kg) - met.
3. Overnight oximetry already completed.
4. Axillary nodes grossly unremarkable.
5. Obstructive sleep apnea, moderate.
6. Major depressive disorder, recurrent - PHQ-9 14, start sertraline.
"""


def test_tests_scores_results_and_parameters_are_no_problems() -> None:
    names = [p.text for p in analyse(_ASSESSMENT).problems]

    assert names == ["Obstructive sleep apnea", "Major depressive disorder"]
