"""Drugs a note names without the patient taking them: a culture's susceptibilities, drugs to
avoid (before or after the name, and every drug joined to one), tumour markers and ketones
drawn as labs; and a local anaesthetic "with epinephrine" is one product, not two drugs."""

from carechart.notes.nlp import MedicationStatus, analyse
from tests.notes.nlp.support import medication, medication_names

CYSTITIS_VISIT = """\
Office Visit

Subjective:
Dysuria for 3 days. Urine culture from the urgent care grew Klebsiella, resistant to
ampicillin and cefuroxime, susceptible to fosfomycin, ceftriaxone and gentamicin.

Plan:
1. Fosfomycin 3 g by mouth once today.
2. Ibuprofen 400 mg every 8 hours as needed. Naproxen: not recommended with her CKD.
3. Avoid Pepto-Bismol and aspirin while on the anticoagulant.
4. Tamoxifen should not be combined with her antidepressant. Continue sertraline 50 mg daily.
"""


def test_a_cultures_susceptibilities_are_not_the_patients_drugs() -> None:
    names = medication_names(analyse(CYSTITIS_VISIT))
    assert not names & {"ampicillin", "cefuroxime", "ceftriaxone", "gentamicin"}
    assert "fosfomycin" in names


def test_drugs_to_avoid_are_named_never_taken_and_the_denial_reaches_joined_names() -> None:
    names = medication_names(analyse(CYSTITIS_VISIT))
    assert not names & {"naproxen", "pepto-bismol", "aspirin", "tamoxifen"}
    assert medication(analyse(CYSTITIS_VISIT), "sertraline").status is MedicationStatus.CONTINUED


THYROID_AND_DKA = """\
Assessment and Plan:
1. Thyroid cancer after total thyroidectomy: thyroglobulin and TSH in 6 weeks; continue
levothyroxine 125 mcg daily.
2. Ketosis: beta-hydroxybutyrate every 4 hours until cleared.
"""


def test_tumour_markers_and_ketones_drawn_as_labs_are_not_drugs() -> None:
    names = medication_names(analyse(THYROID_AND_DKA))
    assert names == {"levothyroxine"}


INJECTION = """\
PROCEDURE NOTE

PROCEDURE IN DETAIL:
The skin over the lesion was infiltrated with lidocaine 2% with epinephrine, 5 mL. The cyst
was excised and the wound closed with 4-0 nylon.
"""


def test_a_local_anaesthetic_with_its_strength_and_epinephrine_is_one_product() -> None:
    drugs = [(m.ingredient, m.status) for m in analyse(INJECTION).medications]
    assert drugs == [("lidocaine / epinephrine", MedicationStatus.GIVEN)]


OTC_LIST = """\
Current Medications:
- Excedrin Migraine 2 caplets as needed for headache
- Tylenol PM 1 caplet at bedtime
- Mucinex DM 1 tablet twice daily
- Centrum Silver 1 tablet daily
"""


def test_over_the_counter_combination_brands_name_all_their_ingredients() -> None:
    ingredients = {m.name: m.ingredient for m in analyse(OTC_LIST).medications}
    assert ingredients == {
        "Excedrin Migraine": "aspirin / acetaminophen / caffeine",
        "Tylenol PM": "acetaminophen / diphenhydramine",
        "Mucinex DM": "guaifenesin / dextromethorphan",
        "Centrum Silver": "multivitamin",
    }
