"""What the tests of the register of users share: users in each state, tokens that register no
one, requests, and a snapshot of the register to show that nothing was written."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest_asyncio

from api.relay import global_id
from auth import LocalSigningKey
from devtools.mint import mint_token
from graph import Database, access_register
from graph.access_register import DEFAULT_USER_AGREEMENT_VERSION
from tests.api.conftest import AUDIENCE, ISSUER

SIGNED = "t-reg-org-signed"  # voluntary sector, signed the agreement
UNSIGNED = "t-reg-org-unsigned"  # has not signed
CURRENT = DEFAULT_USER_AGREEMENT_VERSION
ADMIN = ("t-reg-admin", SIGNED)
IG = ("t-reg-ig", SIGNED)

_ORGANISATIONS = """
MERGE (s:Organisation {id: $signed})
SET s.name = 'Register Test Partner', s.sector = 'voluntary', s.signedAgreement = true,
    s.agreementKind = 'ORIGINAL', s.agreementVersion = '2015',
    s.agreementSignedOn = date('2015-09-01')
MERGE (u:Organisation {id: $unsigned})
SET u.name = 'Register Test Newcomer', u.sector = 'housing', u.signedAgreement = false
"""

_USER = """
MATCH (o:Organisation {id: $organisationId})
MERGE (u:User {id: $userId})
SET u.name = $userId, u.status = $status, u.kind = $kind, u.roles = $roles,
    u.requestedRoles = $roles, u.active = $status = 'APPROVED', u.userAgreementVersion = $agreement
MERGE (u)-[:WORKS_FOR]->(o)
"""

_CLEAN = """
MATCH (n) WHERE n.id STARTS WITH 't-reg-' OR n.userId STARTS WITH 't-reg-'
   OR n.organisationId STARTS WITH 't-reg-'
DETACH DELETE n
"""

# Everything the register holds about the test's users and organisations, and every change
# recorded: equal before and after a refused mutation when nothing was written.
_SNAPSHOT = """
CALL () {
  MATCH (u:User) WHERE u.id STARTS WITH 't-reg-'
  OPTIONAL MATCH (u)-[:WORKS_FOR]->(o)
  WITH u, collect(o.id) AS organisations ORDER BY u.id
  RETURN collect([u.id, properties(u), organisations]) AS users
}
CALL () {
  MATCH (o:Organisation) WHERE o.id STARTS WITH 't-reg-'
  WITH o ORDER BY o.id
  RETURN collect([o.id, properties(o)]) AS organisations
}
CALL () { MATCH (c:AccessChange) RETURN count(c) AS changes }
RETURN users, organisations, changes
"""


async def run(db: Database, query: Any, **params: Any) -> list[dict[str, Any]]:
    async with db.driver.session(database=db.name) as session:
        result = await session.run(query, params)
        return [record.data() async for record in result]


async def register(
    db: Database,
    user_id: str,
    *,
    status: str = "APPROVED",
    roles: tuple[str, ...] = ("practitioner",),
    organisation_id: str = SIGNED,
    kind: str = "PERSON",
    agreement: str | None = CURRENT,
) -> None:
    """Put ``user_id`` in the register in this state, as an out-of-band write would (and say
    so to this process, as the API does after its own changes)."""
    await run(
        db,
        _USER,
        userId=user_id,
        organisationId=organisation_id,
        status=status,
        kind=kind,
        roles=list(roles),
        agreement=agreement,
    )
    access_register.changed()


async def snapshot(db: Database) -> dict[str, Any]:
    [row] = await run(db, _SNAPSHOT)
    return row


@pytest_asyncio.fixture(scope="module", loop_scope="session", autouse=True)
async def register_organisations(db: Database) -> AsyncIterator[None]:
    await run(db, _CLEAN)
    await run(db, _ORGANISATIONS, signed=SIGNED, unsigned=UNSIGNED)
    access_register.changed()
    yield
    await run(db, _CLEAN)
    access_register.changed()


def raw_token(
    signing_key: LocalSigningKey,
    user_id: str,
    organisation_id: str = SIGNED,
    roles: list[str] | None = None,
) -> str:
    """A valid token that puts no one in the register (unlike the ``token`` fixture)."""
    return mint_token(
        signing_key,
        user_id=user_id,
        organisation_id=organisation_id,
        roles=roles,
        issuer=ISSUER,
        audience=AUDIENCE,
    )


async def post(
    client: httpx.AsyncClient,
    bearer: str,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    purpose: str = "coordinate-support",
    operation: str | None = None,
) -> httpx.Response:
    body: dict[str, Any] = {"query": query, "variables": variables or {}}
    if operation is not None:
        body["operationName"] = operation
    return await client.post(
        "/graphql",
        json=body,
        headers={"Authorization": f"Bearer {bearer}", "X-Purpose-Of-Use": purpose},
    )


def uid(raw: str) -> str:
    return global_id("User", raw)


def oid(raw: str) -> str:
    return global_id("Organisation", raw)


FAMILIES = "{ families { totalCount edges { node { reference } } } }"
ME = "{ me { userId roles access { status kind admitted refusal registeredRoles } } }"
