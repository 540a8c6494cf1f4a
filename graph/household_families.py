"""Families from the households living together now (Appendix 4, step 2): what the households job
(``services.households``) reads and writes; the rules are ``domain.households.families``.

    (:Person)-[:MEMBER_OF {role, from, to, source: 'partner-lists'}]->(:Family {status})

A member's role follows their date of birth as it stands: when it no longer fits (a corrected date
of birth, a child come of age), the membership ends and another in the fitting role begins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from neo4j import AsyncManagedTransaction

from domain.households import FamilyGroup, HouseholdNow, Link, Occupant, Recast
from graph._cypher import PAGE, Tx, fetch, fetch_collected, fetch_paged
from graph.records import day
from vocabulary import MemberRole

# Households now, with the family each member is currently in (if any) and their role there;
# paged
# (graph._cypher.fetch_paged).
_HOUSEHOLDS = """
MATCH (h:Household) WHERE h.id > $after
WITH h ORDER BY h.id LIMIT $limit
CALL (h) {
  MATCH (p:Person)-[:IN_HOUSEHOLD]->(h) WHERE h.to IS NULL
  OPTIONAL MATCH (p)-[m:MEMBER_OF]->(f:Family) WHERE m.to IS NULL
  WITH p, m, f ORDER BY f.reference
  // The family they are in now, and their role in it when this job gave it.
  WITH p, head(collect(CASE WHEN f IS NOT NULL THEN
                         {reference: f.reference,
                          role: CASE WHEN m.source = 'partner-lists' THEN m.role END} END))
            AS membership
  RETURN collect({person: p.id, dob: toString(p.dateOfBirth), family: membership.reference,
                  role: membership.role}) AS people
}
RETURN max(h.id) AS last,
       collect(CASE WHEN size(people) > 0 THEN {household: h.id, people: people} END) AS rows
"""

# MERGE, not CREATE: a batch retried after its commit was lost adds no second family. A short
# reference is random, so now and then one is taken already (by an earlier family, or by another
# in this batch: see ``join``): that family takes the long form, which its id makes unique.
_NEW_FAMILIES = """
UNWIND $families AS family
OPTIONAL MATCH (taken:Family {reference: family.reference})
WITH family, taken IS NULL AS free
MERGE (f:Family {id: family.id})
ON CREATE SET f.reference = CASE WHEN free THEN family.reference ELSE family.unique END,
              f.status = 'IDENTIFIED', f.identifiedAt = $today, f.source = 'partner-lists'
"""

# The family is named by its id when this batch formed it, else by its reference.
_JOIN = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person})
CALL (row) {
  MATCH (f:Family {id: row.family}) RETURN f
  UNION
  MATCH (f:Family {reference: row.reference}) RETURN f
}
WITH p, f, row WHERE NOT EXISTS { (p)-[m:MEMBER_OF]->(:Family) WHERE m.to IS NULL }
CREATE (p)-[:MEMBER_OF {role: row.role, from: $today, source: 'partner-lists'}]->(f)
RETURN count(*) AS joined
"""

# A role that no longer fits: the membership ends and one in the fitting role begins, so the
# family's history keeps what was recorded before.
_RECAST = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person})-[m:MEMBER_OF {source: 'partner-lists'}]->
      (f:Family {reference: row.reference})
WHERE m.to IS NULL AND m.role <> row.role
SET m.to = $today
CREATE (p)-[:MEMBER_OF {role: row.role, from: $today, source: 'partner-lists'}]->(f)
RETURN count(*) AS recast
"""

# Practitioners' links reach across addresses: who among these people is linked to whom, and the
# family the other person is in now (if any).
_LINKS = """
UNWIND $people AS id
MATCH (a:Person {id: id})-[r:RELATED_TO]-(b:Person)
WHERE r.revokedAt IS NULL AND r.source = 'PRACTITIONER'
OPTIONAL MATCH (b)-[m:MEMBER_OF]->(f:Family) WHERE m.to IS NULL
RETURN collect({a: a.id, b: b.id, family: f.reference}) AS links
"""


async def households_now(tx: Tx) -> list[Any]:
    """The households living together now, as Neo4j returns them (``occupied`` makes them the
    rules' input)."""
    return await fetch_paged(tx, _HOUSEHOLDS)


def occupied(rows: Sequence[Any]) -> list[HouseholdNow]:
    """The rows of ``households_now`` as the rules read them (no I/O)."""
    return [
        HouseholdNow(
            h["household"],
            tuple(
                Occupant(p["person"], day(p["dob"]), p["family"], _role(p["role"]))
                for p in h["people"]
            ),
        )
        for h in rows
    ]


def _role(value: str | None) -> MemberRole | None:
    return MemberRole(value) if value is not None and value in MemberRole.__members__ else None


async def links(tx: Tx, people: list[str]) -> list[Link]:
    """Practitioners' links standing from any of ``people``, with the family the other person is
    in now (asked a page of people at a time)."""
    found: list[Link] = []
    for start in range(0, len(people), PAGE):
        rows = await fetch_collected(tx, _LINKS, people=people[start : start + PAGE])
        found += [Link(row["a"], row["b"], row["family"]) for row in rows]
    return found


async def join(tx: AsyncManagedTransaction, batch: Sequence[FamilyGroup], today: dt.date) -> int:
    """Form the new families of ``batch`` and let each group's people join theirs, unless they
    are in a family now; how many joined. Idempotent."""
    new = []
    short: set[str] = set()
    for g in batch:
        if g.new_id is not None:
            unique = f"H-{g.new_id.replace('-', '').upper()}"
            new.append(
                {
                    "id": g.new_id,
                    "reference": unique if g.reference in short else g.reference,
                    "unique": unique,
                }
            )
            short.add(g.reference)
    rows = [
        {
            "person": j.person,
            "family": g.new_id,
            "reference": None if g.new_id else g.reference,
            "role": j.role,
        }
        for g in batch
        for j in g.joining
    ]
    if new:
        await fetch(tx, _NEW_FAMILIES, families=new, today=today)
    if not rows:
        return 0
    return int((await fetch(tx, _JOIN, rows=rows, today=today))[0]["joined"])


async def recast(tx: AsyncManagedTransaction, batch: Sequence[Recast], today: dt.date) -> int:
    """End the memberships of ``batch`` whose role no longer fits and begin them again in the
    fitting role; how many. Idempotent."""
    if not batch:
        return 0
    rows = [{"person": r.person, "reference": r.family, "role": r.role.value} for r in batch]
    return int((await fetch(tx, _RECAST, rows=rows, today=today))[0]["recast"])
