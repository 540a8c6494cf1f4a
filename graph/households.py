"""Residences and households from partners' lists, kept over time (Appendix 4, step 2).

Every matched person lives where the dates of their records (and of the versions those records
replaced) put them, and the people at one address over one period form households, split where a
house is evidently shared (graph.household_periods has the rules). Families are then formed from
the households living together now (graph.household_families).

Addresses are one node per UPRN; a record without one takes the UPRN another record sent for the
same normalised first line and postcode, else is keyed by those. Nothing is deleted: a residence or
household ends with ``to``; one that the records no longer support (a merge undone, a corrected
row, earlier evidence that moves its start) gets ``supersededAt`` and is ended, and the records'
own account is written beside it. Forming again from the same records changes nothing, because a
household's id is named by its address, start and members.

    (:Person)-[:LIVES_AT {from, to, source: 'partner-lists', supersededAt}]->(:Address)
    (:Person)-[:IN_HOUSEHOLD]->(:Household {id, addressKey, from, to, source, formedAt,
                                            supersededAt})-[:AT]->(:Address {addressKey, shared})

A household's members are the same for its whole life (a change of members ends it and starts
another), so its dates are its members' dates in it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph import household_families
from graph._cypher import fetch, fetch_collected
from graph.household_periods import (
    Household,
    Residence,
    Resident,
    Sighting,
    households_at,
    residences,
    surname,
)
from graph.records import native
from vocabulary import fold

_LONG_AGO = dt.datetime.min.replace(tzinfo=dt.UTC)

# Every record and replaced version about a matched person, with the address it gives.
_SIGHTINGS = """
MATCH (s:SourceRecord)-[:ABOUT]->(p:Person)
WHERE s.sourceKey IS NOT NULL AND p.mergedInto IS NULL
UNWIND [s] + [(s)-[:PREVIOUS*1..]->(v:SourceRecordVersion) | v] AS r
WITH p, r WHERE r.addressLine1 IS NOT NULL AND r.postcode IS NOT NULL
RETURN collect({person: p.id, born: p.dateOfBirth, surname: p.familyName,
                recordSurname: r.familyName, on: r.evidenceDate, received: r.receivedAt,
                uprn: r.uprn, line1: r.addressLine1, line2: r.addressLine2, town: r.town,
                postcode: r.postcode}) AS rows
"""

_RELATED = """
MATCH (a:Person)-[r:RELATED_TO]->(b:Person) WHERE r.revokedAt IS NULL
RETURN collect([a.id, b.id]) AS pairs
"""

_STORED_RESIDENCES = """
MATCH (p:Person)-[l:LIVES_AT {source: 'partner-lists'}]->(a:Address)
WHERE l.supersededAt IS NULL
RETURN collect({id: elementId(l), person: p.id, key: a.addressKey, start: l.from, end: l.to})
"""

_ADDRESSES = """
UNWIND $rows AS row
MERGE (a:Address {addressKey: row.key})
ON CREATE SET a.id = randomUUID(), a.uprn = row.uprn, a.line1 = row.line1, a.line2 = row.line2,
              a.town = coalesce(row.town, ''), a.postcode = row.postcode,
              a.postcodeDistrict = row.district
"""

_MOVE_IN = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person}), (a:Address {addressKey: row.key})
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
MATCH (h:Household) WHERE h.supersededAt IS NULL
RETURN collect({id: h.id, end: h.to})
"""

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


@dataclass(frozen=True)
class Formed:
    people: int
    households: int  # living together now
    households_created: int
    households_ended: int
    shared_addresses: int
    families_created: int
    members_added: int
    linked_across_addresses: int


def address_key(uprn: str | None, line1: str | None, postcode: str | None) -> str:
    """One address per UPRN; without one, per first line and postcode, normalised (case, accents,
    punctuation and spacing do not make a different address: 1 Café Row is 1 CAFE ROW).

    A line in plain ASCII keeps the key it had before accents were folded; one with other letters
    (which were dropped then) is keyed afresh the next time families are formed, and the
    residences and households at its old key are superseded and kept, like any the records no
    longer give."""
    if uprn:
        return f"uprn:{uprn}"
    line = "".join(c for c in fold(line1) if c.isalnum() or c.isspace()).upper()
    return f"addr:{' '.join(line.split())}|{' '.join((postcode or '').upper().split())}"


def _uprns(rows: Iterable[Any]) -> dict[str, str]:
    """The UPRN of each normalised first line and postcode that records gave exactly one for."""
    seen: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r["uprn"]:
            seen[address_key(None, r["line1"], r["postcode"])].add(r["uprn"])
    return {key: next(iter(uprns)) for key, uprns in seen.items() if len(uprns) == 1}


async def form(tx: AsyncManagedTransaction, today: dt.date) -> Formed:
    """Residences, households and families for every matched person, as their records stand."""
    rows = await fetch_collected(tx, _SIGHTINGS)
    uprn_of = _uprns(rows)
    addresses: dict[str, dict[str, Any]] = {}
    sightings: dict[str, list[Sighting]] = defaultdict(list)
    residents: dict[str, Resident] = {}
    for r in rows:
        plain = address_key(None, r["line1"], r["postcode"])
        uprn = r["uprn"] or uprn_of.get(plain)
        key = address_key(uprn, r["line1"], r["postcode"])
        addresses.setdefault(key, _address(key, uprn, r))
        received = native(r["received"])
        # Without an evidence date, the day the partner sent the record: they knew by then.
        on = native(r["on"]) or (received.date() if received else today)
        sightings[r["person"]].append(Sighting(key, on, received or _LONG_AGO))
        known = residents.get(r["person"])
        names = {surname(r["surname"]), surname(r["recordSurname"])} - {""}
        residents[r["person"]] = Resident(
            native(r["born"]), frozenset(names | (known.surnames if known else set()))
        )
    lived = [res for person, seen in sightings.items() for res in residences(person, seen)]
    related = {frozenset(pair) for pair in await fetch_collected(tx, _RELATED)}
    found, shared = _households(lived, residents, related)
    await _write_residences(tx, lived, addresses, today)
    created, ended = await _write_households(tx, found, today)
    marks = [{"key": key, "shared": key in shared} for key in {r.key for r in lived}]
    if marks:
        await fetch(tx, _MARK_SHARED, rows=marks)
    joined = await household_families.join(tx, today)
    return Formed(
        people=len(sightings),
        households=joined.households,
        households_created=created,
        households_ended=ended,
        shared_addresses=len(shared),
        families_created=joined.families_created,
        members_added=joined.members_added,
        linked_across_addresses=joined.linked_across_addresses,
    )


def _address(key: str, uprn: str | None, r: Any) -> dict[str, Any]:
    return {
        "key": key,
        "uprn": uprn,
        "line1": r["line1"],
        "line2": r["line2"],
        "town": r["town"],
        "postcode": r["postcode"],
        "district": (r["postcode"] or "").split(" ")[0],
    }


def _households(
    lived: list[Residence], residents: dict[str, Resident], related: set[frozenset[str]]
) -> tuple[list[Household], set[str]]:
    at: dict[str, list[Residence]] = defaultdict(list)
    for r in lived:
        at[r.key].append(r)
    found: list[Household] = []
    shared: set[str] = set()
    for key, here in at.items():
        households, is_shared = households_at(key, here, residents, related)
        found += households
        if is_shared:
            shared.add(key)
    return found, shared


async def _write_residences(
    tx: AsyncManagedTransaction,
    lived: list[Residence],
    addresses: dict[str, dict[str, Any]],
    today: dt.date,
) -> None:
    """Bring the stored residences to the records' account: redate, add, supersede the rest."""
    stored: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for s in await fetch_collected(tx, _STORED_RESIDENCES):
        s = {**s, "start": native(s["start"]), "end": native(s["end"])}
        stored[(s["person"], s["key"])].append(s)
    new: list[dict[str, Any]] = []
    redated: list[dict[str, Any]] = []
    for r in lived:
        pool = stored.get((r.person, r.key), [])
        if not pool:
            new.append({"person": r.person, "key": r.key, "start": r.start, "end": r.end})
            continue
        # The one that began the same day, else the latest: an earlier record moves a start.
        same = [s for s in pool if s["start"] == r.start] or pool
        match = max(same, key=lambda s: (s["start"] or dt.date.min, s["id"]))
        pool.remove(match)
        if (match["start"], match["end"]) != (r.start, r.end):
            redated.append({"id": match["id"], "start": r.start, "end": r.end})
    leftover = [s["id"] for pool in stored.values() for s in pool]
    if new:
        keys = {row["key"] for row in new}
        await fetch(tx, _ADDRESSES, rows=[addresses[k] for k in keys])
        await fetch(tx, _MOVE_IN, rows=new)
    if redated:
        await fetch(tx, _REDATE, rows=redated)
    if leftover:
        await fetch(tx, _SUPERSEDE_RESIDENCES, ids=leftover, today=today)


async def _write_households(
    tx: AsyncManagedTransaction, found: list[Household], today: dt.date
) -> tuple[int, int]:
    """Add the households not stored yet, end those that ended, supersede those the records no
    longer give; how many were created and how many ended."""
    stored = {h["id"]: native(h["end"]) for h in await fetch_collected(tx, _STORED_HOUSEHOLDS)}
    new = [
        {
            "id": h.id,
            "key": h.key,
            "start": h.start,
            "end": h.end,
            "members": sorted(h.members),
        }
        for h in found
        if h.id not in stored
    ]
    ending = [{"id": h.id, "end": h.end} for h in found if h.id in stored and stored[h.id] != h.end]
    gone = stored.keys() - {h.id for h in found}
    if new:
        await fetch(tx, _NEW_HOUSEHOLDS, rows=new, today=today)
    if ending:
        await fetch(tx, _END_HOUSEHOLDS, rows=ending)
    if gone:
        await fetch(tx, _SUPERSEDE_HOUSEHOLDS, ids=sorted(gone), today=today)
    ended = sum(1 for row in ending if row["end"] is not None)
    return len(new), ended + sum(1 for h in gone if stored[h] is None)
