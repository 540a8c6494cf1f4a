"""What a run of forming families changed."""

from __future__ import annotations

import strawberry

from api.links.mutations import MutationError


@strawberry.type
class FamiliesFormed:
    people: int
    households: int = strawberry.field(description="Households living together now.")
    households_created: int = strawberry.field(
        description="Households this run added (a new one begins when the people at an address "
        "change)."
    )
    households_ended: int = strawberry.field(
        description="Households this run ended: someone moved in or out, or the records no "
        "longer give them."
    )
    shared_addresses: int = strawberry.field(
        description="Addresses that held more than one household at once (marked shared)."
    )
    families_created: int
    members_added: int
    linked_across_addresses: int


@strawberry.type
class FormFamiliesPayload:
    run: FamiliesFormed | None
    errors: list[MutationError]
