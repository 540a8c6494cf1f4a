"""Changing the team around a family: adding a member, ending a membership, appointing its lead
(``graph.teams``). The rules come from the policy (``policy.teams``), decided by the API and
applied in the write transaction."""

from __future__ import annotations

from dataclasses import dataclass

from graph import Database, Viewer
from graph import teams as repository
from graph.teams import (
    AddOutcome,
    AgreementNotSigned,
    AlreadyMember,
    Changed,
    EndOutcome,
    FamilyNotFound,
    LeadOutcome,
    LeadStays,
    MayNotJoin,
    MayNotLead,
    NotActiveMember,
    NotLead,
    TeamMembership,
    TeamRules,
    UserNotFound,
)

__all__ = [
    "AddOutcome",
    "AgreementNotSigned",
    "AlreadyMember",
    "Changed",
    "EndOutcome",
    "FamilyNotFound",
    "LeadOutcome",
    "LeadStays",
    "MayNotJoin",
    "MayNotLead",
    "MembershipEnd",
    "NewLead",
    "NewMember",
    "NotActiveMember",
    "NotLead",
    "TeamMembership",
    "TeamRules",
    "UserNotFound",
    "add_member",
    "end_membership",
    "set_lead",
]


@dataclass(frozen=True)
class NewMember:
    family_id: str
    user_id: str
    lead: bool  # as the lead: the current lead becomes a member
    rules: TeamRules


@dataclass(frozen=True)
class MembershipEnd:
    family_id: str
    user_id: str
    reason: str
    rules: TeamRules


@dataclass(frozen=True)
class NewLead:
    family_id: str
    user_id: str  # an active member
    rules: TeamRules


async def add_member(db: Database, actor: Viewer, input: NewMember) -> AddOutcome:
    """Put the user on the family's team, as ``actor`` (who must lead it, if the rules say so)."""
    return await db.write(
        repository.add_member, input.family_id, input.user_id, input.lead, actor, input.rules
    )


async def end_membership(db: Database, actor: Viewer, input: MembershipEnd) -> EndOutcome:
    """End the user's active membership of the family's team, keeping it as history."""
    return await db.write(
        repository.end_membership, input.family_id, input.user_id, input.reason, actor, input.rules
    )


async def set_lead(db: Database, actor: Viewer, input: NewLead) -> LeadOutcome:
    """Make an active member the team's lead; the previous lead stays a member."""
    return await db.write(repository.set_lead, input.family_id, input.user_id, actor, input.rules)
