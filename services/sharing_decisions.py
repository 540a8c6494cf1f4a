"""Decisions to share without consent: proposing one (or recording an emergency one), and a second
person approving, rejecting, reviewing or revoking it (``graph.sharing_decisions``)."""

from __future__ import annotations

from dataclasses import dataclass

from graph import Database, Viewer
from graph import sharing_decisions as repository
from graph.sharing_decisions import (
    AlreadyRecorded,
    Changed,
    ChangeOutcome,
    Decision,
    DecisionNotFound,
    Draft,
    NobodyCovered,
    Recorded,
    RecordOutcome,
    SamePerson,
    SubjectNotFound,
    UnknownOrganisations,
    WrongStatus,
)

__all__ = [
    "AlreadyRecorded",
    "ChangeOutcome",
    "Changed",
    "Decision",
    "DecisionNotFound",
    "Draft",
    "Move",
    "NobodyCovered",
    "RecordOutcome",
    "Recorded",
    "SamePerson",
    "SubjectNotFound",
    "UnknownOrganisations",
    "WrongStatus",
    "change",
    "record",
]


@dataclass(frozen=True)
class Move:
    """A decision moved on: ``action`` approve, reject, uphold, overturn or revoke."""

    decision_id: str
    action: str
    note: str
    second_person: bool  # the actor may not be its proposer
    proposer_only: bool  # the actor must be its proposer


async def record(db: Database, actor: Viewer, input: Draft) -> RecordOutcome:
    """Record the decision as proposed by ``actor`` (in force at once if an emergency), about the
    person or the family's current members as far as the actor sees them."""
    return await db.write(repository.record, input, actor)


async def change(db: Database, actor: Viewer, input: Move) -> ChangeOutcome:
    """Move the decision on, recording who, when and why."""
    return await db.write(
        repository.change,
        input.decision_id,
        input.action,
        input.note,
        actor.user_id,
        second_person=input.second_person,
        proposer_only=input.proposer_only,
    )
