"""Allergies and intolerances with their reactions, and "no known allergies" (NKDA).

An allergy statement is read where the note makes one: the opening of an allergy section (an
unrecognised heading after it does not make what follows allergies), an "Allergies:" label in
the middle of a line or an export, and "allergic to X" / "X allergy" anywhere.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import pairwise

from carechart.notes.nlp.context import Context
from carechart.notes.nlp.document import Document
from carechart.notes.nlp.schemas import Allergy, SectionName
from carechart.notes.nlp.sections import is_heading_name
from carechart.notes.nlp.text import Seg, split_items, trim
from carechart.notes.nlp.vocabulary import find_drug_names

_I = re.IGNORECASE
_NONE_KNOWN = re.compile(
    r"\bNKDA\b|\bNKA\b|\bno known (?:drug |medication |medicine |food |environmental )?"
    r"(?:allergies|allergy)\b|\bno (?:drug |medication )?allergies\b"
    r"|\ballerg(?:y|ies)\s*(?:\([^)]*\))?\s*:\s*(?:none|nil|denied|denies|no known|nkda|nka)\b"
    r"|\bnot allergic to any\b|\bdenies (?:any )?(?:drug |medication )?allergies\b",
    _I,
)
# "Allergies:", "ALLERGIES AND INTOLERANCES:", "Drug allergies (reaction):", "Intolerances:".
_LABEL_WORDS = (
    r"(?:(?:drug|medication|medicine|food|known)\s+)?(?:allerg(?:y|ies)|intolerances|adverse "
    r"(?:drug )?reactions|ADRs?)(?:\s*(?:and|&|/)\s*(?:intolerances|reactions|allerg(?:y|ies)))?"
    r"(?:\s+to\s+medications)?(?:\s*\([^)\n]{0,30}\)|\s+as of [\d/.-]+)?"
)
# With its colon anywhere, or as a heading on a line of its own.
_LABEL = re.compile(rf"{_LABEL_WORDS}[ \t]*:|^[ \t]*{_LABEL_WORDS}[ \t]*$", _I | re.M)
# Where an allergy statement ends: a blank line, a line or export item that opens another
# heading, or two sentences run together by an export (".,").
_STATEMENT_END = re.compile(
    r"\n[ \t]*\r?\n|\n[ \t]*(?:[-*\u2022]\s*)?[A-Z][A-Za-z /&()-]{0,40}:(?!\s*$)"
    r"|\n[ \t]*[A-Z][A-Z /&()-]{2,40}$|\.,|,[ \t]*[A-Z][A-Z /&()-]{2,40}:"
    # A bracketed heading opening a line: "[SOCIAL] Retired ...".
    r"|\n[ \t]*\[[A-Za-z][^\]\n]{0,40}\]"
    # A line of measurements: "Temp 36.7 C. Wt 10.9 kg", "BP 128/76".
    r"|\n[ \t]*(?i:temp\w*|t|wt|weight|ht|height|bp|hr|pulse|rr|spo2|o2 sat|sat|vitals?)\b"
    r"[^\n\d]{0,12}\d",
    re.M,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"(])")
# A sentence that is about something else: a dose, an act, a vital sign, a visit.
_NOT_ALLERGY = re.compile(
    r"\d+(?:\.\d+)?\s*(?:mg|mcg|units?|ml|meq)\b|premedicat|administered|given|taking|takes"
    r"|continue|held\b|\bhold\b|medications?\s*(?:\([^)]*\))?\s*:|\b(?:BP|HR|RR|SpO2)\b|consent"
    r"|\bNPO\b|procedure|history of present|presents?\b|presented",
    _I,
)
_ITEM_SEPARATOR = re.compile(
    r",(?!\s*(?:which|that|causing|caused|with|resulting|leading)\b)|;|\n"
    r"|(?<=[A-Za-z)])\.\s+"
)
_AND = re.compile(r"\s+\band\b\s+(?=[A-Za-z])", _I)
_ALLERGY_WORD = re.compile(r"\s+(?:allergy|allergies|sensitivity|intolerance)$", _I)
_NOTHING = re.compile(
    r"^(?:none\b.*|nil|n/a|denied|denies|nkda|nka|no\b.*|not allergic\b.*|otherwise\b.*)$"
    r"|^(?:allerg(?:y|ies)|intoleran(?:ce|ces|t)|sensitivit(?:y|ies)|adverse (?:drug )?reactions?"
    r"|reactions?|drugs?|medications?|medicines?|foods?|environmental|other)$"
    r"|\bno known\b|\ballergies\b|\bwithout (?:any )?reaction\b|\btolerated\b",
    _I,
)
# Kinds written before the substances: "Environmental (cats)", "Food: peanuts".
_KIND = re.compile(r"^(?:environmental|food|foods|drug|drugs|medication|medications|other)$", _I)
# A reaction named on its own after the list's comma: "sulfa - rash, hives".
_REACTION_WORD = re.compile(
    r"^(?:rash|hives|urticaria|itch\w*|pruritus|anaphyla\w*|angioedema|swelling|nausea|vomiting"
    r"|diarrh\w*|gi upset|myalgias?|cough|wheez\w*|blisters|dizziness|headache|flushing|sob"
    r"|shortness of breath|throat swelling|hypotension|edema)\b",
    _I,
)
# Nouns that are allergens without being drugs: "latex allergy", "peanut allergy".
_ALLERGEN_NOUN = re.compile(
    r"^(?:latex|peanuts?|tree nuts?|nuts?|shellfish|eggs?|milk|dairy|soy|wheat|gluten|fish"
    r"|sulfa|iodine|contrast|bee stings?|bees?|wasps?|adhesive|tape|cats?|dogs?|dust|pollen"
    r"|mold|seafood|strawberr\w+)$",
    _I,
)
# Words that say a drug was taken without harm: not an allergy ("tolerated cephalexin 2019").
_TOLERATED = re.compile(
    r"^(?:tolerated|tolerates|has tolerated|no reaction|without reaction|do not|reviewed|see|per"
    r"|seasonal|environmental allergies|reported\b)",
    _I,
)
# "penicillin (hives)", "sulfa - rash", "codeine: nausea", "latex causes itching",
# "X which causes a rash", "X with hives", "X -> anaphylaxis".
_REACTION = re.compile(
    r"\s*(?:\((?P<paren>[^)]*)\)|(?:\s[-\u2013]+\s?|[-\u2013]{1,2}\s|:|\u2192|->|=|\bwhich causes\b"
    r"|\bthat causes\b|\bcaus(?:es|ed|ing)\b|\bgives? (?:him|her|them|me)\b|\bwith\b|\breaction:?"
    r"|(?<=\S)(?:[ \t]{3,}|[ \t]*\t[ \t]*|[ \t]*\|[ \t]*)(?=\S))\s*(?P<after>.+))",
    _I,
)
_INLINE = re.compile(
    r"\b(?:allergic|allergy|allergies|hypersensitivity|intolerant|intolerance)\s+(?:to|of)\s+"
    r"(?P<what>[A-Za-z][\w -]{1,40}?)\s*(?:\((?P<reaction>[^)]{1,40})\))?"
    r"(?=[.,;:\n)]|$|\s(?:and|with|which|that|but|as|in|since|causing)\b)"
    r"|\b(?P<before>(?!no\b|seasonal\b|food\b|drug\b|environmental\b|medication\b|known\b)"
    r"[A-Za-z][\w-]{2,30}(?: [A-Za-z][\w-]{2,30})?)\s+(?:allergy|sensitivity|intolerance)\b"
    r"\s*(?:\((?P<reaction2>[^)]{1,60})\))?",
    _I,
)
_ARTICLE = re.compile(
    r"^(?:(?:an?|the|severe|mild|some|remote|reported|known|listed|h/o)\s+|[*-]+\s*)(?=\w)", _I
)
_MAX_STATEMENT = 400


@dataclass(frozen=True, slots=True)
class AllergyResult:
    allergies: list[Allergy]
    no_known_allergies: bool
    spans: list[Seg]  # where allergy statements are written, for the drug finder


def _statement(doc: Document, start: int, limit: int) -> Seg:
    """The allergy statement that starts at `start`: its leading sentences about allergies."""
    end = min(limit, start + _MAX_STATEMENT)
    stop = _STATEMENT_END.search(doc.text, start, end)
    end = stop.start() if stop else end
    if _BULLETED.match(doc.text, doc.text.rfind("\n", 0, start) + 1, start):
        # "- Allergies: contrast - hives" in a bulleted list: the next bullet is another topic.
        bullet = _NEXT_BULLET.search(doc.text, start, end)
        end = bullet.start() if bullet else end
    kept = start
    for sentence in _sentences(doc.text, start, end):
        # An aside in parentheses ("hives (premedicated for CT)") does not end the statement.
        words = _PARENTHESES.sub("", doc.text[sentence.start : sentence.end])
        if _NOT_ALLERGY.search(words):
            break
        kept = sentence.end
    return trim(doc.text, start, kept, " \t\r\n,.;:")


_PARENTHESES = re.compile(r"\([^()]*\)")
_BULLETED = re.compile(r"[ \t]*(?:[-*\u2022]|\d{1,2}[.)])[ \t]")
_NEXT_BULLET = re.compile(r"\n[ \t]*(?:[-*\u2022]|\d{1,2}[.)])[ \t]")
# "Latex - none", "sulfa: no reaction": a substance written down as no allergy.
_NO_REACTION = re.compile(r"^(?:none|no(?:ne)? (?:reaction|allergy)|negative|denies|n/a)\b", _I)


def _sentences(text: str, start: int, end: int) -> list[Seg]:
    cuts = [start] + [m.end() for m in _SENTENCE.finditer(text, start, end)] + [end]
    return [Seg(a, b) for a, b in pairwise(cuts) if b > a]


def _allergy(doc: Document, item: Seg) -> Allergy | None:
    text = doc.slice(item)
    if _NOTHING.search(text) or _TOLERATED.match(text):
        return None
    match = _REACTION.search(doc.text, item.start, item.end)
    substance = trim(doc.text, item.start, match.start() if match else item.end, " \t.,;:-")
    reaction = None
    if match:
        reaction = (match["paren"] or match["after"] or "").strip(" .") or None
    if match and match["paren"] and _names_drug(match["paren"]):
        # "Sumatriptan (Imitrex) - chest tightness": the brand in parentheses is no reaction.
        later = _REACTION.search(doc.text, match.end(), item.end)
        reaction = (later["paren"] or later["after"] or "").strip(" .") or None if later else None
    name = _ALLERGY_WORD.sub("", _ARTICLE.sub("", doc.slice(substance)))
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
    if match and match.group().lstrip().startswith(":") and _is_heading(name):
        return None  # "NKDA. Goal: return to work": another label after the statement
    if not name or len(name.split()) > 5 or not re.search(r"[A-Za-z]{2}", name):
        return None
    return Allergy(substance=name, reaction=reaction, text=text, start=item.start, end=item.end)


def _items(doc: Document, statement: Seg) -> list[Allergy]:
    found: list[Allergy] = []
    for item in _pieces(doc, statement):
        item = trim(doc.text, item.start, item.end, " \t.\"'*-")
        if found and _continues_reaction(doc.slice(item), found[-1]):
            last = found[-1]  # "sulfa - rash, hives": one more reaction of the same allergy
            reaction = f"{last.reaction}, {doc.slice(item)}" if last.reaction else doc.slice(item)
            found[-1] = last.model_copy(update={"reaction": reaction})
            continue
        allergy = _allergy(doc, item)
        if allergy is not None:
            found.append(allergy)
    return _shared_reactions(doc.text, found)


def _continues_reaction(text: str, last: Allergy) -> bool:
    """ "sulfa - rash, hives", "cipro - shaky, then C. diff": a reaction word, or words in lower
    case naming no allergen after a reaction, say more of the same allergy's reaction."""
    if _REACTION_WORD.match(text):
        return True
    if not text or not text[0].islower() or last.reaction is None or _REACTION.search(text):
        return False  # "..., sulfa - rash": an allergen with its own reaction
    if _TOLERATED.match(text) or _TOLERANCE.search(text):
        return False  # "egg - hives; tolerates baked egg": what is tolerated is no reaction
    return not (_names_allergen(text) or _names_drug(text))


_TOLERANCE = re.compile(r"\btolerat\w*|\bwithout (?:any )?(?:reaction|problems?)\b", _I)


def _pieces(doc: Document, statement: Seg) -> list[Seg]:
    """The items of a statement; "and" joins two substances only before any reaction is said
    ("penicillin and sulfa", but "codeine - nausea and vomiting")."""
    pieces: list[Seg] = []
    for item in split_items(doc.text, statement.start, statement.end, _ITEM_SEPARATOR):
        if _REACTION.search(doc.text, item.start, item.end):
            pieces.append(item)
            continue
        pieces.extend(split_items(doc.text, item.start, item.end, _AND))
    return pieces


# What joins allergens that share one reaction: "atorvastatin and simvastatin - myalgias".
_SHARED_JOIN = re.compile(r"[\s,/&]*(?:\b(?:and|or)\b)?[\s,/&]*")


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


def _statements(doc: Document) -> list[Seg]:
    """Every allergy statement: after an "Allergies" label, or opening an allergy section."""
    found: list[Seg] = []
    starts = [s.span.start for s in doc.sections]
    for match in _LABEL.finditer(doc.text):
        found.append(_statement(doc, match.end(), _next_heading(doc, starts, match.end())))
    for section in doc.sections:
        if section.name is SectionName.ALLERGIES:
            statement = _statement(doc, section.content.start, section.content.end)
            if not any(s.overlaps(statement.start, statement.end) for s in found):
                found.append(statement)
    return sorted((s for s in found if s.end > s.start), key=lambda s: s.start)


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
        if Context.NEGATED in doc.contexts(start, end):
            continue
        what = _ARTICLE.sub("", match[group].strip())
        if _NOTHING.match(what):
            continue  # "allergies to medications: ...": a label, its statement read apart
        if group == "before" and not _names_allergen(what):
            continue  # "delabeling via allergy clinic"
        reaction = match["reaction"] or match["reaction2"]
        found.append(
            Allergy(
                substance=what,
                reaction=reaction,
                text=match.group(),
                start=match.start(),
                end=match.end(),
            )
        )
    return found


def _is_heading(name: str) -> bool:
    return is_heading_name(name) or is_heading_name(f"{name}s")


def _names_allergen(text: str) -> bool:
    return bool(_ALLERGEN_NOUN.match(text)) or bool(find_drug_names(text, 0, len(text)))


# Drug classes written as allergens: "sulfa", "NSAIDs", "ACE inhibitors", "opioids".
_DRUG_CLASS = re.compile(
    r"\b(?:sulfa|sulfonamides?|antibiotics?|nsaids?|opioids?|opiates?|narcotics?|statins?"
    r"|ace inhibitors?|penicillins?|cephalosporins?|(?:fluoro)?quinolones?|macrolides?"
    r"|tetracyclines?|anticonvulsants?|local anesthetics?|drugs?|medications?)\b",
    _I,
)


def _names_drug(text: str) -> bool:
    return bool(_DRUG_CLASS.search(text)) or bool(find_drug_names(text, 0, len(text)))


# Words around an allergen that do not change which it is: "allergic to X", "X drugs".
_KEY_NOISE = re.compile(
    r"^(?:(?:also|says|reported|possible|allergic|allergy|allergies|intolerant|to|of)\s+)+"
    r"|\s+(?:drugs?|antibiotics?|medications?|class|family|allergy|allergies)$|[\"'\u201c\u201d]",
    _I,
)
_SULFA = re.compile(r"^(?:sulfa|sulfonamides?|sulpha)$", _I)


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
    found = find_drug_names(core, 0, len(core))
    return found[0].drug.key if len(found) == 1 else core.rstrip("s")


def extract_allergies(doc: Document) -> AllergyResult:
    """Listed and inline allergies; `spans` are where they are written, for the drug finder."""
    statements = _statements(doc)
    listed = [a for s in statements for a in _items(doc, s)]
    inline = _inline(doc, statements)
    unique: dict[str, Allergy] = {}
    for allergy in sorted(listed + inline, key=lambda a: a.start):
        unique.setdefault(allergy_key(allergy.substance), allergy)
    # "NKDA. Latex - rash": no known drug allergy may stand beside a food, latex or contrast one.
    drugs = any(_names_drug(a.substance) for a in unique.values())
    nka = _NONE_KNOWN.search(doc.text) is not None and not drugs
    spans = statements + [Seg(a.start, a.end) for a in inline]
    return AllergyResult(list(unique.values()), nka, spans)
