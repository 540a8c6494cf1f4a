"""Migration 18: consent summaries found by the day they hold until.

Lapsed summaries are found through it and summarised afresh (graph.consent_upkeep). Migration 19
replaces it with an index on ``consentUntil``.
"""

from __future__ import annotations

from graph.migrations._migration import Migration

MIGRATION = Migration(
    18,
    "consent summaries found by the day they hold until",
    (
        "CREATE RANGE INDEX person_consent_keys_until IF NOT EXISTS "
        "FOR (n:Person) ON (n.consentKeysUntil)",
    ),
)
