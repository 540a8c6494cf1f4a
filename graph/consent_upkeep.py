"""Keeps each person's consent summary current as days pass: a background loop in each API process.

A summary holds until a day (graph.consent_summary): the day before a consent expires or a
decision dated later begins, or a child with a parent's decision on record turns 18. Nothing is
written on that day, so after it the summary has lapsed and covers nothing (a lapsed summary can
withhold, never over-disclose). So each process summarises the lapsed afresh when it starts, just
after each midnight UTC (when days roll over) and every ``every_seconds`` between; the index of
migration 19 makes a run that finds nobody cheap. At start it also summarises everyone afresh if
the consent age in force differs from the one the summaries were written with. Several processes
may run it at once: a summary written twice is the same summary.

    upkeep = ConsentUpkeep(db, every_seconds=3600, consent_age=13)
    upkeep.start()
    await upkeep.ran_once()   # the first run is over (tests)
    await upkeep.stop()
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable

from domain.consent import DEFAULT_CONSENT_AGE
from graph import consent_summary
from graph.database import Database
from graph.errors import GraphUnavailable

_log = logging.getLogger(__name__)
# After midnight UTC, a little slack so that the database's date() has rolled over too.
_AFTER_MIDNIGHT = dt.timedelta(seconds=2)


def seconds_until_next_run(now: dt.datetime, every_seconds: float) -> float:
    """Until the next run: ``every_seconds``, or sooner if a day begins before then."""
    midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(), dt.UTC)
    return max(0.0, min(every_seconds, (midnight + _AFTER_MIDNIGHT - now).total_seconds()))


class ConsentUpkeep:
    def __init__(
        self,
        db: Database,
        every_seconds: float,
        consent_age: int = DEFAULT_CONSENT_AGE,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        self._db = db
        self._every = every_seconds
        self._consent_age = consent_age
        self._clock = clock
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

    async def _consent_age_checked(self) -> None:
        in_force = await self._db.read(consent_summary.consent_age_in_force)
        if in_force == self._consent_age:
            return
        rewritten = await consent_summary.refresh_all(self._db, self._consent_age)
        await self._db.write(consent_summary.record_consent_age, self._consent_age)
        _log.info("consent age %s: summarised %d people afresh", self._consent_age, rewritten)

    async def _run(self) -> None:
        checked_age = False
        while not self._stopping.is_set():
            try:
                if not checked_age:
                    await self._consent_age_checked()
                    checked_age = True
                refreshed = await consent_summary.refresh_lapsed(self._db, self._consent_age)
            except GraphUnavailable as exc:
                # Lapsed summaries withhold meanwhile (they never over-disclose): try again later.
                _log.warning("could not refresh lapsed consent summaries: %s", exc)
            except Exception:
                # Anything else is a fault to see in the log; the loop goes on.
                _log.exception("refreshing lapsed consent summaries failed")
            else:
                if refreshed:
                    _log.info("refreshed %d lapsed consent summaries", refreshed)
            self._ran.set()
            wait = seconds_until_next_run(self._clock(), self._every)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), wait)
