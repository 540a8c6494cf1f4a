"""Migration 20: decisions to share without consent (graph.sharing_decisions)."""

from __future__ import annotations

from graph.migrations._migration import Migration

MIGRATION = Migration(
    20,
    "decisions to share without consent",
    (
        "CREATE CONSTRAINT sharing_decision_id IF NOT EXISTS "
        "FOR (n:SharingDecision) REQUIRE n.id IS UNIQUE",
        "CREATE INDEX sharing_decision_status IF NOT EXISTS FOR (n:SharingDecision) ON (n.status)",
    ),
)
