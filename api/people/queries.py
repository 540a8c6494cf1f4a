"""``person`` and ``people``."""

from __future__ import annotations

import datetime as dt

import strawberry

import loaders
from api.access import require_criterion_readable, require_readable
from api.actions import ROWS_AND_FIELDS, Anyone
from api.context import Info
from api.errors import BadUserInput
from api.inputs import clean_code, clean_text
from api.people.types import Person, PersonConnection, PersonEdge
from api.relay import (
    cursor,
    expect_global_id,
    keyset_page_info,
    page_size,
    text_pair_cursor,
)
from vocabulary import DataClass, FamilyStatus, fold


@strawberry.input(description="Narrow the people listed; every field is optional.")
class PersonFilter:
    name: str | None = strawberry.field(
        default=None,
        description="Part of the given or family name (2+ characters); case and accents "
        'aside: "lukasz" finds Łukasz.',
    )
    date_of_birth: dt.date | None = None
    criterion: str | None = strawberry.field(
        default=None, description="People meeting this criterion code."
    )
    postcode_district: str | None = strawberry.field(
        default=None, description='People currently living in this district, e.g. "EX4".'
    )
    family_status: FamilyStatus | None = strawberry.field(
        default=None, description="People currently in a family with this status."
    )

    def to_graph(self) -> loaders.PersonFilter:
        name = clean_text(self.name, "name", max_length=100, required=False)
        # Counted as searched (vocabulary.text.fold): two accents alone would search for nothing.
        if name is not None and len(fold(name).strip()) < 2:
            raise BadUserInput("`name` must be at least 2 characters.")
        return loaders.PersonFilter(
            name=name,
            date_of_birth=self.date_of_birth,
            criterion=clean_code(self.criterion, "criterion"),
            postcode_district=clean_code(self.postcode_district, "postcodeDistrict"),
            family_status=self.family_status.value if self.family_status else None,
        )


@strawberry.type
class Query:
    @strawberry.field(
        description="A person by id; null when there is none.",
        extensions=[Anyone(ROWS_AND_FIELDS)],
    )
    async def person(self, info: Info, id: strawberry.ID) -> Person | None:
        found = await info.context.loaders.person.load(expect_global_id(id, "Person"))
        return Person.from_record(found) if found else None

    @strawberry.field(
        description="People, ordered by name. Ordering and filtering read each person's data, so "
        "a request that rests on consent lists only people whose consent covers it.",
        extensions=[Anyone(ROWS_AND_FIELDS)],
    )
    async def people(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        filter: PersonFilter | None = None,
    ) -> PersonConnection:
        size = page_size(first)
        after_key = text_pair_cursor(after)
        criteria = (filter or PersonFilter()).to_graph()
        # People are listed in name order, and each filter reads its field.
        require_readable(info, DataClass.IDENTITY, "Listing people (in name order)")
        if criteria.postcode_district is not None:
            require_readable(info, DataClass.ADDRESS, "Filtering by `postcodeDistrict`")
        if criteria.family_status is not None:
            require_readable(info, DataClass.SOCIAL_CARE, "Filtering by `familyStatus`")
        require_criterion_readable(info, criteria.criterion)
        reads = info.context.loaders.reads
        rows = await reads.people(criteria, after_key, size + 1) if size else []
        page = rows[:size]
        edges = [
            PersonEdge(cursor=cursor(list(key)), node=Person.from_record(p)) for p, key in page
        ]

        async def count() -> int:
            return await reads.people_count(criteria)

        return PersonConnection(
            edges=edges,
            page_info=keyset_page_info(edges, len(rows), size, after_key is not None),
            count=count,
        )
