"""Migration 9: the match review queue and reversible merges (graph.matching)."""

from __future__ import annotations

from graph.migrations._migration import Migration

MIGRATION = Migration(
    9,
    "match review queue and reversible merges",
    (
        "CREATE CONSTRAINT match_review_id IF NOT EXISTS "
        "FOR (n:MatchReview) REQUIRE n.id IS UNIQUE",
        "CREATE CONSTRAINT match_review_pair IF NOT EXISTS "
        "FOR (n:MatchReview) REQUIRE n.pair IS UNIQUE",
        "CREATE INDEX match_review_status IF NOT EXISTS "
        "FOR (n:MatchReview) ON (n.status, n.createdAt)",
        "CREATE CONSTRAINT merge_id IF NOT EXISTS FOR (n:Merge) REQUIRE n.id IS UNIQUE",
    ),
)
