"""Migration 24: assessment runs are kept, each family's decision in each run with them
(eligibility history)."""

from __future__ import annotations

from graph.migrations._migration import Migration

MIGRATION = Migration(
    24,
    "assessment runs kept, with each family's decision",
    (
        "CREATE CONSTRAINT assessment_run_id IF NOT EXISTS "
        "FOR (n:AssessmentRun) REQUIRE n.id IS UNIQUE",
        # A family's decision in a run, "<run id>|<family id>": recorded once however often a
        # page is retried.
        "CREATE CONSTRAINT family_assessment_key IF NOT EXISTS "
        "FOR (n:FamilyAssessment) REQUIRE n.key IS UNIQUE",
    ),
)
