"""A person's role in a family (the ``role`` of their membership)."""

from __future__ import annotations

from enum import StrEnum


class MemberRole(StrEnum):
    PARENT = "PARENT"
    CHILD = "CHILD"
    STEP_PARENT = "STEP_PARENT"
    STEP_CHILD = "STEP_CHILD"
    CARER = "CARER"
    RELATIVE = "RELATIVE"  # outside the family's main household (joined by a practitioner's link)
    OTHER = "OTHER"
