"""Who may use the system at all (Appendix 3 of the agreement): the register's word on a caller.

A valid token says who the caller is; the register of users says whether they may be served, and
with which roles. Pure: the caller's standing in the register is read elsewhere.

    admission = admit(standing, organisation_id="org-x", claimed_roles=None, user_agreement="1")
    admission.admitted   # True only for an approved user of a signed partner, agreement accepted
    admission.roles      # the roles to act with: the register's, narrowed by the token's claim
    admission.refusal    # None, or why not (Refusal)

A token never widens what the register holds: its ``roles`` claim is intersected with the
register's roles, and a token without the claim gets the register's.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class AccountStatus(StrEnum):
    """Where a user stands in the register."""

    REQUESTED = "REQUESTED"  # asked for access; no administrator has approved it yet
    APPROVED = "APPROVED"
    SUSPENDED = "SUSPENDED"  # withdrawn for now; reinstating gives it back as it was
    REVOKED = "REVOKED"  # withdrawn; only a new request (and approval) gives access again


class AccountKind(StrEnum):
    PERSON = "PERSON"
    # A partner's case system: a registered client of one organisation, acting as itself. It has
    # no user agreement to accept (a machine cannot agree to terms of use); its organisation's
    # signature of the information sharing agreement is what binds it.
    SYSTEM = "SYSTEM"


class Refusal(StrEnum):
    """Why a caller with a valid token is not served (the reason clients are told)."""

    UNREGISTERED = "UNREGISTERED"
    ORGANISATION_MISMATCH = "ORGANISATION_MISMATCH"
    PENDING_APPROVAL = "PENDING_APPROVAL"
    SUSPENDED = "SUSPENDED"
    REVOKED = "REVOKED"
    ORGANISATION_NOT_SIGNED = "ORGANISATION_NOT_SIGNED"
    USER_AGREEMENT_NOT_ACCEPTED = "USER_AGREEMENT_NOT_ACCEPTED"
    ROLE_NOT_HELD = "ROLE_NOT_HELD"


# Refusals where the credential itself contradicts the register, so another token (one for the
# organisation the user is registered with) is what the caller needs: HTTP 401. The others are
# refusals of an identity the token proves, which no other token of theirs changes: HTTP 403.
UNAUTHENTICATED: frozenset[Refusal] = frozenset({Refusal.ORGANISATION_MISMATCH})

_NOT_APPROVED = {
    AccountStatus.REQUESTED.value: Refusal.PENDING_APPROVAL,
    AccountStatus.SUSPENDED.value: Refusal.SUSPENDED,
    AccountStatus.REVOKED.value: Refusal.REVOKED,
}


@dataclass(frozen=True)
class Standing:
    """What the register holds about one user, as far as admission depends on it.

    ``status`` and ``kind`` are the stored words; a word this module does not know is refused
    (as suspended, or as a person who has accepted nothing), never guessed to be a good one.
    """

    status: str
    kind: str
    roles: frozenset[str]
    organisation_ids: tuple[str, ...]  # exactly one for a consistent register
    organisation_signed: bool
    user_agreement_version: str | None


@dataclass(frozen=True)
class Admission:
    roles: frozenset[str]
    refusal: Refusal | None

    @property
    def admitted(self) -> bool:
        return self.refusal is None


def _refused(refusal: Refusal) -> Admission:
    return Admission(roles=frozenset(), refusal=refusal)


def admit(
    standing: Standing | None,
    *,
    organisation_id: str,
    claimed_roles: frozenset[str] | None,
    user_agreement: str,
) -> Admission:
    """The register's decision on a caller whose token names ``organisation_id`` and claims
    ``claimed_roles`` (None: the token has no roles claim), when the current user agreement is
    version ``user_agreement``.

    Checked in this order, so the reason given is the first thing the caller must put right:
    registered at all; the token's organisation is the registered one; approved and not
    suspended or revoked; the organisation has signed the agreement; a person has accepted the
    current user agreement; the token claims some role the register holds.
    """
    if standing is None:
        return _refused(Refusal.UNREGISTERED)
    if standing.organisation_ids != (organisation_id,):
        return _refused(Refusal.ORGANISATION_MISMATCH)
    if standing.status != AccountStatus.APPROVED:
        return _refused(_NOT_APPROVED.get(standing.status, Refusal.SUSPENDED))
    if not standing.organisation_signed:
        return _refused(Refusal.ORGANISATION_NOT_SIGNED)
    if standing.kind != AccountKind.SYSTEM and standing.user_agreement_version != user_agreement:
        return _refused(Refusal.USER_AGREEMENT_NOT_ACCEPTED)
    roles = standing.roles if claimed_roles is None else claimed_roles & standing.roles
    if not roles:
        return _refused(Refusal.ROLE_NOT_HELD)
    return Admission(roles=roles, refusal=None)
