"""Relationships between people, and practitioner-defined cross-address links."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import ClassVar

import strawberry

from api.access import Classified, Concern, personal, relied_on, served_rows
from api.context import Info
from api.people.types import Person
from api.relay import Node, PageInfo, global_id, slice_list
from loaders import records
from vocabulary import INVERSE_KIND, DataClass, RelationshipKind

TYPE_NAME = "RelativeLink"


# The GraphQL enum is the vocabulary's: its names and values are the kinds the graph stores.
strawberry.enum(RelationshipKind, description="How one person is related to another.")


@strawberry.enum(description="Where a relationship came from.")
class LinkSource(Enum):
    HOUSEHOLD = strawberry.enum_value("HOUSEHOLD", description="Derived from household data.")
    PARTNER_DATA = strawberry.enum_value("PARTNER_DATA", description="Stated by a partner's data.")
    PRACTITIONER = strawberry.enum_value(
        "PRACTITIONER", description="Drawn by a practitioner, with a rationale."
    )


@strawberry.type(description="A recorded relationship: `from` is `kind` of `to`. Never deleted.")
class RelativeLink(Node):
    id: strawberry.ID
    kind: RelationshipKind | None = personal(DataClass.FAMILY_LINKS)
    source: LinkSource | None = personal(DataClass.FAMILY_LINKS)
    created_at: dt.datetime | None = personal(DataClass.FAMILY_LINKS)
    created_by_user_id: str | None = personal(
        DataClass.FAMILY_LINKS, "The user who drew a practitioner link."
    )
    rationale: str | None = personal(DataClass.CASE_NOTES, "Why the practitioner drew the link.")
    revoked_at: dt.datetime | None = personal(DataClass.FAMILY_LINKS)
    revoked_by_user_id: str | None = personal(DataClass.FAMILY_LINKS)
    revocation_reason: str | None = personal(DataClass.CASE_NOTES)
    record: strawberry.Private[records.Link]
    consent_rule: ClassVar[Concern] = Concern.EACH

    @property
    def subject_ids(self) -> tuple[str, ...]:
        return (self.record.from_person_id, self.record.to_person_id)

    @classmethod
    def from_record(cls, r: records.Link) -> RelativeLink:
        return cls(
            id=global_id(TYPE_NAME, r.id),
            kind=RelationshipKind(r.kind),
            source=LinkSource(r.source),
            created_at=r.created_at,
            created_by_user_id=r.created_by,
            rationale=r.rationale,
            revoked_at=r.revoked_at,
            revoked_by_user_id=r.revoked_by,
            revocation_reason=r.revocation_reason,
            record=r,
        )

    @strawberry.field(
        description="False once revoked.", extensions=[Classified(DataClass.FAMILY_LINKS)]
    )
    def active(self) -> bool | None:
        return self.revoked_at is None

    @strawberry.field(name="from", extensions=[Classified(DataClass.FAMILY_LINKS)])
    async def from_person(self, info: Info) -> Person | None:
        found = await info.context.loaders.person.load(self.record.from_person_id)
        return Person.from_record(found) if found else None

    @strawberry.field(name="to", extensions=[Classified(DataClass.FAMILY_LINKS)])
    async def to_person(self, info: Info) -> Person | None:
        found = await info.context.loaders.person.load(self.record.to_person_id)
        return Person.from_record(found) if found else None


@strawberry.type(description="A relative: `kind` says what the relative is to this person.")
class RelativeEdge:
    cursor: str
    node: Person
    kind: RelationshipKind | None = personal(DataClass.FAMILY_LINKS)
    link: RelativeLink | None = personal(DataClass.FAMILY_LINKS)
    subject_ids: strawberry.Private[tuple[str, ...]]
    consent_rule: ClassVar[Concern] = Concern.EACH


@strawberry.type
class RelativeConnection:
    edges: list[RelativeEdge]
    page_info: PageInfo
    total_count: int


async def relatives_of(
    info: Info, person_id: str, first: int | None, after: str | None, include_revoked: bool
) -> RelativeConnection:
    """The person's relatives the caller may be told of: visible, and (when the request rests on
    consent) covered, so that neither the page nor its count tells of anyone else."""
    loaders = info.context.loaders
    facts = await loaders.facts.load(person_id)
    links = facts.links if include_revoked else facts.active_links
    others = [
        link.from_person_id if link.to_person_id == person_id else link.to_person_id
        for link in links
    ]
    found = await loaders.person.load_many(others)
    visible = [
        (link, relative)
        for link, relative in zip(links, found, strict=True)
        if relative is not None
    ]
    rows = await served_rows(info, visible, lambda row: (row[1].id,))
    page, page_info = slice_list(rows, first, after)
    if rows and info.context.access.audited:
        # The count tells of every relationship it counts, not only of those on the page.
        counted = (person_id, *dict.fromkeys(relative.id for _, relative in rows))
        refs = await relied_on(info, counted, False) if info.context.access.needs_consent else ()
        info.context.disclosed.add(DataClass.FAMILY_LINKS, counted, refs)
    edges = []
    for c, (link, relative) in page:
        # Stored as "from is kind of to": seen from `to`, the relative (from) is `kind`.
        kind = link.kind if link.to_person_id == person_id else INVERSE_KIND[link.kind]
        edges.append(
            RelativeEdge(
                cursor=c,
                node=Person.from_record(relative),
                kind=RelationshipKind(kind),
                link=RelativeLink.from_record(link),
                subject_ids=(person_id, relative.id),
            )
        )
    return RelativeConnection(edges=edges, page_info=page_info, total_count=len(rows))
