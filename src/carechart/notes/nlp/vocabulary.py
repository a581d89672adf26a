"""The drug vocabulary: every name a note may give a drug, resolved to its ingredient and code.

The names come from the dictionary that `drug-named-entity-recognition` ships (DrugBank, MeSH
and MedlinePlus names, brands and synonyms, MIT licensed), read from its data file without
importing that package, filtered and corrected by the curated lists of `lexicon`. It is built
once per process (`load_vocabulary`), never downloaded.
"""

import bz2
import importlib.util
import pickle
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from carechart.notes.nlp import lexicon
from carechart.notes.nlp.scanning import quick
from carechart.notes.nlp.schemas import Code

_PACKAGE = "drug_named_entity_recognition"
_DATA_FILE = "drug_ner_dictionary.pkl.bz2"
# FHIR names a UMLS source without a registered URI http://www.nlm.nih.gov/research/umls/<sab>.
DRUGBANK = "http://www.nlm.nih.gov/research/umls/drugbank"
MEDLINEPLUS = "http://www.nlm.nih.gov/research/umls/medlineplus"
_WORD = re.compile(r"[a-z0-9]+")
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")
_COMBINATION = quick(r"\s*(?:,\s*and\s+|,\s*|\s+and\s+|\s*/\s*|\s+with\s+)\s*")
_SALT = quick(rf"\s+(?:{'|'.join(lexicon.SALT_WORDS)})$")
_MAX_WORDS = 6
# A biologic's FDA name adds a four-letter suffix of no meaning to its ingredient
# ("erenumab-aooe", "adalimumab-atto", "insulin glargine-yfgn"): the ingredient is the same drug.
# The stems are the USAN ones of the products that carry such suffixes (antibodies, fusion
# proteins, enzymes, growth factors, insulins); a Greek letter or a word is not a suffix.
_BIOLOGIC = re.compile(
    r"(?:mab|cept|ase|grastim|poetin|ermin|kinra|fusp|toxin[a-z]?|^insulin .+)(?: alfa| beta)?$"
)
_NOT_SUFFIX = frozenset({"alfa", "beta", "zeta", "iota", "acid", "iron", "zinc", "cell"})
_FDA_SUFFIX = re.compile(r"(?P<base>.*[a-z]{3})-(?P<suffix>[a-z]{4})")


@dataclass(frozen=True, slots=True)
class Drug:
    """What a name resolves to: the ingredients, in the order the product names them."""

    ingredient: str  # "hydrocodone / acetaminophen"
    code: Code | None

    @property
    def key(self) -> str:
        """The same for every name of the product, whatever the order of its ingredients."""
        return ingredient_key(self.ingredient)


def ingredient_key(ingredient: str) -> str:
    return " / ".join(sorted(part.strip() for part in ingredient.split("/")))


def name_key(name: str) -> str:
    """A name as looked up: lower case words of letters and digits, single-spaced."""
    return " ".join(_WORD.findall(name.lower()))


@dataclass(frozen=True, slots=True)
class Vocabulary:
    names: dict[str, Drug]  # name_key(name) -> drug
    longest: dict[str, int]  # first word -> the most words of a name that starts with it
    products: dict[str, Drug]  # ingredient_key -> a combination product


def without_fda_suffix(name: str) -> str:
    """ "erenumab-aooe" -> "erenumab"; "epoetin-alfa" and "ibuprofen-zinc" stay themselves."""
    match = _FDA_SUFFIX.fullmatch(name)
    if match is None or match["suffix"] in _NOT_SUFFIX or not _BIOLOGIC.search(match["base"]):
        return name
    return match["base"]


def _without_salt(name: str, known: set[str]) -> str:
    """ "metoprolol succinate" -> "metoprolol", but "magnesium sulfate" stays itself."""
    while (bare := _SALT.sub("", name)) != name and bare in known:
        if bare in lexicon.MINERALS:
            break
        name = bare
    return name


def _without_route(name: str, known: set[str]) -> str:
    """ "nicotine gum", "glucagon nasal powder" -> the ingredient, when that is a concept of its
    own; "guar gum" and "xanthan gum" stay themselves."""
    words = name.split()
    bare = len(words)
    while bare > 1 and words[bare - 1] in lexicon.ROUTE_WORDS:
        bare -= 1
    stripped = " ".join(words[:bare])
    return stripped if bare < len(words) and stripped in known else name


def _ingredient(canonical: str, known: set[str]) -> str:
    name = _PARENTHESIS.sub("", canonical.lower()).strip()
    name = lexicon.INGREDIENT_FIXES.get(name, name)
    parts = [p.strip() for p in _COMBINATION.split(name) if p.strip()]
    parts = [lexicon.INGREDIENT_FIXES.get(p, p) for p in map(without_fda_suffix, parts)]
    # "buprenorphine sublingual / buccal": a route of its own is no ingredient.
    parts = [
        _without_route(p, known) for p in parts if not set(p.split()) <= lexicon.ROUTE_WORDS
    ] or parts
    return " / ".join(dict.fromkeys(_without_salt(p, known) for p in parts))


def _code(data: dict[str, Any]) -> Code | None:
    display = str(data.get("name", ""))
    if data.get("drugbank_id"):
        return Code(system=DRUGBANK, code=str(data["drugbank_id"]), display=display)
    if data.get("medline_plus_id"):
        return Code(system=MEDLINEPLUS, code=str(data["medline_plus_id"]), display=display)
    return None  # MeSH ids in this dictionary are often the drug's class, not the drug


def _is_drug(canonical: str, data: dict[str, Any]) -> bool:
    if canonical in lexicon.NOT_DRUG_CONCEPTS or lexicon.NOT_DRUG_CONCEPT.search(canonical):
        return False
    coded = bool(data.get("drugbank_id") or data.get("medline_plus_id"))
    return coded or canonical in lexicon.KEPT_UNCODED


_LETTERS_AND_NUMBER = re.compile(r"[a-z]{1,3} \d+")  # "at 10", "pt 9": words, not drugs


def _usable_name(key: str) -> bool:
    if not key or key in lexicon.NOT_DRUG_NAMES or len(key.split()) > _MAX_WORDS:
        return False
    if _LETTERS_AND_NUMBER.fullmatch(key):
        return False
    # Short codes ("acth", "t 20") are lab tests and jargon far more often than drugs.
    return len(key) > 3 and not key.split()[0].isdigit()


class _SafeUnpickler(pickle.Unpickler):
    """The dictionary holds plain dicts, lists and strings: any class in it is refused."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"unexpected object {module}.{name} in the drug dictionary")


def _dictionary() -> dict[str, Any]:
    spec = importlib.util.find_spec(_PACKAGE)  # finds the data without running the package
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"{_PACKAGE} is not installed: it ships the drug dictionary")
    path = Path(next(iter(spec.submodule_search_locations))) / _DATA_FILE
    with bz2.open(path, "rb") as file:
        data: dict[str, Any] = _SafeUnpickler(file).load()
    return data


def _dictionary_entries(data: dict[str, Any]) -> Iterator[tuple[str, Drug]]:
    concepts: dict[str, dict[str, Any]] = data["drug_canonical_to_data"]
    variants: dict[str, list[str]] = data["drug_variant_to_canonical"]
    known = {c.lower() for c in concepts}
    drugs = {
        canonical: Drug(_ingredient(canonical, known), _code(info))
        for canonical, info in concepts.items()
        if _is_drug(canonical, info)
    }
    coded = {drug.ingredient: drug for drug in drugs.values() if drug.code is not None}
    for canonical, info in concepts.items():
        if canonical not in drugs and _is_drug(canonical, info | {"drugbank_id": "?"}):
            # A salt or a combination of coded drugs is a drug too: "lisinopril/hctz".
            ingredient = _ingredient(canonical, known)
            parts = ingredient.split(" / ")
            if all(part in coded for part in parts):
                single = coded[parts[0]].code if len(parts) == 1 else None
                drugs[canonical] = Drug(ingredient, single)
    # The dictionary leaves some ingredients out of their own names (estradiol, thiamine).
    yield from drugs.items()
    for variant, canonicals in variants.items():
        drug = drugs.get(canonicals[0])
        if drug is not None:
            yield variant, drug


def _curated_entries(by_key: dict[str, Drug]) -> Iterator[tuple[str, Drug]]:
    for name, ingredient in lexicon.EXTRA_NAMES.items():
        known = by_key.get(ingredient_key(ingredient))
        yield name, Drug(ingredient, known.code if known else None)


# What a phrase of `lexicon.NOT_DRUG_PHRASES` resolves to: read, then dropped.
_NOT_A_DRUG = Drug("", None)
_VITAMIN = "vitamin "
_VIT = "vit "


def _build(entries: Iterable[tuple[str, Drug]], curated: dict[str, Drug]) -> Vocabulary:
    names: dict[str, Drug] = {}
    for name, drug in entries:
        key = name_key(name)
        if _usable_name(key):
            names.setdefault(key, drug)
    for name, drug in curated.items():
        names[name_key(name)] = drug  # the curated list corrects the dictionary
    for phrase in lexicon.NOT_DRUG_PHRASES:
        names[name_key(phrase)] = _NOT_A_DRUG
    # "Vit D3", "vit B12": notes shorten "vitamin" whatever the vitamin.
    for key, drug in list(names.items()):
        if key.startswith(_VITAMIN):
            names.setdefault(_VIT + key.removeprefix(_VITAMIN), drug)
    longest: dict[str, int] = {}
    for key in names:
        words = key.split()
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    products = {d.key: d for d in names.values() if " / " in d.ingredient}
    return Vocabulary(names, longest, products)


@cache
def load_vocabulary() -> Vocabulary:
    """The vocabulary, built on first use and kept for the life of the process (about 1 s)."""
    entries = list(_dictionary_entries(_dictionary()))
    by_key: dict[str, Drug] = {}
    for _, drug in entries:
        by_key.setdefault(drug.key, drug)
    curated = dict(_curated_entries(by_key))
    return _build(entries, curated)


@dataclass(frozen=True, slots=True)
class DrugName:
    """A drug named in the text: `text[start:end]` is the name as written, with its salt and
    release form ("metoprolol succinate ER")."""

    start: int
    end: int
    drug: Drug


_TOKEN = re.compile(r"[A-Za-z0-9]+")
# What may stand between the words of one name: "Solu-Medrol", "Tylenol #3", "insulin, NPH",
# "calcium + D3", "Rho(D) immune globulin".
_INNER_GAP = quick(r"[ \t]{1,2}|[ \t]?[-/#,'&.+()][ \t]?")
_COMBINATION_GAP = re.compile(r"[ \t]?[-/][ \t]?")
_HYPHEN = "-"
_TAIL_WORDS = frozenset(lexicon.SALT_WORDS) | lexicon.FORM_WORDS


@dataclass(slots=True)
class _Tokens:
    text: str
    spans: list[tuple[int, int]]
    words: list[str]

    def gap(self, index: int) -> str:
        """The characters between token `index` and the next one."""
        return self.text[self.spans[index][1] : self.spans[index + 1][0]]


# "Vitamin K 2.5 mg", "Vit K 1 mg PO": a vitamin's letter then the first figure of its strength.
_STRENGTH_AFTER = re.compile(r"[.,]\d|[ \t]*(?:%|(?:mg|mcg|g|ml|units?|iu|meq)\b)", re.I)


def _strength_taken(tokens: _Tokens, last: int) -> bool:
    """Whether a name ending in "<letter> <number>" (vitamin K 1, B 6) took a strength's figure
    for its number: "vitamin K 2.5 mg" is vitamin K, not vitamin K2."""
    if last < 1 or not tokens.words[last].isdigit() or len(tokens.words[last - 1]) != 1:
        return False
    return _STRENGTH_AFTER.match(tokens.text, tokens.spans[last][1]) is not None


def _match_at(vocab: Vocabulary, tokens: _Tokens, index: int) -> tuple[int, Drug] | None:
    """The longest name starting at token `index`: how many tokens it spans, and its drug."""
    word = tokens.words[index]
    longest = vocab.longest.get(word)
    if longest is None:
        # Most words open no name (every name's first word is in `longest`): only a plural.
        if len(word) > 5 and word.endswith("s") and word[:-1] in vocab.names:
            return 1, vocab.names[word[:-1]]
        return None
    most = min(longest, len(tokens.words) - index)
    joined = 1
    while joined < most and _INNER_GAP.fullmatch(tokens.gap(index + joined - 1)):
        joined += 1
    for size in range(joined, 0, -1):
        drug = vocab.names.get(" ".join(tokens.words[index : index + size]))
        if drug is not None and not _strength_taken(tokens, index + size - 1):
            return size, drug
    if len(word) > 5 and word.endswith("s") and word[:-1] in vocab.names:
        return 1, vocab.names[word[:-1]]  # "DuoNebs", "Percocets"
    return None


def _tail(tokens: _Tokens, last: int, drug: Drug) -> int:
    """The index of the last token of the name once its salt and form words are taken in."""
    if _suffixed(tokens, last, drug):
        last += 1  # "adalimumab-xxxx" of a biosimilar newer than the dictionary
    while (
        last + 1 < len(tokens.words)
        and tokens.words[last + 1] in _TAIL_WORDS
        and tokens.gap(last) in (" ", "-")
    ):
        last += 1
    return last


def _suffixed(tokens: _Tokens, last: int, drug: Drug) -> bool:
    if last + 1 >= len(tokens.words) or tokens.gap(last) != _HYPHEN:
        return False
    word = tokens.words[last + 1]
    named = f"{drug.ingredient}-{word}"
    return len(word) == 4 and word.isalpha() and without_fda_suffix(named) != named


def _combined(vocab: Vocabulary, first: Drug, second: Drug, gap: str) -> Drug | None:
    """ "Lisinopril/HCTZ", "norgestimate-ethinyl estradiol": one product when the vocabulary
    knows the combination or a hyphen writes it as one; "ASA/Plavix" stays two drugs."""
    ingredient = " / ".join(dict.fromkeys([first.ingredient, second.ingredient]))
    known = vocab.products.get(ingredient_key(ingredient))
    if known is not None or gap != _HYPHEN:
        return known
    return Drug(ingredient, None)


def _combinations(vocab: Vocabulary, text: str, names: list[DrugName]) -> list[DrugName]:
    """Two names joined by a slash or hyphen are one product; a run of three or more is one
    when the vocabulary knows the product, else a list ("lisinopril/HCTZ/spironolactone held")."""
    runs: list[list[DrugName]] = []
    for name in names:
        if runs and _COMBINATION_GAP.fullmatch(text, runs[-1][-1].end, name.start):
            runs[-1].append(name)
        else:
            runs.append([name])
    found: list[DrugName] = []
    for run in runs:
        ingredient = " / ".join(dict.fromkeys(n.drug.ingredient for n in run))
        known = vocab.products.get(ingredient_key(ingredient)) if len(run) > 2 else None
        if known is not None:  # "fluticasone furoate/umeclidinium/vilanterol" is Trelegy
            found.append(DrugName(run[0].start, run[-1].end, known))
            continue
        if len(run) == 2:
            first, second = run
            # A spaced dash is prose's ("clindamycin - cephalexin given"): only the
            # vocabulary's own products are joined across it.
            gap = text[first.end : second.start].replace(" ", "").replace("\t", "")
            if gap != text[first.end : second.start]:
                gap = f" {gap} "
            combined = _combined(vocab, first.drug, second.drug, gap)
            if combined is not None:
                found.append(DrugName(first.start, second.end, combined))
                continue
        found.extend(run)
    return found


# "Bupivacaine 0.25% with epinephrine": a strength may stand inside a product's name.
_WITH_GAP = re.compile(r"[ \t]*(?:\d+(?:\.\d+)?[ \t]*%[ \t]*)?(?:with|w/)[ \t]*", re.I)


def _joined_products(
    vocab: Vocabulary, names: list[DrugName], joined: Callable[[DrugName, DrugName], bool]
) -> list[DrugName]:
    """Each name `joined` to the one before it makes one product with it, when the vocabulary
    knows that product."""
    found: list[DrugName] = []
    for name in names:
        if found and joined(found[-1], name):
            ingredient = f"{found[-1].drug.ingredient} / {name.drug.ingredient}"
            product = vocab.products.get(ingredient_key(ingredient))
            if product is not None:
                found[-1] = DrugName(found[-1].start, name.end, product)
                continue
        found.append(name)
    return found


def _with_products(vocab: Vocabulary, text: str, names: list[DrugName]) -> list[DrugName]:
    """Two names joined by "with" are one product when the vocabulary knows it."""
    return _joined_products(
        vocab, names, lambda a, b: _WITH_GAP.fullmatch(text, a.end, b.start) is not None
    )


# "Calcium carbonate 600 mg + vitamin D3 400 IU", "sacubitril 24 mg/valsartan 26 mg": each
# ingredient of one product written with its own strength.
_DOSED_GAP = re.compile(
    r"[ \t]*\d+(?:[.,]\d+)?[ \t]*(?:mg|mcg|g|units?|IU|%)[ \t]*(?P<joint>\+|/|&|with|w/)[ \t]*",
    re.I,
)


def _dosed_product(written: str, joint: str) -> bool:
    """A slash or "with" writes one product; a plus joins two orders ("albuterol 2.5 mg +
    ipratropium 0.5 mg neb") except after a mineral's salt, a supplement's label ("calcium
    carbonate 500 mg + vitamin D3 400 IU")."""
    if joint not in ("+", "&"):
        return True
    words = name_key(written).split()
    return len(words) == 2 and words[0] in lexicon.MINERALS


def _dosed_products(vocab: Vocabulary, text: str, names: list[DrugName]) -> list[DrugName]:
    """Two names whose strengths stand between them are one product when the vocabulary knows
    it; "aspirin 81 mg / clopidogrel 75 mg" stays two drugs."""

    def joined(before: DrugName, name: DrugName) -> bool:
        gap = _DOSED_GAP.fullmatch(text, before.end, name.start)
        return gap is not None and _dosed_product(
            text[before.start : before.end], gap["joint"].lower()
        )

    return _joined_products(vocab, names, joined)


def _lower_case_abbreviation(text: str, span: tuple[int, int], word: str) -> bool:
    """ "mtx" of "DAL/mtx" is a typist's initials; "MTX 15 mg weekly" the drug."""
    return word in lexicon.CAPITALS_ONLY and text[span[0] : span[1]].islower()


def _possessive(text: str, span: tuple[int, int], word: str) -> bool:
    """The "s" of "tonight's warfarin dose" opens no name (the vocabulary knows S-warfarin)."""
    return word == "s" and span[0] > 0 and text[span[0] - 1] in "'\u2019"


def _openings(vocab: Vocabulary, words: list[str]) -> list[int]:
    """The tokens that may open a name (see `_match_at`): a name's first word or a plural of a
    name. Most words of a note are neither, and are passed over without a call each."""
    longest, names = vocab.longest, vocab.names
    return [
        index
        for index, word in enumerate(words)
        if word in longest or (len(word) > 5 and word[-1] == "s" and word[:-1] in names)
    ]


def find_drug_names(text: str, start: int, end: int) -> list[DrugName]:
    """Every drug named in `text[start:end]`, longest name first, in one pass over the words."""
    vocab = load_vocabulary()
    start = max(start, 0)  # as the engine reads a negative position
    spans = [m.span() for m in _TOKEN.finditer(text, start, end)]
    part = text[start:end]
    lowered = part.lower()  # one string, not one per word
    if len(lowered) != len(part):  # a letter that lowers to two ("İ") shifts the offsets
        lowered = "".join(ch.lower()[:1] for ch in part)
    words = [lowered[s - start : e - start] for s, e in spans]
    tokens = _Tokens(text, spans, words)
    found: list[DrugName] = []
    taken = 0  # the first token not yet part of a name
    for index in _openings(vocab, words):
        if index < taken:
            continue
        match = _match_at(vocab, tokens, index)
        if (
            match is None
            or _possessive(text, spans[index], words[index])
            or (match[0] == 1 and _lower_case_abbreviation(text, spans[index], words[index]))
        ):
            continue
        size, drug = match
        if drug is _NOT_A_DRUG:
            taken = index + size
            continue
        last = _tail(tokens, index + size - 1, drug)
        found.append(DrugName(spans[index][0], spans[last][1], drug))
        taken = last + 1
    found = _dosed_products(vocab, text, _with_products(vocab, text, found))
    return _combinations(vocab, text, found)
