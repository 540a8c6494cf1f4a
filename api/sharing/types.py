"""A decision to share without consent, as the API shows it.

What the decision says (its basis, scope, status, who proposed and decided it, and why) is the
council's own record of an exception to consent: like the record of a consent decision, it does
not wait for the person's consent, and rests on the council's public task. It is social care data
(its justification and notes, free text, case notes), read by the roles that work with families,
and by information governance, who approve and review decisions.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any, ClassVar

import strawberry

from api.access import Classified, Concern, personal
from api.consent.types import ConsentPurpose, _known
from api.context import Info
from api.organisations.types import Organisation, organisations_by_id
from api.people.types import Person
from api.relay import Node, PageInfo, global_id
from policy.lawful_bases import LawfulBasis as PolicyBasis
from policy.lawful_bases import SpecialCondition as PolicyCondition
from services import sharing_decisions
from vocabulary import DataClass, Purpose, Sector

TYPE_NAME = "SharingDecision"


@strawberry.enum(
    name="SharingBasis",
    description="A lawful basis other than consent (UK GDPR Article 6; the agreement's Schedule "
    "2 conditions): policy/lawful_bases.py has each with its articles.",
)
class SharingBasis(Enum):
    LEGAL_OBLIGATION = PolicyBasis.LEGAL_OBLIGATION.value
    VITAL_INTERESTS = PolicyBasis.VITAL_INTERESTS.value
    PUBLIC_TASK = PolicyBasis.PUBLIC_TASK.value
    PREVENTION_OF_CRIME = PolicyBasis.PREVENTION_OF_CRIME.value


@strawberry.enum(
    name="SpecialCondition",
    description="A condition for special category and criminal offence data other than "
    "explicit consent (which is a consent record naming the category).",
)
class SharingCondition(Enum):
    VITAL_INTERESTS_SPECIAL = PolicyCondition.VITAL_INTERESTS_SPECIAL.value
    SUBSTANTIAL_PUBLIC_INTEREST_SAFEGUARDING = (
        PolicyCondition.SUBSTANTIAL_PUBLIC_INTEREST_SAFEGUARDING.value
    )
    STATUTORY_PURPOSES = PolicyCondition.STATUTORY_PURPOSES.value
    PREVENTING_DETECTING_UNLAWFUL_ACTS = PolicyCondition.PREVENTING_DETECTING_UNLAWFUL_ACTS.value
    HEALTH_OR_SOCIAL_CARE = PolicyCondition.HEALTH_OR_SOCIAL_CARE.value


@strawberry.enum(description="Where a decision to share without consent stands.")
class SharingDecisionStatus(Enum):
    PROPOSED = strawberry.enum_value("PROPOSED", description="Awaiting a second person.")
    APPROVED = strawberry.enum_value("APPROVED", description="In force until it expires.")
    REJECTED = "REJECTED"
    EMERGENCY = strawberry.enum_value(
        "EMERGENCY", description="In force at once (vital interests); awaiting review."
    )
    UPHELD = strawberry.enum_value("UPHELD", description="An emergency, reviewed and upheld.")
    OVERTURNED = "OVERTURNED"
    REVOKED = "REVOKED"


def _recorded(data_class: DataClass, description: str | None = None) -> Any:
    return personal(data_class, description, consent_exempt=True)


@strawberry.type(
    description="A decision to share information about a person, or a family's members, without "
    "their consent: its basis, scope and expiry, proposed by one person and approved by a "
    "second (or, in an emergency, in force at once and reviewed later)."
)
class SharingDecision(Node):
    id: strawberry.ID
    basis: SharingBasis | None = _recorded(DataClass.SOCIAL_CARE)
    condition: SharingCondition | None = _recorded(
        DataClass.SOCIAL_CARE, "For special category and criminal offence data, if named."
    )
    justification: str | None = _recorded(DataClass.CASE_NOTES)
    purposes: list[ConsentPurpose] | None = _recorded(DataClass.SOCIAL_CARE)
    sectors: list[Sector] | None = _recorded(DataClass.SOCIAL_CARE)
    emergency: bool | None = _recorded(DataClass.SOCIAL_CARE)
    status: SharingDecisionStatus | None = _recorded(DataClass.SOCIAL_CARE)
    in_force: bool | None = _recorded(
        DataClass.SOCIAL_CARE, "Approved, or an emergency not overturned, and not yet expired."
    )
    expires_at: dt.datetime | None = _recorded(DataClass.SOCIAL_CARE)
    proposed_by_user_id: str | None = _recorded(DataClass.SOCIAL_CARE)
    proposed_at: dt.datetime | None = _recorded(DataClass.SOCIAL_CARE)
    decided_by_user_id: str | None = _recorded(
        DataClass.SOCIAL_CARE, "Who approved, rejected, reviewed or revoked it."
    )
    decided_at: dt.datetime | None = _recorded(DataClass.SOCIAL_CARE)
    decision_note: str | None = _recorded(DataClass.CASE_NOTES)
    record: strawberry.Private[sharing_decisions.Decision]
    consent_rule: ClassVar[Concern] = Concern.NONE

    @property
    def subject_ids(self) -> tuple[str, ...]:
        return self.record.person_ids

    @classmethod
    def from_record(cls, r: sharing_decisions.Decision) -> SharingDecision:
        return cls(
            id=global_id(TYPE_NAME, r.id),
            basis=SharingBasis(r.basis),
            condition=SharingCondition(r.condition)
            if r.condition in SharingCondition._value2member_map_
            else None,
            justification=r.justification,
            purposes=_known(ConsentPurpose, r.purposes),
            sectors=_known(Sector, r.sectors),
            emergency=r.emergency,
            status=SharingDecisionStatus(r.status),
            in_force=r.in_force,
            expires_at=r.expires_at,
            proposed_by_user_id=r.proposed_by,
            proposed_at=r.proposed_at,
            decided_by_user_id=r.decided_by,
            decided_at=r.decided_at,
            decision_note=r.decision_note,
            record=r,
        )

    @strawberry.field(
        description="The people it covers (a family's members when it was made): those the "
        "caller may see, or all of them for information governance.",
        extensions=[Classified(DataClass.SOCIAL_CARE, consent_exempt=True)],
    )
    async def person_ids(self, info: Info) -> list[strawberry.ID] | None:
        ids = list(self.record.person_ids)
        if info.context.access.purpose is not Purpose.INFORMATION_GOVERNANCE:
            found = await info.context.loaders.person.load_many(ids)
            ids = [i for i, person in zip(ids, found, strict=True) if person is not None]
        return [global_id("Person", i) for i in ids]

    @strawberry.field(
        description="The family it was made about, if any, and the caller may see it (or is "
        "information governance).",
        extensions=[Classified(DataClass.SOCIAL_CARE, consent_exempt=True)],
    )
    async def family_id(self, info: Info) -> strawberry.ID | None:
        family = self.record.family_id
        if family is None:
            return None
        governance = info.context.access.purpose is Purpose.INFORMATION_GOVERNANCE
        if not governance and await info.context.loaders.family.load(family) is None:
            return None
        return global_id("Family", family)

    @strawberry.field(
        description="Partner organisations it shares with.",
        extensions=[Classified(DataClass.SOCIAL_CARE, consent_exempt=True)],
    )
    async def organisations(self, info: Info) -> list[Organisation] | None:
        return await organisations_by_id(info, self.record.organisation_ids)

    @strawberry.field(
        description="The people it covers that the caller may see (each through Person's rules).",
        extensions=[Classified(DataClass.SOCIAL_CARE, consent_exempt=True)],
    )
    async def people(self, info: Info) -> list[Person] | None:
        found = await info.context.loaders.person.load_many(list(self.record.person_ids))
        return [Person.from_record(p) for p in found if p is not None]


@strawberry.type
class SharingDecisionEdge:
    cursor: str
    node: SharingDecision


@strawberry.type
class SharingDecisionConnection:
    edges: list[SharingDecisionEdge]
    page_info: PageInfo
    total_count: int
