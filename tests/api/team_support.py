"""What the team tests share: ids, queries, users of their own, and putting teams back."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest_asyncio

from api.relay import global_id
from graph import Database

SMITHS = global_id("Family", "t-fam-smith")
GREENS = global_id("Family", "t-fam-green")
GARY = global_id("Person", "t-gary")
PAT = global_id("User", "t-user-practitioner")
OLIVE = global_id("User", "t-user-outsider")
TERRY = global_id("User", "t-team-terry")  # a practitioner of a partner that signed the agreement
UMA = global_id("User", "t-team-uma")  # of a partner that has not
LENA = global_id("User", "t-team-lena")  # a lead practitioner, of the partner that signed
CORA = global_id("User", "t-team-cora")  # a co-ordinator, of the partner that signed

# Users of the partner that signed whose roles in the register may not be on a team: (user id,
# name, roles). The last has no roles in the register at all.
NOT_ON_TEAMS = [
    ("t-team-system", "Team Test Case System", ["partner_system"]),
    ("t-team-evaluator", "Eve Evaluator", ["national_evaluator"]),
    ("t-team-ig", "Ivan Governance", ["ig_officer"]),
    ("t-team-admin", "Ada Admin", ["administrator"]),
    ("t-team-analyst", "Dana Analyst", ["data_analyst"]),
    ("t-team-nobody", "Norah Noroles", None),
]

TEAM = "team(includePast: $history) { totalCount edges { lead fromDate toDate node { name } } }"
PAYLOAD = TEAM + " errors { code field message }"
ADD = (
    "mutation($input: AddTeamMemberInput!, $history: Boolean! = false) {"
    " addTeamMember(input: $input) { " + PAYLOAD + " } }"
)
END = (
    "mutation($input: EndTeamMembershipInput!, $history: Boolean! = false) {"
    " endTeamMembership(input: $input) { " + PAYLOAD + " } }"
)
LEAD = (
    "mutation($input: SetLeadPractitionerInput!, $history: Boolean! = false) {"
    " setLeadPractitioner(input: $input) { " + PAYLOAD + " } }"
)
FAMILY_TEAM = "query($id: ID!, $history: Boolean!) { family(id: $id) { " + TEAM + " } }"
READ_GARY = "query($id: ID!) { person(id: $id) { givenName } }"


async def run(db: Database, query: str, **params: Any) -> list[dict[str, Any]]:
    async with db.driver.session(database=db.name) as session:
        result = await session.run(query, params)
        return [record.data() async for record in result]


@pytest_asyncio.fixture(scope="module", loop_scope="session", autouse=True)
async def team_users(db: Database) -> AsyncIterator[None]:
    await run(
        db,
        """MERGE (signed:Organisation {id: 't-team-org-signed'})
           SET signed.name = 'Team Test Housing', signed.sector = 'housing',
               signed.signedAgreement = true
           MERGE (unsigned:Organisation {id: 't-team-org-unsigned'})
           SET unsigned.name = 'Team Test Newcomer', unsigned.sector = 'voluntary',
               unsigned.signedAgreement = false
           MERGE (terry:User {id: 't-team-terry'})
           SET terry.name = 'Terry Team', terry.roles = ['practitioner'], terry.active = true
           MERGE (uma:User {id: 't-team-uma'})
           SET uma.name = 'Uma Unsigned', uma.roles = ['practitioner'], uma.active = true
           MERGE (terry)-[:WORKS_FOR]->(signed)
           MERGE (uma)-[:WORKS_FOR]->(unsigned)""",
    )
    users = [
        {"id": "t-team-lena", "name": "Lena Lead", "roles": ["lead_practitioner"]},
        {"id": "t-team-cora", "name": "Cora Coordinator", "roles": ["coordinator"]},
    ] + [{"id": i, "name": n, "roles": r} for i, n, r in NOT_ON_TEAMS]
    await run(
        db,
        """MATCH (signed:Organisation {id: 't-team-org-signed'})
           UNWIND $users AS row
           MERGE (u:User {id: row.id})
           SET u.name = row.name, u.roles = row.roles, u.active = true
           MERGE (u)-[:WORKS_FOR]->(signed)""",
        users=users,
    )
    yield
    await run(db, "MATCH (n) WHERE n.id STARTS WITH 't-team-' DETACH DELETE n")


@pytest_asyncio.fixture(loop_scope="session", autouse=True)
async def restore_teams(db: Database) -> AsyncIterator[None]:
    yield
    # Back to family_data's teams: memberships the API added go, Pat's two are as they were.
    await run(db, "MATCH ()-[t:MEMBER_OF_TEAM]->() WHERE t.addedBy IS NOT NULL DELETE t")
    await run(
        db,
        """MATCH (:User {id: 't-user-practitioner'})-[t:MEMBER_OF_TEAM]->(f:Family)
           SET t.lead = f.id = 't-fam-smith', t.to = null, t.endedAt = null,
               t.endedBy = null, t.endReason = null""",
    )


async def teams(db: Database) -> list[dict[str, Any]]:
    """Every team membership with all its properties: what "nothing was written" compares."""
    return await run(
        db,
        """MATCH (u:User)-[t:MEMBER_OF_TEAM]->(f:Family)
           RETURN u.id AS user, f.id AS family, properties(t) AS props
           ORDER BY user, family, toString(t.from)""",
    )


def today() -> str:
    return dt.datetime.now(ZoneInfo("Europe/London")).date().isoformat()


def members(payload: dict[str, Any]) -> list[tuple[str, bool, bool]]:
    """(name, lead, active) of each edge, in the order served."""
    return [(e["node"]["name"], e["lead"], e["toDate"] is None) for e in payload["team"]["edges"]]


async def post(
    client: httpx.AsyncClient,
    bearer: str,
    query: str,
    variables: dict[str, Any],
    purpose: str = "coordinate-support",
) -> dict[str, Any]:
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {bearer}", "X-Purpose-Of-Use": purpose},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def payload_of(body: dict[str, Any], name: str) -> dict[str, Any]:
    assert "errors" not in body, body["errors"]
    payload: dict[str, Any] = body["data"][name]
    return payload
