"""Every root field declares its action check at the field, in words the policy knows: a new
field fails here until it says who may use it."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from strawberry.types.field import StrawberryField

from api.actions import Allowed, Anyone, action_checks
from api.errors import Forbidden
from api.schema import create_schema
from policy.actions import Action, Resource
from policy.enforcer import RULES


def _root_fields() -> Iterator[tuple[str, StrawberryField]]:
    schema = create_schema()
    for root in ("Query", "Mutation"):
        definition = schema.get_type_by_name(root)
        for field in definition.fields:  # type: ignore[union-attr]
            yield f"{root}.{schema.config.name_converter.get_graphql_name(field)}", field


def _granted_pairs() -> set[tuple[str, str]]:
    lines = (line for line in RULES.read_text().splitlines() if line.strip() and line[0] != "#")
    return {(row[2].strip(), row[3].strip()) for row in csv.reader(lines)}


def test_every_root_field_declares_exactly_one_check() -> None:
    counts = {name: len(action_checks(field.extensions)) for name, field in _root_fields()}
    assert counts
    assert {name: n for name, n in counts.items() if n != 1} == {}, (
        "Declare who may use each root field: extensions=[Allowed(Resource.X, Action.Y)], or "
        "[Anyone(why)] for a field every caller may use (api.actions)."
    )


def test_each_action_checked_is_granted_to_some_role_by_the_policy() -> None:
    granted = _granted_pairs()
    never = [
        f"{name}: {check.resource.value}, {action.value}"
        for name, field in _root_fields()
        for check in action_checks(field.extensions)
        if isinstance(check, Allowed)
        for action in check.actions
        if (check.resource.value, action.value) not in granted
    ]
    assert never == []


# Open to every caller: reads whose rows and fields the policy decides one by one, the caller's own
# standing, and mutations whose rules are weighed on their input. Adding one is a reviewed choice.
OPEN = {
    "Query.node",
    "Query.me",
    "Query.person",
    "Query.people",
    "Query.family",
    "Query.families",
    "Mutation.requestAccess",
    "Mutation.acceptUserAgreement",
    "Mutation.recordSharingDecision",
    "Mutation.revokeSharingDecision",
}


def test_the_fields_open_to_anyone_are_these_and_say_why() -> None:
    open_fields = {
        name: check.why
        for name, field in _root_fields()
        for check in action_checks(field.extensions)
        if isinstance(check, Anyone)
    }
    assert set(open_fields) == OPEN
    assert all(why.strip() for why in open_fields.values())


def test_a_field_open_to_anyone_must_say_why() -> None:
    with pytest.raises(ValueError, match="say what decides"):
        Anyone(" ")


def _info(granted: set[tuple[Resource, Action]]) -> Any:
    access = SimpleNamespace(may=lambda resource, action: (resource, action) in granted)
    return SimpleNamespace(context=SimpleNamespace(access=access))


def _resolver(source: Any, info: Any, **kwargs: Any) -> str:
    return "resolved"


def test_allowed_runs_the_resolver_for_a_caller_the_policy_lets() -> None:
    check = Allowed(Resource.MATCH, Action.RUN)
    assert check.resolve(_resolver, None, _info({(Resource.MATCH, Action.RUN)})) == "resolved"


def test_allowed_refuses_anyone_else_before_the_resolver_runs() -> None:
    check = Allowed(Resource.MATCH, Action.RUN, denied="Not you")
    ran: list[bool] = []

    def resolver(source: Any, info: Any, **kwargs: Any) -> None:
        ran.append(True)

    with pytest.raises(Forbidden, match="Not you"):
        check.resolve(resolver, None, _info({(Resource.MATCH, Action.REVIEW)}))
    assert ran == []


async def test_allowed_takes_any_of_its_actions_async_as_sync() -> None:
    check = Allowed(Resource.UPLOAD, Action.READ_ALL, Action.READ_OWN)

    async def resolver(source: Any, info: Any, **kwargs: Any) -> str:
        return "resolved"

    assert await check.resolve_async(resolver, None, _info({(Resource.UPLOAD, Action.READ_OWN)}))
    with pytest.raises(Forbidden):
        await check.resolve_async(resolver, None, _info({(Resource.UPLOAD, Action.CREATE)}))


def test_a_declaration_open_to_anyone_takes_no_part_in_resolving() -> None:
    # Nothing is added to the resolve chain: the field resolves exactly as it did undeclared.
    assert not Anyone("rows by visibility").has_resolver
