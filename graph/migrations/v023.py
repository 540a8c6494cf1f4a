"""Migration 23: assessment runs are kept, each family's decision in each run with them
(eligibility history)."""

from __future__ import annotations

from graph.migrations._migration import Migration

MIGRATION = Migration(
    23,
    "assessment runs kept, with each family's decision",
    (
        "CREATE CONSTRAINT assessment_run_id IF NOT EXISTS "
        "FOR (n:AssessmentRun) REQUIRE n.id IS UNIQUE",
    ),
)
