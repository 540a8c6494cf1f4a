"""The one door to Neo4j: driver lifecycle, transaction routing and error mapping.

    db = Database.connect(settings)
    people = await db.read(person_repository.by_ids, ids)
    await db.close()

Writes go through ``execute_write``, so the driver retries transient failures; transaction
functions must therefore be idempotent. Reads run as auto-commit queries in a READ session, which
a cluster routes to readers: that saves a round trip per query over ``execute_read`` (a request
makes one per level of its GraphQL query), and reads are retried here instead, within the same
time budget.
Every ``neo4j.exceptions`` error that means "the database is not there" becomes
:class:`GraphUnavailable` here and nowhere else.
"""

from __future__ import annotations

import asyncio
import copy
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Concatenate, ParamSpec, TypeVar

from neo4j import READ_ACCESS, AsyncDriver, AsyncGraphDatabase, AsyncManagedTransaction
from neo4j.exceptions import (
    AuthError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graph._cypher import Tx
from graph.config import Neo4jSettings
from graph.errors import GraphUnavailable

P = ParamSpec("P")
T = TypeVar("T")
Work = Callable[Concatenate[AsyncManagedTransaction, P], Awaitable[T]]
ReadWork = Callable[Concatenate[Tx, P], Awaitable[T]]

_log = logging.getLogger(__name__)
_UNAVAILABLE = (ServiceUnavailable, SessionExpired, TransientError, AuthError, OSError)
_RETRYABLE = (ServiceUnavailable, SessionExpired, TransientError)


class Database:
    """An async Neo4j driver bound to one database name."""

    def __init__(self, driver: AsyncDriver, name: str, retry_seconds: float = 5.0) -> None:
        self.driver = driver
        self.name = name
        self._retry_seconds = retry_seconds
        self._before_wait: Callable[[], None] | None = None

    def for_request(self, before_wait: Callable[[], None]) -> Database:
        """This database (same driver), calling ``before_wait`` as each read or write begins: a
        request's chance to start work of its own (the API records its disclosures so far) that
        then runs while Neo4j answers. ``before_wait`` must not block: it schedules, and what it
        schedules runs once the statement is on its way."""
        view = copy.copy(self)
        view._before_wait = before_wait
        return view

    def _waiting(self) -> None:
        if self._before_wait is not None:
            self._before_wait()

    @classmethod
    def connect(cls, settings: Neo4jSettings, *, retry_seconds: float = 5.0) -> Database:
        """Create the driver; no connection is made until the first query."""
        driver = AsyncGraphDatabase.driver(
            settings.uri,
            auth=(settings.user, settings.password),
            connection_timeout=5.0,
            connection_acquisition_timeout=10.0,
            max_transaction_retry_time=retry_seconds,
            max_connection_pool_size=50,
            notifications_min_severity="OFF",
        )
        return cls(driver, settings.database, retry_seconds)

    async def read(self, work: ReadWork[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        self._waiting()
        deadline = time.monotonic() + self._retry_seconds
        delay = 0.05
        while True:
            try:
                async with self.driver.session(
                    database=self.name, default_access_mode=READ_ACCESS
                ) as session:
                    return await work(session, *args, **kwargs)
            except _UNAVAILABLE as exc:
                retryable = isinstance(exc, _RETRYABLE)
                if not retryable or time.monotonic() + delay > deadline:
                    _log.warning("Neo4j unavailable during read: %s", exc)
                    raise GraphUnavailable("the graph database is unavailable") from exc
                await asyncio.sleep(delay)
                delay *= 2

    async def write(self, work: Work[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        self._waiting()
        try:
            async with self.driver.session(database=self.name) as session:
                return await session.execute_write(work, *args, **kwargs)
        except _UNAVAILABLE as exc:
            _log.warning("Neo4j unavailable during write: %s", exc)
            raise GraphUnavailable("the graph database is unavailable") from exc

    async def write_statement(self, work: ReadWork[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """A write of one statement, as an auto-commit transaction: one round trip where
        ``write`` takes two (run, then commit). Not retried: for a caller that handles failure
        (the audit writer falls back to ``write``)."""
        self._waiting()
        try:
            async with self.driver.session(database=self.name) as session:
                return await work(session, *args, **kwargs)
        except _UNAVAILABLE as exc:
            _log.warning("Neo4j unavailable during write: %s", exc)
            raise GraphUnavailable("the graph database is unavailable") from exc

    async def ping(self) -> None:
        """Raise GraphUnavailable unless Neo4j answers a trivial query now."""
        try:
            await self.driver.verify_connectivity()
        except _UNAVAILABLE as exc:
            raise GraphUnavailable("the graph database is unavailable") from exc

    async def close(self) -> None:
        await self.driver.close()
