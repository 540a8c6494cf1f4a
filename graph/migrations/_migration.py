"""A released change to the schema or data: its version, name, statements and any rewrite."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import LiteralString

from graph.database import Database


@dataclass(frozen=True)
class Migration:
    """One version of the schema, applied once by :func:`graph.migrations.migrate`.

    Its statements are literals in its own module (``graph/migrations/v<NNN>.py``), so no later
    change to a repository can rewrite what a released migration runs.
    """

    version: int
    name: str
    statements: tuple[LiteralString, ...]
    # Data that Cypher cannot compute alike (vocabulary.text's folding, the consent rule), rewritten
    # after the statements, in transactions of its own choosing; safe to run twice, like them.
    rewrite: Callable[[Database], Awaitable[object]] | None = None

    @property
    def digest(self) -> str:
        """The sha256 of the statements, as ``graph/migrations/digests.txt`` records it."""
        encoded = json.dumps(list(self.statements), ensure_ascii=False).encode()
        return hashlib.sha256(encoded).hexdigest()
