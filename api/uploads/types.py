"""An upload's report as the API shows it: what was read, accepted, rejected and loaded."""

from __future__ import annotations

import datetime as dt
from enum import Enum

import strawberry

from api.access import not_personal
from api.context import Info
from api.errors import BadUserInput
from api.payloads import MutationError
from api.relay import PageInfo, cursor, global_id, keyset_page_info, page_size, parse_cursor
from loaders import intake as uploads

# Counts, row numbers, codes and messages that never repeat a row's values (intake/SCHEMA.md).
_REPORT = "an upload's report, served to its partner and the data team only"

TYPE_NAME = "PartnerUpload"


@strawberry.enum(description="Where an upload stands.")
class UploadStatus(Enum):
    RECEIVING = "RECEIVING"  # rows are still being loaded (an interrupted upload resumes)
    COMPLETE = "COMPLETE"
    REJECTED = "REJECTED"  # nothing loaded: every row rejected, or strict mode and one was
    # Left part-loaded; the same file, sent again after another upload, was loaded as a new one.
    INTERRUPTED = "INTERRUPTED"


@strawberry.enum(description="The two formats of the one documented schema (intake/SCHEMA.md).")
class ListFormat(Enum):
    CSV = "csv"
    JSONL = "jsonl"


@strawberry.type(description="One problem with one row of an upload; the row was not loaded.")
class UploadRejection:
    row_number: int = not_personal(
        _REPORT,
        description="CSV: the line the row starts on (the "
        "header is line 1); JSON Lines: the line number.",
    )
    field: str | None = not_personal(_REPORT)
    code: str = not_personal(_REPORT)
    message: str = not_personal(_REPORT)


@strawberry.type
class UploadRejectionEdge:
    cursor: str
    node: UploadRejection


@strawberry.type
class UploadRejectionConnection:
    edges: list[UploadRejectionEdge]
    page_info: PageInfo


@strawberry.type(description="A partner's list as received, and its report.")
class PartnerUpload:
    id: strawberry.ID
    organisation_id: str = not_personal(_REPORT)
    uploaded_by: str = not_personal(_REPORT)
    received_at: dt.datetime = not_personal(_REPORT)
    filename: str | None = not_personal(_REPORT)
    format: ListFormat = not_personal(_REPORT)
    status: UploadStatus = not_personal(_REPORT)
    strict: bool = not_personal(_REPORT)
    rows_read: int = not_personal(_REPORT)
    accepted: int = not_personal(_REPORT, description="Rows that passed validation.")
    rejected: int = not_personal(
        _REPORT, description="Rows rejected; accepted + rejected = rowsRead."
    )
    created: int = not_personal(_REPORT, description="Accepted rows new to the graph.")
    updated: int = not_personal(_REPORT, description="Accepted rows that corrected an earlier row.")
    unchanged: int = not_personal(_REPORT, description="Accepted rows identical to what was held.")
    raw_id: strawberry.Private[str]

    @classmethod
    def from_upload(cls, u: uploads.Upload) -> PartnerUpload:
        return cls(
            id=global_id(TYPE_NAME, u.id),
            organisation_id=u.organisation_id,
            uploaded_by=u.uploaded_by,
            received_at=u.received_at,
            filename=u.filename,
            format=ListFormat(u.format),
            status=UploadStatus(u.status),
            strict=u.strict,
            rows_read=u.rows_read,
            accepted=u.accepted,
            rejected=u.rejected,
            created=u.created,
            updated=u.updated,
            unchanged=u.unchanged,
            raw_id=u.id,
        )

    @not_personal(_REPORT, description="Every problem found, in row order.")
    async def rejections(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> UploadRejectionConnection:
        size = page_size(first)
        position = parse_cursor(after, 1)
        if position is not None and not isinstance(position[0], int):
            raise BadUserInput("Invalid cursor.")
        since = int(position[0]) if position else None
        rows = (
            await info.context.loaders.reads.run(uploads.rejections, self.raw_id, since, size + 1)
            if size
            else []
        )
        edges = [
            UploadRejectionEdge(
                cursor=cursor([ordinal]),
                node=UploadRejection(
                    row_number=r.row_number, field=r.field, code=r.code, message=r.message
                ),
            )
            for ordinal, r in rows[:size]
        ]
        return UploadRejectionConnection(
            edges=edges, page_info=keyset_page_info(edges, len(rows), size, since is not None)
        )


@strawberry.type
class UploadPayload:
    upload: PartnerUpload | None
    already_received: bool = strawberry.field(
        description="This file was the partner's latest upload already (the same bytes, "
        "in the same mode, read the same way): nothing changed. A file sent again after "
        "another upload is a new upload, and its rows correct what is held."
    )
    errors: list[MutationError]
