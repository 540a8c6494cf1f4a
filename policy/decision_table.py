"""Every decision of ``policy.decision.decide``, as a table for information governance to review.

python -m policy.decision_table > tests/policy/decisions.txt
    (tests/policy/test_decisions.py fails when the committed table and the policy drift apart)
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from policy.access import Reason
from policy.decision import ConsentState, Kind, Outcome, Relation, decide
from policy.enforcer import Policy
from policy.lawful_bases import CONDITIONS, LawfulBasis, SpecialCondition
from policy.vocabulary import SPECIAL, DataClass, Purpose, Role

# One letter per outcome, so that a cell holds one letter per consent state and a line stays
# narrow enough to read. Upper case is served, lower case withheld.
SERVED: Mapping[LawfulBasis, str] = MappingProxyType(
    {
        LawfulBasis.CONSENT: "C",
        LawfulBasis.PUBLIC_TASK: "T",
        LawfulBasis.VITAL_INTERESTS: "V",
        LawfulBasis.LEGAL_OBLIGATION: "L",
        LawfulBasis.PREVENTION_OF_CRIME: "X",
    }
)
WITHHELD: Mapping[Reason, str] = MappingProxyType(
    {Reason.NOT_PERMITTED: "p", Reason.CONDITION_REQUIRED: "s", Reason.NO_CONSENT: "n"}
)
ABSENT = "-"
FORBIDDEN = "F"

_COLUMNS = {
    Relation.TEAM: "team",
    Relation.ORGANISATION_TEAM: "org-team",
    Relation.SUPPLIER: "supplier",
    Relation.BREAK_GLASS: "b-glass",
    Relation.NONE: "none",
}
_ROLE_WIDTH = max(len(r.value) for r in Role) + 2
_CLASS_WIDTH = max(len(c.value) for c in DataClass) + 2
_CELL_WIDTH = max(len(ConsentState), *(len(c) for c in _COLUMNS.values())) + 1


def condition_for(data_class: DataClass) -> SpecialCondition | None:
    """The condition the table declares: the first in the catalogue that covers a special
    category, none for other classes (whether a missing condition withholds is tested apart)."""
    if data_class not in SPECIAL:
        return None
    return next(c.code for c in CONDITIONS.values() if data_class.value in c.covers)


def code(outcome: Outcome) -> str:
    """The outcome's letter in the table."""
    if outcome.kind is Kind.FORBIDDEN:
        return FORBIDDEN
    if outcome.kind is Kind.ABSENT:
        return ABSENT
    if outcome.kind is Kind.WITHHELD:
        assert outcome.reason is not None
        return WITHHELD[outcome.reason]
    assert outcome.basis is not None
    return SERVED[outcome.basis]


def _header() -> list[str]:
    order = ", ".join(s.value.replace("_", " ") for s in ConsentState)
    conditions = sorted({str(condition_for(c)) for c in SPECIAL})
    lines = [
        "What each role gets for one field of personal data about a person, for each purpose,",
        "by data class, by how the caller stands to the person (column) and by the person's",
        "consent (one letter per consent state within a column). Generated from policy/policy.csv",
        "by policy/decision.py, the functions the API itself uses: do not edit by hand.",
        "",
        "Columns (how the caller stands to the person):",
        "  team         the caller is on the team around the person's family",
        "  org-team     someone from the caller's organisation is (counts for partner systems)",
        "  supplier     the caller's organisation supplied a record about the person",
        "  b-glass      the caller holds an unexpired break-glass grant for the family",
        "  none         none of these",
        "Consent states, one letter each, in this order in every cell:",
        f"  {order}.",
        "  Only 'given' covers: given, in date, for this purpose and the caller's organisation",
        "  or its sector.",
        "Letters:",
        f"  {FORBIDDEN}  forbidden: the role may not declare this purpose (HTTP 403)",
        f"  {ABSENT}  absent: the person is not visible (left out of lists, null by id)",
    ]
    lines += [f"  {letter}  served, relying on {basis.value}" for basis, letter in SERVED.items()]
    lines += [f"  {letter}  withheld (null): {reason.value}" for reason, letter in WITHHELD.items()]
    lines += [
        "Special category and criminal offence data are decided with a covering condition",
        f"declared in X-Special-Condition ({', '.join(conditions)}); without one they are",
        f"withheld ({Reason.CONDITION_REQUIRED.value}). No request here offers a lawful basis",
        "(X-Lawful-Basis): the basis relied on is consent for steps 3 to 5, else public task.",
    ]
    return lines


def _line(policy: Policy, purpose: Purpose, role: Role, data_class: DataClass) -> str:
    cells = [
        "".join(
            code(
                decide(
                    policy,
                    {role.value},
                    purpose,
                    data_class,
                    relation,
                    consent,
                    special_condition=condition_for(data_class),
                )
            )
            for consent in ConsentState
        )
        for relation in Relation
    ]
    return (
        role.value.ljust(_ROLE_WIDTH)
        + data_class.value.ljust(_CLASS_WIDTH)
        + "".join(c.ljust(_CELL_WIDTH) for c in cells).rstrip()
    )


def decision_table(policy: Policy) -> str:
    lines = _header()
    heading = (
        "role".ljust(_ROLE_WIDTH)
        + "data class".ljust(_CLASS_WIDTH)
        + "".join(_COLUMNS[r].ljust(_CELL_WIDTH) for r in Relation).rstrip()
    )
    for purpose in Purpose:
        lines += ["", f"## {purpose.value}", "", heading]
        lines += [
            _line(policy, purpose, role, data_class) for role in Role for data_class in DataClass
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(decision_table(Policy.load()), end="")
