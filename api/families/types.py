"""The Family type, its members, and a person's families."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import ClassVar

import strawberry

from api.access import Classified, Concern, not_personal, personal, served_rows
from api.context import Info
from api.families.status_history import StatusHistoryConnection, history_page
from api.people.types import Person
from api.relay import Node, PageInfo, global_id, slice_list
from api.teams.types import TeamMemberConnection, team_of
from loaders import records
from vocabulary import DataClass, FamilyStatus, MemberRole

TYPE_NAME = "Family"
# Family.statusDecision as a whole is social care data (classified there): its parts that are not
# about the members say which framework decided and when.
_OF_STATUS = "part of a status decision, which is classified as a whole"


# The GraphQL enums are the vocabulary's: their names and values are what the graph stores
# (FamilyStatus is made one in api.families.status_history, imported first).
strawberry.enum(MemberRole, description="A person's role in a family.")


def _member_of(row: tuple[records.Membership, records.Person]) -> tuple[str, ...]:
    return (row[1].id,)


def _role(value: str) -> MemberRole:
    return MemberRole(value) if value in MemberRole._value2member_map_ else MemberRole.OTHER


@strawberry.type(description="Which eligibility framework decided a family's status, and why.")
class StatusDecision:
    framework: str = not_personal(_OF_STATUS, "e.g. `tf2015` or a council's local plan.")
    framework_version: str = not_personal(_OF_STATUS)
    # The reasons name the headline problems met (crime, health, ...), children's ages and a
    # pregnancy: about each member, and of the most guarded class they may imply.
    reasons: list[str] | None = personal(
        DataClass.CRIMINAL_OFFENCE,
        "Why: the headline problems met and the members' ages. Criminal offence and health "
        "data about each current member: served only where every member's explicit consent (or "
        "a decision naming a condition) covers criminal offence data, or under the public task.",
    )
    assessed_at: dt.datetime | None = not_personal(_OF_STATUS)
    # The family's current members: whom the reasons concern, each of them.
    subject_ids: strawberry.Private[tuple[str, ...]]
    consent_rule: ClassVar[Concern] = Concern.EACH


@strawberry.type(
    description="The unit of support: people who may live at several addresses. Its own fields "
    "(status, when identified, the status decision) are about its current members as a unit: "
    "when the request rests on consent they are served if a disclosure about at least one "
    "current member is covered, and the audit names every current member."
)
class Family(Node):
    id: strawberry.ID
    reference: str = not_personal("a case reference the council assigns: it names no one")
    status: FamilyStatus | None = personal(DataClass.SOCIAL_CARE)
    identified_at: dt.date | None = personal(DataClass.SOCIAL_CARE)
    status_decision: StatusDecision | None = personal(
        DataClass.SOCIAL_CARE, "The framework and version that decided `status`, and why."
    )
    raw_id: strawberry.Private[str]
    # Whom the family's own fields concern, for consent and the audit: its current members.
    subject_ids: strawberry.Private[tuple[str, ...]]
    consent_rule: ClassVar[Concern] = Concern.ANY

    @classmethod
    def from_record(cls, r: records.Family) -> Family:
        return cls(
            id=global_id(TYPE_NAME, r.id),
            reference=r.reference,
            status=FamilyStatus(r.status),
            identified_at=r.identified_at,
            status_decision=StatusDecision(
                framework=d.framework,
                framework_version=d.version,
                reasons=list(d.reasons),
                assessed_at=d.assessed_at,
                subject_ids=r.member_ids,
            )
            if (d := r.status_decision)
            else None,
            raw_id=r.id,
            subject_ids=r.member_ids,
        )

    @strawberry.field(
        description="Members and their roles; past members only when asked. When the request "
        "rests on consent, a member whose disclosure nothing covers is left out (and not "
        "counted): their membership is data about them.",
        extensions=[Classified(DataClass.FAMILY_LINKS)],
    )
    async def members(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        include_past: bool = False,
    ) -> FamilyMemberConnection | None:
        loaders = info.context.loaders
        loader = loaders.members_with_past if include_past else loaders.members
        rows = await served_rows(info, await loader.load(self.raw_id), _member_of)
        for _, person in rows:
            loaders.person.prime(person.id, person)
        page, page_info = slice_list(rows, first, after)
        return FamilyMemberConnection(
            edges=[
                FamilyMemberEdge(
                    cursor=c,
                    node=Person.from_record(person),
                    role=_role(m.role),
                    from_date=m.from_,
                    to_date=m.to,
                    subject_ids=(person.id,),
                )
                for c, (m, person) in page
            ],
            page_info=page_info,
            total_count=len(rows),
        )

    @strawberry.field(
        description="The family's decision in every assessment run, newest first: the status, "
        "the one it replaced, why, and the evidence it rested on, with who ran it, when, and "
        "under which framework version.",
        extensions=[Classified(DataClass.SOCIAL_CARE)],
    )
    async def status_history(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> StatusHistoryConnection | None:  # null when withheld
        rows = await info.context.loaders.status_history.load(self.raw_id)
        return history_page(rows, self.subject_ids, first, after)

    @strawberry.field(
        description="The team around the family, whose members see it (need-to-know): "
        "active members first, the lead first among them; past members only when asked. Which "
        "agencies work with the family is about the family as a unit, like its status: served "
        "when at least one current member is covered, not blanked by one member's refusal.",
        extensions=[Classified(DataClass.FAMILY_LINKS)],
    )
    async def team(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        include_past: bool = False,
    ) -> TeamMemberConnection | None:  # null when withheld
        return await team_of(info, self.raw_id, self.subject_ids, first, after, include_past)


@strawberry.type(description="A member of a family, with their role and period of membership.")
class FamilyMemberEdge:
    cursor: str
    node: Person
    role: MemberRole | None = personal(DataClass.FAMILY_LINKS)
    from_date: dt.date | None = personal(DataClass.FAMILY_LINKS)
    to_date: dt.date | None = personal(DataClass.FAMILY_LINKS)
    subject_ids: strawberry.Private[tuple[str, ...]]
    consent_rule: ClassVar[Concern] = Concern.EACH


@strawberry.type
class FamilyMemberConnection:
    edges: list[FamilyMemberEdge]
    page_info: PageInfo
    total_count: int


@strawberry.type(description="A family a person belongs to, with their role in it.")
class PersonFamilyEdge:
    cursor: str
    node: Family
    role: MemberRole | None = personal(DataClass.FAMILY_LINKS)
    from_date: dt.date | None = personal(DataClass.FAMILY_LINKS)
    to_date: dt.date | None = personal(DataClass.FAMILY_LINKS)
    subject_ids: strawberry.Private[tuple[str, ...]]
    consent_rule: ClassVar[Concern] = Concern.EACH


@strawberry.type
class PersonFamilyConnection:
    edges: list[PersonFamilyEdge]
    page_info: PageInfo
    total_count: int


async def families_of(
    info: Info, person_id: str, first: int | None, after: str | None
) -> PersonFamilyConnection:
    loaders = info.context.loaders
    memberships = await loaders.memberships.load(person_id)
    page, page_info = slice_list(memberships, first, after)
    found = await loaders.family.load_many([m.family_id for _, m in page])
    return PersonFamilyConnection(
        edges=[
            PersonFamilyEdge(
                cursor=c,
                node=Family.from_record(family),
                role=_role(m.role),
                from_date=m.from_,
                to_date=m.to,
                subject_ids=(person_id,),
            )
            for (c, m), family in zip(page, found, strict=True)
            if family is not None
        ],
        page_info=page_info,
        total_count=len(memberships),
    )


@strawberry.type
class FamilyEdge:
    cursor: str
    node: Family


@strawberry.type
class FamilyConnection:
    edges: list[FamilyEdge]
    page_info: PageInfo
    count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many match, across all pages (counted only when asked).")
    async def total_count(self) -> int:
        return await self.count()
