"""Sections as real documents write them, and problems taken only where a note states them."""

from carechart.notes.nlp import ProblemStatus, analyse


def _sections(text: str) -> list[str]:
    return [s.name.value for s in analyse(text).sections]


def _problems(text: str) -> list[tuple[str, ProblemStatus]]:
    return [(p.text, p.status) for p in analyse(text).problems]


EXPORT = (
    "CHIEF COMPLAINT:,  Cough for two weeks.,PAST MEDICAL HISTORY:,1.  Gout.,2.  Essential "
    "hypertension.,REVIEW OF SYSTEMS:,  Negative for fever, night sweats or weight loss.,"
    "CURRENT MEDICATIONS:,  Include allopurinol 100 mg daily and losartan 50 mg daily.,"
    "IMPRESSION:,  Postviral cough.,PLAN:,1.  Benzonatate 100 mg three times a day as needed."
)


def test_a_one_line_export_is_cut_at_its_comma_joined_headings() -> None:
    assert _sections(EXPORT) == [
        "chief_complaint",
        "history",
        "review_of_systems",
        "medications",
        "assessment",
        "plan",
    ]


def test_a_denial_in_an_export_stops_at_the_next_heading() -> None:
    analysis = analyse(EXPORT)
    negated = {f.text.lower() for f in analysis.negated_findings}
    assert {"fever", "night sweats", "weight loss"} <= negated
    assert not any("allopurinol" in f or "losartan" in f for f in negated)
    assert {m.name.lower() for m in analysis.medications} >= {"allopurinol", "losartan"}


def test_export_problems_are_the_impression_and_the_past_history() -> None:
    assert _problems(EXPORT) == [
        ("Postviral cough", ProblemStatus.ACTIVE),
        ("Gout", ProblemStatus.HISTORICAL),
        ("Essential hypertension", ProblemStatus.HISTORICAL),
    ]


def test_qualified_and_operative_headings_open_their_sections() -> None:
    text = (
        "PREOPERATIVE DIAGNOSIS: Left inguinal hernia.\nPROCEDURE: Open left inguinal hernia "
        "repair with mesh.\nANESTHESIA: General.\nFINDINGS: Indirect hernia sac.\n"
        "PROCEDURE IN DETAIL:\nThe patient was brought to the operating room.\n"
        "TRIAGE VITAL SIGNS: BP 130/80, HR 70."
    )
    assert _sections(text) == [
        "diagnoses",
        "procedure",
        "anesthesia",
        "findings",
        "procedure",
        "objective",
    ]
    assert _problems(text) == [("Left inguinal hernia", ProblemStatus.ACTIVE)]


def test_the_orders_under_a_numbered_problem_are_not_problems() -> None:
    text = (
        "ASSESSMENT AND PLAN:\n1. Sepsis 2/2 left lower lobe pneumonia\n"
        "   - Continue cefepime 2 g IV q8h\n   - Repeat lactate in AM\n"
        "2. AKI on CKD stage 3b, resolved\n   - Hold lisinopril\n"
        "3. Apixaban: held for procedure\nCODE STATUS: Full code"
    )
    assert _problems(text) == [
        ("Sepsis", ProblemStatus.ACTIVE),
        ("left lower lobe pneumonia", ProblemStatus.ACTIVE),
        ("AKI", ProblemStatus.RESOLVED),
        ("CKD stage 3b", ProblemStatus.ACTIVE),
    ]


def test_visit_reasons_vaccines_allergies_and_operations_are_not_problems() -> None:
    text = (
        "Assessment:\n- Encounter for routine adult health examination\n- Tdap vaccination\n"
        "- Sulfa allergy (rash)\n- Status post right total knee arthroplasty\n"
        "- Seasonal allergic rhinitis\n- Rule out obstructive sleep apnea"
    )
    problems = analyse(text).problems
    assert [(p.text, p.uncertain) for p in problems] == [
        ("Seasonal allergic rhinitis", False),
        ("obstructive sleep apnea", True),
    ]


def test_a_past_condition_the_assessment_takes_up_is_one_active_problem() -> None:
    text = (
        "Past Medical History:\n- Hypertension\n- Osteoarthritis\n- Asthma, resolved in "
        "childhood\n\nReview of Systems: Denies chest pain or palpitations.\n\n"
        "Assessment:\n1. HTN, above goal\n2. OA of both knees\n\nPlan:\n- Increase amlodipine."
    )
    assert _problems(text) == [
        ("HTN", ProblemStatus.ACTIVE),
        ("OA of both knees", ProblemStatus.ACTIVE),
        ("Asthma", ProblemStatus.RESOLVED),
    ]


def test_review_of_systems_and_family_denials_are_never_problems_and_hedges_stay_local() -> None:
    analysis = analyse(
        "Review of Systems: Negative for chest pain, dyspnea and syncope.\n"
        "Family History: Mother with breast cancer.\n"
        "Assessment:\n1. Possible early cellulitis of the left foot\n"
        "2. Gastroesophageal reflux disease\n"
    )
    assert [(p.text, p.uncertain) for p in analysis.problems] == [
        ("early cellulitis of the left foot", True),
        ("Gastroesophageal reflux disease", False),
    ]
    assert [f.text for f in analysis.negated_findings] == ["chest pain", "dyspnea", "syncope"]
    assert ("breast cancer", "family") in [(f.text, f.kind) for f in analysis.historical_findings]
