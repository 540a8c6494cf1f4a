"""Reading the queue of uncertain matches and its decided items (``graph.matching``)."""

from __future__ import annotations

from graph import Database
from graph import matching as repository
from graph.matching import Merge, Review

__all__ = ["Merge", "Review", "page", "review"]


async def page(
    db: Database, status: str, after: tuple[str, str] | None, limit: int
) -> list[Review]:
    """Reviews of one status, oldest first, after the position ``after`` (created at, id)."""
    return await db.read(repository.reviews, status, after, limit)


async def review(db: Database, review_id: str) -> Review | None:
    return await db.read(repository.review_by_id, review_id)
