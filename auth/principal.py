"""Who is calling: the identity an access token vouches for."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Principal:
    """An authenticated caller: a practitioner or a partner system acting for an organisation.

    ``token_id`` is the token's ``jti`` when it has one, kept so audit records can name the
    exact credential used without storing the token itself.
    """

    user_id: str
    organisation_id: str
    roles: frozenset[str]
    token_id: str | None = None
