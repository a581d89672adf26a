"""Entity tags from row versions, and If-Match parsing (RFC 9110)."""

from dataclasses import dataclass

# RFC 9110 13.1.1: `*`, or a comma-separated list of entity-tags (`"3"`, `W/"3"`). Published
# and enforced, so that a malformed value (`null`, a bare `3`) is a 422 rather than a 412.
# ASCII only (RFC 9110's obs-text left out): our tags are numbers, and header generators and
# clients cannot all send other bytes.
_ENTITY_TAG = r'(?:W/)?"[\x21\x23-\x7e]*"'
IF_MATCH_PATTERN = rf"^[ \t]*(?:\*|{_ENTITY_TAG}(?:[ \t]*,[ \t]*{_ENTITY_TAG})*)[ \t]*$"


def etag(version: int) -> str:
    return f'"{version}"'


@dataclass(frozen=True)
class IfMatch:
    """A parsed If-Match header: `*` (any current version) or a set of entity tags."""

    any: bool = False
    tags: frozenset[str] = frozenset()

    def matches(self, version: int) -> bool:
        return self.any or etag(version) in self.tags


def parse_if_match(header: str | None) -> IfMatch | None:
    """None when the header is absent (no precondition)."""
    if header is None:
        return None
    header = header.strip()
    if header == "*":
        return IfMatch(any=True)
    # If-Match uses the strong comparison: a weak tag (W/"1") never matches.
    tags = frozenset(part.strip() for part in header.split(",") if part.strip())
    return IfMatch(tags=tags)
