"""The one door to Neo4j: driver lifecycle, transaction routing and error mapping.

    db = Database.connect(settings)
    people = await db.read(person_repository.by_ids, ids)
    await db.close()

Reads go through ``execute_read`` and writes through ``execute_write``, so a cluster routes them
and the driver retries transient failures; transaction functions must therefore be idempotent.
Every ``neo4j.exceptions`` error that means "the database is not there" becomes
:class:`GraphUnavailable` here and nowhere else.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Concatenate, ParamSpec, TypeVar

from neo4j import AsyncDriver, AsyncGraphDatabase, AsyncManagedTransaction
from neo4j.exceptions import (
    AuthError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graph.config import Neo4jSettings
from graph.errors import GraphUnavailable

P = ParamSpec("P")
T = TypeVar("T")
Work = Callable[Concatenate[AsyncManagedTransaction, P], Awaitable[T]]

_log = logging.getLogger(__name__)
_UNAVAILABLE = (ServiceUnavailable, SessionExpired, TransientError, AuthError, OSError)


class Database:
    """An async Neo4j driver bound to one database name."""

    def __init__(self, driver: AsyncDriver, name: str) -> None:
        self.driver = driver
        self.name = name

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
        return cls(driver, settings.database)

    async def read(self, work: Work[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        try:
            async with self.driver.session(database=self.name) as session:
                return await session.execute_read(work, *args, **kwargs)
        except _UNAVAILABLE as exc:
            _log.warning("Neo4j unavailable during read: %s", exc)
            raise GraphUnavailable("the graph database is unavailable") from exc

    async def write(self, work: Work[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        try:
            async with self.driver.session(database=self.name) as session:
                return await session.execute_write(work, *args, **kwargs)
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
