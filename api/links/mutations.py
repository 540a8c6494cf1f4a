"""``linkRelatives`` and ``revokeLink``: practitioners drawing and withdrawing links."""

from __future__ import annotations

import strawberry

from api.actions import Allowed
from api.context import Info
from api.errors import ApiError, BadUserInput, Forbidden
from api.inputs import clean_text, today
from api.links.types import RelativeLink
from api.payloads import MutationError, MutationErrorCode
from api.relay import expect_global_id
from policy.actions import Action, Resource
from policy.reach import LINK_REVOCATION, Reach
from policy.relationship_ages import RelationshipAges
from services import links
from vocabulary import RelationshipKind

_MAX_RATIONALE = 2000
_WHY_NOT = "why a mutation did nothing"


def _bad(field: str, message: str) -> MutationError:
    return MutationError(code=MutationErrorCode.BAD_USER_INPUT, field=field, message=message)


def _id_of(value: str, type_name: str, field: str, errors: list[MutationError]) -> str | None:
    try:
        return expect_global_id(value, type_name)
    except BadUserInput as exc:
        errors.append(_bad(field, exc.message))
        return None


def _text(value: str, field: str, errors: list[MutationError]) -> str | None:
    try:
        return clean_text(value, field, max_length=_MAX_RATIONALE, required=True)
    except ApiError as exc:
        errors.append(_bad(field, exc.message))
        return None


@strawberry.input(description="`relative` is `kind` of `person`: e.g. kind GRANDPARENT.")
class LinkRelativesInput:
    person_id: strawberry.ID
    relative_id: strawberry.ID
    kind: RelationshipKind
    rationale: str = strawberry.field(description="Why the link matters; required.")


@strawberry.type
class LinkRelativesPayload:
    link: RelativeLink | None
    errors: list[MutationError]


@strawberry.input
class RevokeLinkInput:
    link_id: strawberry.ID
    reason: str = strawberry.field(description="Why the link is withdrawn; required.")


@strawberry.type
class RevokeLinkPayload:
    link: RelativeLink | None
    errors: list[MutationError]


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Record that two people are related, with the practitioner's rationale.",
        extensions=[Allowed(Resource.RELATIVE_LINK, Action.LINK)],
    )
    async def link_relatives(self, info: Info, input: LinkRelativesInput) -> LinkRelativesPayload:
        errors: list[MutationError] = []
        person = _id_of(input.person_id, "Person", "personId", errors)
        relative = _id_of(input.relative_id, "Person", "relativeId", errors)
        rationale = _text(input.rationale, "rationale", errors)
        if person is not None and person == relative:
            errors.append(_bad("relativeId", "A person cannot be linked to themself."))
        if errors or person is None or relative is None or rationale is None:
            return LinkRelativesPayload(link=None, errors=errors)
        outcome = await info.context.services.run(
            links.link_relatives,
            info.context.viewer,
            links.NewLink(
                person_id=person,
                relative_id=relative,
                kind=input.kind.value,
                rationale=rationale,
                ages=RelationshipAges.current().check(input.kind.value, today()),
            ),
        )
        match outcome:
            case links.Linked(link):
                return LinkRelativesPayload(link=RelativeLink.from_record(link), errors=[])
            case links.NotCovered(ids):
                return LinkRelativesPayload(
                    link=None,
                    errors=[
                        _bad(
                            "personId" if raw == person else "relativeId",
                            "Nothing covers sharing this person's data with you for this "
                            "purpose (their consent, or a decision to share without it), and a "
                            "link is data about them: it cannot be recorded by you now.",
                        )
                        for raw in ids
                    ],
                )
            case links.Implausible(rule):
                message = f"The two people's dates of birth rule this kind out: {rule}."
                return LinkRelativesPayload(link=None, errors=[_bad("kind", message)])
            case links.AlreadyLinked(link):
                error = MutationError(
                    code=MutationErrorCode.CONFLICT,
                    field=None,
                    message="These people are already linked this way.",
                )
                return LinkRelativesPayload(link=RelativeLink.from_record(link), errors=[error])
            case links.PeopleNotFound(missing):
                return LinkRelativesPayload(
                    link=None,
                    errors=[
                        MutationError(
                            code=MutationErrorCode.NOT_FOUND,
                            field="personId" if raw == person else "relativeId",
                            message="No such person.",
                        )
                        for raw in missing
                    ],
                )

    @strawberry.mutation(
        description="Withdraw a practitioner-defined link; its history is kept.",
        extensions=[Allowed(Resource.RELATIVE_LINK, Action.REVOKE)],
    )
    async def revoke_link(self, info: Info, input: RevokeLinkInput) -> RevokeLinkPayload:
        errors: list[MutationError] = []
        link_id = _id_of(input.link_id, "RelativeLink", "linkId", errors)
        reason = _text(input.reason, "reason", errors)
        if errors or link_id is None or reason is None:
            return RevokeLinkPayload(link=None, errors=errors)
        outcome = await info.context.services.run(
            links.revoke_link,
            info.context.viewer,
            links.Revocation(
                link_id=link_id,
                reason=reason,
                any_link=info.context.access.reach(LINK_REVOCATION) is Reach.ANY,
            ),
        )
        match outcome:
            case links.Revoked(link):
                return RevokeLinkPayload(link=RelativeLink.from_record(link), errors=[])
            case links.LinkNotFound():
                error = MutationError(
                    code=MutationErrorCode.NOT_FOUND, field="linkId", message="No such link."
                )
                return RevokeLinkPayload(link=None, errors=[error])
            case links.NotRevocable(link):
                error = _bad(
                    "linkId",
                    "Only practitioner-defined links can be revoked; "
                    "relationships from source data are corrected at the source.",
                )
                return RevokeLinkPayload(link=RelativeLink.from_record(link), errors=[error])
            case links.NotTheirs():
                raise Forbidden(
                    "This link was drawn by another organisation: only its users, or a role the "
                    "policy lets revoke any link, may revoke it."
                )
            case links.AlreadyRevoked(link):
                error = MutationError(
                    code=MutationErrorCode.CONFLICT,
                    field="linkId",
                    message="This link is already revoked.",
                )
                return RevokeLinkPayload(link=RelativeLink.from_record(link), errors=[error])
