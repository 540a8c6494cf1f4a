"""Cypher for partner organisations and their users."""

from __future__ import annotations

from graph import records
from graph._cypher import Tx, fetch

_ORGANISATIONS = "UNWIND $ids AS id MATCH (o:Organisation {id: id}) RETURN o"

_USERS = """
UNWIND $ids AS id
MATCH (u:User {id: id})
OPTIONAL MATCH (u)-[:WORKS_FOR]->(o:Organisation)
RETURN u, o.id AS organisationId
"""


async def by_ids(tx: Tx, ids: list[str]) -> list[records.Organisation]:
    return [records.organisation(r["o"]) for r in await fetch(tx, _ORGANISATIONS, ids=ids)]


async def users_by_ids(tx: Tx, ids: list[str]) -> list[records.User]:
    return [
        records.User(
            id=r["u"]["id"],
            name=r["u"]["name"],
            email=r["u"].get("email"),
            roles=tuple(r["u"].get("roles") or ()),
            active=bool(r["u"].get("active", False)),
            organisation_id=r["organisationId"],
        )
        for r in await fetch(tx, _USERS, ids=ids)
    ]
