"""``me``: who the caller is."""

from __future__ import annotations

import strawberry

from api.actions import Anyone
from api.context import Info
from api.organisations.types import Caller


@strawberry.type
class Query:
    @strawberry.field(
        description="The caller.",
        extensions=[Anyone("the caller, about themself (open to those the register refuses)")],
    )
    def me(self, info: Info) -> Caller:
        principal = info.context.principal
        return Caller(
            user_id=principal.user_id,
            roles=sorted(principal.roles),
            organisation_id=principal.organisation_id,
        )
