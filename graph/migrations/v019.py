"""Migration 19: consent summaries name the decision that counts for each recipient.

Consent as decisions over time (domain.consent): the decision that counts for each recipient is
summarised, not every given consent. Everyone without a decision holds "nothing" for ever;
everyone with one is summarised afresh by the rule (graph.consent_summary), in code: the rule is
Python, and summaries must be what the reads of the code of the day expect, so the rewrite calls
the current rule rather than a frozen copy.
"""

from __future__ import annotations

from domain import consent as rule
from graph import consent_summary
from graph.database import Database
from graph.migrations._migration import Migration


async def _summarise_everyone(db: Database) -> None:
    # At the default consent age: a council's own is applied when its first API process starts
    # (graph.consent_upkeep).
    await consent_summary.refresh_all(db, rule.DEFAULT_CONSENT_AGE)
    await db.write(consent_summary.record_consent_age, rule.DEFAULT_CONSENT_AGE)


MIGRATION = Migration(
    19,
    "consent summaries name the decision that counts for each recipient",
    (
        "DROP INDEX person_consent_keys_until IF EXISTS",
        "CREATE RANGE INDEX person_consent_until IF NOT EXISTS FOR (n:Person) ON (n.consentUntil)",
        "CREATE CONSTRAINT consent_settings_name IF NOT EXISTS "
        "FOR (n:ConsentSettings) REQUIRE n.name IS UNIQUE",
        "MATCH (p:Person) WHERE p.consentKeysUntil IS NOT NULL OR p.consentUntil IS NULL"
        " CALL (p) { REMOVE p.consentKeysUntil SET p.consentUntil = date('9999-12-31') }"
        " IN TRANSACTIONS OF 5000 ROWS",
    ),
    rewrite=_summarise_everyone,
)
