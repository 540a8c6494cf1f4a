"""Reading the family graph over HTTP, as a dashboard would."""

from __future__ import annotations

from tests.api.conftest import GraphQL
from api.relay import global_id

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
          criteriaMet { edges { node { code headlineProblem } evidenceDate reportedBy { name sector } } }
        }
      }
    }
  }
}
"""


async def test_family_detail_has_members_roles_addresses_relatives_and_criteria(gql: GraphQL) -> None:
    family = (await gql.data(FAMILY_DETAIL, {"id": SMITHS}))["family"]
    assert family["reference"] == "F-T0001"
    assert family["status"] == "ELIGIBLE"
    members = {e["node"]["givenName"]: e for e in family["members"]["edges"]}
    assert family["members"]["totalCount"] == 5
    assert {name: e["role"] for name, e in members.items()} == {
        "Alice": "PARENT", "Bob": "STEP_PARENT", "Chloe": "CHILD", "Dan": "CHILD", "Edna": "RELATIVE",
    }
    assert members["Edna"]["node"]["currentAddress"]["postcodeDistrict"] == "TQ1"
    chloe = members["Chloe"]["node"]
    relatives = {e["node"]["givenName"]: e for e in chloe["relatives"]["edges"]}
    assert {n: e["kind"] for n, e in relatives.items()} == {
        "Alice": "PARENT", "Bob": "STEP_PARENT", "Dan": "SIBLING", "Edna": "GRANDPARENT",
    }
    assert relatives["Edna"]["link"] == {
        "source": "PRACTITIONER",
        "rationale": "Grandmother collects Chloe from school most days.",
        "createdByUserId": "t-user-practitioner",
    }
    assert chloe["criteriaMet"]["edges"] == [
        {
            "node": {"code": "T_SA1", "headlineProblem": "school_attendance"},
            "evidenceDate": "2026-09-30",
            "reportedBy": {"name": "Test Academy", "sector": "education"},
        }
    ]
