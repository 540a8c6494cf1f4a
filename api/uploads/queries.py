"""``partnerUploads`` and ``partnerUpload``: the reports of partners' lists.

A partner system sees its own organisation's uploads; the data team sees every partner's. To
anyone else, or for another purpose, asking is FORBIDDEN; another partner's upload reads as absent.
"""

from __future__ import annotations

import strawberry

from api.actions import Allowed
from api.context import Info
from api.relay import (
    PageInfo,
    cursor,
    expect_global_id,
    keyset_page_info,
    page_size,
    text_pair_cursor,
)
from api.uploads.types import TYPE_NAME, PartnerUpload
from loaders import intake as uploads
from policy.actions import Action, Resource


def _reads() -> Allowed:
    return Allowed(
        Resource.UPLOAD,
        Action.READ_ALL,
        Action.READ_OWN,
        denied="Your role may not read partner uploads for the declared purpose.",
    )


def _scope(info: Info) -> str | None:
    """Whose uploads the caller may read: None for every partner's, else one organisation's."""
    if info.context.access.may(Resource.UPLOAD, Action.READ_ALL):
        return None
    return info.context.principal.organisation_id


@strawberry.type
class PartnerUploadEdge:
    cursor: str
    node: PartnerUpload


@strawberry.type
class PartnerUploadConnection:
    edges: list[PartnerUploadEdge]
    page_info: PageInfo


@strawberry.type
class Query:
    @strawberry.field(
        description="An upload's report; null when there is none you may see.",
        extensions=[_reads()],
    )
    async def partner_upload(self, info: Info, id: strawberry.ID) -> PartnerUpload | None:
        organisation = _scope(info)
        raw_id = expect_global_id(id, TYPE_NAME)
        found = await info.context.loaders.reads.run(uploads.upload, raw_id, organisation)
        return PartnerUpload.from_upload(found) if found else None

    @strawberry.field(description="Uploads you may see, newest first.", extensions=[_reads()])
    async def partner_uploads(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> PartnerUploadConnection:
        organisation = _scope(info)
        size = page_size(first)
        before = text_pair_cursor(after)
        reads = info.context.loaders.reads
        rows = await reads.run(uploads.page, organisation, before, size + 1) if size else []
        edges = [
            PartnerUploadEdge(
                cursor=cursor([u.received_at.isoformat(), u.id]), node=PartnerUpload.from_upload(u)
            )
            for u in rows[:size]
        ]
        return PartnerUploadConnection(
            edges=edges, page_info=keyset_page_info(edges, len(rows), size, before is not None)
        )
