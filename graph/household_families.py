"""Families from the households living together now (Appendix 4, step 2).

A current household becomes a family unless one of its people is in one already; households that
practitioners' links join (a grandparent linked to a parent at another address) make one family,
so a family may span addresses: it is the family one of its people is in already, else a new one
with status IDENTIFIED. People outside the group's largest household join as relatives.

    (:Person)-[:MEMBER_OF {role, from, source: 'partner-lists'}]->(:Family {status: 'IDENTIFIED'})
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph._cypher import fetch, fetch_collected
from graph.household_periods import ADULT_AGE
from vocabulary import MemberRole

# Households now, with the family each member is currently in (if any).
_HOUSEHOLDS = """
MATCH (h:Household) WHERE h.to IS NULL
MATCH (p:Person)-[:IN_HOUSEHOLD]->(h)
OPTIONAL MATCH (p)-[m:MEMBER_OF]->(f:Family) WHERE m.to IS NULL
WITH h, p, min(f.reference) AS reference
WITH h, collect({person: p.id, dob: p.dateOfBirth, family: reference}) AS people
RETURN collect({household: h.id, people: people}) AS households
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
class Joined:
    households: int
    families_created: int
    members_added: int
    linked_across_addresses: int


def _role(dob: Any, today: dt.date) -> MemberRole:
    born = dob.to_native() if hasattr(dob, "to_native") else dob
    if born is None:
        return MemberRole.OTHER
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return MemberRole.CHILD if age < ADULT_AGE else MemberRole.PARENT


async def join(tx: AsyncManagedTransaction, today: dt.date) -> Joined:
    """Every person of a current household into a family, as links and households say."""
    households = await fetch_collected(tx, _HOUSEHOLDS)
    people = [p["person"] for h in households for p in h["people"]]
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
            role = _role(dob, today) if primary else MemberRole.RELATIVE
            joins.append({"person": person, "reference": reference, "role": role})
            linked += not primary
    if new_families:
        await fetch(tx, _NEW_FAMILIES, families=new_families, today=today)
    joined = 0
    if joins:
        joined = int((await fetch(tx, _JOIN, rows=joins, today=today))[0]["joined"])
    return Joined(len(households), len(new_families), joined, linked)


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
