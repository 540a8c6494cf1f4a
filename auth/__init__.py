"""Bearer-token authentication: access token in, Principal out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from auth.errors import InvalidToken
from auth.local_keys import LocalSigningKey
from auth.principal import Principal
from auth.settings import AuthSettings
from auth.tokens import TokenValidator

if TYPE_CHECKING:
    from auth.mint import mint_token

__all__ = [
    "AuthSettings",
    "InvalidToken",
    "LocalSigningKey",
    "Principal",
    "TokenValidator",
    "mint_token",
]


def __getattr__(name: str) -> Any:
    # auth.mint is imported on first use rather than here: `python -m auth.mint` imports this
    # package first, and runpy warns when the module it is about to run is already loaded.
    if name == "mint_token":
        from auth.mint import mint_token

        return mint_token
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
