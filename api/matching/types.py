"""A match put to the data team, and a merge of two people."""

from __future__ import annotations

import datetime as dt
from enum import Enum

import strawberry

from api.access import not_personal
from api.context import Info
from api.payloads import MutationError
from api.people.types import Person
from api.relay import global_id
from loaders.matching import Merge, Review

# The people themselves are served through Person, field by field.
_MATCHING = "the matching queue, merges and runs: source keys, scores, the model, who decided"


@strawberry.enum(description="Where a review stands.")
class ReviewStatus(Enum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


@strawberry.type(description="Two partners' records the model could not decide about.")
class MatchReview:
    id: strawberry.ID
    left_record: str = not_personal(
        _MATCHING, description="The first record's partner|reference key."
    )
    right_record: str = not_personal(_MATCHING)
    match_weight: float = not_personal(_MATCHING)
    probability: float = not_personal(_MATCHING)
    rule: str = not_personal(
        _MATCHING,
        description="`probabilistic`, or `cluster` when one cluster would join two people, or "
        "`correction` when a partner corrected a record about a person beyond a typo (both "
        "records are that one; until decided the person keeps the record's earlier values).",
    )
    model_version: str = not_personal(_MATCHING)
    created_at: dt.datetime = not_personal(_MATCHING)
    status: ReviewStatus = not_personal(_MATCHING)
    decided_by: str | None = not_personal(_MATCHING)
    reason: str | None = not_personal(_MATCHING)
    changed_fields: list[str] = not_personal(
        _MATCHING,
        description="A correction's: which of `dateOfBirth`, `givenName` and `sex` it changed "
        "beyond a typo (the names of the fields, not their values).",
    )
    left_person_id: strawberry.Private[str | None]
    right_person_id: strawberry.Private[str | None]

    @classmethod
    def from_review(cls, r: Review) -> MatchReview:
        return cls(
            id=global_id("MatchReview", r.id),
            left_record=r.left_key,
            right_record=r.right_key,
            match_weight=r.weight,
            probability=r.probability,
            rule=r.rule,
            model_version=r.model_version,
            created_at=r.created_at,
            status=ReviewStatus(r.status),
            decided_by=r.decided_by,
            reason=r.reason,
            changed_fields=list(r.changed_fields),
            left_person_id=r.left_person_id,
            right_person_id=r.right_person_id,
        )

    @not_personal(
        _MATCHING, description="Whom the first record is about now (subject to your access)."
    )
    async def left_person(self, info: Info) -> Person | None:
        return await _person(info, self.left_person_id)

    @not_personal(
        _MATCHING,
        description="Whom the second record is about now; for a correction, the person whose "
        "link to the record is questioned.",
    )
    async def right_person(self, info: Info) -> Person | None:
        return await _person(info, self.right_person_id)


async def _person(info: Info, person_id: str | None) -> Person | None:
    if person_id is None:
        return None
    found = await info.context.loaders.person.load(person_id)
    return Person.from_record(found) if found else None


@strawberry.type(description="Two people joined into one; undoable.")
class PersonMerge:
    id: strawberry.ID
    survivor_id: strawberry.ID = not_personal(_MATCHING)
    absorbed_id: strawberry.ID = not_personal(_MATCHING)
    at: dt.datetime = not_personal(_MATCHING)
    by: str = not_personal(_MATCHING)
    reason: str = not_personal(_MATCHING)
    undone_at: dt.datetime | None = not_personal(_MATCHING)

    @classmethod
    def from_merge(cls, m: Merge) -> PersonMerge:
        return cls(
            id=global_id("PersonMerge", m.id),
            survivor_id=global_id("Person", m.survivor_id),
            absorbed_id=global_id("Person", m.absorbed_id),
            at=m.at,
            by=m.by,
            reason=m.reason,
            undone_at=m.undone_at,
        )


@strawberry.type
class MatchingRun:
    records: int = not_personal(_MATCHING)
    people_created: int = not_personal(_MATCHING)
    records_attached: int = not_personal(_MATCHING)
    links: int = not_personal(_MATCHING)
    reviews_added: int = not_personal(_MATCHING)
    model_version: str = not_personal(_MATCHING)
    seconds: float = not_personal(_MATCHING)


@strawberry.type
class MatchingPayload:
    run: MatchingRun | None
    errors: list[MutationError]


@strawberry.type
class ReviewDecisionPayload:
    review: MatchReview | None
    merge: PersonMerge | None
    errors: list[MutationError]


@strawberry.type
class UndoMergePayload:
    merge: PersonMerge | None
    errors: list[MutationError]
