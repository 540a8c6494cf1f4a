"""Who is calling: the identity an access token vouches for."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Principal:
    """An authenticated caller: a practitioner or a partner system acting for an organisation.

    ``token_id`` is the token's ``jti`` when it has one, kept so audit records can name the
    exact credential used without storing the token itself.

    As the token validator makes it, ``roles`` is what the token claims, and ``roles_claimed`` is
    False when it claims none. The API then admits it through the register of users, which
    gives the roles to act with: the register's, narrowed to the claim when there is one.
    """

    user_id: str
    organisation_id: str
    roles: frozenset[str]
    token_id: str | None = None
    roles_claimed: bool = True
