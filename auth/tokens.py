"""Turning an ``Authorization: Bearer <jwt>`` header into a Principal, or refusing it."""

from __future__ import annotations

import base64
import json
import logging
import math
import re
import time
from collections.abc import Callable
from typing import Any

from joserfc import jwt
from joserfc.errors import (
    BadSignatureError,
    ExceededSizeError,
    ExpiredTokenError,
    InvalidClaimError,
    InvalidKeyTypeError,
    JoseError,
    KeyParameterError,
    UnsupportedAlgorithmError,
)
from joserfc.jwk import Key
from joserfc.jws import JWSRegistry
from joserfc.jwt import JWTClaimsRegistry

from auth.errors import InvalidToken
from auth.principal import Principal
from auth.settings import AuthSettings

logger = logging.getLogger(__name__)

#: Longest token accepted, checked before any parsing so garbage costs nothing to refuse.
MAX_TOKEN_LENGTH = 8 * 1024
# Room for the scheme and whitespace around the token in the raw header value.
_MAX_HEADER_LENGTH = MAX_TOKEN_LENGTH + 64

# Header "typ" values of tokens meant as access tokens (RFC 9068 and the generic JWT type).
# Other types a shared identity provider signs (logout tokens, DPoP proofs) are not credentials.
_ACCEPTED_TYPES = frozenset({"jwt", "at+jwt", "application/at+jwt"})

_SEGMENT = re.compile(r"[A-Za-z0-9_-]*", re.ASCII)
_REQUIRED_CLAIMS = ("exp", "iss", "aud", "sub")
_TIME_CLAIMS = ("exp", "nbf", "iat")
_CLAIM_FAILURES = {
    "iss": "token issuer is not accepted",
    "aud": "token audience is not accepted",
    "sub": "token subject is invalid",
    "nbf": "token is not yet valid",
    "iat": "token was issued in the future",
    "jti": "token claim 'jti' is invalid",
}

MISSING = "missing bearer token"
MALFORMED = "token is malformed"
TOO_LARGE = "token is too large"


class TokenValidator:
    """Validates bearer access tokens against one ``AuthSettings``; build once, reuse freely."""

    def __init__(self, settings: AuthSettings, *, clock: Callable[[], float] = time.time) -> None:
        self._settings = settings
        self._keys_by_kid: dict[str, list[Key]] = {}
        for key in settings.jwks.keys:
            if key.kid:
                self._keys_by_kid.setdefault(key.kid, []).append(key)
        self._jws = JWSRegistry(algorithms=settings.algorithms, strict_check_header=False)
        # Our own length bound is the one that matters; joserfc's per-part limits (512 bytes of
        # header) would otherwise refuse legitimate IdP tokens that carry x5c chains.
        self._jws.max_header_length = MAX_TOKEN_LENGTH
        self._jws.max_payload_length = MAX_TOKEN_LENGTH
        self._jws.max_signature_length = MAX_TOKEN_LENGTH
        self._claims = JWTClaimsRegistry(
            now=lambda: int(clock()),
            leeway=settings.leeway_seconds,
            iss={"essential": True, "value": settings.issuer},
            aud={"essential": True, "value": settings.audience},
            sub={"essential": True},
            exp={"essential": True},
        )

    def validate(self, authorization: str | bytes | None) -> Principal:
        """Return the Principal named by a valid ``Authorization`` header value.

        Raises InvalidToken, and nothing else, for any header that is missing or not a valid
        bearer access token from the configured issuer for this audience.
        """
        try:
            token = _bearer_token(authorization)
            header = _read_header(token)
            algorithm = self._accepted_algorithm(header)
            key = self._verification_key(header, algorithm)
            claims = self._verified_claims(token, key)
            self._check_registered_claims(claims)
            return _principal(claims)
        except InvalidToken:
            raise
        except Exception as error:
            # Any other failure is a gap in the checks above, not a reason to answer 500 to
            # whoever sent the token. Log only the type: messages can quote the token.
            logger.warning("unexpected %s while validating a token", type(error).__name__)
            raise InvalidToken(MALFORMED) from error

    def _accepted_algorithm(self, header: dict[str, Any]) -> str:
        # Checked before any key is touched: this is what stops "alg": "none" and an HS256 token
        # "signed" with the public key from ever reaching signature verification.
        algorithm = header.get("alg")
        if not isinstance(algorithm, str) or algorithm not in self._settings.algorithms:
            raise InvalidToken("token algorithm is not accepted")
        if "crit" in header or "b64" in header:
            # No extension is understood here, so no critical one can be honoured (RFC 7515 4.1.11).
            raise InvalidToken("token uses an unsupported critical header")
        token_type = header.get("typ")
        if token_type is not None and (
            not isinstance(token_type, str) or token_type.lower() not in _ACCEPTED_TYPES
        ):
            raise InvalidToken("token type is not accepted")
        return algorithm

    def _verification_key(self, header: dict[str, Any], algorithm: str) -> Key:
        kid = header.get("kid")
        if kid is None:
            raise InvalidToken("token key id is missing")
        if not isinstance(kid, str) or kid not in self._keys_by_kid:
            raise InvalidToken("token key id is unknown")
        key_type = JWSRegistry.algorithms[algorithm].key_type
        for key in self._keys_by_kid[kid]:
            if (
                key.key_type == key_type
                and key.get("use") in (None, "sig")
                and key.alg in (None, algorithm)
            ):
                return key
        raise InvalidToken("token algorithm does not match its key")

    def _verified_claims(self, token: str, key: Key) -> dict[str, Any]:
        try:
            decoded = jwt.decode(token, key, registry=self._jws)
        except BadSignatureError:
            raise InvalidToken("token signature is invalid") from None
        except ExceededSizeError:
            raise InvalidToken(TOO_LARGE) from None
        except (UnsupportedAlgorithmError, InvalidKeyTypeError, KeyParameterError):
            raise InvalidToken("token algorithm does not match its key") from None
        except (JoseError, ValueError, RecursionError):
            raise InvalidToken(MALFORMED) from None
        return decoded.claims

    def _check_registered_claims(self, claims: dict[str, Any]) -> None:
        for name in _REQUIRED_CLAIMS:
            if claims.get(name) is None:
                raise InvalidToken(f"token lacks required claim '{name}'")
        for name in _TIME_CLAIMS:
            if name in claims and not _is_numeric_date(claims[name]):
                raise InvalidToken(f"token claim '{name}' is invalid")
        try:
            self._claims.validate(claims)
        except ExpiredTokenError:
            raise InvalidToken("token has expired") from None
        except InvalidClaimError as error:
            description = _CLAIM_FAILURES.get(error.claim, "token claims are invalid")
            raise InvalidToken(description) from None
        except JoseError:
            raise InvalidToken("token claims are invalid") from None


def _bearer_token(authorization: str | bytes | None) -> str:
    if authorization is None:
        raise InvalidToken(MISSING)
    if isinstance(authorization, bytes):
        try:
            authorization = authorization.decode("ascii")
        except UnicodeDecodeError:
            raise InvalidToken(MALFORMED) from None
    if not isinstance(authorization, str):
        raise InvalidToken(MALFORMED)
    if len(authorization) > _MAX_HEADER_LENGTH:
        raise InvalidToken(TOO_LARGE)
    parts = authorization.split()
    if not parts:
        raise InvalidToken(MISSING)
    if parts[0].lower() != "bearer":
        raise InvalidToken("authorization scheme must be Bearer")
    if len(parts) == 1:
        raise InvalidToken(MISSING)
    if len(parts) > 2:
        raise InvalidToken(MALFORMED)
    token = parts[1]
    if len(token) > MAX_TOKEN_LENGTH:
        raise InvalidToken(TOO_LARGE)
    return token


def _read_header(token: str) -> dict[str, Any]:
    """Decode the JOSE header without trusting it, so it can be vetted before verification."""
    segments = token.split(".")
    if (
        len(segments) != 3
        or not segments[0]
        or not segments[1]
        or not all(_SEGMENT.fullmatch(segment) for segment in segments)
    ):
        raise InvalidToken(MALFORMED)
    try:
        header = json.loads(_b64url_decode(segments[0]))
    except (ValueError, RecursionError):
        # ValueError covers bad base64, bad UTF-8 and bad JSON; deep nesting is RecursionError.
        raise InvalidToken(MALFORMED) from None
    if not isinstance(header, dict):
        raise InvalidToken(MALFORMED)
    return header


def _b64url_decode(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def _is_numeric_date(value: object) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


def _principal(claims: dict[str, Any]) -> Principal:
    subject = claims["sub"]
    if not isinstance(subject, str) or not subject.strip():
        raise InvalidToken("token subject is invalid")
    organisation = claims.get("org")
    if organisation is None:
        raise InvalidToken("token lacks required claim 'org'")
    if not isinstance(organisation, str) or not organisation.strip():
        raise InvalidToken("token claim 'org' is invalid")
    # Optional: without it the caller acts with every role the register gives them. When
    # present it may only narrow those, so an empty list (which would narrow to nothing) is
    # refused as a mistake.
    claimed = "roles" in claims
    roles = claims.get("roles")
    if claimed and (
        not isinstance(roles, list)
        or not roles
        or not all(isinstance(role, str) and role.strip() for role in roles)
    ):
        raise InvalidToken("token claim 'roles' is invalid")
    token_id = claims.get("jti")
    return Principal(
        user_id=subject,
        organisation_id=organisation,
        roles=frozenset(roles or ()),
        token_id=token_id if isinstance(token_id, str) and token_id else None,
        roles_claimed=claimed,
    )
