"""Bearer-token authentication as a client meets it over HTTP on ``/graphql``.

Every refused token gets the same shape of answer: HTTP 401, a GraphQL-style JSON error with code
UNAUTHENTICATED and a ``WWW-Authenticate: Bearer error="invalid_token"`` challenge, never a 500
and never the token or the JOSE library's own words echoed back.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import OctKey, RSAKey
from starlette.applications import Starlette

from auth import AuthSettings, LocalSigningKey
from graph import Neo4jSettings
from tests.api.conftest import AUDIENCE, ISSUER, PURPOSE, Token, make_app

QUERY = "{ me { userId } }"

# Words that would betray the validator's internals (library, exception names, stack traces).
INTERNALS = (
    "joserfc",
    "traceback",
    "exception",
    "error:",
    "badsignature",
    "expiredtoken",
    "invalidclaim",
    "keyerror",
    "valueerror",
    "decodeerror",
    "begin public key",
    'file "',
)


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64url_json(value: dict[str, Any]) -> str:
    return _b64url(json.dumps(value, separators=(",", ":")).encode())


def _claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": "t-user-practitioner",
        "org": "t-org-charity",
        "roles": ["practitioner"],
        "iat": now,
        "nbf": now,
        "exp": now + 600,
        "jti": uuid.uuid4().hex,
    }
    claims.update(overrides)
    return claims


def _rs256(key: RSAKey, kid: str, **claims: Any) -> str:
    header = {"alg": "RS256", "typ": "at+jwt", "kid": kid}
    return jwt.encode(header, _claims(**claims), key, algorithms=["RS256"])


def _hs256_by_hand(secret: bytes, kid: str) -> str:
    """HS256 over a valid claim set, HMAC computed directly (joserfc refuses a PEM as a secret)."""
    signing_input = (
        f"{_b64url_json({'alg': 'HS256', 'typ': 'JWT', 'kid': kid})}.{_b64url_json(_claims())}"
    )
    signature = hmac.new(secret, signing_input.encode("ascii"), hashlib.sha256).digest()
    return f"{signing_input}.{_b64url(signature)}"


def _hs256_with_joserfc(secret: bytes, kid: str) -> str:
    header = {"alg": "HS256", "typ": "JWT", "kid": kid}
    return jwt.encode(header, _claims(), OctKey.import_key(secret), algorithms=["HS256"])


def _public(signing_key: LocalSigningKey) -> RSAKey:
    return RSAKey.import_key(signing_key.private_key.as_dict(private=False))


# Each builder returns the full Authorization header value (None: send no header at all).
AuthorizationBuilder = Callable[[LocalSigningKey, Token], str | None]


def _no_header(signing_key: LocalSigningKey, token: Token) -> str | None:
    return None


def _basic_scheme(signing_key: LocalSigningKey, token: Token) -> str | None:
    return "Basic " + base64.b64encode(b"alice:password").decode()


def _good_token_under_basic(signing_key: LocalSigningKey, token: Token) -> str | None:
    return f"Basic {token()}"


def _bearer_without_token(signing_key: LocalSigningKey, token: Token) -> str | None:
    return "Bearer"


def _malformed(signing_key: LocalSigningKey, token: Token) -> str | None:
    return "Bearer not-a.jwt"


def _garbage_segments(signing_key: LocalSigningKey, token: Token) -> str | None:
    return "Bearer eyJ%%%.eyJ!!!.sig"


def _header_not_json(signing_key: LocalSigningKey, token: Token) -> str | None:
    return f"Bearer {_b64url(b'{not json')}.{_b64url_json(_claims())}.{_b64url(b'x')}"


def _alg_none(signing_key: LocalSigningKey, token: Token) -> str | None:
    header = {"alg": "none", "typ": "JWT", "kid": signing_key.kid}
    return f"Bearer {_b64url_json(header)}.{_b64url_json(_claims(roles=['admin']))}."


def _alg_none_capitalised(signing_key: LocalSigningKey, token: Token) -> str | None:
    header = {"alg": "None", "typ": "JWT", "kid": signing_key.kid}
    return f"Bearer {_b64url_json(header)}.{_b64url_json(_claims(roles=['admin']))}."


def _hs256_public_pem(signing_key: LocalSigningKey, token: Token) -> str | None:
    pem = _public(signing_key).as_pem(private=False)
    return f"Bearer {_hs256_by_hand(pem, signing_key.kid)}"


def _hs256_public_jwk_json(signing_key: LocalSigningKey, token: Token) -> str | None:
    jwk = json.dumps(_public(signing_key).as_dict(private=False)).encode()
    return f"Bearer {_hs256_with_joserfc(jwk, signing_key.kid)}"


def _hs256_public_modulus(signing_key: LocalSigningKey, token: Token) -> str | None:
    modulus = _public(signing_key).as_dict(private=False)["n"]
    raw = base64.urlsafe_b64decode(modulus + "=" * (-len(modulus) % 4))
    return f"Bearer {_hs256_with_joserfc(raw, signing_key.kid)}"


def _hs256_public_modulus_text(signing_key: LocalSigningKey, token: Token) -> str | None:
    modulus = _public(signing_key).as_dict(private=False)["n"]
    return f"Bearer {_hs256_by_hand(modulus.encode(), signing_key.kid)}"


def _expired(signing_key: LocalSigningKey, token: Token) -> str | None:
    now = int(time.time())
    expired = _rs256(
        signing_key.private_key, signing_key.kid, iat=now - 7200, nbf=now - 7200, exp=now - 3600
    )
    return f"Bearer {expired}"


def _wrong_issuer(signing_key: LocalSigningKey, token: Token) -> str | None:
    return f"Bearer {_rs256(signing_key.private_key, signing_key.kid, iss='https://evil.test')}"


def _wrong_audience(signing_key: LocalSigningKey, token: Token) -> str | None:
    return f"Bearer {_rs256(signing_key.private_key, signing_key.kid, aud='another-api')}"


def _unknown_kid(signing_key: LocalSigningKey, token: Token) -> str | None:
    return f"Bearer {_rs256(signing_key.private_key, 'no-such-key')}"


def _no_kid(signing_key: LocalSigningKey, token: Token) -> str | None:
    header = {"alg": "RS256", "typ": "at+jwt"}
    kidless = jwt.encode(header, _claims(), signing_key.private_key, algorithms=["RS256"])
    return f"Bearer {kidless}"


def _tampered_roles(signing_key: LocalSigningKey, token: Token) -> str | None:
    header, payload, signature = token().split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["roles"] = ["admin"]
    return f"Bearer {header}.{_b64url_json(claims)}.{signature}"


def _other_key_same_kid(signing_key: LocalSigningKey, token: Token) -> str | None:
    impostor = RSAKey.generate_key(2048, parameters={"kid": signing_key.kid}, private=True)
    return f"Bearer {_rs256(impostor, signing_key.kid, roles=['admin'])}"


def _truncated_signature(signing_key: LocalSigningKey, token: Token) -> str | None:
    return f"Bearer {token()[:-10]}"


def _oversized(signing_key: LocalSigningKey, token: Token) -> str | None:
    return f"Bearer {token()}{'A' * 20_000}"


BAD_AUTHORIZATIONS: dict[str, AuthorizationBuilder] = {
    "no authorization header": _no_header,
    "basic scheme": _basic_scheme,
    "valid token under the basic scheme": _good_token_under_basic,
    "bearer without a token": _bearer_without_token,
    "malformed token": _malformed,
    "token with non-base64url segments": _garbage_segments,
    "header that is not json": _header_not_json,
    "alg none, unsigned": _alg_none,
    "alg None, unsigned": _alg_none_capitalised,
    "HS256 keyed with the public key PEM": _hs256_public_pem,
    "HS256 keyed with the public JWK json": _hs256_public_jwk_json,
    "HS256 keyed with the public modulus bytes": _hs256_public_modulus,
    "HS256 keyed with the public modulus text": _hs256_public_modulus_text,
    "expired": _expired,
    "wrong issuer": _wrong_issuer,
    "wrong audience": _wrong_audience,
    "unknown key id": _unknown_kid,
    "no key id": _no_kid,
    "roles changed after signing": _tampered_roles,
    "signed by another RSA key with the same kid": _other_key_same_kid,
    "truncated signature": _truncated_signature,
    "oversized token": _oversized,
}


@pytest.mark.parametrize("builder", BAD_AUTHORIZATIONS.values(), ids=BAD_AUTHORIZATIONS.keys())
async def test_bad_token_is_refused_with_401_and_a_bearer_challenge(
    client: httpx.AsyncClient,
    signing_key: LocalSigningKey,
    token: Token,
    builder: AuthorizationBuilder,
) -> None:
    authorization = builder(signing_key, token)
    headers = {} if authorization is None else {"Authorization": authorization}

    response = await client.post("/graphql", json={"query": QUERY}, headers=headers)

    assert response.status_code == 401, response.text
    assert response.headers["content-type"].startswith("application/json")
    challenge = response.headers["www-authenticate"]
    assert challenge.startswith('Bearer error="invalid_token"'), challenge
    body = response.json()
    assert set(body) == {"errors"}, body
    [error] = body["errors"]
    assert error["extensions"] == {"code": "UNAUTHENTICATED"}
    message = error["message"]
    assert isinstance(message, str)
    assert message
    for shown in (message, challenge):
        lowered = shown.lower()
        assert not [word for word in INTERNALS if word in lowered], shown
        if authorization is not None:
            # Not the token, nor any sizeable piece of it, is echoed back.
            for piece in authorization.split(" ")[-1].split("."):
                if len(piece) >= 8:
                    assert piece not in shown, shown


async def test_algorithm_confusion_attempts_all_get_the_same_refusal(
    client: httpx.AsyncClient, signing_key: LocalSigningKey, token: Token
) -> None:
    """An attacker probing the algorithm confusion learns nothing about the key or library."""
    responses = [
        await client.post(
            "/graphql",
            json={"query": QUERY},
            headers={"Authorization": str(builder(signing_key, token))},
        )
        for builder in (_hs256_public_pem, _hs256_public_jwk_json, _hs256_public_modulus)
    ]
    assert {r.status_code for r in responses} == {401}
    messages = {r.json()["errors"][0]["message"] for r in responses}
    # The same refusal, whichever form of the public key was used as the HMAC secret.
    assert len(messages) == 1, messages


async def test_good_token_is_accepted_and_names_the_caller(
    client: httpx.AsyncClient, token: Token
) -> None:
    response = await client.post(
        "/graphql",
        json={"query": "{ me { userId roles organisation { name sector } } }"},
        headers={"Authorization": f"Bearer {token('coordinator', 't-user-x', 't-org-police')}"},
    )

    assert response.status_code == 200, response.text
    assert "www-authenticate" not in response.headers
    body = response.json()
    assert "errors" not in body, body
    assert body["data"]["me"] == {
        "userId": "t-user-x",
        "roles": ["coordinator"],
        "organisation": {"name": "Test Police", "sector": "police"},
    }


async def test_bearer_scheme_is_case_insensitive(client: httpx.AsyncClient, token: Token) -> None:
    response = await client.post(
        "/graphql", json={"query": QUERY}, headers={"Authorization": f"bearer {token()}"}
    )

    assert response.status_code == 200, response.text
    assert response.json()["data"]["me"]["userId"] == "t-user-practitioner"


async def test_graphiql_page_is_served_without_a_token(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", headers={"Accept": "text/html"})

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "graphiql" in response.text.lower()


async def test_html_accept_header_does_not_let_a_query_past_authentication(
    client: httpx.AsyncClient,
) -> None:
    """The GraphiQL exemption serves the page only: no query runs without a token."""
    response = await client.get(
        "/graphql",
        params={"query": QUERY},
        headers={"Accept": "text/html, application/json"},
    )

    assert response.status_code < 500, response.text
    assert '"userId"' not in response.text
    assert "t-user" not in response.text


@pytest.fixture
async def no_graphiql_client(
    neo4j_settings: Neo4jSettings, auth_settings: AuthSettings
) -> AsyncIterator[httpx.AsyncClient]:
    application: Starlette = make_app(
        neo4j_settings, auth_settings, graphiql=False, migrate_on_startup=False
    )
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://testserver", headers=PURPOSE
        ) as http:
            yield http


async def test_graphiql_page_is_not_served_when_disabled(
    no_graphiql_client: httpx.AsyncClient,
) -> None:
    response = await no_graphiql_client.get("/graphql", headers={"Accept": "text/html"})

    # Refused either as an unauthenticated request (401) or as a page that does not exist (404).
    assert response.status_code in (401, 404), response.text
    assert not response.headers.get("content-type", "").startswith("text/html")
    assert "graphiql" not in response.text.lower()


async def test_disabled_graphiql_still_requires_a_token_for_queries(
    no_graphiql_client: httpx.AsyncClient,
) -> None:
    response = await no_graphiql_client.post("/graphql", json={"query": QUERY})

    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
