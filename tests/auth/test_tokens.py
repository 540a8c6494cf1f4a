"""Bearer token validation, settings and the local signing key. Pure: no database."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import random
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from joserfc.jwk import ECKey, KeySet, RSAKey

from auth import (
    AuthSettings,
    InvalidToken,
    LocalSigningKey,
    Principal,
    TokenValidator,
)
from auth.tokens import MAX_TOKEN_LENGTH

ROOT = Path(__file__).resolve().parents[2]
NOW = 1_750_000_000
ISSUER = "https://idp.example.test/realms/early-help"
AUDIENCE = "early-help-graph-api"
KID = "test-key-1"
AUTH_ENV = ("AUTH_ISSUER", "AUTH_AUDIENCE", "AUTH_ALGORITHMS", "AUTH_JWKS_FILE", "AUTH_JWKS")


@pytest.fixture(autouse=True)
def _clean_auth_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in AUTH_ENV:
        monkeypatch.delenv(name, raising=False)


# --- building tokens by hand, so every header and byte is under the test's control ---


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64json(value: object) -> str:
    return b64(json.dumps(value).encode())


def claims(drop: tuple[str, ...] = (), **overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": "user-1",
        "org": "org-school-1",
        "roles": ["practitioner", "lead"],
        "iat": NOW - 60,
        "nbf": NOW - 60,
        "exp": NOW + 3600,
        "jti": "token-1",
    }
    base.update(overrides)
    for name in drop:
        del base[name]
    return base


def header(**overrides: Any) -> dict[str, Any]:
    return {"alg": "RS256", "typ": "at+jwt", "kid": KID, **overrides}


def rs256(key: RSAKey, head: dict[str, Any], payload: dict[str, Any] | bytes) -> str:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    signing_input = f"{b64json(head)}.{b64(body)}".encode()
    private = key.private_key
    assert private is not None
    signature = private.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input.decode()}.{b64(signature)}"


def hs256(secret: bytes, head: dict[str, Any], payload: dict[str, Any]) -> str:
    signing_input = f"{b64json(head)}.{b64json(payload)}".encode()
    signature = hmac.new(secret, signing_input, hashlib.sha256).digest()
    return f"{signing_input.decode()}.{b64(signature)}"


def bearer(token: str) -> str:
    return f"Bearer {token}"


@dataclass(frozen=True)
class Keys:
    signing: RSAKey
    same_kid_other: RSAKey

    def good(self, **overrides: Any) -> str:
        return bearer(rs256(self.signing, header(), claims(**overrides)))

    def public_pem(self) -> bytes:
        return self.signing.public_key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )


@pytest.fixture(scope="module")
def keys() -> Keys:
    params: Any = {"kid": KID, "alg": "RS256", "use": "sig"}
    return Keys(
        signing=RSAKey.generate_key(2048, parameters=params),
        same_kid_other=RSAKey.generate_key(2048, parameters=params),
    )


def settings_for(key: RSAKey, **overrides: Any) -> AuthSettings:
    public = RSAKey.import_key(key.as_dict(private=False))
    values: dict[str, Any] = {"issuer": ISSUER, "audience": AUDIENCE, "jwks": KeySet([public])}
    values.update(overrides)
    return AuthSettings(**values)


@pytest.fixture(scope="module")
def validator(keys: Keys) -> TokenValidator:
    return TokenValidator(settings_for(keys.signing), clock=lambda: NOW)


# --- accepted tokens ---


def test_good_token_gives_principal(keys: Keys, validator: TokenValidator) -> None:
    assert validator.validate(keys.good()) == Principal(
        user_id="user-1",
        organisation_id="org-school-1",
        roles=frozenset({"practitioner", "lead"}),
        token_id="token-1",
    )


Builder = Callable[[Keys], str | bytes | None]

ACCEPTED: list[tuple[str, Builder]] = [
    ("lower-case scheme", lambda k: k.good().replace("Bearer", "bearer")),
    ("upper-case scheme", lambda k: k.good().replace("Bearer", "BEARER")),
    ("extra whitespace", lambda k: "  Bearer \t" + k.good()[len("Bearer ") :] + " "),
    ("audience list containing ours", lambda k: k.good(aud=["other", AUDIENCE])),
    ("expired within leeway", lambda k: k.good(exp=NOW - 10)),
    ("nbf within leeway", lambda k: k.good(nbf=NOW + 10, iat=NOW + 10)),
    (
        "no nbf, iat or jti",
        lambda k: bearer(rs256(k.signing, header(), claims(("nbf", "iat", "jti")))),
    ),
    ("typ JWT", lambda k: bearer(rs256(k.signing, header(typ="JWT"), claims()))),
    ("no typ", lambda k: bearer(rs256(k.signing, {"alg": "RS256", "kid": KID}, claims()))),
    ("unknown non-critical header", lambda k: bearer(rs256(k.signing, header(x="y"), claims()))),
    ("float exp", lambda k: k.good(exp=NOW + 3600.5)),
    ("as bytes", lambda k: k.good().encode("ascii")),
]


@pytest.mark.parametrize("build", [c[1] for c in ACCEPTED], ids=[c[0] for c in ACCEPTED])
def test_acceptable_variants(keys: Keys, validator: TokenValidator, build: Builder) -> None:
    assert validator.validate(build(keys)).user_id == "user-1"


def test_missing_jti_gives_no_token_id(keys: Keys, validator: TokenValidator) -> None:
    token = bearer(rs256(keys.signing, header(), claims(("jti",))))
    assert validator.validate(token).token_id is None


# --- refused tokens: each with the description the client sees ---


def _tampered(k: Keys) -> str:
    head, _, signature = rs256(k.signing, header(), claims()).split(".")
    return bearer(f"{head}.{b64json(claims(roles=['admin']))}.{signature}")


def _unsigned(k: Keys) -> str:
    return bearer(f"{b64json({'alg': 'none', 'kid': KID})}.{b64json(claims())}.")


def _oversize_header(k: Keys) -> str:
    return bearer(rs256(k.signing, header(pad="x" * MAX_TOKEN_LENGTH), claims()))


def _deeply_nested_header(k: Keys) -> str:
    return bearer(f"{b64(b'[' * 5000 + b']' * 5000)[:6000]}.{b64json(claims())}.c2ln")


REFUSED: list[tuple[str, Builder, str]] = [
    ("no header", lambda k: None, "missing bearer token"),
    ("empty header", lambda k: "", "missing bearer token"),
    ("blank header", lambda k: "   ", "missing bearer token"),
    ("basic scheme", lambda k: "Basic dXNlcjpwYXNz", "authorization scheme must be Bearer"),
    ("token without scheme", lambda k: k.good()[7:], "authorization scheme must be Bearer"),
    ("empty bearer", lambda k: "Bearer", "missing bearer token"),
    ("bearer and spaces", lambda k: "Bearer    ", "missing bearer token"),
    ("two tokens", lambda k: k.good() + " " + k.good()[7:], "token is malformed"),
    ("one part", lambda k: "Bearer abcdef", "token is malformed"),
    ("two parts", lambda k: "Bearer abc.def", "token is malformed"),
    ("four parts", lambda k: k.good() + ".abc", "token is malformed"),
    ("empty header part", lambda k: f"Bearer .{b64json(claims())}.sig", "token is malformed"),
    ("non-base64url characters", lambda k: "Bearer ab+/.cd==.ef", "token is malformed"),
    ("bad base64 length", lambda k: f"Bearer a.{b64json(claims())}.sig", "token is malformed"),
    ("header not JSON", lambda k: f"Bearer {b64(b'not json')}.e30.sig", "token is malformed"),
    (
        "header not UTF-8",
        lambda k: f"Bearer {b64(bytes([255, 254]))}.e30.sig",
        "token is malformed",
    ),
    ("header a JSON list", lambda k: f"Bearer {b64json([1, 2])}.e30.sig", "token is malformed"),
    ("header a JSON string", lambda k: f"Bearer {b64json('RS256')}.e30.sig", "token is malformed"),
    ("header deeply nested", _deeply_nested_header, "token is malformed"),
    (
        "payload not JSON",
        lambda k: bearer(rs256(k.signing, header(), b"not json")),
        "token is malformed",
    ),
    (
        "payload a JSON list",
        lambda k: bearer(rs256(k.signing, header(), b'["sub"]')),
        "token is malformed",
    ),
    (
        "non-ASCII token",
        lambda k: "Bearer \uff45\uff59\uff2a.\uff45\uff59\uff2a.e30",
        "token is malformed",
    ),
    ("non-ASCII bytes", lambda k: b"Bearer \xff\xfe.abc.def", "token is malformed"),
    ("alg none, unsigned", _unsigned, "token algorithm is not accepted"),
    (
        "alg none, signed part present",
        lambda k: bearer(f"{b64json({'alg': 'none', 'kid': KID})}.{b64json(claims())}.c2ln"),
        "token algorithm is not accepted",
    ),
    (
        "alg missing",
        lambda k: bearer(rs256(k.signing, {"kid": KID}, claims())),
        "token algorithm is not accepted",
    ),
    (
        "alg not a string",
        lambda k: bearer(rs256(k.signing, header(alg=["RS256"]), claims())),
        "token algorithm is not accepted",
    ),
    (
        "HS256 with the public key PEM as secret",
        lambda k: bearer(hs256(k.public_pem(), header(alg="HS256"), claims())),
        "token algorithm is not accepted",
    ),
    (
        "HS256 with the public JWK as secret",
        lambda k: bearer(
            hs256(
                json.dumps(k.signing.as_dict(private=False)).encode(),
                header(alg="HS256"),
                claims(),
            )
        ),
        "token algorithm is not accepted",
    ),
    (
        "RS384 when only RS256 is accepted",
        lambda k: bearer(rs256(k.signing, header(alg="RS384"), claims())),
        "token algorithm is not accepted",
    ),
    (
        "other key, same kid",
        lambda k: bearer(rs256(k.same_kid_other, header(), claims())),
        "token signature is invalid",
    ),
    ("tampered payload", _tampered, "token signature is invalid"),
    (
        "signature stripped",
        lambda k: k.good().rsplit(".", 1)[0] + ".",
        "token signature is invalid",
    ),
    (
        "signature not base64",
        lambda k: k.good().rsplit(".", 1)[0] + ".a",
        "token signature is invalid",
    ),
    (
        "unknown kid",
        lambda k: bearer(rs256(k.signing, header(kid="someone-else"), claims())),
        "token key id is unknown",
    ),
    (
        "kid not a string",
        lambda k: bearer(rs256(k.signing, header(kid=1), claims())),
        "token key id is unknown",
    ),
    (
        "missing kid",
        lambda k: bearer(rs256(k.signing, {"alg": "RS256", "typ": "at+jwt"}, claims())),
        "token key id is missing",
    ),
    (
        "typ of another kind of token",
        lambda k: bearer(rs256(k.signing, header(typ="dpop+jwt"), claims())),
        "token type is not accepted",
    ),
    (
        "critical extension",
        lambda k: bearer(rs256(k.signing, header(crit=["exp"], exp=1), claims())),
        "token uses an unsupported critical header",
    ),
    (
        "unencoded payload (b64 false)",
        lambda k: bearer(rs256(k.signing, header(b64=False, crit=["b64"]), claims())),
        "token uses an unsupported critical header",
    ),
    ("expired", lambda k: k.good(exp=NOW - 31), "token has expired"),
    ("long expired", lambda k: k.good(exp=NOW - 86400), "token has expired"),
    ("not yet valid", lambda k: k.good(nbf=NOW + 31), "token is not yet valid"),
    ("issued in the future", lambda k: k.good(iat=NOW + 120), "token was issued in the future"),
    ("exp not a number", lambda k: k.good(exp=str(NOW + 60)), "token claim 'exp' is invalid"),
    ("exp a boolean", lambda k: k.good(exp=True), "token claim 'exp' is invalid"),
    ("exp NaN", lambda k: k.good(exp=float("nan")), "token claim 'exp' is invalid"),
    ("exp Infinity", lambda k: k.good(exp=float("inf")), "token claim 'exp' is invalid"),
    ("nbf not a number", lambda k: k.good(nbf="now"), "token claim 'nbf' is invalid"),
    ("wrong issuer", lambda k: k.good(iss="https://evil.test/"), "token issuer is not accepted"),
    ("issuer a list", lambda k: k.good(iss=[ISSUER]), "token issuer is not accepted"),
    ("wrong audience", lambda k: k.good(aud="another-api"), "token audience is not accepted"),
    (
        "audience list without ours",
        lambda k: k.good(aud=["a", "b"]),
        "token audience is not accepted",
    ),
    ("audience empty list", lambda k: k.good(aud=[]), "token audience is not accepted"),
    ("audience a number", lambda k: k.good(aud=1), "token audience is not accepted"),
    ("missing exp", lambda k: k.good(drop=("exp",)), "token lacks required claim 'exp'"),
    ("missing iss", lambda k: k.good(drop=("iss",)), "token lacks required claim 'iss'"),
    ("missing aud", lambda k: k.good(drop=("aud",)), "token lacks required claim 'aud'"),
    ("missing sub", lambda k: k.good(drop=("sub",)), "token lacks required claim 'sub'"),
    ("null sub", lambda k: k.good(sub=None), "token lacks required claim 'sub'"),
    ("missing org", lambda k: k.good(drop=("org",)), "token lacks required claim 'org'"),
    ("empty sub", lambda k: k.good(sub=""), "token subject is invalid"),
    ("blank sub", lambda k: k.good(sub="  "), "token subject is invalid"),
    ("sub a number", lambda k: k.good(sub=7), "token subject is invalid"),
    ("org a number", lambda k: k.good(org=7), "token claim 'org' is invalid"),
    ("org empty", lambda k: k.good(org=""), "token claim 'org' is invalid"),
    ("roles a string", lambda k: k.good(roles="lead"), "token claim 'roles' is invalid"),
    ("roles empty", lambda k: k.good(roles=[]), "token claim 'roles' is invalid"),
    ("roles null", lambda k: k.good(roles=None), "token claim 'roles' is invalid"),
    ("roles with a number", lambda k: k.good(roles=["lead", 1]), "token claim 'roles' is invalid"),
    ("roles with blank", lambda k: k.good(roles=["lead", ""]), "token claim 'roles' is invalid"),
    ("roles an object", lambda k: k.good(roles={"a": 1}), "token claim 'roles' is invalid"),
    ("jti a number", lambda k: k.good(jti=5), "token claim 'jti' is invalid"),
    ("oversize token", lambda k: "Bearer " + "a" * (MAX_TOKEN_LENGTH + 1), "token is too large"),
    ("oversize header value", lambda k: " " * 20_000 + k.good(), "token is too large"),
    ("oversize signed token", _oversize_header, "token is too large"),
]


@pytest.mark.parametrize(
    ("build", "description"),
    [(c[1], c[2]) for c in REFUSED],
    ids=[c[0] for c in REFUSED],
)
def test_refused_tokens(
    keys: Keys, validator: TokenValidator, build: Builder, description: str
) -> None:
    authorization = build(keys)
    with pytest.raises(InvalidToken) as caught:
        validator.validate(authorization)
    assert caught.value.description == description
    assert str(caught.value) == description


def test_descriptions_never_echo_the_token(keys: Keys, validator: TokenValidator) -> None:
    marker = "SECRET-MARKER"
    attempts = [
        bearer(rs256(keys.signing, header(kid=marker), claims())),
        bearer(rs256(keys.signing, header(alg=marker), claims())),
        keys.good(iss=marker),
        keys.good(aud=marker),
        f"{marker} token",
    ]
    for authorization in attempts:
        with pytest.raises(InvalidToken) as caught:
            validator.validate(authorization)
        assert marker not in caught.value.description


def test_key_of_wrong_type_under_the_kid(keys: Keys) -> None:
    ec_key = ECKey.generate_key("P-256", parameters={"kid": KID})
    public = ECKey.import_key(ec_key.as_dict(private=False))
    validator = TokenValidator(AuthSettings(ISSUER, AUDIENCE, KeySet([public])), clock=lambda: NOW)
    with pytest.raises(InvalidToken) as caught:
        validator.validate(keys.good())
    assert caught.value.description == "token algorithm does not match its key"


def test_encryption_key_under_the_kid_is_not_used(keys: Keys) -> None:
    as_enc = {**keys.signing.as_dict(private=False), "use": "enc", "alg": "RSA-OAEP"}
    settings = AuthSettings(ISSUER, AUDIENCE, KeySet([RSAKey.import_key(as_enc)]))
    with pytest.raises(InvalidToken) as caught:
        TokenValidator(settings, clock=lambda: NOW).validate(keys.good())
    assert caught.value.description == "token algorithm does not match its key"


HUGE_FLOAT_HEADER = b'{"alg": 1e999999, "kid": ' + b"9" * 5000 + b"}"


def _mutations(good: str, rng: random.Random) -> Iterator[object]:
    alphabet = "ABCxyz019-_.=+/ \t\n\x00é☃"
    for _ in range(300):
        chars = list(good)
        for _ in range(rng.randint(1, 4)):
            chars[rng.randrange(len(chars))] = rng.choice(alphabet)
        yield "".join(chars)
        yield good[: rng.randrange(len(good))]
        yield "Bearer " + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        yield bytes(rng.randrange(256) for _ in range(rng.randint(0, 64)))
    yield from (
        b"Bearer " + good[7:].encode() + b"\xff",
        "Bearer ...",
        "Bearer ..",
        "Bearer e30.e30.e30",
        f"Bearer {b64json(None)}.{b64json(None)}.",
        f"Bearer {b64json({'alg': 'RS256', 'kid': KID})}.{b64(b'1' * 5000)}.",
        f"Bearer {b64json({'alg': 'RS256', 'kid': KID, 'jwk': 'x', 'jku': 5})}.e30.c2ln",
        f"Bearer {b64(HUGE_FLOAT_HEADER)}.e30.e30",
        f"Bearer {b64(b'9' * 5000)}.e30.e30",
        "Bearer\u00a0" + good[7:],
        42,
        ["Bearer", good[7:]],
    )


def test_garbage_only_ever_raises_invalid_token(keys: Keys, validator: TokenValidator) -> None:
    rng = random.Random(20240601)
    descriptions: list[str] = []
    for value in _mutations(keys.good(), rng):
        try:
            validator.validate(value)  # type: ignore[arg-type]
        except InvalidToken as error:
            descriptions.append(error.description)
        # Any other exception fails the test. A mutation can land in ignored whitespace and
        # leave the valid token intact, so not every value has to be refused.
    assert len(descriptions) > 1000
    assert all(descriptions)


def test_a_token_without_roles_leaves_them_to_the_register(
    keys: Keys, validator: TokenValidator
) -> None:
    principal = validator.validate(keys.good(drop=("roles",)))
    assert principal.roles == frozenset()
    assert principal.roles_claimed is False
    assert validator.validate(keys.good()).roles_claimed is True


# --- settings ---


@pytest.mark.parametrize(
    "algorithms", ["none", "None", "HS256", "hs512", "RS256,HS256", "RS256, none", "", "XY999"]
)
def test_settings_refuse_unsafe_algorithms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, algorithms: str
) -> None:
    monkeypatch.setenv("AUTH_ALGORITHMS", algorithms)
    with pytest.raises(ValueError, match=r"algorithm|none"):
        AuthSettings.from_env(tmp_path / "keys")


def test_settings_defaults_use_the_local_key(tmp_path: Path) -> None:
    settings = AuthSettings.from_env(tmp_path / "keys")
    local = LocalSigningKey.load_or_create(tmp_path / "keys")
    assert settings.issuer == "http://127.0.0.1:8000/local-issuer"
    assert settings.audience == "early-help-graph-api"
    assert settings.algorithms == ("RS256",)
    assert settings.leeway_seconds == 30
    assert [key.kid for key in settings.jwks.keys] == [local.kid]


def test_settings_read_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keys: Keys) -> None:
    jwks_file = tmp_path / "jwks.json"
    jwks_file.write_text(json.dumps({"keys": [keys.signing.as_dict(private=False)]}))
    monkeypatch.setenv("AUTH_ISSUER", ISSUER)
    monkeypatch.setenv("AUTH_AUDIENCE", "aud-x")
    monkeypatch.setenv("AUTH_ALGORITHMS", "RS256, PS256")
    monkeypatch.setenv("AUTH_JWKS_FILE", str(jwks_file))
    settings = AuthSettings.from_env(tmp_path / "keys")
    assert (settings.issuer, settings.audience) == (ISSUER, "aud-x")
    assert settings.algorithms == ("RS256", "PS256")
    assert [key.kid for key in settings.jwks.keys] == [KID]
    assert not (tmp_path / "keys").exists()
    validator = TokenValidator(settings, clock=lambda: NOW)
    assert validator.validate(keys.good(aud="aud-x")).user_id == "user-1"


def test_settings_strip_private_members_from_inline_jwks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keys: Keys
) -> None:
    monkeypatch.setenv("AUTH_JWKS", json.dumps({"keys": [keys.signing.as_dict(private=True)]}))
    settings = AuthSettings.from_env(tmp_path / "keys")
    (only,) = settings.jwks.keys
    assert not only.is_private
    assert not {"d", "p", "q"} & set(only.as_dict())


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("AUTH_JWKS", "not json"),
        ("AUTH_JWKS", "[]"),
        ("AUTH_JWKS", '{"keys": []}'),
        ("AUTH_JWKS", '{"keys": [{"kty": "oct", "k": "c2VjcmV0"}]}'),
        ("AUTH_JWKS", '{"keys": [{"kty": "RSA", "n": "!!", "e": "AQAB"}]}'),
        ("AUTH_JWKS_FILE", "/nonexistent/jwks.json"),
    ],
)
def test_settings_refuse_bad_jwks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ValueError, match=variable):
        AuthSettings.from_env(tmp_path / "keys")


def test_settings_refuse_both_jwks_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keys: Keys
) -> None:
    jwks = json.dumps({"keys": [keys.signing.as_dict(private=False)]})
    monkeypatch.setenv("AUTH_JWKS", jwks)
    monkeypatch.setenv("AUTH_JWKS_FILE", str(tmp_path / "jwks.json"))
    with pytest.raises(ValueError, match="only one"):
        AuthSettings.from_env(tmp_path / "keys")


# --- the local signing key ---


def test_local_key_persists_with_owner_only_permissions(tmp_path: Path) -> None:
    directory = tmp_path / "nested" / "keys"
    first = LocalSigningKey.load_or_create(directory)
    second = LocalSigningKey.load_or_create(directory)
    assert first.kid == second.kid
    assert first.private_key == second.private_key
    key_file = directory / "signing-key.json"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    assert [path.name for path in directory.iterdir()] == ["signing-key.json"]


def test_local_key_public_jwks_has_no_private_members(tmp_path: Path) -> None:
    local = LocalSigningKey.load_or_create(tmp_path)
    (public,) = local.public_jwks().as_dict()["keys"]
    assert not {"d", "p", "q", "dp", "dq", "qi"} & set(public)
    assert public["kid"] == local.kid
    assert local.private_key.is_private


def test_unreadable_local_key_is_not_replaced(tmp_path: Path) -> None:
    (tmp_path / "signing-key.json").write_text("{")
    with pytest.raises(ValueError, match="cannot be read"):
        LocalSigningKey.load_or_create(tmp_path)
    assert (tmp_path / "signing-key.json").read_text() == "{"
