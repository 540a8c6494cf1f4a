"""The words every layer shares: purposes, roles, sectors, data classes, relationship kinds,
member roles, family statuses, and text folded for comparison.

Values are the strings used in tokens, headers, the policy file, the graph and the audit; unknown
strings are never guessed at (a role that is not listed here grants nothing). The standard
library only, so that every package may import it.
"""

from __future__ import annotations

from vocabulary.data_classes import SPECIAL, DataClass
from vocabulary.family_statuses import FamilyStatus
from vocabulary.member_roles import MemberRole
from vocabulary.purposes import CONSENT_PURPOSES, Purpose
from vocabulary.relationships import INVERSE_KIND, RelationshipKind
from vocabulary.roles import Role
from vocabulary.sectors import Sector
from vocabulary.text import fold, name_key

__all__ = [
    "CONSENT_PURPOSES",
    "INVERSE_KIND",
    "SPECIAL",
    "DataClass",
    "FamilyStatus",
    "MemberRole",
    "Purpose",
    "RelationshipKind",
    "Role",
    "Sector",
    "fold",
    "name_key",
]
