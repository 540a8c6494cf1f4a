"""Recording and withdrawing consent over HTTP: what is checked, what is kept, what is read."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from api.consent.types import ConsentPurpose
from api.relay import global_id, parse_global_id
from graph import Database, consent_summary
from graph.consent import age_on
from tests.api.conftest import GraphQL
from tests.api.consent_calls import (
    CONSENTS,
    PARENT,
    SCHOOL,
    apply_consent_schema,
    codes,
    count_consents,
    pid,
    record,
    run,
    withdraw,
)
from vocabulary import Purpose


@pytest_asyncio.fixture(scope="module", loop_scope="session", autouse=True)
async def consent_schema(db: Database) -> AsyncIterator[None]:
    await apply_consent_schema(db)
    yield


# Every test person already has one consent from tests/api/family_data.py; these tests look at
# the ones they record.
FIXTURE_CONSENTS = 1


def _own(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        e
        for e in data["person"]["consents"]["edges"]
        if not parse_global_id(e["node"]["id"])[1].startswith("t-consent-")
    ]


async def test_lead_practitioner_records_an_adults_own_consent(gql: GraphQL) -> None:
    payload = await record(gql, expiresOn="2027-03-01", sectors=["HEALTH", "HEALTH"])
    assert payload["errors"] == []
    consent = payload["consent"]
    assert consent["recordedAt"]
    assert consent | {"id": None, "recordedAt": None} == {
        "id": None,
        "status": "GIVEN",
        "purposes": ["ASSESS_NEEDS", "COORDINATE_SUPPORT"],
        "sectors": ["HEALTH"],
        "organisations": [{"name": "Test Academy"}],
        "grantorKind": "SELF",
        "grantorName": None,
        "grantorRelationship": None,
        "method": "WRITTEN",
        "givenOn": "2026-03-01",
        "expiresOn": "2027-03-01",
        "recordedAt": None,
        "recordedByUserId": "t-user-practitioner",
        "withdrawnAt": None,
        "withdrawnByUserId": None,
        "withdrawalReason": None,
        "person": {"givenName": "Alice"},
    }


async def test_a_child_under_the_consent_age_needs_someone_to_decide_for_them(
    gql: GraphQL, db: Database
) -> None:
    # Chloe was born on 2012-05-01: 12 on 2025-04-30, 13 on 2025-05-01.
    before = await count_consents(db)
    too_young = await record(gql, personId=pid("t-chloe"), givenOn="2025-04-30")
    assert too_young["consent"] is None
    assert codes(too_young) == [("BAD_USER_INPUT", "grantor.kind")]
    assert await count_consents(db) == before

    by_parent = await record(
        gql,
        personId=pid("t-chloe"),
        givenOn="2025-04-30",
        grantor=PARENT,
        method="VERBAL",
    )
    assert by_parent["errors"] == []
    assert {k: by_parent["consent"][k] for k in ("grantorKind", "grantorName", "method")} == {
        "grantorKind": "PARENTAL_RESPONSIBILITY",
        "grantorName": "Alice Smith",
        "method": "VERBAL",
    }
    thirteen = await record(gql, personId=pid("t-chloe"), givenOn="2025-05-01")
    assert thirteen["errors"] == []
    assert thirteen["consent"]["grantorKind"] == "SELF"
    assert await count_consents(db) == before + 2


async def test_the_consent_age_is_configuration(
    gql: GraphQL, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EHG_CONSENT_AGE", "16")
    before = await count_consents(db)
    payload = await record(gql, personId=pid("t-chloe"), givenOn="2025-05-01")
    assert codes(payload) == [("BAD_USER_INPUT", "grantor.kind")]
    assert await count_consents(db) == before


async def test_bad_consents_give_clear_errors_and_write_nothing(gql: GraphQL, db: Database) -> None:
    future = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    bad = "BAD_USER_INPUT"
    cases: list[tuple[dict[str, Any], list[tuple[str, str]]]] = [
        ({"purposes": []}, [(bad, "purposes")]),
        ({"organisationIds": [], "sectors": []}, [(bad, "organisationIds")]),
        ({"organisationIds": None, "sectors": None}, [(bad, "organisationIds")]),
        ({"givenOn": future}, [(bad, "givenOn")]),
        ({"expiresOn": "2026-03-01"}, [(bad, "expiresOn")]),
        ({"expiresOn": "2026-02-01"}, [(bad, "expiresOn")]),
        ({"status": "WITHDRAWN"}, [(bad, "status")]),
        ({"personId": "not-an-id"}, [(bad, "personId")]),
        ({"personId": SCHOOL}, [(bad, "personId")]),
        ({"organisationIds": ["###"]}, [(bad, "organisationIds")]),
        (
            {"grantor": {"kind": "APPROPRIATE_PERSON"}},
            [(bad, "grantor.name"), (bad, "grantor.relationship"), (bad, "grantor.reason")],
        ),
        ({"grantor": {"kind": "SELF", "reason": "lacks capacity"}}, [(bad, "grantor.reason")]),
        ({"grantor": PARENT | {"reason": "x"}}, [(bad, "grantor.reason")]),
        ({"formReference": None}, [(bad, "formReference")]),
        ({"formReference": "  "}, [(bad, "formReference")]),
        ({"privacyNotice": None}, [(bad, "privacyNotice")]),
        (
            {"privacyNotice": {"version": "2026-01", "givenOn": "2026-03-02"}},
            [(bad, "privacyNotice.givenOn")],
        ),
        (
            {"privacyNotice": {"version": " ", "givenOn": "2026-03-01"}},
            [(bad, "privacyNotice.version")],
        ),
        (
            {"status": "REFUSED", "specialCategories": ["HEALTH"]},
            [(bad, "specialCategories")],
        ),
        ({"grantor": PARENT | {"name": "  "}}, [(bad, "grantor.name")]),
        ({"grantor": PARENT | {"relationship": "x" * 101}}, [(bad, "grantor.relationship")]),
        ({"grantor": {"kind": "SELF", "name": "Alice"}}, [(bad, "grantor.name")]),
        (
            {"personId": pid("t-chloe"), "givenOn": "2012-04-30", "grantor": PARENT},
            [(bad, "givenOn")],
        ),
        (
            {"personId": pid("t-chloe"), "givenOn": "2012-04-30"},
            [(bad, "givenOn"), (bad, "grantor.kind")],
        ),
        ({"personId": pid("nobody")}, [("NOT_FOUND", "personId")]),
        (
            {"organisationIds": [SCHOOL, global_id("Organisation", "t-org-none")]},
            [("NOT_FOUND", "organisationIds")],
        ),
        (
            {"purposes": [], "givenOn": future, "expiresOn": "2026-01-01"},
            [(bad, "purposes"), (bad, "givenOn"), (bad, "expiresOn")],
        ),
    ]  # fmt: skip
    before = await count_consents(db)
    for overrides, expected in cases:
        payload = await record(gql, **overrides)
        assert payload["consent"] is None, overrides
        assert codes(payload) == expected, overrides
    assert await count_consents(db) == before


async def test_without_a_date_of_birth_only_the_persons_own_refusal_is_recorded(
    gql: GraphQL, db: Database
) -> None:
    # Whether someone may decide for the person depends on their age: with none known, no
    # consent is taken (nor anyone's for them), but their own refusal is.
    await run(db, "MATCH (p:Person {id: 't-edna'}) REMOVE p.dateOfBirth")
    try:
        before = await count_consents(db)
        own = await record(gql, personId=pid("t-edna"))
        assert codes(own) == [("BAD_USER_INPUT", "grantor.kind")]
        other = await record(
            gql,
            personId=pid("t-edna"),
            grantor={
                "kind": "APPROPRIATE_PERSON",
                "name": "Alice Smith",
                "relationship": "daughter",
                "reason": "Lacks capacity to decide (assessed 2026-02-20).",
            },
        )
        assert codes(other) == [("BAD_USER_INPUT", "grantor.kind")]
        assert await count_consents(db) == before
        refusal = await record(gql, personId=pid("t-edna"), status="REFUSED")
        assert refusal["errors"] == []
        assert await count_consents(db) == before + 1
    finally:
        await run(
            db,
            "MATCH (p:Person {id: 't-edna'}) SET p.dateOfBirth = date('1958-01-15')"
            " WITH p MATCH (p)<-[:CONCERNS]-(c:Consent) WHERE c.id <> 't-consent-edna'"
            " DETACH DELETE c",
        )
        await db.write(consent_summary.refresh, ["t-edna"])


async def test_withdrawal_keeps_the_record_and_applies_from_the_next_request(
    gql: GraphQL, db: Database
) -> None:
    dan = pid("t-dan")
    older = (await record(gql, personId=dan, grantor=PARENT, givenOn="2026-01-05"))["consent"]
    newer = (await record(gql, personId=dan, grantor=PARENT, givenOn="2026-02-05"))["consent"]
    listed = await gql.data(CONSENTS, {"id": dan, "history": False})
    assert [e["node"]["id"] for e in _own(listed)] == [newer["id"], older["id"]]

    before = await count_consents(db)
    payload = await withdraw(gql, older["id"], "Mother withdrew consent by phone.")
    assert payload["errors"] == []
    assert payload["consent"]["status"] == "WITHDRAWN"
    assert payload["consent"]["withdrawnAt"]
    assert payload["consent"]["withdrawnByUserId"] == "t-user-practitioner"
    assert payload["consent"]["withdrawalReason"] == "Mother withdrew consent by phone."
    assert payload["consent"]["givenOn"] == "2026-01-05"
    assert await count_consents(db) == before  # kept, never deleted

    current = await gql.data(CONSENTS, {"id": dan, "history": False})
    history = await gql.data(CONSENTS, {"id": dan, "history": True})
    assert current["person"]["consents"]["totalCount"] == 1 + FIXTURE_CONSENTS
    assert _own(current) == [
        {"node": {"id": newer["id"], "status": "GIVEN", "givenOn": "2026-02-05"}}
    ]
    assert [(e["node"]["id"], e["node"]["status"]) for e in _own(history)] == [
        (newer["id"], "GIVEN"),
        (older["id"], "WITHDRAWN"),
    ]

    again = await withdraw(gql, older["id"], "Twice.")
    assert codes(again) == [("CONFLICT", "consentId")]
    assert again["consent"]["withdrawalReason"] == "Mother withdrew consent by phone."

    node = await gql.data(
        "query($id: ID!) { node(id: $id) { ... on Consent { status person { givenName } } } }",
        {"id": older["id"]},
    )
    assert node["node"] == {"status": "WITHDRAWN", "person": {"givenName": "Dan"}}


async def test_bad_withdrawals_give_clear_errors(gql: GraphQL) -> None:
    refused = await record(
        gql, personId=pid("t-bob"), status="REFUSED", organisationIds=[], sectors=[]
    )
    assert refused["errors"] == []
    assert refused["consent"]["status"] == "REFUSED"
    cases = [
        (global_id("Consent", "missing"), "x", ("NOT_FOUND", "consentId")),
        ("###", "x", ("BAD_USER_INPUT", "consentId")),
        (pid("t-bob"), "x", ("BAD_USER_INPUT", "consentId")),
        (refused["consent"]["id"], "  ", ("BAD_USER_INPUT", "reason")),
        (refused["consent"]["id"], "x" * 2001, ("BAD_USER_INPUT", "reason")),
        (refused["consent"]["id"], "Changed their mind.", ("BAD_USER_INPUT", "consentId")),
    ]
    for consent_id, reason, expected in cases:
        payload = await withdraw(gql, consent_id, reason)
        assert codes(payload) == [expected], consent_id
    history = await gql.data(CONSENTS, {"id": pid("t-bob"), "history": True})
    assert [e["node"]["status"] for e in _own(history)] == ["REFUSED"]


async def test_consents_through_node_and_their_data_classes(gql: GraphQL) -> None:
    await record(gql, personId=pid("t-alice"), givenOn="2026-04-01")
    query = """query($id: ID!) { node(id: $id) { ... on Person {
        consents(first: 1) { totalCount pageInfo { hasNextPage }
                             edges { node { givenOn grantorName status } } } } } }"""
    data = await gql.data(query, {"id": pid("t-alice")})
    consents = data["node"]["consents"]
    assert consents["pageInfo"] == {"hasNextPage": True}
    assert consents["totalCount"] >= 2
    assert consents["edges"] == [
        {"node": {"givenOn": "2026-04-01", "grantorName": None, "status": "GIVEN"}}
    ]
    # A partner's system reads no social care data: the list is withheld, and says so.
    body = await gql.post(query, {"id": pid("t-alice")}, role="partner_system")
    assert body["data"]["node"] == {"consents": None}
    assert body["extensions"]["redactions"] == [
        {"path": ["node", "consents"], "reason": "NOT_PERMITTED"}
    ]


def test_graphql_enums_are_the_policys_words() -> None:
    # A consent's scope is the purposes of sharing, which governance of the sharing is not.
    sharing = set(Purpose) - {Purpose.INFORMATION_GOVERNANCE}
    assert {(p.name, p.value) for p in ConsentPurpose} == {(p.name, p.value) for p in sharing}


@pytest.mark.parametrize(
    ("born", "day", "age"),
    [
        (dt.date(2012, 5, 1), dt.date(2025, 4, 30), 12),
        (dt.date(2012, 5, 1), dt.date(2025, 5, 1), 13),
        (dt.date(2008, 2, 29), dt.date(2021, 2, 28), 12),
        (dt.date(2008, 2, 29), dt.date(2021, 3, 1), 13),
        (dt.date(2008, 2, 29), dt.date(2024, 2, 29), 16),
    ],
)
def test_age_on_counts_whole_years(born: dt.date, day: dt.date, age: int) -> None:
    assert age_on(born, day) == age
