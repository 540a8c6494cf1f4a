"""The demo data obeys the rules the API applies to the same writes: who is on a team and who
leads it, a team never without its lead, and relationships whose ages could be true."""

from __future__ import annotations

from collections import defaultdict

import pytest

from devtools.synthetic.demo import Dataset, generate
from devtools.synthetic.demo.generate import AS_AT
from policy import Policy
from policy import teams as team_policy
from policy.relationship_ages import RelationshipAges

POLICY = Policy.load()


@pytest.fixture(scope="module")
def data() -> Dataset:
    return generate(3000, seed=5)


def test_every_member_may_be_on_a_team_and_every_lead_may_lead(data: Dataset) -> None:
    roles = {u["id"]: frozenset(u["roles"]) for u in data.users}
    assert data.teams
    for row in data.teams:
        assert team_policy.may_join(POLICY, roles[row["userId"]]), row
        if row["lead"]:
            assert team_policy.may_lead(POLICY, roles[row["userId"]]), row


def test_every_team_has_exactly_one_lead(data: Dataset) -> None:
    leads: dict[str, int] = defaultdict(int)
    for row in data.teams:
        leads[row["familyId"]] += bool(row["lead"])
    assert set(leads.values()) == {1}


def test_every_relationship_has_ages_that_could_be_true(data: Dataset) -> None:
    born = {p["id"]: p["dateOfBirth"] for p in data.people}
    rules = RelationshipAges.load()
    for row in data.related_to:
        broken = rules.broken(row["kind"], born[row["fromId"]], born[row["toId"]], AS_AT)
        assert broken is None, (row, broken)
