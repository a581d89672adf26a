"""Search designs side by side on the same data and queries: latency and recall@10.

The fifty misspelt names of the search scenario, each sent once, one at a time, on one
connection: through the API (the product), as the product's SQL sent raw, as three designs
seen in peer projects, and as the floor (an exact btree lookup of the right name, which no
search can beat). recall@10 counts the queries whose intended name is among the first ten
answers (namesakes are indistinguishable by name, so any patient of that name counts).

The trigram peers need the whole-name GIN index the product no longer has: it is built before
they run and dropped after, so that they are measured as their authors would deploy them.
A design whose first queries take over a second is stopped after ten (shown as x/10).
"""

import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

import asyncpg
import httpx

from bench.app import asyncpg_dsn, fetch_search

TOP = 10
SLOW_MS = 1000
SLOW_QUERIES = 10
PEER_INDEX = "bench_peer_name_search_trgm"
COLUMNS = "given_name, family_name"

PEERS = {
    "peer: lower(name) LIKE %q%": (
        f"SELECT {COLUMNS} FROM patient WHERE lower(given_name || ' ' || family_name) "
        f"LIKE '%' || lower($1) || '%' LIMIT {TOP}"
    ),
    "peer: similarity(name, q) > 0.1 ORDER BY similarity": (
        f"SELECT {COLUMNS} FROM patient WHERE similarity(name_search, lower(f_unaccent($1))) "
        f"> 0.1 ORDER BY similarity(name_search, lower(f_unaccent($1))) DESC LIMIT {TOP}"
    ),
    "peer: % with similarity ranking (GIN trigram index)": (
        f"SELECT {COLUMNS} FROM patient WHERE name_search % lower(f_unaccent($1)) "
        f"ORDER BY similarity(name_search, lower(f_unaccent($1))) DESC LIMIT {TOP}"
    ),
}
FLOOR = f"SELECT {COLUMNS} FROM patient WHERE family_name = $2 AND given_name = $1 LIMIT {TOP}"

Names = list[tuple[str, str]]
Search = Callable[[str, tuple[str, str]], Awaitable[Names]]


async def _product_sql(conn: asyncpg.Connection, q: str) -> Names:
    rows = await fetch_search(conn, q, TOP, None, None)
    return [(r["given_name"], r["family_name"]) for r in rows[:TOP]]


async def _measure(search: Search, queries: list[tuple[str, tuple[str, str]]]) -> dict[str, Any]:
    times: list[float] = []
    found = 0
    for q, intended in queries:
        started = time.perf_counter()
        names = await search(q, intended)
        times.append((time.perf_counter() - started) * 1000)
        found += intended in names
        if len(times) >= SLOW_QUERIES and statistics.median(times) > SLOW_MS:
            break
    ordered = sorted(times)
    return {
        "queries": len(times),
        "found_in_top_10": found,
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 2),
    }


def _sql(conn: asyncpg.Connection, statement: str, with_intended: bool = False) -> Search:
    async def search(q: str, intended: tuple[str, str]) -> Names:
        args = (*intended,) if with_intended else (q,)
        rows = await conn.fetch(statement, *args)
        return [(r["given_name"], r["family_name"]) for r in rows]

    return search


def _api(client: httpx.AsyncClient, token: str) -> Search:
    async def search(q: str, _intended: tuple[str, str]) -> Names:
        response = await client.get(
            f"/patients?limit={TOP}&q={quote(q)}", headers={"Authorization": f"Bearer {token}"}
        )
        response.raise_for_status()
        return [(p["given_name"], p["family_name"]) for p in response.json()["items"]]

    return search


async def compare(
    database_url: str, base_url: str, token: str, queries: list[tuple[str, tuple[str, str]]]
) -> dict[str, dict[str, Any]]:
    """Each design's latency and recall@10 over the queries (query, intended (given, family))."""
    results: dict[str, dict[str, Any]] = {}
    conn = await asyncpg.connect(**asyncpg_dsn(database_url))
    try:
        await conn.execute("SET statement_timeout = '30s'")
        async with httpx.AsyncClient(base_url=base_url, timeout=60) as client:
            results["Carechart API: GET /patients?q= (top 10)"] = await _measure(
                _api(client, token), queries
            )

        async def product_sql(q: str, _intended: tuple[str, str]) -> Names:
            return await _product_sql(conn, q)

        results[
            "product SQL: nearest name tokens, a page per unit, one statement"
        ] = await _measure(product_sql, queries)
        await conn.execute(
            f"CREATE INDEX IF NOT EXISTS {PEER_INDEX} ON patient USING gin "
            "(name_search gin_trgm_ops)"
        )
        await conn.execute("ANALYZE patient")
        try:
            for name, statement in PEERS.items():
                results[name] = await _measure(_sql(conn, statement), queries)
        finally:
            await conn.execute(f"DROP INDEX IF EXISTS {PEER_INDEX}")
        results["floor: exact btree match on the right name"] = await _measure(
            _sql(conn, FLOOR, with_intended=True), queries
        )
    finally:
        await conn.close()
    return results
