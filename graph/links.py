"""Cypher for relationships between people, including practitioner-defined cross-address links.

A link is never deleted: revoking it records who, when and why, and reads leave it out unless
history is asked for. Both writes lock the nodes (or relationship) they decide on before reading,
so two concurrent requests cannot both pass the duplicate or already-revoked check.

Two rules are the policy's, applied here on what the transaction read: whether the two people's
dates of birth allow the kind (an ``AgeCheck``), and whose links the caller may revoke (those
drawn by a user of the caller's organisation, or any). A link records the organisation of the
user who drew it (``createdByOrganisation``); for links drawn before it did, the creator's
organisations in the register stand in.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from neo4j import AsyncManagedTransaction, Record

from graph import consent_scope, records
from graph._cypher import Tx, fetch
from graph.consent_scope import summary_answer
from graph.visibility import PERSON_VISIBLE, Viewer, person_visible
from vocabulary import INVERSE_KIND

# Given the dates of birth (None when unknown) of the person who would be `kind` and of the
# person they would be it of, the rule they break, in words, or None: the policy decides.
AgeCheck = Callable[[dt.date | None, dt.date | None], str | None]


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
class NotCovered:
    """The request rests on consent, and nothing covers a disclosure about these people to the
    caller: a link is data about both, which the caller could neither see nor be told of."""

    ids: tuple[str, ...]


@dataclass(frozen=True)
class Implausible:
    """The two people's dates of birth rule the kind out."""

    rule: str


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
class NotTheirs:
    """The link was drawn by another organisation, and the caller may revoke only links drawn
    by their own."""


@dataclass(frozen=True)
class Revoked:
    link: records.Link


LinkOutcome = Linked | PeopleNotFound | NotCovered | Implausible | AlreadyLinked
RevokeOutcome = Revoked | LinkNotFound | NotRevocable | NotTheirs | AlreadyRevoked

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
RETURN p.id AS id, p.dateOfBirth AS born, """
    + summary_answer("p")
    + """ AS covered
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
  createdBy: $userId, createdByOrganisation: $organisationId, rationale: $rationale
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

# Whether the link was drawn by the caller or by a user of the caller's organisation.
_OURS = """
MATCH ()-[r:RELATED_TO {id: $id}]->()
RETURN r.createdBy = $userId OR $organisationId IN CASE
  WHEN r.createdByOrganisation IS NULL
  THEN [(:User {id: r.createdBy})-[:WORKS_FOR]->(o:Organisation) | o.id]
  ELSE [r.createdByOrganisation]
END AS ours
"""

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
    implausible: AgeCheck,
) -> LinkOutcome:
    """Record that ``person_id`` is ``kind`` of ``relative_id``, unless already recorded or their
    dates of birth rule it out. When the request rests on consent, both people's must cover it
    first: every answer after that (their ages, a link already there) is about them."""
    locked = await fetch(tx, _LOCK_PEOPLE, ids=[person_id, relative_id], **viewer.params())
    born = {r["id"]: records.day(r["born"]) for r in locked}
    missing = tuple(i for i in dict.fromkeys([person_id, relative_id]) if i not in born)
    if missing:
        return PeopleNotFound(missing)
    if viewer.consent_purpose is not None:
        uncovered = tuple(r["id"] for r in locked if r["covered"] is None)
        if uncovered:
            return NotCovered(uncovered)
    broken = implausible(born[person_id], born[relative_id])
    if broken is not None:
        return Implausible(broken)
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
        organisationId=viewer.organisation_id,
        rationale=rationale,
    )
    return Linked(_link(created[0]))


async def revoke_link(
    tx: AsyncManagedTransaction, link_id: str, reason: str, viewer: Viewer, *, any_link: bool
) -> RevokeOutcome:
    """Mark a practitioner-defined link revoked, keeping it and recording who, when and why: one
    drawn by a user of the caller's organisation, or, with ``any_link``, any the caller sees."""
    await fetch(tx, _LOCK_LINK, id=link_id)
    current = await fetch(tx, _BY_IDS, ids=[link_id], **viewer.params())
    if not current:
        return LinkNotFound(link_id)
    link = _link(current[0])
    if viewer.consent_purpose is not None:
        # A link is data about both people: one the caller may not be told of reads as absent,
        # as `relatives` and `node(id:)` leave it out.
        people = [link.from_person_id, link.to_person_id]
        if None in (await consent_scope.answers(tx, people, viewer)).values():
            return LinkNotFound(link_id)
    if link.source != "PRACTITIONER":
        return NotRevocable(link)
    if not any_link:
        ours = await fetch(
            tx, _OURS, id=link_id, userId=viewer.user_id, organisationId=viewer.organisation_id
        )
        if not ours[0]["ours"]:
            return NotTheirs()
    if link.revoked_at is not None:
        return AlreadyRevoked(link)
    revoked = await fetch(tx, _REVOKE, id=link_id, userId=viewer.user_id, reason=reason)
    return Revoked(_link(revoked[0]))
