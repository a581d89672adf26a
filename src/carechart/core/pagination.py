"""Keyset paging shared by every list endpoint: the sort a listing allows, opaque signed
cursors, and the page envelope."""

import base64
import binascii
import hashlib
import json
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from cryptography.fernet import Fernet, InvalidToken
from pydantic import BaseModel, Field, TypeAdapter, ValidationError
from sqlalchemy import Select, and_, literal, or_, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import URL

from carechart.core.errors import BadRequest

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null at the end."
    )
    has_more: bool
    total: int | None = Field(
        default=None, description="Matching items, when `include_total=true`."
    )


class InvalidCursor(BadRequest):
    slug = "invalid-cursor"
    title = "Invalid cursor"


@dataclass(frozen=True)
class Cursor:
    """A position in one listing: which listing (scope and its parameters) and the last keys."""

    scope: str
    filters: dict[str, Any] = field(default_factory=dict)
    values: list[Any] = field(default_factory=list)


_PAYLOAD = TypeAdapter(dict[str, Any])


class CursorCodec:
    """Encrypts and authenticates cursors (Fernet), so a client can neither forge nor read one.

    A cursor holds the last row's sort keys, names included: encryption keeps that PHI out of
    URLs, proxy logs and browser history. It also carries the listing's parameters: reusing it
    with another sort, search or filter is refused rather than returning a wrong page.
    """

    def __init__(self, secret: bytes) -> None:
        key = hashlib.sha256(b"carechart-cursor:" + secret).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(key))

    def encode(self, cursor: Cursor) -> str:
        payload = json.dumps(
            {"s": cursor.scope, "f": cursor.filters, "v": cursor.values},
            separators=(",", ":"),
            sort_keys=True,
            default=str,
        ).encode()
        return self._fernet.encrypt(payload).decode()

    def decode(self, token: str, *, scope: str, filters: dict[str, Any]) -> Cursor:
        try:
            if not _canonical_base64(token):
                raise InvalidToken
            data = _PAYLOAD.validate_json(self._fernet.decrypt(token.encode()))
        except (InvalidToken, ValueError, ValidationError) as exc:
            raise InvalidCursor("The cursor is malformed or was not issued by this server") from exc
        cursor = Cursor(
            scope=data.get("s", ""), filters=data.get("f", {}), values=data.get("v", [])
        )
        expected = json.loads(json.dumps(filters, sort_keys=True, default=str))
        if (
            cursor.scope != scope
            or cursor.filters != expected
            or not isinstance(cursor.values, list)
        ):
            raise InvalidCursor("The cursor belongs to a listing with other parameters")
        return cursor


def _canonical_base64(token: str) -> bool:
    """Exactly what `encode` writes: base64's decoder skips junk after the padding silently."""
    try:
        raw = base64.urlsafe_b64decode(token.encode("ascii"))
    except (ValueError, binascii.Error):  # UnicodeEncodeError is a ValueError
        return False
    return base64.urlsafe_b64encode(raw).decode() == token


def next_link(url: URL, next_cursor: str | None) -> str | None:
    """An RFC 8288 `Link` header value for the next page, or None at the end."""
    if next_cursor is None:
        return None
    return f'<{url.include_query_params(cursor=next_cursor)}>; rel="next"'


@dataclass(frozen=True)
class SortKey:
    """One ORDER BY term of a keyset listing, with how to read its cursor value back."""

    expression: Any
    descending: bool = False
    parse: Any = str
    name: str | None = None  # attribute of the row's entity; None: the row's second column


@dataclass(frozen=True)
class Sortable:
    """A key a listing may be sorted by: its column, and how its cursor value reads back."""

    expression: Any
    parse: Callable[[Any], Any] = str


@dataclass(frozen=True)
class SortTerm:
    name: str
    descending: bool = False

    def __str__(self) -> str:
        return f"-{self.name}" if self.descending else self.name


SortOrder = tuple[SortTerm, ...]


class Sorting:
    """The orders one listing allows: named keys, one or several combined (`-a,b`), then the
    row's id, which breaks ties so that every row has exactly one place in the order."""

    def __init__(
        self,
        keys: Mapping[str, Sortable],
        *,
        tiebreak: Sortable,
        default: str,
        combined: bool = True,
    ) -> None:
        self.keys = dict(keys)
        self.tiebreak = tiebreak
        self.combined = combined
        key = "(?:" + "|".join(self.keys) + ")"
        # Comma-separated keys, each at most once (the lookahead refuses a repeat), `-` for
        # descending. Published as the parameter's pattern (ECMA 262 and Python agree on it),
        # so what the OpenAPI document promises is exactly what is accepted.
        more = rf"(?:, *-?{key} *){{0,{len(self.keys) - 1}}}"
        self.pattern = (
            rf"^(?!.*\b({key})\b.*\b\1\b) *-?{key} *{more}$" if combined else rf"^-?{key}$"
        )
        self._valid = re.compile(self.pattern)
        self.default = self.parse(default)

    @property
    def choices(self) -> list[str]:
        """Every single-key order, descending first (the enum of a one-key listing)."""
        return [f"{sign}{name}" for name in self.keys for sign in ("-", "")]

    def parse(self, sort: str) -> SortOrder:
        """`-date_of_birth,family_name` -> its terms; ValueError for an unknown or repeated key."""
        if not self._valid.fullmatch(sort):
            raise ValueError("unknown or repeated sort key")
        names = [raw.strip() for raw in sort.split(",")]
        return tuple(SortTerm(n.removeprefix("-"), n.startswith("-")) for n in names)

    def sort_keys(self, order: SortOrder | None = None) -> list[SortKey]:
        """The ORDER BY of `order` (the default when None), the id last."""
        terms = order or self.default
        keys = [
            SortKey(self.keys[t.name].expression, t.descending, self.keys[t.name].parse, t.name)
            for t in terms
        ]
        return self.ranked(keys)

    def ranked(self, keys: Sequence[SortKey]) -> list[SortKey]:
        """Keys built by the caller (a search rank), then the id, running the way the first
        key runs (one direction lets PostgreSQL use a row comparison)."""
        last = SortKey(self.tiebreak.expression, keys[0].descending, self.tiebreak.parse, "id")
        return [*keys, last]


def sort_text(order: SortOrder | None) -> str | None:
    """An order as a cursor records it: the same order always the same text."""
    return None if order is None else ",".join(str(term) for term in order)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def cursor_values(keys: list[SortKey], row: Any) -> list[Any]:
    """The last row's sort-key values, ready for a cursor (JSON types only)."""
    entity = row[0]
    return [_jsonable(row[1] if key.name is None else getattr(entity, key.name)) for key in keys]


def parse_position(parsers: Sequence[Callable[[Any], Any]], values: list[Any]) -> list[Any]:
    """A cursor's key values read back (InvalidCursor when they do not fit the listing)."""
    try:
        return [parse(value) for parse, value in zip(parsers, values, strict=True)]
    except (TypeError, ValueError) as exc:
        raise InvalidCursor("The cursor does not fit this listing") from exc


def keyset_after(keys: list[SortKey], values: list[Any]) -> Any:
    """The WHERE clause selecting rows strictly after `values` in the order of `keys`.

    When every key runs the same way this is a row comparison, which PostgreSQL answers from a
    matching composite index; mixed directions need the expanded OR form.
    """
    parsed = parse_position([key.parse for key in keys], values)
    if len({key.descending for key in keys}) == 1:
        left = tuple_(*(key.expression for key in keys))
        right = tuple_(*(literal_for(key, value) for key, value in zip(keys, parsed, strict=True)))
        return left < right if keys[0].descending else left > right
    clauses = []
    for i, key in enumerate(keys):
        equal = [keys[j].expression == literal_for(keys[j], parsed[j]) for j in range(i)]
        beyond = (
            key.expression < literal_for(key, parsed[i])
            if key.descending
            else key.expression > literal_for(key, parsed[i])
        )
        clauses.append(and_(*equal, beyond))
    return or_(*clauses)


def literal_for(key: SortKey, value: Any) -> Any:
    expression_type = getattr(key.expression, "type", None)
    return literal(value, type_=expression_type) if expression_type is not None else literal(value)


def order_by(keys: list[SortKey]) -> list[Any]:
    return [key.expression.desc() if key.descending else key.expression.asc() for key in keys]


@dataclass(frozen=True)
class Listing:
    """Which listing a page belongs to: its scope and the parameters its cursors are bound to."""

    codec: CursorCodec
    scope: str
    parameters: dict[str, Any]


async def fetch_page(
    session: AsyncSession,
    statement: Select[Any],
    *,
    keys: list[SortKey],
    limit: int,
    cursor: str | None,
    listing: Listing,
) -> tuple[list[Any], str | None]:
    """One page of rows after `cursor` in the order of `keys`, and the cursor of the next page.

    Fetches one row more than asked to learn whether another page follows. Each row's first
    column is the entity; a second column (a rank) may carry the first sort key.
    """
    if cursor is not None:
        position = listing.codec.decode(cursor, scope=listing.scope, filters=listing.parameters)
        statement = statement.where(keyset_after(keys, position.values))
    statement = statement.order_by(*order_by(keys)).limit(limit + 1)
    rows = list((await session.execute(statement)).all())
    page = rows[:limit]
    if len(rows) <= limit:
        return page, None
    values = cursor_values(keys, page[-1])
    return page, listing.codec.encode(Cursor(listing.scope, listing.parameters, values))
