"""The ages a relationship implies (policy/relationship_ages.toml): each rule allowed and refused
at its boundary, from either side of the link, and the file checked strictly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph.links import INVERSE_KIND
from policy.relationship_ages import VARIABLE, AgeRule, RelationshipAges

RULES = RelationshipAges.load()
TODAY = dt.date(2026, 12, 3)
D = dt.date


def test_the_committed_rules() -> None:
    assert RULES.rules == (
        AgeRule("PARENT", "CHILD", older_by=12),
        AgeRule("GRANDPARENT", "GRANDCHILD", older_by=24),
        AgeRule("STEP_PARENT", "STEP_CHILD", at_least=16),
    )


def test_each_rule_names_a_kind_and_its_inverse_as_the_links_know_them() -> None:
    for rule in RULES.rules:
        assert INVERSE_KIND[rule.kind] == rule.inverse


# (kind, born: the one who is `kind`, born: the one they are it of, broken rule or None)
CASES = [
    ("PARENT", D(1978, 5, 1), D(1990, 5, 1), None),  # exactly 12 years older
    ("PARENT", D(1978, 5, 2), D(1990, 5, 1), "PARENT"),  # a day short of it
    ("PARENT", D(2014, 1, 1), D(1978, 1, 1), "PARENT"),  # a 12-year-old as a 48-year-old's parent
    ("CHILD", D(1990, 5, 1), D(1978, 5, 1), None),  # the same, from the child's side
    ("CHILD", D(1990, 5, 1), D(1978, 5, 2), "PARENT"),
    ("CHILD", D(1978, 1, 1), D(2014, 1, 1), "PARENT"),
    ("GRANDPARENT", D(1960, 3, 1), D(1984, 3, 1), None),
    ("GRANDPARENT", D(1960, 3, 2), D(1984, 3, 1), "GRANDPARENT"),
    ("GRANDCHILD", D(1984, 3, 1), D(1960, 3, 1), None),
    ("GRANDCHILD", D(1984, 3, 1), D(1960, 3, 2), "GRANDPARENT"),
    # A step-parent may be younger than an adult stepchild, but is old enough to be a partner.
    ("STEP_PARENT", D(1995, 1, 1), D(1980, 1, 1), None),
    ("STEP_PARENT", D(2010, 12, 3), D(2020, 1, 1), None),  # 16 today
    ("STEP_PARENT", D(2010, 12, 4), D(2020, 1, 1), "STEP_PARENT"),  # 16 tomorrow
    ("STEP_CHILD", D(2020, 1, 1), D(2010, 12, 3), None),
    ("STEP_CHILD", D(2020, 1, 1), D(2010, 12, 4), "STEP_PARENT"),
    # Born on 29 February: a year older on 1 March in a common year, as English law counts it.
    ("PARENT", D(2000, 2, 29), D(2012, 3, 1), None),
    ("PARENT", D(2000, 2, 29), D(2012, 2, 28), "PARENT"),
]


@pytest.mark.parametrize(("kind", "from_born", "to_born", "broken"), CASES)
def test_each_rule_allows_and_refuses_at_its_boundary(
    kind: str, from_born: dt.date, to_born: dt.date, broken: str | None
) -> None:
    rule = RULES.broken(kind, from_born, to_born, TODAY)
    assert (rule.kind if rule else None) == broken


@pytest.mark.parametrize("kind", ["PARENT", "CHILD", "GRANDPARENT", "GRANDCHILD"])
def test_an_unknown_date_of_birth_checks_no_difference_of_ages(kind: str) -> None:
    for known in (D(1930, 1, 1), D(2025, 1, 1)):
        assert RULES.broken(kind, None, known, TODAY) is None
        assert RULES.broken(kind, known, None, TODAY) is None
    assert RULES.broken(kind, None, None, TODAY) is None


def test_a_step_parents_own_age_needs_only_their_own_date_of_birth() -> None:
    assert RULES.broken("STEP_PARENT", D(2015, 1, 1), None, TODAY) is not None
    assert RULES.broken("STEP_CHILD", None, D(2015, 1, 1), TODAY) is not None
    assert RULES.broken("STEP_PARENT", None, D(2015, 1, 1), TODAY) is None
    assert RULES.broken("STEP_CHILD", D(2015, 1, 1), None, TODAY) is None


@pytest.mark.parametrize(
    "kind", ["SIBLING", "STEP_SIBLING", "PARTNER", "CARER", "CARED_FOR", "OTHER"]
)
def test_kinds_that_imply_no_age_are_never_refused(kind: str) -> None:
    assert RULES.broken(kind, D(2024, 1, 1), D(1930, 1, 1), TODAY) is None
    assert RULES.broken(kind, D(1930, 1, 1), D(2024, 1, 1), TODAY) is None


def test_the_check_names_the_rule_it_applies_in_words() -> None:
    check = RULES.check("CHILD", TODAY)
    assert check(D(1990, 1, 1), D(1978, 1, 1)) is None
    assert check(D(1978, 1, 1), D(2014, 1, 1)) == (
        "a PARENT is at least 12 years older than their CHILD (rule PARENT)"
    )
    assert RULES.check("STEP_PARENT", TODAY)(D(2016, 1, 1), D(1980, 1, 1)) == (
        "a STEP_PARENT is at least 16 years old (rule STEP_PARENT)"
    )


def test_the_environment_names_another_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert RelationshipAges.current() == RULES
    stricter = tmp_path / "ages.toml"
    stricter.write_text('[PARENT]\ninverse = "CHILD"\nolder_by = 16\n')
    monkeypatch.setenv(VARIABLE, str(stricter))
    rules = RelationshipAges.current()
    assert rules.rules == (AgeRule("PARENT", "CHILD", older_by=16),)
    assert rules.broken("PARENT", D(1978, 1, 1), D(1993, 1, 1), TODAY) is not None
    assert rules.broken("GRANDPARENT", D(2010, 1, 1), D(1950, 1, 1), TODAY) is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[PARENT]\nolder_by = 12\n", "must name its inverse kind"),
        ('[PARENT]\ninverse = "CHILD"\n', "needs older_by or at_least"),
        ('[PARENT]\ninverse = "CHILD"\nolder_by = -1\n', "from 0 to 100"),
        ('[PARENT]\ninverse = "CHILD"\nolder_by = 12.5\n', "whole number"),
        ('[PARENT]\ninverse = "CHILD"\nolder_by = true\n', "whole number"),
        ('[PARENT]\ninverse = "CHILD"\nolder = 12\n', "unknown keys"),
        ('[PARENT]\ninverse = "CHILD"\nolder_by = 12\n[CHILD]\ninverse = "X"\nolder_by = 1\n',
         "one rule"),
        ("PARENT = 12\n", "must be a table"),
        ("[PARENT\n", "is not TOML"),
    ],
)  # fmt: skip
def test_a_malformed_file_is_refused_naming_the_problem(
    tmp_path: Path, text: str, problem: str
) -> None:
    path = tmp_path / "ages.toml"
    path.write_text(text)
    with pytest.raises(ValueError, match=problem):
        RelationshipAges.load(path)
