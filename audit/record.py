"""A disclosure as the audit records it: who, about whom, what, why, when, under which policy."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

# Python field -> stored (and hashed) property; the hashed document also has the chain fields.
STORED_PROPERTIES: dict[str, str] = {
    "request_id": "requestId",
    "user_id": "userId",
    "organisation_id": "organisationId",
    "purpose": "purpose",
    "lawful_basis": "lawfulBasis",
    "justification": "justification",
    "special_condition": "specialCondition",
    "person_ids": "personIds",
    "data_classes": "dataClasses",
    "policy_version": "policyVersion",
    "occurred_at": "occurredAt",
    "break_glass": "breakGlass",
    "rested_on": "restedOn",
}


@dataclass(frozen=True)
class Disclosure:
    """One disclosure to one user; ``occurred_at`` is set by the caller and must carry a zone."""

    request_id: str
    user_id: str
    organisation_id: str
    purpose: str
    lawful_basis: str
    justification: str | None
    special_condition: str | None
    person_ids: tuple[str, ...]
    data_classes: tuple[str, ...]
    policy_version: str
    occurred_at: dt.datetime
    break_glass: bool = False
    # What the disclosures rested on: references of the consents and decisions to share without
    # consent relied on (graph.consent_scope), and "public-task" for the council's own records;
    # empty when everything rested on ``lawful_basis``.
    rested_on: tuple[str, ...] = ()
    # Given when the record is made, not when it reaches the chain: the journal ships it at least
    # once, and the id is how the chain knows it already holds it.
    id: str = field(default_factory=lambda: str(uuid.uuid4()))

    def __post_init__(self) -> None:
        if self.occurred_at.utcoffset() is None:
            raise ValueError("occurred_at must be timezone-aware")
        # Normalised here so equal disclosures hash equally however the caller spelled them.
        object.__setattr__(self, "occurred_at", self.occurred_at.astimezone(dt.UTC))
        object.__setattr__(self, "person_ids", tuple(dict.fromkeys(self.person_ids)))
        object.__setattr__(self, "data_classes", tuple(sorted(set(self.data_classes))))
        object.__setattr__(self, "rested_on", tuple(dict.fromkeys(self.rested_on)))
