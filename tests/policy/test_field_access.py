"""One request's field decisions: special categories need a condition, decisions are memoised."""

from __future__ import annotations

from policy import Policy
from policy.field_access import FieldAccess, Reason
from policy.lawful_bases import SpecialCondition
from vocabulary import DataClass, Purpose


class CountingPolicy(Policy):
    calls = 0

    def allows(self, *args: object, **kwargs: object) -> bool:  # type: ignore[override]
        CountingPolicy.calls += 1
        return super().allows(*args, **kwargs)  # type: ignore[arg-type]


def _access(roles: set[str], condition: SpecialCondition | None = None) -> FieldAccess:
    return FieldAccess(Policy.load(), roles, Purpose.COORDINATE_SUPPORT, condition)


def test_ordinary_class_follows_the_policy() -> None:
    assert _access({"practitioner"}).decide(DataClass.IDENTITY).allowed
    denied = _access({"partner_system"}).decide(DataClass.CASE_NOTES)
    assert (denied.allowed, denied.reason) == (False, Reason.NOT_PERMITTED)


def test_special_category_needs_a_covering_condition() -> None:
    without = _access({"coordinator"}).decide(DataClass.CRIMINAL_OFFENCE)
    assert (without.allowed, without.reason) == (False, Reason.CONDITION_REQUIRED)
    with_consent = _access({"coordinator"}, SpecialCondition.EXPLICIT_CONSENT)
    assert with_consent.decide(DataClass.CRIMINAL_OFFENCE).allowed
    assert with_consent.decide(DataClass.HEALTH).allowed


def test_a_condition_never_widens_what_the_role_may_see() -> None:
    access = _access({"practitioner"}, SpecialCondition.EXPLICIT_CONSENT)
    decision = access.decide(DataClass.CRIMINAL_OFFENCE)
    assert (decision.allowed, decision.reason) == (False, Reason.NOT_PERMITTED)


def test_each_class_is_decided_once_per_request() -> None:
    model = Policy.load()
    policy = CountingPolicy(model._enforcer, model.version)
    access = FieldAccess(policy, {"practitioner"}, Purpose.COORDINATE_SUPPORT)
    CountingPolicy.calls = 0
    for _ in range(1000):
        access.decide(DataClass.IDENTITY)
        access.decide(DataClass.ADDRESS)
    assert CountingPolicy.calls == 2
