"""Households and families from partners' lists (Appendix 4, step 2).

A person matched from partners' records (graph.identities) lives where their most recently
received record says. Addresses are one node per UPRN, or per normalised first line and postcode
when no UPRN was sent. People who live at one address now form a household. Households that
practitioners' links join (a grandparent linked to a parent at another address) make one family,
so a family may span addresses; it is the family one of its people is in already, else a new one
with status IDENTIFIED. People outside the group's largest household join as relatives. Moving
house ends the old residence (``to``) and starts the new one; nothing is deleted.

    (:Person)-[:LIVES_AT {from, to, source: 'partner-lists'}]->(:Address {addressKey, ...})
    (:Person)-[:MEMBER_OF {role, from, source: 'partner-lists'}]->(:Family {status: 'IDENTIFIED'})
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph._cypher import fetch, fetch_collected

MIGRATION_STATEMENTS: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT address_key IF NOT EXISTS FOR (n:Address) REQUIRE n.addressKey IS UNIQUE",
)

ADULT_AGE = 18

# Each matched person's newest record (received last): where they live now, as partners say.
_NEWEST = """
MATCH (s:SourceRecord)-[:ABOUT]->(p:Person)
WHERE s.sourceKey IS NOT NULL AND p.mergedInto IS NULL
WITH p, s ORDER BY s.receivedAt DESC, s.sourceKey
WITH p, head(collect(s)) AS s
RETURN collect({person: p.id, dob: p.dateOfBirth, received: s.receivedAt,
                uprn: s.uprn, line1: s.addressLine1, line2: s.addressLine2, town: s.town,
                postcode: s.postcode}) AS rows
"""

_MOVE_IN = """
UNWIND $rows AS row
MERGE (a:Address {addressKey: row.key})
ON CREATE SET a.id = row.addressId, a.uprn = row.uprn, a.line1 = row.line1, a.line2 = row.line2,
              a.town = coalesce(row.town, ''), a.postcode = row.postcode,
              a.postcodeDistrict = row.district
WITH a, row
MATCH (p:Person {id: row.person})
// A move: the residence at any other address ends when the newest record was received.
CALL (p, a, row) {
  MATCH (p)-[old:LIVES_AT]->(other:Address) WHERE old.to IS NULL AND other <> a
  SET old.to = row.since
}
CALL (p, a, row) {
  WITH p, a, row WHERE NOT EXISTS { (p)-[l:LIVES_AT]->(a) WHERE l.to IS NULL }
  CREATE (p)-[:LIVES_AT {from: row.since, source: 'partner-lists'}]->(a)
}
"""

# Households now, with the family each member is currently in (if any).
_HOUSEHOLDS = """
UNWIND $people AS id
MATCH (p:Person {id: id})-[l:LIVES_AT]->(a:Address) WHERE l.to IS NULL
OPTIONAL MATCH (p)-[m:MEMBER_OF]->(f:Family) WHERE m.to IS NULL
WITH a, p, min(f.reference) AS reference
WITH a, collect({person: p.id, dob: p.dateOfBirth, family: reference}) AS people
RETURN collect({address: a.id, people: people}) AS households
"""

_NEW_FAMILIES = """
UNWIND $families AS family
CREATE (:Family {id: family.id, reference: family.reference, status: 'IDENTIFIED',
                 identifiedAt: $today, source: 'partner-lists'})
"""

_JOIN = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person})
MATCH (f:Family {reference: row.reference})
WITH p, f, row WHERE NOT EXISTS { (p)-[m:MEMBER_OF]->(:Family) WHERE m.to IS NULL }
CREATE (p)-[:MEMBER_OF {role: row.role, from: $today, source: 'partner-lists'}]->(f)
RETURN count(*) AS joined
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


@dataclass(frozen=True)
class Formed:
    people: int
    households: int
    families_created: int
    members_added: int
    linked_across_addresses: int


def address_key(uprn: str | None, line1: str | None, postcode: str | None) -> str:
    """One address per UPRN; without one, per first line and postcode, normalised (case,
    punctuation and spacing do not make a different address)."""
    if uprn:
        return f"uprn:{uprn}"
    line = re.sub(r"[^0-9A-Z ]", "", (line1 or "").upper())
    return f"addr:{' '.join(line.split())}|{' '.join((postcode or '').upper().split())}"


def _role(dob: Any, today: dt.date) -> str:
    born = dob.to_native() if hasattr(dob, "to_native") else dob
    if born is None:
        return "OTHER"
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return "CHILD" if age < ADULT_AGE else "PARENT"


async def form(tx: AsyncManagedTransaction, today: dt.date) -> Formed:
    """Addresses, households and families for every matched person, as their records stand."""
    newest = await fetch_collected(tx, _NEWEST)
    moves = [
        {
            "person": r["person"],
            "key": address_key(r["uprn"], r["line1"], r["postcode"]),
            "addressId": str(uuid.uuid4()),
            "uprn": r["uprn"],
            "line1": r["line1"],
            "line2": r["line2"],
            "town": r["town"],
            "postcode": r["postcode"],
            "district": (r["postcode"] or "").split(" ")[0],
            "since": r["received"].date() if r["received"] is not None else today,
        }
        for r in newest
        if r["line1"] and r["postcode"]
    ]
    if moves:
        await fetch(tx, _MOVE_IN, rows=moves)
    people = [m["person"] for m in moves]
    households = await fetch_collected(tx, _HOUSEHOLDS, people=people)
    links = await fetch_collected(tx, _LINKS, people=people)
    groups = _groups(households, links)
    new_families: list[dict[str, str]] = []
    joins: list[dict[str, Any]] = []
    linked = 0
    for group in groups:
        reference = min(group.families) if group.families else None
        if reference is None:
            family_id = str(uuid.uuid4())
            reference = f"H-{family_id[:8].upper()}"
            new_families.append({"id": family_id, "reference": reference})
        for person, dob, primary in group.people:
            role = _role(dob, today) if primary else "RELATIVE"
            joins.append({"person": person, "reference": reference, "role": role})
            linked += not primary
    if new_families:
        await fetch(tx, _NEW_FAMILIES, families=new_families, today=today)
    joined = 0
    if joins:
        joined = int((await fetch(tx, _JOIN, rows=joins, today=today))[0]["joined"])
    return Formed(len(moves), len(households), len(new_families), joined, linked)


@dataclass
class _Group:
    """Households joined by practitioners' links: one family. ``people`` are those in no family
    yet, each marked whether they live in the group's main household (the largest)."""

    families: set[str]
    people: list[tuple[str, Any, bool]]


def _groups(households: list[Any], links: list[Any]) -> list[_Group]:
    household_of = {p["person"]: i for i, h in enumerate(households) for p in h["people"]}
    parent = list(range(len(households)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    outside: dict[int, set[str]] = {}
    for link in links:
        a, b = household_of.get(link["a"]), household_of.get(link["b"])
        if a is None:
            continue
        if b is not None:
            parent[root(a)] = root(b)
        elif link["family"]:  # linked to someone already in a family elsewhere
            outside.setdefault(a, set()).add(link["family"])
    members: dict[int, list[int]] = {}
    for i in range(len(households)):
        members.setdefault(root(i), []).append(i)
    groups = []
    for indexes in members.values():
        main = max(indexes, key=lambda i: (len(households[i]["people"]), -i))
        families = {p["family"] for i in indexes for p in households[i]["people"] if p["family"]}
        families |= {f for i in indexes for f in outside.get(i, set())}
        people = [
            (p["person"], p["dob"], i == main)
            for i in indexes
            for p in households[i]["people"]
            if not p["family"]
        ]
        groups.append(_Group(families, people))
    return groups
