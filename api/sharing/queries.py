"""``sharingDecisions``: the decisions to share without consent, for information governance to
approve, review and oversee."""

from __future__ import annotations

import strawberry

from api.actions import Allowed
from api.context import Info
from api.relay import cursor, keyset_page_info, page_size, text_pair_cursor
from api.sharing.types import (
    SharingDecision,
    SharingDecisionConnection,
    SharingDecisionEdge,
    SharingDecisionStatus,
)
from policy.actions import Action, Resource


@strawberry.type
class Query:
    @strawberry.field(
        description="Decisions to share without consent in the given states (by default those "
        "awaiting a second person: PROPOSED and EMERGENCY), newest first.",
        extensions=[
            Allowed(
                Resource.SHARING_DECISION,
                Action.LIST,
                denied="Only information governance may list decisions, for that purpose.",
            )
        ],
    )
    async def sharing_decisions(
        self,
        info: Info,
        statuses: list[SharingDecisionStatus] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> SharingDecisionConnection:
        wanted = [
            s.value
            for s in statuses or [SharingDecisionStatus.PROPOSED, SharingDecisionStatus.EMERGENCY]
        ]
        size = page_size(first)
        before = text_pair_cursor(after)
        reads = info.context.loaders.reads
        found = await reads.sharing_decisions(wanted, before, size + 1) if size else []
        edges = [
            SharingDecisionEdge(
                cursor=cursor([d.proposed_at.isoformat(), d.id]),
                node=SharingDecision.from_record(d),
            )
            for d in found[:size]
        ]
        return SharingDecisionConnection(
            edges=edges,
            page_info=keyset_page_info(edges, len(found), size, before is not None),
            total_count=await reads.sharing_decisions_count(wanted),
        )
