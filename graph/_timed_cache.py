"""A value per key, read from Neo4j at most once per ``ttl_seconds`` and refreshed before it is due.

    cache = TimedCache[str, Registration | None](ttl_seconds=2.0)
    found = await cache.get(user_id, lambda: db.read(registration, user_id))

An entry is used only until ``ttl_seconds`` after its read began, never later. Used in the second
half of that time, it is read again in the background while the caller goes on with it, so a key
in steady use is always fresh and no request waits for the read: a request that did would wait as
long as Neo4j takes to answer, and Neo4j answers slowly while a job writes at full speed. A key
used less often than once per ``ttl_seconds`` is read by the request that finds it stale, as
before.

``generation`` tells the cache that what it holds may be out of date (the caller bumps it when it
changes what is cached): an entry read under another generation is not used, and a read that was
in flight when it changed is not kept. A failed read (GraphUnavailable) propagates to the request
that made it and leaves nothing behind; a failed background read leaves the entry as it was, to be
used until its time is up.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ["TimedCache"]

K = TypeVar("K")
V = TypeVar("V")

_log = logging.getLogger("graph")

_SWEEP_AT = 10_000  # entries are only dropped when stale; past this many, stale ones are swept


@dataclass(frozen=True)
class _Entry(Generic[V]):
    until: float
    generation: int
    value: V


def _no_generations() -> int:
    return 0


class TimedCache(Generic[K, V]):
    """Key -> value, each used at most ``ttl_seconds`` after its read began (0: read every
    time), refreshed in the background once past half that time."""

    def __init__(
        self,
        ttl_seconds: float,
        clock: Callable[[], float] = time.monotonic,
        generation: Callable[[], int] = _no_generations,
    ) -> None:
        self._ttl = ttl_seconds
        self._clock = clock
        self._generation = generation
        self._entries: dict[K, _Entry[V]] = {}
        self._refreshing: dict[K, asyncio.Task[None]] = {}

    async def get(self, key: K, read: Callable[[], Awaitable[V]]) -> V:
        """The value for ``key``: the cached one while it is fresh, else ``read()``'s."""
        entry = self._entries.get(key)
        now = self._clock()
        if entry is not None and entry.generation == self._generation() and now < entry.until:
            if now >= entry.until - self._ttl / 2 and key not in self._refreshing:
                self._refresh(key, read)
            return entry.value
        return await self._read(key, read)

    async def _read(self, key: K, read: Callable[[], Awaitable[V]]) -> V:
        # Taken before the read: a change made while it is in flight makes it stale at once, and
        # the entry's time runs from when Neo4j was asked, not from when it answered.
        generation = self._generation()
        started = self._clock()
        value = await read()
        if self._ttl > 0:
            if len(self._entries) >= _SWEEP_AT:
                self._sweep()
            self._entries[key] = _Entry(started + self._ttl, generation, value)
        return value

    def _refresh(self, key: K, read: Callable[[], Awaitable[V]]) -> None:
        task = asyncio.get_running_loop().create_task(self._quietly(key, read))
        self._refreshing[key] = task
        task.add_done_callback(lambda _: self._refreshing.pop(key, None))

    async def _quietly(self, key: K, read: Callable[[], Awaitable[V]]) -> None:
        try:
            await self._read(key, read)
        except Exception:  # the entry stays until its time is up; a request then reads itself
            _log.warning("refreshing a cached entry failed; it is read again when due")

    def _sweep(self) -> None:
        now = self._clock()
        current = self._generation()
        self._entries = {
            key: entry
            for key, entry in self._entries.items()
            if entry.generation == current and now < entry.until
        }
