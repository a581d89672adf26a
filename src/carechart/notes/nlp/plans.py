"""Plan items (follow-ups, orders, referrals, instructions) with a due date when one is known."""

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from carechart.notes.nlp.dates import (
    MONTH_NAME,
    Interval,
    add_interval,
    birth_date,
    day_first,
    find_dates,
    find_interval,
)
from carechart.notes.nlp.document import Document, Sentence
from carechart.notes.nlp.gestation import gestation_days
from carechart.notes.nlp.scanning import quick
from carechart.notes.nlp.schemas import Medication, Plan, PlanKind, SectionName
from carechart.notes.nlp.sections import CREDENTIAL
from carechart.notes.nlp.text import Seg, lines, strip_bullet, trim

_I = re.IGNORECASE
# Sections that say only what is to happen; an assessment and plan also assesses.
_PLAN_ONLY = {SectionName.PLAN, SectionName.INSTRUCTIONS, SectionName.DISPOSITION}
_SOURCES = _PLAN_ONLY | {SectionName.ASSESSMENT_AND_PLAN}
# A consult asked for without the word "refer": "neuropsychology consult", "diabetes educator
# consult", "wound nurse to see", "dietitian to review" (never "cardiology consult appreciated",
# "seen by the psychiatry consult team", "PT saw him").
# A consult or an evaluation told as done: "completed", "yesterday", "in 2019 showed MDD".
_DONE_ALREADY = r"\b(?:completed|done|yesterday|ago|showed|shows|found|revealed|in (?:19|20)\d\d)\b"
# The services a consult or a visit is asked of.
_SERVICE = (
    r"\b(?:[a-z]+(?:ology|iatry|iatrics)|orthop(?:a)?edics?|nutrition|dietitian"
    r"|(?:diabetes |asthma )?educator"
    r"|social work(?:er)?|case management|case manager|palliative(?: care)?"
    # Services named as a medicine: "Addiction medicine to see", "sleep medicine to evaluate".
    r"|(?:addiction|sleep|sports|pain|vascular|transplant|hospital|internal|family|adolescent"
    r"|travel|palliative|rehabilitation|physical) medicine"
    # "PT", "OT" and "SLP" in capitals: "Pt to see her PCP" is the patient.
    r"|wound(?: care)?(?: nurse)?|(?:physical|occupational|speech) therapy|(?-i:PT|OT|SLP)|chaplain"
    r"|pharmacy|pharmacist)"
)
_CONSULT = quick(
    _SERVICE
    + r"(?:\s+(?:consult(?:ation)?|eval(?:uation)?)\b(?!\s*(?:note|team|service|was|saw|appreciated"
    r"|recommend\w*|signed|following|on board|:))"
    # One done already: "PT evaluation completed", "consult yesterday", "evaluation in 2019
    # showed MDD", "psychiatry consult 2 weeks ago".
    r"(?![^.;\n]{0,40}?" + _DONE_ALREADY + ")"
    r"|\s+to\s+(?:see|evaluate|eval|review|assess)\b)"
    # A plan that says a service is consulted asks for it; the consultant has not seen the
    # patient yet ("ID consulted for duration and narrowing", "Nephrology consulted"), unless
    # the line goes on to what they did ("GI consulted, recommended EGD", "... who saw him").
    r"|(?:" + _SERVICE + r"|\b(?-i:ID|GI))\s+(?:(?:was|has been|have been)\s+)?consulted\b"
    r"(?![^.;\n]{0,60}?\b(?:recommend\w*|saw|seen|signed|evaluated|agree\w*|appreciated|who"
    r"|on board|following|rec(?:s|'d)?)\b)",
    _I,
)
# A periodic review or round booked next: "Next physician review in 30 days", "next monthly
# rounding 11/2025", "next MDT review" (never "next week" or "next dose").
_NEXT_REVIEW = (
    r"|\bnext (?:[\w-]+ ){0,2}?(?:review|rounding|rounds|assessment|reassessment|check-?up)\b"
)
_REFERRAL = re.compile(r"\brefer(?:red|ral)?\b|\bconsult(?:ation)? (?:to|with)\b", _I)
_FOLLOW_UP = quick(
    r"\bRTC\b|\breturn(?:s|ing)? (?:to (?:clinic|the office)|for|in|visit|if)\b|\bf/u\b"
    r"|\breturn\s*:"
    # A return written with its interval alone: "Return 3 months", "Follow-up 6 weeks", "F/U 1 yr".
    r"|\b(?:return|follow[- ]?up|f/u)(?:\s+visit)?\s+(?:~\s*|about\s+|approx\.?\s+)?"
    r"(?:\d{1,2}(?:\s*(?:-|to)\s*\d{1,2})?|one|two|three|four|six|twelve)\s*"
    r"(?:days?|weeks?|wks?|months?|mos?|years?|yrs?)\b(?!\s+ago\b)"
    r"|\bfollow[- ]?up (?:visit|appointment|in|within|after|with)\b"
    r"|\bscheduled? (?:a )?follow[- ]?up\b"
    r"|\b(?:see|recheck) (?:back |again )?in\b|\bnext (?:visit|appointment)\b"
    # "Next physician review in 30 days", "next monthly rounding", "return to the GI clinic".
    + _NEXT_REVIEW
    + r"|\breturn(?:s|ing)? to (?:the )?(?:[\w-]+ ){1,2}(?:clinic|office)\b"
    # "I will see him 2 weeks after discharge": a visit counted from an event still to come.
    r"|\bsee (?:her|him|them|you|me|the patient|pt)\b(?=[^.;\n]{0,40}?"
    r"\b(?:\d+|one|two|three|four|six)\s*(?:days?|weeks?|wks?|months?)\s+(?:after|following)\s+"
    r"(?:the\s+|her\s+|his\s+)?(?:discharge|surgery|operation|procedure)\b)"
    # "I will see her again in six weeks", "we'll see you back in a month".
    r"|\bsee (?:her|him|them|you|me|the patient|the child|pt)(?: back| again)?"
    r"(?: in (?:the )?(?:clinic|office))? (?:in|within|after)\b"
    r"(?=\s+(?:about\s+|approximately\s+|~\s*)?(?:\d|one|two|three|four|five|six|seven|eight"
    r"|nine|ten|twelve|a\s|an\s|a couple))"
    # "See cardiology as scheduled", "Make an appointment with your surgeon", "Call if ...".
    r"|\bas scheduled\b|\b(?:make|book|schedule) (?:an? |the )?(?:follow[- ]?up )?appo?i?n?t"
    r"|\bschedul(?:e|ed|ing)\b|\bcall (?:if|for|with|back|the (?:office|clinic)|your|us)\b"
    r"|\bnext (?:dialysis|infusion|session|treatment|injection|cycle|dose)\b"
    r"|\breturn to (?:the )?(?:ED|ER|emergency)\b"
    # A consult team that goes on seeing the patient: "Will follow daily", "we will continue to
    # follow along", "Pharmacy will follow daily".
    r"|\b(?:will|to)\s+(?:continue\s+to\s+)?follow\s+(?:along|daily)\b"
    # "Heart failure clinic with Dr. Ortiz in 1 week": a visit booked at a clinic.
    r"|\b(?:clinic|office|appointment|visit|PCP|primary care|Dr\.|[a-z]+ology"
    # "Annual exam in 1 year", "wellness exam in 12 months".
    r"|(?:annual )?physical|(?:annual|yearly|routine|preventive|wellness) exam|check-?up)\b"
    r"(?=(?:Dr\.|[^.;])*?\b(?:in|within) (?:~\s*|about |approx\.? )?"
    r"(?:\d{1,2}|one|two|three|four|six)\b)",
    _I,
)
# A visit or a meeting booked, whatever the sentence asks beside it: "Keeps 04/15 appointment",
# "Keep May 20 follow-up", "Cardiology appt 09/10", "Care conference with son within 72 hours".
_BOOKED_VISIT = quick(
    r"(?<!last )(?<!previous )(?<!prior )(?<!missed )\b(?:appointments?|appts?)\b"
    r"|\bkeeps? (?:[\w/-]+ ){0,3}(?:follow[- ]?up|f/u|visit)\b"
    r"|\b(?:care|family|team) (?:conference|meeting)\b"
    r"(?!\s+(?:was\s+)?(?:held|completed|done|took place))",
    _I,
)
# Who a visit is with: a visit line of an appointments table ("Neurology 03/20/2025 10:30 AM",
# "Endocrinology - Priya Raman, MD / Tuesday 03/18/2025") is a follow-up once it says when.
_WHO = quick(
    r"\b(?:Dr\.?|MD|DO|NP|PA-C|PCP|primary care|clinic|office|surgeon|provider|practice"
    r"|[a-z]+olog(?:y|ist)|[a-z]+iatry)\b",
    _I,
)
_SIGNATURE = re.compile(r"(?:electronically |e-)?(?:signed|dictated|transcribed)\b", _I)
# An exported footer's dictation and transcription days: "...MD,Endocrinology,D: 06/17/2025  T:".
_EXPORT_SIGNED = re.compile(r"\bD:\s*\d{1,2}/\d{1,2}/\d{2,4}\s+T:", _I)
_SIGNED = quick(r"\b(?:(?:co-?)?signed|dictated|transcribed|cc)\b", _I)
# A note's closing line: a name and a credential, then a date and time or a co-signer ("J.
# Rhee, MD  07/22/2024 14:48", "J. Adebayo, RN   Cosigned: M. Hart, MD").
_SIGNER = re.compile(
    r"(?:Dr\.?\s+)?[A-Z][A-Za-z'.-]*(?:\s+[A-Z][A-Za-z'.-]*){0,3},?\s+" + CREDENTIAL
)
# Days named instead of counted: "BMP in AM", "echo tomorrow".
_NEXT_DAY = quick(
    r"\b(?:tomorrow|in (?:the )?a\.?m\b\.?|in the morning|(?:a\.?m\.?|morning) labs|q\s?am)\b",
    _I,
)
_NEXT_WEEK = re.compile(r"\bnext week\b", _I)
# "Repeat cultures today" is due today; "was fitted today" was done.
_TODAY = quick(
    r"(?<!\bwas )(?<!\bwere )(?<!\bdone )(?<!\bgiven )(?<!\bdrawn )(?<!\bfitted )(?<!\bplaced )"
    r"\b(?:today|tonight|this (?:afternoon|evening)|later today|(?:in (?:the )?|this )p\.?m\b\.?)"
    # A clock time for an order ("repeat BMP at 16:00", "recheck K @ 2200") is later today.
    r"|(?:\b(?:at|by)|@)\s*(?:[01]?\d|2[0-3]):?[0-5]\d\b(?!\s*(?:mg|mcg|units?|ml|%))",
    _I,
)
# "Repeat BMP at 16:00", "lactate at 2 pm": later the same day (never "given at 09:40").
_AT_TIME = quick(
    r"(?<!\bwas )(?<!\bwere )(?<!\bgiven )(?<!\bdrawn )(?<!\bdone )(?<!\bplaced )"
    r"\bat (?:\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)(?!\w)",
    _I,
)
# "Recheck BMP Monday", "next dialysis Thu": the first such day after the encounter.
_WEEKDAY = quick(
    r"\b(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?"
    r"|fri)\b\.?",
    _I,
)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# What an interval counts from when it is not now: "2 weeks after surgery", "within 1 week of
# discharge", "6 months after starting ocrelizumab", "6 to 8 weeks after the catheter is removed".
_EVENT = re.compile(
    r"\s*(?:(?P<word>after|following|from|of)\s+(?:the\s+|her\s+|his\s+|your\s+|their\s+)?(?:hospital\s+)?"
    r"(?P<event>[a-z-]+)|(?P<post>post-?op(?:eratively)?)\b)",
    _I,
)
_NOW = re.compile(r"(?:today|now|this|visit|appointment|admission)$", _I)
_SURGERY_EVENT = re.compile(r"(?:surgery|operation|procedure|op|post-?op\w*)$", _I)
# "Post-op visit at 2 weeks", "repeat BMP at 3 months", "RhoGAM at 28 weeks": "at" a time,
# which counts from the visit or the operation unless the item or the note speaks of an age.
_AT = re.compile(r"\bat\s+(?:about\s+|~\s*)?$", _I)
# An item that is timed by a pregnancy's weeks or a child's age: "RhoGAM at 28 weeks",
# "glucola at 24-28 weeks", "induction at 39 weeks", "next well-child check at 5 years",
# "MMR at 12 months of age", "Hep A at 18 months old".
_AGE_ITEM = re.compile(
    r"\b(?:rho-?gam|rh(?:o\(d\))? immune globulin|anti-?d|glucola|gct|glucose challenge|gbs"
    r"|group b strep\w*|nuchal|nt (?:scan|ultrasound|us)|cell-?free (?:fetal )?dna|cfdna|nipt"
    r"|quad screen|msafp|anatomy (?:scan|ultrasound|us)|anatomic survey|fetal|gestation\w*|ga"
    r"|induction|induce|IOL|deliver(?:y|ed)? at|postpartum|pp visit|wcc"
    r"|well[- ]?(?:child|baby|visit|check)\w*"
    r"|\d+[- ](?:month|year)[- ](?:old|visit|check|well)\w*|of age|(?:months?|years?) old)\b",
    _I,
)
# A note about a pregnancy, where "at 28 weeks" is a gestational age: "G2P1 at 24w3d",
# "32 weeks' gestation", "EDD 09/14/2025", "routine prenatal visit".
_PREGNANCY_NOTE = re.compile(
    r"\bG\d+\s*P\d|\bweeks?'?\s+(?:of\s+)?(?:gestation|pregnant)|\bgestational age\b|\bGA:?\s*\d"
    r"|\b(?:EDD|EDC)\b|\bestimated (?:date of delivery|due date)|\b\d{1,2}\s*w(?:ks?)?\s*\d\s*d\b"
    r"|\b(?:prenatal|antenatal|obstetric(?:al)?|OB) (?:visit|care|intake|check|note|clinic)"
    r"|\bfundal height\b|\bintrauterine pregnancy\b|\bIUP\b|\b(?:is|currently|now) pregnant\b",
    _I,
)
# A note about a child, where "at 5 years" is an age: "4-year-old", "7 yo", "18 month old girl",
# "well child check" (never "45-year-old" or "a 3-day-old wound").
_CHILD_NOTE = re.compile(
    r"\b(?:1[0-7]|\d)\s*(?:-?\s*years?[- ]old|yo|y/o|y\.o\.)(?!\w)"
    r"|\b\d+[- ]?(?:months?|weeks?|days?)[- ]old\W+(?:\w+\W+){0,2}?"
    r"(?:boy|girl|male|female|infant|baby|child|toddler|newborn|neonate|twin)\b"
    r"|\bwell[- ]?(?:child|baby)\b|\bWCC\b",
    _I,
)
_HOURS = re.compile(
    r"\b(?:(?P<lead>in|within|at)\s+)?(?P<low>\d{1,3}\s*(?:-|\u2013|to)\s*)?(?P<n>\d{1,3})\s*"
    r"(?:h|hrs?|hours?)\b"
    r"(?!\s*(?:per|a|an)\b|\s*/)",
    _I,
)
_DAY_HOURS = 24
_HEADER_CHARS = 300
_SERIES = re.compile(r"\b(?P<period>daily|monthly)\b", _I)
_MORE_OFTEN = quick(r"\b(?:twice|three times|[2-9] ?x|bid|tid|q\s?\d+\s?h)\b", _I)
_LAB_ORDER = quick(r"\b(?:labs?|CBC|CMP|BMP|LFTs?|liver function tests|panel|cultures?)\b", _I)
_POD = re.compile(r"\b(?:POD|post-?op(?:erative)? day)\s*#?\s*(?P<n>\d{1,2})\b", _I)
# A month and day without a year ("BMP 10/06"); "2/3 of" and "5/5 strength" are not days.
_DAY_MONTH = re.compile(
    r"(?<![\w/.:-])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\w/]|\.\d|\s*(?:pain|scale|strength|mg|%))"
)
_DAY_MONTH_DIGITS = 3
# A day named by its month without a year: "scheduled for June 10", "on 5th March".
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_NAMED_DAY_MONTH = quick(
    rf"\b(?:(?P<month>{MONTH_NAME})\.?\s+(?P<day>\d{{1,2}})|(?P<day_first>\d{{1,2}})"
    rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month_after>{MONTH_NAME})\b\.?)"
    r"(?:st|nd|rd|th)?(?![\w/])(?!,?\s*\d{4})(?!\s*(?:mg|mcg|units?|%|ml))",
    _I,
)
_NOT_A_DAY = re.compile(r"\b(?:pain|rated|score|BP|blood pressure|ratio)\W*$", _I)
_NEW_YEAR_MONTHS = 2
_FRACTION_OF = ("52", "12", "7")
_FRACTION_LEAD = re.compile(r"\b(?:in|within)\s+(?:about\s+|~\s*)?$", _I)
_LATE_IN_YEAR = 11
_OPERATION = re.compile(
    r"\b(?:surgery|surgical|operation|procedure|OR|repair)\b|\w+(?:ectomy|plasty|otomy|oscopy)\b",
    _I,
)
# "fasting labs 1 week prior": counted back from the visit named before it.
_BEFORE = re.compile(r"\s*(?:before|prior)\b(?! to (?:discharge|surgery|procedure))", _I)
# Headings of the blocks where discharge summaries and ED notes list what is to happen next,
# whatever the section map makes of them.
_PLAN_HEADING_WORDS = (
    r"(?:follow[- ]?up(?: appointments?| care| instructions| plans?| visits?)?|appointments?"
    r"|disposition|recommendations?|discharge (?:instructions|plan)|return precautions"
    # A telephone note's "Instructions given (also mailed):" (the section map reads a bare
    # "Instructions:" heading), alone on its line: "Instructions reviewed: yes" is a form's
    # field answered.
    r"|instructions (?:given|provided|reviewed)(?=(?:[ \t]*\([^)\n]{0,80}\))?[ \t]*:?[ \t]*$)"
    r"|pending(?: results| at discharge| studies)?|issues for follow[- ]?up|to[- ]do(?: list)?"
    r"|next steps|dispo|(?:[a-z-]+ ){0,2}plan(?: of care)?"
    r"|(?:tests?|testing|labs?|studies|imaging) ordered|orders"
    # A handover's list: "Action points for GP:", "Tasks for primary team:" (never "Tasks for
    # which she needs help:", see _FOR_WHOM).
    r"|action (?:items|points)|(?:outstanding |ward |handover )?tasks(?=[ \t]+for\b))"
)
# Whose list it is: "TO DO FOR WARD TEAM:", "Recommendations for primary team:", "Action points
# for GP:" (a word or three, and then only a colon: "Follow up for wound check" is an item).
_FOR_WHOM = r"[ \t]+(?:for|by)[ \t]+(?!which\b|whom\b)[A-Za-z/&-]+(?:[ \t]+[A-Za-z/&-]+){0,2}"
_PLAN_HEADING = re.compile(
    # Two joined: "FOLLOW-UP APPOINTMENTS AND ORDERS", "Disposition / follow-up", "Follow-up and
    # referrals".
    r"[ \t]*"
    + _PLAN_HEADING_WORDS
    + r"(?:[ \t]*(?:and|&|/)[ \t]*(?:"
    + _PLAN_HEADING_WORDS
    + r"|referrals?))?(?:"
    + _FOR_WHOM
    + r"[ \t]*:|(?:[ \t]*\([^)\n]{0,80}\))?[ \t]*(?::|$))",
    _I,
)
# Headings of a transcription export, run together with commas: "...weakness., PLAN:, Follow up".
_EXPORT_FOOTER = re.compile(r"\.,[ \t]*[A-Z][\w.' -]{2,40},[ \t]*(?:MD|DO|NP|PA(?:-C)?|RN)\b")
_EXPORT_HEADING = re.compile(r"(?:^|,)[ \t]*(?P<heading>[A-Z][A-Z /&-]{2,50}):[,\n]")
# "Stop now:", "Labs/monitoring:": the title of the items under it, not an item.
_SUBHEADING = re.compile(r"[\w/&-]+(?: [\w/&-]+){0,3}:")
_SENTENCE_END = re.compile(r"[.!?:]\s*$")
# "CBC to be drawn at this visit": due with the visit named before it.
_SAME_VISIT = re.compile(
    r"\bat (?:this|that|the same|the) (?:visit|appointment)\b|\bsame day\b"
    # "PFTs - to be done before the pulmonology visit": the visit named just before it.
    r"|^[^.;]{0,60}\b(?:before|prior to) (?:the|that) (?:[\w-]+ )?(?:visit|appointment)\W*$",
    _I,
)
_VISIT_LOOKBACK = 3
_NEXT_VISIT = quick(
    r"(?<!before )(?<!until )(?<!after )(?<!prior to )(?<!by )"
    r"\b(?:(?:at|during|on)\s+(?:the\s+|her\s+|his\s+|their\s+|your\s+)?)?"
    r"next\s+(?:clinic\s+|office\s+|follow[- ]?up\s+|prenatal\s+|routine\s+)?"
    r"(?:visit|appointment|appt)\b",
    _I,
)
# A return visit: "RTC 3 months", "Return 04/28/2025 for C2D1", "Follow-up in 4 weeks".
_RETURN = quick(
    r"\bRTC\b|\breturn(?:s|ing)?\b(?! (?:precautions|to (?:the )?(?:ED|ER|emergency)))"
    r"|\bfollow[- ]?up\b|\bf/u\b|\bsee (?:her|him|them|you|me)?\s*(?:back |again )?in\b",
    _I,
)
# A clause opening with its verb has the subject of the clause before it.
_SAME_SUBJECT = quick(r"(?:will|would|may|might|can|could|then|and|to be|plan to)\b", _I)
# A clause that tells who did it: "our staff booked ...", "she is scheduled ...".
_TOLD_BY = quick(r"(?:our|we|she|he|they|the patient|pt|patient)\b", _I)
_AND = re.compile(
    r"\s+and\s+(?=(?:then\s+)?(?:with|see|return|follow|f/u|repeat|recheck|a|an)\b)", _I
)
_COMMA = re.compile(r";\s*|,\s+")
# Things a plan lists that are items of their own beside orders and visits, and a result still
# to come ("...; vitamin D level pending").
_ITEM = quick(
    r"\b(?:tests?|study|studies|monitor\w*|scan|screening|evaluation|eval|therapy|rehab\w*"
    r"|counsel\w*|discuss\w*|visit|appointment|results?|pathology|resume|restart|start|stop"
    r"|hold|advance|transfer|discharge|pending)\b",
    _I,
)
# Sections after the plan where a dated return visit is still a plan (never the story).
_RETURN_SECTIONS = (
    SectionName.RESULTS,
    SectionName.OTHER,
    SectionName.DIAGNOSES,
    SectionName.ASSESSMENT,
    SectionName.PROCEDURE,
)
# Sections whose sentences tell the story, never what is to happen; the rest may hold a
# provider's orders where the section map could not see a plan ("Current meds: ... - BMP in
# 2 weeks").
_STORY = {
    SectionName.PRESENT_ILLNESS,
    SectionName.HISTORY,
    SectionName.SURGICAL_HISTORY,
    SectionName.FAMILY_HISTORY,
    SectionName.SOCIAL_HISTORY,
    SectionName.REVIEW_OF_SYSTEMS,
    SectionName.HOSPITAL_COURSE,
    SectionName.SIGNATURE,
    SectionName.HEADER,
}
_ELSEWHERE = tuple(set(SectionName) - _STORY - _SOURCES - set(_RETURN_SECTIONS))
_AHEAD = re.compile(r"(?:in|within)\s", _I)
_ANY_HEADING = re.compile(r"[ \t]*[A-Z][A-Za-z /&()-]{2,50}:(?:[ \t]|$)")
_ORDER = quick(
    r"\border(?:ed|s)?\b|\brepeat\b|\b(?:re-?)?check\b|\bobtain\b|\bdraw\b|\blabs?\b|\bpanel\b"
    r"|\bLFTs?\b"
    r"|\bCBC\b|\bCMP\b|\bBMP\b|\bx-?ray\b|\bCT\b|\bMRI\b|\bultrasound\b|\bECG\b|\bEKG\b|\becho\b"
    # "Renal US", "RUQ US": an ultrasound in capitals (never "us").
    r"|\b(?-i:US)\b"
    r"|\bimaging\b|\bbiopsy\b|\bcultures?\b|\bremov(?:e|al)\b|\badmin(?:ister(?:ed)?)?\b"
    r"|\bre-?assess\b|\bre-?evaluate\b|\btransition to\b"
    r"|\bvaccin\w*\b|\bsessions?\b|\btransfus\w*\b"
    # Procedures, therapies and consults a plan books: "EGD with GI in AM", "PT/OT consult".
    r"|\b(?:EGD|colonoscopy|endoscopy|bronchoscopy|paracentesis|thoracentesis|dialysis|DEXA"
    r"|mammogram|PFTs?|stress test|holter|CXR|CT[AS]?|TTE|TEE|PT/OT|(?-i:PT|OT|SLP)"
    r"|physical therapy|occupational therapy|consult|eval(?:uation)?|NPO|diet)\b",
    _I,
)
# Tests a plan orders by name beside the panels _ORDER knows; a result ("TSH 2.1") names one
# too, so only a time ahead makes it an order (see _timed_test).
_TEST = re.compile(
    r"\b(?:TSH|free T4|(?:hb|hgb)?\s?A1c|INR|PT/INR|PSA|lipids|lipid profile|ferritin"
    r"|iron studies|B12|folate|vitamin D|urinalysis|UA|urine (?:culture|studies|protein)|UPCR"
    r"|uric acid|potassium|magnesium|phosphorus|creatinine|electrolytes|lytes|hCG"
    r"|pregnancy test|troponins?|lactate|VBG|ABG|PTH|calcium|glucose|hemoglobin|Hgb|H/H"
    r"|platelets|CRP|ESR|(?:drug |trough |lithium |vancomycin |tacrolimus )?levels?"
    r"|orthostatics|(?:BP|blood pressure) check|oximetry|spirometry|audiogram|visual fields?"
    r"|IOP|bone density|Pap|HPV|smear|swab|stool (?:studies|test|antigen)"
    # "Full skin exam in 1 year", "dilated eye exam in 12 months", "foot check in 3 months".
    r"|(?:skin|eye|retinal|foot|dental|pelvic|breast|hearing|vision)"
    r" (?:exam(?:ination)?|check|screen(?:ing)?)s?)\b",
    _I,
)
# "Hemoglobin improved in 2 weeks": a result told, not a test ordered.
_TOLD = quick(
    r"\b(?:was|were|had|has been|improved|resolved|normali[sz]ed|rose|fell|dropped|trended"
    r"|increased|decreased|came back|returned)\b",
    _I,
)
_BARE_LEVEL = quick(r"(?:a |the )?(?:drug |trough |serum )?levels?\b", _I)
_AHEAD_TIME = quick(
    r"\b(?:in|within|due(?: in)?|after|every)\s+(?:about\s+|~\s*)?"
    r"(?:\d|one|two|three|four|five|six|eight|ten|twelve)",
    _I,
)
_INSTRUCTION_FIRST = quick(
    r"(?:pt |patient )?(?:advis|avoid|educat|instruct|counsel|discuss|recommend|encourag|remind)",
    _I,
)
# Sentences that plan nothing: "No Rx prescribed today.", "Thank you for this consult."
# A consult team's "We will follow." plans nothing of its own; "will follow daily" books the
# team's next visit (see _FOLLOWS).
_NOTHING_PLANNED = re.compile(
    r"(?:no|none|not|thank|(?:we )?will follow\b(?!\s+(?:along|daily)))\b", _I
)


def _kind(text: str, has_drug: bool) -> PlanKind | None:
    """The kind of a plan sentence, or None when nothing in it says what to do."""
    if _REFERRAL.search(text) or _consult_asked(text):
        return PlanKind.REFERRAL
    if _FOLLOW_UP.search(text) or _BOOKED_VISIT.search(text) or _visit_line(text):
        return PlanKind.FOLLOW_UP
    if _SEASON_VISIT.search(text):
        return PlanKind.FOLLOW_UP
    if _INSTRUCTION_FIRST.match(text):
        return PlanKind.INSTRUCTION
    if has_drug or _ordered(text) or _timed_test(text) or _preventive_due(text):
        return PlanKind.ORDER
    return None


# A screening or a vaccine a health-maintenance list says is due ahead: "Shingrix dose 2 in 2-6
# months", "Cervical cancer screening: co-test normal 2023, next due 2028", "Tdap due 2027".
_PREVENTIVE = quick(
    r"\b(?:(?:[a-z]+ )?cancer screening|screening (?:mammogram|colonoscopy|ultrasound|CT|LDCT)"
    r"|shingrix|zoster vaccine|tdap|td booster|pneumococcal|prevnar|pcv\d{0,2}|ppsv\d{0,2}"
    r"|hep(?:atitis)? [ab] (?:vaccine|#\s*\d|dose)|hpv vaccine|mmr|varicella vaccine"
    r"|(?:flu|influenza|covid(?:-19)?|rsv) (?:shot|vaccine|booster)|co-?test|pap smear"
    r"|AAA (?:ultrasound|screening)|low-dose CT|LDCT)\b",
    _I,
)
_DUE_AHEAD = re.compile(
    r"\b(?:(?:next )?due\b(?!\s+to\b)|(?:in|within|after)\s+(?:about\s+|~\s*)?"
    r"(?:\d{1,2}\b|one|two|three|four|five|six|twelve))",
    _I,
)
_PREVENTIVE_DONE = re.compile(
    _DONE_ALREADY + r"|\b(?:given|received|declined|up to date|utd)\b", _I
)


def _preventive_due(text: str) -> bool:
    """A screening or a vaccine due ahead; never one told as given or done."""
    if not _PREVENTIVE.search(text) or _PREVENTIVE_DONE.search(text) or _TOLD.search(text):
        return False
    return _DUE_AHEAD.search(text) is not None


def _ordered(text: str) -> bool:
    """An order word in the sentence, other than a consult or an evaluation told as done ("PT
    evaluation completed", "cardiology consult yesterday")."""
    return any(_CONSULT_DONE.match(text, found.start()) is None for found in _ORDER.finditer(text))


_CONSULT_DONE = re.compile(
    r"(?:(?-i:PT|OT|SLP)\s{1,3})?(?:consult(?:ation)?|eval(?:uation)?)\b[^.;\n]{0,40}?"
    + _DONE_ALREADY,
    _I,
)


def _timed_test(text: str) -> bool:
    """A test named with a time ahead is an order: "TSH in 6 weeks", "A1c due in 3 months",
    "lithium level in 5 days", "PSA 6 to 8 weeks after the catheter is out"."""
    if not _TEST.search(text) or _TOLD.search(text):
        return False
    ahead = _AHEAD_TIME.search(text) or _NEXT_DAY.search(text) or _NEXT_VISIT.search(text)
    return bool(ahead or _TEST_ON_DAY.search(text))


# A test with the day it is drawn: "INR Monday", "BMP on Thursday", "INR check Fri" (never a
# result told with its day, "INR 2.4 on Monday": the value stands between).
_TEST_ON_DAY = quick(
    _TEST.pattern
    + r"\s+(?:(?:re)?check(?:ed)?\s+|draw(?:n)?\s+)?(?:on\s+|this\s+|next\s+)?"
    + _WEEKDAY.pattern,
    _I,
)


# The day of an operation named by its part: "INR on the morning of surgery", "urine hCG day
# of surgery", "resume warfarin the evening of surgery" (never "the night before surgery").
_SURGERY_DAY = quick(
    r"\b(?:(?:the\s+)?(?:morning|day|evening|night)\s+of|on\s+the\s+day\s+of)\s+(?:the\s+|her\s+|his\s+)?"
    r"(?:surgery|operation|procedure)\b",
    _I,
)


@dataclass(frozen=True, slots=True)
class _Reference:
    """What relative times count from: the encounter, the operation when the note names its
    day, and whether the encounter is the day of discharge."""

    encounter: date | None
    surgery: date | None
    discharge: bool
    swap: bool
    # The day a note before discharge says it will be: "likely discharge tomorrow 04/07".
    discharge_day: date | None = None
    # What an age counts from: the pregnancy's days on the encounter, the patient's birth.
    gestation: int | None = None
    birth: date | None = None


def _due(doc: Document, seg: Seg, ref: _Reference) -> tuple[date | None, str | None]:
    encounter = ref.encounter
    dates = [
        d
        for d in find_dates(doc.text, seg.start, seg.end, day_first=ref.swap)
        if not encounter or d.value >= encounter
    ]
    # A later date says when; the encounter's own date may only be the dictation's.
    later = [d for d in dates if encounter is None or d.value > encounter]
    if later:
        return later[0].value, doc.slice(later[0].seg)
    # "Once cultures are final at 5 days (06/04)": the day the note works out is the due date.
    day_month = _day_month(doc, seg, ref)
    if day_month is not None:
        return day_month
    surgery_day = _SURGERY_DAY.search(doc.text, seg.start, seg.end)
    if surgery_day is not None and ref.surgery is not None:
        return ref.surgery, surgery_day.group()
    interval = find_interval(doc.text, seg.start, seg.end) or _hours(doc.text, seg)
    if interval is None and dates:
        return dates[0].value, doc.slice(dates[0].seg)
    if interval is None:
        return (
            _postoperative_day(doc, seg, ref)
            or _first_of_series(doc, seg, encounter)
            or _named_day(doc, seg, encounter)
        )
    if _BEFORE.match(doc.text, interval.seg.end):
        return None, doc.slice(interval.seg)  # counted back from a visit: see _with_visit_date
    return _counted(doc, seg, interval, ref), doc.slice(interval.seg)


def _counted(doc: Document, seg: Seg, interval: Interval, ref: _Reference) -> date | None:
    """The day an interval ends, counted from the encounter or from the event the note counts
    it from ("2 weeks after surgery", "within 1 week of discharge", "6 to 8 weeks after the
    catheter is removed"); None when that event has no day yet. "In 2 weeks after the switch"
    counts from now; "at" a time from the operation an operative report dates ("post-op visit
    at 2 weeks") or else from the visit ("repeat BMP at 3 months"), save an age ("RhoGAM at
    28 weeks", "well visit at 5 years"), which counts from nothing known."""
    if _AT.search(doc.text, max(0, interval.seg.start - 12), interval.seg.start):
        if _is_age(doc, seg, interval, ref):
            return _age_day(interval, ref)
        if ref.surgery is not None and not interval.unit.lower().startswith("d"):
            return add_interval(ref.surgery, interval.amount, interval.unit)
    event = _EVENT.match(doc.text, interval.seg.end)
    start = ref.encounter
    if event is not None:
        ahead = _AHEAD.match(doc.text, interval.seg.start) is not None
        # "after 3 months of statin therapy" is a duration from now; "of discharge" an event.
        ahead = ahead or (event["word"] or "").lower() == "of"
        start = _event_day((event["event"] or event["post"]).lower(), ref, ahead)
    return add_interval(start, interval.amount, interval.unit) if start else None


def _is_age(doc: Document, seg: Seg, interval: Interval, ref: _Reference) -> bool:
    """Whether "at N weeks/months/years" is an age: the item names what is timed by a pregnancy
    or a child's age, or the note is about a pregnancy (weeks) or a child (months, years)."""
    unit = interval.unit.lower()
    if unit.startswith("d"):
        return False
    if _AGE_ITEM.search(doc.text, seg.start, seg.end):
        return True
    if ref.surgery is not None:
        return False  # "post-op visit at 2 weeks": from the operation
    if unit.startswith("w") and doc.first(_PREGNANCY_NOTE):
        return True
    return doc.first(_CHILD_NOTE) is not None


def _age_day(interval: Interval, ref: _Reference) -> date | None:
    """The day a pregnancy or a child reaches the age an item is timed by: "growth ultrasound at
    32 weeks" at 28w3d is 25 days on, "next well visit at 5 years" the fifth birthday; None
    when the note gives no age to count from, or the age is already past."""
    if ref.encounter is None:
        return None
    unit = interval.unit.lower()
    try:
        if unit.startswith("w"):
            if ref.gestation is None:
                return None
            due = ref.encounter + timedelta(days=interval.amount * 7 - ref.gestation)
        elif ref.birth is not None:
            due = add_interval(ref.birth, interval.amount, interval.unit)
        else:
            return None
    except (OverflowError, ValueError):  # a birth date or an age past the calendar's end
        return None
    return due if due > ref.encounter else None


# A stay after this one, whose end no note dates yet: "within 1 week of SNF discharge", "2 weeks
# after rehab discharge".
_LATER_STAY = re.compile(r"(?:snf|rehab|facility|nursing|ltac|ltach|irf|hospice)$", _I)


def _event_day(event: str, ref: _Reference, ahead: bool) -> date | None:
    if _LATER_STAY.match(event):
        return None
    if _SURGERY_EVENT.match(event):
        return ref.surgery
    if event.startswith("discharge"):
        return ref.encounter if ref.discharge else ref.discharge_day
    return ref.encounter if ahead or _NOW.match(event) else None


_RANGE_DUE = re.compile(r"in|within", _I)
# "if stable", "once hemostasis confirmed", "when output < 30 mL": the range waits on it.
_IF = quick(r"\b(?:if|unless|once|when|provided)\b", _I)


def _hours(text: str, seg: Seg) -> Interval | None:
    """'Remove the patch in 72 hours', 'repeat CT head at 24 h', 'resume 24 hours after
    surgery', 'revisit anticoagulation in 24-48 h' (by its far end): whole days ahead. Fewer
    hours from now ("repeat BMP in 6 h and AM") are later the same day; fewer after an event or
    "at" an hour are no day of their own."""
    for found in _HOURS.finditer(text, seg.start, seg.end):
        hours = int(found["n"])
        if found["low"] is not None and not _RANGE_DUE.match(found["lead"] or ""):
            continue  # "if still febrile at 48-72h": a window, no day
        if found["low"] is not None and _IF.search(text, seg.start, seg.end):
            continue  # "transition to a DOAC in 24-48 h if stable": no day is fixed
        ahead = found["lead"] or _EVENT.match(text, found.end())
        same_day = (found["lead"] or "").lower() in ("in", "within") and not _EVENT.match(
            text, found.end()
        )
        if same_day and 0 < hours < _DAY_HOURS:
            return Interval(0, "d", Seg(found.start(), found.end()))
        if ahead and hours >= _DAY_HOURS and hours % _DAY_HOURS == 0:
            return Interval(hours // _DAY_HOURS, "d", Seg(found.start(), found.end()))
    return None


# A dose written before a frequency: "5 mg daily", "2 tabs by mouth daily", "10 units SC daily".
_DOSED = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:mg|mcg|g|units?|tabs?|tablets?|caps?|capsules?|ml|meq|puffs?)"
    r"\s+(?:(?:po|by mouth|orally|iv|sc|subq|sq|im|inhaled)\s+)?(?:once\s+)?$",
    _I,
)
_DOSE_REACH = 40


def _first_of_series(
    doc: Document, seg: Seg, encounter: date | None
) -> tuple[date | None, str | None] | None:
    """A test repeated daily or monthly is first due one period on: "Trend LFTs daily", "liver
    function tests monthly for 3 months". Weekly outpatient labs start when the home service
    sets them up, and "BMP twice daily" is due today: neither gives a day here."""
    # A drug's dose ("Start warfarin 5 mg daily, INR Monday") is no test series.
    found = next(
        (
            series
            for series in _SERIES.finditer(doc.text, seg.start, seg.end)
            if not _DOSED.search(
                doc.text, max(seg.start, series.start() - _DOSE_REACH), series.start()
            )
        ),
        None,
    )
    text = doc.text[seg.start : seg.end]
    if found is None or encounter is None or _MORE_OFTEN.search(text):
        return None
    if _NEXT_VISIT.search(text):
        return None  # "monthly pregnancy test next visit": see _at_next_visit
    if not (_TEST.search(text) or _LAB_ORDER.search(text)):
        return None
    period = found["period"].lower()
    return add_interval(encounter, 1, "d" if period == "daily" else "m"), found.group()


def _postoperative_day(
    doc: Document, seg: Seg, ref: _Reference
) -> tuple[date | None, str | None] | None:
    """'CBC POD 1 AM', 'resume on postoperative day 3': days counted from the operation."""
    found = _POD.search(doc.text, seg.start, seg.end)
    if found is None or ref.surgery is None:
        return None
    return ref.surgery + timedelta(days=int(found["n"])), found.group()


def _day_month(doc: Document, seg: Seg, ref: _Reference) -> tuple[date | None, str | None] | None:
    """A day written without its year ("BMP 10/06", "keeps 10/16 endoscopy appointment"): the
    encounter's year, or the next one across New Year. An earlier day is one that has passed
    ("biopsy done 08/08") and never a due date."""
    if ref.encounter is None:
        return None
    for found in _DAY_MONTH.finditer(doc.text, seg.start, seg.end):
        if _NOT_A_DAY.search(doc.text, max(seg.start, found.start() - 16), found.start()):
            continue
        if found["b"] in _FRACTION_OF and _FRACTION_LEAD.search(
            doc.text, max(seg.start, found.start() - 16), found.start()
        ):
            continue  # "repeat scan in 6/12": six months (see find_interval), never 12 June
        short = len(found["a"] + found["b"]) < _DAY_MONTH_DIGITS
        if short and not _told_as_day(doc.text, found, seg):
            continue
        first, second = int(found["a"]), int(found["b"])
        month, day = (second, first) if ref.swap else (first, second)
        value = _in_year(ref.encounter, month, day)
        if value is not None and value >= ref.encounter:
            return value, found.group()
    return _named_day_month(doc, seg, ref.encounter)


# What tells "4/2" is a day, not a ratio: "on 4/2", "Tues 4/2", "4/2 @ 10am", "4/2 at 9:30".
_ON_DAY = re.compile(
    r"(?:\bon|\b(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)[a-z]*\.?,?)\s+(?:the\s+)?$", _I
)
_AT_HOUR = re.compile(r"\s*(?:@|at\s+\d|\d{1,2}:\d{2}|\d{1,2}\s*[ap]\.?m\b)", _I)
_ON_REACH = 12
_AMOUNT = re.compile(r"\s*(?:of\b|(?:tabs?|tablets?|caps?|pills?|doses?|cups?|inch\w*|cm)\b)", _I)


def _told_as_day(text: str, found: re.Match[str], seg: Seg) -> bool:
    """A short month and day ("4/2") read as a day only where the note says it is one."""
    if _AMOUNT.match(text, found.end(), seg.end):
        return False  # "restart on 1/2 dose"
    before = text[max(seg.start, found.start() - _ON_REACH) : found.start()]
    return bool(_ON_DAY.search(before) or _AT_HOUR.match(text, found.end(), seg.end))


def _named_day_month(doc: Document, seg: Seg, encounter: date) -> tuple[date, str] | None:
    """'Next Botox is scheduled for June 10': a day ahead, in this year or across New Year
    ("may 2 puffs" is a verb, so the month May needs its capital)."""
    for found in _NAMED_DAY_MONTH.finditer(doc.text, seg.start, seg.end):
        name = found["month"] or found["month_after"]
        if name.lower() == "may" and name != "May":
            continue
        day = int(found["day"] or found["day_first"])
        value = _in_year(encounter, _MONTHS.index(name[:3].lower()) + 1, day)
        if value is not None and value >= encounter:
            return value, found.group()
    return None


def _in_year(encounter: date, month: int, day: int) -> date | None:
    try:
        value = date(encounter.year, month, day)
    except ValueError:
        return None
    if value < encounter and month <= _NEW_YEAR_MONTHS and encounter.month >= _LATE_IN_YEAR:
        return value.replace(year=encounter.year + 1)  # "01/05" written in late November
    return value


# A discharge a note before it names the day of: "Anticipate discharge tomorrow 01/10",
# "likely discharge home today", "Dispo: home tomorrow if ..." is hedged and is not.
_DISCHARGE_SAID = quick(
    # The discharge itself, not its planning: "start discharge planning today" names no day.
    r"\bdischarge\b(?!\s*(?:planning|plans?|instructions?|summary|summaries|paperwork|teaching"
    r"|education|criteria|process|needs|coordinat\w*|medications?|meds|prescriptions?)\b)"
    r"(?P<between>[^.;\n]{0,40}?)\b(?P<day>tomorrow|today|later today)\b"
    r"(?![^.;\n]{0,20}?\b(?:or|vs\.?|versus)\b)",
    _I,
)
_HEDGED = re.compile(r"\b(?:if|unless|possibl[ey]|maybe|perhaps|not|or|vs|versus|when)\b", _I)


def _discharge_day(doc: Document, encounter: date | None) -> date | None:
    """The day of a discharge still to come that the note names: the day "2 weeks after
    discharge" counts from. A hedged one ("possible discharge tomorrow if ...") names none."""
    if encounter is None:
        return None
    for found in _DISCHARGE_SAID.finditer(doc.text):
        if _HEDGED.search(found["between"]) or _HEDGED.search(
            doc.text, _sentence_start(doc.text, found.start()), found.start()
        ):
            continue
        return encounter + timedelta(days=0 if "today" in found["day"].lower() else 1)
    return None


_HEDGE_REACH = 200


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding `at` begins, looking back at most `_HEDGE_REACH` characters:
    a hedge is read in its own sentence, and a long line is not read again for each match."""
    low = max(0, at - _HEDGE_REACH)
    return max(low, *(text.rfind(stop, low, at) + 1 for stop in ".;\n"))


def _stated_day_after(doc: Document, encounter: date | None) -> date | None:
    """A progress note headed "POD #2 s/p CABG" was written two days after the operation."""
    found = _POD.search(doc.text, 0, min(len(doc.text), _HEADER_CHARS))
    if found is None or encounter is None:
        return None
    return encounter - timedelta(days=int(found["n"]))


def _surgery_day(doc: Document, encounter: date | None, swap: bool) -> date | None:
    """The day of an operation a note books ("Surgery scheduled 09/04/2025", "Right total knee
    arthroplasty, scheduled 09/08/2025", "Scheduled surgery date: 01/20/2026")."""
    for found in find_dates(doc.text, day_first=swap):
        if encounter is not None and found.value <= encounter:
            continue
        line_start = doc.text.rfind("\n", 0, found.seg.start) + 1
        before = doc.text[max(line_start, found.seg.start - 80) : found.seg.start]
        if _OPERATION.search(before):
            return found.value
    return None


# "Will follow daily": the team's next visit is tomorrow.
_FOLLOWS_DAILY = re.compile(r"\bfollow\s+daily\b", _I)


def _named_day(doc: Document, seg: Seg, encounter: date | None) -> tuple[date | None, str | None]:
    named = ((_TODAY, 0), (_AT_TIME, 0), (_NEXT_DAY, 1), (_NEXT_WEEK, 7), (_FOLLOWS_DAILY, 1))
    for pattern, days in named:
        found = pattern.search(doc.text, seg.start, seg.end)
        if found:
            return (encounter + timedelta(days=days) if encounter else None), found.group()
    weekday = _WEEKDAY.search(doc.text, seg.start, seg.end)
    if weekday is None:
        return None, None
    return _next_weekday(encounter, weekday["day"]), weekday.group()


def _next_weekday(encounter: date | None, name: str) -> date | None:
    """The first day of that name after the encounter ("recheck BMP Monday")."""
    if encounter is None:
        return None
    ahead = (_WEEKDAYS.index(name[:3].lower()) - encounter.weekday()) % 7
    return encounter + timedelta(days=ahead or 7)


def _visit_line(text: str) -> bool:
    """A line naming who the visit is with and when, never a signature."""
    return _with_someone(text) and _when_said(text)


def _with_someone(text: str) -> bool:
    """Who a visit is with, never a signature or a clinic that is closed."""
    return bool(_WHO.search(text)) and not _SIGNED.search(text) and not _NO_VISIT.search(text)


# "Clinic closed 4/18 for Good Friday", "appointment with Dr. Lane cancelled".
_NO_VISIT = quick(r"\b(?:closed|cancel+ed|cancel+ing)\b", _I)


def _dated_visit(text: str, due: date | None, due_text: str | None, ref: _Reference) -> bool:
    """Who a visit is with and a day ahead its sentence tells (a month and day in one digit
    each, read as a day by "on", a weekday or the hour): "GI  Dr. Wu  4/2 @ 10am", "GI clinic
    on 4/2", "Sees Dr. Brandt (EP) 4/17 @ 8am". A day told as past ("saw her on 3/2") is none."""
    if due is None or due_text is None or ref.encounter is None or due <= ref.encounter:
        return False
    dated = bool(
        find_dates(due_text) or _DAY_MONTH.search(due_text) or _NAMED_DAY_MONTH.search(due_text)
    )
    return dated and _with_someone(text) and not _TOLD.search(text) and not _DONE.match(text)


# What was done with the note or the patient, opening its line, not a visit ahead: a footer's
# "Faxed to Dr. Lee clinic 3/12", "Reviewed with Dr. Lee (attending) 3/11 10:00" (never
# "reviewed technique by phone and he will stop by clinic 02/27").
_DONE = quick(
    r"[^\w\n]*(?:(?:faxed|sent|mailed|e-?mailed|copied)\s+to|(?:reviewed|discussed|staffed)\s+with"
    r"|spoke\s+(?:with|to)|d/w|typed)\b",
    _I,
)


def _signer_line(text: str) -> bool:
    """A signature: a name and a credential, then only a date and a time or a co-signature.
    "Esther Mbeki, NP - Hepatology 01/07" is a row of an appointments table."""
    signer = _SIGNER.match(text)
    return signer is not None and _SIGNED_AFTER.fullmatch(text, signer.end()) is not None


# The signer's role may stand before the time: "Keiko Ruiz, MD, MICU attending - 08/06 11:48".
_SIGNED_AFTER = re.compile(
    r"(?:,?\s*(?:[A-Za-z]+\s+){0,2}(?:attending|resident|fellow|intensivist|hospitalist"
    r"|registrar|consultant)\b)?"
    r"[\s\d/:.,-]*(?:[ap]\.?m\.?)?\s*(?:(?:co-?)?signed\b.*)?",
    _I,
)


def _when_said(text: str) -> bool:
    """The text says when: a date, an interval or a named day."""
    return bool(
        find_dates(text)
        or find_interval(text, 0, len(text))
        or _NEXT_DAY.search(text)
        or _WEEKDAY.search(text)
    )


def _plan(
    doc: Document, seg: Seg, drug_starts: list[int], ref: _Reference, plan_only: bool
) -> Plan | None:
    item = _without_footer(doc, strip_bullet(doc.text, seg))
    text = doc.slice(item)
    if item.end <= item.start or _NOTHING_PLANNED.match(text) or _SUBHEADING.fullmatch(text):
        return None
    if _SIGNATURE.match(text) or _signer_line(text) or _EXPORT_SIGNED.search(text):
        return None
    first = bisect_left(drug_starts, item.start)
    has_drug = first < len(drug_starts) and drug_starts[first] < item.end
    kind = _kind(text, has_drug)
    due, due_text = _due(doc, item, ref)
    if kind is None and not plan_only and _booked_line(text, due, due_text, ref):
        kind = PlanKind.FOLLOW_UP  # "Cycle 3 on 04/15/2025", "hemiarthroplasty tomorrow 02/03"
    if kind is None and _dated_visit(text, due, due_text, ref):
        kind = PlanKind.FOLLOW_UP  # "GI  Dr. Wu  4/2 @ 10am", "Sleep clinic on 4/9"
    if kind is None and not plan_only:
        return None  # a bare problem line of an assessment-and-plan
    kind = kind or PlanKind.INSTRUCTION
    item = _without_booking(doc, _without_courtesy(doc, item))
    item = _without_reason(doc, item, due_text)
    if kind is PlanKind.FOLLOW_UP:
        item = _without_agenda(doc, item, due_text)
    if kind is not PlanKind.FOLLOW_UP:
        item = _without_why(doc, item, due_text)
    text = doc.slice(item)
    return Plan(kind=kind, due=due, due_text=due_text, text=text, start=item.start, end=item.end)


# A dictation footer run onto the last item of an export or an operative report: "Repeat BMP on
# 03/21/2025.,  Dictated by: H. Vos, MD", "... and PTH.,  HMQ/ks,D:  04/14/2026 15:12,T: ...",
# "F. Oduya, MD, Orthopaedic Surgery   Dictated 04/13/2026 10:14, signed ...". Its days are when
# the note was typed, never when anything is due.
_FOOTER = quick(
    # "Recheck vitamin D: 06/15/2026" is a test and its day.
    r"(?<!\bvitamin )(?<!\bvit )(?<!\bvit\. )\b(?:D|DD|DT):[ \t]*\d{1,2}/\d{1,2}/\d{2,4}"
    r"|\b(?:dictated|transcribed)\b(?=[ \t]*(?:by\b|:|on\b|\d))",
    _I,
)
# What may stand before a footer and is no item: the signer ("Jane Roe, MD, Nephrology,"), a
# typist's initials ("HMQ/ks,").
_FOOTER_SIGNER = (
    r"(?:(?:Dr\.?\s+)?[A-Z][A-Za-z'.-]*(?:\s+[A-Z][A-Za-z'.-]*){0,3},?\s+"
    + CREDENTIAL
    + r"(?:,?[ \t]*[A-Z][A-Za-z &/-]{0,40})?|[A-Z]{2,4}/[a-z]{2,4})"
)
_FOOTER_LEAD = re.compile(_FOOTER_SIGNER + r"?[\s\d/:,.;-]*")
# The signer between the last item and the footer: "Splint.,  HMQ/ks,D: ...".
_FOOTER_TAIL = re.compile(r"(?<=[.;])[\s,]*" + _FOOTER_SIGNER + r"[\s\d/:,.;-]*$")


def _without_footer(doc: Document, item: Seg) -> Seg:
    """The item without a dictation footer run onto it; nothing when the item is only the
    footer and its signer."""
    found = _FOOTER.search(doc.text, item.start, item.end)
    if found is None:
        return item
    if _FOOTER_LEAD.fullmatch(doc.text, item.start, found.start()):
        return Seg(item.start, item.start)
    signer = _FOOTER_TAIL.search(doc.text, item.start, found.start())
    end = signer.start() if signer is not None else found.start()
    return trim(doc.text, item.start, end, " \t\r\n,;:-")


# A letter's courtesy before what it asks: "I would be grateful if you could check a fasting
# lipid panel", "I'd appreciate it if you would arrange an echo", "Could you kindly refer her".
_COURTESY = re.compile(
    r"(?:(?:I|we)\s*(?:would|'d)\s+(?:be\s+(?:most\s+|very\s+)?(?:grateful|obliged|pleased)"
    r"|(?:much\s+|greatly\s+)?appreciate(?:\s+it)?)\s+if\s+you\s+|(?=(?:could|would|can)\s+you\b))"
    r"(?:could|would|can|might)\s+(?:you\s+)?(?:please\s+|kindly\s+)?(?=\w)",
    _I,
)


def _without_courtesy(doc: Document, item: Seg) -> Seg:
    """The item without a letter's courtesy ahead of the request, so it reads as what is to
    be done ("check a fasting lipid panel and ALT in 8 weeks")."""
    found = _COURTESY.match(doc.text, item.start, item.end)
    return Seg(found.end(), item.end) if found else item


# Why an item is done, written after what and when: "Renal ultrasound to look for structural
# abnormality given recurrences", "Upper endoscopy in 2 to 3 weeks given age over 50", "Pelvic
# ultrasound to evaluate uterus / r/o fibroids"; and an order's status written after it
# ("- order placed", "(ordered)", "(order placed; PCP to follow)"). A referral's status stays:
# it says the item is a referral ("Diabetes education class - referral placed").
_REASON = re.compile(
    r"\s+(?:to\s+(?:rule\s+out|r/o|evaluate|eval|assess|document|look\s+for|confirm|exclude"
    r"|check\s+for|screen\s+for|make\s+sure|ensure|see\s+if)\b"
    r"|(?P<before>[\w/]+)\s+given\s+(?!to\b|today\b|now\b|at\b|in\b|on\b|by\b|with\b|\d))",
    _I,
)
# "order given", "was given", "handout given": the verb, not a reason.
_GIVEN_VERB = re.compile(
    r"(?:orders?|referrals?|list|script|prescription|handout|dose|was|were|is|are|be|been|being"
    r"|and|or|not)$",
    _I,
)
_STATUS_TAIL = quick(
    r"(?:\s+(?:-{1,2}|\u2013|\u2014)\s*|\s*\()(?:(?:lab|labs|imaging|blood)\s+)?(?:orders?|ordered)"
    r"(?:\s+(?:placed|sent|entered|made))?"
    r"(?:;[^()]{0,40})?\)?[\s.]*$",
    _I,
)
_REASON_HEAD_CHARS = 6


def _without_reason(doc: Document, item: Seg, due_text: str | None) -> Seg:
    """The item without a reason or an order status written after it, so it says what is to be
    done and when; a reason that holds the item's time ("to recheck in 2 weeks") stays."""
    text = doc.slice(item)
    status = _STATUS_TAIL.search(text)
    cut = status.start() if status is not None else len(text)
    for found in _REASON.finditer(text, 0, cut):
        if found["before"] is not None and _GIVEN_VERB.match(found["before"]):
            continue
        at = found.end("before") if found["before"] is not None else found.start()
        if due_text is None or due_text not in text[at:cut]:
            cut = at
        break
    if cut < _REASON_HEAD_CHARS or cut == len(text):
        return item
    return trim(doc.text, item.start, item.start + cut, " \t\r\n,;:-")


# Where a visit's agenda starts after its time: "Dr. Ebersole (PCP) in 1 week - diabetes regimen;
# consider GLP-1", "... within 1 week (lisinopril decision)", "... in 5-7 days with BMP to decide
# on restarting lisinopril".
_AGENDA = re.compile(
    r"\s*(?:[;(]|:(?!\d)|\s(?:-{1,2}|\u2013|\u2014)\s)"
    r"|\s+to\s+(?:decide|discuss|consider|revisit|address)\b",
    _I,
)


def _without_agenda(doc: Document, item: Seg, due_text: str | None) -> Seg:
    """A visit with whom and when, without the decisions written after its time, so it reads as
    the visit a clinician books ("PCP Dr. Abara in 5-7 days"); an agenda of orders ("(staple
    removal, x-ray)") and a visit that names no one ("RTC 30 days (iPLEDGE confirmation)") keep
    theirs, which say what the visit holds."""
    text = doc.slice(item)
    at = text.find(due_text) if due_text else -1
    if at < 0 or not (_WHO.search(text, 0, at) or _SERVICE_NAMED.search(text, 0, at)):
        return item
    found = _AGENDA.search(text, at + len(due_text or ""))
    if found is None or _names_an_order(text[found.start() :]):
        return item  # "(staple removal, x-ray)", "(BMP, Mg, rhythm)": what the visit holds
    return trim(doc.text, item.start, item.start + found.start(), " \t\r\n,;:-")


# Who books or where the paper goes, written after the item: "- office will call to schedule",
# "; clinic will call", "(they will call to schedule)", "- pt will call for appt", "- scheduling
# number given", "- fax to Dr. Achterberg", "referral placed to Larchmont Eye". A call that
# tells a result ("will call if positive", "will call with results") says what is to happen.
_WHEN_BOOKED = r"(?:an?\s+|the\s+)?(?:appointments?|appts?|visits?|times?|dates?)"
_BOOKING = (
    r"(?:(?:the\s+)?(?:[\w'.&-]+\s+){0,3}?(?:office|clinic|practice|team|program|center|centre"
    r"|scheduling|scheduler|they|health|pt|patient|husband|wife|family|she|he)\s+will\s+call"
    r"(?:\s+(?:you|the\s+patient|patient|pt|him|her|the\s+office|office))?"
    r"(?:\s+to\s+(?:schedule|book|arrange)(?:\s+" + _WHEN_BOOKED + r")?"
    r"|\s+(?:for|with)\s+" + _WHEN_BOOKED + r")?"
    r"|(?:the\s+)?scheduling\s+(?:number|phone(?:\s+number)?|info\w*)\s+(?:given|provided)"
    r"|fax(?:ed)?\s+(?:(?:results?|copy|report)\s+)?to\s+[^;()\n]{1,60}?)"
)
_BOOKING_TAIL = quick(
    r"(?:\s+(?:-{1,2}|\u2013|\u2014)\s*|\s*[;,]\s+)" + _BOOKING + r"[\s.]*$"
    r"|\s*\(" + _BOOKING + r"\)[\s.]*$"
    # "referral placed to Larchmont Eye": the place, never a clinician ("referred to Dr. Lee").
    r"|\b(?:sent|placed|faxed)(?P<place>\s+to\s+(?-i:[A-Z][a-z][\w'.&-]*(?:\s+[A-Z][\w'.&-]*){0,4}))"
    r"[\s.]*$",
    _I,
)
_BOOKING_HEAD_CHARS = 6
# A service or a clinician a referral is sent to is what the referral is for, never a place.
_SENT_TO_WHOM = quick(r"\s+to\s+(?:" + _SERVICE + r"|(?:Dr|Doctor)\b)", _I)
_ONLY_BOOKING = quick(_BOOKING + r"[\s.]*", _I)


def _without_booking(doc: Document, item: Seg) -> Seg:
    """The item without who books it or where the paper goes, so it says what and with whom."""
    found = _BOOKING_TAIL.search(doc.text, item.start, item.end)
    if found is None:
        return item
    at = found.start("place") if found["place"] is not None else found.start()
    if at - item.start < _BOOKING_HEAD_CHARS:
        return item
    if found["place"] is not None and _SENT_TO_WHOM.match(doc.text, found.start("place")):
        return item  # "Referral placed to Cardiology", "sent to Dr. Patel": with whom it is
    return trim(doc.text, item.start, at, " \t\r\n,;:-")


# Why a test is timed so, in brackets after its time: "BMP in 2 weeks (K, Cr after ACE
# increase)", "CT sinuses in 4 weeks (after steroid course)" (never "(48 hours after biopsy)",
# which is the time itself).
_WHY_ASIDE = quick(r"\s*\((?P<why>[^()\n]{0,60}?\bafter\b[^()\n]{1,60})\)[\s.]*$", _I)


def _without_why(doc: Document, item: Seg, due_text: str | None) -> Seg:
    """A test with its time, without the bracketed reason after the time."""
    found = _WHY_ASIDE.search(doc.text, item.start, item.end)
    if found is None or due_text is None or due_text not in doc.text[item.start : found.start()]:
        return item
    if not (
        _ORDER.search(doc.text, item.start, found.start())
        or _TEST.search(doc.text, item.start, found.start())
    ):
        return item
    if find_interval(doc.text, found.start("why"), found.end("why")):
        return item
    return trim(doc.text, item.start, found.start(), " \t\r\n,;:-")


def _names_an_order(text: str) -> bool:
    """An agenda that holds orders, or says who books the visit ("; clinic will call")."""
    return bool(
        _ORDER.search(text)
        or _TEST.search(text)
        or _LAB_ORDER.search(text)
        or _ARRANGES.search(text)
    )


_ARRANGES = re.compile(r"\b(?:will|to)\s+(?:call|contact|schedule|arrange|book)\b", _I)


def _booked_line(text: str, due: date | None, due_text: str | None, ref: _Reference) -> bool:
    """An assessment line that books an operation, a session or a meeting on a day ahead
    ("Cycle 3 on 04/15/2025", "ortho plans hemiarthroplasty tomorrow 02/03", "Care conference
    06/24/2025"); an interval in an assessment is most often a story ("stent placed less than 6
    months ago", "expected LOS 2-3 days")."""
    if due is None or ref.encounter is None or due <= ref.encounter or due_text is None:
        return False
    dated = bool(
        find_dates(due_text) or _DAY_MONTH.search(due_text) or _NAMED_DAY_MONTH.search(due_text)
    )
    if not dated or _TOLD.search(text) or _EXPORT_DICTATED.search(text):
        return False
    return bool(_BOOKED.search(text) or _OPERATION.search(text) or _MEETING.search(text))


_MEETING = quick(r"\b(?:conference|meeting|plans?|session|infusion)\b", _I)
# An exported footer's dictation and transcription times: "OP/jh,D: 08/30/2026 21:14,T: ...".
_EXPORT_DICTATED = re.compile(r"\bD:\s*\d{1,2}/\d{1,2}/\d{2,4}\b[^\n]{0,12}\bT:", _I)


def _heading_blocks(doc: Document) -> list[Seg]:
    """Blocks under a follow-up heading ("FOLLOW-UP APPOINTMENTS:"), to the next heading of the
    same style: "Stop now:" and "Labs/monitoring:" under "RECOMMENDATIONS" are its parts."""
    blocks: list[Seg] = []
    start: int | None = None
    upper = False
    for line in lines(doc.text, 0, len(doc.text)):
        heading = _PLAN_HEADING.match(doc.text, line.start, line.end)
        if heading:
            if start is not None:
                blocks.append(Seg(start, line.start))
            start, upper = line.start, _is_upper(doc.text[line.start : heading.end()])
        elif start is not None and _ends_block(doc.text, line, upper):
            blocks.append(Seg(start, line.start))
            start = None
    if start is not None:
        blocks.append(Seg(start, len(doc.text)))
    return blocks + _export_blocks(doc.text)


def _ends_block(text: str, line: Seg, upper: bool) -> bool:
    heading = _ANY_HEADING.match(text, line.start, line.end)
    if heading is None:
        return False
    # A field ("Discharge condition: Stable.") or a heading after a blank line ends the block;
    # a mixed-case title alone under an upper-case heading ("Stop now:") is one of its parts.
    alone = not text[heading.end() : line.end].strip()
    after_blank = text.endswith("\n\n", 0, line.start) or text.endswith("\n\r\n", 0, line.start)
    return not upper or _is_upper(text[line.start : heading.end()]) or not alone or after_blank


def _is_upper(heading: str) -> bool:
    return heading.split("(")[0].isupper()


def _export_blocks(text: str) -> list[Seg]:
    """Plan blocks of a one-line transcription export, each to the next exported heading."""
    blocks: list[Seg] = []
    start: int | None = None
    for match in _EXPORT_HEADING.finditer(text):
        if start is not None:
            blocks.append(Seg(start, _footer(text, start, match.start())))
            start = None
        if _PLAN_HEADING.fullmatch(match["heading"] + ":"):
            start = match.end()
    if start is not None:
        blocks.append(Seg(start, _footer(text, start, len(text))))
    return blocks


def _footer(text: str, start: int, end: int) -> int:
    """Where the dictating clinician's name ends an exported plan ("., Jane Roe, MD, D: ...")."""
    found = _EXPORT_FOOTER.search(text, start, end)
    return found.start() + 1 if found else end


def _sources(doc: Document, ref: _Reference, drug_starts: list[int]) -> list[tuple[Seg, bool]]:
    """The plan's sentences (and whether each is in a plan proper), in text order, once each."""
    found = {
        s.seg.start: (s.seg, s.section.name is SectionName.PLAN) for s in doc.in_sections(*_SOURCES)
    }
    for block in _heading_blocks(doc):
        for seg in _block_items(doc, block):
            found.setdefault(seg.start, (seg, True))
    for sentence in doc.in_sections(*_RETURN_SECTIONS):
        if _is_dated_return(doc, sentence.seg) or _is_ahead(doc, sentence.seg, ref):
            found.setdefault(sentence.seg.start, (sentence.seg, True))
    for sentence in [*doc.in_sections(*_ELSEWHERE), *_unheaded(doc)]:
        if _is_ahead(doc, sentence.seg, ref):
            found.setdefault(sentence.seg.start, (sentence.seg, True))
    return [
        (clause, found[start][1])
        for start in sorted(found)
        for clause in _actions(doc, _past_lead(doc, found[start][0], drug_starts))
    ]


def _is_ahead(doc: Document, seg: Seg, ref: _Reference) -> bool:
    """A sentence outside the plan that still asks for something ahead: a referral made, a timed
    order, a booked day, a result pending."""
    text = doc.text[seg.start : seg.end]
    if _TOLD.search(text):
        # A sentence that tells (was, had, resolved) asks for no referral, timed order or
        # booked day: only a result pending is left to test.
        return _PENDING.search(text) is not None
    asked = _REFERRAL_MADE.search(text) or _consult_asked(text)
    return (
        asked is not None
        or _is_timed_order(doc, seg)
        or _is_booked(doc, seg, ref)
        or _PENDING.search(text) is not None
    )


def _consult_asked(text: str) -> re.Match[str] | None:
    """A consult asked for, never one told: "Discharged home after palliative consult", "seen
    per the psychiatry consult"."""
    found = _CONSULT.search(text)
    if found is None or _CONSULT_TOLD.search(text, 0, found.start()):
        return None
    return found


_CONSULT_TOLD = re.compile(r"\b(?:after|per|by|from|following|since|s/p)\s+(?:the\s+|a\s+)?$", _I)


def _unheaded(doc: Document) -> list[Sentence]:
    """Sentences of a note written without headings (a telephone note, a portal message), which
    the section map leaves all in the header: those past the header's usual length, one line
    each (a drug list under "Medications reviewed today:" runs its lines into one sentence)."""
    return [
        s
        for s in doc.in_sections(SectionName.HEADER)
        if s.seg.start - s.section.content.start > _HEADER_CHARS
        and "\n" not in doc.text[s.seg.start : s.seg.end].strip()  # a list run together
    ]


def _is_timed_order(doc: Document, seg: Seg) -> bool:
    """'- BMP in 2 weeks (lab order placed)', 'RTC 2 months', 'recheck BMP/Mg in PM' wherever a
    section map put a provider's answer."""
    text = doc.text[seg.start : seg.end]
    if _TOLD.search(text):
        return False
    interval = find_interval(doc.text, seg.start, seg.end)
    if interval is None:
        return _SOON.search(text) is not None or _returns_in_season(text)
    lead = doc.text[max(seg.start, interval.seg.start - 16) : interval.seg.start]
    ahead = _AHEAD.match(doc.text, interval.seg.start) or _BARE_RETURN.search(lead)
    if not ahead and not _EVENT_AHEAD.match(doc.text, interval.seg.end):
        return False
    asked = _FOLLOW_UP.search(text) or _ORDER.search(text) or _DUE.search(text)
    return bool(asked or _visit_line(text))


# A return told by a month or a season, with no day ("see him again in the spring", "review in
# early December"): a follow-up without a due date.
_IN_SEASON = quick(
    r"\bin\s+(?:the\s+)?(?:early\s+|mid-?\s*|late\s+)?"
    rf"(?:spring|summer|autumn|winter|new year|{MONTH_NAME})\b",
    _I,
)


def _returns_in_season(text: str) -> bool:
    return bool(_RETURN.search(text) and _IN_SEASON.search(text)) or bool(
        _SEASON_VISIT.search(text)
    )


# A visit told by the clinician's seeing or reviewing the patient in a season or a month: "I
# would be happy to see him again in the spring", "we will review him in clinic in the new
# year", "will see him again in September" (never "see her sister again in the summer", "dose
# review in July").
_SEASON_VISIT = quick(
    r"\b(?:see|review)(?= (?:her|him|them|you|the patient|the child|pt|back|again|in clinic)\b)"
    r"(?: (?:her|him|them|you|the patient|the child|pt))?(?: back| again)?"
    r"(?: in (?:the )?(?:clinic|office))? in (?:the )?(?:early |mid-?\s*|late )?"
    rf"(?:spring|summer|autumn|fall|winter|new year|{MONTH_NAME})\b",
    _I,
)


# "Next due: Shingrix dose 2 in 2-6 months", "second dose due in 4 weeks".
# Never the cause: "cough likely due to postnasal drip".
_DUE = re.compile(r"\bdue\b(?!\s+to\b)", _I)


def _is_booked(doc: Document, seg: Seg, ref: _Reference) -> bool:
    """A visit, a course or a test booked for a day after the encounter: "Keeps 04/15
    appointment", "Pt has PCP appt 11/17/2026", "Next Botox is scheduled for June 10", "Cycle 3
    on 04/15/2025", "Colonoscopy confirmed for 03/05/2026", "he will stop by clinic 02/27". A
    day that has passed ("missed her 03/02 appointment") books nothing."""
    text = doc.text[seg.start : seg.end]
    if ref.encounter is None or _TOLD.search(text) or _MISSED.search(text):
        return False
    if _NEXT_DOSE.search(text) or doc.section_name_at(seg.start) in _SCHEDULES_AND_ACCOUNTS:
        # A drug list's dated lines are the drugs' schedules ("through 03/20, then stop"),
        # which the medication list holds; the patient's account is restated by the plan.
        return False
    if not (_BOOKED.search(text) or _FOLLOW_UP.search(text)):
        return False
    dates = find_dates(doc.text, seg.start, seg.end, day_first=ref.swap)
    if any(d.value > ref.encounter for d in dates):
        return True
    day_month = _day_month(doc, seg, ref)
    return day_month is not None and day_month[0] is not None and day_month[0] > ref.encounter


# "2 weeks after discharge", "6 weeks following surgery": counted from an event still to come.
_EVENT_AHEAD = re.compile(
    r"\s*(?:after|following)\s+(?:the\s+|her\s+|his\s+|your\s+)?(?:hospital\s+)?"
    r"(?:discharge|surgery|operation|procedure)\b",
    _I,
)
# "RTC 2 months", "Follow-up: 3 months": a return visit says when without "in".
_BARE_RETURN = re.compile(
    r"(?:\bRTC|\breturn(?: to clinic| visit)?|\bnext (?:[\w-]+ ){0,2}?(?:review|rounding|visit))"
    r"\W{0,3}$",
    _I,
)
# A test asked for later the same day or the next, outside the plan ("recheck BMP/Mg in PM").
# A change of treatment due as soon: "resume apixaban this evening", "plan transition to oral
# loop in AM", "reassess for PO tomorrow" (never "started this evening").
_SOON = quick(
    r"\b(?:re-?check|repeat|draw|obtain|trend|resume|restart|transition|switch|re-?assess)\b.*"
    r"\b(?:tomorrow|in (?:the )?(?:a\.?m|p\.?m)\b|this (?:afternoon|evening)|tonight)",
    _I,
)
# What a booked day is for: a visit, a session of a course, a class, a check.
_BOOKED = quick(
    r"\b(?:appointments?|appts?|keeps?|scheduled|booked|cycle \d+|class|check|resume"
    # "Next labs 01/05", never "next Friday": a day named is no booking.
    r"|next(?!\s+(?:mon|tue|wed|thu|fri|sat|sun|week|month|year)\w*)"
    r"|restart|repeat|re-?check|starts?|begins?|first dose"
    # A visit or a draw on a day ahead: "Your new OB visit is 01/20/2026 at 9:30", "Pre-op labs
    # (CBC, BMP) 01/15/2026 at the lab", "clinic visit with CT results is still on 6/17".
    r"|visits?|labs?|see you"
    # "Colonoscopy confirmed for Thursday 03/05/2026", "he will stop by clinic 02/27".
    r"|confirmed(?= for\b)|(?:stop|drop|come) (?:by|in)(?= (?:the )?(?:clinic|office)\b))\b",
    _I,
)
# A result still to come, told among the results or the assessment: "Blood culture pending.",
# "Stool C. diff: pending", "Pathology pending" (its reader has to look at it later).
_PENDING = quick(
    r"\b(?:cultures?|cx|results?|pathology|biopsy|studies|stain|pcr|serology|levels?|panel"
    r"|c\.? ?diff|antigen|smear|swab|labs?|ANA|HLA-B27|genetics?|karyotype|genotype|hCG|UA"
    # A test or a scan named and not back yet: "free T4 pending", "MRI pending".
    r"|MRI|CT|imaging|ultrasound|x-?ray|echo|" + _TEST.pattern.removeprefix(r"\b(?:") + r"\b"
    r"[^.;\n]{0,30}?"
    r":?\s*\bpending\b(?![^.;\n]{0,15}(?:->|resulted|came back|final))"
    # A specimen sent and not yet back: "Urine culture: sent", "Blood cultures x2 sent".
    r"|\b(?:cultures?|cx|swabs?|specimens?|stain|pcr)\b[^.;\n]{0,20}?:?\s*\bsent\b",
    _I,
    pairs=True,
)
# A referral made at this visit, wherever the note writes it: "Referral to dentist given.",
# "Podiatry referral placed" (never "referred for evaluation of ..." or "reason for referral").
_REFERRAL_MADE = quick(
    r"(?<!reason for )\breferral (?:to|placed|given|sent|made|for)\b|\brefer (?:to|for)\b"
    r"|\breferral (?:was )?(?:placed|given|sent)\b",
    _I,
)
_SCHEDULES_AND_ACCOUNTS = {
    SectionName.SUBJECTIVE,
    SectionName.MEDICATIONS,
    SectionName.ADMISSION_MEDICATIONS,
    SectionName.PRESCRIPTIONS,
    SectionName.DISCHARGE_MEDICATIONS,
}
_NEXT_DOSE = re.compile(r"\bnext (?:[\w-]+ )?dose\b", _I)
_MISSED = quick(r"\b(?:missed|no[- ]show(?:ed)?|cancel+ed|previous|prior|last)\b", _I)


def _is_dated_return(doc: Document, seg: Seg) -> bool:
    """'RTC 6 weeks (~09/22/2020)' written after the plan, among results or diagnoses."""
    if not _FOLLOW_UP.search(doc.text, seg.start, seg.end):
        return False
    interval = find_interval(doc.text, seg.start, seg.end)
    return interval is not None or bool(find_dates(doc.text, seg.start, seg.end))


def _actions(doc: Document, seg: Seg) -> list[Seg]:
    """A sentence cut at commas and semicolons only where each piece asks for something of its
    own: "PCP f/u 1 week, pulm f/u, repeat CXR 6-8 wks" is three; "Return for fever, chills"
    and "Continue sumatriptan PRN; limit use to 2 days per week" are one."""
    pieces: list[Seg] = []
    start = seg.start
    bounds = _breaks(doc.text, seg)
    # Whether the last piece gives a time, kept as pieces join it: each piece's text is read
    # once (with the one before, for a time written across the join), so a long run of items
    # ("hives; hives; ...") costs its length, not its length squared.
    last_timed, last_asks, last_part = False, False, seg
    for piece_end, next_start in [*bounds, (seg.end, seg.end)]:
        piece = trim(doc.text, start, piece_end)
        apart = bool(pieces) and (
            _timed_apart(doc, pieces[-1], piece, timed=last_timed)
            or (last_asks and _said_after(doc, pieces[-1], piece, timed=last_timed))
        )
        opens_with_time = bool(pieces) and not last_timed and _opens_with_time(doc, piece)
        # "...in 2 weeks; clinic will call to schedule": who books it is no item of its own.
        asks = _asks(doc, piece) and not _ONLY_BOOKING.fullmatch(doc.text, piece.start, piece.end)
        # A visit's agenda goes on after a semicolon ("Dr. Lindqvist in 2 weeks - diabetes
        # regimen; consider a GLP-1 agonist"): only an order stands apart from what follows it.
        visit = _FOLLOW_UP.search(doc.text, piece.start, piece.end) is not None
        if pieces and (opens_with_time or not asks) and not apart:
            pieces[-1] = Seg(pieces[-1].start, piece.end)
            last_timed = last_timed or _timed(doc, Seg(last_part.start, piece.end))
            last_asks = last_asks and not visit
        else:
            pieces.append(piece)
            last_timed, last_asks = _timed(doc, piece), asks and not visit
        last_part = piece
        start = next_start
    if (
        len(pieces) > 1
        and not _asks(doc, pieces[0])
        and not _own_clause(doc, *pieces[:2])
        # A problem's name has no time of its own: "Orthodontist in 6 months, ..." is an item.
        and not _has_interval(doc, pieces[0])
        and (_names_only(doc, pieces[0]) or _SAME_SUBJECT.match(doc.text, pieces[1].start))
    ):
        pieces[1] = Seg(pieces[0].start, pieces[1].end)
        pieces.pop(0)
    parts = [part for piece in pieces for part in _two_times(doc, piece)]
    return _share_time(doc, [part for piece in parts for part in _sooner_apart(doc, piece)])


# A problem named ahead of its plan: "DM2 - A1c 7.1; continue Lantus; podiatry next month",
# "Smoking cessation: start nicotine patch + quitline referral", "Hyperphosphatemia,
# uncontrolled (6.8) - renal dietitian re-education".
_LEAD = re.compile(r"(?P<lead>(?:[^.;:\n]|\.\d){2,60}?)(?:\s+(?:-{1,2}|\u2013|\u2014)\s+|:\s+)")
# A lead that says who or what the item is, never only the problem: "Pulmonology - Dr. Siddiqui
# - in 4 weeks", "Case management - may need SNF", "Follow-up: 2 weeks", "Referral: GI".
_LEAD_SAYS = re.compile(
    _SERVICE
    + r"|"
    + _WHO.pattern
    + r"|"
    + _RETURN.pattern
    + r"|\b(?:appointments?|appts?|visits?|referrals?|orders?|labs?|plan|dispo\w*|pending"
    r"|instructions?|recommendations?|precautions|results?|discharge|next|due"
    # The time of the operation the orders are for: "Pre-op: CBC, CMP within 30 days".
    r"|pre-?op\w*|post-?op\w*|peri-?op\w*)\b",
    _I,
)
_LEAD_WORDS = 5
# A lead that does something is an order, never a problem's name.
_ACTS = re.compile(
    r"\b(?:consider\w*|increas\w*|decreas\w*|start\w*|stop\w*|continu\w*|hold\w*|held"
    r"|resum\w*|chang\w*|switch\w*|taper\w*|titrat\w*|add\w*|plan\w*|will|would|may"
    r"|should|give|given|avoid\w*|keep\w*|monitor\w*|check\w*)\b",
    _I,
)
# A place or a person named in title case: "Coastline Home Infusion / OPAT: weekly CBC".
_NAME = re.compile(r"\b[A-Z][a-z]+\s+(?:[A-Z][a-z]+|[A-Z]{2,})\b|\b[A-Z]{3,}\s*/")
# What follows a lead that is itself the item: its state or its time ("referral placed",
# "ordered", "within 2 weeks, office will call", "overdue").
_STATUS_ONLY = re.compile(
    r"(?:referral|referred|orders?|ordered|placed|sent|pending|scheduled|booked|arranged"
    r"|requested|recommended|due|overdue|within|in|at|by|on|office|clinic|will|to be|needed"
    r"|needs|again|done|completed|declined|deferred)\b",
    _I,
)


def _past_lead(doc: Document, seg: Seg, drug_starts: list[int]) -> Seg:
    """The item without the problem written ahead of it, so the item reads as what is to be
    done; a lead that asks, acts on a drug, says when, or names who the item is with stays
    ("Botox q12 weeks - next cycle ~06/10", "Consider increasing topiramate - discuss with
    PCP")."""
    item = strip_bullet(doc.text, seg)
    found = _LEAD.match(doc.text, item.start, item.end)
    if found is None or found.end() >= item.end:
        return seg
    lead = Seg(item.start, found.end("lead"))
    if _BOUND.match(doc.text, lead.start, lead.end):
        return seg  # "If rebleeding despite above: repeat EGD": the condition stays with it
    first = bisect_left(drug_starts, lead.start)
    if first < len(drug_starts) and drug_starts[first] < lead.end:
        return seg
    if _ACTS.search(doc.text, lead.start, lead.end):
        return seg
    if _asks(doc, lead) or _timed(doc, lead) or _LEAD_SAYS.search(doc.text, lead.start, lead.end):
        return seg
    if _TEST.search(doc.text, lead.start, lead.end) or _NAME.search(doc.text, lead.start, lead.end):
        return seg
    if _STATUS_ONLY.match(doc.text, found.end(), item.end):
        return seg  # "Diabetes education class - referral placed": the lead is the item
    return Seg(found.end(), seg.end)


def _names_only(doc: Document, lead: Seg) -> bool:
    """A lead short enough to name the problem its orders are for ("Hyperlipidemia, increase
    atorvastatin"), which joins them; a longer one is an instruction of its own ("WBAT right
    lower extremity, anterior hip precautions, PT today")."""
    lead = strip_bullet(doc.text, lead)
    if len(doc.text[lead.start : lead.end].split()) <= _LEAD_WORDS:
        return True
    if _ACTS.search(doc.text, lead.start, lead.end):
        return True  # "Continue semaglutide 0.5 mg weekly; will increase to 1 mg": one order
    # Who or what the time after it is for: "Birchfield Primary Care, Dr. Wenceslas, within 1
    # week", "Cystoscopy, right ureteroscopy, holmium laser lithotripsy - 06/19".
    names = (_WHO, _SERVICE_NAMED, _NAME, _OPERATION, _TEST)
    return any(pattern.search(doc.text, lead.start, lead.end) for pattern in names)


_SERVICE_NAMED = re.compile(_SERVICE, _I)


# "RTC 2 weeks or sooner for chest pain", "Return 4 weeks, sooner if worse; ED if SpO2 < 88%":
# the precautions after a return visit are an item of their own.
_SOONER = re.compile(r"\s*[,;]?\s+(?P<tail>(?:or\s+)?(?:sooner|earlier)\b)(?=\s+(?:if|for)\b)", _I)


def _sooner_apart(doc: Document, piece: Seg) -> list[Seg]:
    """A return visit and the precautions written after it, as two items."""
    if not _RETURN.search(doc.text, piece.start, piece.end):
        return [piece]
    found = _SOONER.search(doc.text, piece.start, piece.end)
    if found is None or "(" in doc.text[piece.start : found.start()]:
        return [piece]
    head = trim(doc.text, piece.start, found.start())
    if not _RETURN.search(doc.text, head.start, head.end):
        return [piece]
    return [head, trim(doc.text, found.start("tail"), piece.end)]


def _opens_with_time(doc: Document, piece: Seg) -> bool:
    """The piece opens with the time of the item before it, after a comma: "Follow up with
    PCP, Dr. Lindqvist, in 2-3 days for BP recheck" is one visit, due in 2-3 days."""
    if not doc.text.startswith(",", piece.start - 2) or not _AHEAD.match(doc.text, piece.start):
        return False
    found = find_interval(doc.text, piece.start, piece.end)
    if found is None or found.seg.start > piece.start + len("within "):
        return False
    # What follows says why ("for BP recheck", "to discuss"), never an order of its own ("in 2
    # weeks CMP", "in 1 week with a BMP at that visit": the BMP stays an item apart).
    return _WHY.match(doc.text, found.seg.end, piece.end) is not None


_WHY = re.compile(r"\s*(?:$|[.;]|(?:for|to|re|regarding)\b)", _I)


def _timed_apart(doc: Document, before: Seg, piece: Seg, *, timed: bool) -> bool:
    """Items after a semicolon, each with its own time, are two: "RTC 6 weeks IOP check; HVF +
    OCT in 4 months", "wound check at 2 weeks; XR femur at 6 weeks", "visit 3 months; AWV 1
    year" (never a course's steps: "40 mg x 5 days; then 20 mg x 5 days"); after a comma, two
    each "in" a time of its own ("asthma check in 3 months, WCC in 1 year")."""
    semicolon = doc.text.startswith(";", before.end)
    if not timed:
        return False
    found = find_interval(doc.text, piece.start, piece.end)
    if found is None:
        return False
    # After a comma, only a time ahead of its own after one ahead before it: "asthma check in 3
    # months, well visit in 1 year" (never "increase to 20 mg in 4 weeks, then 25 mg").
    ahead = _AHEAD.match(doc.text, found.seg.start) is not None
    if not semicolon and not (ahead and _has_interval(doc, before)):
        return False
    lead = doc.text[max(piece.start, found.seg.start - 8) : found.seg.start]
    same = _SAME_SUBJECT.match(doc.text, piece.start, piece.end)
    if _DURATION_LEAD.search(lead) or same or _ANAPHORA.match(doc.text, piece.start, piece.end):
        return False
    if not semicolon:
        return True
    at_end = not doc.text[found.seg.end : piece.end].strip(" .")
    return bool(_TIME_LEAD.search(lead)) or at_end


def _said_after(doc: Document, before: Seg, piece: Seg, *, timed: bool) -> bool:
    """After a semicolon, what is said beside an item that asks on its own is no part of it:
    "Recheck lipid panel in 6-8 weeks; add ezetimibe if LDL remains above 70", "Dental consult;
    acetaminophen PRN dental pain". Joined stay a clause of the same subject ("; will treat if
    positive", "; then 20 mg"), one that names who the item is with ("; Dr. Patel's office"),
    a time for an item that has none ("Eye exam; due 03/2027") and a word or two ("; urgent")."""
    if not doc.text.startswith(";", before.end):
        return False
    if len(doc.text[piece.start : piece.end].split()) < _SAID_AFTER_WORDS:
        return False
    if _SAME_SUBJECT.match(doc.text, piece.start, piece.end) or _ANAPHORA.match(
        doc.text, piece.start, piece.end
    ):
        return False
    if _BOUND.match(doc.text, piece.start, piece.end) or _WHO.search(
        doc.text, piece.start, piece.end
    ):
        return False
    if _WHO_ACTS.match(doc.text, piece.start, piece.end):
        return False  # "TSH in 6 weeks; endocrine will adjust": who acts on it
    return timed or not _tells_time(doc, piece)


def _tells_time(doc: Document, seg: Seg) -> bool:
    """A time, or a month and day without a year ("presentation on 06/26", "on June 26")."""
    return (
        _timed(doc, seg)
        or _DAY_MONTH.search(doc.text, seg.start, seg.end) is not None
        or _NAMED_DAY_MONTH.search(doc.text, seg.start, seg.end) is not None
    )


_SAID_AFTER_WORDS = 3
# A team or a person named ahead of what they will do: "endocrine will adjust", "GI to arrange".
_WHO_ACTS = quick(r"[\w/&-]+(?:\s+[\w/&-]+)?\s+(?:will|to|would)\s+\w", _I)
# A clause that leans on another: "; if 4th episode within 6 months, ENT referral", "; but ...".
_BOUND = quick(
    r"(?:if|unless|when|whenever|once|until|should|as|because|since|but|although|though|or"
    r"|otherwise|so|which|who|including|e\.?g\.?|i\.?e\.?)\b",
    _I,
)


# "in 4 months", "at 6 weeks", "within 2 weeks": a time ahead; "x 5 days", "for 2 weeks": a
# course's length.
# "...every four weeks; the first is due in four weeks": the same item, told once more.
_ANAPHORA = re.compile(r"(?:the (?:first|next|last|second)|it|this|these|they|which|each)\b", _I)
_TIME_LEAD = re.compile(r"\b(?:in|at|within)\s+(?:about\s+|~\s*)?$", _I)
_DURATION_LEAD = re.compile(r"(?:\bx|\bfor|\bover|\btimes|\bper)\s*$", _I)


def _two_times(doc: Document, piece: Seg) -> list[Seg]:
    """Two visits joined by "and", each with its own time, are two items: "Follow up in
    bariatric clinic in 2 weeks and with the dietitian in 1 week" ("CBC and BMP in 1 week" is
    one, with one time)."""
    before = _WITH_BEFORE.search(doc.text, piece.start, piece.end)
    if before is not None:
        return [trim(doc.text, piece.start, before.start()), Seg(before.end(), piece.end)]
    for joint in _AND.finditer(doc.text, piece.start, piece.end):
        first, second = Seg(piece.start, joint.start()), Seg(joint.end(), piece.end)
        if _has_interval(doc, first) and _has_interval(doc, second):
            return [trim(doc.text, first.start, first.end), second]
    for joint in _AND_ASKED.finditer(doc.text, piece.start, piece.end):
        first, second = Seg(piece.start, joint.start()), Seg(joint.end(), piece.end)
        if _asks(doc, first) and _asks(doc, second):
            return [trim(doc.text, first.start, first.end), second]
    return [piece]


# A letter's sentence that tells two requests: "I've also ordered a TSH and B12 and asked him
# to come back to see me in 6 weeks", "started lisinopril and referred her to cardiology".
_AND_ASKED = re.compile(
    r"\s+and\s+(?=(?:have\s+|I(?:'ve| have)\s+)?(?:asked|advised|told|arranged|booked"
    r"|scheduled|referred|requested)\s+(?:him|her|them|the patient|pt|for|a|an)\b)",
    _I,
)


# "Keep f/u appt 05/14 with labs 1 wk before": the labs are an item of their own, due a week
# before the visit (see _with_visit_date).
_WITH_BEFORE = re.compile(
    r"\s+with\s+(?=(?:fasting\s+)?[\w/]+(?:\s+[\w/]+)?\s+"
    r"(?:\d+(?:\s*(?:-|\u2013|to)\s*\d+)?\s*(?:days?|d|weeks?|wks?)\s+(?:before|prior)\b"
    r"(?: (?:the |that )?(?:visit|appointment|it|then))?"
    # "with repeat Holter before the visit": due with the visit.
    r"|(?:before|prior to) (?:the |that )(?:visit|appointment))\W*$)",
    _I,
)


def _has_interval(doc: Document, seg: Seg) -> bool:
    found = find_interval(doc.text, seg.start, seg.end)
    return found is not None and _AHEAD.match(doc.text, found.seg.start) is not None


def _own_clause(doc: Document, lead: Seg, after: Seg) -> bool:
    """A clause ended by a semicolon stands apart from the order after it: "Hyperlipidemia -
    increase atorvastatin to 40 mg; lipid panel in 8-12 weeks" is two items, while "Return
    for fever, chills" (a comma) is one, and so is a clause whose subject is the lead's ("Continue
    semaglutide 0.5 mg; will increase to 1 mg at next visit if A1c above 6.5")."""
    if not doc.text.startswith(";", lead.end):
        return False
    return _SAME_SUBJECT.match(doc.text, after.start, after.end) is None


def _share_time(doc: Document, pieces: list[Seg]) -> list[Seg]:
    """Orders listed before the one time that ends the sentence share it: "Repeat lipid panel,
    LFTs after 3 months" is one item due in 3 months (a semicolon keeps clauses apart)."""
    if len(pieces) < 2 or not _timed(doc, pieces[-1]):
        return pieces
    if ";" in doc.text[pieces[0].start : pieces[-1].end]:
        return pieces
    first = len(pieces) - 1
    # "ordered a TSH and asked him to come back in 6 weeks": two requests, each its own time.
    while (
        first > 0
        and _shares(doc, pieces[first - 1])
        and not _asked_apart(doc, pieces[first - 1], pieces[first])
    ):
        first -= 1
    return [*pieces[:first], Seg(pieces[first].start, pieces[-1].end)]


def _asked_apart(doc: Document, before: Seg, piece: Seg) -> bool:
    joint = _AND_ASKED.match(doc.text, before.end)
    return joint is not None and joint.end() == piece.start


def _shares(doc: Document, piece: Seg) -> bool:
    """An order without its own time or visit, which takes the time after it; a lead that asks
    for nothing ("WBAT, anterior hip precautions, PT today") is no order."""
    return not _timed(doc, piece) and not _visits(doc, piece) and _asks(doc, piece)


def _timed(doc: Document, seg: Seg) -> bool:
    text, start, end = doc.text, seg.start, seg.end
    return bool(
        find_interval(text, start, end)
        or find_dates(text, start, end)
        or _NEXT_DAY.search(text, start, end)
        or _TODAY.search(text, start, end)
        or _WEEKDAY.search(text, start, end)
    )


def _visits(doc: Document, seg: Seg) -> bool:
    return bool(
        _FOLLOW_UP.search(doc.text, seg.start, seg.end)
        or _REFERRAL.search(doc.text, seg.start, seg.end)
    )


def _breaks(text: str, seg: Seg) -> list[tuple[int, int]]:
    """Commas and semicolons outside brackets: "(referral given, start in 2-4 weeks)" is one."""
    found: list[tuple[int, int]] = []
    depth, position = 0, seg.start
    for match in _COMMA.finditer(text, seg.start, seg.end):
        between = text[position : match.start()]
        depth = max(0, depth + between.count("(") - between.count(")"))
        position = match.start()
        if depth == 0:
            found.append((match.start(), match.end()))
    return found


def _asks(doc: Document, seg: Seg) -> bool:
    """The piece asks for something of its own, or gives its own day ("clear liquids today")."""
    patterns = (_FOLLOW_UP, _REFERRAL, _CONSULT, _ORDER, _ITEM, _TODAY, _NEXT_DAY)
    if any(pattern.search(doc.text, seg.start, seg.end) for pattern in patterns):
        return True
    # "Restart lithium 300 mg BID; level in 5 days": the level is the drug's, one item.
    text = doc.text[seg.start : seg.end]
    return _timed_test(text) and not _BARE_LEVEL.match(text)


def _block_items(doc: Document, block: Seg) -> list[Seg]:
    """The lines of a block's sentences, as appointment tables list one visit a line; a line
    joins the one above when it wraps a sentence or is indented under a line that only names a
    clinic ("Gregory Nakamura, DO (PCP)" / "    Wednesday 01/24/2024 at 10:15 AM.")."""
    items: list[Seg] = []
    for sentence in doc.sentences_within(block.start, block.end):
        head = _without_heading(doc, sentence)
        for line in lines(doc.text, head.start, min(head.end, block.end)):
            seg = trim(doc.text, line.start, line.end)
            if seg.end <= seg.start:
                continue
            if items and _continues(doc.text, items[-1], seg):
                items[-1] = Seg(items[-1].start, seg.end)
            else:
                items.append(seg)
    return items


def _continues(text: str, previous: Seg, seg: Seg) -> bool:
    if _SENTENCE_END.search(text, previous.start, previous.end):
        return False
    if "\n" not in text[previous.end : seg.start]:
        return False
    if text[seg.start].islower():
        return True
    return _indent(text, seg.start) > _indent(text, previous.start)


def _indent(text: str, position: int) -> int:
    line_start = text.rfind("\n", 0, position) + 1
    return len(text[line_start:position]) - len(text[line_start:position].lstrip(" \t"))


def _without_heading(doc: Document, sentence: Sentence) -> Seg:
    heading = _PLAN_HEADING.match(doc.text, sentence.seg.start, sentence.seg.end)
    return trim(doc.text, heading.end(), sentence.seg.end) if heading else sentence.seg


def _at_next_visit(plans: list[Plan]) -> list[Plan]:
    """'Glucose challenge at next visit', 'oximetry recheck at his next appointment': due with
    the return visit the note books, wherever the plan lists it ("before the next visit" is a
    window, not a day). A decision at the next visit ("if not in low disease activity at next
    visit, add ...") is due then too, whatever it decides."""
    visit = next((p for p in plans if p.due is not None and _is_return(p.text)), None)
    if visit is None:
        return plans
    return [
        p.model_copy(update={"due": visit.due, "due_text": visit.due_text})
        if p.due is None and _NEXT_VISIT.search(p.text)
        else p
        for p in plans
    ]


def _is_return(text: str) -> bool:
    return bool(_RETURN.search(text) or _NEXT_VISIT.search(text))


def _with_visit_date(plan: Plan, before: list[Plan], encounter: date | None) -> Plan:
    """'CBC at this visit' is due with the visit named just before it; 'labs 1 week prior' is
    due that long before it."""
    if plan.due is not None:
        return plan
    ahead = find_interval(plan.text, 0, len(plan.text))
    prior = ahead is not None and _BEFORE.match(plan.text, ahead.seg.end) is not None
    if not prior and not _SAME_VISIT.search(plan.text):
        return plan
    # The visit it goes with: the nearest dated plan, or an undated return visit just before
    # ("Nephrology clinic 2 weeks after discharge with BMP 2-3 days before": no day yet).
    last = before[-1] if before else None
    if last is not None and last.kind is PlanKind.FOLLOW_UP and last.due is None:
        return plan
    visit = next((p for p in reversed(before[-_VISIT_LOOKBACK:]) if p.due is not None), None)
    if visit is None or visit.due is None:
        return plan
    if ahead is None or not prior:
        return plan.model_copy(update={"due": visit.due, "due_text": visit.due_text})
    due = visit.due - (add_interval(visit.due, ahead.amount, ahead.unit) - visit.due)
    return plan.model_copy(update={"due": max(due, encounter) if encounter else due})


def extract_plans(
    doc: Document,
    drugs: list[Medication],
    encounter: date | None,
    *,
    surgery: date | None = None,
    discharge: bool = False,
    taken: date | None = None,
) -> list[Plan]:
    """One plan item per sentence of the plan; due dates count from the encounter date, or from
    the operation (`surgery`, the day of an operative report, else a day the note books) and
    the discharge (`discharge`: the encounter is the day of discharge) when the note says so.
    `taken` (the client's day) settles the order of dates that read either way."""
    plans: list[Plan] = []
    swap = day_first(doc.text, taken)
    surgery = surgery or _surgery_day(doc, encounter, swap) or _stated_day_after(doc, encounter)
    ref = _Reference(
        encounter,
        surgery,
        discharge,
        swap,
        _discharge_day(doc, encounter),
        gestation_days(doc.text, encounter, day_first=swap),
        birth_date(doc.text, day_first=swap),
    )
    # Drug mentions by position: each plan item looks its own up by bisection.
    drug_starts = sorted(m.start for d in drugs for m in d.mentions)
    for seg, plan_only in _sources(doc, ref, drug_starts):
        plan = _plan(doc, seg, drug_starts, ref, plan_only)
        if plan is None:
            continue
        plans.append(_with_visit_date(plan, plans, encounter))
    return _at_next_visit(_told_days(doc, plans))


def _told_days(doc: Document, plans: list[Plan]) -> list[Plan]:
    """An item without a day takes the day of the clause after its semicolon when that clause
    tells who booked it: "Diabetic eye exam overdue; our staff booked 06/27/2024", "MRI still
    pending; she is scheduled for 05/02"."""
    result = list(plans)
    for i, (plan, after) in enumerate(pairwise(plans)):
        joined = doc.text[plan.end : after.start].strip() == ";"
        if plan.due is None and after.due is not None and joined and _TOLD_BY.match(after.text):
            result[i] = plan.model_copy(update={"due": after.due, "due_text": after.due_text})
    return result
