"""Every role x data class x sharing state x relation x purpose decision, as the API decides it.

The golden table (tests/policy/decisions.txt) is what information governance reviews; the spot
checks below pin the rules that matter most by hand, each with a case it allows and one it denies.
"""

from __future__ import annotations

from itertools import product
from pathlib import Path

import pytest

from devtools.decision_table import (
    ABSENT,
    FORBIDDEN,
    SCENARIOS,
    SERVED,
    UNAUTHORISED,
    WITHHELD,
    decision_table,
    sharing_of,
)
from policy import Policy
from policy.decision import Basis, Kind, Outcome, Relation, Sharing, UserStanding, decide
from policy.field_access import Reason
from vocabulary import DataClass, Purpose, Role

GOLDEN = Path(__file__).resolve().parent / "decisions.txt"
POLICY = Policy.load()


def test_the_table_is_the_policy_as_it_is() -> None:
    table = decision_table(POLICY)
    assert table == GOLDEN.read_text(), (
        "The decisions changed. If that is intended, regenerate the golden table with\n"
        "    python -m devtools.decision_table > tests/policy/decisions.txt\n"
        "and have the diff reviewed (information governance signs off changes to who sees what)."
    )


def _cells(table: str) -> dict[tuple[Purpose, Role, DataClass, Relation, Sharing], str]:
    """The grid read back: one letter per combination."""
    cells: dict[tuple[Purpose, Role, DataClass, Relation, Sharing], str] = {}
    purpose: Purpose | None = None
    for line in table.splitlines():
        if line.startswith("## "):
            purpose = Purpose(line[3:]) if line[3:] in set(Purpose) else None
            continue
        words = line.split()
        if purpose is None or not words or words[0] not in set(Role):
            continue
        role, data_class, *groups = words
        assert len(groups) == len(Relation), line
        for relation, group in zip(Relation, groups, strict=True):
            assert len(group) == len(Sharing), line
            for sharing, letter in zip(Sharing, group, strict=True):
                key = (purpose, Role(role), DataClass(data_class), relation, sharing)
                assert key not in cells, f"{key} appears twice"
                cells[key] = letter
    return cells


def test_the_table_has_one_cell_per_combination_and_each_reads() -> None:
    cells = _cells(GOLDEN.read_text())
    assert set(cells) == set(product(Purpose, Role, DataClass, Relation, Sharing))
    letters = {UNAUTHORISED, FORBIDDEN, ABSENT, *SERVED.values(), *WITHHELD.values()}
    assert len(letters) == 3 + len(SERVED) + len(WITHHELD), "two outcomes share a letter"
    unknown = {letter for letter in cells.values() if letter not in letters}
    assert not unknown, f"cells that mean nothing: {unknown}"


def _decide(
    role: Role,
    purpose: Purpose,
    data_class: DataClass = DataClass.IDENTITY,
    relation: Relation = Relation.TEAM,
    sharing: Sharing = Sharing.CONSENT,
    user: UserStanding = UserStanding.ACTIVE,
) -> Outcome:
    return decide(POLICY, {role.value}, purpose, data_class, relation, sharing, user)


SERVED_ON_CONSENT = Outcome(Kind.SERVED, basis=Basis.CONSENT)
SERVED_ON_DECISION = Outcome(Kind.SERVED, basis=Basis.DECISION)
SERVED_ON_PUBLIC_TASK = Outcome(Kind.SERVED, basis=Basis.PUBLIC_TASK)
NO_CONSENT = Outcome(Kind.WITHHELD, Reason.NO_CONSENT)
NOT_PERMITTED = Outcome(Kind.WITHHELD, Reason.NOT_PERMITTED)
CONDITION_REQUIRED = Outcome(Kind.WITHHELD, Reason.CONDITION_REQUIRED)
ABSENT_ROW = Outcome(Kind.ABSENT)
FORBIDDEN_PURPOSE = Outcome(Kind.FORBIDDEN)


# Consent: for steps 3 to 5 a field is served only when a consent in force covers it, or a
# decision to share without consent recorded beforehand.
def test_consent_in_force_serves_on_consent() -> None:
    assert _decide(Role.PRACTITIONER, Purpose.COORDINATE_SUPPORT) == SERVED_ON_CONSENT


def test_nothing_covering_withholds() -> None:
    outcome = _decide(Role.PRACTITIONER, Purpose.COORDINATE_SUPPORT, sharing=Sharing.NONE)
    assert outcome == NO_CONSENT


def test_a_decision_to_share_without_consent_serves_on_it() -> None:
    outcome = _decide(Role.PRACTITIONER, Purpose.COORDINATE_SUPPORT, sharing=Sharing.DECISION)
    assert outcome == SERVED_ON_DECISION


# Steps 1, 2 and 6 rest on public task: what the person decided does not matter.
@pytest.mark.parametrize("sharing", list(Sharing))
def test_identifying_families_rests_on_public_task(sharing: Sharing) -> None:
    outcome = _decide(Role.COORDINATOR, Purpose.IDENTIFY_FAMILIES, sharing=sharing)
    assert outcome == SERVED_ON_PUBLIC_TASK


# Only active users of the register are served.
@pytest.mark.parametrize("role", list(Role))
def test_a_user_who_is_not_active_gets_nothing(role: Role) -> None:
    assert (
        _decide(role, Purpose.ASSESS_NEEDS, user=UserStanding.NOT_ACTIVE).kind is Kind.UNAUTHORISED
    )
    assert _decide(Role.COORDINATOR, Purpose.ASSESS_NEEDS).kind is Kind.SERVED


# Purpose: a role declares only its own purposes.
def test_the_national_evaluator_acts_for_the_national_evaluation() -> None:
    # It sees every row, and no personal field of any (pseudonymised data only).
    for relation in (Relation.TEAM, Relation.NONE):
        outcome = _decide(Role.NATIONAL_EVALUATOR, Purpose.NATIONAL_EVALUATION, relation=relation)
        assert outcome == NOT_PERMITTED


@pytest.mark.parametrize("purpose", [p for p in Purpose if p is not Purpose.NATIONAL_EVALUATION])
def test_the_national_evaluator_is_forbidden_other_purposes(purpose: Purpose) -> None:
    assert _decide(Role.NATIONAL_EVALUATOR, purpose) == FORBIDDEN_PURPOSE


# Rows: need to know.
def test_a_practitioner_sees_no_one_they_do_not_relate_to() -> None:
    outcome = _decide(Role.PRACTITIONER, Purpose.COORDINATE_SUPPORT, relation=Relation.NONE)
    assert outcome == ABSENT_ROW


def test_a_coordinator_sees_every_family() -> None:
    outcome = _decide(Role.COORDINATOR, Purpose.COORDINATE_SUPPORT, relation=Relation.NONE)
    assert outcome == SERVED_ON_CONSENT


def test_a_partner_system_sees_the_teams_of_its_organisation() -> None:
    outcome = _decide(
        Role.PARTNER_SYSTEM, Purpose.COORDINATE_SUPPORT, relation=Relation.ORGANISATION_TEAM
    )
    assert outcome == SERVED_ON_CONSENT


def test_a_practitioner_does_not_see_the_teams_of_their_organisation() -> None:
    outcome = _decide(
        Role.PRACTITIONER, Purpose.COORDINATE_SUPPORT, relation=Relation.ORGANISATION_TEAM
    )
    assert outcome == ABSENT_ROW


@pytest.mark.parametrize(
    ("relation", "expected"),
    [(Relation.SUPPLIER, SERVED_ON_PUBLIC_TASK), (Relation.NONE, ABSENT_ROW)],
)
def test_the_supplier_of_a_record_sees_the_person(relation: Relation, expected: Outcome) -> None:
    outcome = _decide(Role.PARTNER_SYSTEM, Purpose.IDENTIFY_INDIVIDUALS, relation=relation)
    assert outcome == expected


# Fields: the role's data classes for the purpose; special categories need a condition.
def test_a_class_the_role_may_not_read_is_withheld() -> None:
    coordinating = Purpose.COORDINATE_SUPPORT
    assert _decide(Role.PARTNER_SYSTEM, coordinating, DataClass.CASE_NOTES) == NOT_PERMITTED
    assert _decide(Role.PARTNER_SYSTEM, coordinating, DataClass.ADDRESS) == SERVED_ON_CONSENT


@pytest.mark.parametrize(
    ("sharing", "expected"),
    [
        (Sharing.CONSENT, CONDITION_REQUIRED),
        (Sharing.EXPLICIT, SERVED_ON_CONSENT),
        (Sharing.DECISION, CONDITION_REQUIRED),
        (Sharing.DECISION_CONDITION, SERVED_ON_DECISION),
        (Sharing.NONE, NO_CONSENT),
    ],
)
def test_special_category_data_needs_explicit_consent_or_a_decision_naming_a_condition(
    sharing: Sharing, expected: Outcome
) -> None:
    health = DataClass.HEALTH
    assert _decide(Role.PRACTITIONER, Purpose.ASSESS_NEEDS, health, sharing=sharing) == expected


def test_a_condition_never_widens_what_a_role_may_read() -> None:
    outcome = _decide(
        Role.PRACTITIONER,
        Purpose.ASSESS_NEEDS,
        DataClass.CRIMINAL_OFFENCE,
        sharing=Sharing.EXPLICIT,
    )
    assert outcome == NOT_PERMITTED


def test_public_task_purposes_read_special_categories_under_the_policys_standing_condition() -> (
    None
):
    analyst = _decide(Role.DATA_ANALYST, Purpose.IDENTIFY_FAMILIES, DataClass.HEALTH)
    assert analyst == SERVED_ON_PUBLIC_TASK
    # The same role and purpose names no standing condition for a class it may not read anyway.
    assert (
        _decide(Role.DATA_ANALYST, Purpose.IDENTIFY_FAMILIES, DataClass.RELIGION) == NOT_PERMITTED
    )


# Who decided, and when: the scenarios of the second table, by hand.
_EXPECTED_SHARING = {
    "an adult's own consent": Sharing.CONSENT,
    "an adult's own consent, then their refusal": Sharing.NONE,
    "an adult's own consent, then withdrawn": Sharing.NONE,
    "an adult's refusal, then their consent": Sharing.CONSENT,
    "an adult's own consent, expired": Sharing.NONE,
    "consent naming the organisation, then a refusal naming its sector": Sharing.NONE,
    "consent for the sector, then a refusal naming another of its organisations": Sharing.CONSENT,
    "consent dated before the person was born": Sharing.NONE,
    "a parent's consent for a child of 10": Sharing.CONSENT,
    "a parent's consent, no parent named": Sharing.NONE,
    "a parent's consent for a child of 15": Sharing.CONSENT,
    "a parent's consent given at 17, the person now 18": Sharing.NONE,
    "a parent's consent for someone of 37": Sharing.NONE,
    "a child of 12's own consent (under the consent age)": Sharing.NONE,
    "a child of 17's own consent withdrawn, then a parent's consent": Sharing.NONE,
    "a child of 16's refusal, then a parent's consent": Sharing.NONE,
    "an appropriate person for an adult, with a reason": Sharing.CONSENT,
    "an appropriate person for an adult, no reason": Sharing.NONE,
    "health data: consent naming health": Sharing.EXPLICIT,
    "health data: consent naming no category": Sharing.CONSENT,
}


@pytest.mark.parametrize("description", sorted(_EXPECTED_SHARING))
def test_who_decided_and_when(description: str) -> None:
    scenario = next(s for s in SCENARIOS if s.description == description)
    assert sharing_of(scenario)[0] is _EXPECTED_SHARING[description]


def test_a_parents_consent_for_a_child_past_the_consent_age_is_due_for_review() -> None:
    review = {s.description: sharing_of(s)[2] for s in SCENARIOS}
    assert review["a parent's consent for a child of 15"] is True
    assert review["a parent's consent for a child of 10"] is False
