"""Versioned, idempotent schema migrations, applied at start-up.

Each migration is a list of statements that are safe to run twice (``IF NOT EXISTS``), and for
data Cypher cannot compute as Python does, a rewrite that is safe to run twice too; the version
is recorded on a ``:SchemaMigration`` node once all its statements have run, so a process that dies
half-way simply runs that migration again. Several API processes may start together: they run the
same idempotent statements and record the same versions.

A migration, once released, never changes: add a new one instead.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import LiteralString

from audit import storage
from graph import (
    _frozen_migrations,
    access_changes,
    break_glass,
    consent,
    consent_summary,
    households,
    identities,
    people,
    sharing_decisions,
    uploads,
)
from graph._cypher import Tx, fetch
from graph.database import Database


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[LiteralString, ...]
    # Data that Cypher cannot compute alike (graph.text's folding), rewritten after the statements,
    # in transactions of its own choosing; safe to run twice, like them.
    rewrite: Callable[[Database], Awaitable[object]] | None = None


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "identity constraints",
        (
            "CREATE CONSTRAINT schema_migration_version IF NOT EXISTS "
            "FOR (m:SchemaMigration) REQUIRE m.version IS UNIQUE",
            "CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT address_id IF NOT EXISTS FOR (n:Address) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT family_id IF NOT EXISTS FOR (n:Family) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT family_reference IF NOT EXISTS "
            "FOR (n:Family) REQUIRE n.reference IS UNIQUE",
            "CREATE CONSTRAINT organisation_id IF NOT EXISTS "
            "FOR (n:Organisation) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT user_id IF NOT EXISTS FOR (n:User) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT criterion_code IF NOT EXISTS "
            "FOR (n:Criterion) REQUIRE n.code IS UNIQUE",
            "CREATE CONSTRAINT source_record_id IF NOT EXISTS "
            "FOR (n:SourceRecord) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT related_to_id IF NOT EXISTS "
            "FOR ()-[r:RELATED_TO]-() REQUIRE r.id IS UNIQUE",
        ),
    ),
    Migration(
        2,
        "lookup indexes for dashboard filters",
        (
            "CREATE TEXT INDEX person_name_key IF NOT EXISTS FOR (n:Person) ON (n.nameKey)",
            "CREATE INDEX person_date_of_birth IF NOT EXISTS FOR (n:Person) ON (n.dateOfBirth)",
            "CREATE INDEX address_postcode_district IF NOT EXISTS "
            "FOR (n:Address) ON (n.postcodeDistrict)",
            "CREATE INDEX address_uprn IF NOT EXISTS FOR (n:Address) ON (n.uprn)",
            "CREATE INDEX family_status IF NOT EXISTS FOR (n:Family) ON (n.status)",
        ),
    ),
    Migration(3, "hash-chained audit of disclosures", storage.MIGRATION_STATEMENTS),
    Migration(4, "break-glass grants and notifications", break_glass.MIGRATION_STATEMENTS),
    Migration(5, "consent records", consent.MIGRATION_STATEMENTS),
    # Disclosures and consents both pointed at people with CONCERNS, so finding a person's
    # consent walked every disclosure about them: disclosures get a type of their own.
    Migration(
        6,
        "disclosures point at people with DISCLOSES",
        (
            "MATCH (:Disclosure)-[r:CONCERNS]->(:Person) "
            "CALL (r) { WITH r, startNode(r) AS d, endNode(r) AS p "
            "CREATE (d)-[:DISCLOSES]->(p) DELETE r } IN TRANSACTIONS OF 10000 ROWS",
        ),
    ),
    # A relationship per person made each disclosure lock its people and cost more the more often
    # they had been seen; the records' personIds are indexed instead (audit.storage).
    Migration(
        7,
        "disclosures found by person through a full-text index of personIds",
        (
            "CREATE FULLTEXT INDEX disclosure_people IF NOT EXISTS "
            "FOR (n:Disclosure) ON EACH [n.personIds] OPTIONS { indexConfig: { "
            "`fulltext.analyzer`: 'keyword', `fulltext.eventually_consistent`: true } }",
            "MATCH (:Disclosure)-[r:DISCLOSES]->(:Person) "
            "CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
        ),
    ),
    Migration(8, "partner uploads and their source records", uploads.MIGRATION_STATEMENTS),
    Migration(9, "match review queue and reversible merges", identities.MIGRATION_STATEMENTS),
    Migration(10, "addresses keyed by UPRN or normalised address", households.MIGRATION_STATEMENTS),
    Migration(
        11, "households over time, by id and address", households.HOUSEHOLD_MIGRATION_STATEMENTS
    ),
    # Refreshing migration 7's full-text index after each shipped batch slowed the requests beside
    # it; spans written with each batch replace it (audit.chain).
    Migration(
        12, "disclosures found by person through spans", storage.SUBJECT_MIGRATION_STATEMENTS
    ),
    Migration(
        13,
        "each distinct list of disclosed people stored once",
        storage.PEOPLE_MIGRATION_STATEMENTS,
    ),
    # The consent check of every read trusts a summary on the person while it holds.
    Migration(
        14,
        "each person's consents summarised on the person",
        (_frozen_migrations.CONSENT_SUMMARY_REBUILD,),
    ),
    # The text index answers `name` filters (CONTAINS); this one hands out people in name order,
    # so a page of `people` reads its rows from the index instead of sorting everyone.
    Migration(
        15,
        "people in name order from an index",
        ("CREATE RANGE INDEX person_name_order IF NOT EXISTS FOR (n:Person) ON (n.nameKey)",),
    ),
    Migration(16, "name keys without accents", (), rewrite=people.refresh_all_name_keys),
    # Each purpose's keys as one number in the person's own record (graph.consent_summary).
    Migration(
        17,
        "consent summaries as one number per purpose",
        (_frozen_migrations.CONSENT_SUMMARY_REBUILD,),
    ),
    # Lapsed summaries are found through it and summarised afresh (graph.consent_upkeep).
    Migration(
        18,
        "consent summaries found by the day they hold until",
        (
            "CREATE RANGE INDEX person_consent_keys_until IF NOT EXISTS "
            "FOR (n:Person) ON (n.consentKeysUntil)",
        ),
    ),
    # Consent as decisions over time (domain.consent): the decision that counts for each recipient
    # is summarised, not every given consent. Everyone without a decision holds "nothing" for
    # ever; everyone with one is summarised afresh by the rule.
    Migration(
        19,
        "consent summaries name the decision that counts for each recipient",
        (
            *consent_summary.MIGRATION_STATEMENTS,
            "MATCH (p:Person) WHERE p.consentKeysUntil IS NOT NULL OR p.consentUntil IS NULL"
            " CALL (p) { REMOVE p.consentKeysUntil SET p.consentUntil = date('9999-12-31') }"
            " IN TRANSACTIONS OF 5000 ROWS",
        ),
        rewrite=consent_summary.rewrite_for_migration,
    ),
    Migration(20, "decisions to share without consent", sharing_decisions.MIGRATION_STATEMENTS),
    Migration(21, "the register of users and its changes", access_changes.MIGRATION_STATEMENTS),
    Migration(
        22,
        "each distinct list of what disclosures rested on stored once",
        storage.BASES_MIGRATION_STATEMENTS,
    ),
)

_APPLIED = "MATCH (m:SchemaMigration) RETURN m.version AS version"
_RECORD = """
MERGE (m:SchemaMigration {version: $version})
ON CREATE SET m.name = $name, m.appliedAt = datetime()
"""


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
        await (await session.run("CALL db.awaitIndexes(300)")).consume()
    return done
