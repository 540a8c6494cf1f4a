"""Consent in decisions: sharing for assessment, support and monitoring rests on each person's
consent, for the caller's organisation or sector, unless the request relies on another basis
the policy lets the role rely on."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest_asyncio
from starlette.applications import Starlette

from api.relay import global_id
from graph import Database, consent_summary
from graph.audit import PEOPLE_OF_D
from tests.api.conftest import GraphQL, Token
from tests.api.family_data import CONSENT_SECTORS

CHLOE, ALICE, GARY = (global_id("Person", p) for p in ("t-chloe", "t-alice", "t-gary"))
NAME = "query($id: ID!) { person(id: $id) { givenName } }"


async def _run(db: Database, query: str, **params: Any) -> None:
    """Change the fixture's consents directly, then summarise them afresh, as an operator must
    after changing a consent in the database (graph.consent_summary)."""
    async with db.driver.session(database=db.name) as session:
        await (await session.run(query, params)).consume()
    await db.write(consent_summary.refresh, ["t-gary", "t-chloe"])


@pytest_asyncio.fixture(loop_scope="session")
async def chloe_withdrew(gql: GraphQL, db: Database) -> AsyncIterator[None]:
    body = await gql.post(
        """mutation($input: WithdrawConsentInput!) {
            withdrawConsent(input: $input) { errors { code } } }""",
        {"input": {"consentId": global_id("Consent", "t-consent-chloe"), "reason": "Asked."}},
        role="lead_practitioner",  # Pat leads the Smiths' team
    )
    assert body["data"]["withdrawConsent"]["errors"] == []
    yield
    await _run(
        db,
        """MATCH (c:Consent {id: 't-consent-chloe'})
           SET c.status = 'GIVEN' REMOVE c.withdrawnAt, c.withdrawnBy, c.withdrawalReason""",
    )


async def test_withdrawal_withholds_that_persons_data_from_the_next_request(
    gql: GraphQL, chloe_withdrew: None
) -> None:
    chloe = await gql.post(NAME, {"id": CHLOE})
    assert chloe["data"]["person"] == {"givenName": None}
    assert chloe["extensions"]["redactions"] == [
        {"path": ["person", "givenName"], "reason": "NO_CONSENT"}
    ]
    alice = await gql.post(NAME, {"id": ALICE})
    assert alice["data"]["person"] == {"givenName": "Alice"}


async def test_a_relationship_needs_the_consent_of_both_people(
    gql: GraphQL, chloe_withdrew: None
) -> None:
    body = await gql.post(
        "query($id: ID!) { person(id: $id) { relatives { edges { kind node { givenName } } } } }",
        {"id": ALICE},
    )
    edges = body["data"]["person"]["relatives"]["edges"]
    assert {"kind": None, "node": {"givenName": None}} in edges  # Chloe
    assert {"kind": "CHILD", "node": {"givenName": "Dan"}} in edges


async def test_another_basis_the_role_may_rely_on_serves_it_and_is_audited(
    app: Starlette, client: httpx.AsyncClient, token: Token, db: Database, chloe_withdrew: None
) -> None:
    headers = {
        "Authorization": f"Bearer {token('practitioner')}",
        "X-Purpose-Of-Use": "coordinate-support",
        "X-Lawful-Basis": "VITAL_INTERESTS",
        "X-Justification": "Chloe missing since this morning.",
        "X-Request-Id": "consent-vital-1",
    }
    response = await client.post("/graphql", json={"query": NAME, "variables": {"id": CHLOE}},
                                 headers=headers)  # fmt: skip
    assert response.json()["data"]["person"] == {"givenName": "Chloe"}
    await app.state.audit.shipped()
    async with db.driver.session(database=db.name) as session:
        record = await (
            await session.run(
                "MATCH (d:Disclosure {requestId: 'consent-vital-1'}) RETURN d.lawfulBasis AS b"
            )
        ).single()
    assert record is not None
    assert record["b"] == "VITAL_INTERESTS"


async def test_a_basis_the_role_may_not_rely_on_is_refused(
    client: httpx.AsyncClient, token: Token
) -> None:
    for role, basis in (("partner_system", "VITAL_INTERESTS"), ("practitioner", "PUBLIC_TASK")):
        response = await client.post(
            "/graphql",
            json={"query": NAME, "variables": {"id": CHLOE}},
            headers={
                "Authorization": f"Bearer {token(role)}",
                "X-Lawful-Basis": basis,
                "X-Justification": "Because.",
            },
        )
        assert response.status_code == 403, (role, basis)
        assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_identifying_families_does_not_rest_on_consent(
    gql: GraphQL, chloe_withdrew: None
) -> None:
    body = await gql.post(NAME, {"id": CHLOE}, role="data_analyst", purpose="identify-families")
    assert body["data"]["person"] == {"givenName": "Chloe"}


async def test_consent_covers_only_the_sectors_and_organisations_it_names(
    gql: GraphQL, db: Database
) -> None:
    await _run(db, "MATCH (c:Consent {id: 't-consent-gary'}) SET c.sectors = ['health']")
    try:
        hidden = await gql.post(NAME, {"id": GARY})  # a voluntary-sector practitioner
        assert hidden["data"]["person"] == {"givenName": None}
        await _run(
            db, "MATCH (c:Consent {id: 't-consent-gary'}) SET c.organisations = ['t-org-charity']"
        )
        named = await gql.post(NAME, {"id": GARY})
        assert named["data"]["person"] == {"givenName": "Gary"}
    finally:
        await _run(
            db,
            """MATCH (c:Consent {id: 't-consent-gary'})
               SET c.sectors = $sectors, c.organisations = []""",
            sectors=CONSENT_SECTORS,
        )


async def test_a_consent_scoped_to_a_sector_covers_callers_of_that_sector_only(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    async def name_of_gary(organisation_id: str) -> Any:
        # Pat, on the Greens' team, as though employed by another organisation: rows stay visible,
        # only the organisation (and so its sector) changes.
        bearer = token("practitioner", organisation_id=organisation_id)
        response = await client.post(
            "/graphql",
            json={"query": NAME, "variables": {"id": GARY}},
            headers={"Authorization": f"Bearer {bearer}"},
        )
        assert response.status_code == 200, response.text
        return response.json()["data"]["person"]

    await _run(
        db,
        "MATCH (c:Consent {id: 't-consent-gary'}) SET c.sectors = ['police'], c.organisations = []",
    )
    try:
        assert await name_of_gary("t-org-police") == {"givenName": "Gary"}
        assert await name_of_gary("t-org-charity") == {"givenName": None}  # voluntary sector
        assert await name_of_gary("t-org-unknown") == {"givenName": None}  # no sector at all
    finally:
        await _run(
            db,
            """MATCH (c:Consent {id: 't-consent-gary'})
               SET c.sectors = $sectors, c.organisations = []""",
            sectors=CONSENT_SECTORS,
        )


async def test_an_address_read_by_id_waits_for_its_residents_consent(
    gql: GraphQL, db: Database
) -> None:
    query = "query($id: ID!) { node(id: $id) { ... on Address { line1 } } }"
    green = global_id("Address", "t-a-green")  # only Gary lives there
    assert (await gql.data(query, {"id": green}))["node"] == {"line1": "3 Mill Lane"}
    await _run(db, "MATCH (c:Consent {id: 't-consent-gary'}) SET c.status = 'WITHDRAWN'")
    try:
        body = await gql.post(query, {"id": green})
        assert body["data"]["node"] == {"line1": None}
        assert body["extensions"]["redactions"][0]["reason"] == "NO_CONSENT"
    finally:
        await _run(db, "MATCH (c:Consent {id: 't-consent-gary'}) SET c.status = 'GIVEN'")


async def test_a_familys_own_fields_concern_all_its_current_members(
    gql: GraphQL, chloe_withdrew: None
) -> None:
    query = "query($id: ID!) { family(id: $id) { reference status } }"
    smiths = global_id("Family", "t-fam-smith")
    body = await gql.post(query, {"id": smiths})
    assert body["data"]["family"] == {"reference": "F-T0001", "status": None}
    assert body["extensions"]["redactions"] == [
        {"path": ["family", "status"], "reason": "NO_CONSENT"}
    ]
    greens = await gql.post(query, {"id": global_id("Family", "t-fam-green")})
    assert greens["data"]["family"] == {"reference": "F-T0002", "status": "BELOW_THRESHOLD"}


async def test_reading_a_familys_status_is_recorded_against_its_members(
    app: Starlette, client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    response = await client.post(
        "/graphql",
        json={
            "query": "query($id: ID!) { family(id: $id) { status } }",
            "variables": {"id": global_id("Family", "t-fam-green")},
        },
        headers={
            "Authorization": f"Bearer {token('practitioner')}",
            "X-Purpose-Of-Use": "coordinate-support",
            "X-Request-Id": "family-status-audit-1",
        },
    )
    assert response.json()["data"]["family"] == {"status": "BELOW_THRESHOLD"}
    await app.state.audit.shipped()
    async with db.driver.session(database=db.name) as session:
        record = await (
            await session.run(
                "MATCH (d:Disclosure {requestId: 'family-status-audit-1'}) "
                "RETURN " + PEOPLE_OF_D + " AS people, d.dataClasses AS classes"
            )
        ).single()
    assert record is not None
    assert (record["people"], record["classes"]) == (["t-gary"], ["social_care"])
