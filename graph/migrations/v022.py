"""Migration 22: each distinct list of what disclosures rested on stored once, as people are
(audit)."""

from __future__ import annotations

from graph.migrations._migration import Migration

MIGRATION = Migration(
    22,
    "each distinct list of what disclosures rested on stored once",
    (
        "CREATE CONSTRAINT disclosed_bases_digest IF NOT EXISTS "
        "FOR (n:DisclosedBases) REQUIRE n.digest IS UNIQUE",
    ),
)
