"""Findings the note denies, and findings that belong to the past or to a relative."""

import re
from typing import Literal

from carechart.notes.nlp.context import Context, Scope
from carechart.notes.nlp.document import Document
from carechart.notes.nlp.finding_sites import NON_STATE, named
from carechart.notes.nlp.scanning import quick
from carechart.notes.nlp.schemas import HistoricalFinding, NegatedFinding, SectionName
from carechart.notes.nlp.text import Seg, clip_at, split_items, strip_bullet, trim
from carechart.notes.nlp.vocabulary import find_drug_names

# "chest pain, SOB, or PND" -> three findings.
_LIST_SEPARATOR = re.compile(r",\s*(?:or|and|nor)\s+|,|\s+(?:or|and|nor)\s+|;", re.I)
# Words after which an item says nothing more about the finding: "rash noted today".
_FILLER = re.compile(
    r"\s(?:noted|seen|observed|reported|appreciated|identified|elicited|indicated|necessary|"
    r"needed|prescribed|given|today|at this (?:visit|time)|on (?:exam|examination))\b.*$",
    re.I,
)
_LEADING = re.compile(r"^(?:(?:on|any|a|an|the|of|for|to|with|w/|or|and|had|has)\s+)+", re.I)
_MAX_WORDS = 8
_SILENT_SECTIONS = {SectionName.SIGNATURE, SectionName.PRESCRIPTIONS}
# A discharge medication list denies drugs ("DO NOT TAKE until ...", "no refills"), not findings.
_SILENT_SECTIONS |= {SectionName.DISCHARGE_MEDICATIONS}
# What a plan or instructions say is not to be ("no NSAIDs", "no contact sports") is advice.
_SILENT_SECTIONS |= {SectionName.INSTRUCTIONS, SectionName.PLAN, SectionName.DISPOSITION}
_HISTORY_SECTIONS = {
    SectionName.HISTORY: "past",
    SectionName.SURGICAL_HISTORY: "past",
    SectionName.FAMILY_HISTORY: "family",
}
_NOT_A_FINDING = re.compile(
    r"^(?:none|nil|n/a|noncontributory|non-contributory|unremarkable|difficulty|resistance|"
    r"apparent)$"
    # "No tobacco, alcohol or drugs": the social history's habits, not findings denied (what
    # comes of them stays one: "no alcohol withdrawal", "no IV drug use").
    r"|^(?:(?:current|recent|active|illicit|illegal|recreational|street|other|any|heavy|daily"
    r"|excess(?:ive)?|significant)\s+)*(?:tobacco|alcohol|etoh|drugs?|cannabis|marijuana|thc"
    r"|smoking|smokeless tobacco|chewing tobacco|vaping|vapes?|e-?cigarettes?|cigarettes?"
    r"|nicotine)(?:\s+(?:use|usage|intake|consumption|products?))?$"
    # How a treatment went, not a finding: "tried ginger without relief", "no benefit".
    r"|^(?:(?:any|much|significant|lasting|sustained|further|brief|clear)\s+)?"
    r"(?:relief|benefit|improvement|difference|interruption|refills?|problems?|issues?|errors?"
    r"|indications?)$"
    # "Takes no medications", "no new meds": what the patient takes, not a finding.
    r"|^(?:(?:new|other|regular|daily|current|home|prescription|otc|prescribed)\s+)*"
    r"(?:medications?|meds|medicines?)$"
    # "Blood cultures: no growth at 48 h": a culture's negative result, not a finding.
    r"|^growth\b"
    # "All other systems reviewed and are negative": the review, not a finding.
    r"|^(?:all\s+)?(?:other\s+)?(?:systems?|ros)\b"
    r"|^(?:and|or|but)$"
    # A clause or an act, not a finding: "was", "placed", "fixation was required".
    r"|^(?:was|were|is|are|be|been|so|yet|done|used|placed|created|taken|performed|required|"
    r"needed|given|sent|obtained|made|interrupt)\b"
    r"|\b(?:was|were|will|would|should|could|can)\b",
    re.I,
)


# A later item that states something of its own ends the list of what was denied: "no JVD,
# lungs clear", "no vegetations, EF 60%", "no tobacco, works as a barista", "not pregnant,
# sexually active".
_OWN_STATEMENT = re.compile(
    r"^\d|\d\s*%|^\w+\s+(?:clear|normal|intact|soft|supple|benign|stable|regular|active)\b"
    r"|^(?:uses|works|lives|takes|is|was|has|feels)\b",
    re.I,
)
_BRACKETED = re.compile(r"\([^()]*\)?")


# "No taper needed", "no RAI indicated": a decision about care, not a finding denied.
_DECIDED = re.compile(
    r"(?<!\bas)\s(?:needed|necessary|indicated|required|warranted|planned|expected|recommended)\b",
    re.I,
)
# "no anticoagulants and" before a second cue: the conjunction joins the next denial.
_TRAILING_CONJUNCTION = re.compile(r"\s+(?:and|or|nor)$", re.I)


def _items(doc: Document, scope: Seg) -> list[Seg]:
    found: list[Seg] = []
    for index, item in enumerate(split_items(doc.text, scope.start, scope.end, _LIST_SEPARATOR)):
        if index and _OWN_STATEMENT.search(_BRACKETED.sub("", doc.slice(item)).strip()):
            break
        if _DECIDED.search(doc.text, item.start, item.end):
            continue
        item = clip_at(doc.text, item, _FILLER)
        item = trim(doc.text, item.start, item.end, ' \t."')
        conjunction = _TRAILING_CONJUNCTION.search(doc.slice(item))
        if conjunction:
            item = Seg(item.start, item.start + conjunction.start())
        leading = _LEADING.match(doc.slice(item))
        if leading:
            item = Seg(item.start + leading.end(), item.end)
        if _is_finding(doc.slice(item)):
            found.append(item)
    return found


# "No auditory or visual hallucinations", "no cervical or supraclavicular adenopathy": a modifier
# before "or" shares the noun of the last item. Nouns that end like adjectives are left alone.
_MODIFIER = re.compile(r"[a-z]{2,}(?:al|ory|ary|ic|ar|ile|ive|ous)", re.I)
_NOT_MODIFIER = frozenset({"colic", "panic", "withdrawal", "scar", "tic", "arrival", "removal"})
# Each word between is read whole: free to end at any "-or"/"-and" inside it, a hyphenated run
# ("a-or-or-...") had exponentially many readings to try when the rest did not fit.
_BETWEEN_MODIFIERS = re.compile(
    r"(?:\s*(?:,|\bor\b|\band\b)\s*(?>[\w-]+))*\s*(?:,|or|and)\s*", re.I
)


def _with_shared_nouns(doc: Document, items: list[Seg]) -> list[Seg]:
    if len(items) < 2 or len(doc.slice(items[-1]).split()) < 2:
        return items
    last = items[-1]
    shared = []
    for item in items[:-1]:
        word = doc.slice(item)
        between = _BETWEEN_MODIFIERS.fullmatch(doc.text, item.end, last.start)
        modifier = _MODIFIER.fullmatch(word) and word.lower() not in _NOT_MODIFIER
        shared.append(Seg(item.start, last.end) if modifier and between else item)
    return [*shared, last]


# "not" negates a verb or a state as often as a finding: "do not take", "not restarted", "not at
# goal", "not now". After the auxiliary of an act, or before an act or a state, it denies no
# finding ("is not in distress" still does).
_AUXILIARY_BEFORE = re.compile(
    r"\b(?:do|does|did|will|would|has|have|had|could|should|can|may|might|must)"
    r"\s+$",
    re.I,
)
_NOT_A_STATE = re.compile(
    r"^(?:[a-z]{3,}(?:ing|ed)|take|use|restart|continue|start|stop|resume|want|require|recommend"
    r"|consider|see|help|tolerate|give|smoke|drink|eat|miss|retry|rechallenge|at|to|due|after"
    r"|well|better|fully|previously|yet|now|today|more|so|too|very|currently|as|until|on|off"
    r"|her|his|their|my|our|your|the|candidate|safe|option|available|good|effective|enough"
    # "Oriented to person and place, not date": what the orientation misses.
    r"|date|time|place|person|situation)\b",
    re.I,
)


# A drug or a treatment withheld ("no NSAIDs", "no heparin", "no transfusion") is a decision
# about care, not a finding; what the patient had of it stays one ("no contrast reaction", "no
# pressor requirement", "no opioid use").
_TREATMENT = re.compile(
    r"^(?:nsaids?|antibiotics?|nitrates?|opioids?|steroids?|transfusions?|ivf|iv fluids?"
    r"|pressors?|binders?)\b",
    re.I,
)
_REACTION = quick(
    r"\b(?:allerg\w*|reactions?|intolerance|side effects?|toxicity|use|overuse|abuse"
    r"|requirements?|dependence|withdrawal)\b",
    re.I,
)


def _is_treatment(doc: Document, item: Seg) -> bool:
    text = doc.slice(item)
    if _REACTION.search(text):
        return False
    drugs = find_drug_names(doc.text, item.start, item.end)
    return bool(_TREATMENT.match(text)) or any(d.start == item.start for d in drugs)


# A diagnosis named with its subtype ("migraine without aura", "preeclampsia without severe
# features", "dementia without behavioral disturbance"): a kind of the disease, not a finding
# the note denies.
_SUBTYPE = re.compile(
    r"\b(?:(?:migraine(?:s|urs?)?|headaches?)(?:[ ,]+[\w-]+){0,4}?[ ,]+without aura"
    r"|(?:pre-?)?eclampsia without severe features"
    r"|(?:dementia|delirium|disorder) without behaviou?ral disturbance"
    # "Type 2 diabetes mellitus without complications" (the ICD wording of a diagnosis).
    r"|(?:diabet\w*|mellitus|dm|t[12]dm|hypertension|pregnancy|hernia|ulcer)"
    r"(?:[ ,]+[\w-]+){0,3}?[ ,]+without (?:\w+ )?complications?)\b",
    re.I,
)


def _names_a_subtype(doc: Document, scope: Scope, item: Seg) -> bool:
    """Whether the item is the end of a subtype's name ("migraine without aura or fever" still
    denies fever): a window of 40 characters either side of "without"."""
    start, end = max(0, scope.trigger.start - 40), scope.trigger.end + 40
    return any(
        m.start() < scope.trigger.start and m.end() > item.start
        for m in _SUBTYPE.finditer(doc.text, start, end)
    )


def _denies_a_finding(doc: Document, scope: Scope, item: Seg) -> bool:
    """Whether the scope's cue denies the item as a finding."""
    if _is_treatment(doc, item):
        return False
    cue = doc.slice(scope.trigger).lower()
    if cue == "none":
        # What follows "none" qualifies it: "Complications: none immediate", "none known".
        return False
    if cue == "without":
        return not _names_a_subtype(doc, scope, item)
    if cue != "not":
        return True
    before = doc.text[max(0, scope.trigger.start - 12) : scope.trigger.start]
    # "Advised not to skip meals", "told not to drive": advice, whatever the verb.
    advice = _TO_AFTER.match(doc.text, scope.trigger.end)
    return not (advice or _AUXILIARY_BEFORE.search(before) or _NOT_A_STATE.match(doc.slice(item)))


_TO_AFTER = re.compile(r"\s+to\s", re.I)


# "No (other) known drug allergies": the note's `no_known_allergies`, not a finding denied. An
# allergen denied by name ("no latex allergy") is left to the finding.
_NO_ALLERGIES = re.compile(
    r"^(?:(?:known|other|further|additional|drug|medication|medicine|med|kind of|any)\s+)*"
    r"allerg(?:y|ies)$",
    re.I,
)


def _is_finding(text: str) -> bool:
    words = text.split()
    short = 0 < len(words) <= _MAX_WORDS
    if _NO_ALLERGIES.match(text):
        return False
    return short and any(c.isalpha() for c in text) and not _NOT_A_FINDING.match(text)


def _section_of(doc: Document, scope: Scope) -> SectionName:
    return doc.section_name_at(scope.trigger.start)


def negated_findings(doc: Document) -> list[NegatedFinding]:
    """Every item inside a negation scope: "denies chest pain, SOB" -> chest pain, SOB."""
    seen: set[str] = set()
    found = _signs_negative(doc, seen)
    signs = [(f.start, f.end) for f in found]
    for scope in doc.scopes:
        section = _section_of(doc, scope)
        if scope.context is not Context.NEGATED or section in _SILENT_SECTIONS:
            continue
        trigger = doc.slice(scope.trigger)
        for item in _with_shared_nouns(doc, _items(doc, scope.span)):
            if any(s < item.end and item.start < e for s, e in signs):
                continue  # "Kernig and Brudzinski negative": named as signs already
            if not _denies_a_finding(doc, scope, item):
                continue
            text = doc.slice(item)
            name = named(doc.text, text, item.start)
            if name.lower() in seen:
                continue  # denied in the history and again in the review of systems: once
            seen.add(name.lower())
            found.append(
                NegatedFinding(
                    text=text,
                    name=name if name != text else None,
                    trigger=trigger,
                    section=section,
                    start=item.start,
                    end=item.end,
                )
            )
    found.extend(_states_denied(doc, found, seen))
    found.extend(_complications_none(doc, seen))
    return sorted(found, key=lambda f: f.start)


# An examination's named sign or test found negative: "Murphy sign negative", "negative
# Lachman", "Kernig and Brudzinski negative", "Romberg neg". Without "sign" or "test" written,
# it is named as the sign it is ("Kernig" -> "Kernig sign").
_EPONYM = (
    r"(?:(?:sonographic|anterior|posterior)\s+)?(?:murphy|kernig|brudzinski|romberg|chvostek"
    r"|trousseau|homans?|mcburney|rovsing|psoas|obturator|babinski|tinel|phalen|spurling"
    r"|lachman|hawkins(?:-kennedy)?|neer|froment|grey[- ]turner|cullen|lhermitte|hoffmann?"
    r"|finkelstein|mcmurray|thompson|faber|fadir|durkan|drawer|straight[- ]leg[- ]raise|slr)"
    r"(?:'?s)?(?:\s+(?:signs?|tests?|maneuvers?))?"
)
# Bounded: a chain tried again from each of its names would cost its length squared.
_SIGNS = rf"{_EPONYM}(?:\s*(?:,|/|\band\b|\bor\b)\s*{_EPONYM}){{0,5}}"
_SIGN_NEGATIVE = quick(
    rf"\b(?:(?:negative|neg)\s+(?P<after>{_SIGNS})"
    rf"|(?P<before>{_SIGNS})\s+(?:(?:is|was|were|are)\s+)?(?:negative|neg|absent)\b)",
    re.I,
)
_ONE_SIGN = re.compile(_EPONYM, re.I)
# A test named by its manoeuvre, or with its kind written, keeps its name as written.
_NAMED_AS_WRITTEN = re.compile(r"(?:signs?|tests?|maneuvers?|drawer|slr|raise|faber|fadir)$", re.I)


def _signs_negative(doc: Document, seen: set[str]) -> list[NegatedFinding]:
    found: list[NegatedFinding] = []
    for match in doc.matches(_SIGN_NEGATIVE):
        group = "after" if match.group("after") else "before"
        section = doc.section_name_at(match.start())
        if section in _SILENT_SECTIONS:
            continue
        for sign in _ONE_SIGN.finditer(doc.text, *match.span(group)):
            text = sign.group()
            name = text if _NAMED_AS_WRITTEN.search(text) else f"{text} sign"
            if name.lower() in seen:
                continue
            seen.add(name.lower())
            found.append(
                NegatedFinding(
                    text=text,
                    name=name if name != text else None,
                    trigger="negative",
                    section=section,
                    start=sign.start(),
                    end=sign.end(),
                )
            )
    return found


# A procedure's "Complications: None (apparent)": the heading names what is denied after it.
_COMPLICATIONS_NONE = quick(r"\b(complications?)\s*:[\s,]*(none|nil)\b", re.I)


def _complications_none(doc: Document, seen: set[str]) -> list[NegatedFinding]:
    found: list[NegatedFinding] = []
    for match in doc.matches(_COMPLICATIONS_NONE):
        section = doc.section_name_at(match.start())
        if section in _SILENT_SECTIONS or match.group(1).lower() in seen:
            continue
        seen.add(match.group(1).lower())
        start, end = match.span(1)
        found.append(
            NegatedFinding(
                text=match.group(1),
                name=None,
                trigger=match.group(2),
                section=section,
                start=start,
                end=end,
            )
        )
    return found


def _states_denied(
    doc: Document, found: list[NegatedFinding], seen: set[str]
) -> list[NegatedFinding]:
    """An examination's "nontender", "non-distended": a denial without a cue word."""
    states: list[NegatedFinding] = []
    for state in NON_STATE.finditer(doc.text):
        start, end = state.span()
        section = doc.section_name_at(start)
        covered = any(f.start <= start < f.end for f in found)
        if covered or section in _SILENT_SECTIONS:
            continue
        name = named(doc.text, state.group(), start)
        if name.lower() in seen:
            continue
        seen.add(name.lower())
        trigger = state.group()[: -len(state.group(1))]
        states.append(
            NegatedFinding(
                text=state.group(),
                name=name,
                trigger=trigger,
                section=section,
                start=start,
                end=end,
            )
        )
    return states


def historical_findings(doc: Document) -> list[HistoricalFinding]:
    """Past and family history, from cue words ("s/p", "FHx:") and from history sections."""
    found: list[HistoricalFinding] = []
    for scope in doc.scopes:
        if scope.context not in (Context.HISTORICAL, Context.FAMILY):
            continue
        kind: Literal["past", "family"] = "family" if scope.context is Context.FAMILY else "past"
        section = _section_of(doc, scope)
        found.extend(
            HistoricalFinding(
                text=doc.slice(i),
                kind=kind,
                trigger=doc.slice(scope.trigger),
                section=section,
                start=i.start,
                end=i.end,
            )
            for i in _items(doc, scope.span)
        )
    found.extend(_from_sections(doc, found))
    return sorted(found, key=lambda f: f.start)


def _from_sections(doc: Document, already: list[HistoricalFinding]) -> list[HistoricalFinding]:
    found: list[HistoricalFinding] = []
    for section in doc.sections:
        kind = _HISTORY_SECTIONS.get(section.name)
        if kind is None:
            continue
        for sentence in doc.sentences_within(section.content.start, section.content.end):
            body = strip_bullet(doc.text, sentence.seg)
            for item in _items(doc, body):
                covered = any(f.start < item.end and item.start < f.end for f in already)
                if covered or Context.NEGATED in doc.contexts(item.start, item.end):
                    continue
                found.append(
                    HistoricalFinding(
                        text=doc.slice(item),
                        kind="family" if kind == "family" else "past",
                        trigger=section.heading,
                        section=section.name,
                        start=item.start,
                        end=item.end,
                    )
                )
    return found
