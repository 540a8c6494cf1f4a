"""Every role x data class x consent state x relation x purpose decision, as the API decides it.

The golden table (tests/policy/decisions.txt) is what information governance reviews; the spot
checks below pin the rules that matter most by hand, each with a case it allows and one it denies.
"""

from __future__ import annotations

from itertools import product
from pathlib import Path

import pytest

from policy import DataClass, Policy, Purpose, Role
from policy.access import Reason
from policy.decision import ConsentState, Kind, Outcome, Relation, decide
from policy.decision_table import ABSENT, FORBIDDEN, SERVED, WITHHELD, decision_table
from policy.lawful_bases import LawfulBasis, SpecialCondition

GOLDEN = Path(__file__).resolve().parent / "decisions.txt"
POLICY = Policy.load()

CONSENT = LawfulBasis.CONSENT
PUBLIC_TASK = LawfulBasis.PUBLIC_TASK


def test_the_table_is_the_policy_as_it_is() -> None:
    table = decision_table(POLICY)
    assert table == GOLDEN.read_text(), (
        "The decisions changed. If that is intended, regenerate the golden table with\n"
        "    python -m policy.decision_table > tests/policy/decisions.txt\n"
        "and have the diff reviewed (information governance signs off changes to who sees what)."
    )


def _cells(table: str) -> dict[tuple[Purpose, Role, DataClass, Relation, ConsentState], str]:
    """The table read back: one letter per combination."""
    cells: dict[tuple[Purpose, Role, DataClass, Relation, ConsentState], str] = {}
    purpose: Purpose | None = None
    for line in table.splitlines():
        if line.startswith("## "):
            purpose = Purpose(line[3:])
            continue
        words = line.split()
        if purpose is None or not words or words[0] not in set(Role):
            continue
        role, data_class, *groups = words
        assert len(groups) == len(Relation), line
        for relation, group in zip(Relation, groups, strict=True):
            assert len(group) == len(ConsentState), line
            for consent, letter in zip(ConsentState, group, strict=True):
                key = (purpose, Role(role), DataClass(data_class), relation, consent)
                assert key not in cells, f"{key} appears twice"
                cells[key] = letter
    return cells


def test_the_table_has_one_cell_per_combination_and_each_reads() -> None:
    cells = _cells(GOLDEN.read_text())
    assert set(cells) == set(product(Purpose, Role, DataClass, Relation, ConsentState))
    letters = {FORBIDDEN, ABSENT, *SERVED.values(), *WITHHELD.values()}
    assert len(letters) == 2 + len(SERVED) + len(WITHHELD), "two outcomes share a letter"
    unknown = {letter for letter in cells.values() if letter not in letters}
    assert not unknown, f"cells that mean nothing: {unknown}"


def _decide(
    role: Role,
    purpose: Purpose,
    data_class: DataClass = DataClass.IDENTITY,
    relation: Relation = Relation.TEAM,
    consent: ConsentState = ConsentState.GIVEN,
    special_condition: SpecialCondition | None = None,
    offered_basis: LawfulBasis | None = None,
) -> Outcome:
    return decide(
        POLICY,
        {role.value},
        purpose,
        data_class,
        relation,
        consent,
        special_condition,
        offered_basis,
    )


SERVED_ON_CONSENT = Outcome(Kind.SERVED, basis=CONSENT)
SERVED_ON_PUBLIC_TASK = Outcome(Kind.SERVED, basis=PUBLIC_TASK)
NO_CONSENT = Outcome(Kind.WITHHELD, Reason.NO_CONSENT)
NOT_PERMITTED = Outcome(Kind.WITHHELD, Reason.NOT_PERMITTED)
ABSENT_ROW = Outcome(Kind.ABSENT)
FORBIDDEN_PURPOSE = Outcome(Kind.FORBIDDEN)


# Consent: for steps 3 to 5 a field is served only on the person's consent that covers it.
def test_consent_given_serves_on_consent() -> None:
    outcome = _decide(Role.PRACTITIONER, Purpose.COORDINATE_SUPPORT)
    assert outcome == SERVED_ON_CONSENT


@pytest.mark.parametrize("consent", [c for c in ConsentState if c is not ConsentState.GIVEN])
def test_consent_in_any_other_state_withholds(consent: ConsentState) -> None:
    outcome = _decide(Role.PRACTITIONER, Purpose.COORDINATE_SUPPORT, consent=consent)
    assert outcome == NO_CONSENT


# Another basis the role may rely on stands instead of consent; one it may not is refused.
def test_a_basis_the_role_may_rely_on_serves_without_consent() -> None:
    outcome = _decide(
        Role.PRACTITIONER,
        Purpose.COORDINATE_SUPPORT,
        consent=ConsentState.WITHDRAWN,
        offered_basis=LawfulBasis.VITAL_INTERESTS,
    )
    assert outcome == Outcome(Kind.SERVED, basis=LawfulBasis.VITAL_INTERESTS)


def test_a_basis_the_role_may_not_rely_on_is_forbidden() -> None:
    outcome = _decide(
        Role.PRACTITIONER, Purpose.COORDINATE_SUPPORT, offered_basis=LawfulBasis.PUBLIC_TASK
    )
    assert outcome == FORBIDDEN_PURPOSE


# Steps 1, 2 and 6 rest on public task: the person's consent does not matter.
@pytest.mark.parametrize("consent", list(ConsentState))
def test_identifying_families_rests_on_public_task(consent: ConsentState) -> None:
    outcome = _decide(Role.COORDINATOR, Purpose.IDENTIFY_FAMILIES, consent=consent)
    assert outcome == SERVED_ON_PUBLIC_TASK


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
def test_a_practitioner_sees_the_families_of_their_team() -> None:
    assert _decide(Role.PRACTITIONER, Purpose.COORDINATE_SUPPORT) == SERVED_ON_CONSENT


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


@pytest.mark.parametrize(
    ("consent", "expected"),
    [(ConsentState.GIVEN, SERVED_ON_CONSENT), (ConsentState.WITHDRAWN, NO_CONSENT)],
)
def test_break_glass_shows_the_family_and_consent_still_applies(
    consent: ConsentState, expected: Outcome
) -> None:
    # The grant is sight of the family, not a basis: the request still relies on consent unless
    # it offers another basis (X-Lawful-Basis: VITAL_INTERESTS).
    relation = Relation.BREAK_GLASS
    outcome = _decide(Role.PRACTITIONER, Purpose.ASSESS_NEEDS, relation=relation, consent=consent)
    assert outcome == expected


# Fields: the role's data classes for the purpose; special categories need a covering condition.
def test_a_class_the_role_may_not_read_is_withheld() -> None:
    coordinating = Purpose.COORDINATE_SUPPORT
    assert _decide(Role.PARTNER_SYSTEM, coordinating, DataClass.CASE_NOTES) == NOT_PERMITTED
    assert _decide(Role.PARTNER_SYSTEM, coordinating, DataClass.ADDRESS) == SERVED_ON_CONSENT


def test_special_category_data_needs_a_covering_condition() -> None:
    health = DataClass.HEALTH
    without = _decide(Role.PRACTITIONER, Purpose.ASSESS_NEEDS, health)
    assert without == Outcome(Kind.WITHHELD, Reason.CONDITION_REQUIRED)
    covering = SpecialCondition.HEALTH_OR_SOCIAL_CARE
    outcome = _decide(Role.PRACTITIONER, Purpose.ASSESS_NEEDS, health, special_condition=covering)
    assert outcome == SERVED_ON_CONSENT


def test_a_condition_never_widens_what_a_role_may_read() -> None:
    outcome = _decide(
        Role.PRACTITIONER,
        Purpose.ASSESS_NEEDS,
        DataClass.CRIMINAL_OFFENCE,
        special_condition=SpecialCondition.EXPLICIT_CONSENT,
    )
    assert outcome == NOT_PERMITTED
