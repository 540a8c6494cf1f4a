"""Access policy: pure decisions over casbin_model.conf and policy/policy.csv."""

from __future__ import annotations

from policy.enforcer import Policy
from policy.vocabulary import (
    CONSENT_PURPOSES,
    SPECIAL,
    DataClass,
    Purpose,
    Role,
    Sector,
    headline_problem_class,
)

__all__ = [
    "CONSENT_PURPOSES",
    "SPECIAL",
    "DataClass",
    "Policy",
    "Purpose",
    "Role",
    "Sector",
    "headline_problem_class",
]
