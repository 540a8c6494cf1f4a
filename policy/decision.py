"""The decision for one field of one person, end to end, and the parts of it the API shares.

The API reaches a decision in four places: ``api.guard`` refuses a declaration (HTTP 403),
``api.request_context`` fixes, per request, the rows the caller sees (``row_scope``) and the basis
its disclosures rest on (``relied_on``); the Cypher of ``graph.visibility`` keeps invisible rows
out; and ``api.access.Classified`` decides each field (``policy.field_access.FieldAccess``, then the
person's consent). ``decide`` chains the same functions, with the facts the database contributes
(how the caller stands to the person, what covers a disclosure about them, the caller in the
register) given as enums, so that ``python -m devtools.decision_table`` can lay out every case
(with, beside it, what ``domain.consent`` makes of who decided what and when):

    decide(policy, {"practitioner"}, Purpose.COORDINATE_SUPPORT, DataClass.IDENTITY,
           Relation.TEAM, Sharing.NONE)
    # Outcome(kind=Kind.WITHHELD, reason=Reason.NO_CONSENT, basis=None)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from policy.actions import Action, Resource
from policy.enforcer import Policy
from policy.field_access import FieldAccess, Reason
from policy.lawful_bases import LawfulBasis
from vocabulary import CONSENT_PURPOSES, DataClass, Purpose


class Relation(StrEnum):
    """How the caller stands to the person whose data it is (``graph.visibility``)."""

    TEAM = "team"  # the caller actively belongs to the team around the person's family
    # A user of the caller's organisation does; counts only for roles granted ``Family,
    # see_organisation`` for the purpose (partner systems act for their organisation's staff).
    ORGANISATION_TEAM = "organisation_team"
    SUPPLIER = "supplier"  # the caller's organisation supplied a source record about the person
    BREAK_GLASS = "break_glass"  # the caller holds an unexpired break-glass grant for the family
    NONE = "none"


class Sharing(StrEnum):
    """What covers a disclosure about the person for this request, when it rests on consent
    (steps 3 to 5): the outcome of ``domain.consent.effective`` for their decisions, or a recorded
    decision to share without consent (graph.consent_scope)."""

    CONSENT = "consent"  # the decision that counts is a consent in force for the recipient
    EXPLICIT = "explicit"  # ... and it names the special category (explicit consent)
    DECISION = "decision"  # no consent; a decision to share without consent is in force
    DECISION_CONDITION = "decision_condition"  # ... and it names a condition for the category
    NONE = "none"  # nothing: refused, withdrawn, expired, not recorded, no standing, out of scope


class UserStanding(StrEnum):
    """The caller in the register of users (auth): only an active user is served."""

    ACTIVE = "active"  # approved, agreement accepted, organisation signed
    NOT_ACTIVE = "not_active"  # unknown, not approved, suspended, revoked, or unsigned


class Kind(StrEnum):
    UNAUTHORISED = "unauthorised"  # the caller is not an active user: HTTP 401/403, nothing read
    FORBIDDEN = "forbidden"  # the declaration is refused: HTTP 403, nothing is read
    ABSENT = "absent"  # the row is not visible: left out of lists, null for a lookup by id
    WITHHELD = "withheld"  # the row is visible; the field is null, with a redaction reason
    SERVED = "served"


class Basis(StrEnum):
    """What a served field's disclosure rests on (recorded with it)."""

    CONSENT = "consent"  # the person's consent (explicit, for a special category)
    DECISION = "decision"  # a recorded decision to share without consent
    PUBLIC_TASK = "public_task"  # the council's public task (steps 1, 2 and 6)


@dataclass(frozen=True)
class Outcome:
    kind: Kind
    reason: Reason | None = None  # for WITHHELD
    basis: Basis | None = None  # for SERVED


class Refusal(StrEnum):
    """Why a declaration is refused before anything is read (HTTP 403)."""

    PURPOSE = "purpose"  # no role of the caller may declare the purpose


def refusal(policy: Policy, roles: Iterable[str], purpose: Purpose) -> Refusal | None:
    """Why the API refuses this declaration, or None when it is accepted."""
    if not policy.may_act_for(frozenset(roles), purpose):
        return Refusal.PURPOSE
    return None


def relied_on(purpose: Purpose) -> LawfulBasis:
    """The basis a request's disclosures rest on: each person's consent for the purposes that
    share with consent (steps 3 to 5; where it does not cover someone, a recorded decision to
    share without consent may), else the council's public task (steps 1, 2 and 6, which the
    agreement carries out without consent). A request cannot offer another: exceptions are
    recorded decisions, not headers."""
    return LawfulBasis.CONSENT if purpose in CONSENT_PURPOSES else LawfulBasis.PUBLIC_TASK


def needs_consent(basis: LawfulBasis) -> bool:
    """Whether each person's consent must cover what is disclosed about them."""
    return basis is LawfulBasis.CONSENT


@dataclass(frozen=True)
class RowScope:
    """Which rows a request sees beyond the caller's own relations to them."""

    see_all: bool  # every family and person
    via_organisation: bool  # the teams of the caller's organisation's users count as its own
    # Rows through the caller's own relations (their teams, grants, organisation's records). A
    # role without it sees nothing for the purpose, even on a team: a row whose every field is
    # withheld would still tell the caller the person exists.
    via_relation: bool = False

    def sees(self, relation: Relation) -> bool:
        """Whether a person so related to the caller is visible (``graph.visibility``)."""
        if self.see_all:
            return True
        if not self.via_relation:
            return False
        if relation is Relation.ORGANISATION_TEAM:
            return self.via_organisation
        return relation is not Relation.NONE


def row_scope(policy: Policy, roles: Iterable[str], purpose: Purpose) -> RowScope:
    """The rows the policy grants the caller's roles for the purpose."""
    roles = frozenset(roles)
    return RowScope(
        see_all=policy.allows(roles, Resource.FAMILY, Action.SEE_ALL, purpose),
        via_organisation=policy.allows(roles, Resource.FAMILY, Action.SEE_ORGANISATION, purpose),
        via_relation=policy.allows(roles, Resource.FAMILY, Action.SEE_RELATED, purpose),
    )


def decide(
    policy: Policy,
    roles: Iterable[str],
    purpose: Purpose,
    data_class: DataClass,
    relation: Relation,
    sharing: Sharing = Sharing.NONE,
    user: UserStanding = UserStanding.ACTIVE,
) -> Outcome:
    """What a caller with access enforced gets for one field of ``data_class`` about a person.

    The field is taken to concern that person alone and to need what covers a disclosure about
    them when the request relies on consent (as every field of a person does; a family's own
    fields need it of one current member, a link's of both people, and the record of a consent
    decision and of the team around the family rest on the council's public task).
    """
    roles = frozenset(roles)
    if user is not UserStanding.ACTIVE:
        return Outcome(Kind.UNAUTHORISED)
    if refusal(policy, roles, purpose) is not None:
        return Outcome(Kind.FORBIDDEN)
    if not row_scope(policy, roles, purpose).sees(relation):
        return Outcome(Kind.ABSENT)
    consent_gated = needs_consent(relied_on(purpose))
    access = FieldAccess(policy, roles, purpose, consent_gated)
    decision = access.decide(data_class)
    if not decision.allowed:
        return Outcome(Kind.WITHHELD, decision.reason)
    if not consent_gated:
        return Outcome(Kind.SERVED, basis=Basis.PUBLIC_TASK)
    if sharing is Sharing.NONE:
        return Outcome(Kind.WITHHELD, Reason.NO_CONSENT)
    if access.needs_special(data_class) and sharing in (Sharing.CONSENT, Sharing.DECISION):
        return Outcome(Kind.WITHHELD, Reason.CONDITION_REQUIRED)
    if sharing in (Sharing.CONSENT, Sharing.EXPLICIT):
        return Outcome(Kind.SERVED, basis=Basis.CONSENT)
    return Outcome(Kind.SERVED, basis=Basis.DECISION)
