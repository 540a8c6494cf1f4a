"""Migrations create their constraints and indexes on the real Neo4j, and run twice safely."""

from __future__ import annotations

import pytest
from neo4j.exceptions import ConstraintError

from graph import MIGRATIONS, Database, migrate


async def _names(db: Database, query: str) -> set[str]:
    async with db.driver.session(database=db.name) as session:
        result = await session.run(query)
        return {record["name"] async for record in result}


async def test_every_constraint_and_index_exists(db: Database) -> None:
    constraints = await _names(db, "SHOW CONSTRAINTS YIELD name")
    indexes = await _names(db, "SHOW INDEXES YIELD name")
    assert {
        "person_id",
        "address_id",
        "family_id",
        "family_reference",
        "organisation_id",
        "user_id",
        "criterion_code",
        "source_record_id",
        "related_to_id",
        "schema_migration_version",
        "disclosed_people_digest",
        "assessment_run_id",
        "family_assessment_key",
    } <= constraints
    assert {
        "person_name_key",
        "person_date_of_birth",
        "address_postcode_district",
        "address_uprn",
        "family_status",
        "audit_subject_person",
    } <= indexes
    assert "disclosure_people" not in indexes  # replaced by the spans of migration 12


async def test_migrations_are_recorded_and_idempotent(db: Database) -> None:
    assert await migrate(db) == []
    async with db.driver.session(database=db.name) as session:
        result = await session.run("MATCH (m:SchemaMigration) RETURN m.version AS v ORDER BY v")
        versions = [record["v"] async for record in result]
    assert versions == [m.version for m in MIGRATIONS]


async def test_uniqueness_is_enforced(db: Database) -> None:
    async with db.driver.session(database=db.name) as session:
        await (await session.run("MERGE (:Family {id: 'mig-f1', reference: 'F-MIG'})")).consume()
        with pytest.raises(ConstraintError):
            await (
                await session.run("CREATE (:Family {id: 'mig-f2', reference: 'F-MIG'})")
            ).consume()
        await (await session.run("MATCH (f:Family {reference: 'F-MIG'}) DELETE f")).consume()


async def test_migration_23_stops_stored_rejections_repeating_an_unknown_code(
    db: Database,
) -> None:
    from graph.migrations import v023

    old = "criteria has the unknown code 'JANE SMITH DV RISK'; use the codes of the criteria ..."
    async with db.driver.session(database=db.name) as session:
        await (
            await session.run(
                "CREATE (:UploadRejection {uploadId: 'mig-23', ordinal: 0, rowNumber: 2, "
                "field: 'criteria', code: 'UNKNOWN_CRITERION', message: $old}), "
                "(:UploadRejection {uploadId: 'mig-23', ordinal: 1, rowNumber: 3, "
                "field: 'postcode', code: 'INVALID_POSTCODE', message: 'postcode is not valid'})",
                old=old,
            )
        ).consume()
        for statement in v023.MIGRATION.statements:
            await (await session.run(statement)).consume()
        result = await session.run(
            "MATCH (x:UploadRejection {uploadId: 'mig-23'}) "
            "RETURN x.message AS message ORDER BY x.ordinal"
        )
        messages = [record["message"] async for record in result]
        await (
            await session.run("MATCH (x:UploadRejection {uploadId: 'mig-23'}) DELETE x")
        ).consume()
    assert messages == [
        "criteria has a code that is not in the criteria catalogue; use the catalogue's codes, "
        "separated by ';' or '|' in CSV",
        "postcode is not valid",
    ]
