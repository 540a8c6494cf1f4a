"""How the audit's records are read back from Neo4j as they were hashed (audit.chain,
audit.listings). Its constraints and indexes are released migrations (graph.migrations v003, v012,
v013, v022).
"""

from __future__ import annotations

from typing import LiteralString

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
