"""Keeps each person's consent summary current as days pass: a background loop in each API process.

A summary holds until a day (graph.consent_summary): the day before a consent given for a later
day begins, or the day the first one expires. Nothing is written on that day, so after it the
summary has lapsed and every check of that person reads their Consent nodes instead, which is
correct but slower (a families page asks for their answers in a statement of its own). So each
process summarises the lapsed afresh when it starts and then every ``every_seconds``; a day
rolls over at midnight UTC, and the index of migration 18 makes a run that finds nobody cheap.
Several processes may run it at once: a summary written twice is the same summary.

    upkeep = ConsentUpkeep(db, every_seconds=3600)
    upkeep.start()
    await upkeep.ran_once()   # the first run is over (tests)
    await upkeep.stop()
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from graph import consent_summary
from graph.database import Database
from graph.errors import GraphUnavailable

_log = logging.getLogger(__name__)


class ConsentUpkeep:
    def __init__(self, db: Database, every_seconds: float) -> None:
        self._db = db
        self._every = every_seconds
        self._ran = asyncio.Event()
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def ran_once(self) -> None:
        await self._ran.wait()

    async def stop(self, grace_seconds: float = 10.0) -> None:
        """Stop between runs: a run under way is let finish (within ``grace_seconds``), as one
        cut off mid-statement leaves the driver's connection half made."""
        if self._task is None:
            return
        self._stopping.set()
        with contextlib.suppress(TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(self._task, grace_seconds)

    async def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                refreshed = await self._db.write_statement(consent_summary.refresh_lapsed)
            except GraphUnavailable as exc:
                # Checks stay correct meanwhile (they read the Consent nodes): try again later.
                _log.warning("could not refresh lapsed consent summaries: %s", exc)
            except Exception:
                # Anything else is a fault to see in the log; the loop goes on, checks stay correct.
                _log.exception("refreshing lapsed consent summaries failed")
            else:
                if refreshed:
                    _log.info("refreshed %d lapsed consent summaries", refreshed)
            self._ran.set()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self._every)
