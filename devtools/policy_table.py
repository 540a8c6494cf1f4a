"""The README's table of what each role may read, per data class and purpose, from the policy.

python -m devtools.policy_table     (prints it; tests/policy/test_table.py keeps the README in step)
"""

from __future__ import annotations

from policy.actions import Action
from policy.enforcer import Policy
from vocabulary import DataClass, Purpose, Role

_NUMBER = {purpose: str(n) for n, purpose in enumerate(Purpose, start=1)}


def markdown_table(policy: Policy) -> str:
    classes = list(DataClass)
    lines = [
        "| role | may declare | " + " | ".join(c.value for c in classes) + " |",
        "|---|---|" + "---|" * len(classes),
    ]
    for role in Role:
        declared = [_NUMBER[p] for p in Purpose if policy.may_act_for({role.value}, p)]
        cells = [
            ",".join(_NUMBER[p] for p in Purpose if policy.allows({role.value}, c, Action.READ, p))
            or "–"  # noqa: RUF001 - an en dash reads as "none" in the table
            for c in classes
        ]
        lines.append(
            f"| {role.value} | {','.join(declared) or 'none'} | " + " | ".join(cells) + " |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown_table(Policy.load()))
