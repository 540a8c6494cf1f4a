"""Residences and households from partners' lists, kept over time (Appendix 4, step 2): what the
households job (``services.households``) reads and writes; the rules are
``domain.households``.

Addresses are one node per UPRN (else per normalised first line and postcode). Nothing is
deleted: a residence or household ends with ``to``; one that the records no longer support (a
merge undone, a corrected row, earlier evidence that moves its start) gets ``supersededAt`` and is
ended, and the records' own account is written beside it. Every write is one address's changes or
several addresses' (``write_addresses``), each statement idempotent, so a batch retried or formed
again changes nothing more.

    (:Person)-[:LIVES_AT {from, to, source: 'partner-lists', supersededAt}]->(:Address)
    (:Person)-[:IN_HOUSEHOLD]->(:Household {id, addressKey, from, to, source, formedAt,
                                            supersededAt})-[:AT]->(:Address {addressKey, shared})

A household's members are the same for its whole life (a change of members ends it and starts
another), so its dates are its members' dates in it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from domain.households import (
    AddressChange,
    AddressRecord,
    Stored,
    StoredHousehold,
    StoredResidence,
)
from graph._cypher import Tx, fetch, fetch_collected, fetch_paged
from graph.records import day

# The reads are paged (graph._cypher.fetch_paged); dates come as text: the driver's own temporal
# values cost far more to decode (graph.records.day).

# Every record and replaced version about a matched person, with the address it gives: a list
# of them per record.
_SIGHTINGS = """
MATCH (s:SourceRecord) WHERE s.sourceKey > $after
WITH s ORDER BY s.sourceKey LIMIT $limit
OPTIONAL MATCH (s)-[:ABOUT]->(p:Person) WHERE p.mergedInto IS NULL
WITH s, p, CASE WHEN p IS NULL THEN []
                ELSE [s] + [(s)-[:PREVIOUS*1..]->(v:SourceRecordVersion) | v] END AS versions
RETURN max(s.sourceKey) AS last,
       collect([r IN versions WHERE r.addressLine1 IS NOT NULL AND r.postcode IS NOT NULL |
                {person: p.id, born: toString(p.dateOfBirth), surname: p.familyName,
                 recordSurname: r.familyName, on: toString(r.evidenceDate),
                 received: toString(r.receivedAt),
                 uprn: r.uprn, line1: r.addressLine1, line2: r.addressLine2, town: r.town,
                 postcode: r.postcode}]) AS rows
"""

_RELATED = """
MATCH (a:Person) WHERE a.id > $after
WITH a ORDER BY a.id LIMIT $limit
OPTIONAL MATCH (a)-[r:RELATED_TO]->(b:Person) WHERE r.revokedAt IS NULL
RETURN max(a.id) AS last, collect(CASE WHEN b IS NOT NULL THEN [a.id, b.id] END) AS rows
"""

_STORED_RESIDENCES = """
MATCH (p:Person) WHERE p.id > $after
WITH p ORDER BY p.id LIMIT $limit
OPTIONAL MATCH (p)-[l:LIVES_AT {source: 'partner-lists'}]->(a:Address)
WHERE l.supersededAt IS NULL
RETURN max(p.id) AS last,
       collect(CASE WHEN l IS NOT NULL THEN {id: elementId(l), person: p.id, key: a.addressKey,
                                             start: toString(l.from), end: toString(l.to)} END)
         AS rows
"""

_ADDRESSES = """
UNWIND $rows AS row
MERGE (a:Address {addressKey: row.key})
ON CREATE SET a.id = randomUUID(), a.uprn = row.uprn, a.line1 = row.line1, a.line2 = row.line2,
              a.town = coalesce(row.town, ''), a.postcode = row.postcode,
              a.postcodeDistrict = row.district
"""

# A person has one residence at an address in the records' account: none is added beside a
# current one (a batch retried after its commit was lost).
_MOVE_IN = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person}), (a:Address {addressKey: row.key})
WHERE NOT EXISTS {
  (p)-[l:LIVES_AT {source: 'partner-lists'}]->(a) WHERE l.supersededAt IS NULL
}
CREATE (p)-[:LIVES_AT {from: row.start, to: row.end, source: 'partner-lists'}]->(a)
"""

_REDATE = """
UNWIND $rows AS row
MATCH ()-[l:LIVES_AT]->() WHERE elementId(l) = row.id
SET l.from = row.start, l.to = row.end
"""

_SUPERSEDE_RESIDENCES = """
UNWIND $ids AS id
MATCH ()-[l:LIVES_AT]->() WHERE elementId(l) = id
SET l.supersededAt = $today, l.to = coalesce(l.to, $today)
"""

_STORED_HOUSEHOLDS = """
MATCH (h:Household) WHERE h.id > $after
WITH h ORDER BY h.id LIMIT $limit
RETURN max(h.id) AS last,
       collect(CASE WHEN h.supersededAt IS NULL
                    THEN {id: h.id, key: h.addressKey, end: toString(h.to)} END) AS rows
"""

_SHARED = """
MATCH (a:Address) WHERE a.shared
RETURN collect(a.addressKey)
"""

# MERGE, not CREATE: a batch retried after its commit was lost adds nothing twice.
_NEW_HOUSEHOLDS = """
UNWIND $rows AS row
MATCH (a:Address {addressKey: row.key})
MERGE (h:Household {id: row.id})
ON CREATE SET h.addressKey = row.key, h.from = row.start, h.to = row.end,
              h.source = 'partner-lists', h.formedAt = $today
MERGE (h)-[:AT]->(a)
WITH h, row
UNWIND row.members AS member
MATCH (p:Person {id: member})
MERGE (p)-[:IN_HOUSEHOLD]->(h)
"""

_END_HOUSEHOLDS = """
UNWIND $rows AS row
MATCH (h:Household {id: row.id})
SET h.to = row.end
"""

_SUPERSEDE_HOUSEHOLDS = """
UNWIND $ids AS id
MATCH (h:Household {id: id})
SET h.supersededAt = $today, h.to = coalesce(h.to, $today)
"""

_MARK_SHARED = """
UNWIND $rows AS row
MATCH (a:Address {addressKey: row.key}) WHERE coalesce(a.shared, false) <> row.shared
SET a.shared = row.shared
RETURN count(*) AS changed
"""


async def sightings(tx: Tx) -> list[Any]:
    """Every record and replaced version about a matched person that gives an address, as
    Neo4j returns them (``address_records`` makes them the rules' input)."""
    return [row for rows in await fetch_paged(tx, _SIGHTINGS) for row in rows]


def address_records(rows: Sequence[Any]) -> list[AddressRecord]:
    """The rows of ``sightings`` as the rules read them (no I/O: may run off the event loop)."""
    return [
        AddressRecord(
            person=r["person"],
            born=day(r["born"]),
            surname=r["surname"],
            record_surname=r["recordSurname"],
            on=day(r["on"]),
            received=_moment(r["received"]),
            uprn=r["uprn"],
            line1=r["line1"],
            line2=r["line2"],
            town=r["town"],
            postcode=r["postcode"],
        )
        for r in rows
    ]


def _moment(value: str | None) -> dt.datetime | None:
    """A datetime sent as ``toString(<datetime>)`` (a zone's name, if any, after its offset)."""
    return dt.datetime.fromisoformat(value.split("[")[0]) if value else None


async def related(tx: Tx) -> list[Any]:
    """The pairs of people a relationship that stands joins (the split rule reads them), as
    Neo4j returns them (``related_pairs`` makes them the rules' input)."""
    return await fetch_paged(tx, _RELATED)


def related_pairs(rows: Sequence[Any]) -> set[frozenset[str]]:
    """The rows of ``related`` as the rules read them (no I/O)."""
    return {frozenset(pair) for pair in rows}


@dataclass(frozen=True)
class StoredRows:
    """The current account as Neo4j returns it (``stored_account`` makes it the rules' input)."""

    residences: list[Any]
    households: list[Any]
    shared: list[str]


async def stored(tx: Tx) -> StoredRows:
    """The current account: residences from partners' lists and households not superseded, and
    the addresses marked shared."""
    return StoredRows(
        await fetch_paged(tx, _STORED_RESIDENCES),
        await fetch_paged(tx, _STORED_HOUSEHOLDS),
        await fetch_collected(tx, _SHARED),
    )


def stored_account(rows: StoredRows) -> Stored:
    """The rows of ``stored`` as the rules read them (no I/O)."""
    residences = [
        StoredResidence(s["id"], s["person"], s["key"], day(s["start"]), day(s["end"]))
        for s in rows.residences
    ]
    households = [StoredHousehold(h["id"], h["key"], day(h["end"])) for h in rows.households]
    return Stored(residences, households, frozenset(rows.shared))


async def write_addresses(
    tx: AsyncManagedTransaction, batch: Sequence[AddressChange], today: dt.date
) -> None:
    """Bring these addresses' stored account to the records': add, redate and supersede
    residences, add, end and supersede households, mark shared or not. Idempotent."""
    addresses = [_address(c) for c in batch if c.address is not None]
    moving_in = [
        {"person": r.person, "key": r.key, "start": r.start, "end": r.end}
        for c in batch
        for r in c.moving_in
    ]
    redated = [
        {"id": stored_id, "start": r.start, "end": r.end}
        for c in batch
        for stored_id, r in c.redated
    ]
    superseded = [i for c in batch for i in c.superseded_residences]
    new = [
        {"id": h.id, "key": h.key, "start": h.start, "end": h.end, "members": sorted(h.members)}
        for c in batch
        for h in c.new_households
    ]
    ending = [{"id": i, "end": end} for c in batch for i, end in c.ending]
    gone = [i for c in batch for i in c.superseded_households]
    marks = [{"key": c.key, "shared": c.shared} for c in batch if c.shared is not None]
    if addresses:
        await fetch(tx, _ADDRESSES, rows=addresses)
    if moving_in:
        await fetch(tx, _MOVE_IN, rows=moving_in)
    if redated:
        await fetch(tx, _REDATE, rows=redated)
    if superseded:
        await fetch(tx, _SUPERSEDE_RESIDENCES, ids=superseded, today=today)
    if new:
        await fetch(tx, _NEW_HOUSEHOLDS, rows=new, today=today)
    if ending:
        await fetch(tx, _END_HOUSEHOLDS, rows=ending)
    if gone:
        await fetch(tx, _SUPERSEDE_HOUSEHOLDS, ids=gone, today=today)
    if marks:
        await fetch(tx, _MARK_SHARED, rows=marks)


def _address(change: AddressChange) -> dict[str, Any]:
    a = change.address
    assert a is not None
    return {
        "key": a.key,
        "uprn": a.uprn,
        "line1": a.line1,
        "line2": a.line2,
        "town": a.town,
        "postcode": a.postcode,
        "district": a.district,
    }
