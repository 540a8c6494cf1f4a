"""One request's field decisions: who is asking, and for which purpose.

    access = FieldAccess(policy, principal_roles, Purpose.ASSESS_NEEDS, needs_consent=True)
    access.decide(DataClass.IDENTITY)   # Decision(allowed=True, reason=None)

The attributes that do not change within a request are fixed at construction; each data class is
decided once and remembered, so the cost of policy grows with the number of distinct situations
in a response, not with its rows times fields.

Special category and criminal offence data need a condition beyond the lawful basis. When the
request rests on each person's consent (steps 3 to 5) the condition is theirs too: explicit
consent naming the category, or a recorded decision to share without consent naming a condition
(``needs_special``: decided per person, api.access). Otherwise (public task: steps 1, 2 and 6) it
is a standing condition the policy names for the role and purpose (``p, <role>, <CONDITION>,
condition, <purpose>``), reviewed like every other rule; a request header never supplies one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from policy.actions import Action, Resource
from policy.enforcer import Policy
from policy.lawful_bases import SpecialCondition, condition_covers
from policy.reach import Reach, Scope, reach
from vocabulary import SPECIAL, DataClass, Purpose


class Reason(StrEnum):
    """Why a field was withheld, as a dashboard may show it."""

    NOT_PERMITTED = "NOT_PERMITTED"  # the role may not see this class of data for this purpose
    CONDITION_REQUIRED = "SPECIAL_CATEGORY_CONDITION_REQUIRED"  # special category: no condition
    NO_CONSENT = "NO_CONSENT"  # the person's consent does not cover this purpose and organisation


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: Reason | None = None


ALLOW = Decision(True)


class FieldAccess:
    # Whether what is served is recorded (and so whom each field concerns must be known).
    audited = True

    def __init__(
        self,
        policy: Policy,
        roles: Iterable[str],
        purpose: Purpose,
        needs_consent: bool = False,
    ) -> None:
        self._policy = policy
        self._roles = frozenset(roles)
        self.purpose = purpose
        # Whether each person's consent (or a decision to share without it) must cover what is
        # disclosed about them; decided once per request from its purpose.
        self.needs_consent = needs_consent
        self.standing_conditions: tuple[SpecialCondition, ...] = (
            ()
            if needs_consent
            else tuple(
                c
                for c in SpecialCondition
                if policy.allows(self._roles, c.value, Action.CONDITION, purpose)
            )
        )
        self._decided: dict[DataClass, Decision] = {}

    def decide(self, data_class: DataClass) -> Decision:
        decision = self._decided.get(data_class)
        if decision is None:
            decision = self._decide(data_class)
            self._decided[data_class] = decision
        return decision

    def _decide(self, data_class: DataClass) -> Decision:
        if not self._policy.allows(self._roles, data_class.value, Action.READ, self.purpose):
            return Decision(False, Reason.NOT_PERMITTED)
        if (
            data_class in SPECIAL
            and not self.needs_consent
            and self.condition_for(data_class) is None
        ):
            return Decision(False, Reason.CONDITION_REQUIRED)
        return ALLOW

    def condition_for(self, data_class: DataClass) -> SpecialCondition | None:
        """The standing condition a request not resting on consent reads ``data_class`` under."""
        return next(
            (c for c in self.standing_conditions if condition_covers(c, data_class.value)), None
        )

    def needs_special(self, data_class: DataClass) -> bool:
        """Whether each person's own condition must cover ``data_class`` (explicit consent or a
        decision naming a condition): special category data in a request resting on consent."""
        return self.needs_consent and data_class in SPECIAL

    def may(self, resource: Resource, action: Action) -> bool:
        """Whether the caller may take an action (e.g. link) for the declared purpose."""
        return self._policy.allows(self._roles, resource, action, self.purpose)

    def reach(self, scope: Scope) -> Reach:
        """How far the caller's changes of ``scope`` reach for the declared purpose."""
        return reach(self._policy, self._roles, self.purpose, scope)


class Unrestricted(FieldAccess):
    """Every field, every action: only for the benchmark's baseline (the cost of access control
    is measured against it). The service never builds one from configuration."""

    audited = False

    def __init__(self, policy: Policy, purpose: Purpose) -> None:
        super().__init__(policy, (), purpose, needs_consent=False)

    def decide(self, data_class: DataClass) -> Decision:
        return ALLOW

    def needs_special(self, data_class: DataClass) -> bool:
        return False

    def may(self, resource: Resource, action: Action) -> bool:
        return True

    def reach(self, scope: Scope) -> Reach:
        return Reach.ANY
