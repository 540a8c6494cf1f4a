"""Changes to the register of users, each recorded as an ``AccessChange`` in the same transaction.

    (:AccessChange {id, at, action, actorId, userId, organisationId, reason,
                    statusBefore, statusAfter, rolesBefore, rolesAfter,
                    agreementBefore, agreementAfter})

Append-only: nothing here (or anywhere) updates or deletes an ``AccessChange``. Who may make a
change, and whether it makes sense, is decided by the caller on the entry it read; each change
here first locks the user (or organisation), reads the entry again and changes nothing when it
is no longer the one the decision was made on (``Stale``), so two administrators acting at once
cannot both approve one request. After a change commits, call ``access_register.changed``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph import records
from graph._cypher import Tx, fetch
from graph.access_register import Registration, registration

_LOCK_USER = "MATCH (u:User {id: $userId}) SET u._lock = true REMOVE u._lock"
_LOCK_ORGANISATION = "MATCH (o:Organisation {id: $id}) SET o._lock = true REMOVE o._lock"

# A request (again, after a revocation) starts afresh: no roles until approved, no agreement
# accepted, working for the organisation the requester's token names.
_REQUEST = """
MERGE (u:User {id: $userId})
WITH u
MATCH (o:Organisation {id: $organisationId})
OPTIONAL MATCH (u)-[w:WORKS_FOR]->(other:Organisation)
WHERE other.id <> $organisationId
DELETE w
MERGE (u)-[:WORKS_FOR]->(o)
SET u.name = $name, u.email = $email, u.kind = $kind, u.requestedRoles = $roles, u.roles = [],
    u.status = 'REQUESTED', u.active = false, u.requestedAt = datetime(),
    u.userAgreementVersion = null, u.userAgreementAcceptedAt = null
"""

# `active` is kept as the graph's summary of the status for readers that predate the register.
_STANDING = """
MATCH (u:User {id: $userId})
SET u.status = $status, u.roles = $roles, u.active = $status = 'APPROVED',
    u.statusChangedAt = datetime(), u.statusChangedBy = $actorId
WITH u
// Revoked access ends the user's place on every team (kept as history): a team is what gives
// sight of a family, to them and to their organisation's partner system.
OPTIONAL MATCH (u)-[t:MEMBER_OF_TEAM]->(:Family)
WHERE $status = 'REVOKED' AND t.to IS NULL
SET t.to = date({timezone: 'Europe/London'}), t.endedAt = datetime(), t.endedBy = $actorId,
    t.endReason = 'Access to the system revoked.'
"""

_ACCEPT = """
MATCH (u:User {id: $userId})
SET u.userAgreementVersion = $version, u.userAgreementAcceptedAt = datetime()
"""

_AGREEMENT = """
MATCH (o:Organisation {id: $id})
RETURN coalesce(o.signedAgreement, false) AS signed, o.agreementKind AS kind,
       o.agreementVersion AS version, o.agreementSignedOn AS signedOn
"""

_SIGN = """
MATCH (o:Organisation {id: $id})
SET o.signedAgreement = true, o.agreementKind = $kind, o.agreementVersion = $version,
    o.agreementSignedOn = $signedOn
"""

# Whole microseconds, as Python keeps them: a page's cursor then holds the time exactly.
_RECORD = """
CREATE (c:AccessChange {
  id: randomUUID(), at: datetime.truncate('microsecond', datetime()), action: $action,
  actorId: $actorId, userId: $userId, organisationId: $organisationId, reason: $reason,
  statusBefore: $statusBefore, statusAfter: $statusAfter,
  rolesBefore: $rolesBefore, rolesAfter: $rolesAfter,
  agreementBefore: $agreementBefore, agreementAfter: $agreementAfter
})
RETURN c
"""

# Newest first; after the keyset position (time, id) of the previous page. Filters are optional.
_FILTER = """
WHERE ($userId IS NULL OR c.userId = $userId)
  AND ($organisationId IS NULL OR c.organisationId = $organisationId)
  AND ($action IS NULL OR c.action = $action)
"""
_CHANGES = (
    "MATCH (c:AccessChange)"
    + _FILTER
    + """  AND ($before IS NULL OR c.at < $before OR (c.at = $before AND c.id < $beforeId))
RETURN c ORDER BY c.at DESC, c.id DESC LIMIT $limit
"""
)
_COUNT = "MATCH (c:AccessChange)" + _FILTER + "RETURN count(c) AS n"


@dataclass(frozen=True)
class AccessChange:
    """One recorded change: who (actor) did what (action) to whom (user or organisation), when,
    why, and the state before and after."""

    id: str
    at: dt.datetime
    action: str
    actor_id: str
    user_id: str | None
    organisation_id: str | None
    reason: str | None
    status_before: str | None
    status_after: str | None
    roles_before: tuple[str, ...]
    roles_after: tuple[str, ...]
    agreement_before: str | None
    agreement_after: str | None


@dataclass(frozen=True)
class Stale:
    """The entry is no longer the one the change was decided on; nothing was written."""


@dataclass(frozen=True)
class PartnerAgreement:
    """An organisation's signature of the agreement: the original, or a supplemental agreement
    (Appendix 6) for a partner who joined later."""

    signed: bool
    kind: str | None
    version: str | None
    signed_on: dt.date | None


def _change(node: Any) -> AccessChange:
    return AccessChange(
        id=node["id"],
        at=records.native(node["at"]),
        action=node["action"],
        actor_id=node["actorId"],
        user_id=node.get("userId"),
        organisation_id=node.get("organisationId"),
        reason=node.get("reason"),
        status_before=node.get("statusBefore"),
        status_after=node.get("statusAfter"),
        roles_before=tuple(node.get("rolesBefore") or ()),
        roles_after=tuple(node.get("rolesAfter") or ()),
        agreement_before=node.get("agreementBefore"),
        agreement_after=node.get("agreementAfter"),
    )


async def _record(tx: Tx, **fields: Any) -> AccessChange:
    rows = await fetch(tx, _RECORD, **fields)
    return _change(rows[0]["c"])


def _organisation(entry: Registration | None) -> str | None:
    return entry.organisation_ids[0] if entry and len(entry.organisation_ids) == 1 else None


async def _locked_entry(tx: AsyncManagedTransaction, user_id: str) -> Registration | None:
    await fetch(tx, _LOCK_USER, userId=user_id)
    return await registration(tx, user_id)


async def request_access(
    tx: AsyncManagedTransaction,
    user_id: str,
    organisation_id: str,
    *,
    expected: Registration | None,
    kind: str,
    name: str,
    email: str | None,
    roles: list[str],
    reason: str,
) -> AccessChange | Stale:
    """Record ``user_id``'s own request for access for ``organisation_id``."""
    # The organisation is locked, not the user: a first request has no user to lock yet.
    await fetch(tx, _LOCK_ORGANISATION, id=organisation_id)
    if not await fetch(tx, _AGREEMENT, id=organisation_id):
        return Stale()
    if await _locked_entry(tx, user_id) != expected:
        return Stale()
    params = {"userId": user_id, "organisationId": organisation_id}
    await fetch(tx, _REQUEST, name=name, email=email, kind=kind, roles=roles, **params)
    return await _record(
        tx,
        action="REQUESTED",
        actorId=user_id,
        reason=reason,
        statusBefore=expected.status if expected else None,
        statusAfter="REQUESTED",
        rolesBefore=sorted(expected.roles) if expected else [],
        rolesAfter=[],
        agreementBefore=expected.user_agreement_version if expected else None,
        agreementAfter=None,
        **params,
    )


async def set_standing(
    tx: AsyncManagedTransaction,
    user_id: str,
    *,
    expected: Registration,
    action: str,
    actor_id: str,
    status: str,
    roles: list[str],
    reason: str,
) -> AccessChange | Stale:
    """Give the user ``status`` and ``roles`` (approving, suspending, reinstating, revoking)."""
    if await _locked_entry(tx, user_id) != expected:
        return Stale()
    await fetch(tx, _STANDING, userId=user_id, status=status, roles=roles, actorId=actor_id)
    return await _record(
        tx,
        action=action,
        actorId=actor_id,
        userId=user_id,
        organisationId=_organisation(expected),
        reason=reason,
        statusBefore=expected.status,
        statusAfter=status,
        rolesBefore=sorted(expected.roles),
        rolesAfter=roles,
        agreementBefore=expected.user_agreement_version,
        agreementAfter=expected.user_agreement_version,
    )


async def accept_user_agreement(
    tx: AsyncManagedTransaction, user_id: str, *, expected: Registration, version: str
) -> AccessChange | Stale:
    """Record that the user accepted version ``version`` of the user agreement."""
    if await _locked_entry(tx, user_id) != expected:
        return Stale()
    await fetch(tx, _ACCEPT, userId=user_id, version=version)
    return await _record(
        tx,
        action="USER_AGREEMENT_ACCEPTED",
        actorId=user_id,
        userId=user_id,
        organisationId=_organisation(expected),
        reason=None,
        statusBefore=expected.status,
        statusAfter=expected.status,
        rolesBefore=sorted(expected.roles),
        rolesAfter=sorted(expected.roles),
        agreementBefore=expected.user_agreement_version,
        agreementAfter=version,
    )


def _agreement(row: Any) -> PartnerAgreement:
    return PartnerAgreement(
        signed=row["signed"] is True,
        kind=row["kind"],
        version=row["version"],
        signed_on=records.native(row["signedOn"]),
    )


async def partner_agreement(tx: Tx, organisation_id: str) -> PartnerAgreement | None:
    """The organisation's signature of the agreement, or None when there is no such partner."""
    rows = await fetch(tx, _AGREEMENT, id=organisation_id)
    return _agreement(rows[0]) if rows else None


def _described(agreement: PartnerAgreement) -> str | None:
    if not agreement.signed:
        return None
    signed_on = agreement.signed_on.isoformat() if agreement.signed_on else "unrecorded"
    return f"{agreement.kind or 'ORIGINAL'} {agreement.version or 'unrecorded'} {signed_on}"


async def record_partner_agreement(
    tx: AsyncManagedTransaction,
    organisation_id: str,
    *,
    expected: PartnerAgreement,
    actor_id: str,
    kind: str,
    version: str,
    signed_on: dt.date,
    reason: str,
) -> AccessChange | Stale:
    """Record that the organisation signed the agreement (``kind`` ORIGINAL or SUPPLEMENTAL)."""
    await fetch(tx, _LOCK_ORGANISATION, id=organisation_id)
    if await partner_agreement(tx, organisation_id) != expected:
        return Stale()
    signed = {"kind": kind, "version": version, "signedOn": signed_on}
    await fetch(tx, _SIGN, id=organisation_id, **signed)
    after = PartnerAgreement(signed=True, kind=kind, version=version, signed_on=signed_on)
    return await _record(
        tx,
        action="PARTNER_AGREEMENT_RECORDED",
        actorId=actor_id,
        userId=None,
        organisationId=organisation_id,
        reason=reason,
        statusBefore="SIGNED" if expected.signed else "UNSIGNED",
        statusAfter="SIGNED",
        rolesBefore=[],
        rolesAfter=[],
        agreementBefore=_described(expected),
        agreementAfter=_described(after),
    )


async def changes(
    tx: Tx,
    *,
    user_id: str | None,
    organisation_id: str | None,
    action: str | None,
    before: tuple[dt.datetime, str] | None,
    limit: int,
) -> list[AccessChange]:
    """Recorded changes, newest first, optionally about one user or organisation or of one
    action, after the keyset position (time, id) of the previous page."""
    rows = await fetch(
        tx,
        _CHANGES,
        userId=user_id,
        organisationId=organisation_id,
        action=action,
        before=before[0] if before else None,
        beforeId=before[1] if before else None,
        limit=limit,
    )
    return [_change(r["c"]) for r in rows]


async def count_changes(
    tx: Tx, *, user_id: str | None, organisation_id: str | None, action: str | None
) -> int:
    """How many recorded changes match the same filters as ``changes``."""
    rows = await fetch(tx, _COUNT, userId=user_id, organisationId=organisation_id, action=action)
    return int(rows[0]["n"])
