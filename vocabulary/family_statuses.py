"""Where a family stands against the eligibility framework that last assessed it."""

from __future__ import annotations

from enum import StrEnum


class FamilyStatus(StrEnum):
    IDENTIFIED = "IDENTIFIED"  # known to us, but nothing reported counts under the framework
    ELIGIBLE = "ELIGIBLE"
    BELOW_THRESHOLD = "BELOW_THRESHOLD"
    CLOSED = "CLOSED"
