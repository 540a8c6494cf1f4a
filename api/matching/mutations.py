"""``matchPartnerRecords``, ``decideMatchReview`` and ``undoMerge``: the data team matches
partners' lists (Appendix 4, step 2), declaring `identify-families`.

Two types, because the committed schema lists ``formFamilies`` (``api.households``) between
matching and its reviews."""

from __future__ import annotations

from enum import Enum

import strawberry

from api.actions import Allowed
from api.context import Info
from api.errors import BadUserInput
from api.inputs import clean_text
from api.matching.types import (
    MatchingPayload,
    MatchingRun,
    MatchReview,
    PersonMerge,
    ReviewDecisionPayload,
    UndoMergePayload,
)
from api.payloads import MutationError, MutationErrorCode
from api.relay import expect_global_id
from loaders import matching as reviews
from policy.actions import Action, Resource
from services import matching

_MAX_REASON = 1000


@strawberry.enum
class ReviewDecision(Enum):
    # The same person: their records join one person (a reversible merge); for a correction,
    # the record stays with its person and the corrected values count.
    APPROVE = "APPROVE"
    # Different people: kept apart, and not put to anyone again; for a correction, the record
    # now describes someone else and leaves the person for a new person of its own.
    REJECT = "REJECT"


def _error(code: MutationErrorCode, field: str | None, message: str) -> MutationError:
    return MutationError(code=code, field=field, message=message)


def _checked(id: str, type_name: str, reason: str) -> tuple[str, str] | MutationError:
    """The raw id and the trimmed reason, or the error naming what is wrong."""
    try:
        raw_id = expect_global_id(id, type_name)
    except BadUserInput as exc:
        return _error(MutationErrorCode.BAD_USER_INPUT, "id", exc.message)
    try:
        why = clean_text(reason, "reason", max_length=_MAX_REASON, required=True)
    except BadUserInput as exc:
        return _error(MutationErrorCode.BAD_USER_INPUT, "reason", exc.message)
    assert why is not None  # required text is never None
    return raw_id, why


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Match every partner record to a person (the committed model; strong "
        "identifiers first); uncertain pairs join the review queue.",
        extensions=[
            Allowed(
                Resource.MATCH,
                Action.RUN,
                denied="Your role may not match records for the declared purpose.",
            )
        ],
    )
    async def match_partner_records(self, info: Info) -> MatchingPayload:
        run = await info.context.services.run_job(
            matching.match, info.context.viewer, matching.Matching()
        )
        return MatchingPayload(
            run=MatchingRun(
                records=run.records,
                people_created=run.people_created,
                records_attached=run.records_attached,
                links=run.links,
                reviews_added=run.reviews_added,
                model_version=run.model_version,
                seconds=round(run.seconds, 3),
            ),
            errors=[],
        )


@strawberry.type
class ReviewMutation:
    @strawberry.mutation(
        description="Decide a pending match review, with a reason.",
        extensions=[
            Allowed(
                Resource.MATCH,
                Action.REVIEW,
                denied="Your role may not decide match reviews for the declared purpose.",
            )
        ],
    )
    async def decide_match_review(
        self, info: Info, id: strawberry.ID, decision: ReviewDecision, reason: str
    ) -> ReviewDecisionPayload:
        checked = _checked(id, "MatchReview", reason)
        if isinstance(checked, MutationError):
            return ReviewDecisionPayload(review=None, merge=None, errors=[checked])
        review_id, why = checked
        services, reads, viewer = (
            info.context.services,
            info.context.loaders.reads,
            info.context.viewer,
        )
        try:
            merge = await services.run(
                matching.decide,
                viewer,
                matching.Decision(review_id, decision is ReviewDecision.APPROVE, why),
            )
        except matching.NotPending:
            found = await reads.run(reviews.review, review_id)
            code = MutationErrorCode.NOT_FOUND if found is None else MutationErrorCode.CONFLICT
            message = "No such review." if found is None else "That review was decided already."
            return ReviewDecisionPayload(
                review=None, merge=None, errors=[_error(code, "id", message)]
            )
        review = await reads.run(reviews.review, review_id)
        return ReviewDecisionPayload(
            review=MatchReview.from_review(review) if review else None,
            merge=PersonMerge.from_merge(merge) if merge else None,
            errors=[],
        )

    @strawberry.mutation(
        description="Undo a merge: the records it moved return to their person.",
        extensions=[
            Allowed(
                Resource.MERGE,
                Action.UNDO,
                denied="Your role may not undo merges for the declared purpose.",
            )
        ],
    )
    async def undo_merge(self, info: Info, id: strawberry.ID, reason: str) -> UndoMergePayload:
        checked = _checked(id, "PersonMerge", reason)
        if isinstance(checked, MutationError):
            return UndoMergePayload(merge=None, errors=[checked])
        merge_id, why = checked
        undone = await info.context.services.run(
            matching.undo, info.context.viewer, matching.Undoing(merge_id, why)
        )
        if undone is None:
            error = _error(
                MutationErrorCode.CONFLICT, "id", "No such merge, or it was undone already."
            )
            return UndoMergePayload(merge=None, errors=[error])
        return UndoMergePayload(merge=PersonMerge.from_merge(undone), errors=[])
