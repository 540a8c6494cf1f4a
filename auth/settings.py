"""Which tokens the API accepts: issuer, audience, algorithms and verification keys."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from joserfc.jws import JWSRegistry

from auth.local_keys import LocalSigningKey

DEFAULT_ISSUER = "http://127.0.0.1:8000/local-issuer"
DEFAULT_AUDIENCE = "early-help-graph-api"
DEFAULT_ALGORITHMS = ("RS256",)
DEFAULT_LEEWAY_SECONDS = 30


@dataclass(frozen=True)
class AuthSettings:
    """What a bearer token must satisfy to be accepted.

    ``jwks`` holds public keys only; tokens are signed elsewhere (an identity provider, or the
    local development key). ``algorithms`` is therefore limited to public-key algorithms.
    """

    issuer: str
    audience: str
    jwks: KeySet
    algorithms: tuple[str, ...] = DEFAULT_ALGORITHMS
    leeway_seconds: int = DEFAULT_LEEWAY_SECONDS

    def __post_init__(self) -> None:
        if not self.issuer:
            raise ValueError("the accepted token issuer must not be empty")
        if not self.audience:
            raise ValueError("the accepted token audience must not be empty")
        if not self.jwks.keys:
            raise ValueError("at least one verification key is needed")
        check_algorithms(self.algorithms)
        if self.leeway_seconds < 0:
            raise ValueError("the clock leeway must not be negative")

    @classmethod
    def from_env(
        cls, local_keys_dir: Path, environ: Mapping[str, str] | None = None
    ) -> AuthSettings:
        """Read the settings from the environment, with defaults that suit local development.

        ``AUTH_ISSUER``, ``AUTH_AUDIENCE``, ``AUTH_ALGORITHMS`` (comma separated) and the public
        keys from ``AUTH_JWKS_FILE`` (a path) or ``AUTH_JWKS`` (inline JSON). With neither key
        variable set, the local development key in ``local_keys_dir`` is used (and created on
        first use). Raises ValueError for a setting that is unsafe or unreadable.
        """
        env = os.environ if environ is None else environ
        algorithms = tuple(
            name.strip() for name in env.get("AUTH_ALGORITHMS", "RS256").split(",") if name.strip()
        )
        return cls(
            issuer=env_issuer(env),
            audience=env_audience(env),
            jwks=_jwks_from_env(env, local_keys_dir),
            algorithms=algorithms,
        )


def env_issuer(environ: Mapping[str, str] | None = None) -> str:
    """The accepted issuer named by ``AUTH_ISSUER``, or the local development issuer."""
    env = os.environ if environ is None else environ
    return env.get("AUTH_ISSUER") or DEFAULT_ISSUER


def env_audience(environ: Mapping[str, str] | None = None) -> str:
    """The accepted audience named by ``AUTH_AUDIENCE``, or this API's default name."""
    env = os.environ if environ is None else environ
    return env.get("AUTH_AUDIENCE") or DEFAULT_AUDIENCE


def check_algorithms(algorithms: tuple[str, ...]) -> None:
    """Raise ValueError unless every algorithm is a public-key JWS algorithm joserfc knows.

    "none" would accept unsigned tokens, and an HMAC algorithm verified against a JWKS would let
    anyone holding the public key forge tokens, so both are refused outright.
    """
    if not algorithms:
        raise ValueError("at least one token algorithm must be accepted")
    for name in algorithms:
        if name.lower() == "none":
            raise ValueError("the 'none' algorithm accepts unsigned tokens and is not allowed")
        if name.upper().startswith("HS"):
            raise ValueError(f"{name} is a shared-secret algorithm; keys come from a JWKS")
        model = JWSRegistry.algorithms.get(name)
        if model is None or model.key_type == "oct":
            raise ValueError(f"{name} is not a supported public-key JWS algorithm")


def _jwks_from_env(env: Mapping[str, str], local_keys_dir: Path) -> KeySet:
    jwks_file = env.get("AUTH_JWKS_FILE")
    inline = env.get("AUTH_JWKS")
    if jwks_file and inline:
        raise ValueError("set only one of AUTH_JWKS_FILE and AUTH_JWKS")
    if jwks_file:
        try:
            text = Path(jwks_file).read_text(encoding="utf-8")
        except OSError as error:
            raise ValueError(f"AUTH_JWKS_FILE {jwks_file} cannot be read") from error
        return parse_public_jwks(text, source="AUTH_JWKS_FILE")
    if inline:
        return parse_public_jwks(inline, source="AUTH_JWKS")
    return LocalSigningKey.load_or_create(local_keys_dir).public_jwks()


def parse_public_jwks(text: str, *, source: str = "JWKS") -> KeySet:
    """Parse a JWKS document, keeping only the public half of each key.

    A private key pasted in by mistake is reduced to its public part rather than kept in memory;
    symmetric keys are refused since no accepted algorithm could use them.
    """
    try:
        document: Any = json.loads(text)
    except ValueError as error:
        raise ValueError(f"{source} is not valid JSON") from error
    keys = document.get("keys") if isinstance(document, dict) else None
    if not isinstance(keys, list) or not keys:
        raise ValueError(f'{source} must be a JSON object with a non-empty "keys" list')
    if any(not isinstance(key, dict) or key.get("kty") == "oct" for key in keys):
        raise ValueError(f"{source} must hold public keys only (no symmetric 'oct' keys)")
    try:
        keyset = KeySet.import_key_set({"keys": keys})
        public = [key.as_dict(private=False) for key in keyset.keys]
        return KeySet.import_key_set({"keys": public})
    except (JoseError, ValueError, TypeError) as error:
        raise ValueError(f"{source} holds a key that cannot be imported") from error
