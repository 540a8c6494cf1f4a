"""Cypher for the team around a family: who is on it (need-to-know), and who leads it.

    (:User)-[:MEMBER_OF_TEAM {from, to, lead, addedBy, addedAt,
                              endedAt, endedBy, endReason}]->(:Family)

An active membership (no ``to``) is what lets a user see the family (``graph.visibility``), and an
active one with ``lead`` is what lets a lead practitioner manage the team. A membership is never
deleted: ending it sets ``to`` and records who ended it and why, so the history stays readable.

Every write first locks the family, so team changes of one family are serial: the checks that
follow (the caller still leads the team, the user is not already on it, at most one lead, the
lead is not ended while others remain) read a state no other write can change before this one
commits. The family is locked before its visibility is checked, so the check reads the state
after any concurrent change to the team. Which users may be on a team and lead it is the
policy's decision (``TeamRules``), applied here to the roles the register holds for the user as
the transaction read them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph import records
from graph._cypher import Tx, fetch
from graph.visibility import FAMILY_VISIBLE, Viewer

# Whether a user with these roles (the register's) may do something: decided by the policy,
# which the graph layer never reads itself.
RoleCheck = Callable[[frozenset[str]], bool]


@dataclass(frozen=True)
class TeamRules:
    """What the policy says about one change of a team, for the transaction to apply."""

    must_lead: bool  # the caller changes a team only while leading it
    may_join: RoleCheck  # who may be on a team
    may_lead: RoleCheck  # who may lead one


@dataclass(frozen=True)
class TeamMembership:
    """A user's membership of a family's team over a period (``to`` is None while active)."""

    family_id: str
    user_id: str
    lead: bool
    from_: dt.date | None
    to: dt.date | None
    ended_by: str | None
    end_reason: str | None

    @property
    def active(self) -> bool:
        return self.to is None


@dataclass(frozen=True)
class Changed:
    team: list[TeamMembership]


@dataclass(frozen=True)
class FamilyNotFound:
    """No such family, or one the caller may not see: the two read the same."""


@dataclass(frozen=True)
class NotLead:
    """The caller must actively lead the family's team, and does not."""


@dataclass(frozen=True)
class UserNotFound:
    pass


@dataclass(frozen=True)
class AgreementNotSigned:
    """The user's organisation has not signed the information sharing agreement, or the user's
    access to the system is not approved now."""


@dataclass(frozen=True)
class AlreadyMember:
    team: list[TeamMembership]


@dataclass(frozen=True)
class MayNotJoin:
    """The user's roles in the register may not be on a family's team."""


@dataclass(frozen=True)
class MayNotLead:
    """The user's roles in the register may not lead a family's team."""


@dataclass(frozen=True)
class LeadStays:
    """The user leads the team and others are still on it: ending them would leave it unled."""


@dataclass(frozen=True)
class NotActiveMember:
    was_member: bool  # the user was on the team once, and their membership has ended
    team: list[TeamMembership]


AddOutcome = (
    Changed
    | FamilyNotFound
    | NotLead
    | UserNotFound
    | AgreementNotSigned
    | MayNotJoin
    | MayNotLead
    | AlreadyMember
)
EndOutcome = Changed | FamilyNotFound | NotLead | UserNotFound | NotActiveMember | LeadStays
LeadOutcome = (
    Changed
    | FamilyNotFound
    | NotLead
    | UserNotFound
    | AgreementNotSigned
    | MayNotLead
    | NotActiveMember
)

_TEAM = (
    """
UNWIND $ids AS id
MATCH (f:Family {id: id})<-[t:MEMBER_OF_TEAM]-(u:User)
WHERE """
    + FAMILY_VISIBLE
    + """
RETURN f.id AS familyId, u.id AS userId, t
ORDER BY familyId, t.to IS NOT NULL, coalesce(t.lead, false) DESC, u.name, u.id, t.from
"""
)

# Taken before anything about the family is read; every team write of the family waits here.
_LOCK_FAMILY = "MATCH (f:Family {id: $familyId}) SET f._lock = true REMOVE f._lock"

# `$userId` is the caller (Viewer.params); `$memberId` the user whose membership changes.
_STATE = (
    """
MATCH (f:Family {id: $familyId})
WHERE """
    + FAMILY_VISIBLE
    + """
OPTIONAL MATCH (u:User {id: $memberId})
RETURN
  EXISTS { MATCH (f)<-[c:MEMBER_OF_TEAM {lead: true}]-(:User {id: $userId}) WHERE c.to IS NULL }
    AS callerLeads,
  u IS NOT NULL AS userFound,
  coalesce(u.roles, []) AS roles,
  [(u)-[:WORKS_FOR]->(o:Organisation) | coalesce(o.signedAgreement, false)] AS signed,
  coalesce(u.status, 'APPROVED') = 'APPROVED' AS approved,
  [(u)-[t:MEMBER_OF_TEAM]->(f) | {active: t.to IS NULL, lead: coalesce(t.lead, false)}]
    AS memberships,
  COUNT { (f)<-[a:MEMBER_OF_TEAM]-(:User) WHERE a.to IS NULL } AS activeMembers
"""
)

# At most one active lead: making someone the lead makes every other active lead a plain member.
_DEMOTE_OTHER_LEADS = """
MATCH (f:Family {id: $familyId})<-[t:MEMBER_OF_TEAM {lead: true}]-(u:User)
WHERE t.to IS NULL AND u.id <> $memberId
SET t.lead = false
"""

# Dates are the date in England, where the work happens, not the server's (UTC) date.
_ADD = """
MATCH (f:Family {id: $familyId}), (u:User {id: $memberId})
CREATE (u)-[:MEMBER_OF_TEAM {
  from: date({timezone: 'Europe/London'}), lead: $lead, addedBy: $userId, addedAt: datetime()
}]->(f)
"""

_MAKE_LEAD = """
MATCH (f:Family {id: $familyId})<-[t:MEMBER_OF_TEAM]-(:User {id: $memberId})
WHERE t.to IS NULL
SET t.lead = true
"""

_END = """
MATCH (f:Family {id: $familyId})<-[t:MEMBER_OF_TEAM]-(:User {id: $memberId})
WHERE t.to IS NULL
SET t.to = date({timezone: 'Europe/London'}), t.endedAt = datetime(),
    t.endedBy = $userId, t.endReason = $reason
"""


def _membership(family_id: str, user_id: str, t: Any) -> TeamMembership:
    return TeamMembership(
        family_id=family_id,
        user_id=user_id,
        lead=bool(t.get("lead", False)),
        from_=records.native(t.get("from")),
        to=records.native(t.get("to")),
        ended_by=t.get("endedBy"),
        end_reason=t.get("endReason"),
    )


async def members(tx: Tx, ids: list[str], viewer: Viewer) -> list[TeamMembership]:
    """Every membership, past ones included, of the teams of the visible families among ``ids``:
    active first, the lead first among them."""
    rows = await fetch(tx, _TEAM, ids=ids, **viewer.params())
    return [_membership(r["familyId"], r["userId"], r["t"]) for r in rows]


@dataclass(frozen=True)
class _State:
    caller_leads: bool
    user_found: bool
    roles: frozenset[str]  # the user's, as the register holds them
    signed: bool
    active: bool
    was_member: bool
    leads: bool  # the user is the team's active lead
    others_active: bool  # someone besides the user is on the team now


async def _locked_state(
    tx: AsyncManagedTransaction, family_id: str, user_id: str, viewer: Viewer
) -> _State | None:
    """The state the checks decide on, read under the family's lock; None when the family is
    not there for this caller."""
    await fetch(tx, _LOCK_FAMILY, familyId=family_id)
    rows = await fetch(tx, _STATE, familyId=family_id, memberId=user_id, **viewer.params())
    if not rows:
        return None
    r = rows[0]
    memberships = r["memberships"] or []
    signed = r["signed"] or []
    active = [m for m in memberships if m["active"]]
    return _State(
        caller_leads=bool(r["callerLeads"]),
        user_found=bool(r["userFound"]),
        roles=frozenset(role for role in r["roles"] if isinstance(role, str)),
        # A user of no organisation, or of several where one has not signed, is not covered.
        # A user of no organisation, or of one that has not signed, or whose access is not
        # approved now (suspended, revoked, awaiting approval), may not be on a team.
        signed=bool(signed) and all(s is True for s in signed) and bool(r["approved"]),
        active=bool(active),
        was_member=bool(memberships),
        leads=any(m["lead"] for m in active),
        others_active=int(r["activeMembers"]) > len(active),
    )


def _refused(
    state: _State | None, must_lead: bool
) -> FamilyNotFound | NotLead | UserNotFound | None:
    # In this order: a caller learns nothing about the user before they are shown to be
    # allowed to manage the family.
    if state is None:
        return FamilyNotFound()
    if must_lead and not state.caller_leads:
        return NotLead()
    if not state.user_found:
        return UserNotFound()
    return None


async def _team(
    tx: AsyncManagedTransaction, family_id: str, viewer: Viewer
) -> list[TeamMembership]:
    return await members(tx, [family_id], viewer)


async def add_member(
    tx: AsyncManagedTransaction,
    family_id: str,
    user_id: str,
    lead: bool,
    viewer: Viewer,
    rules: TeamRules,
) -> AddOutcome:
    """Put ``user_id`` on the family's team (as its lead, demoting the current one, if asked),
    when the rules let a user of their roles be on a team (and lead it)."""
    state = await _locked_state(tx, family_id, user_id, viewer)
    refused = _refused(state, rules.must_lead)
    if refused is not None:
        return refused
    assert state is not None
    if not state.signed:
        return AgreementNotSigned()
    if not rules.may_join(state.roles):
        return MayNotJoin()
    if lead and not rules.may_lead(state.roles):
        return MayNotLead()
    if state.active:
        return AlreadyMember(await _team(tx, family_id, viewer))
    params = {"familyId": family_id, "memberId": user_id, "userId": viewer.user_id}
    if lead:
        await fetch(tx, _DEMOTE_OTHER_LEADS, **params)
    await fetch(tx, _ADD, lead=lead, **params)
    return Changed(await _team(tx, family_id, viewer))


async def end_membership(
    tx: AsyncManagedTransaction,
    family_id: str,
    user_id: str,
    reason: str,
    viewer: Viewer,
    rules: TeamRules,
) -> EndOutcome:
    """End the user's active membership of the family's team, keeping it as history. The lead's
    ends only when no one else is on the team (the team then ends): a team with members is never
    left without its lead."""
    state = await _locked_state(tx, family_id, user_id, viewer)
    refused = _refused(state, rules.must_lead)
    if refused is not None:
        return refused
    assert state is not None
    if not state.active:
        return NotActiveMember(state.was_member, await _team(tx, family_id, viewer))
    if state.leads and state.others_active:
        return LeadStays()
    await fetch(
        tx, _END, familyId=family_id, memberId=user_id, userId=viewer.user_id, reason=reason
    )
    return Changed(await _team(tx, family_id, viewer))


async def set_lead(
    tx: AsyncManagedTransaction,
    family_id: str,
    user_id: str,
    viewer: Viewer,
    rules: TeamRules,
) -> LeadOutcome:
    """Make an active member the team's lead, and the previous lead a plain member, when the
    rules let a user of their roles lead a team."""
    state = await _locked_state(tx, family_id, user_id, viewer)
    refused = _refused(state, rules.must_lead)
    if refused is not None:
        return refused
    assert state is not None
    if not state.signed:
        return AgreementNotSigned()
    if not rules.may_lead(state.roles):
        return MayNotLead()
    if not state.active:
        return NotActiveMember(state.was_member, await _team(tx, family_id, viewer))
    # For a user who already leads, these writes change nothing: a retry succeeds.
    params = {"familyId": family_id, "memberId": user_id}
    await fetch(tx, _DEMOTE_OTHER_LEADS, **params)
    await fetch(tx, _MAKE_LEAD, **params)
    return Changed(await _team(tx, family_id, viewer))
