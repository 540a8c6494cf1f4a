"""Recording a person's consent decision and its withdrawal (``graph.consent``): by a co-ordinator,
or by the lead practitioner of the team of a family the person is in now, checked in the write
transaction."""

from __future__ import annotations

from dataclasses import dataclass

from graph import Database, Viewer
from graph import consent as repository
from graph.consent import (
    AlreadyRecorded,
    AlreadyWithdrawn,
    Consent,
    ConsentNotFound,
    Draft,
    NotLead,
    NotWithdrawable,
    PersonNotFound,
    Problem,
    Recorded,
    RecordOutcome,
    Rejected,
    Withdrawn,
    WithdrawOutcome,
)

__all__ = [
    "AlreadyRecorded",
    "AlreadyWithdrawn",
    "Consent",
    "ConsentNotFound",
    "Draft",
    "NewDecision",
    "NotLead",
    "NotWithdrawable",
    "PersonNotFound",
    "Problem",
    "RecordOutcome",
    "Recorded",
    "Rejected",
    "WithdrawOutcome",
    "Withdrawal",
    "Withdrawn",
    "record_consent",
    "withdraw_consent",
]


@dataclass(frozen=True)
class NewDecision:
    draft: Draft
    consent_age: int  # from which a child decides for themself
    must_lead: bool  # the actor records only as the lead of a family's team (policy)


@dataclass(frozen=True)
class Withdrawal:
    consent_id: str
    reason: str
    consent_age: int
    must_lead: bool


async def record_consent(db: Database, actor: Viewer, input: NewDecision) -> RecordOutcome:
    """Record the decision, unless the person, the actor's lead, the organisations, the
    grantor's standing or the same decision on record say otherwise; the person's consent
    summary is refreshed in the same transaction."""
    return await db.write(
        repository.record_consent,
        input.draft,
        actor,
        consent_age=input.consent_age,
        must_lead=input.must_lead,
    )


async def withdraw_consent(db: Database, actor: Viewer, input: Withdrawal) -> WithdrawOutcome:
    """Mark a given consent withdrawn, keeping it and recording who, when and why."""
    return await db.write(
        repository.withdraw_consent,
        input.consent_id,
        input.reason,
        actor,
        must_lead=input.must_lead,
        consent_age=input.consent_age,
    )
