"""Services: the only way the API changes the graph or runs a job.

One module per capability, each a set of verbs of one shape::

    async def verb(db: Database, actor: Viewer, input: Input) -> Outcome

``actor`` is who acts (the request's :class:`graph.Viewer`), ``input`` what they asked for,
already checked by the API (which consults the policy; services never do), and ``Outcome`` what
came of it. The jobs (``intake``: loading a partner's list; ``matching``: recognising one person
across lists; ``households``: residences, households and families; ``eligibility``: each family's
status) share one shape too: read through the graph layer, decide with the pure rules of
``domain`` off the event loop, write in bounded batches (each its own transaction, idempotent, so
a retry or a rerun changes nothing more), and report what changed.
"""

from __future__ import annotations

from services import eligibility, households, intake, matching

__all__ = ["eligibility", "households", "intake", "matching"]
