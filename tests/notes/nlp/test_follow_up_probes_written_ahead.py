"""Follow-ups in discharge instructions, appointment tables, dictation endings, letters,
one-line exports and plans by problem, labelled (item and due date) by hand before the
extractor was run on them."""

from datetime import date

import pytest

from carechart.notes.nlp import analyse
from carechart.notes.nlp.schemas import PlanKind

_TAKEN = date(2025, 3, 6)
_DS = "Date of Service: 03/06/2025\n"
_DC = "DISCHARGE SUMMARY\nDischarge Date: 03/06/2025\n"
_ANY = None
_TABLE = (
    _DC + "Appointments:\nDate        Provider                 Location\n"
    "03/12/2025  Dr. Shah (Cardiology)    Heart Center\n"
    "03/25/2025  Dr. Owens (PCP)          Main Clinic\n"
)
_EXPORT = (
    "PROGRESS NOTE,DATE OF SERVICE: 03/06/2025,ASSESSMENT:, Type 2 diabetes.,PLAN:, Continue "
    "metformin. Follow up in 4 weeks. Repeat lipid panel in 3 months.,J. Doe, MD\n"
)
_BY_PROBLEM = (
    _DS + "Assessment and Plan:\n1. Hypertension: increase lisinopril to 20 mg. BMP in 1 week.\n"
    "2. Diabetes: A1c 7.9. Recheck A1c in 3 months.\n3. Follow-up in 3 months.\n"
)
_FOLLOW_UP_BY_WHOM = _DC + "FOLLOW UP:\nPCP: Dr. Ames - 1 week\nCardiology: Dr. Ruiz - 4 weeks\n"

# (note, words the item's text holds, the due dates a reader accepts or _ANY); every note is
# dated 03/06/2025, a Thursday. A range ("in 1-2 weeks") accepts either end.
PROBES: list[object] = [
    (
        _DC + "Discharge Instructions:\nFollow up with Dr. Rivera in 1-2 weeks.\n",
        "Rivera",
        (date(2025, 3, 13), date(2025, 3, 20)),
    ),
    (
        _DS + "Plan: Call to schedule an appointment with orthopedics in 2 weeks.\n",
        "orthopedics",
        (date(2025, 3, 20),),
    ),
    (_TABLE, "Shah", (date(2025, 3, 12),)),
    (_TABLE, "Owens", (date(2025, 3, 25),)),
    (
        "DATE OF SERVICE: 03/06/2025\nIMPRESSION: LEFT KNEE EFFUSION.\nPLAN: ASPIRATION "
        "PERFORMED. HE WILL RETURN IN 6 WEEKS FOR A RECHECK.\n",
        "RETURN",
        (date(2025, 4, 17),),
    ),
    (
        _DS + "Impression: Plantar fasciitis.\nHe was given a night splint. He will return in 6 "
        "weeks for a recheck.\n",
        "return",
        (date(2025, 4, 17),),
    ),
    (
        _DS + "Assessment: Hypertension.\nPlan: Increase lisinopril to 20 mg daily.\n"
        "Labs: BMP in 1 week.\n",
        "BMP",
        (date(2025, 3, 13),),
    ),
    (
        _DS + "Assessment: 6 mm right upper lobe nodule.\nPlan: Repeat CT chest in 3 months.\n",
        "CT",
        (date(2025, 6, 6),),
    ),
    (
        _DS + "Plan: Continue metformin. Recheck A1c at next visit. Return in 3 months.\n",
        "A1c",
        _ANY,
    ),
    (
        _DS + "Plan: Warfarin 5 mg daily. Check INR Friday at the anticoagulation clinic.\n",
        "INR",
        (date(2025, 3, 7),),
    ),
    (
        "PROGRESS NOTE\nDate: 03/06/2025\nAssessment/Plan:\n1. Hip fracture s/p ORIF: PT/OT "
        "eval. Weight bearing as tolerated.\n",
        "PT/OT",
        (None,),
    ),
    (
        _DS + "Assessment: Palpitations.\nPlan: Holter monitor. Referral placed to cardiology.\n",
        "cardiology",
        (None,),
    ),
    (
        _DS + "Assessment: Iron deficiency anemia.\nPlan: Start ferrous sulfate. Refer to GI for "
        "colonoscopy.\n",
        "GI",
        (None,),
    ),
    (
        _DC + "Pending results: blood cultures x2 (no growth to date). Pending results to be "
        "followed by PCP.\n",
        "cultures",
        (None,),
    ),
    (
        _DS + "Infliximab infusion given today, tolerated well.\nPlan: Next infusion 3/20.\n",
        "infusion",
        (date(2025, 3, 20),),
    ),
    (_DS + "A/P: URI, supportive care. f/u 2w\n", "f/u", (date(2025, 3, 20),)),
    (_DS + "A/P: Cellulitis L leg, Keflex x 7d. f/u 2 wks w/ PCP\n", "PCP", (date(2025, 3, 20),)),
    (
        "March 6, 2025\n\nDear Dr. Hale,\n\nI saw Mrs. Ortiz today in the rheumatology clinic. Her "
        "synovitis is better on methotrexate. I will see her again in three months.\n\nYours "
        "sincerely,\nDr. R. Banks\n",
        "see her again",
        (date(2025, 6, 6),),
    ),
    (
        "March 6, 2025\n\nDear Dr. Hale,\n\nThank you for asking me to see Mr. Gray. I have asked "
        "him to return in six weeks' time with a bladder diary.\n\nKind regards,\nDr. S. Patel\n",
        "return",
        (date(2025, 4, 17),),
    ),
    (_EXPORT, "Follow up", (date(2025, 4, 3),)),
    (_EXPORT, "lipid", (date(2025, 6, 6),)),
    (_BY_PROBLEM, "BMP", (date(2025, 3, 13),)),
    (_BY_PROBLEM, "Recheck A1c", (date(2025, 6, 6),)),
    (
        _DS + "Assessment/Plan:\n- Hypothyroidism: increase levothyroxine to 88 mcg; TSH in 6 "
        "weeks\n- HLD: continue atorvastatin\n",
        "TSH",
        (date(2025, 4, 17),),
    ),
    (
        _DS + "Plan: Dressing changes daily. Follow up in wound clinic on Tuesday.\n",
        "wound clinic",
        (date(2025, 3, 11),),
    ),
    (
        _DS + "Procedure: laceration repair, 5 sutures.\nPlan: Suture removal Wednesday.\n",
        "Suture removal",
        (date(2025, 3, 12),),
    ),
    (_DS + "Plan: Follow-up with oncology on April 3rd.\n", "oncology", (date(2025, 4, 3),)),
    (_DS + "Plan: Repeat echocardiogram in January.\n", "echocardiogram", (None,)),
    (_DS + "Plan: Dermatology referral for full skin check.\n", "Dermatology", (None,)),
    (
        _DS + "Assessment: Suspected obstructive sleep apnea.\nPlan: Sleep study ordered.\n",
        "Sleep study",
        (None,),
    ),
    (
        _DS + "Assessment: Lumbar radiculopathy.\nPlan: Will obtain MRI lumbar spine.\n",
        "MRI",
        (None,),
    ),
    (_DS + "Plan: Check CBC and CMP in 2 days.\n", "CBC", (date(2025, 3, 8),)),
    (
        _DS + "Plan: Follow-up with nephrology as scheduled on 3/19/25.\n",
        "nephrology",
        (date(2025, 3, 19),),
    ),
    (
        _DC + "Disposition: Home. Please arrange follow-up with his primary care physician "
        "within 7-10 days.\n",
        "primary care",
        (date(2025, 3, 13), date(2025, 3, 16)),
    ),
    (
        _DC + "Follow-up: Clinic follow-up in 1 month with repeat CXR.\n",
        "CXR",
        (date(2025, 4, 6),),
    ),
    (
        _DS + "Plan: Patient to see urology in 2-3 weeks re: hematuria.\n",
        "urology",
        (date(2025, 3, 20), date(2025, 3, 27)),
    ),
    (
        _DS + "Plan: Start amlodipine 5 mg. Recheck BP in 2 weeks with nurse visit.\n",
        "BP",
        (date(2025, 3, 20),),
    ),
    (_DS + "A/P: Stable HTN. Cont meds. RTC 3 mo.\n", "RTC", (date(2025, 6, 6),)),
    (_DS + "Plan: Return in one week for wound check.\n", "Return", (date(2025, 3, 13),)),
    (
        _DS + "Plan: Continue current regimen.\nNext appointment: Monday, March 17 at 2 pm with "
        "Dr. Cole.\n",
        "Cole",
        (date(2025, 3, 17),),
    ),
    (_DS + "Plan: Follow-up audiogram in 1 year.\n", "audiogram", (date(2026, 3, 6),)),
    (
        _DS + "Plan: 48-hour Holter monitor; results to be reviewed at next visit.\n",
        "Holter",
        _ANY,
    ),
    (
        "DATE OF SERVICE: 03/06/2025\nPLAN: CONTINUE CURRENT MEDICATIONS. FOLLOWUP WITH DR. "
        "NGUYEN IN TWO WEEKS.\n",
        "NGUYEN",
        (date(2025, 3, 20),),
    ),
    (
        _DC + "Discharge Instructions: Call Dr. Patel's office at 555-1234 to schedule a "
        "follow-up appointment in 1 week.\n",
        "Patel",
        (date(2025, 3, 13),),
    ),
    (_DS + "Plan: EGD to be scheduled.\n", "EGD", (None,)),
    (_DS + "Plan: Return in 2 weeks, sooner if worse.\n", "Return", (date(2025, 3, 20),)),
    (_DS + "Plan: Repeat labs (CBC, BMP) on 3/10.\n", "labs", (date(2025, 3, 10),)),
    (_DS + "Plan: INR check in 3 days, then weekly.\n", "INR", (date(2025, 3, 9),)),
    (
        "OFFICE VISIT,DATE OF SERVICE: 03/06/2025,PLAN:, Start warfarin 5 mg daily, INR Monday, "
        "return in 1 month.,\n",
        "INR",
        (date(2025, 3, 10),),
    ),
    (_DS + "Plan: Start warfarin 5 mg daily, BMP Thursday.\n", "BMP", (date(2025, 3, 13),)),
    (_FOLLOW_UP_BY_WHOM, "Ames", (date(2025, 3, 13),)),
    (_FOLLOW_UP_BY_WHOM, "Ruiz", (date(2025, 4, 3),)),
    (
        _DC + "Follow-up:\nPrimary care physician: Dr. Ames on 03/14/2025 at 9:00 AM\n",
        "Ames",
        (date(2025, 3, 14),),
    ),
    (
        _DS + "Assessment: Chronic cough.\nPlan: Outpatient PFTs. Follow up after PFTs.\n",
        "PFT",
        _ANY,
    ),
    (_DS + "Plan: Will refer to physical therapy for 6 weeks.\n", "physical therapy", _ANY),
    (
        _DS + "Assessment and Plan:\n1. Alcohol use disorder: continue thiamine. Addiction "
        "medicine to see.\n2. Depression: continue escitalopram.\n",
        "Addiction medicine",
        (None,),
    ),
    (
        _DS + "Assessment and Plan:\n1. Insomnia, possible OSA: sleep medicine to evaluate.\n",
        "sleep medicine",
        (None,),
    ),
    # A month and day in one digit each, told as a day by "on", a weekday or the hour.
    pytest.param(
        _DC + "Follow-up appointments:\n  Cardiology   Dr. Vance     Tues 3/18 @ 1:30pm\n"
        "  GI           Dr. Wu        4/2 @ 10am\n",
        "Wu",
        (date(2025, 4, 2),),
    ),
    pytest.param(
        _DS + "Plan: GI clinic on 4/2.\n",
        "GI clinic",
        (date(2025, 4, 2),),
    ),
    (_DS + "Plan: Labs Mon 3/9.\n", "Labs", (date(2025, 3, 9),)),
    # A season or a month, with no day: a follow-up due null (as "in early December").
    pytest.param(
        "March 6, 2025\n\nDear Dr. Hale,\n\nI saw Mr. Cole today for his gout. He is well on "
        "allopurinol. I would be happy to see him again in the spring.\n\nYours sincerely,\n"
        "Dr. R. Banks\n",
        "see him again",
        (None,),
    ),
]

# A ratio is no day: instructions keep the due their day gives, never one read off "1/2".
RATIOS: list[object] = [
    (_DS + "Plan: Restart on 1/2 dose.\n", "Restart", None),
    (_DS + "Plan: Take 1/2 tab on Friday.\n", "tab", date(2025, 3, 7)),
]


@pytest.mark.parametrize(("text", "words", "due"), RATIOS)
def test_a_ratio_in_an_instruction_is_no_day(text: str, words: str, due: date | None) -> None:
    found = [p for p in analyse(text, taken_at=_TAKEN).plans if words.lower() in p.text.lower()]
    assert [p.due for p in found] == [due]


@pytest.mark.parametrize(("text", "words", "dues"), PROBES)
def test_a_follow_up_written_ahead_is_found_with_a_due_a_reader_accepts(
    text: str, words: str, dues: tuple[date | None, ...] | None
) -> None:
    plans = analyse(text, taken_at=_TAKEN).plans
    # Something still to happen (a visit, an order, a referral), not advice the note gives.
    found = [
        p for p in plans if words.lower() in p.text.lower() and p.kind is not PlanKind.INSTRUCTION
    ]
    assert found, f"no follow-up names {words!r}: {[(p.kind, p.text) for p in plans]}"
    if dues is not None:
        assert found[0].due in dues, [(p.text, p.due) for p in found]


# (note, words no plan may hold): what the story tells has happened is no follow-up.
TOLD: list[object] = [
    (
        _DS + "HPI: Seen by cardiology last week; echo normal.\nPlan: Continue aspirin.\n",
        "cardiology",
    ),
    (_DS + "HPI: Colonoscopy in 2019 was normal.\nPlan: Continue omeprazole.\n", "Colonoscopy"),
    (
        _DS + "Chief Complaint: Follow-up visit for hypertension.\nPlan: Continue amlodipine.\n",
        "hypertension",
    ),
    (_DS + "HPI: Last INR 2.4 on Monday.\nPlan: Continue warfarin 5 mg daily.\n", "INR"),
    # A doctor's name with no visit after the plan is a field of the note, no visit.
    (_DS + "Plan: Ice.\nPCP: Dr. Ames\nCondition: stable\n", "Ames"),
    (
        "March 6, 2025\n\nDear Dr. Hale,\n\nI saw Mr. Cole today. He returned from Spain in "
        "December and has been well.\n\nYours sincerely,\nDr. R. Banks\n",
        "Spain",
    ),
    # The referring doctor named in a letter's header is no visit.
    (
        _DS + "Primary care physician: Dr. Ames\nReason for visit: knee pain.\nPlan: Ice, "
        "ibuprofen.\n",
        "Ames",
    ),
]


@pytest.mark.parametrize(("text", "words"), TOLD)
def test_what_the_story_tells_is_no_follow_up(text: str, words: str) -> None:
    plans = analyse(text, taken_at=_TAKEN).plans
    assert not [p.text for p in plans if words.lower() in p.text.lower()]
