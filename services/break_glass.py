"""Breaking the glass: time-limited sight of one family under vital interests, with its emergency
decision to share without consent and the information governance officers notified
(``graph.break_glass``)."""

from __future__ import annotations

from dataclasses import dataclass

from graph import Database, Viewer
from graph import break_glass as repository
from graph.break_glass import AlreadyHeld, Grant, Granted

__all__ = ["AlreadyHeld", "Grant", "Granted", "Invocation", "invoke"]


@dataclass(frozen=True)
class Invocation:
    family_id: str
    justification: str
    minutes: int  # how long the grant lasts
    purposes: list[str]  # what the actor may break the glass for (policy)


async def invoke(db: Database, actor: Viewer, input: Invocation) -> Granted | AlreadyHeld | None:
    """Grant the actor the family for ``minutes``, with its emergency decision to share without
    consent for ``purposes``; the grant they already hold, if any; None when there is no such
    family."""
    return await db.write(
        repository.invoke,
        input.family_id,
        input.justification,
        input.minutes,
        actor.user_id,
        actor.organisation_id,
        input.purposes,
    )
