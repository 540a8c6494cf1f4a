"""The real Neo4j every test runs against.

Unless NEO4J_URI is set, one local Neo4j Community server is started for the session (data under
.local/neo4j/test, a free loopback port) and stopped at the end. The database is emptied once at
the start: with NEO4J_URI set, point it at a database you are happy to lose.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

from graph.config import Neo4jSettings
from graph.database import Database
from graph.local_server import configured_or_local
from graph.migrations import migrate

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[Neo4jSettings]:
    with configured_or_local(ROOT / ".local" / "neo4j" / "test", heap="768m") as settings:
        yield settings


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def db(neo4j_settings: Neo4jSettings) -> AsyncIterator[Database]:
    database = Database.connect(neo4j_settings)
    async with database.driver.session(database=database.name) as session:
        await (
            await session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS")
        ).consume()
    await migrate(database)
    yield database
    await database.close()
