"""Who may be on the team around a family and who may lead it: the policy's ``TeamMembership``
rules about the *member*, read in one place.

    may_join(policy, {"practitioner"})         # True
    may_lead(policy, {"practitioner"})         # False: a lead practitioner or co-ordinator leads
    roles_that_may(policy, LEAD)               # ("coordinator", "lead_practitioner")

The member's roles are the register's (the ``User`` node's ``roles``), not the caller's token.
Being on a team is what gives sight of a family (need-to-know), and the team is step 4 of
Appendix 4, co-ordinating support: the rules are weighed for that purpose whatever purpose the
change itself is declared under. Whose team a caller may change is the caller's own rule
(``TeamMembership, manage`` and ``manage_any``: ``policy.reach.TEAMS``).
"""

from __future__ import annotations

from collections.abc import Iterable

from policy.actions import Action, Resource
from policy.enforcer import Policy
from vocabulary import Purpose, Role

RESOURCE = Resource.TEAM_MEMBERSHIP
JOIN = Action.JOIN  # may be on a family's team
LEAD = Action.LEAD  # may lead one (be its lead practitioner)
MANAGE = Action.MANAGE  # may change teams at all, for the declared purpose: only a team they lead
MANAGE_ANY = Action.MANAGE_ANY  # ... the team of any family they see
TEAM_PURPOSE = Purpose.COORDINATE_SUPPORT


def may_join(policy: Policy, roles: Iterable[str]) -> bool:
    """Whether a user with these roles (the register's) may be on a family's team."""
    return policy.allows(roles, RESOURCE, JOIN, TEAM_PURPOSE)


def may_lead(policy: Policy, roles: Iterable[str]) -> bool:
    """Whether a user with these roles (the register's) may lead a family's team."""
    return policy.allows(roles, RESOURCE, LEAD, TEAM_PURPOSE)


def roles_that_may(policy: Policy, action: Action) -> tuple[str, ...]:
    """The roles the policy lets ``join`` or ``lead`` a team, in the vocabulary's order: what an
    error message names, so that it says what the policy says."""
    return tuple(r.value for r in Role if policy.allows({r.value}, RESOURCE, action, TEAM_PURPOSE))
