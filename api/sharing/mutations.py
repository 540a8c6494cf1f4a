"""Recording a decision to share without consent, and a second person approving, rejecting,
reviewing or revoking it (the agreement's Appendix 3, "Consent": the conditions other than
consent, recorded beforehand rather than offered per request).

Who may propose one on which basis for which purpose is the policy's ``rely_on`` rules; who may
approve, reject, review and revoke any is ``SharingDecision`` rules for information governance;
the proposer may revoke their own (``policy.reach.SHARING_REVOCATION``). The second person is
never the proposer.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

import strawberry

from api.actions import Allowed, Anyone
from api.consent.inputs import bad, global_id_of, text
from api.consent.types import ConsentPurpose
from api.context import Info
from api.errors import Forbidden
from api.organisations.types import TYPE_NAME as ORGANISATION
from api.payloads import MutationError, MutationErrorCode
from api.relay import global_id
from api.sharing.types import TYPE_NAME, SharingBasis, SharingCondition, SharingDecision
from policy.actions import Action, Resource
from policy.reach import SHARING_REVOCATION, Reach
from services import sharing_decisions
from vocabulary import CONSENT_PURPOSES, Purpose, Sector

MAX_JUSTIFICATION = 2000
MAX_ORGANISATIONS = 100
EMERGENCY_HOURS = 72  # an emergency decision lasts until the review, at most this long
MAX_DAYS = 366


@strawberry.input(
    description="A decision to share without consent about one person (`personId`) or a "
    "family's current members (`familyId`): give exactly one."
)
class RecordSharingDecisionInput:
    person_id: strawberry.ID | None = None
    family_id: strawberry.ID | None = None
    basis: SharingBasis
    condition: SharingCondition | None = strawberry.field(
        default=None,
        description="Needed to share special category or criminal offence data on it.",
    )
    justification: str = strawberry.field(
        description="Why sharing without consent is necessary and proportionate; required."
    )
    purposes: list[ConsentPurpose] = strawberry.field(
        description="Among assessing needs, co-ordinating support, monitoring outcomes; the "
        "declared purpose is one of them."
    )
    organisation_ids: list[strawberry.ID] | None = None
    sectors: list[Sector] | None = None
    expires_at: dt.datetime = strawberry.field(
        description=f"In the future: within {MAX_DAYS} days, or {EMERGENCY_HOURS} hours for an "
        "emergency."
    )
    emergency: bool = strawberry.field(
        default=False,
        description="Vital interests only, shared with the proposer's own organisation only, "
        "with no condition but vital interests: in force at once, the information governance "
        "officers notified, reviewed later. Otherwise a second person must approve it.",
    )


@strawberry.input
class DecideSharingInput:
    decision_id: strawberry.ID
    note: str = strawberry.field(description="Why; required.")


@strawberry.enum(description="A review of an emergency decision.")
class SharingReviewOutcome(Enum):
    UPHOLD = "uphold"
    OVERTURN = "overturn"


@strawberry.input
class ReviewSharingDecisionInput:
    decision_id: strawberry.ID
    outcome: SharingReviewOutcome
    note: str = strawberry.field(description="Why; required.")


@strawberry.type
class SharingDecisionPayload:
    decision: SharingDecision | None
    errors: list[MutationError]


def _error(code: MutationErrorCode, field: str | None, message: str) -> SharingDecisionPayload:
    return SharingDecisionPayload(
        decision=None, errors=[MutationError(code=code, field=field, message=message)]
    )


def _draft(
    info: Info, input: RecordSharingDecisionInput, errors: list[MutationError]
) -> sharing_decisions.Draft | None:
    person = family = None
    if (input.person_id is None) == (input.family_id is None):
        errors.append(bad("personId", "Give exactly one of `personId` and `familyId`."))
    elif input.person_id is not None:
        person = global_id_of(input.person_id, "Person", "personId", errors)
    else:
        assert input.family_id is not None
        family = global_id_of(input.family_id, "Family", "familyId", errors)
    justification = text(input.justification, "justification", MAX_JUSTIFICATION, errors)
    purposes = tuple(dict.fromkeys(p.value for p in input.purposes))
    if not purposes:
        errors.append(bad("purposes", "Name at least one purpose."))
    elif info.context.access.purpose.value not in purposes:
        errors.append(bad("purposes", "Name the purpose this request declares among them."))
    given = input.organisation_ids or []
    if len(given) > MAX_ORGANISATIONS:
        errors.append(bad("organisationIds", f"Name at most {MAX_ORGANISATIONS}."))
        given = []
    found = [global_id_of(v, ORGANISATION, "organisationIds", errors) for v in given]
    organisations = tuple(dict.fromkeys(i for i in found if i is not None))
    sectors = tuple(dict.fromkeys(s.value for s in input.sectors or ()))
    if not (organisations or sectors):
        errors.append(bad("organisationIds", "Name the organisations or sectors it shares with."))
    if input.emergency:
        # Before a second person agrees, it reaches no further than break-glass would: the
        # proposer's own organisation, and only the vital interests condition.
        own = info.context.principal.organisation_id
        if sectors or organisations != (own,):
            errors.append(
                bad(
                    "organisationIds",
                    "An emergency decision shares with your own organisation only "
                    "(`organisationIds`: it alone; no `sectors`).",
                )
            )
        if input.condition not in (None, SharingCondition.VITAL_INTERESTS_SPECIAL):
            errors.append(
                bad("condition", "An emergency decision names the vital interests condition only.")
            )
    now = dt.datetime.now(dt.UTC)
    expires = input.expires_at
    if expires.utcoffset() is None:
        errors.append(bad("expiresAt", "Give `expiresAt` with its time zone."))
    elif input.emergency and input.basis is not SharingBasis.VITAL_INTERESTS:
        errors.append(
            bad("emergency", "Only vital interests justify sharing before a second person agrees.")
        )
    elif expires <= now:
        errors.append(bad("expiresAt", "`expiresAt` must be in the future."))
    elif input.emergency and expires > now + dt.timedelta(hours=EMERGENCY_HOURS):
        errors.append(
            bad("expiresAt", f"An emergency decision lasts at most {EMERGENCY_HOURS} hours.")
        )
    elif expires > now + dt.timedelta(days=MAX_DAYS):
        errors.append(bad("expiresAt", f"A decision lasts at most {MAX_DAYS} days."))
    if errors or justification is None:
        return None
    return sharing_decisions.Draft(
        person_id=person,
        family_id=family,
        basis=input.basis.value,
        condition=input.condition.value if input.condition else None,
        justification=justification,
        purposes=purposes,
        organisation_ids=organisations,
        sectors=sectors,
        expires_at=expires.astimezone(dt.UTC),
        emergency=input.emergency,
    )


def _may_propose(info: Info, basis: SharingBasis, purposes: list[ConsentPurpose]) -> None:
    """FORBIDDEN unless the declared purpose rests on consent and the caller's role may rely on
    the basis for each purpose named (the policy's ``rely_on`` rules)."""
    context = info.context
    if context.access.purpose not in CONSENT_PURPOSES:
        raise Forbidden("Decisions to share without consent are for purposes resting on consent.")
    for purpose in purposes or [ConsentPurpose(context.access.purpose.value)]:
        if not context.policy.allows(
            context.principal.roles, basis.value, Action.RELY_ON, Purpose(purpose.value)
        ):
            raise Forbidden(f"Your role may not rely on {basis.value} for {purpose.value}.")


def _decision_id(value: str, errors: list[MutationError]) -> str | None:
    return global_id_of(value, TYPE_NAME, "decisionId", errors)


def _governance(action: Action) -> Allowed:
    return Allowed(
        Resource.SHARING_DECISION,
        action,
        denied="Only information governance may do this, for that purpose.",
    )


async def _change(info: Info, value: str, action: str, note: str) -> SharingDecisionPayload:
    context = info.context
    # Approving, rejecting and reviewing are information governance's alone (the fields' checks);
    # revoking is too, but for the proposer's own.
    governs = action != "revoke" or context.access.reach(SHARING_REVOCATION) is Reach.ANY
    errors: list[MutationError] = []
    decision_id = _decision_id(value, errors)
    cleaned = text(note, "note", MAX_JUSTIFICATION, errors)
    if errors or decision_id is None or cleaned is None:
        return SharingDecisionPayload(decision=None, errors=errors)
    outcome = await context.services.run(
        sharing_decisions.change,
        context.viewer,
        sharing_decisions.Move(
            decision_id,
            action,
            cleaned,
            second_person=action != "revoke",
            proposer_only=action == "revoke" and not governs,
        ),
    )
    context.loaders.forget_consent()
    match outcome:
        case sharing_decisions.Changed(decision):
            return SharingDecisionPayload(decision=SharingDecision.from_record(decision), errors=[])
        case sharing_decisions.DecisionNotFound():
            return _error(MutationErrorCode.NOT_FOUND, "decisionId", "No such decision.")
        case sharing_decisions.SamePerson():
            raise Forbidden("A second person must do this: not the one who proposed it.")
        case sharing_decisions.WrongStatus(decision):
            return SharingDecisionPayload(
                decision=SharingDecision.from_record(decision),
                errors=[
                    MutationError(
                        code=MutationErrorCode.CONFLICT,
                        field="decisionId",
                        message=f"The decision is {decision.status.lower()}: it cannot be "
                        f"{'revoked' if action == 'revoke' else action + 'd'} now.",
                    )
                ],
            )


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Record a decision to share without consent: proposed for a second person's "
        "approval, or (vital interests, `emergency`) in force at once and reviewed later.",
        extensions=[
            Anyone(
                "the policy's rely_on rules, weighed for the basis and the purposes named, and "
                "only for purposes resting on consent"
            )
        ],
    )
    async def record_sharing_decision(
        self, info: Info, input: RecordSharingDecisionInput
    ) -> SharingDecisionPayload:
        _may_propose(info, input.basis, input.purposes)
        errors: list[MutationError] = []
        draft = _draft(info, input, errors)
        if draft is None:
            return SharingDecisionPayload(decision=None, errors=errors)
        outcome = await info.context.services.run(
            sharing_decisions.record, info.context.viewer, draft
        )
        info.context.loaders.forget_consent()
        match outcome:
            case sharing_decisions.Recorded(decision):
                return SharingDecisionPayload(
                    decision=SharingDecision.from_record(decision), errors=[]
                )
            case sharing_decisions.SubjectNotFound():
                field = "familyId" if draft.family_id else "personId"
                message = "No such family." if draft.family_id else "No such person."
                return _error(MutationErrorCode.NOT_FOUND, field, message)
            case sharing_decisions.NobodyCovered():
                return _error(
                    MutationErrorCode.BAD_USER_INPUT, "familyId", "The family has no members now."
                )
            case sharing_decisions.UnknownOrganisations(ids):
                return SharingDecisionPayload(
                    decision=None,
                    errors=[
                        MutationError(
                            code=MutationErrorCode.NOT_FOUND,
                            field="organisationIds",
                            message=f"No such organisation: {global_id(ORGANISATION, raw)}.",
                        )
                        for raw in ids
                    ],
                )
            case sharing_decisions.AlreadyRecorded(existing):
                return SharingDecisionPayload(
                    decision=SharingDecision.from_record(existing),
                    errors=[
                        MutationError(
                            code=MutationErrorCode.CONFLICT,
                            field=None,
                            message="The same decision is already proposed or in force.",
                        )
                    ],
                )

    @strawberry.mutation(
        description="Approve a proposed decision (a second person).",
        extensions=[_governance(Action.APPROVE)],
    )
    async def approve_sharing_decision(
        self, info: Info, input: DecideSharingInput
    ) -> SharingDecisionPayload:
        return await _change(info, input.decision_id, "approve", input.note)

    @strawberry.mutation(
        description="Reject a proposed decision (a second person).",
        extensions=[_governance(Action.APPROVE)],
    )
    async def reject_sharing_decision(
        self, info: Info, input: DecideSharingInput
    ) -> SharingDecisionPayload:
        return await _change(info, input.decision_id, "reject", input.note)

    @strawberry.mutation(
        description="Review an emergency decision: uphold or overturn it.",
        extensions=[_governance(Action.REVIEW)],
    )
    async def review_sharing_decision(
        self, info: Info, input: ReviewSharingDecisionInput
    ) -> SharingDecisionPayload:
        return await _change(info, input.decision_id, input.outcome.value, input.note)

    @strawberry.mutation(
        description="Revoke a decision: its proposer, or information governance.",
        extensions=[Anyone("the proposer revokes their own; information governance any")],
    )
    async def revoke_sharing_decision(
        self, info: Info, input: DecideSharingInput
    ) -> SharingDecisionPayload:
        return await _change(info, input.decision_id, "revoke", input.note)
