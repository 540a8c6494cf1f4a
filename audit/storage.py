"""How the audit is stored in Neo4j: its constraints and indexes (applied by graph.migrations),
and the Cypher that reads a record back as it was hashed (audit.chain, audit.listings).
"""

from __future__ import annotations

from typing import LiteralString

# Applied by graph.migrations; every statement is idempotent.
MIGRATION_STATEMENTS: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT disclosure_id IF NOT EXISTS FOR (n:Disclosure) REQUIRE n.id IS UNIQUE",
    # A second writer that somehow missed the chain lock fails here instead of forking the chain.
    "CREATE CONSTRAINT disclosure_chain_sequence IF NOT EXISTS "
    "FOR (n:Disclosure) REQUIRE n.chainSequence IS UNIQUE",
    # verify() walks a chain in sequence order: equality on chain, range on sequence.
    "CREATE INDEX disclosure_chain_position IF NOT EXISTS "
    "FOR (n:Disclosure) ON (n.chain, n.sequence)",
    "CREATE INDEX disclosure_user_id IF NOT EXISTS FOR (n:Disclosure) ON (n.userId)",
    # Without it two first writers could each MERGE a head node and fork the chain.
    "CREATE CONSTRAINT audit_chain_name IF NOT EXISTS FOR (n:AuditChain) REQUIRE n.name IS UNIQUE",
)

# The people of the record bound to `d`: its own list (records before migration 13), else the
# stored list its peopleDigest names; null when neither is there (which fails verification).
PEOPLE_OF_D: LiteralString = (
    "coalesce(d.personIds, COLLECT { MATCH (dp:DisclosedPeople {digest: d.peopleDigest}) "
    "RETURN dp.personIds }[0])"
)
# What the disclosures of the record bound to `d` rested on: the stored list its restedOnDigest
# names; null for records written before it (which then hash without it).
RESTED_ON_OF_D: LiteralString = (
    "COLLECT { MATCH (db:DisclosedBases {digest: d.restedOnDigest}) RETURN db.refs }[0]"
)
# A record's stored properties as it was hashed: with its lists of people and of bases.
AS_HASHED: LiteralString = (
    "d {.*, personIds: " + PEOPLE_OF_D + ", restedOn: " + RESTED_ON_OF_D + "}"
)

# Migration 12: records found by person through AuditSubject spans (see audit.chain),
# instead of the full-text index of migration 7. Records written before it get one span per person
# and chain, from their first record to their last; a span already covering that first record
# (the migration ran before and died before it was recorded) is not made twice.
SUBJECT_MIGRATION_STATEMENTS: tuple[LiteralString, ...] = (
    "CREATE INDEX audit_subject_person IF NOT EXISTS FOR (n:AuditSubject) ON (n.personId)",
    """
MATCH (d:Disclosure)
UNWIND """
    + PEOPLE_OF_D
    + """ AS personId
WITH d.chain AS chain, personId, min(d.sequence) AS first, max(d.sequence) AS last
WHERE NOT EXISTS {
  MATCH (s:AuditSubject {personId: personId}) WHERE s.chain = chain AND s.first <= first }
CREATE (:AuditSubject {personId: personId, chain: chain, first: first, last: last})
""",
    "DROP INDEX disclosure_people IF EXISTS",
)

# Migration 13: each distinct list of people stored once (see audit.chain).
PEOPLE_MIGRATION_STATEMENTS: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT disclosed_people_digest IF NOT EXISTS "
    "FOR (n:DisclosedPeople) REQUIRE n.digest IS UNIQUE",
)

# Migration 22: each distinct list of what disclosures rested on stored once, as people are.
BASES_MIGRATION_STATEMENTS: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT disclosed_bases_digest IF NOT EXISTS "
    "FOR (n:DisclosedBases) REQUIRE n.digest IS UNIQUE",
)
