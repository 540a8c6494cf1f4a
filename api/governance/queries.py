"""Information governance: who saw whose data, whether the audit is intact, break-glass alerts.

For the information governance officers' purpose ("information-governance", policy/policy.csv);
these governance records are not served to anyone else.
"""

from __future__ import annotations

import datetime as dt

import strawberry

from api.break_glass.mutations import BreakGlassGrant
from api.context import Info
from api.errors import BadUserInput, Forbidden
from api.relay import (
    PageInfo,
    cursor,
    expect_global_id,
    global_id,
    keyset_page_info,
    page_size,
    parse_cursor,
    text_pair_cursor,
)
from audit import chain, listings
from graph import break_glass


@strawberry.type(
    description="One recorded disclosure of personal data (append-only, chained). A response "
    "makes one, or two with the same `requestId` when it disclosed more after its first wait on "
    "the database; read together they name what it served."
)
class Disclosure:
    sequence: int
    occurred_at: dt.datetime
    request_id: str
    user_id: str
    organisation_id: str
    purpose: str
    lawful_basis: str
    justification: str | None
    special_condition: str | None
    person_ids: list[strawberry.ID]
    rested_on: list[str] = strawberry.field(
        description="What the disclosures rested on, beside `lawfulBasis`: `c:<consent id>` for "
        "a person's consent, `d:<decision id>` for a decision to share without consent, and "
        "`public-task` for the council's own records (decisions on consent, the team around a "
        "family); empty when everything rested on `lawfulBasis`."
    )
    data_classes: list[str]
    policy_version: str
    break_glass: bool
    hash: str

    @classmethod
    def from_record(cls, r: listings.DisclosureRecord) -> Disclosure:
        return cls(
            sequence=r.sequence,
            occurred_at=r.occurred_at,
            request_id=r.request_id,
            user_id=r.user_id,
            organisation_id=r.organisation_id,
            purpose=r.purpose,
            lawful_basis=r.lawful_basis,
            justification=r.justification,
            special_condition=r.special_condition,
            person_ids=[global_id("Person", p) for p in r.person_ids],
            rested_on=list(r.rested_on),
            data_classes=list(r.data_classes),
            policy_version=r.policy_version,
            break_glass=r.break_glass,
            hash=r.hash,
        )


@strawberry.type
class DisclosureEdge:
    cursor: str
    node: Disclosure


@strawberry.type
class DisclosureConnection:
    edges: list[DisclosureEdge]
    page_info: PageInfo
    total_count: int


@strawberry.type(description="Whether the audit chain verifies, and where it first does not.")
class AuditChainStatus:
    ok: bool
    checked: int
    first_bad_sequence: int | None
    problem: str | None


@strawberry.type(description="An alert for the information governance officers.")
class BreakGlassNotification:
    id: strawberry.ID
    created_at: dt.datetime
    message: str
    grant: BreakGlassGrant


@strawberry.type
class BreakGlassNotificationEdge:
    cursor: str
    node: BreakGlassNotification


@strawberry.type
class BreakGlassNotificationConnection:
    edges: list[BreakGlassNotificationEdge]
    page_info: PageInfo
    total_count: int


def _require(info: Info, resource: str, action: str) -> None:
    if not info.context.access.may(resource, action):
        raise Forbidden("Only information governance may read this, for that purpose.")


@strawberry.type
class Query:
    @strawberry.field(
        description="Disclosures concerning one person, or made to one user (give exactly one), "
        "newest first."
    )
    async def disclosures(
        self,
        info: Info,
        person_id: strawberry.ID | None = None,
        user_id: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> DisclosureConnection:
        _require(info, "Disclosure", "list")
        if (person_id is None) == (user_id is None):
            raise BadUserInput("Give exactly one of `personId` and `userId`.")
        size = page_size(first)
        position = parse_cursor(after, 1)
        if position is not None and not isinstance(position[0], int):
            raise BadUserInput("Invalid cursor.")
        before = int(position[0]) if position else None
        db = info.context.db
        await info.context.audit_shipped()
        if person_id is not None:
            raw = expect_global_id(person_id, "Person")
            rows = await db.read(listings.by_person, raw, size + 1, before) if size else []
            total = await db.read(listings.count_by_person, raw)
        else:
            assert user_id is not None
            rows = await db.read(listings.by_user, user_id, size + 1, before) if size else []
            total = await db.read(listings.count_by_user, user_id)
        edges = [
            DisclosureEdge(cursor=cursor([r.sequence]), node=Disclosure.from_record(r))
            for r in rows[:size]
        ]
        return DisclosureConnection(
            edges=edges,
            page_info=keyset_page_info(edges, len(rows), size, before is not None),
            total_count=total,
        )

    @strawberry.field(description="Verify the whole audit chain now.")
    async def audit_chain(self, info: Info) -> AuditChainStatus:
        _require(info, "AuditChain", "verify")
        await info.context.audit_shipped()
        report = await info.context.db.read(chain.verify)
        return AuditChainStatus(
            ok=report.ok,
            checked=report.checked,
            first_bad_sequence=report.first_bad_sequence,
            problem=report.problem,
        )

    @strawberry.field(description="Break-glass alerts, newest first.")
    async def break_glass_notifications(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> BreakGlassNotificationConnection:
        _require(info, "Notification", "list")
        size = page_size(first)
        before = text_pair_cursor(after)
        db = info.context.db
        found = await db.read(break_glass.notifications, before, size + 1) if size else []
        edges = [
            BreakGlassNotificationEdge(
                cursor=cursor([n.created_at.isoformat(), n.id]),
                node=BreakGlassNotification(
                    id=strawberry.ID(n.id),
                    created_at=n.created_at,
                    message=n.message,
                    grant=BreakGlassGrant.from_grant(n.grant),
                ),
            )
            for n in found[:size]
        ]
        return BreakGlassNotificationConnection(
            edges=edges,
            page_info=keyset_page_info(edges, len(found), size, before is not None),
            total_count=await db.read(break_glass.count_notifications),
        )
