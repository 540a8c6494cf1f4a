"""Requests and checks shared by the consent tests."""

from __future__ import annotations

from typing import Any

import httpx

from api.relay import global_id
from graph import Database
from graph.migrations import v005
from tests.api.conftest import GraphQL

RECORD = """
mutation($input: RecordConsentInput!) {
  recordConsent(input: $input) {
    consent {
      id status purposes sectors organisations { name } grantorKind grantorName
      grantorRelationship method givenOn expiresOn recordedAt recordedByUserId
      withdrawnAt withdrawnByUserId withdrawalReason person { givenName }
    }
    errors { code field message }
  }
}
"""

WITHDRAW = """
mutation($input: WithdrawConsentInput!) {
  withdrawConsent(input: $input) {
    consent { id status withdrawnAt withdrawnByUserId withdrawalReason givenOn }
    errors { code field message }
  }
}
"""

CONSENTS = """
query($id: ID!, $history: Boolean!) {
  person(id: $id) {
    consents(includeWithdrawn: $history) { totalCount edges { node { id status givenOn } } }
  }
}
"""

SCHOOL = global_id("Organisation", "t-org-school")


PARENT = {"kind": "PARENTAL_RESPONSIBILITY", "name": "Alice Smith", "relationship": "mother"}


def pid(raw: str) -> str:
    return global_id("Person", raw)


async def apply_consent_schema(db: Database) -> None:
    # graph.migrations will apply these as a migration; until then the tests apply them.
    async with db.driver.session(database=db.name) as session:
        for statement in v005.MIGRATION.statements:
            await (await session.run(statement)).consume()


async def count_consents(db: Database) -> int:
    async with db.driver.session(database=db.name) as session:
        record = await (await session.run("MATCH (c:Consent) RETURN count(c) AS n")).single()
    assert record is not None
    return int(record["n"])


async def run(db: Database, query: str, **params: Any) -> None:
    async with db.driver.session(database=db.name) as session:
        await (await session.run(query, params)).consume()


def consent_input(**overrides: Any) -> dict[str, Any]:
    given = overrides.get("givenOn", "2026-03-01")
    return {
        "personId": pid("t-alice"),
        "status": "GIVEN",
        "purposes": ["ASSESS_NEEDS", "COORDINATE_SUPPORT"],
        "organisationIds": [SCHOOL],
        "sectors": ["HEALTH"],
        "grantor": {"kind": "SELF"},
        "method": "WRITTEN",
        "givenOn": given,
        # A form and the privacy notice given that day (on a valid date: bad ones are the test's).
        "formReference": "EH-CF-0001",
        "privacyNotice": {
            "version": "2026-01",
            "givenOn": given if isinstance(given, str) and given[:4].isdigit() else "2026-01-01",
        },
    } | overrides


async def record(gql: GraphQL, role: str = "lead_practitioner", **overrides: Any) -> Any:
    body = await gql.post(RECORD, {"input": consent_input(**overrides)}, role=role)
    assert "errors" not in body, body["errors"]
    return body["data"]["recordConsent"]


async def withdraw(gql: GraphQL, consent_id: str, reason: str, role: str = "coordinator") -> Any:
    body = await gql.post(
        WITHDRAW, {"input": {"consentId": consent_id, "reason": reason}}, role=role
    )
    assert "errors" not in body, body["errors"]
    return body["data"]["withdrawConsent"]


def codes(payload: Any) -> list[tuple[str, str | None]]:
    assert all(e["message"] for e in payload["errors"])
    return [(e["code"], e["field"]) for e in payload["errors"]]


def forbidden(body: dict[str, Any]) -> None:
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"]


async def post_as(
    client: httpx.AsyncClient, bearer: str, query: str, variables: dict[str, Any]
) -> dict[str, Any]:
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {bearer}", "X-Purpose-Of-Use": "assess-needs"},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body
