"""Which root fields a caller may use: each declares its check at the field.

    @strawberry.mutation(extensions=[Allowed(Resource.MATCH, Action.RUN)])
    async def match_partner_records(self, info: Info) -> MatchingPayload: ...

    @strawberry.field(extensions=[Anyone("rows by visibility, fields by their data class")])
    async def people(self, info: Info, ...) -> PersonConnection: ...

Every root field of Query and Mutation carries exactly one of the two (tests/api/test_actions.py),
so a field that forgot its check is told apart from one open to anyone. ``Allowed`` answers
FORBIDDEN, before the resolver runs, unless the policy lets one of the caller's roles take one of
its actions for the declared purpose; how far a change then reaches (a team the caller leads, or
any) is the policy's too (``policy.reach``, through ``FieldAccess.reach``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from strawberry.extensions import FieldExtension

from api.context import Info
from api.errors import Forbidden
from policy.actions import Action, Resource

_DENIED = "Your role may not do this for the declared purpose."
# What decides what the open reads give: the rows the caller sees (graph.visibility) and, field by
# field, what the policy lets them read of each data class (api.access).
ROWS_AND_FIELDS = "rows by the caller's sight of them, each field by its data class"


class ActionCheck(FieldExtension):
    """A root field's declared check: ``Allowed`` or ``Anyone``."""


class Allowed(ActionCheck):
    """FORBIDDEN (with ``denied``) unless the caller may take ``action``, or one of
    ``alternatives``, on ``resource`` for the declared purpose."""

    def __init__(
        self, resource: Resource, action: Action, *alternatives: Action, denied: str = _DENIED
    ) -> None:
        self.resource = resource
        self.actions = (action, *alternatives)
        self.denied = denied

    def _check(self, info: Info) -> None:
        access = info.context.access
        if not any(access.may(self.resource, action) for action in self.actions):
            raise Forbidden(self.denied)

    def resolve(self, next_: Callable[..., Any], source: Any, info: Info, **kwargs: Any) -> Any:
        self._check(info)
        return next_(source, info, **kwargs)

    async def resolve_async(
        self, next_: Callable[..., Awaitable[Any]], source: Any, info: Info, **kwargs: Any
    ) -> Any:
        self._check(info)
        return await next_(source, info, **kwargs)


class Anyone(ActionCheck):
    """Open to every caller the register admits (and ``me``, ``requestAccess`` and
    ``acceptUserAgreement`` to those it does not: ``api.access_register.gate``); ``why`` says what
    decides what they get instead (row visibility, data classes, rules weighed on the input).
    A declaration only: it takes no part in resolving."""

    def __init__(self, why: str) -> None:
        if not why.strip():
            raise ValueError("say what decides what an open field gives")
        self.why = why


def action_checks(extensions: list[FieldExtension]) -> list[ActionCheck]:
    """The checks a field declares (exactly one on every root field)."""
    return [e for e in extensions if isinstance(e, ActionCheck)]
