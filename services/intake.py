"""Receiving a partner's list: a job. Used by the API's upload mutation and by ``./dev intake``.

    result = await receive(db, actor, PartnerList(data, organisation_id="org-devon-county-council",
                                                  filename="list.csv"))

Reads the criteria the frameworks know; parses and validates the list with the pure ``intake``
package off the event loop, in a worker thread (as the households job decides: see
``services.households`` for why a thread rather than a process); records the upload and its
report; loads the accepted rows in batches, each its own transaction
(``graph.uploads.load_batch``), so a reader sees the rows of the batches loaded so far and the
upload ``RECEIVING`` until the last. A malformed file raises :class:`intake.MalformedFile`
before anything is written.

The same file again straight after (the partner's latest upload, the same bytes in the same mode,
read the same way) is that upload: a retried request changes nothing and says so
(``already_received``), and one whose loading was interrupted carries on from the last loaded
batch. A file sent after another upload is a new upload, whatever it held before: its rows are
compared with what is held now, so an earlier file sent again corrects the rows back to its
values (``graph.uploads.upload_for``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal
from zoneinfo import ZoneInfo

from graph import Database, Viewer, catalogue, uploads
from graph.uploads import Rejection, Upload
from intake import MalformedFile, PartnerRow, parse
from services.eligibility import catalogue as criteria_in_force

__all__ = [
    "BATCH_ROWS",
    "IntakeResult",
    "MalformedFile",
    "PartnerList",
    "Rejection",
    "UnknownOrganisation",
    "Upload",
    "receive",
    "values",
]

BATCH_ROWS = 2_000
_UK = ZoneInfo("Europe/London")


class UnknownOrganisation(LookupError):
    """The upload names an organisation the graph does not hold."""


@dataclass(frozen=True)
class PartnerList:
    """A list a partner sent; ``organisation_id`` is the partner (the actor may be the data team,
    loading it for them)."""

    data: bytes
    organisation_id: str
    filename: str | None = None
    format: Literal["csv", "jsonl"] | None = None
    strict: bool = False
    max_bytes: int | None = None
    batch_rows: int = BATCH_ROWS


@dataclass(frozen=True)
class IntakeResult:
    upload: Upload
    already_received: bool


def values(row: PartnerRow) -> dict[str, Any]:
    """A row's values as stored on its SourceRecord (graph.uploads.VALUE_PROPERTIES)."""
    return {
        "partnerReference": row.partner_reference,
        "givenName": row.given_name,
        "familyName": row.family_name,
        "otherNames": row.other_names,
        "dateOfBirth": row.date_of_birth,
        "sex": row.sex.value if row.sex else None,
        "addressLine1": row.address_line1,
        "addressLine2": row.address_line2,
        "town": row.town,
        "postcode": row.postcode,
        "uprn": row.uprn,
        "nhsNumber": row.nhs_number,
        "upn": row.upn,
        "criteria": list(row.criteria),
        "evidenceDate": row.evidence_date,
        "expectedDueDate": row.expected_due_date,
        "rowSha256": row.row_sha256,
    }


async def receive(db: Database, actor: Viewer, input: PartnerList) -> IntakeResult:
    """Parse, record and load ``input``, uploaded by ``actor``; raises MalformedFile (nothing
    written) or UnknownOrganisation."""
    data, organisation_id, filename, strict = (
        input.data,
        input.organisation_id,
        input.filename,
        input.strict,
    )
    # The frameworks in force are the catalogue: their indicators are what a list may name.
    criteria = criteria_in_force()
    known = frozenset(c.code for c in criteria)
    options: dict[str, Any] = {} if input.max_bytes is None else {"max_bytes": input.max_bytes}
    # Parsing a large list takes seconds of CPU: off the event loop, so the API keeps answering.
    parsed = await asyncio.to_thread(
        partial(
            parse,
            data,
            format=input.format,
            filename=filename,
            known_criteria=known,
            strict=strict,
            today=dt.datetime.now(_UK).date(),
            **options,
        )
    )
    header = uploads.UploadHeader(
        organisation_id=organisation_id,
        uploaded_by=actor.user_id,
        filename=filename,
        format=parsed.format,
        content_sha256=parsed.content_sha256,
        strict=strict,
        rows_read=parsed.rows_read,
        accepted=len(parsed.accepted),
        rejected=parsed.rejected_rows,
        outcome_sha256=parsed.outcome_sha256,
    )
    rejections = [Rejection(r.row_number, r.field, r.code, r.message) for r in parsed.rejections]
    opened = await db.write(uploads.upload_for, header, rejections)
    if opened is None:
        raise UnknownOrganisation(organisation_id)
    upload, already_received = opened
    if already_received:
        return IntakeResult(upload, already_received=True)
    rows = [values(row) for row in parsed.accepted]
    if rows and upload.status == "RECEIVING":  # each report points at its criterion's node
        await db.write(catalogue.record_criteria, criteria)
    while upload.status == "RECEIVING" and upload.loaded_rows < len(rows):
        start = upload.loaded_rows
        batch = rows[start : start + input.batch_rows]
        loaded = await db.write(uploads.load_batch, upload.id, start, batch)
        if loaded is None:  # another run loaded this batch meanwhile: see where it stands
            [loaded] = await db.read(uploads.by_ids, [upload.id], None)
        upload = loaded
    return IntakeResult(upload, already_received=False)
