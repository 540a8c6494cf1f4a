"""Cypher for relationships between people, including practitioner-defined cross-address links.

A link is never deleted: revoking it records who, when and why, and reads leave it out unless
history is asked for. Both writes lock the nodes (or relationship) they decide on before reading,
so two concurrent requests cannot both pass the duplicate or already-revoked check.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from neo4j import AsyncManagedTransaction, Record

from graph import records
from graph._cypher import Tx, fetch
from graph.visibility import PERSON_VISIBLE, Viewer, person_visible

INVERSE_KIND: dict[str, str] = {
    "PARENT": "CHILD",
    "CHILD": "PARENT",
    "SIBLING": "SIBLING",
    "PARTNER": "PARTNER",
    "CARER": "CARED_FOR",
    "CARED_FOR": "CARER",
    "GRANDPARENT": "GRANDCHILD",
    "GRANDCHILD": "GRANDPARENT",
    "STEP_PARENT": "STEP_CHILD",
    "STEP_CHILD": "STEP_PARENT",
    "STEP_SIBLING": "STEP_SIBLING",
    "OTHER": "OTHER",
}


@dataclass(frozen=True)
class Linked:
    link: records.Link


@dataclass(frozen=True)
class PeopleNotFound:
    ids: tuple[str, ...]


@dataclass(frozen=True)
class AlreadyLinked:
    link: records.Link


@dataclass(frozen=True)
class LinkNotFound:
    id: str


@dataclass(frozen=True)
class NotRevocable:
    link: records.Link


@dataclass(frozen=True)
class AlreadyRevoked:
    link: records.Link


@dataclass(frozen=True)
class Revoked:
    link: records.Link


LinkOutcome = Linked | PeopleNotFound | AlreadyLinked
RevokeOutcome = Revoked | LinkNotFound | NotRevocable | AlreadyRevoked

# A person the caller may not see is "not found", exactly like one that does not exist.
_LOCK_PEOPLE = (
    """
UNWIND $ids AS id
MATCH (p:Person {id: id})
WHERE """
    + PERSON_VISIBLE
    + """
WITH p ORDER BY p.id
SET p._lock = true REMOVE p._lock
RETURN p.id AS id
"""
)

_ACTIVE_BETWEEN = """
MATCH (a:Person {id: $a})-[r:RELATED_TO]-(b:Person {id: $b})
WHERE r.revokedAt IS NULL
  AND ((startNode(r) = a AND r.kind = $kind) OR (startNode(r) = b AND r.kind = $inverse))
RETURN r, startNode(r).id AS fromId, endNode(r).id AS toId
LIMIT 1
"""

_CREATE = """
MATCH (a:Person {id: $a}), (b:Person {id: $b})
CREATE (a)-[r:RELATED_TO {
  id: $id, kind: $kind, source: 'PRACTITIONER', createdAt: datetime(),
  createdBy: $userId, rationale: $rationale
}]->(b)
RETURN r, a.id AS fromId, b.id AS toId
"""

# A link is visible when both people it joins are.
_BY_IDS = (
    """
UNWIND $ids AS id
MATCH (a:Person)-[r:RELATED_TO {id: id}]->(b:Person)
WHERE """
    + person_visible("a")
    + " AND "
    + person_visible("b")
    + """
RETURN r, a.id AS fromId, b.id AS toId
"""
)

_LOCK_LINK = "MATCH ()-[r:RELATED_TO {id: $id}]->() SET r._lock = true REMOVE r._lock"

_REVOKE = """
MATCH (a:Person)-[r:RELATED_TO {id: $id}]->(b:Person)
SET r.revokedAt = datetime(), r.revokedBy = $userId, r.revocationReason = $reason
RETURN r, a.id AS fromId, b.id AS toId
"""


def _link(r: Record) -> records.Link:
    return records.link(r["r"], r["fromId"], r["toId"])


async def by_ids(tx: Tx, ids: list[str], viewer: Viewer) -> list[records.Link]:
    return [_link(r) for r in await fetch(tx, _BY_IDS, ids=ids, **viewer.params())]


async def link_relatives(
    tx: AsyncManagedTransaction,
    person_id: str,
    relative_id: str,
    kind: str,
    rationale: str,
    viewer: Viewer,
) -> LinkOutcome:
    """Record that ``person_id`` is ``kind`` of ``relative_id``, unless already recorded."""
    locked = await fetch(tx, _LOCK_PEOPLE, ids=[person_id, relative_id], **viewer.params())
    found = {r["id"] for r in locked}
    missing = tuple(i for i in dict.fromkeys([person_id, relative_id]) if i not in found)
    if missing:
        return PeopleNotFound(missing)
    params = {"a": person_id, "b": relative_id, "kind": kind, "inverse": INVERSE_KIND[kind]}
    existing = await fetch(tx, _ACTIVE_BETWEEN, **params)
    if existing:
        return AlreadyLinked(_link(existing[0]))
    created = await fetch(
        tx,
        _CREATE,
        a=person_id,
        b=relative_id,
        kind=kind,
        id=str(uuid.uuid4()),
        userId=viewer.user_id,
        rationale=rationale,
    )
    return Linked(_link(created[0]))


async def revoke_link(
    tx: AsyncManagedTransaction, link_id: str, reason: str, viewer: Viewer
) -> RevokeOutcome:
    """Mark a practitioner-defined link revoked, keeping it and recording who, when and why."""
    await fetch(tx, _LOCK_LINK, id=link_id)
    current = await fetch(tx, _BY_IDS, ids=[link_id], **viewer.params())
    if not current:
        return LinkNotFound(link_id)
    link = _link(current[0])
    if link.source != "PRACTITIONER":
        return NotRevocable(link)
    if link.revoked_at is not None:
        return AlreadyRevoked(link)
    revoked = await fetch(tx, _REVOKE, id=link_id, userId=viewer.user_id, reason=reason)
    return Revoked(_link(revoked[0]))
