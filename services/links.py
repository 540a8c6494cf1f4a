"""Drawing and withdrawing practitioners' links between relatives (``graph.links``)."""

from __future__ import annotations

from dataclasses import dataclass

from graph import Database, Viewer
from graph import links as repository
from graph.links import (
    AgeCheck,
    AlreadyLinked,
    AlreadyRevoked,
    Implausible,
    Linked,
    LinkNotFound,
    LinkOutcome,
    NotCovered,
    NotRevocable,
    NotTheirs,
    PeopleNotFound,
    Revoked,
    RevokeOutcome,
)

__all__ = [
    "AgeCheck",
    "AlreadyLinked",
    "AlreadyRevoked",
    "Implausible",
    "LinkNotFound",
    "LinkOutcome",
    "Linked",
    "NewLink",
    "NotCovered",
    "NotRevocable",
    "NotTheirs",
    "PeopleNotFound",
    "Revocation",
    "RevokeOutcome",
    "Revoked",
    "link_relatives",
    "revoke_link",
]


@dataclass(frozen=True)
class NewLink:
    """``relative_id`` is ``kind`` of ``person_id``, for the practitioner's ``rationale``."""

    person_id: str
    relative_id: str
    kind: str
    rationale: str
    ages: AgeCheck  # what the kind implies of the two dates of birth (policy.relationship_ages)


@dataclass(frozen=True)
class Revocation:
    link_id: str
    reason: str
    any_link: bool  # the policy lets the actor revoke any link they see, not only their own


async def link_relatives(db: Database, actor: Viewer, input: NewLink) -> LinkOutcome:
    """Record the link as drawn by ``actor``, checked in the write transaction: both people
    exist and are visible and covered for the actor, their ages allow the kind, and they are
    not linked this way already."""
    return await db.write(
        repository.link_relatives,
        input.relative_id,
        input.person_id,
        input.kind,
        input.rationale,
        actor,
        input.ages,
    )


async def revoke_link(db: Database, actor: Viewer, input: Revocation) -> RevokeOutcome:
    """Withdraw a practitioner's link, keeping it with who, when and why; only a link the actor
    sees, and one their organisation drew unless ``any_link``."""
    return await db.write(
        repository.revoke_link, input.link_id, input.reason, actor, any_link=input.any_link
    )
