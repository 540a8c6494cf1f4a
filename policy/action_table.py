"""The decision table's part about actions: who may take each action the API checks, how far
their changes reach, and who may be on the team around a family (``devtools.decision_table``)."""

from __future__ import annotations

from policy import teams
from policy.actions import Action, Resource
from policy.enforcer import Policy
from policy.reach import SCOPES, Reach, reach
from vocabulary import Purpose, Role

_ROLE_WIDTH = max(len(r.value) for r in Role) + 2
_NONE = "."
_REACH = {Reach.ANY: "A", Reach.OWN: "O", Reach.NONE: "-"}
_UNDECLARED = "F"
# Every action on a resource of its own vocabulary, in the order the policy file groups them.
PAIRS: tuple[tuple[Resource, Action], ...] = (
    (Resource.PURPOSE, Action.ACT_FOR),
    (Resource.FAMILY, Action.SEE_ALL),
    (Resource.FAMILY, Action.SEE_RELATED),
    (Resource.FAMILY, Action.SEE_ORGANISATION),
    (Resource.RELATIVE_LINK, Action.LINK),
    (Resource.RELATIVE_LINK, Action.REVOKE),
    (Resource.RELATIVE_LINK, Action.REVOKE_ANY),
    (Resource.UPLOAD, Action.CREATE),
    (Resource.UPLOAD, Action.READ_OWN),
    (Resource.UPLOAD, Action.READ_ALL),
    (Resource.MATCH, Action.RUN),
    (Resource.MATCH, Action.REVIEW),
    (Resource.MERGE, Action.UNDO),
    (Resource.FAMILY, Action.FORM),
    (Resource.FAMILY, Action.ASSESS),
    (Resource.BREAK_GLASS, Action.INVOKE),
    (Resource.CONSENT, Action.RECORD),
    (Resource.CONSENT, Action.RECORD_ANY),
    (Resource.TEAM_MEMBERSHIP, Action.MANAGE),
    (Resource.TEAM_MEMBERSHIP, Action.MANAGE_ANY),
    (Resource.TEAM_MEMBERSHIP, Action.JOIN),
    (Resource.TEAM_MEMBERSHIP, Action.LEAD),
    (Resource.SHARING_DECISION, Action.APPROVE),
    (Resource.SHARING_DECISION, Action.REVIEW),
    (Resource.SHARING_DECISION, Action.REVOKE),
    (Resource.SHARING_DECISION, Action.LIST),
    (Resource.DISCLOSURE, Action.LIST),
    (Resource.AUDIT_CHAIN, Action.VERIFY),
    (Resource.NOTIFICATION, Action.LIST),
    (Resource.USER_ACCESS, Action.LIST),
    (Resource.USER_ACCESS, Action.APPROVE),
    (Resource.USER_ACCESS, Action.SUSPEND),
    (Resource.USER_ACCESS, Action.REINSTATE),
    (Resource.USER_ACCESS, Action.REVOKE),
    (Resource.ACCESS_CHANGE, Action.LIST),
    (Resource.PARTNER_AGREEMENT, Action.RECORD),
)


def _numbers(allowed: list[bool]) -> str:
    return "".join(str(n) if ok else _NONE for n, ok in enumerate(allowed, start=1))


def _purposes() -> list[str]:
    return [f"  {n}  {p.value}" for n, p in enumerate(Purpose, start=1)]


def _actions(policy: Policy) -> list[str]:
    width = max(len(f"{r.value}.{a.value}") for r, a in PAIRS) + 2
    lines = [
        "",
        "## actions (policy/actions.py)",
        "",
        "Each action on a resource of its own, the roles the policy lets take it and the purposes",
        f"they may take it for (one character per purpose; {_NONE}: not for that one). A role",
        "not listed under an action may not take it. The API's root fields declare their checks",
        "in these words (api/actions.py). Purposes:",
        *_purposes(),
        "",
        "action".ljust(width) + "role".ljust(_ROLE_WIDTH) + "purposes",
    ]
    for resource, action in PAIRS:
        for role in Role:
            allowed = [policy.allows({role.value}, resource, action, p) for p in Purpose]
            if any(allowed):
                lines.append(
                    f"{resource.value}.{action.value}".ljust(width)
                    + role.value.ljust(_ROLE_WIDTH)
                    + _numbers(allowed)
                )
    return lines


def _reach(policy: Policy) -> list[str]:
    width = max(len(s.name) for s in SCOPES) + 2
    lines = [
        "",
        "## how far a role's changes reach (policy/reach.py)",
        "",
        "For each kind of change, by role and purpose (one letter per purpose, numbered as",
        "above): A anything the caller sees, O only what is their own, - nothing (FORBIDDEN),",
        f"{_UNDECLARED} the role may not declare the purpose (HTTP 403). Their own is:",
        *[f"  {s.name.ljust(width)}{s.own_means}" for s in SCOPES],
        "",
        "change".ljust(width) + "role".ljust(_ROLE_WIDTH) + "purposes",
    ]
    for scope in SCOPES:
        for role in Role:
            letters = "".join(
                _REACH[reach(policy, {role.value}, p, scope)]
                if policy.may_act_for({role.value}, p)
                else _UNDECLARED
                for p in Purpose
            )
            lines.append(scope.name.ljust(width) + role.value.ljust(_ROLE_WIDTH) + letters)
    return lines


def _team_members(policy: Policy) -> list[str]:
    lines = [
        "",
        "## who may be on the team around a family, and lead it (policy/teams.py)",
        "",
        "By the member's roles in the register (not the caller's), whatever purpose the change",
        "is declared under.",
        "",
        "role".ljust(_ROLE_WIDTH) + "join  lead",
    ]
    for role in Role:
        join = "yes" if teams.may_join(policy, {role.value}) else "-"
        lead = "yes" if teams.may_lead(policy, {role.value}) else "-"
        lines.append((role.value.ljust(_ROLE_WIDTH) + join.ljust(6) + lead).rstrip())
    return lines


def action_table(policy: Policy) -> list[str]:
    """The lines of the three sections, for the end of ``decision_table``."""
    return _actions(policy) + _reach(policy) + _team_members(policy)
