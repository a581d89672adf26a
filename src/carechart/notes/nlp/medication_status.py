"""The words that say what a note does with a drug: start, continue, change, stop, hold, resume,
give once, propose, or tell of the past; and the list labels that say it for a whole list.
"""

import re
from dataclasses import dataclass

from carechart.notes.nlp.scanning import quick
from carechart.notes.nlp.schemas import MedicationStatus

_S = MedicationStatus
_I = re.IGNORECASE

# "do NOT restart until your visit", "not to resume before": a resumption denied for now.
_NOT_YET = (
    r"(?:do not|don't|not to|should not|must not|cannot|can't|will not|won't|not yet|do n't)"
    r"\s+(?:re-?start|resume|re-?initiate|take)(?:\s+(?:it|this|them))?(?=\s+(?:until|before"
    r"|unless|till|\w+ (?:until|before|unless)))|(?:do not|don't|not to) (?:re-?start|resume)"
)

# "Losartan: do NOT take the morning of surgery", "skip the dose the day of the procedure":
# a dose left out around a procedure, the drug going on after it.
_SKIP_DAY = (
    r"(?:do not|don't|not to|no|skip|omit|hold)\s+(?:take\s+|taking\s+|give\s+)?"
    r"(?:it\s+|the dose\s+|any\s+)?(?:on\s+)?(?:the\s+)?(?:morning|day|night|evening)\s+"
    r"(?:of|before)\s+(?:the\s+|your\s+)?"
    r"(?:surgery|procedure|operation|colonoscopy|endoscopy|test|scan|cath\w*)"
)
# "Do not take losartan the morning of surgery": the day of a procedure after the name.
DAY_OF_PROCEDURE = re.compile(
    r"[^.;\n]{0,30}?\b(?:on\s+)?(?:the\s+)?(?:morning|day|night|evening)\s+(?:of|before)\s+"
    r"(?:the\s+|your\s+)?(?:surgery|procedure|operation|colonoscopy|endoscopy|test|scan|cath\w*)",
    re.IGNORECASE,
)
NOT_YET = re.compile(rf"(?<![\w/-])(?:{_NOT_YET})(?![\w/])", re.IGNORECASE)

# "hold SBP<95 or HR<55", "hold for HR < 60", "hold if K > 5.5": a parameter of the order, not
# a hold.
HOLD_PARAMETER = (
    r"(?![ \t]+(?:for[ \t]+|if[ \t]+)?(?:SBP|DBP|BP|MAP|HR|P|pulse|heart rate|RR|RASS|K|BG|FSBG"
    r"|glucose|sedation|INR)[ \t]*(?:[<>\u2264\u2265]|less|greater|below|above|over|under))"
)

# "hold for HR < 60", "hold if K > 5.5", "hold parameters": rules of the order. "Hold for 2
# days", "hold for the procedure", "hold for now" are holds.
_NOT_A_RULE = (
    r"(?! (?:for(?! (?:\d|one|two|three|a few|several|now|today|the (?:procedure|surgery"
    r"|operation)|surgery|procedure|colonoscopy|endoscopy))|if|when|parameters?)\b)"
)

# "Midazolam 2 mg IV (pre-op holding)": the holding area before theatre, not a hold.
_HOLDING_AREA = (
    r"(?<!pre-op )(?<!preop )(?<!pre op )(?<!preoperative )(?<!pre-operative )(?<!in )"
    r"(?<!surgical )(?<!same-day )(?<!same day )"
)
_NOT_AN_AREA = r"(?! (?:area|room|bay|unit|pen)\b)"

# "Pause the spironolactone", "paused lisinopril". Not the heart's pause: "3-second pause on
# metoprolol", "sinus pause after diltiazem".
_PAUSE = (
    r"(?<!second )(?<!sec )(?<!sinus )(?<!a )paus(?:e|ed|ing)"
    r"(?! (?:on|after|with|while|of|from|during|when|lasting)\b)"
)

# A dose with its unit: "50 mg", "0.5 mcg", "24 units".
_A_DOSE = r"\d+(?:\.\d+)?[ \t]*(?:mg|mcg|g|units?|u|ml|tabs?|tablets?|puffs?)\b(?!/)"

# Cue words written before a drug's name. Each pattern is matched as whole words.
_BEFORE: list[tuple[MedicationStatus, str]] = [
    (
        _S.HISTORICAL,
        r"previously (?:on|took|taking|tried|used|treated with)|(?:was|were) (?:previously )?on"
        r"|had been (?:on|taking|using)|used to (?:take|be on)|(?:has|had|have) tried|tried"
        r"|failed|(?:prior|previous|past) trials? of|formerly (?:on|took)|in the past (?:on|took)"
        r"|did not tolerate|history of (?:taking|using)"
        # An oncology history: "progressed through gemcitabine", "progression on FOLFOX".
        r"|progress(?:ed|ion) (?:on|through|after|despite)",
    ),
    (
        _S.PROPOSED,
        r"(?:re)?consider(?:ing|ed)?|whether(?: or not)? to"
        r"|(?:could|may|might|can) (?:try|consider|add|start|use|benefit from)"
        r"|options? (?:would be|include[sd]?|(?:is|are|was|were)|reviewed|discussed)"
        r"|alternatives? (?:would be|include"
        r"|is|are)|another option(?: would be)?"
        # "Suggest the primary team start tamsulosin", "recommend PCP add a statin": advice to
        # whoever will order it.
        r"|(?:recommend|suggest|advise)(?:ed|s)? (?:that )?(?:the |her |his )?(?:primary "
        r"|inpatient |admitting |medical |treating )?(?:team|pcp|primary care(?: provider)?"
        r"|hospitalist|provider|physician|cardiology|nephrology|oncology|endocrinology)"
        r"(?: to)? (?:start|add|begin|initiate|try|use|consider(?: starting| adding)?)"
        r"|recommend(?:ed|s|ing)?(?: (?:starting|adding"
        r"|initiating|initiation of|beginning|a trial of|trial of|that (?:she|he|they|the patient)"
        r" (?:start|take|try|begin)))?"
        r"|suggest(?:ed|s)?(?: (?:starting|adding|initiating|beginning|a trial of))?"
        # "Would start carvedilol", "I would add spironolactone": a consultant's advice.
        r"|would (?:also |then |likely |probably )?(?:start|add|begin|initiate)"
        r"|discuss(?:ed)?(?: (?:starting"
        r"|adding|the option of|the use of|a trial of))?(?! with\b)|candidate for"
        r"|would benefit from"
        r"|offered(?: (?:adding|starting|to (?:start|add|try)|a trial of))?"
        r"|if (?:[^.;:]{0,60}?),? (?:start|add|try|use|take|begin)|prn basis if"
        # "If AF recurs: flecainide 50 mg pill-in-pocket", "if heartburn returns, famotidine PRN":
        # a drug for a course that may come back, not one begun.
        r"|(?:if|should) [^.;:\n]{1,40}?\s(?:recurs?|returns?|comes? back|persists?|worsens?"
        # "If hypotension continues: midodrine", "if not better in 48 h, start X".
        r"|continues?|not (?:better|improved|improving|controlled)"
        r"|flares?(?: up)?)[,:]?(?: (?:then|try|use|take|consider|start|begin|add))?"
        # "+/- metolazone", "± a PPI", "cephalexin vs clindamycin": options, none chosen yet.
        # Only a lower-case "vs" right before the drug (see `reach`): "VS stable" is vital signs,
        # and "CAP vs aspiration pneumonia - ceftriaxone" weighs diagnoses, not drugs.
        r"|\+/-|\u00b1|(?-i:vs\.?|versus)"
        r"|(?:would|could|might|can|may) (?:give|switch(?: to)?|change to|prescribe|try"
        r"|take|use|offer)"
        # "Could increase olanzapine to 10 mg", "might stop atorvastatin at discharge": a change
        # or a stop put forward; the drug goes on until it is made (see _DOSE_CHANGE).
        r"|(?:could|might)(?: (?:also|then|later|eventually))?(?= (?:increas|decreas|reduc"
        r"|titrat|up-?titrat|stop|discontinu|wean|taper|hold)\w*\b)"
        # "I can send a prescription for Bonjesta - just let me know": an offer, not yet sent.
        r"|(?:would|could|might|can|may) (?:also )?(?:send|call in|write)"
        r" (?:(?:you|her|him|them) )?(?:a |the )?(?:new )?(?:prescriptions?|rx|scripts?) (?:for|of)"
        r"|plans(?: to)?|planning(?: to| on)?|(?:is |was )?interested in"
        r"|hesitant (?:about|to)|next options? (?:is|are|would be)|anticipat(?:e|es|ed|ing)"
        # "may need to reduce glipizide once Jardiance is on board": a change foreseen.
        r"|(?:may|might|could|will|would) (?:need|have) to"
        # "could step down to cephalexin", "may transition to oral linezolid": a switch foreseen.
        # Not "can": "can move to oral cephalexin at discharge" is decided.
        r"|(?:could|may|might|would)(?: (?:then|later|eventually|likely))?"
        r" (?:step (?:down|up)|transition|convert|switch over|move|de-?escalate|narrow|change over)"
        r"(?: (?:him|her|them|the patient))?(?: to)?",
    ),
    # "Prescription given for tramadol", "Rx sent for amoxicillin": a prescription, not a dose.
    (
        _S.STARTED,
        r"(?:new )?(?:prescriptions?|rx|script|e-?rx) (?:given|written|sent|provided|printed)"
        r"(?: (?:to (?:the )?pharmacy|electronically))?(?: for)?"
        # "I have given him a prescription for gabapentin", "wrote her a script for".
        r"|(?:given|provided|written|wrote|printed|gave)(?: (?:him|her|them|the patient))?"
        r" (?:a |the )?(?:new )?(?:prescriptions?|rx|script)s? for"
        # A message's or a call's prescription: "I sent fluconazole 150 mg", "I've sent the
        # prescriptions to your pharmacy:", "called in amoxicillin".
        r"|(?:sent(?! home)|called in|phoned in|e-?prescribed)(?: (?:in|over))?"
        r"(?: (?:a |the |your )?(?:new )?(?:prescriptions?|rx|scripts?)(?: for)?)?"
        r"(?: to (?:the |your |her |his )?pharmacy)?",
    ),
    (
        _S.GIVEN,
        # "given hives hx -> cefdinir", "given her age, apixaban": the preposition, not a dose.
        r"given(?!\s+(?:that|his|her|their|its|this|these|those|concern|concerns|risk|age"
        r"|history|hx|h/o|recent|ongoing|renal|hepatic|allerg\w*|hives|rash|intoleran\w*|side"
        r"|high|low|poor|good|prior|improvement|symptoms|recurrent|persistent|repeated|multiple"
        r"|known|worsening|elevated|severe|significant|documented|frequent|previous"
        r"|the (?:fact|risk|concern|history|patient's)|lack|absence|presence|failure"
        r"|severity|likely|possible|pt's|patient's)\b)"
        r"|administered|received|gave|(?:was|were)? ?treated (?:with|w/)|injected(?: with)?"
        # "Also got KCl 40 mEq PO x2": a dose; not "got a prescription for", "got worse on".
        r"|got(?! (?:a |an |the |his |her )?(?:new )?(?:prescriptions?|rx|scripts?|refills?)\b)"
        r"(?! (?:better|worse|sick|off|used|tired)\b)"
        r"|injection of|infused|(?:iv )?bolus(?:ed)?(?: of| with)?|loading dose of|a dose of"
        r"|one dose of|single dose of|pre-?medicated with|premedication with|s/p|applied",
    ),
    (
        _S.STOPPED,
        r"stop(?:ped|ping)?|discontinu(?:e|ed|ing)|d/c(?:'?d)?|dc'?d|cease[ds]?|quit(?:s|ting)?"
        r"|(?:taken )?off(?: of)?|no longer (?:taking|on|takes|using|needs)|self[- ]discontinued"
        r"|completed(?: (?:a|the|his|her|their) course of)?"
        r"|finished(?: (?:a|the|his|her) course of)?|came off|ran out of"
        # "has not needed ibuprofen since October": a drug as needed that is used no more.
        r"|(?:has|have|had)(?: not|n't) (?:needed|required)|no (?:longer )?need for",
    ),
    # "Resume home medications, including X": after a procedure the usual drugs go on.
    (
        _S.CONTINUED,
        r"resum(?:e|ed|ing) (?:all )?(?:(?:her|his|their|usual|regular|prior|other) )*home "
        r"(?:medications|meds)(?:,? (?:including|incl\.?|as follows|:))?",
    ),
    # "Do not restart lisinopril until ...": a resumption denied for now leaves the drug held.
    (
        _S.HELD,
        # "keep holding lisinopril", "hold off on metformin", "pause the spironolactone".
        r"(?:continue|keep|remain) (?:to )?hold(?:ing)?|hold(?:ing)? off(?: on)?"
        r"|"
        + _PAUSE
        + "|"
        + _HOLDING_AREA
        + r"hold(?:ing)?"
        + _NOT_AN_AREA
        + _NOT_A_RULE
        + HOLD_PARAMETER
        + "|held|withh(?:o|e)ld(?:ing)?"
        r"|(?:do not|don't|not to|should not|must not) (?:re-?start|resume)"
        r"(?!\s+(?:until|before|unless|till|it|them|this)\b)",
    ),
    (_S.RESUMED, r"resum(?:e|ed|ing)|re-?start(?:ed|ing)?|re-?initiat(?:e|ed|ing)|back on"),
    (
        _S.CHANGED,
        r"increas(?:e|ed|ing)|decreas(?:e|ed|ing)|(?:up-?)?titrat(?:e|ed|ing)|adjust(?:ed|ing)?"
        r"|reduc(?:e|ed|ing)|wean(?:ed|ing)?|taper(?:ed|ing)?|doubl(?:e|ed)|halv(?:e|ed)"
        r"|chang(?:e|ed|ing) (?:the )?(?:dose|dosing|frequency) of|new dos(?:e|es|ing)(?: of)?"
        # "step down omeprazole to 20 mg", "bump up the gabapentin".
        r"|(?:step|stepp(?:ed|ing)|steps|bump(?:ed|ing)?|dial(?:ed|led)?) (?:down|up|back)(?: on)?",
    ),
    (
        _S.STARTED,
        r"start(?:ed|ing)?|initiat(?:e|ed|ing)|begin|began|commence[ds]?|add(?:ed|ing)?"
        r"|new(?:ly)?(?: (?:start|started|prescribed|prescription for))?|prescrib(?:e|ed|ing)"
        r"|placed on|put on|(?:a )?trial of|rx|will (?:start|begin|add|use)"
        # Anticoagulation around a procedure: "bridge with enoxaparin", "bridging with Lovenox".
        r"|bridg(?:e|ed|ing)(?: (?:him|her|them|the patient))? (?:with|on)"
        r"|discharged (?:home )?(?:on|with)|sent home (?:on|with)|dispensed",
    ),
    (
        _S.CONTINUED,
        r"continu(?:e|es|ed|ing)|cont\.?|remains? on|maintain(?:ed)?(?: on)?|stable on|tolerating"
        r"|takes|taking|currently on|(?:is|are|was) on"
        # Not "acute on chronic HFrEF - furosemide": the disease, not a drug taken.
        r"|(?<!acute )on (?:chronic|daily|home|long-term)"
        r"|uses|using|(?:has|have) (?:been )?used|compliant with|adherent to|refill(?:ed)?"
        r"|controlled on"
        # "keep MiraLAX PRN", "keep taking the amlodipine"; not "keep off ibuprofen" (nor "keep
        # lisinopril on hold": see KEPT_OFF).
        r"|keep(?:s|ing)?(?! (?:off|away|out|holding|hold)\b)|on",
    ),
]
# "Keep lisinopril on hold", "keep Jardiance off until eating": after the name, words that make
# a "keep" keep the drug paused, not going.
KEEP = re.compile(r"keep", re.I)
KEPT_OFF = re.compile(r"[^.;\n]{0,40}?\b(?:on hold|off|held|stopped|paused)\b", re.I)
# "Change A to B", "switch from A to B": A stops and B starts.
_SWITCH = r"switch(?:ed|ing)?|chang(?:e|ed|ing)|convert(?:ed)?|transition(?:ed)?|replac(?:e|ed)"
# What follows "given" when it tells of a dose: "given today", "given in the ED", "given x1",
# "given IV", "given slowly", "given prior to the procedure", "given the morning of surgery".
_GIVEN_NEXT = (
    # "given x2 on 11/11", "given x 3": the count of the doses.
    r"x ?\d{1,2}|today|tonight|now|here|in|at|on|by|to|x|via|per|as|and|or|but|then|with|within"
    r"|during"
    r"|while|over|overnight|yesterday|earlier|already|again|twice|once|slowly|verbally|stat"
    r"|empirically|prior|before|after|iv|po|im|sq|sc|subq|sl|pr|ivp|neb\w*|pre-?\w+|post-?\w+"
    r"|intra\w+|this (?:morning|afternoon|evening|visit)"
    r"|the (?:morning|day|night|evening) (?:of|before)"
)
# What is handed over rather than a dose: "Nexplanon at 6 wk visit - info given",
# "Instructions given:", "education provided/given".
_HANDED_OVER = (
    r"(?<!instructions )(?<!instruction )(?<!education )(?<!information )(?<!info )(?<!advice )"
    r"(?<!handout )(?<!leaflet )(?<!teaching )(?<!counseling )(?<!counselling )"
)
# Written after the name, on its line: "Aspirin 81 mg - STOP", "(new)", "was held".
_AFTER: list[tuple[MedicationStatus, str]] = [
    (
        _S.PROPOSED,
        r"(?:was|were|is) discussed|discussed|may help|might help"
        r"|(?:is|are|would be) (?:an?|another) (?:alternative|option)|could be considered"
        r"|would be reasonable|if needed later"
        # "famotidine PRN if heartburn recurs", "omeprazole vs famotidine": for a course that may
        # come back, or one option of several.
        r"|(?:prn |as needed )?if [^.;:\n]{0,40}?\s"
        r"(?:recurs?|returns?|comes? back|flares?(?: up)?)\b"
        r"|(?-i:vs\.?|versus)"
        # "duloxetine could be tried", "an SSRI may be added later": a passive option.
        r"|(?:could|may|might|can) be (?:tried|considered|added|started|used|offered)"
        # "Thiamine may stop when the bottle runs out", "metformin could be reduced later".
        r"|(?:could|may|might) (?:be )?(?:stop(?:ped)?|discontinued?|tapered|weaned|reduced"
        r"|increased|decreased)(?! (?:today|now)\b)"
        # "eflornithine cream offered - she prefers laser first", "patch offered, declined".
        r"|offered|declined|(?:she|he|they|patient|pt) (?:declines|prefers|would prefer)"
        r"|prefers? (?:to (?:avoid|wait|defer|hold off|try)|not to)"
        # "Aspirin 81 mg nightly to begin at 12 weeks", "apixaban starting day 3": set for later.
        r"|to (?:begin|start) (?:at|on|in|after|when|once)"
        r"|starting (?:on )?(?:hospital )?(?:day|week) \d+"
        # "Tranexamic acid planned intra-op", "TXA to be given at incision": a dose to come.
        r"|(?<!as )(?<!as was )planned(?! (?:and|but|last|yesterday|earlier))"
        r"|(?:is |are )?to be (?:given|administered|started|initiated)(?! (?:today|now|stat)\b)",
    ),
    # "for 5 days, then stop" is a course, not a stop.
    (
        _S.STOPPED,
        r"(?<!then )(?:stop(?:ped)?|discontinued?|d/c'?d|dc'?d|completed|finished)|no longer"
        r"|not needed"
        # "Clindamycin course complete after tonight's dose", "amoxicillin course is complete".
        r"|(?:course|courses|treatment|therapy) (?:is |was |now )?complete\b"
        # "Fish oil and meloxicam remain off", "NSAIDs stay off": a stop that holds.
        r"|(?:remains?|stays?|staying|kept) off"
        # "Since last visit glyburide, oxybutynin and Benadryl are off": taken off, now gone.
        # Only "off" that ends its clause or says since when: "sugars are off target" is not.
        r"|(?:is|are|was|were|been)(?: (?:now|all|both))? off"
        r"(?=[ \t]*(?:[.;,:)\n]|$|(?:since|after|as of|per|now|today|for now|at|on)\b))"
        # "propofol and fentanyl infusions were turned off at 06:00", "norepinephrine weaned off".
        r"|(?:turned|weaned|switched|shut|titrated) off|(?<!being )tapered off"
        # "Norepinephrine off at 06:00 today", "vasopressin off 5/19 evening", "propofol off
        # since extubation", "propofol - OFF (4/26)": an infusion stopped, told with its time.
        # Not a patch's sig: "on at 8 AM, off at 8 PM", "12 hours off".
        r"|(?<!hours )(?<!hrs )(?<!hour )off(?=[ \t]+(?:since|as of)\b"
        r"|[ \t]+at[ \t]+\d{1,2}:?\d\d\b(?![ \t]*(?:am|pm|a\.m|p\.m))"
        r"|[ \t]+(?:today|yesterday|overnight|this (?:morning|afternoon|evening))\b"
        r"|[ \t]+\d{1,2}/\d{1,2}\b|[ \t]*\(\d{1,2}/\d{1,2}(?:/\d{2,4})?\))"
        # "ondansetron removed from med list", "taken off the medication list".
        r"|(?:removed|taken off|deleted|dropped) (?:from |off )?(?:the |her |his |their )?"
        r"(?:med(?:ication)?s?|active|home) ?(?:med(?:ication)?s? )?list"
        # "Metformin 500 mg -- Not continued", "lisinopril was not continued": a drug let go.
        r"|not continued",
    ),
    # "Semaglutide ... Withhold dose due 25/01": the order to withhold is a hold too. Not the
    # past "withheld", which tells of a dose not given ("ketorolac was withheld given apixaban").
    (
        _S.HELD,
        # "Lisinopril: keep HOLDING", "propranolol: holding today", "spironolactone paused".
        r"held|on hold|(?:continue|keep|remain)s? (?:on )?hold(?:ing)?|paused"
        r"|"
        + _HOLDING_AREA
        + r"(?:with)?hold(?:ing)?"
        + _NOT_AN_AREA
        + _NOT_A_RULE
        + HOLD_PARAMETER
        + "|"
        + _NOT_YET
        + "|"
        + _SKIP_DAY,
    ),
    (_S.RESUMED, r"resum(?:e|ed)|restart(?:ed)?"),
    (
        _S.CHANGED,
        r"increased|decreased|changed|adjusted|titrated|reduced|tapered|dose change"
        # The old dose and the new one: "25 mg BID -> 50 mg BID", "from 10 mg to 20 mg",
        # "(up from 75 mcg)". A unit after the new figure: "Cr 1.2 -> 1.8" is a lab's trend.
        r"|(?:->|\u2192|=>)[ \t]*"
        + _A_DOSE
        + r"|from[ \t]+"
        + _A_DOSE
        + r"[^.;:\n]{0,25}?\bto[ \t]+\d+(?:\.\d+)?"
        # Not a lab's fall: "ALT down from 246 to 88".
        + r"|(?:up|down|increased|decreased|reduced) from[ \t]+"
        + _A_DOSE
        # "senna increase to 2 tabs BID": an order written after the name.
        + r"|(?:increase|decrease|reduce|titrate|wean|taper) to"
        # "Albuterol back to as-needed only", "omeprazole stepped down to 20 mg".
        # Not "neb x3 back to back": doses run together.
        r"|(?:go(?:es|ing)? |is |goes )?back to(?! back\b)"
        r"|(?:stepped|step|bumped) (?:down|up)(?: to)?"
        # A plan entry's own order, its schedule after a mark: "Zolpidem: taper - 2.5 mg
        # nightly x 2 weeks, then stop", "lorazepam - reduce: 0.25 mg qhs".
        r"|(?<=[-\u2013:] )(?:taper|wean|decrease|reduce|increase)(?=[ \t]*[-\u2013:(])",
    ),
    # "Use acetaminophen 650 mg ... instead": the replacement of a stopped drug begins.
    (
        _S.STARTED,
        r"started|initiated|added|new|prescribed|instead(?! of)"
        # A list's own marker after the sig: "senna 8.6 mg 2 tabs qHS - START", ": begin".
        r"|(?<=[-\u2013:] )(?:start|begin)|(?<=[\u2013:])(?:start|begin)"
        r"|(?:rx|prescription|script) (?:sent|given|written|e-?prescribed)|e-?prescribed"
        r"|sent to (?:the |her |his )?pharmacy"
        # A travel or rescue course written for the patient to carry and take if needed:
        # "azithromycin 1 g x1 standby", "to carry", "to keep on hand".
        r"|(?:as )?(?:standby|stand-by)(?: (?:dose|course|treatment|supply))?|to carry"
        r"|to (?:have|keep) on hand"
        # Malaria prophylaxis and altitude drugs: "start 1-2 days before travel", "begin 2
        # weeks before departure": prescribed now, taken from a set day before the trip.
        r"|(?:start|begin)(?:ning|ing)?(?: taking)?(?: (?:it|them))?"
        r" (?:\d+(?:[ \t]*[-\u2013][ \t]*\d+)?|one|two|three|a) (?:days?|weeks?|wks?)"
        r" (?:before|prior to) (?:(?:the|your|her|his) )?"
        r"(?:travel\w*|trip|departure|leaving|arrival|ascent|entering)",
    ),
    (
        _S.GIVEN,
        # "given vivid dreams", "given her age": the preposition, not a dose given.
        r"(?<!not )(?<!never )(?:administered|applied|instilled|injected)(?!\s+(?:that"
        r"|the(?! (?:morning|day|night|evening) (?:of|before))|his|her|their|its|this|these|concern"
        r"|risk|age|history|recent|ongoing|renal|hepatic"
        r"|vivid|side|high|low|poor|good|prior hx|improvement|symptoms|a |an |for ))"
        # "given" before any other word is the preposition ("given purulent sputum", "given
        # culture results"): only the words of a dose's time, place or way may follow it.
        r"|(?<!not )(?<!never )"
        + _HANDED_OVER
        + r"given(?=[ \t]*(?:[^\w \t]|\d|$|(?:"
        + _GIVEN_NEXT
        + r")\b))"
        r"|(?:x|for) ?[1-4] (?:more )?doses\b"
        # "KCl 10 mEq IV x4 runs", "x2 today", "x 3 bags now": the doses of this day alone.
        r"|x ?[1-6] (?:runs|bags|boluses|today|now|tonight|stat"
        r"|this (?:morning|afternoon|evening))\b"
        # "x 1 week", "x1 month": how long a course lasts, not a single dose.
        r"|(?<!repeat )(?<!max )(?:x ?1(?! ?(?:weeks?|wks?|months?|mos?|days?|years?)\b)|once)"
        # "azithromycin 1 g x1 standby": a dose for the patient to carry (see STARTED).
        r"(?![ \t,]+(?:as[ \t]+)?(?:standby|stand-by|to carry|to (?:have|keep) on hand)\b)"
        # "uses it about once a month", "once or twice a week": how often it is used.
        r"(?! (?:daily|a day|weekly|per|a week|monthly|every|a month|a year|yearly|or twice"
        r"|in a while|nightly))|stat|one dose|single dose|was treated",
    ),
    # "Ceftriaxone day 3", "azithromycin (day 2 of 3)": a course under way.
    # "Lisinopril taken with a sip of water": the usual dose, taken on the day of a procedure.
    (
        _S.CONTINUED,
        # "- continue through 03/03 (4 weeks)", "continue for 10 days": how long the entry runs,
        # which leaves its list's label ("NEW:") the verdict.
        r"continued?(?!\s+(?:through|thru|until|till|for|x)\s*\d)"
        # "x 10 days (continue 48 h after clear)": how long the course runs past an event.
        r"(?!\s+\d+\s*(?:h|hrs?|hours?|d|days?|wks?|weeks?)\s+(?:after|past|beyond)\b)"
        r"|unchanged|no change|same"
        # "magnesium oxide 400 mg - still taking" under "Preventives tried:": it goes on.
        r"|still (?:taking|takes|using|uses|on)(?: (?:it|them))?"
        # Not day 1: "(day 1 = today)" is the course's first day, begun now; "back on from day
        # 1" is taken since.
        r"|(?:\(|\b)day (?!0?1(?!\d))\d{1,2}(?: of \d{1,2})?|\b(?:from|since) day \d{1,2}"
        r"|taken (?:with|this morning|today|as usual|as scheduled|as prescribed)"
        # "metoprolol 25 mg twice daily as usual", "levothyroxine per usual": it goes on.
        r"|(?:as|per) usual"
        # A refill or a renewal of a drug the patient takes: "omeprazole 20 mg: refilled x 90
        # days", "Lipitor renewed", "refill sent"; "as you have prescribed" is another's order.
        r"|refilled|renewed|refill (?:sent|approved|authori[sz]ed|called in|e-?prescribed|given)"
        # A bare "as directed" is the sig of any prescription, a new one too ("Amoxicillin 875
        # mg BID x 10 days as directed"); only one written before says the drug goes on.
        r"|as (?:previously |already |currently )?(?:you have |he has |she has |they have )?"
        r"prescribed|as (?:previously |already )directed",
    ),
    (
        _S.HISTORICAL,
        r"(?:was|were|has been|had been) tried"
        r"|in (?:19|20)\d\d|\d+ (?:years?|yrs?) ago|(?:[7-9]|1\d|[2-9]\d) (?:months?|mos?) ago"
        r"|(?:a|one) (?:year|yr) ago|as a (?:child|teen)|in the past"
        r"|years ago|in (?:his|her) (?:youth|twenties|thirties)",
    ),
]


# The words a verb may take before the drug: "stopped taking her", "started on the".
_OBJECT = r"(?:\s+(?:taking|using|her|his|their|the|its|on|with|of))*"


# Every cue opens at the start of a word: not after a letter, a slash or a hyphen.
_WORD_START = r"(?<![\w/-])"


def _cues_source(cues: list[tuple[MedicationStatus, str]]) -> str:
    return "|".join(
        f"(?P<{status.value}{i}>{_WORD_START}(?:{pattern}){_OBJECT}(?![\\w/]))"
        for i, (status, pattern) in enumerate(cues)
    )


def _alternation(cues: list[tuple[MedicationStatus, str]]) -> re.Pattern[str]:
    # Every alternative opens with the same look behind: tested once first, it passes over the
    # inside of each word at one test (a zero-width assertion: the matches are the same); the
    # first two letters of the cues then turn most word starts away.
    return re.compile(_WORD_START + quick(_cues_source(cues), _I, pairs=True).pattern, _I)


BEFORE_CUE = _alternation(_BEFORE)
AFTER_CUE = _alternation(_AFTER)
SWITCH_CUE = re.compile(rf"(?<![\w/-])(?:{_SWITCH})(?:\s+(?:from|over))?(?![\w/])", _I)
# What joins the old drug to the new one in "change A to B".
SWITCH_TO = re.compile(r"^[^.;:]{0,60}?\b(?:to|with|for)\s+(?:\w+\s+){0,2}?$", _I)
# "cannot be taken off X", "do not stop X": the denial is of the stopping, so X goes on.
DOUBLE_NEGATION = quick(
    r"(?:not|cannot|can't|can not|never|don't|do not|should not|shouldn't|must not|unable to)"
    r"\s+(?:be\s+)?(?:taken off|come off|stop(?:ped)?|discontinue[d]?|hold|held|miss)\b",
    _I,
)
# Cues of the weak sort ("on", "takes") count only right before the name.
_WEAK = re.compile(
    r"takes|taking|currently on|(?:is|are|was) on|on \w+|uses|using|(?:has|have) (?:been )?used"
    # "sent" is a prescription only next to the drug, never "cultures sent ... lisinopril".
    r"|sent|called in|phoned in",
    _I,
)
WEAK_REACH = 24
_BARE_ON = re.compile(r"on", _I)
# "A vs B": an option only between two drugs, so right before the second one.
VERSUS = re.compile(r"vs\.?|versus")


def cue_status(match: re.Match[str]) -> MedicationStatus:
    group = next(name for name, value in match.groupdict().items() if value is not None)
    return MedicationStatus(group.rstrip("0123456789"))


def reach(match: re.Match[str]) -> int:
    """How far before a name a cue may stand: "on" only right before it, "takes" a few words."""
    if _BARE_ON.fullmatch(match.group()) or VERSUS.fullmatch(match.group()):
        return 1
    return WEAK_REACH if _WEAK.fullmatch(match.group()) else 10_000


# A list's own label line: "NEW medications:", "STOP taking these medications", "Changed:".
_LABELS: list[tuple[MedicationStatus, str]] = [
    (_S.STOPPED, r"stop|stopped|discontinue[d]?|d/c|remove[d]?|no longer take|do not take"),
    (_S.HELD, r"hold|held|on hold"),
    (_S.RESUMED, r"resume[d]?|restart(?:ed)?"),
    (_S.CHANGED, r"change[ds]?|changed how you take|adjusted|modified|dose changes?"),
    # Not the noun: "Medications at start of visit".
    # "Comfort kit ordered:", "Hospice e-kit:", "Comfort kit ordered today, delivered 16:00:":
    # what the visit orders for the patient to have.
    (
        _S.STARTED,
        r"start(?! of\b)|started|new|added|begin|prescriptions?|prescribed|(?<!not )ordered"
        r"|(?:comfort|hospice|emergency|symptom(?: relief| management)?|e-)[ \t]?kit",
    ),
    # "CONTINUE (no change)": a denied change is a continuation, read before "change" is.
    (
        _S.CONTINUED,
        r"continue[d]?|unchanged|no changes?|without changes?|same|keep taking|current|home",
    ),
    # "Induction (RSI):", "ED treatment:" above the doses of the intubation or the ED. Not
    # what was handed over: "Instructions given:", "Education provided/given:".
    (
        _S.GIVEN,
        _HANDED_OVER + r"given|administered|received|(?:rapid sequence )?induction|RSI"
        r"|(?:ED|ER|emergency (?:room|department)) (?:treatment|therapy)",
    ),
    (_S.UNKNOWN, r"ask your (?:doctor|provider)|review with"),
    # "Prior trials:", "Previously tried:", "Failed medications:": what was taken before. Not
    # "Medications prior to admission", the home list.
    (
        _S.HISTORICAL,
        r"prior(?! (?:to|auth\w*|approval)\b)|previous(?:ly)?(?! to\b)"
        r"|past(?! (?:medical|surgical|history)\b)"
        r"|failed|tried|former(?:ly)?",
    ),
]
LABEL_CUE = quick(
    "|".join(
        f"(?P<{status.value}{i}>(?<![\\w/])(?:{pattern})(?![\\w/]))"
        for i, (status, pattern) in enumerate(_LABELS)
    ),
    _I,
)


@dataclass(frozen=True, slots=True)
class StatusCue:
    status: MedicationStatus
    rank: int  # 3: written about this drug; 2: a list label; 1: the section's default
    start: int | None = None  # where the cue word is, when it is next to the name


CUE_RANK, LABEL_RANK, DEFAULT_RANK, NO_RANK = 3, 2, 1, 0

# Said of what is still to come: "resume clopidogrel tomorrow", "switch to PO prednisone once
# improving". A resumption to come leaves the drug held; a start or switch to come is proposed.
FUTURE = quick(
    r"\b(?:tomorrow|at discharge|on discharge|prior to discharge|before discharge|after discharge"
    r"|once (?:\w+ ){0,3}?(?:improv\w*|stable|tolerating|recovered|resolved|normali[sz]\w*|back"
    r"|able|eating|afebrile|cleared)|when (?:\w+ ){0,3}?(?:improv\w*|stable|able|tolerating)"
    r"|in \d+ (?:hours|days|weeks)|in (?:a|one|two|three) (?:days?|weeks?)|next (?:week|visit)"
    # "will start once QuantiFERON, hepatitis panel and CBC come back clear": results awaited.
    r"|once [^.;:\n]{0,60}?\b(?:come back|comes back|return|returns|result|resulted|are back"
    r"|is back)\b"
    r"|after (?:the )?(?:procedure|surgery|biopsy|colonoscopy)|as (?:an )?outpatient"
    # A start set for a later day or waiting on a step: "to begin at 12 weeks", "starting day
    # 3", "once vitamin D is replete", "prior authorization submitted".
    r"|to (?:begin|start) (?:at|on|in|after|when)|starting (?:on )?(?:hospital )?(?:day|week)"
    r" \d+|once (?:\w+ ){0,3}?(?:replete|repleted|approved|authori[sz]ed|available)"
    r"|(?:prior|pending) authori[sz]ation|authori[sz]ation (?:submitted|pending|requested))\b",
    _I,
)
# A resumption set for a later day of the stay: the drug is held until then.
RESUME_LATER = re.compile(
    r"\b(?:POD|post-?op(?:erative)? day) ?#?\d+\b|\bin the morning\b"
    r"|\bonce (?:\w+ ){0,3}?(?:eating|tolerating|taking)\b|\bif (?:SBP|BP|creatinine|Cr)\b"
    # "Resume apixaban 04/23 AM if no hematuria", "resume POD1 if BP allows": a condition.
    r"|\bif (?:there is )?no\b|\bif (?:\w+ ){0,2}allows\b"
    # "resume when eating", "resume when Cr < 1.2 and SBP > 120", "restart once INR < 2": a
    # condition still to be met.
    r"|\b(?:when|once)\s+(?!(?:today|now|home)\b)\w"
    # After an event still to come: "ok to restart after", "may resume 2 weeks after surgery",
    # "restart after 08/18", "resume with next weekly dose": a resumption set for later.
    r"|\bafter[ \t]*(?:[.;)]|$)|\b(?:\d+|one|two|three|four|five|six|seven|a) (?:hours?|hrs?|h"
    r"|days?|weeks?|wks?) after\b|\bafter (?:the |her |his |your |this )?(?:surgery|procedure"
    r"|operation|biopsy|colonoscopy|endoscopy|delivery|\d{1,2}/\d{1,2})"
    r"|\b(?:with (?:the |her |his |your )?)?next (?:weekly |monthly |scheduled )?"
    r"(?:dose|injection)\b",
    _I | re.MULTILINE,
)
# Said of the past: "completed 5 yrs anastrozole in 2014", "sertraline (2016-2017)".
PAST = quick(
    r"\b(?:in|since|until|from) (?:19|20)\d\d\b|\((?:19|20)\d\d(?:\s*[-\u2013]\s*(?:19|20)?\d\d)?"
    r"|\b(?:19|20)\d\d\s*[-\u2013]\s*(?:19|20)\d\d\b|\b\d+ (?:years?|yrs?) ago\b"
    # Months ago: a stop within about 6 months is recent (stopped), one before it is past.
    r"|\b(?:[7-9]|1\d|[2-9]\d) (?:months?|mos?) ago\b|\b(?:a|one) (?:year|yr) ago\b"
    r"|\byears ago\b|\bas a (?:child|teen\w*)\b|\bin the past\b|\bremote(?:ly)?\b"
    # A loose time long past: "ran out of his Lantus months ago", "stopped a while ago",
    # "stopped atorvastatin last year" (not "3 months ago", read by its number above).
    # "Two months ago", "a few months ago" are as recent as "2 months ago".
    r"|(?<![\d ]{2})(?<!\d)(?<!one |two |few |six )(?<!four |five )(?<!three )(?<!couple )"
    r"(?<!couple of )\bmonths ago\b|\b(?:a (?:long )?while|a long time|some time) ago\b"
    r"|\b(?:(?:early|late|mid)[- ])?last year\b"
    # A year of its own in a list entry: "Sertraline 50 mg, 2019 - stopped", "(spring 2023)".
    r"|\((?:(?:spring|summer|fall|autumn|winter|early|late|mid) )?(?:19|20)\d\d\)"
    r"|,[ \t]*(?:19|20)\d\d[ \t]*(?:[-\u2013,:]|$)"
    r"|\b(?:completed|finished|stopped|discontinued)\s+(?:in\s+)?(?:19|20)\d\d\b"
    # A month of a year: "stopped 02/2026 for neutropenic fever".
    r"|\b(?:completed|finished|stopped|discontinued)\s+(?:in\s+|on\s+)?\d{1,2}/(?:19|20)\d\d\b",
    _I,
)
# "famotidine 20 mg IV BID while NPO", "thiamine 100 mg daily while inpatient": for the stay.
WHILE_ADMITTED = (
    r"\bwhile (?:in-?patient|admitted|hospitali[sz]ed|in (?:the )?hospital|NPO|intubated"
    r"|on (?:the )?vent(?:ilator)?)\b"
    r"|\bduring (?:the |this )?(?:stay|admission|hospitali[sz]ation)\b"
)
# Orders that exist only in hospital: sliding scales, prophylactic heparin, IV drugs as needed.
INPATIENT_ONLY = re.compile(
    r"sliding[- ]scale|correction(?:al)?(?: dose| scale)?|\bSSI\b|\bDVT (?:ppx|prophylaxis)"
    # "pantoprazole 40 mg IV daily (SUP)": stress ulcer prophylaxis, written short.
    r"|\bppx\b|prophyla\w*|(?-i:\bSUP\b)|per (?:CIWA|protocol)"
    r"|\b(?:while )?inp(?:atien)?t\.? only\b"
    r"|\bonly while (?:inpatient|in (?:the )?hospital|admitted)\b|\buntil discharge\b"
    r"|\bCIWA\b|\bIV\b[^.;\n]{0,30}\b(?:prn|p\.r\.n\.)"
    r"|\b(?:prn|p\.r\.n\.)[^.;\n]{0,30}\bIV\b|5,?000 (?:units|u)\b[^.;\n]{0,15}\b(?:SC|SQ|subq)"
    # The prophylactic dose of a low-molecular-weight heparin: "enoxaparin 40 mg SC daily".
    r"|^\W*(?:30|40) ?mg\b[^.;\n]{0,12}\b(?:SC|SQ|subq|subcut\w*)\b[^.;\n]{0,8}"
    r"\b(?:daily|once daily|q ?24 ?h?|qd)\b",
    _I,
)
# A sentence of the anaesthesia or the procedure: its drugs were given in the room.
ANESTHESIA = quick(
    r"\b(?:an(?:a)?esthe\w+|sedation|sedated|induc(?:ed|tion)|intubat\w+|LMA|infiltrat\w+"
    r"|nerve block|spinal|epidural|local|pre-?procedure|pre-?op(?:eratively)?|intra-?op\w*"
    r"|premedicat\w+|for the block|in the (?:OR|room|lab)|bolus|wound"
    # The antibiotic timed to the cut: "2 g IV prior to incision", "pre-incision".
    r"|(?:pre-?|prior to (?:skin )?|before (?:skin )?|within \d+ (?:min\w*|hours?) of )incision)\b",
    _I,
)
# A new prescription written out: a quantity to dispense or refills. Not the number of a dose
# ("DuoNeb neb #2", "dose #1", "injection #3 due 12/02").
DISPENSE = re.compile(
    r"(?<!dose )(?<!neb )(?<!shot )(?<!bag )(?<!cycle )(?<!injection )#\s?\d+"
    r"|\bdisp(?:ense)?\b|\brefills?\b|\bqty\b",
    _I,
)
# A nursing facility's own document (its MAR is the resident's current drugs, not a stay's
# orders): named at the head of the note.
FACILITY = re.compile(
    r"\b(?:skilled nursing|nursing (?:home|facility|center)|long[- ]term care|assisted living"
    r"|SNF|LTC|care home|residential care)\b",
    _I,
)
FACILITY_HEAD = 400
# A note of a hospital stay.
INPATIENT = quick(
    r"\bhospital day\b|\bHD ?#?\d|\bPOD ?#?\d|\binpatient\b|\bthe floor\b|\btelemetry\b"
    r"|\bdischarge summary\b|(?-i:\bMAR\b)|\bdate of admission\b|\badmit to\b|\bhospital course\b"
    r"|\bprogress note\b|\bhistory and physical\b|\bH&P\b|\binterval events\b"
    r"|\badmission date\b|\bdischarge date\b|\bdate of discharge\b|\blength of stay\b"
    # An intensive care unit's notes and its transfers to the ward.
    r"|\b(?:MICU|SICU|CVICU|CCU|ICU)\b(?![ \t]+(?:nurse|RN|nursing|staff|physician|doctor))"
    r"|\bstep-?\s?down (?:unit|bed|note|transfer|status)\b"
    r"|\bto (?:the )?step-?\s?down\b|\bfloor team\b|\bprogressive care\b"
    r"|(?-i:\bLOS\b)",
    _I,
    pairs=True,
)


# A break between two drugs: a comma, ";", a dash, a new line, "and/but/then", a numbered item.
# Words of the order may follow it before the verb: "and please stop", ", will hold".
_ORDER_OPENS = re.compile(
    r"(?:[,;\n]|[ \t][-\u2013\u2014][ \t]|\b(?:and|but|then|also|plus)\b"
    r"|(?<![\w.])\d{1,2}[.)][ \t])"
    r"\s*(?:(?:and|but|then|also|please|will|we will|we'll|i will|i'll|plan(?:s)? to|to|now)"
    r"\s+)*$",
    _I,
)
# What may stand between the verb and the drug it orders: "discontinue the naproxen", "switch to
# losartan", "increase the dose of metformin". Nothing else: in "stopped because of naproxen"
# the verb is not naproxen's.
_ORDERS_NEXT = re.compile(
    r"[ \t]*(?:(?:the|a|an|his|her|their|dose of|to|over to|from|with)[ \t]+)*", _I
)


def next_order(text: str, start: int, following: int) -> int | None:
    """Where an order of the next drug begins, between a drug's name (ending at `start`) and the
    next name (at `following`): "Lisinopril 10 mg daily, discontinue the naproxen" orders
    naproxen alone, so the words said of lisinopril end at the comma. None when no verb right
    before the next name opens a clause of its own."""
    cues = (
        *BEFORE_CUE.finditer(text, start, following),
        *SWITCH_CUE.finditer(text, start, following),
    )
    last = max(cues, key=lambda cue: cue.start(), default=None)
    if last is None or not _ORDERS_NEXT.fullmatch(text, last.end(), following):
        return None
    opened = _ORDER_OPENS.search(text, start, last.start())
    return opened.start() if opened else None
