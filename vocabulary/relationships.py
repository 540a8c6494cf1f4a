"""What one person is to another, and the same relationship seen from the other side.

A relationship is stored once, in one direction: its start is ``kind`` of its end ("Ann is PARENT
of Ben"). Each kind has one inverse, the kind seen from the other side (Ben is CHILD of Ann).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class RelationshipKind(StrEnum):
    PARENT = "PARENT"
    CHILD = "CHILD"
    SIBLING = "SIBLING"
    PARTNER = "PARTNER"
    CARER = "CARER"
    CARED_FOR = "CARED_FOR"
    GRANDPARENT = "GRANDPARENT"
    GRANDCHILD = "GRANDCHILD"
    STEP_PARENT = "STEP_PARENT"
    STEP_CHILD = "STEP_CHILD"
    STEP_SIBLING = "STEP_SIBLING"
    OTHER = "OTHER"


# Keyed by str so that a kind read from the graph looks its inverse up as it is.
INVERSE_KIND: Mapping[str, RelationshipKind] = MappingProxyType(
    {
        RelationshipKind.PARENT: RelationshipKind.CHILD,
        RelationshipKind.CHILD: RelationshipKind.PARENT,
        RelationshipKind.SIBLING: RelationshipKind.SIBLING,
        RelationshipKind.PARTNER: RelationshipKind.PARTNER,
        RelationshipKind.CARER: RelationshipKind.CARED_FOR,
        RelationshipKind.CARED_FOR: RelationshipKind.CARER,
        RelationshipKind.GRANDPARENT: RelationshipKind.GRANDCHILD,
        RelationshipKind.GRANDCHILD: RelationshipKind.GRANDPARENT,
        RelationshipKind.STEP_PARENT: RelationshipKind.STEP_CHILD,
        RelationshipKind.STEP_CHILD: RelationshipKind.STEP_PARENT,
        RelationshipKind.STEP_SIBLING: RelationshipKind.STEP_SIBLING,
        RelationshipKind.OTHER: RelationshipKind.OTHER,
    }
)
