"""How far each role's changes reach, decision by decision: whose team a caller changes, whose
consent they record, whose links and decisions to share without consent they revoke."""

from __future__ import annotations

from itertools import product

import pytest

from policy import Policy
from policy.reach import CONSENT, LINK_REVOCATION, SCOPES, SHARING_REVOCATION, TEAMS, Reach, Scope
from policy.reach import reach as reach_of
from vocabulary import Purpose, Role

POLICY = Policy.load()
_ASSESS, _SUPPORT = Purpose.ASSESS_NEEDS, Purpose.COORDINATE_SUPPORT
_GOVERNANCE = Purpose.INFORMATION_GOVERNANCE

# Restated independently of policy/policy.csv; anything not named reaches nothing (FORBIDDEN),
# except where every caller reaches their own (SHARING_REVOCATION).
EXPECTED: dict[Scope, dict[tuple[Role, Purpose], Reach]] = {
    TEAMS: {
        (Role.COORDINATOR, _ASSESS): Reach.ANY,
        (Role.COORDINATOR, _SUPPORT): Reach.ANY,
        (Role.LEAD_PRACTITIONER, _ASSESS): Reach.OWN,
        (Role.LEAD_PRACTITIONER, _SUPPORT): Reach.OWN,
    },
    CONSENT: {
        (Role.COORDINATOR, _ASSESS): Reach.ANY,
        (Role.COORDINATOR, _SUPPORT): Reach.ANY,
        (Role.LEAD_PRACTITIONER, _ASSESS): Reach.OWN,
        (Role.LEAD_PRACTITIONER, _SUPPORT): Reach.OWN,
    },
    LINK_REVOCATION: {
        (Role.COORDINATOR, Purpose.IDENTIFY_FAMILIES): Reach.ANY,
        (Role.COORDINATOR, _ASSESS): Reach.ANY,
        (Role.COORDINATOR, _SUPPORT): Reach.ANY,
        (Role.DATA_ANALYST, Purpose.IDENTIFY_FAMILIES): Reach.OWN,
        (Role.LEAD_PRACTITIONER, _ASSESS): Reach.OWN,
        (Role.LEAD_PRACTITIONER, _SUPPORT): Reach.OWN,
        (Role.PRACTITIONER, _ASSESS): Reach.OWN,
        (Role.PRACTITIONER, _SUPPORT): Reach.OWN,
    },
    SHARING_REVOCATION: {
        (Role.IG_OFFICER, _GOVERNANCE): Reach.ANY,
        (Role.CALDICOTT_GUARDIAN, _GOVERNANCE): Reach.ANY,
    },
}


@pytest.mark.parametrize(
    ("scope", "role", "purpose"),
    list(product(SCOPES, Role, Purpose)),
    ids=lambda v: v.name if isinstance(v, Scope) else str(v),
)
def test_how_far_each_role_reaches(scope: Scope, role: Role, purpose: Purpose) -> None:
    otherwise = Reach.OWN if scope.own is None else Reach.NONE
    expected = EXPECTED[scope].get((role, purpose), otherwise)
    assert reach_of(POLICY, {role.value}, purpose, scope) is expected


@pytest.mark.parametrize("scope", [s for s in SCOPES if s.own is not None], ids=lambda s: s.name)
def test_the_widening_action_never_grants_on_its_own(scope: Scope) -> None:
    assert scope.own is not None
    for role, purpose in product(Role, Purpose):
        if POLICY.allows({role.value}, scope.resource, scope.any, purpose):
            assert POLICY.allows({role.value}, scope.resource, scope.own, purpose), (role, purpose)


def test_a_role_granted_only_the_widening_action_reaches_nothing() -> None:
    class OnlyAny(Policy):
        def __init__(self) -> None:
            pass

        def allows(self, roles: object, resource: str, action: str, purpose: Purpose) -> bool:
            return action == TEAMS.any

    assert reach_of(OnlyAny(), {"coordinator"}, _SUPPORT, TEAMS) is Reach.NONE


@pytest.mark.parametrize("roles", [set(), {"Coordinator"}, {"*"}, {""}])
def test_no_roles_or_unknown_roles_reach_nothing(roles: set[str]) -> None:
    for scope in SCOPES:
        expected = Reach.OWN if scope.own is None else Reach.NONE
        assert reach_of(POLICY, roles, _SUPPORT, scope) is expected


def test_roles_are_alternatives_for_reach_as_for_everything_else() -> None:
    roles = {"practitioner", "coordinator"}
    assert reach_of(POLICY, roles, _SUPPORT, TEAMS) is Reach.ANY
    assert reach_of(POLICY, {"practitioner", "lead_practitioner"}, _SUPPORT, TEAMS) is Reach.OWN
