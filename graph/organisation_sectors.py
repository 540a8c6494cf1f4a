"""The sector of each organisation, cached for the process: consent checks take the viewer
organisation's sector as a parameter (graph.consent_scope) instead of matching the organisation
in a subquery for every consent.

    sectors = OrganisationSectors(db)
    viewer = Viewer(..., organisation_sector=await sectors.of(principal.organisation_id))

Sectors are catalogue data that no mutation changes; an entry is kept for ``ttl_seconds`` so a fix
made to the data out of band is picked up within that time (read again in the background before
then while it is in use: ``graph._timed_cache``).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from graph._cypher import Tx, fetch
from graph._timed_cache import TimedCache
from graph.database import Database

_SECTOR = "MATCH (o:Organisation {id: $id}) RETURN o.sector AS sector"


async def sector_of(tx: Tx, organisation_id: str) -> str | None:
    """The sector of the organisation, or None when it has none or does not exist."""
    rows = await fetch(tx, _SECTOR, id=organisation_id)
    sector = rows[0]["sector"] if rows else None
    return None if sector is None else str(sector)


class OrganisationSectors:
    """Organisation id -> sector, each entry read at most once per ``ttl_seconds``.

    An unknown organisation is cached as None like any other answer (it matches no sector). A
    failed read (GraphUnavailable) propagates and leaves nothing behind, so the next call reads
    again. Keys come from verified tokens' organisation claims, so the cache grows with the
    partners, not with the requests.
    """

    def __init__(
        self,
        db: Database,
        ttl_seconds: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._db = db
        self._cache = TimedCache[str, str | None](ttl_seconds, clock)

    async def of(self, organisation_id: str) -> str | None:
        """The sector of the organisation, from the cache while its entry is fresh."""
        return await self._cache.get(
            organisation_id, lambda: self._db.read(sector_of, organisation_id)
        )
