"""Reading the register: its users (for those who manage access) and every recorded change to it
(for them and for information governance), declaring ``information-governance``."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.access_register.standing import AccessStatus
from api.access_register.types import (
    AccessAction,
    AccessChange,
    AccessChangeConnection,
    AccessChangeEdge,
    RegisteredUser,
    RegisteredUserConnection,
    RegisteredUserEdge,
)
from api.actions import Allowed
from api.context import Info
from api.errors import BadUserInput
from api.organisations.types import TYPE_NAME as ORGANISATION
from api.organisations.types import USER_TYPE_NAME as USER
from api.relay import (
    cursor,
    expect_global_id,
    keyset_page_info,
    page_size,
    parse_cursor,
    text_pair_cursor,
)
from policy.actions import Action, Resource


def _reads(resource: Resource, what: str) -> Allowed:
    return Allowed(
        resource, Action.LIST, denied=f"Your role may not read {what} for the declared purpose."
    )


def _after_id(after: str | None) -> str | None:
    position = parse_cursor(after, 1)
    if position is None:
        return None
    if not isinstance(position[0], str):
        raise BadUserInput("Invalid cursor.")
    return position[0]


def _after_change(after: str | None) -> tuple[dt.datetime, str] | None:
    position = text_pair_cursor(after)
    if position is None:
        return None
    try:
        at = dt.datetime.fromisoformat(position[0])
    except ValueError:
        raise BadUserInput("Invalid cursor.") from None
    if at.tzinfo is None:
        raise BadUserInput("Invalid cursor.")
    return at, position[1]


@strawberry.type
class Query:
    @strawberry.field(
        description="Users in the register, in id order; of one status (e.g. REQUESTED: "
        "requests awaiting approval) or all.",
        extensions=[_reads(Resource.USER_ACCESS, "the register of users")],
    )
    async def registered_users(
        self,
        info: Info,
        status: AccessStatus | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> RegisteredUserConnection:
        if status is AccessStatus.UNREGISTERED:
            raise BadUserInput("`status` UNREGISTERED names no one in the register.")
        size = page_size(first)
        after_id = _after_id(after)
        wanted = status.value if status else None
        reads = info.context.loaders.reads
        found = await reads.registrations(wanted, after_id, size + 1) if size else []
        edges = [
            RegisteredUserEdge(cursor=cursor([r.user_id]), node=RegisteredUser.from_registration(r))
            for r in found[:size]
        ]
        return RegisteredUserConnection(
            edges=edges,
            page_info=keyset_page_info(edges, len(found), size, after_id is not None),
            total_count=await reads.registrations_count(wanted),
        )

    @strawberry.field(
        description="Changes to the register, newest first: about one user, or one "
        "organisation, or of one action, or all.",
        extensions=[_reads(Resource.ACCESS_CHANGE, "changes to the register")],
    )
    async def access_changes(
        self,
        info: Info,
        user_id: strawberry.ID | None = None,
        organisation_id: strawberry.ID | None = None,
        action: AccessAction | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> AccessChangeConnection:
        size = page_size(first)
        before = _after_change(after)
        filters = {
            "user_id": expect_global_id(user_id, USER) if user_id is not None else None,
            "organisation_id": expect_global_id(organisation_id, ORGANISATION)
            if organisation_id is not None
            else None,
            "action": action.value if action else None,
        }
        reads = info.context.loaders.reads
        found = await reads.access_changes(before=before, limit=size + 1, **filters) if size else []
        edges = [
            AccessChangeEdge(
                cursor=cursor([c.at.isoformat(), c.id]), node=AccessChange.from_record(c)
            )
            for c in found[:size]
        ]
        return AccessChangeConnection(
            edges=edges,
            page_info=keyset_page_info(edges, len(found), size, before is not None),
            total_count=await reads.access_changes_count(**filters),
        )
