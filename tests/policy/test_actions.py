"""The enums the API declares its checks with are the policy file's own vocabulary: every action
and resource of policy/policy.csv is one of them (or a word of another vocabulary: a data class,
a role, a lawful basis, a condition), and every member is used by some rule."""

from __future__ import annotations

import csv

from policy.action_table import PAIRS
from policy.actions import Action, Resource
from policy.enforcer import RULES
from policy.lawful_bases import LawfulBasis, SpecialCondition
from vocabulary import DataClass, Role


def _rules() -> list[tuple[str, str, str, str]]:
    lines = (line for line in RULES.read_text().splitlines() if line.strip() and line[0] != "#")
    return [(r[1].strip(), r[2].strip(), r[3].strip(), r[4].strip()) for r in csv.reader(lines)]


RULES_READ = _rules()
# The resource each action is taken on when it is a word of another vocabulary.
OTHER_VOCABULARIES: dict[Action, set[str]] = {
    Action.READ: {c.value for c in DataClass},
    Action.GRANT: {r.value for r in Role},
    Action.RELY_ON: {b.value for b in LawfulBasis},
    Action.CONDITION: {c.value for c in SpecialCondition},
}


def test_every_action_of_the_policy_is_an_action_and_every_action_is_used() -> None:
    used = {action for _, _, action, _ in RULES_READ}
    assert used == {a.value for a in Action}


def test_every_resource_is_a_resource_or_a_word_of_the_actions_vocabulary() -> None:
    strays = [
        (resource, action)
        for _, resource, action, _ in RULES_READ
        if resource not in OTHER_VOCABULARIES.get(Action(action), {r.value for r in Resource})
    ]
    assert strays == []


def test_every_resource_is_used_by_some_rule() -> None:
    used = {resource for _, resource, _, _ in RULES_READ}
    assert {r.value for r in Resource} <= used


def test_the_decision_tables_actions_are_exactly_the_policys() -> None:
    in_policy = {
        (resource, action)
        for _, resource, action, _ in RULES_READ
        if Action(action) not in OTHER_VOCABULARIES
    }
    assert {(r.value, a.value) for r, a in PAIRS} == in_policy
    assert len(PAIRS) == len(set(PAIRS))
