"""The note type a document's own title states ("Discharge Summary", "Operative Report")."""

import re
from dataclasses import dataclass

from carechart.notes.nlp.document import Document
from carechart.notes.nlp.scanning import quick
from carechart.notes.nlp.schemas import NoteType, SectionName
from carechart.notes.nlp.text import Seg, lines, trim

_T = NoteType
_I = re.IGNORECASE
# Procedures named by a title alone ("ERCP REPORT", "Upper GI Endoscopy", "Bronchoscopy"): the
# names of common procedures and the endings surgical names are built with.
_PROCEDURE_NAMES = (
    r"colonoscopy|sigmoidoscopy|endoscopy|esophagogastroduodenoscopy|egd|ercp|eus"
    r"|endoscopic ultrasound|bronchoscopy|cystoscopy|ureteroscopy|hysteroscopy|laparoscopy"
    r"|arthroscopy|biopsy|catheteri[sz]ation|angiogra(?:m|phy)|angioplasty|paracentesis"
    r"|thoracentesis|lumbar puncture|arthrocentesis|bone marrow (?:biopsy|aspirat\w+)"
    r"|(?:joint |steroid |epidural |trigger point )?injection|aspiration|intubation"
    r"|central (?:venous )?line|(?:port|catheter|pacemaker|icd|stent|drain) (?:placement|insertion)"
    r"|coronary intervention|pci|ablation|cardioversion|incision and drainage|i\s*&\s*d"
    r"|(?:tooth |dental |surgical )?extractions?"
    r"|laceration repair|circumcision|cesarean(?: section| delivery)?|c-section"
    r"|(?:picc|midline|arterial|central|chest|feeding|g-|j-|peg|nephrostomy|dialysis|tunneled)"
    r"(?: line| tube| catheter)? (?:placement|insertion|exchange|removal)"
    r"|(?:cardiac|heart|left heart|right heart) cath|cath(?:eterization)? lab|ebus"
    r"|interventional radiology|\bir procedure|bedside procedure|tube thoracostomy"
    r"|\w+(?:ectomy|otomy|ostomy|plasty|pexy|rrhaphy|centesis|oscopy)"
)
_SURGICAL_NAME = r"\w+(?:ectomy|otomy|ostomy|plasty|pexy|rrhaphy)"
# An operation as a clinic note names it ("his knee replacement", "the laparoscopic
# cholecystectomy", "uncomplicated phacoemulsification", "CABG").
OPERATION = (
    rf"(?:{_SURGICAL_NAME}|surgery|operation|(?:hernia|rotator cuff|acl|meniscus|meniscal"
    r"|valve|aneurysm|fracture) repair|(?:joint|hip|knee|shoulder|valve|disc) replacement"
    r"|arthroplasty|fusion|(?:tunnel|trigger finger|tendon) release|transplant(?:ation)?|bypass"
    r"|cabg|tka|tha|turp|lap chole|c-section|cesarean(?: section| delivery)?|phaco\w*"
    r"|arthroscop\w*|laparoscop\w*|\w*ectomy)"
)
# A day of a hospital stay counted ("HD 2", "HD #3"), never how often dialysis runs ("HD 3x/week",
# "on HD 3 times a week", "HD 3 days per week").
HOSPITAL_DAY_NUMBER = (
    r"HD\s*#?\s*\d+\b(?!\s*(?:x\b|times\b|/\s*w|per\b|days?\s*(?:a|per|/|each)\b))"
)
# A department or unit named after a procedure ("Harbor Endoscopy Center") is no title, nor a
# later visit about one ("Mastectomy follow-up", "Tracheostomy care").
# The units of a hospital a patient moves between during a stay.
_UNIT = (
    r"(?:[a-z]{0,4}icu|ccu|step-?down|telemetry|floor|ward|progressive care(?: unit)?|pcu"
    r"|intermediate care|imc)\b"
)
_PLACE = (
    r"(?!\s+(?:center|centre|unit|lab|laboratory|suite|clinic|department|associates|services"
    r"|follow[- ]?up|f/u|visit|check|care|education|teaching|consult\w*|evaluation))"
)


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _I)


@dataclass(frozen=True, slots=True)
class _Kind:
    note_type: NoteType
    pattern: re.Pattern[str]
    # A format ("SOAP note", "Office visit", "Clinic letter") names no kind of visit: the opening
    # of the note may say what the visit was for (a flu shot, an annual physical).
    specific: bool = True
    # A visit held in hospital or out of it ("Dialysis rounding note", "Chairside note",
    # "POD 2"): a progress note of a stay where the hospital shows, else this kind of visit.
    outpatient: NoteType | None = None
    # A clinic named after the visit it holds ("Pre-operative Assessment Clinic", "Post-op
    # Clinic", "Emergency Department") names the visit; other places name none.
    at_place: bool = False


# In order of precedence: the first kind a title names wins, so a name that contains another
# comes first ("Post-op visit" before "operative", "Hospital follow-up" before "discharge",
# "Emergency department consultation" is a consultation). Specialty and place words around a
# name ("Nephrology", "MICU", "Labor & Delivery") are ignored by searching for the name alone.
_TITLES: list[_Kind] = [
    # A move between units of one hospital ("MICU Transfer Note", "Transfer Summary to
    # Step-Down", "ICU transfer out") is a day of the stay, not its end; and a physician's
    # monthly review of a long-term care resident is a day of a stay there. Ranked first: a
    # labelled line beneath ("Nursing report: ...") names no kind of its own.
    _Kind(
        _T.PROGRESS,
        _p(
            # Never a transfer to another hospital ("MICU transfer to University Hospital").
            r"^(?!.*\b(?:inter-?(?:hospital|facility)|hospital to|outside|another|tertiary"
            r"|medical cent(?:er|re)|university)\b)"
            rf"(?:.*\b{_UNIT}\s+transfer\b(?! (?:form|center|centre))"
            rf"|.*\btransfer(?: note| summary| out| in)?\s*(?:to|->|\u2192)\s*(?:the )?{_UNIT}"
            # "(ICU to Step-Down Unit 4B)": one unit to another names the move on its own.
            rf"|.*\b{_UNIT}\s*(?:to|->|\u2192)\s*(?:the )?(?:[a-z]+ )?{_UNIT})"
            r"|\bstep-?down note\b|\bunit transfer (?:note|summary)\b"
            # The team's round of the ward ("Ward Round Note", "Consultant ward round") is a day
            # of the stay; the round after the take ("post-take ward round") admits.
            r"|(?<!take )\bward round\b"
            r"|\b(?:physician|provider|doctor'?s?) monthly (?:review|visit|round)\b"
            r"|\bregulatory visit\b|\b(?:ltc|long[- ]term care|snf|nursing home|care home)"
            r" (?:physician |provider )?(?:monthly )?review\b"
        ),
        # The units it names are places: "ICU to Step-Down Unit 4B".
        at_place=True,
    ),
    # A nurse's shift or progress note of a day on the ward is that day's inpatient progress
    # note, as the labelled sets read it ("NURSING PROGRESS NOTE - 5 South, Rm 512, HD 2");
    # without a ward it stays a nursing record of its own.
    _Kind(
        _T.OTHER,
        _p(
            r"\b(?:nurs(?:e|es|e's|ing)|rn)(?: shift)? progress note\b"
            r"|\b(?:nurs(?:e|es|e's|ing)|rn) shift (?:progress )?note\b"
            r"|\bnursing (?:evaluation|shift evaluation|night shift|day shift)\b"
            # "NURSING NOTE - 4 West, Rm 410": the ward decides; a nurse's note of a visit at
            # home or in hospice care is care of its own.
            r"|(?<!home )(?<!health )(?<!hospice )(?<!community )(?<!district )(?<!visiting )"
            r"(?<!skilled )\b(?:nurs(?:e|es|e's|ing)|rn)(?:'s)? notes?\b"
            # What passes a ward's patients from one shift or team to the next ("RN Shift
            # Assessment", "Nursing Handover - Ward 11", "I-PASS Handoff") and the charts of a
            # ward day ("Flowsheet - Vital Signs / I&O") are that day's record, as the nursing
            # shift note with its SBAR handoff is labelled (holdout4).
            r"|\b(?:nurs(?:e|es|e's|ing)|rn)(?: shift)? (?:assessment|report|documentation)\b"
            r"|\bshift (?:note|report|assessment)\b|\bhand-?off\b|\bhandover\b|\bsign-?out\b"
            r"|(?<!treatment )(?<!run )(?<!hd )(?<!dialysis )\bflow ?sheets?\b"
        ),
        outpatient=_T.OTHER,
    ),
    # A facility's form sending its resident to hospital ("Inter-Facility Transfer Form (SNF ->
    # HOSPITAL)") is the facility's record, not the emergency visit it asks for (dev, holdout14).
    _Kind(
        _T.OTHER,
        _p(
            r"\b(?:snf|skilled nursing|nursing (?:home|facility)|care home|ltc|long[- ]term care"
            r"|assisted living|residential care|rehab\w* facility)(?: facility)?\s*(?:to|->|\u2192)"
            r"\s*(?:the |an? )?(?:hospital|ed|er|a\s*&\s*e|emergency(?: department| room)?)\b"
        ),
        at_place=True,
    ),
    # What nurses, call centres and portals write records no visit by a clinician, whatever
    # visit it names ("Post-op phone call", "Nursing admission assessment", "SBAR").
    _Kind(
        _T.OTHER,
        _p(
            r"\b(?:telephone|phone) (?:note|call|encounter|message|contact|follow[- ]?up|f/u"
            r"|triage)\b"
            # A line answering calls keeps a record of each ("Crisis Line - Call Record").
            r"|\b(?:crisis|advice|help|nurse|triage) ?line\b|\bcall (?:record|log|note)\b"
            r"|\btelephone\b(?! (?:visit|video))|\b(?:patient|portal|mychart|secure|e-?mail)"
            r" (?:message|messaging|communication|correspondence)s?\b|\be-?visit message\b"
            r"|\bsbar\b|\bnurs(?:e|es|e's|ing)(?: progress| triage| care)?"
            r" (?:note|assessment|communication|report|documentation)\b"
            r"|\brecertification\b"
            # A pharmacy's request or the call that answers it ("Rx Refill Encounter"), and the
            # call a practice makes two days after a discharge ("TCM - Interactive Contact").
            r"|\b(?:rx |prescription |medication |med )?refill (?:encounter|request|note"
            r"|authori[sz]ation)\b|\binteractive contact\b"
            # Occupational and speech-language therapy have no type of their own; the guide's
            # therapy type is physical therapy (LABELLING "Document kinds").
            r"|\boccupational therap(?:y|ist)\b|\b(?-i:OT) (?:re-?eval\w*|eval\w*|assessment"
            r"|(?:daily |treatment |progress )*(?:note|visit))\b"
            r"|\bspeech(?: and language|[- ]language)? (?:therap(?:y|ist)|patholog(?:y|ist))\b"
            r"|\b(?-i:SLT|SALT|SLP) (?:eval\w*|assessment|note|review)\b"
            # A letter asking another clinician to see the patient is the referrer's request, not
            # the consultation ("Referral Letter", "Referral Form - Cardiology").
            r"|\breferral (?:letter|form|request)\b|\b(?:outgoing|external) referral\b"
            # Who arranges the stay's end or the patient's support records no clinician's visit.
            # (A transitional care management visit is the clinician's visit after discharge.)
            r"|(?<!transitional )\b(?:case|care) management\b"
            r"|\bdischarge planning\b|\butilization review\b"
            r"|\bsocial work(?:er)?(?:'s)? (?:note|assessment|progress note|review)\b"
            # A dentist's examination (by its CDT code "D0140", or its name) is no medical visit.
            r"|\bD0\d{3}\b|\bdental (?:progress |hygiene |clinic )?(?:exam\w*|visit|note|evaluation"
            r"|record|chart)\b"
            r"|\b(?:limited|periodic|comprehensive) oral (?:exam\w*|evaluation)\b"
            # A thread of a portal, whatever the portal is called ("MyChart", "MyHealth Portal").
            r"|\bpatient portal\b|\bmychart\b|\bmessage thread\b|\bportal message\b"
            # A nurse's visit at home is care of its own, not a physician's visit.
            r"|\b(?:skilled nursing|home health|home care|visiting nurse|sn)"
            r" (?:visit|note|visit note|assessment)\b|\bhome health (?:aide )?(?:note|record)\b"
            r"|\b(?:hospice|home|community|district) (?:care |health )?(?:nurs(?:e|ing)|rn)"
            r"(?: visit)? (?:note|record|visit)\b"
        ),
    ),
    _Kind(
        _T.POST_OPERATIVE,
        _p(
            r"\bpost[- ]?op(?:erative)?\.? (?:visit|check|follow[- ]?up|appointment|clinic|office"
            r"|wound check|note)|\bpostop(?:erative)? (?:wound )?check\b"
            rf"|\bpost[- ]?{_SURGICAL_NAME}\b|\b{_SURGICAL_NAME} (?:follow[- ]?up|f/u|check)\b"
            # "Wound check - 10 days post laparoscopic appendicectomy", "Post-operative review".
            r"|\b\d+ (?:days?|weeks?|wks?) (?:post|after|following|s/p|status post)"
            rf"(?:-op\b| op\b| (?:[\w-]+ ){{0,3}}?{OPERATION}\b)"
            r"|\bpost[- ]?op(?:erative)?\.? review\b"
            # "Re: Follow-up after laparoscopic cholecystectomy": a letter's subject.
            r"|\b(?:follow[- ]?up|review) (?:after|following|post|s/p) "
            rf"(?:[\w-]+ ){{0,3}}?{OPERATION}\b"
        ),
        at_place=True,
    ),
    # The days after an operation are counted on the ward ("Progress Note - POD #2"): a day of
    # the stay there, a later visit in a clinic ("Post-op day 10 wound check").
    _Kind(
        _T.POST_OPERATIVE,
        _p(r"\bPOD\s*#?\s*\d+\b|\bpost[- ]?op(?:erative)?\.? day\s*#?\s*\d+"),
        outpatient=_T.POST_OPERATIVE,
    ),
    # Assessments before an operation are the anaesthetist's or a specialist's opinion.
    _Kind(
        _T.CONSULT,
        _p(
            r"\bpre[- ]?(?:anesthe\w*|anaesthe\w*)\b|\banaesthe\w* (?:assessment|review)"
            r"|\banesthe\w* (?:pre[- ]?op\w* )?(?:evaluation|assessment|consult\w*)"
            r"|\bpre[- ]?op(?:erative)?\.? (?:(?:medical |cardiac |risk )?(?:evaluation|assessment"
            r"|clearance|consult\w*)|risk)"
            r"|\bpre[- ]?(?:procedure|surgical) (?:evaluation|clearance)"
            r"|\b(?:medical|cardiac|cardiology|surgical|pulmonary) clearance\b"
            r"|\bclearance (?:letter|note|evaluation|for surgery)\b|\bpre-?admission testing\b"
            r"|\bpre-?(?:op(?:erative)? )?assessment\b"
            # A surgeon's workup of a referred patient before the operation is no admission.
            r"|\bpre[- ]?(?:op(?:erative)?|surgical|procedur(?:e|al))\.? (?:history (?:and|&)"
            r" physical|h\s*&\s*p)\b"
        ),
        at_place=True,
    ),
    # Chemotherapy given in clinic is a procedure ("Infusion Visit / Treatment Note").
    _Kind(
        _T.PROCEDURE,
        _p(
            r"\binfusion (?:visit|note|record|encounter)\b|\b(?:chemo(?:therapy)?|immunotherapy"
            r"|infusion|iv) (?:administration|infusion|treatment) (?:note|record|visit)\b"
        ),
    ),
    # Pregnancy care is a series of visits, its first included ("New OB intake visit"), and a
    # physician's visit in a chemotherapy cycle one of a series ("Cycle 6 Day 1", "C3D1").
    _Kind(
        _T.FOLLOW_UP,
        _p(
            r"\b(?:new |initial |routine |return )?(?:ob|prenatal|antenatal|obstetrics?|obstetric)"
            r"(?: intake| care| follow[- ]?up| return| booking)?"
            r" (?:visit|note|check|appointment|exam|intake)\b"
            r"|\bnew ob\b|\bob intake\b|\bprenatal (?:care|intake)\b"
            # A midwife's first visit of the pregnancy in British records.
            r"|\bbooking (?:visit|appointment)\b"
            # The visit that closes pregnancy care, after a vaginal or a caesarean birth alike.
            r"|\b(?:postpartum|post-partum|postnatal|post-natal|puerperal)"
            r" (?:visit|check|follow[- ]?up|exam|appointment|care)\b"
            r"|\bcycle\s*\d+ (?:visit|note|check)"
            r"\b|\bcycle\s*#?\s*\d+,?\s*day\s*\d+\b|\bC\d{1,2}\s?D\d{1,2}\b"
            r"|\b(?:\w+ )?monitoring (?:visit|note|check|appointment)\b"
        ),
    ),
    # An anticoagulation clinic's visit, by a pharmacist or a nurse, is one INR check of a
    # series ("Anticoagulation Clinic - Pharmacist Visit", "Coumadin Clinic Note"); the clinic
    # names the visit it holds.
    _Kind(
        _T.FOLLOW_UP,
        _p(
            r"\b(?:anticoagulation|anticoag|inr|coumadin|warfarin)"
            r" (?:clinic|service|management|visit|check|follow[- ]?up)\b"
        ),
        at_place=True,
    ),
    # The infusion suite names the visit it holds, as an emergency department does: a treatment
    # given there ("HARTWELL CANCER CENTER - INFUSION SUITE / Treatment Visit Note") is a
    # procedure; a physician's cycle visit ("C3D1") is named before it and stays a follow-up.
    _Kind(
        _T.PROCEDURE,
        _p(
            r"\b(?:infusion|chemotherapy|chemo)"
            r" (?:suite|cent(?:er|re)|unit|clinic|room|bay|chair)s?\b"
        ),
        at_place=True,
    ),
    _Kind(
        _T.FOLLOW_UP,
        _p(
            r"\b(?:hospital|ed|er|emergency(?: department| room)?|post[- ]?discharge"
            r"|post[- ]?hospital(?:i[sz]ation)?|discharge) follow[- ]?up\b"
            r"|\bfollow[- ]?up (?:of|after|from) (?:an? |her |his |the |recent )?(?:ed|er|emergency"
            r"|hospital|urgent care)"
            r"|\btransitional care\b|\btransition of care visit\b|\bTCM visit\b"
            r"|\bpost[- ]?(?:discharge|hospital(?:i[sz]ation)?)"
            r" (?:visit|check|appointment|review)\b"
        ),
    ),
    # A therapist's discharge of a patient from therapy is the therapy's own last visit
    # ("Physical Therapy Discharge Summary"), not the end of a hospital stay.
    _Kind(
        _T.PHYSICAL_THERAPY,
        _p(
            r"\b(?:physical therapy|physiotherapy|(?-i:PT))\s+(?:discharge|d/c)\b"
            r"|\bdischarge (?:summary )?from (?:physical therapy|physiotherapy|(?-i:PT))\b"
        ),
    ),
    # Going home from the emergency department ends an ED visit, not a stay ("Emergency
    # Department Discharge Letter", "A&E discharge summary").
    _Kind(
        _T.EMERGENCY,
        _p(
            r"\b(?:emergency (?:department|dept|room)|ed|er|a\s*&\s*e|casualty) discharge"
            r" (?:summary|note|letter|instructions)\b"
        ),
    ),
    _Kind(
        _T.DISCHARGE,
        _p(
            r"\bdischarge (?:summary|note|report|record|instructions|paperwork|plan|form|letter)\b"
            r"|\bd/c (?:summary|note|instructions)\b|\bobservation discharge\b"
            # "After Visit Summary - Hospital Discharge"; a transfer out of the hospital
            # ("Inter-hospital Transfer Letter").
            r"|\bhospital discharge\b(?! follow| visit| check| review)"
            r"|\binter-?hospital transfer\b|\btransfer letter\b"
            # Australian hospitals send the summary of a stay as a "Discharge Referral".
            r"|\bdischarge referral\b"
            r"|\bdischarge(?: transfer)? summary\b|\bdeath summary\b"
            # A hospital's transfer of a patient to a facility ends the stay.
            r"|\bcontinuity of care (?:form|record|summary)\b|\btransfer summary\b"
            # The pharmacist's reconciliation of the list a patient leaves hospital with.
            r"|\bdischarge med(?:ication)? (?:reconciliation|rec)\b"
            r"|\b(?:hospital|acute care|inpatient) (?:to|->|\u2192) (?:an? )?"
            r"(?:snf|skilled nursing|nursing home"
            r"|(?:inpatient |acute )?rehab\w*|ltach?|long[- ]term (?:acute )?care|assisted living"
            r"|hospice|home health)\b|\bdischarge/transfer\b"
        ),
    ),
    _Kind(
        _T.PROCEDURE,
        _p(
            r"\b(?:brief |immediate )?(?:post[- ]?)?op(?:erative)?\.? (?:note|report|record)\b"
            r"|\b(?:operation|surgical|surgery) (?:note|report|record)\b"
            r"|\bprocedure (?:note|report|record|summary)\b|\bprocedures? only\b"
            r"|\bdelivery (?:note|record|summary)\b"
            # What the anaesthetist or the sedating clinician records during the procedure.
            r"|\b(?:(?:moderate|procedural|conscious|deep) )?sedation (?:note|record|report)\b"
            r"|\b(?:intra-?op(?:erative)? )?an(?:a)?esthesia (?:record|report)\b"
            # The report of the room it was done in: "Cardiac Catheterization Laboratory Report".
            rf"|\b(?:{_PROCEDURE_NAMES}|cath|ep|electrophysiology) (?:lab|laboratory|suite|unit)"
            r" (?:report|note|record|procedure)\b"
            rf"|\b(?:{_PROCEDURE_NAMES})\b{_PLACE}"
        ),
    ),
    # Operations done without a stay: the unit names the visit it holds ("DAY CASE UNIT", "Day
    # Surgery Record").
    _Kind(
        _T.PROCEDURE,
        _p(r"\bday[- ](?:case|surgery) (?:unit|cent(?:er|re)|ward|record|note|report)\b"),
        at_place=True,
    ),
    _Kind(
        _T.ADMISSION,
        _p(
            r"\bhistory (?:and|&) physical\b|\bh\s*&\s*p\b"
            r"|\badmission (?:note|history|h&p|record|assessment|evaluation|orders)\b"
            r"|\badmit(?:ting)? note\b"
            # British and Irish hospitals call the admitting doctor's history "clerking", and the
            # consultant's first round after the take the "post-take ward round".
            r"|\b(?:medical |surgical |admission |acute )?clerking\b|\bpost[- ]take\b"
            # The first visit of a hospice or home service that takes the patient on.
            r"|\b(?:rn |nurse |nursing |hospice |start of care )?admission visit\b"
            r"|\bstart of care\b"
            r"|\b(?:hospice|hospital|inpatient|rehab\w*|psychiatric|labor(?: and| &) delivery"
            r"|l\s*&\s*d|snf|nursing home|nursing facility|facility|icu|observation) admission\b"
            r"|^\W*admission\W*$"
            r"|\bhospice (?:initial )?certification\b|\bcertification of terminal illness\b"
            r"|\b(?:snf|nursing facility|nursing home|long[- ]term care) (?:initial|admission)"
            r" (?:visit"
            r"|note|h&p|evaluation)\b"
        ),
    ),
    _Kind(
        _T.PHYSICAL_THERAPY,
        _p(
            r"\bphysical therapy\b|\bphysiotherapy\b|\bPT (?:re-?eval\w*|eval\w*"
            r"|(?:daily |treatment |progress )*(?:note|visit))\b"
        ),
    ),
    # A British general practice calls each of its appointments a consultation ("GP face to face
    # consultation"): a format, as an office visit is, never a specialist's opinion. A bare
    # "Surgery Consultation" is left to the consult below: an American surgeon's first opinion
    # is titled so too, and no rule here reads a record's country for its type.
    _Kind(
        _T.FOLLOW_UP,
        _p(r"\bgp (?:surgery |practice )?consultation\b|\bface[- ]to[- ]face consultation\b"),
        specific=False,
    ),
    _Kind(
        _T.CONSULT,
        _p(
            r"\bconsult(?:ation)?s?\b|\bconsultative\b|\bnew patient\b"
            r"|\b(?:psychiatric|psychiatry|psych|behavioral health|mental health|counseling"
            r"|therapy|substance use|addiction|new patient|initial) intake\b"
            r"|\bintake (?:evaluation|assessment|interview|visit)\b"
            r"|\binitial (?:evaluation|assessment|consult\w*)\b|\bsecond opinion\b"
            r"|\breferral (?:visit|evaluation)\b|\b(?:psychiatric|behavioral health|diagnostic)"
            r" (?:evaluation|assessment)\b"
        ),
    ),
    _Kind(
        _T.EMERGENCY,
        _p(
            r"\bemergency (?:department|dept|room|medicine|services?|physician|provider|record|note"
            r"|visit|encounter)\b|\bimmediate care\b"
            r"|\b(?:ed|er)(?: provider| physician| triage)? (?:notes?|record"
            r"|report|visit|encounter|chart)\b|\burgent care\b|^\W*(?:ed|er|emergency)\W*$"
            r"|\btrauma (?:note|h&p|activation|record)\b"
            # The ambulance crew's record of an emergency call: "EMS Patient Care Report",
            # "ePCR", "Run sheet", "Prehospital care report".
            r"|\b(?:patient|prehospital|pre-hospital) care report\b|\bePCR\b"
            r"|\b(?:ems|ambulance) (?:run |call |trip )?(?:sheet|report|record|note)\b"
            r"|(?<!dialysis )(?<!hd )(?<!pd )\brun (?:sheet|report)\b"
            # Britain's urgent care: "Minor Injuries Unit", "Urgent Treatment Centre".
            r"|\bminor injur(?:y|ies) (?:unit|clinic|cent(?:re|er))\b"
            r"|\burgent treatment cent(?:re|er)\b"
        ),
        at_place=True,
    ),
    _Kind(
        _T.ANNUAL_PHYSICAL,
        _p(
            r"\bwell[- ]?(?:child|baby(?! nursery)|woman|women'?s|man|adult|visit|check|exam)\b"
            r"|\bannual\b"
            r"|\bpreventive\b|\bpreventative\b|\bwellness\b|\broutine (?:physical|exam)"
            r"|\bphysical exam(?:ination)?\b|\bhealth (?:maintenance|check|assessment)"
            r"|\b(?:sports|school|camp|pre-?employment|dot|complete) physical\b|\bAWV\b"
            r"|^\W*(?:adult |pediatric |yearly )?physical\W*$"
            r"|\bWCC\b|\bEPSDT\b|\bbaby check\b"
            r"|\b\d+[- ]?(?:day|week|wk|month|mo|year|yr)s?(?:[- ]old)? (?:well|wcc"
            r"|check[- ]?up|checkup)\b"
        ),
    ),
    _Kind(
        _T.IMMUNIZATION,
        _p(r"\bimmuni[sz]ations?\b|\bvaccin(?:e|es|ation|ations)\b|\bflu (?:shot|clinic)\b"),
    ),
    _Kind(
        _T.PROGRESS,
        _p(
            r"\b(?:(?:hemo|peritoneal )?dialysis|hd|pd)"
            # "Hemodialysis Unit Note", "Dialysis run sheet", "HD treatment flowsheet".
            r"(?: (?:unit|center|centre|clinic|chair-?side|treatment|run))?"
            r" (?:rounding|rounds|progress|treatment|run|note|visit|sheet|flow ?sheet|record)\b"
            r"|\brounding note\b|\bchair-?side (?:note|visit|rounds?)\b"
            r"|\bmonthly (?:physician |provider"
            r" )?(?:visit|note)\b"
        ),
        outpatient=_T.FOLLOW_UP,
    ),
    _Kind(
        _T.PROGRESS,
        _p(
            r"\bdaily (?:progress )?note\b|\bicu (?:progress )?note\b"
            # What a team writes during a stay: handing the patient over to the next team, or an
            # event on the ward ("Off-Service Note", "Rapid Response Event Note").
            r"|\b(?:off|on)[- ]service (?:note|summary)\b|\b(?:event|rapid response|code blue)"
            r" note\b|\binterim (?:hospital )?summary\b"
            # A newborn's day in the nursery ("Well Baby Nursery Note", "NICU Daily Note").
            r"|\b(?:nursery|nicu|mother[- ]baby(?: unit)?|couplet care)(?: daily)?(?: progress)?"
            r" note\b"
            # A physician's visit to a facility's resident is a day of a stay there.
            r"|\b(?:snf|nursing facility|nursing home|long[- ]term care|ltc|rehab\w* facility"
            r"|irf) (?:monthly |routine )?(?:physician |provider )?(?:visit|note|progress note)\b"
        ),
    ),
    # A British clinic for the patients it already knows names the visit it holds ("Rheumatology
    # Outpatients - Review Clinic", "Outpatient review").
    _Kind(
        _T.FOLLOW_UP,
        _p(r"\b(?:review|return) clinic\b|\boutpatients? review\b"),
        at_place=True,
    ),
    _Kind(_T.PROGRESS, _p(r"\bprogress notes?\b|\binterval note\b"), specific=False),
    _Kind(
        _T.FOLLOW_UP,
        _p(
            r"\bfollow[- ]?up\b|\bf/u (?:visit|note)\b|\bre-?check\b|\b(?:prenatal|antenatal"
            r"|ob|obstetric|chronic care|chronic disease|medication management|med check"
            r"|diabetes|wound care) (?:visit|note|check)\b|\bmedication management\b"
            r"|\bchronic care management\b"
            # A British mental health team's periodic review of a patient it already cares for.
            r"|\bcare programme approach\b|\bcpa review\b"
            # A session of a course of talking therapy ("Individual Psychotherapy Session",
            # "CBT session 7").
            r"|\b(?:psycho|cognitive behaviou?ral |cbt |talking )?therapy session\b|\bcbt session\b"
            r"|\b(?:individual|family|couples?|group) psychotherapy\b|\bcounsell?ing session\b"
        ),
    ),
    # A visit for an illness of the day ("Sick visit", "Acute visit") names no kind: a first
    # visit for a new complaint is no follow-up (LABELLING: `other`), a return for one already
    # treated is, as its opening says ("not better on the amoxicillin started at urgent care").
    _Kind(
        _T.OTHER,
        _p(r"\b(?:sick|acute|acute care|illness)(?: child)? (?:visit|appointment|encounter)\b"),
        specific=False,
    ),
    _Kind(
        _T.FOLLOW_UP,
        _p(
            r"\b(?:office|clinic|outpatient|return|established patient|telehealth|telemedicine"
            r"|video|virtual|in-person|provider|visit) (?:visit|note|letter|encounter)\b"
            r"|\bestablished patient\b|\breturn patient\b|\bsoap(?: note)?\b|\btelehealth\b"
            # A clinic's visit named by its specialty ("Geriatric Visit", "Rheumatology Clinic
            # Note"), as an office visit is: its opening says whether it is a first opinion.
            r"|\b(?:geriatrics?|cardiology|dermatology|endocrinology|endocrine|neurology"
            r"|rheumatology|gastroenterology|pulmonary|pulmonology|nephrology|urology|gyn|gynecology"
            r"|gynaecology|oncology|hematology|haematology|otolaryngology|ent|ophthalmology"
            r"|orthopa?edics?|podiatry|hepatology|primary care|family medicine|internal medicine"
            r"|sports medicine)(?: clinic| office| outpatient)? (?:visit|encounter)\b"
            r"|\bclinic letter\b"
            # What a patient is handed after a visit names the visit it sums up, if any.
            r"|\bafter[- ]visit summary\b|\bAVS\b|\bpatient instructions\b|\bvisit summary\b"
            # An exchange format (C-CDA) names no visit: its encounter type or its own title
            # ("Discharge Summary") does.
            r"|\bsummary of care\b|\bcontinuity of care document\b|\bc-?cda\b|\bCCD\b"
        ),
        specific=False,
    ),
    _Kind(
        _T.OTHER,
        _p(
            r"\btelephone\b|\bphone (?:note|call|encounter|message)\b|\btransfer (?:form|note)\b"
            r"|\bsbar\b|\b(?:fmla|disability|certification|prior authori[sz]ation|school|work)"
            r"(?: \w+)? form\b"
            # A leave or benefit certificate the clinician fills in ("FMLA Certification - Health
            # Care Provider Section", "Certification of Health Care Provider").
            r"|\bfmla\b|\bcertification of (?:health care provider|disability)\b"
            r"|\b(?:disability|work|school) (?:certificate|certification|excuse|note)\b"
            r"|\brefill request\b|\b(?:patient|portal) message\b"
            r"|\bnursing (?:note|communication)\b|\bcare coordination\b|\bletter of\b"
            # Reports of a test, not of a visit: "CT ABDOMEN AND PELVIS", "Pathology Report".
            r"|\b(?:radiology|imaging|pathology|laboratory|lab|cytology) (?:report|results?)\b"
            r"|^\W*(?:ct|cta|mri|mra|x-?ray|xr|ultrasound|pet(?:/ct)?|nuclear medicine"
            r"|echocardiogra(?:m|phy)|echo|ekg|ecg|eeg|emg|dexa|mammogra(?:m|phy)"
            r"|chest (?:x-?ray|radiograph|film)|(?:exercise |nuclear )?stress test)\b"
        ),
    ),
    # A nurse's visit in a clinic records no clinician's visit, unless its stated reason names
    # one ("Nurse Visit" for a flu shot is an immunization visit; for a B12 injection, other).
    _Kind(_T.OTHER, _p(r"\b(?:nurse|nursing|rn|nurse-only|nurse only) visit\b"), specific=False),
    # A medication list checked against its sources is a record of its own ("Admission
    # Medication Reconciliation"), unless its sections show a referral or a discharge.
    _Kind(
        _T.OTHER,
        _p(r"\b(?:medication|med) (?:reconciliation|rec|review|history|list)\b"),
        specific=False,
    ),
]
# A progress note titled so is an inpatient one only where the hospital shows; "Progress Notes"
# is also what clinic records call an office visit.
_INPATIENT = re.compile(
    rf"\b(?:hospitalist|hospital medicine|inpatient|hospital day|{HOSPITAL_DAY_NUMBER}"
    r"|[mscnp]?icu|ccu|ward|nursery|day of life|DOL\s*#?\s*\d+"
    r"|rm|room|bed|team|overnight|24[- ]?h(?:ou)?r events|labor|l\s*&\s*d|postpartum day"
    r"|PPD\s*#?\s*\d|POD\s*#?\s*\d"
    # A physician's note in a facility the patient lives in is a day of a stay there.
    r"|skilled nursing facility|snf|nursing facility|nursing home|long[- ]term care(?: facility)?"
    r"|ltc|rehab(?:ilitation)? facility|irf)\b",
    _I,
)
# A hospital bed or a day on the ward, without the days counted from an operation.
_WARD = re.compile(
    rf"\b(?:hospitalist|hospital medicine|inpatient|hospital day|{HOSPITAL_DAY_NUMBER}|\w*icu"
    r"|ccu|ward|rm|room|bed|team|step-?down|floor|progress note|rounds|overnight"
    r"|24[- ]?h(?:ou)?r events)\b",
    _I,
)
# Words of a hospital day anywhere in a note titled only "Progress Note".
_HOSPITAL_DAY = re.compile(
    rf"\bhospital day\b|\b{HOSPITAL_DAY_NUMBER}|\bovernight events\b|\b24[- ]?h(?:ou)?r events\b"
    r"|\binpatient\b|\btelemetry\b",
    _I,
)

# Fields whose value is a title ("Visit Type: Immunization only"), never a labelled field's value
# otherwise ("Transferring to: Emergency Department").
_TITLE_FIELDS = re.compile(
    r"(?:visit|note|encounter|document|appointment|report) type\b|^\s*(?:type of |reason for )?"
    r"(?:visit|encounter|note)\s*$|^\s*(?:title|re|subject|regarding)\s*$"
    # "Transfer of Care: ICU to Ward 12": the move is the document's title.
    r"|^\s*(?:transfer|handover|hand-?off)(?: of care)?\s*$",
    _I,
)
# Where the visit took place ("Department: Emergency Medicine") names its kind only for an
# emergency department: a clinic's department ("Department: General Surgery") hosts any visit.
# A "Location:" is where the patient lies now (an admitted patient boarding in the ED).
_PLACE_FIELDS = re.compile(r"^\s*(?:department|dept|service|setting|place of service)\s*$", _I)
_EMERGENCY_PLACE = re.compile(r"\bemergency\b|^\W*(?:ed|er)\W*$|\burgent care\b", _I)
# A title is a few words: a longer part of a line is a sentence that names other visits.
_TITLE_CHARS = 90
_TITLE_WORDS = 10
# "Patient Portal Message", "Patient Instructions" are titles; "Patient seen for..." is not, nor
# "Pt seen for ..." ("PT Daily Treatment Note" is the therapy's).
_SENTENCE = re.compile(
    r"[.!?]\s+\S|^\s*(?:the |this |(?-i:Pt |pt )"
    r"|patient (?!(?:portal|instructions|message|education"
    r"|summary|letter)\b)|he |she |they )",
    _I,
)
# A full stop that ends a sentence, not a title's "Dr." or "St.".
_PROSE = quick(r"(?<!\bdr)(?<!\bmr)(?<!\bmrs)(?<!\bms)(?<!\bst)(?<!\bvs)[.!?]\s+[a-z]", _I)
_DOCUMENT_WORD = re.compile(r"\b(?:note|report|record|summary|consultation)\b", _I)
# A label that names the visit before its details: "Well Child Check: 2 MONTH", "Prenatal
# visit: 28 weeks". Never a field about another visit ("Last visit:", "Next appointment:").
_VISIT_LABEL = quick(
    r"(?<!\blast )(?<!\bnext )(?<!\bprior )(?<!\bprevious )\b(?:visit|check|exam|evaluation"
    r"|assessment|encounter|(?:tele)?phone (?:f/u|call))\W*$",
    _I,
)
_FIELD_GAP = re.compile(r"[ \t]{2,}|\t|\|")
# Parts of a title: " - " or " / " between them, or one in parentheses ("Pre-anesthesia
# evaluation (Pre-Admission Testing Clinic)"), whose place names the clinic, not the document.
_PART_GAP = re.compile(r"\s+[-\u2013\u2014/|]\s+|\s*[()\[\]]\s*")
# The name of an organisation or a unit: its last words ("... Wellness Center", "... Associates,
# PC", "Unit 3") or "Department of ...".
# A compound word a scan spaced apart ("FOLLOW - UP VISIT", "POST - OP CHECK") is one word,
# not two parts of a title.
_SPACED_HYPHEN = re.compile(r"\b(follow|post|pre|check|walk|drop)\s+-\s+(up|op|in)\b", _I)
_PLACE_NAME = re.compile(
    r"\b(?:center|centre|clinic|hospital|associates|group|practice|partners|pllc|llc|pc|inc"
    r"|department|dept|services|institute|pavilion|unit|lab|laboratory|trust|health|healthcare"
    r"|pediatrics|paediatrics|medicine|system)\W*$"
    # "Unit 3", "Clinic 4B", "Ward C"; "Clinic Note" is a title.
    r"|\b(?:center|centre|clinic|unit|suite|ward|floor|building|bldg)\W+(?:\w{0,3}\d\w{0,3}|[a-z])"
    r"\W*$"
    r"|^\W*(?:department|dept|division|service|school) of\b",
    _I,
)
# Two or more words in capitals opening a line, before any word in lower case.
_SHOUTED_HEAD = re.compile(r"^\W*((?:[A-Z][A-Z&/'-]+[ \t]+)+[A-Z][A-Z&/'-]+)(?![\w])")
_ONE_WORD = re.compile(r"^\W*[A-Za-z]+\W*$")
_MAX_LINES = 10
_MAX_CHARS = 1200
# Where the story starts, the title lines have ended.
_TITLE_SECTIONS = frozenset({SectionName.HEADER, SectionName.OTHER, SectionName.SIGNATURE})


@dataclass(frozen=True, slots=True)
class Title:
    note_type: NoteType
    text: str
    specific: bool


def title_region(doc: Document) -> Seg:
    """The head of the document up to its first clinical section: where a title stands."""
    end = min(len(doc.text), _MAX_CHARS)
    story = next((s for s in doc.sections if s.name not in _TITLE_SECTIONS), None)
    if story is None:
        return Seg(0, end)
    # A bare title that is also a heading ("Procedure Note", "Discharge Instructions") heads the
    # document on its own line.
    trimmed = (trim(doc.text, line.start, line.end) for line in lines(doc.text, 0, end))
    first = next((line for line in trimmed if line.end > line.start), Seg(0, 0))
    bare = story.span.start <= first.start and ":" not in doc.slice(first)
    if bare:
        return Seg(0, min(end, first.end))
    # "Procedure Note: Esophagogastroduodenoscopy": a heading that names the document is its
    # title, its line the last of the title lines.
    if _DOCUMENT_WORD.search(story.heading) and story.span.start < end:
        line_end = doc.text.find("\n", story.span.start)
        return Seg(0, min(end, len(doc.text) if line_end < 0 else line_end))
    return Seg(0, min(end, story.span.start))


def _fields(text: str, line: Seg) -> list[str]:
    """The parts of a header line that could be its title: never a labelled field's value."""
    found: list[str] = []
    # A field whose value is set apart by blanks ("To:      Oncology - New Patient Referrals")
    # names where a letter goes, not what it is.
    field_value = False
    for part in _FIELD_GAP.split(text[line.start : line.end]):
        label, colon, value = part.partition(":")
        if not colon:
            if not field_value:
                found.append(part)
            field_value = False
            continue
        field_value = _field_label(label, value)
        if _TITLE_FIELDS.search(label) or (
            _PLACE_FIELDS.search(label) and _EMERGENCY_PLACE.search(value)
        ):
            found.append(value)
        elif not value.strip() or _DOCUMENT_WORD.search(label) or _VISIT_LABEL.search(label):
            # "PROCEDURE NOTE: Ultrasound-guided paracentesis": the label is the title.
            found.append(label)
    # A long title of parts ("INTERFACILITY TRANSFER / CONTINUITY OF CARE FORM - HOSPITAL TO
    # SKILLED NURSING FACILITY") is read part by part.
    # A sentence is never cut into parts: "Here for monthly B12 injection per standing order
    # (Dr. Lee). History of ..." names what was done, not the document.
    parts = (
        p
        for f in found
        for p in (
            [f] if _title_shaped(f.strip()) else _prose_head(f) if _prose(f) else _PART_GAP.split(f)
        )
    )
    return [p.strip() for p in parts if p and _title_shaped(p.strip())]


def _field_label(label: str, value: str) -> bool:
    """True for a bare field label ("To:", "Attn:") whose value follows after a gap: never a
    title field, a document's name ("PROCEDURE NOTE:") or a visit's label."""
    return not (
        value.strip()
        or _TITLE_FIELDS.search(label)
        or _PLACE_FIELDS.search(label)
        or _DOCUMENT_WORD.search(label)
        or _VISIT_LABEL.search(label)
        or _KIND_LABEL.search(label)
    )


# A field that names the document's kind: "Type:      Emergency Department Note", "Form:
# Discharge Instructions".
_KIND_LABEL = re.compile(r"^\s*(?:\w+ )?(?:type|kind|category|class|template|form)\s*$", _I)


def _prose_head(field: str) -> list[str]:
    """A sentence line's own capitals before its words ("TELEHEALTH VISIT (synchronous video,
    patient at home). Consent ..."): a title the writer put on the line; else nothing."""
    head = _SHOUTED_HEAD.match(field)
    return [field] if head is None else [field, head.group(1)]


def _prose(field: str) -> bool:
    """True for a field of more than a title's words that runs on past a full stop."""
    return len(field.split()) > _TITLE_WORDS and bool(_PROSE.search(field))


def _title_shaped(part: str) -> bool:
    return (
        0 < len(part) <= _TITLE_CHARS
        and len(part.split()) <= _TITLE_WORDS
        and not _SENTENCE.search(part)
    )


def _matches(text: str) -> list[tuple[int, str]]:
    """The rank of each kind the text names, with the words that name it.

    A place ("Valley Health & Wellness Center", "Preventive Cardiology Associates", "Harbor
    Endoscopy Center") names no kind of document, but an emergency department or an urgent
    care centre says where, and so what, the visit was.
    """
    found: list[tuple[int, str]] = []
    bare: list[tuple[int, str]] = []
    text = _SPACED_HYPHEN.sub(r"\1-\2", text)
    for part in _PART_GAP.split(text):
        place = bool(_PLACE_NAME.search(part))
        for rank, kind in enumerate(_TITLES):
            if place and not kind.at_place:
                continue
            if match := kind.pattern.search(part):
                alone = _ONE_WORD.match(part) is not None and part.strip() != text.strip()
                (bare if alone else found).append((rank, match.group()))
    # A lone word beside a document's own name qualifies it ("MEDICATION RECONCILIATION -
    # ADMISSION" is the reconciliation done at admission): it names the kind only on its own.
    return found or bare


def find_title(doc: Document) -> Title | None:
    """The type the title lines at the head of the document state, if they state one."""
    region = title_region(doc)
    candidates: list[tuple[int, str]] = []
    seen = 0
    for line in lines(doc.text, region.start, region.end):
        if trim(doc.text, line.start, line.end).start == line.end:
            continue
        seen += 1
        if seen > _MAX_LINES:
            break
        if _runs_on(doc.text, line):
            continue
        for part in _fields(doc.text, line):
            candidates.extend(_matches(part))
    if not candidates:
        return None
    rank, text = min(candidates, key=lambda c: c[0])
    kind = _TITLES[rank]
    if kind.outpatient is not None:
        on_ward = _on_ward if kind.note_type is _T.POST_OPERATIVE else _inpatient
        inpatient = on_ward(doc, region)
        return Title(NoteType.PROGRESS if inpatient else kind.outpatient, text, specific=True)
    if kind.note_type is NoteType.PROGRESS and not kind.specific:
        if _inpatient(doc, region):
            return Title(NoteType.PROGRESS, text, specific=True)
        return Title(NoteType.FOLLOW_UP, text, specific=False)
    return Title(kind.note_type, text, kind.specific)


def _runs_on(text: str, line: Seg) -> bool:
    """True for a line that goes on with the sentence of the line above ("...Please keep your" /
    "annual appointment in October."): a wrapped letter's words, never a title."""
    head = trim(text, line.start, line.end)
    if head.start == head.end or not text[head.start].islower():
        return False
    above = text[max(0, line.start - 200) : line.start].rstrip()
    return bool(above) and (above[-1].isalpha() or above[-1] == ",")


def _inpatient(doc: Document, region: Seg) -> bool:
    return bool(_INPATIENT.search(doc.text, region.start, region.end) or doc.first(_HOSPITAL_DAY))


def _on_ward(doc: Document, region: Seg) -> bool:
    """True where a hospital bed shows, the days after an operation aside."""
    return bool(_WARD.search(doc.text, region.start, region.end) or doc.first(_HOSPITAL_DAY))
