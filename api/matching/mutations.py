"""``matchPartnerRecords``, ``decideMatchReview`` and ``undoMerge``: the data team amalgamates
partners' lists (Appendix 4, step 2), declaring `identify-families`."""

from __future__ import annotations

from enum import Enum

import strawberry

from api.actions import Allowed
from api.context import Info
from api.errors import BadUserInput
from api.inputs import clean_text, today
from api.matching.types import (
    FamiliesFormed,
    FormFamiliesPayload,
    MatchingPayload,
    MatchingRun,
    MatchReview,
    PersonMerge,
    ReviewDecisionPayload,
    UndoMergePayload,
)
from api.payloads import MutationError, MutationErrorCode
from api.relay import expect_global_id
from graph import households, identities
from policy.actions import Action, Resource

_MAX_REASON = 1000


@strawberry.enum
class ReviewDecision(Enum):
    APPROVE = "APPROVE"  # the same person: their records join one person (a reversible merge)
    REJECT = "REJECT"  # different people: kept apart, and not put to anyone again


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
        # Imported here: Splink and DuckDB load only when the data team matches, not at start-up.
        from intake.amalgamate import amalgamate

        run = await amalgamate(info.context.db)
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

    @strawberry.mutation(
        description="Form residences from the dates of matched people's records, households "
        "(people at one address over one period, split where a house is shared; past ones kept) "
        "and families from the households now: a household becomes a family unless one of its "
        "people has one, and people a practitioner linked to a family's member join it from "
        "other addresses.",
        extensions=[
            Allowed(
                Resource.FAMILY,
                Action.FORM,
                denied="Your role may not form families for the declared purpose.",
            )
        ],
    )
    async def form_families(self, info: Info) -> FormFamiliesPayload:
        formed = await info.context.db.write(households.form, today())
        return FormFamiliesPayload(
            run=FamiliesFormed(
                people=formed.people,
                households=formed.households,
                households_created=formed.households_created,
                households_ended=formed.households_ended,
                shared_addresses=formed.shared_addresses,
                families_created=formed.families_created,
                members_added=formed.members_added,
                linked_across_addresses=formed.linked_across_addresses,
            ),
            errors=[],
        )

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
        db, user = info.context.db, info.context.principal.user_id
        try:
            merge = await db.write(
                identities.decide, review_id, decision is ReviewDecision.APPROVE, user, why
            )
        except identities.NotPending:
            found = await db.read(identities.review_by_id, review_id)
            code = MutationErrorCode.NOT_FOUND if found is None else MutationErrorCode.CONFLICT
            message = "No such review." if found is None else "That review was decided already."
            return ReviewDecisionPayload(
                review=None, merge=None, errors=[_error(code, "id", message)]
            )
        review = await db.read(identities.review_by_id, review_id)
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
        user = info.context.principal.user_id
        undone = await info.context.db.write(identities.undo, merge_id, user, why)
        if undone is None:
            error = _error(
                MutationErrorCode.CONFLICT, "id", "No such merge, or it was undone already."
            )
            return UndoMergePayload(merge=None, errors=[error])
        return UndoMergePayload(merge=PersonMerge.from_merge(undone), errors=[])
