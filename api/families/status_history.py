"""A family's status history: its decision in every assessment run, newest first.

The history is what `Family.statusDecision` was after each run, with the evidence each decision
rested on; it is classified as a whole like the status decision (social care data about the
family's current members), its reasons, headlines and evidence as criminal offence data (the most
guarded class they may imply), and it is reached only through a family the caller may see.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import strawberry

from api.access import Concern, not_personal, personal
from api.organisations.types import USER_TYPE_NAME
from api.relay import PageInfo, global_id, slice_list
from loaders import PastDecision
from vocabulary import DataClass, FamilyStatus

# The GraphQL enum is the vocabulary's: its names and values are what the graph stores. Made one
# here, before any type of this module names it.
strawberry.enum(
    FamilyStatus, description="Where a family stands against the eligibility framework."
)

# The type of a run's global id (assessFamilies answers it too).
RUN_TYPE = "AssessmentRun"
_OF_HISTORY = "part of a family's status history, which is classified as a whole"
_EVIDENCE = (
    "Criminal offence and health data about each current member (the most guarded class the "
    "indicators may imply): served only where every member's explicit consent (or a decision "
    "naming a condition) covers criminal offence data, or under the public task."
)


def _status(value: str | None) -> FamilyStatus | None:
    if value is None or value not in FamilyStatus._value2member_map_:
        return None
    return FamilyStatus(value)


@strawberry.type(description="An indicator a decision counted, with its latest evidence date.")
class CountedEvidence:
    code: str = not_personal(_OF_HISTORY, "The indicator code (a `Criterion`'s code).")
    evidence_date: dt.date = not_personal(_OF_HISTORY)


@strawberry.type(description="A family's decision in one assessment run, and what it rested on.")
class PastStatusDecision:
    run_id: strawberry.ID = not_personal(_OF_HISTORY, "The run (`assessFamilies`).")
    framework: str = not_personal(_OF_HISTORY)
    framework_version: str = not_personal(_OF_HISTORY)
    as_at: dt.date = not_personal(_OF_HISTORY, "The day the run decided for.")
    assessed_at: dt.datetime = not_personal(_OF_HISTORY)
    assessed_by: strawberry.ID = not_personal(
        "staff and their organisation, as the register of users records changes",
        "The user who ran the assessment.",
    )
    status: FamilyStatus | None = personal(DataClass.SOCIAL_CARE)
    previous_status: FamilyStatus | None = personal(
        DataClass.SOCIAL_CARE, "The status the run replaced; null when there was none."
    )
    reasons: list[str] | None = personal(DataClass.CRIMINAL_OFFENCE, _EVIDENCE)
    headlines_met: list[str] | None = personal(DataClass.CRIMINAL_OFFENCE, _EVIDENCE)
    evidence: list[CountedEvidence] | None = personal(DataClass.CRIMINAL_OFFENCE, _EVIDENCE)
    # The family's current members: whom the decision concerns, each of them.
    subject_ids: strawberry.Private[tuple[str, ...]]
    consent_rule: ClassVar[Concern] = Concern.EACH

    @classmethod
    def from_record(cls, r: PastDecision, subject_ids: tuple[str, ...]) -> PastStatusDecision:
        return cls(
            run_id=global_id(RUN_TYPE, r.run.id),
            framework=r.run.framework,
            framework_version=r.run.version,
            as_at=r.run.as_at,
            assessed_at=r.run.started_at,
            assessed_by=global_id(USER_TYPE_NAME, r.run.by),
            status=_status(r.status),
            previous_status=_status(r.previous),
            reasons=list(r.reasons),
            headlines_met=list(r.headlines),
            evidence=[CountedEvidence(code=c, evidence_date=d) for c, d in r.evidence],
            subject_ids=subject_ids,
        )


@strawberry.type
class StatusHistoryEdge:
    cursor: str
    node: PastStatusDecision


@strawberry.type
class StatusHistoryConnection:
    edges: list[StatusHistoryEdge]
    page_info: PageInfo
    total_count: int


def history_page(
    rows: list[PastDecision], subject_ids: tuple[str, ...], first: int | None, after: str | None
) -> StatusHistoryConnection:
    page, page_info = slice_list(rows, first, after)
    return StatusHistoryConnection(
        edges=[
            StatusHistoryEdge(cursor=c, node=PastStatusDecision.from_record(r, subject_ids))
            for c, r in page
        ],
        page_info=page_info,
        total_count=len(rows),
    )
