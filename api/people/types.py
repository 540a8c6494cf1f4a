"""The Person type and the lists under it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from enum import Enum
from typing import TYPE_CHECKING, Annotated, ClassVar

import strawberry

from api.access import Classified, ClassifiedRows, Concern, personal
from api.context import Info
from api.people.criteria import CriterionReportConnection, CriterionReportEdge, report_class
from api.people.residence import Address, ResidenceConnection, ResidenceEdge
from api.relay import Node, PageInfo, global_id, slice_list
from loaders import records
from vocabulary import DataClass

if TYPE_CHECKING:
    from api.consent.types import ConsentConnection
    from api.families.types import PersonFamilyConnection
    from api.links.types import RelativeConnection
    from api.sharing.types import SharingDecision

TYPE_NAME = "Person"
# Each report of a criterion is data of that criterion's class (policy/indicator_classes.csv).
_REPORTS = ClassifiedRows(of=report_class)


@strawberry.enum(description="Sex as recorded by the source.")
class Sex(Enum):
    F = "F"
    M = "M"
    X = "X"


@strawberry.type(description="An individual known to one or more partners.")
class Person(Node):
    id: strawberry.ID
    given_name: str | None = personal(DataClass.IDENTITY)
    family_name: str | None = personal(DataClass.IDENTITY)
    date_of_birth: dt.date | None = personal(DataClass.IDENTITY)
    sex: Sex | None = personal(DataClass.IDENTITY)
    raw_id: strawberry.Private[str]
    consent_rule: ClassVar[Concern] = Concern.EACH

    @property
    def subject_ids(self) -> tuple[str, ...]:
        return (self.raw_id,)

    @classmethod
    def from_record(cls, r: records.Person) -> Person:
        return cls(
            id=global_id(TYPE_NAME, r.id),
            given_name=r.given_name,
            family_name=r.family_name,
            date_of_birth=r.date_of_birth,
            sex=Sex(r.sex) if r.sex in Sex._value2member_map_ else None,
            raw_id=r.id,
        )

    @strawberry.field(
        description="Addresses lived at, the current one first.",
        extensions=[Classified(DataClass.ADDRESS)],
    )
    async def addresses(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> ResidenceConnection | None:
        rows = (await info.context.loaders.facts.load(self.raw_id)).residences
        page, page_info = slice_list(rows, first, after)
        return ResidenceConnection(
            edges=[ResidenceEdge.from_record(c, r) for c, r in page],
            page_info=page_info,
            total_count=len(rows),
        )

    @strawberry.field(
        description="The address lived at now, if known.",
        extensions=[Classified(DataClass.ADDRESS)],
    )
    async def current_address(self, info: Info) -> Address | None:
        rows = (await info.context.loaders.facts.load(self.raw_id)).residences
        current = next((r for r in rows if r.to is None), None)
        return Address.from_record(current.address, (self.raw_id,)) if current else None

    @strawberry.field(
        description="Relatives, including practitioner-defined cross-address links. When the "
        "request rests on consent, a relative whose disclosure nothing covers is left out (and "
        "not counted): the relationship is data about them too.",
        extensions=[Classified(DataClass.FAMILY_LINKS)],
    )
    async def relatives(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        include_revoked: bool = False,
    ) -> Annotated[RelativeConnection, strawberry.lazy("api.links.types")] | None:
        from api.links.types import relatives_of

        return await relatives_of(info, self.raw_id, first, after, include_revoked)

    @strawberry.field(
        description="Families this person is a member of.",
        extensions=[Classified(DataClass.FAMILY_LINKS)],
    )
    async def families(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Annotated[PersonFamilyConnection, strawberry.lazy("api.families.types")] | None:
        from api.families.types import families_of

        return await families_of(info, self.raw_id, first, after)

    @strawberry.field(
        description="Consent decisions about this person, most recently recorded first; "
        "withdrawn ones only with `includeWithdrawn`. What was decided is readable whatever "
        "the person decided, so that a refusal can be honoured (see `Consent`).",
        extensions=[Classified(DataClass.SOCIAL_CARE, consent_exempt=True)],
    )
    async def consents(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        include_withdrawn: bool = False,
    ) -> Annotated[ConsentConnection, strawberry.lazy("api.consent.types")] | None:
        # Nullable, so that withholding it (from a role that may not read social care data)
        # leaves the person readable.
        from api.consent.types import consents_of

        return await consents_of(info, self.raw_id, first, after, include_withdrawn)

    @strawberry.field(
        description="Decisions to share without consent that cover this person, newest first "
        "(in force or not: see each one's `inForce`).",
        extensions=[Classified(DataClass.SOCIAL_CARE, consent_exempt=True)],
    )
    async def sharing_decisions(
        self, info: Info
    ) -> list[Annotated[SharingDecision, strawberry.lazy("api.sharing.types")]] | None:
        from api.sharing.types import SharingDecision

        rows = await info.context.loaders.sharing_decisions.load(self.raw_id)
        return [SharingDecision.from_record(d) for _, d in rows]

    @strawberry.field(
        description="Identifying criteria this person meets, as partners reported. Each report is "
        "data of its criterion's class in the reviewed table of indicators (an offence, alleged "
        "or proven, or perpetrating domestic abuse, is criminal offence data); reports the "
        "caller may not see are left out, and not counted. Null (NO_CONSENT) when the request "
        "rests on consent and nothing covers a disclosure about the person.",
        extensions=[_REPORTS],
    )
    async def criteria_met(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> CriterionReportConnection | None:
        reports = (await info.context.loaders.facts.load(self.raw_id)).criteria
        rows = await _REPORTS.served(info, self.subject_ids, reports)
        page, page_info = slice_list(rows, first, after)
        return CriterionReportConnection(
            edges=[CriterionReportEdge.from_record(c, r) for c, r in page],
            page_info=page_info,
            total_count=len(rows),
        )


@strawberry.type
class PersonEdge:
    cursor: str
    node: Person


@strawberry.type
class PersonConnection:
    edges: list[PersonEdge]
    page_info: PageInfo
    count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many match, across all pages (counted only when asked).")
    async def total_count(self) -> int:
        return await self.count()
