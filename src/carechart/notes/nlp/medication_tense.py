"""The time of what a note says of a drug: a start told in the past is a drug taken since, a
dose still to come is a proposal, not a dose given (issue 11).

A careful reader of "was started on lisinopril 2 years ago" or "began sertraline last spring"
in a later visit's history knows the patient is on the drug: it goes on, it is not begun at this
encounter. One of "cefazolin 2 g IV will be given in the OR", "premedication before each
infusion: diphenhydramine 50 mg" or "heparin SQ can start tonight" knows no dose has been given
yet. Read by `medications` once a mention's status is read from its words and its place.
"""

import re

from carechart.notes.nlp.dates import MONTH_NAME
from carechart.notes.nlp.scanning import quick
from carechart.notes.nlp.schemas import MedicationStatus
from carechart.notes.nlp.text import Seg
from carechart.notes.nlp.vocabulary import find_drug_names

_I = re.IGNORECASE

_SEASONS = r"spring|summer|fall|autumn|winter"

# A start told in the past tense: "was started on", "began", "initiated", "put on". Not one still
# to come: "will be started", "to be started", "can be started".
_STARTED_PAST = quick(
    r"(?<!be )(?<!been )(?:(?:was|were|had been|has been|got)\s+)?"
    r"(?:started|began|begun|initiated|commenced|(?:put|placed) on)\b",
    _I,
)
# A time that places the start before this encounter: "2 years ago", "since 2019", "last spring",
# "in March", "(started 01/2024)", "started 5/8", "at her last visit".
_EARLIER_TIME = re.compile(
    r"\b(?:\d+|a|an|one|two|three|four|five|six|a few|a couple(?: of)?|several|many)\s*"
    r"(?:days?|weeks?|wks?|months?|mos?|years?|yrs?)\s+ago\b|\b(?:years|months|weeks) ago\b"
    rf"|\bsince (?:(?:early|late|mid)[- ])?(?:(?:19|20)\d\d|{MONTH_NAME}|{_SEASONS}|last\b|then\b"
    r"|(?:her|his|their|the) (?:last|previous|prior)\b)"
    rf"|\b(?:last|this past|in the) (?:week|month|year|{_SEASONS})\b"
    rf"|\bin (?:(?:early|late|mid)[- ])?(?:{MONTH_NAME}|{_SEASONS}|(?:19|20)\d\d)\b"
    r"|\b(?:at|during|since) (?:her|his|their|the) (?:last|previous|prior) (?:visit|appointment"
    r"|admission|hospitali[sz]ation|stay)\b"
    r"|(?<![\d/])\d{1,2}/(?:\d{1,2}/)?(?:19|20)\d\d(?![\d/])",
    _I,
)
# A day without its year: "started 5/8", "by his dentist 11/03". Told in a story or an aside
# ("(started 03/11 in hospital)") it is of an earlier visit; as an entry's own marker ("glargine
# 10 units qHS - STARTED 01/10") it may be a day of this very stay, and says the entry is new.
_DAY = re.compile(r"(?<![\d/])\d{1,2}/\d{1,2}(?![\d/])")
_ENTRY_MARKER = re.compile(r"[-\u2013:|][ \t]*$")
# Said of this encounter: the start is new ("started today", "started on arrival in the ED",
# "was started on heparin this admission").
_THIS_ENCOUNTER = re.compile(
    r"\b(?:today|tonight|this (?:morning|afternoon|evening|visit|admission|hospitali[sz]ation"
    r"|stay)|(?:on|at|upon) (?:admission|arrival|presentation)|here|now|in (?:the )?(?:ED|ER"
    r"|emergency (?:department|room)|clinic|office)|at this visit|during (?:this|the) (?:stay"
    r"|admission|hospitali[sz]ation))\b",
    _I,
)


def started_before(text: str, cue_start: int | None, name: Seg, clause: Seg) -> bool:
    """Whether a start is told as one of the past: its verb in the past tense ("was started on",
    "began", or after the name, "Apixaban was started by cardiology in March") and a time before
    this encounter in the words from the verb to the end of the drug's clause."""
    if cue_start is not None and cue_start < name.start:
        if _STARTED_PAST.match(text, cue_start) is None:
            return False
        span = Seg(cue_start, max(clause.end, name.end))
    else:
        verb = _STARTED_PAST.search(text, clause.start, clause.end)
        if verb is None:
            return False
        if _ENTRY_MARKER.search(text, clause.start, verb.start()):
            return _EARLIER_TIME.search(text, verb.start(), clause.end) is not None and not (
                _THIS_ENCOUNTER.search(text, verb.start(), clause.end)
            )
        span = Seg(name.start, clause.end)
    if _THIS_ENCOUNTER.search(text, span.start, span.end):
        return False
    return any(p.search(text, span.start, span.end) for p in (_EARLIER_TIME, _DAY))


# A dose set for later: "will be given", "to receive", "plan to administer" (decided), "may
# give", "can start tonight", "if pain, give" (left open) before the name; "to be given", "can
# start tonight", "not yet given" after it.
_GIVE = r"(?:give|given|receive|administer(?:ed)?|infuse[d]?|get)"
_DECIDED = r"will|shall|is to|are to|to|(?:plan(?:s|ned)?|going|scheduled|due) to"
_OPEN = r"may|might|can|could|should|would|needs? to"
# The words of one sentence: a point only inside a number ("6.25 mg", "38.5").
_WORDS = r"(?:[^.;\n]|(?<=\d)\.(?=\d))"
# "premedication before each infusion:", "with every dose".
_EACH_TIME = (
    r"(?:before|prior to|for|with) (?:each|every|the first|future|subsequent|the next|next|all)"
    r" (?:infusions?|doses?|treatments?|cycles?|sessions?)"
)
_TO_COME_BEFORE = quick(
    rf"(?:\b(?:(?P<decided>{_DECIDED})|{_OPEN})\s+(?:then\s+|also\s+)?(?:be\s+)?{_GIVE}\b"
    # "premedication before each infusion:", "Anesthetic plan: spinal with propofol sedation".
    rf"){_WORDS}{{0,40}}$|\b(?:{_EACH_TIME}|(?:an(?:a)?esthe\w+|sedation) plan)\b{_WORDS}{{0,100}}$"
    # "if severe range x2, labetalol IV per protocol", "if pain, give acetaminophen".
    rf"|\bif\b{_WORDS}{{0,60}}?,\s*(?:then\s+)?(?:(?:give|administer)\b{_WORDS}{{0,30}})?$",
    _I,
)
_TO_COME_AFTER = re.compile(
    _WORDS + r"{0,60}?\b(?:(?:is|are)?\s*(?P<decided>to|will) be (?:given|administered|infused"
    r"|started|begun)|(?:is|are)?\s*(?:can|may|should|would) be (?:given|administered|infused"
    r"|started|begun)|(?:can|may|could) (?:start|begin|be started)"
    r"|not (?:yet )?(?:been )?(?:given|started|administered|begun)|"
    + _EACH_TIME
    # "zoledronic acid 5 mg IV once when vitamin D is replete": a dose that waits on a step.
    + r"|(?:when|once|as soon as) (?:[\w/-]+ ){0,6}?(?:replete\w*|stable|improv\w*|approved"
    r"|authori[sz]ed|available|cleared|resolved|normali[sz]\w*|done|complete[sd]?))\b",
    _I,
)
# A dose decided for this very visit is a dose of the encounter: "will give furosemide 20 mg IV
# x1 today", "ceftriaxone to be given now".
_NOW = re.compile(
    r"\b(?:now|today|tonight|this (?:morning|afternoon|evening)|stat|here|in (?:the )?(?:clinic"
    r"|office|ED|ER))\b",
    _I,
)
# Said of a procedure still to come in a plan: "at induction", "in the OR", "pre-op per
# protocol", "on call to the OR".
_BEFORE_THE_PROCEDURE = re.compile(
    r"\b(?:at induction|on call to (?:the )?OR|in the OR|pre-?op(?:eratively)?|prior to (?:the )?"
    r"(?:incision|induction|procedure|surgery|operation)|day of (?:the )?(?:surgery|procedure))\b",
    _I,
)
# What tells a dose that was given: "received", "was given", "given at 14:20", "s/p".
_GIVEN_PAST = re.compile(
    r"\b(?:received|(?:was|were|has been|have been|had been) (?:given|administered|infused)"
    r"|(?<!be )(?<!to )given (?:at|on|in|@|\d)|s/p|status post|administered at)\b",
    _I,
)


def to_come(text: str, window: Seg, name: Seg, clause: Seg, *, plan: bool) -> bool:
    """Whether a dose the words give the drug is still to come: the clause before the name or
    after it sets it for later, or, in a plan, ties it to a procedure not yet done."""
    before = Seg(max(window.start, name.start - 120), name.start)
    told = Seg(before.start, max(clause.end, name.end))
    if _GIVEN_PAST.search(text, told.start, told.end):
        return False
    found = _TO_COME_BEFORE.search(text, before.start, before.end) or _TO_COME_AFTER.match(
        text, name.end, told.end
    )
    if found is not None:
        # Decided for now: the dose is given at this visit. Left open ("can start tonight"):
        # not yet.
        return not (found["decided"] and _NOW.search(text, told.start, told.end))
    return plan and _BEFORE_THE_PROCEDURE.search(text, told.start, told.end) is not None


# "Continue aspirin 81 mg daily starting today", "metoprolol 25 mg BID beginning tonight": the
# drug begins at this encounter, whatever verb orders it.
_BEGINS_NOW = re.compile(
    _WORDS + r"{0,60}?\b(?:starting|beginning|begin|start|from) (?:today|tonight|now"
    r"|this (?:morning|afternoon|evening))\b",
    _I,
)


def begins_now(text: str, name: Seg, clause: Seg) -> bool:
    """Whether the words after the name set the drug's start at this encounter."""
    return _BEGINS_NOW.match(text, name.end, max(clause.end, name.end)) is not None


# A start set on a value or a later time, after the name: "add glargine if fasting >180 x 3",
# "enoxaparin 30 mg SC q12h starting 48 h after injury", "start Entresto after the ACEi
# washout", "rifaximin to be started by the admitting team", "add spironolactone ... - will
# defer".
_VALUE = (
    r"fasting|FSBG|BG|glucose|sugars?|K|potassium|Cr|creatinine|eGFR|GFR|Hgb|hemoglobin"
    r"|platelets?|INR|BP|SBP|DBP|HR|heart rate|A1c|TSH|LDL|weight"
)
_STARTS_LATER = re.compile(
    _WORDS + r"{0,80}?(?<![\w/-])(?:if (?:the |her |his )?(?:" + _VALUE + r")\b"
    r"|(?:starting|beginning|begin|start) \d+ ?(?:h|hrs?|hours?|days?|weeks?) (?:after|post|from)"
    r"|after (?:the )?(?:[\w-]+ ){0,3}?wash-?out"
    r"|(?:to|will) be (?:started|begun|initiated|added) by|will defer|deferred)\b",
    _I,
)
# What makes an "if" the sig's, a hold's or a later change's own: "hold if SBP < 90", "prn if
# BG > 250", "increase to 20 mg if BP remains above 140".
_SIG_CONDITION = re.compile(
    r"\b(?:hold|held|prn|as needed|titrate|up-?titrate|call|stop|notify|check|recheck|repeat"
    r"|increase|decrease|reduce|raise|double|halve|change|switch|adjust)\b",
    _I,
)


def starts_later(text: str, name: Seg, clause: Seg) -> bool:
    """Whether the words after the name set a start on a value or for a later time."""
    found = _STARTS_LATER.match(text, name.end, max(clause.end, name.end))
    return found is not None and not _SIG_CONDITION.search(text, name.end, found.end())


# A resumption set for this very day: "resume furosemide 40 mg IV today, then reassess for PO
# tomorrow", "restart apixaban this evening if there is no bleeding". The drug goes on again
# at this encounter; what is said of later days or of a caveat is of its next doses.
_TODAY = re.compile(r"\b(?:today|tonight|now|this (?:morning|afternoon|evening))\b", _I)
_LATER_DAY = re.compile(
    r"\b(?:tomorrow|POD|post-?op(?:erative)? day|next|in \d+|after|on \d|once|when|until)\b", _I
)


_RESUME_VERB = re.compile(r"\b(?:resum(?:e|ed|ing)|re-?start(?:ed|ing)?|back on)\b", _I)


def resumes_today(text: str, start: int, end: int) -> bool:
    """Whether the resumption told from `start` to `end` is set for this very day before any
    later one is named: "hold tonight's dose, then resume tomorrow" is not."""
    verb = _RESUME_VERB.search(text, start, end)
    if verb is None:
        return False
    start = verb.start()
    today = _TODAY.search(text, start, end)
    if today is None:
        return False
    later = _LATER_DAY.search(text, start, today.start())
    return later is None


# A resumption told as done: "held on admission for AKI, restarted at discharge", "was resumed
# on day 3". Not one still to come: "may be restarted", "to be resumed".
_RESUMED_PAST = quick(
    r"(?<!be )(?<!been )(?<!to )\b(?:(?:was|were|has been|have been|got)\s+)?"
    r"(?:resumed|re-?started|re-?initiated)\b",
    _I,
)


def resumed_before_now(text: str, start: int, end: int) -> bool:
    """Whether the words from `start` to `end` tell the resumption as one already made."""
    return _RESUMED_PAST.search(text, start, end) is not None


# A stop told after a past trial, in the same sentence: "tried the benzonatate twice, it made
# her dizzy, and she has stopped it", "had been using Excedrin most days; has stopped it as
# advised". The trial is the story; the stop is its recent end.
# Told in the present perfect or as recent: "and stopped it" and "mom stopped it after 3
# weeks" tell the trial's old story and leave it historical.
_STOPPED_SINCE = re.compile(
    r"\b(?:(?:has|have)\s+(?:now\s+|since\s+|recently\s+|just\s+)?(?:stopped|discontinued"
    r"|quit|come off)|(?:recently|just)\s+(?:stopped|discontinued|quit)|(?:is|are)\s+now\s+off)"
    # Its object is the drug just named, not another one: "has stopped it", "has stopped."
    r"(?=\s+(?:taking\s+)?(?:it|them|this|that|both)\b|\s*(?:[.;,)]|$))",
    _I,
)
_SENTENCE_END = re.compile(r"(?<!\d)\.(?!\d)|\n", _I)
# How far a sentence may run after a drug's name for its end to be read.
_SENTENCE_REACH = 200


# A stop dated days, weeks or a few months back: "but stopped it two weeks ago", "until about
# 10 days ago", "and quit them last week". Told this close, the end of the use is a stop of now,
# not the trial's old story.
_RECENTLY = (
    r"(?:about\s+|around\s+|roughly\s+|approximately\s+|nearly\s+|some\s+)?"
    r"(?:(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|a\s+couple(?:\s+of)?"
    r"|several)\s+(?:days?|weeks?|wks?)|(?:a|one|two|three|four|five|[1-5])\s+months?)\s+ago"
    r"|last\s+(?:week|month)|yesterday|recently"
)
_STOPPED_RECENTLY = re.compile(
    r"\b(?:(?:but|and|then)\s+(?:(?:she|he|they)\s+)?(?:then\s+)?(?:stopped|discontinued|quit"
    r"|came\s+off)(?:\s+(?:taking\s+)?(?:it|them|this|that))?|until)\s+"
    rf"(?:{_RECENTLY})\b",
    _I,
)


def stopped_since(text: str, after: int) -> Seg | None:
    """Where a recent stop is told in the rest of the sentence after `after`, if one is."""
    end = _SENTENCE_END.search(text, after, after + _SENTENCE_REACH)
    limit = end.start() if end else after + _SENTENCE_REACH
    stop = _STOPPED_SINCE.search(text, after, limit) or _STOPPED_RECENTLY.search(text, after, limit)
    return Seg(stop.start(), stop.end()) if stop else None


# A stop or a hold told later in the sentence of a past start: "was started on amiodarone in
# March but it was stopped in May", "started on metformin last week; holding now due to AKI".
# Told, not asked on a condition ("stop if rash" is an instruction, not a stop).
_LATER_STOP = re.compile(
    r"\b(?:(?:stopped|discontinued|d/c'?d|dc'?d|came off|taken off|ceased)"
    r"|(?P<held>held|holding|on hold|paused))\b(?!\s+(?:if|when|unless|for (?:sbp|hr|bp|glucose)))",
    _I,
)
_LATER_SENTENCE_END = re.compile(r"\.(?:\s|$)|\n")
_LATER_REACH = 160


def stopped_later(text: str, name: Seg) -> MedicationStatus | None:
    """The stop or the hold told after a drug's past start in the same sentence, when no other
    drug is named between them (whose stop it would be)."""
    end = _LATER_SENTENCE_END.search(text, name.end, name.end + _LATER_REACH)
    stop = end.start() if end else min(len(text), name.end + _LATER_REACH)
    found = _LATER_STOP.search(text, name.end, stop)
    if found is None or find_drug_names(text, name.end, found.start()):
        return None
    return MedicationStatus.HELD if found.group("held") else MedicationStatus.STOPPED
