"""Reading the family graph over HTTP, as a dashboard would."""

from __future__ import annotations

from api.relay import global_id
from tests.api.conftest import GraphQL

SMITHS = global_id("Family", "t-fam-smith")
CHLOE = global_id("Person", "t-chloe")
ALICE = global_id("Person", "t-alice")

FAMILY_DETAIL = """
query($id: ID!) {
  family(id: $id) {
    id reference status identifiedAt
    members {
      totalCount
      edges {
        role
        node {
          givenName familyName dateOfBirth
          currentAddress { postcode postcodeDistrict }
          relatives { edges { kind node { givenName } link { source rationale createdByUserId } } }
          criteriaMet {
            edges { node { code headlineProblem } evidenceDate reportedBy { name sector } }
          }
        }
      }
    }
  }
}
"""


async def test_family_detail_has_members_roles_addresses_relatives_and_criteria(
    gql: GraphQL,
) -> None:
    family = (await gql.data(FAMILY_DETAIL, {"id": SMITHS}))["family"]
    assert family["reference"] == "F-T0001"
    assert family["status"] == "ELIGIBLE"
    members = {e["node"]["givenName"]: e for e in family["members"]["edges"]}
    assert family["members"]["totalCount"] == 5
    assert {name: e["role"] for name, e in members.items()} == {
        "Alice": "PARENT",
        "Bob": "STEP_PARENT",
        "Chloe": "CHILD",
        "Dan": "CHILD",
        "Edna": "RELATIVE",
    }
    assert members["Edna"]["node"]["currentAddress"]["postcodeDistrict"] == "ZZ1"
    chloe = members["Chloe"]["node"]
    relatives = {e["node"]["givenName"]: e for e in chloe["relatives"]["edges"]}
    assert {n: e["kind"] for n, e in relatives.items()} == {
        "Alice": "PARENT",
        "Bob": "STEP_PARENT",
        "Dan": "SIBLING",
        "Edna": "GRANDPARENT",
    }
    assert relatives["Edna"]["link"] == {
        "source": "PRACTITIONER",
        "rationale": "Grandmother collects Chloe from school most days.",
        "createdByUserId": "t-user-practitioner",
    }
    assert chloe["criteriaMet"]["edges"] == [
        {
            "node": {"code": "SA1", "headlineProblem": "school_attendance"},
            "evidenceDate": "2026-09-30",
            "reportedBy": {"name": "Test Academy", "sector": "education"},
        }
    ]


async def test_invalid_scalar_in_variables_is_bad_user_input(gql: GraphQL) -> None:
    body = await gql.post(
        "query($f: PersonFilter) { people(filter: $f) { totalCount } }",
        {"f": {"dateOfBirth": "2020-13-45"}},
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "dateOfBirth" in body["errors"][0]["message"]


PERSON = """
query($id: ID!) {
  person(id: $id) {
    id givenName familyName dateOfBirth sex
    addresses { totalCount edges { current fromDate toDate node { line1 town postcode uprn } } }
    families { edges { role node { reference status } } }
  }
}
"""


async def test_person_has_current_and_past_addresses_and_families(gql: GraphQL) -> None:
    alice = (await gql.data(PERSON, {"id": ALICE}))["person"]
    assert alice["id"] == ALICE
    assert (alice["givenName"], alice["familyName"], alice["dateOfBirth"], alice["sex"]) == (
        "Alice",
        "Smith",
        "1985-03-02",
        "F",
    )
    assert alice["addresses"]["totalCount"] == 2
    assert [
        (e["current"], e["node"]["town"], e["toDate"]) for e in alice["addresses"]["edges"]
    ] == [
        (True, "Exeter", None),
        (False, "Plymouth", "2019-05-31"),
    ]
    assert alice["families"]["edges"] == [
        {"role": "PARENT", "node": {"reference": "F-T0001", "status": "ELIGIBLE"}}
    ]


async def test_unknown_ids_read_as_null(gql: GraphQL) -> None:
    data = await gql.data(
        "query($p: ID!, $f: ID!, $n: ID!) "
        "{ person(id: $p) { id } family(id: $f) { id } node(id: $n) { id } }",
        {
            "p": global_id("Person", "nobody"),
            "f": global_id("Family", "none"),
            "n": global_id("Secret", "t-alice"),
        },
    )
    assert data == {"person": None, "family": None, "node": None}


async def test_an_id_of_another_type_is_bad_input(gql: GraphQL) -> None:
    body = await gql.post("query($id: ID!) { person(id: $id) { id } }", {"id": SMITHS})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert body["data"] == {"person": None}


async def test_node_fetches_every_node_type(gql: GraphQL) -> None:
    ids = {
        "Person": ALICE,
        "Family": SMITHS,
        "Organisation": global_id("Organisation", "t-org-police"),
        "User": global_id("User", "t-user-practitioner"),
        "RelativeLink": global_id("RelativeLink", "t-rel-6"),
        "Address": global_id("Address", "t-a-fore"),
        "Criterion": global_id("Criterion", "SA1"),
    }
    for type_name, gid in ids.items():
        data = await gql.data("query($id: ID!) { node(id: $id) { id __typename } }", {"id": gid})
        assert data["node"] == {"id": gid, "__typename": type_name}


PEOPLE = """
query($f: PersonFilter, $first: Int, $after: String) {
  people(filter: $f, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { givenName familyName } }
  }
}
"""


async def test_people_filters(gql: GraphQL) -> None:
    async def names(f: dict[str, object]) -> list[str]:
        data = await gql.data(PEOPLE, {"f": f, "first": 100})
        return [e["node"]["givenName"] for e in data["people"]["edges"]]

    assert await names({"postcodeDistrict": "zz4"}) == ["Alice", "Bob", "Chloe", "Dan"]
    assert await names({"postcodeDistrict": "ZZ4", "name": "SMI"}) == ["Alice", "Chloe", "Dan"]
    assert await names({"dateOfBirth": "2012-05-01", "postcodeDistrict": "ZZ4"}) == ["Chloe"]
    assert await names({"criterion": "DA1"}) == ["Alice"]
    assert await names({"criterion": "SA1", "familyStatus": "ELIGIBLE"}) == ["Chloe"]
    assert await names({"postcodeDistrict": "ZZ3", "familyStatus": "BELOW_THRESHOLD"}) == ["Gary"]
    assert await names({"postcodeDistrict": "ZZ2"}) == []  # Alice moved away from ZZ2


async def test_people_pages_follow_cursors_to_the_end(gql: GraphQL) -> None:
    seen: list[str] = []
    after = None
    for _ in range(10):
        page = (
            await gql.data(PEOPLE, {"f": {"postcodeDistrict": "ZZ4"}, "first": 3, "after": after})
        )["people"]
        assert page["totalCount"] == 4
        seen += [e["node"]["givenName"] for e in page["edges"]]
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == ["Alice", "Bob", "Chloe", "Dan"]


async def test_bad_people_filters_are_rejected(gql: GraphQL) -> None:
    for f in (
        {"name": "a"},
        {"name": "\u0301\u0301"},  # two accents, no letter: nothing to search for
        {"name": "x" * 101},
        {"criterion": "no spaces!"},
        {"postcodeDistrict": "EX4; DROP"},
    ):
        body = await gql.post(PEOPLE, {"f": f})
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", f
        assert body["data"] is None


FAMILIES = """
query($f: FamilyFilter, $first: Int, $after: String) {
  families(filter: $f, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { reference status } }
  }
}
"""


async def test_families_filters(gql: GraphQL) -> None:
    async def refs(f: dict[str, object]) -> list[str]:
        data = await gql.data(FAMILIES, {"f": f, "first": 100})
        assert data["families"]["totalCount"] == len(data["families"]["edges"])
        return [e["node"]["reference"] for e in data["families"]["edges"]]

    assert await refs({"postcodeDistrict": "ZZ1"}) == ["F-T0001"]  # Edna, a relative elsewhere
    assert await refs({"criterion": "SA1"}) == ["F-T0001"]
    assert await refs({"criterion": "SA1", "status": "CLOSED"}) == []
    assert await refs({"postcodeDistrict": "ZZ3", "status": "BELOW_THRESHOLD"}) == ["F-T0002"]


async def test_zero_first_counts_without_rows(gql: GraphQL) -> None:
    data = await gql.data(FAMILIES, {"f": {"criterion": "SA1"}, "first": 0})
    assert data["families"] == {
        "totalCount": 1,
        "pageInfo": {"hasNextPage": False, "endCursor": None},
        "edges": [],
    }


async def test_me_describes_the_caller(gql: GraphQL) -> None:
    data = await gql.data("{ me { userId roles user { name } organisation { name sector } } }")
    assert data["me"] == {
        "userId": "t-user-practitioner",
        "roles": ["practitioner"],
        "user": {"name": "Pat Practitioner"},
        "organisation": {"name": "Test Family Support", "sector": "voluntary"},
    }
