"""The kind of visit a note documents, from weighted cue phrases, or as the client said."""

import re
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from carechart.notes.nlp.document import Document
from carechart.notes.nlp.note_structure import clinic_visit, find_structure
from carechart.notes.nlp.note_title import HOSPITAL_DAY_NUMBER, OPERATION, find_title
from carechart.notes.nlp.scanning import quick
from carechart.notes.nlp.schemas import NoteType, NoteTypeResult, SectionName
from carechart.notes.nlp.sections import SALUTATION
from carechart.notes.nlp.text import fold, lines, trim

_T = NoteType
_I = re.IGNORECASE
_VACCINE = r"(?:flu|influenza|covid(?:-19)?|tdap|td|pneumococcal|shingles|zoster|hpv|mmr|varicella)"
_VACCINE += r"|hep(?:atitis)? [ab]|rsv|meningococcal|polio"
# Words that make a follow-up another kind of visit: "post-surgical follow-up".
_OTHER_VISIT = r"post|annual|physical|well|preventive|vaccin|immuni|flu\b|sports"
_COUNT = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several)"
# An operation still to come: "unable to work for 6 weeks after surgery scheduled for 02/01".
_PLANNED = r"(?!,? (?:(?:is|was) )?(?:scheduled|planned|booked|pending|next)\b)"
# Vaccines a visit may be for, by their brand names ("Reason for visit: Shingrix dose 2").
_VACCINE_BRANDS = (
    "shingrix fluzone flublok fluarix afluria flucelvax flumist boostrix adacel prevnar"
    " pneumovax vaxneuvance capvaxive comirnaty spikevax novavax engerix heplisav recombivax"
    " havrix vaqta twinrix gardasil varivax proquad arexvy abrysvo mresvia menveo menactra"
    " menquadfi bexsero trumenba pentacel pediarix vaxelis kinrix quadracel rotateq rotarix"
)
# Who sends a patient to a specialist: "sent over from his PCP's office", "sent by her oncologist".
_SENDER = (
    r"(?:pcp|primary care|family (?:doctor|physician)|gp|physician|doctor|dr\.?|provider"
    r"|\w+ologist|surgeon|(?:urgent care|walk-in) (?:clinic|center)|oncology|cardiology"
    r"|emergency (?:department|room)|ed|er)"
)


@dataclass(frozen=True, slots=True)
class _CueRule:
    note_type: NoteType
    weight: float
    # The pattern runs only when one of these lower-case words is in the note: most notes hold
    # few of them, and a substring test is far cheaper than a regular expression.
    keys: tuple[str, ...]
    pattern: re.Pattern[str]


def _rule(note_type: NoteType, weight: float, keys: str, pattern: str, flags: int = _I) -> _CueRule:
    return _CueRule(note_type, weight, tuple(keys.split()), quick(pattern, flags))


# "PT" stays case-sensitive: "Pt" is the patient, "PT" the therapy.
_CUES: list[_CueRule] = [
    _rule(_T.ADMISSION, 3, "admission", r"\badmission (?:h\s*&\s*p|history and physical|note)\b"),
    _rule(_T.ADMISSION, 2, "physical &", r"\bhistory (?:and|&) physical\b|\bh\s*&\s*p\b"),
    _rule(_T.ADMISSION, 2, "admi", r"\breason for admission\b|\badmitting diagnosis\b"),
    _rule(_T.ADMISSION, 1, "admi", r"\badmi(?:tted|t|ssion date|ssion)\b|\bdate of admission\b"),
    _rule(_T.PROGRESS, 3, "progress", r"\b(?:daily )?progress note\b"),
    _rule(
        _T.PROGRESS,
        2,
        "day hd interval",
        rf"\bhospital day\b|\b{HOSPITAL_DAY_NUMBER}|\binterval (?:history|events)\b",
    ),
    _rule(_T.PROGRESS, 1.5, "overnight events", r"\bovernight\b|\b24[- ]?(?:hour|hr|h) events\b"),
    _rule(_T.FOLLOW_UP, 2, "follow", r"\bfollow[- ]?up (?:visit|appointment)\b"),
    # "returns for follow-up", "comes in for a followup of", "is here today for recheck".
    _rule(
        _T.FOLLOW_UP,
        2,
        "return come here present seen back",
        r"\b(?:returns?|comes? (?:in|back)|is here|here|presents?|seen|is back|back)"
        r"(?: today| again| in clinic| to (?:the )?(?:clinic|office))? (?:for|in)"
        r" (?:an? |his |her |their |the )?"
        rf"(?:(?!{_OTHER_VISIT})[\w-]+ ){{0,3}}(?:follow[- ]?up|followup|f/u|re-?check"
        r"|check\b(?!-?up)"
        r"|re-?evaluation|cycle\s*#?\s*\d+|C\d{1,2}\s?D\d{1,2}|(?:scheduled |next )?(?:infusion"
        r"|chemotherapy|treatment|dialysis|monitoring|(?:dose |medication |med )?titration)"
        r"|(?:routine |return )?(?:prenatal|antenatal"
        r"|ob) (?:visit|care|check))\b",
    ),
    _rule(_T.FOLLOW_UP, 0.5, "follow f/u", r"\bfollow[- ]?up\b|\bf/u\b"),
    # The visit before this one, as the story tells of it: "who I last saw 2 months ago", "since
    # her last visit", "at his last appointment"; or a reason for the visit that is a recheck.
    _rule(
        _T.FOLLOW_UP,
        2,
        "last recheck follow f/u",
        r"\b(?:i|we) (?:last )?(?:saw|seen|evaluated) (?:him|her|them|the patient)?(?: last)?"
        r"[^.;\n]{0,20}?\bago\b|\blast seen (?:here|by me|in (?:this|our|the) (?:clinic|office))"
        r"|\b(?:since|at) (?:(?:his|her|their|the|my|our) )?(?:last|previous|prior)"
        r" (?:visit|appointment"
        r"|clinic visit|office visit)\b"
        r"|\b(?:reason for (?:the )?(?:visit|appointment)|chief complaint|cc)\s*:[\s,]*"
        r"(?:[\w-]+ ){0,2}?(?:follow[- ]?up|f/u|re-?check)\b",
    ),
    # A return for an illness already treated: "ear pain, not better on antibiotics", "no
    # improvement despite 5 days of prednisone", "treatment failure".
    _rule(
        _T.FOLLOW_UP,
        2,
        "not no failure",
        r"\b(?:not|no|never) (?:getting )?(?:better|improv\w*|resolv\w*|respond\w*|settl\w*)"
        r" (?:on|with|despite|after|to) (?:the |his |her |their )?(?:[\w-]+ ){0,3}?"
        r"(?:antibiotics?|treatment|therapy|medications?|meds|course|amoxicillin|prednisone"
        r"|steroids?|cream|drops|inhaler)\b|\btreatment failure\b"
        # A trial of a treatment told by its length: "not better after 3 months of doxy".
        rf"|\b(?:not|no|never) (?:getting )?(?:better|improv\w*|resolv\w*) (?:after|despite|with)"
        rf" (?:{_COUNT}|a) (?:days?|weeks?|wks?|months?) of\b",
    ),
    # A known condition brought to the clinic: "comes in today for her hypertension".
    _rule(
        _T.FOLLOW_UP,
        1.5,
        "comes here presents seen",
        r"\b(?:comes? in|is here|here|presents?|is seen|seen)(?: today| in clinic)? for (?:his|her"
        rf"|their) (?!(?:first|initial|new|{_OTHER_VISIT})\w*)",
    ),
    # A patient who comes back some time after the trouble the clinic treats: "Mrs Hall attended
    # six weeks after her distal radius fracture". An arrival ("presents 2 days after his fall")
    # is no return.
    _rule(
        _T.FOLLOW_UP,
        1.5,
        "attend return review",
        rf"\b(?:attended|attends|returned|returns|reviewed)\b[^.\n]{{0,30}}?\b{_COUNT}"
        r" (?:days?|weeks?|months?) (?:after|following|since) (?:her|his|their|the)\b",
    ),
    # A condition the clinic already knows, as British records open a return: "Review of known
    # HFrEF", "review of her established psoriasis".
    _rule(
        _T.FOLLOW_UP,
        2,
        "review",
        r"\breview(?:ed)? of (?:his |her |their |the )?(?:known|established|ongoing|long-?standing"
        r"|chronic)\b",
    ),
    # A clinic visit for a complaint, with nothing to say it is a first opinion, an emergency or a
    # stay: "seen today 03/18/2025 for lightheadedness", "is seen in the office for a cough".
    _rule(
        _T.FOLLOW_UP,
        1,
        "seen",
        r"\b(?:is |was )?seen (?:today|in (?:the )?(?:clinic|office))(?: on)?(?: [\d/.-]{6,10})?"
        r" for (?!(?:an? |her |his )?(?:initial |new |further )?(?:evaluation|consultation|opinion"
        r"|second opinion|assessment|consult)\b)",
    ),
    # One visit of a series: an infusion cycle, a dialysis session, a prenatal check.
    _rule(
        _T.FOLLOW_UP,
        2,
        "cycle prenatal antenatal",
        r"\bcycle\s*#?\s*\d+,?\s*day\s*\d+\b|\bC\d{1,2}\s?D\d{1,2}\b"
        r"|\b(?:routine |return )?(?:prenatal|antenatal) (?:visit|care|check)\b",
    ),
    _rule(
        _T.ANNUAL_PHYSICAL,
        3,
        "annual",
        r"\bannual (?:physical|exam|health exam|wellness|check-?up)",
    ),
    _rule(
        _T.ANNUAL_PHYSICAL,
        3,
        "well routine",
        r"\bwell(?:ness)? (?:visit|exam|check)|\broutine physical",
    ),
    _rule(
        _T.ANNUAL_PHYSICAL,
        2,
        "preventive maintenance",
        r"\bpreventive (?:visit|exam|care|medicine)|\bhealth maintenance",
    ),
    _rule(
        _T.IMMUNIZATION,
        3,
        "vacc shot immuni booster",
        rf"\b(?:{_VACCINE})[ -](?:vaccin\w*|shots?|immuni[sz]ation|booster)",
    ),
    _rule(_T.IMMUNIZATION, 2, "immuni vaccination", r"\bimmuni[sz]ations?\b|\bvaccinations?\b"),
    # A visit whose stated reason is its vaccines: "Reason for visit: Vaccines only", "here for
    # shots", "Vaccine administration". Never a reaction to one or a refusal.
    _rule(
        _T.IMMUNIZATION,
        2,
        "vaccine shot",
        r"\b(?:vaccines?|shots)\b(?!\s*(?:reaction|hesitan\w*|declined|refused|history|record"
        r"|(?:were |was |are )?(?:discussed|reviewed|counsel+ed|up to date|utd|due|offered"
        r"|deferred|recommended)))",
    ),
    _rule(
        _T.IMMUNIZATION,
        2,
        "vaccine vis lot",
        r"\bvaccines? (?:administered|given)\b|\bVIS\b|\blot\s*#",
    ),
    _rule(
        _T.PROCEDURE, 3, "procedure operative", r"\bprocedure note\b|\boperative (?:note|report)\b"
    ),
    _rule(
        _T.PROCEDURE,
        2,
        "procedure operation",
        r"^\s*(?:procedure(?: performed)?|operation):",
        _I | re.M,
    ),
    _rule(
        _T.PROCEDURE,
        1.5,
        "consent time ebl",
        r"\bconsent (?:was )?obtained\b|\btime[- ]?out\b|\bEBL\b",
    ),
    _rule(
        _T.PROCEDURE,
        1.5,
        "blood sterile",
        r"\bestimated blood loss\b|\bsterile (?:fashion|technique)\b",
    ),
    _rule(
        _T.PROCEDURE,
        1,
        "specimen complication indication",
        r"\bspecimens?:|\bcomplications?:|\bindications?:",
    ),
    _rule(_T.POST_OPERATIVE, 2, "post", r"\bpost[- ]?(?:op(?:erative)?|surgical)\b(?! diagnos)"),
    _rule(_T.POST_OPERATIVE, 2, "pod post", r"\bPOD\s*#?\s*\d+|\bpost[- ]?op(?:erative)? day\b"),
    # "seen today 10 days status post right knee arthroscopy": days or weeks since an operation.
    _rule(
        _T.POST_OPERATIVE,
        2,
        "status s/p post",
        r"\b(?:\d+|one|two|three|four|five|six|ten)[- ](?:days?|weeks?)"
        r" (?:status[- ]post|s/p|post[- ]?op(?:eratively)?)\b",
    ),
    # An operation told by how long ago it was: "following his right hip replacement six
    # weeks ago", "after her carpal tunnel release 10 days ago".
    _rule(
        _T.POST_OPERATIVE,
        2.5,
        "after following",
        r"\b(?:after|following) (?:(?:an?|his|her|their|the|recent)\b ?)?(?:[\w/-]+ ){0,4}?"
        rf"{OPERATION}(?: (?:on|of) [\d/.-]{{4,10}})?,? {_COUNT}[- ](?:days?|weeks?|wks?) ago\b",
    ),
    # A clinic visit counted from an operation: "five weeks after uncomplicated
    # phacoemulsification", "post-hospital follow-up after right total knee arthroplasty".
    _rule(
        _T.POST_OPERATIVE,
        2.5,
        "after following from follow",
        rf"\b{_COUNT}[- ](?:days?|weeks?|wks?)(?: (?:out )?from| after| following)"
        rf" (?:(?:an?|his|her|their|the|its|recent)\b ?)?(?:[\w/-]+ ){{0,4}}?{OPERATION}\b"
        rf"{_PLANNED}"
        r"|\bfollow[- ]?up (?:visit )?(?:after|following|from|of) (?:(?:an?|his|her|their|the"
        rf"|recent)\b ?)?(?:[\w/-]+ ){{0,4}}?{OPERATION}\b",
    ),
    _rule(
        _T.POST_OPERATIVE,
        1,
        "suture staple surgical portal",
        r"\bsutures?\b|\bstaples\b|\bsurgical site\b|\bportals?\b",
    ),
    _rule(_T.PHYSICAL_THERAPY, 3, "therap", r"\bphysical therap(?:y|ist)\b"),
    _rule(
        _T.PHYSICAL_THERAPY,
        2,
        "pt",
        r"\bPT (?:appt|appointment|sessions?|eval\w*|visit|program|regimen)",
        0,
    ),
    _rule(
        _T.PHYSICAL_THERAPY,
        2,
        "dpt exercise gait",
        r"\bDPT\b|\bhome exercise program\b|\bgait training\b",
        0,
    ),
    _rule(
        _T.PHYSICAL_THERAPY,
        1,
        "exercise strengthening",
        r"\btherapeutic exercises?\b|\bstrengthening\b",
    ),
    _rule(_T.CONSULT, 3, "reason", r"\breason for (?:consult(?:ation)?|referral)\b"),
    _rule(
        _T.CONSULT,
        2,
        "requesting referring",
        r"\b(?:requesting|referring) (?:physician|provider|service)\b",
    ),
    _rule(
        _T.CONSULT, 2, "asked thank", r"\basked to (?:see|evaluate)\b|\bthank you for (?:this|the) "
    ),
    # Never a form's choice of visit ("New consult / established pt: established").
    _rule(
        _T.CONSULT,
        1.5,
        "consult",
        r"\bconsult(?:ation)?\b(?!\s*(?:/|\bor\b)\s*(?:established|return|follow))",
    ),
    # Another clinician sends the patient over, or asks for the visit: "Sent over from his PCP's
    # office this morning for nosebleeds", "I saw her today at your request".
    _rule(
        _T.CONSULT,
        2.5,
        "sent request asked",
        r"\bsent (?:over |in |here |to (?:us|me|clinic|our clinic) )?(?:from|by)"
        rf" (?:(?:his|her|their|the|an?|our)\b ?)?(?:[\w'-]+ ){{0,2}}?{_SENDER}(?!\w)"
        r"|\bat (?:your|the) (?:kind )?request\b|\bas you (?:requested|asked)\b",
    ),
    # "Reason for visit: new patient evaluation of palpitations, referred by PCP."
    _rule(
        _T.CONSULT,
        2,
        "referred new",
        r"(?<!originally )(?<!initially )(?<!first )\breferred (?:by|from)"
        r" (?:(?:his|her|their|the|an?)\b ?)?(?:[\w'-]+ ){0,2}?"
        rf"{_SENDER}(?!\w)|\bnew patient (?:visit|evaluation|consult\w*|appointment)\b",
    ),
    # A new problem brought for an opinion: "presents for evaluation of bilateral knee pain";
    # sent by another clinician for it, the visit is a consultation.
    _rule(
        _T.CONSULT,
        1.5,
        "evaluation opinion",
        r"\b(?:seen|presents?|here|comes? in) (?:today )?(?:\w+ )?for (?:an? )?"
        r"(?:(?!follow|re-?|post|annual|routine|periodic|interval)[\w-]+ )?"
        r"(?:evaluation|consultation|opinion|second opinion)\b",
    ),
    _rule(
        _T.CONSULT,
        2.5,
        "referred",
        r"\breferred(?: to (?:us|me|this clinic|clinic))?(?: (?:by|from) (?:dr\.? |her |his"
        r" |their |the )?(?:[\w'-]+ ){0,2}[\w'-]+)?"
        r"(?: \w+)? (?:for|regarding|with) (?:an? )?(?:evaluation|consultation|opinion"
        r"|second opinion|assessment|management)\b",
    ),
    # "This 35-year-old woman was referred with recurrent headaches", "is kindly referred by
    # Dr. Ode because of a murmur": a patient sent for an opinion on a complaint.
    _rule(
        _T.CONSULT,
        2.5,
        "referred",
        r"\b(?:was|is|has been|been|being) (?:kindly )?referred(?: to (?:me|us|our clinic))?"
        r"(?: by [^.;\n]{1,40}?)? (?:with|because of|due to|regarding|re:?|for (?!(?:physical"
        r"|occupational|speech) therap|pt\b|ot\b|(?:an? )?(?:colonoscopy|endoscopy|imaging|mri|ct"
        r"|x-?ray|ultrasound|surgery|labs?)\b))",
    ),
    # A "Referred by:" field, or a patient sent to a named clinic ("is referred to our memory
    # clinic for forgetfulness"): a specialist's first visit.
    _rule(
        _T.CONSULT,
        2,
        "referred",
        r"^\s*referred by\s*:"
        r"|\breferred to (?:our |the |this |an? )?(?:[\w-]+ ){0,2}(?:clinic|service|office"
        r"|specialist)\b",
        _I | re.M,
    ),
    _rule(_T.DISCHARGE, 4, "discharge", r"\bdischarge summary\b"),
    _rule(
        _T.DISCHARGE,
        2,
        "discharge course",
        # "Discharged: 04/06/2025" in a letter's head is the discharge date's field.
        r"\bdischarge (?:diagnos[ie]s|date)\b|\bdate of discharge\b|\bhospital course\b"
        r"|\bdischarged:[ \t]*\d",
    ),
    # ED and clinic notes list discharge medications and instructions too.
    _rule(_T.DISCHARGE, 1, "discharge", r"\bdischarge (?:medications?|condition)\b"),
    _rule(_T.DISCHARGE, 0.5, "discharge", r"\bdischarged (?:home|to)\b"),
    _rule(
        _T.EMERGENCY,
        3,
        "emergency ed er course",
        r"\b(?:emergency department|emergency room|ED|ER) course\b"
        r"|\bcourse in the (?:emergency department|ED|ER)\b",
    ),
    _rule(
        _T.EMERGENCY,
        2,
        "triage esi",
        r"\btriage (?:vital signs|vitals|note|nurse|acuity|assessment)\b|\bESI(?: level)? ?[1-5]\b",
    ),
    _rule(
        _T.EMERGENCY,
        1,
        "emergency ed er",
        r"\b(?:presents?|presented|brought|arrive[sd]?|comes|came)(?: in)?(?: by ems)? to the"
        r" (?:emergency department|emergency room|ED|ER)\b",
    ),
    # Who brings a patient to the emergency department: "brought in by EMS after a fall".
    _rule(
        _T.EMERGENCY,
        2,
        "ems ambulance paramedic squad helicopter",
        r"\b(?:brought|arrive[sd]?|transported|presents?|came|comes)(?: in)? (?:by|via)"
        r" (?:ems|ambulance|paramedics?|(?:rescue )?squad|helicopter|air ambulance)\b",
    ),
    _rule(
        _T.CONSULT,
        3,
        "thank referring",
        r"\b(?:thank you|many thanks|thanks)(?: (?:very much|again))? for (?:referring|asking me"
        r" to (?:see|review|assess)"
        r"|(?:the|your|this)(?: (?:kind|prompt|timely|recent))? referral)\b",
    ),
    # "here to review DEXA", "I saw Ms. X today for follow-up of migraine" (a clinic letter).
    _rule(
        _T.FOLLOW_UP,
        2,
        "review discuss saw seen",
        r"\b(?:here|returns?|comes? in|came in|seen) (?:today )?to (?:review|discuss|go over)\b"
        r"|\b(?:saw|seen|reviewed|evaluated)\b[^;\n]{0,60}?\b(?:today|again|in (?:the )?clinic)\b"
        r"[^.;\n]{0,20}?\bfor (?:an? |her |his |their )?(?:routine |regular |usual |scheduled )?"
        # A review told by its interval: "for his three-month review", "her 6-monthly review".
        rf"(?:{_COUNT}[- ](?:weeks?|months?|years?|weekly|monthly|yearly)[- ]|annual |yearly )?"
        r"(?:follow[- ]?up|re-?check|review)\b",
    ),
    _rule(
        _T.FOLLOW_UP,
        2,
        "reviewed saw",
        r"\b(?:reviewed|saw) (?:[\w.'-]+ ){1,3}(?:again )?in (?:the )?clinic\b"
        r"|\b(?:reviewed|saw) (?:[\w.'-]+ ){1,3}again in (?:the |our )?(?:[\w-]+ ){0,2}clinic\b"
        # Reviewing a patient is seeing one already known: "I reviewed Anna in the thyroid
        # clinic today".
        r"|\breviewed (?:[\w.'-]+ ){1,3}in (?:the |our |my )?(?:[\w'-]+ ){0,2}clinic\b",
    ),
    # A visit told as coming after a stay that has ended: "three weeks after her discharge from
    # the ward", "since your discharge from hospital", "following his recent hospitalization".
    _rule(
        _T.FOLLOW_UP,
        2,
        "discharge hospitali stay",
        rf"\b(?:{_COUNT}[- ](?:days?|weeks?|wks?|months?)\s+(?:after|since|following|post)"
        r"|since|after|following)\s+(?:(?:his|her|their|your|the|a|recent)\s+)+(?:hospital\s+)?"
        r"(?:discharge|hospitali[sz]ation|(?:hospital|inpatient)\s+stay)\b",
    ),
    _rule(
        _T.IMMUNIZATION,
        2,
        _VACCINE_BRANDS,
        rf"\b(?:{'|'.join(_VACCINE_BRANDS.split())})\b(?:[- ]?\d+)?"
        r"(?!\s*(?:reaction|declined|refused|(?:was |is |were )?(?:discussed|reviewed|up to date"
        r"|utd|due|offered|deferred|recommended)))",
    ),
]
# Where a cue sits matters: the title and the reason for the visit say what the visit is; the
# plan mostly talks about later visits.
# A visit of another kind named in the story ("completed physical therapy in 2020", "at her
# annual wellness visit") says nothing of this one: these count at the head of the note only.
_OPENING_ONLY = frozenset({_T.IMMUNIZATION, _T.PHYSICAL_THERAPY, _T.ANNUAL_PHYSICAL})
_PAST_VISIT = re.compile(
    r"\b(?:at|during|since|after|from|last|previous|prior|recent|completed|had)\b[^.;:]{0,25}$", _I
)
# What a patient had before, takes or is allergic to says nothing of this visit's kind.
_BACKGROUND = frozenset(
    {
        SectionName.HISTORY,
        SectionName.SURGICAL_HISTORY,
        SectionName.FAMILY_HISTORY,
        SectionName.SOCIAL_HISTORY,
        SectionName.REVIEW_OF_SYSTEMS,
        SectionName.MEDICATIONS,
        SectionName.ADMISSION_MEDICATIONS,
        SectionName.ALLERGIES,
        SectionName.IMMUNIZATIONS,
        SectionName.RESULTS,
    }
)
# Events a history tells of: a letter's sections are loose ("Allergies: ..." then the story),
# so the words of a visit (reviewed in clinic, thank you for referring) still count there.
_EVENTS = frozenset(
    {_T.ADMISSION, _T.DISCHARGE, _T.EMERGENCY, _T.PROCEDURE, _T.POST_OPERATIVE, _T.PROGRESS}
)
# A stay this visit comes after: "referred after HF admission", "since her discharge".
_AFTER_STAY = re.compile(
    r"\b(?:after|since|following|post|from) (?:(?:an?|his|her|their|the|recent|last)\b ?)?"
    r"(?:[\w/-]+ ){0,2}$",
    _I,
)
_EARLIER_STAYS = frozenset({_T.ADMISSION, _T.DISCHARGE, _T.EMERGENCY})
_PAST_TIME = re.compile(
    r"\b(?:ago|last (?:year|month|week|spring|summer|fall|autumn|winter)|previous(?:ly)?"
    r"|prior|in (?:19|20)\d\d|history of|years? (?:before|earlier))\b",
    _I,
)
# Where a note says why the patient came.
_OPENING = (SectionName.SUBJECTIVE, SectionName.CHIEF_COMPLAINT, SectionName.PRESENT_ILLNESS)
_REGION_WEIGHT = {SectionName.HEADER: 3.0, SectionName.ASSESSMENT: 1.5, SectionName.PLAN: 0.5}
_REGION_WEIGHT |= {SectionName.DIAGNOSES: 1.5, SectionName.PRESCRIPTIONS: 0.5}
_OPENING_WEIGHT = 2.0
# A line of prose at the head of an untitled or sectionless note: a few words with a verb of
# coming or being seen, no field label before them.
_STORY_CHARS = 600
_STORY_WORDS = 5
_LABEL_CHARS = 30
_STORY_VERB = re.compile(
    r"\b(?:returns?|comes?|came|presents?|presented|is (?:here|seen)|was seen|seen|here for)\b", _I
)
_HEAD_CHARS = 400
_MIN_SCORE = 1.0
_TITLE_CONFIDENCE = 0.9
_STRUCTURE_CONFIDENCE = 0.75
_FORMAT_CONFIDENCE = 0.5
_VISIT_CONFIDENCE = 0.6
# A title that names only a format ("Progress Notes", "Office Visit") is what some EHRs print
# on every document: a hospital course or an operation's sections say more.
_OVER_FORMAT = frozenset({_T.DISCHARGE, _T.PROCEDURE, _T.EMERGENCY, _T.CONSULT, _T.PROGRESS})
_OVER_FORMAT |= {_T.FOLLOW_UP}
_REMOTE_VISIT = re.compile(r"\b(?:tele(?:health|medicine|video)|video|virtual)\b", _I)
_INPATIENT_KINDS = frozenset({_T.PROGRESS, _T.ADMISSION})
# The visits a clinic's format note may record; a strong cue in its opening names which.
_OUTPATIENT = frozenset(
    {_T.FOLLOW_UP, _T.ANNUAL_PHYSICAL, _T.IMMUNIZATION, _T.POST_OPERATIVE, _T.CONSULT}
    | {_T.PHYSICAL_THERAPY}
)
_STRONG_CUE = 2.0
_ALL_TYPES = frozenset(NoteType)

_TYPE_VALUES = frozenset(t.value for t in NoteType)
_CLIENT_ALIASES = {
    "followup": _T.FOLLOW_UP,
    "f/u": _T.FOLLOW_UP,
    "h&p": _T.ADMISSION,
    "hp": _T.ADMISSION,
    "history_and_physical": _T.ADMISSION,
    "admission_note": _T.ADMISSION,
    "progress_note": _T.PROGRESS,
    "daily_progress": _T.PROGRESS,
    "discharge_summary": _T.DISCHARGE,
    "consultation": _T.CONSULT,
    "consult_note": _T.CONSULT,
    "procedure_note": _T.PROCEDURE,
    "operative_note": _T.PROCEDURE,
    "op_note": _T.PROCEDURE,
    "postop": _T.POST_OPERATIVE,
    "post_op": _T.POST_OPERATIVE,
    "postoperative": _T.POST_OPERATIVE,
    "pt": _T.PHYSICAL_THERAPY,
    "physical_therapy_note": _T.PHYSICAL_THERAPY,
    "vaccine": _T.IMMUNIZATION,
    "vaccination": _T.IMMUNIZATION,
    "immunisation": _T.IMMUNIZATION,
    "physical": _T.ANNUAL_PHYSICAL,
    "annual": _T.ANNUAL_PHYSICAL,
    "wellness": _T.ANNUAL_PHYSICAL,
}


@dataclass(frozen=True, slots=True)
class _Cue:
    note_type: NoteType
    score: float
    start: int
    text: str
    weight: float  # the rule's own weight, before where the cue sits counts
    opening: bool  # in the title lines or the sentence that says why the patient came


def _cues(doc: Document, kinds: Collection[NoteType] = _ALL_TYPES) -> list[_Cue]:
    """The cues for `kinds` in the note; only the rules of those kinds run."""
    opening = _opening_end(doc)
    letter = _letter_opening(doc)
    if opening == 0 and letter == (0, 0):
        letter = _first_story_sentence(doc)
    lowered = fold(doc.text)
    found: list[_Cue] = []
    for rule in _CUES:
        if rule.note_type not in kinds or not any(key in lowered for key in rule.keys):
            continue
        for match in rule.pattern.finditer(doc.text):
            region = doc.section_name_at(match.start())
            if rule.note_type in _EVENTS and region in _BACKGROUND:
                continue
            if _told_of_before(doc, rule.note_type, match.start()):
                continue
            at_head = _at_head(doc, match, region, opening, letter)
            if rule.note_type in _OPENING_ONLY and not at_head:
                continue
            factor = _REGION_WEIGHT.get(region, 1.0)
            if match.start() < opening or letter[0] <= match.start() < letter[1]:
                factor = max(factor, _OPENING_WEIGHT)
            text = match.group().strip()
            score = rule.weight * factor
            found.append(_Cue(rule.note_type, score, match.start(), text, rule.weight, at_head))
    return found


def _told_of_before(doc: Document, kind: NoteType, position: int) -> bool:
    """True for a hospital stay or ED visit the story tells of ("admitted last year")."""
    if kind not in _EARLIER_STAYS:
        return False
    if _AFTER_STAY.search(doc.text, max(0, position - 40), position):
        return True
    sentence = doc.sentence_at(position)
    return sentence is not None and bool(
        _PAST_TIME.search(doc.text, sentence.seg.start, sentence.seg.end)
    )


def _at_head(
    doc: Document,
    match: re.Match[str],
    region: SectionName,
    opening: int,
    letter: tuple[int, int],
) -> bool:
    """True when a cue states the reason for this visit: the header, the opening sentence or a
    letter's first paragraph ("Dear Dr. Ames, thank you for referring ...")."""
    if _PAST_VISIT.search(doc.text, max(0, match.start() - 40), match.start()):
        return False
    if letter[0] <= match.start() < letter[1]:
        return True
    if region is SectionName.HEADER:
        # The head ends where the note's first sentence of prose ends: what follows it in a note
        # without headings is the visit's story ("Here for follow-up of diabetes. ... Influenza
        # vaccine given today"), not its reason.
        return match.start() < (letter[1] if letter[1] > 0 else _HEAD_CHARS)
    return region in _OPENING and match.start() < opening


def _letter_opening(doc: Document) -> tuple[int, int]:
    """The opening of a letter's body, where it says why it was written: from the salutation to
    the body's first heading, at most a few lines; an empty span for a note that is not a letter."""
    salutation = SALUTATION.search(doc.text)
    if salutation is None:
        return (0, 0)
    start = salutation.end()
    end = min(len(doc.text), start + _HEAD_CHARS)
    heading = next(
        (
            s.content.start
            for s in doc.sections
            if start < s.content.start < end and s.name is not SectionName.OTHER
        ),
        end,
    )
    return (start, heading)


def _first_story_sentence(doc: Document) -> tuple[int, int]:
    """A note with no subjective or history heading says why the patient came in its first line
    of prose ("Patient returns for his routine postoperative check."), read as a letter's opening
    is; an empty span when no line of the head reads as a sentence."""
    for line in lines(doc.text, 0, min(len(doc.text), _STORY_CHARS)):
        body = trim(doc.text, line.start, line.end)
        text = doc.text[body.start : body.end]
        if len(text.split()) < _STORY_WORDS or not text[:1].isalpha():
            continue
        if ":" in text[:_LABEL_CHARS] or not _STORY_VERB.search(text):
            continue
        stop = text.find(". ")
        return (body.start, body.end if stop < 0 else body.start + stop + 1)
    return (0, 0)


def _opening_end(doc: Document) -> int:
    """End of the first sentence of the subjective: the reason for the visit."""
    first = next(doc.in_sections(*_OPENING), None)
    return first.seg.end if first else 0


def classify(doc: Document) -> tuple[NoteType, float, list[str]]:
    """The type, a confidence in 0..1 and the cues that voted for it.

    What decides, in order, as a clinician reads a document: a title that names a kind of
    document ("Discharge Summary", "ED Provider Note", "RE: Preoperative evaluation"); under a
    title that names only a format ("Office Visit", "SOAP note"), a reason for the visit that
    names another kind ("follow-up after knee replacement"); the sections the document is built
    of (a hospital course with discharge diagnoses, an operation's findings and blood loss); the
    format's own visit; and last the weighted cue words. Words inside the narrative (a vaccine
    in the review of systems, "sutures" in an operative report) never outweigh a title or the
    structure.
    """
    title = find_title(doc)
    if title is not None and title.specific:
        cues = _cues(doc, {title.note_type})
        return title.note_type, _TITLE_CONFIDENCE, _with_title(title.text, cues, title.note_type)
    if title is None:
        structure = find_structure(doc)
        if structure is not None:
            return structure.note_type, _STRUCTURE_CONFIDENCE, structure.cues
        return _by_cues(_cues(doc)) or _untitled_visit(doc)
    # An office visit's stated reason outweighs the sections it recaps (the hospital course of
    # the stay it follows).
    reason = _refined(title.note_type, title.text, _cues(doc, _OUTPATIENT))
    if reason[0] is not title.note_type:
        return reason
    structure = find_structure(doc)
    # A visit by video or telephone finds the patient at home, never on a ward.
    if structure is not None and _REMOTE_VISIT.search(title.text):
        structure = None if structure.note_type in _INPATIENT_KINDS else structure
    if structure is not None and structure.note_type in _OVER_FORMAT:
        return structure.note_type, _STRUCTURE_CONFIDENCE, structure.cues
    return reason


def _refined(kind: NoteType, title: str, cues: list[_Cue]) -> tuple[NoteType, float, list[str]]:
    """A format's visit, or the kind of outpatient visit its opening says it is for."""
    scores: dict[NoteType, float] = defaultdict(float)
    for cue in cues:
        if cue.note_type in _OUTPATIENT and cue.opening and cue.weight >= _STRONG_CUE:
            scores[cue.note_type] += cue.score
    if not scores:
        return kind, _FORMAT_CONFIDENCE, [title]
    best = _best(scores)
    confidence = max(_FORMAT_CONFIDENCE, round(scores[best] / (sum(scores.values()) + 1.0), 2))
    return best, confidence, _cue_texts([c for c in cues if c.note_type is best])


def _untitled_visit(doc: Document) -> tuple[NoteType, float, list[str]]:
    """A document with no title, telling sections or cue words: an office visit when it is
    built as one (`clinic_visit`), else `other`."""
    visit = clinic_visit(doc)
    if visit is None:
        return NoteType.OTHER, 0.0, []
    return visit.note_type, _VISIT_CONFIDENCE, visit.cues


def _by_cues(cues: list[_Cue]) -> tuple[NoteType, float, list[str]] | None:
    """The type the weighted cues vote for; None when no cue reaches the threshold."""
    scores: dict[NoteType, float] = defaultdict(float)
    for cue in cues:
        scores[cue.note_type] += cue.score
    if not scores or max(scores.values()) < _MIN_SCORE:
        return None
    best = _best(scores)
    confidence = round(scores[best] / (sum(scores.values()) + 1.0), 2)
    return best, confidence, _cue_texts([c for c in cues if c.note_type is best])


def _best(scores: dict[NoteType, float]) -> NoteType:
    # Ties go to the type listed first in NoteType, so the answer is deterministic.
    order = list(NoteType)
    return max(scores, key=lambda t: (scores[t], -order.index(t)))


def _with_title(title: str, cues: list[_Cue], kind: NoteType) -> list[str]:
    texts = _cue_texts([c for c in cues if c.note_type is kind])
    return [title, *(t for t in texts if t.lower() != title.lower())]


def _cue_texts(cues: list[_Cue]) -> list[str]:
    """Distinct cue strings in text order; a cue inside a longer one is not repeated."""
    kept: list[_Cue] = []
    for cue in sorted(cues, key=lambda c: (c.start, -len(c.text))):
        if kept and cue.start < kept[-1].start + len(kept[-1].text):
            continue
        kept.append(cue)
    texts = {c.text.lower(): c.text for c in reversed(kept)}
    return [texts[key] for key in dict.fromkeys(c.text.lower() for c in kept)]


def client_type(value: str | None) -> NoteType | None:
    """The client's note type in any common spelling, or None when it names no known type."""
    if value is None:
        return None
    key = "_".join(value.strip().lower().replace("-", " ").split())
    if key in _TYPE_VALUES:
        return NoteType(key)
    return _CLIENT_ALIASES.get(key) or _CLIENT_ALIASES.get(key.replace("_", ""))


def note_type(doc: Document, client_note_type: str | None) -> tuple[NoteTypeResult, list[str]]:
    """The result stored with the note, plus any warning about the client's value."""
    value, confidence, cues = classify(doc)
    warnings: list[str] = []
    chosen = client_type(client_note_type)
    if client_note_type is not None and chosen is None:
        warnings.append("client note type not recognised; the classifier's type is used")
    result = NoteTypeResult(
        value=chosen or value,
        confidence=1.0 if chosen else confidence,
        cues=cues,
        source="client" if chosen else "classifier",
        classifier_value=value,
        classifier_confidence=confidence,
    )
    return result, warnings
