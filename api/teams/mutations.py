"""``addTeamMember``, ``endTeamMembership`` and ``setLeadPractitioner``: forming the team around a
family (step 4 of Appendix 4), which is what gives its members sight of the family.

Who may change a team, and who may be on one or lead it, are the policy's rules
(``TeamMembership`` in policy/policy.csv, ``policy.reach.TEAMS`` and ``policy.teams``): a role
with ``manage_any`` changes the team of any family it can see; one with ``manage`` alone only the
team of a family it actively leads, which the write transaction checks after locking the family,
so a concurrent change of lead cannot slip in. The member's roles are the register's, read in that
transaction.
"""

from __future__ import annotations

import contextlib
from functools import partial
from typing import ClassVar

import strawberry

from api.access import Classified, Concern
from api.actions import Allowed
from api.context import Info
from api.errors import ApiError, BadUserInput, Forbidden
from api.families.types import TYPE_NAME as FAMILY
from api.inputs import clean_text
from api.organisations.types import USER_TYPE_NAME as USER
from api.payloads import MutationError, MutationErrorCode
from api.relay import expect_global_id
from api.teams.types import TeamMemberConnection, team_of
from loaders import records
from policy import teams as team_policy
from policy.actions import Action
from policy.reach import TEAMS, Reach
from services import teams
from vocabulary import DataClass

_MAX_REASON = 2000


def _manages() -> Allowed:
    return Allowed(
        team_policy.RESOURCE,
        team_policy.MANAGE,
        denied="Your role may not change a family's team for the declared purpose.",
    )


def _rules(info: Info) -> teams.TeamRules:
    """The rules the write applies: whether the caller may change only a team they lead (the
    policy's reach), and who may be on a team and lead it."""
    context = info.context
    return teams.TeamRules(
        must_lead=context.access.reach(TEAMS) is Reach.OWN,
        may_join=partial(team_policy.may_join, context.policy),
        may_lead=partial(team_policy.may_lead, context.policy),
    )


def _roles_that_may(info: Info, action: Action) -> str:
    return ", ".join(team_policy.roles_that_may(info.context.policy, action))


def _error(code: MutationErrorCode, field: str, message: str) -> MutationError:
    return MutationError(code=code, field=field, message=message)


def _ids(family_id: str, user_id: str, errors: list[MutationError]) -> tuple[str, str]:
    """The raw ids; a malformed one is an error of its field (and its raw id is blank)."""
    found: list[str] = []
    for value, type_name, field in ((family_id, FAMILY, "familyId"), (user_id, USER, "userId")):
        try:
            found.append(expect_global_id(value, type_name))
        except BadUserInput as exc:
            errors.append(_error(MutationErrorCode.BAD_USER_INPUT, field, exc.message))
            found.append("")
    return found[0], found[1]


def _reason(value: str, errors: list[MutationError]) -> str | None:
    try:
        return clean_text(value, "reason", max_length=_MAX_REASON, required=True)
    except ApiError as exc:
        errors.append(_error(MutationErrorCode.BAD_USER_INPUT, "reason", exc.message))
        return None


Shared = (
    teams.Changed
    | teams.FamilyNotFound
    | teams.NotLead
    | teams.UserNotFound
    | teams.AgreementNotSigned
    | teams.MayNotJoin
    | teams.MayNotLead
    | teams.AlreadyMember
)


async def _shown(
    info: Info, family_id: str, team: list[teams.TeamMembership]
) -> records.Family | None:
    """The family whose team the payload shows, read as a query would read it (the caller may no
    longer see it: then no team is shown), with the team as the write transaction left it: a read
    on another session (another server of a cluster) might not have it yet, and a loader that
    read it earlier in this request is stale."""
    loaders = info.context.loaders
    loaders.team.prime(family_id, team, force=True)
    # Read afresh: the change may have taken the family out of the caller's sight.
    with contextlib.suppress(KeyError):
        loaders.family.clear(family_id)
    return await loaders.family.load(family_id)


async def _answer(
    info: Info, family_id: str, outcome: Shared
) -> tuple[list[MutationError], records.Family | None]:
    """The payload's errors, and the family whose team it shows (None: no team shown)."""
    match outcome:
        case teams.Changed(team):
            return [], await _shown(info, family_id, team)
        case teams.FamilyNotFound():
            return [_error(MutationErrorCode.NOT_FOUND, "familyId", "No such family.")], None
        case teams.NotLead():
            raise Forbidden(
                "Only the lead practitioner of the family's team or a co-ordinator may."
            )
        case teams.UserNotFound():
            return [_error(MutationErrorCode.NOT_FOUND, "userId", "No such user.")], None
        case teams.AgreementNotSigned():
            message = (
                "The user may not be on a team: their organisation has not signed the "
                "agreement, or their access is not approved now (awaiting approval, suspended "
                "or revoked)."
            )
            return [_error(MutationErrorCode.BAD_USER_INPUT, "userId", message)], None
        case teams.MayNotJoin():
            message = (
                "The user's roles may not be on a family's team; the policy lets only these: "
                + _roles_that_may(info, team_policy.JOIN)
                + "."
            )
            return [_error(MutationErrorCode.BAD_USER_INPUT, "userId", message)], None
        case teams.MayNotLead():
            message = (
                "The user's roles may not lead a family's team; the policy lets only these: "
                + _roles_that_may(info, team_policy.LEAD)
                + "."
            )
            return [_error(MutationErrorCode.BAD_USER_INPUT, "userId", message)], None
        case teams.AlreadyMember(team):
            message = "This user is already on the family's team."
            error = _error(MutationErrorCode.CONFLICT, "userId", message)
            return [error], await _shown(info, family_id, team)


@strawberry.type
class TeamPayload:
    errors: list[MutationError]
    # The family as a query reads it (None: no team shown), so that the team is served by the
    # same rules as `Family.team`, and audited as about the same people.
    family: strawberry.Private[records.Family | None]
    consent_rule: ClassVar[Concern] = Concern.ANY

    @property
    def subject_ids(self) -> tuple[str, ...]:
        return self.family.member_ids if self.family is not None else ()

    @strawberry.field(
        description="The family's team after the change, or as it stands for a CONFLICT; "
        "null for any other error, or when the caller may not read it (as `Family.team`).",
        extensions=[Classified(DataClass.FAMILY_LINKS)],
    )
    async def team(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        include_past: bool = False,
    ) -> TeamMemberConnection | None:
        if self.family is None:
            return None
        family = self.family
        return await team_of(info, family.id, family.member_ids, first, after, include_past)


@strawberry.type
class AddTeamMemberPayload(TeamPayload):
    pass


@strawberry.type
class EndTeamMembershipPayload(TeamPayload):
    pass


@strawberry.type
class SetLeadPractitionerPayload(TeamPayload):
    pass


@strawberry.input
class AddTeamMemberInput:
    family_id: strawberry.ID
    user_id: strawberry.ID
    lead: bool = strawberry.field(
        default=False, description="Make them the lead; the current lead becomes a member."
    )


@strawberry.input
class EndTeamMembershipInput:
    family_id: strawberry.ID
    user_id: strawberry.ID
    reason: str = strawberry.field(description="Why the membership ends; required.")


@strawberry.input
class SetLeadPractitionerInput:
    family_id: strawberry.ID
    user_id: strawberry.ID = strawberry.field(description="An active member of the team.")


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Put a user on the team around a family: they see the family from the "
        "next request.",
        extensions=[_manages()],
    )
    async def add_team_member(self, info: Info, input: AddTeamMemberInput) -> AddTeamMemberPayload:
        rules = _rules(info)
        errors: list[MutationError] = []
        family_id, user_id = _ids(input.family_id, input.user_id, errors)
        if errors:
            return AddTeamMemberPayload(errors=errors, family=None)
        outcome = await info.context.services.run(
            teams.add_member,
            info.context.viewer,
            teams.NewMember(family_id, user_id, input.lead, rules),
        )
        errors, shown = await _answer(info, family_id, outcome)
        return AddTeamMemberPayload(errors=errors, family=shown)

    @strawberry.mutation(
        description="End a user's membership of a family's team: they no longer see the family "
        "from the next request. The membership is kept as history.",
        extensions=[_manages()],
    )
    async def end_team_membership(
        self, info: Info, input: EndTeamMembershipInput
    ) -> EndTeamMembershipPayload:
        rules = _rules(info)
        errors: list[MutationError] = []
        family_id, user_id = _ids(input.family_id, input.user_id, errors)
        reason = _reason(input.reason, errors)
        if errors or reason is None:
            return EndTeamMembershipPayload(errors=errors, family=None)
        outcome = await info.context.services.run(
            teams.end_membership,
            info.context.viewer,
            teams.MembershipEnd(family_id, user_id, reason, rules),
        )
        if isinstance(outcome, teams.NotActiveMember):
            if outcome.was_member:
                message = "This user's membership of the team has already ended."
                error = _error(MutationErrorCode.CONFLICT, "userId", message)
                return EndTeamMembershipPayload(
                    errors=[error], family=await _shown(info, family_id, outcome.team)
                )
            error = _error(MutationErrorCode.NOT_FOUND, "userId", "This user is not on the team.")
            return EndTeamMembershipPayload(errors=[error], family=None)
        if isinstance(outcome, teams.LeadStays):
            message = (
                "This user leads the family's team and others are still on it: appoint another "
                "lead first (setLeadPractitioner), or end the others' memberships to close the "
                "team."
            )
            error = _error(MutationErrorCode.BAD_USER_INPUT, "userId", message)
            return EndTeamMembershipPayload(errors=[error], family=None)
        errors, shown = await _answer(info, family_id, outcome)
        return EndTeamMembershipPayload(errors=errors, family=shown)

    @strawberry.mutation(
        description="Make an active member of a family's team its lead practitioner; the "
        "previous lead stays on the team as a member.",
        extensions=[_manages()],
    )
    async def set_lead_practitioner(
        self, info: Info, input: SetLeadPractitionerInput
    ) -> SetLeadPractitionerPayload:
        rules = _rules(info)
        errors: list[MutationError] = []
        family_id, user_id = _ids(input.family_id, input.user_id, errors)
        if errors:
            return SetLeadPractitionerPayload(errors=errors, family=None)
        outcome = await info.context.services.run(
            teams.set_lead, info.context.viewer, teams.NewLead(family_id, user_id, rules)
        )
        if isinstance(outcome, teams.NotActiveMember):
            message = "Only an active member of the team can lead it: add them to it first."
            error = _error(MutationErrorCode.BAD_USER_INPUT, "userId", message)
            return SetLeadPractitionerPayload(errors=[error], family=None)
        errors, shown = await _answer(info, family_id, outcome)
        return SetLeadPractitionerPayload(errors=errors, family=shown)
