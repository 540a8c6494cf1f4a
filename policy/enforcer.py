"""Access decisions from ``casbin_model.conf`` and ``policy/policy.csv``; pure, no I/O after load.

Usage:

    policy = Policy.load()
    policy.allows({"practitioner"}, "RelativeLink", "link")  # True
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import casbin

_ROOT = Path(__file__).resolve().parent.parent
MODEL = _ROOT / "casbin_model.conf"
RULES = Path(__file__).resolve().parent / "policy.csv"


class Policy:
    def __init__(self, enforcer: casbin.Enforcer) -> None:
        self._enforcer = enforcer

    @classmethod
    def load(cls, model: Path = MODEL, rules: Path = RULES) -> Policy:
        return cls(casbin.Enforcer(str(model), str(rules)))

    def allows(self, roles: Iterable[str], resource: str, action: str) -> bool:
        """True when some role of the caller is granted ``action`` on ``resource``."""
        return any(self._decide(role, resource, action) for role in roles)

    @lru_cache(maxsize=1024)  # noqa: B019 - the policy lives as long as the process
    def _decide(self, role: str, resource: str, action: str) -> bool:
        return bool(self._enforcer.enforce(role, resource, action))
