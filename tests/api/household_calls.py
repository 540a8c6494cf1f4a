"""Calls the household and family tests share: GraphQL as the data team, Cypher to look, and valid
NHS numbers for the people of a list."""

from __future__ import annotations

from typing import Any

import httpx

from graph import Database
from intake.identifiers import nhs_check_digit

FORM = """mutation { formFamilies { errors { code } run {
  people households householdsCreated householdsEnded sharedAddresses familiesCreated
  membersAdded linkedAcrossAddresses } } }"""
MATCH = "mutation { matchPartnerRecords { errors { code } } }"


def nhs(nine: str) -> str:
    """A valid NHS number from nine digits (the next nine digits when these have no check)."""
    check = nhs_check_digit(nine)
    if check is None:
        return nhs(f"{(int(nine) + 1) % 10**9:09d}")
    return f"{nine}{check}"


async def gql(
    client: httpx.AsyncClient, bearer: str, query: str, purpose: str = "identify-families"
) -> dict[str, Any]:
    response = await client.post(
        "/graphql",
        json={"query": query},
        headers={"Authorization": f"Bearer {bearer}", "X-Purpose-Of-Use": purpose},
    )
    body: dict[str, Any] = response.json()
    return body


async def rows(db: Database, query: str, **params: Any) -> list[dict[str, Any]]:
    async with db.driver.session(database=db.name) as session:
        result = await session.run(query, params)
        return [record.data() async for record in result]


async def person(db: Database, key: str) -> str:
    [row] = await rows(
        db, "MATCH (:SourceRecord {sourceKey: $k})-[:ABOUT]->(p:Person) RETURN p.id AS id", k=key
    )
    return str(row["id"])
