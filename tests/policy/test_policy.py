"""The access policy, decision by decision: every rule of policy/policy.csv allowed and denied,
the role x data class x purpose matrix, and failing closed on anything unknown."""

from __future__ import annotations

import csv
from itertools import product

import pytest

from policy import Policy
from policy.enforcer import RULES
from vocabulary import DataClass, Purpose, Role

POLICY = Policy.load()


def _rules() -> list[tuple[str, str, str, str]]:
    rows = csv.reader(
        line for line in RULES.read_text().splitlines() if line.strip() and not line.startswith("#")
    )
    return [tuple(cell.strip() for cell in row[1:]) for row in rows]  # type: ignore[misc]


RULE_SET = set(_rules())


@pytest.mark.parametrize(("role", "resource", "action", "purpose"), sorted(RULE_SET))
def test_each_rule_allows_exactly_its_case(
    role: str, resource: str, action: str, purpose: str
) -> None:
    assert POLICY.allows({role}, resource, action, Purpose(purpose))
    # The same request for a purpose the rule does not name is denied ...
    other = next(p for p in Purpose if (role, resource, action, p.value) not in RULE_SET)
    assert not POLICY.allows({role}, resource, action, other)
    # ... and so is the same request from a role the rule does not name.
    stranger = next(r for r in Role if (r.value, resource, action, purpose) not in RULE_SET)
    assert not POLICY.allows({stranger.value}, resource, action, Purpose(purpose))


# The README's table, restated independently: which classes each role reads when co-ordinating
# support (step 4). Special categories are granted here and still need a condition per request.
COORDINATING = {
    Role.DATA_ANALYST: set(),
    Role.COORDINATOR: {
        "identity", "contact", "address", "family_links", "education", "employment",
        "housing", "social_care", "case_notes", "health", "criminal_offence",
    },
    Role.LEAD_PRACTITIONER: {
        "identity", "contact", "address", "family_links", "education", "employment",
        "housing", "social_care", "case_notes", "health", "criminal_offence",
    },
    Role.PRACTITIONER: {
        "identity", "contact", "address", "family_links", "education", "employment",
        "housing", "social_care", "case_notes", "health",
    },
    Role.PARTNER_SYSTEM: {"identity", "address", "family_links"},
    Role.IG_OFFICER: set(),
    Role.CALDICOTT_GUARDIAN: set(),
    Role.ADMINISTRATOR: set(),
    Role.NATIONAL_EVALUATOR: set(),
}  # fmt: skip


@pytest.mark.parametrize(("role", "data_class"), list(product(Role, DataClass)))
def test_matrix_for_coordinating_support(role: Role, data_class: DataClass) -> None:
    expected = data_class.value in COORDINATING[role]
    assert POLICY.allows({role.value}, data_class.value, "read", Purpose.COORDINATE_SUPPORT) is (
        expected
    )


ACTS_FOR = {
    Role.DATA_ANALYST: {"identify-individuals", "identify-families", "monitor-outcomes"},
    Role.COORDINATOR: {
        "identify-families", "assess-needs", "coordinate-support", "monitor-outcomes"
    },
    Role.LEAD_PRACTITIONER: {"assess-needs", "coordinate-support", "monitor-outcomes"},
    Role.PRACTITIONER: {"assess-needs", "coordinate-support", "monitor-outcomes"},
    Role.PARTNER_SYSTEM: {"identify-individuals", "coordinate-support"},
    Role.IG_OFFICER: {"information-governance"},
    Role.CALDICOTT_GUARDIAN: {"information-governance"},
    Role.ADMINISTRATOR: set(),
    Role.ADMINISTRATOR: {"information-governance"},
    Role.NATIONAL_EVALUATOR: {"national-evaluation"},
}  # fmt: skip


@pytest.mark.parametrize(("role", "purpose"), list(product(Role, Purpose)))
def test_which_roles_act_for_which_purposes(role: Role, purpose: Purpose) -> None:
    assert POLICY.may_act_for({role.value}, purpose) is (purpose.value in ACTS_FOR[role])


def test_national_evaluator_reads_no_personal_data_for_any_purpose() -> None:
    for data_class, purpose in product(DataClass, Purpose):
        assert not POLICY.allows({"national_evaluator"}, data_class.value, "read", purpose)


@pytest.mark.parametrize(
    ("roles", "resource", "action"),
    [
        (set(), "identity", "read"),
        ({"Practitioner"}, "identity", "read"),  # role names are exact
        ({"practitioner "}, "identity", "read"),
        ({"*"}, "identity", "read"),
        ({"practitioner"}, "Identity", "read"),
        ({"practitioner"}, "*", "read"),
        ({"practitioner"}, "identity", "write"),
        ({"practitioner"}, "RelativeLink", "delete"),
    ],
)
def test_anything_unknown_is_denied(roles: set[str], resource: str, action: str) -> None:
    assert not POLICY.allows(roles, resource, action, Purpose.COORDINATE_SUPPORT)


def test_roles_are_alternatives_not_a_sum_of_restrictions() -> None:
    roles = {"partner_system", "practitioner"}
    assert POLICY.allows(roles, "case_notes", "read", Purpose.COORDINATE_SUPPORT)
    assert not POLICY.allows({"partner_system"}, "case_notes", "read", Purpose.COORDINATE_SUPPORT)


def test_policy_version_is_stable_for_the_same_files() -> None:
    assert Policy.load().version == POLICY.version
    assert len(POLICY.version) == 16
