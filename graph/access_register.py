"""The register of users (Appendix 3): who has asked for access, who is approved with which roles,
who has accepted the user agreement, and for which organisation they work. Read for every request.

    register = AccessRegister(db, ttl_seconds=2.0)
    found = await register.registration("user-1")     # Registration, or None: not registered

Each process keeps what it read for ``ttl_seconds`` (a Neo4j round trip on every request would
cost more than the rest of the access checks together), reading an entry in use again in the
background before its time is up (``graph._timed_cache``). A change made through this process drops
every entry at once (``changed``), so it takes effect on the very next request here; other
processes see it within ``ttl_seconds``.

    (:User {id, name, email, kind, status, roles, requestedRoles, userAgreementVersion,
            userAgreementAcceptedAt})-[:WORKS_FOR]->(:Organisation {signedAgreement, ...})

A ``User`` without ``status`` is not in the register (data that predates it, or a node written
for another purpose): it is refused as unregistered.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graph._cypher import Tx, fetch
from graph._timed_cache import TimedCache
from graph.database import Database

#: The version of the "Early Help IT systems user agreement" users accept unless configured.
DEFAULT_USER_AGREEMENT_VERSION = "1"

_ENTRY = """
RETURN u.id AS id, u.status AS status, coalesce(u.kind, 'PERSON') AS kind,
       coalesce(u.roles, []) AS roles, coalesce(u.requestedRoles, []) AS requestedRoles,
       u.userAgreementVersion AS userAgreementVersion,
       [(u)-[:WORKS_FOR]->(o:Organisation) | [o.id, coalesce(o.signedAgreement, false)]]
         AS organisations
"""
_REGISTRATION = "MATCH (u:User {id: $id}) WHERE u.status IS NOT NULL" + _ENTRY
# In id order, after the previous page's last id; of one status, or all.
_FILTERED = """
MATCH (u:User)
WHERE u.status IS NOT NULL AND ($status IS NULL OR u.status = $status)
"""
_LISTING = (
    _FILTERED + "AND ($after IS NULL OR u.id > $after) WITH u ORDER BY u.id LIMIT $limit" + _ENTRY
)
_COUNT = _FILTERED + "RETURN count(u) AS n"


@dataclass(frozen=True)
class Registration:
    """One user's entry in the register, with their organisation's standing."""

    user_id: str
    status: str
    kind: str
    roles: frozenset[str]
    requested_roles: tuple[str, ...]
    user_agreement_version: str | None
    organisation_ids: tuple[str, ...]
    # Every organisation the user works for has signed (False when there is none).
    organisation_signed: bool


def _registration(row: Any) -> Registration:
    organisations = [(str(o[0]), o[1] is True) for o in row["organisations"]]
    return Registration(
        user_id=str(row["id"]),
        status=str(row["status"]),
        kind=str(row["kind"]),
        roles=frozenset(str(r) for r in row["roles"]),
        requested_roles=tuple(str(r) for r in row["requestedRoles"]),
        user_agreement_version=row["userAgreementVersion"],
        organisation_ids=tuple(sorted(o[0] for o in organisations)),
        organisation_signed=bool(organisations) and all(o[1] for o in organisations),
    )


async def registration(tx: Tx, user_id: str) -> Registration | None:
    """The user's entry in the register, or None when they are not in it."""
    rows = await fetch(tx, _REGISTRATION, id=user_id)
    return _registration(rows[0]) if rows else None


async def listing(tx: Tx, status: str | None, after: str | None, limit: int) -> list[Registration]:
    """Users in the register, in id order after ``after``, of ``status`` or of any."""
    rows = await fetch(tx, _LISTING, status=status, after=after, limit=limit)
    return [_registration(r) for r in rows]


async def count(tx: Tx, status: str | None) -> int:
    """How many users in the register are of ``status`` (of any, for None)."""
    return int((await fetch(tx, _COUNT, status=status))[0]["n"])


# Bumped by every change to the register made in this process, whichever app made it (tests run
# several apps in one process): an entry read before the change is not used after it.
_generation = 0


def changed() -> None:
    """Say the register has changed: every AccessRegister of this process reads afresh."""
    global _generation
    _generation += 1


class AccessRegister:
    """User id -> Registration, each entry kept at most ``ttl_seconds`` and dropped by
    ``changed``. Unknown users are cached too (as None), so a token for someone the register has
    never heard of costs no more than one read per ``ttl_seconds``. A failed read
    (GraphUnavailable) propagates and leaves nothing behind. ``ttl_seconds`` 0 reads every time.
    """

    def __init__(
        self,
        db: Database,
        ttl_seconds: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._db = db
        self._ttl = ttl_seconds
        self._cache = TimedCache[str, Registration | None](
            ttl_seconds, clock, generation=lambda: _generation
        )

    @property
    def ttl_seconds(self) -> float:
        return self._ttl

    async def registration(self, user_id: str) -> Registration | None:
        """The user's entry, from this process's copy while it is fresh."""
        return await self._cache.get(user_id, lambda: self._db.read(registration, user_id))
