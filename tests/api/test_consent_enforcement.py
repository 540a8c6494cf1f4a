"""Consent in decisions: sharing for assessment, support and monitoring rests on each person's
consent, for the caller's organisation or sector, unless the request relies on another basis
the policy lets the role rely on."""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest_asyncio
from starlette.applications import Starlette

from api.relay import global_id
from audit.storage import PEOPLE_OF_D
from graph import Database, consent_summary
from tests.api.conftest import GraphQL, Token
from tests.api.family_data import CONSENT_SECTORS
from tests.api.register_support import Enrolment

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
    relatives = body["data"]["person"]["relatives"]
    # Chloe's relationship to Alice is data about Chloe too: she is left out, not shown blank.
    assert {"kind": "CHILD", "node": {"givenName": "Dan"}} in relatives["edges"]
    assert all(e["node"]["givenName"] is not None for e in relatives["edges"])
    assert "redactions" not in body.get("extensions", {})


async def test_a_header_offering_another_basis_is_refused_whatever_the_role(
    client: httpx.AsyncClient, token: Token
) -> None:
    # Exceptions to consent rest on decisions recorded beforehand (recordSharingDecision).
    for role, basis in (("partner_system", "VITAL_INTERESTS"), ("practitioner", "PUBLIC_TASK")):
        response = await client.post(
            "/graphql",
            json={"query": NAME, "variables": {"id": CHLOE}},
            headers={
                "Authorization": f"Bearer {token(role)}",
                "X-Purpose-Of-Use": "coordinate-support",
                "X-Lawful-Basis": basis,
                "X-Justification": "Because.",
            },
        )
        assert response.status_code == 400, (role, basis)
        assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        assert "Chloe" not in response.text


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
    client: httpx.AsyncClient, token: Token, db: Database, enrolment: Enrolment
) -> None:
    async def name_of_gary(organisation_id: str) -> Any:
        # Pat, on the Greens' team, as though employed by another organisation: rows stay visible,
        # only the organisation (and so its sector) changes.
        with enrolment.working_for("t-user-practitioner", organisation_id):
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


async def test_a_familys_own_fields_are_served_on_one_current_members_consent(
    gql: GraphQL, db: Database, chloe_withdrew: None
) -> None:
    # They are about the family as a unit: one adult's (or child's) withdrawal does not blank
    # what the others consented to; a family none of whose members consents is withheld.
    query = "query($id: ID!) { family(id: $id) { reference status } }"
    smiths = global_id("Family", "t-fam-smith")
    body = await gql.post(query, {"id": smiths})
    assert body["data"]["family"] == {"reference": "F-T0001", "status": "ELIGIBLE"}
    greens = global_id("Family", "t-fam-green")  # Gary alone
    await _run(db, "MATCH (c:Consent {id: 't-consent-gary'}) SET c.status = 'WITHDRAWN'")
    try:
        withheld = await gql.post(query, {"id": greens})
        assert withheld["data"]["family"] == {"reference": "F-T0002", "status": None}
        assert withheld["extensions"]["redactions"] == [
            {"path": ["family", "status"], "reason": "NO_CONSENT"}
        ]
    finally:
        await _run(db, "MATCH (c:Consent {id: 't-consent-gary'}) SET c.status = 'GIVEN'")


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


# Ordering or filtering a list by a field reads that field for every row it weighs. A request that
# rests on consent therefore weighs only the people whose consent covers it: the others' names must
# not order a list, surface in its cursors, or decide whether a filter matches them.
PEOPLE = """query($filter: PersonFilter) {
  people(first: 50, filter: $filter) { totalCount edges { cursor node { id givenName } } } }"""
FAMILIES = """query($filter: FamilyFilter) {
  families(first: 50, filter: $filter) { totalCount edges { node { reference status } } } }"""


def _names(body: dict[str, Any]) -> list[str | None]:
    return [edge["node"]["givenName"] for edge in body["data"]["people"]["edges"]]


def _decoded_cursors(body: dict[str, Any]) -> str:
    cursors = [edge["cursor"] for edge in body["data"]["people"]["edges"]]
    return " ".join(
        base64.urlsafe_b64decode(c + "=" * (-len(c) % 4)).decode() for c in cursors
    ).lower()


async def test_a_person_without_consent_is_left_out_of_name_ordered_lists(
    gql: GraphQL, chloe_withdrew: None
) -> None:
    body = await gql.post(PEOPLE)
    assert "Chloe" not in _names(body)
    assert None not in _names(body)
    assert "chloe" not in _decoded_cursors(body)
    assert body["data"]["people"]["totalCount"] == len(body["data"]["people"]["edges"])
    assert "redactions" not in body.get("extensions", {})


async def test_with_consent_the_same_person_is_listed(gql: GraphQL) -> None:
    body = await gql.post(PEOPLE)
    assert "Chloe" in _names(body)


async def test_filters_do_not_match_a_person_without_consent(
    gql: GraphQL, chloe_withdrew: None
) -> None:
    for person_filter in (
        {"name": "chloe"},
        {"dateOfBirth": "2012-05-01"},
    ):
        body = await gql.post(PEOPLE, {"filter": person_filter})
        assert body["data"]["people"] == {"totalCount": 0, "edges": []}, person_filter


async def test_filters_match_the_same_person_with_consent(gql: GraphQL) -> None:
    body = await gql.post(PEOPLE, {"filter": {"name": "chloe"}})
    assert _names(body) == ["Chloe"]


async def test_a_family_is_matched_by_status_while_one_member_consents(
    gql: GraphQL, db: Database, chloe_withdrew: None
) -> None:
    body = await gql.post(FAMILIES, {"filter": {"status": "ELIGIBLE"}})
    assert [e["node"] for e in body["data"]["families"]["edges"]] == [
        {"reference": "F-T0001", "status": "ELIGIBLE"}
    ]
    await _run(db, "MATCH (c:Consent {id: 't-consent-gary'}) SET c.status = 'WITHDRAWN'")
    try:
        none_consent = await gql.post(FAMILIES, {"filter": {"status": "BELOW_THRESHOLD"}})
        assert none_consent["data"]["families"] == {"totalCount": 0, "edges": []}
    finally:
        await _run(db, "MATCH (c:Consent {id: 't-consent-gary'}) SET c.status = 'GIVEN'")


async def test_with_every_members_consent_the_family_is_matched_by_status(gql: GraphQL) -> None:
    body = await gql.post(FAMILIES, {"filter": {"status": "ELIGIBLE"}})
    assert [e["node"] for e in body["data"]["families"]["edges"]] == [
        {"reference": "F-T0001", "status": "ELIGIBLE"}
    ]
    assert body["data"]["families"]["totalCount"] == 1


MEMBERS = """query($id: ID!) { family(id: $id) {
  members(includePast: true) { edges { node { id } } } } }"""
SMITHS_BY_AGE = ("t-edna", "t-bob", "t-alice", "t-dan")  # Chloe (2012) falls between Alice and Dan


def _member_ids(body: dict[str, Any]) -> list[str]:
    return [e["node"]["id"] for e in body["data"]["family"]["members"]["edges"]]


@pytest_asyncio.fixture(loop_scope="session")
async def chloe_left_and_withdrew(db: Database, chloe_withdrew: None) -> AsyncIterator[None]:
    """Chloe is a past member now, and has withdrawn."""
    await _run(
        db, "MATCH (:Person {id: 't-chloe'})-[m:MEMBER_OF]->() SET m.to = date('2026-01-01')"
    )
    yield
    await _run(db, "MATCH (:Person {id: 't-chloe'})-[m:MEMBER_OF]->() REMOVE m.to")


async def test_a_member_without_consent_is_left_out_of_the_members(
    gql: GraphQL, chloe_left_and_withdrew: None
) -> None:
    # Membership is data about the member: not listed, not counted, not placed by age.
    body = await gql.post(MEMBERS, {"id": global_id("Family", "t-fam-smith")})
    edna, bob, alice, dan = (global_id("Person", p) for p in SMITHS_BY_AGE)
    assert _member_ids(body) == [edna, bob, alice, dan]


async def test_with_consent_every_member_is_placed_by_age(gql: GraphQL) -> None:
    body = await gql.post(MEMBERS, {"id": global_id("Family", "t-fam-smith")})
    edna, bob, alice, dan = (global_id("Person", p) for p in SMITHS_BY_AGE)
    assert _member_ids(body) == [edna, bob, alice, CHLOE, dan]


async def test_a_district_filter_matches_only_through_people_whose_consent_covers_it(
    gql: GraphQL, db: Database
) -> None:
    district = {"filter": {"postcodeDistrict": "ZZ3"}}  # only Gary, of the Greens, lives there
    served = await gql.post(FAMILIES, district)
    assert [e["node"]["reference"] for e in served["data"]["families"]["edges"]] == ["F-T0002"]
    assert _names(await gql.post(PEOPLE, district)) == ["Gary"]
    await _run(db, "MATCH (c:Consent {id: 't-consent-gary'}) SET c.status = 'WITHDRAWN'")
    try:
        families = await gql.post(FAMILIES, district)
        assert families["data"]["families"] == {"totalCount": 0, "edges": []}
        people = await gql.post(PEOPLE, district)
        assert people["data"]["people"] == {"totalCount": 0, "edges": []}
    finally:
        await _run(db, "MATCH (c:Consent {id: 't-consent-gary'}) SET c.status = 'GIVEN'")


PAIRED_LISTS = """query($smiths: ID!) {
  all: people(first: 50) { totalCount edges { cursor node { id givenName dateOfBirth } } }
  named: people(first: 50, filter: {name: "zara"}) { totalCount edges { cursor } }
  born: people(first: 50, filter: {dateOfBirth: "2012-05-01"}) { totalCount }
  eligible: families(first: 50, filter: {status: ELIGIBLE}) { totalCount edges { cursor } }
  members: family(id: $smiths) { members(includePast: true) { edges { node { id } } } }
}"""
SMITHS = {"smiths": global_id("Family", "t-fam-smith")}


async def test_data_of_a_person_without_consent_changes_nothing_in_lists(
    gql: GraphQL, db: Database, chloe_withdrew: None
) -> None:
    before = await gql.post(PAIRED_LISTS, SMITHS)
    await _run(
        db,
        """MATCH (p:Person {id: 't-chloe'})-[:MEMBER_OF]->(f:Family)
           SET p.givenName = 'Zara', p.nameKey = 'zara smith',
               p.dateOfBirth = date('2014-02-02')""",
    )
    try:
        after = await gql.post(PAIRED_LISTS, SMITHS)
    finally:
        await _run(
            db,
            """MATCH (p:Person {id: 't-chloe'})-[:MEMBER_OF]->(f:Family)
               SET p.givenName = 'Chloe', p.nameKey = 'chloe smith',
                   p.dateOfBirth = date('2012-05-01')""",
        )
    assert json.dumps(after, sort_keys=True) == json.dumps(before, sort_keys=True)
