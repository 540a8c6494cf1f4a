"""Break-glass and the information governance queries, over HTTP."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
from starlette.applications import Starlette

from api.relay import global_id
from audit.storage import PEOPLE_OF_D
from graph import Database
from tests.api.conftest import Token

GREENS = global_id("Family", "t-fam-green")
GARY = global_id("Person", "t-gary")
CHLOE = global_id("Person", "t-chloe")

BREAK = """mutation($input: BreakGlassInput!) {
  breakGlass(input: $input) {
    grant { familyId justification expiresAt grantedAt } errors { code field } } }"""
READ_GARY = "query($id: ID!) { person(id: $id) { givenName } }"


async def _post(
    client: httpx.AsyncClient,
    token: str,
    query: str,
    variables: dict[str, Any] | None = None,
    purpose: str = "coordinate-support",
) -> dict[str, Any]:
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables or {}},
        headers={"Authorization": f"Bearer {token}", "X-Purpose-Of-Use": purpose},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def _run(db: Database, query: str, **params: Any) -> Any:
    async with db.driver.session(database=db.name) as session:
        result = await session.run(query, params)
        return [record.data() async for record in result]


async def test_break_glass_grants_one_family_for_a_while_flags_the_audit_and_alerts_ig(
    app: Starlette, client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    olive = token("practitioner", "t-user-outsider", "t-org-police")
    assert (await _post(client, olive, READ_GARY, {"id": GARY}))["data"]["person"] is None
    body = await _post(
        client,
        olive,
        BREAK,
        {"input": {"familyId": GREENS, "justification": "Gary reported missing overnight."}},
    )
    payload = body["data"]["breakGlass"]
    assert payload["errors"] == []
    assert payload["grant"]["familyId"] == GREENS
    granted = dt.datetime.fromisoformat(payload["grant"]["grantedAt"])
    expires = dt.datetime.fromisoformat(payload["grant"]["expiresAt"])
    assert expires - granted == dt.timedelta(minutes=240)  # the default EHG_BREAK_GLASS_MINUTES
    try:
        seen = await _post(client, olive, READ_GARY, {"id": GARY})
        assert seen["data"]["person"] == {"givenName": "Gary"}
        await app.state.audit.shipped()
        flagged = await _run(
            db,
            # Only this grant's reads: earlier tests' reads of Gary by this user had no grant.
            "MATCH (d:Disclosure {userId: 't-user-outsider'})"
            " WHERE d.occurredAt >= $granted AND 't-gary' IN "
            + PEOPLE_OF_D
            + " RETURN d.breakGlass AS flag",
            granted=granted,
        )
        assert flagged
        assert all(row["flag"] for row in flagged)
        ig = token("ig_officer", "t-user-ig", "t-org-school")
        alerts = await _post(
            client,
            ig,
            """{ breakGlassNotifications(first: 100) {
                totalCount edges { node { message grant { familyId justification } } } } }""",
            purpose="information-governance",
        )
        assert {
            "message": "User t-user-outsider invoked vital interests for family F-T0002",
            "grant": {"familyId": GREENS, "justification": "Gary reported missing overnight."},
        } in [e["node"] for e in alerts["data"]["breakGlassNotifications"]["edges"]]
        assert alerts["data"]["breakGlassNotifications"]["totalCount"] >= 1
    finally:
        await _run(
            db,
            """MATCH (b:BreakGlass {userId: 't-user-outsider'})
               SET b.expiresAt = datetime() - duration('PT1S')""",
        )
    # Expired: the family is out of sight again on the next request.
    assert (await _post(client, olive, READ_GARY, {"id": GARY}))["data"]["person"] is None


async def test_bad_break_glass_requests(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    olive = token("practitioner", "t-user-outsider", "t-org-police")
    before = await _run(db, "MATCH (b:BreakGlass) RETURN count(b) AS n")
    cases = [
        ({"familyId": GREENS, "justification": "  "}, ("BAD_USER_INPUT", "justification")),
        ({"familyId": GREENS, "justification": "x" * 1001}, ("BAD_USER_INPUT", "justification")),
        ({"familyId": "nope", "justification": "Urgent."}, ("BAD_USER_INPUT", "familyId")),
        ({"familyId": GARY, "justification": "Urgent."}, ("BAD_USER_INPUT", "familyId")),
        (
            {"familyId": global_id("Family", "none"), "justification": "Urgent."},
            ("NOT_FOUND", "familyId"),
        ),
    ]
    for data, expected in cases:
        payload = (await _post(client, olive, BREAK, {"input": data}))["data"]["breakGlass"]
        assert payload["grant"] is None
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [expected], data
    for role, purpose in (
        ("partner_system", "coordinate-support"),
        ("practitioner", "monitor-outcomes"),
    ):
        body = await _post(
            client,
            token(role, "t-user-x", "t-org-police"),
            BREAK,
            {"input": {"familyId": GREENS, "justification": "Urgent."}},
            purpose=purpose,
        )
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", (role, purpose)
    assert await _run(db, "MATCH (b:BreakGlass) RETURN count(b) AS n") == before


DISCLOSURES = """query($p: ID, $u: String, $after: String) {
  disclosures(personId: $p, userId: $u, first: 2, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { sequence userId purpose dataClasses personIds breakGlass } } } }"""


async def test_ig_officers_see_who_saw_whose_data(client: httpx.AsyncClient, token: Token) -> None:
    pat = token("practitioner")
    for _ in range(3):
        await _post(client, pat, "query($id: ID!) { person(id: $id) { givenName } }", {"id": CHLOE})
    ig = token("ig_officer", "t-user-ig", "t-org-school")
    first = await _post(client, ig, DISCLOSURES, {"p": CHLOE}, purpose="information-governance")
    page = first["data"]["disclosures"]
    assert page["totalCount"] >= 3
    assert page["pageInfo"]["hasNextPage"]
    sequences = [e["node"]["sequence"] for e in page["edges"]]
    assert sequences == sorted(sequences, reverse=True)
    assert all(CHLOE in e["node"]["personIds"] for e in page["edges"])
    second = await _post(
        client,
        ig,
        DISCLOSURES,
        {"p": CHLOE, "after": page["pageInfo"]["endCursor"]},
        purpose="information-governance",
    )
    assert all(
        e["node"]["sequence"] < sequences[-1] for e in second["data"]["disclosures"]["edges"]
    )
    by_user = await _post(
        client, ig, DISCLOSURES, {"u": "t-user-practitioner"}, purpose="information-governance"
    )
    assert {e["node"]["userId"] for e in by_user["data"]["disclosures"]["edges"]} == {
        "t-user-practitioner"
    }
    for variables in ({}, {"p": CHLOE, "u": "t-user-practitioner"}):
        body = await _post(client, ig, DISCLOSURES, variables, purpose="information-governance")
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_only_ig_may_read_the_audit(client: httpx.AsyncClient, token: Token) -> None:
    coordinator = token("coordinator", "t-user-c", "t-org-school")
    body = await _post(client, coordinator, DISCLOSURES, {"p": CHLOE})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    refused = await client.post(
        "/graphql",
        json={"query": "{ auditChain { ok } }"},
        headers={
            "Authorization": f"Bearer {coordinator}",
            "X-Purpose-Of-Use": "information-governance",
        },
    )
    assert refused.status_code == 403


async def test_ig_officers_read_no_family_data(client: httpx.AsyncClient, token: Token) -> None:
    ig = token("ig_officer", "t-user-ig", "t-org-school")
    body = await _post(client, ig, READ_GARY, {"id": GARY}, purpose="information-governance")
    assert body["data"]["person"] is None


async def test_a_role_with_no_row_rule_sees_nothing_even_on_a_team(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    # An IG officer placed on the Greens' team: their role has no rule to see rows through a
    # team, so Gary and his family read exactly as ids that do not exist (not as withheld fields,
    # which would tell them the family is there).
    query = """query($person: ID!, $family: ID!) {
        person(id: $person) { givenName } family(id: $family) { reference }
        families(first: 5) { totalCount } }"""
    await _run(
        db,
        """MERGE (u:User {id: 't-user-ig-team'}) SET u.name = 'Ivy Governance',
               u.roles = ['ig_officer'], u.active = true
           WITH u MATCH (f:Family {id: 't-fam-green'})
           CREATE (u)-[:MEMBER_OF_TEAM {from: date('2026-01-01'), lead: false}]->(f)""",
    )
    try:
        ig = token("ig_officer", "t-user-ig-team", "t-org-school")
        seen = await _post(
            client, ig, query, {"person": GARY, "family": GREENS}, purpose="information-governance"
        )
        missing = await _post(
            client,
            ig,
            query,
            {"person": global_id("Person", "t-nobody"), "family": global_id("Family", "t-none")},
            purpose="information-governance",
        )
        # And the same team membership does show them to a practitioner (the allowed case).
        practitioner = token("practitioner", "t-user-ig-team", "t-org-school")
        allowed = await _post(client, practitioner, READ_GARY, {"id": GARY})
    finally:
        await _run(db, "MATCH (:User {id: 't-user-ig-team'})-[t:MEMBER_OF_TEAM]->() DELETE t")
    assert seen == missing
    assert seen["data"] == {"person": None, "family": None, "families": {"totalCount": 0}}
    assert "redactions" not in seen.get("extensions", {})
    assert allowed["data"]["person"] == {"givenName": "Gary"}


async def test_tampering_with_the_audit_is_detected_over_the_api(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    ig = token("ig_officer", "t-user-ig", "t-org-school")
    query = "{ auditChain { ok checked firstBadSequence problem } }"
    assert (await _post(client, ig, query, purpose="information-governance"))["data"]["auditChain"][
        "ok"
    ]
    [row] = await _run(
        db,
        """MATCH (d:Disclosure {chain: 'disclosures'}) WITH d ORDER BY d.sequence LIMIT 1
           WITH d, d.purpose AS original
           SET d.purpose = 'curiosity' RETURN d.sequence AS s, original""",
    )
    try:
        status = (await _post(client, ig, query, purpose="information-governance"))["data"][
            "auditChain"
        ]
        assert status["ok"] is False
        assert status["firstBadSequence"] == row["s"]
    finally:
        await _run(
            db,
            """MATCH (d:Disclosure {chain: 'disclosures', sequence: $s})
               SET d.purpose = $purpose""",
            s=row["s"],
            purpose=row["original"],  # as it was, so the chain verifies again for later tests
        )
