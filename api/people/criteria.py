"""Identifying criteria, and a partner's report that a person meets one."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.access import Classified
from api.relay import Node, PageInfo, global_id
from loaders import records
from policy import criterion_class
from vocabulary import DataClass

if TYPE_CHECKING:
    from api.organisations.types import Organisation

TYPE_NAME = "Criterion"


@strawberry.type(description="An identifying factor of an outcomes plan.")
class Criterion(Node):
    id: strawberry.ID
    code: str
    name: str
    headline_problem: str
    framework: str

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
