"""The GraphQL API: Strawberry schema on Starlette, authenticated by bearer tokens."""

from __future__ import annotations

from api.app import create_app
from api.schema import create_schema
from api.settings import ApiSettings

__all__ = ["ApiSettings", "create_app", "create_schema"]
