"""Migration 5: consent records (graph.consent)."""

from __future__ import annotations

from graph.migrations._migration import Migration

MIGRATION = Migration(
    5,
    "consent records",
    (
        "CREATE CONSTRAINT consent_id IF NOT EXISTS FOR (n:Consent) REQUIRE n.id IS UNIQUE",
        # Access decisions look for consents in force (status GIVEN) of the people they read.
        "CREATE INDEX consent_status IF NOT EXISTS FOR (n:Consent) ON (n.status)",
    ),
)
