"""The real Neo4j every test runs against.

Unless NEO4J_URI is set, one local Neo4j Community server is started for the session (data in a
fresh folder under .local/neo4j/, removed afterwards; a free loopback port) and stopped at the end,
so two test runs never share a database. The database is emptied once at
the start: with NEO4J_URI set, point it at a database you are happy to lose.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

from devtools.local_neo4j import configured_or_local
from graph.config import Neo4jSettings
from graph.database import Database
from graph.migrations import migrate

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[Neo4jSettings]:
    parent = ROOT / ".local" / "neo4j"
    parent.mkdir(parents=True, exist_ok=True)
    data_dir = Path(tempfile.mkdtemp(prefix="test-", dir=parent))
    try:
        with configured_or_local(data_dir, heap="768m") as settings:
            yield settings
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


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
