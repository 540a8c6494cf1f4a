"""Access policy: pure decisions over casbin_model.conf, policy/policy.csv and the data classes
of the frameworks' indicators (policy/indicator_classes.csv)."""

from __future__ import annotations

from policy.enforcer import Policy
from policy.indicator_classes import criterion_class

__all__ = [
    "Policy",
    "criterion_class",
]
