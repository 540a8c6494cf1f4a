"""An app on the test Neo4j, a client speaking HTTP to it, and tokens for any role."""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from starlette.applications import Starlette

from api import ApiSettings, create_app
from auth import AuthSettings, LocalSigningKey, TokenValidator
from devtools.mint import mint_token
from graph import Database, Neo4jSettings
from tests.api import family_data
from tests.api.register_support import Enrolment, forget_ensured

ISSUER = "https://issuer.test"
AUDIENCE = "early-help-graph-api"

Token = Callable[..., str]

# Every request declares a purpose; tests that are not about purposes use this one.
PURPOSE = {"X-Purpose-Of-Use": "coordinate-support"}


@pytest.fixture(scope="session")
def signing_key(tmp_path_factory: pytest.TempPathFactory) -> LocalSigningKey:
    return LocalSigningKey.load_or_create(tmp_path_factory.mktemp("keys"))


@pytest.fixture(scope="session")
def auth_settings(signing_key: LocalSigningKey) -> AuthSettings:
    return AuthSettings(issuer=ISSUER, audience=AUDIENCE, jwks=signing_key.public_jwks())


@pytest.fixture(scope="session")
def enrolment(neo4j_settings: Neo4jSettings, db: Database) -> Iterator[Enrolment]:
    # After `db`, which empties the database first.
    enrolment = Enrolment(neo4j_settings)
    yield enrolment
    enrolment.close()


@pytest.fixture(autouse=True)
def _each_test_enrols_afresh() -> None:
    forget_ensured()


@pytest.fixture(scope="session")
def token(signing_key: LocalSigningKey, enrolment: Enrolment) -> Token:
    """Tokens the register of users honours (tests/api/register_support.py)."""

    def make(
        role: str = "practitioner",
        user_id: str = "t-user-practitioner",
        organisation_id: str = "t-org-charity",
    ) -> str:
        enrolment.ensure(user_id, organisation_id, role)
        return mint_token(
            signing_key,
            user_id=user_id,
            organisation_id=organisation_id,
            roles=[role],
            issuer=ISSUER,
            audience=AUDIENCE,
        )

    return make


_JOURNALS = tempfile.TemporaryDirectory(prefix="ehg-journals-")


def make_app(neo4j: Neo4jSettings, auth: AuthSettings, **settings: Any) -> Starlette:
    # Each app journals its disclosures in a folder of its own, gone with the test run.
    settings.setdefault("audit_journal_dir", Path(tempfile.mkdtemp(dir=_JOURNALS.name)))
    return create_app(ApiSettings(query_count=True, **settings), neo4j, TokenValidator(auth))


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def app(
    db: Database, neo4j_settings: Neo4jSettings, auth_settings: AuthSettings
) -> AsyncIterator[Starlette]:
    await family_data.create(db)
    application = make_app(neo4j_settings, auth_settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest_asyncio.fixture(loop_scope="session")
async def client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=PURPOSE
    ) as http:
        yield http


class GraphQL:
    """Posts GraphQL over HTTP as a client would, with a bearer token for a role."""

    def __init__(self, http: httpx.AsyncClient, token: Token) -> None:
        self.http = http
        self.token = token

    async def post(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        role: str = "practitioner",
        purpose: str = "coordinate-support",
        condition: str | None = None,
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.token(role)}", "X-Purpose-Of-Use": purpose}
        if condition:
            headers["X-Special-Condition"] = condition
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def data(
        self, query: str, variables: dict[str, Any] | None = None, **options: Any
    ) -> dict[str, Any]:
        body = await self.post(query, variables, **options)
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data


@pytest.fixture
def gql(client: httpx.AsyncClient, token: Token) -> GraphQL:
    return GraphQL(client, token)


ROOT = Path(__file__).resolve().parents[2]
