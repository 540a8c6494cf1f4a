"""``breakGlass``: invoke vital interests for one family, for a limited time, with a reason."""

from __future__ import annotations

import datetime as dt
import os

import strawberry

from api.access import not_personal
from api.actions import Allowed
from api.context import Info
from api.errors import BadUserInput
from api.inputs import clean_text
from api.payloads import MutationError, MutationErrorCode
from api.relay import expect_global_id, global_id
from policy.actions import Action, Resource
from services import break_glass
from vocabulary import Purpose

_GRANT = "a break-glass grant: its user's own, and information governance's to review"

_MINUTES = int(os.environ.get("EHG_BREAK_GLASS_MINUTES", "240"))
_MAX_JUSTIFICATION = 1000


@strawberry.type(description="Time-limited sight of one family under vital interests; audited.")
class BreakGlassGrant:
    id: strawberry.ID
    family_id: strawberry.ID = not_personal(_GRANT)
    granted_at: dt.datetime = not_personal(_GRANT)
    expires_at: dt.datetime = not_personal(_GRANT)
    # The invoker's own statement, shown back to them and to the IG officers who review it.
    justification: str = not_personal(_GRANT)

    @classmethod
    def from_grant(cls, g: break_glass.Grant) -> BreakGlassGrant:
        return cls(
            id=strawberry.ID(g.id),
            family_id=global_id("Family", g.family_id),
            granted_at=g.granted_at,
            expires_at=g.expires_at,
            justification=g.justification,
        )


@strawberry.input
class BreakGlassInput:
    family_id: strawberry.ID
    justification: str = strawberry.field(
        description="Why the vital interests of someone in the family need this now; required."
    )


@strawberry.type
class BreakGlassPayload:
    grant: BreakGlassGrant | None
    errors: list[MutationError]


def _bad(field: str, message: str) -> BreakGlassPayload:
    error = MutationError(code=MutationErrorCode.BAD_USER_INPUT, field=field, message=message)
    return BreakGlassPayload(grant=None, errors=[error])


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="See one family you are not otherwise allowed to, because someone's vital "
        f"interests are at stake: lasts {_MINUTES} minutes, records an emergency decision to "
        "share its members' data without consent with your organisation (reviewed by "
        "information governance), is flagged in the audit and notifies the information "
        "governance officers. Invoking it again while it lasts is a CONFLICT.",
        extensions=[
            Allowed(
                Resource.BREAK_GLASS,
                Action.INVOKE,
                denied="Your role may not break the glass for the declared purpose.",
            )
        ],
    )
    async def break_glass(self, info: Info, input: BreakGlassInput) -> BreakGlassPayload:
        try:
            family_id = expect_global_id(input.family_id, "Family")
        except BadUserInput as exc:
            return _bad("familyId", exc.message)
        try:
            justification = clean_text(
                input.justification,
                "justification",
                max_length=_MAX_JUSTIFICATION,
                required=True,
            )
        except BadUserInput as exc:
            return _bad("justification", exc.message)
        assert justification is not None
        context = info.context
        principal = context.principal
        # The decision it records covers what the user may break the glass for.
        purposes = [
            p.value
            for p in Purpose
            if context.policy.allows(principal.roles, Resource.BREAK_GLASS, Action.INVOKE, p)
        ]
        outcome = await context.services.run(
            break_glass.invoke,
            context.viewer,
            break_glass.Invocation(family_id, justification, _MINUTES, purposes),
        )
        context.loaders.forget_consent()
        match outcome:
            case break_glass.Granted(grant):
                return BreakGlassPayload(grant=BreakGlassGrant.from_grant(grant), errors=[])
            case break_glass.AlreadyHeld(grant):
                error = MutationError(
                    code=MutationErrorCode.CONFLICT,
                    field="familyId",
                    message="You hold an unexpired grant for this family already; it is "
                    "unchanged, and nobody was notified again.",
                )
                return BreakGlassPayload(grant=BreakGlassGrant.from_grant(grant), errors=[error])
        error = MutationError(
            code=MutationErrorCode.NOT_FOUND, field="familyId", message="No such family."
        )
        return BreakGlassPayload(grant=None, errors=[error])
