"""What ``recordConsent`` and ``withdrawConsent`` take, and the checks that need no database.

The checks that need the person's record (born before the decision; the grantor's standing at the
person's age on that day; a parent not reaching over the child's own decision; the same decision
already on record) are made by ``graph.consent`` in the write transaction, after the person is
locked, by the rule of ``domain.consent``.
"""

from __future__ import annotations

import datetime as dt
import os

import strawberry

from api.consent.types import (
    ConsentMethod,
    ConsentPurpose,
    ConsentStatus,
    GrantorKind,
    SpecialCategory,
)
from api.errors import ApiError
from api.inputs import clean_text, today
from api.organisations.types import TYPE_NAME as ORGANISATION
from api.payloads import MutationError, MutationErrorCode
from api.relay import expect_global_id
from domain.consent import DEFAULT_CONSENT_AGE
from services import consent
from vocabulary import Sector

CONSENT_AGE_VARIABLE = "EHG_CONSENT_AGE"
MAX_REASON = 2000
_MAX_NAME = 200
_MAX_RELATIONSHIP = 100
_MAX_ORGANISATIONS = 100
_MAX_REFERENCE = 100


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
    reason: str | None = strawberry.field(
        default=None,
        description="Why an appropriate person decides for the adult (e.g. they lack capacity "
        "to decide, and how that was assessed); required for APPROPRIATE_PERSON, and only then.",
    )


@strawberry.input(description="The privacy notice the person was given before deciding.")
class PrivacyNoticeInput:
    version: str = strawberry.field(description="The notice's version, e.g. 2026-01.")
    given_on: dt.date = strawberry.field(description="Not after the decision's `givenOn`.")


@strawberry.input(description="A consent decision: scope, who made it, how and when.")
class RecordConsentInput:
    person_id: strawberry.ID
    status: ConsentStatus = strawberry.field(description="GIVEN, REFUSED or NOT_SOUGHT.")
    purposes: list[ConsentPurpose] = strawberry.field(description="At least one.")
    grantor: ConsentGrantorInput
    method: ConsentMethod
    given_on: dt.date = strawberry.field(description="Not in the future, nor before birth.")
    form_reference: str | None = strawberry.field(
        default=None,
        description="The consent form the decision is kept on (Appendix 3); required for a "
        "given or refused consent.",
    )
    privacy_notice: PrivacyNoticeInput | None = strawberry.field(
        default=None, description="Required for a given consent."
    )
    organisation_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="A given consent names organisations, sectors, or both."
    )
    sectors: list[Sector] | None = None
    special_categories: list[SpecialCategory] | None = strawberry.field(
        default=None,
        description="Special category and criminal offence data the person explicitly consents "
        "to share (a given consent only; without them it covers none of these).",
    )
    expires_on: dt.date | None = strawberry.field(default=None, description="After givenOn.")

    def draft(self, errors: list[MutationError]) -> consent.Draft | None:
        """The consent to record, or None with the reasons added to ``errors``."""
        person_id = global_id_of(self.person_id, "Person", "personId", errors)
        given = self.status is ConsentStatus.GIVEN
        if self.status is ConsentStatus.WITHDRAWN:
            errors.append(bad("status", "A consent is withdrawn with `withdrawConsent`."))
        if not self.purposes:
            errors.append(bad("purposes", "Name at least one purpose."))
        organisation_ids = self._organisation_ids(errors)
        sectors = tuple(dict.fromkeys(s.value for s in self.sectors or ()))
        if given and not (organisation_ids or sectors):
            errors.append(
                bad(
                    "organisationIds",
                    "A given consent must name at least one organisation or sector "
                    "(`organisationIds` or `sectors`).",
                )
            )
        special = tuple(dict.fromkeys(c.value for c in self.special_categories or ()))
        if special and not given:
            errors.append(
                bad(
                    "specialCategories",
                    "Only a given consent names special categories: a refusal covers them all.",
                )
            )
        if self.given_on > today():
            errors.append(bad("givenOn", "`givenOn` may not be in the future."))
        if self.expires_on is not None and self.expires_on <= self.given_on:
            errors.append(bad("expiresOn", "`expiresOn` must be after `givenOn`."))
        form = self._form_reference(errors)
        notice = self._privacy_notice(errors)
        name, relationship, reason = self._grantor(errors)
        if errors or person_id is None:
            return None
        return consent.Draft(
            person_id=person_id,
            status=self.status.value,
            purposes=tuple(dict.fromkeys(p.value for p in self.purposes)),
            organisation_ids=organisation_ids,
            sectors=sectors,
            special_categories=special,
            grantor_kind=self.grantor.kind.value,
            grantor_name=name,
            grantor_relationship=relationship,
            grantor_reason=reason,
            method=self.method.value,
            form_reference=form,
            privacy_notice_version=notice[0] if notice else None,
            privacy_notice_given_on=notice[1] if notice else None,
            given_on=self.given_on,
            expires_on=self.expires_on,
        )

    def _form_reference(self, errors: list[MutationError]) -> str | None:
        needed = self.status in (ConsentStatus.GIVEN, ConsentStatus.REFUSED)
        if self.form_reference is None and not needed:
            return None
        if self.form_reference is None:
            errors.append(bad("formReference", "Name the consent form the decision is kept on."))
            return None
        return text(self.form_reference, "formReference", _MAX_REFERENCE, errors)

    def _privacy_notice(self, errors: list[MutationError]) -> tuple[str, dt.date] | None:
        notice = self.privacy_notice
        if notice is None:
            if self.status is ConsentStatus.GIVEN:
                errors.append(
                    bad(
                        "privacyNotice",
                        "A consent is given only after the privacy notice: name its version "
                        "and when it was given.",
                    )
                )
            return None
        version = text(notice.version, "privacyNotice.version", _MAX_REFERENCE, errors)
        if notice.given_on > self.given_on:
            errors.append(
                bad(
                    "privacyNotice.givenOn",
                    "The privacy notice must have been given by the day of the decision.",
                )
            )
        return (version, notice.given_on) if version is not None else None

    def _organisation_ids(self, errors: list[MutationError]) -> tuple[str, ...]:
        given = self.organisation_ids or []
        if len(given) > _MAX_ORGANISATIONS:
            errors.append(bad("organisationIds", f"Name at most {_MAX_ORGANISATIONS}."))
            return ()
        found = [global_id_of(v, ORGANISATION, "organisationIds", errors) for v in given]
        return tuple(dict.fromkeys(i for i in found if i is not None))

    def _grantor(self, errors: list[MutationError]) -> tuple[str | None, str | None, str | None]:
        grantor = self.grantor
        if grantor.kind is GrantorKind.SELF:
            # Nothing to name: a name here would be a second, unchecked identity in the record.
            for field, value in (("name", grantor.name), ("relationship", grantor.relationship)):
                if value is not None and value.strip():
                    errors.append(
                        bad(f"grantor.{field}", "Leave empty when the person decides for themself.")
                    )
        else:
            name = text(grantor.name, "grantor.name", _MAX_NAME, errors)
            relationship = text(
                grantor.relationship, "grantor.relationship", _MAX_RELATIONSHIP, errors
            )
        reason: str | None = None
        if grantor.kind is GrantorKind.APPROPRIATE_PERSON:
            reason = text(grantor.reason, "grantor.reason", MAX_REASON, errors)
        elif grantor.reason is not None and grantor.reason.strip():
            errors.append(
                bad("grantor.reason", "Only an appropriate person deciding for an adult gives one.")
            )
        if grantor.kind is GrantorKind.SELF:
            return None, None, None
        return name, relationship, reason


@strawberry.input
class WithdrawConsentInput:
    consent_id: strawberry.ID
    reason: str = strawberry.field(description="Why the consent is withdrawn; required.")
