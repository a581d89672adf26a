"""A compiled pattern that counts the characters its searches are given: the work-is-linear
tests count reading, never time it."""

import re
from typing import Any


class Counting:
    """A compiled pattern that counts the characters each of its searches is given."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.read = 0

    def _span(self, text: str, pos: int = 0, endpos: int | None = None) -> None:
        self.read += max(0, (len(text) if endpos is None else min(endpos, len(text))) - pos)

    def finditer(self, text: str, *args: int) -> Any:
        self._span(text, *args)
        return self.pattern.finditer(text, *args)

    def search(self, text: str, *args: int) -> Any:
        self._span(text, *args)
        return self.pattern.search(text, *args)

    def match(self, text: str, *args: int) -> Any:
        # Anchored: what it reads is what it matches (a failure reads about a character).
        found = self.pattern.match(text, *args)
        self.read += found.end() - found.start() if found is not None else 1
        return found
