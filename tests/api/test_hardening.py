"""Limits a hostile or careless client runs into: size, depth, aliases, batching, GET, input."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from api.relay import global_id
from api.schema import MAX_ALIASES, MAX_DEPTH, MAX_TOKENS
from api.settings import ApiSettings
from auth import AuthSettings
from graph import Neo4jSettings
from tests.api.conftest import PURPOSE, GraphQL, Token, make_app

SMITHS = global_id("Family", "t-fam-smith")
MAX_BODY = ApiSettings().max_body_bytes

# Words that would betray internals in a message shown to the client.
INTERNALS = ("traceback", "exception", "binascii", "base64", "utf-8", "codec", "json", "neo4j")


def _only_error(body: dict[str, Any]) -> dict[str, Any]:
    errors = body.get("errors")
    assert errors, body
    first: dict[str, Any] = errors[0]
    return first


def _assert_clean(message: str) -> None:
    lowered = message.lower()
    assert not [word for word in INTERNALS if word in lowered], message


def _auth(token: Token) -> dict[str, str]:
    return {"Authorization": f"Bearer {token()}"}


async def test_document_with_too_many_tokens_is_rejected(gql: GraphQL) -> None:
    query = "{ me { " + "userId " * 5000 + "} }"

    body = await gql.post(query)

    error = _only_error(body)
    assert "token" in error["message"].lower()
    assert str(MAX_TOKENS) in error["message"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert body.get("data") is None


async def test_syntax_error_is_bad_user_input(gql: GraphQL) -> None:
    body = await gql.post("{ me { userId ")

    error = _only_error(body)
    assert "syntax error" in error["message"].lower()
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert body.get("data") is None


def _nested_relatives(levels: int) -> str:
    """family > members > edges > node, then relatives > edges > node repeated ``levels`` times."""
    inner = "givenName"
    for _ in range(levels):
        inner = f"relatives {{ edges {{ node {{ {inner} }} }} }}"
    member = f"node {{ givenName {inner} }}"
    return f'{{ family(id: "{SMITHS}") {{ members {{ edges {{ {member} }} }} }} }}'


async def test_query_deeper_than_the_limit_is_rejected_without_executing(
    gql: GraphQL,
) -> None:
    query = _nested_relatives(MAX_DEPTH // 3 + 2)

    body = await gql.post(query)

    error = _only_error(body)
    assert "depth" in error["message"].lower()
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert body.get("data") is None


async def test_query_within_the_depth_limit_is_answered(gql: GraphQL) -> None:
    # family(1) members(2) edges(3) node(4) relatives(5) edges(6) node(7) givenName(8)
    data = await gql.data(_nested_relatives(1))

    relatives = {
        member["node"]["givenName"]: {
            edge["node"]["givenName"] for edge in member["node"]["relatives"]["edges"]
        }
        for member in data["family"]["members"]["edges"]
    }
    assert relatives["Chloe"] == {"Alice", "Bob", "Dan", "Edna"}


def _aliased(count: int) -> str:
    return "{ me { " + " ".join(f"a{i}: userId" for i in range(count)) + " } }"


async def test_more_aliases_than_the_limit_are_rejected(gql: GraphQL) -> None:
    body = await gql.post(_aliased(MAX_ALIASES + 1))

    error = _only_error(body)
    assert "alias" in error["message"].lower()
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert body.get("data") is None


async def test_aliases_up_to_the_limit_are_answered(gql: GraphQL) -> None:
    data = await gql.data(_aliased(MAX_ALIASES))

    assert len(data["me"]) == MAX_ALIASES
    assert set(data["me"].values()) == {"t-user-practitioner"}


async def test_batched_request_is_rejected_and_nothing_runs(
    client: httpx.AsyncClient, token: Token
) -> None:
    batch = [{"query": "{ me { userId } }"}, {"query": "{ me { roles } }"}]

    response = await client.post("/graphql", json=batch, headers=_auth(token))

    assert response.status_code == 400
    assert "batch" in response.text.lower()
    assert "t-user-practitioner" not in response.text
    assert "practitioner" not in response.text


async def test_query_over_get_is_rejected_and_not_executed(
    client: httpx.AsyncClient, token: Token
) -> None:
    response = await client.get(
        "/graphql",
        params={"query": "{me{userId}}"},
        headers={**_auth(token), "Accept": "application/json"},
    )

    assert response.status_code in (400, 405), response.text
    assert "t-user-practitioner" not in response.text
    assert "get" in response.text.lower()


async def test_mutation_over_get_is_rejected(client: httpx.AsyncClient, token: Token) -> None:
    response = await client.get(
        "/graphql",
        params={"query": "mutation { __typename }"},
        headers={**_auth(token), "Accept": "application/json"},
    )

    assert response.status_code in (400, 405), response.text
    assert '"data"' not in response.text


async def test_misspelled_field_error_does_not_suggest_field_names(gql: GraphQL) -> None:
    body = await gql.post("{ me { userID } }")

    error = _only_error(body)
    assert "userID" in error["message"]
    assert "did you mean" not in error["message"].lower()
    assert "userId" not in error["message"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert body.get("data") is None


async def test_body_over_the_limit_is_refused_with_413(
    client: httpx.AsyncClient, token: Token
) -> None:
    query = "{ me { userId " + " " * 70_000 + "} }"

    response = await client.post("/graphql", json={"query": query}, headers=_auth(token))

    assert response.status_code == 413
    body = response.json()
    assert set(body) == {"errors"}, body
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}
    assert "too large" in error["message"].lower()


async def test_body_over_the_limit_without_content_length_is_refused_with_413(
    client: httpx.AsyncClient, token: Token
) -> None:
    """A chunked upload that never declares its size is cut off as it crosses the limit."""
    chunk = b" " * 8192
    chunks = (MAX_BODY // len(chunk)) + 2

    async def body() -> AsyncIterator[bytes]:
        yield b'{"query": "{ me { userId '
        for _ in range(chunks):
            yield chunk
        yield b'} }"}'

    response = await client.post(
        "/graphql",
        content=body(),
        headers={**_auth(token), "Content-Type": "application/json"},
    )

    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "t-user-practitioner" not in response.text


async def test_body_just_under_the_limit_is_answered(gql: GraphQL) -> None:
    query = "{ me { userId " + " " * (MAX_BODY - 200) + "} }"

    data = await gql.data(query)

    assert data["me"]["userId"] == "t-user-practitioner"


INTROSPECTION = "{ __schema { types { name } } }"


async def test_introspection_is_available_by_default(gql: GraphQL) -> None:
    data = await gql.data(INTROSPECTION)

    names = {t["name"] for t in data["__schema"]["types"]}
    assert {"Person", "Family", "Viewer"} <= names


@pytest.fixture
async def no_introspection_client(
    neo4j_settings: Neo4jSettings, auth_settings: AuthSettings
) -> AsyncIterator[httpx.AsyncClient]:
    application = make_app(
        neo4j_settings, auth_settings, introspection=False, migrate_on_startup=False
    )
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://testserver", headers=PURPOSE
        ) as http:
            yield http


@pytest.mark.parametrize(
    "query",
    [INTROSPECTION, '{ __type(name: "Person") { fields { name } } }'],
    ids=["__schema", "__type"],
)
async def test_introspection_is_refused_when_disabled(
    no_introspection_client: httpx.AsyncClient, token: Token, query: str
) -> None:
    body = await GraphQL(no_introspection_client, token).post(query)

    error = _only_error(body)
    assert "introspection" in error["message"].lower()
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert body.get("data") is None


async def test_ordinary_queries_still_work_when_introspection_is_disabled(
    no_introspection_client: httpx.AsyncClient, token: Token
) -> None:
    data = await GraphQL(no_introspection_client, token).data("{ me { userId } }")

    assert data["me"]["userId"] == "t-user-practitioner"


@pytest.mark.parametrize(
    "bad_id",
    ["!!!", "", "Zm9v", "x" * 10_000, global_id("Family", "t-fam-smith"), "\u00e9\u00e9\u00e9"],
    ids=["punctuation", "empty", "no type prefix", "huge", "wrong type", "non-ascii"],
)
async def test_malformed_person_id_is_bad_user_input(gql: GraphQL, bad_id: str) -> None:
    body = await gql.post("query($id: ID!) { person(id: $id) { givenName } }", {"id": bad_id})

    error = _only_error(body)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["path"] == ["person"]
    assert body["data"] == {"person": None}
    _assert_clean(error["message"])
    if bad_id:
        assert bad_id[:50] not in error["message"]


async def test_malformed_person_id_literal_is_bad_user_input(gql: GraphQL) -> None:
    body = await gql.post('{ person(id: "!!!") { givenName } }')

    error = _only_error(body)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert body["data"] == {"person": None}
    _assert_clean(error["message"])


@pytest.mark.parametrize("first", [101, -1, 2**31 - 1], ids=["101", "-1", "huge"])
async def test_page_size_out_of_range_is_bad_user_input(gql: GraphQL, first: int) -> None:
    body = await gql.post(
        "query($first: Int) { people(first: $first) { edges { node { givenName } } } }",
        {"first": first},
    )

    error = _only_error(body)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "first" in error["message"]
    assert body.get("data") is None
    _assert_clean(error["message"])


async def test_page_size_at_the_limit_is_answered(gql: GraphQL) -> None:
    data = await gql.data("{ people(first: 100) { edges { node { givenName } } } }")

    assert len(data["people"]["edges"]) <= 100


@pytest.mark.parametrize(
    "after",
    ["garbage", "!!!", "WzFd", "eyJhIjoxfQ", "x" * 5000],
    ids=["garbage", "punctuation", "wrong arity", "json object", "huge"],
)
async def test_garbage_cursor_is_bad_user_input(gql: GraphQL, after: str) -> None:
    body = await gql.post(
        "query($after: String) { people(after: $after) { edges { node { givenName } } } }",
        {"after": after},
    )

    error = _only_error(body)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "cursor" in error["message"].lower()
    assert body.get("data") is None
    _assert_clean(error["message"])
