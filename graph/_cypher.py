"""Running one Cypher statement inside a caller's transaction, counted per request.

The count lets tests (and developers, through the API's debug extension) check that the number of
queries a GraphQL request makes grows with its depth, not with its rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction, AsyncSession, Record

# Reads run on a session (auto-commit), writes in a managed transaction; both have `run`.
Tx = AsyncManagedTransaction | AsyncSession


@dataclass
class QueryStats:
    queries: int = 0


_stats: ContextVar[QueryStats | None] = ContextVar("graph_query_stats", default=None)


@contextmanager
def counting_queries() -> Iterator[QueryStats]:
    """Count the Cypher statements run by this task and the tasks it starts."""
    stats = QueryStats()
    token = _stats.set(stats)
    try:
        yield stats
    finally:
        _stats.reset(token)


async def fetch(tx: Tx, query: LiteralString, **params: Any) -> list[Record]:
    stats = _stats.get()
    if stats is not None:
        stats.queries += 1
    result = await tx.run(query, params)
    return [record async for record in result]


async def fetch_collected(tx: Tx, query: LiteralString, **params: Any) -> list[Any]:
    """The list a statement returns as its one column of its one row (``RETURN collect(..)``).

    For statements that can answer hundreds of rows: the driver spends Python time on each record
    it receives, so hundreds of records cost many times what one record holding as many maps does
    (BENCHMARKS.md).
    Order rows with ``WITH .. ORDER BY ..`` before ``collect``, which keeps that order.
    """
    rows = await fetch(tx, query, **params)
    return list(rows[0][0]) if rows else []


# Rows a page of a paged statement holds (see fetch_paged).
PAGE = 2_000


async def fetch_paged(tx: Tx, query: LiteralString, **params: Any) -> list[Any]:
    """Every row of a paged statement, a page at a time. The statement takes ``$after`` (the
    previous page's last key; "" first) and ``$limit``, and answers one record: ``last``, the
    page's last key (null past the end), and ``rows``. For the jobs, which read every row: the
    driver decodes a result whole on the event loop, so one result of every row would hold up
    every other request of the process while it is decoded."""
    found: list[Any] = []
    after = ""
    while True:
        [page] = await fetch(tx, query, after=after, limit=PAGE, **params)
        if page["last"] is None:
            return found
        found += page["rows"]
        after = page["last"]
