"""Cypher for consent: recorded per person, withdrawn but never deleted.

    (:Consent {id, status, purposes, organisations, sectors, specialCategories, grantorKind,
               grantorName, grantorRelationship, grantorReason, method, formReference,
               privacyNoticeVersion, privacyNoticeGivenOn, givenOn, expiresOn, recordedAt,
               recordedBy, withdrawnAt, withdrawnBy, withdrawalReason})-[:CONCERNS]->(:Person)

A consent is visible exactly when the person it concerns is. Both writes lock what they decide on
(the person or the consent, and the caller's team memberships of the person's families) before
reading it, so a concurrent withdrawal, or the end of the caller's lead, cannot slip between the
check and the write. The rules that need the person's date of birth are decided here, after the
lock, in the same transaction as the write, by the rule of ``domain.consent``; so is the
person's consent summary (graph.consent_summary), which every read relies on.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction, Record

from domain import consent as rule
from graph import consent_summary, records
from graph._cypher import Tx, fetch
from graph.visibility import PERSON_VISIBLE, Viewer


@dataclass(frozen=True)
class Draft:
    """A consent as the caller states it, checked for everything that needs no database."""

    person_id: str
    status: str
    purposes: tuple[str, ...]
    organisation_ids: tuple[str, ...]
    sectors: tuple[str, ...]
    special_categories: tuple[str, ...]
    grantor_kind: str
    grantor_name: str | None
    grantor_relationship: str | None
    grantor_reason: str | None
    method: str
    form_reference: str | None
    privacy_notice_version: str | None
    privacy_notice_given_on: dt.date | None
    given_on: dt.date
    expires_on: dt.date | None

    def decision(self, recorded_at: dt.datetime) -> rule.Decision:
        return rule.Decision(
            id="",
            status=rule.Status(self.status),
            purposes=frozenset(self.purposes),
            organisations=frozenset(self.organisation_ids),
            sectors=frozenset(self.sectors),
            grantor=rule.Grantor(self.grantor_kind),
            given_on=self.given_on,
            recorded_at=recorded_at,
            expires_on=self.expires_on,
            special_categories=frozenset(self.special_categories),
            grantor_name=self.grantor_name,
            grantor_reason=self.grantor_reason,
        )


@dataclass(frozen=True)
class Consent:
    id: str
    person_id: str
    status: str
    purposes: tuple[str, ...]
    organisation_ids: tuple[str, ...]
    sectors: tuple[str, ...]
    special_categories: tuple[str, ...]
    grantor_kind: str
    grantor_name: str | None
    grantor_relationship: str | None
    grantor_reason: str | None
    method: str
    form_reference: str | None
    privacy_notice_version: str | None
    privacy_notice_given_on: dt.date | None
    given_on: dt.date
    expires_on: dt.date | None
    recorded_at: dt.datetime
    recorded_by: str
    withdrawn_at: dt.datetime | None
    withdrawn_by: str | None
    withdrawal_reason: str | None
    person_born: dt.date | None  # for whether the grantor's decision counts today
    decision: rule.Decision


class Problem(StrEnum):
    """A rule the consent breaks that only the person's record can show."""

    GIVEN_BEFORE_BIRTH = "GIVEN_BEFORE_BIRTH"
    UNDER_CONSENT_AGE = "UNDER_CONSENT_AGE"
    NO_DATE_OF_BIRTH = "NO_DATE_OF_BIRTH"  # so the grantor's standing cannot be shown
    NOT_A_CHILD = "NOT_A_CHILD"  # parental responsibility for someone 18 or over that day
    NOT_AN_ADULT = "NOT_AN_ADULT"  # an appropriate person for a child
    OVER_CHILDS_DECISION = "OVER_CHILDS_DECISION"  # a parent over the child's own decision


DEFAULT_CONSENT_AGE = rule.DEFAULT_CONSENT_AGE


@dataclass(frozen=True)
class Recorded:
    consent: Consent


@dataclass(frozen=True)
class PersonNotFound:
    id: str


@dataclass(frozen=True)
class NotLead:
    """The caller must lead the team of a family of the person, and does not."""


@dataclass(frozen=True)
class Rejected:
    unknown_organisations: tuple[str, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class AlreadyRecorded:
    """The same decision is on record already (recording it again is a conflict)."""

    consent: Consent


@dataclass(frozen=True)
class ConsentNotFound:
    id: str


@dataclass(frozen=True)
class NotWithdrawable:
    consent: Consent


@dataclass(frozen=True)
class AlreadyWithdrawn:
    consent: Consent


@dataclass(frozen=True)
class Withdrawn:
    consent: Consent


RecordOutcome = Recorded | PersonNotFound | NotLead | Rejected | AlreadyRecorded
WithdrawOutcome = Withdrawn | ConsentNotFound | NotLead | NotWithdrawable | AlreadyWithdrawn

age_on = rule.age_on

_STANDING: dict[rule.Problem, Problem] = {
    rule.Problem.BEFORE_BIRTH: Problem.GIVEN_BEFORE_BIRTH,
    rule.Problem.UNDER_CONSENT_AGE: Problem.UNDER_CONSENT_AGE,
    rule.Problem.NO_DATE_OF_BIRTH: Problem.NO_DATE_OF_BIRTH,
    rule.Problem.NOT_A_CHILD: Problem.NOT_A_CHILD,
    rule.Problem.NOT_AN_ADULT: Problem.NOT_AN_ADULT,
}


def problems(
    draft: Draft,
    born: dt.date | None,
    consent_age: int,
    recorded: tuple[rule.Decision, ...] = (),
) -> tuple[Problem, ...]:
    """What the person's record says is wrong with the decision (names and reasons are checked
    with the input, before any of this)."""
    found = [
        _STANDING[p]
        for p in rule.standing(
            rule.Grantor(draft.grantor_kind),
            draft.given_on,
            born,
            consent_age,
            draft.grantor_name,
            draft.grantor_reason,
            refusing=draft.status != "GIVEN",
        )
        if p in _STANDING
    ]
    now = dt.datetime.now(dt.UTC)
    if rule.overrides_child(draft.decision(now), recorded, born, consent_age):
        found.append(Problem.OVER_CHILDS_DECISION)
    return tuple(found)


# Locks the caller's team memberships (and the memberships they rest on) of the families of the
# person bound to `p`: ending a lead or a membership must wait for this transaction, so the lead
# checked below is still the lead when the write commits.
_LOCK_TEAMS_OF_P: LiteralString = """
WITH p
OPTIONAL MATCH (p)-[m:MEMBER_OF]->(:Family)<-[t:MEMBER_OF_TEAM]-(:User {id: $userId})
SET m._lock = true, t._lock = true
REMOVE m._lock, t._lock
RETURN p.id AS id, count(t) AS teams
"""

# Whether the caller actively leads the team of a family the person bound to `p` is in now.
_LEADS_P: LiteralString = (
    "EXISTS { MATCH (p)-[lead_m:MEMBER_OF]->(:Family)"
    "<-[lead_t:MEMBER_OF_TEAM {lead: true}]-(:User {id: $userId})"
    " WHERE lead_m.to IS NULL AND lead_t.to IS NULL }"
)

# A person the caller may not see is "not found", exactly like one that does not exist.
_LOCK_PERSON = (
    "MATCH (p:Person {id: $personId}) WHERE "
    + PERSON_VISIBLE
    + " SET p._lock = true REMOVE p._lock"
    + _LOCK_TEAMS_OF_P
)

# The person's date of birth and decisions on record, whether the caller leads, and which named
# organisations do not exist.
_CHECK_PERSON = (
    "MATCH (p:Person {id: $personId}) RETURN p.dateOfBirth AS dateOfBirth, "
    + _LEADS_P
    + " AS leads, [id IN $organisationIds WHERE NOT EXISTS { MATCH (:Organisation {id: id}) }]"
    " AS unknownOrganisations, COLLECT { MATCH (p)<-[:CONCERNS]-(c:Consent) RETURN c } AS consents"
)

# The person's consent summary is written afterwards in the same transaction
# (graph.consent_summary.refresh).
_CREATE = """
MATCH (p:Person {id: $personId})
CREATE (c:Consent {
  id: $id, status: $status, purposes: $purposes, organisations: $organisationIds,
  sectors: $sectors, specialCategories: $specialCategories, grantorKind: $grantorKind,
  grantorName: $grantorName, grantorRelationship: $grantorRelationship,
  grantorReason: $grantorReason, method: $method, formReference: $formReference,
  privacyNoticeVersion: $privacyNoticeVersion, privacyNoticeGivenOn: $privacyNoticeGivenOn,
  givenOn: $givenOn, expiresOn: $expiresOn, recordedAt: datetime(), recordedBy: $userId
})-[:CONCERNS]->(p)
RETURN c, p.id AS personId, p.dateOfBirth AS born
"""

_BY_IDS = (
    "UNWIND $ids AS id MATCH (c:Consent {id: id})-[:CONCERNS]->(p:Person) WHERE "
    + PERSON_VISIBLE
    + " RETURN c, p.id AS personId, p.dateOfBirth AS born"
)

# Most recently recorded first: the one a practitioner is most likely to be looking for.
_OF_PEOPLE = (
    "UNWIND $ids AS id MATCH (p:Person {id: id}) WHERE "
    + PERSON_VISIBLE
    + " MATCH (c:Consent)-[:CONCERNS]->(p) RETURN c, p.id AS personId, p.dateOfBirth AS born"
    " ORDER BY c.recordedAt DESC, c.id"
)

_LOCK_CONSENT = (
    "MATCH (c:Consent {id: $id})-[:CONCERNS]->(p:Person)"
    " SET c._lock = true, p._lock = true REMOVE c._lock, p._lock" + _LOCK_TEAMS_OF_P
)

_CURRENT = (
    "MATCH (c:Consent {id: $id})-[:CONCERNS]->(p:Person) WHERE "
    + PERSON_VISIBLE
    + " RETURN c, p.id AS personId, p.dateOfBirth AS born, "
    + _LEADS_P
    + " AS leads"
)

_WITHDRAW = """
MATCH (c:Consent {id: $id})-[:CONCERNS]->(p:Person)
SET c.status = 'WITHDRAWN', c.withdrawnAt = datetime(), c.withdrawnBy = $userId,
    c.withdrawalReason = $reason
RETURN c, p.id AS personId, p.dateOfBirth AS born
"""


def _consent(r: Record) -> Consent:
    node: Any = r["c"]
    return Consent(
        id=node["id"],
        person_id=r["personId"],
        status=node["status"],
        purposes=tuple(node.get("purposes") or ()),
        organisation_ids=tuple(node.get("organisations") or ()),
        sectors=tuple(node.get("sectors") or ()),
        special_categories=tuple(node.get("specialCategories") or ()),
        grantor_kind=node["grantorKind"],
        grantor_name=node.get("grantorName"),
        grantor_relationship=node.get("grantorRelationship"),
        grantor_reason=node.get("grantorReason"),
        method=node["method"],
        form_reference=node.get("formReference"),
        privacy_notice_version=node.get("privacyNoticeVersion"),
        privacy_notice_given_on=records.native(node.get("privacyNoticeGivenOn")),
        given_on=records.native(node["givenOn"]),
        expires_on=records.native(node.get("expiresOn")),
        recorded_at=records.native(node["recordedAt"]),
        recorded_by=node["recordedBy"],
        withdrawn_at=records.native(node.get("withdrawnAt")),
        withdrawn_by=node.get("withdrawnBy"),
        withdrawal_reason=node.get("withdrawalReason"),
        person_born=records.native(r["born"]),
        decision=consent_summary.decision_of(node),
    )


async def by_ids(tx: Tx, ids: list[str], viewer: Viewer) -> list[Consent]:
    return [_consent(r) for r in await fetch(tx, _BY_IDS, ids=ids, **viewer.params())]


async def of_people(tx: Tx, ids: list[str], viewer: Viewer) -> list[Consent]:
    """Every consent of each visible person, withdrawn ones included, newest first."""
    return [_consent(r) for r in await fetch(tx, _OF_PEOPLE, ids=ids, **viewer.params())]


async def record_consent(
    tx: AsyncManagedTransaction,
    draft: Draft,
    viewer: Viewer,
    *,
    consent_age: int,
    must_lead: bool,
) -> RecordOutcome:
    """Record a consent decision for a person, unless the person, the caller's lead, the
    organisations, the grantor's standing or the same decision on record say otherwise."""
    params = {"personId": draft.person_id, **viewer.params()}
    if not await fetch(tx, _LOCK_PERSON, **params):
        return PersonNotFound(draft.person_id)
    checked = (
        await fetch(tx, _CHECK_PERSON, organisationIds=list(draft.organisation_ids), **params)
    )[0]
    if must_lead and not checked["leads"]:
        return NotLead()
    born = records.native(checked["dateOfBirth"])
    recorded = {c["id"]: consent_summary.decision_of(c) for c in checked["consents"]}
    unknown = tuple(checked["unknownOrganisations"])
    found = problems(draft, born, consent_age, tuple(recorded.values()))
    if unknown or found:
        return Rejected(unknown, found)
    proposed = draft.decision(dt.datetime.now(dt.UTC))
    for consent_id, existing in recorded.items():
        if existing.status is not rule.Status.WITHDRAWN and rule.same_decision(existing, proposed):
            current = await fetch(tx, _CURRENT, id=consent_id, **viewer.params())
            return AlreadyRecorded(_consent(current[0]))
    created = await fetch(
        tx,
        _CREATE,
        id=str(uuid.uuid4()),
        personId=draft.person_id,
        status=draft.status,
        purposes=list(draft.purposes),
        organisationIds=list(draft.organisation_ids),
        sectors=list(draft.sectors),
        specialCategories=list(draft.special_categories),
        grantorKind=draft.grantor_kind,
        grantorName=draft.grantor_name,
        grantorRelationship=draft.grantor_relationship,
        grantorReason=draft.grantor_reason,
        method=draft.method,
        formReference=draft.form_reference,
        privacyNoticeVersion=draft.privacy_notice_version,
        privacyNoticeGivenOn=draft.privacy_notice_given_on,
        givenOn=draft.given_on,
        expiresOn=draft.expires_on,
        userId=viewer.user_id,
    )
    await consent_summary.refresh(tx, [draft.person_id], consent_age)
    return Recorded(_consent(created[0]))


async def withdraw_consent(
    tx: AsyncManagedTransaction,
    consent_id: str,
    reason: str,
    viewer: Viewer,
    *,
    must_lead: bool,
    consent_age: int,
) -> WithdrawOutcome:
    """Mark a given consent withdrawn, keeping it and recording who, when and why."""
    await fetch(tx, _LOCK_CONSENT, id=consent_id, userId=viewer.user_id)
    current = await fetch(tx, _CURRENT, id=consent_id, **viewer.params())
    if not current:
        return ConsentNotFound(consent_id)
    if must_lead and not current[0]["leads"]:
        return NotLead()
    consent = _consent(current[0])
    if consent.status == "WITHDRAWN":
        return AlreadyWithdrawn(consent)
    if consent.status != "GIVEN":
        return NotWithdrawable(consent)
    withdrawn = await fetch(tx, _WITHDRAW, id=consent_id, userId=viewer.user_id, reason=reason)
    await consent_summary.refresh(tx, [consent.person_id], consent_age)
    return Withdrawn(_consent(withdrawn[0]))
