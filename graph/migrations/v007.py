"""Migration 7: disclosures found by person through a full-text index of personIds.

A relationship per person made each disclosure lock its people and cost more the more often they
had been seen; the records' personIds are indexed instead. (Migration 12 replaces the index.)
"""

from __future__ import annotations

from graph.migrations._migration import Migration

MIGRATION = Migration(
    7,
    "disclosures found by person through a full-text index of personIds",
    (
        "CREATE FULLTEXT INDEX disclosure_people IF NOT EXISTS "
        "FOR (n:Disclosure) ON EACH [n.personIds] OPTIONS { indexConfig: { "
        "`fulltext.analyzer`: 'keyword', `fulltext.eventually_consistent`: true } }",
        "MATCH (:Disclosure)-[r:DISCLOSES]->(:Person) "
        "CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
    ),
)
