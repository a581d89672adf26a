"""Problems: active ones from the assessment and diagnosis lists, past ones from the history.

A problem is a condition. An assessment written problem by problem ("1. AKI on CKD 3b -",
"# HTN: continue ...") gives one problem, or several where its head joins them ("respiratory
failure 2/2 AECOPD + CAP"); the lines under it say what to do and are no problems. Headings,
procedures, visit reasons, vaccinations, allergies, drugs, tests and orders are never problems.
Mentions of one concept ("HTN" and "Hypertension, well controlled") are merged, the assessment's
status winning over the past history's.
"""

import re
from collections.abc import Iterator
from functools import lru_cache

from carechart.notes.nlp.context import Context
from carechart.notes.nlp.document import Document
from carechart.notes.nlp.scanning import quick
from carechart.notes.nlp.schemas import NegatedFinding, Problem, ProblemStatus, SectionName
from carechart.notes.nlp.sections import is_heading_label, is_heading_name, names_problem_list
from carechart.notes.nlp.text import Seg, lines, split_items, strip_bullet, trim
from carechart.notes.nlp.vocabulary import find_drug_names

_N = SectionName
_I = re.IGNORECASE
_ACTIVE_SOURCES = {_N.ASSESSMENT, _N.ASSESSMENT_AND_PLAN, _N.DIAGNOSES}
_PAST_SOURCES = {_N.HISTORY}
# Sections whose problems are history unless the assessment takes them up: the past history,
# and the conditions a story opens with.
_HISTORY_SOURCES = {_N.HISTORY, _N.PRESENT_ILLNESS}
# Sections telling the story of the visit, whose opening names the patient's conditions.
_STORY_SOURCES = frozenset({_N.PRESENT_ILLNESS, _N.SUBJECTIVE})
_MANAGING = (_N.ASSESSMENT, _N.ASSESSMENT_AND_PLAN, _N.DIAGNOSES, _N.PLAN)
# An item of a problem-oriented list: "1.", "2)", "#", "#3".
_NUMBERED = re.compile(r"[ \t]*(?:#\s*\d*[.):]?|\(?\d{1,2}[.)](?!\d))[ \t]*")
# The head of an item ends where the note starts saying something about the problem.
# Species a genus's initial is written before: "E. coli", "C. diff", "H. pylori".
_SPECIES = (
    r"(?:coli|difficile|diff|aureus|pylori|pneumoniae|epidermidis|faecalis|faecium|fragilis"
    r"|marcescens|vulgaris|mirabilis|aeruginosa|pyogenes|agalactiae|albicans|glabrata|jirovecii"
    r"|trachomatis|gonorrhoeae|vaginalis|cloacae|oxytoca|influenzae|lugdunensis)"
)
_HEAD_END = re.compile(
    r",|;|:|\(|\s{3,}|\t|\||\s[-\u2013\u2014]+\s|\s--|\s*\[(?=[A-Z]\d{2})|"
    # A sentence's full stop, not a genus's initial: "E. coli bacteremia", "S. aureus", also in
    # capitals ("WITH E. COLI BACTEREMIA").
    r"(?<!\b[A-Z])\.(?:\s|$)|(?<=\b[A-Z])\.(?!\s*" + _SPECIES + r"\b)(?:$|\s(?-i:(?!\s*[a-z])))|"
    r"\s(?:likely|probably|possibly|presumed|versus|vs\.?|"
    r"improving|improved|worsening|worse|better|stable|controlled|uncontrolled|well[- ]controlled|"
    r"superimposed(?!\s+on)|(?:in|since)\s+(?:\d{1,2}/)?\d{4}\b|\(?\d{4}\)?(?=\s*$)|"
    r"(?:is|are|was|were|has|had)\s|"
    r"in (?:an? |the )?(?:patient|pt|setting|context)|"
    r"poorly controlled|resolving|currently|now|today|since|per|as above|x\s?\d+|for\s+\d|"
    r"(?=(?:19|20)\d{2}\b)|(?:in\s+(?:the\s+)?)?(?:19|20)\d0'?s\b|"
    # A problem table's status column: "Permanent atrial fibrillation Active 2019".
    r"(?=(?:active|inactive)\s+\d)|"
    r"at\s+(?=\d+\s*(?:weeks?|wks?|cm|mm)\b)|"
    r"treated|repaired|managed|followed|diagnosed|dx|noted|requiring|with (?:plan|recent)|s/p|"
    r"triggered|caused|precipitated|provoked|induced by"
    r"|status[- ]post)\b",
    _I,
)
# Where a head names two problems: "respiratory failure 2/2 AECOPD + CAP", "AKI on CKD 3a".
_JOINS = re.compile(
    r"\s+(?:2/2|due to|secondary to|d/t|c/b|complicated by|superimposed on|"
    r"in (?:the )?setting of)\s+"
    r"|\s+\+\s+|\s+/\s+|\s+&\s+|\s+with(?=\s+(?:acute|chronic)\b)|\s+(?:from|plus)\s+"
    # "T2DM with microalbuminuria", "E. coli pyelonephritis with bacteremia": a second disease
    # named by its form. "With hyperglycemia" is the code's word for uncontrolled diabetes.
    # "With history of hypertension" tells the past, not a second problem of the visit.
    r"|\s+with(?=\s+(?!(?:a\s+)?(?:history|hx)\b)(?:[\w-]+\s+){0,2}(?!hyperglyc)(?:\w{3,}(?:emia|pathy|itis|os[ie]s|uria|ism)|"
    # "Opioid overdose with respiratory depression", "Osteoporosis with left hip fracture".
    # Not "Osteoporosis with fragility fracture", "cellulitis with abscess", "ulcer with recent
    # hemorrhage": the first disease's own form.
    r"depression|(?<!fragility )fracture|infection|effusion|shock|obstruction|retention|"
    # "Septic shock with hypotension": shock's own form.
    r"deficiency|failure|injury|perforation|(?<!shock with )hypotension|hypertension|pneumonia)\b)"
    r"|(?<!acute)(?<!dependence)\s+on\s+",
    _I,
)
# Table cells ("Hypertension | Hypothyroidism | OSA") are items as commas are.
_PAST_LIST = re.compile(r",|;|\s*\|\s*|\s+and\s+(?!(?:vomiting|diarrhea)\b)", _I)
# A sentence of a past history in prose: the list follows its lead-in.
_LEAD_IN = re.compile(
    r"[^,;\n]{0,60}?\b(?:history of|significant for|notable for|remarkable for|positive for|"
    r"includes?|including|consists of|diagnosed with)\s+",
    _I,
)
_NOT_PROBLEM = re.compile(
    r"^(?:pt|patient|he|she|they|we|i|will|would|plan|discussed|recommend\w*|advised?|continue\w*|"
    r"start\w*|stop\w*|hold\w*|held|d/c|dc|discontinue\w*|increase\w*|decrease\w*|reduce\w*|"
    r"titrate\w*|wean\w*|taper\w*|repeat|recheck|check|obtain|order\w*|monitor\w*|finish|complete|"
    r"restart\w*|resume\w*|replac\w*|chang\w*|switch\w*|counsel\w*|educat\w*|schedul\w*|refer\w*|"
    r"consult\w*|admit\w*|npo|goal\w*|keep|limit|avoid|encourage\w*|give|given|administer\w*|"
    r"may|consider|if|trial|apply|deferred|ice|elevate|rest|return|rtc|f/u|follow\w*|see|as|same|none|n/a|"
    r"nad|no acute distress|overall|thank\w*|dispo\w*|code|full code|dnr|dni|ppx|prophylaxis|"
    r"dvt ppx|gi ppx|diet|activity|access|lines?|fen|fluids|ivf|labs?|vitals?|stable vitals|"
    r"vitals stable|well pt|routine|seen|examined|attending|resident|student|signed|time|total|"
    r"anticipatory guidance|health maintenance|screening|immunizations?|vaccines?|reviewed|"
    r"delivered|completed|performed|done|obtained|sent|placed|"
    r"medications?(?!\s+(?:overuse|induced|related))|meds|allergies|results|imaging|risks?|benefits|options?|hygiene|not|no|"
    r"denies|negative|unremarkable|noncontributory|non-contributory|current|other|g\d|"
    r"(?:mother|father|brother|sister|son|daughter|grand\w+|aunt|uncle|sibling)s?|"
    r"(?:\d+[\s-]*(?:y/?o|yo|year|month|week|day)s?\b.*)|encounter for|please|born|nkda|nka|"
    r"doubt\w*|unlikely|previously|newly|recently|doing|recovering|remov\w*|do not|don't|"
    # "Need for tetanus booster": the code of a visit's reason (Z23), no condition.
    r"need for|pre-?treatment|"
    r"inr|a1c|hba1c|tsh|bmp|cmp|cbc|ldl|egfr|bnp)\b",
    _I,
)
_VISIT_REASON = quick(
    r"\b(?:annual|routine|preventive|prevention|wellness|well[- ](?:child|woman|adult|visit|"
    r"baby)|physical exam\w*|check-?up|follow[- ]?up|visit|encounter|screen(?:ing)?|"
    r"examination|exam|counsel(?:l)?ing|contraception management|"
    r"medication (?:management|refill)|refill|referral|therapy|management|monitoring|"
    r"prophylaxis|ppx|precautions|instructions|school|"
    r"awv|ippe|medicare|transfer\w*|discussion|clearance|consult(?:ation)?s?|educators?)\b",
    _I,
)
_VACCINE = quick(
    r"vaccin|immuniz|\b(?:tdap|dtap|td|mmr|hpv|ipv|hib|pcv\d*|flu shot|pneumovax|prevnar|"
    r"shingrix|gardasil)\b",
    _I,
)
# "PCN anaphylaxis" is an allergy; "Anaphylaxis due to peanut ingestion" a diagnosis.
_ALLERGY = quick(
    r"\ballerg(?:y|ies|ic to)\b|\bintoleran|(?<=\w )anaphyla"
    r"|\b(?:tape|adhesive|latex|contrast|iodine|dressing|bandage)s?\s+(?:reaction|sensitivity)\b",
    _I,
)
# Allergic conditions that are problems of their own.
_CONDITION_ALLERGY = quick(r"\b(?:seasonal|environmental|perennial)\b", _I)
_PROCEDURE = re.compile(
    r"\w+(?:ectom(?:y|ies)|otom(?:y|ies)|ostom(?:y|ies)|plast(?:y|ies)|scop(?:y|ies)|pex(?:y|ies)|"
    r"rrhaph(?:y|ies)|graphy)\b|\b(?:repair|injection|biops(?:y|ies)|catheteri[sz]ation|excision|"
    r"resection|replacement|fusion|placement|insertion|removal|debridement|drainage|bypass|cabg|"
    r"pci|ptca|stent(?:ing)?|ablation|cardioversion|transplant(?:ation)?|surgery|operation|"
    r"procedure|delivery|c-section|cesarean section|s/p|status[- ]post|post[- ]?op|amputation|"
    # A birth by its abbreviation: "SVD of a live male infant", "NSVD", "primary LTCS", "VBAC".
    r"n?svd|vavd|p?ltcs|rltcs|c/s|vbac|tolac|"
    # Operations by their abbreviations: "S/p right TKA", "POD 2 CABG", "ORIF".
    r"tka|tkr|tha|thr|orif|imn|tavr|tavi|avr|mvr|egd|ercp|peg|turp|evar|lvad|lvp|dccv|tace|rfa"
    r"|reconstruction|fixation|ligation|embolization)\b"
    # A tap and what guided it: "paracentesis", "thoracentesis", "US-guided LVP".
    r"|\w+centes[ie]s\b|\bguided\b",
    _I,
)
# A test or a value, not a condition: "A1c 8.9%", "LDL 128", "CHA2DS2-VASc = 3". Not the age a
# condition came at ("Left forearm fracture age 11").
_MEASUREMENT = re.compile(
    r"[<>=%]|\bscore\b|\d+\.\d+|(?<!type )(?<!stage )(?<!grade )(?<!class )(?<!age )\b\d{2,}\b|#\d",
    _I,
)
# A list's own label on a line of its own: "Principal", "Secondary diagnoses".
_LABEL_ONLY = quick(
    r"(?:(?:principal|primary|secondary|final|admitting|discharge|other|chronic|active|resolved)"
    r"(?:\s+(?:diagnos[ie]s|problems?))?|pain(?: control)?|analgesia|activity|diet|wound care|"
    r"dressings?|drains?|antibiotics?|anticoagulation|nutrition|mobility|weight[- ]bearing|"
    r"physical therapy|pt/ot|glucose|glycemic control|bowel regimen|nausea control|"
    r"(?:short|long)[- ]term|term|full[- ]term|contraception|birth control|"
    # A letter's closing or a title cut from its name: "Sincerely,", "Mr. Ito is ...".
    r"mrs?|ms|miss|dr|sincerely|yours(?: sincerely| truly| faithfully)?|(?:kind |warm |best )?"
    r"regards|best wishes|respectfully"
    # A body system heading a nurse's or an ICU note's assessment: "Neuro - A&O x3", "GI/GU -".
    r"|neuro(?:logic(?:al)?)?|resp(?:iratory)?|pulm(?:onary)?|cv|cvs|cardiac|cardiovascular"
    r"|gi|gu|gi/gu|renal|skin|integumentary|heme|heme/onc|endo(?:crine)?|psych|msk"
    r"|musculoskeletal|ext(?:remities)?|cardiopulm(?:onary)?|cardioresp(?:iratory)?|bowels?"
    r"|bladder|bowel(?:/| and )bladder|b/b|wounds?|safety|mood|sleep|cognition|function(?:al)?"
    r"|adls?|transfers|gait|balance|endurance|strength|rom|range of motion|lines?/drains?"
    # A topic of a yearly visit's plan: "Supplements - stop glucosamine", "Lipids - panel today",
    # "Bone health - DEXA ordered".
    r"|supplements?|vitamins?|lipids?|cholesterol|(?:bone|heart|brain|skin|eye|dental|oral"
    r"|sexual|cardiovascular|cardiac|mental|men's|women's) health)",
    _I,
)
# What a problem list holds that is no condition: a score, a device or therapy, a normal
# result, a risk, a service, a smoking status, an order with its interval, a drug's side effect.
_NOT_A_CONDITION = re.compile(
    r"\b(?:cha2ds2-?vasc|has-?bled|wells|phq-?\d+|gad-?7|meld|curb-?65|timi|nihss|gcs|apgar"
    r"|epds|audit-?c)\b"
    r"|\basa\s+(?:class\s+)?(?:[1-6]|i{1,3}|iv|v|vi)\b"
    r"|^(?:c?pap|bipap|home (?:o2|oxygen)|oxygen|o2|insulin pump)$"
    r"|(?<!ab)\bnormal\b(?!\s+(?:pressure|anion|tension))"
    # A risk, however graded, is not the condition: "PONV risk high", "Fall risk".
    r"|\brisks?(?:\s+factors?)?(?:\s+(?:is\s+)?(?:high|low|moderate|elevated|increased))?$"
    r"|\b(?:medicine|clinic|service|team)$"
    r"|^(?:former|ex-?|never|non-?|current|passive)\s*smok\w*$"
    # A smoking or drinking status, with or without its amount: "Smoker 1 ppd", "Daily smoker",
    # "Pack-a-day smoker"; not "smoker's cough" nor a use disorder.
    # A heavy or binge drinker is alcohol misuse, a problem: "Heavy drinker", "Binge drinking".
    r"|^(?!.*\b(?:heavy|binge|problem|excessive|hazardous|harmful)\s+drink)"
    r"(?:[\w-]+\s+){0,2}(?:smoker|smokes|drinker|drinks)\b(?!')"
    r"(?!.*\b(?:disorder|dependence|abuse)\b)"
    # An exam's grade ("Trace bilateral ankle edema") or a vitamin alone ("Vit D"): no diagnosis.
    r"|^trace\b|^vit(?:amin)?\.?\s*(?:[a-k]\d{0,2})$"
    r"|^independent\b|\d\+|\b(?:admissions?|hospitali[sz]ations?|ed visits?)$|\bundetectable\b"
    r"|\b(?:in|within|x)\s+\d+\s*(?:days?|weeks?|wks?|months?|mos?)\b"
    # A performance or staging scale, however written: "ECOG 1", "FAST 7c", "KPS 70", "GAF 35".
    r"|\b(?:ecog|kps|karnofsky|pps|gaf|fim|braden|morse|mmse|moca|slums|performance status)\b"
    r"|\bfast\s+(?:stage\s+)?[1-7][a-f]?\b"
    # A chemotherapy cycle and its drugs: "C3D1 carboplatin/paclitaxel", "Cycle 2 day 8 FOLFOX".
    r"|\bc\d{1,2}\s*d\d{1,2}\b|^cycle\s+\d"
    # A device where it sits, a care goal, a watch kept, a plan gone over: "Port-a-cath in
    # place", "Comfort care", "Q15 minute checks", "Safety plan reviewed".
    r"|\bin place$|\bcare$|\bchecks$|\b(?:reviewed|discussed|signed|updated|provided)$"
    # A test done or a result that finds nothing: "Home sleep apnea test already completed",
    # "Sentinel nodes grossly unremarkable".
    r"|\b(?:completed|done|ordered|scheduled)$|\bunremarkable$"
    r"|\b(?:safety|care|treatment|birth|crisis|discharge|action)\s+plans?\b"
    # A day counted from a birth or an operation: "Postpartum day 1", "POD #2".
    r"|^(?:post[- ]?partum|pp|ppd|post[- ]?op(?:erative)?|pod|hospital|hd)\s+(?:day\s*)?#?\s*\d"
    # A screening result that finds nothing, or immunity: "GBS negative", "Rubella immune",
    # "Rh positive"; "Rh negative" (anti-D is due) and "Rubella non-immune" stay problems.
    r"|^(?!rh(?:esus|d)?\b)[\w()/ -]{1,40}\s(?:negative|neg|non-?reactive|immune)$"
    r"|^rh(?:esus|d)?\s+(?:positive|pos)\b"
    # A state of health, not a disease: "Well-appearing 3 yo", "Development appropriate for
    # age", "Tolerating PO", "Breastfeeding".
    r"|^well[- ](?:appearing|hydrated|nourished|developed|child|baby|infant)\b|\bappropriate\b"
    r"|^tolerat(?:ing|es|ed)\b|^(?:exclusively\s+)?(?:breast-?feeding|lactating|lactation"
    r"|bottle[- ]?feeding|formula[- ]?feeding)$"
    # A pharmacist's finding about the regimen, not the patient: "Therapeutic duplication".
    r"|\b(?:therapeutic|therapy)\s+duplication\b|\bduplicate\s+(?:therapy|therapies|drugs?"
    r"|medications?)\b|\bdrug[- ](?:drug\s+)?interactions?\b"
    # A list's label cut from its items: "DSM-5 Diagnoses", "Rehab diagnosis", "Impairment group".
    r"|\b(?:diagnos[ie]s|dx|prognosis)$|^impairment\s+(?:group|category|code)\b"
    # A heading a specialty's assessment is written under, alone on its line: "Pain
    # assessment", "Discharge criteria", "Disease status", "Newborn", "Milestones"; "Altered
    # mental status" and "Overweight status" are problems.
    r"|^(?:disease|functional|immuni[sz]ation|vaccination|volume|legal|hydration|mental)\s+status$"
    r"|\b(?:assessment|findings|criteria|parameters|regimen|eligibility|itinerary"
    r"|necessity|examined|barriers(?:\s+to\s+[\w ]+)?)$"
    r"|^(?:(?:active|other|medical|chronic|ongoing|current)\s+)?issues$"
    # A measure's name, its value cut off: "Body mass index: 30.4".
    r"|^(?:body mass index|bmi|blood pressure|bp|weight|height|heart rate|pulse|temperature)$"
    r"|^(?:newborn|fetal|maternal|intrapartum|antepartum|infant|caregiver|strengths|milestones)$"
    # A test's name alone: "Audiogram", "Hearing test", "Apgars 8/9", "Next INR".
    r"|^\w+grams?$|^(?!(?:positive|abnormal|failed|elevated)\b)[\w-]+\s+tests?$|\bapgars\b"
    r"|^next\b"
    # An obstetric summary, whose pregnancy labels name otherwise ("IUP"): "G1P0 at 28w3d".
    r"|^g\d{1,2}\s*p\d{1,4}\b"
    # A result still to come: "Pathology pending", "Karyotype pending".
    r"|\bpending$"
    r"|^(?:nsaid|steroid|aspirin|anticoagulant|opioid)s?\s+use$"
    r"|^(?:oral contraceptives?|ocps?|nsaids?|steroids?|statins?|opioids?)$"
    r"|^long[- ]term\b.*\buse\b"
    # How much is drunk or smoked: "Alcohol 3-4 drinks/week", "smokes 10 cigarettes a day".
    r"|\b\d+(?:\s*[-\u2013]\s*\d+)?\s*(?:drinks?|glasses|beers|cigarettes|cigs|packs?|cups?)\b"
    # A count of past episodes naming no condition: "One prior episode 2019", "two previous
    # admissions"; "One episode of AOM age 2" names one.
    r"|^(?:one|two|three|four|five|a|single|several|multiple|many|\d+)\s+(?:prior\s+|previous\s+"
    r"|past\s+)?(?:episodes?|admissions?|hospitali[sz]ations?|attempts?)\b(?!\s+of\b)"
    # A remark on some of the episodes named before: "one with abscess", "two of them requiring".
    r"|^(?:one|two|three|some|most|all|both|each)\s+(?:of\s+(?:them|which|these)\s+)?"
    r"(?:with|complicated|requiring|needing)\b"
    # The column heads of a table an EHR exports: "Diagnosis Date", "Problem Onset Status".
    r"|^(?:(?:diagnos[ie]s|problems?|conditions?|procedures?|date|onset|noted|status|resolved"
    r"|comments?|laterality|provider|source|icd(?:-?10)?|codes?|description|priority|reviewed"
    r"|last|modified)\s*){2,}$",
    _I,
)
# "CTA negative for pulmonary embolism", "no evidence of DVT", "hepatorenal syndrome excluded": a
# result or a judgement that finds it absent.
_FOUND_ABSENT = quick(
    r"\b(?:negative|neg|unremarkable)\s+for\b|\bno\s+(?:evidence|signs?)\s+of\b|\bruled\s+out\b"
    # "Prostate cancer not excluded", "cannot be excluded": still possible.
    r"|(?<!not )(?<!not been )(?<!cannot be )(?<!not be )(?<!n't be )\bexcluded\b",
    _I,
)
# "Previous sulfasalazine rash": a drug and what it did is an adverse reaction.
# "Anaphylaxis to penicillin in childhood" too: a drug's reaction, kept with the allergies.
_REACTION_WORDS = quick(r"\b(?:rash|hives|intoleran\w*|reaction|side effects?|anaphyla\w*)\b", _I)
# A clause, not a name: "old records but she is not".
_PROSE = re.compile(
    r"\b(?:she|he|they|is|are|was|were|but|will|would|should|saw|tried|took|discontinued|"
    r"declined|refused|lowers|raises|drops|planning|plans|wants|prefers)\b"
    # "Headache days increased": a change told of something, not a name.
    r"|(?<=\w)\s+(?:increased|decreased|dropped|rose|fell|improved|worsened)$",
    _I,
)
# "post-cholecystectomy diarrhea", "postoperative ileus": the operation dates the problem; but
# "Status post appendectomy" is the operation itself.
_AFTER_OPERATION = re.compile(
    r"(?<!status )(?<!status-)\bpost[- ]?(?:op\b|operative\b|procedural\b|\w+(?:ectomy|otomy))"
    # "Impaired mobility after left transtibial amputation": the operation dates the problem.
    r"|(?<=\w)\s+after\s+.*$",
    _I,
)
# "S/p ORIF R ankle fracture - healing": the problem the operation treated.
_TREATED_BY = re.compile(
    r"(?:s/p|status[- ]post)\s+(?:[A-Z]{2,6}|\w+(?:ectomy|otomy|ostomy|plasty|pexy|repair|"
    r"fixation))(?:\s+(?:of|for)(?:\s+the)?)?\s+",
    _I,
)
# A drug's order after its name: its dose, or what is done with it ("Atorvastatin held while on
# daptomycin", "Potassium chloride stopped", "pemetrexed full dose").
_DOSING = re.compile(
    r"\b(?:\d|mg|mcg|units?|po|iv|sq|im|daily|bid|tid|prn|q\d|scale|drip|pm|am|hs|qhs|doses?"
    r"|dosing|held|hold|stopped|started|continued|discontinued|resumed|restarted|increased"
    r"|decreased|reduced|titrated|changed|switched)\b",
    _I,
)
_UNCERTAIN = re.compile(r"\?|\b(?:vs\.?|versus|rule out|r/o|differential)\b", _I)
# Weighed against other diagnoses: "cellulitis vs. DVT", "differential includes ...".
_DIFFERENTIAL = re.compile(r"\b(?:vs\.?|versus|differential|ddx)(?!\w)", _I)
# "In remission" is a state of a chronic disease (a cancer, a use disorder), not its end.
_RESOLVED = re.compile(r"\b(?:resolved|resolution|healed|no longer|corrected)\b", _I)
_MAX_WORDS = 10


def _numbered(doc: Document, section: Seg) -> bool:
    return any(
        _NUMBERED.match(doc.text, line.start, line.end) and line.end > line.start
        for line in lines(doc.text, section.start, section.end)
    )


def _assessment_items(doc: Document, content: Seg, problem_list: bool) -> Iterator[Seg]:
    """The problem items of an assessment or a diagnosis list. In a list written problem by
    problem only the numbered items are problems: the lines under them are what to do. Under a
    heading of its own in capitals the sectionizer did not know ("PRE-TREATMENT ASSESSMENT",
    "GOALS"), a line is a problem only when it opens with a condition's name."""
    numbered = problem_list and _numbered(doc, content)
    outlined = problem_list and not numbered and _outlined(doc, content)
    headed = False
    for line, cut in _item_lines(doc, content):
        body = trim(doc.text, line.start, line.end)
        if body.end <= body.start:
            continue
        if outlined and _indented_bullet(doc, line):
            continue  # " - Naproxen course done": what to do, under the problem's line
        if _capital_heading(doc.slice(body)):
            # "Problems addressed:" under "ASSESSMENT": the list's own name, its items follow.
            headed = headed or not names_problem_list(doc.slice(body))
            continue
        if headed and not _opens_with_condition(doc, strip_bullet(doc.text, body)):
            continue
        if _other_table_row(doc, strip_bullet(doc.text, body)):
            continue  # a medication table run into a diagnosis list the note never closed
        label = _LIST_LABEL.match(doc.text, body.start, body.end)
        if label and _FOUND_ABSENT.search(label.group()):
            continue  # "Ruled out during stay: endocarditis (...); C. difficile (...)"
        if numbered and not _NUMBERED.match(doc.text, line.start, line.end):
            continue
        # A piece cut from a line that runs several items on ends where the next begins.
        inside = _line_sentences(doc, body, body.end if cut else _wrapped_end(doc, line, content))
        if cut and not inside:
            # An item cut from a line that runs several on ("1) Renal colic  2) Migraine") lies
            # inside one sentence of the line: the item is its own sentence.
            inside = [body]
        if problem_list and inside:
            # A problem's line says what it is about after its first sentence, unless a later
            # sentence is only another name: "4. Hypertension, controlled. Hypothyroidism."
            # An assessment written as a paragraph names a problem in each sentence that opens
            # with one: "Septic shock from pyelonephritis. AKI. Thrombocytopenia, early
            # coagulopathy - r/o DIC."
            yield from _list_parts(doc, strip_bullet(doc.text, inside[0]), commas=False)
            for sentence in inside[1:]:
                if _names_only(doc, sentence) or (not numbered and _opens_with_name(doc, sentence)):
                    yield from _list_parts(doc, sentence, commas=False)
        elif not problem_list:
            yield from _diagnosis_sentences(doc, inside)


def _wrapped_end(doc: Document, line: Seg, content: Seg) -> int:
    """Where an item's line ends with the lines it wraps onto: those below it indented deeper
    that open no item or bullet of their own ("   pneumonia (lungs clear)." under "1. Acute
    delirium - ... rule out"). A table's next row, flush like its first, goes on no item."""
    indent = len(doc.text[line.start : line.end]) - len(doc.text[line.start : line.end].lstrip())
    end = line.end
    for below in lines(doc.text, min(line.end + 1, content.end), content.end):
        text = doc.text[below.start : below.end]
        deeper = len(text) - len(text.lstrip()) > indent and text.strip()
        if not deeper or _NUMBERED.fullmatch(text[: len(text) - len(text.lstrip()) + 3]):
            break
        if _SUB_BULLET.match(text) or "|" in text:
            break
        end = below.end
    return end


def _line_sentences(doc: Document, body: Seg, limit: int) -> list[Seg]:
    """The sentences a line opens: those inside it, and the last one it starts when that one
    wraps onto the lines below ("1. Acute delirium (hypoactive/mixed) - possible urinary tract
    infection vs dehydration; rule out" goes on under it). A line that only goes on with a
    sentence begun above opens none."""
    found: list[Seg] = []
    for sentence in doc.sentences_starting(body.start, body.end):
        if sentence.seg.end <= limit:
            found.append(sentence.seg)
            continue
        # Cut at the line's end, a sentence is an item only when it opens with a condition's
        # name ("Active - Alzheimer dementia, ..."): a table's header row or a wrapped remark
        # ("Elevated-risk patient by age and comorbidity, but ...") is none.
        cut = Seg(sentence.seg.start, limit)
        if "|" not in doc.slice(body) and _opens_with_condition(doc, _unlabelled(doc, cut)):
            found.append(cut)
    return found


def _unlabelled(doc: Document, seg: Seg) -> Seg:
    seg = strip_bullet(doc.text, seg)
    label = _SUB_LABEL.match(doc.text, seg.start, seg.end)
    return Seg(label.end(), seg.end) if label else seg


# A line indented under another, with its bullet: " - Topiramate: increase to 75 mg".
_SUB_BULLET = re.compile(r"[ \t]+[-*\u2022\u00b7][ \t]")
_FLUSH = re.compile(r"[A-Za-z\d]")


def _indented_bullet(doc: Document, line: Seg) -> bool:
    start = doc.text.rfind("\n", 0, line.start) + 1
    return _SUB_BULLET.match(doc.text, start, line.end) is not None


def _outlined(doc: Document, content: Seg) -> bool:
    """True for an assessment written as an outline without numbers: it opens with a problem's
    line flush left (or the summary "64M POD1 s/p colectomy"), what to do for it indented under
    it with bullets. A list of indented
    bullets with a flush label after it ("RESOLVED: ...") is no outline."""
    written = [
        line for line in lines(doc.text, content.start, content.end) if line.end > line.start
    ]
    first = _FLUSH.match(doc.text, written[0].start, written[0].end) if written else None
    return first is not None and any(
        _SUB_BULLET.match(doc.text, line.start, line.end) for line in written
    )


# A line in capitals alone, letters and joining marks only: "PRE-TREATMENT ASSESSMENT", "GOALS".
_CAPITAL_LINE = re.compile(r"[A-Z][A-Z/&' -]{2,48}[A-Z]")


def _capital_heading(text: str) -> bool:
    """True for a heading on its own line that names no condition: one in capitals ("GOALS",
    "TREATMENT TODAY:"), a heading's or a form's name ("Treatment today:", "Plan of
    Treatment"), or a body system's label with its colon ("Cardiopulm:"); not a list's own
    label ("Secondary:").
    "CHRONIC NASAL OBSTRUCTION" or "Hypertension:" alone on its line names a diagnosis."""
    label = text.rstrip()
    colon = label.endswith(":")
    label = label.rstrip(": \t")
    capitals = bool(_CAPITAL_LINE.fullmatch(label))
    own = _SUB_LABEL.fullmatch(f"{label}:") is not None  # "Secondary:": the list's own label
    known = not own and bool(_FIELD_LINE.fullmatch(label))
    # A heading's name alone, colon or not ("Plan of Treatment", "Functional Status"); a body
    # system's label with its colon ("Cardiopulm:").
    body_system = colon and _LABEL_ONLY.fullmatch(label) is not None
    labelled = known and (is_heading_label(label) or body_system)
    return (capitals or labelled) and not _labels_condition(label)


# A field's label alone on its line before its colon: a few words, no figures.
_FIELD_LINE = re.compile(r"[A-Za-z][A-Za-z/&' -]{0,40}")


# "ASSESSMENT:, 1. Orthostatic hypotension. 2. Hypokalemia.": a transcription export runs the
# numbered items of a list onto one line.
# "DIAGNOSES: 1) Left ureterolithiasis  2) Renal colic  3) Migraine, hx": a form's field runs
# them on with a run of spaces between.
_INLINE_NUMBER = re.compile(
    r"(?<=[.;])[ \t]+(?=\d{1,2}\.[ \t]+[A-Z])|(?<=\S)[ \t]{2,}(?=\d{1,2}[.)][ \t]+[A-Za-z])"
)
# "Chronic problems: (1) HTN (2) T2DM (3) CKD 3b": in a past history that opens its list with
# "(1)", numbers in brackets mark items however few the spaces before them.
_BRACKET_NUMBER = re.compile(r"(?<=\S)[ \t]+(?=\(\d{1,2}\)[ \t]+[A-Za-z])")
_FIRST_BRACKET = re.compile(r"[ \t]*(?:[A-Za-z][\w /&-]{0,40}:[ \t]*)?\(1\)[ \t]")


def _item_lines(doc: Document, content: Seg) -> Iterator[tuple[Seg, bool]]:
    """The lines of a section, a line that runs several numbered items on cut before each;
    each with whether it was cut so."""
    for line in lines(doc.text, content.start, content.end):
        pieces = split_items(doc.text, line.start, line.end, _INLINE_NUMBER)
        for piece in pieces:
            yield piece, len(pieces) > 1


def _names_only(doc: Document, sentence: Seg) -> bool:
    """True for a sentence that is only a condition's name and a word or two on it
    ("Hypothyroidism.", "CKD stage 3b.", "Osteoporosis (treated)."), not a remark about the
    problem before ("BP 150/90 today.", "Thiazide likely contributing.")."""
    text = _ASIDE.sub("", doc.slice(sentence)).strip(" .")
    head, _, tail = text.partition(",")
    short = 0 < len(head.split()) <= _LIST_NAME_WORDS and len(tail.split()) <= _TAIL_WORDS
    clause = _CONNECTIVE.match(head) or _CLAUSE_WORDS.search(head) or _PROSE.search(head)
    return short and not clause and _opens_with_condition(doc, sentence)


def _opens_with_name(doc: Document, sentence: Seg) -> bool:
    """True for a sentence of an assessment paragraph whose first words name a condition
    ("Thrombocytopenia, early coagulopathy - r/o DIC.", "Known OSA - monitored bed."), not one
    that comes to a condition later ("Pattern consistent with chronic migraine.")."""
    first = " ".join(doc.slice(sentence).split()[:_OPENING_WORDS])
    return _opens_with_condition(doc, sentence) and names_condition(_CONNECTED.split(first)[0])


_OPENING_WORDS = 3
_CONNECTED = re.compile(r"\b(?:with|consistent|of|from|due|for|in|on|after|likely)\b", _I)


# Words of a remark, not of a name: "A1c not reliable in ESRD", "Thiazide likely contributing".
_CLAUSE_WORDS = re.compile(
    r"\b(?:not|no|be|been|likely|unlikely|reliable|contribut\w*|given|per|if|may|can|need\w*|"
    r"due|doubt\w*)\b",
    _I,
)


_TAIL_WORDS = 3
# An aside in parentheses, or one a comma split left open: "(nadir Hgb 9.1".
_ASIDE = re.compile(r"\s*\([^()]*(?:\)|$)")


def _diagnosis_sentences(doc: Document, inside: list[Seg]) -> Iterator[Seg]:
    """A diagnosis list names a diagnosis in each sentence ("Postoperative delirium - resolved.
    E. coli cystitis. Chronic: HFpEF, ..."); a later sentence naming none is a remark ("HD since
    03/2021.")."""
    for index, sentence in enumerate(inside):
        part = strip_bullet(doc.text, sentence)
        if index == 0 or _opens_with_condition(doc, part):
            yield from _list_parts(doc, part)


def _list_piece(doc: Document, piece: Seg, *, numbered: bool) -> bool:
    """True when a piece after a semicolon or a bar is an item of its own: not a clause about
    the item before ("complicated by nephropathy"); under a list number, one opening with a
    condition's name ("2. Ischemic cardiomyopathy; dual-chamber ICD 2017": a remark)."""
    if _CONNECTIVE.match(doc.slice(piece)):
        return False
    barred = doc.text[piece.start - 2 : piece.start].strip() == "|"
    return barred or not numbered or _opens_with_condition(doc, piece)


def _opens_with_condition(doc: Document, sentence: Seg) -> bool:
    """True for "Chronic: HFpEF, permanent AF." or "Osteoporosis - new diagnosis.": a sentence
    whose head, past a label, names a condition. Not "Ketorolac avoided (AKI)." nor "Her mother
    had rheumatoid arthritis." """
    label = _LIST_LABEL.match(doc.text, sentence.start, sentence.end)
    item = Seg(label.end(), sentence.end) if label else sentence
    end = _head_end(doc, item)
    head = doc.text[item.start : end.start() if end else item.end]
    return names_condition(head) and not _STORY_SENTENCE.match(head)


# "Her mother had rheumatoid arthritis.", "She was treated for ...": story, not a diagnosis.
_STORY_SENTENCE = quick(r"(?:her|his|their|she|he|they|the|this|there|it|we|i|patient|pt)\b", _I)


def _list_name(text: str) -> bool:
    """True for a list's item that is a name of a condition, not a clause about the one before
    ("with hyperglycemia", "likely viral", "complicated by AKI")."""
    text = _ASIDE.sub("", text).strip()  # "acute blood loss anemia (nadir Hgb 9.1"
    return (
        0 < len(text.split()) <= _LIST_NAME_WORDS
        and not _CONNECTIVE.match(text)
        and not _DESCRIBES.search(text)
        and names_condition(text)
    )


# "sepsis-related", "steroid-induced", "- resolved": words about the item before.
_DESCRIBES = re.compile(
    r"\w-(?:related|induced|associated|mediated)\b|\b(?:resolved|resolving|improving|improved|"
    r"stable|worsening|controlled)\b",
    _I,
)


_LIST_NAME_WORDS = 6
_CONNECTIVE = quick(
    r"(?:and|or|with|w/o?|without|likely|possibl[ey]|probabl[ey]|presenting|presents|complicated|"
    r"due|secondary|related|contraindicated|provisional|s/p|status|on|in|of|for|from|after|since|"
    r"but|which|who|that|now|currently|treated|managed|requiring|uncontrolled|controlled|newly|"
    r"recently|diagnosed|attributed|thought|felt|consistent)\b",
    _I,
)
# "ESRD on HD | Type 2 diabetes | Hypertension": a list exported with bars between its items.
_BAR = re.compile(r"\s*\|\s*")
_COMMA_LIST = re.compile(r",|;")
_SEMICOLON = re.compile(r";")
# "# Syncope: no recurrence; attributed to hypovolemia": what follows a label's colon or dash
# is said of the problem, pieces and all.
_REMARKED = re.compile(r":|\s[-\u2013\u2014]+\s")


def _remarked(doc: Document, first: Seg) -> bool:
    """True when the first piece of a list goes on past its name with a remark, after a list's
    own label ("Secondary: ...")."""
    label = _LIST_LABEL.match(doc.text, first.start, first.end)
    return _REMARKED.search(doc.text, label.end() if label else first.start, first.end) is not None


def _semicolon_item(doc: Document, piece: Seg, *, strict: bool) -> bool:
    """True when a piece after a semicolon is an item of its own: a short name, not a clause
    about the item before ("with nephropathy", "resolved"); strictly, one that names a
    condition."""
    text = _ASIDE.sub("", doc.slice(piece)).strip(" .")
    words = text.split()
    if not words or len(words) > _SEMICOLON_WORDS or _CONNECTIVE.match(text):
        return False
    if strict:
        return _opens_with_condition(doc, piece)
    return not _DESCRIBES.fullmatch(text) and text[0].isalpha()


_SEMICOLON_WORDS = 8
# "Chronic: HFpEF, permanent AF, CKD 3b": a label before the list.
# "Active - HFpEF; hypertension", "Inactive/Resolved - hip fracture": a status labels the line.
_STATUS = r"(?:active|inactive|chronic|resolved|past|historical|current|ongoing)"
_STATUS_LABEL = rf"{_STATUS}(?:[ \t]*/[ \t]*{_STATUS})?[ \t]+[-\u2013\u2014][ \t]+"
_LIST_LABEL = re.compile(rf"[ \t]*(?:{_STATUS_LABEL}|[A-Za-z][\w /&-]{{0,25}}:\s*)(?=\S)", _I)


def _list_parts(doc: Document, item: Seg, *, commas: bool = True) -> Iterator[Seg]:
    """The items a line or a sentence lists: split at bars; or at commas when two of its parts
    or more name conditions ("HFpEF, permanent atrial fibrillation, CKD stage 3b"), then the
    first part and each part that is a short name of a condition. "Type 2 DM, insulin-
    requiring" and "DM2, with steroid-induced hyperglycemia" are one item."""
    if "|" in doc.slice(item):
        for part in split_items(doc.text, item.start, item.end, _BAR):
            yield from _list_parts(doc, part, commas=commas)
        return
    pieces = split_items(doc.text, item.start, item.end, _SEMICOLON)
    if len(pieces) > 1 and not _remarked(doc, pieces[0]):
        # "Post-operative delirium (resolved); recurrent falls; overactive bladder; GERD": each
        # piece an item. Under a list number, only when every piece names a condition ("6.
        # ESRD on HD; DM2; HTN"); else the pieces say more of the first ("3. Heavy bleeding;
        # enlarged uterus - r/o fibroids").
        items = [
            p for i, p in enumerate(pieces) if not i or _semicolon_item(doc, p, strict=not commas)
        ]
        if commas or len(items) == len(pieces):
            for piece in items:
                yield from _list_parts(doc, piece, commas=commas)
            return
    if not commas:
        yield from _named_list(doc, item)
        return
    label = _LIST_LABEL.match(doc.text, item.start, item.end)
    start = label.end() if label else item.start
    parts = split_items(doc.text, start, item.end, _COMMA_LIST)
    naming = [part for part in parts[1:] if _list_name(doc.slice(part))]
    if len(parts) < 2 or not naming or not names_condition(doc.slice(parts[0])):
        yield item
        return
    # The first item keeps what is said of it before the next name: "Delirium, resolved; ...".
    said = [part for part in parts if part.end <= naming[0].start]
    yield Seg(item.start if label else parts[0].start, said[-1].end)
    yield from naming


def _named_list(doc: Document, item: Seg) -> Iterator[Seg]:
    """A numbered item whose head lists names and nothing else ("4. Hypertension, depression -
    per PCP"): each name; else the item ("6. DM2, insulin-requiring - ...")."""
    remark = _REMARKED.search(doc.text, item.start, item.end)
    parts = split_items(doc.text, item.start, remark.start() if remark else item.end, _COMMA)
    named = [_list_name(doc.slice(part).rstrip(". ")) for part in parts]
    if len(parts) > 1 and (all(named) or _mostly_named(doc, parts, named)):
        yield from parts
    else:
        yield item


_COMMA = re.compile(r",")


def _mostly_named(doc: Document, parts: list[Seg], named: list[bool]) -> bool:
    """True for a line of names, three of them or more and half or more names of conditions, the
    last one too, and none a remark: "Problems addressed: polypharmacy, orthostatic hypotension
    (suspected), insomnia on a hypnotic, GERD"; not "Hypertension, controlled, on lisinopril"."""
    if sum(named) < _RUN_ON_NAMES or 2 * sum(named) < len(parts) or not named[-1]:
        return False  # "Asthma, perennial, sensitized to cat": remarks trail a name
    return all(_short_name(doc.slice(part).rstrip(". ")) for part in parts)


def _short_name(text: str) -> bool:
    text = _ASIDE.sub("", text).strip()
    return (
        0 < len(text.split()) <= _LIST_NAME_WORDS
        and text[0].isalpha()
        and not _CONNECTIVE.match(text)
        and not _DESCRIBES.search(text)
        and not _CLAUSE_WORDS.search(text)
        and not _REMARK_WORDS.search(text)
    )


_RUN_ON_NAMES = 3
# What a remark about a name says of it: "duration uncertain", "EF unknown; triggers alcohol".
_REMARK_WORDS = re.compile(r";|\b(?:uncertain|unclear|unknown|undetermined|pending)\b", _I)


def _plan_items(doc: Document, content: Seg, *, unnumbered: bool) -> Iterator[Seg]:
    """A plan written problem by problem ("7. Diabetes: hold metformin"): the numbered items
    whose head is a label before what to do. Other plan lines are orders."""
    for line in lines(doc.text, content.start, content.end):
        number = _NUMBERED.match(doc.text, line.start, line.end)
        item = strip_bullet(
            doc.text, trim(doc.text, number.end() if number else line.start, line.end)
        )
        label = _PLAN_LABEL.match(doc.text, item.start, item.end)
        labelled = label is not None and _labels_problem(doc.text[label.start() : label.end()])
        if number and (labelled or _heads_a_condition(doc, item)):
            yield item  # "#1 Sepsis", "2. AKI on CKD 3b (Cr 2.4):"
        elif unnumbered and labelled and label is not None and _problem_label(doc, label):
            yield item  # "HTN - controlled, continue lisinopril.", "- Gout: colchicine PRN"


def _labels_problem(text: str) -> bool:
    """True for a plan label naming a condition, not the care set named after one."""
    return names_condition(text) and not _CARE_SET.search(text)


# "Non-pharm delirium bundle:", "Stroke protocol -", "Fall precautions:": what to do.
_CARE_SET = quick(r"\b(?:bundle|protocol|precautions|pathway)[\s:\u2013\u2014-]*$", _I)


def _problem_label(doc: Document, label: re.Match[str]) -> bool:
    """True for the label of a plan written problem by problem without numbers: a short name
    of a condition before its colon or dash ("Type 2 diabetes with nocturnal hypoglycemia -"),
    not an order that names one ("CT to rule out appendicitis:")."""
    text = doc.text[label.start() : label.end()].rstrip(" :-\u2013\u2014")
    words = text.split()
    return 0 < len(words) <= _PLAN_HEAD_WORDS and not _ORDER.search(text) and "," not in text


def _heads_a_condition(doc: Document, item: Seg) -> bool:
    """True for "2. AKI on CKD 3b (Cr 2.4, baseline 1.6), prerenal:" or "6. DM2, insulin-
    requiring, with stress hyperglycemia": a numbered item whose head, before its first aside,
    is a short name of a condition, what to do written after it."""
    end = _head_end(doc, item)
    head = doc.text[item.start : end.start() if end else item.end].strip()
    words = head.split()
    return 0 < len(words) <= _PLAN_HEAD_WORDS and names_condition(head) and not _ORDER.search(head)


_PLAN_HEAD_WORDS = 6
# A plan's order that names the condition it is for: "CT abdomen to rule out appendicitis".
_ORDER = quick(
    r"\b(?:(?<!due )to|for|rule out|r/o|if|until|after|before|per|plan|given|updated|"
    r"reviewed|discussed|avoided|completed|education|teaching|precautions)\b",
    _I,
)


# Symptoms an assessment treats as the problem: "Chest pain: likely musculoskeletal".
_SYMPTOM = quick(
    r"\b(?:pain|ache|cough|fevers?|dyspnea|sob|bleeding|weakness|fatigue|dizziness|vertigo|"
    r"syncope|nausea|vomiting|diarrhea|constipation|rash|swelling|palpitations|confusion|falls?|"
    r"insomnia|headaches?|wheez\w*|hematuria|dysuria|jaundice|pruritus|numbness|tremor)\b",
    _I,
)


def _labels_condition(text: str) -> bool:
    """True when a label before a colon names a condition or a symptom treated as one."""
    return names_condition(text) or bool(_SYMPTOM.search(text))


# The same labels and problem names are asked about again and again (once per mention, per
# merge): these two pure functions of a short text keep their recent answers.
@lru_cache(maxsize=4096)
def names_condition(text: str) -> bool:
    """True when a label reads as a condition: a disease's word or a common abbreviation."""
    if _NOT_CONDITION.search(text):
        return False
    words = set(_WORD.findall(text.lower()))
    return bool(_CONDITION_WORD.search(text)) or bool(words & _SPELLED_OUT.keys())


# The word forms of diseases, disorders and findings ("-itis", "-emia", "failure", "fracture").
_CONDITION_WORD = re.compile(
    r"\w{3,}(?:itis|(?<!diagn)(?<!progn)os[ie]s|emia|aemia|pathy|oma|ism|iasis|algia|plegia|paresis|trophy|uria|"
    r"esity|ia)\b|\b(?:disease|disorder|syndrome|failure|fracture|infection|injury|"
    r"insufficiency|(?:pre)?diabetes|hypertension|cancer|tumou?r|lesion|ulcer|deficiency|dysfunction|"
    r"fibrillation|flutter|apnea|asthma|gout|depression|anxiety|stones?|hernia|bleed(?:ing)?|"
    r"pneumonia|sepsis|pregnancy|nodules?|effusion|edema|thrombosis|embolism|aneurysm|"
    r"exacerbation|reflux|angina|fibroids?|polyps?|cysts?|mass|malignancy|seizures?|stroke|"
    r"delirium|infarct(?:ion)?|ha?emorrhage|obstruction|abscess|dissection|torsion|perforation|"
    r"migraine|colitis|concussion|calcul(?:us|i)|protrusion|herniation|degeneration|"
    r"impaction|anaphylaxis|bacteremia|obesity|cataracts?|gallstones?|depletion|overload|eczema|acne|neoplasm|palsy|prolapse|"
    r"regurgitation|hypotension|incontinence|retention|dehydration|malnutrition|ascites|vertigo|"
    r"syncope|murmur|laceration|contusion|sprain|dislocation|atony|colonization|impairment|"
    r"overactive bladder|tinea|falls|dependence|use disorder|keratos[ie]s|nevus|nevi|warts?|"
    r"fatty liver|sinus (?:tachy?|brady)(?:cardia)?|"
    # Names a problem list writes without a disease's ending: "Medication overuse headache"
    # (a headache of a kind; "headache diary" is none), "Tobacco use", "Septic shock", "Hearing
    # loss", "Bipolar disorder", "Epilepsy".
    r"(?:tension|cluster|medication[- ]overuse|rebound|post-?traumatic|chronic daily|"
    r"cervicogenic|post-?dural(?:[- ]puncture)?)(?:[- ]type)? headaches?|shock|"
    r"(?:tobacco|alcohol|etoh|opioid|cannabis|substance|drug|nicotine|cocaine|"
    r"methamphetamine|stimulant|benzodiazepine) use|smoker|(?:hearing|vision) loss|epilepsy|"
    r"bipolar|parkinson'?s|lupus|psoriasis|rosacea|hemorrhoids?|fistula|fissure|tinnitus|"
    r"influenza|covid(?:-19)?|hiv|impetigo|scabies|croup|"
    r"atelectasis|prematurity|preterm labou?r|previa|(?:oligo|poly)hydramnios|hyperemesis|"
    r"developmental delay|autism|scoliosis|"
    # States an obstetric or infection-control assessment manages: "in active labor", "Rh
    # negative", "Rubella non-immune", "GBS positive", "MRSA carrier".
    r"(?:active|latent|early|spontaneous|established|prodromal)(?:[- ]phase)? labou?r|"
    r"rh(?:esus|d)?[- ]?neg(?:ative)?|non-?immune|carrier|"
    r"(?:gbs|group b strep(?:tococcus|tococcal)?)[- ]?pos(?:itive)?)\b",
    _I,
)
_NOT_CONDITION = quick(r"\b(?:an(?:a)?esthesia|analgesia|for|labs?|prophylaxis)\b", _I)


# "Diabetes:", "HTN -", "Atrial fibrillation --": a problem's label opening a plan item.
_PLAN_LABEL = re.compile(r"[A-Za-z][\w ,'/()-]{1,60}?(?::|\s[-\u2013\u2014]+\s)")


# The columns of a medication or an order table.
_COLUMN_NAMES_TEXT = """drug; drugs; dose; dosage; route; frequency; instruction; instructions; sig;
    indication; medication; medications; strength; form; quantity; refills; prescriber; action;
    last dose; start date; stop date; next dose"""
_COLUMN_NAMES = frozenset(" ".join(n.split()) for n in _COLUMN_NAMES_TEXT.split(";"))


# The words of a table's header row, of any table a note holds: the medication and order
# columns above, and those of problems, allergies and results. A header alone never names a
# condition; one word alone must be one no condition is written as ("frequency" is urinary
# frequency, "form" no column alone): those head a column only beside another.
_HEAD_COMPANIONS_TEXT = (
    "frequency form action last start stop next end time ordered taken since resolved"
)
_HEAD_COMPANIONS = frozenset(_HEAD_COMPANIONS_TEXT.split())
_OTHER_HEAD_WORDS_TEXT = """
    doses dosages indications medicine qty
    allergen allergens substance substances agent reaction reactions severity criticality
    diagnosis diagnoses problem problems condition conditions status onset dates noted
    comments comment description code codes icd icd-10 icd10 result results value values
    units unit flag range reference test tests component name type category source provider
"""
_HEAD_WORDS = (
    frozenset(w for name in _COLUMN_NAMES for w in name.split()) - _HEAD_COMPANIONS
) | frozenset(_OTHER_HEAD_WORDS_TEXT.split())
_HEAD_SPLIT = re.compile(r"[\s|/,:;]+")


def _column_heads(text: str) -> bool:
    """True when the text is only the heads of a table's columns: "Drug | Dose", "Dose",
    "Substance Reaction Severity", "Medication  Frequency"."""
    words = [w for w in _HEAD_SPLIT.split(text.lower()) if w]
    if not words or not all(w in _HEAD_WORDS or w in _HEAD_COMPANIONS for w in words):
        return False
    return len(words) > 1 or words[0] in _HEAD_WORDS


def _other_table_row(doc: Document, body: Seg) -> bool:
    """True for a row of a table that holds no conditions, run into a history whose heading the
    sectionizer did not know ("CURRENT MEDICATIONS and PERI-OPERATIVE INSTRUCTIONS"): a header
    row of field names ("| Drug | Dose | Instruction |") or a row that opens with a drug."""
    if doc.text.count("|", body.start, body.end) < 2:
        return False
    cells = [c for c in split_items(doc.text, body.start, body.end, _BAR) if c.end > c.start]
    if not cells:
        return False
    names = [doc.slice(c).strip(" |").lower() for c in cells]
    if all(n in _COLUMN_NAMES or is_heading_label(n) for n in names if n):
        return True
    if any(n in _COLUMN_NAMES for n in names) and not any(names_condition(n) for n in names):
        return True  # "| Medication | Home | Inpatient | Discharge | Action |"
    drugs = find_drug_names(doc.text, cells[0].start, cells[0].end)
    return bool(drugs) and drugs[0].start <= cells[0].start + 2


def _past_items(doc: Document, content: Seg) -> Iterator[Seg]:
    """Each condition of a past history: one per line of a list, one per list item or clause
    of a line of prose ("Migraines, hypothyroidism.")."""
    sentences = _past_sentences(doc, content)
    listed = len(sentences) > 1
    for sentence in sentences:
        body = strip_bullet(doc.text, sentence)
        if _other_table_row(doc, body):
            continue
        label = _ITEM_LABEL.match(doc.text, body.start, body.end)
        if label and _FIELD_LABEL.fullmatch(doc.text, label.start(), label.end()):
            continue  # "Functional capacity: climbs two flights", "Meds: ...": no conditions
        if label and _condition_label(doc.text[label.start() : label.end()].rstrip(": \t")):
            yield body  # "Hypertension: well controlled on amlodipine": the label is the item
            continue
        body = Seg(label.end(), body.end) if label else body
        lead = _LEAD_IN.match(doc.text, body.start, body.end)
        body = Seg(lead.end(), body.end) if lead else body
        pieces = split_items(doc.text, body.start, body.end, _STRONG_LIST)
        if len(pieces) > 1:
            # "Paroxysmal AF (2016); HFpEF, EF 60%; type 2 diabetes with neuropathy", "HTN |
            # OSA on CPAP | Obesity, BMI 36": each piece one item, or a list of names. In "2.
            # Ischemic cardiomyopathy, EF 35%; dual-chamber ICD 2017" the rest is a remark.
            numbered = body.start > trim(doc.text, sentence.start, sentence.end).start
            for index, piece in enumerate(pieces):
                if index == 0 or _list_piece(doc, piece, numbered=numbered):
                    yield from _list_parts(doc, piece)
            continue
        first = _HEAD_END.search(doc.text, body.start, body.end)
        if listed and not lead and not label and first is not None:
            # "Type 2 diabetes, on insulin", "CKD 3b - presumed diabetic": one item, its head
            # the problem ("Asthma, resolved in her teens": resolved); "atrial fibrillation,
            # BPH, prior SCC (excised 2021)": a list of names.
            yield from _list_parts(doc, body)
            continue
        items = _past_clauses(doc, body)
        if not lead and _STORY_SENTENCE.match(doc.slice(body)):
            # "He walks a mile and climbs two flights": a sentence of story names what it names.
            items = [item for item in items if names_condition(doc.slice(item))]
        yield from items


# Labels of a body system a history groups its conditions under ("GI: GERD", "Cardiac: CAD").
# Two may share a label: "Renal/lytes:", "Neuro/Psych:".
_SYSTEM = (
    r"(?:gi|gu|cv|cvs|ent|heent|heme|onc|id|msk|neuro|psych|pulm|resp|renal|lytes|"
    r"electrolytes|endo|derm|gyn|ob|eyes?|skin|cardiac|cardio|fen|"
    r"cardiovascular|pulmonary|respiratory|neurolog(?:y|ic|ical)|gastrointestinal|hematolog(?:y|ic)|"
    r"infectious diseases?|endocrine|musculoskeletal|dermatolog(?:y|ic)|psychiatr(?:y|ic))"
)
_SYSTEMS = rf"(?:{_SYSTEM}(?:[ \t]*/[ \t]*{_SYSTEM})?)"
_BODY_SYSTEM = re.compile(rf"[ \t]*{_SYSTEMS}[ \t]*", _I)
# An assessment written by system opens each item with its system's label: "Neuro: Acute
# ischemic stroke", "CV: Hypertension - permissive".
_SYSTEM_LABEL = re.compile(rf"{_SYSTEMS}[ \t]*:[ \t]*(?=\S)", _I)


def _condition_label(text: str) -> bool:
    """True when the label of a past-history line names the condition itself, not a body
    system it groups conditions under."""
    return names_condition(text) and not _BODY_SYSTEM.fullmatch(text)


def _past_sentences(doc: Document, content: Seg) -> list[Seg]:
    """The sentences of a past history, one that runs numbered items on cut before each:
    "PMH: 1) COPD, on home O2  2) CHF - EF 40%  3) Gout" is three items."""
    return [
        piece
        for sentence in doc.sentences_within(content.start, content.end)
        for piece in split_items(
            doc.text, sentence.seg.start, sentence.seg.end, _numbers(doc, sentence.seg)
        )
    ]


def _numbers(doc: Document, sentence: Seg) -> re.Pattern[str]:
    """What cuts a sentence of past history into its numbered items."""
    if _FIRST_BRACKET.match(doc.text, sentence.start, sentence.end):
        return _BRACKET_NUMBER
    return _INLINE_NUMBER


def _past_clauses(doc: Document, body: Seg) -> list[Seg]:
    """The items of a line of past history, each with the remarks after it: "Iron deficiency
    anemia 2023, treated, now resolved" is one item, "Migraines, hypothyroidism" two."""
    items: list[Seg] = []
    for part in split_items(doc.text, body.start, body.end, _PAST_LIST):
        text = doc.slice(part)
        remark = _CONNECTIVE.match(text) or _DESCRIBES.match(text)
        if items and remark and not names_condition(text):
            items[-1] = Seg(items[-1].start, part.end)
        else:
            items.append(part)
    return items


_STRONG_LIST = re.compile(r";|\|")
# Fields of a history block that hold no conditions.
_FIELD_LABEL = re.compile(
    r"[ \t]*(?:functional (?:capacity|status)|exercise tolerance|baseline (?:function\w*|status)|"
    r"anticoagulation|antithrombotics?|mobility|diet|activity|code status|advance directives?|"
    r"living situation|meds|medications?|allergies|vaccines?|immunizations?|screening|"
    # Other histories run onto the line: "PMH: anemia. PSH: wisdom teeth. FH: ..."
    r"psh|pshx|(?:past )?surg(?:ical)? (?:history|hx)|sh|social(?: history| hx)?|fh|fhx|"
    r"family(?: history| hx)?|"
    r"(?:pre-?op|pre-?procedure) (?:bp|vitals))\s*:\s*",
    _I,
)
# "Medical hx: asthma", "Gyn: ...": a label before the list.
_ITEM_LABEL = re.compile(r"[ \t]*[A-Za-z][\w /&-]{0,25}:\s*")


def _heads(doc: Document, item: Seg) -> list[Seg]:
    """The problems an item names: its head, split where it joins several."""
    item = trim(doc.text, item.start, item.end, " \t#*.")
    label = _SUB_LABEL.match(doc.text, item.start, item.end)
    item = Seg(label.end(), item.end) if label else item
    system = _SYSTEM_LABEL.match(doc.text, item.start, item.end)
    if system:
        # Under a system's label, only a condition's name: "Renal: No acute issues", "CV:
        # Hemodynamically stable" name none.
        heads = _heads(doc, Seg(system.end(), item.end))
        return [head for head in heads if _labels_condition(doc.slice(head))]
    coded = _ICD_CODE.match(doc.text, item.start, item.end)
    if coded and coded["letter"].upper() in _NOT_CONDITION_CHAPTERS:
        return []  # "Z79.01 Long term (current) use of anticoagulants": a status, no disease
    item = Seg(coded.end(), item.end) if coded else item
    for lead in (_TREATED_BY, _HISTORY_MARK, _HEDGE_MARK):
        found = lead.match(doc.text, item.start, item.end)
        item = Seg(found.end(), item.end) if found else item
    control = _CONTROL_MARK.match(doc.text, item.start, item.end)
    if control:
        # "Well controlled on metformin": the mark of a problem named before, no name after.
        heads = _heads(doc, Seg(control.end(), item.end))
        return [head for head in heads if _labels_condition(doc.slice(head))]
    end = _head_end(doc, item)
    head = trim(doc.text, item.start, end.start() if end else item.end, " \t.,;:-")
    if end and _introduces_list(doc, head, end.end(), item.end):
        return []
    if end and end.group() == ":" and not _labels_condition(doc.slice(head)):
        return []  # "Baseline function: wheelchair", "Diet: minced": a field, not a problem
    if end and end.group() == ":" and _RISK_GRADE.match(doc.text, end.end(), item.end):
        return []  # "PONV: high risk", "VTE: low risk": a risk graded, not a condition had
    if _CARE_SET.search(doc.text, head.start, head.end):
        return []  # "Delirium bundle: glasses, lights on by day": what to do for it
    aside = _ASIDE_LABEL.match(doc.text, item.start, item.end)
    if aside and _field_aside(aside):
        return []  # "Bloods (2 April): free T4 14", "Echo (03/02): EF 55%": a field too
    workup = _WORKUP.search(doc.text, head.start, head.end)
    head = Seg(head.start, workup.start()) if workup else head
    allergic = _WITH_ALLERGY.search(doc.text, head.start, head.end)
    head = Seg(head.start, allergic.start()) if allergic else head
    parts = [
        trim(doc.text, slashed.start, slashed.end, " \t.,;:-")
        for joined in split_items(doc.text, head.start, head.end, _JOINS)
        for part in _anded(doc, joined)
        for slashed in _slashed(doc, part)
    ]
    return [
        part
        for index, part in enumerate(parts)
        # "COPD with acute exacerbation": the episode is the first problem's, not another; "ESRD
        # on HD", "hypoglycemia due to sulfonylurea": a therapy or a drug joined, no condition.
        if not (index and _joined_no_condition(doc, part)) and _is_problem(doc, part)
    ]


def _slashed(doc: Document, part: Seg) -> list[Seg]:
    """The conditions a name joins with bare slashes, when every one names a condition:
    "Gout/BPH/HLD", "CAD/HLD", "sinusitis/bronchitis"; "N/V", "fatty liver/EtOH" stay whole."""
    pieces = split_items(doc.text, part.start, part.end, _BARE_SLASH)
    texts = [doc.slice(p) for p in pieces]
    named = all(len(t) > 1 and names_condition(t) for t in texts)
    # "Depression/anxiety", "anorexia/cachexia": a pair written as one syndrome stays one; a
    # list of abbreviations is a list. "Anxiety/dyspnea": the symptom joins the condition.
    # "Hypokalemia/hypomagnesemia": two derangements, each of its own, are a list too.
    listed = any(_ABBREVIATION.fullmatch(t) for t in texts) or all(
        _DERANGEMENT.fullmatch(t) for t in texts
    )
    conditions = sum(1 for t in texts if names_condition(t))
    if len(pieces) > 1 and all(_labels_condition(t) for t in texts) and 0 < conditions < len(texts):
        return [p for p, t in zip(pieces, texts, strict=True) if names_condition(t)]
    return pieces if len(pieces) > 1 and named and listed else [part]


_BARE_SLASH = re.compile(r"(?<=[A-Za-z])/(?=[A-Za-z])")
_DERANGEMENT = re.compile(r"(?:pseudo)?hyp(?:o|er)[a-z]+emia", _I)
_AND = re.compile(r"\s+and\s+", _I)


def _anded(doc: Document, part: Seg) -> list[Seg]:
    """Two conditions a name joins with "and", when both name one: "Hypomagnesemia and
    hypokalemia", "bleeding duodenal ulcer and gastric antral ulcer"; "Nausea and vomiting"
    stays one."""
    pieces = split_items(doc.text, part.start, part.end, _AND)
    named = all(names_condition(doc.slice(p)) for p in pieces)
    return pieces if len(pieces) == 2 and named else [part]


_ABBREVIATION = re.compile(r"[A-Z][A-Z0-9]{1,5}")


def _joined_no_condition(doc: Document, part: Seg) -> bool:
    text = doc.slice(part)
    return problem_key(text) <= _EPISODE or not names_condition(text)


# The grade a risk assessment gives after its label: "PONV: high risk (Apfel 3)".
_RISK_GRADE = re.compile(
    r"[ \t]*(?:very |at )?(?:high|moderate|intermediate|low|increased|elevated)(?:[- ]risk\b)",
    _I,
)
# "I10 Essential (primary) hypertension", "E78.5 Hyperlipidemia": a problem list's ICD-10 code.
# Not "B12 deficiency": the vitamin (no ICD-10 code is B12).
_ICD_CODE = re.compile(
    r"[ \t]*(?!B12\b)(?P<letter>[A-Z])\d{2}(?:\.\d{1,4}[A-Z]?)?"
    # "J06.9 - Acute upper respiratory infection", "E11.9: Type 2 diabetes": a dash or colon
    # may stand between the code and its name.
    r"(?:[ \t]+|[ \t]*[:\u2013\u2014-][ \t]*)(?=[A-Za-z])"
)
# Chapters of factors, encounters and external causes (Z79.01, V43, W19), not of diseases.
_NOT_CONDITION_CHAPTERS = frozenset("VWXYZ")
# "h/o DVT", "hx of gout": the marker says when, the condition is what follows.
_HISTORY_MARK = re.compile(
    r"(?:(?:remote|distant|prior|past|previous|known)\s+)?(?:h/o|hx\.? of|hx|history of)\s+", _I
)
# "r/o calciphylaxis", "Rule out: vitamin D deficiency", "? gout": the hedge says how sure,
# the condition is what follows (the problem stays uncertain: see `_hedged_item`).
_HEDGE_MARK = quick(
    r"(?:rule[- ]out|r/o|possible|probable|suspected|query|questionable|\?)\s*:?\s+(?=[A-Za-z])",
    _I,
)
# "poorly controlled type 2 diabetes", "newly diagnosed hypertension": a word of how it goes
# before the name, which ends the head when it follows it ("Hypertension, poorly controlled").
_CONTROL_MARK = quick(
    r"(?:(?:poorly|well|sub-?optimally|inadequately|suboptimally)[- ]controlled|uncontrolled|"
    r"(?:newly|recently)[- ]diagnosed)\s+(?=[A-Za-z])",
    _I,
)
# "Essential (primary) hypertension": a short aside inside the name does not end it.
_INNER_ASIDE = re.compile(r"\([A-Za-z ,/-]{1,20}\)(?=[ \t]+[a-z])")


def _head_end(doc: Document, item: Seg) -> re.Match[str] | None:
    """Where the head of an item ends (see `_HEAD_END`), past a short aside inside the name."""
    start = item.start
    while True:
        end = _HEAD_END.search(doc.text, start, item.end)
        aside = _INNER_ASIDE.match(doc.text, end.start(), item.end) if end else None
        if end is None or end.group() != "(" or aside is None:
            return end
        start = aside.end()


def _field_aside(aside: re.Match[str]) -> bool:
    """True for a field's label before its aside and colon: a heading's name, or a label naming
    no condition whose aside is a date ("Echo (03/02/2026):"); "Depressive symptoms (EPDS 11):"
    heads a problem."""
    label = aside["label"]
    if _labels_condition(label):
        return False
    return is_heading_label(label) or _DATE_ASIDE.search(aside.group()) is not None


_DATE_ASIDE = re.compile(
    r"\(.*\b(?:\d{1,2}/\d{1,2}|\d{4}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", _I
)
# A field's label with an aside before its colon: "Bloods (2 April 2026):".
_ASIDE_LABEL = re.compile(
    r"[ \t]*(?P<label>[A-Za-z][\w /&'-]{0,40}?)[ \t]*\([^()\n]{0,60}\)[ \t]*:"
)
# "Hematuria work-up", "Syncope evaluation": the condition being worked up is the problem.
# "GBS positive with severe penicillin allergy": the allergy that shapes the care is no part of
# the problem's name, and no problem of its own.
_WITH_ALLERGY = re.compile(
    r"\s+with\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}?(?:allerg(?:y|ies)|intoleran\w*)\b", _I
)
_WORKUP = re.compile(r"\s+(?:work[- ]?up|evaluation|eval)$", _I)
_EPISODE = frozenset({"exacerbation", "flare", "episode", "decompensation", "attack"})
_EPISODE_TIMES = frozenset({"recent", "current", "last", "prior", "previous", "frequent", "first"})


# A hedged diagnosis after an item's head: "Sepsis due to UTI, possible pyelonephritis",
# "Chest pain - suspected angina", "Heavy bleeding - r/o fibroids", "Calf swelling: cellulitis
# vs DVT". The clause runs to the next comma, dash, parenthesis or sentence end.
_HEDGED_TAIL = re.compile(
    r"(?:[,;:(]|\s[-\u2013\u2014]+|\s(?=vs\.?\s|versus\s))\s*"
    r"(?:(?:possible|possibly|probable|suspected|suspect|suspicious for|concern(?:ing)? for|"
    r"questionable|rule out|r/o|query|\?)|(?P<alt>vs\.?|versus))\s+"
    r"(?P<name>[^,;:()\n]+?)(?=\s*(?:[,;:()]|\s[-\u2013\u2014]+\s|\.(?:\s|$)|$|\s(?:vs\.?|versus|"
    r"by|given|based|as|which|that|if|vs)\b))",
    _I,
)


def _hedged_tails(doc: Document, item: Seg, after: int) -> Iterator[tuple[Seg, bool]]:
    """The hedged diagnoses an item names after its head, each with whether it is weighed
    against another ("A versus B"): a diagnosis to confirm, not the item's own problem."""
    for match in _HEDGED_TAIL.finditer(doc.text, after, item.end):
        alt = match.group("alt") is not None
        names = [Seg(match.start("name"), match.end("name"))]
        if alt:  # "...: cellulitis versus DVT": the first alternative is hedged too
            names.insert(0, _clause_before(doc, after, match.start()))
        for seg in names:
            name = trim(doc.text, seg.start, seg.end, " \t.,;:-")
            text = doc.slice(name)
            named = name.end > name.start and names_condition(text) and not _CONNECTIVE.match(text)
            if named and _is_problem(doc, name):
                yield name, alt


# A second condition the name of an item carries after its head: "Left ureterolithiasis, 5 mm
# at UVJ, with mild hydronephrosis", "Acute urticaria with lip angioedema", "Diabetic foot
# infection (grade 4) w/ osteomyelitis", "T2DM uncontrolled (A1c 9.1%) + hypoglycemia". Not a
# finding that supports the head ("consistent with", "treated with"), nor the patient's story,
# not "with hyperglycemia" (the code's word for uncontrolled diabetes), not "with recent
# hemorrhage" (the head's event).
_COMPANION = re.compile(
    r"(?:[,)]\s*|(?<!consistent)(?<!compatible)(?<!associated)(?<!along)(?<!together)"
    r"(?<!treated)(?<!managed)(?<!presenting)(?<!presented)(?<!diagnosed)(?<!discussed)"
    r"(?<!start)(?<!started)(?<!continue)(?<!up)(?<!concordant)"
    # "in a patient with alcohol-related cirrhosis": the patient's other conditions.
    r"(?<!patient)(?<!\bpt)(?<!man)(?<!male)\s)"
    r"(?:with|w/|\+)\s*(?![^,;:()\n]*hyperglyc|recent\b)(?P<name>[A-Za-z][^,;:()\n+]*?)"
    # A genus cut to its capital ends no name: "with E. coli bacteremia".
    r"(?=\s*(?:[,;:()+]|\s[-\u2013\u2014]+\s|(?<!\b[A-Z])\.(?:\s|$)|$|\s(?:now|likely|probably|"
    r"possibly|"
    r"resolving|resolved|improving|improved|limiting|and|on|due|from|in|requiring|s/p|at|"
    r"after|since|per|which|that|not)\b))",
    _I,
)
# What the head's own disease has, not a second one: "with high disease activity", "with
# obesity-related comorbidities", "with severe features".
_COMPANION_NOT = quick(
    r"\b(?:activity|comorbidit\w*|features|complications|exacerbations?|flares?)\b", _I
)
# Where the name of an item ends: its plan after a dash or a colon, its sentence's end, or the
# treatment it is on ("T2DM improving on basal insulin + GLP-1 RA").
_NAME_PART_END = re.compile(r"\s[-\u2013\u2014]+\s|:|(?<!\b[A-Z])\.(?:\s|$)|\n|\son\s", _I)


def _companions(doc: Document, item: Seg, after: int) -> Iterator[Seg]:
    """The conditions an item's name joins to its head with "with", "w/" or "+" after the head
    (see `_COMPANION`), up to where the item starts saying what to do."""
    stop = _NAME_PART_END.search(doc.text, after, item.end)
    end = stop.start() if stop else item.end
    for match in _COMPANION.finditer(doc.text, after, end):
        opened = doc.text.count("(", after, match.start("name"))
        if opened > doc.text.count(")", after, match.start("name")):
            continue  # "(A1c 6.4% with hypoglycemia)": a finding told in an aside
        name = trim(doc.text, match.start("name"), match.end("name"), " \t.,;:-")
        text = doc.slice(name)
        if _COMPANION_NOT.search(text) or _joined_no_condition(doc, name):
            continue  # "with seasonal exacerbation", "with high disease activity"
        if not _CONNECTIVE.match(text) and _is_problem(doc, name):
            yield name


_CLAUSE_START = re.compile(r".*(?:[,;:(]|\s[-\u2013\u2014]+\s)", re.S)


def _clause_before(doc: Document, start: int, end: int) -> Seg:
    """The clause that ends at `end`, back to the last comma, colon or dash after `start`."""
    match = _CLAUSE_START.match(doc.text, start, end)
    return Seg(match.end() if match else end, end)


def _introduces_list(doc: Document, head: Seg, after: int, end: int) -> bool:
    """True for "Possible contributors: HTN, alcohol and OSA": a label of several things before
    a colon, followed by their list, is a heading of that list, not a problem."""
    if doc.text[after - 1] != ":" or names_condition(doc.slice(head)):
        return False
    words = _WORD.findall(doc.slice(head).lower())
    plural = bool(words) and _singular(words[-1]) != words[-1]
    return plural and len(_PAST_LIST.findall(doc.text, after, end)) >= 2


# A treatment or a drug class named alone, the far side of a join: "ESRD on HD", "OSA on
# CPAP", "hypoglycemia due to sulfonylurea", "COPD on 2 L O2".
_TREATMENT_ONLY = re.compile(
    r"(?:(?:in-?center |home |nocturnal )?(?:hd|pd|crrt|cvvhd?f?|hemodialysis|dialysis"
    r"|peritoneal dialysis)|c?pap|bipap|nippv|(?:\d+(?:\.\d+)? ?l(?:pm)? )?(?:o2|oxygen|home o2)"
    r"|(?:an? )?(?:sulfonylureas?|statins?|opioids?|opiates?|nsaids?|steroids?|corticosteroids?"
    r"|insulin|anticoagulants?|anticoagulation|diuretics?|beta[- ]blockers?|ace inhibitors?"
    r"|arbs?|ssris?|antibiotics?|chemotherapy|immunotherapy|immunosuppressants?"
    r"|immunosuppression))",
    _I,
)


_SUB_LABEL = quick(
    r"(?:(?:principal|primary|secondary|other|chronic|active|final|working|admitting|discharge)"
    r"(?: diagnos[ie]s| problems?)?"
    # A specialty's label for its diagnosis: "Rehab diagnosis:", "Terminal diagnosis:", "DSM-5
    # diagnoses:", a psychiatric axis that holds diagnoses ("Axis I:"), a regimen's toxicities.
    r"|(?:[\w-]+\s+){1,2}(?:diagnos[ie]s|dx)|axis\s+(?:i{1,3}|[1-3])|toxicit(?:y|ies))\s*:\s*"
    rf"|{_STATUS_LABEL}",
    _I,
)


# What a head may not be: an order or a remark, a visit reason, a vaccine, a value, a clause,
# no condition, a result finding it absent.
_REJECTED: tuple[re.Pattern[str], ...] = (_NOT_PROBLEM, _VISIT_REASON, _VACCINE, _MEASUREMENT)
_REJECTED += (_PROSE, _NOT_A_CONDITION, _FOUND_ABSENT)


_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)[ -]+degree\b", _I)
# The level of a blood constituent, with no "hyper", "hypo" or "dys" to make it a disorder:
# "Glycemia", "Natremia", "Euvolemia" head a plan's topic. "Anemia", "Leukemia" are diseases.
_LEVEL_ONLY = re.compile(
    r"(?:normo|eu)?(?:glyc|natr|kal|calc|magnes|phosphat|chlor|vol|lipid)a?emia", _I
)


def _is_problem(doc: Document, head: Seg) -> bool:
    text = doc.slice(head)
    words = text.split()
    if not words or len(words) > _MAX_WORDS:
        return False
    if not text[0].isalpha() and not _ORDINAL.match(text):
        return False  # "2nd degree perineal laceration", "3rd degree AV block" open with a grade
    if _LABEL_ONLY.fullmatch(text) or _TREATMENT_ONLY.fullmatch(text):
        return False
    if _column_heads(text):
        return False  # "Drug | Dose", "Dose", "Substance Reaction": a table's header, cut short
    if any(pattern.search(text) for pattern in _REJECTED):
        return False
    # A known heading's name always; a field's label or a qualified heading ("Pertinent labs")
    # unless it names a condition ("Anemia of blood loss", "Seasonal allergies").
    named = _labels_condition(text) or _CONDITION_ALLERGY.search(text)
    heading = is_heading_name(text) or (is_heading_label(text) and not named)
    if heading and text.lower() not in _SPELLED_OUT:
        return False  # "PE" of "PE/DVT" is an embolism, not the physical exam
    if _LEVEL_ONLY.fullmatch(text.rstrip(" :")):
        return False  # "6. Glycemia: continue metformin": a plan's topic, a level not a disorder
    if _PROCEDURE.search(_AFTER_OPERATION.sub(" ", text)):
        return False
    if _ALLERGY.search(text) and not _CONDITION_ALLERGY.search(text):
        return False  # "Penicillin allergy (hives)", "statin intolerant": not problems
    if not problem_key(text) - _QUALIFIERS:
        return False  # "severe", "bilateral", "right": a word about the problem before
    if problem_key(text) - _QUALIFIERS - _EPISODE_TIMES <= _EPISODE:
        return False  # "COPD, recent exacerbation": an episode of the problem before, no other
    if _DONE.match(text) and not _labels_condition(text):
        return False  # "Transmitted to the receiving ED": what was done, run on under a history
    if len(words) == 1 and _ADJECTIVE.fullmatch(text) and not _labels_condition(text):
        return False  # "Submassive (...) PE", "Subclinical vs ...": a word cut from its name
    drugs = find_drug_names(doc.text, head.start, head.end)
    if drugs and _REACTION_WORDS.search(text):
        return False  # "Previous sulfasalazine rash": an adverse reaction, an allergy's kin
    first = drugs[0] if drugs else None
    # "Apixaban", "Insulin sliding scale", "Ceftriaxone day 3": a drug and its order.
    return not (first and first.start == head.start and _is_order(doc, first.end, head.end))


# What was done to the patient or a record, not a condition: "Transmitted to the receiving ED",
# "Discussed with cardiology". Only verbs of an action: "Infected with HIV", "Injured at work",
# "Burned by hot oil" and "Addicted to opioids" name conditions.
_DONE = quick(
    r"(?:transmitt|transferr|sent|fax|discuss|review|reported|referr|dispatch|forward|deliver"
    r"|communicat|relay|handed|signed|routed|escalat|notifi|called|emailed|messag|admitt"
    r"|discharg|return)(?:ed)?\s+(?:to|by|with|at|from|for)\b",
    _I,
)
# A word that qualifies a name, cut from it: "Subclinical", "Submassive", "Hypertensive".
_ADJECTIVE = re.compile(r"[A-Za-z-]{4,}(?:ical|ive|ous|ary|al|ic)", _I)


def _is_order(doc: Document, start: int, end: int) -> bool:
    rest = doc.text[start:end].strip()
    return not rest or _DOSING.search(rest) is not None


def _hedged_item(doc: Document, item: Seg, head: Seg) -> bool:
    """True when the item opens with a hedge right before the problem: "r/o calciphylaxis",
    "Rule out: vitamin D deficiency", "Possible early cellulitis"."""
    start = trim(doc.text, item.start, item.end, " \t#*.").start
    mark = _HEDGE_MARK.match(doc.text, start, item.end)
    return mark is not None and mark.end() >= head.start - 1 and mark.end() <= head.start


# "diabetic nephropathy presumed": a hedge after the name.
# "Elevated liver enzymes, likely alcohol-related, with known fatty liver": the hedge is the
# first problem's; a condition called known is stated.
_KNOWN = re.compile(r"known\s", _I)
_PRESUMED = re.compile(r"[ \t]+presumed\b", _I)
# "orthostatic hypotension (drug-induced, suspected)", "PE (possible, CTA pending)": the hedge
# in the name's own aside, a word of its own there; "Anemia (suspected iron deficiency)" hedges
# the cause, not the anaemia.
_HEDGED_ASIDE = re.compile(
    r"[ \t]*\([^()\n]{0,40}?\b(?:suspected|possible|probable|presumed|presumptive)[ \t.]*"
    r"(?:[,;][^()\n]{0,20})?\)",
    _I,
)
# "in prior pregnancy", "as a child": the mark names an episode that is over.
_PAST_EPISODE = re.compile(
    r"\b(?:prior|previous|last|first|earlier)\s+(?:pregnanc|deliver|admission|hospital)"
    r"|\b(?:childhood|as a child|in (?:her|his) (?:teens|twenties|youth))\b",
    _I,
)
# A treatment that goes on: "on apixaban", "on anticoagulation", "continue levothyroxine".
_ONGOING = re.compile(r"\b(?:on|continu\w*|taking|maintained on|managed with)\s+\w", _I)


# What a hedged item goes on to find absent, "no" alone as an answer (a sure one's "COPD - no
# exacerbation" says how it is, "Possible metastases - no further work-up" what is done):
# "Rule out DVT, negative duplex", "? gout - no".
_ANSWERING_TEST = (
    r"(?:duplex|dopplers?|ct|cta|ultrasound|us|x-?ray|cxr|mri|echo|d-?dimer|cultures?|work-?up"
    r"|study|scan|tests?|biopsy|troponins?)"
)
# "Rule out DVT, negative duplex", "r/o PE - CTA negative": the test answered the question.
# The blanks and marks before the answer are taken whole (no answer opens with one): a run of
# blanks after an uncertain problem had as many cubed ways to split among the three runs.
_ANSWERED_NO = re.compile(
    r"\s*+\??\s*+[,;:(\u2013\u2014-]*+\s*+(?:no(?=\s*[,.;)]|\s*$)|not\s+"
    r"(?:confirmed|found|present)\b|ruled\s+out\b|excluded\b|(?:negative|neg|normal|"
    r"unremarkable)\s+(?:\w+\s+)?"
    + _ANSWERING_TEST
    + r"\b|(?:\w+\s+)?"
    + _ANSWERING_TEST
    + r"\s+(?:(?:was|were|is|are)\s+)?(?:negative|neg|normal|unremarkable)\b)",
    _I,
)


def _history_marked(doc: Document, item: Seg, head: Seg) -> bool:
    """True when the item opens with a mark of history right before the problem: "History of
    PONV", "h/o provoked DVT", also after its body system's label ("CV: h/o CAD")."""
    start = trim(doc.text, item.start, item.end, " \t#*.").start
    system = _SYSTEM_LABEL.match(doc.text, start, item.end)
    mark = _HISTORY_MARK.match(doc.text, system.end() if system else start, item.end)
    return mark is not None and mark.end() <= head.start <= mark.end() + 1


def _treated(doc: Document, item: Seg) -> bool:
    """True for "S/p ORIF R ankle fracture": the fracture is what the visit follows up."""
    start = trim(doc.text, item.start, item.end, " \t#*.").start
    return _TREATED_BY.match(doc.text, start, item.end) is not None


def _denied(doc: Document, head: Seg) -> bool:
    """A denial that covers the first word ("No acute distress", "fever denied"); one inside the
    name is part of the diagnosis ("Migraine without aura", "COPD without exacerbation")."""
    return any(
        scope.context is Context.NEGATED
        and min(scope.trigger.start, scope.span.start) <= head.start
        for scope in doc.scopes_over(head.start, head.end)
    )


def _problem(
    doc: Document, item: Seg, head: Seg, section: SectionName, *, first: bool
) -> Problem | None:
    contexts = doc.contexts(head.start, head.end)
    if Context.FAMILY in contexts or _denied(doc, head):
        return None  # "no acute distress", "family hx of hyperlipidemia": not the patient's
    status = ProblemStatus.ACTIVE
    # "2. History of provoked DVT on apixaban" in an assessment or a diagnosis list: managed
    # now, its mark says only that it began before ("History of preeclampsia." is past).
    marked = section in _ACTIVE_SOURCES and _history_marked(doc, item, head)
    ongoing = _ONGOING.search(doc.text, head.end, item.end) is not None
    marked = marked and ongoing and not _PAST_EPISODE.search(doc.text, item.start, item.end)
    if _resolved(doc, item, head, first=first):
        status = ProblemStatus.RESOLVED
    elif (
        section in _HISTORY_SOURCES
        or (Context.HISTORICAL in contexts and not _treated(doc, item) and not marked)
        or _DATED.match(doc.text, head.end, item.end)
        or _INACTIVE.match(doc.text, head.end, item.end)
        or _PAST_REMARK.match(doc.text, head.end, item.end)
    ):
        status = ProblemStatus.HISTORICAL
    if status is not ProblemStatus.RESOLVED and _under_resolved_heading(doc, head):
        status = ProblemStatus.RESOLVED  # a "Resolved problems" list
    uncertain = (
        _hedged_by_context(doc, head)
        or bool(_UNCERTAIN.search(doc.text, head.start, min(item.end, head.end + 2)))
        or _hedged_item(doc, item, head)
        or bool(_PRESUMED.match(doc.text, head.end, item.end))
        or bool(_HEDGED_ASIDE.match(doc.text, head.end, item.end))
    ) and not _KNOWN.match(doc.text, head.start, head.end)
    if uncertain and _ANSWERED_NO.match(doc.text, head.end, item.end):
        return None  # "Rule out DVT, negative duplex", "Hypothyroidism? - no, euthyroid"
    differential = uncertain and bool(_DIFFERENTIAL.search(doc.text, item.start, item.end))
    return Problem(
        text=doc.slice(head),
        start=head.start,
        end=head.end,
        section=section,
        status=status,
        uncertain=uncertain,
        differential=differential,
    )


def _hedged_by_context(doc: Document, head: Seg) -> bool:
    """True when a hedge's scope reaches the name, unless the hedge sits in an aside of a name
    before it: "orthostatic hypotension (drug-induced, suspected), insomnia" hedges the first."""
    return any(
        scope.context is Context.UNCERTAIN
        and not (
            scope.trigger.end <= head.start
            and ")" in doc.text[scope.trigger.end : head.start]
            and "(" not in doc.text[scope.trigger.end : head.start]
        )
        for scope in doc.scopes_over(head.start, head.end)
    )


_RESOLVED_HEADING = re.compile(r"(?<!not )\bresolved\b", _I)


def _under_resolved_heading(doc: Document, head: Seg) -> bool:
    """True under a "Resolved problems" heading: the heading of the part of its section (one
    section joins "Resolved problems" and the "Past medical history" after it)."""
    where = doc.section_at(head.start)
    part = next((p for p in where.parts if p.start <= head.start <= p.end), None) if where else None
    if part is None:
        return False
    before = doc.text[max(0, part.start - _HEADING_REACH) : part.start].rstrip()
    if _RESOLVED_HEADING.search(before.rsplit("\n", 1)[-1]):
        return True
    # A label of the list alone on its line: "Resolved during admission:", then its items.
    labels = _LABEL_LINE.findall(doc.text, part.start, head.start)
    return bool(labels) and bool(_RESOLVED_HEADING.search(labels[-1]))


_HEADING_REACH = 80
_LABEL_LINE = re.compile(r"^[ \t]*([A-Za-z][\w /&-]{0,40}):[ \t]*$", re.M)


# What a later problem of an item rests on: "AKI on CKD 3a", "sepsis due to pyelonephritis".
_UNDERLYING = re.compile(
    r"\s(?:on|due to|secondary to|2/2|d/t|in (?:the )?setting of|superimposed on|from)\s", _I
)


def _resolved(doc: Document, item: Seg, head: Seg, *, first: bool) -> bool:
    """True when the item says its problem resolved: the first problem of the item, and each
    later one listed beside it ("Hypokalemia, hypomagnesemia and hypophosphatemia, corrected",
    "Alcohol withdrawal with hallucinosis, resolved"); "AKI on CKD 3a, resolved" leaves the
    chronic one active."""
    said = _RESOLVED.search(doc.text, item.start, item.end)
    if said is None:
        return _resolved_list(doc, item, head)
    if first:
        return True
    return said.start() >= head.end and not _UNDERLYING.search(doc.text, item.start, head.start)


# A list's closing word for every name in it: "Hypokalemia, hypomagnesemia, corrected."
_LIST_RESOLVED = re.compile(
    r"[,;]\s*(?:all\s+|now\s+|since\s+|both\s+)?(?:resolved|corrected)[.\s]*$", _I
)


def _resolved_list(doc: Document, item: Seg, head: Seg) -> bool:
    sentence = doc.sentence_at(item.start)
    if sentence is None or sentence.seg.end <= item.end:
        return False
    text = doc.text[sentence.seg.start : sentence.seg.end]
    return bool(_LIST_RESOLVED.search(text)) and not _UNDERLYING.search(
        doc.text, sentence.seg.start, head.start
    )


# "Provoked left DVT 2015, treated with warfarin", "NSTEMI 2016 - s/p DES": a year right after
# the name dates a past episode.
_INACTIVE = re.compile(r"[ \t]+inactive\b", _I)
# "Migraine, hx", "Gout - history": the remark says it is past.
_PAST_REMARK = re.compile(
    r"\s*(?:[,;]|\s[-\u2013\u2014])\s*(?:hx|h/o|history|historical)\.?\s*$", _I
)
_DATED = re.compile(r"[ \t]+(?:in[ \t]+)?(?:19|20)\d{2}\b(?![/.-]\d)")


# The fields an assessment holds on one line of its own, whose headings end no list.
_FIELD_IN_LIST = re.compile(
    r"code status|goals of care|prognosis|advance directives?|resuscitation status", _I
)


def _in_list(heading: str) -> bool:
    return _FIELD_IN_LIST.fullmatch(heading) is not None


def _after_first_line(doc: Document, part: Seg) -> Seg:
    end = doc.text.find("\n", part.start, part.end)
    return Seg(end + 1, part.end) if end >= 0 else Seg(part.end, part.end)


def _candidates(doc: Document) -> Iterator[tuple[Seg, SectionName]]:
    """Items of the assessment first, then of the past history: the first mention wins."""
    before: SectionName | None = None
    for section in doc.sections:
        if section.name in _ACTIVE_SOURCES:
            problem_list = section.name is not _N.DIAGNOSES
            for item in _assessment_items(doc, section.content, problem_list):
                yield item, section.name
        elif before is not None and before in _ACTIVE_SOURCES and _in_list(section.heading):
            # "Code status: DNR" inside a hospice assessment: a field of one line, the list
            # goes on under it ("Dysphagia", "Stage 3 sacral pressure injury").
            # Only lines that name a condition: a signature or a remark may follow the field too.
            for part in section.parts:
                for item in _assessment_items(doc, _after_first_line(doc, part), True):
                    if _opens_with_condition(doc, strip_bullet(doc.text, item)):
                        yield item, before
            continue
        before = section.name
    for section in doc.sections:
        if section.name is _N.PRESENT_ILLNESS and _INDICATION.search(section.heading):
            for item in _indications(doc, section.content):
                yield item, _N.DIAGNOSES
        elif section.name is _N.CHIEF_COMPLAINT and _CONSULT_REASON.search(section.heading):
            for item in _reasons(doc, section.content):
                yield item, _N.DIAGNOSES
    for section in doc.sections:
        if section.name in _DISCHARGE_TOLD:
            for item in _prose_diagnoses(doc, section.content, _DISCHARGED_WITH):
                yield item, _N.DIAGNOSES
        if section.name in _PROSE_SOURCES:
            for item in _prose_diagnoses(doc, section.content, _PROSE_LEAD):
                yield item, _N.DIAGNOSES
            for item in _prose_diagnoses(doc, section.content, _OTHER_PROBLEMS):
                yield item, _N.DIAGNOSES
    # A plan written problem by problem without numbers stands for an assessment the note
    # lacks; beside one, its labels restate the assessment's problems in other words.
    assessed = any(section.name in _ACTIVE_SOURCES for section in doc.sections)
    for section in doc.sections:
        if section.name is _N.PLAN:
            for item in _plan_items(doc, section.content, unnumbered=not assessed):
                yield item, section.name
    for section in doc.sections:
        if section.name in _PAST_SOURCES:
            for item in _past_items(doc, section.content):
                yield item, section.name
                for cause in _OPERATED_FOR.finditer(doc.text, item.start, item.end):
                    if names_condition(cause["cause"]):
                        yield Seg(cause.start("cause"), cause.end("cause")), section.name
                yield from ((aside, section.name) for aside in _condition_asides(doc, item))
        elif section.name in _MEDICATION_LISTS:
            # "apixaban 5 mg BID for paroxysmal AF", "Flomax 0.4 mg qHS (for BPH)": what a
            # home drug is taken for is a condition of the patient's history.
            for item in _indications_of_drugs(doc, section.content):
                yield item, _N.HISTORY
        elif section.name in _SUMMARISED:
            # "A/P: 53M with T2DM, HTN, depression admitted with septic shock": the summary
            # line an assessment opens with tells the history as a story's opening does.
            for item in _summary_comorbidities(doc, section.content):
                yield item, _N.PRESENT_ILLNESS
            if section.name in _ACTIVE_SOURCES:
                for item in _summary_problems(doc, section.content):
                    yield item, section.name
        elif section.name in _STORY_SOURCES:
            # A subjective's story ("S: 73F with CKD 3a, T2DM on diet") tells history as an
            # HPI does.
            # Each heading of it opens a story of its own: "Indication: ...", then "History:
            # 71M with persistent AF, HFpEF, OSA".
            for part in section.parts:
                for item in _comorbidities(doc, part):
                    yield item, _N.PRESENT_ILLNESS
        if section.name in _PROSE_SOURCES:
            for item in _prose_diagnoses(doc, section.content, _PROSE_HISTORY):
                yield item, _N.HISTORY
        if section.name in _TOLD_SOURCES:
            # A letter's paragraph or a note's untitled lines tell the history in a sentence:
            # "Her medical history includes hypertension, atrial fibrillation and CKD."
            for sentence in doc.sentences_within(section.content.start, section.content.end):
                yield from ((item, _N.HISTORY) for item in _told_history(doc, sentence.seg))


# An aside of a past-history entry that names the condition under it: "CKD 3a (diabetic
# nephropathy presumed, UACR 420)", "L 2nd toe amputation 2020 (osteomyelitis)". Its first part
# only, a name alone: "(on CPAP)", "(BMI 36)", "(A1c 7.1%)", "(stable)" name none.
_CONDITION_ASIDE = re.compile(
    r"\((?P<name>[A-Za-z][A-Za-z'-]*(?:[ \t]+[A-Za-z'-]+){0,3}?)"
    r"(?:[ \t]+(?:presumed|suspected|likely|probable|possible))?[ \t]*(?=[,;)])",
    _I,
)


def _condition_asides(doc: Document, item: Seg) -> Iterator[Seg]:
    """The conditions a past-history entry names in an aside of its own (see `_CONDITION_ASIDE`),
    after a condition or an operation: "One admission 2019 (mania)" tells an episode, and
    "DVT (deep venous thrombosis)" spells out the name before it."""
    for aside in _CONDITION_ASIDE.finditer(doc.text, item.start, item.end):
        name = Seg(aside.start("name"), aside.end("name"))
        before = doc.text[item.start : aside.start()]
        if not (names_condition(before) or _PROCEDURE.search(before)):
            continue
        if problem_key(before) & problem_key(doc.slice(name)):
            continue
        if _CONDITION_WORD.search(doc.slice(name)) and _is_problem(doc, name):
            yield Seg(name.start, aside.end())  # with its hedge: "(... presumed)"


# What a past operation was done for is a past condition of its own: "Hypothyroidism - s/p RAI
# for Graves' disease 1994", "Mechanical AVR 2016 for bicuspid aortic stenosis", "post-CABG
# for 3-vessel CAD".
_OPERATED_FOR = re.compile(
    r"(?:\b(?:s/p|status[- ]post|post-?)\s*[\w/-]+|"
    + _PROCEDURE.pattern
    + r")(?:\s+(?:in\s+)?(?:19|20)\d{2})?\s+for\s+(?P<cause>[A-Za-z][^,;:()\n]{2,60}?)"
    r"(?=\s*(?:[,;:()\n]|\.(?:\s|$)|$|\s+(?:in\s+)?(?:19|20)\d{2}\b|\s+(?:as|at|in|when|with)\s))",
    _I,
)


# "66 y/o M with T2DM, HTN, HLD and CKD 3a, presenting with ...", "a 54-year-old woman with a
# history of asthma and GERD who presents", "58F w/ T2DM, HTN", "68M HTN, BPH p/w palpitations":
# the conditions the story opens with are history. The age and sex written as one word ("58F")
# may run straight into the list; any other opening names it after "with".
_OPENING_WITH = re.compile(
    r"(?:\b\d{1,3}[- ]?(?:(?:y/?o|yo|years?[- ]old|year[- ]old)\b|y\.o\.)"
    r"[^,.;:\n]{0,40}?\s(?:with|w/)"
    r"|\b\d{1,3}\s?(?-i:[MF])(?:\s+(?:with|w/)|,?(?=\s+(?-i:[A-Z])))"
    r")\s+"
    r"(?:(?:a |an )?(?:(?:significant|extensive|known|past|long|longstanding|long-standing|"
    r"remote) )*(?:(?:past )?medical )?"
    r"(?:history|hx|pmh) (?:of |significant for |notable for )?|h/o )?(?:including )?",
    _I,
)
_OPENING_LIST_END = re.compile(
    r"\s(?:who|presenting|presents|presented|here|admitted|referred|seen|now|today|is|was|"
    r"comes|came|brought|being|for|p/w|c/o)(?!\w)|[.:(]|\s[-\u2013\u2014]+\s",
    _I,
)
# The story may open after a sentence or two: "Indication: NSTEMI. 66 y/o M with T2DM, HTN".
_OPENING_SENTENCES = 3
# The age of a relative is no opening of the patient's story: "Her 45 y/o sister with lupus".
_RELATIVE = quick(
    r"\b(?:mother|father|mom|dad|sister|brother|son|daughter|husband|wife|partner|sibling|"
    r"aunt|uncle|grand\w+|cousin)\b",
    _I,
)


def _comorbidities(doc: Document, content: Seg) -> Iterator[Seg]:
    """The conditions a story opens with, and those any sentence of it gives as history ("He
    has a history of BPH on Flomax and hypertension.", "Comorbidities: type 2 diabetes,
    hypertension, GERD."), each one that names one."""
    opened = False
    inside = doc.sentences_within(content.start, content.end)
    for index, sentence in enumerate(inside):
        opening = None
        if not opened and index < _OPENING_SENTENCES:
            opening = _story_opening(doc, sentence.seg)
            opened = opening is not None
        stop = _opening_list_end(doc, opening.end(), sentence.seg.end) if opening else 0
        if opening is None and index == 0 and not opened:
            listed = _bare_list(doc, sentence.seg)
            if listed:
                yield from listed
                continue
        if opening is None:
            yield from _told_history(doc, sentence.seg)
            continue
        for item in split_items(doc.text, opening.end(), stop, _PAST_LIST):
            if names_condition(doc.slice(item)):
                yield item


def _told_history(doc: Document, sentence: Seg) -> Iterator[Seg]:
    """The conditions a sentence gives as the patient's history after its lead-in ("Known
    history of BPH, HTN.", "Her background is significant for hypertension, hypothyroidism and
    reflux."), each one that names one; none for a sentence without such a lead-in."""
    opening = _HISTORY_LEAD.match(doc.text, sentence.start, sentence.end) or _STORY_HISTORY.search(
        doc.text, sentence.start, sentence.end
    )
    if opening is None:
        return
    # "type 2 diabetes (A1c 6.9%), hypertension": asides kept.
    end = _HISTORY_LIST_END.search(doc.text, opening.end(), sentence.end)
    stop = end.start() if end else sentence.end
    for item in split_items(doc.text, opening.end(), stop, _PAST_LIST):
        if names_condition(doc.slice(item)):
            yield item


# "HISTORY: IDDM (type 2, on insulin) x 12 yr, HTN, hypothyroid. Husband states...": a run
# sheet's or a form's history opens with the bare list of the patient's conditions.
_BARE_LIST_ITEMS = 3
_BARE_LIST_WORDS = 8


def _bare_list(doc: Document, sentence: Seg) -> list[Seg]:
    """The items of a story's first sentence when it is a bare list of at least three short
    names of conditions, and nothing else; otherwise none."""
    body = trim(doc.text, sentence.start, sentence.end, " \t\r\n.")
    items = split_items(doc.text, body.start, body.end, _PAST_LIST)
    if len(items) < _BARE_LIST_ITEMS:
        return []
    for item in items:
        text = doc.slice(item)
        if len(text.split()) > _BARE_LIST_WORDS or not names_condition(text):
            return []
        if _STORY_SENTENCE.match(text) or _CONNECTIVE.match(text):
            return []
    return items


_MEDICATION_LISTS = frozenset({_N.MEDICATIONS, _N.ADMISSION_MEDICATIONS})
# "for paroxysmal AF", "(for BPH)": up to the end of the drug's remark.
_TAKEN_FOR = re.compile(
    r"\bfor\s+(?P<cause>[A-Za-z][A-Za-z0-9' /-]{1,40}?)"
    r"(?=\s*(?:[,;:()\n]|\.(?:\s|$)|$|\s[-\u2013\u2014]+\s|\s+(?:and|since|x|per|with|on)\s))",
    _I,
)


def _indications_of_drugs(doc: Document, content: Seg) -> Iterator[Seg]:
    """The conditions a medication list says its drugs are taken for."""
    for found in _TAKEN_FOR.finditer(doc.text, content.start, content.end):
        if _AS_NEEDED.search(doc.text, max(content.start, found.start() - 20), found.start()):
            continue  # "EpiPen as directed for anaphylaxis", "PRN for nausea": a use, no disease
        if names_condition(found["cause"]):
            yield Seg(found.start("cause"), found.end("cause"))


_AS_NEEDED = re.compile(r"\b(?:prn|as needed|as directed|if needed)[ \t]*$", _I)


_SUMMARISED = frozenset({_N.ASSESSMENT, _N.ASSESSMENT_AND_PLAN, _N.HOSPITAL_COURSE})


def _summary_comorbidities(doc: Document, content: Seg) -> Iterator[Seg]:
    """The conditions an assessment's first sentence opens its summary of the patient with,
    before what brought them in."""
    first = next(iter(doc.sentences_within(content.start, content.end)), None)
    opening = _story_opening(doc, first.seg) if first is not None else None
    if first is None or opening is None:
        return
    stop = _opening_list_end(doc, opening.end(), first.seg.end)
    if not _PRESENTED.match(doc.text, stop, first.seg.end):
        return  # "68F with cellulitis of the leg failing cephalexin, with SIRS": the problem
    for item in split_items(doc.text, opening.end(), stop, _PAST_LIST):
        if names_condition(doc.slice(item)):
            yield item


def _summary_problems(doc: Document, content: Seg) -> list[Seg]:
    """The problems of an assessment that is only its summary sentence, a list of conditions
    after the age and nothing of what brought the patient in: "45-year-old woman with poorly
    controlled type 2 diabetes, obesity and newly diagnosed hypertension." Every item must
    name a condition, else the sentence tells a story ("68F with cellulitis failing
    cephalexin")."""
    first = next(iter(doc.sentences_within(content.start, content.end)), None)
    opening = _story_opening(doc, first.seg) if first is not None else None
    if first is None or opening is None:
        return []
    end = trim(doc.text, opening.end(), first.seg.end, " \t.").end
    if _opening_list_end(doc, opening.end(), end) != end:
        return []
    items = split_items(doc.text, opening.end(), end, _PAST_LIST)
    named = all(_list_name(_CONTROL_MARK.sub("", doc.slice(item))) for item in items)
    return items if named and len(items) > 1 else []


# What a summary says the patient came with follows the background: "53M with T2DM, HTN
# admitted with septic shock", "72F with COPD, CKD 3 who presents with dyspnea".
_PRESENTED = re.compile(
    r"\s+(?:who|presenting|presents|presented|admitted|referred|brought|transferred|here|"
    r"p/w|c/o)(?!\w)",
    _I,
)


def _story_opening(doc: Document, sentence: Seg) -> re.Match[str] | None:
    """The age and "with" a story opens its list of conditions with, not a relative's."""
    opening = _OPENING_WITH.search(doc.text, sentence.start, sentence.end)
    if opening is None or _RELATIVE.search(doc.text, sentence.start, opening.end()):
        return None
    return opening


def _opening_list_end(doc: Document, start: int, end: int) -> int:
    """Where the list a story opens with ends: at the first word or mark of story outside an
    aside, so "HTN, paroxysmal AF (rate control only), HFpEF, hypothyroidism" is one list."""
    for match in _OPENING_LIST_END.finditer(doc.text, start, end):
        chunk = doc.text[start : match.start()]
        if chunk.count("(") > chunk.count(")"):
            continue
        if match.group() == "(" and ")" in doc.text[match.end() : end]:
            continue
        return match.start()
    return end


_HISTORY_LIST_END = re.compile(
    r"\s(?:who|presenting|presents|presented|here|admitted|referred|seen|now|today|was|comes|"
    r"came|brought|being)\b|\.(?!\d)|:|\s[-\u2013\u2014]+\s",
    _I,
)
# A sentence that opens with the history: "Known history of BPH, HTN.", "H/o DVT in 2019."
_HISTORY_LEAD = quick(
    r"(?:(?:known|significant|past|prior|remote)\s+)?(?:medical\s+)?(?:history|hx)\s+(?:of|"
    r"significant for|notable for)\s+|h/o\s+",
    _I,
)
# A history given inside a story: "has a history of", "with a known history of", "PMH
# significant for", "h/o", or a label inside the paragraph ("Comorbidities:", "PMH:"). Not "a
# 9-month history of a painful bulge": a symptom's duration.
_STORY_HISTORY = quick(
    r"(?:\b(?:has|had|have|with|w/)\s+(?:an?\s+)?(?:(?:significant|known|remote|long|"
    r"longstanding|long-standing|prior|past|extensive)\s+)*(?:(?:past\s+)?medical\s+)?"
    r"(?:history|hx)\s+(?:of|significant for|notable for|remarkable for)"
    # "Her medical history includes", "Past history is positive for", "Her background is
    # significant for": not a relative's history, nor the drugs' or the habits'.
    r"|(?<!family )(?<!social )(?<!surgical )(?<!medication )(?<!travel )(?<!sexual )"
    r"\b(?:pmh|pmhx|(?:past\s+)?(?:medical\s+)?history|background)\s+(?:(?:is\s+)?"
    r"(?:significant|notable|remarkable|positive)\s+for|includes?|including)"
    r"|(?:^|(?<=[.;]\s))(?:history of|h/o)"
    r"|\b(?:comorbidities|co-morbidities|pmh|pmhx|past medical (?:history|hx)|medical "
    r"(?:history|hx)):)\s+",
    _I,
)


def _indications(doc: Document, section: Seg) -> Iterator[Seg]:
    """A procedure's indication written as a diagnosis ("Indication: NSTEMI."): what the
    procedure treats or looks for. A sentence of story is no diagnosis."""
    for sentence in doc.sentences_within(section.start, section.end)[:_INDICATION_SENTENCES]:
        body = strip_bullet(doc.text, sentence.seg)
        for piece in split_items(doc.text, body.start, body.end, _SEMICOLON):
            if _names_diagnosis(doc, piece):
                yield piece


def _names_diagnosis(doc: Document, piece: Seg) -> bool:
    """True for a piece of an indication whose head is a short name of a condition ("End-stage
    osteoarthritis right hip, failed injections"), not story ("66 y/o M with T2DM") nor an
    order ("First screening colonoscopy")."""
    end = _head_end(doc, piece)
    head = doc.text[piece.start : end.start() if end else piece.end].strip(" .")
    words = head.split()
    story = _STORY_SENTENCE.match(head) or _AGE.search(head)
    return 0 < len(words) <= _INDICATION_WORDS and names_condition(head) and not story


def _reasons(doc: Document, section: Seg) -> Iterator[Seg]:
    """The diagnoses a consultation is asked about: "Reason for consult: goals of care, symptom
    management - metastatic pancreatic cancer", "REASON FOR CONSULTATION: New-onset seizure."."""
    first = next(iter(doc.sentences_within(section.start, section.end)), None)
    if first is None:
        return
    body = strip_bullet(doc.text, first.seg)
    for piece in split_items(doc.text, body.start, body.end, _REASON_PARTS):
        if _names_diagnosis(doc, piece):
            yield piece


# Sections with no heading of a history that may tell it in a sentence.
_TOLD_SOURCES = frozenset({_N.OTHER, _N.HEADER})
# Sections a letter or a visit's story names what the visit is about in sentences.
_PROSE_SOURCES = frozenset({_N.OTHER, _N.PRESENT_ILLNESS, _N.SUBJECTIVE})
# What a letter or a story says this visit is about, or what the writer concluded: "whom I saw
# today regarding recurrent diverticulitis", "I reviewed her in clinic for follow-up of her
# migraine", "My impression is diabetic kidney disease", "He also has a mild metabolic
# acidosis". The writer's own visit only: "seen in the ED 11/2 for" and "seen at urgent care
# for" tell an earlier one. The names follow the lead-in.
_PROSE_LEAD = re.compile(
    r"\b(?:(?:(?:whom\s+)?(?:I|we)\s+(?:saw|have\s+seen|reviewed|assessed|evaluated|met)\b"
    r"[^.;:\n\d]{0,60}?|seen\s+(?:in\s+(?:the\s+)?(?:\w+\s+)?clinic\s+)?today\s+)"
    r"(?:regarding|concerning|about|for|with respect to|in relation to)"
    r"(?:\s+(?:a\s+|an\s+)?(?:follow[- ]?up|review|management|evaluation|assessment|"
    r"reassessment|opinion|advice)\s+(?:of|for|on|regarding))?"
    r"|(?:my|our)\s+(?:overall\s+|clinical\s+|working\s+)?(?:impression|diagnosis)\s+"
    r"(?:is|was)(?:\s+(?:that\s+of|of))?"
    r"|(?:he|she|they)\s+also\s+(?:has|have))"
    r"(?:\s+(?:his|her|their|the|a|an|known|possible|suspected|ongoing|new))*\s+",
    _I,
)
# "Other problems: hypertension, hypothyroidism, BPH" in a letter or a story: the other
# conditions the writer manages, named after the main one.
_OTHER_PROBLEMS = re.compile(
    r"\bother\s+(?:active\s+|medical\s+|chronic\s+|current\s+)?(?:problems|conditions|diagnoses)"
    r"(?:\s+(?:include|are))?\s*:\s*",
    _I,
)
# A call or a visit after a stay tells what the stay found: "Discharged: 07/10/2026 from 6N, dx
# AECOPD", "discharged home on 3/2 with a diagnosis of cellulitis". The names follow.
_DISCHARGED_WITH = re.compile(
    r"\bdischarged\b[^.;\n]{0,60}?(?:\b(?:dx|diagnos[ie]s)\b[ \t]*(?:of\b)?[ \t]*:?"
    r"|\bwith[ \t]+(?:a[ \t]+)?diagnos[ie]s[ \t]+of)[ \t]+",
    _I,
)
_DISCHARGE_TOLD = frozenset({*_PROSE_SOURCES, _N.HEADER})
# "His other history includes AF on apixaban, gout": the rest of the history, in prose.
_PROSE_HISTORY = re.compile(
    r"\b(?:his|her|their)\s+other\s+(?:medical\s+)?(?:history|problems|conditions|diagnoses)"
    r"\s+(?:includes?|are|is|comprises?)\s+",
    _I,
)
_PROSE_PARTS = re.compile(r"[,;]|\s[-\u2013\u2014]+\s|\s+and\s+|\s+in the setting of\s+", _I)


def _prose_diagnoses(doc: Document, section: Seg, lead: re.Pattern[str]) -> Iterator[Seg]:
    """The conditions a sentence of prose names after its lead-in, each a short name of a
    condition: "today for 20 minutes" and "regarding his knee replacement" name none."""
    for sentence in doc.sentences_within(section.start, section.end):
        found = lead.search(doc.text, sentence.seg.start, sentence.seg.end)
        if found is None:
            continue
        body = trim(doc.text, found.end(), sentence.seg.end, " \t\r\n.")
        for piece in split_items(doc.text, body.start, body.end, _PROSE_PARTS):
            if _names_diagnosis(doc, piece):
                yield piece


_INDICATION_WORDS = 6
_INDICATION_SENTENCES = 3
_INDICATION = re.compile(r"indication", _I)
_CONSULT_REASON = re.compile(r"reason for (?:consult\w*|referral)", _I)
_REASON_PARTS = re.compile(r"[,;]|\s[-\u2013\u2014]+\s|\s+and\s+", _I)
_AGE = re.compile(r"\b\d{1,3}\s*(?:y/?o|yo|[MF])\b|\byears?[- ]old\b", _I)


def extract_problems(doc: Document) -> list[Problem]:
    """The note's problems, one per concept: the assessment's in its order, then the past
    history's."""
    found: dict[frozenset[str], Problem] = {}
    items: dict[frozenset[str], frozenset[str]] = {}
    for item, section in _candidates(doc):
        for index, (head, hedged) in enumerate(_item_problems(doc, item, section)):
            problem = _problem(doc, item, head, section, first=index == 0)
            if problem is not None and hedged is not None:
                problem = problem.model_copy(update={"uncertain": True, "differential": hedged})
            key = problem_key(problem.text) if problem else frozenset()
            if problem is None or not key or key in found:
                continue
            if _named_after(doc, item, section) and _told_already(key, problem.text, found):
                continue  # "Osteoarthritis" in the history, "OA knees" in the assessment
            if _short_for(key, problem.text, section, found):
                continue  # "Glaucoma:" in the A&P, "Primary open angle glaucoma" in the list
            if section is _N.PLAN and _restated(found, items, key, item):
                continue  # "Non-perforated appendicitis:" in the plan of a diagnosis above
            items[key] = problem_key(doc.slice(item))
            if section is _N.DIAGNOSES and _refined(doc, found, key, problem):
                continue  # "Acute appendicitis" before, "Acute suppurative appendicitis" after
            found[key] = problem
    managed = _managed_sentences(doc)
    return [_taken_up(p, key, managed) for key, p in found.items()]


def _named_after(doc: Document, item: Seg, section: SectionName) -> bool:
    """True for mentions that only repeat a concept the assessment may have named already: the
    past history, the story's opening, a procedure's indication, a plan's labels."""
    if section in _HISTORY_SOURCES or section is _N.PLAN:
        return True  # a plan's label ("DM:") restates a problem the assessment named
    where = doc.section_at(item.start)
    return where is not None and where.name in {_N.CHIEF_COMPLAINT, *_PROSE_SOURCES}


# A symptom a plan orders for by its name alone; an assessment that numbers it treats it as the
# problem ("3. Nausea / early satiety - metoclopramide").
_PLAN_TOPIC = quick(r"nausea(?:[ \t]*(?:/|and|&)[ \t]*vomiting)?", _I)


def _plan_topic(doc: Document, section: SectionName, head: Seg) -> bool:
    """ "- Nausea: ondansetron PRN": what to give for it, a plan's topic; in an assessment and
    plan too when a bullet labels it with a colon, as a post-op checklist does beside "- Pain:"
    and "- Diet:" ("2. Nausea - metoclopramide", "3. Nausea: continue ondansetron" are the
    assessment's numbered problem)."""
    if not _PLAN_TOPIC.fullmatch(doc.slice(head)):
        return False
    line_start = doc.text.rfind("\n", 0, head.start) + 1
    return section is _N.PLAN or (
        _BULLET_ONLY.fullmatch(doc.text, line_start, head.start) is not None
        and _COLON_NEXT.match(doc.text, head.end) is not None
    )


_BULLET_ONLY = re.compile(r"[ \t]*[-*\u2022][ \t]*")
_COLON_NEXT = re.compile(r"[ \t]*:")


def _item_problems(doc: Document, item: Seg, section: SectionName) -> list[tuple[Seg, bool | None]]:
    """The problems an item names: its head's, then, in an assessment, the hedged diagnoses
    after the head (with whether each is a differential; None for the head's own)."""
    heads = _heads(doc, item)
    if section is _N.PRESENT_ILLNESS:  # "... on echo in September": story, not a condition
        heads = [head for head in heads if names_condition(doc.slice(head))]
    if section in (_N.PLAN, _N.ASSESSMENT_AND_PLAN):
        heads = [head for head in heads if not _plan_topic(doc, section, head)]
    found: list[tuple[Seg, bool | None]] = [(head, None) for head in heads]
    if section in _ACTIVE_SOURCES and heads:
        after = max(head.end for head in heads)
        found += [(name, alt) for name, alt in _hedged_tails(doc, item, after)]
        found += [(name, None) for name in _companions(doc, item, after)]
    return found


def without_ruled_out(problems: list[Problem], negated: list[NegatedFinding]) -> list[Problem]:
    """A hedged diagnosis the note goes on to deny is no problem: "Admitting diagnosis: COPD
    exacerbation, rule out pneumonia" then "Pneumonia was ruled out"."""
    denied: dict[frozenset[str], int] = {}
    for finding in negated:
        key = problem_key(finding.text)
        denied[key] = max(denied.get(key, -1), finding.start)
    return [
        p for p in problems if not (p.uncertain and denied.get(problem_key(p.text), -1) > p.end)
    ]


def _managed_sentences(doc: Document) -> dict[str, set[int]]:
    """For each concept word, the sentences of the assessment and plan that use it."""
    found: dict[str, set[int]] = {}
    for index, sentence in enumerate(doc.in_sections(*_MANAGING)):
        for word in problem_key(_SCORED.sub(" ", doc.slice(sentence.seg))):
            found.setdefault(word, set()).add(index)
    return found


# A risk score and the past conditions it counts: "CHA2DS2-VASc 4 (HTN, DM, age 65-74, CHF)"
# scores the history, it does not manage it. Not a score of the present ("STOP-BANG 6 (known
# OSA, compliant with CPAP)" says how the OSA is managed).
_SCORED = re.compile(
    r"\b(?:cha2ds2-?vasc|chads2?|has-?bled|apfel|rcri)\b"
    r"[^()\n]{0,20}\([^()\n]*\)",
    _I,
)


def _taken_up(problem: Problem, key: frozenset[str], managed: dict[str, set[int]]) -> Problem:
    """A past-history condition the assessment or the plan takes up is managed now: active."""
    if problem.status is not ProblemStatus.HISTORICAL or problem.section not in _HISTORY_SOURCES:
        return problem
    shared = set.intersection(*(managed.get(word, set()) for word in key))
    return problem.model_copy(update={"status": ProblemStatus.ACTIVE}) if shared else problem


def _refined(
    doc: Document, found: dict[frozenset[str], Problem], key: frozenset[str], problem: Problem
) -> bool:
    """A diagnosis list's later, more precise name of a problem it named before (the
    postoperative diagnosis refining the preoperative one) takes its place. Within one line
    they are two diagnoses: "Parkinson disease; Parkinson disease dementia"."""
    for other, earlier in found.items():
        close = (other <= key or key <= other) and len(other ^ key) <= 2
        one_line = "\n" not in doc.text[earlier.end : problem.start]
        if close and earlier.section is _N.DIAGNOSES and not one_line:
            del found[other]
            found[key] = problem
            return True
    return False


def _restated(
    found: dict[frozenset[str], Problem],
    items: dict[frozenset[str], frozenset[str]],
    key: frozenset[str],
    item: Seg,
) -> bool:
    """True when a plan's label only restates a problem named above: all its words are in the
    line that named it ("Acute suppurative appendicitis, non-perforated"). The item's own
    problems do not count ("AKI on CKD 3b" names two)."""
    return any(
        key & other and key <= items.get(other, other)
        for other, problem in found.items()
        if problem.start < item.start
    )


def _told_already(key: frozenset[str], text: str, found: dict[frozenset[str], Problem]) -> bool:
    """True when an assessment problem names this concept: the same words and at most two more
    ("Osteoarthritis" in the history, "OA knees" in the assessment), or one of the two names
    the other with a word of kind or extent ("mild intermittent asthma" and "Asthma")."""
    for other, problem in found.items():
        if not key & other or _acuities_differ(text, problem.text):
            continue  # names with no word in common are never one concept
        if (other - key) & _OTHER_DISEASE:
            continue  # "Depression" in the history, "respiratory depression" above
        if key <= other and len(other - key) <= 2:
            return True
        if len(other) >= 2 and other < key:
            return True  # "stage IV EGFR-mutant lung adenocarcinoma", "lung adenocarcinoma"
        if same_concept(text, problem.text):
            return True
        if len(key) == 1 and key < other and names_condition(next(iter(key))):
            return True  # "anemia" in the history, "Iron deficiency anemia of pregnancy" above
        if _narrowed(key, other):
            return True  # "Mild Alzheimer-type dementia" in the history, "Dementia" above
    return False


def _short_for(
    key: frozenset[str], text: str, section: SectionName, found: dict[frozenset[str], Problem]
) -> bool:
    """True when a one-word condition restates a problem another section named more fully: the
    problem list's "Primary open angle glaucoma", the plan's "Glaucoma:"."""
    if len(key) != 1 or not names_condition(text):
        return False
    return any(
        key < other
        and not other & _OTHER_DISEASE
        and problem.section is not section
        and not _acuities_differ(text, problem.text)
        for other, problem in found.items()
    )


# Words that make another disease of the same word: "gestational hypertension" is not the
# "Hypertension" of a later item, nor "pulmonary hypertension".
_OTHER_DISEASE = frozenset(
    {"gestational", "pulmonary", "portal", "intracranial", "ocular", "respiratory"}
)


def _narrowed(key: frozenset[str], other: frozenset[str]) -> bool:
    """True when a later mention names more narrowly a one-word condition named above."""
    return (
        len(other) == 1
        and other < key
        and len(key - other) <= 2
        and names_condition(next(iter(other)))
    )


# Words that say which form or how much of a condition, not which condition: "mild intermittent
# asthma" is asthma, "diabetic peripheral neuropathy" the neuropathy.
# An exacerbation or a flare is not one: it is an episode of its chronic disease, apart.
_EXTENT_TEXT = """intermittent paroxysmal permanent persistent longstanding peripheral both benign
    primary morbid systolic diastolic also prior end class generalized major"""
_EXTENT = frozenset(_EXTENT_TEXT.split())
# Where a name joins a second condition to its first: "AF with RVR", "T2DM w/ neuropathy",
# "PE/DVT", "CAD, native vessel".
_FIRST_OF = re.compile(r"\s+(?:with|w/|due to|secondary to|2/2)\s+|\s*[/,;(]\s*", _I)


def same_concept(a: str, b: str) -> bool:
    """True when two names of problems name one concept: the same key; or one key within the
    other and the difference words of extent, or a single word added to a name of two words or
    more ("iron deficiency anemia"); or the first condition of a joined name the other
    ("Atrial fibrillation with RVR" and "chronic atrial fibrillation")."""
    if _acuities_differ(a, b):
        return False  # "AKI" and "CKD 3b", acute and chronic pancreatitis: two conditions
    ka, kb = problem_key(a), problem_key(b)
    if ka == kb:
        return True
    (small, _), (big, big_text) = sorted(((ka, a), (kb, b)), key=lambda k: len(k[0]))
    if small & big and (small ^ big) <= _EXTENT:
        return True  # "moderate persistent asthma" and "mild intermittent asthma"
    if small & big and _located(ka - kb, kb - ka):
        return True  # "Primary osteoarthritis" and "knee OA"
    if not small or not small < big:
        return _first_named(a, kb) or _first_named(b, ka)
    extra = big - small
    if extra <= _EXTENT or (len(small) >= 2 and len(extra) == 1):
        return True
    if len(small) == 1 and len(extra) <= 2 and _DISEASE_FORM.fullmatch(next(iter(small))):
        return True  # "Hypoglycemia" and "sulfonylurea-induced hypoglycemia"
    return _first_named(big_text, small)


# A word that names a disease by its form ("gastroenteritis", "hypoglycemia", "nephropathy"),
# unlike "pain" or "failure": a name that adds a cause or a kind to it names the same disease.
_DISEASE_FORM = re.compile(r"\w{3,}(?:itis|osis|emia|aemia|pathy|iasis|plegia|ism)|obesity")
# Where a condition is: one name may say it, the other not ("knee OA", "primary OA"); two sites
# make two conditions ("breast cancer", "lung cancer").
_SITES_TEXT = """knee knees hip hips shoulder shoulders ankle wrist hand hands foot feet elbow neck
    back spine lumbar cervical thoracic"""
_SITES = frozenset(_SITES_TEXT.split())


def _located(one: frozenset[str], other: frozenset[str]) -> bool:
    """True when one side adds only a site (and words of extent), the other words of extent."""
    sided = (one, other) if one & _SITES else (other, one)
    return bool(sided[0] & _SITES) and sided[0] <= _EXTENT | _SITES and sided[1] <= _EXTENT


def _first_named(text: str, key: frozenset[str]) -> bool:
    """True when the first condition of a joined name ("AF with RVR") has this key."""
    first = _FIRST_OF.split(text, maxsplit=1)[0]
    # "paroxysmal AF" is the AF of "AF with RVR": a word of extent makes no other condition.
    return first != text and bool(key - _EXTENT) and problem_key(first) - _EXTENT == key - _EXTENT


# Abbreviations clinicians write for common conditions, spelt out so that "HTN" and
# "hypertension" are one concept.
_SPELLED_OUT = {
    "htn": "hypertension",
    "chemo": "chemotherapy",
    "dm": "diabetes",
    "dm2": "type 2 diabetes",
    "t2dm": "type 2 diabetes",
    "niddm": "type 2 diabetes",
    "t1dm": "type 1 diabetes",
    "dm1": "type 1 diabetes",
    "iddm": "type 1 diabetes",
    "copd": "chronic obstructive pulmonary disease",
    "chf": "congestive heart failure",
    "hf": "heart failure",
    "cad": "coronary artery disease",
    "afib": "atrial fibrillation",
    "af": "atrial fibrillation",
    "ckd": "chronic kidney disease",
    "esrd": "end stage renal disease",
    "aki": "acute kidney injury",
    "gerd": "gastroesophageal reflux disease",
    "mi": "myocardial infarction",
    "cva": "stroke",
    "tia": "transient ischemic attack",
    "uti": "urinary tract infection",
    "uri": "upper respiratory infection",
    "dvt": "deep vein thrombosis",
    "pe": "pulmonary embolism",
    "osa": "obstructive sleep apnea",
    "bph": "benign prostatic hyperplasia",
    "hld": "hyperlipidemia",
    "hlp": "hyperlipidemia",
    "cap": "community acquired pneumonia",
    "pna": "pneumonia",
    "oa": "osteoarthritis",
    "ra": "rheumatoid arthritis",
    "mdd": "major depressive disorder",
    "gad": "generalized anxiety disorder",
    "ptsd": "posttraumatic stress disorder",
    "adhd": "attention deficit hyperactivity disorder",
    "ibs": "irritable bowel syndrome",
    "pvd": "peripheral vascular disease",
    "pad": "peripheral arterial disease",
    "dka": "diabetic ketoacidosis",
    "ams": "altered mental status",
    "hypothyroid": "hypothyroidism",
    "aecopd": "exacerbation chronic obstructive pulmonary disease",
    "adhf": "acute decompensated heart failure",
    "hfref": "heart failure reduced ejection fraction",
    "hfpef": "heart failure preserved ejection fraction",
    "nstemi": "non st elevation myocardial infarction",
    "stemi": "st elevation myocardial infarction",
    "sle": "systemic lupus erythematosus",
    "ms": "multiple sclerosis",
    "aom": "acute otitis media",
    "resp": "respiratory",
    "gi": "gastrointestinal",
    "pcos": "polycystic ovary syndrome",
    "nafld": "nonalcoholic fatty liver disease",
    "ibd": "inflammatory bowel disease",
    "pud": "peptic ulcer disease",
    "ild": "interstitial lung disease",
    "ipf": "idiopathic pulmonary fibrosis",
    "ocd": "obsessive compulsive disorder",
    "hcc": "hepatocellular carcinoma",
    "scc": "squamous cell carcinoma",
    "bcc": "basal cell carcinoma",
    "mci": "mild cognitive impairment",
    "ugib": "upper gastrointestinal bleed",
    "lgib": "lower gastrointestinal bleed",
    "sbo": "small bowel obstruction",
    "nicm": "nonischemic cardiomyopathy",
    "ponv": "postoperative nausea vomiting",
    "lbp": "low back pain",
    "poag": "primary open angle glaucoma",
    "eczema": "atopic dermatitis",
    "ghtn": "gestational hypertension",
    "gdm": "gestational diabetes",
    "iup": "intrauterine pregnancy",
    "oab": "overactive bladder",
    "mrsa": "methicillin resistant staphylococcus aureus",
    "mssa": "methicillin susceptible staphylococcus aureus",
    "vit": "vitamin",
    "ef": "ejection fraction",
    "idc": "invasive ductal carcinoma",
    "etoh": "alcohol",
}
# Words that say how a problem is doing, not which problem it is. An exacerbation or a flare is
# not one of them: it is an episode that resolves while its chronic disease goes on. "GOLD 3"
# grades COPD as "stage 3" grades CKD.
_QUALIFIERS_TEXT = """the a an of and with in on is was his her chronic acute mild moderate severe
    stable improving worsening controlled uncontrolled well poorly known history likely possible
    probable suspected presumed rule out concern questionable new recurrent persistent bilateral
    left right mellitus disease disorder syndrome stage type essential also hx symptomatic
    two three four five several episode long standing longstanding remote gold
    mildly moderately severely above below goal target ou od os eye eyes"""
_QUALIFIERS = frozenset(_QUALIFIERS_TEXT.split())
_WORD = re.compile(r"[a-z0-9]+")
# A grade or a stage in Roman numerals ("stage IIIB", "class II", "type II") says how far a
# disease has gone, not which disease it is, as "stage 3" does.
_ROMAN = re.compile(r"(?:i{1,3}|iv|vi{0,3})[abc]?")
# Adjective and noun of one concept: "major depressive disorder" and "major depression"; a
# carcinoma is the cancer a story or an assessment names ("lung adenocarcinoma", "lung cancer").
# An organ's adjective and its noun name one site: "chronic obstructive lung disease" is COPD,
# "pancreatic cancer" the "adenocarcinoma of the pancreas".
_SAME_WORD = {
    "depressive": "depression",
    "adenocarcinoma": "cancer",
    "carcinoma": "cancer",
    "lung": "pulmonary",
    "pancreatic": "pancreas",
    "menopausal": "menopause",
}
_SHORTHANDS = {"w/o": " without ", "w/": " with ", "s/p": " status post ", "h/o": " history "}
_SHORTHAND = re.compile(r"w/o|w/|s/p|h/o")
# "Malignant neoplasm of pancreas" (the code's name) and "pancreatic ca" name the cancer; "Ca"
# after no organ is calcium ("low Ca").
_CANCER = re.compile(
    r"\bmalignant neoplasm\b|\b(?P<organ>pancreatic|breast|lung|colon|colorectal|prostate|"
    r"ovarian|bladder|gastric|rectal|cervical|endometrial|thyroid|esophageal|oral|skin) ca\b"
)
# What a condition is treated with says how it is managed, not which condition it is:
# "insulin-requiring T2DM", "diet-controlled gestational diabetes", "O2-dependent COPD".
# Not "(non-)insulin-dependent diabetes": IDDM and NIDDM are type 1 and type 2, two concepts.
_TREATMENT_KIND = re.compile(
    r"\b(?!(?:non-?\s?)?insulin[- ]dependent\b)(?:non-?)?(?:[a-z0-9]+-|(?:insulin|diet|oxygen"
    r"|o2|steroid|dialysis|ventilator|transfusion)\s)(?:requiring|treated|dependent|controlled)\b"
)
_NON_INSULIN = re.compile(r"\bnon-?\s?insulin\b")


def _acuities_differ(a: str, b: str) -> bool:
    """True when one name is of an acute condition and the other of a chronic one ("AKI" and
    "chronic kidney disease"): the keys drop both words, the concepts differ."""
    one, other = _acuity(a), _acuity(b)
    return bool(one) and bool(other) and one != other


def _acuity(text: str) -> frozenset[str]:
    if _ACUTE_ON_CHRONIC.search(text):
        # "acute on chronic respiratory failure" is the chronic one's too; "acute exacerbation
        # of COPD" an episode of the chronic disease, which a story names "severe COPD".
        return frozenset()
    words = " ".join(_SPELLED_OUT.get(w, w) for w in _WORD.findall(text.lower())).split()
    return frozenset(words) & {"acute", "chronic"}


_ACUTE_ON_CHRONIC = re.compile(
    r"\bacute[- ]on[- ]chronic\b|\bacute\s+(?:[\w-]+\s+)?(?:exacerbation|flare|decompensation)\b",
    _I,
)


def _singular(word: str) -> str:
    plural = len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is"))
    return word[:-1] if plural else word


# British spellings of the same words: "anaemia", "haemorrhage", "apnoea", "oedema".
_BRITISH = quick(r"(?<=[a-z])ae(?=m)|(?<=[a-z])oe(?=a\b)|\boe(?=[ds])")


@lru_cache(maxsize=4096)
def problem_key(text: str) -> frozenset[str]:
    """The concept a problem names, so that mentions written differently merge: its words,
    lower case, British spelling made American, abbreviations spelt out, qualifiers and a
    plural "s" dropped."""
    lowered = _BRITISH.sub("e", text.lower())
    lowered = _SHORTHAND.sub(lambda m: _SHORTHANDS[m[0]], lowered)
    lowered = _CANCER.sub(lambda m: f"{m['organ'] or ''} cancer", lowered)
    lowered = _TREATMENT_KIND.sub(" ", lowered)
    lowered = _NON_INSULIN.sub("noninsulin", lowered)  # one word: NIDDM is not IDDM plus one
    words = " ".join(_SPELLED_OUT.get(w, w) for w in _WORD.findall(lowered)).split()
    words = [_SAME_WORD.get(w, w) for w in words]
    kept = {_singular(w) for w in words if w.isalpha() and len(w) > 1 and not _ROMAN.fullmatch(w)}
    core = kept - _QUALIFIERS
    return frozenset(core or kept)
