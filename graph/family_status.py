"""Recording each family's status as an eligibility framework decided it, and why.

    (:Family {status, statusFramework, statusFrameworkVersion, statusReasons, statusAssessedAt})

The facts an assessment reads (current members' dates of birth and the due dates partners sent
for them, the criterion codes partners reported about them, whether the case is closed) come from
here; the decision itself is domain.eligibility's, so a council's own framework decides exactly
like the national ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph import records
from graph._cypher import Tx, fetch, fetch_collected

_FACTS = """
MATCH (f:Family)
WHERE f.reference > $after
WITH f ORDER BY f.reference LIMIT $limit
CALL (f) {
  OPTIONAL MATCH (f)<-[m:MEMBER_OF]-(p:Person) WHERE m.to IS NULL
  WITH collect(DISTINCT p) AS people
  // A comprehension keeps a member with no date of birth (as null); collect() would drop them.
  // Due dates come from the records about the person now: a correction that removed one has
  // left it only in a SourceRecordVersion, and a merge moved the absorbed person's records here.
  RETURN [p IN people | {born: p.dateOfBirth,
                         due: [(p)<-[:ABOUT]-(s:SourceRecord) WHERE s.expectedDueDate IS NOT NULL
                               | s.expectedDueDate]}] AS members,
         COLLECT { UNWIND people AS p
                   MATCH (p)<-[:ABOUT]-(:SourceRecord)-[:REPORTS]->(c:Criterion)
                   RETURN DISTINCT c.code } AS indicators
}
RETURN collect({id: f.id, reference: f.reference, closed: f.status = 'CLOSED', members: members,
                indicators: indicators}) AS families
"""

_RECORD = """
UNWIND $rows AS row
MATCH (f:Family {id: row.id})
SET f.status = row.status, f.statusFramework = $framework,
    f.statusFrameworkVersion = $version, f.statusReasons = row.reasons,
    f.statusAssessedAt = $assessedAt
"""


@dataclass(frozen=True)
class MemberFacts:
    date_of_birth: dt.date | None
    # Expected due dates partners sent for this person (health data), past ones included.
    due_dates: tuple[dt.date, ...] = ()


@dataclass(frozen=True)
class FamilyFacts:
    id: str
    reference: str
    closed: bool
    members: tuple[MemberFacts, ...]  # its current members
    indicators: frozenset[str]


@dataclass(frozen=True)
class Decision:
    family_id: str
    status: str
    reasons: tuple[str, ...]


async def facts(tx: Tx, after: str, limit: int) -> list[FamilyFacts]:
    """A batch of families in reference order, after ``after``, with what an assessment reads."""
    rows = await fetch_collected(tx, _FACTS, after=after, limit=limit)
    return [_facts(r) for r in rows]


def _facts(r: Any) -> FamilyFacts:
    return FamilyFacts(
        id=r["id"],
        reference=r["reference"],
        closed=bool(r["closed"]),
        members=tuple(
            MemberFacts(records.native(m["born"]), tuple(records.native(d) for d in m["due"]))
            for m in r["members"]
        ),
        indicators=frozenset(str(c) for c in r["indicators"]),
    )


async def record(
    tx: AsyncManagedTransaction,
    decisions: Sequence[Decision],
    framework: str,
    version: str,
    assessed_at: dt.datetime,
) -> None:
    rows = [{"id": d.family_id, "status": d.status, "reasons": list(d.reasons)} for d in decisions]
    await fetch(
        tx, _RECORD, rows=rows, framework=framework, version=version, assessedAt=assessed_at
    )
