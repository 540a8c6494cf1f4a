"""Bearer tokens for the demo users, signed by the local development key.

    python -m devtools.demo_tokens [USER_ID ...]   (``./dev token``; all demo users when none named)

For any other subject or claims, ``python -m devtools.mint`` signs what it is given.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from auth import AuthSettings, LocalSigningKey
from devtools.mint import mint_token
from devtools.synthetic.demo import DEMO_USERS

KEYS = Path(__file__).resolve().parent.parent / ".local" / "keys"


def demo_tokens(
    auth: AuthSettings, user_ids: list[str] | None = None
) -> list[tuple[str, str, str]]:
    """(user id, role, token) for each demo user named, or all of them."""
    key = LocalSigningKey.load_or_create(KEYS)
    chosen = [u for u in DEMO_USERS if not user_ids or u.id in user_ids]
    return [
        (
            user.id,
            user.role,
            mint_token(
                key,
                user_id=user.id,
                organisation_id=user.organisation_id,
                roles=[user.role],
                issuer=auth.issuer,
                audience=auth.audience,
            ),
        )
        for user in chosen
    ]


def main(argv: list[str] | None = None) -> int:
    known = [u.id for u in DEMO_USERS]
    parser = argparse.ArgumentParser(prog="./dev token", description=__doc__.splitlines()[0])
    parser.add_argument(
        "user_ids", nargs="*", metavar="USER_ID", help=f"one of: {', '.join(known)}"
    )
    args = parser.parse_args(argv)
    unknown = [u for u in args.user_ids if u not in known]
    if unknown:
        parser.error(f"unknown demo user {', '.join(unknown)}; choose from: {', '.join(known)}")
    tokens = demo_tokens(AuthSettings.from_env(KEYS), args.user_ids)
    if len(tokens) == 1:
        print(tokens[0][2])
        return 0
    for user_id, role, token in tokens:
        print(f"{user_id} ({role}):\n  Authorization: Bearer {token}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
