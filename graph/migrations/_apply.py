"""Applying the migrations a database lacks, in order."""

from __future__ import annotations

from graph._cypher import Tx, fetch
from graph.database import Database
from graph.migrations._history import MIGRATIONS

_APPLIED = "MATCH (m:SchemaMigration) RETURN m.version AS version"
_RECORD = """
MERGE (m:SchemaMigration {version: $version})
ON CREATE SET m.name = $name, m.appliedAt = datetime()
"""
_AWAIT_INDEXES = "CALL db.awaitIndexes(300)"


async def _applied_versions(tx: Tx) -> set[int]:
    return {record["version"] for record in await fetch(tx, _APPLIED)}


async def migrate(db: Database) -> list[int]:
    """Apply the migrations this database lacks, in order; return the versions applied now."""
    applied = await db.read(_applied_versions)
    done: list[int] = []
    for migration in MIGRATIONS:
        if migration.version in applied:
            continue
        # Schema commands cannot share a transaction with data writes, so each runs alone.
        async with db.driver.session(database=db.name) as session:
            for statement in migration.statements:
                await (await session.run(statement)).consume()
        if migration.rewrite is not None:
            await migration.rewrite(db)
        async with db.driver.session(database=db.name) as session:
            await (
                await session.run(_RECORD, version=migration.version, name=migration.name)
            ).consume()
        done.append(migration.version)
    async with db.driver.session(database=db.name) as session:
        await (await session.run(_AWAIT_INDEXES)).consume()
    return done
