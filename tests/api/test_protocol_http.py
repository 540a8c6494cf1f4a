"""The protocol around a GraphQL request, as a hostile or careless client meets it over HTTP:
the query cost budget, malformed bodies, multipart bodies, suggestions, the choice of operation,
and repeated headers."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from graphql import get_operation_ast, parse
from starlette.applications import Starlette

from api.cost import BUDGET, cost
from api.relay import global_id
from api.schema import create_schema
from api.settings import ApiSettings
from bench.queries import FAMILIES_PAGE_GRAPHQL, FAMILY_DETAIL_GRAPHQL
from graph import Database
from tests.api.conftest import ROOT, GraphQL, Token
from tests.api.test_query_count import DEEP

CHUNK = 16 * 1024
MAX_BODY = ApiSettings().max_body_bytes


def _only_error(body: dict[str, Any]) -> dict[str, Any]:
    errors = body.get("errors")
    assert errors, body
    first: dict[str, Any] = errors[0]
    return first


def _auth(token: Token, role: str = "practitioner") -> dict[str, str]:
    return {"Authorization": f"Bearer {token(role)}"}


async def _count(db: Database, query: str, **params: Any) -> int:
    async with db.driver.session(database=db.name) as session:
        record = await (await session.run(query, params)).single()
    assert record is not None
    return int(record[0])


# --- The query cost budget ---------------------------------------------------------------------

_STALL_ONE = (
    "families(first: 100) { edges { node { members(first: 100) { edges { node {"
    " relatives { edges { node { relatives { edges { node { givenName } } } } } }"
    " } } } } } }"
)
# 30 aliases of 100 families x 100 members x 20 relatives x 20 of theirs: a legal 4 KB document.
STALL = "{ " + " ".join(f"a{i}: {_STALL_ONE}" for i in range(30)) + " }"
STALL_COST = 30 * (100 + 100 * 100 + 100 * 100 * 20 + 100 * 100 * 20 * 20)


async def test_a_query_over_the_cost_budget_is_refused_before_anything_runs(gql: GraphQL) -> None:
    body = await gql.post(STALL)

    error = _only_error(body)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert f"{STALL_COST:,}" in error["message"]
    assert f"{BUDGET:,}" in error["message"]
    assert body.get("data") is None
    # Refused from the document alone: not one Cypher statement ran.
    assert body["extensions"]["queryCount"] == 0


NESTED = """
query($first: Int, $k: Int) { ...Families }
fragment Families on Query {
  families(first: $first) { edges { node { ... on Family {
    members(first: $first) { edges { node { ...Relatives } } }
  } } } }
}
fragment Relatives on Person { relatives(first: $k) { totalCount } }
"""


@pytest.mark.parametrize(
    ("first", "k", "expected"),
    [(100, 3, 40_100), (100, 4, 50_100), (2, 100, 406), (100, None, 210_100)],
    ids=["just-under", "just-over", "small-pages", "default-page"],
)
def test_cost_counts_pages_through_variables_fragments_and_defaults(
    first: int, k: int | None, expected: int
) -> None:
    schema = create_schema()._schema
    document = parse(NESTED)
    operation = get_operation_ast(document)
    assert operation is not None

    assert cost(schema, document, operation, {"first": first, "k": k}) == expected


async def test_the_budget_is_applied_per_request_whatever_was_cached(gql: GraphQL) -> None:
    """The same document is answered or refused by its variables, in any order: validation
    results are cached, the cost is not."""
    for k, refused in [(4, True), (3, False), (4, True), (1, False)]:
        body = await gql.post(NESTED, {"first": 100, "k": k}, role="coordinator")
        if refused:
            error = _only_error(body)
            assert error["extensions"]["code"] == "BAD_USER_INPUT"
            assert "50,100" in error["message"]
            assert body["extensions"]["queryCount"] == 0
        else:
            assert "errors" not in body, body
            assert body["data"]["families"]["edges"]
            assert body["extensions"]["queryCount"] > 0


def _documented_queries() -> list[tuple[str, str, dict[str, Any]]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```graphql\n(.*?)```", readme, re.DOTALL)
    assert blocks
    return [
        *((f"README {i}", block, {}) for i, block in enumerate(blocks)),
        ("bench family detail", FAMILY_DETAIL_GRAPHQL, {"id": "x"}),
        ("bench families page", FAMILIES_PAGE_GRAPHQL, {}),
        ("deepest test query", DEEP, {"first": 50}),
    ]


@pytest.mark.parametrize(
    ("query", "variables"),
    [(q, v) for _, q, v in _documented_queries()],
    ids=[name for name, _, _ in _documented_queries()],
)
def test_every_documented_query_fits_the_budget_with_room(
    query: str, variables: dict[str, Any]
) -> None:
    schema = create_schema()._schema
    document = parse(query)
    operation = get_operation_ast(document)
    assert operation is not None

    spent = cost(schema, document, operation, variables)

    assert spent is not None
    assert spent <= BUDGET // 2


# --- Malformed bodies --------------------------------------------------------------------------

_UPLOAD_QUERY = "mutation($f: Upload!) { uploadPartnerList(file: $f) { errors { code } } }"

MALFORMED_JSON: dict[str, tuple[bytes, str]] = {
    "invalid utf-8": (b'{"query": "{ me { userId } }", "x": "\xff\xfe"}', "UTF-8"),
    "invalid utf-8 in the query": (b'{"query": "{ me { userId \xc3 } }"}', "UTF-8"),
    "latin-1 declared": (
        '{"query": "{ me { userId } }", "x": "caf\u00e9"}'.encode("latin-1"),
        "UTF-8",
    ),
    "a string": (b'"{ me { userId } }"', "object"),
    "a number": (b"5", "object"),
    "null": (b"null", "object"),
    "true": (b"true", "object"),
    "nested too deeply": (b"[" * 20_000 + b"]" * 20_000, "deeply"),
    "a number too long": (
        b'{"query": "{ me { userId } }", "variables": {"n": ' + b"9" * 5000 + b"}}",
        "JSON",
    ),
    "a lone surrogate": (
        b'{"query": "query($n: String) { people(filter: {name: $n}) { totalCount } }",'
        b' "variables": {"n": "ab\\ud800"}}',
        "Unicode",
    ),
    "operationName not a string": (
        b'{"query": "{ me { userId } }", "operationName": 5}',
        "operationName",
    ),
    "not JSON": (b"{ me { userId } }", "JSON"),
}


@pytest.mark.parametrize("case", list(MALFORMED_JSON))
async def test_a_malformed_json_body_is_a_400_never_a_500(
    client: httpx.AsyncClient, token: Token, case: str
) -> None:
    content, named = MALFORMED_JSON[case]
    content_type = "application/json; charset=latin-1" if "latin" in case else "application/json"

    response = await client.post(
        "/graphql", content=content, headers={**_auth(token), "Content-Type": content_type}
    )

    assert response.status_code == 400, response.text
    error = _only_error(response.json())
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}
    assert named in error["message"]
    assert "t-user-practitioner" not in response.text
    for internal in ("Traceback", "Error:", "codec", "decode"):
        assert internal not in error["message"]


@pytest.mark.parametrize(
    ("content_type", "content"),
    [
        (None, b'{"query": "{ me { userId } }"}'),
        ("text/plain", b'{"query": "{ me { userId } }"}'),
        ("application/json", b'[{"query": "{ me { userId } }"}]'),
        ("application/json", b'{"query": 5}'),
        ("application/json", b'{"query": "{ me { userId } }", "variables": [1]}'),
        ("multipart/form-data", b"no boundary"),
        ("multipart/form-data; boundary=x", b"not multipart"),
    ],
    ids=["no type", "text", "batch", "query a number", "variables a list", "no boundary", "junk"],
)
async def test_every_refused_body_is_answered_as_a_graphql_error(
    client: httpx.AsyncClient, token: Token, content_type: str | None, content: bytes
) -> None:
    headers = _auth(token) | ({"Content-Type": content_type} if content_type else {})

    response = await client.post("/graphql", content=content, headers=headers)

    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = _only_error(response.json())
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}
    assert "t-user-practitioner" not in response.text


def _multipart(
    operations: Any, files: dict[str, bytes], files_map: Any, boundary: str = "protocol-test"
) -> tuple[bytes, dict[str, str]]:
    """A multipart body in the GraphQL multipart request spec's order: operations, map, files."""
    parts: list[tuple[str, str | None, bytes]] = [
        ("operations", None, json.dumps(operations).encode()),
        ("map", None, json.dumps(files_map).encode()),
        *((name, f"{name}.csv", data) for name, data in files.items()),
    ]
    body = b""
    for name, filename, data in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        body += f"--{boundary}\r\nContent-Disposition: {disposition}\r\n".encode()
        body += b"Content-Type: text/csv\r\n" if filename else b""
        body += b"\r\n" + data + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


_UPLOAD_OPERATIONS = {"query": _UPLOAD_QUERY, "variables": {"f": None}}
MALFORMED_MULTIPART: dict[str, tuple[Any, Any]] = {
    "map a list": (_UPLOAD_OPERATIONS, [1]),
    "map path a number": (_UPLOAD_OPERATIONS, {"0": [5]}),
    "map path a string": (_UPLOAD_OPERATIONS, {"0": "variables.f"}),
    "map path into a string": (_UPLOAD_OPERATIONS, {"0": ["query.x"]}),
    "map path through a missing variable": (_UPLOAD_OPERATIONS, {"0": ["variables.g.0"]}),
    "map naming a missing file": (_UPLOAD_OPERATIONS, {"9": ["variables.f"]}),
    "operations a string": ("mutation { x }", {"0": ["variables.f"]}),
    "operations a number": (5, {"0": ["variables.f"]}),
}


@pytest.mark.parametrize("case", list(MALFORMED_MULTIPART))
async def test_a_malformed_multipart_body_is_a_400_and_its_file_is_closed(
    client: httpx.AsyncClient, token: Token, case: str
) -> None:
    operations, files_map = MALFORMED_MULTIPART[case]
    body, headers = _multipart(operations, {"0": b"a,b\n1,2\n"}, files_map)

    # A file left open would fail the test run (unraisable ResourceWarning).
    response = await client.post(
        "/graphql",
        content=body,
        headers={
            **_auth(token, "partner_system"),
            **headers,
            "X-Purpose-Of-Use": "identify-individuals",
        },
    )

    assert response.status_code == 400, response.text
    assert _only_error(response.json())["extensions"] == {"code": "BAD_USER_INPUT"}


# --- Multipart bodies: only for uploads, only for those who may upload --------------------------


class _Stream:
    """A request body sent in chunks, counting what the server has pulled of it."""

    def __init__(self, body: bytes) -> None:
        self.body = body
        self.pulled = 0

    async def chunks(self) -> AsyncIterator[bytes]:
        for start in range(0, len(self.body), CHUNK):
            chunk = self.body[start : start + CHUNK]
            self.pulled += len(chunk)
            yield chunk


def _csv_rows(count: int) -> bytes:
    tag = uuid.uuid4().hex[:8]
    header = (
        "partner_reference,given_name,family_name,date_of_birth,address_line1,postcode,"
        "nhs_number,criteria,evidence_date\n"
    )
    # A person to a row (as a real list): rows about one person are matched pair by pair.
    rows = "".join(
        f"P-{tag}-{i},Amelia,Q{uuid.uuid4().hex[:12]},"
        f"{dt.date(1950, 1, 1) + dt.timedelta(days=i * 7)},{i + 1} Fore Street,EX4 4QJ,,CR1,"
        "2026-01-10\n"
        for i in range(count)
    )
    return (header + rows).encode()


_MEGABYTE = b"x" * (1024 * 1024)
ME = {"query": "{ me { userId } }", "variables": {"f": None}}


async def _uploads(db: Database) -> int:
    return await _count(db, "MATCH (u:Upload) RETURN count(u)")


@pytest.mark.parametrize("declared", [True, False], ids=["length declared", "chunked"])
@pytest.mark.parametrize(
    ("role", "purpose", "operations"),
    [
        ("practitioner", "coordinate-support", ME),
        ("practitioner", "assess-needs", _UPLOAD_OPERATIONS),
        ("partner_system", "coordinate-support", _UPLOAD_OPERATIONS),
        ("partner_system", "identify-individuals", ME),
    ],
    ids=[
        "query from a role that may not upload",
        "upload from a role that may not upload",
        "upload for a purpose uploads do not serve",
        "query from a role that may upload",
    ],
)
async def test_a_large_multipart_body_is_refused_unless_it_is_an_allowed_upload(
    client: httpx.AsyncClient,
    token: Token,
    db: Database,
    role: str,
    purpose: str,
    operations: dict[str, Any],
    declared: bool,
) -> None:
    before = await _uploads(db)
    body, headers = _multipart(operations, {"0": _MEGABYTE}, {"0": ["variables.f"]})
    stream = _Stream(body)
    if declared:
        headers["Content-Length"] = str(len(body))

    response = await client.post(
        "/graphql",
        content=stream.chunks(),
        headers={**_auth(token, role), **headers, "X-Purpose-Of-Use": purpose},
    )

    assert response.status_code == 413, response.text
    assert _only_error(response.json())["extensions"] == {"code": "BAD_USER_INPUT"}
    # The file was not read. With its length declared, nothing of the body was, or (from a
    # caller who may upload) only its first chunk, holding the operation; without, no more than
    # the ordinary body limit and the chunk that crossed it.
    may_upload = purpose == "identify-individuals"
    assert stream.pulled <= (MAX_BODY + CHUNK if not declared else CHUNK if may_upload else 0)
    assert await _uploads(db) == before


@pytest.mark.parametrize("declared", [True, False], ids=["length declared", "chunked"])
async def test_a_partner_system_still_uploads_a_list_larger_than_the_body_limit(
    client: httpx.AsyncClient, token: Token, db: Database, declared: bool
) -> None:
    rows = 1500
    data = _csv_rows(rows)
    assert len(data) > 1.5 * MAX_BODY
    operations = {
        "query": "mutation($f: Upload!) { uploadPartnerList(file: $f) "
        "{ errors { code } upload { accepted } } }",
        "variables": {"f": None},
    }
    body, headers = _multipart(operations, {"0": data}, {"0": ["variables.f"]})
    stream = _Stream(body)
    if declared:
        headers["Content-Length"] = str(len(body))
    partner = token(
        "partner_system", user_id="t-system-t-org-police", organisation_id="t-org-police"
    )

    response = await client.post(
        "/graphql",
        content=stream.chunks(),
        headers={
            "Authorization": f"Bearer {partner}",
            "X-Purpose-Of-Use": "identify-individuals",
            **headers,
        },
    )

    assert response.status_code == 200, response.text
    payload = response.json()["data"]["uploadPartnerList"]
    assert payload["errors"] == []
    assert payload["upload"]["accepted"] == rows


async def test_a_small_multipart_query_from_anyone_is_still_answered(
    client: httpx.AsyncClient, token: Token
) -> None:
    """Within the ordinary body limit, a multipart request is read as any other."""
    body, headers = _multipart(ME, {"0": b"tiny"}, {"0": ["variables.f"]})

    response = await client.post("/graphql", content=body, headers={**_auth(token), **headers})

    assert response.status_code == 200, response.text
    assert response.json()["data"] == {"me": {"userId": "t-user-practitioner"}}


# --- No suggestions ----------------------------------------------------------------------------

SUGGESTIBLE: dict[str, tuple[str, dict[str, Any], str]] = {
    # name: (query, variables, the right spelling that must not be suggested)
    "field": ("{ me { userID } }", {}, "userId"),
    "argument": ("{ people(frist: 5) { totalCount } }", {}, "first"),
    "enum value": ("{ families(filter: {status: ELIGBLE}) { totalCount } }", {}, "ELIGIBLE"),
    "enum value in a variable": (
        "query($s: FamilyStatus) { families(filter: {status: $s}) { totalCount } }",
        {"s": "ELIGBLE"},
        "ELIGIBLE",
    ),
    "input field": ("{ families(filter: {statu: ELIGIBLE}) { totalCount } }", {}, "status"),
    "input field in a variable": (
        "query($f: FamilyFilter) { families(filter: $f) { totalCount } }",
        {"f": {"statu": "ELIGIBLE"}},
        "status",
    ),
    "fragment type condition": ("{ me { ...F } } fragment F on Viewr { userId }", {}, "Viewer"),
    "inline fragment type": ('{ node(id: "x") { ... on Persn { id } } }', {}, "Person"),
    "variable type": (
        "query($n: Strin) { people(filter: {name: $n}) { totalCount } }",
        {},
        "String",
    ),
    "directive": ("{ me { userId @skp(if: true) } }", {}, "skip"),
    "directive argument": ("{ me { userId @skip(if: false, iff: true) } }", {}, "'if'"),
}


@pytest.mark.parametrize("kind", list(SUGGESTIBLE))
async def test_a_misspelling_is_named_and_nothing_is_suggested(gql: GraphQL, kind: str) -> None:
    query, variables, right = SUGGESTIBLE[kind]

    body = await gql.post(query, variables)

    assert body.get("data") is None
    assert body["errors"], body
    for error in body["errors"]:
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert "did you mean" not in error["message"].lower()
        assert right not in error["message"]
        assert error["message"].strip()  # still says what is wrong


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("X-Lawful-Basis", "vital_interests"),
        ("X-Lawful-Basis", "vital-interests"),
        ("X-Special-Condition", "explicit_consent"),
        ("X-Purpose-Of-Use", "Assess-Needs"),
    ],
)
async def test_a_misspelt_header_code_is_refused_without_a_suggestion(
    client: httpx.AsyncClient, token: Token, header: str, value: str
) -> None:
    headers = {**_auth(token), "X-Purpose-Of-Use": "assess-needs", header: value}
    headers.setdefault("X-Justification", "A child is at risk of harm tonight.")

    response = await client.post("/graphql", json={"query": "{ me { userId } }"}, headers=headers)

    assert response.status_code == 400, response.text
    error = _only_error(response.json())
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}
    assert "did you mean" not in error["message"].lower()


# --- The operation a request runs --------------------------------------------------------------

LINK = """
mutation Link($input: LinkRelativesInput!) { linkRelatives(input: $input) { errors { code } } }
query Me { me { userId } }
"""


async def test_several_operations_without_a_name_are_refused_and_none_runs(
    client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    rationale = f"Gary visits Dan weekly ({uuid.uuid4()})."
    link = {
        "personId": global_id("Person", "t-dan"),
        "relativeId": global_id("Person", "t-gary"),
        "kind": "OTHER",
        "rationale": rationale,
    }

    response = await client.post(
        "/graphql",
        json={"query": LINK, "variables": {"input": link}},
        headers=_auth(token, "coordinator"),
    )

    assert response.status_code == 400, response.text
    body = response.json()
    assert "data" not in body
    error = _only_error(body)
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}
    assert "operationName" in error["message"]
    assert "2 operations" in error["message"]
    written = "MATCH ()-[r:RELATED_TO {rationale: $rationale}]->() RETURN count(r)"
    assert await _count(db, written, rationale=rationale) == 0


async def test_an_operation_name_naming_no_operation_is_refused(
    client: httpx.AsyncClient, token: Token
) -> None:
    response = await client.post(
        "/graphql", json={"query": LINK, "operationName": "Nope"}, headers=_auth(token)
    )

    assert response.status_code == 400, response.text
    error = _only_error(response.json())
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}
    assert "operationName" in error["message"]
    assert "Nope" not in error["message"]


async def test_the_named_operation_is_the_one_that_runs(
    client: httpx.AsyncClient, token: Token
) -> None:
    response = await client.post(
        "/graphql", json={"query": LINK, "operationName": "Me"}, headers=_auth(token)
    )

    assert response.status_code == 200, response.text
    assert response.json()["data"] == {"me": {"userId": "t-user-practitioner"}}


# --- Repeated headers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "values"),
    [
        ("X-Purpose-Of-Use", ("assess-needs", "coordinate-support")),
        ("X-Purpose-Of-Use", ("coordinate-support", "coordinate-support")),
        ("X-Lawful-Basis", ("VITAL_INTERESTS", "LEGAL_OBLIGATION")),
        ("X-Justification", ("A child is at risk tonight.", "Another reason.")),
        ("X-Special-Condition", ("EXPLICIT_CONSENT", "EXPLICIT_CONSENT")),
    ],
    ids=["purposes differing", "purposes equal", "bases", "justifications", "conditions"],
)
async def test_a_repeated_declaration_header_is_a_400(
    client: httpx.AsyncClient, token: Token, header: str, values: tuple[str, str]
) -> None:
    headers = [
        ("Authorization", f"Bearer {token()}"),
        *((header, value) for value in values),
    ]
    if header != "X-Purpose-Of-Use":
        headers.append(("X-Purpose-Of-Use", "assess-needs"))

    response = await client.post("/graphql", json={"query": "{ me { userId } }"}, headers=headers)

    assert response.status_code == 400, response.text
    error = _only_error(response.json())
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}
    assert header in error["message"]
    assert "t-user-practitioner" not in response.text


@pytest.mark.parametrize("same", [False, True], ids=["two users", "the same token twice"])
async def test_two_authorization_headers_are_refused(
    client: httpx.AsyncClient, token: Token, same: bool
) -> None:
    first = token()
    second = first if same else token("coordinator", user_id="t-protocol-coordinator")

    response = await client.post(
        "/graphql",
        json={"query": "{ me { userId roles } }"},
        headers=[("Authorization", f"Bearer {first}"), ("Authorization", f"Bearer {second}")],
    )

    assert response.status_code == 400, response.text
    assert response.headers["www-authenticate"] == 'Bearer error="invalid_request"'
    error = _only_error(response.json())
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}
    assert "Authorization" in error["message"]
    assert "t-user" not in response.text


async def test_a_repeated_request_id_is_replaced_in_the_audit(
    app: Starlette, client: httpx.AsyncClient, token: Token, db: Database
) -> None:
    """A request id ties the audit to the client's logs; two of them tie it to neither."""
    read = "query($id: ID!) { person(id: $id) { givenName } }"
    chloe = {"id": global_id("Person", "t-chloe")}
    once, twice = f"once-{uuid.uuid4()}", [f"twice-{uuid.uuid4()}" for _ in range(2)]
    for request_ids in ([once], twice):
        response = await client.post(
            "/graphql",
            json={"query": read, "variables": chloe},
            headers=[
                ("Authorization", f"Bearer {token()}"),
                *(("X-Request-Id", request_id) for request_id in request_ids),
            ],
        )
        assert response.json()["data"] == {"person": {"givenName": "Chloe"}}
    await app.state.audit.shipped()

    recorded = "MATCH (d:Disclosure) WHERE d.requestId IN $ids RETURN count(d)"
    assert await _count(db, recorded, ids=[once]) >= 1
    assert await _count(db, recorded, ids=twice) == 0
