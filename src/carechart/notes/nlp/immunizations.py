"""Vaccines: which one, whether it was given today, and its dose, route, site and lot."""

import re
from dataclasses import dataclass

from carechart.notes.nlp.context import Context
from carechart.notes.nlp.document import Document
from carechart.notes.nlp.dosing import parse_dosing
from carechart.notes.nlp.scanning import quick
from carechart.notes.nlp.schemas import Immunization, ImmunizationStatus, Span
from carechart.notes.nlp.text import Seg, lines, trim

_V = r"(?:\s+|-)(?:vaccin\w*|shot|immuni[sz]ation|booster)"
# Display name -> pattern. A bare disease name ("influenza") is a diagnosis, so the generic
# names need a vaccine word; brand names and acronyms stand alone.
_VACCINES: dict[str, str] = {
    "influenza vaccine": rf"(?:flu|influenza){_V}|fluzone|flublok|fluarix|afluria|flucelvax",
    "Tdap": r"tdap|boostrix|adacel",
    "Td": rf"\btd{_V}|tetanus(?:\s+toxoid|{_V})",
    "pneumococcal vaccine": rf"pneumococcal(?:\s+(?:conjugate|polysaccharide))?{_V}"
    r"|pcv\s?(?:13|15|20|21)|ppsv\s?23|prevnar(?:\s?\d+)?|pneumovax(?:\s?23)?|vaxneuvance",
    "COVID-19 vaccine": rf"covid(?:-19)?{_V}|comirnaty|spikevax|novavax",
    "zoster vaccine": rf"(?:herpes\s+)?(?:shingles|zoster){_V}|shingrix",
    "hepatitis B vaccine": rf"hep(?:atitis)?\s*b{_V}|engerix-b|heplisav(?:-b)?|recombivax",
    "hepatitis A vaccine": rf"hep(?:atitis)?\s*a{_V}|havrix|vaqta",
    "HPV vaccine": rf"hpv{_V}|gardasil(?:\s?9)?",
    "MMR vaccine": rf"mmr(?:{_V})?",
    "varicella vaccine": rf"varicella{_V}|varivax",
    "RSV vaccine": rf"rsv{_V}|arexvy|abrysvo",
    "meningococcal vaccine": rf"meningococcal{_V}|menacwy|menb|menactra|menveo|bexsero|trumenba",
}
_NAMES = list(_VACCINES)
_VACCINE = quick(
    "(?<![\\w-])(?:"
    + "|".join(f"(?P<v{i}>{p})" for i, p in enumerate(_VACCINES.values()))
    + ")(?![\\w-])",
    re.IGNORECASE,
    pairs=True,  # some forty names tried at each word start
)
_I = re.IGNORECASE
_STATUS_CUES: list[tuple[ImmunizationStatus, re.Pattern[str]]] = [
    (ImmunizationStatus.DECLINED, re.compile(r"\b(?:declined|refused|deferred)\b", _I)),
    # "Tdap given in 2019" was given then, not today.
    (
        ImmunizationStatus.HISTORICAL,
        re.compile(r"\b(?:given|received|administered)\s+(?:in\s+)?(?:19|20)\d\d\b", _I),
    ),
    (
        ImmunizationStatus.ADMINISTERED,
        re.compile(r"\badmin(?:istered)?\b|\bgiven\b|\binjected\b", _I),
    ),
    (
        ImmunizationStatus.ADMINISTERED,
        re.compile(r"\breceived (?:today|in clinic)\b|\bvaccinated today\b", _I),
    ),
    (
        ImmunizationStatus.RECOMMENDED,
        re.compile(r"\brecommend\w*|\bdue for\b|\bconsider\b|\bschedul\w*|\boffered\b", _I),
    ),
    (
        ImmunizationStatus.HISTORICAL,
        re.compile(
            r"\blast\b|\bprevious\w*|\bprior\b|\bup to date\b|\bUTD\b|\bin (?:19|20)\d\d\b", _I
        ),
    ),
]
# When mentions of one vaccine disagree, the most factual statement wins.
_RANK = {
    ImmunizationStatus.ADMINISTERED: 4,
    ImmunizationStatus.DECLINED: 3,
    ImmunizationStatus.RECOMMENDED: 2,
    ImmunizationStatus.HISTORICAL: 1,
    ImmunizationStatus.UNKNOWN: 0,
}
_SITE = re.compile(
    r"\b(?:(?:left|right|L|R|lt|rt)\.?\s+)?"
    r"(?:deltoid|upper arm|arm|thigh|vastus lateralis|gluteus|buttock)\b",
    _I,
)
# Blanks taken whole: a long run after "lot" split three ways.
_LOT = re.compile(r"\blot\s*+(?:#|no\.?|number)?\s*+[:#]?\s*+(?P<lot>[A-Z0-9][A-Z0-9-]{2,})", _I)
_GIVEN_HEADING = re.compile(r"administ|given", re.IGNORECASE)
_FIELD_LINE = quick(r"[ \t]*[A-Za-z][A-Za-z #./]{1,30}:")


@dataclass(frozen=True, slots=True)
class _Mention:
    name: str
    seg: Seg
    window: Seg
    status: ImmunizationStatus


def _status(doc: Document, seg: Seg, window: Seg) -> ImmunizationStatus:
    sentence = doc.sentence_at(seg.start)
    line_start = doc.text.rfind("\n", 0, seg.start) + 1
    places = [sentence.seg] if sentence else []
    for place in [*places, Seg(line_start, window.end)]:
        for status, pattern in _STATUS_CUES:
            if pattern.search(doc.text, place.start, place.end):
                return status
    if Context.HISTORICAL in doc.contexts(seg.start, seg.end):
        return ImmunizationStatus.HISTORICAL
    section = doc.section_at(seg.start)
    if section is not None and _GIVEN_HEADING.search(section.heading):
        return ImmunizationStatus.ADMINISTERED  # listed under "Vaccines administered:"
    return ImmunizationStatus.UNKNOWN


def _mentions(doc: Document) -> list[_Mention]:
    found = [
        (next(_NAMES[i] for i in range(len(_NAMES)) if m[f"v{i}"]), Seg(m.start(), m.end()))
        for m in doc.matches(_VACCINE)
    ]
    mentions: list[_Mention] = []
    for index, (name, seg) in enumerate(found):
        if Context.NEGATED in doc.contexts(seg.start, seg.end):
            continue
        later = [s.start for n, s in found[index + 1 :] if n != name]
        window = _window(doc, seg, later[0] if later else len(doc.text))
        mentions.append(_Mention(name, seg, window, _status(doc, seg, window)))
    return mentions


def _window(doc: Document, seg: Seg, limit: int) -> Seg:
    """The rest of the sentence, and the "Route: IM" / "Lot #: X1" lines that follow a line."""
    section = doc.section_at(seg.start)
    end = min(limit, section.content.end if section else len(doc.text))
    sentence = doc.sentence_at(seg.start)
    line_end = doc.text.find("\n", seg.start)
    if sentence and sentence.seg.end < (len(doc.text) if line_end < 0 else line_end):
        return Seg(seg.end, min(end, sentence.seg.end))
    window_end = seg.end
    for line in lines(doc.text, seg.end, end):
        if line.start > seg.end and not _FIELD_LINE.match(doc.text, line.start, line.end):
            break
        window_end = line.end
    return Seg(seg.end, window_end)


def _merged(doc: Document, group: list[_Mention]) -> Immunization:
    primary = max(group, key=lambda m: (_RANK[m.status], -m.seg.start))
    window = doc.slice(primary.window)
    dosing = parse_dosing(window)
    site = _SITE.search(window)
    lot = _LOT.search(window)
    evidence = trim(doc.text, primary.seg.start, primary.window.end, " \t\r\n,;.")
    return Immunization(
        name=primary.name,
        dose=dosing.dose,
        route=dosing.route,
        site=site.group() if site else None,
        lot=lot["lot"] if lot else None,
        status=primary.status,
        text=doc.slice(evidence),
        start=evidence.start,
        end=evidence.end,
        mentions=[Span(start=m.seg.start, end=m.seg.end) for m in group],
    )


def vaccine_spans(doc: Document) -> list[Seg]:
    """Where the note names a vaccine: an immunization, never a medication."""
    return [Seg(m.start(), m.end()) for m in doc.matches(_VACCINE)]


def extract_immunizations(doc: Document) -> list[Immunization]:
    """One entry per vaccine mentioned; vaccines the patient is said not to have are left out."""
    groups: dict[str, list[_Mention]] = {}
    for mention in _mentions(doc):
        groups.setdefault(mention.name, []).append(mention)
    merged = [_merged(doc, group) for group in groups.values()]
    return sorted(merged, key=lambda i: i.mentions[0].start)
