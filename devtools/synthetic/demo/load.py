"""Loading a synthetic dataset into Neo4j: ``UNWIND $rows`` batches, one transaction each.

Every statement MERGEs on the kind's unique key (or, for relationships without one, on the pair
of nodes) and sets properties only ON CREATE. So a second load of the same dataset changes
nothing, a batch the driver retries does no harm, and loading again over a demo database never
undoes what the API has since recorded (a revoked link stays revoked, a moved person stays moved).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import LiteralString

from neo4j import AsyncManagedTransaction

from devtools.synthetic.demo.dataset import Dataset, Row
from devtools.synthetic.demo.users import DEMO_USERS, practitioner_roster
from graph import consent_summary
from graph._cypher import fetch
from graph.access_register import DEFAULT_USER_AGREEMENT_VERSION
from graph.database import Database

ORGANISATIONS = """
UNWIND $rows AS row
MERGE (n:Organisation {id: row.id}) ON CREATE SET n += row
"""

CRITERIA = """
UNWIND $rows AS row
MERGE (n:Criterion {code: row.code}) ON CREATE SET n += row
"""

# In the register as approved, with the user agreement accepted, once: a user loaded before the
# register existed is put in it too, and one already put there keeps what the API made of it.
USERS = """
UNWIND $rows AS row
MERGE (n:User {id: row.id}) ON CREATE SET n += row
WITH n, row
WHERE n.registeredBy IS NULL
SET n += row, n.registeredBy = 'synthetic-data', n.userAgreementVersion = $userAgreementVersion,
    n.userAgreementAcceptedAt = datetime()
"""

WORKS_FOR = """
UNWIND $rows AS row
MATCH (u:User {id: row.userId})
MATCH (o:Organisation {id: row.organisationId})
MERGE (u)-[:WORKS_FOR]->(o)
"""

ADDRESSES = """
UNWIND $rows AS row
MERGE (n:Address {id: row.id}) ON CREATE SET n += row
"""

# A new person has no consent yet, and their consent summary says so (graph.consent_summary).
PEOPLE = """
UNWIND $rows AS row
MERGE (n:Person {id: row.id})
ON CREATE SET n += row, n.consentUntil = date('9999-12-31')
"""

FAMILIES = """
UNWIND $rows AS row
MERGE (n:Family {id: row.id}) ON CREATE SET n += row
"""

LIVES_AT = """
UNWIND $rows AS row
MATCH (p:Person {id: row.personId})
MATCH (a:Address {id: row.addressId})
MERGE (p)-[l:LIVES_AT {from: row.from}]->(a) ON CREATE SET l.to = row.to
"""

MEMBER_OF = """
UNWIND $rows AS row
MATCH (p:Person {id: row.personId})
MATCH (f:Family {id: row.familyId})
MERGE (p)-[m:MEMBER_OF]->(f)
ON CREATE SET m.role = row.role, m.from = row.from, m.to = row.to
"""

TEAMS = """
UNWIND $rows AS row
MATCH (u:User {id: row.userId})
MATCH (f:Family {id: row.familyId})
MERGE (u)-[t:MEMBER_OF_TEAM]->(f)
ON CREATE SET t.lead = row.lead, t.from = row.from
"""

# Each person's consent summary is written with their consents (graph.consent_summary, by
# load() below).
CONSENTS = """
UNWIND $rows AS row
MATCH (p:Person {id: row.personId})
MERGE (c:Consent {id: row.id})
ON CREATE SET c += row REMOVE c.personId
MERGE (c)-[:CONCERNS]->(p)
"""

RELATED_TO = """
UNWIND $rows AS row
MATCH (a:Person {id: row.fromId})
MATCH (b:Person {id: row.toId})
MERGE (a)-[r:RELATED_TO {id: row.id}]->(b)
ON CREATE SET r.kind = row.kind, r.source = row.source, r.createdAt = row.createdAt,
              r.createdBy = row.createdBy, r.rationale = row.rationale,
              r.revokedAt = row.revokedAt
"""

SOURCE_RECORDS = """
UNWIND $rows AS row
MERGE (n:SourceRecord {id: row.id}) ON CREATE SET n += row
"""

SUPPLIED_BY = """
UNWIND $rows AS row
MATCH (s:SourceRecord {id: row.sourceRecordId})
MATCH (o:Organisation {id: row.organisationId})
MERGE (s)-[:SUPPLIED_BY]->(o)
"""

ABOUT = """
UNWIND $rows AS row
MATCH (s:SourceRecord {id: row.sourceRecordId})
MATCH (p:Person {id: row.personId})
MERGE (s)-[:ABOUT]->(p)
"""

REPORTS = """
UNWIND $rows AS row
MATCH (s:SourceRecord {id: row.sourceRecordId})
MATCH (c:Criterion {code: row.criterionCode})
MERGE (s)-[r:REPORTS]->(c) ON CREATE SET r.evidenceDate = row.evidenceDate
"""

STATEMENTS: dict[str, LiteralString] = {
    "organisations": ORGANISATIONS,
    "criteria": CRITERIA,
    "users": USERS,
    "works_for": WORKS_FOR,
    "addresses": ADDRESSES,
    "people": PEOPLE,
    "families": FAMILIES,
    "lives_at": LIVES_AT,
    "member_of": MEMBER_OF,
    "teams": TEAMS,
    "consents": CONSENTS,
    "related_to": RELATED_TO,
    "source_records": SOURCE_RECORDS,
    "supplied_by": SUPPLIED_BY,
    "about": ABOUT,
    "reports": REPORTS,
}


@dataclass(frozen=True)
class LoadReport:
    """Rows sent per kind (merged, so not necessarily created) and the wall-clock time."""

    counts: dict[str, int]
    seconds: float

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    def __str__(self) -> str:
        width = max(len(kind) for kind in self.counts)
        lines = [f"{kind:<{width}}  {count:>9,}" for kind, count in self.counts.items()]
        lines.append(f"{'total':<{width}}  {self.rows:>9,} rows in {self.seconds:.1f}s")
        return "\n".join(lines)


async def _write(
    tx: AsyncManagedTransaction, statement: LiteralString, rows: list[Row], agreement: str
) -> None:
    await fetch(tx, statement, rows=rows, userAgreementVersion=agreement)
    if statement is CONSENTS:
        # By the rule of domain.consent, as every writer of consents does.
        await consent_summary.refresh(tx, {str(row["personId"]) for row in rows})


async def load(
    db: Database,
    dataset: Dataset,
    *,
    batch_size: int = 5000,
    user_agreement_version: str = DEFAULT_USER_AGREEMENT_VERSION,
) -> LoadReport:
    """MERGE every row of ``dataset`` into ``db``, kind by kind in dependency order; its users
    have accepted ``user_agreement_version`` of the user agreement."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    started = time.perf_counter()
    counts: dict[str, int] = {}
    for kind in Dataset.kinds():
        rows = dataset.rows(kind)
        for start in range(0, len(rows), batch_size):
            batch = rows[start : start + batch_size]
            await db.write(_write, STATEMENTS[kind], batch, user_agreement_version)
        counts[kind] = len(rows)
    return LoadReport(counts, time.perf_counter() - started)


async def register_users(
    db: Database, *, user_agreement_version: str = DEFAULT_USER_AGREEMENT_VERSION
) -> None:
    """Put the synthetic users in the register (approved, ``user_agreement_version`` accepted)
    where they are not yet: for demo data loaded before the register existed."""
    users = [user.as_row() for user in DEMO_USERS + practitioner_roster()]
    await db.write(_write, USERS, users, user_agreement_version)
