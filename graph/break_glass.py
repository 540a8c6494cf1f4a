"""Break-glass: a user invokes vital interests for one family, for a limited time.

Invoking grants the user sight of that family (``graph.visibility``) until the grant expires, and
records, in the same transaction, an emergency decision to share without consent
(graph.sharing_decisions: vital interests, covering the family's current members, shared with the
user alone for the purposes the user may break the glass for, until the grant expires):
the family's data is then served on that decision where no consent covers it, with no header.
The information governance officers are notified, and review the decision. Every disclosure the
user's requests make while any grant of theirs is active is flagged in the audit (audit.chain).
Grants are never deleted or shortened here: they expire. A user who already holds an unexpired
grant for the family gets that one back, and nobody is notified again.

    (:BreakGlass {id, userId, organisationId, familyId, justification, grantedAt, expiresAt,
                  decisionId})-[:FOR]->(:Family)
    (:BreakGlass)-[:RECORDS]->(:SharingDecision)
    (:Notification {id, kind: 'BREAK_GLASS', audience: 'ig_officer', createdAt, message})
        -[:ABOUT]->(:BreakGlass)
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph import records
from graph._cypher import Tx, fetch


@dataclass(frozen=True)
class Grant:
    id: str
    user_id: str
    family_id: str
    justification: str
    granted_at: dt.datetime
    expires_at: dt.datetime


@dataclass(frozen=True)
class Granted:
    grant: Grant


@dataclass(frozen=True)
class AlreadyHeld:
    """The user holds an unexpired grant for the family already: it is given back."""

    grant: Grant


@dataclass(frozen=True)
class Notification:
    id: str
    kind: str
    created_at: dt.datetime
    message: str
    grant: Grant


# Taken before anything about the family is read: two invocations of one user for one family
# queue here, so the second finds the first's grant.
_LOCK_FAMILY = "MATCH (f:Family {id: $familyId}) SET f._lock = true REMOVE f._lock RETURN f.id"

_HELD = """
MATCH (b:BreakGlass {userId: $userId})-[:FOR]->(:Family {id: $familyId})
WHERE b.expiresAt > datetime()
RETURN b ORDER BY b.expiresAt DESC LIMIT 1
"""

_INVOKE = """
MATCH (f:Family {id: $familyId})
CREATE (b:BreakGlass {
  id: $id, userId: $userId, organisationId: $organisationId, familyId: f.id,
  justification: $justification, grantedAt: datetime(),
  expiresAt: datetime() + duration({minutes: $minutes}), decisionId: $decisionId
})-[:FOR]->(f)
CREATE (d:SharingDecision {
  id: $decisionId, basis: 'VITAL_INTERESTS', condition: 'VITAL_INTERESTS_SPECIAL',
  justification: $justification, purposes: $purposes, organisations: [], sectors: [],
  users: [$userId], emergency: true, status: 'EMERGENCY', inForce: true, expiresAt: b.expiresAt,
  proposedBy: $userId, proposedByOrganisation: $organisationId, proposedAt: b.grantedAt,
  familyId: f.id
})
CREATE (b)-[:RECORDS]->(d)
CREATE (d)-[:ABOUT]->(f)
CREATE (n:Notification {
  id: $notificationId, kind: 'BREAK_GLASS', audience: 'ig_officer', createdAt: datetime(),
  message: 'User ' + $userId + ' invoked vital interests for family ' + f.reference
})-[:ABOUT]->(b)
WITH b, d, f
CALL (d, f) {
  MATCH (f)<-[m:MEMBER_OF]-(p:Person) WHERE m.to IS NULL
  CREATE (d)-[:COVERS]->(p)
  SET p.sharedWithoutConsent = true
}
RETURN b
"""

_ACTIVE = """
MATCH (b:BreakGlass {userId: $userId}) WHERE b.expiresAt > datetime()
RETURN count(b) > 0 AS active
"""

# The grants each user held at some time between their first and last disclosure of a batch: one
# lookup per user, where a lookup per disclosure cost the shipper 270 datetimes to encode and
# Neo4j 270 index seeks per batch of a busy dashboard.
_HELD_BETWEEN = """
UNWIND $users AS u
MATCH (b:BreakGlass {userId: u.user})
WHERE b.grantedAt <= u.last AND u.first < b.expiresAt
RETURN collect([u.user, b.grantedAt, b.expiresAt]) AS grants
"""

_NOTIFICATIONS = """
MATCH (n:Notification {audience: 'ig_officer'})-[:ABOUT]->(b:BreakGlass)
WHERE $before IS NULL OR n.createdAt < datetime($before)
   OR (n.createdAt = datetime($before) AND n.id < $beforeId)
RETURN n, b ORDER BY n.createdAt DESC, n.id DESC LIMIT $limit
"""

_COUNT_NOTIFICATIONS = (
    "MATCH (n:Notification {audience: 'ig_officer'})-[:ABOUT]->(:BreakGlass) RETURN count(n) AS n"
)


def _grant(b: Any) -> Grant:
    return Grant(
        id=b["id"],
        user_id=b["userId"],
        family_id=b["familyId"],
        justification=b["justification"],
        granted_at=records.native(b["grantedAt"]),
        expires_at=records.native(b["expiresAt"]),
    )


async def invoke(
    tx: AsyncManagedTransaction,
    family_id: str,
    justification: str,
    minutes: int,
    user_id: str,
    organisation_id: str,
    purposes: list[str],
) -> Granted | AlreadyHeld | None:
    """Grant the user the family for ``minutes``, with its emergency decision to share without
    consent for ``purposes``; the grant they already hold, if any; None when there is no such
    family."""
    if not await fetch(tx, _LOCK_FAMILY, familyId=family_id):
        return None
    held = await fetch(tx, _HELD, userId=user_id, familyId=family_id)
    if held:
        return AlreadyHeld(_grant(held[0]["b"]))
    rows = await fetch(
        tx,
        _INVOKE,
        familyId=family_id,
        id=str(uuid.uuid4()),
        decisionId=str(uuid.uuid4()),
        notificationId=str(uuid.uuid4()),
        userId=user_id,
        organisationId=organisation_id,
        justification=justification,
        minutes=minutes,
        purposes=purposes,
    )
    return Granted(_grant(rows[0]["b"]))


async def active(tx: Tx, user_id: str) -> bool:
    """Whether the user holds an unexpired grant now (their disclosures are then flagged)."""
    return bool((await fetch(tx, _ACTIVE, userId=user_id))[0]["active"])


async def held_at(tx: Tx, asked: list[tuple[str, str, dt.datetime]]) -> set[str]:
    """Of ``(key, user id, time)``, the keys whose user held an unexpired grant at that time
    (grants only expire, so the answer never changes once the time has passed)."""
    spans: dict[str, tuple[dt.datetime, dt.datetime]] = {}
    for _, user, at in asked:
        first, last = spans.get(user, (at, at))
        spans[user] = (min(first, at), max(last, at))
    users = [{"user": user, "first": first, "last": last} for user, (first, last) in spans.items()]
    rows = await fetch(tx, _HELD_BETWEEN, users=users)
    held: dict[str, list[tuple[dt.datetime, dt.datetime]]] = {}
    for user, granted, expires in rows[0]["grants"] if rows else []:
        held.setdefault(user, []).append((granted.to_native(), expires.to_native()))
    return {
        key
        for key, user, at in asked
        if any(granted <= at < expires for granted, expires in held.get(user, ()))
    }


async def notifications(tx: Tx, before: tuple[str, str] | None, limit: int) -> list[Notification]:
    """Newest first, after the keyset position (createdAt ISO text, id) of the previous page."""
    rows = await fetch(
        tx,
        _NOTIFICATIONS,
        before=before[0] if before else None,
        beforeId=before[1] if before else None,
        limit=limit,
    )
    return [
        Notification(
            id=r["n"]["id"],
            kind=r["n"]["kind"],
            created_at=records.native(r["n"]["createdAt"]),
            message=r["n"]["message"],
            grant=_grant(r["b"]),
        )
        for r in rows
    ]


async def count_notifications(tx: Tx) -> int:
    return int((await fetch(tx, _COUNT_NOTIFICATIONS))[0]["n"])
