"""A caller's standing in the register of users, as ``me { access }`` shows it."""

from __future__ import annotations

from enum import Enum

import strawberry

from api.access import not_personal
from api.access_register.admission import RequestAdmission
from loaders import Registration
from policy.admission import AccountKind as Kind

_CALLER = "the caller's own standing in the register"


@strawberry.enum(description="Where a user stands in the register of users.")
class AccessStatus(Enum):
    UNREGISTERED = strawberry.enum_value("UNREGISTERED", description="Not in the register.")
    REQUESTED = strawberry.enum_value("REQUESTED", description="Asked for access; not approved.")
    APPROVED = "APPROVED"
    SUSPENDED = strawberry.enum_value(
        "SUSPENDED", description="Withdrawn for now; reinstating gives it back."
    )
    REVOKED = strawberry.enum_value(
        "REVOKED", description="Withdrawn; only a new request, approved, gives access again."
    )


@strawberry.enum(description="A person, or a partner's system (a registered client).")
class AccountKind(Enum):
    PERSON = "PERSON"
    SYSTEM = strawberry.enum_value(
        "SYSTEM",
        description="A partner's case system: role partner_system only; it has no user "
        "agreement to accept, its organisation's signature binds it.",
    )


@strawberry.enum(description="Why a caller with a valid token is not served.")
class AccessRefusal(Enum):
    UNREGISTERED = "UNREGISTERED"
    PENDING_APPROVAL = "PENDING_APPROVAL"
    SUSPENDED = "SUSPENDED"
    REVOKED = "REVOKED"
    ORGANISATION_NOT_SIGNED = "ORGANISATION_NOT_SIGNED"
    USER_AGREEMENT_NOT_ACCEPTED = "USER_AGREEMENT_NOT_ACCEPTED"
    ROLE_NOT_HELD = "ROLE_NOT_HELD"


def status_of(found: Registration | None) -> AccessStatus:
    if found is None:
        return AccessStatus.UNREGISTERED
    # A word the register should not hold reads as what it is treated as (policy.admission).
    return AccessStatus.__members__.get(found.status, AccessStatus.SUSPENDED)


def kind_of(found: Registration) -> AccountKind:
    return AccountKind.__members__.get(found.kind, AccountKind.PERSON)


@strawberry.type(description="The caller's standing in the register of users.")
class AccessStanding:
    status: AccessStatus = not_personal(_CALLER)
    kind: AccountKind | None = not_personal(_CALLER)
    admitted: bool = not_personal(
        _CALLER,
        description="Served: approved, the organisation signed, the user agreement accepted, "
        "and the token claims a role the register gives.",
    )
    refusal: AccessRefusal | None = not_personal(_CALLER, description="Why not, when not admitted.")
    registered_roles: list[str] = not_personal(_CALLER, description="The roles the register gives.")
    requested_roles: list[str] = not_personal(_CALLER)
    user_agreement_accepted: str | None = not_personal(
        _CALLER, description="The version of the user agreement accepted, if any."
    )
    user_agreement_required: str | None = not_personal(
        _CALLER, description="The version that must be accepted; null for a partner system."
    )

    @classmethod
    def of(cls, admission: RequestAdmission) -> AccessStanding:
        found = admission.registration
        refusal = admission.decision.refusal
        return cls(
            status=status_of(found),
            kind=kind_of(found) if found else None,
            admitted=refusal is None,
            refusal=AccessRefusal(refusal.value) if refusal else None,
            registered_roles=sorted(found.roles) if found else [],
            requested_roles=list(found.requested_roles) if found else [],
            user_agreement_accepted=found.user_agreement_version if found else None,
            user_agreement_required=None
            if found and found.kind == Kind.SYSTEM
            else admission.user_agreement_version,
        )
