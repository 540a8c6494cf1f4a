"""Migration 13: each distinct list of disclosed people stored once (audit)."""

from __future__ import annotations

from graph.migrations._migration import Migration

MIGRATION = Migration(
    13,
    "each distinct list of disclosed people stored once",
    (
        "CREATE CONSTRAINT disclosed_people_digest IF NOT EXISTS "
        "FOR (n:DisclosedPeople) REQUIRE n.digest IS UNIQUE",
    ),
)
