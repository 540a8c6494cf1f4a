"""Cypher for people and what hangs off them: addresses, relatives, families, criteria met.

Every function takes the caller's transaction and a list of keys, runs one statement, and returns
records; the caller (a DataLoader) puts them back in key order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from neo4j import AsyncManagedTransaction

from graph import records
from graph._cypher import fetch

_BY_IDS = "UNWIND $ids AS id MATCH (p:Person {id: id}) RETURN p"

_RESIDENCES = """
UNWIND $ids AS id
MATCH (p:Person {id: id})-[l:LIVES_AT]->(a:Address)
RETURN p.id AS personId, a, l.from AS from, l.to AS to
ORDER BY personId, l.to IS NULL DESC, l.from DESC
"""

_MEMBERSHIPS = """
UNWIND $ids AS id
MATCH (p:Person {id: id})-[m:MEMBER_OF]->(f:Family)
RETURN p.id AS personId, f.id AS familyId, m.role AS role, m.from AS from, m.to AS to
ORDER BY personId, f.reference
"""

# Relationships are stored once, in one direction; both directions are read here and the API
# presents the inverse kind when the person is at the end of the relationship.
_LINKS = """
UNWIND $ids AS id
MATCH (p:Person {id: id})-[r:RELATED_TO]-(other:Person)
WHERE $includeRevoked OR r.revokedAt IS NULL
RETURN p.id AS personId, r, startNode(r).id AS fromId, endNode(r).id AS toId
ORDER BY personId, r.createdAt, r.id
"""

_CRITERIA = """
UNWIND $ids AS id
MATCH (p:Person {id: id})<-[:ABOUT]-(s:SourceRecord)-[r:REPORTS]->(c:Criterion),
      (s)-[:SUPPLIED_BY]->(o:Organisation)
RETURN p.id AS personId, c, o.id AS organisationId, s.id AS sourceRecordId,
       r.evidenceDate AS evidenceDate, s.receivedAt AS receivedAt
ORDER BY personId, evidenceDate DESC, c.code
"""


async def by_ids(tx: AsyncManagedTransaction, ids: list[str]) -> list[records.Person]:
    return [records.person(r["p"]) for r in await fetch(tx, _BY_IDS, ids=ids)]


async def residences(tx: AsyncManagedTransaction, ids: list[str]) -> list[records.Residence]:
    return [
        records.Residence(
            person_id=r["personId"],
            address=records.address(r["a"]),
            from_=records.native(r["from"]),
            to=records.native(r["to"]),
        )
        for r in await fetch(tx, _RESIDENCES, ids=ids)
    ]


async def memberships(tx: AsyncManagedTransaction, ids: list[str]) -> list[records.Membership]:
    return [
        records.Membership(
            person_id=r["personId"],
            family_id=r["familyId"],
            role=r["role"],
            from_=records.native(r["from"]),
            to=records.native(r["to"]),
        )
        for r in await fetch(tx, _MEMBERSHIPS, ids=ids)
    ]


async def links(
    tx: AsyncManagedTransaction, ids: list[str], include_revoked: bool
) -> list[tuple[str, records.Link]]:
    """(person id, link) pairs for every relationship touching each person."""
    rows = await fetch(tx, _LINKS, ids=ids, includeRevoked=include_revoked)
    return [(r["personId"], records.link(r["r"], r["fromId"], r["toId"])) for r in rows]


async def criteria_reports(
    tx: AsyncManagedTransaction, ids: list[str]
) -> list[records.CriterionReport]:
    return [
        records.CriterionReport(
            person_id=r["personId"],
            criterion=records.criterion(r["c"]),
            organisation_id=r["organisationId"],
            source_record_id=r["sourceRecordId"],
            evidence_date=records.native(r["evidenceDate"]),
            received_at=records.native(r["receivedAt"]),
        )
        for r in await fetch(tx, _CRITERIA, ids=ids)
    ]


@dataclass(frozen=True)
class PersonFilter:
    """Dashboard filters; None means "any"."""

    name: str | None = None
    date_of_birth: dt.date | None = None
    criterion: str | None = None
    postcode_district: str | None = None
    family_status: str | None = None


# One literal statement serves every combination of filters: a null parameter switches its
# predicate off. Ordered by (nameKey, id) so the keyset cursor is stable under inserts.
_CONDITIONS = """
($name IS NULL OR p.nameKey CONTAINS $name)
  AND ($dob IS NULL OR p.dateOfBirth = $dob)
  AND ($criterion IS NULL OR EXISTS {
        MATCH (p)<-[:ABOUT]-(:SourceRecord)-[:REPORTS]->(:Criterion {code: $criterion}) })
  AND ($district IS NULL OR EXISTS {
        MATCH (p)-[l:LIVES_AT]->(a:Address {postcodeDistrict: $district}) WHERE l.to IS NULL })
  AND ($familyStatus IS NULL OR EXISTS {
        MATCH (p)-[m:MEMBER_OF]->(f:Family {status: $familyStatus}) WHERE m.to IS NULL })
"""

_SEARCH = (
    "MATCH (p:Person) WHERE"
    + _CONDITIONS
    + """
  AND ($afterKey IS NULL OR p.nameKey > $afterKey OR (p.nameKey = $afterKey AND p.id > $afterId))
RETURN p ORDER BY p.nameKey, p.id LIMIT $limit
"""
)

_COUNT = "MATCH (p:Person) WHERE" + _CONDITIONS + "RETURN count(p) AS total"


def _filter_params(f: PersonFilter) -> dict[str, object]:
    return {
        "name": f.name.lower() if f.name else None,
        "dob": f.date_of_birth,
        "criterion": f.criterion,
        "district": f.postcode_district,
        "familyStatus": f.family_status,
    }


async def search(
    tx: AsyncManagedTransaction,
    f: PersonFilter,
    after: tuple[str, str] | None,
    limit: int,
) -> list[tuple[records.Person, tuple[str, str]]]:
    """A page of people matching the filter, each with its keyset position for cursors."""
    rows = await fetch(
        tx,
        _SEARCH,
        **_filter_params(f),
        afterKey=after[0] if after else None,
        afterId=after[1] if after else None,
        limit=limit,
    )
    return [(records.person(r["p"]), (r["p"]["nameKey"], r["p"]["id"])) for r in rows]


async def count(tx: AsyncManagedTransaction, f: PersonFilter) -> int:
    rows = await fetch(tx, _COUNT, **_filter_params(f))
    return int(rows[0]["total"])
