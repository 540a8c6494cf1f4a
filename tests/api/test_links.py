"""Practitioners linking relatives, and revoking links, over HTTP."""

from __future__ import annotations

from typing import Any

from api.relay import global_id
from graph import Database
from tests.api.conftest import GraphQL

LINK = """
mutation($input: LinkRelativesInput!) {
  linkRelatives(input: $input) {
    link { id kind source rationale createdByUserId active from { givenName } to { givenName } }
    errors { code field message }
  }
}
"""

REVOKE = """
mutation($input: RevokeLinkInput!) {
  revokeLink(input: $input) {
    link { id active revokedAt revokedByUserId revocationReason rationale }
    errors { code field message }
  }
}
"""

RELATIVES = """
query($id: ID!, $history: Boolean!) {
  person(id: $id) {
    relatives(includeRevoked: $history) {
      totalCount edges { kind node { givenName } link { active } }
    }
  }
}
"""


def pid(raw: str) -> str:
    return global_id("Person", raw)


async def _count_links(db: Database) -> int:
    async with db.driver.session(database=db.name) as session:
        record = await (
            await session.run("MATCH ()-[r:RELATED_TO]->() RETURN count(r) AS n")
        ).single()
    assert record is not None
    return int(record["n"])


async def _link(gql: GraphQL, role: str = "practitioner", **overrides: Any) -> dict[str, Any]:
    data = {
        "personId": pid("t-dan"),
        "relativeId": pid("t-edna"),
        "kind": "GRANDPARENT",
        "rationale": "Edna looks after Dan at weekends.",
    } | overrides
    body = await gql.post(LINK, {"input": data}, role=role)
    return body


async def test_link_relatives_records_who_why_and_shows_from_both_sides(
    gql: GraphQL, db: Database
) -> None:
    body = await _link(
        gql,
        personId=pid("t-gary"),
        relativeId=pid("t-bob"),
        kind="OTHER",
        rationale="Bob is Gary's sponsor and visits weekly.",
    )
    payload = body["data"]["linkRelatives"]
    assert payload["errors"] == []
    assert payload["link"] | {"id": None} == {
        "id": None,
        "kind": "OTHER",
        "source": "PRACTITIONER",
        "rationale": "Bob is Gary's sponsor and visits weekly.",
        "createdByUserId": "t-user-practitioner",
        "active": True,
        "from": {"givenName": "Bob"},
        "to": {"givenName": "Gary"},
    }
    gary = await gql.data(RELATIVES, {"id": pid("t-gary"), "history": False})
    assert [(e["kind"], e["node"]["givenName"]) for e in gary["person"]["relatives"]["edges"]] == [
        ("OTHER", "Bob")
    ]


async def test_link_is_seen_with_the_inverse_kind_from_the_other_side(gql: GraphQL) -> None:
    body = await _link(
        gql,
        personId=pid("t-bob"),
        relativeId=pid("t-edna"),
        kind="CARER",
        rationale="Edna cares for Bob after his operation.",
    )
    assert body["data"]["linkRelatives"]["errors"] == []
    edna = await gql.data(RELATIVES, {"id": pid("t-edna"), "history": False})
    kinds = {e["node"]["givenName"]: e["kind"] for e in edna["person"]["relatives"]["edges"]}
    assert kinds["Bob"] == "CARED_FOR"


async def test_duplicate_link_in_either_direction_is_a_conflict_and_adds_nothing(
    gql: GraphQL, db: Database
) -> None:
    first = await _link(gql, personId=pid("t-dan"), relativeId=pid("t-edna"), kind="GRANDPARENT")
    assert first["data"]["linkRelatives"]["errors"] == []
    before = await _count_links(db)
    again = await _link(gql, personId=pid("t-dan"), relativeId=pid("t-edna"), kind="GRANDPARENT")
    inverse = await _link(gql, personId=pid("t-edna"), relativeId=pid("t-dan"), kind="GRANDCHILD")
    for body in (again, inverse):
        payload = body["data"]["linkRelatives"]
        assert [e["code"] for e in payload["errors"]] == ["CONFLICT"]
        assert payload["link"]["id"] == first["data"]["linkRelatives"]["link"]["id"]
    assert await _count_links(db) == before


async def test_bad_link_inputs_give_clear_errors_and_write_nothing(
    gql: GraphQL, db: Database
) -> None:
    before = await _count_links(db)
    cases = [
        ({"relativeId": pid("t-dan")}, [("BAD_USER_INPUT", "relativeId")]),
        ({"rationale": ""}, [("BAD_USER_INPUT", "rationale")]),
        ({"rationale": "   \n "}, [("BAD_USER_INPUT", "rationale")]),
        ({"rationale": "x" * 2001}, [("BAD_USER_INPUT", "rationale")]),
        ({"personId": "not-an-id"}, [("BAD_USER_INPUT", "personId")]),
        ({"relativeId": global_id("Family", "t-fam-smith")}, [("BAD_USER_INPUT", "relativeId")]),
        ({"personId": pid("nobody")}, [("NOT_FOUND", "personId")]),
        ({"relativeId": pid("nobody-either")}, [("NOT_FOUND", "relativeId")]),
    ]
    for overrides, expected in cases:
        payload = (await _link(gql, **overrides))["data"]["linkRelatives"]
        assert payload["link"] is None, overrides
        assert [(e["code"], e["field"]) for e in payload["errors"]] == expected, overrides
        assert all(e["message"] for e in payload["errors"])
    assert await _count_links(db) == before


async def test_missing_rationale_or_unknown_kind_is_rejected_by_the_schema(gql: GraphQL) -> None:
    for data in (
        {"personId": pid("t-dan"), "relativeId": pid("t-edna"), "kind": "GRANDPARENT"},
        {"personId": pid("t-dan"), "relativeId": pid("t-edna"), "kind": "COUSIN", "rationale": "x"},
    ):
        body = await gql.post(LINK, {"input": data})
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        assert body.get("data") is None


async def test_partner_system_may_not_link_or_revoke(gql: GraphQL, db: Database) -> None:
    before = await _count_links(db)
    body = await _link(gql, role="partner_system", rationale="A system may not draw links.")
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    revoke = await gql.post(
        REVOKE,
        {"input": {"linkId": global_id("RelativeLink", "t-rel-6"), "reason": "no"}},
        role="partner_system",
    )
    assert revoke["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await _count_links(db) == before


async def test_revoke_keeps_history_and_hides_the_link_from_current_relatives(gql: GraphQL) -> None:
    created = (
        await _link(
            gql,
            personId=pid("t-alice"),
            relativeId=pid("t-gary"),
            kind="SIBLING",
            rationale="Half-brother, regular contact.",
        )
    )["data"]["linkRelatives"]
    link_id = created["link"]["id"]
    payload = (
        await gql.post(REVOKE, {"input": {"linkId": link_id, "reason": "Recorded in error."}})
    )["data"]["revokeLink"]
    assert payload["errors"] == []
    assert payload["link"]["active"] is False
    assert payload["link"]["revokedByUserId"] == "t-user-practitioner"
    assert payload["link"]["revocationReason"] == "Recorded in error."
    assert payload["link"]["rationale"] == "Half-brother, regular contact."
    assert payload["link"]["revokedAt"]

    current = await gql.data(RELATIVES, {"id": pid("t-alice"), "history": False})
    history = await gql.data(RELATIVES, {"id": pid("t-alice"), "history": True})
    names = lambda d: {e["node"]["givenName"] for e in d["person"]["relatives"]["edges"]}  # noqa: E731
    assert "Gary" not in names(current)
    assert "Gary" in names(history)

    again = (await gql.post(REVOKE, {"input": {"linkId": link_id, "reason": "Twice."}}))["data"][
        "revokeLink"
    ]
    assert [(e["code"], e["field"]) for e in again["errors"]] == [("CONFLICT", "linkId")]

    node = await gql.data(
        "query($id: ID!) { node(id: $id) { ... on RelativeLink { active } } }", {"id": link_id}
    )
    assert node["node"] == {"active": False}


async def test_bad_revoke_inputs_give_clear_errors(gql: GraphQL) -> None:
    household = global_id("RelativeLink", "t-rel-1")
    cases = [
        ({"linkId": global_id("RelativeLink", "missing"), "reason": "x"}, ("NOT_FOUND", "linkId")),
        ({"linkId": "###", "reason": "x"}, ("BAD_USER_INPUT", "linkId")),
        ({"linkId": household, "reason": "  "}, ("BAD_USER_INPUT", "reason")),
        ({"linkId": household, "reason": "Source data is wrong."}, ("BAD_USER_INPUT", "linkId")),
    ]
    for data, expected in cases:
        payload = (await gql.post(REVOKE, {"input": data}))["data"]["revokeLink"]
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [expected], data
    still = await gql.data(RELATIVES, {"id": pid("t-chloe"), "history": False})
    assert "Alice" in {e["node"]["givenName"] for e in still["person"]["relatives"]["edges"]}
