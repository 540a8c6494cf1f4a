"""Partner uploads in the graph: each list a partner sends, its report, and the rows it supplied.

    (:Upload {id, organisationId, uploadedBy, receivedAt, filename, format, contentSha256,
              outcomeSha256, strict, status, rowsRead, accepted, rejected, created, updated,
              unchanged, loadedRows})
        -[:FROM]->(:Organisation)
    (:UploadRejection {uploadId, ordinal, rowNumber, field, code, message})-[:OF]->(:Upload)
    (:SourceRecord {id, sourceKey, organisationId, partnerReference, <the row's values>, rowSha256,
                    version, uploadId, receivedAt})
        -[:SUPPLIED_BY]->(:Organisation), -[:REPORTS {evidenceDate}]->(:Criterion),
        -[:RECEIVED_IN]->(:Upload) for every upload that sent the row, changed or not,
        -[:PREVIOUS]->(:SourceRecordVersion {<values as they were>, version, uploadId,
                                             supersededAt, supersededBy})-[:PREVIOUS]->...

A row is keyed by its partner's reference within the partner (``sourceKey``). Loading is resumable:
rows go in batches, each one transaction that also advances ``loadedRows``, so a batch is loaded
wholly or not at all and an interrupted upload of the same file carries on where it stopped. A
corrected row updates the record and keeps what it replaced, with the upload that had supplied it;
in the same transaction, the person it is about follows (``graph.survivorship``).

Which upload a file is (``upload_for``): the partner's latest upload, when the file is that upload's
again (the same bytes, in the same mode, read the same way); else a new one. A file sent after
another is a new upload, so an earlier file sent again corrects the rows back to its values; an
interrupted upload of it that a later upload followed can never be resumed, and is marked
``INTERRUPTED``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph import records, survivorship
from graph._cypher import Tx, fetch, fetch_collected

# The values of a row, as stored on its SourceRecord (and copied to a version when replaced).
VALUE_PROPERTIES: tuple[str, ...] = (
    "partnerReference",
    "givenName",
    "familyName",
    "otherNames",
    "dateOfBirth",
    "sex",
    "addressLine1",
    "addressLine2",
    "town",
    "postcode",
    "uprn",
    "nhsNumber",
    "upn",
    "criteria",
    "evidenceDate",
    "expectedDueDate",  # health data (pregnancy): read only to assess families' eligibility
    "rowSha256",
)


@dataclass(frozen=True)
class UploadHeader:
    """What is known of an upload before its rows are loaded."""

    organisation_id: str
    uploaded_by: str
    filename: str | None
    format: str
    content_sha256: str
    strict: bool
    rows_read: int
    accepted: int
    rejected: int
    outcome_sha256: str | None = None  # intake.ParsedUpload.outcome_sha256


@dataclass(frozen=True)
class Rejection:
    row_number: int
    field: str | None
    code: str
    message: str


@dataclass(frozen=True)
class Upload:
    id: str
    organisation_id: str
    uploaded_by: str
    received_at: dt.datetime
    filename: str | None
    format: str
    content_sha256: str
    strict: bool
    # RECEIVING, COMPLETE, REJECTED (strict mode, or nothing acceptable), or INTERRUPTED (left
    # part-loaded, then the same file was sent again after another upload: a new upload loads it)
    status: str
    rows_read: int
    accepted: int
    rejected: int
    created: int
    updated: int
    unchanged: int
    loaded_rows: int
    outcome_sha256: str | None = None  # absent on uploads recorded before it was kept


def _upload(n: Any) -> Upload:
    return Upload(
        id=n["id"],
        organisation_id=n["organisationId"],
        uploaded_by=n["uploadedBy"],
        received_at=records.native(n["receivedAt"]),
        filename=n.get("filename"),
        format=n["format"],
        content_sha256=n["contentSha256"],
        strict=bool(n["strict"]),
        status=n["status"],
        rows_read=n["rowsRead"],
        accepted=n["accepted"],
        rejected=n["rejected"],
        created=n["created"],
        updated=n["updated"],
        unchanged=n["unchanged"],
        loaded_rows=n["loadedRows"],
        outcome_sha256=n.get("outcomeSha256"),
    )


# The partner's lock first: two uploads from one partner are opened one after the other, so each
# sees the other as the latest (receivedAt is taken after the lock, in the statement clock).
_LOCK_ORGANISATION = """
MATCH (o:Organisation {id: $organisationId})
SET o._intakeLock = true REMOVE o._intakeLock
RETURN o.id AS id
"""

_LATEST = """
MATCH (:Organisation {id: $organisationId})<-[:FROM]-(u:Upload)
WITH u ORDER BY u.receivedAt DESC, u.id DESC LIMIT 1
RETURN u {.*} AS u
"""

_INTERRUPT = """
MATCH (:Organisation {id: $organisationId})<-[:FROM]-(u:Upload {contentSha256: $sha})
WHERE u.strict = $strict AND u.status = 'RECEIVING'
SET u.status = 'INTERRUPTED'
"""

_CREATE = """
MATCH (o:Organisation {id: $header.organisationId})
CREATE (u:Upload)
SET u = $header, u.id = $id, u.receivedAt = datetime(), u.status = $status,
    u.created = 0, u.updated = 0, u.unchanged = 0, u.loadedRows = 0
CREATE (u)-[:FROM]->(o)
WITH u
CALL (u) {
  UNWIND range(0, size($rejections) - 1) AS i
  WITH u, i, $rejections[i] AS r
  CREATE (x:UploadRejection {uploadId: u.id, ordinal: i, rowNumber: r.rowNumber, field: r.field,
                             code: r.code, message: r.message})-[:OF]->(u)
}
RETURN u {.*} AS u
"""


async def upload_for(
    tx: AsyncManagedTransaction, header: UploadHeader, rejections: Sequence[Rejection]
) -> tuple[Upload, bool] | None:
    """The upload this file is, and whether it was received in full before; None when the
    organisation does not exist.

    The partner's latest upload when the file is that upload's again (same bytes, same mode,
    read the same way): a retried request, or one resumed after an interruption (still
    ``RECEIVING``: the caller carries on loading it). Otherwise the file is a new upload, recorded
    with its rejections: a file sent again after another one means its values to stand again.
    """
    if not await fetch(tx, _LOCK_ORGANISATION, organisationId=header.organisation_id):
        return None
    latest = await fetch(tx, _LATEST, organisationId=header.organisation_id)
    if latest:
        last = _upload(latest[0]["u"])
        if (
            last.content_sha256 == header.content_sha256
            and last.strict == header.strict
            and last.outcome_sha256 in (None, header.outcome_sha256)
        ):
            return last, last.status != "RECEIVING"
    await fetch(
        tx,
        _INTERRUPT,
        organisationId=header.organisation_id,
        sha=header.content_sha256,
        strict=header.strict,
    )
    created = await create(tx, header, rejections)
    return None if created is None else (created, False)


async def create(
    tx: AsyncManagedTransaction, header: UploadHeader, rejections: Sequence[Rejection]
) -> Upload | None:
    """Record the upload and its rejections; None when the organisation does not exist."""
    if header.accepted == 0 or (header.strict and header.rejected):
        status = "REJECTED" if header.rejected else "COMPLETE"
    else:
        status = "RECEIVING"
    rows = await fetch(
        tx,
        _CREATE,
        id=str(uuid.uuid4()),
        status=status,
        header={
            "organisationId": header.organisation_id,
            "uploadedBy": header.uploaded_by,
            "filename": header.filename,
            "format": header.format,
            "contentSha256": header.content_sha256,
            "outcomeSha256": header.outcome_sha256,
            "strict": header.strict,
            "rowsRead": header.rows_read,
            "accepted": header.accepted,
            "rejected": header.rejected,
        },
        rejections=[
            {"rowNumber": r.row_number, "field": r.field, "code": r.code, "message": r.message}
            for r in rejections
        ],
    )
    return _upload(rows[0]["u"]) if rows else None


# One batch of rows, in the upload's own transaction: the partner's lock first, so two uploads
# from one partner never interleave their reads and writes of the same rows.
_LOCK_PARTNER = """
MATCH (u:Upload {id: $uploadId})
SET u._lock = true REMOVE u._lock
WITH u
MATCH (u)-[:FROM]->(o:Organisation)
SET o._intakeLock = true REMOVE o._intakeLock
RETURN u.loadedRows AS loadedRows, u.status AS status, u.organisationId AS organisationId
"""

_EXISTING = """
UNWIND $keys AS key
MATCH (s:SourceRecord {sourceKey: key})
RETURN collect({key: key, sha: s.rowSha256}) AS rows
"""

_CREATE_RECORDS = """
MATCH (u:Upload {id: $uploadId})-[:FROM]->(o:Organisation)
UNWIND $rows AS row
CREATE (s:SourceRecord)
SET s = row.values, s.id = row.id, s.sourceKey = row.key, s.organisationId = o.id,
    s.version = 1, s.uploadId = u.id, s.receivedAt = u.receivedAt
CREATE (s)-[:SUPPLIED_BY]->(o)
CREATE (s)-[:RECEIVED_IN]->(u)
WITH s, row
CALL (s, row) {
  UNWIND row.values.criteria AS code
  MATCH (c:Criterion {code: code})
  CREATE (s)-[:REPORTS {evidenceDate: row.values.evidenceDate}]->(c)
}
"""

# The replaced values move to a version node at the head of the record's history.
_UPDATE_RECORDS = """
MATCH (u:Upload {id: $uploadId})
UNWIND $rows AS row
MATCH (s:SourceRecord {sourceKey: row.key})
OPTIONAL MATCH (s)-[old:PREVIOUS]->(older:SourceRecordVersion)
CREATE (v:SourceRecordVersion)
SET v = s {.*}, v.supersededAt = u.receivedAt, v.supersededBy = u.id
REMOVE v.id, v.sourceKey
CREATE (s)-[:PREVIOUS]->(v)
FOREACH (_ IN CASE WHEN older IS NULL THEN [] ELSE [1] END |
  CREATE (v)-[:PREVIOUS]->(older) DELETE old)
// Every value property is in row.values; a null one removes a value the correction left out.
SET s += row.values, s.version = s.version + 1, s.uploadId = u.id, s.receivedAt = u.receivedAt
MERGE (s)-[:RECEIVED_IN]->(u)
WITH s, row
CALL (s) { MATCH (s)-[r:REPORTS]->(:Criterion) DELETE r }
CALL (s, row) {
  UNWIND row.values.criteria AS code
  MATCH (c:Criterion {code: code})
  CREATE (s)-[:REPORTS {evidenceDate: row.values.evidenceDate}]->(c)
}
"""

_UNCHANGED = """
MATCH (u:Upload {id: $uploadId})
UNWIND $keys AS key
MATCH (s:SourceRecord {sourceKey: key})
MERGE (s)-[:RECEIVED_IN]->(u)
"""

_ADVANCE = """
MATCH (u:Upload {id: $uploadId})
SET u.loadedRows = u.loadedRows + $n, u.created = u.created + $created,
    u.updated = u.updated + $updated, u.unchanged = u.unchanged + $unchanged,
    u.status = CASE WHEN u.loadedRows + $n >= u.accepted THEN 'COMPLETE' ELSE u.status END
RETURN u {.*} AS u
"""


def source_key(organisation_id: str, partner_reference: str) -> str:
    return f"{organisation_id}|{partner_reference}"


async def load_batch(
    tx: AsyncManagedTransaction, upload_id: str, start: int, rows: Sequence[dict[str, Any]]
) -> Upload | None:
    """Load ``rows`` (the upload's accepted rows from index ``start``; each a dict of
    VALUE_PROPERTIES) unless another run already has; answers the upload as it now stands, or None
    when the batch is not the next one (the caller re-reads where loading stands)."""
    lock = await fetch(tx, _LOCK_PARTNER, uploadId=upload_id)
    if not lock or lock[0]["loadedRows"] != start or lock[0]["status"] != "RECEIVING":
        return None
    organisation = lock[0]["organisationId"]
    keyed = {
        source_key(organisation, str(row["partnerReference"])): {
            name: row.get(name) for name in VALUE_PROPERTIES
        }
        for row in rows
    }
    known = {r["key"]: r["sha"] for r in await fetch_collected(tx, _EXISTING, keys=list(keyed))}
    new = [
        {"key": key, "id": str(uuid.uuid4()), "values": row}
        for key, row in keyed.items()
        if key not in known
    ]
    changed = [
        {"key": key, "values": row}
        for key, row in keyed.items()
        if key in known and known[key] != row["rowSha256"]
    ]
    same = [key for key, row in keyed.items() if known.get(key) == row["rowSha256"]]
    if new:
        await fetch(tx, _CREATE_RECORDS, uploadId=upload_id, rows=new)
    if changed:
        await fetch(tx, _UPDATE_RECORDS, uploadId=upload_id, rows=changed)
        # The people these records are about follow the corrections (or question them).
        await survivorship.corrected(tx, upload_id, [str(row["key"]) for row in changed])
    if same:
        await fetch(tx, _UNCHANGED, uploadId=upload_id, keys=same)
    advanced = await fetch(
        tx,
        _ADVANCE,
        uploadId=upload_id,
        n=len(rows),
        created=len(new),
        updated=len(changed),
        unchanged=len(same),
    )
    return _upload(advanced[0]["u"])


_BY_IDS = """
UNWIND $ids AS id
MATCH (u:Upload {id: id})
WHERE $organisationId IS NULL OR u.organisationId = $organisationId
RETURN collect(u {.*}) AS uploads
"""

_PAGE = """
MATCH (u:Upload)
WHERE ($organisationId IS NULL OR u.organisationId = $organisationId)
  AND ($before IS NULL OR u.receivedAt < datetime($before)
       OR (u.receivedAt = datetime($before) AND u.id < $beforeId))
WITH u ORDER BY u.receivedAt DESC, u.id DESC LIMIT $limit
RETURN collect(u {.*}) AS uploads
"""

_REJECTIONS = """
MATCH (x:UploadRejection {uploadId: $uploadId}) WHERE x.ordinal > $after
WITH x ORDER BY x.ordinal LIMIT $limit
RETURN collect(x {.*}) AS rejections
"""


async def by_ids(tx: Tx, ids: list[str], organisation_id: str | None) -> list[Upload]:
    """Uploads by id; with ``organisation_id``, only that partner's (others read as absent)."""
    rows = await fetch_collected(tx, _BY_IDS, ids=ids, organisationId=organisation_id)
    return [_upload(u) for u in rows]


async def page(
    tx: Tx, organisation_id: str | None, before: tuple[str, str] | None, limit: int
) -> list[Upload]:
    """Newest first, after the keyset position (receivedAt ISO text, id) of the previous page."""
    rows = await fetch_collected(
        tx,
        _PAGE,
        organisationId=organisation_id,
        before=before[0] if before else None,
        beforeId=before[1] if before else None,
        limit=limit,
    )
    return [_upload(u) for u in rows]


async def rejections(
    tx: Tx, upload_id: str, after: int | None, limit: int
) -> list[tuple[int, Rejection]]:
    """An upload's rejections in row order, each with its ordinal (the keyset position)."""
    rows = await fetch_collected(
        tx, _REJECTIONS, uploadId=upload_id, after=-1 if after is None else after, limit=limit
    )
    return [
        (r["ordinal"], Rejection(r["rowNumber"], r.get("field"), r["code"], r["message"]))
        for r in rows
    ]
