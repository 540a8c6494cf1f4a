"""The number of Cypher statements a request runs is bounded by its depth, not by its rows."""

from __future__ import annotations

import pytest_asyncio

from api.relay import global_id
from devtools.synthetic.demo import generate, load
from graph import Database, consent_summary
from tests.api.conftest import GraphQL

DEEP = """
query($first: Int!) {
  families(first: $first) {
    totalCount
    edges { node {
      reference
      members { edges { role node {
        givenName
        relatives { edges { kind node { givenName familyName } link { source } } }
      } } }
    } }
  }
}
"""


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def synthetic_families(db: Database) -> None:
    await load(db, generate(400, seed=7))


async def _count(gql: GraphQL, first: int) -> tuple[int, int]:
    # Identifying families rests on public task, not on each person's consent: this counts the
    # loaders alone (consent checks add one batched statement per level, tested elsewhere).
    body = await gql.post(DEEP, {"first": first}, role="coordinator", purpose="identify-families")
    assert "errors" not in body, body
    members = sum(len(e["node"]["members"]["edges"]) for e in body["data"]["families"]["edges"])
    return body["extensions"]["queryCount"], members


async def test_deep_family_page_costs_one_query_per_level(
    gql: GraphQL, synthetic_families: None
) -> None:
    queries_50, members_50 = await _count(gql, 50)
    queries_5, members_5 = await _count(gql, 5)
    assert members_50 > members_5 > 0
    # At most: families page, totalCount, members, the members' facts (addresses, relationships,
    # criteria), and the relatives themselves
    # (none when every relative is a member already loaded in this request).
    assert 4 <= queries_50 <= 5
    assert 4 <= queries_5 <= 5


async def test_family_detail_is_read_in_one_query_even_through_fragments(gql: GraphQL) -> None:
    smiths = global_id("Family", "t-fam-smith")
    direct = """query($id: ID!) { family(id: $id) { reference members { edges { node {
        givenName currentAddress { postcode } addresses { totalCount }
        criteriaMet { edges { node { code } reportedBy { name } } } } } } } }"""
    via_fragment = """query($id: ID!) { family(id: $id) { ...F } }
        fragment F on Family { members { totalCount edges { node { ... on Person {
          givenName currentAddress { postcode } } } } } }"""
    plain = "query($id: ID!) { family(id: $id) { reference } }"
    for query in (direct, via_fragment, plain):
        body = await gql.post(query, {"id": smiths})
        assert "errors" not in body, body
        assert body["data"]["family"]
        # The details statement, and (when personal fields are read) one consent check.
        assert body["extensions"]["queryCount"] <= 2


async def test_relatives_outside_the_family_cost_one_more_query(gql: GraphQL) -> None:
    query = """query($id: ID!) { family(id: $id) { members { edges { node {
        relatives(includeRevoked: true) { edges { node { givenName } } } } } } } }"""
    body = await gql.post(query, {"id": global_id("Family", "t-fam-smith")})
    assert "errors" not in body, body
    # details, consent of the members, relatives outside the family, and their consent
    assert body["extensions"]["queryCount"] <= 4


async def test_consent_for_a_family_page_is_read_with_the_families(
    gql: GraphQL, synthetic_families: None, db: Database
) -> None:
    # Co-ordinating support rests on consent: each family's own fields wait for its members'
    # consent, which the page's statement reads from their consent summaries with the families,
    # so no statement follows it (a summary that has lapsed, or was never written, covers
    # nothing: it never sends the page back to the database).
    await consent_summary.refresh_all(db)
    body = await gql.post(
        "{ families(first: 50) { edges { node { status identifiedAt } } } }", role="coordinator"
    )
    assert "errors" not in body, body
    statuses = [e["node"]["status"] for e in body["data"]["families"]["edges"]]
    assert any(statuses)
    assert body["extensions"]["queryCount"] == 1
