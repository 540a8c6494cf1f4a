"""The register's types: a registered user, a recorded change, and the mutations' inputs and
payloads (a caller's own standing is ``standing``)."""

from __future__ import annotations

import datetime as dt
from enum import Enum

import strawberry

from api.access import not_personal
from api.access_register.standing import (
    AccessStanding,
    AccessStatus,
    AccountKind,
    kind_of,
    status_of,
)
from api.context import Info
from api.organisations.types import TYPE_NAME as ORGANISATION
from api.organisations.types import USER_TYPE_NAME as USER
from api.organisations.types import Organisation, User
from api.payloads import MutationError
from api.relay import PageInfo, global_id
from loaders import AccessChange as ChangeRecord
from loaders import Registration

# Staff and partner systems are not the subjects of the agreement.
_REGISTER = "the register of users and its own records of changes"


@strawberry.enum(description="What a recorded change to the register did.")
class AccessAction(Enum):
    REQUESTED = "REQUESTED"
    APPROVED = "APPROVED"
    USER_AGREEMENT_ACCEPTED = "USER_AGREEMENT_ACCEPTED"
    SUSPENDED = "SUSPENDED"
    REINSTATED = "REINSTATED"
    REVOKED = "REVOKED"
    PARTNER_AGREEMENT_RECORDED = "PARTNER_AGREEMENT_RECORDED"


@strawberry.type(description="A user in the register, as its administrators see them.")
class RegisteredUser:
    status: AccessStatus = not_personal(_REGISTER)
    kind: AccountKind = not_personal(_REGISTER)
    roles: list[str] = not_personal(_REGISTER)
    requested_roles: list[str] = not_personal(_REGISTER)
    user_agreement_accepted: str | None = not_personal(_REGISTER)
    user_id: strawberry.Private[str]
    organisation_ids: strawberry.Private[tuple[str, ...]]

    @classmethod
    def from_registration(cls, r: Registration) -> RegisteredUser:
        return cls(
            status=status_of(r),
            kind=kind_of(r),
            roles=sorted(r.roles),
            requested_roles=list(r.requested_roles),
            user_agreement_accepted=r.user_agreement_version,
            user_id=r.user_id,
            organisation_ids=r.organisation_ids,
        )

    @not_personal(_REGISTER)
    async def user(self, info: Info) -> User | None:
        found = await info.context.loaders.user.load(self.user_id)
        return User.from_record(found) if found else None

    @not_personal(_REGISTER, description="The organisation the user works for.")
    async def organisation(self, info: Info) -> Organisation | None:
        if len(self.organisation_ids) != 1:
            return None
        found = await info.context.loaders.organisation.load(self.organisation_ids[0])
        return Organisation.from_record(found) if found else None


@strawberry.type
class RegisteredUserEdge:
    cursor: str
    node: RegisteredUser


@strawberry.type
class RegisteredUserConnection:
    edges: list[RegisteredUserEdge]
    page_info: PageInfo
    total_count: int


@strawberry.type(
    description="One change to the register (append-only): who did what to whom, when, why, and "
    "the state before and after. For a partner agreement, the status is SIGNED or UNSIGNED and "
    "the agreement its kind, version and date of signing."
)
class AccessChange:
    id: strawberry.ID
    at: dt.datetime = not_personal(_REGISTER)
    action: AccessAction = not_personal(_REGISTER)
    actor_id: strawberry.ID = not_personal(_REGISTER, description="The user who made the change.")
    user_id: strawberry.ID | None = not_personal(_REGISTER)
    organisation_id: strawberry.ID | None = not_personal(_REGISTER)
    reason: str | None = not_personal(_REGISTER)
    status_before: str | None = not_personal(_REGISTER)
    status_after: str | None = not_personal(_REGISTER)
    roles_before: list[str] = not_personal(_REGISTER)
    roles_after: list[str] = not_personal(_REGISTER)
    agreement_before: str | None = not_personal(
        _REGISTER,
        description="The user agreement version accepted, or the partner agreement signed.",
    )
    agreement_after: str | None = not_personal(_REGISTER)

    @classmethod
    def from_record(cls, r: ChangeRecord) -> AccessChange:
        return cls(
            id=strawberry.ID(r.id),
            at=r.at,
            action=AccessAction(r.action),
            actor_id=global_id(USER, r.actor_id),
            user_id=global_id(USER, r.user_id) if r.user_id else None,
            organisation_id=global_id(ORGANISATION, r.organisation_id)
            if r.organisation_id
            else None,
            reason=r.reason,
            status_before=r.status_before,
            status_after=r.status_after,
            roles_before=list(r.roles_before),
            roles_after=list(r.roles_after),
            agreement_before=r.agreement_before,
            agreement_after=r.agreement_after,
        )


@strawberry.type
class AccessChangeEdge:
    cursor: str
    node: AccessChange


@strawberry.type
class AccessChangeConnection:
    edges: list[AccessChangeEdge]
    page_info: PageInfo
    total_count: int


@strawberry.enum(description="The original agreement, or the supplemental one (Appendix 6).")
class PartnerAgreementKind(Enum):
    ORIGINAL = "ORIGINAL"
    SUPPLEMENTAL = "SUPPLEMENTAL"


@strawberry.input
class RequestAccessInput:
    name: str
    email: str | None = None
    kind: AccountKind = AccountKind.PERSON
    roles: list[str] = strawberry.field(description="The roles the work needs.")
    reason: str = strawberry.field(description="What the work is; required.")


@strawberry.input
class AcceptUserAgreementInput:
    version: str = strawberry.field(description="The version of the user agreement accepted.")


@strawberry.input
class ApproveAccessInput:
    user_id: strawberry.ID
    roles: list[str] = strawberry.field(description="The roles granted.")
    reason: str


@strawberry.input
class SuspendAccessInput:
    user_id: strawberry.ID
    reason: str


@strawberry.input
class ReinstateAccessInput:
    user_id: strawberry.ID
    reason: str


@strawberry.input
class RevokeAccessInput:
    user_id: strawberry.ID
    reason: str


@strawberry.input
class RecordPartnerAgreementInput:
    organisation_id: strawberry.ID
    kind: PartnerAgreementKind
    version: str
    signed_on: dt.date
    reason: str


@strawberry.type
class OwnAccessPayload:
    errors: list[MutationError]
    change: AccessChange | None = strawberry.field(default=None, description="The change recorded.")
    access: AccessStanding | None = strawberry.field(default=None, description="Your standing now.")


@strawberry.type
class RequestAccessPayload(OwnAccessPayload):
    pass


@strawberry.type
class AcceptUserAgreementPayload(OwnAccessPayload):
    pass


@strawberry.type
class UserAccessPayload:
    errors: list[MutationError]
    change: AccessChange | None = strawberry.field(default=None, description="The change recorded.")
    user: RegisteredUser | None = strawberry.field(
        default=None, description="The user's entry now."
    )


@strawberry.type
class ApproveAccessPayload(UserAccessPayload):
    pass


@strawberry.type
class SuspendAccessPayload(UserAccessPayload):
    pass


@strawberry.type
class ReinstateAccessPayload(UserAccessPayload):
    pass


@strawberry.type
class RevokeAccessPayload(UserAccessPayload):
    pass


@strawberry.type
class RecordPartnerAgreementPayload:
    errors: list[MutationError]
    change: AccessChange | None = strawberry.field(default=None, description="The change recorded.")
