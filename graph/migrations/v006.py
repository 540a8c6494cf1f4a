"""Migration 6: disclosures point at people with DISCLOSES.

Disclosures and consents both pointed at people with CONCERNS, so finding a person's consent
walked every disclosure about them: disclosures get a type of their own.
"""

from __future__ import annotations

from graph.migrations._migration import Migration

MIGRATION = Migration(
    6,
    "disclosures point at people with DISCLOSES",
    (
        "MATCH (:Disclosure)-[r:CONCERNS]->(:Person) "
        "CALL (r) { WITH r, startNode(r) AS d, endNode(r) AS p "
        "CREATE (d)-[:DISCLOSES]->(p) DELETE r } IN TRANSACTIONS OF 10000 ROWS",
    ),
)
