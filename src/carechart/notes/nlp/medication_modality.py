"""The modality of the words around a drug: an option not yet taken, a trial told with its
outcome, a drug kept as needed though not needed lately, a start waiting on a condition.

Read by `medications`: `stated` before the other cues of a name (these phrases decide whatever
verb stands earlier in the clause), `refined` once a mention's status is read, with the story
or the time of the clause weighed.
"""

import re

from carechart.notes.nlp.medication_status import CUE_RANK, DEFAULT_RANK, StatusCue
from carechart.notes.nlp.scanning import quick
from carechart.notes.nlp.schemas import MedicationStatus
from carechart.notes.nlp.text import Seg

_S = MedicationStatus
_I = re.IGNORECASE

# Where the words said of a drug after its name end: a comma, or "and" opening a new act or a
# new subject ("Start lisinopril 10 mg daily and recheck BMP if creatinine rises", "was
# recommended and she started it"), or "then"/"but". What follows is said of something else.
_CLAUSE_BREAK = (
    r",|\b(?:then|but)\b|\band (?:then )?(?:she|he|they|we|i|you|(?:the )?patient|pt|will|would"
    r"|should|may|can|to|call|re-?check|check|repeat|return|follow|f/u|monitor|reassess"
    r"|re-?evaluate|see|obtain|get|order|draw|refer|schedule|send|start|begin|continue|resume"
    r"|restart|increase|decrease|stop|hold|discontinue|titrate|add|change|switch|avoid|consider"
    r"|discuss|review|counsel|educate|encourage|was|were|is|are|has|had)\b"
)
# A decimal point is not a sentence's end: "patiromer 8.4 g daily could be considered".
_SAID_OF_IT = rf"(?:(?!{_CLAUSE_BREAK})(?:[^.;:\n]|(?<=\d)\.(?=\d)))"
# A firm order before the name: "start", "continue", "increase" ... The clause's own verb
# decides; a modality after the name ("if it worsens", "would be reasonable") is of a later act.
# ("would start", "plan to start", "may continue" are not firm.)
_FIRM_VERB = quick(
    r"(?<!would )(?<!could )(?<!may )(?<!might )(?<!to )(?<!can )(?<!not )(?<!n't )"
    r"\b(?:start|started|begin|began|begun|continue|continued|resume|resumed|restart|restarted"
    r"|increase|increased|decrease|decreased)\b",
    _I,
)

# Said of the drug after its name and dosing: the drug is an option ("linagliptin 5 mg daily
# would be a reasonable alternative", "zoledronic acid infusion is recommended", "azithromycin
# considered but local resistance high", "rimegepant would be my second choice", "aspirin
# 81 mg from 12 weeks in a future pregnancy", "X - she will think about it").
_OPTION_AFTER = re.compile(
    _SAID_OF_IT + r"{0,50}?(?<![\w/-])(?:"
    r"(?:is|are|was|were)(?: also)? (?:recommended|suggested|preferred|advised)"
    r"|(?<!not )(?<!never )(?<!was )(?<!were )(?<!is )considered(?! (?:contraindicated|unsafe))"
    r"|would be (?:a |an |the |my )?(?:[\w-]+ )?(?:reasonable|good|acceptable|preferred|possible"
    r"|alternative|option|choice|next step|next)"
    r"|(?:is|are|as|would be) (?:a |an |the |my )?(?:[\w-]+ ){0,2}(?:option|alternative|choice)s?"
    r"\b(?! (?:failed|tried))"
    r"|(?:in|for|during|with) (?:a |any |her |the )?(?:future|next|subsequent) pregnanc(?:y|ies)"
    r"|(?:she|he|they|(?:the )?patient|pt) (?:will|would like to|wants to|needs to) think (?:about|"
    r"it over)"
    r")(?![\w/])",
    _I,
)
# A proposal taken up after it: "was recommended and started", "considered and given".
_TAKEN_UP = re.compile(
    r"\band (?:(?:was|were|has been|is) |(?:she|he|they|(?:the )?patient|pt) (?:has |have )?)?"
    r"(?:started|given|begun|began|initiated|prescribed|takes|is taking|has been taking)\b",
    _I,
)

# A drug set on a condition that is a clause of its own: "zoledronic acid only if she cannot
# tolerate it", "add fluticasone during pollen season if cetirizine alone is not enough",
# "cefadroxil tomorrow if afebrile 24 h". A sig's "as needed if" and a hold's "if" are not, nor
# an "if" past a comma or an "and <act>": "..., call if mood worsens" (only "X, only if ..." is).
_ON_CONDITION = re.compile(
    r"(?:[ \t]*:)?" + _SAID_OF_IT + r"{0,80}?(?:,[ \t]*(?=only if))?(?<![\w/-])"
    r"(?P<condition>only if|(?:tomorrow|later|next \w+) if"
    r"|if (?:[\w/'-]+ ){0,4}?(?:is|are|was|does|do|did|cannot|can't|fails?|persists?|worsens?"
    r"|develops?|recurs?|rises?|remains?|stays?|returns?|not enough|inadequate|insufficient"
    r"|no better|uncontrolled)\b)",
    _I,
)
_SIG_OR_HOLD = re.compile(
    r"\b(?:prn|p\.r\.n\.|as needed|hold|held|stop|discontinue|d/c|increase|decrease|titrate"
    r"|resume|restart|continue|may|can|taper|wean|reduce)\b",
    _I,
)
_HOLD_BEFORE = re.compile(r"\b(?:hold|stop|discontinue|d/c|continue|resume|restart)\b", _I)

# A pause ordered after the drug's own order: "continue ferrous sulfate 325 mg daily but hold it
# for 5 days before the colonoscopy", "keep apixaban, but hold the dose the night before".
_BUT_HOLD = re.compile(
    r"[^.;\n]{0,60}?\b(?:but|except) (?:hold|skip|withhold)(?: (?:it|them|the dose|doses))?"
    r"(?! (?:if|when|for (?:SBP|HR|BP))\b)",
    _I,
)
# A stop that the same sentence lets end is a pause: "Fish oil: stop 7 days before surgery; may
# resume after", "stop ibuprofen, then restart once the ulcer has healed". ("Do not restart until
# cleared" keeps it stopped.)
_MAY_RESUME = re.compile(
    r"\b(?:may|can|could|ok(?:ay)? to|then|will|plan to|to) (?:be )?"
    r"(?:resume[ds]?|restart(?:ed)?)\b",
    _I,
)
# "may resume after surgery if she wishes": a resumption left to the patient; the drug stops.
_AT_WILL = re.compile(
    r"[^.;]{0,40}?\bif (?:she|he|they|the patient) (?:wish|want|prefer|like)"
    r"|[^.;]{0,40}?\bif desired",
    _I,
)
# A dose the plan sets before a procedure still to come: "diphenhydramine 50 mg PO 1 hour
# before", "prednisone 50 mg at 13, 7 and 1 hour before the procedure", "cefazolin 2 g IV
# within 60 minutes prior to incision": to be given, not given.
_BEFORE_COMING = re.compile(
    r"\b(?:\d+|one|an?) (?:hours?|hrs?|h|minutes?|min) (?:before|prior to)(?:\s*(?:[.;,)]|$)"
    r"| (?:the |your |his |her )?(?:procedure|surgery|operation|scan|study|test|ct|mri|contrast"
    r"|incision|induction|biopsy|cath\w*|colonoscopy|endoscopy|injection|infusion)\b)"
    r"|\bprior to (?:incision|induction|the procedure|procedure|the cath\w*|catheteri[sz]ation)\b",
    _I,
)
_PRESCRIBED = re.compile(r"\bprescri\w*|\be?-?rx\b|\bsent to (?:the )?pharmacy\b", _I)
_STOP_WORD = re.compile(r"stop\b|discontinue\b|d/c\b|hold\b", _I)

# An offer the patient takes up in the next clause is a start: "Nicotine patch 14 mg daily
# offered; he accepted", "sertraline recommended - patient agrees to start".
_OFFERED = re.compile(r"[^.\n]{0,50}?\b(?:offered|recommended|suggested|discussed)\b", _I)
_TAKEN = re.compile(
    r"[^.\n]{0,40}?\b(?:(?:the )?(?:patient|pt|she|he|they|family|parents?|mother|father)"
    r" (?:accepted|accepts|agreed|agrees|consented|consents|is agreeable|was agreeable|wishes to"
    r" (?:start|proceed|try)))\b",
    _I,
)

# Said before the name: "she declined varenicline", "refuses statins", "defer to PCP re: X".
_DECLINED_BEFORE = re.compile(
    r"(?<![\w/-])(?:declined|declines|refused|refuses|deferred|defers|not interested in"
    r"|defer(?:red)? to (?:the |her |his )?[\w/]+ (?:re:?|regarding|about|for))"
    r"(?:\s+(?:a\s+)?(?:trial of|to (?:start|try|take|use)|starting|taking))?"
    r"(?:\s+(?:the|her|his|their|any))?\s*$",
    _I,
)
# A drug as needed that was not needed lately is kept: "has not needed her sumatriptan",
# "albuterol inhaler prn (has not needed)", "rarely uses albuterol".
_NOT_NEEDED_BEFORE = re.compile(
    r"(?<![\w/-])(?:(?:has|have|had)(?: not|n't)|did(?: not|n't)) (?:needed|required|used|need"
    r"|require|use)(?:\s+(?:the|her|his|their|any|to use|to take))?\s*$"
    r"|(?<![\w/-])(?:rarely|seldom|infrequently|occasionally) (?:uses|needs|takes|used|needed)"
    r"(?:\s+(?:the|her|his|their))?\s*$",
    _I,
)
# ... but not for a length of time is no longer used: "has not needed ibuprofen since October",
# "hasn't needed albuterol in 3 months" (since an event, "since surgery", it is still kept).
_FOR_A_TIME = re.compile(
    r"[^.;\n]{0,30}?\b(?:since|in|for|over)\s+(?:the\s+)?(?:(?:last|past)\s+)?"
    r"(?:\d+\s*|a\s+|one\s+|two\s+|three\s+|several\s+|many\s+|a few\s+)?"
    r"(?:days?|weeks?|months?|years?|\d{1,2}/\d{1,2}\b|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)",
    _I,
)
_NOT_NEEDED_AFTER = re.compile(
    r"[^.;\n]{0,40}?\(?\s*(?:(?:has|have|had)(?: not|n't) (?:needed|required|used)(?: (?:it|them"
    r"|any))?(?:\)|[ \t]*(?:lately|recently)?[ \t]*(?=[.;\n]|$)))",
    _I,
)
# Said after the name: the patient is not taking it ("docusate 100 mg BID (not taking -
# vomiting)", "meloxicam remains off", "home docusate not resumed", "Tylenol PM in the drawer -
# removed", "hydrocodone in the first 3 days, none since", "taken it off her list").
_OFF_AFTER = re.compile(
    r"[^.;\n]{0,50}?(?<![\w/-])(?:(?:pt |patient |she is |he is |is )?(?:not|no longer) taking"
    r"|(?:remains?|remained|stays?|stayed|still) off|not (?:resumed|restarted|re-?started)"
    r"|removed(?! from (?:the )?(?:wound|site|skin|incision))|none since"
    r"|(?:taken|took|removed|dropped|came) (?:it |them )?off (?:of )?(?:the |her |his |their )?"
    r"(?:med(?:ication)?s? )?list|(?:taken|took) (?:it|them) off)(?![\w/])",
    _I,
)

# The next drug's name right after the words: they are said of it ("continue lisinopril, not
# taking ibuprofen": ibuprofen is not taken).
_OBJECT_NEXT = re.compile(r"[ \t]+(?:(?:the|her|his|their|any)[ \t]+)?", _I)

# Told of a trial with its outcome, in the story of the patient: "Tramadol made her dizzy",
# "gave her hyoscyamine, which did not help", "cephalexin for 10 days without improvement",
# "ibuprofen helped only partly and upset her stomach".
_OUTCOME = re.compile(
    r"(?<![\w/-])(?:did(?: not|n't) (?:help|work|improve|make a difference)"
    # "a trial of phentermine that was stopped for palpitations", "glipizide was stopped for
    # hypoglycemia": a stop told with its reason ends a trial.
    r"|(?:was|were|had been) (?:stopped|discontinued|d/c'?d) (?:for|due to|because of|after)"
    r"|(?:that|which) (?:was|were) (?:stopped|discontinued|not tolerated)"
    r"|(?:was|were) (?:not |in)effective|ineffective"
    r"|without (?:any |much |lasting |significant |sustained |durable )?(?:improvement|relief"
    r"|benefit|response|effect|success|resolution)"
    r"|no (?:lasting |significant )?(?:benefit|relief|improvement|response)"
    r"|made (?:her|him|them|the patient) (?:[\w-]+)"
    r"|helped (?:only )?(?:partly|partially|a little|somewhat|briefly|temporarily|dramatically)"
    r"|(?:which|that) helped|upset (?:her|his|their) stomach|(?:she|he|they) (?:switched|stopped)"
    r")(?![\w/])",
    _I,
)
# When a course was, in the story: "treated with Augmentin in January", "doxycycline last
# spring", "a 7-day course of doxycycline", "treated with nitrofurantoin both times by PCP".
_MONTHS = r"jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|aug(?:ust)?|sept?(?:ember)?"
_MONTHS += r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|spring|summer|fall|autumn|winter"
_EARLIER_COURSE = quick(
    rf"\b(?:in|last|this past|during|over the) (?:(?:early|late|mid)[- ])?(?:{_MONTHS})\b"
    r"|\ba \d+[- ](?:day|week|month)s? course\b|\b(?:both|each|every) times?\b"
    r"|\b(?:twice|three times|several times|multiple times) (?:before|previously|in the past)\b"
    r"|\bby (?:her|his|their|the) (?:pcp|primary care\w*|dentist|doctor|urgent care)\b"
    r"|\bat (?:the )?urgent care\b|\bsince (?:the |her |his )?last visit\b"
    # A month of its own, in capitals as written ("Feb (PCP gave prednisone)"); not "May".
    r"|(?-i:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b)"
    r"|\b(?:hospitali[sz]ed|admitted|seen) (?:in )?\d{1,2}/(?:19|20)\d\d\b"
    r"|\bafter a \d+[- ](?:day|week)\b",
    _I,
)
# A list entry of a past trial dated by its year: "DIVALPROEX 2019 (STOPPED FOR WEIGHT GAIN)",
# "AZATHIOPRINE 2020 - STOPPED AFTER PANCREATITIS", "doxycycline 100 mg BID x 6 months 2024 (".
_YEAR_ENTRY = re.compile(r"(?<![/.-])\b(?:19|20)\d\d[ \t]*(?:\(|[-\u2013][ \t]+[A-Za-z])")

# A start that waits on a condition or an approval: "start sacubitril-valsartan when off
# pressors and Cr stable", "add tocilizumab once the infectious screen returns", "prior
# authorization submitted; he will start once approved".
_WAITING = re.compile(
    r"\b(?:when|once|as soon as)\s+(?:[\w/-]+\s+){0,6}?(?:stable|improv\w*|off|resolved"
    r"|normali[sz]\w*|approved|authori[sz]ed|returns?|returned|back|available|replete\w*"
    r"|cleared|healed|delivered|done|complete[sd]?|negative)\b|\(not today\)",
    _I,
)
_AWAITING_APPROVAL = re.compile(
    r"\b(?:prior|pending) authori[sz]ation|\bauthori[sz]ation (?:submitted|pending|requested)"
    r"|\bpending (?:insurance )?approval\b|\bonce approved\b"
    # "order pending insurance", "pending coverage": the insurer has not said yes.
    r"|\bpending (?:the )?(?:insurance|insurer|coverage)\b",
    _I,
)
# A resumption on a condition of a value, or only on a condition: "resume lisinopril-HCTZ only if
# systolic BP is above 140; otherwise ...", "restart metformin if creatinine < 1.5", "resume
# furosemide on 10/04 only if weight up > 1 kg".
_RESUME_IF = re.compile(
    r"\bonly if\b"
    r"|\b(?:only )?if (?:the |her |his )?(?:systolic |diastolic )?(?:SBP|DBP|BP|blood pressure"
    r"|creatinine|Cr|eGFR|GFR|potassium|K|INR|platelets?|hemoglobin|Hgb|glucose|sugars?"
    r"|heart rate|HR)\b",
    _I,
)
_RESUME_WORD = re.compile(r"resum|restart|re-start", _I)


# A verb inside a condition is not an order: "If the ACE inhibitor is restarted and K runs 5.0-5.5,
# patiromer 8.4 g daily could be considered" (the drug's own words after the condition decide).
_IN_CONDITION = re.compile(r"\b(?:if|unless|should)\b[^,;:.\n]*$", _I)


def stated(text: str, window: Seg, name: Seg, end: int, line_end: int) -> StatusCue | None:
    """The modality the clause states of the drug, before any verb it holds: `window` runs from
    the clause's start to the name, `end` closes the words said of the drug after its name (the
    next name or clause), `line_end` its line, where a condition opened before `end` goes on."""
    before = text[max(window.start, name.start - 60) : name.start]
    off = _OFF_AFTER.match(text, name.end, end)
    if off is not None and not _OBJECT_NEXT.fullmatch(text, off.end(), end):
        return StatusCue(_S.STOPPED, CUE_RANK)
    # Said after the name up to the end of its words, not before the next drug's name ("...,
    # has not needed albuterol" is albuterol's).
    next_name = end < len(text) and text[end].isalnum()
    not_needed = _NOT_NEEDED_AFTER.match(text, name.end, end)
    if (not_needed and (not next_name or not_needed.group().endswith(")"))) or (
        _NOT_NEEDED_BEFORE.search(before) and not _FOR_A_TIME.match(text, name.end, end)
    ):
        return StatusCue(_S.CONTINUED, CUE_RANK)
    if _DECLINED_BEFORE.search(before):
        return StatusCue(_S.PROPOSED, CUE_RANK)
    if _BUT_HOLD.match(text, name.end, end):
        return StatusCue(_S.HELD, CUE_RANK)  # "continue iron but hold it for 5 days before ..."
    firm = _FIRM_VERB.search(text, max(window.start, name.start - 60), name.start)
    if firm is not None and not _IN_CONDITION.search(text, max(0, firm.start() - 80), firm.start()):
        return None  # "Start sertraline 50 mg, call if mood worsens": the verb decides
    condition = _ON_CONDITION.match(text, name.end, max(end, line_end))
    if (
        condition is not None
        and condition.start("condition") < end
        # "Neuropathy from vincristine: if it worsens, ...": a heading's drug, not an order.
        and (":" not in condition.group() or condition["condition"].lower() == "only if")
        and not _SIG_OR_HOLD.search(text, name.end, condition.end())
        and not _HOLD_BEFORE.search(before)
    ):
        return StatusCue(_S.PROPOSED, CUE_RANK)
    offer = _OFFERED.match(text, name.end, end)
    if offer is not None and _TAKEN.match(text, offer.end(), max(end, line_end)):
        return StatusCue(_S.STARTED, CUE_RANK)
    option = _OPTION_AFTER.match(text, name.end, end)
    if option is not None and not _TAKEN_UP.search(text, option.end(), end):
        return StatusCue(_S.PROPOSED, CUE_RANK)
    return None


def refined(
    text: str, cue: StatusCue, *, story: bool, plan: bool, clause: Seg, near: Seg
) -> StatusCue | None:
    """The status once the time and the outcome told around the drug are weighed; None when
    they change nothing. `story`: the section tells what happened before this encounter;
    `plan`: it orders what happens next; `clause`: the words after the name; `near`: the
    name's sentence."""
    status = cue.status
    # "Resume X only if ...", "X: restart only if ..." (a cue after the name has no start).
    resumed = status is _S.RESUMED and (cue.start is None or _RESUME_WORD.match(text, cue.start))
    if resumed and _RESUME_IF.search(text, clause.start, clause.end):
        return StatusCue(_S.HELD, cue.rank, cue.start)  # resumed only once a value allows
    stop_order = status is _S.STOPPED and (cue.start is None or _STOP_WORD.match(text, cue.start))
    resumption = _MAY_RESUME.search(text, clause.start, max(clause.end, near.end))
    optional = resumption and _AT_WILL.match(text, resumption.end(), max(clause.end, near.end))
    if stop_order and resumption and not optional:
        return StatusCue(_S.HELD, cue.rank, cue.start)  # stopped for a procedure, to resume
    if status in (_S.STARTED, _S.CHANGED) and _WAITING.search(text, clause.start, clause.end):
        return StatusCue(_S.PROPOSED, max(cue.rank, DEFAULT_RANK), cue.start)
    # A plan's drug waiting on the insurer's approval is not begun, whatever it was written as.
    ordered = status in (_S.STARTED, _S.CHANGED) or (plan and status is _S.UNKNOWN)
    if ordered and _AWAITING_APPROVAL.search(text, near.start, near.end):
        return StatusCue(_S.PROPOSED, max(cue.rank, DEFAULT_RANK), cue.start)
    scheduled = plan and status in (_S.GIVEN, _S.UNKNOWN) and cue.rank <= DEFAULT_RANK
    prescribed = _PRESCRIBED.search(text, near.start, near.end)
    if scheduled and not prescribed and _BEFORE_COMING.search(text, clause.start, clause.end):
        return StatusCue(_S.PROPOSED, DEFAULT_RANK, cue.start)
    if status in (_S.STOPPED, _S.UNKNOWN, _S.GIVEN) and _YEAR_ENTRY.search(
        text, clause.start, clause.end
    ):
        return StatusCue(_S.HISTORICAL, max(cue.rank, DEFAULT_RANK), cue.start)
    schedule = _ON_A_SCHEDULE.search(text, near.start, near.end) if status is _S.GIVEN else None
    if (
        schedule is not None
        and not _REPEAT_IF.search(text, near.start, near.end)
        and not _CLOCKED_ROW.match(text, text.rfind("\n", 0, clause.start) + 1)
    ):
        # "paliperidone palmitate 156 mg IM monthly, last given today", "infliximab every 8
        # weeks - dose given today": today's dose is one of a regimen that goes on; "given
        # today in clinic; then B12 1000 mcg IM monthly": its first dose, a regimen begun. A
        # row of an administration record ("11:50  cyanocobalamin ... (q9 weeks)") is a dose.
        begun = _THEN.search(text, clause.start, schedule.start())
        return StatusCue(_S.STARTED if begun else _S.CONTINUED, cue.rank, cue.start)
    if status is _S.GIVEN and _HANDED_OVER.search(text, near.start, near.end):
        # "Dapagliflozin 10 mg samples given in clinic, 2 weeks supply": a supply handed over
        # for the patient to take from now on, not a dose given in the room.
        return StatusCue(_S.STARTED, cue.rank, cue.start)
    if not story or status in (_S.HISTORICAL, _S.PROPOSED, _S.HELD):
        return None
    if _OUTCOME.search(text, clause.start, clause.end):
        # "She stopped taking ibuprofen because it upset her stomach": a stop since the last
        # visit stays a stop; told with when it was ("in 2019", "last spring") it is history.
        if status is _S.STOPPED and not _EARLIER_COURSE.search(text, near.start, near.end):
            return None
        return StatusCue(_S.HISTORICAL, DEFAULT_RANK, cue.start)
    if status in (_S.GIVEN, _S.UNKNOWN) and _EARLIER_COURSE.search(text, near.start, near.end):
        return StatusCue(_S.HISTORICAL, DEFAULT_RANK, cue.start)
    return None


# The interval of a regimen dosed weeks or months apart (a depot, an infusion, a monthly
# injection), or its next dose booked: "monthly", "q4 weeks", "every 8 weeks", "q6 months",
# "next injection due 06/02". Hours and days are not it: "q8h", "daily x 5 days".
_ON_A_SCHEDULE = re.compile(
    r"\b(?:monthly|quarterly|q[ ]?(?:\d{1,2}[ ]?)?(?:w(?:ee)?ks?|mo(?:nth)?s?)\b"
    r"|every[ ]+(?:\d{1,2}|two|three|four|six|eight|twelve|other)[ -](?:weeks?|months?)"
    r"|every[ ]+month"
    r"|next[ ]+(?:injection|infusion|shot|depot)[ ]+(?:is[ ]+)?(?:due|on|in|scheduled))",
    _I,
)
_CLOCKED_ROW = re.compile(r"[ \t]*(?:\d{1,2}:\d{2}|\d{4}h?)\b")
_THEN = re.compile(r"\bthen\b|\bstart\w*|\bbegin\w*|\bfirst[ ]+(?:dose|injection)", _I)
# A one-off that may be repeated, not a regimen: "may repeat every 3 months if needed".
_REPEAT_IF = re.compile(r"\b(?:may|can|could)[ ]+(?:be[ ]+)?repeat|\bif[ ]+(?:needed|symptoms)", _I)


# A drug handed over to take at home: "samples given", "2 weeks supply", "to take home".
_HANDED_OVER = re.compile(
    r"\bsamples?\b(?![ ]+(?:sent|collected|obtained|taken))|\b(?:day|week|month)s?'?[ ]+supply\b"
    r"|\bto[ ]+take[ ]+home\b",
    _I,
)


# "Do NOT stop warfarin for longer without cardiology input", "don't hold apixaban beyond 48 h":
# a limit set on a pause the note orders elsewhere, not a continuation of its own.
_LIMIT = re.compile(
    r"[ \t]*(?:(?:any|for) longer|for more than|more than|beyond|past|longer than)\b", _I
)


def limits_a_pause(text: str, name_end: int) -> bool:
    """Whether the words right after a doubly negated drug ("do not stop X ...") limit a pause."""
    return _LIMIT.match(text, name_end) is not None
