"""The team and link rules of the policy, decision by decision: who may be on a team, who may
lead one, whose team a caller may change, and whose links a caller may revoke."""

from __future__ import annotations

from itertools import product

import pytest

from policy import Policy
from policy import teams as team_policy
from vocabulary import Purpose, Role

POLICY = Policy.load()

# Restated independently of policy/policy.csv: membership gives sight of a family, so only roles
# that work with families directly are members.
JOIN = {Role.PRACTITIONER, Role.LEAD_PRACTITIONER, Role.COORDINATOR}
LEAD = {Role.LEAD_PRACTITIONER, Role.COORDINATOR}


@pytest.mark.parametrize("role", list(Role))
def test_who_may_be_on_a_team(role: Role) -> None:
    assert team_policy.may_join(POLICY, {role.value}) is (role in JOIN)


@pytest.mark.parametrize("role", list(Role))
def test_who_may_lead_a_team(role: Role) -> None:
    assert team_policy.may_lead(POLICY, {role.value}) is (role in LEAD)


def test_whoever_may_lead_may_be_on_the_team() -> None:
    leads = set(team_policy.roles_that_may(POLICY, team_policy.LEAD))
    assert leads <= set(team_policy.roles_that_may(POLICY, team_policy.JOIN))


def test_the_roles_an_error_names_are_the_policys() -> None:
    assert team_policy.roles_that_may(POLICY, team_policy.JOIN) == (
        "coordinator",
        "lead_practitioner",
        "practitioner",
    )
    assert team_policy.roles_that_may(POLICY, team_policy.LEAD) == (
        "coordinator",
        "lead_practitioner",
    )


@pytest.mark.parametrize(
    "roles",
    [set(), {"Practitioner"}, {"lead practitioner"}, {"*"}, {""}, {"partner_system", "ig_officer"}],
)
def test_no_roles_or_unknown_roles_may_neither_join_nor_lead(roles: set[str]) -> None:
    assert not team_policy.may_join(POLICY, roles)
    assert not team_policy.may_lead(POLICY, roles)


def test_roles_are_alternatives_for_membership_as_for_everything_else() -> None:
    # A user the register gives a practitioner's role besides another joins as a practitioner.
    assert team_policy.may_join(POLICY, {"national_evaluator", "practitioner"})
    assert not team_policy.may_lead(POLICY, {"national_evaluator", "practitioner"})


# Whose team a caller may change, per declared purpose: "any" (any family they see), "led" (only
# a team they lead now) or None (FORBIDDEN).
MANAGES: dict[tuple[Role, Purpose], str] = {
    (Role.COORDINATOR, Purpose.ASSESS_NEEDS): "any",
    (Role.COORDINATOR, Purpose.COORDINATE_SUPPORT): "any",
    (Role.LEAD_PRACTITIONER, Purpose.ASSESS_NEEDS): "led",
    (Role.LEAD_PRACTITIONER, Purpose.COORDINATE_SUPPORT): "led",
}


@pytest.mark.parametrize(("role", "purpose"), list(product(Role, Purpose)))
def test_whose_team_a_caller_may_change(role: Role, purpose: Purpose) -> None:
    manages = POLICY.allows({role.value}, team_policy.RESOURCE, team_policy.MANAGE, purpose)
    any_team = POLICY.allows({role.value}, team_policy.RESOURCE, team_policy.MANAGE_ANY, purpose)
    scope = ("any" if any_team else "led") if manages else None
    assert scope == MANAGES.get((role, purpose))
    # manage_any widens manage; it never grants on its own.
    assert manages or not any_team


# Whose links a caller may revoke, per declared purpose: "any" link they see, or "own" (drawn
# by a user of their organisation); None is FORBIDDEN.
REVOKES: dict[tuple[Role, Purpose], str] = {
    (Role.COORDINATOR, Purpose.IDENTIFY_FAMILIES): "any",
    (Role.COORDINATOR, Purpose.ASSESS_NEEDS): "any",
    (Role.COORDINATOR, Purpose.COORDINATE_SUPPORT): "any",
    (Role.DATA_ANALYST, Purpose.IDENTIFY_FAMILIES): "own",
    (Role.LEAD_PRACTITIONER, Purpose.ASSESS_NEEDS): "own",
    (Role.LEAD_PRACTITIONER, Purpose.COORDINATE_SUPPORT): "own",
    (Role.PRACTITIONER, Purpose.ASSESS_NEEDS): "own",
    (Role.PRACTITIONER, Purpose.COORDINATE_SUPPORT): "own",
}


@pytest.mark.parametrize(("role", "purpose"), list(product(Role, Purpose)))
def test_whose_links_a_caller_may_revoke(role: Role, purpose: Purpose) -> None:
    revokes = POLICY.allows({role.value}, "RelativeLink", "revoke", purpose)
    any_link = POLICY.allows({role.value}, "RelativeLink", "revoke_any", purpose)
    scope = ("any" if any_link else "own") if revokes else None
    assert scope == REVOKES.get((role, purpose))
    assert revokes or not any_link
