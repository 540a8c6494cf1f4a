"""Access decisions from ``casbin_model.conf`` and ``policy/policy.csv``; pure, no I/O after load.

Usage:

    policy = Policy.load()
    policy.may_act_for({"practitioner"}, Purpose.ASSESS_NEEDS)                       # True
    policy.allows({"practitioner"}, "identity", Action.READ, Purpose.ASSESS_NEEDS)   # True

Decisions are memoised per distinct (role, resource, action, purpose): their cost grows with the
number of distinct situations, not with the rows and fields of a response.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import casbin

from policy.actions import Action, Resource
from policy.indicator_classes import TABLE as INDICATOR_CLASSES
from vocabulary import Purpose

_ROOT = Path(__file__).resolve().parent.parent
MODEL = _ROOT / "casbin_model.conf"
RULES = Path(__file__).resolve().parent / "policy.csv"


class Policy:
    def __init__(self, enforcer: casbin.Enforcer, version: str) -> None:
        self._enforcer = enforcer
        self.version = version

    @classmethod
    def load(cls, model: Path = MODEL, rules: Path = RULES) -> Policy:
        """The policy; its version is a digest of the model, the rules and the indicator classes
        (which decide the class of a report of each criterion), recorded in the audit."""
        parts = (model.read_bytes(), rules.read_bytes(), INDICATOR_CLASSES.read_bytes())
        digest = hashlib.sha256(b"\0".join(parts)).hexdigest()
        return cls(casbin.Enforcer(str(model), str(rules)), digest[:16])

    def may_act_for(self, roles: Iterable[str], purpose: Purpose) -> bool:
        """True when some role of the caller may declare this purpose."""
        return self.allows(roles, Resource.PURPOSE, Action.ACT_FOR, purpose)

    def allows(self, roles: Iterable[str], resource: str, action: Action, purpose: Purpose) -> bool:
        """True when some role of the caller may take ``action`` on ``resource`` for ``purpose``
        (a ``policy.actions.Resource``, or a word of the action's own vocabulary: a data class
        read, a role granted, a lawful basis relied on, a condition)."""
        return any(self._decide(role, resource, action, purpose.value) for role in roles)

    @lru_cache(maxsize=4096)  # noqa: B019 - the policy lives as long as the process
    def _decide(self, role: str, resource: str, action: str, purpose: str) -> bool:
        return bool(self._enforcer.enforce(role, resource, action, purpose))
