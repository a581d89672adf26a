"""A dose written with no frequency and no verb in the untitled text of a procedure report or
an ED note was given there; a drug with a frequency there is not made a dose given."""

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import medication

_S = MedicationStatus

PROCEDURE = """\
UPPER ENDOSCOPY - PROCEDURE NOTE

Consent obtained. Time out performed. Scope checked.
Endoscope: {line}
FINDINGS: Schatzki ring at 38 cm, dilated to 18 mm.
IMPRESSION: Schatzki ring, dilated.
"""


def test_a_single_dose_in_a_procedure_account_was_given_there() -> None:
    analysis = analyse(PROCEDURE.format(line="Hyoscine butylbromide 20 mg IV to reduce motility."))
    assert medication(analysis, "hyoscine").status is _S.GIVEN


def test_a_drug_with_a_frequency_in_a_procedure_account_is_not_a_dose_given() -> None:
    analysis = analyse(PROCEDURE.format(line="patient takes omeprazole 40 mg twice daily."))
    assert medication(analysis, "omeprazole").status is not _S.GIVEN
