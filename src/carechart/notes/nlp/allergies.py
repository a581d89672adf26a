"""Allergies and intolerances with their reactions, and "no known allergies" (NKDA).

An allergy statement is read where the note makes one: the opening of an allergy section (an
unrecognised heading after it does not make what follows allergies), an "Allergies:" label in
the middle of a line or an export, and "allergic to X" / "X allergy" anywhere.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import pairwise

from carechart.notes.nlp import allergy_layouts, lexicon
from carechart.notes.nlp.context import Context
from carechart.notes.nlp.document import Document
from carechart.notes.nlp.scanning import quick
from carechart.notes.nlp.schemas import Allergy, SectionName
from carechart.notes.nlp.sections import is_heading_name
from carechart.notes.nlp.text import Seg, split_items, trim
from carechart.notes.nlp.vocabulary import find_drug_names

_I = re.IGNORECASE
# Words saying the list was gone over: "Allergies reviewed at discharge", "Allergy list
# re-verified", "Allergy review".
_CHECKED = (
    r"(?:(?:re-?)?(?:verified|reviewed|review|updated|confirmed|reconciled|added)"
    r"(?:\s+(?:today|at (?:admission|discharge|this visit)|this (?:visit|admission)"
    r"|on [\d/.-]+"
    # "Sulfa antibiotic allergy added to chart: sulfamethoxazole-trimethoprim - anaphylaxis".
    r"|to (?:the |her |his |their )?(?:chart|record|ehr|emr|(?:allergy )?list)))?)"
)
_NONE_KNOWN = quick(
    # Not an unticked box: "[ ] NKDA   [X] See list".
    r"(?<!\[ \][ \t])(?<!\[\][ \t])(?:\bNKDA\b|\bNKA\b|\bNKFA\b)"
    r"|\bno known (?:drug |medication |medicine |food |environmental )?"
    r"(?:allergies|allergy)\b|\bno (?:drug |medication )?allergies\b"
    r"|\b(?:allerg(?:y|ies)|adverse (?:drug )?reactions?|ADRs?)\s*(?:\([^)]*\))?\s*:\s*"
    r"(?:none|nil|denied|denies|no known|nkda|nka)\b"
    # "Allergy list reviewed and updated: none".
    rf"|\ballerg(?:y|ies)(?:\s+list)?\s+{_CHECKED}(?:\s+and\s+{_CHECKED})?\s*:\s*"
    r"(?:none|nil|nkda|nka|no known)\b"
    r"|\bnot allergic to any\b|\bdenies (?:any )?(?:drug |medication )?allergies\b"
    # "Drug allergies - none known", "Allergies - none to medications; adhesive (blisters)".
    r"|\b(?:drug|medication|medicine) allerg(?:y|ies)[ \t]*[-:\u2013][ \t]*"
    r"(?:none|nil|nkda|no known)\b"
    r"|\ballerg(?:y|ies)[ \t]*[-:\u2013][ \t]*none (?:to|for) (?:any )?(?:drugs?|medications?"
    r"|medicines?)\b"
    # A table's row for drugs: "Drug allergies        none known".
    r"|^[ \t]*(?:drug|medication) allergies(?:[ \t]{2,}|[ \t]*\|[ \t]*)(?:none|nkda|no known)\b",
    _I | re.M,
    pairs=True,
)
# "Allergies:", "ALLERGIES AND INTOLERANCES:", "Drug allergies (reaction):", "Intolerances:".
_LABEL_WORDS = (
    r"(?:(?:drug|medication|medicine|food|known)\s+)?(?:allerg(?:y|ies)|intolerances"
    # The singular only as a list's own label, never "Exercise intolerance:".
    r"|(?<![A-Za-z][ \t])(?<![A-Za-z])intolerance|adverse "
    # "Sensitivities:" as a list's own label, never "Culture and sensitivities:".
    r"(?:drug )?reactions|ADRs?|(?<![A-Za-z][ \t])(?<![A-Za-z/])sensitivities)"
    r"(?:\s*(?:and|&|/)\s*(?:intolerances|reactions|allerg(?:y|ies)|ADRs?|sensitivities))?"
    rf"(?:\s+to\s+medications)?(?:\s+(?:list|history))?(?:\s+{_CHECKED}(?:\s+and\s+{_CHECKED})?)?"
    r"(?:\s*\([^)\n]{0,60}\)|\s+as of [\d/.-]+)?"
)
_LIST_WORD = r"(?:allerg(?:y|ies)(?:[ \t]+list)?)"
# A rule of dashes, equals signs or underscores that draws a heading: "ALLERGIES -----".
_RULE = r"[-=_*~]{3,}"
# With its colon anywhere, or as a heading on a line of its own, maybe between rules
# ("---- Allergies ----"); or "NKDA except", which goes on to name the allergies it excepts.
_LABEL_SOURCE = (
    # The list said to stand: "Allergies unchanged: sulfa (hives)" (a single allergy's
    # "Peanut allergy unchanged: EpiPen carried" is a plan's item).
    r"\ballerg(?:ies|y list)[ \t]+(?:unchanged|as before)[ \t]*:"
    # "Side effects, not allergies:" labels what is no allergy.
    rf"|(?<!not )(?<!not true ){_LABEL_WORDS}[ \t]*:"
    rf"|^[ \t]*(?:{_RULE}[ \t]*)?{_LABEL_WORDS}[ \t]*(?:{_RULE}[ \t]*)?$"
    # A dash for the colon after the plural label opening a line: "ALLERGIES/ADRs -- X".
    rf"|^[ \t]*(?=[^\n]{{0,30}}\b(?i:allergies|ADRs?)\b){_LABEL_WORDS}[ \t]*(?:--?|[\u2013\u2014])"
    r"[ \t]+(?=\w)"
    # A remark on where the list is kept, before the colon: "ALLERGIES - see red band: X".
    rf"|{_LABEL_WORDS}[ \t]*[-\u2013\u2014]+[ \t]*(?:see|per|on|from|as)\b[^:.\n]{{0,30}}:"
    # A dash after the words saying the list was gone over: "Allergies reviewed today - X".
    rf"|\b(?:allerg(?:y|ies)|intolerances)(?:\s+list)?\s+{_CHECKED}[ \t]+[-\u2013]+[ \t]+"
    # The words saying the list was gone over written first: "Reviewed allergy list - X".
    rf"|\b(?:reviewed|verified|checked|confirmed)[ \t]+(?:the[ \t]+)?{_LIST_WORD}"
    # One dash: a double dash inside a story is an aside ("Reviewed the allergies -- nothing").
    r"[ \t]+[-\u2013](?!-)[ \t]+"
    # The list in brackets after words saying it stands: "Allergies unchanged (sulfa - rash)".
    rf"|\ballerg(?:y|ies)(?:\s+list)?\s+(?:unchanged|as before|{_CHECKED})[ \t]*"
    r"\((?=[^()\n]{3,200}\))"
    r"|\b(?:NKDA|NKA|no known (?:drug |medication )?allerg(?:y|ies))[ \t,]+(?:except|other than"
    r"|besides|apart from|but)(?:[ \t]+(?:for|to))?[ \t]*:?"
)
_LABEL = quick(_LABEL_SOURCE, _I | re.M, pairs=True)
# The head of a table's allergen column: "Allergen", "Agent", "Drug / agent", "Substance/drug".
_ALLERGEN_HEAD = (
    r"(?:allergens?|substances?|agents?|drugs?)(?:[ \t]*/[ \t]*(?:allergens?|substances?|agents?"
    r"|drugs?|medications?))?"
)
# Where an allergy statement ends: a blank line, a line or export item that opens another
# heading, or two sentences run together by an export (".,").
_STATEMENT_END = re.compile(
    r"\n[ \t]*\r?\n|\n[ \t]*(?:[-*\u2022\u00b7]\s*)?(?P<label>[A-Z][A-Za-z /&()-]{0,40}):(?!\s*$)"
    # "Side effects, not allergies: metformin - diarrhoea" lists what is no allergy.
    r"|\n[ \t]*+[A-Z][A-Za-z /&-]{0,30}+,[ \t]*+(?i:not[ \t]+(?:true[ \t]+)?allerg(?:y|ies))"
    r"[ \t]*+:"
    # A rule closing the list, then a blank line: "-------------".
    rf"|\n[ \t]*{_RULE}[ \t]*(?=\n[ \t]*\r?\n|\Z)"
    r"|\n[ \t]*[A-Z][A-Z /&()-]{2,40}$|\.,|,[ \t]*[A-Z][A-Z /&()-]{2,40}:"
    # A heading in capitals run into the line by a one-line export: "Latex-Itching MEDICATIONS:"
    # (`_statement_end` keeps only headings; "Allergies: PCN: hives" goes on).
    r"|(?<=\S)[ \t]+(?P<inline>[A-Z]{2,}(?:[ \t/&]+[A-Z]{2,}){0,3})(?=[ \t]*:)"
    # A bracketed heading opening a line: "[SOCIAL] Retired ...".
    r"|\n[ \t]*\[[A-Za-z][^\]\n]{0,40}\]"
    # The header of an allergy table: its rows are read by `_table`.
    rf"|\n[ \t]*\|?[ \t]*(?i:{_ALLERGEN_HEAD})[ \t]*\|"
    # A line of measurements: "Temp 36.7 C. Wt 10.9 kg", "BP 128/76".
    r"|\n[ \t]*(?i:temp\w*|t|wt|weight|ht|height|bp|hr|pulse|rr|spo2|o2 sat|sat|vitals?)\b"
    r"[^\n\d]{0,12}\d",
    re.M,
)
# A sentence ends at a full stop, or at a line that opens with a capital: "Allergies: codeine
# (newline) Patient no longer allergic to ...; continue ..." are two sentences.
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"(])|\n[ \t]*+(?=[A-Z\"(])")
# A sentence that is about something else: a dose, an act, a vital sign, a visit.
_NOT_ALLERGY = re.compile(
    r"\d+(?:\.\d+)?\s*(?:mg|mcg|units?|ml|meq)\b|premedicat|administered|given|taking|takes"
    r"|continue|held\b|\bhold\b|medications?\s*(?:\([^)]*\))?\s*:|\b(?:BP|HR|RR|SpO2)\b|consent"
    r"|\bNPO\b|procedure|history of present|presents?\b|presented|\bdiscussed\b|\brisks?\b"
    r"|\bproceed\w*|\brecommend\w*"
    # A review of systems after the allergy line: "Denies SI/HI. No falls." (not "Denies other
    # allergies").
    r"|^\W*denie[sd]\b(?![^.\n]*\ballerg)",
    _I,
)
_ITEM_SEPARATOR = re.compile(
    r",(?!\s*(?:which|that|causing|caused|causes|cause|gave|gives|makes|with|resulting|leading)\b)"
    # A long line of prose wrapped inside a phrase goes on: "a rash with iodinated (newline)
    # contrast" (a list's short lines are its items).
    # A form's boxes: an unticked option is no entry ("[ ] NKDA"), a ticked one opens the list
    # ("[X] See list: ..."); a slash spaced wide parts two entries.
    r"|\[[ \t]?\][^\[\n]*+|\[[xX\u2713\u2714][ \t]*\](?:[ \t]*(?i:see[ \t]+(?:list|below))[ \t]*:)?"
    r"|[ \t]{2,}/[ \t]{2,}"
    # The next line opening its own entry with its reaction ("sulfa - rash") is one.
    r"|;|\n(?!(?<=[a-z]\n)(?<=[^\n]{60}\n)[ \t]*+[a-z]"
    r"(?![\w/]*+(?:[ \t]++[\w/]++){0,2}[ \t]*+(?:[-\u2013\u2014]|:)))"
    r"|[ \t]*//[ \t]*|[ \t]*\*{2,}[ \t]*"
    # "... - anaphylaxis 2019. Chlorhexidine - hives", '"Morphine - hallucinations". Penicillin'.
    # A single capital before the stop is an initial: "C. difficile colitis".
    r"|(?<=[\w)\"'\u201d])(?<!\b[A-Z])[ \t]?\.[\"'\u201d]?\s+"
    # "penicillin - rash  Sulfa: hives": two spaces before another allergen and its reaction.
    r"|(?<=\S)[ \t]{2,}+(?=[A-Z][\w-]*(?: [A-Za-z][\w-]*){0,2}[ \t]*+:)"
)
_AND = re.compile(r"\s+\band\b\s+(?=[A-Za-z])", _I)
_ALLERGY_WORD = re.compile(r"\s+(?:allergy|allergies|sensitivity|intolerance)$", _I)
_NOTHING = quick(
    r"^(?:(?:previously )?none\b.*|nil\b.*|n/a|denied|denies|nkda|nka|nkfa|no\b.*|not allergic\b.*"
    r"|otherwise\b.*|not (?:confirmed|verified|a true allergy|an allergy)\b.*)$"
    r"|^(?:allerg(?:y|ies)|intoleran(?:ce|ces|t)|sensitivit(?:y|ies)|adverse (?:drug )?reactions?"
    r"|reactions?|drugs?|medications?|medicines?|foods?|environmental|other)$"
    r"|\bno known\b|\ballergies\b|\btolerated\b"
    # "now eats baked goods and scrambled eggs without problems": taken without harm.
    r"|\b(?:without|w/o|with no) (?:any )?(?:reactions?|problems?|issues?)\b",
    _I,
)
# Kinds written before the substances: "Environmental (cats)", "Food: peanuts".
_KIND = re.compile(r"^(?:environmental|food|foods|drug|drugs|medication|medications|other)$", _I)
# A reaction named on its own after the list's comma: "sulfa - rash, hives".
_REACTION_WORD = re.compile(
    r"^(?:rash|hives|urticaria|itch\w*|pruritus|anaphyla\w*|angioedema|swelling|nausea|vomiting"
    r"|diarrh\w*|gi upset|myalgias?|cough|wheez\w*|blisters|dizziness|headache|flushing|sob"
    r"|shortness of breath|throat (?:swelling|tightness)|chest tightness|lip swelling|hypotension"
    r"|edema)\b",
    _I,
)
# A reaction with its qualifiers, after a comma that follows an allergen with none:
# "doxycycline, photosensitive rash", "NSAIDs, GI bleed in 2014", "codeine, constipation".
_QUALIFIED_REACTION = re.compile(
    r"^(?:[a-z-]+\s+){0,3}?(?:rash|hives|urticaria|itch\w*|pruritus|anaphyla\w*|angioedema"
    r"|swelling|nausea|vomiting|diarrh\w*|upset stomach|stomach upset|gi upset|myalgias?|cough"
    r"|wheez\w*|blisters|dizziness|headache|flushing|hypotension|edema|constipation|bleed\w*"
    r"|ulcers?|confusion|somnolence|dystonia|tendinitis|tendon rupture|thrombocytopenia"
    r"|dermatitis|photosensitiv\w*|hallucinations?|delirium|palpitations|tendon pain"
    r"|red man(?: syndrome)?"
    # "HALOPERIDOL, DYSTONIC REACTION": a reaction by its kind.
    r"|reactions?)\b",
    _I,
)
# Nouns that are allergens without being drugs: "latex allergy", "peanut allergy".
_ALLERGEN_NOUN = re.compile(
    r"^(?:latex|peanuts?|tree nuts?|nuts?|shellfish|eggs?|milk|dairy|soy|wheat|gluten|fish"
    r"|sulfa|iodine|contrast|bee stings?|bees?|wasps?|adhesive|tape|cats?|dogs?|dust|pollen"
    r"|mold|seafood|strawberr\w+|(?:iodinated )?contrast(?: media| dye)?|pollen|dust mites?)$",
    _I,
)
# Words that say a drug was taken without harm: not an allergy ("tolerated cephalexin 2019").
_TOLERATED = re.compile(
    r"^(?:tolerated|tolerates|has tolerated|no reaction|without reaction|do not|reviewed|see|per"
    # "Seasonal allergies" is hay fever; "seasonal pollen" names the allergen.
    r"|seasonal(?![ \t]+(?:pollens?|grass(?:es)?|ragweed|trees?|molds?|allergens?))"
    r"|environmental allergies|reported"
    # A status written after the reaction: "HIT, confirmed 2022 -> heparin-free circuit".
    r"|confirmed|verified|updated|documented|noted|tolerating)\b"
    # "has had cefazolin for his shoulder w/o problem": taken without harm.
    r"|^(?:has|have) had\b.*\b(?:without|w/o|with no) (?:any |an? )?"
    r"(?:reactions?|problems?|issues?)",
    _I,
)
# Reactions a bare hyphen may join to their allergen.
_BARE_HYPHEN_REACTIONS = (
    r"rash|hives|urticaria|itch\w*|pruritus|anaphyla\w*|angioedema|swelling|nausea|vomiting"
    r"|diarrh\w*|gi upset|blisters|blistering|wheez\w*|hallucinations?|confusion|myalgias?"
    r"|headache|dizziness|flushing|cough|edema|dermatitis"
)
# "penicillin (hives)", "sulfa - rash", "codeine: nausea", "latex causes itching",
# "X which causes a rash", "X with hives", "X -> anaphylaxis".
_REACTION = quick(
    r"\s*(?:\((?P<paren>[^)]*)\)|(?:\s[-\u2013\u2014]+\s?|[-\u2013\u2014]{1,2}\s|:|\u2192|=>|->|=|,?\s*\b(?:which|that)"
    r" (?:causes?|caused|gave|gives)(?: (?:him|her|them|me))?\b|\bcaus(?:es?|ed|ing)\b"
    # Dot leaders of an aligned list: "Morphine ........ itching".
    r"|(?<=\S)[ \t]*\.{3,}[ \t]*"
    # A bare hyphen before a reaction by name: "CODEINE-NAUSEA", "Tape-blisters"; a hyphen
    # inside a drug's name ("trimethoprim-sulfamethoxazole") is followed by no reaction.
    rf"|(?<=[A-Za-z])-(?=(?:{_BARE_HYPHEN_REACTIONS})\b)"
    r"|\b(?:gives?|gave|makes?|made) (?:him|her|them|me)\b|\bwith\b|\breaction:?"
    r"|(?<=\S)(?:[ \t]{2,}|[ \t]*\t[ \t]*|[ \t]*\|[ \t]*)(?=\S))\s*(?P<after>.+))",
    _I,
)
# "the allergy list", "allergy/intolerance list", "allergy and intolerance list".
_LIST = (
    r"(?:allerg(?:y|ies)|intolerances?)(?:\s*(?:/|and|&)\s*(?:intolerances?|allerg(?:y|ies)))?"
    r"\s+list"
)
_INLINE = quick(
    r"(?:\b(?:allergic|allergy|allergies|hypersensitivity|intolerant|intolerance"
    r"|(?P<sensitivity>sensitivity|sensitivities))\s+(?:to|of)\s+"
    # "Her drug allergy is penicillin (anaphylaxis)": the allergy named after "is".
    r"|(?:(?<=drug )|(?<=only )|(?<=known ))(?:allergy|allergies)"
    # "the only allergy we have listed for you is X", "the only allergy on file is X".
    r"(?:\s+(?:(?:we|you|she|he|they|I)\s+(?:have|has)\s+)?(?:listed|on file|on record|documented"
    r"|recorded)(?:\s+for\s+(?:you|him|her|them))?)?\s+(?:is|are)\s+"
    r"(?!(?:not|unlikely|uncertain|unknown|unclear|none|listed|documented|noted|on|in)\b))"
    # A pronoun names no allergen: "she was intolerant of it" points back to one named before.
    r"(?!(?:it|this|that|them|these|those|him|her|me|which)\b)"
    r"(?P<what>[A-Za-z][\w -]{1,40}?)\s*(?:\((?P<reaction>[^)]{1,40})\))?"
    r"(?=[.,;:\n)]|$|\s(?:and|with|which|that|but|as|in|since|causing)\b|\s[-\u2013]+\s|\s*->|\s*\u2192)"
    # "allergic to penicillin - hives", "allergic to sulfa, which causes a rash".
    r"(?:\s*(?:\s[-\u2013]+|->|\u2192)\s*(?P<reaction3>[^.;,\n]{1,60})"
    r"|,?\s+(?:which|that)\s+(?:causes?|caused|gave|gives)(?:\s+(?:him|her|them|me))?\s+"
    r"(?P<reaction4>[^.;,\n]{1,60}))?"
    r"|\b(?P<before>(?!no\b|seasonal\b|food\b|drug\b|environmental\b|medication\b|known\b"
    r"|(?:her|his|their|my|the|only)\b)"
    r"[A-Za-z][\w-]{2,30}(?: [A-Za-z][\w-]{2,30})?)[ \t]+(?:allergy|sensitivity|intolerance)\b"
    r"\s*(?:\((?P<reaction2>[^)]{1,60})\))?",
    _I,
)
# Bullet marks that open an item: "\u2022 Sulfa", "\u2731 Latex \u2014 hives", "\u25cf Codeine".
_BULLETS = "\u2022\u00b7\u2731\u2605\u2606\u25cf\u25cb\u25aa\u25a0\u25e6\u2023\u2043\u27a2\u2794"
_ARTICLE = re.compile(
    r"^(?:(?:an?|the|severe|mild|some|remote|reported|known|listed|documented|h/o|and|or|his"
    rf"|her|their)\s+|[*{_BULLETS}-]+\s*)(?=\w)",
    _I,
)
_MAX_STATEMENT = 400
_LINE_REACH = 200


@dataclass(frozen=True, slots=True)
class AllergyResult:
    allergies: list[Allergy]
    no_known_allergies: bool
    spans: list[Seg]  # where allergy statements are written, for the drug finder
    withdrawn: frozenset[str] = frozenset()  # allergens the note takes back, by `allergy_key`
    # Allergens a story tells that the note goes on giving ("continue morphine 2 mg IV q4h"):
    # the drug stays a medication beside the allergy, and the chart weighs the two.
    continued: frozenset[str] = frozenset()


def _statement(doc: Document, start: int, limit: int) -> Seg:
    """The allergy statement that starts at `start`: its leading sentences about allergies."""
    end = min(limit, start + _MAX_STATEMENT)
    if end < limit:
        # A long list cut in the middle of a line would read "Atorvastatin: l" as an allergy
        # with the reaction "l": the line the cut falls on is read to its end.
        reach = min(limit, end + _LINE_REACH)
        line_end = doc.text.find("\n", end, reach)
        end = line_end if line_end > 0 else (reach if reach == limit else end)
    stop = _statement_end(doc.text, start, end)
    end = allergy_layouts.field_end(doc.text, start, stop.start() if stop else end)
    line_end = doc.text.find("\n", start, end)
    if line_end > 0 and _NONE_ONLY.fullmatch(doc.text, start, line_end):
        end = line_end  # "Allergies reviewed: NKDA." and the next line is about something else
    if _BULLETED.match(doc.text, doc.text.rfind("\n", 0, start) + 1, start):
        # "- Allergies: contrast - hives" in a bulleted list: the next bullet is another topic.
        bullet = _NEXT_BULLET.search(doc.text, start, end)
        end = bullet.start() if bullet else end
    kept = start
    for sentence in _sentences(doc.text, start, end):
        # An aside in parentheses ("hives (premedicated for CT)") does not end the statement.
        words = _PARENTHESES.sub("", doc.text[sentence.start : sentence.end])
        if _KIND_LINE.match(words):
            words = words[words.index(":") + 1 :]  # "Medications: penicillin (rash)"
        told = [m.group().lower() for m in _NOT_ALLERGY.finditer(_AFTER_TAKING.sub("", words))]
        if told and all(t.startswith("premedicat") for t in told):
            # "IV contrast -> hives; premedicated for CT scans": how the allergy is managed.
            kept = sentence.end
            continue
        if told:
            # "Iodine contrast - hives, premedicated in 2021": the allergen that opens it stays.
            lead = allergy_layouts.leading_allergen(doc.text, sentence)
            if lead > sentence.start and _REMARK.fullmatch(doc.text, lead, sentence.end):
                kept = sentence.end  # "IV contrast (hives) -- PREMEDICATED.": the list goes on
                continue
            kept = max(kept, lead)
            break
        kept = sentence.end
    return trim(doc.text, start, kept, " \t\r\n,.;:")


_PARENTHESES = re.compile(r"\([^()]*\)")
# A word or two of remark after an allergen and its reaction, with no dose or date.
_REMARK = re.compile(r"[ \t,;:.\-\u2013\u2014]*[A-Za-z]+(?:[ \t]+[A-Za-z]+)?[ \t.;,]*")
# A reaction's story says what was taken: "a seizure after being given tramadol", "confused
# after taking Benadryl". The story is the allergy, not a dose or an act of this visit.
_AFTER_TAKING = re.compile(
    r"\b(?:after|when|while|on)\s+(?:being\s+)?(?:given|taking|receiving)\b", _I
)
# A dose after a label: "Aspirin: 81 mg daily" is a medication's line, not an allergy's.
_DOSE_AFTER = re.compile(r"[^\n]{0,40}?\d+(?:\.\d+)?[ \t]*(?:mg|mcg|g|units?|ml|meq)\b", _I)


def _statement_end(text: str, start: int, end: int) -> re.Match[str] | None:
    """Where an allergy statement ends; a line "Codeine: nausea" or "- Penicillin: hives" goes
    on with the list, its label an allergen, not another heading."""
    for stop in _STATEMENT_END.finditer(text, start, end):
        if stop["inline"] and not _is_heading(stop["inline"]):
            continue
        label = stop["label"]
        if label and _label_allergen(label) and not _DOSE_AFTER.match(text, stop.end()):
            continue
        kind = bool(label and _KIND_LABEL.match(label))
        if kind and _kinds_only(text, start, stop.start()) and _allergy_kind_line(text, stop.end()):
            continue  # "ALLERGIES:" then "Medications: penicillin (rash)", "Food: ..."
        return stop
    return None


def _allergy_kind_line(text: str, after: int) -> bool:
    """Whether a kind's line under an empty allergy label lists allergies: never with a dose,
    and a drugs' line only with a reaction ("Medications: penicillin (rash)"); "Medications:
    lisinopril, metformin" there is the medication list."""
    if _DOSE_AFTER.match(text, after):
        return False
    label = text[text.rfind("\n", 0, after) + 1 : after]
    if not _DRUG_KIND.search(label):
        return True
    reaction = _REACTION.search(text, after, _line_end(text, after))
    return reaction is not None and bool(text[after : reaction.start()].strip())


_DRUG_KIND = re.compile(r"\b(?:drugs?|medications?|medicines?)\b", _I)


# The kind of allergies a line of an allergy list holds: "Medications: penicillin (rash)".
_KIND_LABEL = re.compile(
    r"^(?:drugs?|medications?|medicines?|foods?|environmental|other|latex|contrast)"
    r"(?:[ \t]+allerg(?:y|ies))?$",
    _I,
)
_KIND_LINE = re.compile(
    r"[ \t]*(?:[-*\u2022\u00b7][ \t]*)?(?:drugs?|medications?|medicines?|foods?|environmental"
    r"|other|latex|contrast)(?:[ \t]+allerg(?:y|ies))?[ \t]*:[^\n]*",
    _I,
)


def _kinds_only(text: str, start: int, end: int) -> bool:
    """Whether an allergy heading is followed by nothing but lines of kinds: its list is written
    under them ("ALLERGIES:" then "Food: peanuts", "Medications: penicillin"). After "Allergies:
    NKDA" a "Medications:" line opens the medication list."""
    return all(
        not line.strip() or _KIND_LINE.fullmatch(line) for line in text[start:end].split("\n")
    )


def _label_allergen(label: str) -> bool:
    words = label.strip()
    return not _is_heading(words) and (
        _names_allergen(words)
        or allergy_layouts.names_allergen(words)
        or bool(_DRUG_CLASS.fullmatch(words))
    )


_NONE_ONLY = re.compile(
    r"[ \t]*(?:nkda|nka|nkfa|none(?: known)?|nil|no known (?:drug |medication |food )?allergies"
    r"|no (?:drug |medication )?allergies)[ \t.]*",
    _I,
)
_BULLETED = re.compile(r"[ \t]*(?:[-*\u2022]|\d{1,2}[.)])[ \t]")
_NEXT_BULLET = re.compile(r"\n[ \t]*(?:[-*\u2022]|\d{1,2}[.)])[ \t]")
# "Latex - none", "sulfa: no reaction": a substance written down as no allergy.
_NO_REACTION = re.compile(
    r"^(?:(?:none|no(?:ne)? (?:reaction|allergy)|negative|denies|n/a"
    # "contrast - warmth only, not an allergy": a side effect the note says is no allergy.
    r"|not (?:an? |a true |truly )?(?:allergy|allergic))\b|no\.?$)",
    _I,
)


# What a bracket after an allergen may say instead of the reaction: its kind, severity or date,
# "Clarithromycin (GI Intolerance, Mild, 03/14/14) - severe nausea/vomiting".
_ANNOTATION = re.compile(
    r"^(?:(?:gi |drug |food |environmental )?(?:intolerance|allergy|side effects?|adverse reaction)"
    r"|mild|moderate|severe|high|low|\d[\d/.-]*)\s*(?:,|$)",
    _I,
)
# A bracket that names the reaction's kind, which is all the note says of it.
_KIND_OF_REACTION = re.compile(
    r"^[ \t]*(?:gi |drug |food )?(?:intolerance|side effects?|adverse reaction)[ \t]*$", _I
)
# "Has tolerated cephalexin and cefazolin before", "has had egg, peanut butter without
# reaction": a sentence naming what was taken without harm names no allergy.
_TOLERATED_SENTENCE = re.compile(
    r"\b(?:has |have )?(?:tolerated|tolerates|tolerating)\b"
    r"|\bhas had\b.*\b(?:without|w/o|with no) (?:any |an? )?(?:reactions?|problems?|issues?)",
    _I,
)
# "Ibuprofen (same)": the reaction of the allergen before.
_SAME = re.compile(r"^(?:same|same reaction|similar|similar reaction|ditto|likewise)$", _I)
# A reaction written as a verb: "morphine makes him itch".
_VERB_REACTIONS = {
    "itch": "itching",
    "vomit": "vomiting",
    "swell": "swelling",
    "swell up": "swelling",
}


_BRACKETED = re.compile(r"\([^()]+\)")
# A kind of allergy with its allergens in brackets: "Seasonal allergies (pollen)".
_KIND_ASIDE = re.compile(
    r"(?:seasonal|environmental|food|other)[ \t]+allerg(?:y|ies)[ \t]*\((?P<what>[^(),;]{2,60})\)"
    r"[ \t.]*",
    _I,
)
# What was tolerated, written after an allergen and its reaction: no part of either.
_TOLERATED_TAIL = re.compile(
    r"[ \t]*[-;,\u2013][ \t]*(?:but[ \t]+)?(?:has[ \t]+|have[ \t]+)?(?:since[ \t]+)?"
    r"(?:tolerated|tolerates"
    # "amoxicillin (rash) - has taken cefuroxime since without reaction".
    r"|(?:taken|had|received|given)\b(?=[^.;\n]{0,60}?\b(?:without|w/o|with no)[ \t]+(?:any[ \t]+)?"
    r"(?:reactions?|problems?|issues?)\b))\b.*",
    _I,
)


def _sentences(text: str, start: int, end: int) -> list[Seg]:
    cuts = [start] + [m.end() for m in _SENTENCE.finditer(text, start, end)] + [end]
    return [Seg(a, b) for a, b in pairwise(cuts) if b > a]


def _allergy(doc: Document, item: Seg) -> Allergy | None:
    aside = _KIND_ASIDE.fullmatch(doc.text, item.start, item.end)
    if aside:
        item = Seg(aside.start("what"), aside.end("what"))  # "Seasonal allergies (pollen)"
    tolerated = _TOLERATED_TAIL.search(doc.text, item.start, item.end)
    before = doc.text[item.start : tolerated.start()] if tolerated else ""
    if tolerated and _tolerated_itself(before, tolerated.group()):
        return None  # "ceftriaxone - tolerated", "cefazolin, tolerated 2021"
    if before.strip() and before.count("(") == before.count(")"):
        item = Seg(item.start, item.start + len(before))  # "PCN (rash) - has tolerated cefdinir"
    if _BRACKETED.fullmatch(doc.text, item.start, item.end):
        # "NKDA. (Seasonal pollen.)": the allergen of an aside.
        item = trim(doc.text, item.start + 1, item.end - 1, " \t.,;")
    lead = _LEAD.match(doc.slice(item))
    if lead and 0 < lead.end() < item.end - item.start:
        item = Seg(item.start + lead.end(), item.end)  # "Added today: benzonatate - dizziness"
    story = _reaction_first(doc, item)
    if story is not None:
        return story
    text = doc.slice(item)
    if _SAID_NO_ALLERGY.search(text) and not _INTOLERANT.search(text):
        return None  # "Vancomycin: flushing with fast infusion - not an allergy"
    # "Penicillin - rash (has tolerated ceftriaxone)": an aside about what was tolerated does
    # not make the allergy none.
    bare = _PARENTHESES.sub("", text)
    named = _ALLERGY_WORD.sub("", bare.strip(" ."))
    if named != bare.strip(" .") and _names_allergen(named.split()[-1]):
        bare = named  # "Seasonal pollen allergies", "Cat allergy": the allergen, not the word
    if _NOTHING.search(bare) or _TOLERATED.match(text) or _NOT_ALLERGEN.match(text):
        return None
    negative = _NEGATIVE_AFTER.search(text)
    if negative:
        return None  # "Latex negative", "Latex - no", "Eggs - NO"
    match = _REACTION.search(doc.text, item.start, item.end)
    substance = trim(doc.text, item.start, match.start() if match else item.end, " \t.,;:-")
    reaction = None
    if match:
        reaction = (match["paren"] or match["after"] or "").strip(" .") or None
    if match and match["paren"] and (_brand(match["paren"]) or _ANNOTATION.match(match["paren"])):
        # "Sumatriptan (Imitrex) - chest tightness": the brand in parentheses is no reaction.
        later = _REACTION.search(doc.text, match.end(), item.end)
        reaction = (later["paren"] or later["after"] or "").strip(" .") or None if later else None
        if clean_reaction(reaction) is None and _KIND_OF_REACTION.match(match["paren"]):
            reaction = match["paren"]  # "amoxicillin (intolerance) - no changes"
    name = _ALLERGY_WORD.sub("", _ARTICLE.sub("", _LEAD.sub("", doc.slice(substance))))
    name = _ONLY.sub("", name)  # "Reviewed allergy list - sulfa only"
    name = _INSTEAD_LEAD.sub("", name, count=1)
    if _KIND.match(name) and reaction:
        # "Environmental (cats)", "Environmental: bee stings (swelling)": the kind labels the
        # allergen, which may have its own reaction.
        inner = _REACTION.search(reaction)
        if inner is None or inner.start() == 0:
            name, reaction = reaction, None
        else:
            found = (inner["paren"] or inner["after"] or "").strip(" .") or None
            name, reaction = reaction[: inner.start()].strip(), found
    if _NOTHING.match(name) or (reaction and _NO_REACTION.match(reaction)):
        return None  # "Intolerances: ..." (its own statement), "none known", "Latex - none"
    if match and match.group().lstrip().startswith(":") and _another_field(name, reaction):
        return None  # "NKDA. Goal: return to work", "ASA class: 2. Airway: Mallampati II"
    if name and (len(name.split()) > 3 or not (_names_allergen(name) or _names_drug(name))):
        told = _told_drug(doc, item, substance)
        if told is not None:
            return told
    if not name or len(name.split()) > 5 or not re.search(r"[A-Za-z]{2}", name):
        return None
    if _NOT_ALLERGEN.match(name) or allergy_layouts.someone_else(name):
        return None  # "Daughter has latex allergy"
    reaction = clean_reaction(reaction)
    return Allergy(substance=name, reaction=reaction, text=text, start=item.start, end=item.end)


# A dash before the remark that closes an entry: "flushing with fast infusion - not an allergy".
_SAID_NO_ALLERGY = re.compile(
    r"[ \t][-\u2013\u2014]+[ \t]*+(?:but[ \t]+|this is[ \t]+|is[ \t]+)?not[ \t]+(?:an?[ \t]+"
    r"|a[ \t]+true[ \t]+|truly[ \t]+)?allergy\b(?![ \t]+to\b)",
    _I,
)
# A reaction told before its allergen: "gets hives from adhesive tape", "(reports) a rash with
# iodinated contrast (CT 2019)".
_TOLD_REACTION = re.compile(
    r"(?:(?:gets?|got|develops?|developed|had|has|breaks?[ \t]+out[ \t]+in)[ \t]+)?"
    rf"(?:an?[ \t]+)?(?P<reaction>(?:[a-z-]+[ \t]+){{0,2}}?(?:{_BARE_HYPHEN_REACTIONS}))"
    r"[ \t]+(?:from|with|after|to)\s+(?P<what>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,2})"
    r"[ \t]*(?:\([^()\n]*\))?[ \t.]*",
    _I,
)


def _reaction_first(doc: Document, item: Seg) -> Allergy | None:
    """ "gets hives from adhesive tape (uses paper tape)": the allergen after its reaction."""
    story = _TOLD_REACTION.fullmatch(doc.text, item.start, item.end)
    named = " ".join(story["what"].split()) if story else ""
    if story and (_names_allergen(named) or _names_drug(named)):
        what = Seg(story.start("what"), story.end("what"))
        reaction = clean_reaction(story["reaction"])
        return Allergy(
            substance=named,
            reaction=reaction,
            text=doc.slice(item),
            start=what.start,
            end=what.end,
        )
    return None


def _tolerated_itself(before: str, tail: str) -> bool:
    """Whether "tolerated" after an allergen with no reaction says it was taken without harm:
    it names nothing else ("PCN (rash) - has tolerated cefdinir" tolerates another drug)."""
    after = re.sub(r"^.*?\btolerat\w*", "", tail, count=1, flags=_I).strip(" \t.,;")
    return (
        bool(before.strip())
        and _REACTION.search(before) is None
        and not (after and (_names_allergen(after) or _names_drug(after)))
    )


# A story told in an allergy statement that says the drug did no harm.
_HARMLESS = re.compile(
    r"\btolerat\w*|\b(?:without|w/o|with no|no) (?:any |an? )?(?:reactions?|problems?|issues?)\b"
    r"|\bnot (?:a true |truly )?allergic\b|\bno (?:true )?allergy\b"
    r"|\bnot (?:an? )?(?:true )?allergy\b"
    # A screening question answered no: "Beta blockers? -> NO".
    r"|\?[ \t]*(?:->|\u2192|[-:])?[ \t]*no\b",
    _I,
)


def _told_drug(doc: Document, item: Seg, substance: Seg) -> Allergy | None:
    """The one drug an allergy statement's story names, when the words before its reaction are
    prose ("She tells me that as a teenager penicillin made her face swell", "the daughter states
    he could not pass urine after taking Benadryl", "acute dystonic reaction to Haldol")."""
    if _HARMLESS.search(doc.text, item.start, item.end):
        return None
    asides = [m.span() for m in _PARENTHESES.finditer(doc.text, item.start, item.end)]
    drugs = {
        d.drug.key: d
        for d in find_drug_names(doc.text, item.start, item.end)
        if not any(a <= d.start < b for a, b in asides)  # "NO (metoprolol taken for years)"
    }
    if len(drugs) != 1:
        return None
    (named,) = drugs.values()
    reaction = None
    if named.end <= substance.end:
        after = _REACTION.search(doc.text, named.end, item.end)
        reaction = (after["paren"] or after["after"] or "") if after else None
    return Allergy(
        substance=doc.text[named.start : named.end],
        reaction=clean_reaction(reaction),
        text=doc.slice(item),
        start=named.start,
        end=named.end,
    )


# What is taken instead of an allergen: "now on rosuvastatin", "switched to losartan".
_INSTEAD = (
    r"(?:now|currently)[ \t]+(?:on|taking|takes|using|uses)"
    r"|(?:switched|changed|transitioned)[ \t]+(?:over[ \t]+)?to"
)
# "changed to losartan - hives": the drug taken instead has a reaction of its own.
_INSTEAD_LEAD = re.compile(rf"^(?:{_INSTEAD})[ \t]+", _I)
# Words before an allergen that say who is allergic or that the entry is new: "He is allergic
# to X", "Also intolerant of X", "Added today: X", "Also: X".
# "Pt also reports "latex makes me itch"": what the patient said, quoted.
_LEAD = re.compile(
    # "NKDA / shellfish (hives)": the food allergy beside no drug allergy.
    r"^(?:(?:nkda|nka|no known drug allergies)(?:[ \t]*[/;,][ \t]*|[ \t]+(?=but|except)))?"
    # "NKDA, except shellfish", "NKDA but allergic to cats": the exception is the allergy.
    r"(?:(?:but|except)(?:[ \t]+for)?[ \t]+)?"
    r"(?:(?:also|added(?: today)?|new|updated)\s*:\s*)?(?:(?:he|she|they|the patient|patient|pt)"
    r"\s+(?:also\s+)?(?:is|are|reports?(?: being)?|states?|says)\s+"
    # "Says morphine makes him itch", "EHR lists penicillin (rash)".
    r"|(?:says|states|reports)\s+|(?:the\s+)?(?:ehr|emr|chart|record|pharmacy)\s+(?:lists|shows"
    r"|documents|says)\s+)?(?:also\s+)?"
    r"(?:(?:allergic|intolerant)\s+(?:to|of)\s+|(?:an?\s+)?(?:allergy|intolerance|sensitivity)"
    r"\s+to\s+)?[\"\u201c]?",
    _I,
)
# Labels and classes that an allergy statement may run into: "Fall risk: high", "Note: ...",
# "ASA II" (the anaesthesia class), devices a patient does not tolerate.
_NOT_ALLERGEN = re.compile(
    r"^(?:pt|patient)[ \t]*+:"  # "Pt: reports hives in childhood": what she said, not an allergen
    # When a reaction happened, after the list's comma: "Penicillin - rash, childhood".
    r"|(?:in[ \t]+)?(?:childhood|infancy|adolescence|remote|years ago)\b"
    # What was done since, after the list's comma: "patient had CT with contrast without issue".
    r"|(?:pt|patient)[ \t]+(?:had|underwent|received|was given)\b"
    # "Pt is okay with other triptans": what she takes without harm.
    r"|(?:ok|okay|fine|tolerant|well)\b"
    # When the reaction was, split off as an item of its own: "Penicillin - rash, as a child"
    # ("Infant formula (hives)" and "Infant's Tylenol" are allergens).
    r"|as[ \t]+an?[ \t]+(?:child|infant|toddler|teen(?:ager)?)\b"
    # "PNV ok": a drug said to be fine.
    r"|[\w/-]+(?:[ \t]+[\w/-]+)?[ \t]+(?:is[ \t]+)?(?:ok|okay|fine)\.?$"
    # An instruction written after the list: "Use paper tape", "Avoid penicillins until ...".
    r"|(?:use|avoid|consider|please)\b(?![ \t]*:)"
    # What was done for the reaction or with the entry, after the list's comma: "hives, needed
    # Benadryl", "Recorded as intolerance and removed from the allergy list".
    r"|(?:needed|required|treated[ \t]+with|responded[ \t]+to|premedicat\w*)\b"
    r"|(?:recorded|documented|charted|entered|re-?coded|removed|kept)[ \t]+(?:as|from|in|on)\b"
    # A remark on the entry before: "This is a true allergy, not an intolerance".
    r"|(?:this|it|that)[ \t]+(?:is|was)\b|not[ \t]+an?[ \t]+(?:intoleran|side|true|real)"
    # What is taken instead, after the side effect: "not allergy; now on rosuvastatin".
    # Not when the entry goes on to its own reaction: "changed to losartan - hives".
    rf"|(?:{_INSTEAD})\b(?![^;\n]*?[ \t][-\u2013][ \t]+\w)"
    # A permission written after a side effect: "diarrhea only, not an allergy; may use again".
    r"|(?:may|can|could|ok(?:ay)?[ \t]+to|safe[ \t]+to)[ \t]+(?:be[ \t]+)?(?:re-?)?(?:use[ds]?"
    r"|take[ns]?|give[ns]?|continue[ds]?|receive[ds]?|challenge[ds]?|tr(?:y|ied))\b"
    r"|^(?:fall risk|note|notes|code status|diet|precautions|isolation|comment|comments"
    # An allergy's own fields written after it: "Severity: moderate", "Onset: 2019".
    r"|(?:severity|criticality|certainty|onset|verified(?: by)?|source|reaction type)(?=[ \t]*:)"
    r"|asa[ \t]*+(?:(?:class|score|status|physical status|ps)[ \t]*+)?:?[ \t]*+"
    r"(?:[1-6]|i{1,3}|iv|v|vi)\b|c?pap|bipap|vaccine components?"
    r"|(?:peanut|nut|latex)[- ]free\b|epi-?pens?"
    # What is kept for a reaction, written after it: "carries EpiPen", "has an Auvi-Q at home".
    r"|(?:carries|carrying|carry|has|have|keeps|uses|owns|needs|requires|with|prescribed)"
    r"[ \t]++(?:(?:an?|her|his|their)[ \t]++)?(?:epi-?pens?|auvi-?q|epinephrine|adrenaclick"
    r"|symjepi|neffy))\b",
    _I,
)
# "Latex negative", "Latex - no", "Egg: NO": a screened substance without an allergy.
# A screening question answered no: "ACE inhibitor cough? -- No", "Eggs? -> no".
_NEGATIVE_AFTER = re.compile(
    r"^[A-Za-z][\w /-]{1,30}?\??(?:\s*(?:[-:\u2013]{1,2}|->|\u2192)\s*|\s+)"
    r"(?:no|negative|denied)\.?$",
    _I,
)
# What a reaction carries that is not the reaction: when and where it happened, what was done.
_REACTION_TAIL = re.compile(
    r"(?:\s*\([^()]*\)$|[,;]?\s*(?:-\s*)?(?:added as (?:an? )?(?:intolerance|allergy|adverse"
    r"(?: drug)? reaction|side effect)|added today|added \S+|in \d{4}|\d{4}s?|age \d+"
    r"|at age \d+"
    r"|as (?:an? )?(?:child|toddler|infant|baby|teenager|teen|kid)|in childhood"
    r"|\d{1,2}/\d{1,2}/\d{2,4}"
    # Its severity or certainty, written after it: "blistering rash 2012 - SEVERE".
    r"|(?<![\w-])(?:mild|moderate|severe|life[- ]threatening|probable|possible|suspected"
    # What the patient keeps for it: "anaphylaxis - carries EpiPen".
    r"|(?:carries|carrying|keeps|has)[ \t]+(?:an?[ \t]+)?(?:epi-?pens?|auvi-?q"
    r"|epinephrine)(?:[ \t]+auto-?injectors?)?))$"
    # Its kind after a dash or comma: "GI upset - intolerance" (but "GI intolerance" stays).
    r"|[ \t]*[-\u2013,;][ \t]*intolerance$"
    r"|\s+when\b.*$"
    # What is used instead, after a dash: "hyperkalemia - on atovaquone instead".
    r"|[ \t]+[-\u2013\u2014]+[ \t]+(?:now[ \t]+)?(?:on|uses?|using|switched|changed|takes?"
    r"|taking|given)\b.*$"
    r"|\s*[-;,]\s*(?:but\s+)?(?:has |have )?(?:tolerated|tolerates)\b.*$)",
    _I,
)
_AVOIDED = re.compile(r"^(?:avoid|do not (?:use|give))\s*\((?P<why>[^()]{1,60})\)", _I)
_REACTION_HEAD = re.compile(r"^(?:(?:him|her|them|me)\s+)?(?:an?|the)\s+(?=\w)", _I)


def clean_reaction(reaction: str | None) -> str | None:
    """The reaction alone: "tendon rupture, 2019" -> "tendon rupture", "a diffuse rash when she
    took it" -> "diffuse rash", "hives (premedicate)" -> "hives"."""
    if not reaction:
        return None
    text = reaction.strip(" .,;")
    avoided = _AVOIDED.match(text)
    text = avoided["why"] if avoided else text  # "NSAIDs - AVOID (kidney injury)"
    for _ in range(4):
        shorter = _REACTION_TAIL.sub("", text).strip(" .,;-")
        if not shorter or shorter == text:
            break
        text = shorter
    text = _REACTION_HEAD.sub("", text).strip(" .,;")
    quoted = re.match(r'^["\u201c]([^"\u201d]{2,40})["\u201d]', text)
    if quoted:
        text = quoted[1]  # 'Morphine - "itching" listed historically'
    elif re.match(r'^["\u201c][^"\u201d]+$', text):
        text = text[1:]  # 'as "liver injury, suspected."': the quote closes after the comma
    text = _VERB_REACTIONS.get(text.lower(), text)
    if _ACTION.match(text):
        return None  # "Latex allergy - removed all latex gloves from the room": what was done
    return text or None


_ONLY = re.compile(r"[ \t]+only$", _I)
# What the team did about an allergy, written where its reaction would be.
_ACTION = re.compile(
    r"^(?:no changes?|unchanged|removed|taken off|switched|changed|ruled out|cleared|stopped"
    r"|discontinued|held"
    r"|premedicated|notified|informed|ordered|placed|flagged|updated|added|reviewed"
    # A precaution: "LATEX - NO LATEX GLOVES OR CATHETERS", "avoid all beta-lactams".
    r"|avoid|do not|don't|never|use (?:non|latex-free|alternative)"
    r"|no [\w-]+(?: [\w-]+)? (?:gloves|catheters|products|equipment|tape|dressings)"
    # Where the reaction is told instead: "Intolerant of topiramate (see above)".
    r"|see (?:above|below|hpi|note)|as above)\b",
    _I,
)


def _items(doc: Document, statement: Seg) -> list[Allergy]:
    found: list[Allergy] = []
    tolerated = [
        s
        for s in _sentences(doc.text, statement.start, statement.end)
        if _TOLERATED_SENTENCE.search(doc.text, s.start, s.end)
        and not _REACTION.match(doc.text, s.start, s.end)
    ]
    current = True
    for item in _pieces(doc, statement):
        item = trim(doc.text, item.start, item.end, f" \t.\"'*-{_BULLETS}")
        status = _STATUS_LINE.fullmatch(doc.text, item.start, item.end)
        if status:
            current = status["inactive"] is None  # "Active" / "Inactive" over their rows
            continue
        if not current:
            continue
        if found and _takes_back_last(doc, item, found[-1]):
            found.pop()
            continue
        if any(s.start <= item.start < s.end for s in tolerated) and not found_reaction(doc, item):
            continue
        if found and _continues_reaction(doc.slice(item), found[-1]):
            last = found[-1]  # "sulfa - rash, hives": one more reaction of the same allergy
            more = clean_reaction(doc.slice(item)) or doc.slice(item)
            reaction = f"{last.reaction}, {more}" if last.reaction else more
            found[-1] = last.model_copy(update={"reaction": reaction})
            continue
        allergy = _allergy(doc, item)
        if allergy is not None and found and allergy.reaction and _SAME.match(allergy.reaction):
            allergy = allergy.model_copy(update={"reaction": found[-1].reaction})
        if allergy is not None:
            found.append(allergy)
    return _shared_reactions(doc.text, found)


# A list's status written over its rows: "Active", "Inactive:", "Resolved allergies".
_STATUS_LINE = re.compile(
    r"(?:active|current|(?P<inactive>inactive|resolved|historical|entered in error|deleted"
    r"|removed))(?:[ \t]+(?:allerg(?:y|ies)|intolerances))?[ \t]*:?",
    _I,
)
# "Vancomycin - red man syndrome, infusion related, not an allergy": the remark closing an
# item's clauses takes back its allergen.
_NOT_AN_ALLERGY = re.compile(
    r"(?:but[ \t]+|which is[ \t]+|this is[ \t]+|is[ \t]+)?not[ \t]+(?:an?[ \t]+|a true[ \t]+"
    r"|truly[ \t]+)?(?:allergy|allergic)(?![ \t]+to\b)[ \t.]*",
    _I,
)


def _takes_back_last(doc: Document, item: Seg, last: Allergy) -> bool:
    """Whether `item` says the allergen before it, in the same clause list, is no allergy; one
    said to be an intolerance stays ("side effect and not a true allergy, left on as
    intolerance")."""
    if not _NOT_AN_ALLERGY.fullmatch(doc.text, item.start, item.end):
        return False
    clause_end = re.compile(r"[;\n]|\.\s").search(doc.text, item.end)
    clause = doc.text[last.start : clause_end.start() if clause_end else len(doc.text)]
    return _same_entry(doc.text, last.start, item.start) and not re.search(
        r"\bintoleran", clause, _I
    )


# A sentence that goes on about the entry before it: "This is a known side effect of ACE
# inhibitors, not an allergy."
_REFERS_BACK = re.compile(r"\.\s+(?:(?:this|it|that|which)\b|(?=not\b))", _I)


def _same_entry(text: str, start: int, end: int) -> bool:
    """Whether `start` to `end` is one entry of the list: one clause, or on one line sentences
    that go on about it ("Lisinopril: dry cough 2018. This is a side effect, not an allergy")."""
    if re.search(r"[;\n]", text[start:end]):
        return False
    stops = re.finditer(r"\.\s", text[start:end])
    return all(_REFERS_BACK.match(text, start + stop.start()) for stop in stops)


def _slashed(allergy: Allergy) -> list[Allergy]:
    """ "Apple/carrot/pear: oral itching", "Cat / dust mite": foods or things around the patient
    joined by slashes are one allergy each, sharing the reaction. A drug's slash joins the
    ingredients of one product ("amoxicillin/clavulanate") or its names, and stays."""
    parts = [p.strip() for p in allergy.substance.split("/")]
    if len(parts) < 2 or not all(p and len(p.split()) <= 3 for p in parts):
        return [allergy]
    if _names_drug(allergy.substance) or {allergy_key(p) for p in parts} <= _ONE_BELIEF:
        return [allergy]
    if _SHARED_HEAD.search(parts[-1]) and all(len(p.split()) == 1 for p in parts[:-1]):
        return [allergy]  # "Bee/wasp stings": one allergy to the stings of either
    return [allergy.model_copy(update={"substance": p}) for p in parts]


# The noun the parts before a slash share: "bee/wasp stings", "fire ant/bee venom".
_SHARED_HEAD = re.compile(r"[ \t](?:stings?|bites?|venoms?)$", _I)
# "Iodine/shellfish": the one belief that shellfish and iodine (and contrast) react alike.
_ONE_BELIEF = {"iodine", "shellfish", "seafood", "contrast"}


def found_reaction(doc: Document, item: Seg) -> bool:
    """Whether an item names an allergen with its reaction ("sulfa - rash")."""
    text = doc.slice(item)
    match = _REACTION.search(text)
    return bool(match and match.start() > 0 and not _TOLERANCE.search(text[: match.start()]))


def _brand(text: str) -> bool:
    """ "(Imitrex)", "(Sulfonamide Antibiotics)": another name of the allergen, no reaction."""
    return len(text.split()) <= 3 and not _TOLERANCE.search(text) and _names_drug(text)


def _continues_reaction(text: str, last: Allergy) -> bool:
    """ "sulfa - rash, hives", "cipro - shaky, then C. diff": a reaction word, or words in lower
    case naming no allergen after a reaction, say more of the same allergy's reaction."""
    if _REACTION_WORD.match(text):
        return True
    if _NOTHING.search(text):
        return False  # "shellfish - hives; otherwise NKDA": no more of the reaction
    cleaned = clean_reaction(text) or ""
    if (
        _QUALIFIED_REACTION.match(cleaned)
        and not _REACTION.search(cleaned)
        and not (_names_allergen(cleaned) or _names_drug(cleaned))
    ):
        return True
    # "naproxen - dyspepsia, ?melena": a reaction in doubt is written with a question mark.
    opening = text[1:2] if text[:1] == "?" else text[:1]
    if not opening.islower() and not (text[:1] == "?" and opening.isalpha()):
        return False
    # "?GI bleed (intolerance)": the entry's kind in brackets is no reaction of its own.
    bare = _BRACKETED.sub(lambda m: "" if _ANNOTATION.match(m.group()[1:-1]) else m.group(), text)
    if last.reaction is None or _REACTION.search(bare.strip()):
        return False  # "..., sulfa - rash": an allergen with its own reaction
    if _TOLERATED.match(text) or _TOLERANCE.search(text) or _PREMEDICATED.match(text):
        # "egg - hives; tolerates baked egg", "urticaria, premedicated in 2022": what is
        # tolerated, or how the allergy is managed, is no reaction.
        return False
    return not (_names_allergen(text) or _names_drug(text))


_PREMEDICATED = re.compile(r"premedicat", _I)
_TOLERANCE = re.compile(
    r"\btolerat\w*|\b(?:without|w/o|with no) (?:any |an? )?(?:reactions?|problems?|issues?)\b", _I
)


def _pieces(doc: Document, statement: Seg) -> list[Seg]:
    """The items of a statement; "and" joins two substances only before any reaction is said
    ("penicillin and sulfa", but "codeine - nausea and vomiting")."""
    pieces: list[Seg] = []
    for item in _piped(doc, statement):
        parts = split_items(doc.text, item.start, item.end, _AFTER_REACTION_AND)
        if not all(_names_allergen(_first_words(doc.slice(p))) for p in parts[1:]):
            parts = [item]  # "cats (rhinitis) and reports hives with ...": one statement
        for part in parts:
            reaction = _REACTION.search(doc.text, part.start, part.end)
            if reaction is None:
                pieces.extend(split_items(doc.text, part.start, part.end, _AND))
                continue
            # "Aspirin and NSAIDs - wheezing": the substances named before the reaction share it.
            names = split_items(doc.text, part.start, reaction.start(), _AND)
            if len(names) > 1 and all(
                _names_allergen(_LEAD.sub("", doc.slice(n).strip())) or _names_drug(doc.slice(n))
                for n in names
            ):
                pieces.extend(names[:-1])
                pieces.append(Seg(names[-1].start, part.end))
            else:
                pieces.append(part)
    return pieces


_PIPE = re.compile(r"[ \t]*\|[ \t]*")


def _piped(doc: Document, statement: Seg) -> list[Seg]:
    """The items of a statement; a banner's pipes part allergens ("Sulfa (hives) | PEANUTS
    (anaphylaxis)") but not an allergen from its reaction ("Sulfa | hives")."""
    items: list[Seg] = []
    for item in split_items(doc.text, statement.start, statement.end, _ITEM_SEPARATOR):
        parts = split_items(doc.text, item.start, item.end, _PIPE)
        if len(parts) > 1 and all(_label_allergen(_first_words(doc.slice(p))) for p in parts):
            items.extend(parts)
        else:
            items.append(item)
    return items


def _first_words(text: str) -> str:
    """The allergen an item opens with: what comes before its reaction."""
    reaction = _REACTION.search(text)
    return text[: reaction.start()].strip() if reaction else text.strip()


# "sertraline (GI) and bupropion (anxiety)": "and" after a bracketed reaction starts another.
# A banner's slash after a bracketed reaction too: "LISINOPRIL (ANGIOEDEMA) / LATEX (RASH)".
_AFTER_REACTION_AND = re.compile(r"(?<=\))(?:\s+(?:and|or)\s+|[ \t]*/[ \t]*)(?=[A-Za-z])", _I)


# What joins allergens that share one reaction: "atorvastatin and simvastatin - myalgias".
_SHARED_JOIN = re.compile(r"[ \t,/&]*(?:\b(?:and|or)\b)?[ \t,/&]*", _I)


def _shared_reactions(text: str, found: list[Allergy]) -> list[Allergy]:
    """ "Atorvastatin and simvastatin - severe myalgias": the reaction is said once for both."""
    result: list[Allergy] = []
    for index, allergy in enumerate(found):
        following = found[index + 1] if index + 1 < len(found) else None
        if allergy.reaction is None and following is not None and following.reaction:
            joined = following.start - allergy.end <= 6 and bool(
                _SHARED_JOIN.fullmatch(text, allergy.end, following.start)
            )
            allergy = (
                allergy.model_copy(update={"reaction": following.reaction}) if joined else allergy
            )
        result.append(allergy)
    return result


def _label_limit(text: str, label: re.Match[str]) -> int:
    """How far a label's statement may go: a list in brackets ends at its closing bracket."""
    if label.group().endswith("("):
        return text.index(")", label.end())  # the label's lookahead found it
    return len(text)


# A culture's susceptibilities: "Urine culture: E. coli ... (newline) Sensitivities: ampicillin
# resistant", "Sensitivities: (newline) Oxacillin S".
_CULTURE_BEFORE = re.compile(
    r"\b(?:cultures?|cx|isolates?|organisms?|gram[ -](?:pos|neg)\w*|cfu|mic|mssa|mrsa|e\. coli)\b",
    _I,
)
_SUSCEPTIBILITY = re.compile(
    r"\b(?:resistant|sensitive|susceptible|intermediate|pan-?sensitive)\b|[ \t][RSI]$", _I | re.M
)


def _culture_sensitivities(text: str, label: re.Match[str]) -> bool:
    """True when a "Sensitivities:" label lists a culture's susceptibilities, not the patient's:
    the two lines before name a culture or an organism, or its list says resistant or S/R."""
    if "sensitivit" not in label.group().lower() or "allerg" in label.group().lower():
        return False
    line_start = text.rfind("\n", 0, label.start()) + 1
    before = text[max(0, text.rfind("\n", 0, max(0, line_start - 1)) + 1) : label.start()]
    after = text[label.end() : label.end() + 200]
    return bool(_CULTURE_BEFORE.search(before) or _SUSCEPTIBILITY.search(after))


def _statements(doc: Document) -> list[Seg]:
    """Every allergy statement: after an "Allergies" label, or opening an allergy section."""
    found: list[Seg] = []
    starts = [s.span.start for s in doc.sections]
    opened = [
        (m.end(), _label_limit(doc.text, m))
        for m in _LABEL.finditer(doc.text)
        if not _culture_sensitivities(doc.text, m)
    ]
    for start, limit in opened + allergy_layouts.more_labels(doc):
        found.append(_statement(doc, start, min(limit, _kind_headings_end(doc, starts, start))))
    for section in doc.sections:
        if section.name is SectionName.ALLERGIES:
            statement = _statement(doc, section.content.start, section.content.end)
            if not any(s.overlaps(statement.start, statement.end) for s in found):
                found.append(statement)
    return sorted((s for s in found if s.end > s.start), key=lambda s: s.start)


# A table of allergies: a header row naming the allergen's column, then one row per allergen.
_TABLE_HEADER = re.compile(r"^[ \t]*\|?(?P<cells>[^\n]*\|[^\n]*)$", re.M)
_ALLERGEN_COLUMN = re.compile(
    rf"^(?:{_ALLERGEN_HEAD}|allergy"
    # "ALLERGY / INTOLERANCE", "Allergies and intolerances": the allergen's own column.
    r"|allerg(?:y|ies)[ \t]*(?:/|&|and)[ \t]*(?:intolerances?|adrs?|reactions?))$",
    _I,
)
_REACTION_COLUMN = re.compile(r"^(?:reactions?|reaction type|manifestations?|symptoms?)$", _I)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


# A table an export ran into one line: "| Allergen | Reaction | |---|---| | Sulfa | rash |".
_FLAT_ROW_BREAK = re.compile(r"\|[ \t]*\|")
_FLAT_RULE = re.compile(r"\|[ \t]*:?-{3,}:?[ \t]*\|")


def _flat_table(doc: Document, header: re.Match[str]) -> tuple[Seg, list[Allergy]] | None:
    """A whole table on its header's line, each row after the one before: the header's cells
    name the columns, the rule is skipped, each other row is one allergy."""
    line = header.group()
    first, last = line.find("|"), line.rfind("|")
    if not _FLAT_RULE.search(line) or not _FLAT_ROW_BREAK.search(line, first, last + 1):
        return None
    rows: list[tuple[int, str]] = []
    position = first + 1
    for stop in [*(m.start() for m in _FLAT_ROW_BREAK.finditer(line, first + 1, last + 1)), last]:
        rows.append((header.start() + position, line[position:stop]))
        position = stop + 1
        while position < len(line) and line[position] in " \t|":
            position += 1
    columns = [c.strip() for c in rows[0][1].split("|")]
    what = next((i for i, c in enumerate(columns) if _ALLERGEN_COLUMN.match(c)), None)
    if what is None:
        return None
    how = next((i for i, c in enumerate(columns) if _REACTION_COLUMN.match(c)), None)
    # The words before the table count as a cell: "Allergies: | Agent | Reaction | ...".
    if not _allergy_table(doc, header.start(), [line[:first], *columns], how):
        return None
    allergies: list[Allergy] = []
    for start, text in rows[1:]:
        row = [c.strip() for c in text.split("|")]
        if len(row) <= what or set("".join(row)) <= set("-: "):
            continue  # the rule under the header
        name = row[what]
        reaction = row[how] if how is not None and how < len(row) else None
        if not name or _NOTHING.match(name) or _NOT_ALLERGEN.match(name):
            continue
        if reaction is not None and _NO_REACTION_CELL.match(reaction):
            continue
        at = doc.text.find(name, start, start + len(text))
        allergies.append(
            Allergy(
                substance=name,
                reaction=clean_reaction(reaction or None),
                text=text.strip(),
                start=at,
                end=at + len(name),
            )
        )
    if not allergies:
        return None
    return Seg(header.start() + first, header.start() + last + 1), allergies


def _allergy_table(doc: Document, start: int, cells: list[str], how: int | None) -> bool:
    """A "Drug" or "Agent" column names allergens only in an allergy table: one with an Allerg*
    column or under an allergy heading, or else one with a reaction column that is neither under
    a medication heading nor beside a dose column ("| Drug | Dose | Status |", "| Agent | Dose |
    Reaction |" are medication or infusion records)."""
    section = doc.section_name_at(start)
    if any(_ALLERGY_WORD_CELL.search(c) for c in cells) or section is SectionName.ALLERGIES:
        return True
    return not (
        how is None or section in _MEDICATION_SECTIONS or any(_DOSE_COLUMN.match(c) for c in cells)
    )


def _tables(doc: Document) -> list[tuple[Seg, list[Allergy]]]:
    """ "| Allergen | Type | Reaction | Severity |" and its rows, in the header's column order."""
    found: list[tuple[Seg, list[Allergy]]] = []
    for header in _TABLE_HEADER.finditer(doc.text):
        flat = _flat_table(doc, header)
        if flat is not None:
            found.append(flat)
            continue
        cells = _cells(header.group())
        what = next((i for i, c in enumerate(cells) if _ALLERGEN_COLUMN.match(c)), None)
        if what is None or any(header.start() < t.end for t, _ in found):
            continue
        how = next((i for i, c in enumerate(cells) if _REACTION_COLUMN.match(c)), None)
        if not _allergy_table(doc, header.start(), cells, how):
            continue
        check = _check_column(cells, what)
        kind = next((i for i, c in enumerate(cells) if _TYPE_COLUMN.match(c)), None)
        allergies: list[Allergy] = []
        position = header.end() + 1
        while position < len(doc.text):
            end = doc.text.find("\n", position)
            end = len(doc.text) if end < 0 else end
            line = doc.text[position:end]
            if "|" not in line:
                break
            row = _cells(line)
            position = end + 1
            if len(row) <= what or set(row[what]) <= set("-: "):
                continue  # the "|---|---|" rule under the header
            name = row[what]
            reaction = row[how] if how is not None and how < len(row) else None
            if _NOTHING.match(name) or _NOT_ALLERGEN.match(name):
                continue
            if kind is not None and kind < len(row) and _NOT_ALLERGY_KIND.match(row[kind]):
                continue  # "| sacubitril/valsartan | not to be used | caution |": no allergy
            if check is not None:
                flagged = _flagged(row[check] if check < len(row) else "")
                if flagged is None:
                    continue  # a medication's row whose allergy check is clear ("-")
                reaction = reaction or flagged
            if reaction is not None and _NO_REACTION_CELL.match(reaction):
                continue  # "| Methotrexate | none |": given without a reaction
            start = doc.text.find(name, position - len(line) - 1, end)
            allergies.append(
                Allergy(
                    substance=name,
                    reaction=clean_reaction(None if reaction in {None, "-", ""} else reaction),
                    text=line.strip(),
                    start=start,
                    end=start + len(name),
                )
            )
        if allergies:
            found.append((Seg(header.start(), min(position, len(doc.text))), allergies))
    return found


_TYPE_COLUMN = re.compile(r"^(?:type|kind|category|entry type)$", _I)
# What a row's type may be that is neither an allergy nor an intolerance: a drug to be careful
# with, or one kept off for another reason.
_NOT_ALLERGY_KIND = re.compile(
    r"^[ \t]*(?:cautions?|precautions?|contraindications?|contraindicated|warnings?|alerts?"
    r"|interactions?)\b",
    _I,
)


def _check_column(cells: list[str], what: int) -> int | None:
    """A medication table's "Allergy/ADR check" column, beside its "Drug" column: only the rows
    it flags are allergies, the others are the patient's drugs."""
    if _ALLERGY_WORD_CELL.search(cells[what]):
        return None  # "| Allergy | Reaction |": every row is an allergen
    return next(
        (i for i, c in enumerate(cells) if i != what and _ALLERGY_WORD_CELL.search(c)), None
    )


# What an allergy check cell says of a drug: "ALLERGY - cough", "ADR: red man", or nothing.
_FLAG = re.compile(
    r"^[ \t]*(?:allerg(?:y|ic)|adr|intolerance|intolerant|sensitivity)\b[ \t]*[-:\u2013(]?[ \t]*"
    r"(?P<reaction>[^)]*)",
    _I,
)


def _flagged(cell: str) -> str | None:
    """The reaction an allergy check cell flags ("" when it flags none), None when it is clear."""
    match = _FLAG.match(cell)
    if match is None:
        return None
    return match["reaction"].strip(" .,;-")


# An exported allergy table without rules, its columns apart by single spaces: "Substance
# Reaction Severity Status", then "Lisinopril Angioedema Severe Active" on each row.
_WORD_TABLE_HEADER = re.compile(
    r"^[ \t]*(?:allergens?|substances?|agents?)(?:[ \t]+(?:reactions?|severity|status|type"
    r"|onset|criticality|noted|date))+[ \t]*$",
    _I | re.M,
)
# What the columns after the reaction hold: a severity, a status.
_ROW_TAIL = re.compile(
    r"(?:[ \t]+(?:mild|moderate|severe|life-threatening|high|low|unknown|active|inactive"
    r"|resolved|confirmed|unconfirmed|suspected))+[ \t]*$",
    _I,
)


def _word_row(line: str) -> tuple[str, str | None]:
    """The allergen and the reaction of a row: the reaction is the first reaction word after an
    allergen, or the words after a drug's name ("Penicillin Diffuse rash")."""
    words = _ROW_TAIL.sub("", line).split()
    for k in range(1, len(words)):
        substance, rest = " ".join(words[:k]), " ".join(words[k:])
        named = _names_drug(substance) and _QUALIFIED_REACTION.match(rest)
        if _REACTION_WORD.match(rest) or named:
            return substance, rest
    return " ".join(words), None


def _word_tables(doc: Document) -> list[tuple[Seg, list[Allergy]]]:
    """Rows under a header of allergy columns without rules, up to a blank line, in an allergy
    section."""
    found: list[tuple[Seg, list[Allergy]]] = []
    for header in _WORD_TABLE_HEADER.finditer(doc.text):
        if doc.section_name_at(header.start()) is not SectionName.ALLERGIES:
            continue
        allergies: list[Allergy] = []
        position = header.end() + 1
        while position < len(doc.text):
            end = doc.text.find("\n", position)
            end = len(doc.text) if end < 0 else end
            line = doc.text[position:end]
            if not line.strip() or doc.section_name_at(position) is not SectionName.ALLERGIES:
                break
            name, reaction = _word_row(line)
            start = doc.text.find(name, position, end)
            position = end + 1
            if _TOLERATED_SENTENCE.search(line):
                continue  # "(Has tolerated cephalexin in 2021.)" under the table: no allergen
            if not name or start < 0 or _NOTHING.match(name) or _NOT_ALLERGEN.match(name):
                continue
            allergies.append(
                Allergy(
                    substance=name,
                    reaction=clean_reaction(reaction),
                    text=line.strip(),
                    start=start,
                    end=start + len(name),
                )
            )
        if allergies:
            found.append((Seg(header.start(), min(position, len(doc.text))), allergies))
    return found


_ALLERGY_WORD_CELL = re.compile(r"\ballerg", _I)
_DOSE_COLUMN = re.compile(r"^(?:doses?|dosages?|strength|route|frequency|sig|rate)$", _I)
_NO_REACTION_CELL = re.compile(r"^(?:none|no|nil|n/a|-+|no reaction|nkda|negative)\.?$", _I)
_MEDICATION_SECTIONS = {
    SectionName.MEDICATIONS,
    SectionName.ADMISSION_MEDICATIONS,
    SectionName.DISCHARGE_MEDICATIONS,
}


def _kind_headings_end(doc: Document, starts: list[int], position: int) -> int:
    """Where an allergy label's statement must stop: the next heading, unless the label holds
    nothing yet and that heading is a kind of allergy ("ALLERGIES:" then "Medications:
    penicillin (rash)"), whose line is part of the list."""
    end = _next_heading(doc, starts, position)
    while end < len(doc.text) and _kinds_only(doc.text, position, end):
        line = _line_end(doc.text, end)
        if not _KIND_LINE.fullmatch(doc.text, end, line):
            break
        if not _allergy_kind_line(doc.text, doc.text.index(":", end) + 1):
            break  # "Medications: lisinopril 10 mg": the medication list
        end = _next_heading(doc, starts, line)
    return end


def _next_heading(doc: Document, starts: list[int], position: int) -> int:
    """Where the next section opens: a statement never runs into another heading's text."""
    index = bisect_left(starts, position)
    return starts[index] if index < len(starts) else len(doc.text)


def _inline(doc: Document, statements: list[Seg]) -> list[Allergy]:
    found: list[Allergy] = []
    for match in _INLINE.finditer(doc.text):
        group = "what" if match["what"] else "before"
        start, end = match.start(group), match.end(group)
        if any(s.overlaps(start, end) for s in statements):
            continue
        if {Context.NEGATED, Context.FAMILY} & set(doc.contexts(start, end)):
            continue  # "no latex allergy", "sister with egg allergy"
        what = _ONLY.sub("", _ARTICLE.sub("", match[group].strip()))  # "to contrast only"
        if _NOTHING.match(what) or _NOT_ALLERGEN.match(what):
            continue  # "allergies to medications: ...": a label, its statement read apart
        if match["sensitivity"] and not _sensitive_patient(doc, match, what):
            continue  # "sensitivity to light", "E. coli with sensitivity to ciprofloxacin"
        if group == "before":
            if _product_name(doc.text, end):
                continue  # "Flonase Allergy Relief 50 mcg": a product's name, no allergy
            words = what.split()
            if words[-1].lower() in _FUNCTION_WORDS:
                continue  # "TMP-SMX per allergy list"
            if len(words) > 1 and words[0].lower() in _FUNCTION_WORDS:
                words = words[1:]  # "worse off cinacalcet, with cinacalcet intolerance"
                what = " ".join(words)
            if len(words) > 1 and not _names_allergen(what) and _names_allergen(words[-1]):
                what = words[-1]  # "His sulfa allergy (hives)", "per contrast allergy protocol"
            if not _names_allergen(what):
                continue  # "delabeling via allergy clinic"
        if _QUESTION.match(doc.text, match.end()):
            continue  # "Allergy to vaccine components, latex, eggs?": a screening question
        reaction = clean_reaction(
            match["reaction"] or match["reaction2"] or match["reaction3"] or match["reaction4"]
        )
        listed = reaction is None and _INTOLERANT.match(match.group()) is not None
        if listed and allergy_key(what) in _listed_drugs(doc, start):
            continue  # "referred, intolerant of topiramate" of a drug on her list
        found.append(
            Allergy(
                substance=what,
                reaction=reaction,
                text=match.group(),
                start=match.start(),
                end=match.end(),
            )
        )
        found.extend(_more_inline(doc, match.end()))
    found.extend(_mentions(doc, statements, found))
    return found


# A culture's organism and its susceptibilities: "sensitivity to" tells of the germ, not of the
# patient.
_CULTURE = re.compile(
    r"\b(?:cultures?|grew|growing|isolates?|isolated|organisms?|susceptib\w*|resistan\w*|MIC"
    r"|bacteri\w*|coli|staph\w*|strep\w*|klebsiella|pseudomonas|enterococc\w*|MRSA|MSSA"
    r"|pan-?sensitive|sensitivities)\b",
    _I,
)


_INTOLERANT = re.compile(r"intoleran", _I)


def _listed_drugs(doc: Document, position: int) -> set[str]:
    """The drugs a medication section lists on lines other than the one at `position`: the
    patient takes them, whatever she tolerates."""
    line = Seg(doc.text.rfind("\n", 0, position) + 1, _line_end(doc.text, position))
    return {
        name.drug.key
        for section in doc.sections
        if section.name in _MEDICATION_SECTIONS
        for name in find_drug_names(doc.text, section.content.start, section.content.end)
        if not line.start <= name.start < line.end
    }


def _line_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end < 0 else end


def _sensitive_patient(doc: Document, match: re.Match[str], what: str) -> bool:
    """ "Sensitivity to X" is an allergy when X is a drug or an allergen and the sentence is not
    about a culture."""
    if not (_names_allergen(what) or _names_drug(what)):
        return False
    start = max(doc.text.rfind(c, 0, match.start()) for c in ".;\n") + 1
    return _CULTURE.search(doc.text, max(start, match.start() - 120), match.end()) is None


def _product_name(text: str, end: int) -> bool:
    """The word after `end` is the "Allergy" of an over-the-counter product's name."""
    blanks = _BLANKS.match(text, end)
    return blanks is not None and lexicon.ALLERGY_PRODUCT.match(text, blanks.end()) is not None


_BLANKS = re.compile(r"[ \t]*+")


_FUNCTION_WORDS = {"per", "to", "of", "for", "the", "his", "her", "with", "from", "on", "and", "or"}
_QUESTION = re.compile(r"[^.\n?]{0,60}\?")
# "allergic to ciprofloxacin (tendon rupture) and morphine (itching)": more of the same list.
_MORE_INLINE = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?P<what>[A-Za-z][\w-]+(?: [A-Za-z][\w-]+)?)\s*"
    r"\((?P<reaction>[^)]{1,40})\)",
    _I,
)
# "Codeine causes vomiting", "morphine makes him itch", "add haloperidol to the allergy list as
# acute dystonia", "Lisinopril added to allergy/intolerance list (cough)".
_MENTION = re.compile(
    r"\b(?P<what>[A-Za-z][\w-]{2,30})(?:\s+(?:causes|caused|gives (?:him|her|them|me)"
    r"|gave (?:him|her|them|me)|makes (?:him|her|them|me)|made (?:him|her|them|me))\s+"
    # "PCN -> hives" written on its own: an arrow from an allergen to a reaction.
    r"|[ \t]*(?:->|\u2192)[ \t]*)(?P<reaction>[^.;,\n]{1,40})"
    # "Add Augmentin / amoxicillin-clavulanate to his allergy list": a brand and its generic.
    r"|\badd(?:ed)?\s+(?P<added>[A-Za-z][\w-]{2,30}(?:[ \t]*/[ \t]*[A-Za-z][\w-]{2,30})?)\s+"
    r"(?:to|on)\s+(?:the\s+|his\s+|her\s+|their\s+)?"
    rf"{_LIST}(?:\s+as\s+(?P<as>[^.;,\n]{{1,40}}))?(?:\s*\((?P<why>[^)]{{1,40}})\))?"
    r"|\b(?P<listed>[A-Za-z][\w-]{2,30})\s+(?:was\s+|is\s+)?added\s+to\s+(?:the\s+|his\s+|her\s+)?"
    rf"{_LIST}(?:\s*\((?P<because>[^)]{{1,40}})\))?"
    # "No morphine (itching)", "avoid codeine (vomiting)": an allergen kept away in the plan.
    r"|\b(?:no|avoid|avoiding|not)\s+(?P<avoided>[A-Za-z][\w-]{2,30})\s*\((?P<kept>[^)]{1,40})\)",
    _I,
)
# "glipizide ... documented as adverse reaction (hypoglycemia)".
_DOCUMENTED = quick(
    r"\b(?:documented|listed|recorded|entered|added)\s+as\s+(?:an?\s+)?"
    r"(?:adverse (?:drug )?reaction"
    r"|allergy|intolerance)\s*(?:\((?P<reaction>[^)]{1,40})\))?",
    _I,
)


def _more_inline(doc: Document, position: int) -> list[Allergy]:
    found: list[Allergy] = []
    while (match := _MORE_INLINE.match(doc.text, position)) and _names_allergen(match["what"]):
        found.append(
            Allergy(
                substance=match["what"],
                reaction=clean_reaction(match["reaction"]),
                text=match.group().strip(" ,"),
                start=match.start("what"),
                end=match.end(),
            )
        )
        position = match.end()
    return found


def _mentions(doc: Document, statements: list[Seg], known: list[Allergy]) -> list[Allergy]:
    """Allergies told in passing: "codeine causes vomiting", "PCN -> hives", "no morphine
    (itching)", "latex listed as allergy (rash)". None of them names a drug the note gives now."""
    found: list[Allergy] = []
    current = _current_drugs(doc, statements)
    for match in _MENTION.finditer(doc.text):
        group = next(g for g in ("what", "added", "listed", "avoided") if match[g])
        what = match[group]
        start, end = match.start(group), match.end(group)
        if any(s.overlaps(start, end) for s in statements) or any(
            a.start <= start < a.end for a in known
        ):
            continue
        if not (_names_allergen(what) or _names_drug(what)) or _NOT_ALLERGEN.match(what):
            continue
        if group != "avoided" and {Context.NEGATED, Context.FAMILY} & set(doc.contexts(start, end)):
            continue
        reaction = clean_reaction(
            match["reaction"] or match["as"] or match["why"] or match["because"] or match["kept"]
        )
        if group in {"what", "avoided"} and not _is_reaction(
            reaction, whole=group == "avoided" or _ARROW.search(match.group()) is not None
        ):
            continue  # "aspirin causes less bleeding than ...": no reaction, no allergy
        if allergy_key(what) in current:
            continue  # "continue furosemide 40 mg daily": a drug given now is no narrative allergy
        found.append(
            Allergy(
                substance=what, reaction=reaction, text=match.group(), start=start, end=match.end()
            )
        )
    found.extend(_added_to_list(doc, statements, current))
    for match in _DOCUMENTED.finditer(doc.text):
        before = max(0, doc.text.rfind(".", 0, match.start()) + 1, match.start() - 60)
        if any(s.overlaps(before, match.end()) for s in statements):
            continue
        # The allergen is the phrase just before "listed as allergy", never a drug further back:
        # "continue lisinopril 10 mg daily, latex listed as allergy (rash)" names latex.
        phrase = _JUST_BEFORE.search(doc.text, before, match.start())
        allergen = _documented_allergen(doc, phrase, match.start())
        if allergen is None:
            continue
        start, end = allergen.start, allergen.end
        if allergy_key(doc.text[start:end]) in current:
            continue
        # A drug labelling its sentence is named only as the allergen: the story between it
        # and "recorded as intolerance" orders nothing.
        labelled = phrase is None or not phrase.start("what") <= start < phrase.end("what")
        found.append(
            Allergy(
                substance=doc.text[start:end],
                reaction=clean_reaction(match["reaction"] or (phrase["paren"] if phrase else None)),
                text=doc.text[start : end if labelled else match.end()],
                start=start,
                end=match.end(),
            )
        )
    return found


# A sentence opened by a drug and its colon or dash, as a list's entry is: "Codeine: he says
# it made him see things after his hernia repair - recorded as intolerance."
_OPENING_LABEL = re.compile(r"[ \t]*(?P<what>[A-Za-z][\w-]{2,30})[ \t]*(?::|[-\u2013][ \t])")
_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?])[ \t]+|(?<=:)[ \t]+)(?=[A-Z])", re.M)
_SENTENCE_REACH = 200


def _documented_allergen(doc: Document, phrase: re.Match[str] | None, at: int) -> Seg | None:
    """The allergen "listed as allergy" names: the phrase just before it, or else the drug that
    opens its sentence as a label."""
    if phrase is not None:
        names = [
            n
            for n in find_drug_names(doc.text, phrase.start("what"), phrase.end("what"))
            if n.end == phrase.end("what")
        ]
        if names:
            return Seg(names[-1].start, names[-1].end)
        last = phrase["what"].split()[-1]
        if _ALLERGEN_NOUN.match(last):
            return Seg(phrase.end("what") - len(last), phrase.end("what"))
    reach = max(0, at - _SENTENCE_REACH)
    opening = max((m.end() for m in _SENTENCE_START.finditer(doc.text, reach, at)), default=None)
    if opening is None or "." in doc.text[opening:at].rstrip(". "):
        return None
    label = _OPENING_LABEL.match(doc.text, opening, at)
    if label is None:
        return None
    names = find_drug_names(doc.text, label.start("what"), label.end("what"))
    return Seg(names[0].start, names[0].end) if names else None


# "Add to allergy/intolerance list as hyponatremia", "add it to her allergy list (rash)": the
# drug is the one the line was about ("Hydrochlorothiazide: discontinue permanently. Add to ...").
_ADD_TO_LIST = quick(
    # "Not added to allergy list", "did not add it to the allergy list": nothing was added.
    r"(?<!\bnot )(?<!\bnever )(?<!n't )(?<!\bnot been )(?<!\bno need to )"
    r"\badd(?:ed|ing)?[ \t]+(?:(?:it|this|them|this (?:drug|medication|agent))[ \t]+)?(?:to|on)"
    rf"[ \t]+(?:(?:the|his|her|their|patient's|pt's)[ \t]+)?{_LIST}(?![ \t]*:)"
    r"(?:[ \t]+as[ \t]+(?:an?[ \t]+)?(?P<as>[^.;,\n]{1,40}))?(?:[ \t]*\((?P<why>[^)\n]{1,40})\))?",
    _I,
)
_ADDED_REACH = 200
_NAMES_THE_ORDER = re.compile(f"{_DOCUMENTED.pattern}|{_ADD_TO_LIST.pattern}", _I)
_QUOTES = " \"'\u201c\u201d."


def _added_to_list(doc: Document, statements: list[Seg], current: set[str]) -> list[Allergy]:
    """A drug added to the allergy list by words that do not name it: the last drug named
    before them on their line."""
    found: list[Allergy] = []
    for match in _ADD_TO_LIST.finditer(doc.text):
        line = doc.text.rfind("\n", 0, match.start()) + 1
        start = max(line, match.start() - _ADDED_REACH)
        names = find_drug_names(doc.text, start, match.start())
        if not names or any(s.overlaps(match.start(), match.end()) for s in statements):
            continue
        name = names[-1]
        if name.drug.key in current:
            continue  # "continue furosemide 40 mg daily" is no drug added to the list
        reaction = (match["as"] or match["why"] or "").strip(_QUOTES)
        found.append(
            Allergy(
                substance=doc.text[name.start : name.end],
                reaction=clean_reaction(reaction or None),
                text=doc.text[name.start : match.end()],
                start=name.start,
                end=match.end(),
            )
        )
    return found


# An allergic reaction a story tells: "hives", "a diffuse rash", "swelling of her lips",
# "anaphylaxis", "a bad reaction". Stomach upsets and the like are no allergy told in passing:
# "nausea with metformin" is a side effect of a drug the patient may well go on taking. The run
# of qualifiers is bounded so a long run of words never makes the matcher backtrack for long;
# "shock" is an allergy only as "anaphylactic shock" ("septic shock with norepinephrine" is
# none), and "reaction" only with a harmful qualifier ("a good reaction to albuterol" is none).
_HARMFUL = r"(?:severe|bad|serious|allergic|adverse|anaphylactic|terrible|awful|hypersensitivity)"
_ALLERGIC_REACTION = (
    r"(?:(?:an?|some|severe|bad|mild|diffuse|itchy|full[- ]body|generali[sz]ed|widespread"
    r"|serious|allergic|adverse|anaphylactic|terrible|awful)\s+){0,3}"
    r"(?:rash(?:es)?|hives|urticaria|itching|pruritus|anaphyla\w*|angioedema|blisters"
    r"|(?:lip|tongue|facial|face|throat|eyelid)\s+swelling|swelling\s+of\s+(?:the\s+|her\s+|his\s+"
    r"|their\s+)?(?:lips?|tongue|face|throat|eyes?|eyelids?)|throat\s+(?:closing|tightness)"
    r"|stevens[- ]johnson(?:\s+syndrome)?|SJS"
    rf"|(?:anaphylactic\s+shock|{_HARMFUL}\s+reaction)(?=\s+(?:to|after|from|with)\b))"
)
_WHO = r"(?:she|he|they|I|the patient|patient|pt)"
_SWOLLEN_PART = r"(?:lips?|tongue|face|throat|eyes?|eyelids?|mouth)"
_DRUG_PHRASE = r"(?P<what>[A-Za-z][\w-]{1,30}(?:\s+[A-Za-z][\w-]{1,30})?)"
# Allergies a story tells: "developed hives after penicillin", "broke out in a rash with sulfa",
# "had anaphylaxis to peanuts", "swelling of her lips when she took lisinopril", "reacted badly
# to morphine", "cannot tolerate codeine - vomiting" (the present: the intolerance stands; "did
# not tolerate metformin" tells of a drug tried).
_NARRATIVE = quick(
    # A swelling told as what happened, its verb the onset: "her lips swelled on Bactrim",
    # "she \"swells up\" with sulfa drugs", "his face swelled up after penicillin".
    rf"\b(?P<swelled>(?:(?:her|his|their|my)\s+{_SWOLLEN_PART}|(?:she|he|they|I)\s+[\"\u201c]?)"
    r"\s*(?:swelled|swells|swell)"
    r"(?:\s+up)?)[\"'\u201d]?\s+(?P<swell_link>on|with|after|from)\s+"
    rf"{_DRUG_PHRASE.replace('what', 'swollen')}"
    rf"|\b(?P<reaction>{_ALLERGIC_REACTION})\s+(?:(?:right|immediately|shortly|soon|hours|minutes"
    rf"|days)\s+)?(?:(?P<link>after|following|from|with|to|on)\s+(?P<exposure>(?:taking|receiving"
    rf"|being given|starting|a dose of|a course of|exposure to|eating|(?:her|his|their|the)\s+first"
    rf" dose of)\s+)?|when\s+{_WHO}\s+(?:took|takes|was given|received|started|tried|used|ate"
    rf"|was on)\s+){_DRUG_PHRASE}"
    rf"|\b(?:reacted|reacts)\s+(?:(?:very\s+)?(?:badly|poorly|severely|strongly)\s+)?to\s+"
    rf"{_DRUG_PHRASE.replace('what', 'reacted')}"
    rf"|\b(?:cannot|can't|can not|is unable to|unable to|does not|doesn't)\s+tolerate\s+"
    rf"{_DRUG_PHRASE.replace('what', 'intolerant')}\s*(?:[-\u2013:]+\s*|\(|,?\s+(?:due to"
    rf"|because of|secondary to|d/t|which causes|as it causes|it causes)\s+)"
    rf"(?P<symptom>[^.;,()\n]{{2,40}})",
    _I,
    pairs=True,
)
# The symptom an intolerance names must be a reaction: "cannot tolerate codeine - vomiting";
# a stomach upset ("cannot tolerate metformin - diarrhea") or a fear ("needle phobia") is none.
_INTOLERANCE_SYMPTOM = re.compile(
    rf"(?:[a-z-]+\s+){{0,3}}?(?:{_ALLERGIC_REACTION}|nausea|vomiting|emesis|dizziness|confusion"
    r"|hallucinations?|delirium|hypotension|wheez\w*|bronchospasm|shortness of breath|sob"
    r"|(?:lip|tongue|facial|face|throat)\s+swelling|swelling|flushing|myalgias?)\b",
    _I,
)
# "with" or "on" joins a reaction to a drug only after an exposure ("broke out in hives with
# sulfa", "got a rash on her first dose of ..."); "hives on cetirizine are well controlled" and
# "angioedema with epinephrine resolved" tell a treatment.
_ONSET_BEFORE = re.compile(
    r"\b(?:developed|develops|broke out|breaks out|came out|comes out|got|gets|had|has had"
    r"|experienced|suffered|reported|noted|took|takes|was given|given|started|received|after"
    # What the patient tells: "reports hives with Bactrim in 2018", "describes a rash with ...".
    r"|receiving|reports|describes|described|recalls|recalled|endorses|remembers)\b[^.;\n]{0,60}$",
    _I,
)
# Words that tell a drug works: it treats, controls or relieves. After a story's drug they make it
# the treatment of the reaction (`_TREATED_AFTER`); after a drug's dash or arrow they make the
# words an effect, not a reaction (`_EFFECT`).
_WORKS = (
    r"improv\w*|better|controlled|control|resolv\w*|relief|stable|helps|helped|working|effective"
)
# Words after the drug, in the rest of its clause, that tell the drug treated the reaction or
# is working: "hives on cetirizine are well controlled", "angioedema with epinephrine resolved".
_TREATED_AFTER = quick(
    rf"\b(?:{_WORKS}|respond\w*|subsid\w*|settled|cleared|reliev\w*|treated|managed|abated"
    r"|continue\w*|well)\b",
    _I,
)
_CLAUSE_END = re.compile(r"[.;\n]|,\s+(?:and|but)\b")


# Before a story's reaction: none happened ("no hives after penicillin", "denies rash").
_NO_REACTION_BEFORE = re.compile(
    r"\b(?:no|not|without|never|denies|denied|nor)\s+(?:\w+\s+){0,2}$", _I
)


_STORY_GROUPS = ("what", "reacted", "intolerant", "swollen")
_SWOLLEN = re.compile(rf"(?:her|his|their|my)\s+(?P<part>{_SWOLLEN_PART})\b", _I)


def _swelling(match: re.Match[str]) -> str | None:
    """The reaction a swelling told by its verb names: "her lips swelled" is lip swelling."""
    if not match["swelled"]:
        return None
    part = _SWOLLEN.match(match["swelled"])
    return f"{part['part'].lower().rstrip('s')} swelling" if part else "swelling"


def _narratives(
    doc: Document, statements: list[Seg], known: list[Allergy], listed: list[Allergy]
) -> list[Allergy]:
    """Allergies a story tells, never one denied; `known` are read in passing, `listed` in
    statements and tables."""
    found: list[Allergy] = []
    for match in _NARRATIVE.finditer(doc.text):
        group = next(g for g in _STORY_GROUPS if match[g])
        start, end = match.start(group), match.end(group)
        if any(a.start <= start < a.end and a.reaction for a in known):
            continue  # read already, with its reaction; one read without lends it this one
        name = _allergen_in(doc, start, end)
        if name is None:
            continue
        if any(s.overlaps(match.start(), end) for s in statements) and allergy_key(
            doc.slice(name)
        ) in {allergy_key(a.substance) for a in listed}:
            # A story inside a statement names one more allergen ("allergic to cats (rhinitis)
            # and reports hives with Bactrim"), never again one the statement lists.
            continue
        if {Context.NEGATED, Context.FAMILY} & set(doc.contexts(match.start(), end)):
            continue
        if _NO_REACTION_BEFORE.search(doc.text, max(0, match.start() - 30), match.start()):
            continue  # "no reaction to penicillin in the past"
        if match["intolerant"] and not _INTOLERANCE_SYMPTOM.match(match["symptom"]):
            continue  # "cannot tolerate metformin - diarrhea": a side effect, no allergy
        if _treated(doc.text, match):
            continue  # "hives on cetirizine are well controlled": the drug treats the reaction
        reaction = match["reaction"] or match["symptom"] or _swelling(match)
        if reaction is not None and _EFFECT.search(reaction):
            continue  # "cannot tolerate codeine for pain control": no reaction
        if reaction is not None and _GENERIC_REACTION.fullmatch(reaction):
            reaction = None  # "a bad reaction to morphine" says no more than the allergy
        if reaction is None:
            # "reacts to codeine with vomiting", "allergic reaction to sulfa (hives)".
            reaction = _story_reaction(doc.text, name.end)
        found.append(
            Allergy(
                substance=doc.text[name.start : name.end],
                reaction=clean_reaction(reaction),
                text=match.group(),
                start=min(match.start(), name.start),
                end=max(match.end(), name.end),
            )
        )
    return found


# The reaction a story names after its drug: "(hives)", "with vomiting".
_AFTER_STORY = re.compile(
    r"[ \t]*(?:\((?P<paren>[^()\n]{1,40})\)|,?[ \t]+with[ \t]+(?P<with>[^.;,()\n]{1,40}))", _I
)


def _story_reaction(text: str, end: int) -> str | None:
    after = _AFTER_STORY.match(text, end)
    if after is None:
        return None
    reaction = after["paren"] or after["with"]
    return reaction if _is_reaction(reaction, whole=False) else None


def _treated(text: str, match: re.Match[str]) -> bool:
    """A story's drug that treats its reaction: "angioedema with epinephrine resolved"."""
    group = next(g for g in _STORY_GROUPS if match[g])
    end = _CLAUSE_END.search(text, match.end(group), match.end(group) + 120)
    rest = text[match.end(group) : end.start() if end else match.end(group) + 120]
    if _TREATED_AFTER.search(rest):
        return True
    if match["link"] is None or match["link"].lower() not in ("with", "on") or match["exposure"]:
        return False
    # "with" or "on" joins a reaction to its cause only after an exposure or an onset.
    clause = max(text.rfind(c, 0, match.start()) for c in ".;\n")
    return _ONSET_BEFORE.search(text, max(0, clause + 1, match.start() - 80), match.start()) is None


def _allergen_in(doc: Document, start: int, end: int) -> Seg | None:
    """The allergen a story's phrase opens with: a drug, a class or a food."""
    names = find_drug_names(doc.text, start, end)
    if names and names[0].start == start:
        return Seg(names[0].start, names[0].end)
    for words in (_TWO_WORDS, _ONE_WORD):
        phrase = words.match(doc.text, start, end)
        if phrase is None or _VAGUE_CLASS.fullmatch(phrase[0]):
            continue
        if _ALLERGEN_NOUN.match(phrase[0]) or _DRUG_CLASS.fullmatch(phrase[0]):
            return Seg(start, phrase.end())
    return None


_GENERIC_REACTION = quick(
    r"(?:(?:an?|some|severe|bad|serious|allergic|adverse|hypersensitivity)\s+){0,4}reaction", _I
)
# "a rash on an antibiotic": no allergen a chart can keep.
_VAGUE_CLASS = re.compile(r"(?:antibiotics?|drugs?|medications?|medicines?|meds)", _I)
_TWO_WORDS = re.compile(r"[\w-]+\s+[\w-]+")
_ONE_WORD = re.compile(r"[\w-]+")


# The words just before "listed as allergy": the allergen, maybe with its status, a bracketed
# reaction, "was" or a dash: "glipizide permanently - documented as adverse reaction",
# "Hydroxychloroquine discontinued (rash) - listed as allergy".
_STATUS_WORD = r"(?:permanently|discontinued|stopped|held|now|was|is|has|been|also)\b"
_JUST_BEFORE = re.compile(
    rf"(?P<what>[A-Za-z][\w-]{{1,30}}(?: (?!{_STATUS_WORD})[A-Za-z][\w-]{{1,30}})?)"
    rf"(?:\s+{_STATUS_WORD})*\s*(?:\((?P<paren>[^()\n]{{1,40}})\)\s*)?(?:[-:\u2013]\s*)?"
    rf"(?:{_STATUS_WORD}\s*)*\Z",
    _I,
)
_ARROW = re.compile(r"->|\u2192")
# Words that make a phrase after a drug an effect, an indication or a risk, not a reaction:
# "furosemide -> edema much improved", "pantoprazole -> GI bleed prophylaxis", "apixaban causes
# less bleeding", "no aspirin (bleeding risk on DOAC)".
_EFFECT = re.compile(
    rf"\b(?:{_WORKS}|help|worse|prophyla\w*|for|much|less|more|than|risk\w*|prevent\w*|reduc\w*"
    r"|decreas\w*|increas\w*|goal|target|response|treat\w*|benefit\w*)\b",
    _I,
)
# A drug the note gives now, outside any allergy statement: "continue furosemide 40 mg daily",
# "start apixaban 5 mg BID", "resumed metoprolol 25 mg".
_CURRENT = quick(
    r"\b(?:continu\w*|start\w*|resum\w*|restart\w*)\s+(?:(?:on|the|his|her|home)\s+)?"
    r"(?P<drug>[A-Za-z][\w-]{2,30}(?:\s+[A-Za-z][\w-]{2,30})?)\s+\d+(?:\.\d+)?\s*"
    r"(?:mg|mcg|g|units?|ml|meq|mmol)\b",
    _I,
)


# A drug the note lists on a schedule: "cetirizine 10 mg daily", "metoprolol 25 mg PO BID".
_SCHEDULED = re.compile(
    r"\b(?P<drug>[A-Za-z][\w-]{2,30})\s+\d+(?:\.\d+)?\s*(?:mg|mcg|g|units?|ml|meq|mmol)\b"
    r"(?:\s+(?:po|iv|sc|subq|sq|im|sl|pr|oral(?:ly)?|by mouth|tabs?|tablets?|capsules?)\b){0,2}"
    r"\s+(?:daily|once daily|twice daily|nightly|weekly|bid|tid|qid|qd|qhs|qam|qpm|q\d+h"
    r"|every \d+ hours|at bedtime|each morning|prn)\b",
    _I,
)


def _current_drugs(doc: Document, statements: list[Seg], *, listed: bool = False) -> set[str]:
    """Drugs the note gives now, outside allergy statements; with `listed`, also those it lists
    on a schedule, which a story's allergy never strips from the medications."""
    keys: set[str] = set()
    found = [*doc.matches(_CURRENT)]  # asked twice per note (listed and not)
    if listed:
        found += doc.matches(_SCHEDULED)
    for match in found:
        if any(s.overlaps(match.start(), match.end()) for s in statements):
            continue
        for name in find_drug_names(doc.text, match.start("drug"), match.end("drug")):
            keys.add(name.drug.key)
    return keys


def _is_reaction(reaction: str | None, *, whole: bool) -> bool:
    """A reaction and nothing else: "vomiting", "severe hives"; with `whole`, the whole phrase."""
    if not reaction or _EFFECT.search(reaction):
        return False
    if whole:
        return bool(_QUALIFIED_REACTION.fullmatch(reaction) or _REACTION_WORD.fullmatch(reaction))
    return bool(_REACTION_WORD.match(reaction) or _QUALIFIED_REACTION.match(reaction))


def _another_field(name: str, value: str | None) -> bool:
    """ "Label: value" after the allergies: a heading, or a label that names no allergen with a
    value that is no reaction ("Airway: Mallampati II")."""
    if _is_heading(name):
        return True
    if not value or not (value[0].isupper() or value[0].isdigit()):
        return False  # "Cinnamon: lip tingling": an allergen the lists do not know
    allergen = _names_allergen(name) or _names_drug(name) or allergy_layouts.names_allergen(name)
    return not allergen and not _is_reaction(value, whole=False)


def _is_heading(name: str) -> bool:
    return is_heading_name(name) or is_heading_name(f"{name}s")


def _names_allergen(text: str) -> bool:
    return bool(_ALLERGEN_NOUN.match(text)) or bool(find_drug_names(text, 0, len(text)))


# Drug classes written as allergens: "sulfa", "NSAIDs", "ACE inhibitors", "opioids".
_DRUG_CLASS = quick(
    r"\b(?:sulfa|sulfonamides?|antibiotics?|nsaids?|opioids?|opiates?|narcotics?|statins?"
    r"|ace inhibitors?|penicillins?|cephalosporins?|(?:fluoro)?quinolones?|macrolides?"
    r"|tetracyclines?|anticonvulsants?|local anesthetics?|drugs?|medications?)\b",
    _I,
)


def _names_drug(text: str) -> bool:
    return bool(_DRUG_CLASS.search(text)) or bool(find_drug_names(text, 0, len(text)))


# Words around an allergen that do not change which it is: "allergic to X", "X drugs".
_KEY_NOISE = re.compile(
    r"^(?:(?:also|says|reported|possible|allergic|allergy|allergies|intolerant|to|of|seasonal"
    r"|raw|fresh)\s+)+"
    # "Cat dander" and "cats" are one allergen.
    r"|\s+(?:drugs?|antibiotics?|medications?|class|family|allergy|allergies|gloves?|only|dander"
    r"|hair|fur)$"
    r"|[\"'\u201c\u201d]",
    _I,
)
# An animal by itself or by what of it the patient reacts to: "Cats", "cat dander", "cat hair".
_ANIMAL = re.compile(
    r"^(?P<animal>cat|dog|horse|rabbit|guinea pig|hamster)s?(?: (?:dander|hair|fur|saliva))?$", _I
)
_CONTRAST = re.compile(
    r"^(?:iv |iodinated |iodine |ct |radiocontrast |intravenous )*contrast"
    r"(?: dye| media| agents?)?$",
    _I,
)
_SULFA = re.compile(r"^(?:sulfa|sulfonamides?|sulpha)$", _I)
# "tape", "adhesive", "adhesive tape", "paper tape": one allergy to adhesives.
_ADHESIVE = re.compile(
    r"^(?:adhesives?(?: tapes?| bandages?| dressings?)?|(?:medical |surgical |paper |silk |cloth )?"
    r"tapes?|tegaderm(?: adhesive| dressings?)?|band-?aids?|steri-?strips?"
    r"|(?:adhesive |transparent )?dressings?)$",
    _I,
)


def allergy_key(substance: str) -> str:
    """One allergy per allergen: "PCN" and "penicillin", "Sulfa drugs" and "sulfonamide
    antibiotics", "allergic to erythromycin" and "Erythromycin" are the same."""
    found = find_drug_names(substance, 0, len(substance))
    if len(found) == 1:
        return found[0].drug.key
    core = " ".join(_KEY_NOISE.sub("", substance.lower()).split())
    core = _KEY_NOISE.sub("", core)
    if _SULFA.match(core):
        return "sulfonamide"
    if _CONTRAST.match(core):
        return "contrast"
    if _ADHESIVE.match(core):
        return "adhesive"
    animal = _ANIMAL.match(core)
    if animal:
        return animal["animal"].lower()
    for pattern, key in _CLASS_NAMES:
        if pattern.fullmatch(core):
            return key
    found = find_drug_names(core, 0, len(core))
    if len(found) == 1:
        return found[0].drug.key
    parts = {allergy_key(p) for p in core.split("/")} if "/" in core else set()
    # "Tegaderm/adhesives": two names of one allergen.
    return parts.pop() if len(parts) == 1 else core.rstrip("s")


# A class by its abbreviation or its name in full: "ACE-I" and "ACE inhibitors", "NSAIDs" and
# "nonsteroidal anti-inflammatory drugs".
_CLASS_NAMES = (
    (
        re.compile(
            r"ace[- ]?is?|ace[- ]inhibitors?|angiotensin[- ]converting[- ]enzyme"
            r"(?: inhibitors?)?",
            _I,
        ),
        "ace inhibitor",
    ),
    (re.compile(r"nsaids?|non-?steroidal(?: anti-?inflammator(?:y|ies))?", _I), "nsaid"),
    (re.compile(r"arbs?|angiotensin (?:ii )?receptor blockers?", _I), "arb"),
)

# "No other known drug allergies", "no further allergies", "NKDA otherwise", "otherwise NKDA".
_NONE_BESIDES = re.compile(
    r"\bno (?:other|further|additional|more)\b[ \t]++(?:known[ \t]++)?"
    r"(?:drug[ \t]++|medication[ \t]++)?allerg"
    r"|\b(?:nkda|nka|no (?:known )?(?:drug |medication )?allerg(?:y|ies))[ \t,]*+otherwise\b"
    r"|\botherwise[ \t,]*+(?:nkda|nka|no known)\b",
    _I,
)
_ADVERSE = re.compile(r"\badverse (?:drug )?reaction\b|\bside effects?\b", _I)


# Antibiotics that are sulfonamides: a reaction to Bactrim told beside a sulfa allergy is that
# allergy ("swells up with sulfa drugs - her lips swelled on Bactrim"), one entry, not two.
SULFONAMIDE_ANTIBIOTICS = frozenset({"sulfamethoxazole", "sulfadiazine", "sulfisoxazole"})


def _class_of(key: str, keys: set[str]) -> str:
    """The class allergy the note also states that this drug's allergy belongs to, if any."""
    if "sulfonamide" in keys and SULFONAMIDE_ANTIBIOTICS & set(key.split(" / ")):
        return "sulfonamide"
    return key


def extract_allergies(doc: Document) -> AllergyResult:
    """Listed and inline allergies; `spans` are where they are written, for the drug finder."""
    tables = _tables(doc)
    ruled = [t for t, _ in tables]
    unruled = _word_tables(doc)
    tables += [t for t in unruled if not any(t[0].overlaps(r.start, r.end) for r in ruled)]
    # Banners, tables with status or allergy columns, lists in a paragraph, allergies taken back.
    layout = allergy_layouts.read(doc)
    tables = layout.rows() + [t for t in tables if not layout.covers(t[0])]
    statements = [
        s
        for s in _statements(doc)
        if not any(t.overlaps(s.start, s.end) for t, _ in tables) and not layout.covers(s)
    ]
    listed = [a for s in statements for a in _items(doc, s)] + [a for _, t in tables for a in t]
    listed = [part for allergy in listed for part in _slashed(allergy)]
    read = statements + [t for t, _ in tables] + [t.region for t in layout.tables]
    inline = _inline(doc, read) + [
        a for a in layout.paragraph if not any(s.overlaps(a.start, a.end) for s in read)
    ]
    withdrawn_keys = [allergy_key(n) for n in layout.withdrawn.keys]
    told = _narratives(doc, read, inline, listed)
    # Only a story's allergy may stand beside the drug given now; a listed one never does.
    stated = {allergy_key(a.substance) for a in listed + inline}
    continued = ({allergy_key(a.substance) for a in told} - stated) & _current_drugs(
        doc, statements, listed=True
    )
    inline += told
    unique: dict[str, Allergy] = {}
    keys = {allergy_key(a.substance) for a in listed + inline}
    for allergy in sorted(listed + inline, key=lambda a: a.start):
        key = _class_of(allergy_key(allergy.substance), keys)
        if layout.taken_back(allergy, key, withdrawn_keys):
            continue  # "penicillin allergy delabelled", "penicillin allergy testing"
        # "Allergy to iodinated contrast only": the allergen, without the word that limits it.
        substance = _ONLY.sub("", allergy.substance) or allergy.substance
        allergy = allergy.model_copy(
            update={"substance": substance, "reaction": clean_reaction(allergy.reaction)}
        )
        first = unique.setdefault(key, allergy)
        if first.reaction is None and allergy.reaction:
            # "Peanut allergy" in the history, "Peanuts - anaphylaxis" under Allergies.
            unique[key] = first.model_copy(update={"reaction": allergy.reaction})
    # "NKDA. Latex - rash": no known drug allergy may stand beside a food, latex or contrast one.
    # An adverse reaction or side effect ("glipizide - documented as adverse reaction
    # (hypoglycemia)") is no drug allergy beside "no known drug allergies".
    drugs = any(_names_drug(a.substance) and not _ADVERSE.search(a.text) for a in unique.values())
    # "IV contrast - hives; no known drug allergies otherwise": the writer counts the allergy
    # listed as one of the kind it denies others of, so no "no known allergies" stands.
    besides = bool(unique) and _NONE_BESIDES.search(doc.text) is not None
    nka = _NONE_KNOWN.search(doc.text) is not None and not drugs and not besides
    # "Stop glipizide - documented as adverse reaction", "Hydrochlorothiazide: discontinue. Add
    # to allergy list": the drug is still read as stopped.
    spans = (
        statements
        + [t for t, _ in tables]
        + layout.spans()
        + [Seg(a.start, a.end) for a in inline if not _NAMES_THE_ORDER.search(a.text)]
    )
    withdrawn = frozenset(withdrawn_keys) - set(unique)
    return AllergyResult(list(unique.values()), nka, spans, withdrawn, frozenset(continued))
