"""Every rule of policy/policy.csv: one allowed and one denied case, and deny by default."""

from __future__ import annotations

import pytest

from policy import Policy

POLICY = Policy.load()

ALLOWED = [
    ({"data_analyst"}, "RelativeLink", "link"),
    ({"coordinator"}, "RelativeLink", "link"),
    ({"lead_practitioner"}, "RelativeLink", "link"),
    ({"practitioner"}, "RelativeLink", "link"),
    ({"data_analyst"}, "RelativeLink", "revoke"),
    ({"coordinator"}, "RelativeLink", "revoke"),
    ({"lead_practitioner"}, "RelativeLink", "revoke"),
    ({"practitioner"}, "RelativeLink", "revoke"),
    ({"partner_system", "practitioner"}, "RelativeLink", "link"),
]

DENIED = [
    ({"partner_system"}, "RelativeLink", "link"),
    ({"national_evaluator"}, "RelativeLink", "link"),
    ({"ig_officer"}, "RelativeLink", "revoke"),
    ({"administrator"}, "RelativeLink", "revoke"),
    ({"practitioner"}, "RelativeLink", "delete"),
    ({"practitioner"}, "Person", "link"),
    (set(), "RelativeLink", "link"),
    ({"Practitioner"}, "RelativeLink", "link"),
    ({"*"}, "RelativeLink", "link"),
]


@pytest.mark.parametrize(("roles", "resource", "action"), ALLOWED)
def test_allowed(roles: set[str], resource: str, action: str) -> None:
    assert POLICY.allows(roles, resource, action)


@pytest.mark.parametrize(("roles", "resource", "action"), DENIED)
def test_denied(roles: set[str], resource: str, action: str) -> None:
    assert not POLICY.allows(roles, resource, action)
