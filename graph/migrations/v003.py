"""Migration 3: the hash-chained audit of disclosures (audit)."""

from __future__ import annotations

from graph.migrations._migration import Migration

MIGRATION = Migration(
    3,
    "hash-chained audit of disclosures",
    (
        "CREATE CONSTRAINT disclosure_id IF NOT EXISTS FOR (n:Disclosure) REQUIRE n.id IS UNIQUE",
        # A second writer that somehow missed the chain lock fails here instead of forking the
        # chain.
        "CREATE CONSTRAINT disclosure_chain_sequence IF NOT EXISTS "
        "FOR (n:Disclosure) REQUIRE n.chainSequence IS UNIQUE",
        # verify() walks a chain in sequence order: equality on chain, range on sequence.
        "CREATE INDEX disclosure_chain_position IF NOT EXISTS "
        "FOR (n:Disclosure) ON (n.chain, n.sequence)",
        "CREATE INDEX disclosure_user_id IF NOT EXISTS FOR (n:Disclosure) ON (n.userId)",
        # Without it two first writers could each MERGE a head node and fork the chain.
        "CREATE CONSTRAINT audit_chain_name IF NOT EXISTS "
        "FOR (n:AuditChain) REQUIRE n.name IS UNIQUE",
    ),
)
