"""What every resolver knows about its request."""

from __future__ import annotations

from dataclasses import dataclass

import strawberry

from auth import Principal
from graph import Database
from loaders import Loaders
from policy import Policy


@dataclass(frozen=True)
class Context:
    principal: Principal
    db: Database
    loaders: Loaders
    policy: Policy
    request_id: str


Info = strawberry.Info[Context, None]
