"""Request dependencies of the patients slice: list query parameters and If-Match."""

import re
from typing import Annotated

from fastapi import Depends, Header, Query

from carechart.core.etag import IF_MATCH_PATTERN, IfMatch, parse_if_match
from carechart.core.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, InvalidCursor
from carechart.core.problems import raises
from carechart.core.query import (
    MAX_SORT_LENGTH,
    CursorParam,
    invalid_query,
    search_text,
    sort_order,
)
from carechart.core.validation import IsoDate, words_pattern
from carechart.patients.schemas import Mrn, Sex
from carechart.patients.service import SORTABLE, SORTING, PatientQuery

_SORT_HELP = (
    "Comma-separated keys among "
    + ", ".join(f"`{k}`" for k in SORTABLE)
    + "; prefix `-` for descending. Default `family_name,given_name`, or by relevance with `q`."
)


# Fuzzy search costs grow with the trigrams of `q`: 200 letters took seconds at 100,000
# patients. A name to look for fits in these bounds; longer input is refused, not run.
SEARCH_MAX_LENGTH = 64
SEARCH_MAX_WORDS = 8
SEARCH_PATTERN = words_pattern(SEARCH_MAX_WORDS)
_SEARCH = re.compile(SEARCH_PATTERN)


def _name_search(q: str | None) -> str | None:
    if q is None:
        return None
    search_text(q)  # NUL has its own message
    if not _SEARCH.fullmatch(q):
        raise invalid_query("q", f"must be 1 to {SEARCH_MAX_WORDS} words")
    return q.strip()


# One dependency for the nine parameters, not one per concern (paging, sort, filters): each
# dependency is one more for FastAPI to solve on every request, and the list is a hot path.
# Parameters in this order: the OpenAPI document lists them as they come.
@raises(InvalidCursor)  # decoded by the service: a cursor of another listing is refused
async def patient_query(
    limit: Annotated[
        int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"Page size (1-{MAX_PAGE_SIZE}).")
    ] = DEFAULT_PAGE_SIZE,
    cursor: CursorParam = None,
    sort: Annotated[
        str | None,
        Query(
            max_length=MAX_SORT_LENGTH,
            description=_SORT_HELP,
            json_schema_extra={"pattern": SORTING.pattern},
        ),
    ] = None,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=SEARCH_MAX_LENGTH,
            description="Fuzzy name search (typos and word order tolerated) or an exact MRN: "
            f"up to {SEARCH_MAX_LENGTH} characters and {SEARCH_MAX_WORDS} words.",
            json_schema_extra={"pattern": SEARCH_PATTERN},
        ),
    ] = None,
    mrn: Annotated[Mrn | None, Query(description="Exact MRN.")] = None,
    born_after: Annotated[IsoDate | None, Query(description="Born on or after this date.")] = None,
    born_before: Annotated[IsoDate | None, Query(description="Born before this date.")] = None,
    sex: Sex | None = None,
    include_total: Annotated[bool, Query(description="Also count every match.")] = False,
) -> PatientQuery:
    return PatientQuery(
        limit=limit,
        cursor=cursor,
        sort=None if sort is None else sort_order(SORTING, sort),
        q=_name_search(q),
        mrn=mrn,
        born_after=born_after,
        born_before=born_before,
        sex=sex.value if sex else None,
        include_total=include_total,
    )


async def if_match(
    # `str`, not `str | None`: a header is present or absent, never null (a published null
    # invited clients, and fuzzers, to send the text `null`).
    if_match: Annotated[
        str,  # noqa: RUF013
        Header(
            alias="If-Match",
            description='The ETag from a previous read (`"3"`), or `*`; a stale one gives 412.',
            pattern=IF_MATCH_PATTERN,
            max_length=1024,
        ),
    ] = None,  # type: ignore[assignment]
) -> IfMatch | None:
    return parse_if_match(if_match)


PatientQueryDep = Annotated[PatientQuery, Depends(patient_query)]
IfMatchDep = Annotated[IfMatch | None, Depends(if_match)]
