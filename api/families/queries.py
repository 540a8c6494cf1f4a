"""``family`` and ``families``."""

from __future__ import annotations

import strawberry

import loaders
from api.access import require_criterion_readable, require_readable
from api.actions import ROWS_AND_FIELDS, Anyone
from api.context import Info
from api.errors import BadUserInput
from api.families.types import Family, FamilyConnection, FamilyEdge
from api.inputs import clean_code
from api.lookahead import selects
from api.relay import cursor, expect_global_id, keyset_page_info, page_size, parse_cursor
from vocabulary import DataClass, FamilyStatus


@strawberry.input(description="Narrow the families listed; every field is optional.")
class FamilyFilter:
    status: FamilyStatus | None = None
    criterion: str | None = strawberry.field(
        default=None, description="Families with a current member meeting this criterion code."
    )
    postcode_district: str | None = strawberry.field(
        default=None, description='Families with a current member living in it, e.g. "EX4".'
    )

    def to_graph(self) -> loaders.FamilyFilter:
        return loaders.FamilyFilter(
            status=self.status.value if self.status else None,
            criterion=clean_code(self.criterion, "criterion"),
            postcode_district=clean_code(self.postcode_district, "postcodeDistrict"),
        )


@strawberry.type
class Query:
    @strawberry.field(
        description="A family by id; null when there is none.",
        extensions=[Anyone(ROWS_AND_FIELDS)],
    )
    async def family(self, info: Info, id: strawberry.ID) -> Family | None:
        raw_id = expect_global_id(id, "Family")
        loaders = info.context.loaders
        if selects(info, "members"):
            details = await loaders.family_details.load(raw_id)
            if details is None:
                return None
            loaders.prime_details(details)
            return Family.from_record(details.family)
        found = await loaders.family.load(raw_id)
        return Family.from_record(found) if found else None

    @strawberry.field(
        description="Families, ordered by reference. A filter reads what it matches on, so for a "
        "request that rests on consent it matches only through people whose consent covers it "
        "(by `status`, only when every current member's does).",
        extensions=[Anyone(ROWS_AND_FIELDS)],
    )
    async def families(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        filter: FamilyFilter | None = None,
    ) -> FamilyConnection:
        size = page_size(first)
        position = parse_cursor(after, 1)
        if position is not None and not isinstance(position[0], str):
            raise BadUserInput("Invalid cursor.")
        criteria = (filter or FamilyFilter()).to_graph()
        if criteria.status is not None:
            require_readable(info, DataClass.SOCIAL_CARE, "Filtering by `status`")
        if criteria.postcode_district is not None:
            require_readable(info, DataClass.ADDRESS, "Filtering by `postcodeDistrict`")
        require_criterion_readable(info, criteria.criterion)
        reads = info.context.loaders.reads
        after_ref = str(position[0]) if position else None
        rows = await reads.families(criteria, after_ref, size + 1) if size else []
        page = rows[:size]
        for family in page:
            info.context.loaders.consent_answers.learn(family)
        edges = [FamilyEdge(cursor=cursor([f.reference]), node=Family.from_record(f)) for f in page]

        async def count() -> int:
            return await reads.families_count(criteria)

        return FamilyConnection(
            edges=edges,
            page_info=keyset_page_info(edges, len(rows), size, after_ref is not None),
            count=count,
        )
