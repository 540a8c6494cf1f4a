"""The number of Cypher statements a request runs is bounded by its depth, not by its rows."""

from __future__ import annotations

import pytest_asyncio

from api.relay import global_id
from graph import Database
from graph.synthetic import generate, load
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
    body = await gql.post(DEEP, {"first": first})
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
        givenName currentAddress { postcode } relatives { edges { kind node { givenName } } }
        criteriaMet { edges { node { code } reportedBy { name } } } } } } } }"""
    via_fragment = """query($id: ID!) { family(id: $id) { ...F } }
        fragment F on Family { members { totalCount edges { node { givenName
          relatives { edges { node { givenName } } } } } } }"""
    for query in (direct, via_fragment):
        body = await gql.post(query, {"id": smiths})
        assert "errors" not in body, body
        assert body["extensions"]["queryCount"] == 1
    plain = await gql.post("query($id: ID!) { family(id: $id) { reference } }", {"id": smiths})
    assert plain["data"]["family"]["reference"] == "F-T0001"
    assert plain["extensions"]["queryCount"] == 1
