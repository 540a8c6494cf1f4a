"""Who may change the team around a family, and who may read it."""

from __future__ import annotations

import httpx
import pytest

from api.relay import global_id
from graph import Database
from tests.api.conftest import GraphQL, Token
from tests.api.team_support import (
    ADD,
    END,
    GREENS,
    LEAD,
    PAT,
    SMITHS,
    TERRY,
    payload_of,
    post,
    restore_teams,  # noqa: F401 - autouse: the teams put back after each test
    team_users,  # noqa: F401 - autouse: the users these tests add
    teams,
)


async def test_a_family_the_caller_may_not_see_reads_as_one_that_does_not_exist(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    # Olive leads no team and sees no family: the Smiths are "not found" to her, byte for byte.
    olive = token("lead_practitioner", "t-user-outsider", "t-org-police")
    before = await teams(db)
    for query, extra in ((ADD, {}), (END, {"reason": "Closing."}), (LEAD, {})):
        hidden = await post(
            client, olive, query, {"input": {"familyId": SMITHS, "userId": PAT} | extra}
        )
        missing = await post(
            client,
            olive,
            query,
            {"input": {"familyId": global_id("Family", "no-such-family"), "userId": PAT} | extra},
        )
        assert hidden == missing
        (payload,) = hidden["data"].values()
        assert payload["team"] is None
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [("NOT_FOUND", "familyId")]
    assert await teams(db) == before


# -- who may ---------------------------------------------------------------------------------


async def test_a_lead_practitioner_manages_only_a_team_they_lead(
    gql: GraphQL, db: Database
) -> None:
    # Pat leads the Smiths' team and is a plain member of the Greens'.
    led = await gql.post(
        ADD,
        {"input": {"familyId": SMITHS, "userId": TERRY}},
        role="lead_practitioner",
        purpose="assess-needs",
    )
    assert payload_of(led, "addTeamMember")["errors"] == []
    before = await teams(db)
    for query, extra in (
        (ADD, {"userId": TERRY}),
        (END, {"userId": PAT, "reason": "Done."}),
        (LEAD, {"userId": PAT}),
    ):
        body = await gql.post(
            query, {"input": {"familyId": GREENS} | extra}, role="lead_practitioner"
        )
        assert body["data"] is None
        assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"]
    assert await teams(db) == before


@pytest.mark.parametrize(
    ("role", "purpose"),
    [
        ("practitioner", "coordinate-support"),
        ("practitioner", "assess-needs"),
        ("partner_system", "coordinate-support"),
        ("data_analyst", "identify-families"),
        ("coordinator", "monitor-outcomes"),  # a purpose without the rule
        ("coordinator", "identify-families"),
        ("lead_practitioner", "monitor-outcomes"),
    ],
)
async def test_roles_and_purposes_without_the_rule_are_forbidden(
    gql: GraphQL, db: Database, role: str, purpose: str
) -> None:
    before = await teams(db)
    for query, extra in ((ADD, {}), (END, {"reason": "Done."}), (LEAD, {})):
        # Refused before the input is looked at: a malformed id does not change the answer.
        for user in (TERRY, "###"):
            body = await gql.post(
                query,
                {"input": {"familyId": SMITHS, "userId": user} | extra},
                role=role,
                purpose=purpose,
            )
            assert body["data"] is None, (role, purpose)
            assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"]
    assert await teams(db) == before


async def test_the_team_is_read_as_family_links_data(
    client: httpx.AsyncClient, token: Token
) -> None:
    # Who works with a family says which agencies are involved with it: family_links, the class
    # of its members, not staff data open to whoever sees the family.
    query = "query($id: ID!) { family(id: $id) { reference team { totalCount } } }"
    evaluator = token("national_evaluator", "t-access-evaluator", "t-org-school")
    body = await post(client, evaluator, query, {"id": SMITHS}, purpose="national-evaluation")
    assert body["data"] == {"family": {"reference": "F-T0001", "team": None}}
    assert body["extensions"]["redactions"] == [
        {"path": ["family", "team"], "reason": "NOT_PERMITTED"}
    ]
    # A partner system reads the teams of its organisation's cases while co-ordinating support.
    charity = token("partner_system", "t-access-charity-system", "t-org-charity")
    body = await post(client, charity, query, {"id": SMITHS})
    assert body["data"] == {"family": {"reference": "F-T0001", "team": {"totalCount": 1}}}
