"""Minting access tokens with the local development key, and the ``python -m devtools.mint`` CLI.

Only for local development and demos: in production an identity provider issues the tokens.

    python -m devtools.mint USER_ID --org ORG_ID [--role ROLE ...] [--ttl SECONDS]
"""

from __future__ import annotations

import argparse
import sys
import time
import uuid
from pathlib import Path

from joserfc import jwt

from auth.local_keys import LocalSigningKey
from auth.settings import AuthSettings

DEFAULT_TTL_SECONDS = 8 * 3600
LOCAL_KEYS_DIR = Path(".local/keys")


def mint_token(
    key: LocalSigningKey,
    *,
    user_id: str,
    organisation_id: str,
    roles: list[str] | None,
    issuer: str,
    audience: str,
    ttl_seconds: int = DEFAULT_TTL_SECONDS,
) -> str:
    """Sign an RS256 access token (``typ: at+jwt``) for a user of an organisation.

    ``roles`` None leaves the ``roles`` claim out: the caller then acts with every role the
    register of users gives them. Raises ValueError for an empty user, organisation or role
    list, or a non-positive lifetime, since such a token would only be refused later with a less
    helpful message.
    """
    if not user_id:
        raise ValueError("user_id must not be empty")
    if not organisation_id:
        raise ValueError("organisation_id must not be empty")
    if roles is not None and (not roles or not all(roles)):
        raise ValueError("at least one non-empty role is needed")
    if ttl_seconds <= 0:
        raise ValueError("ttl_seconds must be positive")
    now = int(time.time())
    header = {"alg": "RS256", "typ": "at+jwt", "kid": key.kid}
    claims: dict[str, object] = {
        "iss": issuer,
        "aud": audience,
        "sub": user_id,
        "org": organisation_id,
        "iat": now,
        "nbf": now,
        "exp": now + ttl_seconds,
        "jti": uuid.uuid4().hex,
    }
    if roles is not None:
        claims["roles"] = list(roles)
    return jwt.encode(header, claims, key.private_key, algorithms=["RS256"])


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of seconds") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("must be a positive number of seconds")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m devtools.mint",
        description="Print a bearer token signed by the local development key (not production).",
    )
    parser.add_argument("user_id", metavar="USER_ID", help="the user the token is for (sub)")
    parser.add_argument("--org", required=True, metavar="ORG_ID", help="the user's organisation")
    parser.add_argument(
        "--role",
        action="append",
        dest="roles",
        metavar="ROLE",
        help="narrow to a role the register gives the user; repeat for several "
        "(none: every role the register gives them)",
    )
    parser.add_argument(
        "--ttl",
        type=_positive_int,
        default=DEFAULT_TTL_SECONDS,
        metavar="SECONDS",
        help=f"lifetime of the token (default {DEFAULT_TTL_SECONDS})",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI: print one token on stdout; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    roles = args.roles or []
    if not args.user_id.strip() or not args.org.strip() or not all(r.strip() for r in roles):
        parser.error("USER_ID, --org and --role must not be blank")
    key = LocalSigningKey.load_or_create(LOCAL_KEYS_DIR)
    try:
        settings = AuthSettings.from_env(LOCAL_KEYS_DIR)
    except ValueError as error:
        parser.error(f"auth settings: {error}")
    if not any(candidate.kid == key.kid for candidate in settings.jwks.keys):
        # Still print the token (it may be wanted elsewhere), but say why the API will refuse it.
        print(
            "warning: the API's keys (AUTH_JWKS_FILE/AUTH_JWKS) do not include the local key,"
            " so it will not accept this token",
            file=sys.stderr,
        )
    token = mint_token(
        key,
        user_id=args.user_id,
        organisation_id=args.org,
        roles=args.roles,
        issuer=settings.issuer,
        audience=settings.audience,
        ttl_seconds=args.ttl,
    )
    print(token)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
