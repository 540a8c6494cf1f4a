"""Changing the register of users (``graph.access_changes``): a user asking for access and
accepting the user agreement, those the policy lets approving, suspending, reinstating and
revoking access, and recording a partner's signature of the agreement.

Each write checks that the entry it changes is still the one the caller decided on (``expected``)
and answers :class:`Stale` otherwise. A change that is written makes every cached copy of the
register in this process stale (``graph.access_register.changed``), so it counts from the next
request.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph import Database, Viewer
from graph import access_changes as repository
from graph.access_changes import AccessChange, PartnerAgreement, Stale
from graph.access_register import DEFAULT_USER_AGREEMENT_VERSION, Registration, changed

__all__ = [
    "DEFAULT_USER_AGREEMENT_VERSION",
    "AccessChange",
    "AccessRequest",
    "AgreementAcceptance",
    "PartnerAgreement",
    "PartnerSignature",
    "Registration",
    "Stale",
    "StandingChange",
    "accept_user_agreement",
    "record_partner_agreement",
    "request_access",
    "set_standing",
]


@dataclass(frozen=True)
class AccessRequest:
    """The actor's own request, for the organisation their token names."""

    expected: Registration | None  # their entry as read (None: not in the register)
    kind: str
    name: str
    email: str | None
    roles: list[str]
    reason: str


@dataclass(frozen=True)
class AgreementAcceptance:
    expected: Registration
    version: str


@dataclass(frozen=True)
class StandingChange:
    """Another user's access approved, suspended, reinstated or revoked (``action``)."""

    user_id: str
    expected: Registration
    action: str
    status: str
    roles: list[str]
    reason: str


@dataclass(frozen=True)
class PartnerSignature:
    organisation_id: str
    expected: PartnerAgreement
    kind: str
    version: str
    signed_on: dt.date
    reason: str


def _counted(outcome: AccessChange | Stale) -> AccessChange | Stale:
    if not isinstance(outcome, Stale):
        changed()
    return outcome


async def request_access(db: Database, actor: Viewer, input: AccessRequest) -> AccessChange | Stale:
    """Record the actor's request for access, for their token's organisation."""
    return _counted(
        await db.write(
            repository.request_access,
            actor.user_id,
            actor.organisation_id,
            expected=input.expected,
            kind=input.kind,
            name=input.name,
            email=input.email,
            roles=input.roles,
            reason=input.reason,
        )
    )


async def accept_user_agreement(
    db: Database, actor: Viewer, input: AgreementAcceptance
) -> AccessChange | Stale:
    """Record that the actor accepted this version of the user agreement."""
    return _counted(
        await db.write(
            repository.accept_user_agreement,
            actor.user_id,
            expected=input.expected,
            version=input.version,
        )
    )


async def set_standing(db: Database, actor: Viewer, input: StandingChange) -> AccessChange | Stale:
    """Give the user a new status and roles, recorded as changed by the actor."""
    return _counted(
        await db.write(
            repository.set_standing,
            input.user_id,
            expected=input.expected,
            action=input.action,
            actor_id=actor.user_id,
            status=input.status,
            roles=input.roles,
            reason=input.reason,
        )
    )


async def record_partner_agreement(
    db: Database, actor: Viewer, input: PartnerSignature
) -> AccessChange | Stale:
    """Record that the organisation signed the agreement, as recorded by the actor."""
    return _counted(
        await db.write(
            repository.record_partner_agreement,
            input.organisation_id,
            expected=input.expected,
            actor_id=actor.user_id,
            kind=input.kind,
            version=input.version,
            signed_on=input.signed_on,
            reason=input.reason,
        )
    )
