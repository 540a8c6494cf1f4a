"""Changing the register of users (Appendix 3): asking for access, approving it, accepting the user
agreement, suspending, reinstating and revoking access, and recording a partner's signature.

A user asks for access themself, with a valid token from the identity provider for a subject the
register does not hold: the entry is then bound to an identity the provider vouches for, not to
an id typed in by someone else, and the request is the user's own, as the agreement has it. The
user accepts the user agreement themself too. Everything else is done by those the policy lets
(``UserAccess``, ``<role>, grant``, ``PartnerAgreement``), declaring ``information-governance``,
never to their own access, and only for users all of whose roles they may grant. Each change is
recorded (``services.access_register``) and takes effect from the next request.
"""

from __future__ import annotations

from typing import TypeVar

import strawberry

from api.access_register import inputs
from api.access_register.admission import RequestAdmission, decide
from api.access_register.standing import AccessStanding
from api.access_register.types import (
    AcceptUserAgreementInput,
    AcceptUserAgreementPayload,
    AccessChange,
    ApproveAccessInput,
    ApproveAccessPayload,
    OwnAccessPayload,
    RecordPartnerAgreementInput,
    RecordPartnerAgreementPayload,
    RegisteredUser,
    ReinstateAccessInput,
    ReinstateAccessPayload,
    RequestAccessInput,
    RequestAccessPayload,
    RevokeAccessInput,
    RevokeAccessPayload,
    SuspendAccessInput,
    SuspendAccessPayload,
    UserAccessPayload,
)
from api.actions import Allowed, Anyone
from api.context import Info
from api.errors import Forbidden
from api.inputs import today
from api.organisations.types import TYPE_NAME as ORGANISATION
from api.organisations.types import USER_TYPE_NAME as USER
from api.payloads import MutationError, MutationErrorCode
from policy.actions import Action, Resource
from policy.admission import AccountKind as Kind
from policy.admission import AccountStatus
from services import access_register
from services.access_register import AccessChange as ChangeRecord
from services.access_register import Registration, Stale

_CONFLICT, _NOT_FOUND = MutationErrorCode.CONFLICT, MutationErrorCode.NOT_FOUND
_STALE = "The register changed meanwhile, so nothing was written: look again and retry."


def _admission(info: Info) -> RequestAdmission:
    admission = info.context.admission
    assert admission is not None  # every request is admitted through the register first
    return admission


async def _own_standing(info: Info, change: ChangeRecord) -> OwnAccessPayload:
    admission = _admission(info)
    found = await info.context.loaders.reads.registration(admission.token.user_id)
    version = admission.user_agreement_version
    now = RequestAdmission(admission.token, found, decide(admission.token, found, version), version)
    return OwnAccessPayload(
        errors=[], change=AccessChange.from_record(change), access=AccessStanding.of(now)
    )


def _failed(code: MutationErrorCode, field: str | None, message: str) -> list[MutationError]:
    return [inputs.error(code, field, message)]


# What each change needs the user's status to be, and what to say when it is not.
_FROM: dict[str, tuple[frozenset[str], dict[str, str]]] = {
    "APPROVED": (
        frozenset({AccountStatus.REQUESTED}),
        {
            "APPROVED": "Their access is already approved.",
            "SUSPENDED": "Their access is suspended: reinstate it instead.",
            "REVOKED": "Their access was revoked: they must ask for access again.",
        },
    ),
    "SUSPENDED": (
        frozenset({AccountStatus.APPROVED}),
        {
            "REQUESTED": "Their request is not approved yet: revoke it to decline it.",
            "SUSPENDED": "Their access is already suspended.",
            "REVOKED": "Their access was revoked.",
        },
    ),
    "REINSTATED": (frozenset({AccountStatus.SUSPENDED}), {}),
    "REVOKED": (
        frozenset({AccountStatus.REQUESTED, AccountStatus.APPROVED, AccountStatus.SUSPENDED}),
        {"REVOKED": "Their access is already revoked."},
    ),
}
_TO = {
    "APPROVED": AccountStatus.APPROVED,
    "SUSPENDED": AccountStatus.SUSPENDED,
    "REINSTATED": AccountStatus.APPROVED,
    "REVOKED": AccountStatus.REVOKED,
}


def _manages(action: Action) -> Allowed:
    return Allowed(
        Resource.USER_ACCESS,
        action,
        denied=f"Your role may not {action.value} access for the declared purpose.",
    )


def _about_themself() -> Anyone:
    # Open to callers the register does not admit too (api.access_register.gate).
    return Anyone("the caller's own entry in the register, named by their token")


def _may_grant(info: Info, roles: list[str] | tuple[str, ...] | frozenset[str]) -> str | None:
    """The first of ``roles`` the caller may not grant, or None."""
    context = info.context
    purpose = context.access.purpose
    return next(
        (
            r
            for r in sorted(roles)
            if not context.policy.allows(context.principal.roles, r, Action.GRANT, purpose)
        ),
        None,
    )


async def _change_user(
    info: Info,
    action: str,
    user_value: strawberry.ID,
    reason_value: str,
    granted: list[str] | None = None,
) -> tuple[list[MutationError], ChangeRecord | None, Registration | None]:
    """Approve (with ``granted``), suspend, reinstate or revoke: the checks and the write."""
    context = info.context
    errors: list[MutationError] = []
    user_id = inputs.raw_id(user_value, USER, "userId", errors)
    roles = inputs.roles(granted, errors) if granted is not None else None
    reason = inputs.text(reason_value, "reason", errors, max_length=inputs.MAX_REASON)
    if errors or user_id is None or reason is None:
        return errors, None, None
    if user_id == context.principal.user_id:
        raise Forbidden("You may not change your own access.")
    if roles is not None and (ungrantable := _may_grant(info, roles)) is not None:
        raise Forbidden(f"You may not grant the role {ungrantable}.")
    reads = context.loaders.reads
    found = await reads.registration(user_id)
    if found is None:
        return _failed(_NOT_FOUND, "userId", "No such user in the register."), None, None
    held = found.requested_roles if found.status == AccountStatus.REQUESTED else found.roles
    if (unmanaged := _may_grant(info, held)) is not None:
        raise Forbidden(f"You may not change the access of a user with the role {unmanaged}.")
    allowed_from, why_not = _FROM[action]
    if found.status not in allowed_from:
        message = why_not.get(found.status, f"Their access is {found.status.lower()}.")
        return _failed(_CONFLICT, "userId", message), None, None
    if roles is not None:
        if (misfit := inputs.fit_kind(found.kind, roles)) is not None:
            return [inputs.bad("roles", misfit)], None, None
        if len(found.organisation_ids) != 1 or not found.organisation_signed:
            message = "The user's organisation has not signed the agreement."
            return [inputs.bad("userId", message)], None, None
    after = [] if action == "REVOKED" else (roles if roles is not None else sorted(found.roles))
    outcome = await context.services.run(
        access_register.set_standing,
        context.viewer,
        access_register.StandingChange(
            user_id,
            expected=found,
            action=action,
            status=_TO[action].value,
            roles=after,
            reason=reason,
        ),
    )
    if isinstance(outcome, Stale):
        return _failed(_CONFLICT, "userId", _STALE), None, None
    return [], outcome, await reads.registration(user_id)


Payload = TypeVar("Payload", bound=UserAccessPayload)


def _user_payload(
    cls: type[Payload],
    result: tuple[list[MutationError], ChangeRecord | None, Registration | None],
) -> Payload:
    errors, change, found = result
    return cls(
        errors=errors,
        change=AccessChange.from_record(change) if change else None,
        user=RegisteredUser.from_registration(found) if found else None,
    )


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Ask for access to the system for yourself (the token's subject), for the "
        "organisation your token names. An administrator then approves it.",
        extensions=[_about_themself()],
    )
    async def request_access(self, info: Info, input: RequestAccessInput) -> RequestAccessPayload:
        token = _admission(info).token
        errors: list[MutationError] = []
        name = inputs.text(input.name, "name", errors, max_length=inputs.MAX_NAME)
        email = inputs.email(input.email, errors)
        roles = inputs.roles(input.roles, errors)
        reason = inputs.text(input.reason, "reason", errors, max_length=inputs.MAX_REASON)
        if roles is not None and (misfit := inputs.fit_kind(input.kind.value, roles)):
            errors.append(inputs.bad("roles", misfit))
        if errors or name is None or roles is None or reason is None:
            return RequestAccessPayload(errors=errors)
        reads = info.context.loaders.reads
        found = await reads.registration(token.user_id)
        if found is not None and found.status != AccountStatus.REVOKED:
            message = f"You are already in the register ({found.status.lower()})."
            return RequestAccessPayload(errors=_failed(_CONFLICT, None, message))
        if await reads.partner_agreement(token.organisation_id) is None:
            message = "The organisation your token names is not a partner of the agreement."
            return RequestAccessPayload(errors=_failed(_NOT_FOUND, None, message))
        outcome = await info.context.services.run(
            access_register.request_access,
            info.context.viewer,
            access_register.AccessRequest(
                expected=found,
                kind=input.kind.value,
                name=name,
                email=email,
                roles=roles,
                reason=reason,
            ),
        )
        if isinstance(outcome, Stale):
            return RequestAccessPayload(errors=_failed(_CONFLICT, None, _STALE))
        payload = await _own_standing(info, outcome)
        return RequestAccessPayload(errors=[], change=payload.change, access=payload.access)

    @strawberry.mutation(
        description="Accept the Early Help IT systems user agreement, naming its version: "
        "the version in force, once your access is approved.",
        extensions=[_about_themself()],
    )
    async def accept_user_agreement(
        self, info: Info, input: AcceptUserAgreementInput
    ) -> AcceptUserAgreementPayload:
        admission = _admission(info)
        errors: list[MutationError] = []
        version = inputs.text(input.version, "version", errors, max_length=inputs.MAX_VERSION)
        if errors or version is None:
            return AcceptUserAgreementPayload(errors=errors)
        found = await info.context.loaders.reads.registration(admission.token.user_id)
        current = admission.user_agreement_version
        failed: list[MutationError] = []
        if found is None:
            failed = _failed(_CONFLICT, None, "You are not in the register: ask for access first.")
        elif found.kind == Kind.SYSTEM:
            message = "A partner system has no user agreement to accept."
            failed = [inputs.bad("version", message)]
        elif version != current:
            message = f"The user agreement in force is version {current}: accept that one."
            failed = [inputs.bad("version", message)]
        elif found.status != AccountStatus.APPROVED:
            message = f"Your access is {found.status.lower()}: it must be approved first."
            failed = _failed(_CONFLICT, None, message)
        elif found.user_agreement_version == version:
            failed = _failed(_CONFLICT, "version", f"You have already accepted version {version}.")
        if failed or found is None:
            return AcceptUserAgreementPayload(errors=failed)
        outcome = await info.context.services.run(
            access_register.accept_user_agreement,
            info.context.viewer,
            access_register.AgreementAcceptance(expected=found, version=version),
        )
        if isinstance(outcome, Stale):
            return AcceptUserAgreementPayload(errors=_failed(_CONFLICT, None, _STALE))
        payload = await _own_standing(info, outcome)
        return AcceptUserAgreementPayload(errors=[], change=payload.change, access=payload.access)

    @strawberry.mutation(
        description="Approve a request for access, with the roles granted.",
        extensions=[_manages(Action.APPROVE)],
    )
    async def approve_access(self, info: Info, input: ApproveAccessInput) -> ApproveAccessPayload:
        result = await _change_user(info, "APPROVED", input.user_id, input.reason, input.roles)
        return _user_payload(ApproveAccessPayload, result)

    @strawberry.mutation(
        description="Suspend a user's access, from the next request.",
        extensions=[_manages(Action.SUSPEND)],
    )
    async def suspend_access(self, info: Info, input: SuspendAccessInput) -> SuspendAccessPayload:
        result = await _change_user(info, "SUSPENDED", input.user_id, input.reason)
        return _user_payload(SuspendAccessPayload, result)

    @strawberry.mutation(
        description="Give a suspended user their access back, as it was.",
        extensions=[_manages(Action.REINSTATE)],
    )
    async def reinstate_access(
        self, info: Info, input: ReinstateAccessInput
    ) -> ReinstateAccessPayload:
        result = await _change_user(info, "REINSTATED", input.user_id, input.reason)
        return _user_payload(ReinstateAccessPayload, result)

    @strawberry.mutation(
        description="Revoke a user's access (or decline their request), from the next request. "
        "Only a new request, approved, gives access again.",
        extensions=[_manages(Action.REVOKE)],
    )
    async def revoke_access(self, info: Info, input: RevokeAccessInput) -> RevokeAccessPayload:
        result = await _change_user(info, "REVOKED", input.user_id, input.reason)
        return _user_payload(RevokeAccessPayload, result)

    @strawberry.mutation(
        description="Record that a partner organisation signed the agreement (the original, or "
        "a supplemental agreement for a partner joining later): its users may then be served.",
        extensions=[
            Allowed(
                Resource.PARTNER_AGREEMENT,
                Action.RECORD,
                denied="Your role may not record partners' agreements for this purpose.",
            )
        ],
    )
    async def record_partner_agreement(
        self, info: Info, input: RecordPartnerAgreementInput
    ) -> RecordPartnerAgreementPayload:
        context = info.context
        errors: list[MutationError] = []
        organisation_id = inputs.raw_id(
            input.organisation_id, ORGANISATION, "organisationId", errors
        )
        version = inputs.text(input.version, "version", errors, max_length=inputs.MAX_VERSION)
        reason = inputs.text(input.reason, "reason", errors, max_length=inputs.MAX_REASON)
        if input.signed_on > today():
            errors.append(inputs.bad("signedOn", "`signedOn` may not be in the future."))
        if errors or organisation_id is None or version is None or reason is None:
            return RecordPartnerAgreementPayload(errors=errors)
        found = await context.loaders.reads.partner_agreement(organisation_id)
        if found is None:
            message = "No such partner organisation."
            return RecordPartnerAgreementPayload(
                errors=_failed(_NOT_FOUND, "organisationId", message)
            )
        kind = input.kind.value
        if found.signed and (found.kind, found.version) == (kind, version):
            message = "This agreement is already recorded for the organisation."
            return RecordPartnerAgreementPayload(errors=_failed(_CONFLICT, "version", message))
        outcome = await context.services.run(
            access_register.record_partner_agreement,
            context.viewer,
            access_register.PartnerSignature(
                organisation_id,
                expected=found,
                kind=kind,
                version=version,
                signed_on=input.signed_on,
                reason=reason,
            ),
        )
        if isinstance(outcome, Stale):
            return RecordPartnerAgreementPayload(errors=_failed(_CONFLICT, None, _STALE))
        return RecordPartnerAgreementPayload(errors=[], change=AccessChange.from_record(outcome))
