"""The services of one request, bound to its database.

A resolver never holds the database: it runs a service's verb through this object, which passes
the request's database (the one that records the request's disclosures while Neo4j answers)::

    outcome = await info.context.services.run(links.link_relatives, viewer, new_link)
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from graph import Database

Actor = TypeVar("Actor")
Input = TypeVar("Input")
Outcome = TypeVar("Outcome")


class Services:
    """Runs any verb of the shape ``async def verb(db, actor, input) -> Outcome`` on the
    request's database, so each verb stays a plain function that a test or a command can call
    with a database of its own."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def run(
        self,
        verb: Callable[[Database, Actor, Input], Awaitable[Outcome]],
        actor: Actor,
        input: Input,
    ) -> Outcome:
        """``verb(db, actor, input)`` on this request's database."""
        return await verb(self._db, actor, input)
