"""The policy's rules about links between relatives, over HTTP: ages a kind cannot have are
refused, and only the organisation that drew a link (or a co-ordinator) revokes it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio

from api.relay import global_id
from graph import Database
from policy.relationship_ages import VARIABLE
from tests.api.conftest import GraphQL, Token

LINK = """
mutation($input: LinkRelativesInput!) {
  linkRelatives(input: $input) { link { id } errors { code field message } }
}
"""

REVOKE = """
mutation($input: RevokeLinkInput!) {
  revokeLink(input: $input) { link { id } errors { code field message } }
}
"""


def pid(raw: str) -> str:
    return global_id("Person", raw)


async def _run(db: Database, query: str, **params: Any) -> list[dict[str, Any]]:
    async with db.driver.session(database=db.name) as session:
        result = await session.run(query, params)
        return [record.data() async for record in result]


async def _links(db: Database) -> list[dict[str, Any]]:
    """Every link with all its properties: what "nothing was written" compares."""
    return await _run(
        db,
        """MATCH (a)-[r:RELATED_TO]->(b)
           RETURN a.id AS from, b.id AS to, properties(r) AS props ORDER BY r.id""",
    )


@pytest_asyncio.fixture(loop_scope="session", autouse=True)
async def links_put_back(db: Database) -> AsyncIterator[None]:
    # The links these tests draw go, and so do the people and users they add.
    before = [r["id"] for r in await _run(db, "MATCH ()-[r:RELATED_TO]->() RETURN r.id AS id")]
    await _run(
        db,
        """MATCH (police:Organisation {id: 't-org-police'})
           MERGE (u:User {id: 't-lr-constable'})
           SET u.name = 'Connie Constable', u.roles = ['practitioner'], u.active = true
           MERGE (u)-[:WORKS_FOR]->(police)""",
    )
    yield
    await _run(db, "MATCH ()-[r:RELATED_TO]->() WHERE NOT r.id IN $before DELETE r", before=before)
    await _run(db, "MATCH (n) WHERE n.id STARTS WITH 't-lr-' DETACH DELETE n")


async def _link(
    gql: GraphQL,
    person: str,
    relative: str,
    kind: str,
    role: str = "practitioner",
    purpose: str = "coordinate-support",
) -> dict[str, Any]:
    body = await gql.post(
        LINK,
        {
            "input": {
                "personId": pid(person),
                "relativeId": pid(relative),
                "kind": kind,
                "rationale": "Seen together at every visit.",
            }
        },
        role=role,
        purpose=purpose,
    )
    assert "errors" not in body, body["errors"]
    payload: dict[str, Any] = body["data"]["linkRelatives"]
    return payload


# -- ages a kind implies ----------------------------------------------------------------------

# (person, relative, kind: what the relative is to the person, the rule that refuses it). Born:
# Alice 1985, Bob 1983, Chloe 2012, Dan 2016, Edna 1958.
IMPLAUSIBLE = [
    ("t-alice", "t-dan", "PARENT", "a PARENT is at least 12 years older than their CHILD"),
    ("t-dan", "t-alice", "CHILD", "a PARENT is at least 12 years older than their CHILD"),
    ("t-bob", "t-chloe", "PARENT", "a PARENT is at least 12 years older than their CHILD"),
    (
        "t-edna",
        "t-chloe",
        "GRANDPARENT",
        "a GRANDPARENT is at least 24 years older than their GRANDCHILD",
    ),
    (
        "t-chloe",
        "t-edna",
        "GRANDCHILD",
        "a GRANDPARENT is at least 24 years older than their GRANDCHILD",
    ),
    ("t-alice", "t-chloe", "GRANDPARENT", "a GRANDPARENT is at least 24 years older"),
    ("t-bob", "t-dan", "STEP_PARENT", "a STEP_PARENT is at least 16 years old"),
    ("t-dan", "t-bob", "STEP_CHILD", "a STEP_PARENT is at least 16 years old"),
]


@pytest.mark.parametrize(("person", "relative", "kind", "rule"), IMPLAUSIBLE)
async def test_a_link_the_ages_rule_out_is_refused_naming_the_rule_and_nothing_is_written(
    gql: GraphQL, db: Database, person: str, relative: str, kind: str, rule: str
) -> None:
    before = await _links(db)
    payload = await _link(gql, person, relative, kind)
    assert payload["link"] is None
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("BAD_USER_INPUT", "kind")]
    assert rule in payload["errors"][0]["message"]
    assert await _links(db) == before


@pytest.mark.parametrize(
    ("person", "relative", "kind"),
    [
        ("t-alice", "t-edna", "PARENT"),  # 27 years older
        ("t-edna", "t-alice", "CHILD"),
        ("t-dan", "t-bob", "STEP_PARENT"),  # an adult
        ("t-dan", "t-alice", "SIBLING"),  # siblings may be decades apart: no rule
        ("t-alice", "t-chloe", "CARER"),  # young carers: no rule
    ],
)
async def test_a_link_the_ages_allow_is_written(
    gql: GraphQL, db: Database, person: str, relative: str, kind: str
) -> None:
    payload = await _link(gql, person, relative, kind)
    assert payload["errors"] == []
    assert payload["link"] is not None


@pytest_asyncio.fixture(loop_scope="session")
async def unknown_birth(db: Database) -> AsyncIterator[None]:
    # A person with no date of birth. Without one no consent can be shown to count, so the data
    # team links them while identifying families (the council's public task).
    await _run(
        db,
        """MATCH (charity:Organisation {id: 't-org-charity'})
           MERGE (p:Person {id: 't-lr-nobirth'})
           SET p.givenName = 'Uno', p.familyName = 'Known', p.nameKey = 'uno known'
           MERGE (s:SourceRecord {id: 't-lr-record'})
           MERGE (s)-[:ABOUT]->(p) MERGE (s)-[:SUPPLIED_BY]->(charity)""",
    )
    yield


async def test_an_unknown_date_of_birth_is_not_checked(
    gql: GraphQL,
    db: Database,
    unknown_birth: None,
) -> None:
    team = {"role": "data_analyst", "purpose": "identify-families"}
    for person, relative, kind in (
        ("t-dan", "t-lr-nobirth", "PARENT"),
        ("t-lr-nobirth", "t-dan", "GRANDPARENT"),
        ("t-chloe", "t-lr-nobirth", "STEP_PARENT"),
    ):
        payload = await _link(gql, person, relative, kind, **team)
        assert payload["errors"] == [], kind
    # The step-parent's own age needs only their own date of birth.
    refused = await _link(gql, "t-lr-nobirth", "t-dan", "STEP_PARENT", **team)
    assert [e["field"] for e in refused["errors"]] == ["kind"]


async def test_the_rules_are_configuration(
    gql: GraphQL, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stricter = tmp_path / "ages.toml"
    stricter.write_text('[PARENT]\ninverse = "CHILD"\nolder_by = 30\n')
    monkeypatch.setenv(VARIABLE, str(stricter))
    before = await _links(db)
    refused = await _link(gql, "t-alice", "t-edna", "PARENT")
    assert "a PARENT is at least 30 years older than their CHILD" in refused["errors"][0]["message"]
    assert await _links(db) == before
    monkeypatch.delenv(VARIABLE)
    assert (await _link(gql, "t-alice", "t-edna", "PARENT"))["errors"] == []


# -- whose links a caller may revoke -----------------------------------------------------------


async def _revoke(
    client: httpx.AsyncClient, bearer: str, link_id: str, purpose: str = "coordinate-support"
) -> dict[str, Any]:
    response = await client.post(
        "/graphql",
        json={"query": REVOKE, "variables": {"input": {"linkId": link_id, "reason": "Wrong."}}},
        headers={"Authorization": f"Bearer {bearer}", "X-Purpose-Of-Use": purpose},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def _police_link(client: httpx.AsyncClient, token: Token) -> str:
    """A link drawn by Olive, a police practitioner, between Alice and Bob (whom the police
    reported, so she sees them)."""
    olive = token("practitioner", "t-user-outsider", "t-org-police")
    response = await client.post(
        "/graphql",
        json={
            "query": LINK,
            "variables": {
                "input": {
                    "personId": pid("t-alice"),
                    "relativeId": pid("t-bob"),
                    "kind": "OTHER",
                    "rationale": "Bob keeps in touch with Alice's probation officer.",
                }
            },
        },
        headers={"Authorization": f"Bearer {olive}"},
    )
    payload = response.json()["data"]["linkRelatives"]
    assert payload["errors"] == []
    link_id: str = payload["link"]["id"]
    return link_id


async def test_another_agencys_practitioner_may_not_revoke_a_link(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    link_id = await _police_link(client, token)
    before = await _links(db)
    # Pat, a charity's practitioner on the family's team, sees the link and may revoke links,
    # but not the police's.
    for role in ("practitioner", "lead_practitioner"):
        body = await _revoke(client, token(role), link_id)
        assert body["data"] is None
        assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"]
    # Nor may the data team of another organisation.
    analyst = token("data_analyst", "t-user-practitioner", "t-org-charity")
    body = await _revoke(client, analyst, link_id, purpose="identify-families")
    assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"]
    assert await _links(db) == before


@pytest.mark.parametrize(
    ("role", "user", "organisation"),
    [
        ("practitioner", "t-user-outsider", "t-org-police"),  # the creator
        ("practitioner", "t-lr-constable", "t-org-police"),  # a colleague at the police
        ("coordinator", "t-user-practitioner", "t-org-charity"),  # a co-ordinator, any link
    ],
)
async def test_the_creator_their_organisation_or_a_coordinator_revokes_a_link(
    client: httpx.AsyncClient, token: Token, role: str, user: str, organisation: str
) -> None:
    link_id = await _police_link(client, token)
    body = await _revoke(client, token(role, user, organisation), link_id)
    assert body["data"]["revokeLink"]["errors"] == []


async def test_a_link_drawn_before_links_named_their_organisation_is_the_creators_organisations(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    # Drawn by Olive with no organisation recorded: the register says she works for the police.
    await _run(
        db,
        """MATCH (a:Person {id: 't-alice'}), (b:Person {id: 't-bob'})
           CREATE (a)-[:RELATED_TO {
             id: 't-lr-legacy', kind: 'CARER', source: 'PRACTITIONER', createdAt: datetime(),
             createdBy: 't-user-outsider', rationale: 'Drawn before links named organisations.'
           }]->(b)""",
    )
    link_id = global_id("RelativeLink", "t-lr-legacy")
    refused = await _revoke(client, token("practitioner"), link_id)  # Pat, of the charity
    assert [e["extensions"]["code"] for e in refused["errors"]] == ["FORBIDDEN"]
    colleague = token("practitioner", "t-lr-constable", "t-org-police")
    assert (await _revoke(client, colleague, link_id))["data"]["revokeLink"]["errors"] == []
