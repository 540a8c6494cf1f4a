"""The services of one request, bound to its database.

A resolver never holds the database: it runs a service's verb through this object, which passes
the request's database (the one that records the request's disclosures while Neo4j answers)::

    outcome = await info.context.services.run(links.link_relatives, viewer, new_link)
    formed = await info.context.services.run_job(households.form, viewer, forming)

A job runs in the service's job process (``services._job_process``), on a database of its own
there, so the requests this process serves meanwhile never wait for its work.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from graph import Database
from services._job_process import JobProcess

Actor = TypeVar("Actor")
Input = TypeVar("Input")
Outcome = TypeVar("Outcome")


class Services:
    """Runs any verb of the shape ``async def verb(db, actor, input) -> Outcome`` on the
    request's database, so each verb stays a plain function that a test or a command can call
    with a database of its own."""

    def __init__(self, db: Database, jobs: JobProcess | None = None) -> None:
        self._db = db
        self._jobs = jobs

    async def run(
        self,
        verb: Callable[[Database, Actor, Input], Awaitable[Outcome]],
        actor: Actor,
        input: Input,
    ) -> Outcome:
        """``verb(db, actor, input)`` on this request's database."""
        return await verb(self._db, actor, input)

    async def run_job(
        self,
        verb: Callable[[Database, Actor, Input], Awaitable[Outcome]],
        actor: Actor,
        input: Input,
    ) -> Outcome:
        """``verb(db, actor, input)`` in the job process, or here on this request's database
        when there is none (a command, a test of the verb alone). ``verb``, ``actor`` and
        ``input`` cross to the job process pickled: a module-level verb and plain values."""
        if self._jobs is None:
            return await self.run(verb, actor, input)
        return await self._jobs.run(verb, actor, input)
