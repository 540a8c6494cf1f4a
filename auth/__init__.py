"""Bearer-token authentication: access token in, Principal out."""

from __future__ import annotations

from auth.errors import InvalidToken
from auth.local_keys import LocalSigningKey
from auth.principal import Principal
from auth.settings import AuthSettings
from auth.tokens import TokenValidator

__all__ = [
    "AuthSettings",
    "InvalidToken",
    "LocalSigningKey",
    "Principal",
    "TokenValidator",
]
