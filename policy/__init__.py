"""Access policy: pure decisions over casbin_model.conf and policy/policy.csv."""

from __future__ import annotations

from policy.enforcer import Policy

__all__ = ["Policy"]
