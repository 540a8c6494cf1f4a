"""``matchReviews``: the queue of uncertain matches for the data team."""

from __future__ import annotations

import strawberry

from api.actions import Allowed
from api.context import Info
from api.matching.types import MatchReview, ReviewStatus
from api.relay import PageInfo, cursor, keyset_page_info, page_size, text_pair_cursor
from loaders import matching as reviews
from policy.actions import Action, Resource


@strawberry.type
class MatchReviewEdge:
    cursor: str
    node: MatchReview


@strawberry.type
class MatchReviewConnection:
    edges: list[MatchReviewEdge]
    page_info: PageInfo


@strawberry.type
class Query:
    @strawberry.field(
        description="Match reviews, oldest first (pending ones unless asked).",
        extensions=[
            Allowed(
                Resource.MATCH,
                Action.REVIEW,
                denied="Your role may not read match reviews for the declared purpose.",
            )
        ],
    )
    async def match_reviews(
        self,
        info: Info,
        status: ReviewStatus = ReviewStatus.PENDING,
        first: int | None = None,
        after: str | None = None,
    ) -> MatchReviewConnection:
        size = page_size(first)
        since = text_pair_cursor(after)
        rows = (
            await info.context.loaders.reads.run(reviews.page, status.value, since, size + 1)
            if size
            else []
        )
        edges = [
            MatchReviewEdge(
                cursor=cursor([r.created_at.isoformat(), r.id]), node=MatchReview.from_review(r)
            )
            for r in rows[:size]
        ]
        return MatchReviewConnection(
            edges=edges, page_info=keyset_page_info(edges, len(rows), size, since is not None)
        )
