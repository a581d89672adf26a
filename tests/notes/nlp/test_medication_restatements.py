"""A drug named twice, once precisely and once by its family, is one medication: "iron" beside
"ferrous gluconate", "insulin" beside "insulin aspart", "calcium + D" beside both supplements."""

from carechart.notes.nlp import analyse
from tests.notes.nlp.support import medication_names

CLINIC_NOTE = """\
Office Visit

Current Medications:
- Ferrous gluconate 324 mg by mouth daily
- Calcium citrate 630 mg by mouth twice daily
- Vitamin D3 1000 units daily
- Sitagliptin 100 mg daily
- Metformin 500 mg twice daily

Assessment and Plan:
1. Iron deficiency anemia: continue iron until ferritin is above 50.
2. Osteoporosis: continue calcium and vitamin D; weight-bearing exercise.
3. Diabetes: Janumet was stopped last year for cost; continue sitagliptin and metformin.
"""

HOSPITAL_NOTE = """\
Progress Note

Medications:
Insulin aspart 4 units subcut with meals
Insulin detemir 18 units subcut at bedtime

Assessment and Plan:
Diabetes: sugars 140-210. Insulin teaching with the diabetes educator before discharge.
"""


def test_a_family_name_beside_its_precise_product_is_not_a_second_drug() -> None:
    names = medication_names(analyse(CLINIC_NOTE))
    assert "iron" not in names
    assert "ferrous" in names


def test_a_supplement_written_as_its_parts_restates_the_listed_supplements() -> None:
    ingredients = [m.ingredient or "" for m in analyse(CLINIC_NOTE).medications]
    assert [i for i in ingredients if "calcium" in i] == ["calcium citrate"]


def test_a_combination_product_stays_beside_its_ingredients() -> None:
    ingredients = {m.ingredient for m in analyse(CLINIC_NOTE).medications}
    assert "sitagliptin / metformin" in ingredients or "metformin / sitagliptin" in ingredients


def test_insulin_in_general_is_not_listed_beside_the_insulins_named() -> None:
    ingredients = [m.ingredient for m in analyse(HOSPITAL_NOTE).medications]
    assert "insulin" not in ingredients
    assert "insulin aspart" in ingredients
