"""Reading partners' uploads and their reports (``graph.uploads``): the pages and single reads
the API's intake queries start from, and the command line's report."""

from __future__ import annotations

from graph import Database, uploads
from graph.uploads import Rejection, Upload

__all__ = ["Rejection", "Upload", "page", "rejections", "upload"]


async def upload(db: Database, upload_id: str, organisation_id: str | None) -> Upload | None:
    """One upload; None when there is none, or it is another organisation's (when
    ``organisation_id`` names one)."""
    found = await db.read(uploads.by_ids, [upload_id], organisation_id)
    return found[0] if found else None


async def page(
    db: Database, organisation_id: str | None, before: tuple[str, str] | None, limit: int
) -> list[Upload]:
    """Uploads newest first, after the position ``before`` (received at, id); one
    organisation's, or every partner's when ``organisation_id`` is None."""
    return await db.read(uploads.page, organisation_id, before, limit)


async def rejections(
    db: Database, upload_id: str, after: int | None, limit: int
) -> list[tuple[int, Rejection]]:
    """An upload's rejections in row order, each with its position, after ``after``."""
    return await db.read(uploads.rejections, upload_id, after, limit)
