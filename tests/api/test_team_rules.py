"""The policy's rules about the members of a team, over HTTP: who may be on a team, who may lead
it, and that a team with members is never left without its lead."""

from __future__ import annotations

import httpx
import pytest

from api.relay import global_id
from graph import Database
from tests.api.conftest import GraphQL, Token
from tests.api.team_support import (
    ADD,
    CORA,
    END,
    FAMILY_TEAM,
    GARY,
    GREENS,
    LEAD,
    LENA,
    NOT_ON_TEAMS,
    PAT,
    READ_GARY,
    SMITHS,
    TERRY,
    members,
    payload_of,
    post,
    restore_teams,  # noqa: F401 - autouse: the teams put back after each test
    team_users,  # noqa: F401 - autouse: the users these tests add
    teams,
)


def _errors(payload: dict[str, object]) -> list[tuple[str, str]]:
    return [(e["code"], e["field"]) for e in payload["errors"]]  # type: ignore[attr-defined]


# -- who may be on a team ---------------------------------------------------------------------


@pytest.mark.parametrize(("raw_id", "name", "roles"), NOT_ON_TEAMS)
async def test_a_user_whose_roles_may_not_be_on_a_team_is_refused_and_nothing_is_written(
    gql: GraphQL, db: Database, raw_id: str, name: str, roles: list[str] | None
) -> None:
    before = await teams(db)
    for lead in (False, True):
        body = await gql.post(
            ADD,
            {"input": {"familyId": GREENS, "userId": global_id("User", raw_id), "lead": lead}},
            role="coordinator",
        )
        payload = payload_of(body, "addTeamMember")
        assert _errors(payload) == [("BAD_USER_INPUT", "userId")], (name, lead)
        assert payload["errors"][0]["message"] == (
            "The user's roles may not be on a family's team; the policy lets only these: "
            "coordinator, lead_practitioner, practitioner."
        )
        assert payload["team"] is None
    assert await teams(db) == before


async def test_a_partner_system_account_refused_a_place_does_not_see_the_family(
    client: httpx.AsyncClient, token: Token, gql: GraphQL
) -> None:
    system = token("partner_system", "t-team-system", "t-team-org-signed")
    body = await gql.post(
        ADD,
        {"input": {"familyId": GREENS, "userId": global_id("User", "t-team-system")}},
        role="coordinator",
    )
    assert _errors(payload_of(body, "addTeamMember")) == [("BAD_USER_INPUT", "userId")]
    assert (await post(client, system, READ_GARY, {"id": GARY}))["data"]["person"] is None


async def test_practitioners_lead_practitioners_and_coordinators_may_be_on_a_team(
    gql: GraphQL,
) -> None:
    for user in (TERRY, LENA, CORA):
        body = await gql.post(
            ADD, {"input": {"familyId": GREENS, "userId": user}}, role="coordinator"
        )
        assert payload_of(body, "addTeamMember")["errors"] == []
    current = await gql.data(FAMILY_TEAM, {"id": GREENS, "history": False}, role="coordinator")
    assert sorted(e["node"]["name"] for e in current["family"]["team"]["edges"]) == [
        "Cora Coordinator",
        "Lena Lead",
        "Pat Practitioner",
        "Terry Team",
    ]


# -- who may lead ---------------------------------------------------------------------------

LEAD_REFUSED = (
    "The user's roles may not lead a family's team; the policy lets only these: "
    "coordinator, lead_practitioner."
)


async def test_a_practitioner_is_not_made_the_lead_and_nothing_is_written(
    gql: GraphQL, db: Database
) -> None:
    # Terry is a practitioner in the register: neither joining as lead nor being made lead.
    before = await teams(db)
    body = await gql.post(
        ADD, {"input": {"familyId": SMITHS, "userId": TERRY, "lead": True}}, role="coordinator"
    )
    payload = payload_of(body, "addTeamMember")
    assert _errors(payload) == [("BAD_USER_INPUT", "userId")]
    assert payload["errors"][0]["message"] == LEAD_REFUSED
    assert payload["team"] is None
    assert await teams(db) == before

    joined = await gql.post(
        ADD, {"input": {"familyId": SMITHS, "userId": TERRY}}, role="coordinator"
    )
    assert payload_of(joined, "addTeamMember")["errors"] == []
    before = await teams(db)
    for role in ("coordinator", "lead_practitioner"):  # Pat, who leads the Smiths' team
        body = await gql.post(LEAD, {"input": {"familyId": SMITHS, "userId": TERRY}}, role=role)
        payload = payload_of(body, "setLeadPractitioner")
        assert _errors(payload) == [("BAD_USER_INPUT", "userId")], role
        assert payload["errors"][0]["message"] == LEAD_REFUSED
    assert await teams(db) == before


async def test_a_lead_practitioner_or_a_coordinator_is_made_the_lead(gql: GraphQL) -> None:
    added = await gql.post(
        ADD, {"input": {"familyId": SMITHS, "userId": LENA, "lead": True}}, role="coordinator"
    )
    assert members(payload_of(added, "addTeamMember")) == [
        ("Lena Lead", True, True),
        ("Pat Practitioner", False, True),
    ]
    await gql.post(ADD, {"input": {"familyId": SMITHS, "userId": CORA}}, role="coordinator")
    made = await gql.post(LEAD, {"input": {"familyId": SMITHS, "userId": CORA}}, role="coordinator")
    assert members(payload_of(made, "setLeadPractitioner")) == [
        ("Cora Coordinator", True, True),
        ("Lena Lead", False, True),
        ("Pat Practitioner", False, True),
    ]


# -- a team is never left without its lead ----------------------------------------------------


async def test_the_lead_cannot_leave_while_others_are_on_the_team(
    gql: GraphQL, db: Database
) -> None:
    # Pat leads the Smiths' team; with Terry on it too, Pat's membership cannot end first.
    await gql.post(ADD, {"input": {"familyId": SMITHS, "userId": TERRY}}, role="coordinator")
    before = await teams(db)
    for role in ("coordinator", "lead_practitioner"):  # a co-ordinator, or Pat themself
        body = await gql.post(
            END, {"input": {"familyId": SMITHS, "userId": PAT, "reason": "Moving on."}}, role=role
        )
        payload = payload_of(body, "endTeamMembership")
        assert _errors(payload) == [("BAD_USER_INPUT", "userId")], role
        assert "appoint another lead first" in payload["errors"][0]["message"]
        assert payload["team"] is None
    assert await teams(db) == before

    # Once another leads, Pat's membership ends like any other.
    await gql.post(ADD, {"input": {"familyId": SMITHS, "userId": LENA}}, role="coordinator")
    await gql.post(LEAD, {"input": {"familyId": SMITHS, "userId": LENA}}, role="coordinator")
    ended = await gql.post(
        END,
        {"input": {"familyId": SMITHS, "userId": PAT, "reason": "Moving on."}},
        role="coordinator",
    )
    assert members(payload_of(ended, "endTeamMembership")) == [
        ("Lena Lead", True, True),
        ("Terry Team", False, True),
    ]


async def test_the_last_member_ends_the_team_even_as_its_lead(
    gql: GraphQL, client: httpx.AsyncClient, token: Token
) -> None:
    # Pat leads the Smiths' team alone: ending the membership closes the team, and with it
    # Pat's sight of the family.
    pat = token("lead_practitioner")
    assert (await post(client, pat, FAMILY_TEAM, {"id": SMITHS, "history": False}))["data"][
        "family"
    ] is not None
    body = await gql.post(
        END,
        {"input": {"familyId": SMITHS, "userId": PAT, "reason": "Case closed."}},
        role="coordinator",
    )
    assert payload_of(body, "endTeamMembership")["errors"] == []
    closed = await gql.data(FAMILY_TEAM, {"id": SMITHS, "history": False}, role="coordinator")
    assert closed["family"]["team"]["totalCount"] == 0
    assert (await post(client, pat, FAMILY_TEAM, {"id": SMITHS, "history": False}))["data"][
        "family"
    ] is None
