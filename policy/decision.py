"""The decision for one field of one person, end to end, and the parts of it the API shares.

The API reaches a decision in four places: ``api.app`` refuses a declaration (HTTP 403) and
fixes, per request, the rows the caller sees (``row_scope``) and the basis its disclosures rest
on (``relied_on``); the Cypher of ``graph.visibility`` keeps invisible rows out; and
``api.access.Classified`` decides each field (``policy.access.FieldAccess``, then the person's
consent). ``decide`` chains the same functions, with the two facts the database contributes
(how the caller stands to the person, and the person's consent) given as enums, so that
``python -m policy.decision_table`` can lay out every case:

    decide(policy, {"practitioner"}, Purpose.COORDINATE_SUPPORT, DataClass.IDENTITY,
           Relation.TEAM, ConsentState.WITHDRAWN)
    # Outcome(kind=Kind.WITHHELD, reason=Reason.NO_CONSENT, basis=LawfulBasis.CONSENT)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from policy.access import FieldAccess, Reason
from policy.enforcer import Policy
from policy.lawful_bases import LawfulBasis, SpecialCondition
from policy.vocabulary import CONSENT_PURPOSES, DataClass, Purpose


class Relation(StrEnum):
    """How the caller stands to the person whose data it is (``graph.visibility``)."""

    TEAM = "team"  # the caller actively belongs to the team around the person's family
    # A user of the caller's organisation does; counts only for roles granted ``Family,
    # see_organisation`` for the purpose (partner systems act for their organisation's staff).
    ORGANISATION_TEAM = "organisation_team"
    SUPPLIER = "supplier"  # the caller's organisation supplied a source record about the person
    BREAK_GLASS = "break_glass"  # the caller holds an unexpired break-glass grant for the family
    NONE = "none"


class ConsentState(StrEnum):
    """The person's consent as the request finds it. Only GIVEN covers the request: given, in
    date, for the declared purpose and the caller's organisation or its sector; this mirrors
    ``graph.consent_scope.covers``, where every other state fails one of its conditions."""

    GIVEN = "given"
    NOT_RECORDED = "not_recorded"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    OTHER_PURPOSE = "other_purpose"
    OTHER_ORGANISATION = "other_organisation"


class Kind(StrEnum):
    FORBIDDEN = "forbidden"  # the declaration is refused: HTTP 403, nothing is read
    ABSENT = "absent"  # the row is not visible: left out of lists, null for a lookup by id
    WITHHELD = "withheld"  # the row is visible; the field is null, with a redaction reason
    SERVED = "served"


@dataclass(frozen=True)
class Outcome:
    kind: Kind
    reason: Reason | None = None  # for WITHHELD
    basis: LawfulBasis | None = None  # for SERVED: what the disclosure rests on (audited)


class Refusal(StrEnum):
    """Why a declaration is refused before anything is read (HTTP 403)."""

    PURPOSE = "purpose"  # no role of the caller may declare the purpose
    BASIS = "basis"  # the basis offered is one no role of the caller may rely on for it


def refusal(
    policy: Policy, roles: Iterable[str], purpose: Purpose, offered: LawfulBasis | None
) -> Refusal | None:
    """Why the API refuses this declaration, or None when it is accepted."""
    roles = frozenset(roles)
    if not policy.may_act_for(roles, purpose):
        return Refusal.PURPOSE
    # Consent needs no rule: what it allows is decided per person, by their consent record.
    if offered not in (None, LawfulBasis.CONSENT) and not policy.allows(
        roles, offered.value, "rely_on", purpose
    ):
        return Refusal.BASIS
    return None


def relied_on(purpose: Purpose, offered: LawfulBasis | None) -> LawfulBasis:
    """The basis a request's disclosures rest on: what it offered, else each person's consent for
    the purposes that share with consent (steps 3 to 5), else the council's public task (steps 1,
    2 and 6, which the agreement carries out without consent)."""
    if offered is not None:
        return offered
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
        see_all=policy.allows(roles, "Family", "see_all", purpose),
        via_organisation=policy.allows(roles, "Family", "see_organisation", purpose),
        via_relation=policy.allows(roles, "Family", "see_related", purpose),
    )


def decide(
    policy: Policy,
    roles: Iterable[str],
    purpose: Purpose,
    data_class: DataClass,
    relation: Relation,
    consent: ConsentState,
    special_condition: SpecialCondition | None = None,
    offered_basis: LawfulBasis | None = None,
) -> Outcome:
    """What a caller with access enforced gets for one field of ``data_class`` about a person.

    The field is taken to concern that person alone and to need their consent when the request
    relies on consent (as every field of a person, address or family does; a consent record
    itself does not wait for consent, and a link between two people needs both).
    """
    roles = frozenset(roles)
    if refusal(policy, roles, purpose, offered_basis) is not None:
        return Outcome(Kind.FORBIDDEN)
    if not row_scope(policy, roles, purpose).sees(relation):
        return Outcome(Kind.ABSENT)
    basis = relied_on(purpose, offered_basis)
    access = FieldAccess(policy, roles, purpose, special_condition, needs_consent(basis))
    decision = access.decide(data_class)
    if not decision.allowed:
        return Outcome(Kind.WITHHELD, decision.reason)
    if access.needs_consent and consent is not ConsentState.GIVEN:
        return Outcome(Kind.WITHHELD, Reason.NO_CONSENT)
    return Outcome(Kind.SERVED, basis=basis)
