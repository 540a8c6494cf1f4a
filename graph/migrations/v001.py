"""Migration 1: identity constraints."""

from __future__ import annotations

from graph.migrations._migration import Migration

MIGRATION = Migration(
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
        "CREATE CONSTRAINT criterion_code IF NOT EXISTS FOR (n:Criterion) REQUIRE n.code IS UNIQUE",
        "CREATE CONSTRAINT source_record_id IF NOT EXISTS "
        "FOR (n:SourceRecord) REQUIRE n.id IS UNIQUE",
        "CREATE CONSTRAINT related_to_id IF NOT EXISTS "
        "FOR ()-[r:RELATED_TO]-() REQUIRE r.id IS UNIQUE",
    ),
)
