"""``recordConsent`` and ``withdrawConsent``: the lead practitioner or a co-ordinator recording a
person's consent decision, and its withdrawal (DESIGN.md, step 3 of Appendix 4)."""

from __future__ import annotations

import strawberry

from api.access import PUBLIC_TASK_REF
from api.actions import Allowed
from api.consent.inputs import (
    MAX_REASON,
    RecordConsentInput,
    WithdrawConsentInput,
    bad,
    global_id_of,
    text,
)
from api.consent.types import TYPE_NAME, Consent
from api.context import Info
from api.errors import Forbidden
from api.organisations.types import TYPE_NAME as ORGANISATION
from api.payloads import MutationError, MutationErrorCode
from api.relay import global_id
from policy.actions import Action, Resource
from policy.reach import CONSENT, Reach
from services import consent
from vocabulary import DataClass

_PROBLEMS: dict[consent.Problem, tuple[str, str]] = {
    consent.Problem.GIVEN_BEFORE_BIRTH: ("givenOn", "`givenOn` is before the person was born."),
    consent.Problem.UNDER_CONSENT_AGE: (
        "grantor.kind",
        "The person was under the consent age on `givenOn`: someone with parental "
        "responsibility decides for them.",
    ),
    consent.Problem.NO_DATE_OF_BIRTH: (
        "grantor.kind",
        "The person's date of birth is not known, so no one's standing to decide for them can "
        "be shown (their own refusal is recorded all the same): record their date of birth.",
    ),
    consent.Problem.NOT_A_CHILD: (
        "grantor.kind",
        "The person was 18 or over on `givenOn`: parental responsibility no longer decides for "
        "them. They decide for themself, or an appropriate person with a recorded reason.",
    ),
    consent.Problem.NOT_AN_ADULT: (
        "grantor.kind",
        "An appropriate person decides only for an adult: for a child, someone with parental "
        "responsibility does.",
    ),
    consent.Problem.OVER_CHILDS_DECISION: (
        "grantor.kind",
        "The child has made their own decision for some of these purposes and partners: a "
        "parent's decision cannot override it. Record the child's new decision instead.",
    ),
}


def _records() -> Allowed:
    # Withdrawing is recording the person's new decision, so one action covers both.
    return Allowed(
        Resource.CONSENT,
        Action.RECORD,
        denied="Your role may not record consent for the declared purpose.",
    )


def _told_of_birth(info: Info, person_id: str, outcome: consent.RecordOutcome) -> None:
    """Whether a decision may be recorded depends on the person's date of birth (their age on
    `givenOn`, born before it), so every answer about a person the caller reached tells something
    of it, whether or not they may read it: each is recorded as a disclosure of their identity
    data, resting on the council's task of recording decisions, so that probing shows in
    "who saw my data"."""
    if isinstance(outcome, consent.PersonNotFound | consent.NotLead):
        return
    if info.context.access.audited:
        info.context.disclosed.add(DataClass.IDENTITY, (person_id,), (PUBLIC_TASK_REF,))


def _not_lead() -> Forbidden:
    return Forbidden("Only the lead practitioner of the person's family or a co-ordinator may.")


@strawberry.type
class RecordConsentPayload:
    consent: Consent | None
    errors: list[MutationError]


@strawberry.type
class WithdrawConsentPayload:
    consent: Consent | None
    errors: list[MutationError]


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Record a person's consent decision.", extensions=[_records()])
    async def record_consent(self, info: Info, input: RecordConsentInput) -> RecordConsentPayload:
        # Only as the lead of a family's team (the write checks it), or for anyone they see.
        must_lead = info.context.access.reach(CONSENT) is Reach.OWN
        errors: list[MutationError] = []
        draft = input.draft(errors)
        if draft is None:
            return RecordConsentPayload(consent=None, errors=errors)
        outcome = await info.context.services.run(
            consent.record_consent,
            info.context.viewer,
            consent.NewDecision(draft, consent_age=info.context.consent_age, must_lead=must_lead),
        )
        age = info.context.consent_age
        info.context.loaders.forget_consent()
        _told_of_birth(info, draft.person_id, outcome)
        match outcome:
            case consent.Recorded(recorded):
                return RecordConsentPayload(consent=Consent.from_record(recorded, age), errors=[])
            case consent.AlreadyRecorded(existing):
                error = MutationError(
                    code=MutationErrorCode.CONFLICT,
                    field=None,
                    message="This decision is already on record: nothing was recorded again.",
                )
                return RecordConsentPayload(
                    consent=Consent.from_record(existing, age), errors=[error]
                )
            case consent.PersonNotFound():
                error = MutationError(
                    code=MutationErrorCode.NOT_FOUND, field="personId", message="No such person."
                )
                return RecordConsentPayload(consent=None, errors=[error])
            case consent.NotLead():
                raise _not_lead()
            case consent.Rejected(unknown, problems):
                errors = [
                    MutationError(
                        code=MutationErrorCode.NOT_FOUND,
                        field="organisationIds",
                        message=f"No such organisation: {global_id(ORGANISATION, raw)}.",
                    )
                    for raw in unknown
                ]
                errors += [bad(*_PROBLEMS[p]) for p in problems]
                return RecordConsentPayload(consent=None, errors=errors)

    @strawberry.mutation(
        description="Record that a given consent is withdrawn; it is kept.",
        extensions=[_records()],
    )
    async def withdraw_consent(
        self, info: Info, input: WithdrawConsentInput
    ) -> WithdrawConsentPayload:
        # Only as the lead of a family's team (the write checks it), or for anyone they see.
        must_lead = info.context.access.reach(CONSENT) is Reach.OWN
        errors: list[MutationError] = []
        consent_id = global_id_of(input.consent_id, TYPE_NAME, "consentId", errors)
        reason = text(input.reason, "reason", MAX_REASON, errors)
        if errors or consent_id is None or reason is None:
            return WithdrawConsentPayload(consent=None, errors=errors)
        age = info.context.consent_age
        outcome = await info.context.services.run(
            consent.withdraw_consent,
            info.context.viewer,
            consent.Withdrawal(consent_id, reason, consent_age=age, must_lead=must_lead),
        )
        info.context.loaders.forget_consent()
        match outcome:
            case consent.Withdrawn(withdrawn):
                return WithdrawConsentPayload(
                    consent=Consent.from_record(withdrawn, age), errors=[]
                )
            case consent.ConsentNotFound():
                error = MutationError(
                    code=MutationErrorCode.NOT_FOUND, field="consentId", message="No such consent."
                )
                return WithdrawConsentPayload(consent=None, errors=[error])
            case consent.NotLead():
                raise _not_lead()
            case consent.AlreadyWithdrawn(current):
                error = MutationError(
                    code=MutationErrorCode.CONFLICT,
                    field="consentId",
                    message="This consent is already withdrawn.",
                )
                return WithdrawConsentPayload(
                    consent=Consent.from_record(current, age), errors=[error]
                )
            case consent.NotWithdrawable(current):
                error = bad(
                    "consentId",
                    "Only a given consent can be withdrawn; record the person's new decision "
                    "with `recordConsent`.",
                )
                return WithdrawConsentPayload(
                    consent=Consent.from_record(current, age), errors=[error]
                )
