"""``partnerUploads`` and ``partnerUpload``: the reports of partners' lists.

A partner system sees its own organisation's uploads; the data team sees every partner's. To
anyone else, or for another purpose, asking is FORBIDDEN; another partner's upload reads as absent.
"""

from __future__ import annotations

import strawberry

from api.context import Info
from api.errors import Forbidden
from api.intake.types import TYPE_NAME, PartnerUpload
from api.relay import (
    PageInfo,
    cursor,
    expect_global_id,
    keyset_page_info,
    page_size,
    text_pair_cursor,
)
from loaders import intake as uploads


def _scope(info: Info) -> str | None:
    """Whose uploads the caller may read: None for every partner's, else one organisation's."""
    access = info.context.access
    if access.may("Upload", "read_all"):
        return None
    if access.may("Upload", "read_own"):
        return info.context.principal.organisation_id
    raise Forbidden("Your role may not read partner uploads for the declared purpose.")


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
    @strawberry.field(description="An upload's report; null when there is none you may see.")
    async def partner_upload(self, info: Info, id: strawberry.ID) -> PartnerUpload | None:
        organisation = _scope(info)
        raw_id = expect_global_id(id, TYPE_NAME)
        found = await uploads.upload(info.context.db, raw_id, organisation)
        return PartnerUpload.from_upload(found) if found else None

    @strawberry.field(description="Uploads you may see, newest first.")
    async def partner_uploads(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> PartnerUploadConnection:
        organisation = _scope(info)
        size = page_size(first)
        before = text_pair_cursor(after)
        rows = await uploads.page(info.context.db, organisation, before, size + 1) if size else []
        edges = [
            PartnerUploadEdge(
                cursor=cursor([u.received_at.isoformat(), u.id]), node=PartnerUpload.from_upload(u)
            )
            for u in rows[:size]
        ]
        return PartnerUploadConnection(
            edges=edges, page_info=keyset_page_info(edges, len(rows), size, before is not None)
        )
