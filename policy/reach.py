"""How far a caller's changes reach: anything they see, or only what is their own.

    reach(policy, {"coordinator"}, Purpose.COORDINATE_SUPPORT, TEAMS)        # Reach.ANY
    reach(policy, {"lead_practitioner"}, Purpose.ASSESS_NEEDS, TEAMS)        # Reach.OWN
    reach(policy, {"practitioner"}, Purpose.ASSESS_NEEDS, CONSENT)           # Reach.NONE

Each ``Scope`` pairs the action that lets a role change its own (the team it leads now, ...) with
the action that widens it to anything the caller sees; what "own" means is the scope's, and the
write transaction checks it. The widening action never grants on its own: a role without the
first reaches nothing (tests/policy/test_reach.py holds the policy file to it). The API declares
the first as its field's check (``api.actions.Allowed``) and asks ``FieldAccess.reach`` how far
the caller goes; no API module decides it. ``tests/policy/decisions.txt`` lays every scope out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from policy.actions import Action, Resource
from policy.enforcer import Policy
from vocabulary import Purpose


class Reach(StrEnum):
    NONE = "none"  # nothing: the change is FORBIDDEN
    OWN = "own"  # only what is the caller's own (the scope says what that is)
    ANY = "any"  # anything the caller sees


@dataclass(frozen=True)
class Scope:
    """A kind of change, and the policy's actions for its two reaches."""

    name: str
    resource: Resource
    # Lets a role change what is its own; None: every caller may change their own.
    own: Action | None
    any: Action  # widens ``own`` to anything the caller sees
    own_means: str  # what "own" is, as the decision table says it


TEAMS = Scope(
    "team",
    Resource.TEAM_MEMBERSHIP,
    Action.MANAGE,
    Action.MANAGE_ANY,
    "the team of a family the caller leads now",
)
CONSENT = Scope(
    "consent",
    Resource.CONSENT,
    Action.RECORD,
    Action.RECORD_ANY,
    "the people of a family whose team the caller leads now",
)
LINK_REVOCATION = Scope(
    "link revocation",
    Resource.RELATIVE_LINK,
    Action.REVOKE,
    Action.REVOKE_ANY,
    "links drawn by a user of the caller's organisation",
)
SHARING_REVOCATION = Scope(
    "sharing revocation",
    Resource.SHARING_DECISION,
    None,
    Action.REVOKE,
    "decisions to share without consent the caller proposed",
)
SCOPES: tuple[Scope, ...] = (TEAMS, CONSENT, LINK_REVOCATION, SHARING_REVOCATION)


def reach(policy: Policy, roles: Iterable[str], purpose: Purpose, scope: Scope) -> Reach:
    """How far a caller with ``roles`` changes what ``scope`` governs, for ``purpose``."""
    roles = frozenset(roles)
    if scope.own is not None and not policy.allows(roles, scope.resource, scope.own, purpose):
        return Reach.NONE
    if policy.allows(roles, scope.resource, scope.any, purpose):
        return Reach.ANY
    return Reach.OWN
