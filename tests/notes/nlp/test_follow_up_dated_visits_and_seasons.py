"""Follow-ups that say when by a day without a year (an appointments row, "clinic on 4/2") or
by a season or a month alone ("see him again in the spring"), in discharge appointment lists,
plans, dictated letters and British clinic letters; labelled (item, kind and due) by hand
before the extractor was run on them. Beside them, dated advice and a patient's own plans
that stay instructions or stay out."""

from datetime import date

import pytest

from carechart.notes.nlp import analyse
from carechart.notes.nlp.schemas import PlanKind

_TAKEN = date(2025, 3, 6)  # a Thursday
_DS = "Date of Service: 03/06/2025\n"
_DC = "DISCHARGE SUMMARY\nDischarge Date: 03/06/2025\n"
_LETTER = "6 March 2025\n\nDear Dr. Okoye,\n\n"
_SIGN = "\n\nYours sincerely,\n\nDr. F. Amari\nConsultant Rheumatologist\n"

# (note, words the follow-up's text holds, its due): a visit with someone on a day ahead, or a
# return told by a season or a month (due null, as "in early December").
FOLLOW_UPS: list[object] = [
    (
        _DC + "Follow-up appointments:\n  Podiatry     Dr. Lane      5/7 @ 9:30am\n",
        "Lane",
        date(2025, 5, 7),
    ),
    (
        _DC + "Appointments:\n- Wound clinic on 3/13 at 2:15 pm\n- Dr. Osei (PCP) on 3/20\n",
        "Wound clinic",
        date(2025, 3, 13),
    ),
    (
        _DC + "Appointments:\n- Wound clinic on 3/13 at 2:15 pm\n- Dr. Osei (PCP) on 3/20\n",
        "Osei",
        date(2025, 3, 20),
    ),
    (_DS + "Plan: Sleep clinic on 4/9 for CPAP titration.\n", "Sleep clinic", date(2025, 4, 9)),
    (
        _DS + "ASSESSMENT AND PLAN:\n1. Atrial fibrillation, rate controlled. Continue "
        "metoprolol.\n2. Sees Dr. Brandt (EP) 4/17 @ 8am to discuss ablation.\n",
        "Brandt",
        date(2025, 4, 17),
    ),
    (
        _LETTER + "I reviewed Mrs. Dale in clinic today. Her hands are much better on "
        "methotrexate. I will see her again in the autumn." + _SIGN,
        "see her again",
        None,
    ),
    (
        _LETTER + "Mr. Ito's psoriasis has settled. We will review him in clinic in the new "
        "year." + _SIGN,
        "review him",
        None,
    ),
    (
        _DS + "Plan: Stable. Continue current regimen. See her back in early summer.\n",
        "See her back",
        None,
    ),
    (
        _DS + "Plan: Doing well on CPAP. Will see him again in September with a download.\n",
        "see him again",
        None,
    ),
]


@pytest.mark.parametrize(("text", "words", "due"), FOLLOW_UPS)
def test_a_visit_dated_by_a_day_or_a_season_is_a_follow_up(
    text: str, words: str, due: date | None
) -> None:
    plans = analyse(text, taken_at=_TAKEN).plans
    found = [p for p in plans if words.lower() in p.text.lower()]
    assert found, [(p.kind, p.text) for p in plans]
    assert (found[0].kind, found[0].due) == (PlanKind.FOLLOW_UP, due), found[0]


# (note, words): advice on a day ahead that names a doctor, a visit told as past, and a season
# that is the patient's own plan are no follow-ups (an instruction at most).
NOT_FOLLOW_UPS: list[object] = [
    (_DS + "Plan: Per Dr. Lane, may shower from 3/9.\n", "shower"),
    (_DS + "Plan: Dr. Lane saw her in clinic on 3/2.\n", "Lane"),
    (_DS + "Plan: Avoid heavy lifting until seen by Dr. Lane on 4/2.\n", "lifting"),
    (_DS + "Plan: She returns from Arizona in the spring.\n", "Arizona"),
    (_DS + "Plan: Take 1/2 tab on Friday.\n", "tab"),
    (_LETTER + "She hopes to travel to see her sister again in the summer." + _SIGN, "sister"),
    (_DS + "Plan: Apixaban dose review in July when she turns 80.\n", "dose review"),
    (_DS + "Plan: Clinic closed 4/18 for Good Friday; pharmacy open.\n", "Good Friday"),
    # A footer's record of what was done with the note: sent, or staffed with a doctor.
    (_DS + "Plan: Continue lisinopril.\n\nFaxed to Dr. Lee clinic 3/12\n", "Faxed"),
    (_DS + "Plan: Continue lisinopril.\nReviewed with Dr. Lee (attending) 3/11 10:00\n", "Review"),
    (_DS + "Plan: Continue lisinopril.\nDiscussed with Dr. Lee, cardiology 3/11\n", "Discussed"),
]


@pytest.mark.parametrize(("text", "words"), NOT_FOLLOW_UPS)
def test_dated_advice_and_a_patients_own_plans_are_no_follow_ups(text: str, words: str) -> None:
    plans = analyse(text, taken_at=_TAKEN).plans
    found = [p for p in plans if words.lower() in p.text.lower()]
    assert not [p for p in found if p.kind is PlanKind.FOLLOW_UP], found


# A telephone note with no plan heading: its instructions list and the booked days it tells
# (a procedure "confirmed for" a day, a stop at the clinic on a day) are follow-ups. (A reason
# for the call within a header's usual length stays header: see _unheaded.)
_PHONE = (
    "TELEPHONE ENCOUNTER\nNorthside Community Health - Anticoagulation Management Service\n"
    "Patient: Elmer Reyes    MRN: NCH-2281604    DOB: 03/12/1948\n"
    "Call date: 03/06/2025  14:05      Call type: Outgoing, to patient\n"
    "Staff: Wren Castellanos, PharmD    Line: 555-0142\n"
    "Reason for call: Peri-procedural anticoagulation plan. Colonoscopy with likely polypectomy "
    "confirmed for Thursday 03/20/2025 at Northside Endoscopy Center (Dr. Okwuosa, GI).\n"
    "Background: Mechanical mitral valve, bridging indicated per cardiology (Dr. Farquhar "
    "agreed by secure message 03/02). INR 02/24 was 2.7 on 35 mg/week.\n"
    "Instructions given (also mailed and sent to MyChart):\n"
    "1. WARFARIN: last dose Friday 03/14.\n"
    "2. After the procedure: restart warfarin the evening of 03/20 at the usual dose.\n"
    "3. INR check Tuesday 03/25 (booked 10:00) and again 03/28.\n"
    "Wife does the injections; he will stop by clinic 03/12 for a teaching kit.\n"
    "W. Castellanos, PharmD\n"
)
PHONE_FOLLOW_UPS: list[object] = [
    ("Colonoscopy", date(2025, 3, 20)),
    ("restart warfarin", date(2025, 3, 20)),
    ("INR check", date(2025, 3, 25)),
    ("teaching kit", date(2025, 3, 12)),
]


@pytest.mark.parametrize(("words", "due"), PHONE_FOLLOW_UPS)
def test_a_telephone_notes_instructions_and_booked_days_are_plans(words: str, due: date) -> None:
    plans = analyse(_PHONE, taken_at=_TAKEN).plans
    found = [p for p in plans if words.lower() in p.text.lower()]
    assert found, [p.text for p in plans]
    assert found[0].due == due, found[0]


@pytest.mark.parametrize("words", ["Farquhar", "INR 02/24", "Call date"])
def test_a_telephone_notes_past_days_are_no_plans(words: str) -> None:
    plans = analyse(_PHONE, taken_at=_TAKEN).plans
    assert not [p for p in plans if words.lower() in p.text.lower()], [p.text for p in plans]
