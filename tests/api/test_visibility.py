"""Row visibility over HTTP: what a caller may not see is absent, exactly as if it did not exist."""

from __future__ import annotations

import json
from typing import Any

import httpx

from api.relay import global_id
from graph import Database
from tests.api.conftest import PURPOSE, Token

SMITHS = global_id("Family", "t-fam-smith")
CHLOE = global_id("Person", "t-chloe")
ALICE = global_id("Person", "t-alice")
GARY = global_id("Person", "t-gary")


class Caller:
    """Posts as one user, returning the raw body bytes as well as the parsed body."""

    def __init__(self, client: httpx.AsyncClient, token: str) -> None:
        self.client = client
        self.token = token

    async def raw(self, query: str, variables: dict[str, Any] | None = None) -> bytes:
        response = await self.client.post(
            "/graphql",
            json={"query": query, "variables": variables or {}},
            headers={"Authorization": f"Bearer {self.token}", **PURPOSE},
        )
        assert response.status_code == 200, response.text
        return response.content

    async def data(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        body = json.loads(await self.raw(query, variables))
        assert "errors" not in body, body
        return body["data"]


def outsider(client: httpx.AsyncClient, token: Token) -> Caller:
    # A practitioner of the police on no team: sees only the people the police reported.
    return Caller(client, token("practitioner", "t-user-outsider", "t-org-police"))


async def test_a_family_off_the_callers_teams_reads_as_nonexistent(
    client: httpx.AsyncClient, token: Token
) -> None:
    caller = outsider(client, token)
    query = "query($id: ID!) { family(id: $id) { reference } node(id: $id) { id } }"
    hidden = await caller.raw(query, {"id": SMITHS})
    missing = await caller.raw(query, {"id": global_id("Family", "no-such-family")})
    assert hidden == missing
    assert json.loads(hidden)["data"] == {"family": None, "node": None}
    person = "query($id: ID!) { person(id: $id) { givenName } }"
    assert await caller.raw(person, {"id": CHLOE}) == await caller.raw(
        person, {"id": global_id("Person", "nobody")}
    )


async def test_lists_and_counts_leave_out_what_the_caller_may_not_see(
    client: httpx.AsyncClient, token: Token
) -> None:
    caller = outsider(client, token)
    data = await caller.data(
        """{ people(filter: {postcodeDistrict: "ZZ4"}) { totalCount edges { node { givenName } } }
             families(filter: {postcodeDistrict: "ZZ4"}) { totalCount edges { node { id } } } }"""
    )
    # Alice and Bob were reported by the police; Chloe and Dan were not.
    assert data["people"] == {
        "totalCount": 2,
        "edges": [{"node": {"givenName": "Alice"}}, {"node": {"givenName": "Bob"}}],
    }
    assert data["families"] == {"totalCount": 0, "edges": []}


async def test_nested_lists_obey_visibility_too(client: httpx.AsyncClient, token: Token) -> None:
    caller = outsider(client, token)
    data = await caller.data(
        """query($id: ID!) { person(id: $id) {
            families { totalCount }
            relatives { totalCount edges { kind node { givenName } } } } }""",
        {"id": ALICE},
    )
    assert data["person"]["families"] == {"totalCount": 0}
    assert data["person"]["relatives"] == {
        "totalCount": 1,
        "edges": [{"kind": "PARTNER", "node": {"givenName": "Bob"}}],
    }


async def test_relatives_of_relatives_list_only_people_the_caller_sees(
    client: httpx.AsyncClient, token: Token
) -> None:
    # The outsider sees Alice and Bob (the police reported them), not their children.
    caller = outsider(client, token)
    relatives = "relatives { totalCount edges { kind node { givenName %s } } }"
    query = "query($id: ID!) { person(id: $id) { %s } }" % (
        relatives % (relatives % (relatives % ""))
    )
    raw = await caller.raw(query, {"id": ALICE})
    for hidden in ("Chloe", "Dan", "Edna", "t-chloe", "t-dan"):
        assert hidden.encode() not in raw, hidden
    level = json.loads(raw)["data"]["person"]
    for name in ("Bob", "Alice", "Bob"):  # three levels down, each one step along the partners
        assert level["relatives"]["totalCount"] == 1
        [edge] = level["relatives"]["edges"]
        assert (edge["kind"], edge["node"]["givenName"]) == ("PARTNER", name)
        level = edge["node"]


async def test_team_members_see_their_families(client: httpx.AsyncClient, token: Token) -> None:
    pat = Caller(client, token("practitioner", "t-user-practitioner", "t-org-charity"))
    data = await pat.data(
        """{ families(filter: {postcodeDistrict: "ZZ4"}) { totalCount edges { node { reference } } }
        }"""
    )
    assert data["families"] == {"totalCount": 1, "edges": [{"node": {"reference": "F-T0001"}}]}


async def test_partner_systems_see_the_cases_of_their_organisation(
    client: httpx.AsyncClient, token: Token
) -> None:
    query = "query($id: ID!) { family(id: $id) { reference } }"
    charity = Caller(client, token("partner_system", "t-sys-charity", "t-org-charity"))
    assert await charity.data(query, {"id": SMITHS}) == {"family": {"reference": "F-T0001"}}
    police = Caller(client, token("partner_system", "t-sys-police", "t-org-police"))
    assert await police.data(query, {"id": SMITHS}) == {"family": None}


async def test_wide_scope_roles_see_every_family(client: httpx.AsyncClient, token: Token) -> None:
    coordinator = Caller(client, token("coordinator", "t-user-coordinator", "t-org-school"))
    query = "query($id: ID!) { family(id: $id) { reference } }"
    assert await coordinator.data(query, {"id": SMITHS}) == {"family": {"reference": "F-T0001"}}


async def _run(db: Database, query: str, **params: Any) -> None:
    async with db.driver.session(database=db.name) as session:
        await (await session.run(query, params)).consume()


async def test_ending_a_team_membership_takes_effect_on_the_next_request(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    caller = outsider(client, token)
    query = "query($id: ID!) { person(id: $id) { givenName } }"
    assert await caller.data(query, {"id": GARY}) == {"person": None}
    await _run(
        db,
        """MATCH (u:User {id: 't-user-outsider'}), (f:Family {id: 't-fam-green'})
           CREATE (u)-[:MEMBER_OF_TEAM {from: date(), lead: false}]->(f)""",
    )
    try:
        assert await caller.data(query, {"id": GARY}) == {"person": {"givenName": "Gary"}}
        await _run(
            db,
            """MATCH (:User {id: 't-user-outsider'})-[t:MEMBER_OF_TEAM]->
                     (:Family {id: 't-fam-green'})
               SET t.to = date()""",
        )
        assert await caller.data(query, {"id": GARY}) == {"person": None}
    finally:
        await _run(
            db,
            "MATCH (:User {id: 't-user-outsider'})-[t:MEMBER_OF_TEAM]->() DELETE t",
        )


async def test_linking_someone_the_caller_may_not_see_is_not_found(
    client: httpx.AsyncClient, token: Token
) -> None:
    caller = outsider(client, token)
    data = await caller.data(
        """mutation($input: LinkRelativesInput!) {
            linkRelatives(input: $input) { link { id } errors { code field } } }""",
        {
            "input": {
                "personId": ALICE,
                "relativeId": CHLOE,
                "kind": "CHILD",
                "rationale": "Trying to link someone out of sight.",
            }
        },
    )
    assert data["linkRelatives"] == {
        "link": None,
        "errors": [{"code": "NOT_FOUND", "field": "relativeId"}],
    }


PAIRED = """{
  people(filter: {postcodeDistrict: "ZZ4"}) { totalCount pageInfo { endCursor hasNextPage }
    edges { cursor node { id givenName relatives { totalCount edges { node { id } } } } } }
  families { totalCount pageInfo { endCursor } edges { node { id } } }
}"""


async def test_data_the_caller_may_not_see_changes_no_byte_of_the_response(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    caller = outsider(client, token)
    before = await caller.raw(PAIRED)
    # Another family in the same district, related to Alice, that no one told the police about.
    await _run(
        db,
        """CREATE (f:Family {id: 't-fam-hidden', reference: 'F-T0009', status: 'ELIGIBLE'})
           CREATE (p:Person {id: 't-hidden', givenName: 'Aaron', familyName: 'Aardvark',
                             nameKey: 'aaron aardvark'})-[:MEMBER_OF {role: 'PARENT'}]->(f)
           WITH p MATCH (a:Address {id: 't-a-fore'}), (alice:Person {id: 't-alice'})
           CREATE (p)-[:LIVES_AT {from: date('2020-01-01')}]->(a)
           CREATE (p)-[:RELATED_TO {id: 't-rel-hidden', kind: 'SIBLING',
                                    source: 'HOUSEHOLD'}]->(alice)""",
    )
    try:
        after = await caller.raw(PAIRED)
    finally:
        await _run(db, "MATCH (n) WHERE n.id IN ['t-fam-hidden', 't-hidden'] DETACH DELETE n")
    assert after == before


WITHHELD = """query($c: ID!, $b: ID!) {
  chloe: person(id: $c) { givenName relatives { edges { link { kind rationale } node { id } } } }
  bob: person(id: $b) {
    givenName criteriaMet { totalCount edges { node { code } evidenceDate } } } }"""


async def test_values_the_caller_may_not_read_change_no_byte_of_the_response(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    # A partner system: the grandmother's link rationale (case notes) is withheld from it, and
    # Bob's offence (criminal offence data, asked for with no special condition) left out.
    caller = Caller(client, token("partner_system"))
    variables = {"c": CHLOE, "b": global_id("Person", "t-bob")}
    before = await caller.raw(WITHHELD, variables)
    data = json.loads(before)["data"]
    assert {e["link"]["kind"]: e["link"]["rationale"] for e in data["chloe"]["relatives"]["edges"]}[
        "GRANDPARENT"
    ] is None
    assert data["bob"]["criteriaMet"] == {"totalCount": 0, "edges": []}
    await _run(
        db,
        """MATCH ()-[r:RELATED_TO {id: 't-rel-6'}]->() SET r.rationale = 'Changed: ' + r.rationale
           WITH 1 AS one MATCH (:SourceRecord {id: 't-sr-3'})-[rep:REPORTS]->()
           SET rep.evidenceDate = rep.evidenceDate - duration('P30D')""",
    )
    try:
        after = await caller.raw(WITHHELD, variables)
    finally:
        await _run(
            db,
            """MATCH ()-[r:RELATED_TO {id: 't-rel-6'}]->()
               SET r.rationale = substring(r.rationale, size('Changed: '))
               WITH 1 AS one MATCH (:SourceRecord {id: 't-sr-3'})-[rep:REPORTS]->()
               SET rep.evidenceDate = rep.evidenceDate + duration('P30D')""",
        )
    assert after == before
