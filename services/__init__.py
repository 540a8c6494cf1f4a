"""Services: the only way the API changes the graph or runs a job.

One module per capability (``teams``, ``links``, ``consent``, ``sharing_decisions``,
``break_glass``, ``access_register``, and the jobs), each a set of verbs of one shape::

    async def verb(db: Database, actor: Actor, input: Input) -> Outcome

- ``actor`` is who acts, as the API passes them: for the capabilities here the request's
  :class:`Viewer` (the user, their organisation, and the rows they may see);
- ``input`` is what they asked for, already checked and cleaned by the API, with what the policy
  decided about it (the API consults the policy; services never do);
- ``Outcome`` is the capability's existing result type: expected failures are values
  (``links.AlreadyLinked``), and the database being unreachable is :class:`GraphUnavailable`.

A resolver never holds the database: it runs a verb through the request's :class:`Services`,
which is bound to it::

    outcome = await info.context.services.run(links.link_relatives, viewer, new_link)

Each capability module names the types its verbs take and give (defined by the graph layer, which
builds them in the transaction), so the API imports ``services``, never ``graph``. So does this
package for what the API needs of the layer below as a whole: the :class:`Viewer` it passes as the
actor, :class:`GraphUnavailable`, and ``counting_queries`` (a development aid).

The jobs (``intake``: loading a partner's list; ``matching``: recognising one person across lists;
``households``: residences, households and families; ``eligibility``: each family's status) share
one shape too: read through the graph layer, decide with the pure rules of ``domain`` off the event
loop, write in bounded batches (each its own transaction, idempotent, so a retry or a rerun changes
nothing more), and report what changed. The API runs them in a process of their own
(:class:`JobProcess`, through ``Services.run_job``), so its requests never wait for their work.
"""

from __future__ import annotations

from graph import GraphUnavailable, QueryStats, Viewer, counting_queries
from services import (
    access_register,
    break_glass,
    consent,
    eligibility,
    households,
    intake,
    links,
    matching,
    sharing_decisions,
    teams,
)
from services._job_process import JobProcess, JobProcessLost
from services.services import Services

__all__ = [
    "GraphUnavailable",
    "JobProcess",
    "JobProcessLost",
    "QueryStats",
    "Services",
    "Viewer",
    "access_register",
    "break_glass",
    "consent",
    "counting_queries",
    "eligibility",
    "households",
    "intake",
    "links",
    "matching",
    "sharing_decisions",
    "teams",
]
