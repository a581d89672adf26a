"""List query parameters read by FastAPI dependencies: paging, sort, search text; a bad one is 422.

Each slice's dependencies module builds its list query from these, so that routers receive
typed values and services never parse request text.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Query
from fastapi.exceptions import RequestValidationError

from carechart.core.pagination import MAX_PAGE_SIZE, InvalidCursor, Sorting, SortOrder
from carechart.core.problems import raises

MAX_CURSOR_LENGTH = 2048
# Longer sort texts are refused before the pattern is tried.
MAX_SORT_LENGTH = 200

CursorParam = Annotated[
    str | None,
    Query(
        max_length=MAX_CURSOR_LENGTH,
        description="Opaque cursor from a previous page's `next_cursor`.",
    ),
]


def invalid_query(name: str, message: str) -> RequestValidationError:
    """A 422 for one query parameter, in the same shape as FastAPI's own (input not echoed)."""
    return RequestValidationError([{"loc": ("query", name), "msg": message, "type": "value_error"}])


def search_text(q: str | None) -> str | None:
    """A search parameter trimmed (None when blank); PostgreSQL cannot take a NUL in text."""
    if q is not None and "\x00" in q:
        raise invalid_query("q", "must not contain NUL")
    return (q.strip() or None) if q else None


@dataclass(frozen=True)
class PageRequest:
    """Which page of a listing: its size, and where the previous page ended."""

    limit: int
    cursor: str | None = None


def paging(default_size: int) -> Callable[..., Awaitable[PageRequest]]:
    """The `limit` and `cursor` parameters of a listing whose pages hold `default_size` items."""

    @raises(InvalidCursor)  # decoded by the service: a cursor of another listing is refused
    async def page_request(
        limit: Annotated[
            int,
            Query(ge=1, le=MAX_PAGE_SIZE, description=f"Page size (1-{MAX_PAGE_SIZE})."),
        ] = default_size,
        cursor: CursorParam = None,
    ) -> PageRequest:
        return PageRequest(limit=limit, cursor=cursor)

    return page_request


def sort_order(sorting: Sorting, sort: str) -> SortOrder:
    """The `sort` text read into its terms (a 422 naming the allowed keys otherwise)."""
    try:
        return sorting.parse(sort)
    except ValueError as exc:
        # The offending key is not echoed: error bodies never repeat input.
        allowed = ", ".join(sorting.keys)
        many = "" if sorting.combined else "one of "
        raise invalid_query(
            "sort",
            f"Unknown or repeated sort key; allowed keys: {many}{allowed}"
            " (prefix - for descending)",
        ) from exc
