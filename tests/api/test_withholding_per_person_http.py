"""Withholding is per person, and lists and payloads obey the same rules as the nodes they hold,
over HTTP: one adult's refusal does not blank the family for its team; a person whose fields are
withheld does not show the size of their lists; a relative without consent is not listed; a
mutation's payload is read, and audited, as a query would be; a relationship hidden from the
caller is not revealed by a CONFLICT."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from starlette.applications import Starlette

from api.relay import global_id
from audit.storage import AS_HASHED
from graph import Database
from tests.api.conftest import Token
from tests.api.sharing_world import (
    COORDINATOR,
    LEAD,
    Caller,
    Family,
    decided,
    family,
    run,
    years_ago,
)

FAMILY = """
query($id: ID!) { family(id: $id) {
  status identifiedAt
  members { totalCount edges { role node { givenName } } }
  team { totalCount edges { lead node { name } } }
} }"""


async def _family_with_one_refusal(db: Database, coordinator: Caller) -> Family:
    """Ann consents, Cat's parent consents for her, Ben refuses (written directly)."""
    world = await family(
        db,
        [
            ("Ann", years_ago(38), "PARENT"),
            ("Ben", years_ago(41), "PARENT"),
            ("Cat", years_ago(7), "CHILD"),
        ],
    )
    people = world.people
    await decided(
        db,
        {
            people["Ann"]: ("GIVEN", False),
            people["Cat"]: ("GIVEN", True),
            people["Ben"]: ("REFUSED", False),
        },
    )
    return world


async def test_one_adults_refusal_does_not_blank_the_family_for_its_team(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    coordinator = Caller(client, token, COORDINATOR, "coordinator")
    world = await _family_with_one_refusal(db, coordinator)
    lead = Caller(client, token, LEAD, "lead_practitioner")
    body = await lead.post(FAMILY, {"id": world.gid}, purpose="coordinate-support")
    found = body["data"]["family"]
    assert found["status"] == "ELIGIBLE"
    assert found["identifiedAt"] == "2026-01-10"
    # Ann, and Cat (on her parent's consent) are listed; Ben is not, not even blank.
    assert found["members"] == {
        "totalCount": 2,
        "edges": [
            {"role": "PARENT", "node": {"givenName": "Ann"}},
            {"role": "CHILD", "node": {"givenName": "Cat"}},
        ],
    }
    assert found["team"] == {
        "totalCount": 1,
        "edges": [{"lead": True, "node": {"name": "Lena Lead"}}],
    }
    assert "redactions" not in body.get("extensions", {})


BEN = """query($id: ID!) { person(id: $id) {
  givenName criteriaMet { totalCount edges { cursor } } relatives { totalCount edges { cursor } }
  families { totalCount } addresses { totalCount } } }"""


async def test_a_withheld_person_shows_no_size_of_their_lists(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    coordinator = Caller(client, token, COORDINATOR, "coordinator")
    world = await _family_with_one_refusal(db, coordinator)
    await run(
        db,
        """MATCH (p:Person {id: $ben}), (ann:Person {id: $ann})
           MERGE (c:Criterion {code: 'WK1'}) ON CREATE SET c.name = 'WK1',
                 c.headlineProblem = 'worklessness', c.framework = 'tf2015'
           CREATE (s:SourceRecord {id: $ben + '-wk1', partnerReference: 'wk1',
                                   receivedAt: datetime()})
           CREATE (s)-[:ABOUT]->(p), (s)-[:REPORTS {evidenceDate: date('2026-02-01')}]->(c)
           CREATE (p)-[:RELATED_TO {id: $ben + '-partner', kind: 'PARTNER',
                   source: 'PARTNER_DATA', createdAt: datetime()}]->(ann)""",
        ben=world.people["Ben"],
        ann=world.people["Ann"],
    )
    lead = Caller(client, token, LEAD, "lead_practitioner")
    body = await lead.post(BEN, {"id": world.pid("Ben")}, purpose="coordinate-support")
    assert body["data"]["person"] == {
        "givenName": None,
        "criteriaMet": None,
        "relatives": None,
        "families": None,
        "addresses": None,
    }
    reasons = {r["path"][-1]: r["reason"] for r in body["extensions"]["redactions"]}
    assert reasons == {
        "givenName": "NO_CONSENT",
        "criteriaMet": "NO_CONSENT",
        "relatives": "NO_CONSENT",
        "families": "NO_CONSENT",
        "addresses": "NO_CONSENT",
    }
    # Ann's relatives leave Ben out altogether: the relationship is data about him too.
    ann = await lead.data(
        "query($id: ID!) { person(id: $id) { relatives { totalCount edges { node { id } } } } }",
        {"id": world.pid("Ann")},
        purpose="coordinate-support",
    )
    assert ann["person"]["relatives"] == {"totalCount": 0, "edges": []}


ADD = """
mutation($input: AddTeamMemberInput!) {
  addTeamMember(input: $input) {
    team { totalCount edges { lead node { name } } } errors { code }
  }
}
"""


async def test_a_mutations_payload_is_read_and_audited_as_a_query(
    app: Starlette, client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    coordinator = Caller(client, token, COORDINATOR, "coordinator")
    world = await _family_with_one_refusal(db, coordinator)
    query = await coordinator.data(FAMILY, {"id": world.gid}, purpose="coordinate-support")
    request_id = f"t-sw-payload-{uuid.uuid4()}"
    response = await client.post(
        "/graphql",
        json={
            "query": ADD,
            "variables": {"input": {"familyId": world.gid, "userId": global_id("User", LEAD)}},
        },
        headers={
            "Authorization": f"Bearer {coordinator.bearer}",
            "X-Purpose-Of-Use": "coordinate-support",
            "X-Request-Id": request_id,
        },
    )
    payload = response.json()["data"]["addTeamMember"]
    assert [e["code"] for e in payload["errors"]] == ["CONFLICT"]
    assert payload["team"] == query["family"]["team"]
    await app.state.audit.shipped()
    records: list[dict[str, Any]] = [
        r["d"]
        for r in await run(
            db,
            "MATCH (d:Disclosure {requestId: $id}) RETURN " + AS_HASHED + " AS d",
            id=request_id,
        )
    ]
    assert records
    named = {p for r in records for p in r["personIds"]}
    assert named == set(world.people.values())  # the team is about the family's members
    # It rests on the consents of the members who gave them (Ann's, and Cat's parent's).
    refs = {ref for r in records for ref in r["restedOn"]}
    assert len(refs) == 2
    assert all(ref.startswith("c:") for ref in refs)


LINK = """
mutation($input: LinkRelativesInput!) {
  linkRelatives(input: $input) { link { id kind } errors { code field } }
}
"""


async def test_linking_does_not_reveal_a_relationship_hidden_from_the_caller(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    coordinator = Caller(client, token, COORDINATOR, "coordinator")
    world = await _family_with_one_refusal(db, coordinator)
    lead = Caller(client, token, LEAD, "lead_practitioner")
    variables = {
        "input": {
            "personId": world.pid("Ann"),
            "relativeId": world.pid("Ben"),
            "kind": "PARTNER",
            "rationale": "They live together.",
        }
    }
    without = await lead.data(LINK, variables, purpose="coordinate-support")
    await run(
        db,
        """MATCH (ann:Person {id: $ann}), (ben:Person {id: $ben})
           CREATE (ben)-[:RELATED_TO {id: $ben + '-hidden', kind: 'PARTNER',
                   source: 'PARTNER_DATA', createdAt: datetime()}]->(ann)""",
        ann=world.people["Ann"],
        ben=world.people["Ben"],
    )
    with_hidden = await lead.data(LINK, variables, purpose="coordinate-support")
    assert with_hidden == without
    assert [e["code"] for e in with_hidden["linkRelatives"]["errors"]] == ["BAD_USER_INPUT"]


async def test_a_link_to_someone_the_caller_may_not_be_told_of_reads_as_absent(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    coordinator = Caller(client, token, COORDINATOR, "coordinator")
    world = await _family_with_one_refusal(db, coordinator)
    await run(
        db,
        """MATCH (ann:Person {id: $ann}), (ben:Person {id: $ben}), (cat:Person {id: $cat})
           CREATE (ben)-[:RELATED_TO {id: $ben + '-ann', kind: 'PARTNER', source: 'PARTNER_DATA',
                   createdAt: datetime()}]->(ann)
           CREATE (ann)-[:RELATED_TO {id: $ann + '-cat', kind: 'PARENT', source: 'PARTNER_DATA',
                   createdAt: datetime()}]->(cat)""",
        ann=world.people["Ann"],
        ben=world.people["Ben"],
        cat=world.people["Cat"],
    )
    query = "query($id: ID!) { node(id: $id) { ... on RelativeLink { kind } } }"
    lead = Caller(client, token, LEAD, "lead_practitioner")
    hidden = await lead.data(
        query,
        {"id": global_id("RelativeLink", world.people["Ben"] + "-ann")},
        purpose="assess-needs",
    )
    assert hidden == {"node": None}
    shown = await lead.data(
        query,
        {"id": global_id("RelativeLink", world.people["Ann"] + "-cat")},
        purpose="assess-needs",
    )
    assert shown == {"node": {"kind": "PARENT"}}


async def test_identifying_families_opens_no_family_data_beyond_what_it_needs(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    # Steps 1 and 2 rest on the public task, without consent: a co-ordinator declaring them reads
    # who belongs where, not case notes or a refusing person's needs.
    coordinator = Caller(client, token, COORDINATOR, "coordinator")
    world = await _family_with_one_refusal(db, coordinator)
    await run(
        db,
        """MATCH (ben:Person {id: $ben}), (ann:Person {id: $ann})
           CREATE (ben)-[:RELATED_TO {id: $ben + '-note', kind: 'PARTNER', source: 'PRACTITIONER',
                   createdAt: datetime(), rationale: 'Seen together at the refuge.'}]->(ann)""",
        ben=world.people["Ben"],
        ann=world.people["Ann"],
    )
    query = """query($id: ID!) { person(id: $id) { givenName
        relatives { edges { kind link { rationale } } } } }"""
    body = await coordinator.post(query, {"id": world.pid("Ben")}, purpose="identify-families")
    person = body["data"]["person"]
    assert person["givenName"] == "Ben"  # identity: identifying families needs it
    assert person["relatives"]["edges"][0]["kind"] == "PARTNER"
    assert person["relatives"]["edges"][0]["link"]["rationale"] is None  # case notes
    reasons = {r["path"][-1]: r["reason"] for r in body["extensions"]["redactions"]}
    assert reasons == {"rationale": "NOT_PERMITTED"}


async def test_a_familys_status_reasons_are_criminal_offence_data_about_each_member(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    coordinator = Caller(client, token, COORDINATOR, "coordinator")
    world = await _family_with_one_refusal(db, coordinator)
    await run(
        db,
        """MATCH (f:Family {id: $family}) SET f.statusFramework = 'tf2015',
             f.statusFrameworkVersion = '2015.1', f.statusReasons = ['crime_asb met', 'health met'],
             f.statusAssessedAt = datetime()""",
        family=world.id,
    )
    query = "query($id: ID!) { family(id: $id) { status statusDecision { framework reasons } } }"
    lead = Caller(client, token, LEAD, "lead_practitioner")
    body = await lead.post(query, {"id": world.gid}, purpose="coordinate-support")
    assert body["data"]["family"] == {
        "status": "ELIGIBLE",
        "statusDecision": {"framework": "tf2015", "reasons": None},
    }
    # Ben refused: the reasons wait for every member (and for criminal offence data, each one's
    # explicit consent), not for one, as the status does.
    assert [r["reason"] for r in body["extensions"]["redactions"]] == ["NO_CONSENT"]
    analyst = Caller(client, token, "t-sw-analyst", "data_analyst")
    identified = await analyst.data(query, {"id": world.gid}, purpose="identify-families")
    assert identified["family"]["statusDecision"]["reasons"] == ["crime_asb met", "health met"]
