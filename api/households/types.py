"""What a run of forming families changed."""

from __future__ import annotations

import strawberry

from api.access import not_personal
from api.payloads import MutationError

# Counts of what a run changed: no person's data.
_FORMING = "counts of a run of formFamilies"


@strawberry.type
class FamiliesFormed:
    people: int = not_personal(_FORMING)
    households: int = not_personal(_FORMING, description="Households living together now.")
    households_created: int = not_personal(
        _FORMING,
        description="Households this run added (a new one begins when the people at an address "
        "change).",
    )
    households_ended: int = not_personal(
        _FORMING,
        description="Households this run ended: someone moved in or out, or the records no "
        "longer give them.",
    )
    shared_addresses: int = not_personal(
        _FORMING,
        description="Addresses that held more than one household at once (marked shared).",
    )
    families_created: int = not_personal(_FORMING)
    members_added: int = not_personal(_FORMING)
    linked_across_addresses: int = not_personal(_FORMING)
    roles_changed: int = not_personal(
        _FORMING,
        description="Members whose role no longer fitted their date of birth (corrected since "
        "they joined, or come of age): the membership ended and one in the fitting role began.",
    )


@strawberry.type
class FormFamiliesPayload:
    run: FamiliesFormed | None
    errors: list[MutationError]
