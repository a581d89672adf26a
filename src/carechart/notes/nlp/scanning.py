"""`quick` compiles the same regular expression, faster to search a whole note with.

Python's engine tries a pattern at every position of the text; when each alternative opens with
`\\b` and a word (`\\bhospital day\\b|\\binpatient\\b|...`, case-insensitive), that is a dozen
failed attempts per character. `quick` works out the characters a match can begin with and
puts them first as a lookahead (and the `\\b` every alternative opens with, when they all do),
so most positions fail at one test. A lookahead consumes nothing and captures nothing: the
matches, their groups and their numbering are exactly the original's. Used for the patterns
that scan a note (or long stretches of it), where it measured faster. A pattern whose first
character cannot be told (one that may match nothing, or open with `.` or `\\w`) is returned
unchanged.
"""

import re
from typing import Any

# The parser behind `re.compile`: its tree tells what a pattern can begin with.
_parser: Any = getattr(re, "_parser")  # noqa: B009 - private module, read once
_c: Any = getattr(re, "_constants")  # noqa: B009
_compiler: Any = getattr(re, "_compiler")  # noqa: B009

_MOST_CHARS = 256  # a wider class gains nothing over the pattern itself
_WIDTH_FLAGS = re.ASCII | re.LOCALE | re.UNICODE
_Firsts = tuple[set[str], bool] | None  # (first characters, may match nothing) or unknown
# "(?i)" at the start sets flags for the whole pattern; "(?P<name>" or "(?i:" opens a group.
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
# Classes a match may begin with, written as such in the lookahead ("(?:hb|hgb)?\s?a1c").
_CATEGORIES = {_c.CATEGORY_SPACE: r"\s", _c.CATEGORY_DIGIT: r"\d"}
_CATEGORY_CLASSES = frozenset(_CATEGORIES.values())


class _Walk:
    def __init__(self) -> None:
        self.ignore_case = False

    def sequence(self, items: Any, ignore: bool) -> _Firsts:
        chars: set[str] = set()
        for op, av in items:
            if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
                continue  # zero width: the next item gives the first character
            found = self.item(op, av, ignore)
            if found is None:
                return None
            chars |= found[0]
            if len(chars) > _MOST_CHARS:
                return None
            if not found[1]:
                return chars, False
        return chars, True

    def item(self, op: Any, av: Any, ignore: bool) -> _Firsts:
        if op is _c.LITERAL:
            self.ignore_case |= ignore
            return {chr(av)}, False
        if op is _c.IN:
            return self._class(av, ignore)
        if op is _c.SUBPATTERN:
            _group, add, delete, items = av
            inner = (ignore or bool(add & re.I)) and not delete & re.I
            return self.sequence(items, inner)
        if op is _c.ATOMIC_GROUP:
            return self.sequence(av, ignore)
        if op is _c.BRANCH:
            chars: set[str] = set()
            nullable = False
            for alternative in av[1]:
                found = self.sequence(alternative, ignore)
                if found is None:
                    return None
                chars |= found[0]
                nullable |= found[1]
            return chars, nullable
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, _high, items = av
            found = self.sequence(items, ignore)
            if found is None:
                return None
            return found[0], found[1] or low == 0
        return None  # ANY, CATEGORY, NOT_LITERAL, a back reference ...

    def _class(self, items: Any, ignore: bool) -> _Firsts:
        chars: set[str] = set()
        for op, av in items:
            if op is _c.LITERAL:
                chars.add(chr(av))
            elif op is _c.RANGE and av[1] - av[0] <= _MOST_CHARS:
                chars.update(chr(code) for code in range(av[0], av[1] + 1))
            elif op is _c.CATEGORY and av in _CATEGORIES:
                chars.add(_CATEGORIES[av])  # read under the pattern's own flags
            else:
                return None  # NEGATE, CATEGORY, a wide range
        self.ignore_case |= ignore
        return chars, False


def _opens_with_boundary(items: Any) -> bool:
    """Every way through the pattern opens with `\\b`, under the pattern's own flags."""
    if not items:
        return False
    op, av = items[0]
    if op is _c.AT:
        return bool(av is _c.AT_BOUNDARY)
    if op is _c.SUBPATTERN:
        _group, add, delete, inner = av
        return not (add | delete) & _WIDTH_FLAGS and _opens_with_boundary(inner)
    if op is _c.BRANCH:
        return all(_opens_with_boundary(alternative) for alternative in av[1])
    return False


def _engine_scans_fast(tree: Any, flags: int) -> bool:
    """The engine already skips ahead: to a literal prefix or a class of first characters
    (a case-sensitive pattern), or only tries the start of the text or of each line."""
    if _compiler._get_literal_prefix(tree, flags)[0] or _compiler._get_charset_prefix(tree, flags):
        return True
    items = list(tree)
    if not items:
        return True
    op, av = items[0]
    return bool(op is _c.AT and av not in (_c.AT_BOUNDARY, _c.AT_NON_BOUNDARY))


def quick(source: str, flags: int = 0, *, pairs: bool = False) -> re.Pattern[str]:
    """`re.compile(source, flags)`, with a lookahead of the characters a match can begin with
    when that lets the engine pass over most positions at one test (and, with `pairs`, of the
    first two characters after it)."""
    return faster(re.compile(source, flags), pairs=pairs)


def faster(pattern: re.Pattern[str], *, pairs: bool = False) -> re.Pattern[str]:
    """`pattern` with a lookahead of the characters a match can begin with."""
    if _GLOBAL_FLAGS.match(pattern.pattern):
        return pattern  # global inline flags must stay first
    tree = _parser.parse(pattern.pattern, pattern.flags)
    if _engine_scans_fast(tree, pattern.flags):
        return pattern
    walk = _Walk()
    found = walk.sequence(tree, bool(pattern.flags & re.I))
    if found is None or found[1] or not found[0]:
        return pattern
    chars = "".join(ch if ch in _CATEGORY_CLASSES else re.escape(ch) for ch in sorted(found[0]))
    ahead = f"(?=[{chars}])"
    if walk.ignore_case and not pattern.flags & re.I:
        ahead = f"(?i:{ahead})"
    if pairs and (two := _pairs_ahead(tree, pattern.flags)):
        ahead += _leading_assertion(pattern.pattern, pattern.flags, tree) + two
    boundary = r"\b" if _opens_with_boundary(list(tree)) else ""
    closing = "\n)" if pattern.flags & re.VERBOSE else ")"  # a comment may end the pattern
    return re.compile(f"{boundary}{ahead}(?:{pattern.pattern}{closing}", pattern.flags)


# One character of a pair: the members of a class ("a", "\\s", "0-9"), or None for any character.
_Char = frozenset[str] | None
_Prefixes = frozenset[tuple[_Char, ...]]
_POSITIVE_CATEGORIES = {**_CATEGORIES, _c.CATEGORY_WORD: r"\w"}
_MOST_PREFIXES = 400


class _PairWalk:
    """The first two characters a match can open with: a set of one- or two-character tuples
    (one: a match that may end after it), none when a part cannot be told (a back reference).
    Each character is a superset of what that part matches, so a lookahead made of them
    rejects only positions where the pattern cannot match."""

    def __init__(self) -> None:
        self.ignore_case = False

    @staticmethod
    def then(heads: _Prefixes, tails: _Prefixes) -> _Prefixes:
        done = {head for head in heads if len(head) >= 2}
        done |= {(head + tail)[:2] for head in heads if len(head) < 2 for tail in tails}
        return frozenset(done)

    def sequence(self, items: Any, ignore: bool) -> _Prefixes | None:
        found: _Prefixes = frozenset({()})
        for op, av in items:
            if all(len(prefix) >= 2 for prefix in found):
                break
            one = self.item(op, av, ignore)
            if one is None:
                return None
            found = self.then(found, one)
            if len(found) > _MOST_PREFIXES:
                return None
        return found

    def item(self, op: Any, av: Any, ignore: bool) -> _Prefixes | None:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            return frozenset({()})
        if op is _c.LITERAL:
            self.ignore_case |= ignore
            return frozenset({(frozenset({re.escape(chr(av))}),)})
        if op in (_c.NOT_LITERAL, _c.ANY):
            return frozenset({(None,)})
        if op is _c.IN:
            self.ignore_case |= ignore
            return frozenset({(_members(av),)})
        if op is _c.SUBPATTERN:
            _group, add, delete, items = av
            return self.sequence(items, (ignore or bool(add & re.I)) and not delete & re.I)
        if op is _c.ATOMIC_GROUP:
            return self.sequence(av, ignore)
        if op is _c.BRANCH:
            return self._branch(av[1], ignore)
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            return self._repeat(av, ignore)
        return None  # a back reference, a conditional group

    def _branch(self, alternatives: Any, ignore: bool) -> _Prefixes | None:
        found: set[tuple[_Char, ...]] = set()
        for alternative in alternatives:
            one = self.sequence(alternative, ignore)
            if one is None:
                return None
            found |= one
        return frozenset(found)

    def _repeat(self, av: Any, ignore: bool) -> _Prefixes | None:
        # Past two more repetitions than the least, a repeat opens with nothing new.
        low, high, items = av
        once = self.sequence(items, ignore)
        if once is None:
            return None
        power: _Prefixes = frozenset({()})
        found: set[tuple[_Char, ...]] = set()
        for times in range(min(high, low + 2) + 1):
            if times >= low:
                found |= power
            power = self.then(power, once)
        return frozenset(found)


def _members(items: Any) -> _Char:
    """A class's members as written in a class, or None (any character) for a negated class
    or a category whose reading may depend on flags inside the pattern."""
    members: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            members.add(re.escape(chr(av)))
        elif op is _c.RANGE:
            members.add(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _c.CATEGORY and av in _POSITIVE_CATEGORIES:
            members.add(_POSITIVE_CATEGORIES[av])
        else:
            return None
    return frozenset(members)


def _written(pair: tuple[_Char, set[str]]) -> tuple[list[str], list[str]]:
    """The order of the pairs: any will do for a lookahead; the same in every process."""
    return sorted(pair[1]), sorted(pair[0] or ())


def _pairs_ahead(tree: Any, flags: int) -> str:
    """A lookahead of the pattern's first two characters, grouped by the second, or ""."""
    walk = _PairWalk()
    found = walk.sequence(tree, bool(flags & re.I))
    if not found or any(not prefix or prefix[0] is None for prefix in found):
        return ""  # a match may be empty or open with any character: no gain
    seconds: dict[_Char, set[str]] = {}
    for prefix in found:
        first = prefix[0]
        assert first is not None
        second = prefix[1] if len(prefix) == 2 else None
        seconds.setdefault(second, set()).update(first)
    ways = []
    for second, firsts in sorted(seconds.items(), key=_written):
        opening = "[" + "".join(sorted(firsts)) + "]"
        ways.append(opening if second is None else opening + "[" + "".join(sorted(second)) + "]")
    ahead = "(?=" + "|".join(ways) + ")"
    if walk.ignore_case and not flags & re.I:
        ahead = f"(?i:{ahead})"
    return ahead


def _leading_assertion(source: str, flags: int, tree: Any) -> str:
    """The look-behind or lookahead the pattern opens with, as written, or "": tried before the
    pairs, it turns most positions away at one test (`(?<![\\w/-])`: only word starts)."""
    items = list(tree)
    if not source.startswith("(?") or not items or items[0][0] not in (_c.ASSERT, _c.ASSERT_NOT):
        return ""
    for end, char in enumerate(source):
        if char != ")":
            continue
        try:
            head = _parser.parse(source[: end + 1], flags)
        except re.error:
            continue
        if len(head) == 1 and str(list(head)) == str(items[:1]) and not head.state.groups - 1:
            return source[: end + 1]
        return ""
    return ""
