"""Liveness and readiness probes, and what clients see while Neo4j cannot be reached."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from api.relay import global_id
from auth import AuthSettings
from graph import Neo4jSettings
from tests.api.conftest import PURPOSE, Token, make_app

ALICE = global_id("Person", "t-alice")

# Port 1 on loopback: nothing listens, so every connection is refused at once.
UNREACHABLE = Neo4jSettings(uri="bolt://127.0.0.1:1", user="neo4j", password="x")


async def test_healthz_answers_ok(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_healthz_needs_no_token(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz", headers={"Authorization": "Bearer garbage"})

    assert response.status_code == 200
    assert "www-authenticate" not in response.headers


async def test_readyz_is_ready_on_the_real_neo4j(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["status"] == "ready"


@pytest.fixture
async def unreachable_client(auth_settings: AuthSettings) -> AsyncIterator[httpx.AsyncClient]:
    application = make_app(UNREACHABLE, auth_settings, migrate_on_startup=False)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://testserver", headers=PURPOSE
        ) as http:
            yield http


def _assert_no_internals(text: str) -> None:
    lowered = text.lower()
    for word in ("bolt", "127.0.0.1", "traceback", "neo4j", "refused", "errno"):
        assert word not in lowered, text


async def test_healthz_stays_ok_without_neo4j(unreachable_client: httpx.AsyncClient) -> None:
    response = await unreachable_client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_is_unavailable_without_neo4j(unreachable_client: httpx.AsyncClient) -> None:
    response = await unreachable_client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert "bolt" not in response.text.lower()
    assert "127.0.0.1" not in response.text


async def test_query_needing_neo4j_reports_service_unavailable(
    unreachable_client: httpx.AsyncClient, token: Token
) -> None:
    response = await unreachable_client.post(
        "/graphql",
        json={
            "query": "query($id: ID!) { person(id: $id) { givenName } }",
            "variables": {"id": ALICE},
        },
        headers={"Authorization": f"Bearer {token()}"},
    )

    # Who may use the system is in Neo4j too (the register of users): without it, nothing is
    # served to anyone, not even what needs no data.
    assert response.status_code == 503, response.text
    body = response.json()
    assert "data" not in body
    [error] = body["errors"]
    assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    _assert_no_internals(error["message"])
    _assert_no_internals(response.text.replace('"SERVICE_UNAVAILABLE"', ""))


async def test_not_even_me_is_served_while_the_register_cannot_be_read(
    unreachable_client: httpx.AsyncClient, token: Token
) -> None:
    response = await unreachable_client.post(
        "/graphql",
        json={"query": "{ me { userId roles } }"},
        headers={"Authorization": f"Bearer {token('coordinator')}"},
    )

    assert response.status_code == 503, response.text
    assert response.json()["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert "coordinator" not in response.text


async def test_bad_token_is_refused_before_neo4j_is_needed(
    unreachable_client: httpx.AsyncClient,
) -> None:
    response = await unreachable_client.post("/graphql", json={"query": "{ me { userId } }"})

    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
