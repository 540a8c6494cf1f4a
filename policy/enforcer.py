"""Access decisions from ``casbin_model.conf`` and ``policy/policy.csv``; pure, no I/O after load.

Usage:

    policy = Policy.load()
    policy.may_act_for({"practitioner"}, Purpose.ASSESS_NEEDS)                  # True
    policy.allows({"practitioner"}, "identity", "read", Purpose.ASSESS_NEEDS)   # True

Decisions are memoised per distinct (role, resource, action, purpose): their cost grows with the
number of distinct situations, not with the rows and fields of a response.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import casbin

from policy.vocabulary import Purpose

_ROOT = Path(__file__).resolve().parent.parent
MODEL = _ROOT / "casbin_model.conf"
RULES = Path(__file__).resolve().parent / "policy.csv"


class Policy:
    def __init__(self, enforcer: casbin.Enforcer, version: str) -> None:
        self._enforcer = enforcer
        self.version = version

    @classmethod
    def load(cls, model: Path = MODEL, rules: Path = RULES) -> Policy:
        """The policy; its version is a digest of the model and rules, recorded in the audit."""
        digest = hashlib.sha256(model.read_bytes() + b"\0" + rules.read_bytes()).hexdigest()
        return cls(casbin.Enforcer(str(model), str(rules)), digest[:16])

    def may_act_for(self, roles: Iterable[str], purpose: Purpose) -> bool:
        """True when some role of the caller may declare this purpose."""
        return self.allows(roles, "purpose", "act_for", purpose)

    def allows(self, roles: Iterable[str], resource: str, action: str, purpose: Purpose) -> bool:
        """True when some role of the caller may take ``action`` on ``resource`` for ``purpose``."""
        return any(self._decide(role, resource, action, purpose.value) for role in roles)

    @lru_cache(maxsize=4096)  # noqa: B019 - the policy lives as long as the process
    def _decide(self, role: str, resource: str, action: str, purpose: str) -> bool:
        return bool(self._enforcer.enforce(role, resource, action, purpose))
