"""Identifying criteria, and a partner's report that a person meets one."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, ClassVar

import strawberry

from api.access import Classified, Concern, not_personal
from api.relay import Node, PageInfo, global_id
from loaders import records
from policy import criterion_class
from vocabulary import DataClass

if TYPE_CHECKING:
    from api.organisations.types import Organisation

TYPE_NAME = "Criterion"
_CATALOGUE = "the outcomes plan's catalogue of identifying factors"


@strawberry.type(description="An identifying factor of an outcomes plan.")
class Criterion(Node):
    id: strawberry.ID
    code: str = not_personal(_CATALOGUE)
    name: str = not_personal(_CATALOGUE)
    headline_problem: str = not_personal(_CATALOGUE)
    framework: str = not_personal(_CATALOGUE)

    @classmethod
    def from_record(cls, r: records.Criterion) -> Criterion:
        return cls(
            id=global_id(TYPE_NAME, r.code),
            code=r.code,
            name=r.name,
            headline_problem=r.headline_problem,
            framework=r.framework,
        )


def report_class(report: records.CriterionReport) -> DataClass:
    """The data class of a partner's report that a person meets a criterion: its indicator's, in
    the reviewed table (policy/indicator_classes.csv)."""
    return criterion_class(report.criterion.code)


def _report_class(edge: CriterionReportEdge) -> DataClass:
    return edge.data_class


@strawberry.type(description="A criterion met, with the partner that reported it and when.")
class CriterionReportEdge:
    cursor: str
    node: Criterion | None = strawberry.field(extensions=[Classified(of=_report_class)])
    evidence_date: dt.date | None = strawberry.field(extensions=[Classified(of=_report_class)])
    received_at: dt.datetime | None = strawberry.field(extensions=[Classified(of=_report_class)])
    organisation: strawberry.Private[records.Organisation]
    data_class: strawberry.Private[DataClass]
    subject_ids: strawberry.Private[tuple[str, ...]]
    consent_rule: ClassVar[Concern] = Concern.EACH

    @classmethod
    def from_record(cls, cursor: str, r: records.CriterionReport) -> CriterionReportEdge:
        return cls(
            cursor=cursor,
            node=Criterion.from_record(r.criterion),
            evidence_date=r.evidence_date,
            received_at=r.received_at,
            organisation=r.organisation,
            data_class=report_class(r),
            subject_ids=(r.person_id,),
        )

    @strawberry.field(
        description="The partner organisation whose record reported this.",
        extensions=[Classified(of=_report_class)],
    )
    def reported_by(
        self,
    ) -> Annotated[Organisation, strawberry.lazy("api.organisations.types")] | None:
        from api.organisations.types import Organisation

        return Organisation.from_record(self.organisation)


@strawberry.type
class CriterionReportConnection:
    edges: list[CriterionReportEdge]
    page_info: PageInfo
    total_count: int
