"""What ``recordConsent`` and ``withdrawConsent`` take, and the checks that need no database.

The checks that need the person's record (born before the decision, old enough to decide for
themself) are made by ``graph.consent`` in the write transaction, after the person is locked.
"""

from __future__ import annotations

import datetime as dt
import os

import strawberry

from api.consent.types import (
    ConsentMethod,
    ConsentPurpose,
    ConsentSector,
    ConsentStatus,
    GrantorKind,
)
from api.errors import ApiError
from api.inputs import clean_text, today
from api.links.mutations import MutationError, MutationErrorCode
from api.organisations.types import TYPE_NAME as ORGANISATION
from api.relay import expect_global_id
from graph import consent
from graph.consent import DEFAULT_CONSENT_AGE

CONSENT_AGE_VARIABLE = "EHG_CONSENT_AGE"
MAX_REASON = 2000
_MAX_NAME = 200
_MAX_RELATIONSHIP = 100
_MAX_ORGANISATIONS = 100


def consent_age() -> int:
    """The age from which a child decides for themself, read for each request so that the
    configuration in force is the one applied."""
    raw = os.environ.get(CONSENT_AGE_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_CONSENT_AGE
    if not raw.isdigit() or not 1 <= int(raw) <= 18:
        raise ValueError(f"{CONSENT_AGE_VARIABLE} must be a whole number from 1 to 18: {raw!r}")
    return int(raw)


def bad(field: str, message: str) -> MutationError:
    return MutationError(code=MutationErrorCode.BAD_USER_INPUT, field=field, message=message)


def text(value: str | None, field: str, max_length: int, errors: list[MutationError]) -> str | None:
    try:
        return clean_text(value, field, max_length=max_length, required=True)
    except ApiError as exc:
        errors.append(bad(field, exc.message))
        return None


def global_id_of(value: str, type_name: str, field: str, errors: list[MutationError]) -> str | None:
    try:
        return expect_global_id(value, type_name)
    except ApiError as exc:
        errors.append(bad(field, exc.message))
        return None


@strawberry.input(description="Who made the decision: the person, or someone for them.")
class ConsentGrantorInput:
    kind: GrantorKind
    name: str | None = strawberry.field(
        default=None, description="Required unless the person decides for themself."
    )
    relationship: str | None = strawberry.field(
        default=None,
        description="What the grantor is to the person, e.g. mother; required unless SELF.",
    )


@strawberry.input(description="A consent decision: scope, who made it, how and when.")
class RecordConsentInput:
    person_id: strawberry.ID
    status: ConsentStatus = strawberry.field(description="GIVEN, REFUSED or NOT_SOUGHT.")
    purposes: list[ConsentPurpose] = strawberry.field(description="At least one.")
    grantor: ConsentGrantorInput
    method: ConsentMethod
    given_on: dt.date = strawberry.field(description="Not in the future, nor before birth.")
    organisation_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="A given consent names organisations, sectors, or both."
    )
    sectors: list[ConsentSector] | None = None
    expires_on: dt.date | None = strawberry.field(default=None, description="After givenOn.")

    def draft(self, errors: list[MutationError]) -> consent.Draft | None:
        """The consent to record, or None with the reasons added to ``errors``."""
        person_id = global_id_of(self.person_id, "Person", "personId", errors)
        if self.status is ConsentStatus.WITHDRAWN:
            errors.append(bad("status", "A consent is withdrawn with `withdrawConsent`."))
        if not self.purposes:
            errors.append(bad("purposes", "Name at least one purpose."))
        organisation_ids = self._organisation_ids(errors)
        sectors = tuple(dict.fromkeys(s.value for s in self.sectors or ()))
        if self.status is ConsentStatus.GIVEN and not (organisation_ids or sectors):
            errors.append(
                bad(
                    "organisationIds",
                    "A given consent must name at least one organisation or sector "
                    "(`organisationIds` or `sectors`).",
                )
            )
        if self.given_on > today():
            errors.append(bad("givenOn", "`givenOn` may not be in the future."))
        if self.expires_on is not None and self.expires_on <= self.given_on:
            errors.append(bad("expiresOn", "`expiresOn` must be after `givenOn`."))
        name, relationship = self._grantor(errors)
        if errors or person_id is None:
            return None
        return consent.Draft(
            person_id=person_id,
            status=self.status.value,
            purposes=tuple(dict.fromkeys(p.value for p in self.purposes)),
            organisation_ids=organisation_ids,
            sectors=sectors,
            grantor_kind=self.grantor.kind.value,
            grantor_name=name,
            grantor_relationship=relationship,
            method=self.method.value,
            given_on=self.given_on,
            expires_on=self.expires_on,
        )

    def _organisation_ids(self, errors: list[MutationError]) -> tuple[str, ...]:
        given = self.organisation_ids or []
        if len(given) > _MAX_ORGANISATIONS:
            errors.append(bad("organisationIds", f"Name at most {_MAX_ORGANISATIONS}."))
            return ()
        found = [global_id_of(v, ORGANISATION, "organisationIds", errors) for v in given]
        return tuple(dict.fromkeys(i for i in found if i is not None))

    def _grantor(self, errors: list[MutationError]) -> tuple[str | None, str | None]:
        grantor = self.grantor
        if grantor.kind is GrantorKind.SELF:
            # Nothing to name: a name here would be a second, unchecked identity in the record.
            for field, value in (("name", grantor.name), ("relationship", grantor.relationship)):
                if value is not None and value.strip():
                    errors.append(
                        bad(f"grantor.{field}", "Leave empty when the person decides for themself.")
                    )
            return None, None
        return (
            text(grantor.name, "grantor.name", _MAX_NAME, errors),
            text(grantor.relationship, "grantor.relationship", _MAX_RELATIONSHIP, errors),
        )


@strawberry.input
class WithdrawConsentInput:
    consent_id: strawberry.ID
    reason: str = strawberry.field(description="Why the consent is withdrawn; required.")
