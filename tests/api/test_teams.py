"""The team around a family over HTTP: adding members, ending memberships, choosing the lead.

Who may change a team is tested in test_team_access.py.
"""

from __future__ import annotations

import asyncio

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
    OLIVE,
    PAT,
    READ_GARY,
    SMITHS,
    TERRY,
    UMA,
    members,
    payload_of,
    post,
    restore_teams,  # noqa: F401 - autouse: the teams put back after each test
    run,
    team_users,  # noqa: F401 - autouse: the users these tests add
    teams,
    today,
)

# -- each mutation does what it says -----------------------------------------------------------


@pytest.mark.parametrize("purpose", ["assess-needs", "coordinate-support"])
async def test_a_coordinator_adds_a_member_to_any_family(
    gql: GraphQL, db: Database, purpose: str
) -> None:
    for family in (SMITHS, GREENS):
        body = await gql.post(
            ADD,
            {"input": {"familyId": family, "userId": TERRY}},
            role="coordinator",
            purpose=purpose,
        )
        payload = payload_of(body, "addTeamMember")
        assert payload["errors"] == []
        terry = [e for e in payload["team"]["edges"] if e["node"]["name"] == "Terry Team"]
        assert terry == [
            {"lead": False, "fromDate": today(), "toDate": None, "node": {"name": "Terry Team"}}
        ]
    added = await run(
        db,
        """MATCH (:User {id: 't-team-terry'})-[t:MEMBER_OF_TEAM]->(f:Family)
           RETURN f.id AS family, t.addedBy AS by, t.addedAt IS NOT NULL AS stamped
           ORDER BY family""",
    )
    assert added == [
        {"family": "t-fam-green", "by": "t-user-practitioner", "stamped": True},
        {"family": "t-fam-smith", "by": "t-user-practitioner", "stamped": True},
    ]


async def test_adding_as_lead_makes_the_previous_lead_a_member(gql: GraphQL) -> None:
    body = await gql.post(
        ADD, {"input": {"familyId": SMITHS, "userId": LENA, "lead": True}}, role="coordinator"
    )
    assert members(payload_of(body, "addTeamMember")) == [
        ("Lena Lead", True, True),
        ("Pat Practitioner", False, True),
    ]


async def test_a_member_joins_and_leaves_and_sight_of_the_family_follows_on_the_next_request(
    client: httpx.AsyncClient, token: Token, gql: GraphQL, db: Database
) -> None:
    olive = token("practitioner", "t-user-outsider", "t-org-police")
    assert (await post(client, olive, READ_GARY, {"id": GARY}))["data"]["person"] is None

    added = await gql.post(
        ADD, {"input": {"familyId": GREENS, "userId": OLIVE}}, role="coordinator"
    )
    assert payload_of(added, "addTeamMember")["errors"] == []
    seen = await post(client, olive, READ_GARY, {"id": GARY})
    assert seen["data"]["person"] == {"givenName": "Gary"}

    reason = "Police involvement closed."
    ended = await gql.post(
        END,
        {"input": {"familyId": GREENS, "userId": OLIVE, "reason": f"  {reason} "}},
        role="coordinator",
    )
    payload = payload_of(ended, "endTeamMembership")
    assert payload["errors"] == []
    assert members(payload) == [("Pat Practitioner", False, True)]
    assert (await post(client, olive, READ_GARY, {"id": GARY}))["data"]["person"] is None

    # The membership is kept, with who ended it, when and why.
    kept = await run(
        db,
        """MATCH (:User {id: 't-user-outsider'})-[t:MEMBER_OF_TEAM]->(:Family {id: 't-fam-green'})
           RETURN t.endedBy AS by, t.endReason AS reason, toString(t.to) AS to,
                  t.endedAt IS NOT NULL AS stamped""",
    )
    assert kept == [{"by": "t-user-practitioner", "reason": reason, "to": today(), "stamped": True}]
    history = await gql.data(FAMILY_TEAM, {"id": GREENS, "history": True}, role="coordinator")
    assert history["family"]["team"] == {
        "totalCount": 2,
        "edges": [
            {
                "lead": False,
                "fromDate": "2026-01-10",
                "toDate": None,
                "node": {"name": "Pat Practitioner"},
            },
            {
                "lead": False,
                "fromDate": today(),
                "toDate": today(),
                "node": {"name": "Olive Outsider"},
            },
        ],
    }
    current = await gql.data(FAMILY_TEAM, {"id": GREENS, "history": False}, role="coordinator")
    assert current["family"]["team"]["totalCount"] == 1

    # Ending it again is a conflict; joining again is a new membership beside the old one.
    again = await gql.post(
        END,
        {"input": {"familyId": GREENS, "userId": OLIVE, "reason": "Twice."}},
        role="coordinator",
    )
    assert [(e["code"], e["field"]) for e in payload_of(again, "endTeamMembership")["errors"]] == [
        ("CONFLICT", "userId")
    ]
    rejoined = await gql.post(
        ADD, {"input": {"familyId": GREENS, "userId": OLIVE}, "history": True}, role="coordinator"
    )
    assert sorted(members(payload_of(rejoined, "addTeamMember"))) == [
        ("Olive Outsider", False, False),
        ("Olive Outsider", False, True),
        ("Pat Practitioner", False, True),
    ]
    assert (await post(client, olive, READ_GARY, {"id": GARY}))["data"]["person"] is not None


async def test_the_lead_hands_the_lead_to_a_member_and_may_then_no_longer_manage(
    gql: GraphQL, db: Database
) -> None:
    added = await gql.post(ADD, {"input": {"familyId": SMITHS, "userId": LENA}}, role="coordinator")
    assert payload_of(added, "addTeamMember")["errors"] == []

    body = await gql.post(
        LEAD, {"input": {"familyId": SMITHS, "userId": LENA}}, role="lead_practitioner"
    )
    assert members(payload_of(body, "setLeadPractitioner")) == [
        ("Lena Lead", True, True),
        ("Pat Practitioner", False, True),
    ]
    # Pat no longer leads the Smiths' team: the lead is checked on every change.
    before = await teams(db)
    back = await gql.post(
        LEAD, {"input": {"familyId": SMITHS, "userId": PAT}}, role="lead_practitioner"
    )
    assert back["data"] is None
    assert [e["extensions"]["code"] for e in back["errors"]] == ["FORBIDDEN"]
    assert await teams(db) == before

    # A co-ordinator may; making the lead the lead again changes nothing, so a retry succeeds.
    await gql.post(ADD, {"input": {"familyId": SMITHS, "userId": CORA}}, role="coordinator")
    for _ in range(2):
        body = await gql.post(
            LEAD, {"input": {"familyId": SMITHS, "userId": CORA}}, role="coordinator"
        )
        assert members(payload_of(body, "setLeadPractitioner")) == [
            ("Cora Coordinator", True, True),
            ("Lena Lead", False, True),
            ("Pat Practitioner", False, True),
        ]


async def test_only_an_active_member_can_be_made_the_lead(gql: GraphQL, db: Database) -> None:
    await gql.post(ADD, {"input": {"familyId": GREENS, "userId": LENA}}, role="coordinator")
    await gql.post(
        END,
        {"input": {"familyId": GREENS, "userId": LENA, "reason": "Moved on."}},
        role="coordinator",
    )
    before = await teams(db)
    for user in (LENA, CORA):  # one whose membership ended, one never on the team
        body = await gql.post(
            LEAD, {"input": {"familyId": GREENS, "userId": user}}, role="coordinator"
        )
        payload = payload_of(body, "setLeadPractitioner")
        assert payload["team"] is None
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [
            ("BAD_USER_INPUT", "userId")
        ]
    assert await teams(db) == before


async def test_concurrent_additions_of_one_user_make_one_membership(
    gql: GraphQL, db: Database
) -> None:
    # Each write locks the family before it checks, so only the first finds Terry off the team.
    variables = {"input": {"familyId": GREENS, "userId": TERRY}}
    bodies = await asyncio.gather(*(gql.post(ADD, variables, role="coordinator") for _ in range(4)))
    codes = sorted([e["code"] for e in payload_of(b, "addTeamMember")["errors"]] for b in bodies)
    assert codes == [[], ["CONFLICT"], ["CONFLICT"], ["CONFLICT"]]
    rows = await run(
        db,
        """MATCH (:User {id: 't-team-terry'})-[t:MEMBER_OF_TEAM]->(:Family {id: 't-fam-green'})
           RETURN count(t) AS n""",
    )
    assert rows == [{"n": 1}]


# -- expected failures: an error in the payload, and nothing written -----------------------------

ADD_CASES = [
    ({"familyId": "not-an-id"}, ("BAD_USER_INPUT", "familyId")),
    ({"familyId": GARY}, ("BAD_USER_INPUT", "familyId")),  # a person's id, not a family's
    ({"userId": "###"}, ("BAD_USER_INPUT", "userId")),
    ({"userId": SMITHS}, ("BAD_USER_INPUT", "userId")),
    ({"familyId": global_id("Family", "no-such-family")}, ("NOT_FOUND", "familyId")),
    ({"userId": global_id("User", "no-such-user")}, ("NOT_FOUND", "userId")),
    ({"userId": UMA}, ("BAD_USER_INPUT", "userId")),
    ({"userId": PAT}, ("CONFLICT", "userId")),  # already on the Greens' team
]


async def test_bad_additions_are_refused_and_write_nothing(gql: GraphQL, db: Database) -> None:
    before = await teams(db)
    for overrides, expected in ADD_CASES:
        data = {"familyId": GREENS, "userId": TERRY} | overrides
        payload = payload_of(
            await gql.post(ADD, {"input": data}, role="coordinator"), "addTeamMember"
        )
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [expected], overrides
        assert all(e["message"] for e in payload["errors"])
        # A conflict shows the team as it stands; any other error shows none.
        assert (payload["team"] is not None) is (expected[0] == "CONFLICT"), overrides
    unsigned = payload_of(
        await gql.post(ADD, {"input": {"familyId": GREENS, "userId": UMA}}, role="coordinator"),
        "addTeamMember",
    )
    assert "has not signed the agreement" in unsigned["errors"][0]["message"]
    lead_unsigned = await gql.post(
        LEAD, {"input": {"familyId": GREENS, "userId": UMA}}, role="coordinator"
    )
    assert [e["field"] for e in payload_of(lead_unsigned, "setLeadPractitioner")["errors"]] == [
        "userId"
    ]
    assert await teams(db) == before


END_CASES = [
    ({"reason": ""}, [("BAD_USER_INPUT", "reason")]),
    ({"reason": " \n\t "}, [("BAD_USER_INPUT", "reason")]),
    ({"reason": "x" * 2001}, [("BAD_USER_INPUT", "reason")]),
    (
        {"familyId": "nope", "reason": ""},
        [("BAD_USER_INPUT", "familyId"), ("BAD_USER_INPUT", "reason")],
    ),
    ({"userId": "nope"}, [("BAD_USER_INPUT", "userId")]),
    ({"familyId": global_id("Family", "no-such-family")}, [("NOT_FOUND", "familyId")]),
    ({"userId": global_id("User", "no-such-user")}, [("NOT_FOUND", "userId")]),
    ({"userId": OLIVE}, [("NOT_FOUND", "userId")]),  # never on the team
]


async def test_bad_endings_are_refused_and_write_nothing(gql: GraphQL, db: Database) -> None:
    before = await teams(db)
    for overrides, expected in END_CASES:
        data = {"familyId": GREENS, "userId": PAT, "reason": "Case closed."} | overrides
        payload = payload_of(
            await gql.post(END, {"input": data}, role="coordinator"), "endTeamMembership"
        )
        assert [(e["code"], e["field"]) for e in payload["errors"]] == expected, overrides
        assert payload["team"] is None
    assert await teams(db) == before


async def test_bad_lead_changes_are_refused_and_write_nothing(gql: GraphQL, db: Database) -> None:
    before = await teams(db)
    cases = [
        (
            {"familyId": "nope", "userId": "nope"},
            [("BAD_USER_INPUT", "familyId"), ("BAD_USER_INPUT", "userId")],
        ),
        ({"familyId": global_id("Family", "gone")}, [("NOT_FOUND", "familyId")]),
        ({"userId": global_id("User", "gone")}, [("NOT_FOUND", "userId")]),
    ]
    for overrides, expected in cases:
        data = {"familyId": GREENS, "userId": PAT} | overrides
        payload = payload_of(
            await gql.post(LEAD, {"input": data}, role="coordinator"), "setLeadPractitioner"
        )
        assert [(e["code"], e["field"]) for e in payload["errors"]] == expected, overrides
    assert await teams(db) == before
