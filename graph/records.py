"""Plain records read from the graph: what the repositories return, free of any API concern."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import neo4j.time


def native(value: Any) -> Any:
    """Neo4j temporal values as the standard library's, everything else unchanged."""
    if isinstance(value, neo4j.time.Date | neo4j.time.DateTime):
        return value.to_native()
    return value


def day(value: Any) -> dt.date | None:
    """A date sent by a statement as ``toString(<date>)``, or as the driver's own Date (slower to
    read than text: BENCHMARKS.md)."""
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    result: dt.date | None = native(value)
    return result


def instant(value: Any) -> dt.datetime | None:
    """A point in time sent by a statement as ``toString(<datetime>)``, or as the driver's own
    DateTime. Text where a statement returns many: the driver reads each DateTime in pure Python,
    many times slower than ``fromisoformat`` parses text (BENCHMARKS.md). A zone name after the
    offset (``+01:00[Europe/London]``) is dropped; the offset keeps the instant."""
    if isinstance(value, str):
        return dt.datetime.fromisoformat(value.split("[", 1)[0])
    result: dt.datetime | None = native(value)
    return result


@dataclass(frozen=True)
class Person:
    id: str
    given_name: str
    family_name: str
    date_of_birth: dt.date | None
    sex: str | None


@dataclass(frozen=True)
class Address:
    id: str
    uprn: str | None
    line1: str
    line2: str | None
    town: str
    postcode: str
    postcode_district: str


@dataclass(frozen=True)
class StatusDecision:
    """The eligibility framework (and version) that decided a family's status, and why."""

    framework: str
    version: str
    reasons: tuple[str, ...]
    assessed_at: dt.datetime | None


@dataclass(frozen=True)
class Family:
    id: str
    reference: str
    status: str
    identified_at: dt.date | None
    member_ids: tuple[str, ...] = ()  # current members: whom the family's own fields concern
    # What a disclosure about each member rests on for the request it was read for, when it
    # rests on consent: the reference of the consent or decision, or None when nothing covers
    # it (graph.consent_scope.summary_answer).
    consent: Mapping[str, str | None] = field(default_factory=dict)
    status_decision: StatusDecision | None = None  # which framework decided the status, and why


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    sector: str
    signed_agreement: bool


@dataclass(frozen=True)
class User:
    id: str
    name: str
    email: str | None
    roles: tuple[str, ...]
    active: bool
    organisation_id: str | None


@dataclass(frozen=True)
class Residence:
    """A person living at an address over a period (``to`` is None while current)."""

    person_id: str
    address: Address
    from_: dt.date | None
    to: dt.date | None


@dataclass(frozen=True)
class Membership:
    person_id: str
    family_id: str
    role: str
    from_: dt.date | None
    to: dt.date | None


@dataclass(frozen=True)
class Link:
    """A relationship between two people: ``from_person`` is ``kind`` of ``to_person``."""

    id: str
    from_person_id: str
    to_person_id: str
    kind: str
    source: str
    created_at: dt.datetime | None
    created_by: str | None
    rationale: str | None
    revoked_at: dt.datetime | None
    revoked_by: str | None
    revocation_reason: str | None


@dataclass(frozen=True)
class Criterion:
    code: str
    name: str
    headline_problem: str
    framework: str


@dataclass(frozen=True)
class CriterionReport:
    """A partner reported, in one source record, that a person meets a criterion."""

    person_id: str
    criterion: Criterion
    organisation: Organisation
    source_record_id: str
    evidence_date: dt.date | None
    received_at: dt.datetime | None


@dataclass(frozen=True)
class PersonFacts:
    """What hangs off one person, read together: residences (current first), every relationship
    touching them (revoked ones included, oldest first), and the criteria partners reported."""

    person_id: str
    residences: tuple[Residence, ...] = ()
    links: tuple[Link, ...] = ()
    criteria: tuple[CriterionReport, ...] = ()

    @property
    def active_links(self) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.revoked_at is None)


def person(node: Any) -> Person:
    return Person(
        id=node["id"],
        given_name=node["givenName"],
        family_name=node["familyName"],
        date_of_birth=day(node.get("dateOfBirth")),
        sex=node.get("sex"),
    )


def address(node: Any) -> Address:
    return Address(
        id=node["id"],
        uprn=node.get("uprn"),
        line1=node["line1"],
        line2=node.get("line2"),
        town=node["town"],
        postcode=node["postcode"],
        postcode_district=node["postcodeDistrict"],
    )


def family(node: Any, members: Sequence[Sequence[Any]] = ()) -> Family:
    """A family from its node and its current members as ``[id, answer]`` pairs (what a
    disclosure about each rests on, graph.consent_scope.summary_answer)."""
    framework = node.get("statusFramework")
    return Family(
        id=node["id"],
        reference=node["reference"],
        status=node["status"],
        identified_at=day(node.get("identifiedAt")),
        member_ids=tuple([pair[0] for pair in members]),
        consent={pair[0]: pair[1] for pair in members},
        status_decision=StatusDecision(
            framework=framework,
            version=node.get("statusFrameworkVersion") or "",
            reasons=tuple(node.get("statusReasons") or ()),
            assessed_at=instant(node.get("statusAssessedAt")),
        )
        if framework
        else None,
    )


def organisation(node: Any) -> Organisation:
    return Organisation(
        id=node["id"],
        name=node["name"],
        sector=node["sector"],
        signed_agreement=bool(node.get("signedAgreement", False)),
    )


def criterion(node: Any) -> Criterion:
    return Criterion(
        code=node["code"],
        name=node["name"],
        headline_problem=node["headlineProblem"],
        framework=node["framework"],
    )


def link(rel: Any, from_id: str, to_id: str) -> Link:
    return Link(
        id=rel["id"],
        from_person_id=from_id,
        to_person_id=to_id,
        kind=rel["kind"],
        source=rel["source"],
        created_at=instant(rel.get("createdAt")),
        created_by=rel.get("createdBy"),
        rationale=rel.get("rationale"),
        revoked_at=instant(rel.get("revokedAt")),
        revoked_by=rel.get("revokedBy"),
        revocation_reason=rel.get("revocationReason"),
    )
