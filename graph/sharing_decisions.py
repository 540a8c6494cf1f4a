"""Cypher for decisions to share without consent: the recorded exceptions to consent.

    (:SharingDecision {id, basis, condition, justification, purposes, organisations, sectors,
                       users, emergency, status, inForce, expiresAt, proposedBy,
                       proposedByOrganisation, proposedAt, decidedBy, decidedAt, decisionNote,
                       familyId})
        -[:COVERS]->(:Person)        each person it is about (who is marked
                                     sharedWithoutConsent, so that reads look for decisions
                                     only about people some decision has ever covered)
        -[:ABOUT]->(:Family)         when it was made about a family (its members then)
    (:Notification {kind: 'SHARING_EMERGENCY', audience: 'ig_officer'})-[:ABOUT]->(decision)

A decision is proposed (PROPOSED) and takes effect when a second person approves it (APPROVED),
or is rejected (REJECTED). In an emergency (vital interests) it takes effect at once (EMERGENCY),
the information governance officers are notified, and it is reviewed later (UPHELD or
OVERTURNED). Any decision in force may be revoked (REVOKED). ``inForce`` is true exactly for
APPROVED, EMERGENCY and UPHELD, and a decision counts only until ``expiresAt``
(graph.consent_scope reads it for every disclosure a consent does not cover). Nothing is deleted.

Every write locks the decision (or, for a new one, the person or family it is about) before
reading what it decides on, so two concurrent requests cannot both pass the same check.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction, Record

from graph import records
from graph._cypher import Tx, fetch
from graph.visibility import FAMILY_VISIBLE, PERSON_VISIBLE, Viewer

IN_FORCE = frozenset({"APPROVED", "EMERGENCY", "UPHELD"})


@dataclass(frozen=True)
class Draft:
    """A decision as the caller states it, checked for everything that needs no database."""

    person_id: str | None
    family_id: str | None
    basis: str
    condition: str | None
    justification: str
    purposes: tuple[str, ...]
    organisation_ids: tuple[str, ...]
    sectors: tuple[str, ...]
    expires_at: dt.datetime
    emergency: bool


@dataclass(frozen=True)
class Decision:
    id: str
    basis: str
    condition: str | None
    justification: str
    purposes: tuple[str, ...]
    organisation_ids: tuple[str, ...]
    sectors: tuple[str, ...]
    emergency: bool
    status: str
    expires_at: dt.datetime
    proposed_by: str
    proposed_by_organisation: str | None
    proposed_at: dt.datetime
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_note: str | None
    family_id: str | None
    person_ids: tuple[str, ...]

    @property
    def in_force(self) -> bool:
        return self.status in IN_FORCE and self.expires_at > dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Recorded:
    decision: Decision


@dataclass(frozen=True)
class SubjectNotFound:
    """No such person or family, or one the caller may not see: the two read the same."""


@dataclass(frozen=True)
class UnknownOrganisations:
    ids: tuple[str, ...]


@dataclass(frozen=True)
class NobodyCovered:
    """A family with no current member: a decision about it would cover no one."""


@dataclass(frozen=True)
class AlreadyRecorded:
    decision: Decision


@dataclass(frozen=True)
class DecisionNotFound:
    pass


@dataclass(frozen=True)
class WrongStatus:
    """The decision is not in a state that allows the change (e.g. approving an approved one)."""

    decision: Decision


@dataclass(frozen=True)
class SamePerson:
    """The second person (approver, reviewer) may not be the one who proposed it."""


@dataclass(frozen=True)
class Changed:
    decision: Decision


RecordOutcome = Recorded | SubjectNotFound | UnknownOrganisations | NobodyCovered | AlreadyRecorded
ChangeOutcome = Changed | DecisionNotFound | WrongStatus | SamePerson

_FIELDS: LiteralString = (
    "d {.*, expiresAt: toString(d.expiresAt), proposedAt: toString(d.proposedAt),"
    " decidedAt: toString(d.decidedAt)}"
)
_RETURN: LiteralString = (
    " RETURN "
    + _FIELDS
    + " AS d, COLLECT { MATCH (d)-[:COVERS]->(p:Person) RETURN p.id } AS people"
)

# The person, or the family and its current members, the decision would be about; locked.
_LOCK_PERSON = (
    "MATCH (p:Person {id: $personId}) WHERE "
    + PERSON_VISIBLE
    + " SET p._lock = true REMOVE p._lock RETURN [p.id] AS people"
)
_LOCK_FAMILY = (
    "MATCH (f:Family {id: $familyId}) WHERE "
    + FAMILY_VISIBLE
    + " SET f._lock = true REMOVE f._lock"
    " RETURN COLLECT { MATCH (f)<-[m:MEMBER_OF]-(p:Person) WHERE m.to IS NULL"
    " RETURN p.id ORDER BY p.id } AS people"
)

_UNKNOWN_ORGANISATIONS = (
    "RETURN [id IN $ids WHERE NOT EXISTS { MATCH (:Organisation {id: id}) }] AS unknown"
)

_CREATE = (
    """
CREATE (d:SharingDecision {
  id: $id, basis: $basis, condition: $condition, justification: $justification,
  purposes: $purposes, organisations: $organisations, sectors: $sectors, emergency: $emergency,
  status: $status, inForce: $inForce, expiresAt: datetime($expiresAt), proposedBy: $userId,
  proposedByOrganisation: $organisationId, proposedAt: datetime(), familyId: $familyId
})
WITH d
CALL (d) {
  UNWIND $people AS personId MATCH (p:Person {id: personId}) CREATE (d)-[:COVERS]->(p)
  SET p.sharedWithoutConsent = true
}
CALL (d) {
  OPTIONAL MATCH (f:Family {id: $familyId}) FOREACH (_ IN CASE WHEN f IS NULL THEN [] ELSE [1] END |
    CREATE (d)-[:ABOUT]->(f))
}
CALL (d) {
  FOREACH (_ IN CASE WHEN $emergency THEN [1] ELSE [] END |
    CREATE (:Notification {id: $notificationId, kind: 'SHARING_EMERGENCY',
                           audience: 'ig_officer', createdAt: datetime(),
                           message: 'User ' + $userId + ' shared without consent in an emergency ('
                                    + $basis + '): review the decision'})-[:ABOUT]->(d))
}
WITH d"""
    + _RETURN
)

_LOCK = "MATCH (d:SharingDecision {id: $id}) SET d._lock = true REMOVE d._lock"
_BY_IDS = "UNWIND $ids AS id MATCH (d:SharingDecision {id: id})" + _RETURN

_SET_STATUS = (
    """
MATCH (d:SharingDecision {id: $id})
SET d.status = $status, d.inForce = $inForce, d.decidedBy = $userId, d.decidedAt = datetime(),
    d.decisionNote = $note
WITH d"""
    + _RETURN
)

# Only decisions the caller proposed, or that share with them (their organisation, its sector, or
# them alone, as break-glass does): another agency's exception, and why it was made, is not theirs
# to read.
_OF_PEOPLE = (
    "UNWIND $ids AS id MATCH (p:Person {id: id}) WHERE "
    + PERSON_VISIBLE
    + " MATCH (d:SharingDecision)-[:COVERS]->(p)"
    " WHERE d.proposedBy = $userId OR $organisationId IN d.organisations"
    " OR $organisationSector IN d.sectors OR $userId IN coalesce(d.users, [])"
    " WITH p.id AS personId, d"
    " ORDER BY d.proposedAt DESC, d.id RETURN personId, "
    + _FIELDS
    + " AS d, COLLECT { MATCH (d)-[:COVERS]->(q:Person) RETURN q.id } AS people"
)

_LIST = (
    """
MATCH (d:SharingDecision) WHERE d.status IN $statuses
  AND ($before IS NULL OR d.proposedAt < datetime($before)
       OR (d.proposedAt = datetime($before) AND d.id < $beforeId))
WITH d ORDER BY d.proposedAt DESC, d.id DESC LIMIT $limit"""
    + _RETURN
)
_COUNT = "MATCH (d:SharingDecision) WHERE d.status IN $statuses RETURN count(d) AS n"


def _decision(r: Record | dict[str, Any]) -> Decision:
    d: Any = r["d"]
    expires = records.instant(d["expiresAt"])
    proposed = records.instant(d["proposedAt"])
    assert expires is not None
    assert proposed is not None
    return Decision(
        id=d["id"],
        basis=d["basis"],
        condition=d.get("condition"),
        justification=d["justification"],
        purposes=tuple(d.get("purposes") or ()),
        organisation_ids=tuple(d.get("organisations") or ()),
        sectors=tuple(d.get("sectors") or ()),
        emergency=bool(d.get("emergency")),
        status=d["status"],
        expires_at=expires,
        proposed_by=d["proposedBy"],
        proposed_by_organisation=d.get("proposedByOrganisation"),
        proposed_at=proposed,
        decided_by=d.get("decidedBy"),
        decided_at=records.instant(d.get("decidedAt")),
        decision_note=d.get("decisionNote"),
        family_id=d.get("familyId"),
        person_ids=tuple(sorted(r["people"])),
    )


def _same(existing: Decision, draft: Draft, people: list[str]) -> bool:
    return (
        existing.basis == draft.basis
        and existing.condition == draft.condition
        and set(existing.purposes) == set(draft.purposes)
        and set(existing.organisation_ids) == set(draft.organisation_ids)
        and set(existing.sectors) == set(draft.sectors)
        and existing.family_id == draft.family_id
        and set(existing.person_ids) == set(people)
    )


# Decisions proposed or in force about the first person: recording the same again is a conflict.
_ABOUT_PERSON = (
    "MATCH (d:SharingDecision)-[:COVERS]->(:Person {id: $first})"
    " WHERE d.status IN ['PROPOSED', 'APPROVED', 'EMERGENCY', 'UPHELD']"
    " AND d.expiresAt > datetime() WITH d" + _RETURN
)


async def record(tx: AsyncManagedTransaction, draft: Draft, viewer: Viewer) -> RecordOutcome:
    """Record a decision about a person or family (its current members), proposed for approval,
    or in force at once in an emergency (and the information governance officers notified)."""
    params = viewer.params()
    if draft.family_id is not None:
        rows = await fetch(tx, _LOCK_FAMILY, familyId=draft.family_id, **params)
    else:
        rows = await fetch(tx, _LOCK_PERSON, personId=draft.person_id, **params)
    if not rows:
        return SubjectNotFound()
    people = [str(p) for p in rows[0]["people"]]
    if not people:
        return NobodyCovered()
    unknown = (await fetch(tx, _UNKNOWN_ORGANISATIONS, ids=list(draft.organisation_ids)))[0]
    if unknown["unknown"]:
        return UnknownOrganisations(tuple(unknown["unknown"]))
    for r in await fetch(tx, _ABOUT_PERSON, first=people[0]):
        existing = _decision(r)
        if _same(existing, draft, people):
            return AlreadyRecorded(existing)
    status = "EMERGENCY" if draft.emergency else "PROPOSED"
    created = await fetch(
        tx,
        _CREATE,
        id=str(uuid.uuid4()),
        notificationId=str(uuid.uuid4()),
        basis=draft.basis,
        condition=draft.condition,
        justification=draft.justification,
        purposes=list(draft.purposes),
        organisations=list(draft.organisation_ids),
        sectors=list(draft.sectors),
        emergency=draft.emergency,
        status=status,
        inForce=status in IN_FORCE,
        expiresAt=draft.expires_at.isoformat(),
        userId=viewer.user_id,
        organisationId=viewer.organisation_id,
        familyId=draft.family_id,
        people=people,
    )
    return Recorded(_decision(created[0]))


# What each change needs the decision's status to be, and the status it leaves.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "approve": (frozenset({"PROPOSED"}), "APPROVED"),
    "reject": (frozenset({"PROPOSED"}), "REJECTED"),
    "uphold": (frozenset({"EMERGENCY"}), "UPHELD"),
    "overturn": (frozenset({"EMERGENCY"}), "OVERTURNED"),
    "revoke": (frozenset({"PROPOSED", "APPROVED", "EMERGENCY", "UPHELD"}), "REVOKED"),
}


async def change(
    tx: AsyncManagedTransaction,
    decision_id: str,
    action: str,
    note: str,
    user_id: str,
    *,
    second_person: bool,
    proposer_only: bool = False,
) -> ChangeOutcome:
    """Move a decision on (``TRANSITIONS``), recording who, when and why. ``second_person``: the
    caller may not be its proposer; ``proposer_only``: the caller must be."""
    await fetch(tx, _LOCK, id=decision_id)
    rows = await fetch(tx, _BY_IDS, ids=[decision_id])
    if not rows:
        return DecisionNotFound()
    current = _decision(rows[0])
    if proposer_only and current.proposed_by != user_id:
        return DecisionNotFound()
    if second_person and current.proposed_by == user_id:
        return SamePerson()
    allowed, status = TRANSITIONS[action]
    if current.status not in allowed:
        return WrongStatus(current)
    changed = await fetch(
        tx,
        _SET_STATUS,
        id=decision_id,
        status=status,
        inForce=status in IN_FORCE,
        userId=user_id,
        note=note,
    )
    return Changed(_decision(changed[0]))


async def by_ids(tx: Tx, ids: list[str]) -> list[Decision]:
    return [_decision(r) for r in await fetch(tx, _BY_IDS, ids=ids)]


async def of_people(tx: Tx, ids: list[str], viewer: Viewer) -> list[tuple[str, Decision]]:
    """Every decision covering each visible person, newest first, as (person id, decision)."""
    rows = await fetch(tx, _OF_PEOPLE, ids=ids, **viewer.params())
    return [(str(r["personId"]), _decision(r)) for r in rows]


async def listing(
    tx: Tx, statuses: list[str], before: tuple[str, str] | None, limit: int
) -> list[Decision]:
    """Decisions in these states, newest first, after the keyset position (proposedAt ISO text,
    id) of the previous page: for information governance."""
    rows = await fetch(
        tx,
        _LIST,
        statuses=statuses,
        before=before[0] if before else None,
        beforeId=before[1] if before else None,
        limit=limit,
    )
    return [_decision(r) for r in rows]


async def count(tx: Tx, statuses: list[str]) -> int:
    return int((await fetch(tx, _COUNT, statuses=statuses))[0]["n"])
