"""Who may use the system at all: a valid token is not enough (Appendix 3: access approved by an
administrator, the user agreement accepted, the organisation a signed partner).

Each case here read every family before the register of users was consulted: a token for
someone the register never heard of, for a user of an organisation that has not signed, for a
suspended user, or a practitioner's token claiming the co-ordinator role.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest_asyncio

from auth import LocalSigningKey
from devtools.mint import mint_token
from graph import Database
from tests.api.conftest import AUDIENCE, ISSUER

FAMILIES = "{ families { totalCount edges { node { reference } } } }"
ME = "{ me { userId roles } }"

_SETUP = """
MERGE (s:Organisation {id: 't-find-signed'})
SET s.name = 'Finding Partner', s.sector = 'voluntary', s.signedAgreement = true
MERGE (n:Organisation {id: 't-find-unsigned'})
SET n.name = 'Finding Newcomer', n.sector = 'voluntary', n.signedAgreement = false
WITH s, n
UNWIND $users AS r
MERGE (u:User {id: r.id})
SET u.name = r.id, u.roles = r.roles, u.active = r.status = 'APPROVED', u.status = r.status,
    u.kind = 'PERSON', u.userAgreementVersion = '1'
WITH u, r, CASE r.organisation WHEN 't-find-signed' THEN s ELSE n END AS o
MERGE (u)-[:WORKS_FOR]->(o)
"""
USERS = [
    {"id": "t-find-unsigned-coordinator", "roles": ["coordinator"], "status": "APPROVED",
     "organisation": "t-find-unsigned"},
    {"id": "t-find-practitioner", "roles": ["practitioner"], "status": "APPROVED",
     "organisation": "t-find-signed"},
    {"id": "t-find-suspended-coordinator", "roles": ["coordinator"], "status": "SUSPENDED",
     "organisation": "t-find-signed"},
]  # fmt: skip


async def _run(db: Database, query: Any, **params: Any) -> None:
    async with db.driver.session(database=db.name) as session:
        await (await session.run(query, params)).consume()


@pytest_asyncio.fixture(scope="module", loop_scope="session", autouse=True)
async def users(db: Database) -> AsyncIterator[None]:
    await _run(db, _SETUP, users=USERS)
    yield
    await _run(db, "MATCH (n) WHERE n.id STARTS WITH 't-find-' DETACH DELETE n")


def _token(key: LocalSigningKey, user_id: str, organisation_id: str, roles: list[str]) -> str:
    return mint_token(
        key,
        user_id=user_id,
        organisation_id=organisation_id,
        roles=roles,
        issuer=ISSUER,
        audience=AUDIENCE,
    )


async def _families(client: httpx.AsyncClient, bearer: str) -> httpx.Response:
    return await client.post(
        "/graphql",
        json={"query": FAMILIES},
        headers={"Authorization": f"Bearer {bearer}", "X-Purpose-Of-Use": "coordinate-support"},
    )


def _refused(response: httpx.Response) -> None:
    assert response.status_code == 403, response.text
    body = response.json()
    assert body.get("data") is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "reference" not in response.text


async def test_a_token_for_someone_the_register_never_heard_of_reads_no_family(
    client: httpx.AsyncClient, signing_key: LocalSigningKey
) -> None:
    stranger = _token(signing_key, "t-find-stranger", "t-find-signed", ["coordinator"])
    _refused(await _families(client, stranger))


async def test_a_user_of_an_organisation_that_has_not_signed_reads_no_family(
    client: httpx.AsyncClient, signing_key: LocalSigningKey
) -> None:
    bearer = _token(signing_key, "t-find-unsigned-coordinator", "t-find-unsigned", ["coordinator"])
    _refused(await _families(client, bearer))


async def test_a_suspended_user_reads_no_family(
    client: httpx.AsyncClient, signing_key: LocalSigningKey
) -> None:
    bearer = _token(signing_key, "t-find-suspended-coordinator", "t-find-signed", ["coordinator"])
    _refused(await _families(client, bearer))


async def test_a_practitioner_claiming_the_coordinator_role_does_not_read_every_family(
    client: httpx.AsyncClient, signing_key: LocalSigningKey
) -> None:
    claiming = _token(signing_key, "t-find-practitioner", "t-find-signed", ["coordinator"])
    _refused(await _families(client, claiming))

    # Claiming both, they act as the practitioner the register says they are: on no family's
    # team, they see none.
    both = _token(
        signing_key, "t-find-practitioner", "t-find-signed", ["practitioner", "coordinator"]
    )
    response = await _families(client, both)
    assert response.status_code == 200, response.text
    assert response.json()["data"]["families"] == {"totalCount": 0, "edges": []}
    me = await client.post(
        "/graphql",
        json={"query": ME},
        headers={"Authorization": f"Bearer {both}", "X-Purpose-Of-Use": "coordinate-support"},
    )
    assert me.json()["data"]["me"] == {"userId": "t-find-practitioner", "roles": ["practitioner"]}
