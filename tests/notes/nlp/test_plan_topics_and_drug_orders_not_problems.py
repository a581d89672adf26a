"""An assessment item that names a topic of the plan, a visit's coded reason or a drug with what
is done with it names no problem; a drug's harm does."""

from carechart.notes.nlp import analyse

_ITEMS = """ASSESSMENT AND PLAN:
1. Hypertension - continue amlodipine.
2. Need for hepatitis B booster - dose given today.
3. Supplements - stop glucosamine-chondroitin, no benefit.
4. Lipids - fasting panel with next labs.
5. Bone health - DEXA ordered, continue vitamin D.
6. Simvastatin held while on clarithromycin.
7. Furosemide increased to 40 mg BID.
8. Amiodarone toxicity - stop amiodarone.
9. Statin myopathy - CK today.
10. Treatment-resistant depression - continue venlafaxine.
11. Lisinopril-induced angioedema, resolved.
"""


def test_plan_topics_visit_reasons_and_drug_orders_are_no_problems() -> None:
    names = [p.text for p in analyse(_ITEMS).problems]

    assert names == [
        "Hypertension",
        "Amiodarone toxicity",
        "Statin myopathy",
        "Treatment-resistant depression",
        "Lisinopril-induced angioedema",
    ]
