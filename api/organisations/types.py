"""Partner organisations, users, and the caller (``me``)."""

from __future__ import annotations

import strawberry

from api.access import not_personal
from api.access_register.standing import AccessStanding
from api.context import Info
from api.relay import Node, global_id
from loaders import records

_CALLER = "the caller, about themself"
_STAFF = "partner organisations and their users (staff) are not the subjects of the agreement"

TYPE_NAME = "Organisation"
USER_TYPE_NAME = "User"


@strawberry.type(description="A partner organisation of the information sharing agreement.")
class Organisation(Node):
    id: strawberry.ID
    name: str = not_personal(_STAFF)
    sector: str = not_personal(_STAFF)
    signed_agreement: bool = not_personal(_STAFF)

    @classmethod
    def from_record(cls, r: records.Organisation) -> Organisation:
        return cls(
            id=global_id(TYPE_NAME, r.id),
            name=r.name,
            sector=r.sector,
            signed_agreement=r.signed_agreement,
        )


async def organisations_by_id(info: Info, ids: tuple[str, ...]) -> list[Organisation]:
    """The organisations of ``ids`` there are, in that order (one batched read per level)."""
    found = await info.context.loaders.organisation.load_many(list(ids))
    return [Organisation.from_record(o) for o in found if o is not None]


@strawberry.type(description="A practitioner or a partner system using the API.")
class User(Node):
    id: strawberry.ID
    name: str = not_personal(_STAFF)
    roles: list[str] = not_personal(_STAFF)
    organisation_id: strawberry.Private[str | None]

    @classmethod
    def from_record(cls, r: records.User) -> User:
        return cls(
            id=global_id(USER_TYPE_NAME, r.id),
            name=r.name,
            roles=list(r.roles),
            organisation_id=r.organisation_id,
        )

    @not_personal(_STAFF)
    async def organisation(self, info: Info) -> Organisation | None:
        if self.organisation_id is None:
            return None
        found = await info.context.loaders.organisation.load(self.organisation_id)
        return Organisation.from_record(found) if found else None


# Named Caller here: graph.Viewer is the caller as row visibility sees them.
@strawberry.type(
    name="Viewer", description="The caller, as the access token and the graph describe them."
)
class Caller:
    user_id: str = not_personal(_CALLER)
    roles: list[str] = not_personal(_CALLER)
    organisation_id: strawberry.Private[str]

    @not_personal(_CALLER, description="The caller's user record, if the graph holds one.")
    async def user(self, info: Info) -> User | None:
        found = await info.context.loaders.user.load(self.user_id)
        return User.from_record(found) if found else None

    @not_personal(_CALLER, description="The organisation the caller acts for.")
    async def organisation(self, info: Info) -> Organisation | None:
        found = await info.context.loaders.organisation.load(self.organisation_id)
        return Organisation.from_record(found) if found else None

    @not_personal(_CALLER, description="The caller's standing in the register of users.")
    def access(self, info: Info) -> AccessStanding | None:
        admission = info.context.admission
        return AccessStanding.of(admission) if admission is not None else None
