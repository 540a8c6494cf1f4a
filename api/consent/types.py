"""Consent, shaped on HL7 FHIR Consent: whose, who decided, what scope, how, when, withdrawal.

Every field of a consent record is data of class SOCIAL_CARE, except the grantor's name
(IDENTITY: it names a person) and the free-text reasons (CASE_NOTES, like a link's revocation
reason). A consent record tells that a person is known to Early Help and what they agreed to share
with whom: data about the early help intervention itself, which is social care data, and not a
special category. It is read by the roles that work with families and not by a partner's system,
just like the rest of the family's social care record.

What was decided (status, scope, who decided in which capacity, when, how, on which form, after
which privacy notice, whether it counts today) is the record every practitioner must be able to
read to honour a refusal: it does not wait for the person's consent, and is recorded as resting on
the council's public task. What it says of other people and in free text (the grantor's name,
relationship and reason, the reason for a withdrawal) waits for the person's consent like the rest
of their data, whether the record is reached through ``Person.consents`` or ``node(id:)``.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any, ClassVar, TypeVar

import strawberry

from api.access import Classified, Concern, personal
from api.context import Info
from api.organisations.types import Organisation, organisations_by_id
from api.people.types import Person
from api.relay import Node, PageInfo, global_id, slice_list
from domain import consent as rule
from services import consent
from vocabulary import DataClass, Purpose, Sector

TYPE_NAME = "Consent"


@strawberry.enum(description="The person's decision (FHIR Consent.status / decision).")
class ConsentStatus(Enum):
    GIVEN = "GIVEN"
    REFUSED = "REFUSED"
    WITHDRAWN = strawberry.enum_value(
        "WITHDRAWN", description="Given, then withdrawn: set by `withdrawConsent`."
    )
    NOT_SOUGHT = "NOT_SOUGHT"


@strawberry.enum(description="Who made the decision for the person.")
class GrantorKind(Enum):
    SELF = strawberry.enum_value("SELF", description="The person, if of the consent age.")
    PARENTAL_RESPONSIBILITY = "PARENTAL_RESPONSIBILITY"
    APPROPRIATE_PERSON = "APPROPRIATE_PERSON"


@strawberry.enum(
    description="Special category and criminal offence data (UK GDPR Articles 9 and 10) a consent "
    "covers only by naming it (explicit consent)."
)
class SpecialCategory(Enum):
    HEALTH = DataClass.HEALTH.value
    ETHNICITY = DataClass.ETHNICITY.value
    RELIGION = DataClass.RELIGION.value
    SEX_LIFE = DataClass.SEX_LIFE.value
    CRIMINAL_OFFENCE = DataClass.CRIMINAL_OFFENCE.value


@strawberry.enum(description="How the decision was given.")
class ConsentMethod(Enum):
    VERBAL = "VERBAL"
    WRITTEN = "WRITTEN"


# The vocabulary's purposes of sharing as a GraphQL enum; values are the vocabulary's own strings,
# which are what the graph stores (tests/api/test_consent.py checks that they agree). A consent's
# purposes are the six of section 4.2: information governance is not something one consents to.
@strawberry.enum(
    name="Purpose", description="A purpose of sharing of section 4.2 of the agreement."
)
class ConsentPurpose(Enum):
    IDENTIFY_INDIVIDUALS = Purpose.IDENTIFY_INDIVIDUALS.value
    IDENTIFY_FAMILIES = Purpose.IDENTIFY_FAMILIES.value
    ASSESS_NEEDS = Purpose.ASSESS_NEEDS.value
    COORDINATE_SUPPORT = Purpose.COORDINATE_SUPPORT.value
    MONITOR_OUTCOMES = Purpose.MONITOR_OUTCOMES.value
    NATIONAL_EVALUATION = Purpose.NATIONAL_EVALUATION.value


# The GraphQL enum is the vocabulary's: its values are the sectors the graph stores.
strawberry.enum(Sector, description="A sector of the partner organisations.")


E = TypeVar("E", bound=Enum)


def _known(enum: type[E], values: tuple[str, ...]) -> list[E]:
    # A value a later version wrote and this one does not know is left out, not guessed at.
    return [enum(v) for v in values if v in enum._value2member_map_]


def _decision(data_class: DataClass, description: str | None = None) -> Any:
    # What was decided: read without waiting for the person's consent (see the module).
    return personal(data_class, description, consent_exempt=True)


@strawberry.type(description="A consent decision about one person. Withdrawal keeps the record.")
class Consent(Node):
    id: strawberry.ID
    status: ConsentStatus | None = _decision(DataClass.SOCIAL_CARE)
    purposes: list[ConsentPurpose] | None = _decision(
        DataClass.SOCIAL_CARE, "The purposes the decision covers."
    )
    sectors: list[Sector] | None = _decision(
        DataClass.SOCIAL_CARE, "Sectors whose partners the decision covers."
    )
    special_categories: list[SpecialCategory] | None = _decision(
        DataClass.SOCIAL_CARE, "Special category data the person explicitly consented to share."
    )
    grantor_kind: GrantorKind | None = _decision(DataClass.SOCIAL_CARE)
    grantor_name: str | None = personal(
        DataClass.IDENTITY, "Who decided for the person; null when the person did."
    )
    grantor_relationship: str | None = personal(
        DataClass.SOCIAL_CARE, "What the grantor is to the person, e.g. mother."
    )
    grantor_reason: str | None = personal(
        DataClass.CASE_NOTES, "Why an appropriate person decided for the adult."
    )
    method: ConsentMethod | None = _decision(DataClass.SOCIAL_CARE)
    form_reference: str | None = _decision(
        DataClass.SOCIAL_CARE, "The consent form the decision is kept on."
    )
    privacy_notice_version: str | None = _decision(DataClass.SOCIAL_CARE)
    privacy_notice_given_on: dt.date | None = _decision(DataClass.SOCIAL_CARE)
    given_on: dt.date | None = _decision(DataClass.SOCIAL_CARE, "When the decision was made.")
    expires_on: dt.date | None = _decision(DataClass.SOCIAL_CARE)
    recorded_at: dt.datetime | None = _decision(DataClass.SOCIAL_CARE)
    recorded_by_user_id: str | None = _decision(DataClass.SOCIAL_CARE)
    withdrawn_at: dt.datetime | None = _decision(DataClass.SOCIAL_CARE)
    withdrawn_by_user_id: str | None = _decision(DataClass.SOCIAL_CARE)
    withdrawal_reason: str | None = personal(DataClass.CASE_NOTES)
    counts_today: bool | None = _decision(
        DataClass.SOCIAL_CARE,
        "Whether the grantor may decide for the person today: false for a decision made before "
        "the person was born, by a child under the consent age, by a parent once the person is "
        "18, or by an appropriate person with no reason recorded. One that does not count is "
        "never relied on.",
    )
    review_due: bool | None = _decision(
        DataClass.SOCIAL_CARE,
        "A parent's consent for a child who has reached the consent age: ask the child, who may "
        "now decide for themself (the parent's consent counts until they are 18).",
    )
    record: strawberry.Private[consent.Consent]
    # What was decided is read without waiting for the person's consent (_decision); the rest
    # (names, reasons) waits for it.
    consent_rule: ClassVar[Concern] = Concern.EACH

    @property
    def subject_ids(self) -> tuple[str, ...]:
        return (self.record.person_id,)

    @classmethod
    def from_record(cls, r: consent.Consent, consent_age: int) -> Consent:
        today = dt.datetime.now(dt.UTC).date()
        return cls(
            id=global_id(TYPE_NAME, r.id),
            status=ConsentStatus(r.status),
            purposes=_known(ConsentPurpose, r.purposes),
            sectors=_known(Sector, r.sectors),
            special_categories=_known(SpecialCategory, r.special_categories),
            grantor_kind=GrantorKind(r.grantor_kind),
            grantor_name=r.grantor_name,
            grantor_relationship=r.grantor_relationship,
            grantor_reason=r.grantor_reason,
            method=ConsentMethod(r.method),
            form_reference=r.form_reference,
            privacy_notice_version=r.privacy_notice_version,
            privacy_notice_given_on=r.privacy_notice_given_on,
            given_on=r.given_on,
            expires_on=r.expires_on,
            recorded_at=r.recorded_at,
            recorded_by_user_id=r.recorded_by,
            withdrawn_at=r.withdrawn_at,
            withdrawn_by_user_id=r.withdrawn_by,
            withdrawal_reason=r.withdrawal_reason,
            counts_today=rule.counts_today(r.decision, r.person_born, today, consent_age),
            review_due=rule.review_due(r.decision, r.person_born, today, consent_age),
            record=r,
        )

    @strawberry.field(
        description="Partner organisations the decision covers.",
        extensions=[Classified(DataClass.SOCIAL_CARE, consent_exempt=True)],
    )
    async def organisations(self, info: Info) -> list[Organisation] | None:
        return await organisations_by_id(info, self.record.organisation_ids)

    @strawberry.field(
        description="The person the decision is about.",
        extensions=[Classified(DataClass.SOCIAL_CARE, consent_exempt=True)],
    )
    async def person(self, info: Info) -> Person | None:
        found = await info.context.loaders.person.load(self.record.person_id)
        return Person.from_record(found) if found else None


@strawberry.type
class ConsentEdge:
    cursor: str
    node: Consent


@strawberry.type
class ConsentConnection:
    edges: list[ConsentEdge]
    page_info: PageInfo
    total_count: int


async def consents_of(
    info: Info, person_id: str, first: int | None, after: str | None, include_withdrawn: bool
) -> ConsentConnection:
    # Read afresh in every request (loaders live for one request), so a withdrawal shows at once.
    rows = await info.context.loaders.consents.load(person_id)
    if not include_withdrawn:
        rows = [r for r in rows if r.status != "WITHDRAWN"]
    page, page_info = slice_list(rows, first, after)
    return ConsentConnection(
        edges=[
            ConsentEdge(cursor=c, node=Consent.from_record(r, info.context.consent_age))
            for c, r in page
        ],
        page_info=page_info,
        total_count=len(rows),
    )
